// An existing scheduled task on the Use the account screen (issue 15): the task by its full name
// (\Reports\Export inactive users), moved side by side (a gMSA copy; the original disabled and kept with its stored
// credential: the default) or in place (the task's own principal changed: the acknowledgement, since undo cannot put
// a user account back), then test run. The generic form's two modes are "an existing object" and "a new one": here
// in place changes the existing task, side by side creates the copy. Settings and rules:
// electron/common/workloads/existing-task/settings.ts.
import { IN_PLACE_NO_RESTORE_WHY, existingTaskSettingsSchema } from '../../api/contract';
import type { Mode, WorkloadFormKind } from '../types';

export type ExistingTaskForm = {
  /** 'existing': in place; 'create': side by side (a new gMSA copy). */
  readonly mode: Mode;
  /** The task's full name: folder and name, '\\Reports\\Export inactive users'. */
  readonly name: string;
  readonly testRun: boolean;
  readonly acknowledgeNoRestore: boolean;
};

/** '\\Reports\\Export' -> { taskPath: '\\Reports\\', taskName: 'Export' }; a bare name is in the root folder. */
export function splitFullName(name: string): { taskPath: string; taskName: string } {
  const text = name.trim();
  const i = text.lastIndexOf('\\');
  return i < 0
    ? { taskPath: '\\', taskName: text }
    : { taskPath: text.slice(0, i + 1) || '\\', taskName: text.slice(i + 1) };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export const existingTaskWorkload: WorkloadFormKind<'existing-task', ExistingTaskForm> = {
  kind: 'existing-task',
  addLabel: 'Move an existing scheduled task',
  what: 'scheduled task',
  modeLabel: 'How to move it',
  existingLabel: 'In place: change the task’s account (undo would need the old password)',
  createLabel: 'Side by side: a gMSA copy runs, the original is kept, disabled (undo switches back)',
  nameLabel: 'Task (folder and name)',
  nameHint:
    'As Task Scheduler shows it, e.g. \\Reports\\Export inactive users (Get-ScheduledTask: TaskPath + TaskName).',
  createFields: [],
  check: { field: 'testRun', label: 'Test run the task as the account and check it ends with 0x0' },
  noRestoreWhy: IN_PLACE_NO_RESTORE_WHY,
  createdWords: {
    'task-copy': 'gMSA copy of the scheduled task',
    'task-disabled': 'disabled original scheduled task (enabled again)',
    'task-principal': 'managed account as the principal of the scheduled task',
  },
  picker: {
    label: 'Pick a scheduled task',
    plural: 'scheduled tasks',
    whenUnavailable: 'type the task’s folder and name.',
  },
  empty: { mode: 'create', name: '', testRun: true, acknowledgeNoRestore: false },
  schema: existingTaskSettingsSchema,
  toSettings(f) {
    const { taskPath, taskName } = splitFullName(f.name);
    return {
      taskPath,
      taskName,
      mode: f.mode === 'existing' ? 'in-place' : 'side-by-side',
      testRun: f.testRun,
      acknowledgeNoRestore: f.acknowledgeNoRestore,
    };
  },
  fromSettings(s) {
    const taskPath = str(s.taskPath) === '' ? '\\' : str(s.taskPath);
    const taskName = str(s.taskName);
    return {
      mode: s.mode === 'in-place' ? 'existing' : 'create',
      name: taskName === '' ? '' : `${taskPath.endsWith('\\') ? taskPath : `${taskPath}\\`}${taskName}`,
      testRun: s.testRun !== false,
      acknowledgeNoRestore: s.acknowledgeNoRestore === true,
    };
  },
  stepWhy(stepKind, account) {
    switch (stepKind) {
      case 'existing-task-move':
        return `Side by side: registers “<name> (gMSA)” in the same folder with the task’s actions, triggers and settings as ${account} (LogonType Password: no password is stored), reads it back, then disables the original, which keeps its stored credential. In place: Set-ScheduledTask with ${account}. It reads the task first and changes nothing that is right already.`;
      case 'existing-task-test-run':
        return 'Starts the task that now runs as the account (the copy, or the task in place), waits for it and reads LastTaskResult in words, the next run and the task’s history.';
      default:
        return null;
    }
  },
};
