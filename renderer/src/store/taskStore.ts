// The scheduled-task form's state: the answers as typed, which fields were touched, whether the admin tried to add
// the task (then every problem shows), what the core said about the last task it was sent, and whether the task is
// part of the plan (added on the Use the account screen, or read from an answers file).
import { create } from 'zustand';
import type { PlanIssue } from '../api/contract';
import { EMPTY_TASK_FORM, taskFormFromInput, type TaskFieldKey, type TaskForm } from './taskForm';

interface TaskState {
  readonly form: TaskForm;
  readonly touched: Partial<Record<TaskFieldKey, true>>;
  readonly submitted: boolean;
  readonly serverIssues: readonly PlanIssue[];
  /** The task belongs to the plan: a run started from the form includes it, and saved answers carry it. */
  readonly planned: boolean;
  /** Why the script's path could not be checked on Add (its computer did not answer): a warning, the path is kept. */
  readonly pathNote: string | null;
  setPathNote(note: string | null): void;
  update(patch: Partial<TaskForm>, touched?: readonly TaskFieldKey[]): void;
  touch(key: TaskFieldKey): void;
  submit(): void;
  setServerIssues(issues: readonly PlanIssue[]): void;
  setPlanned(planned: boolean): void;
  /** The form from a plan's task (or empty without one). */
  load(task: unknown): void;
}

export const useTask = create<TaskState>((set) => ({
  form: EMPTY_TASK_FORM,
  touched: {},
  submitted: false,
  serverIssues: [],
  planned: false,
  pathNote: null,

  setPathNote: (pathNote) => set({ pathNote }),
  update: (patch, touched = []) =>
    set((s) => ({
      form: { ...s.form, ...patch },
      pathNote: 'path' in patch ? null : s.pathNote,
      touched: { ...s.touched, ...Object.fromEntries(touched.map((k) => [k, true])) },
      // An edit makes the core's word on the old answers stale.
      serverIssues: [],
    })),
  touch: (key) => set((s) => (s.touched[key] ? s : { touched: { ...s.touched, [key]: true } })),
  submit: () => set({ submitted: true }),
  setServerIssues: (serverIssues) => set({ serverIssues, submitted: true }),
  setPlanned: (planned) => set({ planned }),
  load: (task) =>
    set({
      form: task === undefined || task === null ? EMPTY_TASK_FORM : taskFormFromInput(task),
      touched: {},
      submitted: false,
      serverIssues: [],
      pathNote: null,
      planned: task !== undefined && task !== null,
    }),
}));
