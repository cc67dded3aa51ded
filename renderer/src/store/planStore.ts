// The setup form: the answers as typed, which part of the Account screen shows, which fields were touched, the
// problems the core reported for the last plan it saw, and the live lookups (is the name free, are the SPNs held
// elsewhere, the exact scripts of every step). Each lookup remembers what it was asked (`key`): an answer to an older
// question is dropped, so a slow answer never overwrites a newer one.
import { create } from 'zustand';
import { call } from '../api/client';
import type { ApiError, ApiOutput, PlanInput, PlanIssue } from '../api/contract';
import { api } from '../api/instance';
import { EMPTY_FORM, formFromPlan, type FieldKey, type PartId, type PlanForm } from './planForm';

export interface Lookup<T> {
  readonly key: string;
  readonly loading: boolean;
  readonly value: T | null;
  readonly error: ApiError | null;
}

export type NameCheck = ApiOutput<'directory.checkName'>;
export type SpnHolders = ApiOutput<'directory.checkSpns'>;
export type PlanSteps = ApiOutput<'plan.steps'>;

interface PlanState {
  readonly form: PlanForm;
  readonly part: PartId;
  readonly touched: Partial<Record<FieldKey, true>>;
  /** Parts the admin tried to leave (Next) or submit: every problem on them shows, touched or not. */
  readonly submitted: Partial<Record<PartId, true>>;
  /** What the core said about the last plan it was sent (plan.steps, runs.start), by plan path. */
  readonly serverIssues: readonly PlanIssue[];
  readonly nameCheck: Lookup<NameCheck> | null;
  readonly spnCheck: Lookup<SpnHolders> | null;
  /** Is the typed target computer in the directory (directory.search with exact: its name or NAME$)? */
  readonly targetCheck: Lookup<boolean> | null;
  readonly preview: Lookup<PlanSteps> | null;
  /** Changes answers; the fields named are marked touched (their problems show from now on). */
  update(patch: Partial<PlanForm>, touched?: readonly FieldKey[]): void;
  touch(key: FieldKey): void;
  goToPart(part: PartId): void;
  submit(parts: readonly PartId[]): void;
  setServerIssues(issues: readonly PlanIssue[]): void;
  checkName(name: string): Promise<void>;
  /** Looks the target computer up (once per name the admin stops at). */
  checkTarget(name: string): Promise<void>;
  /** `account`: the account's own name (its own SPNs are not duplicates), when it is a valid name. */
  checkSpns(spns: readonly string[], account: string | null): Promise<void>;
  loadPreview(input: PlanInput): Promise<void>;
  /** The form from a run's plan (resume), on part `part`. */
  loadFromRun(plan: Record<string, unknown>, part: PartId): void;
  reset(): void;
}

const start = <T>(key: string): Lookup<T> => ({ key, loading: true, value: null, error: null });

/** Whether the lookup already asks (or has answered) the question `key`: asking again would only repeat it. */
const asked = (lookup: Lookup<unknown> | null, key: string): boolean =>
  lookup !== null && lookup.key === key && (lookup.loading || lookup.value !== null);

/** The answer to the question `key`: the value, or the error. */
function answer<T>(key: string, result: { ok: true; value: T } | { ok: false; error: ApiError }): Lookup<T> {
  return result.ok
    ? { key, loading: false, value: result.value, error: null }
    : { key, loading: false, value: null, error: result.error };
}

/** A blank form: no answers, nothing touched or submitted, no problems, no name or SPN lookups. */
const BLANK = {
  form: EMPTY_FORM,
  part: 'type',
  touched: {},
  submitted: {},
  serverIssues: [],
  nameCheck: null,
  spnCheck: null,
  targetCheck: null,
} satisfies Partial<PlanState>;

export const usePlan = create<PlanState>((set, get) => ({
  ...BLANK,
  preview: null,

  update(patch, touched = []) {
    const marks = { ...get().touched };
    for (const key of touched) marks[key] = true;
    set({ form: { ...get().form, ...patch }, touched: marks, serverIssues: [] });
  },

  touch(key) {
    if (get().touched[key] === true) return;
    set({ touched: { ...get().touched, [key]: true } });
  },

  goToPart: (part) => set({ part }),

  submit(parts) {
    const submitted = { ...get().submitted };
    for (const part of parts) submitted[part] = true;
    set({ submitted });
  },

  setServerIssues: (issues) => set({ serverIssues: [...issues] }),

  async checkName(name) {
    const key = name.trim().toLowerCase();
    if (asked(get().nameCheck, key)) return;
    set({ nameCheck: start(key) });
    const result = await call(api, 'directory.checkName', { name: name.trim() });
    if (get().nameCheck?.key === key) set({ nameCheck: answer(key, result) });
  },

  async checkTarget(name) {
    const key = name.trim().toUpperCase();
    if (asked(get().targetCheck, key)) return;
    set({ targetCheck: start(key) });
    // The exact lookup: a search keeps 50 names containing the text and can leave this one out.
    const result = await call(api, 'directory.search', { kind: 'computer', text: key, exact: true });
    const found = result.ok ? { ok: true as const, value: result.value.length > 0 } : result;
    if (get().targetCheck?.key === key) set({ targetCheck: answer(key, found) });
  },

  async checkSpns(spns, account) {
    const key = JSON.stringify([spns.map((s) => s.toLowerCase()), account?.toLowerCase() ?? null]);
    if (asked(get().spnCheck, key)) return;
    set({ spnCheck: start(key) });
    const result = await call(
      api,
      'directory.checkSpns',
      account === null ? { spns: [...spns] } : { spns: [...spns], account },
    );
    if (get().spnCheck?.key === key) set({ spnCheck: answer(key, result) });
  },

  async loadPreview(input) {
    const key = JSON.stringify(input);
    const current = get().preview;
    if (asked(current, key)) return;
    // The last preview stays on screen until the new one arrives.
    set({ preview: { key, loading: true, value: current?.value ?? null, error: null } });
    const result = await call(api, 'plan.steps', { plan: input });
    if (get().preview?.key !== key) return;
    const preview = answer(key, result);
    set(result.ok ? { preview } : { preview, serverIssues: result.error.issues ?? [] });
  },

  loadFromRun(plan, part) {
    set({ ...BLANK, form: formFromPlan(plan), part });
  },

  reset: () => set({ ...BLANK, preview: null }),
}));
