// The ordered steps of a plan, running them (stopping at the first conflict or failure), and undo: the objects this
// run created, removed newest first, each step's undo with its own script to preview. Objects the run found and
// reused ('exists') are never in `created`, so undo cannot touch them.
import type { Plan } from '../plan/plan-schema.js';
import type { PsScript } from '../powershell/script.js';
import { asRun } from '../remote/remote-step.js';
import { RIGHT_STEP_KINDS, stepKindOf, workloadSteps } from '../workloads/all-steps.js';
import { accountStep } from './account.js';
import { copyGroupsStep } from './copy-groups.js';
import { fileAccessHosts, fileAccessStep } from './file-access.js';
import { moveSpnsStep } from './move-spns.js';
import { groupMembersStep, groupStep } from './group.js';
import { hostTicketStep, installStep, testStep, ticketStep } from './install.js';
import { kdsKeyStep } from './kds-key.js';
import { linkStep } from './link.js';
import type { CreatedObject, Step, StepOutcome, StepRunOptions, StepSession } from './types.js';

/**
 * A host step of the target computer moved to another host: id '<id>@<host>', and the plan it is given names that
 * host as its target (the install steps word and look up "the computer" from plan.targetComputer).
 */
function onHost(step: Step, host: string): Step {
  const at = (plan: Plan): Plan => ({ ...plan, targetComputer: host });
  return {
    ...step,
    id: `${step.id}@${host}`,
    title: `${step.title}: ${host}`,
    host,
    script: (plan) => step.script(at(plan)),
    preview: (plan) => step.preview(at(plan)),
    judge: (plan) => step.judge(at(plan)),
    run: (session, plan, options) => step.run(session, at(plan), options),
  };
}

/**
 * The install steps of a host. The target computer: gMSA: ticket, install, test; sMSA: install, test. Another host (a
 * gMSA's: an sMSA has one computer), reached through remoting where Install-/Test-ADServiceAccount would need a second
 * hop to AD: its ticket refresh only (install.ts, hostTicketStep).
 */
function installSteps(plan: Plan, host: string): Step[] {
  if (host !== plan.targetComputer) return [onHost(hostTicketStep, host)];
  const steps = plan.accountType === 'gmsa' ? [ticketStep, installStep, testStep] : [installStep, testStep];
  return steps.map((s) => ({ ...s, host }));
}

/**
 * The steps for a plan, in order. The account: gMSA: [KDS root key,] group, members, account; sMSA: account, link.
 * Then the install steps on the target computer (ids 'refresh-ticket', 'install', 'test') and on every other host a
 * workload runs on ('refresh-ticket@WEB02', ...), then the workloads' steps (user rights first, ../workloads/all-steps.ts).
 * A migration adds copy-groups after the account, file-access@HOST before a host's first workload step, and move-spns
 * right before the first step that re-points a job.
 */
export function planSteps(plan: Plan): readonly Step[] {
  const account =
    plan.accountType === 'gmsa'
      ? [...(plan.kdsRootKey === undefined ? [] : [kdsKeyStep]), groupStep, groupMembersStep, accountStep]
      : [accountStep, linkStep];
  const hosts = [plan.targetComputer, ...plan.workloads.map((w) => w.host)].filter((h, i, all) => all.indexOf(h) === i);
  // Every host step of another computer than the target runs there through remoting (../remote/), decided here once.
  return [
    ...account,
    ...(plan.migration === undefined ? [] : [copyGroupsStep]),
    ...hosts.flatMap((h) => installSteps(plan, h)),
    ...withMoveSpns(plan, withFileAccess(plan, workloadSteps(plan))),
  ].map((s) => asRun(s, plan));
}

/**
 * Moving from a user account: its SPNs move right before the first step that re-points a job, after every host's
 * install and ticket refresh, file access and rights (the rights of all workloads come first here, so none can stop
 * the run between the move and a job): a run stopped earlier (a KDS key not usable yet, remoting off, a right a GPO
 * defines) leaves the SPNs with the old account, whose jobs still run. Still a directory step (one round trip, here).
 */
function withMoveSpns(plan: Plan, steps: Step[]): Step[] {
  if (plan.migration === undefined || plan.migration.moveSpns.length === 0) return steps;
  const prepares = (s: Step): boolean => RIGHT_STEP_KINDS.has(stepKindOf(s.id)) || s.id.startsWith('file-access@');
  return [...steps.filter(prepares), moveSpnsStep, ...steps.filter((s) => !prepares(s))];
}

/** A migration's 'file-access@HOST' before the first workload step of its host (they need the rights to start). */
function withFileAccess(plan: Plan, steps: Step[]): Step[] {
  const out = [...steps];
  for (const host of fileAccessHosts(plan)) {
    const first = out.findIndex((s) => s.host === host);
    out.splice(first < 0 ? out.length : first, 0, fileAccessStep(host));
  }
  return out;
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

/** A step of the plan by id. */
export function stepById(plan: Plan, id: string): Step {
  const step = planSteps(plan).find((s) => s.id === id);
  if (step === undefined) throw new Error(`this plan has no step ${id}`);
  return step;
}

/** The undo of a run: one action per step that created something, newest step first, objects newest first. */
export function undoActions(plan: Plan, results: readonly StepResult[]): UndoAction[] {
  return [...results]
    .reverse()
    .filter((r) => r.outcome.created.length > 0)
    .map((r) => {
      const step = stepById(plan, r.id);
      const created = [...r.outcome.created].reverse();
      return { stepId: r.id, created, script: step.undo(created) };
    });
}

/** Runs the undo actions in order; stops at the first failure (PowerShell's error propagates). */
export async function runUndo(session: StepSession, actions: readonly UndoAction[]): Promise<void> {
  for (const action of actions) await session.run(action.script, { timeoutMs: 120_000 });
}
