# WebAdministration: the lab's IIS configuration and application-pool cmdlets on the current lab computer (its
# hosts.<computer>.iis; the IIS model itself is in ../LabIis). Returned objects carry the real type names
# (Microsoft.IIs.PowerShell.Framework.ConfigurationElement / ConfigurationAttribute), and errors the
# FullyQualifiedErrorId of the real Microsoft.IIs.PowerShell.Provider cmdlet. Not modelled: the IIS: drive (use
# -PSPath 'MACHINE/WEBROOT/APPHOST' with -Filter; Get-WebFilePath reads IIS:\Sites\<site> paths only), <location>
# tags and web.config files. Errors are thrown (terminating); the real cmdlets write most of them as non-terminating
# errors, which stop the same way under -ErrorAction Stop.
#   AppPools.ps1       New-/Remove-/Start-/Stop-/Restart-WebAppPool, Get-WebAppPoolState
#   Configuration.ps1  Get-/Set-WebConfigurationProperty
#   Sites.ps1          Get-Website, New-Website, Get-WebFilePath
# Windows PowerShell 5.1 syntax only.
Import-Module LabCore
Import-Module LabIis
. (Join-Path $PSScriptRoot 'WebAdministration.Signatures.ps1')

Set-StrictMode -Off

. (Join-Path $PSScriptRoot 'AppPools.ps1')
. (Join-Path $PSScriptRoot 'Configuration.ps1')
. (Join-Path $PSScriptRoot 'Sites.ps1')

Export-ModuleMember -Function (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'WebAdministration.psd1')).FunctionsToExport
