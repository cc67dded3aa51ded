// What the setup screens' buttons do across the stores: validate the form, start the journaled run when the first
// step is run (or when the plan is saved for later), run steps, resume a run the journal offers, and put the core's
// problems with a plan onto the form's fields.
import { planTaskInput, type PlanInput, type RunInfo } from '../api/contract';
import { useEnvironment } from '../store/environmentStore';
import { useNavigation } from '../store/navigationStore';
import {
  FIELD_PART,
  fieldDomId,
  issuesByField,
  partsFor,
  toPlanInput,
  validateForm,
  type FieldErrors,
  type FieldKey,
  type FormContext,
  type PartId,
} from '../store/planForm';
import { usePlan } from '../store/planStore';
import { useRun, type RunStage } from '../store/runStore';
import { useTask } from '../store/taskStore';
import type { StepId } from '../store/steps';
import { isActive, settled } from './steps';
import { focusById } from './focus';
import { plannedTask, showTaskProblems } from './taskActions';
import { plannedWorkloads, showWorkloadProblems } from './workloadActions';
import { useWorkloads } from '../store/workloadStore';
import { useMigration } from '../store/migrationStore';
import { setHealthWorkloadSource } from '../store/healthStore';
import { planWorkloads } from '../store/planWorkloads';

export function formContext(): FormContext {
  const env = useEnvironment.getState().environment.value;
  return { computer: env?.computer ?? null, domain: env?.domain ?? null };
}

/**
 * The plan as the forms hold it: the account's answers, the scheduled task and the other workloads once added, and a
 * move from a user account (discover.adopt) as it was made.
 */
export function currentPlanInput(): PlanInput {
  const plan = toPlanInput(usePlan.getState().form, formContext());
  const task = plannedTask();
  const workloads = plannedWorkloads();
  const migration = useMigration.getState().input;
  return {
    ...plan,
    ...(task === null ? {} : { task }),
    ...(workloads.length === 0 ? {} : { workloads: workloads as NonNullable<PlanInput['workloads']> }),
    ...(migration === null ? {} : { migration }),
  };
}

// The health check runs the checks of the plan's workload kinds too (a task's Task Scheduler, IIS, the services).
setHealthWorkloadSource(() =>
  planWorkloads(currentPlanInput() as Record<string, unknown>).map((w) => ({
    kind: w.kind,
    host: w.host,
    settings: typeof w.settings === 'object' && w.settings !== null ? (w.settings as Record<string, unknown>) : {},
  })),
);

/** Moves focus to a field (after React has rendered its part). */
export function focusField(key: FieldKey): void {
  focusById(fieldDomId(key));
}

/** Shows a part and focuses its heading (so Tab goes on from there). */
export function showPart(part: PartId): void {
  usePlan.getState().goToPart(part);
  focusById('plan-part-heading', false);
}

/** Goes to the first field with a problem (in part order): its part, its input. */
export function goToFirstProblem(errors: FieldErrors): void {
  const { form } = usePlan.getState();
  const parts = partsFor(form.accountType);
  const keys = (Object.keys(errors) as FieldKey[]).sort(
    (a, b) => parts.indexOf(FIELD_PART[a]) - parts.indexOf(FIELD_PART[b]),
  );
  const first = keys[0];
  if (first === undefined) return;
  useNavigation.getState().goTo('account');
  usePlan.getState().goToPart(FIELD_PART[first]);
  focusField(first);
}

/**
 * The plan, if the forms pass the plan's rules; otherwise every part shows its problems and focus goes to the first.
 * A task added to the plan and then edited into something invalid stops it too (it is never silently left out).
 */
export function validPlanOrShowProblems(): PlanInput | null {
  const { form, submit } = usePlan.getState();
  const errors = validateForm(form, formContext());
  if (Object.keys(errors).length > 0) {
    submit(partsFor(form.accountType));
    goToFirstProblem(errors);
    return null;
  }
  if (showTaskProblems() || showWorkloadProblems()) return null;
  return currentPlanInput();
}

/** After a refused runs.start: the core's issues go onto the fields. */
function showServerIssues(): void {
  const issues = useRun.getState().error?.error.issues;
  if (issues === undefined || issues.length === 0) return;
  usePlan.getState().setServerIssues(issues);
  goToFirstProblem(issuesByField(issues).fields);
}

/** The run to work on: the active one, or a new one of the form's plan (the journal is written, nothing runs). */
async function ensureRun(): Promise<RunInfo | null> {
  const { run } = useRun.getState();
  if (isActive(run)) return run;
  const plan = validPlanOrShowProblems();
  if (plan === null) return null;
  const started = await useRun.getState().start(plan);
  if (started === null) showServerIssues();
  return started;
}

/** The workloads' steps, as the last call of the Use the account screen (no workload id looks like it: ids are lower-case). */
export const STEPS_CALL = 'Steps';

export async function runStep(stepId: string, stage: RunStage): Promise<void> {
  if (useRun.getState().activity.kind !== 'idle') return;
  const run = await ensureRun();
  // A step's error shows under the steps, not on the workload last added.
  if (stage === 'workload') useWorkloads.getState().setLastCall(STEPS_CALL);
  if (run !== null) await useRun.getState().runStep(stepId, stage);
}

export async function runAll(stage: RunStage): Promise<void> {
  if (useRun.getState().activity.kind !== 'idle') return;
  const run = await ensureRun();
  if (stage === 'workload') useWorkloads.getState().setLastCall(STEPS_CALL);
  if (run !== null) await useRun.getState().runAll(stage);
}

/** Saves the plan to run later (the KDS key is not usable yet): runs.start, which runs nothing. */
export async function savePlan(): Promise<boolean> {
  const { activity, run } = useRun.getState();
  if (activity.kind !== 'idle' || isActive(run)) return false;
  const plan = validPlanOrShowProblems();
  if (plan === null) return false;
  const started = await useRun.getState().start(plan, true);
  if (started === null) showServerIssues();
  return started !== null;
}

/** Where a run continues: the screen of its first stage with steps left (Account, Install & test, Use the account), else Summary. */
export function screenForRun(run: RunInfo): StepId {
  if (run.state === 'undone' || run.state === 'closed') return 'summary';
  const left = run.steps.find((s) => !settled(s));
  if (left === undefined) return 'summary';
  return SCREEN_OF_STAGE[left.stage];
}

const SCREEN_OF_STAGE: Record<RunStage, StepId> = { account: 'account', install: 'install', workload: 'task' };

/** Resume: the offered run becomes the current one, the form shows its plan (read-only), on the right screen. */
export function resumeOffered(): void {
  const run = useRun.getState().resume();
  if (run === null) return;
  usePlan.getState().loadFromRun(run.plan, 'review');
  useTask.getState().load(planTaskInput(run.plan));
  useWorkloads.getState().load(run.plan);
  useMigration.getState().load(run.plan);
  useNavigation.getState().goTo(screenForRun(run));
  focusById('screen-heading', false);
}

/**
 * Back to editing: sets the active run aside (runs.close; what it created stays, and is listed for undo on its
 * Summary until then), or forgets an undone one.
 */
export async function editPlanAgain(): Promise<void> {
  const { run } = useRun.getState();
  if (isActive(run)) {
    if (!(await useRun.getState().close())) return;
  } else {
    useRun.getState().forget();
  }
  showPart('options');
}
