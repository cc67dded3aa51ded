# LabIis: the lab's IIS, shared by the WebAdministration and IISAdministration stand-ins (not a Windows module; like
# LabCore it is lab plumbing, and exports helpers only those two modules call).
#   Config.ps1   applicationHost.config as the lab keeps it (hosts.<computer>.iis), the XPath subset the
#                configuration cmdlets take, each element's attributes with their IIS schema types
#   Objects.ps1  the objects the cmdlets return (ConfigurationAttribute, ConfigurationElement, site, pool state)
#   Was.ps1      WAS starting a pool: whether its identity can log on (batch logon right, managed password
#                retrieval), and the System log events it writes when it cannot (5021, 5057, 5059), kept in
#                hosts.<computer>.systemEvents, which LabTools' Get-WinEvent reads; a committed processModel
#                change recycles a Started pool (unless recycling@disallowRotationOnConfigChange)
# IIS exists on a host whose Web-Server feature is installed (ServerManager state); elsewhere the cmdlets are
# missing, as the modules are on Windows without the IIS management tools. Reading or writing applicationHost.config
# needs an elevated administrator, as on Windows.
# Windows PowerShell 5.1 syntax only.
Import-Module LabCore

Set-StrictMode -Off

. (Join-Path $PSScriptRoot 'Config.ps1')
. (Join-Path $PSScriptRoot 'Objects.ps1')
. (Join-Path $PSScriptRoot 'Was.ps1')

Export-ModuleMember -Function @(
    'Assert-LabIisAvailable', 'Get-LabIisConfig', 'Find-LabIisPool', 'Find-LabIisSite', 'New-LabIisPool',
    'Resolve-LabIisPSPath', 'Resolve-LabIisFilter', 'Get-LabIisNodeTarget', 'Get-LabIisAttributeSpecs', 'ConvertTo-LabIisAttributeValue',
    'Get-LabIisChildNames', 'Get-LabIisItemXPath', 'New-LabIisConfigAttribute', 'New-LabIisConfigElement',
    'New-LabIisPoolObject', 'New-LabIisSiteObject', 'New-LabIisError', 'Expand-LabIisPath',
    'Start-LabIisPool', 'Test-LabIisPoolIdentity', 'Update-LabIisPoolOnConfigChange', 'Get-LabIisRecycling'
)
