// A run as the UI sees it, folded from its journal: each step's latest status, what the run created (deduplicated,
// minus anything that existed before the run), and the undo actions left. Pure: no PowerShell, no disk.
// The plan a run works to may change after it started, but only in its workloads (workload-set records, and the
// task-set records of journals written before workloads: the admin sets the account up first and its workloads on a
// later screen); the steps are those of the plan as it stands now. Each step's stage, host and kinds come from the
// step itself (its descriptor): no table here.
import type { RunInfo, UndoActionInfo } from '../api/contract.js';
import { parsePlan, PlanInputError, planWarnings, samOf, type Plan, type PlanWorkload } from '../plan/plan-schema.js';
import { planSteps, stepById } from '../steps/plan-steps.js';
import type { CreatedObject } from '../steps/types.js';
import { NO_ANSWER_KINDS } from '../powershell/errors.js';
import { runsRemotely } from '../remote/on-host.js';
import { createsOf, rightsOf } from '../workloads/all-steps.js';
import { LOGON_RIGHTS } from '../workloads/shared/logon-right.js';
import { workloadKind } from '../workloads/registry.js';
import type { Inherited, JournalRecord, RecordOutcome } from './journal.js';
import { sameObject } from './survey.js';

type PlanInputRecord = Readonly<Record<string, unknown>>;

/** A plan input in version 2 form: a version 1 `task` becomes the first workload, { id: 'task', kind: 'scheduled-task' }. */
export function workloadsForm(planInput: PlanInputRecord): Record<string, unknown> {
  const { task, ...rest } = planInput;
  const workloads = Array.isArray(planInput.workloads) ? (planInput.workloads as unknown[]) : [];
  const first = task === undefined ? [] : [{ id: 'task', kind: 'scheduled-task', settings: task }];
  return { ...rest, workloads: [...first, ...workloads] };
}

/**
 * A plan input with one workload added (a new id), replaced (the same id) or removed (null); ids are written out,
 * so the journal names each workload as the steps do. A version 1 plan with only its task changed stays in version 1
 * form (journals written before workloads, and screens that still read plan.task).
 */
export function withWorkload(
  planInput: PlanInputRecord,
  workloadId: string,
  workload: Record<string, unknown> | null,
): Record<string, unknown> {
  // A version 1 plan whose task alone changes stays in version 1 form (its paths stay task.*, screens read plan.task).
  const sameTaskSlot =
    workloadId === 'task' &&
    (workload === null ||
      (workload.kind === 'scheduled-task' &&
        (workload.host === undefined || workload.host === planInput.targetComputer)));
  if (planInput.workloads === undefined && sameTaskSlot) {
    const rest: Record<string, unknown> = { ...planInput };
    delete rest.task;
    return workload === null ? rest : { ...rest, task: workload.settings };
  }
  const v2 = workloadsForm(planInput);
  const resolved = parsePlan(v2).workloads;
  const list = (v2.workloads as Record<string, unknown>[]).map((w, i) => ({ ...w, id: resolved[i]?.id ?? w.id }));
  const at = list.findIndex((w) => w.id === workloadId);
  const next = workload === null ? null : { ...workload, id: workloadId };
  if (at < 0 && next !== null) list.push(next);
  else if (at >= 0) list.splice(at, 1, ...(next === null ? [] : [next]));
  return { ...v2, workloads: list };
}

/** A version 1 task-set: the task replaced (or removed: null), in the form the plan is in. */
export function withTask(planInput: PlanInputRecord, task: Record<string, unknown> | null): Record<string, unknown> {
  if (planInput.workloads === undefined) {
    const rest: Record<string, unknown> = { ...planInput };
    delete rest.task;
    return task === null ? rest : { ...rest, task };
  }
  return withWorkload(planInput, 'task', task === null ? null : { kind: 'scheduled-task', settings: task });
}

/**
 * Journals written before workloads name the task's steps without a workload: 'batch-right' (on the target computer),
 * 'scheduled-task' and 'task-test-run' (of the workload 'task').
 */
export function currentStepId(stepId: string, targetComputer: string): string {
  if (stepId === 'batch-right') return `batch-right@${targetComputer.toUpperCase()}`;
  if (stepId === 'scheduled-task' || stepId === 'task-test-run') return `${stepId}@task`;
  return stepId;
}

/** A journal's records with old step ids in today's form. */
export function currentRecords(records: readonly JournalRecord[]): JournalRecord[] {
  const first = records[0];
  const target =
    first?.type === 'run-started' && typeof first.plan.targetComputer === 'string' ? first.plan.targetComputer : '';
  return records.map((r) => ('stepId' in r ? { ...r, stepId: currentStepId(r.stepId, target) } : r));
}

/** The kinds of a workload's host objects: its own (its kind's steps create them) and the rights it needs. */
const ownKinds = (w: PlanWorkload): readonly string[] => workloadKind(w.kind).steps.flatMap((s) => s.creates);
const rightKinds = (w: PlanWorkload): readonly string[] => rightsOf(w).map((r) => LOGON_RIGHTS[r].creates);
const sameHost = (a: string | undefined, b: string): boolean => (a ?? '').toUpperCase() === b.toUpperCase();

/**
 * What the run knew existed before it, after a workload-set (or a format 1 task-set) with its survey `found`: the
 * objects that survey covered are replaced by what it found, the rest kept. `plan` is the plan as the record leaves it.
 * - A survey of the whole host (`surveyed: 'host'`, runs.setWorkload now) read every workload of that host: each of
 *   their kinds and rights on that host is replaced. What it does not find there is gone (or never was).
 * - A survey of one workload (older journals, and task-sets) read that workload's objects and its rights on its host.
 *   Its rights are replaced (a right is the host's, whoever needs it). Its own kinds are replaced only when no other
 *   workload of that host has the same kind: otherwise an object of that kind may be the other workload's (ReportSvc
 *   when Spooler was added), which that survey did not read, and dropping it would let a cut-off retry credit the run
 *   with it and undo delete it. Keeping it can only keep undo from removing something, never make it remove more.
 */
export function beforeAfterSet(
  before: readonly CreatedObject[],
  plan: Plan,
  workloadId: string,
  found: readonly CreatedObject[],
  surveyed: 'host' | undefined,
): CreatedObject[] {
  const w = plan.workloads.find((x) => x.id === workloadId);
  // Removed: nothing was surveyed.
  if (w === undefined) return [...before, ...found];
  const neighbours = plan.workloads.filter((x) => x.id !== w.id && sameHost(x.host, w.host));
  const shared = new Set(neighbours.flatMap(ownKinds));
  const covered = new Set(
    surveyed === 'host'
      ? [w, ...neighbours].flatMap((x) => [...ownKinds(x), ...rightKinds(x)])
      : [...rightKinds(w), ...ownKinds(w).filter((k) => !shared.has(k))],
  );
  const kept = before.filter(
    (o) => !(covered.has(o.kind) && sameHost(o.parent, w.host)) && !found.some((f) => sameObject(f, o)),
  );
  return [...kept, ...found];
}

/**
 * A step that failed because PowerShell never answered (it timed out or the session was lost) may have changed the
 * directory before that, like a step whose end never reached the journal: it is cut off ('running'), not failed, so
 * undo waits until it has run again, and that run credits it with what it made (RunService.runStep). Derived from the
 * journaled outcome, so journals written before this rule read the same way.
 */
const cutOff = (outcome: RecordOutcome): boolean =>
  outcome.status === 'failed' && outcome.errorKind !== null && NO_ANSWER_KINDS.has(outcome.errorKind);

export interface FoldedRun {
  readonly info: RunInfo;
  readonly plan: Plan;
  readonly before: readonly CreatedObject[];
  /** Objects earlier set-aside runs created that the start's survey found and no step has taken over yet. */
  readonly inheritable: readonly Inherited[];
}

export function foldRun(journalRecords: readonly JournalRecord[], journal: string): FoldedRun {
  const records = currentRecords(journalRecords);
  const first = records[0];
  if (first?.type !== 'run-started') throw new Error('a journal starts with run-started');
  // The plan now: the one the run started with, its workloads as set since. The run's steps are this plan's.
  let planInput: Record<string, unknown> = first.plan;
  // Each set record's plan input as it leaves the plan: what that record's survey covered depends on it.
  const planInputAt = new Map<JournalRecord, Record<string, unknown>>();
  for (const r of records) {
    if (r.type === 'task-set') planInput = withTask(planInput, r.task);
    else if (r.type === 'workload-set') planInput = withWorkload(planInput, r.workloadId, r.workload);
    if (r.type === 'task-set' || r.type === 'workload-set') planInputAt.set(r, planInput);
  }
  const plan = parsePlan(planInput);
  // A plan this version's rules refuse only at an earlier record (they may have tightened) reads as the plan now.
  const planAt = (r: JournalRecord): Plan => {
    try {
      return parsePlan(planInputAt.get(r) ?? planInput);
    } catch (error) {
      if (error instanceof PlanInputError) return plan;
      throw error;
    }
  };
  // What existed before the run, as known at each point of the journal: the start's survey, the objects each set
  // record's survey covered replaced by what it found (beforeAfterSet; the survey leaves out what this run made). An
  // earlier workload's survey must not hide what the run makes for a later one from undo.
  let before: CreatedObject[] = [...first.before];

  const planned = planSteps(plan);
  const pending = new Map<string, RunInfo['steps'][number]>(
    planned.map((s) => [
      s.id,
      {
        ...stepFacts(s, plan),
        status: 'pending',
        message: null,
        errorKind: null,
        created: [],
        startedAt: null,
        finishedAt: null,
        warnings: [],
        details: null,
      },
    ]),
  );
  const steps = new Map(pending);
  // Per step, what it created (a retried step adds to what an earlier attempt created).
  const created = new Map<string, CreatedObject[]>();
  const undone = new Map<string, { ok: boolean; message: string }>();
  // Of what each step is credited with, the objects an earlier set-aside run made (taken over by this run).
  const inherited = new Map<string, Inherited[]>();
  let setAsideAt: string | null = null;

  for (const r of records) {
    if (r.type === 'step-started') {
      const s = steps.get(r.stepId);
      if (s !== undefined) {
        steps.set(r.stepId, {
          ...s,
          status: 'running',
          startedAt: r.at,
          finishedAt: null,
          warnings: [],
          details: null,
        });
      }
    } else if (r.type === 'step-finished') {
      const s = steps.get(r.stepId);
      const mine = created.get(r.stepId) ?? [];
      for (const o of r.outcome.created) {
        if (!mine.some((m) => sameObject(m, o)) && !before.some((b) => sameObject(b, o))) mine.push(o);
      }
      created.set(r.stepId, mine);
      const taken = inherited.get(r.stepId) ?? [];
      for (const i of r.outcome.inherited ?? []) {
        if (!taken.some((t) => sameObject(t.object, i.object))) taken.push(i);
      }
      inherited.set(r.stepId, taken);
      if (s !== undefined) {
        steps.set(r.stepId, {
          ...s,
          status: cutOff(r.outcome) ? 'running' : r.outcome.status,
          message: r.outcome.message,
          errorKind: r.outcome.errorKind,
          created: mine,
          finishedAt: r.at,
          warnings: r.outcome.warnings ?? [],
          details: r.outcome.details ?? null,
        });
      }
    } else if (r.type === 'task-set' || r.type === 'workload-set') {
      const workloadId = r.type === 'task-set' ? 'task' : r.workloadId;
      before = beforeAfterSet(
        before,
        planAt(r),
        workloadId,
        r.before,
        r.type === 'workload-set' ? r.surveyed : undefined,
      );
      // A new workload: what the steps that depend on its settings did for the earlier one (failed attempts only:
      // setWorkload refuses once one succeeded) no longer applies, so they are due again. The rights keep their state.
      for (const s of planned) {
        const fresh = pending.get(s.id);
        if (fresh !== undefined && s.workloadId === workloadId && s.settingsDependent) {
          steps.set(s.id, { ...fresh, created: created.get(s.id) ?? [] });
        }
      }
    } else if (r.type === 'undo-finished') {
      undone.set(r.stepId, { ok: r.ok, message: r.message });
    } else if (r.type === 'run-closed') {
      setAsideAt = r.at;
    }
  }

  const list = [...steps.values()];
  const interrupted = list.some((s) => s.status === 'running');
  // Undo: newest step first, each step's objects newest first; a step whose undo succeeded is done.
  const undo: UndoActionInfo[] = [...list]
    .reverse()
    .filter((s) => (created.get(s.id) ?? []).length > 0)
    .map((s) => {
      const objects = [...(created.get(s.id) ?? [])].reverse();
      const result = undone.get(s.id);
      return {
        stepId: s.id,
        title: `Undo: ${s.title}`,
        created: objects,
        script: stepById(plan, s.id).undo(objects).text,
        status: result === undefined ? 'pending' : result.ok ? 'done' : 'failed',
        message: result?.message ?? null,
        inherited: (inherited.get(s.id) ?? []).map(({ object, runId, runStartedAt, setAsideAt: aside }) => ({
          object,
          runId,
          runStartedAt,
          setAsideAt: aside,
        })),
      };
    });
  const anyUndone = undo.some((u) => u.status === 'done');
  const allUndone = undo.length > 0 && undo.every((u) => u.status === 'done');
  const complete = list.every((s) => s.status === 'done' || s.status === 'exists');
  const state: RunInfo['state'] = allUndone
    ? 'undone'
    : setAsideAt !== null
      ? 'closed'
      : complete && !anyUndone
        ? 'completed'
        : 'open';

  const takenOver = [...inherited.values()].flat();
  return {
    plan,
    before,
    inheritable: (first.inherited ?? []).filter((i) => !takenOver.some((t) => sameObject(t.object, i.object))),
    info: {
      runId: first.runId,
      createdAt: first.at,
      plan: planInput,
      accountType: plan.accountType,
      account: samOf(plan),
      targetComputer: plan.targetComputer,
      state,
      interrupted,
      steps: list,
      undo,
      warnings: planWarnings(plan),
      journal,
      setAsideAt,
    },
  };
}

/** What a step's entry in RunInfo (and a preview) says about it, from the step itself. */
export function stepFacts(s: ReturnType<typeof planSteps>[number], plan: Plan) {
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    label: s.label,
    command: s.command,
    creates: [...s.creates],
    script: s.preview(plan).text,
    where: s.where,
    stage: s.stage,
    host: s.host,
    workloadId: s.workloadId,
    settingsDependent: s.settingsDependent,
    remote: runsRemotely(s.host, plan),
  };
}

/** What a step (by id) can create: survey after a cut-off attempt credits it with objects of these kinds only. */
export { createsOf };
