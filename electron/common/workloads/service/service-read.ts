// Reading a Windows service as plain data, shared by the steps, the undo scripts and the survey: the WQL filter for
// one service name, the PowerShell that finds it through CIM (Win32_Service: the class that also carries the Change
// method the account step needs, so the step reads and changes the same object), and which logon accounts need a
// password (those the wizard can never put back).
import { z } from 'zod';
import { ps } from '../../powershell/script.js';

/**
 * A WQL string literal: the WHERE clause documentation escapes a backslash, a double quote and a single quote with a
 * backslash, so a service name cannot end the filter early. The whole filter then travels to PowerShell as one
 * literal (ps``).
 */
export function wqlString(value: string): string {
  return `'${value.replace(/[\\'"]/g, (c) => `\\${c}`)}'`;
}

/** -Filter for Get-CimInstance -ClassName Win32_Service: the service with this name (WQL compares case-insensitively). */
export const serviceFilter = (name: string): string => `Name=${wqlString(name)}`;

/**
 * PowerShell: Get-MsaServiceOrNull -Filter finds one Win32_Service (or $null); Read-MsaService turns it into plain data;
 * Get-MsaServiceController gets its ServiceController by exact name (for -InputObject of the service cmdlets);
 * Test-MsaNeedsPassword tells a logon account the SCM holds a password for (a user account) from those it does not
 * (LocalSystem, NT AUTHORITY\..., NT SERVICE\..., managed accounts name$).
 */
export const READ_SERVICE = ps`function Get-MsaServiceOrNull {
    param([string]$Filter)
    return (Get-CimInstance -ClassName Win32_Service -Filter $Filter | Select-Object -First 1)
}
function Read-MsaService {
    param($Service)
    if ($null -eq $Service) { return $null }
    [ordered]@{
        name = [string]$Service.Name; displayName = [string]$Service.DisplayName; state = [string]$Service.State
        startMode = [string]$Service.StartMode; startName = [string]$Service.StartName; pathName = [string]$Service.PathName
        serviceType = [string]$Service.ServiceType; processId = [long]$Service.ProcessId; exitCode = [long]$Service.ExitCode
    }
}
function Get-MsaServiceController {
    param([string]$Name)
    # By its exact name: the service cmdlets' -Name takes wildcards, and a service name may hold * ? [ ].
    return (Get-Service | Where-Object { $_.Name -eq $Name } | Select-Object -First 1)
}
function Test-MsaNeedsPassword {
    param([string]$StartName)
    if ([string]::IsNullOrEmpty($StartName)) { return $false }
    if ($StartName -eq 'LocalSystem' -or $StartName -eq '.\\LocalSystem') { return $false }
    if ($StartName -like 'NT AUTHORITY\\*' -or $StartName -like 'NT SERVICE\\*') { return $false }
    if ($StartName -like '*$' -or $StartName -like '*$@*') { return $false }
    return $true
}`;

export const serviceRaw = z.object({
  name: z.string(),
  displayName: z.string(),
  state: z.string(),
  startMode: z.string(),
  startName: z.string(),
  pathName: z.string(),
  serviceType: z.string(),
  processId: z.number(),
  exitCode: z.number(),
});
export type ServiceRaw = z.infer<typeof serviceRaw>;

/** 'CONTOSO\\svc-app$' / 'svc-app$@contoso.com' / 'svc-app$' → 'svc-app$' (lower case). */
export const bareAccount = (name: string): string => name.replace(/^.*\\/, '').replace(/@.*$/, '').toLowerCase();

/** Whether a service's StartName names the account (the SCM may store DOMAIN\name$ or name$@domain). */
export const isAccount = (startName: string, account: string): boolean =>
  startName !== '' && bareAccount(startName) === bareAccount(account);

/** The same test as Test-MsaNeedsPassword: a user account, whose password the wizard cannot put back. */
export function needsPassword(startName: string): boolean {
  const s = startName.toLowerCase();
  if (s === '' || s === 'localsystem' || s === '.\\localsystem') return false;
  if (s.startsWith('nt authority\\') || s.startsWith('nt service\\')) return false;
  return !(s.endsWith('$') || /\$@/.test(s));
}

/** A StartName as an admin reads it: '' is LocalSystem. */
export const accountWords = (startName: string): string => (startName === '' ? 'LocalSystem' : startName);
