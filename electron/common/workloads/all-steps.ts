// Every kind of step, from its one descriptor: the account's (../steps/descriptors.ts), the user rights
// (shared/logon-right.ts) and each registered workload kind's steps. The plan's workload steps are made here: per
// workload, first the rights its kind needs on its host that no earlier workload of that host needed, then its own
// steps bound to it (bind.ts). What each kind of step can create (survey and undo after a crash) comes from here too.
import type { Plan, PlanWorkload } from '../plan/plan-schema.js';
import { ps, joinScripts, type PsScript } from '../powershell/script.js';
import { CORE_STEPS } from '../steps/descriptors.js';
import type { CreatedKind, Step, StepDescriptor } from '../steps/types.js';
import { bindWorkloadStep } from './bind.js';
import { WORKLOAD_KINDS, workloadKind } from './registry.js';
import { LOGON_RIGHTS, RIGHT_DESCRIPTORS, RIGHT_HELPERS, rightSurvey, logonRightStep } from './shared/logon-right.js';
import { USER_RIGHTS_FALLBACK } from './shared/user-rights.js';
import type { BoundWorkload, LogonRight, WorkloadContext } from './types.js';

/** Every kind of step this version knows, by its descriptor id. Two kinds with one id do not load. */
export const STEP_DESCRIPTORS: ReadonlyMap<string, StepDescriptor> = (() => {
  const map = new Map<string, StepDescriptor>([...Object.entries(CORE_STEPS), ...Object.entries(RIGHT_DESCRIPTORS)]);
  for (const kind of WORKLOAD_KINDS) {
    for (const spec of kind.steps) {
      if (map.has(spec.id)) throw new Error(`two kinds of step are called ${spec.id}`);
      map.set(spec.id, {
        stage: 'workload',
        where: 'host',
        creates: spec.creates,
        label: spec.label,
        command: spec.command,
      });
    }
  }
  return map;
})();

/** Every kind of object a step can create. */
export const KNOWN_CREATED_KINDS: ReadonlySet<CreatedKind> = new Set(
  [...STEP_DESCRIPTORS.values()].flatMap((d) => d.creates),
);

/** The descriptor id of a step id: 'scheduled-task@task' → 'scheduled-task', 'install@WEB02' → 'install'. */
export const stepKindOf = (stepId: string): string => stepId.replace(/@.*$/, '');

/** Whether this version has a step of that id (a journal written by another version may name one it has not). */
export const isKnownStepId = (stepId: string): boolean => STEP_DESCRIPTORS.has(stepKindOf(stepId));

/** What a step (by id) can create: a cut-off attempt of it is credited with objects of these kinds only. */
export const createsOf = (stepId: string): readonly CreatedKind[] =>
  STEP_DESCRIPTORS.get(stepKindOf(stepId))?.creates ?? [];

/** A plan workload as its kind's steps see it. */
const bound = (w: PlanWorkload): BoundWorkload<unknown> => ({
  id: w.id,
  kind: w.kind,
  host: w.host,
  settings: w.settings,
});

/** The rights a workload needs on its host. */
export const rightsOf = (w: PlanWorkload): readonly LogonRight[] => workloadKind(w.kind).settings.rights;

/** The workload steps of a plan, in order: per workload, the rights of its host not granted yet, then its steps. */
export function workloadSteps(plan: Plan): Step[] {
  const steps: Step[] = [];
  const granted = new Set<string>();
  for (const w of plan.workloads) {
    for (const right of rightsOf(w)) {
      const key = `${right}@${w.host}`;
      if (granted.has(key)) continue;
      granted.add(key);
      steps.push(logonRightStep(right, w.host));
    }
    for (const spec of workloadKind(w.kind).steps) steps.push(bindWorkloadStep(spec, bound(w), plan));
  }
  return steps;
}

/**
 * The host part of the survey for some of the plan's workloads: on each of their hosts (only when the script runs
 * there: elsewhere its objects are not visible), the rights they need that the account holds, and each workload's
 * own objects (its kind's survey). Expects $found, $sam and $account (the AD account or $null).
 */
export function workloadSurvey(plan: Plan, workloads: readonly PlanWorkload[]): PsScript {
  const hosts = [...new Set(workloads.map((w) => w.host))];
  if (hosts.length === 0) return ps``;
  return joinScripts(
    hosts.map(
      (host) => ps`if ([string]$env:COMPUTERNAME -eq ${host}) {
${hostSurvey(plan, host, workloads)}
}`,
    ),
  );
}

/**
 * One host's part of the survey, to run on that host (workloadSurvey runs it only there, here or through remoting):
 * the rights its workloads need that the account holds, each workload's own objects.
 */
export function hostSurvey(plan: Plan, host: string, workloads: readonly PlanWorkload[]): PsScript {
  const here = workloads.filter((w) => w.host === host);
  const rights = [...new Set(here.flatMap(rightsOf))];
  const parts = [
    ...rights.map((r) => rightSurvey(r, host)),
    ...here.map((w) => {
      const ctx: WorkloadContext<unknown> = { plan, workload: bound(w) };
      return workloadKind(w.kind).survey(ctx);
    }),
  ];
  // The user-rights commands (and the C# fallback they may compile) only where the host part runs.
  return joinScripts([rights.length > 0 ? joinScripts([USER_RIGHTS_FALLBACK, RIGHT_HELPERS]) : ps``, ...parts]);
}

/** The right steps' kinds, for code that must tell them from a workload's own steps. */
export const RIGHT_STEP_KINDS: ReadonlySet<string> = new Set(Object.values(LOGON_RIGHTS).map((r) => r.step));
