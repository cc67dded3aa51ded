// The existing scheduled task workload's settings (issue 15): a task that already runs under a user account (with a
// stored password), moved to the managed account — side by side (default: a gMSA copy next to it, the original
// disabled and kept with its stored credential, so undo can simply switch back) or in place (its principal changed:
// undo would need the old account's password). Validated before any script is built; values reach PowerShell only
// as literals (ps``).
import { z } from 'zod';
import { exactObject } from '../../strict-schema.js';
import { LONE_SURROGATE } from '../../unicode.js';
import type { WorkloadSettingsKind } from '../types.js';

// eslint-disable-next-line no-control-regex -- no task name or folder means a control character
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** What a task name or folder part may not contain: Windows keeps each task as a file under System32\Tasks. */
const NOT_IN_NAMES = /[\\/:*?"<>|]/;

/** Side by side (a gMSA copy, the original disabled and kept) or in place (the task's own principal changed). */
export const MOVE_MODES = ['side-by-side', 'in-place'] as const;
export type MoveMode = (typeof MOVE_MODES)[number];

/** The copy's name next to the original: '<name> (gMSA)'. */
export const COPY_SUFFIX = ' (gMSA)';

/** Shown next to the in-place choice and its acknowledgement: why undo cannot put the user account back. */
export const IN_PLACE_NO_RESTORE_WHY =
  'The wizard never asks for, handles or stores a password. In place, the task keeps no trace of the user account it ran as: undo cannot set that account back (Task Scheduler needs its password); you would run Set-ScheduledTask -User and -Password yourself. Side by side keeps the original task, disabled, with its stored credential, and undo simply switches back.';

const segmentRule = (what: string) =>
  z
    .string()
    .refine((s) => !LONE_SURROGATE.test(s), `The ${what} contains a broken character (a lone surrogate); retype it.`)
    .refine((s) => !CONTROL.test(s), `Remove the control characters (tabs, line breaks) from the ${what}.`);

/** The name of an existing task, as Get-ScheduledTask shows it (TaskName). Room is left for the copy's suffix. */
export const existingTaskNameSchema = segmentRule('task name')
  .pipe(z.string().trim().min(1, 'Enter the name of the task (TaskName, as Get-ScheduledTask shows it).'))
  .pipe(
    z
      .string()
      .max(200, 'Use at most 200 characters for the task name.')
      .refine((s) => !NOT_IN_NAMES.test(s), 'A task name cannot contain \\ / : * ? " < > |.')
      .refine((s) => !/[ .]$/.test(s), 'A task name cannot end with a space or a dot.'),
  );

/** The task's folder (TaskPath): '\\' (the root) or '\\Folder\\Sub\\'; a missing leading or trailing '\\' is added. */
export const existingTaskFolderSchema = segmentRule('task folder')
  .pipe(
    z
      .string()
      .trim()
      .max(200, 'Use at most 200 characters for the task folder.')
      .transform((s) => (s === '' || s === '\\' ? '\\' : `\\${s.replace(/^\\+|\\+$/g, '')}\\`)),
  )
  .pipe(
    z
      .string()
      .refine(
        (s) =>
          s === '\\' ||
          s
            .slice(1, -1)
            .split('\\')
            .every((part) => part !== '' && !/[/:*?"<>|]/.test(part) && !/[ .]$/.test(part)),
        'Write the folder as \\Name\\ or \\Name\\Sub\\ (TaskPath, as Get-ScheduledTask shows it): no empty parts, none of / : * ? " < > |.',
      )
      .refine(
        (s) => !/^\\microsoft\\/i.test(s),
        "Windows' built-in tasks (\\Microsoft\\) are not moved: they run as built-in accounts, which need no password.",
      ),
  );

export const existingTaskSettingsSchema = exactObject({
  taskPath: existingTaskFolderSchema
    .default('\\')
    .describe('The task folder (TaskPath, as Get-ScheduledTask shows it): \\ (the root, default) or \\Reports\\.'),
  taskName: existingTaskNameSchema.describe('The task name (TaskName), e.g. Export inactive users.'),
  mode: z
    .enum(MOVE_MODES, { message: "Choose how to move the task: 'side-by-side' (default) or 'in-place'." })
    .default('side-by-side')
    .describe(
      "side-by-side (default): register '<name> (gMSA)' in the same folder with the task's actions, triggers and settings as the managed account, then disable the original, which keeps its stored credential (undo: remove the copy, enable the original). in-place: change the task's own principal (undo needs the old account's password).",
    ),
  testRun: z
    .boolean()
    .default(true)
    .describe('Run the task as the managed account once (the copy, or the task in place) and check it ends with 0x0.'),
  acknowledgeNoRestore: z
    .boolean()
    .default(false)
    .describe(
      `True when the admin has read this: ${IN_PLACE_NO_RESTORE_WHY} Needed only in place, for a task that runs as a user account now.`,
    ),
});

export type ExistingTaskSettingsInput = z.input<typeof existingTaskSettingsSchema>;
export type ExistingTaskSettings = z.infer<typeof existingTaskSettingsSchema>;

/** Task Scheduler's full name of the original task ('\\Reports\\Export inactive users'). */
export const originalUri = (s: ExistingTaskSettings): string => `${s.taskPath}${s.taskName}`;

/** The copy's name: 'Export inactive users (gMSA)'. */
export const copyNameOf = (s: ExistingTaskSettings): string => `${s.taskName}${COPY_SUFFIX}`;

/** The copy's full name ('\\Reports\\Export inactive users (gMSA)'). */
export const copyUri = (s: ExistingTaskSettings): string => `${s.taskPath}${copyNameOf(s)}`;

/** The task that runs as the account after the move: the copy side by side, the task itself in place. */
export const movedTask = (s: ExistingTaskSettings): { taskPath: string; taskName: string; makeFirst: string } => ({
  taskPath: s.taskPath,
  taskName: s.mode === 'side-by-side' ? copyNameOf(s) : s.taskName,
  makeFirst:
    s.mode === 'side-by-side'
      ? 'move the task first (its gMSA copy is made by the move step)'
      : 'check its folder and name',
});

/** One line for lists: '\\Reports\\Export inactive users, side by side as "Export inactive users (gMSA)"'. */
export function describeExistingTask(s: ExistingTaskSettings): string {
  const how = s.mode === 'side-by-side' ? `side by side as "${copyNameOf(s)}"` : 'in place';
  return `${originalUri(s)}, ${how}${s.testRun ? '' : ', no test run'}`;
}

/** The existing scheduled task kind's settings side (workloads/kinds.ts lists it). */
export const existingTaskSettingsKind: WorkloadSettingsKind<'existing-task', ExistingTaskSettings> = {
  kind: 'existing-task',
  label: 'Existing scheduled task',
  defaultId: 'existing-task',
  settingsSchema: existingTaskSettingsSchema,
  describe: describeExistingTask,
  // Task Scheduler's names are case-insensitive.
  sameObject: (a, b) => originalUri(a).toLowerCase() === originalUri(b).toLowerCase(),
  rights: ['batch'],
};
