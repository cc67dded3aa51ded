// What the scheduled-task steps report beyond the common step outcome (../steps/types.ts): the GPO to edit when a
// domain policy defines "Log on as a batch job", and the test run's report. Plain JSON, journaled with the outcome.
// The renderer imports this file too: types and plain constants only, no imports.

/** The log that holds Task Scheduler's history; off by default on many servers. */
export const TASK_LOG = 'Microsoft-Windows-TaskScheduler/Operational';
/** Turns task history on (as administrator), so the test run can show the task's events. */
export const ENABLE_HISTORY_COMMAND = `wevtutil set-log ${TASK_LOG} /enabled:true`;

/** Where to add the account when a domain GPO defines the right: the console path and the name to paste. */
export interface GpoInstruction {
  readonly gpoName: string;
  readonly right: string;
  /** Group Policy Management → the GPO → ... → Log on as a batch job. */
  readonly path: readonly string[];
  /** DOMAIN\\name$, ready to paste. */
  readonly account: string;
}

export interface DecodedTaskResult {
  readonly code: number;
  readonly hex: string;
  readonly meaning: string;
  /** What to do about it; '' when nothing is needed. */
  readonly fix: string;
}

export interface TaskHistoryEvent {
  readonly time: string;
  readonly id: number;
  readonly message: string;
}

/** What the test run found, for the UI: the decoded result, the next run, and the recent history. */
export interface TestRunReport {
  readonly result: DecodedTaskResult;
  readonly lastRunTime: string | null;
  readonly nextRunTime: string | null;
  /** False when the run was still going at the timeout. */
  readonly finished: boolean;
  readonly elapsedMs: number;
  /** Whether the Microsoft-Windows-TaskScheduler/Operational log is enabled (null: it could not be read). */
  readonly historyEnabled: boolean | null;
  /** This task's recent events, newest first. */
  readonly history: readonly TaskHistoryEvent[];
}

/** A step outcome's `details`. */
export interface StepDetails {
  /** batch-right: the right is defined by a domain GPO. */
  readonly gpo?: GpoInstruction;
  /** task-test-run: the run's result. */
  readonly testRun?: TestRunReport;
}

export interface TaskProgress {
  readonly elapsedMs: number;
  readonly timeoutMs: number;
  /** The task's state as last read ('Running', 'Ready', ...). */
  readonly state: string;
}

/** The test run's wait in whole seconds, with the state ('starting' before the first read). */
export function taskProgressParts(progress: TaskProgress): { state: string; seconds: number; limit: number } {
  return {
    state: progress.state || 'starting',
    seconds: Math.round(progress.elapsedMs / 1000),
    limit: Math.round(progress.timeoutMs / 1000),
  };
}

/** The test run's wait in words, as the step list and `msa-wizard apply` show it. */
export function describeTaskProgress(progress: TaskProgress): string {
  const { state, seconds, limit } = taskProgressParts(progress);
  return `Waiting for the task to finish: ${state}, ${seconds} s (at most ${limit} s).`;
}

/** A task step as far as changing the task is concerned: its id, status, and what it created. */
export interface TaskStepState {
  readonly id: string;
  readonly status: string;
  readonly created: readonly unknown[];
}

/**
 * Why a run's task can no longer be changed, or null while it can (runs.setTask refuses, the form is read-only):
 * 'registered' once the task's registration or test run succeeded or made something, 'cut-off' while one of the task's
 * steps was cut off (it may have registered the task). The batch right does not count: it is the account's right on
 * the host, whatever the task runs. Shared by the core and the Scheduled task screen, so both say the same.
 */
export function taskLockReason(steps: readonly TaskStepState[]): 'registered' | 'cut-off' | null {
  const task = steps.filter((s) => TASK_STEP_IDS.includes(s.id));
  if (task.some((s) => s.status === 'running')) return 'cut-off';
  const settings = task.filter((s) => TASK_SETTINGS_STEP_IDS.includes(s.id));
  if (settings.some((s) => s.created.length > 0 || s.status === 'done' || s.status === 'exists')) return 'registered';
  return null;
}

/** The scheduled task's steps, in order. */
export const TASK_STEP_IDS: readonly string[] = ['batch-right', 'scheduled-task', 'task-test-run'];

/**
 * The task steps that depend on the task's settings: a new task makes them due again. The batch right does not (it
 * is the account's right on the host, whatever the task runs), so a right already granted stays granted — and the
 * admin can fix a task whose registration failed (a wrong script path) after the right was granted.
 */
export const TASK_SETTINGS_STEP_IDS: readonly string[] = ['scheduled-task', 'task-test-run'];
