// A run as the UI sees it, folded from its journal: each step's latest status, what the run created (deduplicated,
// minus anything that existed before the run), and the undo actions left. Pure: no PowerShell, no disk.
import type { RunInfo, UndoActionInfo } from '../api/contract.js';
import { parsePlan, planWarnings, samOf, type Plan } from '../plan/plan-schema.js';
import { planSteps, stepById } from '../steps/plan-steps.js';
import type { CreatedObject } from '../steps/types.js';
import type { JournalRecord } from './journal.js';
import { sameObject } from './survey.js';

/** Steps that act on the target computer (everything else changes the directory). */
export const HOST_STEPS: ReadonlySet<string> = new Set([
  'refresh-ticket',
  'install',
  'test',
  'batch-right',
  'scheduled-task',
  'task-test-run',
]);

/** Where a step runs: on the target computer, or against the directory. */
export const whereOf = (stepId: string): 'host' | 'directory' => (HOST_STEPS.has(stepId) ? 'host' : 'directory');

export interface FoldedRun {
  readonly info: RunInfo;
  readonly plan: Plan;
  readonly before: readonly CreatedObject[];
}

export function foldRun(records: readonly JournalRecord[], journal: string): FoldedRun {
  const first = records[0];
  if (first?.type !== 'run-started') throw new Error('a journal starts with run-started');
  const plan = parsePlan(first.plan);
  const before = first.before;

  const steps = new Map<string, RunInfo['steps'][number]>(
    planSteps(plan).map((s) => [
      s.id,
      {
        id: s.id,
        title: s.title,
        script: s.preview(plan).text,
        where: whereOf(s.id),
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
          status: r.outcome.status,
          message: r.outcome.message,
          errorKind: r.outcome.errorKind,
          created: mine,
          finishedAt: r.at,
          warnings: r.outcome.warnings ?? [],
          details: r.outcome.details ?? null,
        });
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
      plan: first.plan,
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
