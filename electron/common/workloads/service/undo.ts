// Undo of the service steps: a service the run created is stopped and deleted (Win32_Service.Delete: Remove-Service
// exists only from PowerShell 6); a logon account the run changed is set back only while the service still runs as
// the managed account (an admin may have set it back, or changed it, since: then it is left as is). Going back needs
// no password for LocalSystem, NT AUTHORITY\LocalService or NetworkService, NT SERVICE\..., another managed account
// name$; the service is then restarted if it runs, so the old account takes effect. A user account cannot be put back
// (the wizard never has its password), nor an account the journal does not know (a cut-off step): while the service
// still runs as the managed account, the script stops, before it changes anything, asking the admin to set the
// account back by hand and undo again. One round trip: every service is read and judged before any change.
import { samOf } from '../../plan/plan-schema.js';
import { joinScripts, ps, type PsScript } from '../../powershell/script.js';
import { NOTHING, type CreatedObject } from '../../steps/types.js';
import type { WorkloadContext } from '../types.js';
import { decodeChangeReturn } from './codes.js';
import { SERVICE_CREATED, SERVICE_LOGON } from './kinds.js';
import { accountWords, needsPassword, serviceFilter } from './service-read.js';
import type { ServiceSettings } from './settings.js';

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** What Change takes to go back: StartName and StartPassword ('' for built-in accounts, as documented; $null for name$). */
function restoreArguments(previous: string): { startName: string; password: string | null } {
  if (previous === '' || /^(\.\\)?localsystem$/i.test(previous)) return { startName: 'LocalSystem', password: '' };
  if (/\$$|\$@/.test(previous)) return { startName: previous, password: null };
  return { startName: previous, password: '' };
}

function deleteScript(name: string): PsScript {
  return ps`# Delete the service ${name} this run created (stopped first; Win32_Service.Delete marks it for deletion).
$svc = Get-MsaServiceOrNull -Filter ${serviceFilter(name)}
if ($null -ne $svc) {
    if ([string]$svc.State -ne 'Stopped') { Stop-Service -InputObject (Get-MsaServiceController ${name}) -Force }
    $result = Invoke-CimMethod -InputObject $svc -MethodName Delete
    if ([long]$result.ReturnValue -ne 0) { throw ('Could not delete the service ' + ${name} + ': Win32_Service.Delete returned ' + $result.ReturnValue + ' (' + $codes[[string]$result.ReturnValue] + ').') }
}`;
}

/** Why undo cannot set this service back itself, and what the admin does instead (then undoes again). */
function blockedWords(name: string, previous: string | undefined): string {
  const why =
    previous === undefined
      ? `the account it ran as before this run is not known (the step was cut off before it reported it)`
      : `undo cannot set it back to the user account ${previous}: that needs the account's password, which the wizard never asks for, handles or stores`;
  return `${name} still runs as the managed account, and ${why}. Set its account back yourself in services.msc (${name}, Log On tab: "This account" and its password) or with sc.exe config, then undo again.`;
}

/**
 * Reads one changed service and decides, changing nothing: 'left' (gone, or no longer the managed account),
 * 'restore' (still ours, the previous account needs no password) or 'blocked' (still ours, it would).
 */
function decideScript(c: CreatedObject): PsScript {
  const name = c.identity;
  const restorable = c.previous !== undefined && !needsPassword(c.previous);
  const decide = restorable
    ? ps`[void]$restore.Add(${{ name, filter: serviceFilter(name), previous: accountWords(c.previous ?? ''), ...restoreArguments(c.previous ?? '') }})`
    : ps`[void]$blocked.Add(${blockedWords(name, c.previous)})`;
  return ps`$svc = Get-MsaServiceOrNull -Filter ${serviceFilter(name)}
if ($null -eq $svc) { [void]$report.Add(${`${name}: left as is: the service no longer exists.`}) }
elseif (-not (Test-MsaOurAccount ([string]$svc.StartName))) { [void]$report.Add(${`${name}: left as is: now runs as `} + (Get-MsaAccountWords ([string]$svc.StartName)) + '.') }
else { ${decide} }`;
}

export function undoServiceChanges(created: readonly CreatedObject[], ctx: WorkloadContext<ServiceSettings>): PsScript {
  const deleted = created.filter((c) => c.kind === SERVICE_CREATED);
  // A service this run created is deleted: its logon account needs no separate undo.
  const logons = created.filter(
    (c) => c.kind === SERVICE_LOGON && !deleted.some((d) => sameName(d.identity, c.identity)),
  );
  if (deleted.length === 0 && logons.length === 0) return NOTHING;
  const codes = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [String(i), decodeChangeReturn(i).name]));
  // Get-MsaServiceOrNull and the other service helpers come with the step's needs (the helper region).
  return joinScripts([
    ps`$codes = ${codes}
$report = New-Object System.Collections.ArrayList`,
    ...(logons.length === 0 ? [] : [restoreScript(logons, ctx)]),
    ...deleted.map((c) => deleteScript(c.identity)),
    ps`,@($report)`,
  ]);
}

/** Reads every changed service, decides, then (nothing blocked) sets back those that still run as the account. */
function restoreScript(logons: readonly CreatedObject[], ctx: WorkloadContext<ServiceSettings>): PsScript {
  return joinScripts([
    ps`$restore = New-Object System.Collections.ArrayList
$blocked = New-Object System.Collections.ArrayList
# The managed account by its full name (compared case-insensitively): a service now under any other account was
# changed after this run, and undo leaves it as it is.
$account = Get-MsaTaskAccount ${samOf(ctx.plan)}
function Test-MsaOurAccount {
    param([string]$StartName)
    return ($StartName -eq $account)
}
function Get-MsaAccountWords {
    param([string]$StartName)
    if ([string]::IsNullOrEmpty($StartName)) { return 'LocalSystem' }
    return $StartName
}`,
    ...logons.map(decideScript),
    ps`# Decided before any change: a service that must be set back by hand stops the whole undo here.
if ($blocked.Count -gt 0) { throw ((@($blocked) -join ' ') + ' Nothing was changed.') }
foreach ($item in @($restore)) {
    # Set the service back to the account it ran as (no password needed), and restart it if it runs so that account takes effect.
    $svc = Get-MsaServiceOrNull -Filter $item.filter
    $result = Invoke-CimMethod -InputObject $svc -MethodName Change -Arguments @{ StartName = $item.startName; StartPassword = $item.password }
    if ([long]$result.ReturnValue -ne 0) { throw ('Could not set ' + $item.name + ' back to ' + $item.startName + ': Win32_Service.Change returned ' + $result.ReturnValue + ' (' + $codes[[string]$result.ReturnValue] + ').') }
    if ([string]$svc.State -eq 'Running') { Restart-Service -InputObject (Get-MsaServiceController $item.name) -Force }
    [void]$report.Add($item.name + ': set back to ' + $item.previous + '.')
}`,
  ]);
}
