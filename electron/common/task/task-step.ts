// What one scheduled-task step is: the same contract as the sMSA/gMSA steps (electron/common/steps/types.ts) — a
// script that reads the current state first and changes only what is missing, in ONE round trip, answering raw
// data that is zod-validated and judged here ('done' / 'exists' / 'conflict' / 'failed'), and an undo of only what
// the step created — but over a TaskPlan (the account plan + the task settings) and with two more kinds of created
// objects. The Step interface takes a Plan, so these steps have their own definer; a merge can widen Step to a
// generic Step<P> and CreatedKind with TASK_CREATED_KINDS, after which TaskStep is Step<TaskPlan>.
import type { z } from 'zod';
import { classifyError, type PsErrorKind } from '../powershell/errors.js';
import { PsScript } from '../powershell/script.js';
import { explainFailure, STEP_TIMEOUT_MS, type StepSession, type StepStatus } from '../steps/types.js';
import type { TaskPlan } from './task-schema.js';

/** What the task steps can create (CreatedKind in steps/types.ts lacks them). */
export const TASK_CREATED_KINDS = ['batch-right', 'scheduled-task'] as const;
export type TaskCreatedKind = (typeof TASK_CREATED_KINDS)[number];

/**
 * An object this run created; undo removes exactly these.
 *   batch-right:    identity = the account as granted ('CONTOSO\\svc-web$'), parent = the computer.
 *   scheduled-task: identity = the task's full name ('\\Nightly Report'), parent = the computer.
 */
export interface TaskCreatedObject {
  readonly kind: TaskCreatedKind;
  readonly identity: string;
  readonly parent?: string;
}

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

export interface TaskStepOutcome {
  readonly status: StepStatus;
  readonly created: readonly TaskCreatedObject[];
  /** One or two sentences for the admin: what was found or done, and for 'conflict'/'failed' what to change. */
  readonly message: string;
  readonly errorKind?: PsErrorKind;
  /** Things to fix that do not stop the step (e.g. the script is writable by non-administrators). */
  readonly warnings?: readonly string[];
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

export interface TaskRunOptions {
  /** Called after each poll while a test run is going. */
  readonly onProgress?: (progress: TaskProgress) => void;
  /** How long the test run may take (default 5 minutes). */
  readonly timeoutMs?: number;
  /** Time between polls (default 1 s). */
  readonly pollMs?: number;
}

export interface TaskStep {
  readonly id: string;
  readonly title: string;
  /** The exact script `run` sends (for the test run: its scripts in order). */
  preview(plan: TaskPlan): PsScript;
  run(session: StepSession, plan: TaskPlan, options?: TaskRunOptions): Promise<TaskStepOutcome>;
  /** Removes what `run` reported as created (an empty script when nothing was created). */
  undo(created: readonly TaskCreatedObject[]): PsScript;
}

export interface TaskStepSpec<T> {
  readonly id: string;
  readonly title: string;
  readonly script: (plan: TaskPlan) => PsScript;
  readonly raw: z.ZodType<T>;
  evaluate(raw: T, plan: TaskPlan): TaskStepOutcome;
  undo(created: readonly TaskCreatedObject[]): PsScript;
}

/** defineStep (steps/types.ts) for a TaskPlan. */
export function defineTaskStep<T>(spec: TaskStepSpec<T>): TaskStep {
  if (!/^[a-z0-9-]{1,64}$/.test(spec.id)) throw new Error(`bad step id ${spec.id}`);
  return {
    id: spec.id,
    title: spec.title,
    preview: (plan) => withPrelude(spec.script(plan)),
    async run(session, plan) {
      let data: unknown[];
      try {
        data = await session.run(withPrelude(spec.script(plan)), { timeoutMs: STEP_TIMEOUT_MS });
      } catch (error) {
        const kind = classifyError(error);
        return { status: 'failed', created: [], errorKind: kind, message: explainFailure(kind, error) };
      }
      return evaluateRaw(spec.raw, data, (raw) => spec.evaluate(raw, plan));
    },
    undo: (created) => withPrelude(spec.undo(created)),
  };
}

/** Validates a script's answer and judges it; an unexpected shape is a bug, reported as 'failed'. */
export function evaluateRaw<T>(
  schema: z.ZodType<T>,
  data: readonly unknown[],
  judge: (raw: T) => TaskStepOutcome,
): TaskStepOutcome {
  const parsed = schema.safeParse(data.length === 1 ? data[0] : data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      status: 'failed',
      created: [],
      message: `The step answered in an unexpected shape (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}); this is a bug in the wizard.`,
    };
  }
  return judge(parsed.data);
}

/**
 * Helpers every task script can use. Get-MsaTaskAccount: the account as Windows names it in user rights and task
 * principals, DOMAIN\\name$ (the NetBIOS name of the domain the AD module talks to, where the account was created).
 */
export const TASK_PRELUDE = PsScript.fromTrustedSource(`$env:ADPS_LoadDefaultDrive = '0'
function Get-MsaTaskAccount {
    param([string]$Sam)
    return ([string](Get-ADDomain).NetBIOSName + '\\' + $Sam)
}`);

export function withPrelude(script: PsScript): PsScript {
  return PsScript.fromTrustedSource(`${TASK_PRELUDE.text}\n${script.text}`);
}
