// The scheduled-task part of a plan (issue 7), validated with zod before any script is built. Every message says what
// to change. Task names and folders are held to an allowlist; paths are Windows paths checked for shape only (a drive
// letter or a UNC share, no control or wildcard characters) and, like the arguments, travel to PowerShell as literals
// through ps``: they are data, never code. Whether the files exist is checked on the target host by the task step.
// plan-schema.ts (through ../kinds.ts) and the renderer import this file: nothing here may import plan-schema or step code.
import { z } from 'zod';
import { exactObject } from '../../strict-schema.js';
import { LONE_SURROGATE } from '../../unicode.js';
import type { WorkloadSettingsKind } from '../types.js';

// Every C0 control character, DEL and the C1 controls: no Windows path or command line means them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

export const DAYS_OF_WEEK = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

/** The classic example's time: daily at 12:05. */
export const DEFAULT_DAILY_AT = '12:05';
/** Task Scheduler's own default "Stop the task if it runs longer than": 3 days. */
export const DEFAULT_STOP_AFTER_MINUTES = 72 * 60;

/** Shown next to the "run with highest privileges" switch (off by default). */
export const HIGHEST_PRIVILEGES_WHY =
  'Off by default: the task then runs with a filtered (non-elevated) token even if the account is a local administrator. Turn it on only when the script must do something that needs elevation on the host (write under C:\\Windows or C:\\Program Files, manage services, change local security settings) and the account has those rights; otherwise leave it off.';

// A segment of a task name or folder: letters, digits, spaces, dots, hyphens, underscores and parentheses.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9 ._()-]*$/;

/** The task's name (the last part of its path in Task Scheduler). */
export const taskNameSchema = z
  .string({ message: 'Enter a name for the task.' })
  .trim()
  .min(1, 'Enter a name for the task.')
  .max(100, 'Use at most 100 characters for the task name.')
  .regex(
    SEGMENT,
    'Use only letters, digits, spaces, dots, hyphens, underscores and parentheses in the task name; start with a letter or digit.',
  )
  .regex(/[^ .]$/, 'The task name cannot end with a space or a dot.');

/** The Task Scheduler folder, written \ (the root) or \Folder\Sub\; a missing leading or trailing \ is added. */
export const taskFolderSchema = z
  .string({ message: 'Enter the task folder, e.g. \\ (the root) or \\MSA Wizard\\.' })
  .trim()
  .max(200, 'Use at most 200 characters for the task folder.')
  .transform((s) => (s === '' || s === '\\' ? '\\' : `\\${s.replace(/^\\+|\\+$/g, '')}\\`))
  .refine(
    (s) =>
      s === '\\' ||
      s
        .slice(1, -1)
        .split('\\')
        .every((part) => SEGMENT.test(part) && /[^ .]$/.test(part)),
    'Write the folder as \\Name\\ or \\Name\\Sub\\: letters, digits, spaces, dots, hyphens, underscores and parentheses in each part, no empty parts.',
  )
  .refine(
    (s) => !/^\\microsoft\\/i.test(s),
    "Choose a folder of your own: \\Microsoft\\ holds Windows' built-in tasks.",
  );

/** What a Windows path may not contain, with the reason. Order: the first match is reported. */
const PATH_RULES: readonly [RegExp, string][] = [
  [CONTROL, 'Remove the control characters (tabs, line breaks) from the path.'],
  [/[*?[\]]/, 'Remove the wildcard characters (* ? [ ]): give the path of one file.'],
  [/["<>|]/, 'Remove the characters Windows does not allow in file names (" < > |).'],
  [/%/, 'Write the full path without environment variables (%...%): the wizard checks that it exists on the host.'],
  [/\//, 'Use backslashes (\\) in Windows paths, not slashes.'],
];

function windowsPathSchema(what: string, example: string) {
  return z
    .string({ message: `Enter the ${what}, e.g. ${example}.` })
    .trim()
    .min(1, `Enter the ${what}, e.g. ${example}.`)
    .max(259, 'Use at most 259 characters in a path (the Windows MAX_PATH limit).')
    .superRefine((s, ctx) => {
      if (LONE_SURROGATE.test(s)) {
        ctx.addIssue({
          code: 'custom',
          message: 'The path contains a broken character (a lone surrogate); retype it.',
        });
        return;
      }
      const rule = PATH_RULES.find(([re]) => re.test(s));
      if (rule !== undefined) {
        ctx.addIssue({ code: 'custom', message: rule[1] });
        return;
      }
      const drive = /^[A-Za-z]:\\/.test(s);
      const unc = /^\\\\[A-Za-z0-9][A-Za-z0-9.-]*\\[^\\]+/.test(s);
      if (!drive && !unc) {
        ctx.addIssue({
          code: 'custom',
          message: `Write the full path of the ${what}: a drive letter (${example}) or a share (\\\\server\\share\\...).`,
        });
        return;
      }
      const rest = drive ? s.slice(3) : s.slice(2);
      if (rest.includes(':')) {
        ctx.addIssue({ code: 'custom', message: 'A colon is allowed only after the drive letter.' });
        return;
      }
      const parts = rest === '' ? [] : rest.replace(/\\$/, '').split('\\');
      if (parts.some((p) => p === '')) {
        ctx.addIssue({ code: 'custom', message: 'Remove the doubled backslash from the path.' });
      } else if (parts.some((p) => p === '.' || p === '..')) {
        ctx.addIssue({ code: 'custom', message: "Write the full path without '.' or '..' parts." });
      } else if (parts.some((p) => /[ .]$/.test(p))) {
        ctx.addIssue({
          code: 'custom',
          message: 'A folder or file name in the path cannot end with a space or a dot.',
        });
      }
    });
}

export const scriptPathSchema = windowsPathSchema('script path', 'C:\\Scripts\\Nightly-Report.ps1').refine(
  (s) => /\.ps1$/i.test(s),
  'A PowerShell script ends in .ps1; for another kind of file, choose "any program" as the action.',
);
export const programPathSchema = windowsPathSchema('program path', 'C:\\Tools\\report.exe').refine(
  (s) => !/\\$/.test(s),
  'Give the path of the program file, not of a folder.',
);
export const workingDirectorySchema = windowsPathSchema('working directory', 'C:\\Scripts');

/** Free text passed to the program: any characters but control characters; it travels as a literal. */
export const argumentsSchema = z
  .string()
  .max(1024, 'Use at most 1024 characters for the arguments.')
  .refine((s) => !LONE_SURROGATE.test(s), 'The arguments contain a broken character (a lone surrogate); retype them.')
  .refine((s) => !CONTROL.test(s), 'Remove the control characters (tabs, line breaks) from the arguments.');

const actionSchema = z.discriminatedUnion(
  'kind',
  [
    exactObject({
      kind: z
        .literal('powershell-script')
        .describe('Run a .ps1 script with Windows PowerShell (powershell.exe -File).'),
      path: scriptPathSchema.describe(
        'Full path of the .ps1 on the target computer, e.g. C:\\Scripts\\Nightly-Report.ps1.',
      ),
      arguments: argumentsSchema.optional().describe('Arguments after the script path (passed to the script as text).'),
      workingDirectory: workingDirectorySchema.optional().describe('The "Start in" folder (optional).'),
    }),
    exactObject({
      kind: z.literal('program').describe('Run any program.'),
      path: programPathSchema.describe('Full path of the program on the target computer, or on a share.'),
      arguments: argumentsSchema.optional().describe('The command-line arguments (optional).'),
      workingDirectory: workingDirectorySchema.optional().describe('The "Start in" folder (optional).'),
    }),
  ],
  { message: "Choose the action: 'powershell-script' (a .ps1 run by Windows PowerShell) or 'program'." },
);

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const timeSchema = z
  .string({ message: 'Enter the time as HH:MM (24-hour), e.g. 12:05.' })
  .trim()
  .regex(TIME, 'Enter the time as HH:MM (24-hour), e.g. 12:05 or 23:30.');

/** A local date and time on the host, 'YYYY-MM-DDTHH:MM'. */
const dateTimeSchema = z
  .string({ message: 'Enter the date and time as YYYY-MM-DDTHH:MM, e.g. 2030-01-31T12:05.' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Enter the date and time as YYYY-MM-DDTHH:MM, e.g. 2030-01-31T12:05.')
  .refine((s) => {
    const [y, mo, d, h, mi] = s.split(/[-T:]/).map(Number) as [number, number, number, number, number];
    const date = new Date(Date.UTC(y, mo - 1, d, h, mi));
    return (
      y >= 2000 &&
      y <= 2099 &&
      date.getUTCMonth() === mo - 1 &&
      date.getUTCDate() === d &&
      date.getUTCHours() === h &&
      date.getUTCMinutes() === mi
    );
  }, 'That date or time does not exist (or is outside 2000-2099): check the day, month, hour and minute.');

const triggerSchema = z.discriminatedUnion(
  'kind',
  [
    exactObject({
      kind: z.literal('once'),
      at: dateTimeSchema.describe("The host's local date and time, YYYY-MM-DDTHH:MM."),
    }),
    exactObject({
      kind: z.literal('daily'),
      at: timeSchema.default(DEFAULT_DAILY_AT).describe("The host's local time, HH:MM (24-hour); default 12:05."),
    }),
    exactObject({
      kind: z.literal('weekly'),
      at: timeSchema.default(DEFAULT_DAILY_AT).describe("The host's local time, HH:MM (24-hour); default 12:05."),
      days: z
        .array(z.enum(DAYS_OF_WEEK, { message: 'Days are Sunday, Monday, Tuesday, ... Saturday (in English).' }))
        .min(1, 'Choose at least one day of the week.')
        .transform((list) => DAYS_OF_WEEK.filter((d) => list.includes(d)))
        .describe('The days of the week (English names).'),
    }),
    exactObject({ kind: z.literal('startup') }),
  ],
  { message: "Choose the trigger: 'once', 'daily', 'weekly' or 'startup'." },
);

const repetitionSchema = exactObject({
  intervalMinutes: z
    .number({ message: 'Enter how often to repeat, in minutes.' })
    .int('Repeat every whole number of minutes.')
    .min(1, 'Repeat at most every minute (Task Scheduler allows 1 minute to 31 days).')
    .max(31 * 24 * 60, 'Repeat at least every 31 days (44640 minutes).')
    .describe('Repeat every this many minutes after the trigger fires.'),
  /** Absent: repeat indefinitely. */
  durationMinutes: z
    .number()
    .int('Give the repetition duration in whole minutes.')
    .min(1, 'The repetition lasts at least 1 minute; leave it out to repeat indefinitely.')
    .max(99_999 * 24 * 60, 'The repetition duration is too long; leave it out to repeat indefinitely.')
    .optional()
    .describe('For how many minutes to repeat; leave it out to repeat indefinitely.'),
});

export const taskSettingsSchema = exactObject({
  name: taskNameSchema.describe('The task name in Task Scheduler.'),
  folder: taskFolderSchema.default('\\').describe('The Task Scheduler folder: \\ (the root, default) or \\Name\\.'),
  action: actionSchema.describe('What the task runs.'),
  trigger: triggerSchema
    .default({ kind: 'daily', at: DEFAULT_DAILY_AT })
    .describe('When the task runs; default daily at 12:05.'),
  repetition: repetitionSchema.optional().describe('Repeat the task after each trigger (time triggers only).'),
  highestPrivileges: z
    .boolean({ message: 'Run with highest privileges is on (true) or off (false).' })
    .default(false)
    .describe(HIGHEST_PRIVILEGES_WHY),
  /** 0: never stop it. */
  stopAfterMinutes: z
    .number({ message: 'Enter after how many minutes to stop the task (0: never).' })
    .int('Give the time limit in whole minutes.')
    .min(0, 'The time limit cannot be negative (0: never stop it).')
    .max(31 * 24 * 60, 'Use at most 31 days (44640 minutes) as the time limit, or 0 for no limit.')
    .default(DEFAULT_STOP_AFTER_MINUTES)
    .describe('Stop the task if it runs longer than this many minutes (0: never); default 4320 (3 days).'),
}).superRefine((task, ctx) => {
  const rep = task.repetition;
  if (rep === undefined) return;
  if (task.trigger.kind === 'startup') {
    ctx.addIssue({
      code: 'custom',
      path: ['repetition'],
      message: 'Repetition needs a time trigger (once, daily or weekly): remove it, or change the trigger.',
    });
  }
  if (rep.durationMinutes !== undefined && rep.durationMinutes < rep.intervalMinutes) {
    ctx.addIssue({
      code: 'custom',
      path: ['repetition', 'durationMinutes'],
      message: `Repeat for at least one interval (${rep.intervalMinutes} minutes), or leave the duration out to repeat indefinitely.`,
    });
  }
});

export type TaskSettingsInput = z.input<typeof taskSettingsSchema>;
export type TaskSettings = z.infer<typeof taskSettingsSchema>;
export type TaskAction = TaskSettings['action'];
export type TaskTrigger = TaskSettings['trigger'];

/** The program Task Scheduler starts for a PowerShell script. */
export const POWERSHELL_EXE = 'powershell.exe';

/**
 * The task's action as Task Scheduler stores it. A script runs as
 *   powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "<path>" <arguments>
 * (-File runs the file; the arguments after it reach the script as plain strings, never evaluated by the wizard).
 */
export function actionLine(action: TaskAction): {
  execute: string;
  arguments: string | null;
  workingDirectory: string | null;
} {
  const extra = action.arguments !== undefined && action.arguments.trim() !== '' ? action.arguments : null;
  if (action.kind === 'powershell-script') {
    const args = `-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "${action.path}"`;
    return {
      execute: POWERSHELL_EXE,
      arguments: extra === null ? args : `${args} ${extra}`,
      workingDirectory: action.workingDirectory ?? null,
    };
  }
  return { execute: action.path, arguments: extra, workingDirectory: action.workingDirectory ?? null };
}

/** The file the action needs on the host: the script for a PowerShell action, else the program. */
export const actionFile = (action: TaskAction): string => action.path;

/** The folder of a Windows path ('C:\\Scripts\\x.ps1' -> 'C:\\Scripts'; 'C:\\x.ps1' -> 'C:\\'). */
export function parentFolder(path: string): string {
  const i = path.lastIndexOf('\\');
  const parent = path.slice(0, i);
  return /^[A-Za-z]:$/.test(parent) ? `${parent}\\` : parent;
}

/** Task Scheduler's full name of the task: folder + name ('\\Nightly Report', '\\MSA\\Nightly Report'). */
export const taskUri = (task: TaskSettings): string => `${task.folder}${task.name}`;

/** The task settings of a task step's workload. */
export const taskOf = (ctx: { readonly workload: { readonly settings: TaskSettings } }): TaskSettings =>
  ctx.workload.settings;

/** One line describing the trigger, e.g. 'daily at 12:05, repeated every 15 minutes for 120 minutes'. */
export function describeTrigger(task: TaskSettings): string {
  const t = task.trigger;
  let text: string;
  switch (t.kind) {
    case 'once':
      text = `once at ${t.at.replace('T', ' ')}`;
      break;
    case 'daily':
      text = `daily at ${t.at}`;
      break;
    case 'weekly':
      text = `weekly on ${t.days.join(', ')} at ${t.at}`;
      break;
    case 'startup':
      text = 'at startup';
      break;
  }
  const rep = task.repetition;
  if (rep !== undefined) {
    text += `, repeated every ${rep.intervalMinutes} minutes ${rep.durationMinutes === undefined ? 'indefinitely' : `for ${rep.durationMinutes} minutes`}`;
  }
  return text;
}

/** The scheduled task as a workload kind's settings side (listed in ../kinds.ts). */
export const scheduledTaskSettings: WorkloadSettingsKind<'scheduled-task', TaskSettings> = {
  kind: 'scheduled-task',
  label: 'Scheduled task',
  defaultId: 'task',
  settingsSchema: taskSettingsSchema,
  describe: (task) => `${taskUri(task)}, ${describeTrigger(task)}`,
  sameObject: (a, b) => taskUri(a).toLowerCase() === taskUri(b).toLowerCase(),
  rights: ['batch'],
};
