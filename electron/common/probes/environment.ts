// The environment probe: who and where the wizard runs (computer, user, domain, elevation, PowerShell). One round trip.
// Written against what Windows itself offers (environment variables, whoami), which practice mode simulates.
import { environmentSchema, type EnvironmentInfo } from '../api/contract.js';
import { PsScript } from '../powershell/script.js';

export const ENVIRONMENT_PROBE =
  PsScript.fromTrustedSource(`# Who and where: computer, user, domain, elevation, PowerShell.
$groups = Invoke-MsaNative -FilePath 'whoami' -ArgumentList '/groups', '/fo', 'csv', '/nh'
# The High Mandatory Level label (S-1-16-12288) is in the token only when the process is elevated.
$elevated = [bool](@($groups.Output | Where-Object { $_ -match 'S-1-16-12288' }).Count)
$domain = $null
if ($env:USERDNSDOMAIN) { $domain = $env:USERDNSDOMAIN.ToLowerInvariant() }
$lab = $null
if (Get-Command -Name 'Get-LabContext' -ErrorAction SilentlyContinue) {
    $labContext = Get-LabContext
    $lab = [ordered]@{ scenario = (Get-LabState).scenario; domainController = $labContext.DomainController }
}
[ordered]@{
    computer          = [string]$env:COMPUTERNAME
    user              = [string]($env:USERDOMAIN + '\\' + $env:USERNAME)
    domain            = $domain
    elevated          = $elevated
    powershellVersion = $PSVersionTable.PSVersion.ToString()
    powershellEdition = [string]$PSVersionTable.PSEdition
    lab               = $lab
}`);

export function parseEnvironment(data: readonly unknown[]): EnvironmentInfo {
  return environmentSchema.parse(data[data.length - 1]);
}
