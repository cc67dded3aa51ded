// The health check's part for planned existing tasks (checks/run.ts adds it when the plan holds one): each task to
// move on this computer, read as the move step reads it (Get-ScheduledTask by folder and name), with what it runs as
// and how its last run ended, so a misspelt name is found before any step runs; side by side, whether the copy's
// name is free. Tasks planned on another host are checked when the wizard runs there. (psConst: the probe is a
// constant script; ' (gMSA)' is COPY_SUFFIX, written out.)
import { z } from 'zod';
import { defineCheck, psConst, type Evaluation } from '../../checks/types.js';
import { decodeTaskResult } from '../scheduled-task/test-run.js';
import { COPY_SUFFIX } from './settings.js';

const rowRaw = z.object({
  uri: z.string(),
  host: z.string(),
  mode: z.string(),
  here: z.boolean(),
  exists: z.boolean().nullable(),
  userId: z.string().nullable(),
  state: z.string().nullable(),
  lastTaskResult: z.number().nullable(),
  copyUserId: z.string().nullable(),
});
const tasksRaw = z.object({ computer: z.string(), tasks: z.array(rowRaw) });
type Row = z.infer<typeof rowRaw>;

function describe(row: Row): { status: Evaluation['status']; text: string } {
  if (!row.here) return { status: 'unknown', text: `${row.uri} on ${row.host}: checked when the wizard runs there.` };
  if (row.exists !== true) return { status: 'fail', text: `No task ${row.uri} on ${row.host}.` };
  const last = row.lastTaskResult === null ? '' : `; last result ${decodeTaskResult(row.lastTaskResult).hex}`;
  const text = `${row.uri} runs as ${row.userId ?? '(nobody)'} (${row.state ?? '?'}${last})`;
  if (row.mode === 'side-by-side' && row.copyUserId !== null) {
    return {
      status: 'warn',
      text: `${text}; a task ${row.uri}${COPY_SUFFIX} exists already and runs as ${row.copyUserId || '(nobody)'}: the move reuses it only when it runs as the managed account.`,
    };
  }
  return { status: 'pass', text: `${text}.` };
}

const WORST: readonly Evaluation['status'][] = ['fail', 'warn', 'unknown', 'pass'];

export const plannedTasksCheck = defineCheck({
  id: 'target-existing-tasks',
  group: 'Target',
  title: 'Scheduled tasks to move',
  why: 'The wizard moves an existing task by its folder and name (TaskPath and TaskName, as Get-ScheduledTask shows them); a task that is not on the host stops the step, and side by side the copy takes the name "<name> (gMSA)" in the same folder.',
  command:
    "Get-ScheduledTask -TaskPath '<folder>' -TaskName '<name>' | Select-Object TaskPath, TaskName, State, @{ n = 'UserId'; e = { $_.Principal.UserId } }",
  probe: psConst`$computer = [string]$env:COMPUTERNAME
$rows = @(foreach ($w in @($msaOptions.workloads)) {
    if ($null -eq $w -or [string]$w.kind -ne 'existing-task') { continue }
    $taskPath = [string]$w.settings.taskPath
    $taskName = [string]$w.settings.taskName
    $row = [ordered]@{ uri = $taskPath + $taskName; host = [string]$w.host; mode = [string]$w.settings.mode; here = ([string]$w.host -eq $computer); exists = $null; userId = $null; state = $null; lastTaskResult = $null; copyUserId = $null }
    if ($row.here) {
        $task = Get-ScheduledTask -TaskPath $taskPath -TaskName $taskName -ErrorAction SilentlyContinue
        $row.exists = ($null -ne $task)
        if ($null -ne $task) {
            $row.userId = [string]$task.Principal.UserId
            $row.state = [string]$task.State
            $info = Get-ScheduledTaskInfo -TaskPath $taskPath -TaskName $taskName -ErrorAction SilentlyContinue
            if ($null -ne $info) { $row.lastTaskResult = [long]$info.LastTaskResult }
        }
        $copy = Get-ScheduledTask -TaskPath $taskPath -TaskName ($taskName + ' (gMSA)') -ErrorAction SilentlyContinue
        if ($null -ne $copy) { $row.copyUserId = [string]$copy.Principal.UserId }
    }
    $row
})
[ordered]@{ computer = $computer; tasks = $rows }`,
  raw: tasksRaw,
  evaluate(raw): Evaluation {
    const rows = raw.tasks.map(describe);
    const status = WORST.find((s) => rows.some((r) => r.status === s)) ?? 'pass';
    const found = rows.length === 0 ? 'No scheduled task is planned to move.' : rows.map((r) => r.text).join(' ');
    if (status !== 'fail') return { status, found };
    return {
      status,
      found,
      fix: {
        summary: 'Check the task folder and name: Get-ScheduledTask lists them (TaskPath ends with \\).',
        command:
          "Get-ScheduledTask | Where-Object { $_.TaskPath -notlike '\\Microsoft\\*' } | Format-Table TaskPath, TaskName, State",
        actions: [],
      },
    };
  },
});
