// A run as the UI sees it, folded from its journal: each step's latest status, what the run created (deduplicated,
// minus anything that existed before the run), and the undo actions left. Pure: no PowerShell, no disk.
// The plan a run works to may change after it started, but only in its task (task-set records: the admin sets the
// account up first and the task on a later screen); the steps are those of the plan as it stands now.
import type { RunInfo, StepStage, UndoActionInfo } from '../api/contract.js';
import { parsePlan, planWarnings, samOf, type Plan } from '../plan/plan-schema.js';
import { planSteps, stepById } from '../steps/plan-steps.js';
import type { CreatedKind, CreatedObject } from '../steps/types.js';
import { NO_ANSWER_KINDS } from '../powershell/errors.js';
import type { JournalRecord, RecordOutcome } from './journal.js';
import { TASK_SETTINGS_STEP_IDS, TASK_STEP_IDS } from '../workloads/scheduled-task/task-types.js';
import { KINDS_BY_STEP, sameObject } from './survey.js';

const INSTALL_STEPS: ReadonlySet<string> = new Set(['refresh-ticket', 'install', 'test']);
/** The scheduled task's steps: the ones a task-set adds, replaces or removes. */
const TASK_STEPS: ReadonlySet<string> = new Set(TASK_STEP_IDS);
/** The task steps a new task makes due again (see TASK_SETTINGS_STEP_IDS). */
const TASK_SETTINGS_STEPS: ReadonlySet<string> = new Set(TASK_SETTINGS_STEP_IDS);
/** The kinds of object the task's steps make (the batch right, the task): what a task-set surveys. */
const TASK_KINDS: readonly CreatedKind[] = TASK_STEP_IDS.flatMap((id) => KINDS_BY_STEP[id] ?? []);

/**
 * Which part of the setup a step belongs to (a screen of the wizard each): the task's steps, the install steps on the
 * target computer, and the directory steps that make the account (KDS key, group, members, account, sMSA link).
 */
export const stageOf = (stepId: string): StepStage =>
  TASK_STEPS.has(stepId) ? 'task' : INSTALL_STEPS.has(stepId) ? 'install' : 'account';

/** Where a step runs: the install and task steps on the target computer; the account's steps change the directory. */
export const whereOf = (stepId: string): 'host' | 'directory' => (stageOf(stepId) === 'account' ? 'directory' : 'host');

/** A plan input with its task replaced (or removed: null); everything else as it was. */
export function withTask(
  planInput: Readonly<Record<string, unknown>>,
  task: Record<string, unknown> | null,
): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...planInput };
  delete rest.task;
  return task === null ? rest : { ...rest, task };
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
}

export function foldRun(records: readonly JournalRecord[], journal: string): FoldedRun {
  const first = records[0];
  if (first?.type !== 'run-started') throw new Error('a journal starts with run-started');
  // The plan now: the one the run started with, its task as set last. The run's steps are this plan's.
  let planInput = first.plan;
  for (const r of records) if (r.type === 'task-set') planInput = withTask(first.plan, r.task);
  const plan = parsePlan(planInput);
  // What existed before the run, as known at each point of the journal: the start's survey, its task objects replaced
  // by each task-set's survey (which leaves out what this run made). An earlier task's survey must not hide what the
  // run makes for a later one from undo.
  let before: CreatedObject[] = [...first.before];

  const pending = new Map<string, RunInfo['steps'][number]>(
    planSteps(plan).map((s) => [
      s.id,
      {
        id: s.id,
        title: s.title,
        script: s.preview(plan).text,
        where: whereOf(s.id),
        stage: stageOf(s.id),
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
  let closed = false;

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
    } else if (r.type === 'task-set') {
      before = [...before.filter((o) => !TASK_KINDS.includes(o.kind)), ...r.before];
      // A new task: what the steps that depend on its settings did for the earlier one (failed attempts only: setTask
      // refuses once the task is registered) no longer applies, so they are due again. The batch right keeps its state.
      for (const [id, fresh] of pending) {
        if (TASK_SETTINGS_STEPS.has(id)) steps.set(id, { ...fresh, created: created.get(id) ?? [] });
      }
    } else if (r.type === 'undo-finished') {
      undone.set(r.stepId, { ok: r.ok, message: r.message });
    } else if (r.type === 'run-closed') {
      closed = true;
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
        script: stepById(s.id).undo(objects).text,
        status: result === undefined ? 'pending' : result.ok ? 'done' : 'failed',
        message: result?.message ?? null,
      };
    });
  const anyUndone = undo.some((u) => u.status === 'done');
  const allUndone = undo.length > 0 && undo.every((u) => u.status === 'done');
  const complete = list.every((s) => s.status === 'done' || s.status === 'exists');
  const state: RunInfo['state'] = allUndone
    ? 'undone'
    : closed
      ? 'closed'
      : complete && !anyUndone
        ? 'completed'
        : 'open';

  return {
    plan,
    before,
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
    },
  };
}
