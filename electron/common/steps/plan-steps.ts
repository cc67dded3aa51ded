// The ordered steps of a plan, running them (stopping at the first conflict or failure), and undo: the objects this
// run created, removed newest first, each step's undo with its own script to preview. Objects the run found and
// reused ('exists') are never in `created`, so undo cannot touch them.
import type { Plan } from '../plan/plan-schema.js';
import type { PsScript } from '../powershell/script.js';
import { batchRightStep } from '../workloads/scheduled-task/batch-right.js';
import { scheduledTaskStep } from '../workloads/scheduled-task/scheduled-task.js';
import { testRunStep } from '../workloads/scheduled-task/test-run.js';
import { accountStep } from './account.js';
import { groupMembersStep, groupStep } from './group.js';
import { installStep, testStep, ticketStep } from './install.js';
import { kdsKeyStep } from './kds-key.js';
import { linkStep } from './link.js';
import type { CreatedObject, Step, StepOutcome, StepRunOptions, StepSession } from './types.js';

/**
 * The steps for a plan, in order. gMSA: [KDS root key,] group, members, account, ticket, install, test. sMSA:
 * account, link, install, test. With a task, both end with: batch right, scheduled task, test run.
 */
export function planSteps(plan: Plan): readonly Step[] {
  const task = plan.task === undefined ? [] : [batchRightStep, scheduledTaskStep, testRunStep];
  if (plan.accountType === 'gmsa') {
    const kds = plan.kdsRootKey === undefined ? [] : [kdsKeyStep];
    return [...kds, groupStep, groupMembersStep, accountStep, ticketStep, installStep, testStep, ...task];
  }
  return [accountStep, linkStep, installStep, testStep, ...task];
}

/** Every step's exact script, before anything runs. */
export function previewPlan(plan: Plan): { id: string; title: string; script: PsScript }[] {
  return planSteps(plan).map((s) => ({ id: s.id, title: s.title, script: s.preview(plan) }));
}

export interface StepResult {
  readonly id: string;
  readonly title: string;
  readonly outcome: StepOutcome;
}

/** Runs the steps in order; stops after the first 'conflict' or 'failed' (later steps depend on earlier ones). */
export async function runPlan(session: StepSession, plan: Plan, options?: StepRunOptions): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const step of planSteps(plan)) {
    const outcome = await step.run(session, plan, options);
    results.push({ id: step.id, title: step.title, outcome });
    if (outcome.status === 'conflict' || outcome.status === 'failed') break;
  }
  return results;
}

export interface UndoAction {
  readonly stepId: string;
  readonly created: readonly CreatedObject[];
  readonly script: PsScript;
}

const STEPS_BY_ID: ReadonlyMap<string, Step> = new Map(
  [
    kdsKeyStep,
    groupStep,
    groupMembersStep,
    accountStep,
    linkStep,
    ticketStep,
    installStep,
    testStep,
    batchRightStep,
    scheduledTaskStep,
    testRunStep,
  ].map((s) => [s.id, s]),
);

/** Whether this version has a step of that id (a journal written by another version may name one it has not). */
export const isStepId = (id: string): boolean => STEPS_BY_ID.has(id);

/** A step by id (every step of every plan kind). */
export function stepById(id: string): Step {
  const step = STEPS_BY_ID.get(id);
  if (step === undefined) throw new Error(`unknown step ${id}`);
  return step;
}

/** The undo of a run: one action per step that created something, newest step first, objects newest first. */
export function undoActions(results: readonly StepResult[]): UndoAction[] {
  return [...results]
    .reverse()
    .filter((r) => r.outcome.created.length > 0)
    .map((r) => {
      const step = STEPS_BY_ID.get(r.id);
      if (step === undefined) throw new Error(`unknown step ${r.id}`);
      const created = [...r.outcome.created].reverse();
      return { stepId: r.id, created, script: step.undo(created) };
    });
}

/** Runs the undo actions in order; stops at the first failure (PowerShell's error propagates). */
export async function runUndo(session: StepSession, actions: readonly UndoAction[]): Promise<void> {
  for (const action of actions) await session.run(action.script, { timeoutMs: 120_000 });
}
