// Reading an IIS application pool, as the app-pool steps, their judges, undo and the survey share it.
//
// Why the WebAdministration module's configuration cmdlets (Get-/Set-WebConfigurationProperty on
// 'MACHINE/WEBROOT/APPHOST' with an applicationPools XPath filter, New-/Remove-/Start-/Restart-WebAppPool,
// Get-WebAppPoolState, Get-Website):
//   - the module ships with the "IIS Management Scripts and Tools" role service (Web-Scripting-Tools) on every IIS
//     version since 7.5 and loads in Windows PowerShell 5.1; the host check tests for the module and that feature;
//   - these cmdlets need no IIS: drive (the provider's Get-Item IIS:\AppPools\X paths are a second syntax to model);
//   - their signatures are documented (docset WebAdministration) and modelled one to one in the lab;
//   - appcmd.exe answers text, not objects, and lives in %windir%\system32\inetsrv, which is not on PATH;
//   - IISAdministration (Get-IISAppPool, ...) is in-box only from Windows Server 2016 / IIS 10 (older hosts need it
//     from the PowerShell Gallery). Microsoft Learn calls WebAdministration superseded by it, but WebAdministration is
//     still in-box and documented for Windows Server 2025 (docset winserver2025-ps), so it reaches every host.
// Enumerated attributes come back as their names ('SpecificUser'), some versions answer the numbers of the schema
// (processModel.identityType 0..4, managedPipelineMode 0..1): both are read. A value may come back as the attribute
// object (ConfigurationAttribute, with .Value) or as the value itself: Get-MsaPoolValue unwraps either.
//
// The pool name is data: it reaches PowerShell as a literal, and the XPath filter puts it between double quotes,
// a character IIS refuses in pool names (settings.ts), so no name can end the XPath string.
import { ps } from '../../powershell/script.js';

/** The configuration path of applicationHost.config, for -PSPath. */
export const APPHOST = 'MACHINE/WEBROOT/APPHOST';

/** The built-in identities a pool can go back to without a password. */
export const BUILTIN_IDENTITIES = ['ApplicationPoolIdentity', 'NetworkService', 'LocalService', 'LocalSystem'] as const;

/** PowerShell: Get-MsaPoolFilter, Get-MsaPoolValue, Read-MsaAppPool, Get-MsaBareAccount. */
export const READ_POOL = ps`function Get-MsaPoolFilter {
    param([string]$Name)
    # IIS refuses " in a pool name, so the name stands between double quotes in the XPath.
    if ($Name.Contains('"')) { throw ('IIS does not allow a double quote in an application pool name: ' + $Name) }
    return ('system.applicationHost/applicationPools/add[@name="' + $Name + '"]')
}
function Get-MsaPoolPath {
    param([string]$Name, [string]$Property)
    # 'processModel.identityType' is the attribute identityType of the pool's processModel element, addressed as
    # IIS Manager's Configuration Editor scripts it: -Filter .../add[@name="X"]/processModel -Name identityType.
    $filter = Get-MsaPoolFilter $Name
    $i = $Property.LastIndexOf('.')
    if ($i -gt 0) { return @{ Filter = ($filter + '/' + $Property.Substring(0, $i)); Name = $Property.Substring($i + 1) } }
    return @{ Filter = $filter; Name = $Property }
}
function Get-MsaPoolValue {
    param([string]$Name, [string]$Property)
    $at = Get-MsaPoolPath $Name $Property
    $v = Get-WebConfigurationProperty -PSPath ${APPHOST} -Filter $at.Filter -Name $at.Name
    if ($null -eq $v) { return $null }
    if ($v -isnot [string] -and $null -ne $v.PSObject.Properties['Value']) { return [string]$v.Value }
    return [string]$v
}
function Set-MsaPoolValue {
    param([string]$Name, [string]$Property, $Value)
    $at = Get-MsaPoolPath $Name $Property
    Set-WebConfigurationProperty -PSPath ${APPHOST} -Filter $at.Filter -Name $at.Name -Value $Value
}
function Get-MsaBareAccount {
    param($Account)
    return ((([string]$Account) -replace '^.*\\\\', '') -replace '@.*$', '').ToLowerInvariant()
}
function Read-MsaAppPool {
    param([string]$Name)
    if ($null -eq (Get-MsaPoolValue $Name 'name')) { return $null }
    $types = @{ '0' = 'LocalSystem'; '1' = 'LocalService'; '2' = 'NetworkService'; '3' = 'SpecificUser'; '4' = 'ApplicationPoolIdentity' }
    $type = [string](Get-MsaPoolValue $Name 'processModel.identityType')
    if ($types.ContainsKey($type)) { $type = $types[$type] }
    $pipeline = [string](Get-MsaPoolValue $Name 'managedPipelineMode')
    if ($pipeline -eq '0') { $pipeline = 'Integrated' }
    if ($pipeline -eq '1') { $pipeline = 'Classic' }
    [ordered]@{
        name = $Name; identityType = $type; userName = [string](Get-MsaPoolValue $Name 'processModel.userName')
        runtime = [string](Get-MsaPoolValue $Name 'managedRuntimeVersion'); pipeline = $pipeline
        state = [string](Get-WebAppPoolState -Name $Name).Value
    }
}`;
