// Undo of the service steps: a service the run created is stopped and deleted (Win32_Service.Delete: Remove-Service
// exists only from PowerShell 6); a logon account the run changed is set back when it needs no password (LocalSystem,
// NT AUTHORITY\LocalService or NetworkService, NT SERVICE\..., another managed account name$), then the service is
// restarted if it runs, so the old account takes effect. A user account cannot be put back (the wizard never has its
// password): the script then stops with what to do before it changes anything.
import { joinScripts, ps, type PsScript } from '../../powershell/script.js';
import { NOTHING, type CreatedObject } from '../../steps/types.js';
import { decodeChangeReturn } from './codes.js';
import { SERVICE_CREATED, SERVICE_LOGON } from './kinds.js';
import { accountWords, needsPassword, READ_SERVICE, serviceFilter } from './service-read.js';

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

function restoreScript(name: string, previous: string): PsScript {
  const { startName, password } = restoreArguments(previous);
  return ps`# Set ${name} back to ${accountWords(previous)} (no password needed), and restart it if it runs so that account takes effect.
$svc = Get-MsaServiceOrNull -Filter ${serviceFilter(name)}
if ($null -ne $svc) {
    $result = Invoke-CimMethod -InputObject $svc -MethodName Change -Arguments @{ StartName = ${startName}; StartPassword = ${password} }
    if ([long]$result.ReturnValue -ne 0) { throw ('Could not set ' + ${name} + ' back to ' + ${startName} + ': Win32_Service.Change returned ' + $result.ReturnValue + ' (' + $codes[[string]$result.ReturnValue] + ').') }
    if ([string]$svc.State -eq 'Running') { Restart-Service -InputObject (Get-MsaServiceController ${name}) -Force }
}`;
}

export function undoServiceChanges(created: readonly CreatedObject[]): PsScript {
  const deleted = created.filter((c) => c.kind === SERVICE_CREATED);
  // A service this run created is deleted: its logon account needs no separate undo.
  const logons = created.filter(
    (c) => c.kind === SERVICE_LOGON && !deleted.some((d) => sameName(d.identity, c.identity)),
  );
  if (deleted.length === 0 && logons.length === 0) return NOTHING;
  const unknown = logons.filter((c) => c.previous === undefined);
  const users = logons.filter((c) => c.previous !== undefined && needsPassword(c.previous));
  const stops: PsScript[] = [];
  if (unknown.length > 0) {
    const names = unknown.map((c) => c.identity).join(', ');
    stops.push(
      ps`throw ${`The account ${names} ran as before this run is not known (the step was cut off before it reported it), so undo cannot set it back. Set the account yourself in services.msc (Log On tab) or with sc.exe config <name> obj= <account>; nothing was changed.`}`,
    );
  }
  if (users.length > 0) {
    const list = users.map((c) => `${c.identity} (${c.previous ?? ''})`).join(', ');
    stops.push(
      ps`throw ${`Undo cannot set ${list} back to the user account it ran as: that needs the account's password, which the wizard never asks for, handles or stores. Set it yourself in services.msc (the service, Log On tab: "This account", the password) or with sc.exe config <name> obj= DOMAIN\\user password= <password>; nothing was changed.`}`,
    );
  }
  const codes = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [String(i), decodeChangeReturn(i).name]));
  return joinScripts([
    READ_SERVICE,
    ...stops,
    ps`$codes = ${codes}`,
    ...logons
      .filter((c) => !users.includes(c) && !unknown.includes(c))
      .map((c) => restoreScript(c.identity, c.previous ?? '')),
    ...deleted.map((c) => deleteScript(c.identity)),
  ]);
}
