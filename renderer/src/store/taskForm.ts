// The scheduled-task form: the answers as typed (text, so a half-typed time is kept as it is), what the core gets
// (the plan's `task`), the plan's own zod rules on it with each problem on its field, and the form again from a
// plan's task (a resumed run, an opened answers file). Pure: no React, no store.
import {
  DAYS_OF_WEEK,
  DEFAULT_DAILY_AT,
  DEFAULT_STOP_AFTER_MINUTES,
  taskSettingsSchema,
  type DayOfWeek,
  type PlanIssue,
  type TaskSettingsInput,
} from '../api/contract';

export type ActionKind = 'powershell-script' | 'program';
export type TriggerKind = 'once' | 'daily' | 'weekly' | 'startup';

export interface TaskForm {
  readonly name: string;
  readonly folder: string;
  readonly actionKind: ActionKind;
  readonly path: string;
  readonly arguments: string;
  readonly workingDirectory: string;
  readonly triggerKind: TriggerKind;
  /** Daily and weekly: HH:MM. */
  readonly at: string;
  /** Once: YYYY-MM-DD HH:MM (a T is accepted too). */
  readonly onceAt: string;
  readonly days: readonly DayOfWeek[];
  readonly repeat: boolean;
  readonly intervalMinutes: string;
  /** Empty: repeat indefinitely. */
  readonly durationMinutes: string;
  readonly highestPrivileges: boolean;
  /** Minutes, as text; '0': never stop it. */
  readonly stopAfterMinutes: string;
}

export const EMPTY_TASK_FORM: TaskForm = {
  name: '',
  folder: '\\',
  actionKind: 'powershell-script',
  path: '',
  arguments: '',
  workingDirectory: '',
  triggerKind: 'daily',
  at: DEFAULT_DAILY_AT,
  onceAt: '',
  days: ['Monday'],
  repeat: false,
  intervalMinutes: '60',
  durationMinutes: '',
  highestPrivileges: false,
  stopAfterMinutes: String(DEFAULT_STOP_AFTER_MINUTES),
};

export type TaskFieldKey =
  | 'name'
  | 'folder'
  | 'actionKind'
  | 'path'
  | 'arguments'
  | 'workingDirectory'
  | 'triggerKind'
  | 'at'
  | 'onceAt'
  | 'days'
  | 'intervalMinutes'
  | 'durationMinutes'
  | 'highestPrivileges'
  | 'stopAfterMinutes';

export const taskFieldDomId = (key: TaskFieldKey): string => `task-${key}`;

/** Task Scheduler's own "Stop the task if it runs longer than" choices, in minutes (0: never). */
export const STOP_AFTER_CHOICES: readonly { readonly minutes: number; readonly label: string }[] = [
  { minutes: 60, label: '1 hour' },
  { minutes: 120, label: '2 hours' },
  { minutes: 240, label: '4 hours' },
  { minutes: 480, label: '8 hours' },
  { minutes: 720, label: '12 hours' },
  { minutes: 1440, label: '1 day' },
  { minutes: 4320, label: '3 days (Task Scheduler’s default)' },
  { minutes: 0, label: 'Never stop it' },
];

const WHOLE = /^\s*\d{1,9}\s*$/;
/** A whole number as typed, else NaN (which the rules reject with their own words). */
const wholeOrNaN = (text: string): number => (WHOLE.test(text) ? Number(text) : NaN);

/** The plan's `task` from the form: the chosen action and trigger kinds only, optional parts left out when empty. */
/** The task repeats: asked for, and not on a startup trigger (which cannot repeat; its hidden setting is dropped). */
const repeats = (form: TaskForm): boolean => form.repeat && form.triggerKind !== 'startup';

export function toTaskInput(form: TaskForm): TaskSettingsInput {
  const optional = (key: 'arguments' | 'workingDirectory') =>
    form[key].trim() === '' ? {} : { [key]: key === 'arguments' ? form[key] : form[key].trim() };
  const action = {
    kind: form.actionKind,
    path: form.path.trim(),
    ...optional('arguments'),
    ...optional('workingDirectory'),
  };
  let trigger: TaskSettingsInput['trigger'];
  switch (form.triggerKind) {
    case 'once':
      trigger = { kind: 'once', at: form.onceAt.trim().replace(' ', 'T') };
      break;
    case 'daily':
      trigger = { kind: 'daily', at: form.at };
      break;
    case 'weekly':
      trigger = { kind: 'weekly', at: form.at, days: [...form.days] };
      break;
    case 'startup':
      trigger = { kind: 'startup' };
      break;
  }
  const duration = form.durationMinutes.trim();
  return {
    name: form.name,
    folder: form.folder,
    action,
    trigger,
    // A startup trigger cannot repeat: the (hidden) repetition is left out rather than refused.
    ...(repeats(form)
      ? {
          repetition: {
            intervalMinutes: wholeOrNaN(form.intervalMinutes),
            ...(duration === '' ? {} : { durationMinutes: wholeOrNaN(duration) }),
          },
        }
      : {}),
    highestPrivileges: form.highestPrivileges,
    stopAfterMinutes: wholeOrNaN(form.stopAfterMinutes),
  };
}

/** A task path (the plan's, without 'task.': 'action.path', 'trigger.days.0') → the field that shows its problem. */
export function taskFieldOfPath(path: readonly PropertyKey[], triggerKind: TriggerKind): TaskFieldKey | null {
  const [head, sub] = path.map(String);
  if (head === 'name' || head === 'folder' || head === 'highestPrivileges' || head === 'stopAfterMinutes') return head;
  if (head === 'action') {
    if (sub === 'path' || sub === 'arguments' || sub === 'workingDirectory') return sub;
    return 'actionKind';
  }
  if (head === 'trigger') {
    if (sub === 'days') return 'days';
    if (sub === 'at') return triggerKind === 'once' ? 'onceAt' : 'at';
    return 'triggerKind';
  }
  if (head === 'repetition') return sub === 'durationMinutes' ? 'durationMinutes' : 'intervalMinutes';
  return null;
}

export type TaskFieldErrors = Partial<Record<TaskFieldKey, string>>;

/** Issues by field (the first per field); those that fit no field under `other`. */
export function taskIssuesByField(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  triggerKind: TriggerKind,
): { fields: TaskFieldErrors; other: string[] } {
  const fields: TaskFieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const key = taskFieldOfPath(issue.path, triggerKind);
    if (key === null) other.push(issue.message);
    else fields[key] ??= issue.message;
  }
  return { fields, other };
}

/** The core's issues about a plan ('task.action.path', ...) that concern the task, by field. */
export function taskServerIssues(issues: readonly PlanIssue[], triggerKind: TriggerKind) {
  return taskIssuesByField(
    issues
      // Version 1 paths (task.action.path) and the workload's (workloads.0.settings.action.path, runs.setWorkload).
      .map((i) => ({ ...i, path: i.path.replace(/^workloads\.\d+\.settings(?=\.|$)/, 'task') }))
      .filter((i) => i.path === 'task' || i.path.startsWith('task.'))
      .map((i) => ({
        path: i.path.split('.').slice(1),
        message: i.message,
      })),
    triggerKind,
  );
}

/** validateTaskForm's last answer: zod runs once per change of the form object, however many callers ask. */
let lastTaskCheck: { form: TaskForm; errors: TaskFieldErrors } | null = null;

/**
 * The plan's rules on the form as it is, with words for numbers that are not whole numbers. The caller owns the
 * returned object (a copy: callers add the core's problems to it).
 */
export function validateTaskForm(form: TaskForm): TaskFieldErrors {
  if (lastTaskCheck !== null && lastTaskCheck.form === form) return { ...lastTaskCheck.errors };
  const errors = checkTaskForm(form);
  lastTaskCheck = { form, errors: { ...errors } };
  return errors;
}

function checkTaskForm(form: TaskForm): TaskFieldErrors {
  const parsed = taskSettingsSchema.safeParse(toTaskInput(form));
  const errors = parsed.success ? {} : taskIssuesByField(parsed.error.issues, form.triggerKind).fields;
  const repeating = repeats(form);
  if (repeating && !WHOLE.test(form.intervalMinutes)) {
    errors.intervalMinutes = 'Enter how often to repeat as a whole number of minutes, e.g. 15.';
  }
  if (repeating && form.durationMinutes.trim() !== '' && !WHOLE.test(form.durationMinutes)) {
    errors.durationMinutes =
      'Enter the duration as a whole number of minutes, or leave it empty to repeat indefinitely.';
  }
  return errors;
}

/** The form again from a plan's task (as entered), e.g. a resumed run's or an opened answers file's. */
export function taskFormFromInput(task: unknown): TaskForm {
  if (typeof task !== 'object' || task === null) return EMPTY_TASK_FORM;
  const t = task as Record<string, unknown>;
  const obj = (v: unknown): Record<string, unknown> =>
    typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
  const num = (v: unknown, fallback: string): string => (typeof v === 'number' ? String(v) : fallback);
  const action = obj(t.action);
  const trigger = obj(t.trigger);
  const repetition = t.repetition === undefined ? null : obj(t.repetition);
  const kinds: readonly TriggerKind[] = ['once', 'daily', 'weekly', 'startup'];
  const triggerKind = kinds.find((k) => k === trigger.kind) ?? 'daily';
  const days = Array.isArray(trigger.days) ? DAYS_OF_WEEK.filter((d) => (trigger.days as unknown[]).includes(d)) : [];
  return {
    name: str(t.name),
    folder: str(t.folder, '\\'),
    actionKind: action.kind === 'program' ? 'program' : 'powershell-script',
    path: str(action.path),
    arguments: str(action.arguments),
    workingDirectory: str(action.workingDirectory),
    triggerKind,
    at: triggerKind === 'once' ? DEFAULT_DAILY_AT : str(trigger.at, DEFAULT_DAILY_AT),
    onceAt: triggerKind === 'once' ? str(trigger.at).replace('T', ' ') : '',
    days: days.length > 0 ? days : EMPTY_TASK_FORM.days,
    repeat: repetition !== null,
    intervalMinutes: num(repetition?.intervalMinutes, EMPTY_TASK_FORM.intervalMinutes),
    durationMinutes: num(repetition?.durationMinutes, ''),
    highestPrivileges: t.highestPrivileges === true,
    stopAfterMinutes: num(t.stopAfterMinutes, EMPTY_TASK_FORM.stopAfterMinutes),
  };
}

/** The task the plan holds: the form's, once it is part of the plan and while it passes the rules; else null. */
export function plannedTaskOf(planned: boolean, form: TaskForm): TaskSettingsInput | null {
  if (!planned || Object.keys(validateTaskForm(form)).length > 0) return null;
  return toTaskInput(form);
}

/** Whether two tasks (as entered, or as a run holds them) mean the same settings, defaults filled in. */
export function sameTask(a: unknown, b: unknown): boolean {
  const x = taskSettingsSchema.safeParse(a);
  const y = taskSettingsSchema.safeParse(b);
  return x.success && y.success && JSON.stringify(x.data) === JSON.stringify(y.data);
}
