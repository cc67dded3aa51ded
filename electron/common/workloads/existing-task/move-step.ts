// Step 'existing-task-move': move an existing scheduled task to the managed account, in one round trip on its host.
// Side by side (default): read the original (Get-ScheduledTask -TaskPath -TaskName); register '<name> (gMSA)' in
// the same folder with the original's actions, triggers, settings and run level, and New-ScheduledTaskPrincipal
// -UserId 'DOMAIN\name$' -LogonType Password (Task Scheduler retrieves the managed password: none is stored); read it
// back; then Disable-ScheduledTask the original, which keeps its stored credential, so undo only switches back.
// In place (on request): Set-ScheduledTask with the new principal; for a task that runs as a user account now only
// once the admin acknowledged that undo cannot put that account back. "Log on as a batch job" comes from the shared
// right step of the host (rights: ['batch']) before this one.
import { z } from 'zod';
import { samOf } from '../../plan/plan-schema.js';
import { joinScripts, ps, type PsScript } from '../../powershell/script.js';
import type { CreatedObject, StepOutcome } from '../../steps/types.js';
import { READ_TASK, taskRaw, type TaskRaw } from '../scheduled-task/scheduled-task.js';
import { aclRaw, aclWarnings, READ_ACL } from '../shared/acl.js';
import type { WorkloadContext, WorkloadStepSpec } from '../types.js';
import { TASK_COPY, TASK_DISABLED, TASK_PRINCIPAL } from './kinds.js';
import { copyNameOf, copyUri, IN_PLACE_NO_RESTORE_WHY, originalUri, type ExistingTaskSettings } from './settings.js';
import { bareAccount, needsPassword, quoted, SAME_ACCOUNT, setBackCommand } from './task-words.js';
import { undoExistingTask } from './undo.js';

type Ctx = WorkloadContext<ExistingTaskSettings>;

const moveRaw = z.object({
  computer: z.string(),
  account: z.string(),
  /** Why nothing was changed: no such task; side by side, the original already runs as the account or another
   * task has the copy's name; in place, a user account not acknowledged. */
  blocked: z.enum(['missing', 'already', 'copy-other', 'password']).nullable(),
  registered: z.boolean(),
  disabled: z.boolean(),
  changed: z.boolean(),
  before: taskRaw.nullable(),
  original: taskRaw.nullable(),
  copy: taskRaw.nullable(),
  /** The script or program the task runs (null: none with a path), and who can change it and its folder. */
  program: z.string().nullable(),
  fileAcl: aclRaw.nullable(),
  folderAcl: aclRaw.nullable(),
});
type MoveRaw = z.infer<typeof moveRaw>;

/**
 * The move's decisions, defined once in the helper region: why nothing may change (side by side: no such task and no
 * copy of it, the original runs as the account already, another task has the copy's name and another account; in
 * place: no such task, or a user account not acknowledged), and the run level the original has.
 */
export const MOVE_HELPERS = ps`function Get-MsaRunLevel {
    param($Task)
    if (@('Highest', '1') -contains [string]$Task.Principal.RunLevel) { return 'Highest' }
    return 'Limited'
}
function Get-MsaCopySettings {
    param($Task)
    # The copy is enabled as the original is now: a job the admin had turned off stays off.
    $settings = $Task.Settings
    $settings.Enabled = ([string]$Task.State -ne 'Disabled')
    return $settings
}
function Get-MsaSideBySideBlock {
    param($Original, $Copy, [string]$Account)
    $copyIsAccount = ($null -ne $Copy) -and (Test-MsaSameAccount $Copy.Principal.UserId $Account)
    # The original gone and its copy running as the account: deleted after the move (nothing left to do).
    if ($null -eq $Original) { if ($copyIsAccount) { return $null } else { return 'missing' } }
    if (Test-MsaSameAccount $Original.Principal.UserId $Account) { return 'already' }
    if ($null -ne $Copy -and -not $copyIsAccount) { return 'copy-other' }
    return $null
}
function Get-MsaInPlaceBlock {
    param($Task, [string]$Account, [bool]$Acknowledged)
    if ($null -eq $Task) { return 'missing' }
    $userId = [string]$Task.Principal.UserId
    if ([string]::IsNullOrEmpty($userId) -or $Acknowledged -or (Test-MsaSameAccount $userId $Account)) { return $null }
    # A built-in or another managed account needs no password to be set back; a user account does (undo cannot).
    $builtIn = ([string]$Task.Principal.LogonType -eq 'ServiceAccount') -or ($userId -match '^(NT AUTHORITY\\\\)?(SYSTEM|LOCAL ?SERVICE|NETWORK ?SERVICE)$')
    $managed = ($userId -replace '@.*$', '') -match '\\$$'
    if ($builtIn -or $managed) { return $null }
    return 'password'
}`;

/** The step's helpers: reading tasks and ACLs, comparing accounts, the move's decisions. */
export const MOVE_STEP_HELPERS = [READ_TASK, READ_ACL, SAME_ACCOUNT, MOVE_HELPERS] as const;

function sideBySideScript(ctx: Ctx): PsScript {
  const s = ctx.workload.settings;
  const copyName = copyNameOf(s);
  return ps`$account = Get-MsaTaskAccount ${samOf(ctx.plan)}
$original = Get-MsaTaskOrNull -TaskName ${s.taskName} -TaskPath ${s.taskPath}
$copy = Get-MsaTaskOrNull -TaskName ${copyName} -TaskPath ${s.taskPath}
$before = Read-MsaTask $original
$blocked = Get-MsaSideBySideBlock -Original $original -Copy $copy -Account $account
$registered = ($null -eq $blocked) -and ($null -eq $copy)
$principal = New-ScheduledTaskPrincipal -UserId $account -LogonType Password -RunLevel (Get-MsaRunLevel $original)
if ($registered) { Register-ScheduledTask -TaskName ${copyName} -TaskPath ${s.taskPath} -Action $original.Actions -Trigger $original.Triggers -Settings (Get-MsaCopySettings $original) -Principal $principal -Description $original.Description | Out-Null }
# The copy has the original's actions, triggers, settings and run level; only the principal differs (LogonType Password:
# Task Scheduler retrieves the managed password, none is stored). It is enabled as the original is now.
$disabled = ($null -eq $blocked) -and ($null -ne $original) -and ([string]$original.State -ne 'Disabled')
if ($disabled) {
    Disable-ScheduledTask -TaskName ${s.taskName} -TaskPath ${s.taskPath} | Out-Null
    $original = Get-ScheduledTask -TaskName ${s.taskName} -TaskPath ${s.taskPath}
}
# Read back the copy this step registered.
if ($registered) { $copy = Get-ScheduledTask -TaskName ${copyName} -TaskPath ${s.taskPath} }
$changed = $false`;
}

function inPlaceScript(ctx: Ctx): PsScript {
  const s = ctx.workload.settings;
  return ps`$account = Get-MsaTaskAccount ${samOf(ctx.plan)}
$original = Get-MsaTaskOrNull -TaskName ${s.taskName} -TaskPath ${s.taskPath}
$before = Read-MsaTask $original
$blocked = Get-MsaInPlaceBlock -Task $original -Account $account -Acknowledged ${s.acknowledgeNoRestore}
$changed = ($null -eq $blocked) -and -not (Test-MsaSameAccount $original.Principal.UserId $account)
if ($changed) {
    $principal = New-ScheduledTaskPrincipal -UserId $account -LogonType Password -RunLevel (Get-MsaRunLevel $original)
    Set-ScheduledTask -TaskName ${s.taskName} -TaskPath ${s.taskPath} -Principal $principal | Out-Null
    $original = Get-ScheduledTask -TaskName ${s.taskName} -TaskPath ${s.taskPath}
}
# In place: only the principal changes (LogonType Password: Task Scheduler retrieves the managed password, none is stored).
$registered = $false
$disabled = $false
$copy = $null`;
}

/**
 * The script or program the task runs (its first action: the -File of powershell.exe / pwsh, else the executable),
 * and who can change it or its folder: whoever can edit it runs code as the account. Then the step's answer.
 */
const READ_PROGRAM = ps`# The file the task runs, and who can change it or its folder.
$program = $null
$fileAcl = $null
$folderAcl = $null
$action = $null
$source = $original
if ($null -eq $source) { $source = $copy }
if ($null -ne $source) { $action = @($source.Actions | Where-Object { $null -ne $_ })[0] }
if ($null -ne $action) {
    $execute = ([string]$action.Execute).Trim().Trim('"')
    $leaf = $execute.Substring($execute.LastIndexOf('\\') + 1).ToLowerInvariant()
    if (@('powershell.exe', 'powershell', 'pwsh.exe', 'pwsh') -contains $leaf -and ([string]$action.Arguments) -match '(?i)(?:^|\\s)-f(?:ile)?\\s+(?:"([^"]+)"|(\\S+))') {
        $program = [string]$Matches[1] + [string]$Matches[2]
        if ($program -notmatch '^([A-Za-z]:\\\\|\\\\\\\\)' -and -not [string]::IsNullOrEmpty([string]$action.WorkingDirectory)) {
            $program = ([string]$action.WorkingDirectory).TrimEnd('\\') + '\\' + $program.TrimStart('.').TrimStart('\\')
        }
    } elseif ($execute.Contains('\\')) { $program = $execute }
}
if ($null -ne $program) {
    $program = [Environment]::ExpandEnvironmentVariables($program)
    if (Test-Path -LiteralPath $program -PathType Leaf) {
        $fileAcl = Read-MsaAcl $program
        # The folder by the last backslash (as Windows paths are written; Split-Path follows the OS it runs on).
        $folder = $program.Substring(0, $program.LastIndexOf('\\'))
        if ($folder -match '^[A-Za-z]:$') { $folder = $folder + '\\' }
        $folderAcl = Read-MsaAcl $folder
    }
}
[ordered]@{
    computer = [string]$env:COMPUTERNAME; account = $account; blocked = $blocked; registered = $registered; disabled = $disabled
    changed = $changed; before = $before; original = (Read-MsaTask $original); copy = (Read-MsaTask $copy)
    program = $program; fileAcl = $fileAcl; folderAcl = $folderAcl
}`;

export function moveScript(ctx: Ctx): PsScript {
  const s = ctx.workload.settings;
  return joinScripts([s.mode === 'side-by-side' ? sideBySideScript(ctx) : inPlaceScript(ctx), READ_PROGRAM]);
}

/** The principal as words: 'CONTOSO\\svc-report-user (LogonType Password)'. */
const principalWords = (t: TaskRaw): string =>
  t.principal.groupId !== null && t.principal.groupId !== ''
    ? `the group ${t.principal.groupId}`
    : `${t.principal.userId ?? '(nobody)'} (LogonType ${t.principal.logonType})`;

const isAccount = (userId: string | null, account: string): boolean =>
  userId !== null && bareAccount(userId) === bareAccount(account);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the copy does not share with the original (empty: it runs the same thing at the same times). */
export function copyDifferences(original: TaskRaw, copy: TaskRaw): string[] {
  const d: string[] = [];
  const line = (a: TaskRaw['actions'][number]) => [a.execute, a.arguments ?? '', a.workingDirectory ?? ''].join('|');
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  if (!same(original.actions.map(line), copy.actions.map(line))) d.push('its actions differ from the original');
  const trigger = (t: TaskRaw['triggers'][number]) =>
    [t.class, t.startBoundary ?? '', t.daysOfWeek ?? '', t.repetitionInterval ?? '', t.repetitionDuration ?? ''].join(
      '|',
    );
  if (!same(original.triggers.map(trigger), copy.triggers.map(trigger)))
    d.push('its triggers differ from the original');
  return d;
}

/** Who other than administrators can change what the task runs (it now runs as the account), or that it is missing. */
function programWarnings(raw: MoveRaw): string[] {
  const warnings = aclWarnings(raw.fileAcl, raw.folderAcl, raw.account);
  if (raw.program !== null && raw.fileAcl === null) {
    warnings.push(
      `The task runs ${raw.program}, which was not found on ${raw.computer}: its runs will fail with 0x80070002 until it is there.`,
    );
  }
  return warnings;
}

function evaluateSideBySide(raw: MoveRaw, ctx: Ctx): StepOutcome {
  const s = ctx.workload.settings;
  const host = raw.computer || ctx.workload.host;
  // Named as the survey names them (the workload's host), so a cut-off attempt is credited the same objects.
  const parent = ctx.workload.host;
  const created: CreatedObject[] = [];
  if (raw.registered) created.push({ kind: TASK_COPY, identity: copyUri(s), parent });
  if (raw.disabled) created.push({ kind: TASK_DISABLED, identity: originalUri(s), parent });
  const uri = originalUri(s);
  if (raw.blocked === 'missing') {
    return {
      status: 'conflict',
      created,
      message: `There is no task ${uri} on ${host}. Check the folder and the name (Get-ScheduledTask -TaskPath ${quoted(s.taskPath)} lists that folder's tasks); nothing was changed.`,
    };
  }
  if (raw.blocked === 'already') {
    return {
      status: 'conflict',
      created,
      message: `${uri} on ${host} already runs as ${raw.account}: there is no user account to move away from, and no copy was made. Choose "in place" (it then reads as done), or remove this workload.`,
    };
  }
  if (raw.blocked === 'copy-other') {
    return {
      status: 'conflict',
      created,
      message: `A task ${copyUri(s)} already exists on ${host} and runs as ${raw.copy === null ? '?' : principalWords(raw.copy)}, not ${raw.account}. It was left unchanged, and the original too: rename or remove that task (Unregister-ScheduledTask -TaskPath ${quoted(s.taskPath)} -TaskName ${quoted(copyNameOf(s))}), then run this step again.`,
    };
  }
  const { copy, original, before } = raw;
  if (original === null && copy !== null && isAccount(copy.principal.userId, raw.account)) {
    const warnings = programWarnings(raw);
    return {
      status: 'exists',
      created: [],
      message: `${copyUri(s)} on ${host} runs as ${raw.account}, and the original ${uri} is gone (deleted after the move); nothing was changed.`,
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  }
  if (copy === null || original === null || before === null) {
    return {
      status: 'failed',
      created,
      message: `${copy === null ? `The copy ${copyUri(s)}` : `The original ${uri}`} could not be read back on ${host}. Check it in Task Scheduler${created.length > 0 ? ', or undo' : ''}.`,
    };
  }
  const wrong: string[] = [];
  if (!isAccount(copy.principal.userId, raw.account)) wrong.push(`it runs as ${principalWords(copy)}`);
  else if (copy.principal.logonType !== 'Password') wrong.push(`its logon type is ${copy.principal.logonType}`);
  const differences = copyDifferences(before, copy);
  if (raw.registered) wrong.push(...differences);
  if (wrong.length > 0) {
    return {
      status: 'failed',
      created,
      message: `Reading back the copy ${copyUri(s)} on ${host}: ${wrong.join('; ')}. Check it in Task Scheduler, or undo.`,
    };
  }
  if (original.state !== 'Disabled') {
    return {
      status: 'failed',
      created,
      message: `The original ${uri} on ${host} still reads back as ${original.state}, not Disabled: both would run. Disable it (Disable-ScheduledTask -TaskPath ${quoted(s.taskPath)} -TaskName ${quoted(s.taskName)}), or undo.`,
    };
  }
  // A copy found from an earlier run that no longer matches the original: the admin changed one of them since.
  const warnings = [
    ...(raw.registered ? [] : differences.map((d) => `The copy ${copyUri(s)}: ${d}.`)),
    ...programWarnings(raw),
  ];
  const withWarnings = (o: StepOutcome): StepOutcome => (warnings.length > 0 ? { ...o, warnings } : o);
  const keeps = `The original keeps its stored credential (${principalWords(before)})`;
  if (!raw.registered && !raw.disabled) {
    return withWarnings({
      status: 'exists',
      created: [],
      message: `${copyUri(s)} on ${host} already runs as ${raw.account}, and the original ${uri} is disabled; nothing was changed. ${keeps}.`,
    });
  }
  const registered = raw.registered
    ? `Registered ${copyUri(s)} on ${host} as ${raw.account} (LogonType Password: Task Scheduler retrieves the managed password; none is stored) with the original's ${plural(copy.actions.length, 'action')}, ${plural(copy.triggers.length, 'trigger')}, settings and run level (${copy.principal.runLevel}), and read it back. `
    : `${copyUri(s)} on ${host} already ran as ${raw.account}. `;
  const disabled = raw.disabled
    ? `Disabled the original ${uri}. ${keeps}: undo removes the copy and enables the original again.`
    : `The original ${uri} was disabled already (undo leaves it so)${raw.registered && copy.state === 'Disabled' ? `, so the copy is registered disabled too: enable it when the job should run (Enable-ScheduledTask -TaskPath ${quoted(s.taskPath)} -TaskName ${quoted(copyNameOf(s))})` : ''}. ${keeps}.`;
  return withWarnings({ status: 'done', created, message: `${registered}${disabled}` });
}

function evaluateInPlace(raw: MoveRaw, ctx: Ctx): StepOutcome {
  const s = ctx.workload.settings;
  const host = raw.computer || ctx.workload.host;
  const uri = originalUri(s);
  const previous = raw.before?.principal.userId ?? '';
  const created: CreatedObject[] = raw.changed
    ? [{ kind: TASK_PRINCIPAL, identity: uri, parent: ctx.workload.host, previous }]
    : [];
  if (raw.blocked === 'missing') {
    return {
      status: 'conflict',
      created,
      message: `There is no task ${uri} on ${host}. Check the folder and the name (Get-ScheduledTask -TaskPath ${quoted(s.taskPath)} lists that folder's tasks); nothing was changed.`,
    };
  }
  if (raw.blocked === 'password') {
    return {
      status: 'conflict',
      created,
      message: `${uri} on ${host} runs as the user account ${previous}. ${IN_PLACE_NO_RESTORE_WHY} Note the account, then confirm that you have read this (acknowledgeNoRestore: true, or the check box on the form) and run this step again, or move it side by side; nothing was changed.`,
    };
  }
  const after = raw.original;
  if (after === null) {
    return { status: 'failed', created, message: `The task ${uri} could not be read back on ${host}.` };
  }
  if (!isAccount(after.principal.userId, raw.account) || after.principal.logonType !== 'Password') {
    return {
      status: 'failed',
      created,
      message: `${uri} on ${host} still reads back as ${principalWords(after)}, not ${raw.account} (LogonType Password). Check it in Task Scheduler.`,
    };
  }
  const warnings = programWarnings(raw);
  const withWarnings = (o: StepOutcome): StepOutcome => (warnings.length > 0 ? { ...o, warnings } : o);
  if (!raw.changed) {
    return withWarnings({
      status: 'exists',
      created: [],
      message: `${uri} on ${host} already runs as ${raw.account}; nothing was changed.`,
    });
  }
  const undoWords = needsPassword(previous)
    ? `Undo cannot put ${previous} back (its password): to go back, run ${setBackCommand(s.taskPath, s.taskName, previous)}.`
    : `Undo sets it back to ${previous}.`;
  const disabledNote = after.state === 'Disabled' ? ' The task is disabled: enable it to let it run.' : '';
  return withWarnings({
    status: 'done',
    created,
    message: `Changed ${uri} on ${host} from ${previous === '' ? '(nobody)' : previous} to ${raw.account} (Set-ScheduledTask, LogonType Password: no password stored) and read it back. ${undoWords}${disabledNote}`,
  });
}

export function evaluateMove(raw: MoveRaw, ctx: Ctx): StepOutcome {
  return ctx.workload.settings.mode === 'side-by-side' ? evaluateSideBySide(raw, ctx) : evaluateInPlace(raw, ctx);
}

/** The exported script's judge: the same decisions as evaluateMove, on $r. */
function moveJudge(ctx: Ctx): PsScript {
  const s = ctx.workload.settings;
  const want = {
    uri: originalUri(s),
    copy: copyUri(s),
    taskPath: s.taskPath,
    taskName: s.taskName,
    copyName: copyNameOf(s),
    sideBySide: s.mode === 'side-by-side',
  };
  return ps`# Judge: the task (side by side: its gMSA copy) must run as the account with LogonType Password; side by side, the original must be disabled.
$want = ${want}
function Test-MsaJudgeAccount { param($UserId) return ((([string]$UserId) -replace '^.*\\\\', '' -replace '@.*$', '') -eq (([string]$r.account) -replace '^.*\\\\', '')) }
if ($r.blocked -eq 'missing') { Stop-MsaStep ('There is no task ' + $want.uri + ' on ' + $r.computer + '. Check the folder and the name; nothing was changed.') }
if ($r.blocked -eq 'already') { Stop-MsaStep ($want.uri + ' on ' + $r.computer + ' already runs as ' + $r.account + ': no copy was made. Choose in-place in the answers, or remove this workload.') }
if ($r.blocked -eq 'copy-other') { Stop-MsaStep ('A task ' + $want.copy + ' already exists on ' + $r.computer + ' and runs as ' + $r.copy.principal.userId + '. Rename or remove it, then run this script again; nothing was changed.') }
if ($r.blocked -eq 'password') { Stop-MsaStep ($want.uri + ' on ' + $r.computer + ' runs as the user account ' + $r.before.principal.userId + '. ' + ${IN_PLACE_NO_RESTORE_WHY} + ' Set acknowledgeNoRestore to true in the answers and export again; nothing was changed.') }
if ($want.sideBySide) {
    if ($null -eq $r.copy -or -not (Test-MsaJudgeAccount $r.copy.principal.userId) -or $r.copy.principal.logonType -ne 'Password') { Stop-MsaStep ('The copy ' + $want.copy + ' does not read back as ' + $r.account + ' (LogonType Password). Check it in Task Scheduler.') }
    if ($null -eq $r.original) { Complete-MsaStep 'exists' ($want.copy + ' runs as ' + $r.account + ', and the original is gone (deleted after the move).') }
    elseif ($r.original.state -ne 'Disabled') { Stop-MsaStep ('The original ' + $want.uri + ' is not disabled: both would run. Disable it: Disable-ScheduledTask -TaskPath ''' + $want.taskPath + ''' -TaskName ''' + $want.taskName + '''.') }
    elseif ($r.registered -or $r.disabled) { Complete-MsaStep 'done' ('Registered ' + $want.copy + ' as ' + $r.account + ' and disabled the original ' + $want.uri + ', which keeps its stored credential.') }
    else { Complete-MsaStep 'exists' ($want.copy + ' already runs as ' + $r.account + ' and the original is disabled.') }
} else {
    if ($null -eq $r.original -or -not (Test-MsaJudgeAccount $r.original.principal.userId) -or $r.original.principal.logonType -ne 'Password') { Stop-MsaStep ($want.uri + ' does not read back as ' + $r.account + ' (LogonType Password). Check it in Task Scheduler.') }
    if ($r.changed) { Complete-MsaStep 'done' ('Changed ' + $want.uri + ' from ' + $r.before.principal.userId + ' to ' + $r.account + '. Going back needs that account''s password: Set-ScheduledTask -User and -Password.') }
    else { Complete-MsaStep 'exists' ($want.uri + ' already runs as ' + $r.account + '.') }
}`;
}

export const moveStep: WorkloadStepSpec<ExistingTaskSettings, MoveRaw> = {
  id: 'existing-task-move',
  title: (ctx) => {
    const s = ctx.workload.settings;
    return s.mode === 'side-by-side'
      ? `Copy ${originalUri(s)} as ${ctx.plan.name}$ and disable the original`
      : `Run ${originalUri(s)} as ${ctx.plan.name}$ (in place)`;
  },
  label: 'Move task',
  command: 'Register-ScheduledTask',
  creates: [TASK_COPY, TASK_DISABLED, TASK_PRINCIPAL],
  needs: MOVE_STEP_HELPERS,
  script: moveScript,
  raw: moveRaw,
  evaluate: evaluateMove,
  judge: moveJudge,
  undo: undoExistingTask,
};
