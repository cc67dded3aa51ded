// The task form's problems now: the plan's own zod rules on the task, shown on a field once it was touched or the
// admin tried to add the task; and what the core said about the last task it was sent (always shown).
import { useMemo } from 'react';
import { taskLockReason } from '../../api/contract';
import { isActive } from '../../setup/steps';
import { useRun } from '../../store/runStore';
import { taskServerIssues, validateTaskForm, type TaskFieldErrors, type TaskFieldKey } from '../../store/taskForm';
import { useTask } from '../../store/taskStore';

export interface TaskErrors {
  readonly all: TaskFieldErrors;
  readonly shown: TaskFieldErrors;
  /** The core's problems that fit no field. */
  readonly other: readonly string[];
}

/** Why the task can no longer be changed in this run: the core's reason (taskLockReason), or undo has begun. */
export type TaskLock = 'registered' | 'cut-off' | 'undoing' | null;

/**
 * Why the task can no longer be changed, or null while it can — the core's own rule (runs.setTask refuses then),
 * so the form is read-only exactly when an update would be refused. Even after the batch right was granted, or a
 * registration failed, the task can still be changed.
 */
export function useTaskLock(): TaskLock {
  return useRun((s) => {
    if (!isActive(s.run)) return null;
    if (s.run.undo.some((u) => u.status === 'done')) return 'undoing';
    return taskLockReason(s.run.steps);
  });
}

export const useTaskLocked = (): boolean => useTaskLock() !== null;

export function useTaskErrors(): TaskErrors {
  const form = useTask((s) => s.form);
  const touched = useTask((s) => s.touched);
  const submitted = useTask((s) => s.submitted);
  const serverIssues = useTask((s) => s.serverIssues);
  const locked = useTaskLocked();
  return useMemo(() => {
    if (locked) return { all: {}, shown: {}, other: [] };
    const all = validateTaskForm(form);
    const server = taskServerIssues(serverIssues, form.triggerKind);
    const shown: TaskFieldErrors = {};
    for (const key of Object.keys(all) as TaskFieldKey[]) {
      if (submitted || touched[key]) shown[key] = all[key];
    }
    for (const key of Object.keys(server.fields) as TaskFieldKey[]) {
      shown[key] ??= server.fields[key];
      all[key] ??= server.fields[key];
    }
    return { all, shown, other: server.other };
  }, [form, touched, submitted, serverIssues, locked]);
}
