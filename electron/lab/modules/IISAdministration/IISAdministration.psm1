# IISAdministration: the lab's Get-IISAppPool, Get-IISSite, Get-IISConfigSection, Get-/Set-IISConfigAttributeValue
# and Start-/Stop-IISCommitDelay on the current lab computer's IIS (../LabIis). The real module hands out
# Microsoft.Web.Administration objects (ApplicationPool, Site, ConfigurationSection: all ConfigurationElements),
# absent off Windows: here they are PSCustomObjects with the real type names and property names, each remembering
# which element it stands for, so Get-/Set-IISConfigAttributeValue read and write that element in the lab state.
# Writes commit at once, or at Stop-IISCommitDelay when a commit delay is open (as the real module batches them).
# Enum attributes read as their names. Not modelled: Get-IISServerManager (a live ServerManager whose
# CommitChanges the lab could not honour faithfully), the config collection cmdlets, sections other than
# system.applicationHost/applicationPools and /sites.
# Windows PowerShell 5.1 syntax only.
Import-Module LabCore
Import-Module LabIis
. (Join-Path $PSScriptRoot 'IISAdministration.Signatures.ps1')

Set-StrictMode -Off

. (Join-Path $PSScriptRoot 'Elements.ps1')
. (Join-Path $PSScriptRoot 'Config.ps1')

Export-ModuleMember -Function (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'IISAdministration.psd1')).FunctionsToExport
