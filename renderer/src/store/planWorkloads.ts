// The workloads of a plan input as the screens list them (Use the account, Summary): each with its id and host filled
// in as the plan schema fills them (version 1's `task` is the workload 'task' on the target computer), its kind's
// label and one-line description, and the run's steps that serve it (its own and the rights of its host it needs).
import { settingsKindOf, type RunStep } from '../api/contract';
import { TASK_KIND } from '../workloads/registry';

export interface PlanWorkloadView {
  readonly id: string;
  readonly kind: string;
  readonly host: string;
  readonly settings: unknown;
  /** 'Windows service' ... */
  readonly label: string;
  /** 'Service ReportSvc' ... (the kind's describe), or the name as typed when the settings do not parse. */
  readonly description: string;
}

export function planWorkloads(plan: Readonly<Record<string, unknown>>): PlanWorkloadView[] {
  const target = typeof plan.targetComputer === 'string' ? plan.targetComputer : '';
  const raw: Record<string, unknown>[] = [
    ...(typeof plan.task === 'object' && plan.task !== null
      ? [{ id: 'task', kind: TASK_KIND, settings: plan.task }]
      : []),
    ...(Array.isArray(plan.workloads) ? (plan.workloads as unknown[]) : []).filter(
      (w): w is Record<string, unknown> => typeof w === 'object' && w !== null,
    ),
  ];
  const taken = new Set(raw.flatMap((w) => (typeof w.id === 'string' ? [w.id] : [])));
  return raw.map((w) => {
    const kind = String(w.kind);
    const settingsKind = settingsKindOf(kind);
    let id = typeof w.id === 'string' ? w.id : undefined;
    if (id === undefined) {
      const base = settingsKind?.defaultId ?? kind;
      id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
    }
    const parsed = settingsKind?.settingsSchema.safeParse(w.settings);
    const name = (w.settings as { name?: unknown } | undefined)?.name;
    const description =
      parsed?.success === true
        ? (settingsKind as { describe(s: unknown): string }).describe(parsed.data)
        : typeof name === 'string'
          ? name
          : id;
    return {
      id,
      kind,
      host: typeof w.host === 'string' ? w.host : target,
      settings: w.settings,
      label: settingsKind?.label ?? kind,
      description,
    };
  });
}

/** The steps that serve a workload: the rights its kind needs on its host, then its own steps. */
export function stepsOfWorkload(steps: readonly RunStep[], w: PlanWorkloadView): RunStep[] {
  const rights = new Set((settingsKindOf(w.kind)?.rights ?? []).map((r) => `${r}-right`));
  return steps.filter(
    (s) =>
      s.workloadId === w.id ||
      (s.workloadId === null && s.host === w.host && rights.has(s.kind) && s.stage === 'workload'),
  );
}

/** A workload's steps in a few words: 'Not started', '2 of 3 steps done', 'Done', 'Stopped at: Restart ReportSvc'. */
export function workloadProgress(steps: readonly RunStep[]): string {
  if (steps.length === 0) return 'No steps yet';
  const stopped = steps.find((s) => s.status === 'conflict' || s.status === 'failed' || s.status === 'running');
  if (stopped !== undefined) return `Stopped at: ${stopped.title}`;
  const done = steps.filter((s) => s.status === 'done' || s.status === 'exists').length;
  if (done === steps.length) return 'Done';
  if (done === 0) return 'Not started';
  return `${done} of ${steps.length} steps done`;
}
