// What the Use the account screen's buttons do across the stores: add the task to the plan (and to the run, when one
// holds the plan: runs.setTask), take it away again, and put the core's problems with it onto the task's fields.
import { planTaskInput, type TaskSettingsInput } from '../api/contract';
import { useRun } from '../store/runStore';
import {
  plannedTaskOf,
  sameTask,
  taskFieldDomId,
  taskServerIssues,
  toTaskInput,
  validateTaskForm,
  type TaskFieldErrors,
  type TaskFieldKey,
  type TaskForm,
} from '../store/taskForm';
import { call } from '../api/client';
import { api } from '../api/instance';
import { useEnvironment } from '../store/environmentStore';
import { targetOf } from '../store/planForm';
import { usePlan } from '../store/planStore';
import { useTask } from '../store/taskStore';
import { useWorkloads } from '../store/workloadStore';
import { useNavigation } from '../store/navigationStore';
import { addOnce } from './addGuard';
import { focusById } from './focus';
import { isActive } from './steps';

/** The form's order, for "focus the first problem". */
const FIELD_ORDER: readonly TaskFieldKey[] = [
  'name',
  'folder',
  'actionKind',
  'path',
  'arguments',
  'workingDirectory',
  'triggerKind',
  'at',
  'onceAt',
  'days',
  'intervalMinutes',
  'durationMinutes',
  'highestPrivileges',
  'stopAfterMinutes',
];

function focusFirst(errors: TaskFieldErrors): void {
  const first = FIELD_ORDER.find((key) => errors[key] !== undefined);
  if (first !== undefined) focusById(taskFieldDomId(first));
}

/**
 * A task added to the plan that no longer passes the rules (edited since): shows its problems on the Scheduled task
 * screen, focus on the first, and says so (true) — the plan must not go on without it. False when there is nothing
 * to show.
 */
export function showTaskProblems(): boolean {
  const { planned, form } = useTask.getState();
  if (!planned) return false;
  const errors = validateTaskForm(form);
  if (Object.keys(errors).length === 0) return false;
  useTask.getState().submit();
  useNavigation.getState().goTo('task');
  focusFirst(errors);
  return true;
}

/** The task the plan holds: the form's, once added (or opened from a file) and while it passes the rules. */
export function plannedTask(): TaskSettingsInput | null {
  const { planned, form } = useTask.getState();
  return plannedTaskOf(planned, form);
}

/** A full path (C:\\..., \\\\server\\share\\...): a bare program name is found on the PATH when the task runs. */
const FULL_PATH = /^([A-Za-z]:\\|\\\\[^\\]+\\[^\\]+)/;

/**
 * The action's file, checked on its computer before the task joins the plan (before any right is granted for it):
 * missing, or a folder, refuses Add on the path field; a computer that cannot be asked keeps the path with a note.
 */
async function scriptExists(form: TaskForm, runTarget: string | null): Promise<boolean> {
  const path = form.path.trim();
  if (!FULL_PATH.test(path)) return true;
  const env = useEnvironment.getState().environment.value;
  const computer =
    runTarget ?? targetOf(usePlan.getState().form, { computer: env?.computer ?? null, domain: env?.domain ?? null });
  if (computer === '') return true;
  const what = form.actionKind === 'program' ? 'program' : 'script';
  const result = await call(api, 'host.testPath', { computer, path });
  if (!result.ok) {
    useTask.getState().setPathNote(`The ${what} could not be checked on ${computer} (${result.error.title}).`);
    return true;
  }
  const tested = result.value;
  if (tested.exists === null) {
    useTask
      .getState()
      .setPathNote(`The ${what} could not be checked on ${tested.computer}: ${tested.unreachable ?? ''}`);
    return true;
  }
  useTask.getState().setPathNote(null);
  if (tested.kind === 'file') return true;
  const message =
    tested.kind === 'folder'
      ? `${path} is a folder on ${tested.computer}, not a file: enter the full path of the ${what}.`
      : `${path} does not exist on ${tested.computer} (Test-Path: False): copy the ${what} there or correct the path.`;
  useTask.getState().setServerIssues([{ path: 'task.action.path', message }]);
  focusById(taskFieldDomId('path'));
  return false;
}

/**
 * Adds the form's task to the plan: checks it with the plan's rules (every problem shows, focus goes to the first),
 * then gives it to the run that holds the plan, if one does (runs.setTask: nothing runs yet). True when added. Once at
 * a time (addOnce): a second click while the path is checked sends nothing.
 */
export function addTask(): Promise<boolean> {
  return addOnce('task', addTaskNow);
}

async function addTaskNow(): Promise<boolean> {
  const { form } = useTask.getState();
  const errors = validateTaskForm(form);
  if (Object.keys(errors).length > 0) {
    useTask.getState().submit();
    focusFirst(errors);
    return false;
  }
  const { run } = useRun.getState();
  if (!(await scriptExists(form, isActive(run) ? run.targetComputer : null))) return false;
  // The run holds these settings already: nothing to journal (a new task-set would set its failed steps back).
  if (isActive(run) && !sameTask(toTaskInput(form), planTaskInput(run.plan))) {
    useWorkloads.getState().setLastCall('task');
    const updated = await useRun.getState().setTask(toTaskInput(form) as Record<string, unknown>);
    if (updated === null) {
      const issues = useRun.getState().error?.error.issues ?? [];
      if (issues.length > 0) {
        useTask.getState().setServerIssues(issues);
        focusFirst(taskServerIssues(issues, form.triggerKind).fields);
      }
      return false;
    }
  }
  useTask.getState().setPlanned(true);
  return true;
}

/** Takes the task out of the plan (and out of the run, if its steps have not changed anything yet). */
export async function removeTask(): Promise<boolean> {
  const { run } = useRun.getState();
  if (isActive(run) && planTaskInput(run.plan) !== undefined) {
    useWorkloads.getState().setLastCall('task');
    if ((await useRun.getState().setTask(null)) === null) return false;
  }
  useTask.getState().setPlanned(false);
  return true;
}
