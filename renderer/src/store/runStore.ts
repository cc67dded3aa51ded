// The setup run: the journaled run this session works on (runs.start, runs.step, runs.all, runs.setTask, runs.undo), the run the
// journal offers to resume when the app starts (runs.current), what runs now, and the last error. One call at a time:
// a second press while one runs does nothing (no double fire).
import { create } from 'zustand';
import { call, type CallResult } from '../api/client';
import type {
  ApiError,
  ApiEvent,
  ApiInput,
  ApiOutput,
  JournalProblem,
  PlanInput,
  RunInfo,
  RunStep,
} from '../api/contract';
import { api } from '../api/instance';
import { usePlanFile } from './planFileStore';
import { TASK_KIND } from '../workloads/registry';

export type RunActivity =
  | { readonly kind: 'idle' }
  | { readonly kind: 'current' }
  | { readonly kind: 'start' }
  | { readonly kind: 'step'; readonly stepId: string }
  | { readonly kind: 'all'; readonly stage: RunStage }
  | { readonly kind: 'set-task' }
  | { readonly kind: 'set-workload'; readonly workloadId: string }
  | { readonly kind: 'undo'; readonly all: boolean }
  | { readonly kind: 'undo-set-aside'; readonly runId: string }
  | { readonly kind: 'close' };

/** A run set aside (runs.setAside): what it created, what of it is undone, and a newer run that took it over. */
export type SetAsideRun = ApiOutput<'runs.setAside'>['runs'][number];

/** A workload as runs.setWorkload takes it. */
export type RunWorkload = ApiInput<'runs.setWorkload'>['workload'];

/** Which screen's steps: the directory steps (Account), the host steps (Install & test), the workloads' (Use the account). */
export type RunStage = RunStep['stage'];

/** A long step's progress as the core reports it (the task's test run: how long it has waited, the task's state). */
export interface StepProgress {
  readonly stepId: string;
  readonly elapsedMs: number;
  readonly timeoutMs: number;
  readonly state: string;
}

/** What the last failed call was for, so the screen that made it shows the error. */
export type RunErrorFor = 'current' | 'start' | RunStage | 'undo' | 'close' | 'set-aside';

interface RunState {
  /** The run this session works on (started here or resumed). */
  readonly run: RunInfo | null;
  /** An unfinished run from the journal, offered for resume (the banner), until resumed or set aside. */
  readonly offered: RunInfo | null;
  /** A journal the core cannot read (damaged, or from a newer wizard), newer than any run it could offer. */
  readonly unreadable: JournalProblem | null;
  /** The plan was saved for later (runs.start only): the banner-free note on the screen. */
  readonly saved: boolean;
  readonly activity: RunActivity;
  /** The running step's progress, while it runs. */
  readonly progress: StepProgress | null;
  readonly error: { readonly for: RunErrorFor; readonly error: ApiError } | null;
  /** The runs set aside, newest first (runs.setAside): listed until undone, also after a reload. */
  readonly setAsideRuns: readonly SetAsideRun[];
  loadCurrent(): Promise<void>;
  /** Reads the runs set aside again (quietly: it does not count as the activity, a button press may run meanwhile). */
  loadSetAside(): Promise<void>;
  /** Undoes all a set-aside run created (runs.undo all), then reads the list again. */
  undoSetAside(runId: string): Promise<boolean>;
  /** Takes the offered run as the current one. */
  resume(): RunInfo | null;
  /** Sets the offered run aside (runs.close): it is no longer offered. */
  setAside(): Promise<boolean>;
  /** Starts a run of `plan` (journal only, nothing runs); `save`: it is being saved for later. */
  start(plan: PlanInput, save?: boolean): Promise<RunInfo | null>;
  runStep(stepId: string, stage: RunStage): Promise<RunInfo | null>;
  runAll(stage: RunStage): Promise<RunInfo | null>;
  /** Gives the run its scheduled task (or takes it away: null); nothing runs. */
  setTask(task: Record<string, unknown> | null): Promise<RunInfo | null>;
  /** Adds a workload to the run, or replaces the one with its id (runs.setWorkload); nothing runs. */
  setWorkload(workload: RunWorkload): Promise<RunInfo | null>;
  /** Takes a workload out of the run (runs.removeWorkload). */
  removeWorkload(workloadId: string): Promise<RunInfo | null>;
  undo(all: boolean): Promise<RunInfo | null>;
  /** Sets the current run aside (nothing ran yet: the plan can be edited again). */
  close(): Promise<boolean>;
  /** Forgets the current run (after undo, to edit the plan and start again). */
  forget(): void;
  clearError(): void;
  /** The core's events: a step's progress (only while this run's step runs). */
  receive(event: ApiEvent): void;
}

export const useRun = create<RunState>((set, get) => {
  /**
   * Runs one call as `activity`, unless a call runs already (then: null). A failure becomes the error shown for
   * `errorFor`; on success `then` says what else the value changes, in the same update that ends the activity.
   */
  async function attempt<T>(
    activity: RunActivity,
    errorFor: RunErrorFor,
    invoke: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>,
    then: (value: T) => Partial<RunState>,
  ): Promise<T | null> {
    if (get().activity.kind !== 'idle') return null;
    set({ activity, error: null, progress: null });
    const result = await invoke();
    set({
      activity: { kind: 'idle' },
      progress: null,
      ...(result.ok ? then(result.value) : { error: { for: errorFor, error: result.error } }),
    });
    return result.ok ? result.value : null;
  }

  /** A call whose RunInfo becomes the current run. */
  const act = (activity: RunActivity, errorFor: RunErrorFor, invoke: () => Promise<CallResult<'runs.step'>>) =>
    attempt(activity, errorFor, invoke, (run) => ({ run }));

  /** `f` on the current run; without one, nothing happens (null). */
  const onRun = async <T>(f: (run: RunInfo) => Promise<T | null>): Promise<T | null> => {
    const run = get().run;
    return run === null ? null : f(run);
  };

  return {
    run: null,
    offered: null,
    unreadable: null,
    saved: false,
    activity: { kind: 'idle' },
    progress: null,
    error: null,
    setAsideRuns: [],

    async loadSetAside() {
      const result = await call(api, 'runs.setAside', {});
      if (result.ok) set({ setAsideRuns: result.value.runs });
    },

    async undoSetAside(runId) {
      const undone = await attempt(
        { kind: 'undo-set-aside', runId },
        'set-aside',
        () => call(api, 'runs.undo', { runId, all: true }),
        () => ({}),
      );
      await get().loadSetAside();
      return undone !== null;
    },

    async loadCurrent() {
      await attempt(
        { kind: 'current' },
        'current',
        () => call(api, 'runs.current', {}),
        ({ run, unreadable }) => ({
          // A run this session already works on is not offered again.
          offered: run !== null && run.runId !== get().run?.runId ? run : null,
          unreadable: unreadable ?? null,
        }),
      );
    },

    resume() {
      const { offered } = get();
      if (offered === null) return null;
      set({ run: offered, offered: null, saved: false, error: null });
      return offered;
    },

    async setAside() {
      const { offered } = get();
      if (offered === null) return false;
      const closed = await attempt(
        { kind: 'close' },
        'current',
        () => call(api, 'runs.close', { runId: offered.runId }),
        () => ({ offered: null }),
      );
      if (closed !== null) void get().loadSetAside();
      return closed !== null;
    },

    async start(plan, save = false) {
      const run = await act({ kind: 'start' }, 'start', () => call(api, 'runs.start', { plan }));
      if (run !== null) {
        const { offered } = get();
        set({ saved: save, offered: offered?.runId === run.runId ? null : offered });
        // "Opened X … nothing has run" is no longer true.
        usePlanFile.getState().setOutcome(null);
      }
      return run;
    },

    runStep: (stepId, stage) =>
      onRun((run) => act({ kind: 'step', stepId }, stage, () => call(api, 'runs.step', { runId: run.runId, stepId }))),

    runAll: (stage) =>
      onRun((run) => act({ kind: 'all', stage }, stage, () => call(api, 'runs.all', { runId: run.runId, stage }))),

    // The Use the account screen's task is the run's workload 'task'.
    setTask: (task) =>
      onRun((run) =>
        act({ kind: 'set-task' }, 'workload', () =>
          task === null
            ? call(api, 'runs.removeWorkload', { runId: run.runId, workloadId: 'task' })
            : call(api, 'runs.setWorkload', {
                runId: run.runId,
                workload: { id: 'task', kind: TASK_KIND, settings: task },
              }),
        ),
      ),

    setWorkload: (workload) =>
      onRun((run) =>
        act({ kind: 'set-workload', workloadId: workload.id ?? '' }, 'workload', () =>
          call(api, 'runs.setWorkload', { runId: run.runId, workload }),
        ),
      ),

    removeWorkload: (workloadId) =>
      onRun((run) =>
        act({ kind: 'set-workload', workloadId }, 'workload', () =>
          call(api, 'runs.removeWorkload', { runId: run.runId, workloadId }),
        ),
      ),

    undo: (all) =>
      onRun((run) =>
        act({ kind: 'undo', all }, 'undo', () =>
          call(api, 'runs.undo', all ? { runId: run.runId, all: true } : { runId: run.runId }),
        ),
      ),

    async close() {
      const closed = await onRun((run) =>
        act({ kind: 'close' }, 'close', () => call(api, 'runs.close', { runId: run.runId })),
      );
      if (closed === null) return false;
      set({ run: null, saved: false });
      void get().loadSetAside();
      return true;
    },

    forget: () => set({ run: null, saved: false, error: null }),
    clearError: () => set({ error: null }),

    receive(event) {
      if (event.type !== 'step-progress') return;
      const { run, activity } = get();
      if (run?.runId !== event.runId || activity.kind === 'idle') return;
      set({
        progress: { stepId: event.stepId, elapsedMs: event.elapsedMs, timeoutMs: event.timeoutMs, state: event.state },
      });
    },
  };
});

/** The step a run was cut off in (its journal says 'running'), if any. */
export const interruptedStep = (run: RunInfo): RunStep | null => run.steps.find((s) => s.status === 'running') ?? null;
