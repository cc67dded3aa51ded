// The task form's problems now: the plan's own zod rules on the task, shown on a field once it was touched or the
// admin tried to add the task; and what the core said about the last task it was sent (always shown).
import { useMemo } from 'react';
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

/**
 * The task can no longer be changed: the run registered it (or is registering it), or the run is being undone.
 * Before that — even after the batch right was granted, or a registration failed — it can still be edited.
 */
export function useTaskLocked(): boolean {
  return useRun((s) => {
    if (!isActive(s.run)) return false;
    if (s.run.undo.some((u) => u.status === 'done')) return true;
    const registered = s.run.steps.find((step) => step.id === 'scheduled-task');
    return (
      registered !== undefined &&
      (registered.status === 'done' || registered.status === 'exists' || registered.status === 'running')
    );
  });
}

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
