// The scheduled task that runs under the managed service account, registered on the target computer (the one this
// PowerShell session runs on). The script first checks the action's file (Test-Path) and reads its ACL and its
// folder's (Get-Acl), then looks the task up: missing → Register-ScheduledTask with New-ScheduledTaskAction,
// New-ScheduledTaskTrigger, New-ScheduledTaskPrincipal -UserId 'DOMAIN\name$' -LogonType Password (Windows fetches
// the managed password itself: no password is asked for or stored) and New-ScheduledTaskSettingsSet
// -ExecutionTimeLimit, then read back; present with the wanted settings → 'exists'; present with other settings →
// 'conflict', never overwritten. A script or folder that non-administrators can change is a warning: whoever can
// edit the script runs code as the account.
import { z } from 'zod';
import { samOf } from '../../plan/plan-schema.js';
import { joinScripts, ps, type PsScript } from '../../powershell/script.js';
import { NOTHING, sameText, type StepOutcome } from '../../steps/types.js';
import type { WorkloadContext, WorkloadStepSpec } from '../types.js';
import { aclRaw, aclWarnings, READ_ACL } from '../shared/acl.js';
import {
  actionFile,
  actionLine,
  describeTrigger,
  parentFolder,
  taskOf,
  taskUri,
  type TaskSettings,
} from './task-schema.js';

// ------------------------------------------------------------------------------------------- reading tasks

/** PowerShell: Read-MsaTask turns an MSFT_ScheduledTask into plain data; Get-MsaTaskOrNull finds one or $null. */
export const READ_TASK = ps`function Get-MsaTaskOrNull {
    param([string]$TaskName, [string]$TaskPath)
    try { return (Get-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -ErrorAction Stop) } catch {
        if ([string]$_.FullyQualifiedErrorId -like 'CmdletizationQuery_NotFound*') { return $null }
        throw
    }
}
function Read-MsaTask {
    param($Task)
    if ($null -eq $Task) { return $null }
    $actions = @(foreach ($a in @($Task.Actions)) {
        if ($null -eq $a) { continue }
        [ordered]@{ execute = [string]$a.Execute; arguments = $a.Arguments; workingDirectory = $a.WorkingDirectory }
    })
    $triggers = @(foreach ($t in @($Task.Triggers)) {
        if ($null -eq $t) { continue }
        $class = [string]$t.CimClass
        $class = $class.Substring($class.LastIndexOf(':') + 1)
        $interval = $null
        $duration = $null
        if ($null -ne $t.Repetition) { $interval = $t.Repetition.Interval; $duration = $t.Repetition.Duration }
        $days = $null
        if ($class -eq 'MSFT_TaskWeeklyTrigger') { $days = [int]$t.DaysOfWeek }
        [ordered]@{
            class = $class; startBoundary = $t.StartBoundary; daysOfWeek = $days
            repetitionInterval = $interval; repetitionDuration = $duration; enabled = ($t.Enabled -ne $false)
        }
    })
    $p = $Task.Principal
    [ordered]@{
        taskName = [string]$Task.TaskName; taskPath = [string]$Task.TaskPath; state = [string]$Task.State
        actions = $actions; triggers = $triggers
        principal = [ordered]@{ userId = $p.UserId; logonType = [string]$p.LogonType; runLevel = [string]$p.RunLevel; groupId = $p.GroupId }
        executionTimeLimit = $Task.Settings.ExecutionTimeLimit; enabled = ($Task.Settings.Enabled -ne $false)
    }
}`;

export const taskRaw = z.object({
  taskName: z.string(),
  taskPath: z.string(),
  state: z.string(),
  actions: z.array(
    z.object({ execute: z.string(), arguments: z.string().nullable(), workingDirectory: z.string().nullable() }),
  ),
  triggers: z.array(
    z.object({
      class: z.string(),
      startBoundary: z.string().nullable(),
      daysOfWeek: z.number().nullable(),
      repetitionInterval: z.string().nullable(),
      repetitionDuration: z.string().nullable(),
      enabled: z.boolean(),
    }),
  ),
  principal: z.object({
    userId: z.string().nullable(),
    logonType: z.string(),
    runLevel: z.string(),
    groupId: z.string().nullable(),
  }),
  executionTimeLimit: z.string().nullable(),
  enabled: z.boolean(),
});
export type TaskRaw = z.infer<typeof taskRaw>;

// ------------------------------------------------------------------------------------------- comparing

/** An ISO 8601 duration as Task Scheduler stores it ('PT72H', 'P3D', 'PT15M', 'PT0S') in minutes; null if empty. */
export function durationMinutes(text: string | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null;
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (m === null) return Number.NaN;
  const [, w, d, h, mi, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return (w ?? 0) * 7 * 1440 + (d ?? 0) * 1440 + (h ?? 0) * 60 + (mi ?? 0) + (s ?? 0) / 60;
}

const TRIGGER_CLASS = {
  once: 'MSFT_TaskTimeTrigger',
  daily: 'MSFT_TaskDailyTrigger',
  weekly: 'MSFT_TaskWeeklyTrigger',
  startup: 'MSFT_TaskBootTrigger',
} as const;

const DAY_BITS = { Sunday: 1, Monday: 2, Tuesday: 4, Wednesday: 8, Thursday: 16, Friday: 32, Saturday: 64 } as const;

/** 'CONTOSO\\svc-web$' / 'svc-web$' / 'svc-web$@contoso.com' → 'svc-web$'. */
const bareAccount = (name: string): string => name.replace(/^.*\\/, '').replace(/@.*$/, '').toLowerCase();

function describeReadTrigger(t: TaskRaw['triggers'][number]): string {
  const time = /T(\d{2}:\d{2})/.exec(t.startBoundary ?? '')?.[1] ?? '?';
  switch (t.class) {
    case TRIGGER_CLASS.once:
      return `once at ${(t.startBoundary ?? '?').slice(0, 16).replace('T', ' ')}`;
    case TRIGGER_CLASS.daily:
      return `daily at ${time}`;
    case TRIGGER_CLASS.weekly: {
      const days = Object.entries(DAY_BITS)
        .filter(([, bit]) => ((t.daysOfWeek ?? 0) & bit) !== 0)
        .map(([d]) => d);
      return `weekly on ${days.join(', ')} at ${time}`;
    }
    case TRIGGER_CLASS.startup:
      return 'at startup';
    default:
      return `a ${t.class.replace(/^MSFT_Task|Trigger$/g, '')} trigger`;
  }
}

/** What differs between a registered task and the wanted one (empty: it is the wanted task). */
export function taskDifferences(read: TaskRaw, task: TaskSettings, userId: string): string[] {
  const d: string[] = [];
  const want = actionLine(task.action);
  const action = read.actions[0];
  if (read.actions.length !== 1 || action === undefined) {
    d.push(`it has ${read.actions.length} actions, not 1`);
  } else {
    if (!sameText(action.execute, want.execute) || (action.arguments ?? '') !== (want.arguments ?? '')) {
      d.push(`its action is ${[action.execute, action.arguments ?? ''].join(' ').trim()}`);
    }
    if (!sameText(action.workingDirectory, want.workingDirectory)) {
      d.push(`its working directory is ${action.workingDirectory || '(none)'}`);
    }
  }
  const trigger = read.triggers[0];
  const t = task.trigger;
  if (read.triggers.length !== 1 || trigger === undefined) {
    d.push(`it has ${read.triggers.length} triggers, not 1`);
  } else {
    const time = /T(\d{2}:\d{2})/.exec(trigger.startBoundary ?? '')?.[1];
    let same = trigger.class === TRIGGER_CLASS[t.kind] && trigger.enabled;
    if (same && t.kind === 'once') same = (trigger.startBoundary ?? '').slice(0, 16) === t.at;
    if (same && (t.kind === 'daily' || t.kind === 'weekly')) same = time === t.at;
    if (same && t.kind === 'weekly') {
      same = trigger.daysOfWeek === t.days.reduce((mask, day) => mask | DAY_BITS[day], 0);
    }
    if (!same) {
      d.push(
        `its trigger is ${describeReadTrigger(trigger)}${trigger.enabled ? '' : ' (disabled)'}, not ${describeTrigger({ ...task, repetition: undefined })}`,
      );
    }
    const interval = durationMinutes(trigger.repetitionInterval);
    const duration = durationMinutes(trigger.repetitionDuration);
    const rep = task.repetition;
    if (
      interval !== (rep?.intervalMinutes ?? null) ||
      (rep !== undefined && duration !== (rep.durationMinutes ?? null))
    ) {
      d.push(
        interval === null
          ? 'it does not repeat'
          : `it repeats every ${interval} minutes ${duration === null ? 'indefinitely' : `for ${duration} minutes`}`,
      );
    }
  }
  const p = read.principal;
  if (p.groupId !== null && p.groupId !== '') d.push(`it runs as the group ${p.groupId}`);
  else if (bareAccount(p.userId ?? '') !== bareAccount(userId)) d.push(`it runs as ${p.userId ?? '(nobody)'}`);
  if (p.logonType !== 'Password' && p.logonType !== '1') d.push(`its logon type is ${p.logonType}, not Password`);
  const highest = p.runLevel === 'Highest' || p.runLevel === '1';
  if (highest !== task.highestPrivileges) {
    d.push(highest ? 'it runs with highest privileges' : 'it does not run with highest privileges');
  }
  const limit = durationMinutes(read.executionTimeLimit) ?? 0;
  if (limit !== task.stopAfterMinutes) {
    d.push(
      `it stops after ${limit === 0 ? 'no time limit' : `${limit} minutes`}, not ${task.stopAfterMinutes === 0 ? 'never' : `${task.stopAfterMinutes} minutes`}`,
    );
  }
  if (!read.enabled) d.push('it is disabled');
  return d;
}

// ------------------------------------------------------------------------------------------- the step

const scheduledTaskRaw = z.object({
  computer: z.string(),
  userId: z.string(),
  fileExists: z.boolean(),
  workDirExists: z.boolean().nullable(),
  fileAcl: aclRaw.nullable(),
  folderAcl: aclRaw.nullable(),
  found: z.boolean(),
  registered: z.boolean(),
  task: taskRaw.nullable(),
});

/**
 * New-ScheduledTaskTrigger as an admin types it: `-Daily -At '12:05'` (a time of day is read as today at that time,
 * culture-invariant), `-Once -At '2026-12-24T08:00'`, `-AtStartup`. A repeating daily or weekly task borrows the
 * repetition of a -Once trigger at the same time (New-ScheduledTaskTrigger takes -RepetitionInterval only with -Once).
 */
function triggerScript(task: TaskSettings): PsScript {
  const t = task.trigger;
  const rep = task.repetition;
  const repetition: PsScript =
    rep === undefined
      ? ps``
      : rep.durationMinutes === undefined
        ? ps` -RepetitionInterval (New-TimeSpan -Minutes ${rep.intervalMinutes})`
        : ps` -RepetitionInterval (New-TimeSpan -Minutes ${rep.intervalMinutes}) -RepetitionDuration (New-TimeSpan -Minutes ${rep.durationMinutes})`;
  if (t.kind === 'startup') return ps`$trigger = New-ScheduledTaskTrigger -AtStartup`;
  if (t.kind === 'once') return ps`$trigger = New-ScheduledTaskTrigger -Once -At ${t.at}${repetition}`;
  const make =
    t.kind === 'daily'
      ? ps`$trigger = New-ScheduledTaskTrigger -Daily -At ${t.at}`
      : ps`$trigger = New-ScheduledTaskTrigger -Weekly -At ${t.at} -DaysOfWeek ${t.days}`;
  if (rep === undefined) return make;
  return joinScripts([
    make,
    ps`$trigger.Repetition = (New-ScheduledTaskTrigger -Once -At ${t.at}${repetition}).Repetition`,
  ]);
}

/** New-ScheduledTaskAction with the parameters the action has (a script runs through powershell.exe -File). */
function actionScript(task: TaskSettings): PsScript {
  const line = actionLine(task.action);
  const argument = line.arguments === null ? ps`` : ps` -Argument ${line.arguments}`;
  const workDir = line.workingDirectory === null ? ps`` : ps` -WorkingDirectory ${line.workingDirectory}`;
  return ps`$action = New-ScheduledTaskAction -Execute ${line.execute}${argument}${workDir}`;
}

/** What a task step's functions get: the plan and the task workload. */
export type TaskContext = WorkloadContext<TaskSettings>;

/** The helpers the task step calls (defined once, in the preview's folded helper region). */
export const TASK_STEP_HELPERS = [READ_TASK, READ_ACL] as const;

export function scheduledTaskScript(ctx: TaskContext): PsScript {
  const task = taskOf(ctx);
  const file = actionFile(task.action);
  const workDir = task.action.workingDirectory ?? null;
  const checkWorkDir =
    workDir === null
      ? ps`$workDirExists = $null`
      : ps`$workDirExists = Test-Path -LiteralPath ${workDir} -PathType Container`;
  return ps`${actionScript(task)}
${triggerScript(task)}
$principal = New-ScheduledTaskPrincipal -UserId (Get-MsaTaskAccount ${samOf(ctx.plan)}) -LogonType Password${task.highestPrivileges ? ps` -RunLevel Highest` : ps``}
$fileExists = Test-Path -LiteralPath ${file} -PathType Leaf
${checkWorkDir}
$register = ($null -eq (Get-MsaTaskOrNull -TaskName ${task.name} -TaskPath ${task.folder})) -and $fileExists -and ($workDirExists -ne $false)
if ($register) { Register-ScheduledTask -TaskName ${task.name} -TaskPath ${task.folder} -Action $action -Trigger $trigger -Principal $principal -Settings (New-ScheduledTaskSettingsSet -ExecutionTimeLimit (New-TimeSpan -Minutes ${task.stopAfterMinutes})) | Out-Null }
# Registered only when no task of that name exists (one that does is compared, never changed) and its file is there.
$task = Get-MsaTaskOrNull -TaskName ${task.name} -TaskPath ${task.folder}
# LogonType Password with no password: Task Scheduler retrieves the managed password from AD; none is stored.
# Who can change the file or its folder runs code as the account: read both ACLs for the warnings.
$fileAcl = $null
$folderAcl = $null
if ($fileExists) { $fileAcl = Read-MsaAcl ${file}; $folderAcl = Read-MsaAcl ${parentFolder(file)} }
[ordered]@{
    computer = [string]$env:COMPUTERNAME; userId = [string]$principal.UserId; fileExists = $fileExists; workDirExists = $workDirExists
    fileAcl = $fileAcl; folderAcl = $folderAcl; found = ((-not $register) -and $null -ne $task); registered = $register; task = (Read-MsaTask $task)
}`;
}

/** Splits '\\Folder\\Name' into its TaskPath ('\\Folder\\') and TaskName ('Name'). */
export function splitTaskUri(uri: string): { taskPath: string; taskName: string } {
  const i = uri.lastIndexOf('\\');
  return { taskPath: uri.slice(0, i + 1), taskName: uri.slice(i + 1) };
}

/** The exported script's judge: the same comparison as taskDifferences, on the values the plan wants. */
function scheduledTaskJudge(ctx: TaskContext): PsScript {
  const task = taskOf(ctx);
  const line = actionLine(task.action);
  const t = task.trigger;
  const want = {
    uri: taskUri(task),
    file: actionFile(task.action),
    workingDirectory: line.workingDirectory,
    execute: line.execute,
    arguments: line.arguments,
    kind: t.kind,
    triggerClass: TRIGGER_CLASS[t.kind],
    at: t.kind === 'startup' ? null : t.at,
    days: t.kind === 'weekly' ? t.days.reduce((mask, day) => mask | DAY_BITS[day], 0) : null,
    interval: task.repetition?.intervalMinutes ?? null,
    duration: task.repetition?.durationMinutes ?? null,
    highest: task.highestPrivileges,
    limit: task.stopAfterMinutes,
    describe: describeTrigger(task),
  };
  return ps`# Judge: the file must exist; a task found (or just registered) must have exactly the planned settings.
$want = ${want}
function ConvertTo-MsaMinutes { param($Text) if (-not $Text) { return $null }; return [System.Xml.XmlConvert]::ToTimeSpan([string]$Text).TotalMinutes }
function Get-MsaBareAccount { param($Name) return (([string]$Name) -replace '^.*\\\\', '' -replace '@.*$', '').ToLowerInvariant() }
if (-not $r.found -and -not $r.fileExists) { Stop-MsaStep ($want.file + ' does not exist on ' + $r.computer + ' (Test-Path: False), so the task would fail with 0x80070002. Copy it there or correct the path, then run this script again; nothing was registered.') }
if (-not $r.found -and $r.workDirExists -eq $false) { Stop-MsaStep ('The working directory ' + $want.workingDirectory + ' does not exist on ' + $r.computer + '. Create it or correct the path, then run this script again; nothing was registered.') }
$t = $r.task
if ($null -eq $t) { Stop-MsaStep ('The task ' + $want.uri + ' could not be read on ' + $r.computer + '.') }
$diff = New-Object System.Collections.ArrayList
$a = @($t.actions)
if ($a.Count -ne 1) { [void]$diff.Add('it has ' + $a.Count + ' actions, not 1') }
else {
    if ($a[0].execute -ne $want.execute -or [string]$a[0].arguments -cne [string]$want.arguments) { [void]$diff.Add('its action is ' + (([string]$a[0].execute + ' ' + [string]$a[0].arguments).Trim())) }
    if ([string]$a[0].workingDirectory -ne [string]$want.workingDirectory) { [void]$diff.Add('its working directory is ' + [string]$a[0].workingDirectory) }
}
$g = @($t.triggers)
if ($g.Count -ne 1) { [void]$diff.Add('it has ' + $g.Count + ' triggers, not 1') }
else {
    $sb = [string]$g[0].startBoundary
    $same = ($g[0].class -eq $want.triggerClass) -and $g[0].enabled
    if ($same -and $want.kind -eq 'once') { $same = ($sb.Length -ge 16) -and ($sb.Substring(0, 16) -eq $want.at) }
    if ($same -and ($want.kind -eq 'daily' -or $want.kind -eq 'weekly')) { $same = ($sb -match 'T(\\d\\d:\\d\\d)') -and ($Matches[1] -eq $want.at) }
    if ($same -and $want.kind -eq 'weekly') { $same = ([int]$g[0].daysOfWeek -eq $want.days) }
    if (-not $same) { [void]$diff.Add('its trigger is ' + $g[0].class + ' starting ' + $sb + ', not ' + $want.describe) }
    $interval = ConvertTo-MsaMinutes $g[0].repetitionInterval
    if ($interval -ne $want.interval -or ($null -ne $want.interval -and (ConvertTo-MsaMinutes $g[0].repetitionDuration) -ne $want.duration)) { [void]$diff.Add('its repetition differs') }
}
$p = $t.principal
if ($p.groupId) { [void]$diff.Add('it runs as the group ' + $p.groupId) }
elseif ((Get-MsaBareAccount $p.userId) -ne (Get-MsaBareAccount $r.userId)) { [void]$diff.Add('it runs as ' + $p.userId) }
if ($p.logonType -ne 'Password' -and $p.logonType -ne '1') { [void]$diff.Add('its logon type is ' + $p.logonType + ', not Password') }
if ((($p.runLevel -eq 'Highest') -or ($p.runLevel -eq '1')) -ne $want.highest) { [void]$diff.Add('its "run with highest privileges" differs') }
$limit = ConvertTo-MsaMinutes $t.executionTimeLimit
if ($null -eq $limit) { $limit = 0 }
if ($limit -ne $want.limit) { [void]$diff.Add('it stops after ' + $limit + ' minutes, not ' + $want.limit) }
if (-not $t.enabled) { [void]$diff.Add('it is disabled') }
if ($diff.Count -gt 0 -and $r.found) { Stop-MsaStep ('A task ' + $want.uri + ' already exists on ' + $r.computer + ' but ' + ($diff -join '; ') + ". It was left unchanged: choose another task name or folder, or change the answers to match it (or delete it first: Unregister-ScheduledTask -TaskName '" + $t.taskName + "' -TaskPath '" + $t.taskPath + "').") }
if ($diff.Count -gt 0) { Stop-MsaStep ('Registered ' + $want.uri + ' on ' + $r.computer + ', but reading it back ' + ($diff -join '; ') + '. Check it in Task Scheduler.') }
if ($r.found) { Complete-MsaStep 'exists' ('The task ' + $want.uri + ' already exists with the planned settings (' + $want.describe + ', as ' + $r.userId + ').') }
else { Complete-MsaStep 'done' ('Registered ' + $want.uri + ' (' + $want.describe + ', as ' + $r.userId + ', LogonType Password) and read it back.') }`;
}

export const scheduledTaskStep: WorkloadStepSpec<TaskSettings, z.infer<typeof scheduledTaskRaw>> = {
  id: 'scheduled-task',
  title: () => 'Register the scheduled task',
  label: 'Task',
  command: 'Register-ScheduledTask',
  creates: ['scheduled-task'],
  needs: TASK_STEP_HELPERS,
  script: scheduledTaskScript,
  raw: scheduledTaskRaw,
  judge: scheduledTaskJudge,
  evaluate(raw, ctx): StepOutcome {
    const task = taskOf(ctx);
    const uri = taskUri(task);
    const host = raw.computer || ctx.workload.host;
    const file = actionFile(task.action);
    const what = task.action.kind === 'powershell-script' ? 'script' : 'program';
    const warnings = aclWarnings(raw.fileAcl, raw.folderAcl, raw.userId);
    const withWarnings = (o: StepOutcome): StepOutcome => (warnings.length > 0 ? { ...o, warnings } : o);
    if (raw.found) {
      if (raw.task === null) {
        return {
          status: 'failed',
          created: [],
          message: `The task ${uri} was found on ${host} but could not be read.`,
        };
      }
      const differences = taskDifferences(raw.task, task, raw.userId);
      if (differences.length > 0) {
        const { taskPath, taskName } = splitTaskUri(uri);
        return {
          status: 'conflict',
          created: [],
          message: `A task ${uri} already exists on ${host} but ${differences.join('; ')}. It was left unchanged: choose another task name or folder, or change the plan to match it (or delete it first: Unregister-ScheduledTask -TaskName '${taskName}' -TaskPath '${taskPath}').`,
        };
      }
      const missing = raw.fileExists
        ? ''
        : ` Note: the ${what} ${file} does not exist on ${host}, so runs will fail with 0x80070002.`;
      return withWarnings({
        status: 'exists',
        created: [],
        message: `The task ${uri} already exists on ${host} with the wanted settings (${describeTrigger(task)}, as ${raw.userId}); nothing was changed.${missing}`,
      });
    }
    if (!raw.fileExists) {
      return {
        status: 'failed',
        created: [],
        message: `The ${what} ${file} does not exist on ${host} (Test-Path: False), so the task would fail with 0x80070002. Copy the ${what} there or correct the path, then run this step again; nothing was registered.`,
      };
    }
    if (raw.workDirExists === false) {
      return {
        status: 'failed',
        created: [],
        message: `The working directory ${task.action.workingDirectory ?? ''} does not exist on ${host}. Create it or correct the path, then run this step again; nothing was registered.`,
      };
    }
    const created = raw.registered ? [{ kind: 'scheduled-task' as const, identity: uri, parent: host }] : [];
    if (raw.task === null) {
      return {
        status: 'failed',
        created,
        message: `Registered ${uri} on ${host}, but it could not be read back. Check it in Task Scheduler, or undo.`,
      };
    }
    const differences = taskDifferences(raw.task, task, raw.userId);
    if (differences.length > 0) {
      return {
        status: 'failed',
        created,
        message: `Registered ${uri} on ${host}, but reading it back ${differences.join('; ')}. Check it in Task Scheduler, or undo.`,
      };
    }
    return withWarnings({
      status: 'done',
      created,
      message: `Registered ${uri} on ${host} and read it back: ${describeTrigger(task)}, runs ${actionLine(task.action).execute} as ${raw.userId} (LogonType Password: Windows retrieves the managed password; none is stored)${task.highestPrivileges ? ', with highest privileges' : ''}, stopped after ${task.stopAfterMinutes === 0 ? 'no time limit' : `${task.stopAfterMinutes} minutes`}.`,
    });
  },
  undo(created) {
    const tasks = created.filter((c) => c.kind === 'scheduled-task');
    if (tasks.length === 0) return NOTHING;
    // Get-MsaTaskOrNull comes with the step's helpers (needs), as for the step itself.
    return joinScripts([
      ps`# Unregister the task this run registered (only if it is still there; a running instance is stopped first).`,
      ...tasks.map((c) => {
        const { taskPath, taskName } = splitTaskUri(c.identity);
        return ps`$task = Get-MsaTaskOrNull -TaskName ${taskName} -TaskPath ${taskPath}
if ($null -ne $task) {
    if ([string]$task.State -eq 'Running') { Stop-ScheduledTask -TaskName ${taskName} -TaskPath ${taskPath} }
    Unregister-ScheduledTask -TaskName ${taskName} -TaskPath ${taskPath} -Confirm:$false
}`;
      }),
    ]);
  },
};
