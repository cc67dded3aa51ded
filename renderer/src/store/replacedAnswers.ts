// Opening an answers file replaces both forms (account and task). What the admin typed is not kept anywhere else, so
// before it goes the wizard says what would be replaced, and asks (only for typed answers: see FormsNow.typed). Pure: the forms in, words (or null) out.
import { EMPTY_FORM, formFromPlan, type PlanForm } from './planForm';
import { EMPTY_TASK_FORM, taskFormFromInput, type TaskForm } from './taskForm';

/** The forms as they are now. */
export interface FormsNow {
  readonly plan: PlanForm;
  readonly task: TaskForm;
  /** The task is part of the plan (added, or read from a file). */
  readonly taskPlanned: boolean;
  /**
   * The admin changed a field of either form (the stores' `touched`). Values the wizard filled in by itself (sMSA on
   * a domain that cannot hold a gMSA, the computer it runs on) and answers read from a file are not typed: the file
   * still has them.
   */
  readonly typed: boolean;
}

/** The same answers field by field (key order does not matter: the forms are flat records of values and arrays). */
function sameFields<T extends object>(a: T, b: T): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every(
    (k) => JSON.stringify((a as Record<string, unknown>)[k]) === JSON.stringify((b as Record<string, unknown>)[k]),
  );
}

/**
 * What opening `incoming` (an answers file's plan) would replace, in words ("svc-app (sMSA), with the scheduled task
 * Nightly Report"); null when nothing typed would be lost: nothing was typed, the forms are blank, or they already
 * hold exactly these answers.
 */
export function answersReplaced(now: FormsNow, incoming: Record<string, unknown>): string | null {
  if (!now.typed) return null;
  const blank = sameFields(now.plan, EMPTY_FORM) && sameFields(now.task, EMPTY_TASK_FORM) && !now.taskPlanned;
  if (blank) return null;
  const incomingTask = incoming.task === undefined || incoming.task === null ? null : incoming.task;
  const same =
    sameFields(now.plan, formFromPlan(incoming)) &&
    now.taskPlanned === (incomingTask !== null) &&
    sameFields(now.task, incomingTask === null ? EMPTY_TASK_FORM : taskFormFromInput(incomingTask));
  if (same) return null;

  const type = now.plan.accountType === 'smsa' ? 'sMSA' : 'gMSA';
  const account =
    now.plan.name.trim() === ''
      ? `${type === 'sMSA' ? 'an' : 'a'} ${type} with no name yet`
      : `${now.plan.name.trim()} (${type})`;
  const taskName = now.task.name.trim();
  if (now.taskPlanned) return `${account}, with the scheduled task ${taskName}`;
  if (!sameFields(now.task, EMPTY_TASK_FORM)) {
    return `${account}, and a scheduled task being typed${taskName === '' ? '' : ` (${taskName})`}`;
  }
  return account;
}
