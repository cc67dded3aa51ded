// The setup run: the journaled run this session works on (runs.start, runs.step, runs.all, runs.undo), the run the
// journal offers to resume when the app starts (runs.current), what runs now, and the last error. One call at a time:
// a second press while one runs does nothing (no double fire).
import { create } from 'zustand';
import { call } from '../api/client';
import type { ApiError, PlanInput, RunInfo, RunStep } from '../api/contract';
import { api } from '../api/instance';

export type RunActivity =
  | { readonly kind: 'idle' }
  | { readonly kind: 'current' }
  | { readonly kind: 'start' }
  | { readonly kind: 'step'; readonly stepId: string }
  | { readonly kind: 'all'; readonly where: RunStep['where'] }
  | { readonly kind: 'undo'; readonly all: boolean }
  | { readonly kind: 'close' };

/** What the last failed call was for, so the screen that made it shows the error. */
export type RunErrorFor = 'current' | 'start' | 'directory' | 'host' | 'undo' | 'close';

interface RunState {
  /** The run this session works on (started here or resumed). */
  readonly run: RunInfo | null;
  /** An unfinished run from the journal, offered for resume (the banner), until resumed or set aside. */
  readonly offered: RunInfo | null;
  /** The plan was saved for later (runs.start only): the banner-free note on the screen. */
  readonly saved: boolean;
  readonly activity: RunActivity;
  readonly error: { readonly for: RunErrorFor; readonly error: ApiError } | null;
  loadCurrent(): Promise<void>;
  /** Takes the offered run as the current one. */
  resume(): RunInfo | null;
  /** Sets the offered run aside (runs.close): it is no longer offered. */
  setAside(): Promise<boolean>;
  /** Starts a run of `plan` (journal only, nothing runs); `save`: it is being saved for later. */
  start(plan: PlanInput, save?: boolean): Promise<RunInfo | null>;
  runStep(stepId: string, where: RunStep['where']): Promise<RunInfo | null>;
  runAll(where: RunStep['where']): Promise<RunInfo | null>;
  undo(all: boolean): Promise<RunInfo | null>;
  /** Sets the current run aside (nothing ran yet: the plan can be edited again). */
  close(): Promise<boolean>;
  /** Forgets the current run (after undo, to edit the plan and start again). */
  forget(): void;
  clearError(): void;
}

/** A run that holds the form: open (steps left) or completed. An undone or closed run no longer does. */
export const isActive = (run: RunInfo | null): run is RunInfo =>
  run !== null && (run.state === 'open' || run.state === 'completed');

export const useRun = create<RunState>((set, get) => {
  /** Runs one call as `activity`; its RunInfo becomes the current run. */
  async function act(
    activity: RunActivity,
    errorFor: RunErrorFor,
    invoke: () => ReturnType<typeof call<'runs.step'>>,
  ): Promise<RunInfo | null> {
    if (get().activity.kind !== 'idle') return null;
    set({ activity, error: null });
    const result = await invoke();
    if (!result.ok) {
      set({ activity: { kind: 'idle' }, error: { for: errorFor, error: result.error } });
      return null;
    }
    set({ activity: { kind: 'idle' }, run: result.value });
    return result.value;
  }

  return {
    run: null,
    offered: null,
    saved: false,
    activity: { kind: 'idle' },
    error: null,

    async loadCurrent() {
      if (get().activity.kind !== 'idle') return;
      set({ activity: { kind: 'current' } });
      const result = await call(api, 'runs.current', {});
      if (!result.ok) {
        set({ activity: { kind: 'idle' }, error: { for: 'current', error: result.error } });
        return;
      }
      const run = result.value.run;
      // A run this session already works on is not offered again.
      const offered = run !== null && run.runId !== get().run?.runId ? run : null;
      set({ activity: { kind: 'idle' }, offered });
    },

    resume() {
      const { offered } = get();
      if (offered === null) return null;
      set({ run: offered, offered: null, saved: false, error: null });
      return offered;
    },

    async setAside() {
      const { offered } = get();
      if (offered === null || get().activity.kind !== 'idle') return false;
      set({ activity: { kind: 'close' }, error: null });
      const result = await call(api, 'runs.close', { runId: offered.runId });
      if (!result.ok) {
        set({ activity: { kind: 'idle' }, error: { for: 'current', error: result.error } });
        return false;
      }
      set({ activity: { kind: 'idle' }, offered: null });
      return true;
    },

    async start(plan, save = false) {
      const run = await act({ kind: 'start' }, 'start', () => call(api, 'runs.start', { plan }));
      if (run !== null) {
        const { offered } = get();
        set({ saved: save, offered: offered?.runId === run.runId ? null : offered });
      }
      return run;
    },

    runStep(stepId, where) {
      const run = get().run;
      if (run === null) return Promise.resolve(null);
      return act({ kind: 'step', stepId }, where, () => call(api, 'runs.step', { runId: run.runId, stepId }));
    },

    runAll(where) {
      const run = get().run;
      if (run === null) return Promise.resolve(null);
      return act({ kind: 'all', where }, where, () => call(api, 'runs.all', { runId: run.runId, where }));
    },

    undo(all) {
      const run = get().run;
      if (run === null) return Promise.resolve(null);
      return act({ kind: 'undo', all }, 'undo', () =>
        call(api, 'runs.undo', all ? { runId: run.runId, all: true } : { runId: run.runId }),
      );
    },

    async close() {
      const run = get().run;
      if (run === null) return false;
      const closed = await act({ kind: 'close' }, 'close', () => call(api, 'runs.close', { runId: run.runId }));
      if (closed === null) return false;
      set({ run: null, saved: false });
      return true;
    },

    forget: () => set({ run: null, saved: false, error: null }),
    clearError: () => set({ error: null }),
  };
});

/** Undo has begun: the run's steps can no longer run (finish the undo, then start again). */
export const isUndoing = (run: RunInfo): boolean => run.undo.some((u) => u.status === 'done');

/** The step a run was cut off in (its journal says 'running'), if any. */
export const interruptedStep = (run: RunInfo): RunStep | null => run.steps.find((s) => s.status === 'running') ?? null;
