# The lab ActiveDirectory module: Microsoft's ActiveDirectory cmdlets (signatures generated in
# ActiveDirectory.Signatures.ps1) over the lab domain's state file. Objects come back as the real .NET types
# (ADServiceAccount, ADComputer, ...) with the real property names in their property collection and the real default
# property sets; errors carry the real exception types, FullyQualifiedErrorIds and categories (electron/common/powershell/errors.ts).
# Semantics the wizard depends on: KDS root keys per DC (no usable key => "Key does not exist"), replication delay
# (objects created on one DC are invisible on the others until replicationDelayMinutes passed), the 15-character
# sAMAccountName limit of service accounts, sMSA links, gMSA password access through the computer's CURRENT Kerberos
# ticket, matching encryption types, and Domain Admin rights for every write.
# Windows PowerShell 5.1 syntax only: practice mode runs on real Windows servers too.
#
# This file only loads the module. Each cmdlet's LabImpl-<Cmdlet> (called by its generated signature) is in:
#   ServiceAccounts.ps1          Get-/New-/Set-/Remove-ADServiceAccount, Get-/Add-/Remove-ADComputerServiceAccount
#   ServiceAccountInstall.ps1    Install-/Uninstall-/Test-ADServiceAccount, Reset-ADServiceAccountPassword
#   ServiceAccountMigration.ps1  Start-/Complete-/Undo-/Reset-ADServiceAccountMigration
#   Groups.ps1                   Get-/New-/Set-/Remove-ADGroup, Get-/Add-/Remove-ADGroupMember, Get-ADPrincipalGroupMembership
#   Computers.ps1                Get-/New-/Set-ADComputer
#   UsersAndObjects.ps1          Get-/Set-ADUser, Get-ADOrganizationalUnit, Get-/Set-/Remove-ADObject, Set-ADAccountControl
#   DomainAndForest.ps1          Get-ADDomain, Get-ADForest, Get-ADRootDSE, Get-ADDomainController
#   Replication.ps1              Get-ADReplicationPartnerMetadata, Get-ADReplicationFailure
#   PasswordPolicies.ps1         Get-ADDefaultDomainPasswordPolicy, Get-ADFineGrainedPasswordPolicy, Get-ADUserResultantPasswordPolicy
# and the helpers they share in Private/ (every Set-AD*/New-AD* property write goes through SetProperties.ps1, onto
# the LDAP attributes kept per object as Attributes.ps1 describes). Dot-sourced files run in this module's scope:
# their functions and $script: variables are the module's, and only the generated cmdlets below are exported.
Import-Module LabCore
. (Join-Path $PSScriptRoot 'ActiveDirectory.Signatures.ps1')

Set-StrictMode -Off

. (Join-Path $PSScriptRoot 'Private/Errors.ps1')
. (Join-Path $PSScriptRoot 'Private/Values.ps1')
. (Join-Path $PSScriptRoot 'Private/ObjectClasses.ps1')
. (Join-Path $PSScriptRoot 'Private/Attributes.ps1')
. (Join-Path $PSScriptRoot 'Private/Identity.ps1')
. (Join-Path $PSScriptRoot 'Private/OutputObjects.ps1')
. (Join-Path $PSScriptRoot 'Private/Security.ps1')
. (Join-Path $PSScriptRoot 'Private/Filters.ps1')
. (Join-Path $PSScriptRoot 'Private/Search.ps1')
. (Join-Path $PSScriptRoot 'Private/Writes.ps1')
. (Join-Path $PSScriptRoot 'Private/SetProperties.ps1')
. (Join-Path $PSScriptRoot 'Private/DomainControllers.ps1')
. (Join-Path $PSScriptRoot 'Private/Display.ps1')

. (Join-Path $PSScriptRoot 'ServiceAccounts.ps1')
. (Join-Path $PSScriptRoot 'ServiceAccountInstall.ps1')
. (Join-Path $PSScriptRoot 'ServiceAccountMigration.ps1')
. (Join-Path $PSScriptRoot 'Groups.ps1')
. (Join-Path $PSScriptRoot 'Computers.ps1')
. (Join-Path $PSScriptRoot 'UsersAndObjects.ps1')
. (Join-Path $PSScriptRoot 'DomainAndForest.ps1')
. (Join-Path $PSScriptRoot 'Replication.ps1')
. (Join-Path $PSScriptRoot 'PasswordPolicies.ps1')

# The generated manifest lists the cmdlets (one list: scripts/gen-lab-signatures.ts); the LabImpl- functions stay private.
Export-ModuleMember -Function (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'ActiveDirectory.psd1')).FunctionsToExport
