// Undo of the existing-task move, one round trip on the task's host; everything is read and decided before anything
// changes. Side by side: the gMSA copy this run registered is unregistered (left as is when it is gone, or when an
// admin pointed it at another account since: then the original stays disabled too, or both would run), then the
// original this run disabled is enabled again (only that: one disabled before the run stays disabled). In place:
// the task still running as the managed account goes back only to an account that needs no password (a built-in one,
// another managed account); a user account cannot be put back (the wizard never has its password): undo stops before
// changing anything and gives the exact Set-ScheduledTask command to type.
import { samOf } from '../../plan/plan-schema.js';
import { joinScripts, ps, type PsScript } from '../../powershell/script.js';
import { NOTHING, type CreatedObject } from '../../steps/types.js';
import { splitTaskUri } from '../scheduled-task/scheduled-task.js';
import type { WorkloadContext } from '../types.js';
import { TASK_COPY, TASK_DISABLED, TASK_PRINCIPAL } from './kinds.js';
import type { ExistingTaskSettings } from './settings.js';
import { isBuiltIn, needsPassword, setBackCommand } from './task-words.js';

/** Reads the copy and decides: remove it (still the account's), or leave it (gone, or another account's now). */
function decideCopy(c: CreatedObject): PsScript {
  const { taskPath, taskName } = splitTaskUri(c.identity);
  return ps`$copy = Get-MsaTaskOrNull -TaskName ${taskName} -TaskPath ${taskPath}
if ($null -eq $copy) { [void]$report.Add(${`${c.identity}: left as is: the task no longer exists.`}) }
elseif (-not (Test-MsaSameAccount $copy.Principal.UserId $account)) {
    $keepDisabled = $true
    [void]$report.Add(${`${c.identity}: left as is: now runs as `} + [string]$copy.Principal.UserId + ' (changed since this run).')
}
else { [void]$remove.Add(${{ taskPath, taskName, uri: c.identity }}) }`;
}

/** Reads the original this run disabled and decides: enable it, or leave it (gone, enabled already, copy kept). */
function decideOriginal(c: CreatedObject): PsScript {
  const { taskPath, taskName } = splitTaskUri(c.identity);
  return ps`$original = Get-MsaTaskOrNull -TaskName ${taskName} -TaskPath ${taskPath}
if ($null -eq $original) { [void]$report.Add(${`${c.identity}: left as is: the task no longer exists.`}) }
elseif ([string]$original.State -ne 'Disabled') { [void]$report.Add(${`${c.identity}: left as is: it is enabled already.`}) }
elseif ($keepDisabled) { [void]$report.Add(${`${c.identity}: left disabled: its gMSA copy was kept (it runs as another account now), and both would run. Enable it yourself once the copy is gone.`}) }
else { [void]$enable.Add(${{ taskPath, taskName, uri: c.identity }}) }`;
}

/** Reads a task changed in place and decides: set back (no password needed), leave it, or stop (a user account). */
function decidePrincipal(c: CreatedObject): PsScript {
  const { taskPath, taskName } = splitTaskUri(c.identity);
  const previous = c.previous;
  const decide =
    previous === undefined || previous === ''
      ? ps`[void]$blocked.Add(${`${c.identity} still runs as the managed account, and the account it ran as before this run is not known (the step was cut off before it reported it). Set it back yourself in Task Scheduler (the task's General tab: Change User or Group) or with Set-ScheduledTask -User and -Password, then undo again.`})`
      : needsPassword(previous)
        ? ps`[void]$blocked.Add(${`${c.identity} still runs as the managed account, and undo cannot set it back to the user account ${previous}: that needs the account's password, which the wizard never asks for, handles or stores. Set it back yourself: ${setBackCommand(taskPath, taskName, previous)} (or in Task Scheduler), then undo again.`})`
        : ps`[void]$restore.Add(${{ taskPath, taskName, uri: c.identity, userId: previous, logonType: isBuiltIn(previous) ? 'ServiceAccount' : 'Password' }})`;
  return ps`$task = Get-MsaTaskOrNull -TaskName ${taskName} -TaskPath ${taskPath}
if ($null -eq $task) { [void]$report.Add(${`${c.identity}: left as is: the task no longer exists.`}) }
elseif (-not (Test-MsaSameAccount $task.Principal.UserId $account)) { [void]$report.Add(${`${c.identity}: left as is: now runs as `} + [string]$task.Principal.UserId + '.') }
else { ${decide} }`;
}

export function undoExistingTask(
  created: readonly CreatedObject[],
  ctx: WorkloadContext<ExistingTaskSettings>,
): PsScript {
  const copies = created.filter((c) => c.kind === TASK_COPY);
  const originals = created.filter((c) => c.kind === TASK_DISABLED);
  const principals = created.filter((c) => c.kind === TASK_PRINCIPAL);
  if (copies.length + originals.length + principals.length === 0) return NOTHING;
  // Get-MsaTaskOrNull and Test-MsaSameAccount come with the step's helpers (its needs, in the helper region).
  return joinScripts([
    ps`# Undo the move: read and decide everything first, then change only what this run did and still stands.
$account = Get-MsaTaskAccount ${samOf(ctx.plan)}
$report = New-Object System.Collections.ArrayList
$remove = New-Object System.Collections.ArrayList
$enable = New-Object System.Collections.ArrayList
$restore = New-Object System.Collections.ArrayList
$blocked = New-Object System.Collections.ArrayList
$keepDisabled = $false`,
    ...copies.map(decideCopy),
    ...originals.map(decideOriginal),
    ...principals.map(decidePrincipal),
    ps`# A task that must be set back by hand stops the whole undo here, before any change.
if ($blocked.Count -gt 0) { throw ((@($blocked) -join ' ') + ' Nothing was changed.') }
# The copy first, so the two never run side by side.
foreach ($item in @($remove)) {
    $task = Get-ScheduledTask -TaskName $item.taskName -TaskPath $item.taskPath
    if ([string]$task.State -eq 'Running') { Stop-ScheduledTask -TaskName $item.taskName -TaskPath $item.taskPath }
    Unregister-ScheduledTask -TaskName $item.taskName -TaskPath $item.taskPath -Confirm:$false
    [void]$report.Add($item.uri + ': removed.')
}
foreach ($item in @($enable)) {
    Enable-ScheduledTask -TaskName $item.taskName -TaskPath $item.taskPath | Out-Null
    [void]$report.Add($item.uri + ': enabled again (it runs with its stored credential, as before).')
}
foreach ($item in @($restore)) {
    $task = Get-ScheduledTask -TaskName $item.taskName -TaskPath $item.taskPath
    $runLevel = 'Limited'
    if (@('Highest', '1') -contains [string]$task.Principal.RunLevel) { $runLevel = 'Highest' }
    $principal = New-ScheduledTaskPrincipal -UserId $item.userId -LogonType $item.logonType -RunLevel $runLevel
    Set-ScheduledTask -TaskName $item.taskName -TaskPath $item.taskPath -Principal $principal | Out-Null
    [void]$report.Add($item.uri + ': set back to ' + $item.userId + '.')
}
,@($report)`,
  ]);
}
