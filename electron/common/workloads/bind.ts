// A workload step spec bound to one workload of the plan: an ordinary Step (../steps/types.ts) with the id
// '<spec id>@<workload id>', the shared prelude and the spec's needs in front of its script and its undo, run and
// judged like defineStep's steps (one round trip; a failure explained by the spec, else by the generic table).
import type { Plan } from '../plan/plan-schema.js';
import { classifyError } from '../powershell/errors.js';
import type { PsScript } from '../powershell/script.js';
import {
  evaluateRaw,
  explainFailure,
  joinPrelude,
  needsList,
  NOTHING,
  STEP_TIMEOUT_MS,
  type CreatedObject,
  type Step,
  type StepOutcome,
  type StepRunOptions,
  type StepSession,
} from '../steps/types.js';
import type { BoundWorkload, WorkloadContext, WorkloadStepSpec } from './types.js';

/** The step id of a workload's step: 'scheduled-task@task', 'service-account@service-2'. */
export const workloadStepId = (specId: string, workloadId: string): string => `${specId}@${workloadId}`;

/** The script a spec runs for a workload: the prelude, its needs, its own script. */
function fullScript<S>(spec: WorkloadStepSpec<S, unknown>, script: PsScript, title: string): PsScript {
  return joinPrelude(script, title, spec.needs);
}

/**
 * Runs one workload step spec in a context (tests call it directly; bound steps run through it): the custom runner
 * of a long step, or the script in one round trip, its answer validated and judged.
 */
export async function runWorkloadStep<S, T>(
  session: StepSession,
  spec: WorkloadStepSpec<S, T>,
  ctx: WorkloadContext<S>,
  options?: StepRunOptions,
): Promise<StepOutcome> {
  if (spec.custom !== undefined) return spec.custom(session, ctx, options);
  let data: unknown[];
  try {
    data = await session.run(fullScript(spec, spec.script(ctx), spec.title(ctx)), { timeoutMs: STEP_TIMEOUT_MS });
  } catch (error) {
    const kind = classifyError(error);
    const special = await spec.explainError?.(kind, error, session, ctx);
    return { status: 'failed', created: [], errorKind: kind, message: special ?? explainFailure(kind, error) };
  }
  return evaluateRaw(spec.raw, data, (raw) => spec.evaluate(raw, ctx));
}

/**
 * A spec bound to a workload of a plan (the title is worded from that plan). The plan given to script/run is the
 * whole plan (account name, type); the workload is this one as the plan held it when the steps were made (planSteps
 * makes them anew from each plan).
 */
export function bindWorkloadStep<S, T>(spec: WorkloadStepSpec<S, T>, workload: BoundWorkload<S>, plan: Plan): Step {
  const ctx = (plan: Plan): WorkloadContext<S> => ({ plan, workload });
  return {
    id: workloadStepId(spec.id, workload.id),
    kind: spec.id,
    title: spec.title(ctx(plan)),
    stage: 'workload',
    where: 'host',
    host: workload.host,
    creates: spec.creates,
    label: spec.label,
    command: spec.command,
    workloadId: workload.id,
    settingsDependent: spec.settingsDependent ?? true,
    needs: needsList(spec.needs),
    script: (plan) => spec.script(ctx(plan)),
    preview: (plan) => fullScript(spec, spec.script(ctx(plan)), spec.title(ctx(plan))),
    judge: (plan) => spec.judge(ctx(plan)),
    run: (session, plan, options) => runWorkloadStep(session, spec, ctx(plan), options),
    undo: (created) => workloadStepUndo(spec, created, ctx(plan)),
  };
}

/** A spec's undo as it runs: the prelude and its needs in front (the prelude alone when there is nothing to undo). */
export function workloadStepUndo<S, T>(
  spec: WorkloadStepSpec<S, T>,
  created: readonly CreatedObject[],
  ctx: WorkloadContext<S>,
): PsScript {
  const undo = spec.undo(created, ctx);
  return undo === NOTHING ? joinPrelude(undo) : fullScript(spec, undo, `Undo: ${spec.title(ctx)}`);
}
