// What the scheduled-task steps report beyond the common step outcome (../steps/types.ts): the GPO to edit when a
// domain policy defines "Log on as a batch job", and the test run's report. Plain JSON, journaled with the outcome.
// The renderer imports this file too: types and plain constants only (and the plain lock rule).
import { workloadLockReason, type LockStepState } from '../lock.js';
import type { StepProgress } from '../../steps/details.js';
import type { GpoInstruction } from '../shared/gpo.js';

export type { GpoInstruction };

/** The log that holds Task Scheduler's history; off by default on many servers. */
export const TASK_LOG = 'Microsoft-Windows-TaskScheduler/Operational';
/** Turns task history on (as administrator), so the test run can show the task's events. */
export const ENABLE_HISTORY_COMMAND = `wevtutil set-log ${TASK_LOG} /enabled:true`;

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

export type TaskProgress = StepProgress;

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

/** The scheduled task of a version 1 plan (and of the Scheduled task screen) is the workload with this id. */
export const TASK_WORKLOAD_ID = 'task';

/**
 * Why a run's task can no longer be changed, or null while it can: workloadLockReason (../lock.ts) for the workload
 * 'task'. Shared by the core and the Scheduled task screen, so both say the same.
 */
export const taskLockReason = (steps: readonly LockStepState[]): 'registered' | 'cut-off' | null =>
  workloadLockReason(steps, TASK_WORKLOAD_ID);

/**
 * The task settings of a plan input as the admin entered them: version 1's `task`, or the workload 'task' of
 * version 2 (a scheduled-task workload without an id is the first of its kind: 'task'). For the Scheduled task screen.
 */
export function planTaskInput(plan: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  if (typeof plan.task === 'object' && plan.task !== null) return plan.task as Record<string, unknown>;
  const list: unknown[] = Array.isArray(plan.workloads) ? (plan.workloads as unknown[]) : [];
  const task = list.find((w): w is { settings?: unknown } => {
    if (typeof w !== 'object' || w === null) return false;
    const { id, kind } = w as { id?: unknown; kind?: unknown };
    return id === TASK_WORKLOAD_ID || (id === undefined && kind === 'scheduled-task');
  });
  return typeof task?.settings === 'object' && task.settings !== null
    ? (task.settings as Record<string, unknown>)
    : undefined;
}
