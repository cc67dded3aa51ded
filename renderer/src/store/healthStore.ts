// The prerequisite health check: the last report, which checks are running, fixes applied, and which checks' details
// are open. One call at a time: "Run checks again" or a fix while anything runs does nothing (no double fire).
// A fix answers with the checks it re-ran; those replace the same checks in the report, the others stay.
import { create } from 'zustand';
import { call } from '../api/client';
import type { ApiError, CheckResult, FixId, HealthReport } from '../api/contract';
import { api } from '../api/instance';
import type { AppliedFix } from '../health/report';

/** What runs now: every check ('all'), some checks (their ids), a fix, or nothing. */
export type HealthActivity =
  | { readonly kind: 'idle' }
  | { readonly kind: 'checks'; readonly only: readonly string[] | null }
  | { readonly kind: 'fix'; readonly fix: FixId; readonly checkId: string };

interface HealthState {
  /** The last full run, with the checks re-run since (by a fix or "Re-run this check") in place of their old results. */
  readonly report: HealthReport | null;
  /** When checks were last re-run on their own (null since the last full run). */
  readonly updatedAt: string | null;
  /** The last failed checks.run. */
  readonly error: ApiError | null;
  /** The last failed fix, shown with the check it belongs to. */
  readonly fixError: { readonly checkId: string; readonly fix: FixId; readonly error: ApiError } | null;
  readonly activity: HealthActivity;
  /** Every fix applied this session (for the report), and the last one while no full run came after it. */
  readonly applied: readonly AppliedFix[];
  readonly notice: AppliedFix | null;
  /** Check ids whose details are open. */
  readonly expanded: Readonly<Record<string, boolean>>;
  /** Runs every check, or only the listed ones (their results replace the same checks). */
  run(only?: readonly string[]): Promise<void>;
  /** Applies a one-click fix offered by check `checkId`; true when it was applied. */
  fix(checkId: string, fix: FixId, acknowledged: boolean): Promise<boolean>;
  setExpanded(checkId: string, open: boolean): void;
}

/** The report with `update`'s checks in place of the same checks (new ones appended); it keeps its own time. */
export function mergeReport(current: HealthReport | null, update: HealthReport): HealthReport {
  if (current === null) return update;
  const fresh = new Map(update.results.map((r) => [r.id, r]));
  const results: CheckResult[] = current.results.map((r) => fresh.get(r.id) ?? r);
  const known = new Set(current.results.map((r) => r.id));
  for (const r of update.results) if (!known.has(r.id)) results.push(r);
  return { results, ms: current.ms, ranAt: current.ranAt };
}

/** A planned workload as the checks read it: its kind's own checks join the run (Task Scheduler, IIS, the service). */
export interface HealthWorkload {
  readonly kind: string;
  readonly host: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

/**
 * Where the checks find the plan's workloads: set by the setup screens once they load (the plan lives there), so the
 * first paint carries none of the setup code. Until then, and without workloads, only the general checks run.
 */
let workloadSource: () => readonly HealthWorkload[] = () => [];
export function setHealthWorkloadSource(source: () => readonly HealthWorkload[]): void {
  workloadSource = source;
}

export const useHealth = create<HealthState>((set, get) => ({
  report: null,
  updatedAt: null,
  error: null,
  fixError: null,
  activity: { kind: 'idle' },
  applied: [],
  notice: null,
  expanded: {},

  async run(only) {
    if (get().activity.kind !== 'idle') return;
    const subset = only !== undefined && only.length > 0 ? [...only] : null;
    set({ activity: { kind: 'checks', only: subset } });
    await api.eventsReady();
    const workloads = workloadSource();
    const result = await call(api, 'checks.run', {
      ...(subset === null ? {} : { only: subset }),
      ...(workloads.length === 0 ? {} : { workloads: [...workloads] }),
    });
    if (result.ok) {
      set({
        report: subset === null ? result.value : mergeReport(get().report, result.value),
        updatedAt: subset === null ? null : result.value.ranAt,
        notice: subset === null ? null : get().notice,
        error: null,
        activity: { kind: 'idle' },
      });
    } else {
      set({ error: result.error, activity: { kind: 'idle' } });
    }
  },

  async fix(checkId, fix, acknowledged) {
    if (get().activity.kind !== 'idle') return false;
    set({ activity: { kind: 'fix', fix, checkId }, fixError: null });
    const result = await call(api, 'checks.fix', acknowledged ? { fix, acknowledged: true } : { fix });
    if (!result.ok) {
      set({ fixError: { checkId, fix, error: result.error }, activity: { kind: 'idle' } });
      return false;
    }
    const { applied, report } = result.value;
    const notice: AppliedFix = { fix, applied, at: report.ranAt };
    set({
      report: mergeReport(get().report, report),
      updatedAt: report.ranAt,
      applied: [...get().applied, notice],
      notice,
      activity: { kind: 'idle' },
    });
    return true;
  },

  setExpanded: (checkId, open) => set({ expanded: { ...get().expanded, [checkId]: open } }),
}));

/** Whether check `id` is being checked now (its row shows a spinner instead of its status). */
export function isChecking(activity: HealthActivity, id: string): boolean {
  return activity.kind === 'checks' && (activity.only === null || activity.only.includes(id));
}
