// The test run: Start-ScheduledTask on the target computer, then poll Get-ScheduledTask / Get-ScheduledTaskInfo
// (one short request a second, with progress) until the task is no longer running or the timeout passes, then read
// LastTaskResult (decoded into words), the next run time, and this task's recent events from the Task Scheduler's
// Operational log when that log is enabled. Nothing is created: a run cannot be undone (it leaves LastRunTime and
// history behind, as any run does). A task whose last run succeeded is not run again ('exists'): running the plan a
// second time changes nothing. The preview (and the exported plan script) is one runnable script: start, a polling
// loop, the result; `run` sends the same three parts as separate requests, to report progress between polls.
import { z } from 'zod';
import { classifyError } from '../../powershell/errors.js';
import { joinScripts, ps, type PsScript } from '../../powershell/script.js';
import {
  evaluateRaw,
  explainFailure,
  joinPrelude,
  NOTHING,
  type StepOutcome,
  type StepRunOptions,
  type StepSession,
} from '../../steps/types.js';
import type { WorkloadStepSpec } from '../types.js';
import { READ_TASK, type TaskContext } from './scheduled-task.js';
import { taskOf, type TaskSettings } from './task-schema.js';
import { ENABLE_HISTORY_COMMAND, TASK_LOG, type DecodedTaskResult, type TestRunReport } from './task-types.js';

export const DEFAULT_TEST_RUN_TIMEOUT_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 60_000;

export const RESULT = {
  SUCCESS: 0,
  READY: 0x41300,
  RUNNING: 0x41301,
  DISABLED: 0x41302,
  HAS_NOT_RUN: 0x41303,
  NO_MORE_RUNS: 0x41304,
  TERMINATED: 0x41306,
  ALREADY_RUNNING: 0x8004131f,
  TASK_DISABLED: 0x80041326,
  FILE_NOT_FOUND: 0x80070002,
  PATH_NOT_FOUND: 0x80070003,
  ACCESS_DENIED: 0x80070005,
  BAD_DIRECTORY: 0x8007010b,
  LOGON_FAILURE: 0x8007052e,
  ACCOUNT_DISABLED: 0x80070533,
  NONE_MAPPED: 0x80070534,
  BATCH_RIGHT_MISSING: 0x80070569,
  TIME_SKEW: 0x80070576,
  REQUEST_REFUSED: 0x800710e0,
  POWERSHELL_FILE_ERROR: 0xfffd0000,
  CONTROL_C_EXIT: 0xc000013a,
} as const;

const KNOWN: Readonly<Record<number, { meaning: string; fix: string }>> = {
  [RESULT.SUCCESS]: { meaning: 'The task ran and completed successfully.', fix: '' },
  [RESULT.READY]: { meaning: 'The task is ready to run at its next scheduled time.', fix: '' },
  [RESULT.RUNNING]: {
    meaning: 'The task is still running.',
    fix: 'Wait for it to finish and read the result again; if it never ends, check what the script waits for, or stop it (Stop-ScheduledTask).',
  },
  [RESULT.DISABLED]: {
    meaning: 'The task is disabled.',
    fix: 'Enable it: Enable-ScheduledTask -TaskName <name> -TaskPath <folder>.',
  },
  [RESULT.HAS_NOT_RUN]: { meaning: 'The task has not run yet.', fix: 'Start it (Start-ScheduledTask) to test it.' },
  [RESULT.NO_MORE_RUNS]: {
    meaning: 'The task has no more scheduled runs.',
    fix: 'Its trigger is in the past or has expired: change the trigger.',
  },
  [RESULT.TERMINATED]: {
    meaning: 'The task was terminated (stopped by a user, or by the "stop if it runs longer than" limit).',
    fix: 'If the limit stopped it, raise the limit or find why the script takes so long.',
  },
  [RESULT.ALREADY_RUNNING]: {
    meaning: 'An instance of the task was already running, so this one was not started.',
    fix: 'Wait for the running instance to finish, or stop it (Stop-ScheduledTask).',
  },
  [RESULT.TASK_DISABLED]: {
    meaning: 'The task is disabled, so it cannot be started.',
    fix: 'Enable it: Enable-ScheduledTask -TaskName <name> -TaskPath <folder>.',
  },
  [RESULT.FILE_NOT_FOUND]: {
    meaning: 'The program or the script the task runs was not found on the computer.',
    fix: 'Check that the path exists on the host exactly as written in the task (and, for a relative path, the working directory).',
  },
  [RESULT.PATH_NOT_FOUND]: {
    meaning: 'A folder in the path of the program, the script or the working directory does not exist.',
    fix: 'Create the folder or correct the path in the task.',
  },
  [RESULT.ACCESS_DENIED]: {
    meaning:
      'Access is denied: the account cannot read or run the program or the script, or open the working directory.',
    fix: 'Give the account Read & execute on the script and its folder (icacls "<folder>" /grant "DOMAIN\\name$:(OI)(CI)RX").',
  },
  [RESULT.BAD_DIRECTORY]: {
    meaning: 'The working directory ("Start in") is not a valid folder.',
    fix: 'Correct the working directory, or leave it empty.',
  },
  [RESULT.LOGON_FAILURE]: {
    meaning:
      "Logon failure: the computer could not log the account on — it cannot retrieve the account's managed password.",
    fix: 'Check that this computer (or a group it is in) is allowed to retrieve the password (PrincipalsAllowedToRetrieveManagedPassword), refresh its Kerberos ticket (klist purge -li 0x3e7, or restart it), and that Test-ADServiceAccount returns True here; for an sMSA, that it is installed on this computer.',
  },
  [RESULT.ACCOUNT_DISABLED]: {
    meaning: 'The account is disabled.',
    fix: 'Enable it: Enable-ADAccount -Identity <name>$.',
  },
  [RESULT.NONE_MAPPED]: {
    meaning: 'The account the task runs as does not exist (its name maps to no SID).',
    fix: 'Check the account name in the task (DOMAIN\\name$) and that the account exists and has replicated.',
  },
  [RESULT.BATCH_RIGHT_MISSING]: {
    meaning: 'The account does not have "Log on as a batch job" on this computer (or is denied it).',
    fix: "Grant it (the wizard's batch-right step); if a domain GPO defines the right, add the account in that GPO and run gpupdate /target:computer /force.",
  },
  [RESULT.TIME_SKEW]: {
    meaning: "The computer's clock differs too much from the domain controller's (Kerberos allows 5 minutes).",
    fix: 'Fix the time: w32tm /resync, and check the time source (w32tm /query /source).',
  },
  [RESULT.REQUEST_REFUSED]: {
    meaning: 'The task is set to run only when the user is logged on, and the user is not.',
    fix: 'Register the task with LogonType Password (as the wizard does for a managed service account).',
  },
  [RESULT.POWERSHELL_FILE_ERROR]: {
    meaning: 'Windows PowerShell could not run the -File script (not found, or the arguments are wrong).',
    fix: 'Check the script path and the arguments in the task; run the same command line by hand to see the error.',
  },
  [RESULT.CONTROL_C_EXIT]: {
    meaning: 'The program was ended from outside (as by Ctrl+C or a forced stop).',
    fix: 'Check whether the task was stopped, or the computer shut down, while it ran.',
  },
};

/** LastTaskResult (or any HRESULT / exit code) in words, with what to do. Pure. */
export function decodeTaskResult(code: number): DecodedTaskResult {
  if (!Number.isInteger(code) || code < -0x80000000 || code > 0xffffffff) {
    return { code, hex: String(code), meaning: `${String(code)} is not a task result code.`, fix: '' };
  }
  const unsigned = code >>> 0;
  const hex = `0x${unsigned.toString(16).toUpperCase()}`;
  const known = KNOWN[unsigned];
  if (known !== undefined) return { code: unsigned, hex, ...known };
  if (unsigned >>> 16 === 0x8007) {
    const win32 = unsigned & 0xffff;
    return {
      code: unsigned,
      hex,
      meaning: `Windows error ${win32} (${hex}).`,
      fix: `Look it up: net helpmsg ${win32}; the task's history (Task Scheduler → the task → History) shows which part failed.`,
    };
  }
  if (unsigned < 0x10000) {
    return {
      code: unsigned,
      hex,
      meaning: `The program ended with exit code ${unsigned}: it started, but reported an error.`,
      fix: 'Run the same command by hand on the host to see the error, or add logging to the script (Start-Transcript).',
    };
  }
  return {
    code: unsigned,
    hex,
    meaning: `Result ${hex}, which the wizard does not know.`,
    fix: `Look it up: certutil -error ${hex}.`,
  };
}

// ------------------------------------------------------------------------------------------- scripts

/** The task a test run starts: Task Scheduler's folder and name (a planned task, or another kind's task: a copy). */
export interface TaskRef {
  /** The folder, '\\' or '\\Name\\' (TaskPath). */
  readonly taskPath: string;
  readonly taskName: string;
  /** What makes the task when it is missing, in words ('register it first (the scheduled-task step)'). */
  readonly makeFirst?: string;
}

/** The planned task of a scheduled-task workload. */
export const taskRefOf = (ctx: TaskContext): TaskRef => ({ taskPath: taskOf(ctx).folder, taskName: taskOf(ctx).name });

/** Task Scheduler's full name of the task ('\\Reports\\Export'). */
export const refUri = (ref: TaskRef): string => `${ref.taskPath}${ref.taskName}`;

/** The start of a test run (Get-MsaTaskOrNull comes with the helpers: READ_TASK, the steps' `needs`). */
const START_SCRIPT = (ref: TaskRef): PsScript =>
  ps`# Start the task now, unless it is missing or disabled, or its last run succeeded (then it is not run again).
$task = Get-MsaTaskOrNull -TaskName ${ref.taskName} -TaskPath ${ref.taskPath}
$info = $null
if ($null -ne $task -and [string]$task.State -ne 'Disabled') { $info = Get-ScheduledTaskInfo -TaskName ${ref.taskName} -TaskPath ${ref.taskPath} }
$alreadyRan = ($null -ne $info) -and ([long]$info.LastTaskResult -eq 0) -and ($null -ne $info.LastRunTime) -and (([datetime]$info.LastRunTime).Year -gt 2000)
$started = ($null -ne $info) -and -not $alreadyRan
if ($started) { Start-ScheduledTask -TaskName ${ref.taskName} -TaskPath ${ref.taskPath} }
# Its state now (and, once started, its last run so far) for the polling that follows.
$now = $task
$status = $null
if ($started) {
    $now = Get-ScheduledTask -TaskName ${ref.taskName} -TaskPath ${ref.taskPath}
    $after = Get-ScheduledTaskInfo -TaskName ${ref.taskName} -TaskPath ${ref.taskPath}
    $status = [ordered]@{ state = [string]$now.State; lastRunTime = $after.LastRunTime; lastTaskResult = [long]$after.LastTaskResult }
}
$state = $null
$principal = $null
$previousRunTime = $null
if ($null -ne $task) { $state = [string]$now.State; $principal = $task.Principal.UserId }
if ($null -ne $info) { $previousRunTime = $info.LastRunTime }
[ordered]@{
    found = ($null -ne $task); state = $state; principal = $principal; previousRunTime = $previousRunTime
    started = $started; alreadyRan = $alreadyRan; status = $status
}`;

const POLL_SCRIPT = (ref: TaskRef): PsScript =>
  ps`# Test run: is it still running?
$pollInfo = Get-ScheduledTaskInfo -TaskName ${ref.taskName} -TaskPath ${ref.taskPath}
[ordered]@{ state = [string](Get-ScheduledTask -TaskName ${ref.taskName} -TaskPath ${ref.taskPath}).State; lastRunTime = $pollInfo.LastRunTime; lastTaskResult = [long]$pollInfo.LastTaskResult }`;

const FINAL_SCRIPT = (ref: TaskRef): PsScript =>
  ps`# Test run: the result, the next run, and this task's recent events (when the Operational log is enabled).
$taskName = ${ref.taskName}
$taskPath = ${ref.taskPath}
$uri = ${refUri(ref)}
$logName = ${TASK_LOG}
$info = Get-ScheduledTaskInfo -TaskName $taskName -TaskPath $taskPath
$historyEnabled = $null
try { $historyEnabled = [bool](Get-WinEvent -ListLog $logName -ErrorAction Stop).IsEnabled } catch { $historyEnabled = $null }
$since = (Get-Date).AddHours(-1)
if ($null -ne $info.LastRunTime -and ([datetime]$info.LastRunTime).Year -gt 2000) { $since = ([datetime]$info.LastRunTime).AddMinutes(-10) }
$events = @()
$historyError = $null
try {
    $events = @(Get-WinEvent -FilterHashtable @{ LogName = $logName; StartTime = $since } -MaxEvents 500 -ErrorAction Stop | Where-Object {
            $name = $null
            if ($null -ne $_.Properties -and @($_.Properties).Count -gt 0) { $name = [string]@($_.Properties)[0].Value }
            ($name -eq $uri) -or ([string]$_.Message).Contains('"' + $uri + '"')
        } | Select-Object -First 20 | ForEach-Object { [ordered]@{ time = $_.TimeCreated; id = [int]$_.Id; message = [string]$_.Message } })
} catch {
    if ([string]$_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') { $historyError = [string]$_.Exception.Message }
}
[ordered]@{
    state = [string](Get-ScheduledTask -TaskName $taskName -TaskPath $taskPath).State
    lastRunTime = $info.LastRunTime; lastTaskResult = [long]$info.LastTaskResult; nextRunTime = $info.NextRunTime
    historyEnabled = $historyEnabled; historyError = $historyError; events = $events
}`;

// ------------------------------------------------------------------------------------------- answers

const dateText = z.union([z.string(), z.null()]);
const statusRaw = z.object({ state: z.string(), lastRunTime: dateText, lastTaskResult: z.number() });
type StatusRaw = z.infer<typeof statusRaw>;

const startRaw = z.object({
  found: z.boolean(),
  state: z.string().nullable(),
  principal: z.string().nullable(),
  previousRunTime: dateText,
  started: z.boolean(),
  alreadyRan: z.boolean(),
  status: statusRaw.nullable(),
});

const finalRaw = z.object({
  state: z.string(),
  lastRunTime: dateText,
  lastTaskResult: z.number(),
  nextRunTime: dateText,
  historyEnabled: z.boolean().nullable(),
  historyError: z.string().nullable(),
  events: z.array(z.object({ time: z.string(), id: z.number(), message: z.string() })),
});
type FinalRaw = z.infer<typeof finalRaw>;

/** Task Scheduler's "never ran" LastRunTime is 1999-11-30; read as no time. */
const realTime = (t: string | null): string | null => (t === null || t.startsWith('1999-11-30') ? null : t);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function finished(status: StatusRaw, previousRunTime: string | null, elapsedMs: number): boolean {
  if (status.state === 'Running' || status.lastTaskResult === 0x41301) return false;
  // Just after Start-ScheduledTask a real host may not show the new instance yet: wait for LastRunTime to move
  // (or a few seconds, for a start that failed before it was recorded).
  return status.lastRunTime !== previousRunTime || elapsedMs >= 5_000;
}

function report(final: FinalRaw, done: boolean, elapsedMs: number): TestRunReport {
  return {
    result: decodeTaskResult(final.lastTaskResult),
    lastRunTime: realTime(final.lastRunTime),
    nextRunTime: final.nextRunTime,
    finished: done,
    elapsedMs,
    historyEnabled: final.historyEnabled,
    history: final.events.map((e) => ({ time: e.time, id: e.id, message: e.message })),
  };
}

function historyWords(r: TestRunReport, host: string, error: string | null): string {
  if (r.historyEnabled === false) {
    return ` Task history is off on ${host} (the ${TASK_LOG} log is disabled), so there are no events to show; to keep them, run as administrator: ${ENABLE_HISTORY_COMMAND}`;
  }
  if (error !== null) return ` The task's history could not be read (${error}).`;
  if (r.history.length === 0) return '';
  const words = r.history
    .slice(0, 6)
    .map((e) => `${e.id}${EVENT_WORDS[e.id] === undefined ? '' : ` ${EVENT_WORDS[e.id]}`}`);
  return ` Recent history (newest first): ${words.join('; ')}.`;
}

/** Task Scheduler Operational event ids, in words. */
export const EVENT_WORDS: Readonly<Record<number, string>> = {
  100: 'task started',
  101: 'task failed to start',
  102: 'task completed',
  103: 'action failed to start',
  106: 'task registered',
  110: 'task triggered by user',
  111: 'task terminated',
  140: 'task updated',
  141: 'task deleted',
  142: 'task disabled',
  200: 'action started',
  201: 'action completed',
  203: 'action failed to start',
};

/** The whole test run as one runnable script (the preview, and the exported plan script's step). */
export function testRunScript(ref: TaskRef, timeoutMs = DEFAULT_TEST_RUN_TIMEOUT_MS): PsScript {
  return ps`$msaStart = @(& {
${START_SCRIPT(ref)}
})[-1]
# Wait while it runs (polling every second, at most ${Math.round(timeoutMs / 1000)} s), then read the result.
$msaFinished = $true
if ($msaStart.started) {
    $msaClock = [System.Diagnostics.Stopwatch]::StartNew()
    $msaStatus = $msaStart.status
    # Just after Start-ScheduledTask a real host may not show the new instance yet: wait for LastRunTime to move (or 5 s).
    while ((([string]$msaStatus.state -eq 'Running') -or ([long]$msaStatus.lastTaskResult -eq ${RESULT.RUNNING}) -or (($msaStatus.lastRunTime -eq $msaStart.previousRunTime) -and $msaClock.ElapsedMilliseconds -lt 5000)) -and $msaClock.ElapsedMilliseconds -lt ${timeoutMs}) {
        Start-Sleep -Milliseconds 1000
        $msaStatus = @(& {
${POLL_SCRIPT(ref)}
        })[-1]
    }
    $msaFinished = -not (([string]$msaStatus.state -eq 'Running') -or ([long]$msaStatus.lastTaskResult -eq ${RESULT.RUNNING}))
}
$msaFinal = $null
if ($msaStart.found -and ($msaStart.started -or $msaStart.alreadyRan)) {
    $msaFinal = @(& {
${FINAL_SCRIPT(ref)}
    })[-1]
}
[ordered]@{ start = $msaStart; finished = $msaFinished; final = $msaFinal }`;
}

/** The exported script's judge: a test run that ended with LastTaskResult 0 passes; anything else stops, decoded. */
export function testRunJudge(ref: TaskRef): PsScript {
  const uri = refUri(ref);
  const known = Object.fromEntries(
    Object.entries(KNOWN).map(([code, k]) => [decodeTaskResult(Number(code)).hex, `${k.meaning} ${k.fix}`.trim()]),
  );
  return ps`# Judge: LastTaskResult 0 passes (exists: it had already run successfully and was not run again); else stop, decoded.
$uri = ${uri}
$known = ${known}
if (-not $r.start.found) { Stop-MsaStep ('The task ' + $uri + ' does not exist on ' + $env:COMPUTERNAME + ': ' + ${ref.makeFirst ?? 'register it first'} + ', then test it.') }
if ($null -eq $r.final) { Stop-MsaStep ('The task ' + $uri + ' is disabled, so it cannot be started. Enable it (Enable-ScheduledTask), then run this script again.') }
$code = [long]$r.final.lastTaskResult
if ($code -lt 0) { $code += 4294967296 }
$hex = '0x' + $code.ToString('X')
$why = $known[$hex]
if (-not $why -and ($code -band 0xFFFF0000) -eq 0x80070000) { $why = 'Windows error ' + ($code -band 0xFFFF) + ': net helpmsg ' + ($code -band 0xFFFF) + '.' }
if (-not $why -and $code -lt 65536) { $why = 'The program ended with exit code ' + $code + ': run the same command by hand on the host to see the error.' }
if (-not $why) { $why = 'Look it up: certutil -error ' + $hex + '.' }
if (-not $r.finished) { Stop-MsaStep ('The test run of ' + $uri + ' was still running at the time limit (LastTaskResult ' + $hex + '). Check it later in Task Scheduler, or stop it (Stop-ScheduledTask).') }
if ($code -ne 0) { Stop-MsaStep ('Test run of ' + $uri + ' as ' + $r.start.principal + ': LastTaskResult ' + $hex + ' - ' + $why) }
if ($r.start.alreadyRan) { Complete-MsaStep 'exists' ('The task ' + $uri + ' already ran successfully (' + [string]$r.final.lastRunTime + ', LastTaskResult 0x0); it was not run again.') }
else { Complete-MsaStep 'done' ('Test run of ' + $uri + ' as ' + $r.start.principal + ': LastTaskResult 0x0, the task ran and completed successfully. Next run: ' + [string]$r.final.nextRunTime + '.') }`;
}

export const testRunStep: WorkloadStepSpec<TaskSettings, unknown> = {
  id: 'task-test-run',
  title: () => 'Test run the task',
  label: 'Test run',
  command: 'Start-ScheduledTask',
  creates: [],
  needs: READ_TASK,
  script: (ctx) => testRunScript(taskRefOf(ctx)),
  judge: (ctx) => testRunJudge(taskRefOf(ctx)),
  // The step runs itself (start, poll, result: several short requests); `raw` and `evaluate` are not used.
  raw: z.unknown(),
  evaluate: () => ({ status: 'failed', created: [], message: 'The test run judges its own answers.' }),
  custom: (session, ctx, options) => runTestRun(session, taskRefOf(ctx), ctx.workload.host, options),
  undo: () => NOTHING,
};

/**
 * The test run of one task on the host the session runs on: start, poll with progress, result (several short
 * requests). Any task by folder and name: the scheduled-task kind's planned task, another kind's task (a gMSA copy).
 */
export async function runTestRun(
  session: StepSession,
  ref: TaskRef,
  host: string,
  options: StepRunOptions = {},
): Promise<StepOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_RUN_TIMEOUT_MS;
  const pollMs = options.pollMs ?? 1_000;
  const uri = refUri(ref);
  const began = Date.now();
  const ask = async (script: PsScript): Promise<unknown[]> =>
    session.run(joinPrelude(script), { timeoutMs: REQUEST_TIMEOUT_MS });
  try {
    const started = evaluateStart(await ask(joinScripts([READ_TASK, START_SCRIPT(ref)])), uri, host, ref.makeFirst);
    if ('outcome' in started) return started.outcome;
    if (started.alreadyRan) {
      return evaluateRaw(finalRaw, await ask(FINAL_SCRIPT(ref)), (final) =>
        evaluateAlreadyRan(final, Date.now() - began, uri, host, started.principal),
      );
    }
    let status = started.status;
    let elapsed = Date.now() - began;
    while (!finished(status, started.previousRunTime, elapsed) && elapsed < timeoutMs) {
      await sleep(Math.min(pollMs, Math.max(0, timeoutMs - elapsed)));
      const polled = statusRaw.safeParse((await ask(POLL_SCRIPT(ref)))[0]);
      if (polled.success) status = polled.data;
      elapsed = Date.now() - began;
      // Only while it still waits: the poll that sees the end is reported by the result, not as "Waiting … Ready".
      if (!finished(status, started.previousRunTime, elapsed)) {
        options.onProgress?.({ elapsedMs: elapsed, timeoutMs, state: status.state });
      }
    }
    const done = finished(status, started.previousRunTime, Number.POSITIVE_INFINITY);
    return evaluateRaw(finalRaw, await ask(FINAL_SCRIPT(ref)), (final) =>
      evaluateFinal(final, done, Date.now() - began, timeoutMs, uri, host, started.principal),
    );
  } catch (error) {
    const kind = classifyError(error);
    return { status: 'failed', created: [], errorKind: kind, message: explainFailure(kind, error) };
  }
}

type Started =
  | { outcome: StepOutcome }
  | { status: StatusRaw; previousRunTime: string | null; principal: string; alreadyRan: boolean };

function evaluateStart(
  data: unknown[],
  uri: string,
  host: string,
  makeFirst = 'register it first (the scheduled-task step)',
): Started {
  let result: Started | undefined;
  const outcome = evaluateRaw(startRaw, data, (raw) => {
    if (!raw.found) {
      return {
        status: 'failed',
        created: [],
        message: `The task ${uri} does not exist on ${host}: ${makeFirst}, then test it.`,
      };
    }
    if (raw.alreadyRan) {
      result = {
        status: { state: raw.state ?? '', lastRunTime: raw.previousRunTime, lastTaskResult: 0 },
        previousRunTime: raw.previousRunTime,
        principal: raw.principal ?? '',
        alreadyRan: true,
      };
      return { status: 'exists', created: [], message: '' };
    }
    if (raw.state === 'Disabled' || !raw.started || raw.status === null) {
      return {
        status: 'failed',
        created: [],
        message: `The task ${uri} on ${host} is disabled, so it cannot be started. Enable it (Enable-ScheduledTask), then test it again.`,
      };
    }
    result = {
      status: raw.status,
      previousRunTime: raw.previousRunTime,
      principal: raw.principal ?? '',
      alreadyRan: false,
    };
    return { status: 'done', created: [], message: '' };
  });
  return result ?? { outcome };
}

function evaluateAlreadyRan(
  final: FinalRaw,
  elapsedMs: number,
  uri: string,
  host: string,
  principal: string,
): StepOutcome {
  const testRun = report(final, true, elapsedMs);
  const next = testRun.nextRunTime === null ? ' It has no next run scheduled.' : ` Next run: ${testRun.nextRunTime}.`;
  const as = principal === '' ? '' : ` as ${principal}`;
  return {
    status: 'exists',
    created: [],
    details: { testRun },
    message: `The task ${uri} on ${host} already ran successfully${as} (last run ${testRun.lastRunTime ?? '?'}, LastTaskResult 0x0); it was not run again.${next}`,
  };
}

function evaluateFinal(
  final: FinalRaw,
  done: boolean,
  elapsedMs: number,
  timeoutMs: number,
  uri: string,
  host: string,
  principal: string,
): StepOutcome {
  const testRun = report(final, done, elapsedMs);
  const r = testRun.result;
  const next = testRun.nextRunTime === null ? ' It has no next run scheduled.' : ` Next run: ${testRun.nextRunTime}.`;
  const history = historyWords(testRun, host, final.historyError);
  const as = principal === '' ? '' : ` as ${principal}`;
  if (!done) {
    return {
      status: 'failed',
      created: [],
      details: { testRun },
      message: `The test run of ${uri} on ${host}${as} was still running after ${Math.round(timeoutMs / 1000)} s (LastTaskResult ${r.hex}). Check it later in Task Scheduler, or stop it (Stop-ScheduledTask); if it never ends, check what the script waits for.${history}`,
    };
  }
  if (r.code === 0) {
    return {
      status: 'done',
      created: [],
      details: { testRun },
      message: `Test run of ${uri} on ${host}${as}: LastTaskResult ${r.hex} — ${r.meaning}${next}${history}`,
    };
  }
  return {
    status: 'failed',
    created: [],
    details: { testRun },
    message: `Test run of ${uri} on ${host}${as}: LastTaskResult ${r.hex} — ${r.meaning} ${r.fix}${next}${history}`,
  };
}
