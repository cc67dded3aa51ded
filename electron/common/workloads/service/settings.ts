// The Windows service workload's settings: point an existing service at the account, or create one. Validated before
// any script is built; every message says what to change. Values reach PowerShell only as literals (ps``): a
// service name with a quote is data, and the WQL filter escapes it (service-read.ts).
import { z } from 'zod';
import { exactObject } from '../../strict-schema.js';
import { LONE_SURROGATE } from '../../unicode.js';
import type { WorkloadSettingsKind } from '../types.js';

// eslint-disable-next-line no-control-regex -- no service name, path or text means a control character
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * The start types New-Service takes in Windows PowerShell 5.1 (ServiceStartMode). "Automatic (Delayed Start)" is not
 * offered: 5.1 sets it only with sc.exe, which the lab does not model, and a practice run must never reach the real SCM.
 */
export const START_TYPES = ['Automatic', 'Manual', 'Disabled'] as const;
export type StartType = (typeof START_TYPES)[number];

/** Shown next to the acknowledgement: why undo cannot put a user account back. */
export const NO_RESTORE_WHY =
  'The wizard never asks for, handles or stores a password. If the service runs as a user account now, undo cannot set that account back (the Service Control Manager needs its password); you would set it again yourself in services.msc (Log On tab) or with sc.exe config.';

const text = (what: string, max: number) =>
  z
    .string()
    .max(max, `Use at most ${max} characters for the ${what}.`)
    .refine((s) => !LONE_SURROGATE.test(s), `The ${what} contains a broken character (a lone surrogate); retype it.`)
    .refine((s) => !CONTROL.test(s), `Remove the control characters (tabs, line breaks) from the ${what}.`);

/** The service (key) name as the SCM allows it: 1 to 256 characters, no / or \. */
export const serviceNameSchema = text('service name', 256)
  .trim()
  .min(1, 'Enter the service name (the short name, as in Get-Service, e.g. ReportSvc).')
  .refine((s) => !/[\\/]/.test(s), 'A service name cannot contain / or \\.');

/**
 * The executable of a binary path with arguments: a quoted path ("C:\Program Files\App\app.exe" --port 80) or an
 * unquoted one without spaces (C:\Apps\app.exe --port 80). An unquoted path with spaces is refused: Windows would try
 * C:\Program.exe first (the "unquoted service path" weakness). Returns the path, or a message.
 */
export function binaryExecutable(binaryPath: string): { path: string } | { error: string } {
  const s = binaryPath.trim();
  let exe: string;
  if (s.startsWith('"')) {
    const end = s.indexOf('"', 1);
    if (end < 0) return { error: 'Close the quote after the program path.' };
    exe = s.slice(1, end);
    const after = s.slice(end + 1);
    if (after !== '' && !after.startsWith(' '))
      return { error: 'Put a space between the quoted path and the arguments.' };
  } else {
    exe = s.split(' ')[0] ?? '';
    if (!/\.exe$/i.test(exe)) {
      return {
        error:
          'Put the program path in double quotes when it contains spaces, e.g. "C:\\Program Files\\App\\app.exe" --port 80.',
      };
    }
  }
  if (!/^[A-Za-z]:\\/.test(exe))
    return { error: 'Write the full path of the program, starting with a drive letter (C:\\...).' };
  if (/[*?"<>|/]/.test(exe) || exe.slice(2).includes(':')) {
    return { error: 'Remove the characters Windows does not allow in file names (* ? " < > | / :) from the path.' };
  }
  if (/%/.test(exe)) return { error: 'Write the full path without environment variables (%...%).' };
  if (
    exe
      .slice(3)
      .split('\\')
      .some((p) => p === '' || p === '.' || p === '..' || /[ .]$/.test(p))
  ) {
    return { error: 'Write the full path without empty, . or .. parts, and no name ending with a space or a dot.' };
  }
  if (!/\.exe$/i.test(exe)) return { error: 'A service runs a program: the path ends in .exe.' };
  return { path: exe };
}

export const binaryPathSchema = text('binary path', 1024)
  .trim()
  .min(1, 'Enter the program the service runs, e.g. "C:\\Program Files\\App\\app.exe" --service.')
  .superRefine((s, ctx) => {
    const exe = binaryExecutable(s);
    if ('error' in exe) ctx.addIssue({ code: 'custom', message: exe.error });
  });

const common = {
  name: serviceNameSchema.describe('The service name (the short name Get-Service shows, not the display name).'),
  restart: z
    .boolean()
    .default(true)
    .describe('Restart (or start) the service after the change and check that it runs as the account; default true.'),
  acknowledgeNoRestore: z
    .boolean()
    .default(false)
    .describe(
      `True when the admin has read this: ${NO_RESTORE_WHY} Needed only when the service runs as a user account now.`,
    ),
};

export const serviceSettingsSchema = z.discriminatedUnion('mode', [
  exactObject({
    mode: z.literal('existing').describe('Point an existing service at the account.'),
    ...common,
  }),
  exactObject({
    mode: z
      .literal('create')
      .describe('Create the service (unless it exists with the same program), then point it at the account.'),
    ...common,
    displayName: text('display name', 256)
      .trim()
      .optional()
      .describe('The name services.msc shows (default: the service name).'),
    binaryPath: binaryPathSchema.describe(
      'The program and its arguments; quote the path when it has spaces: "C:\\Program Files\\App\\app.exe" --service.',
    ),
    startType: z
      .enum(START_TYPES, { message: `Choose one of ${START_TYPES.join(', ')}.` })
      .default('Automatic')
      .describe('Automatic (default), Manual or Disabled.'),
    description: text('description', 1024).trim().optional().describe('The description services.msc shows (optional).'),
  }),
]);

export type ServiceSettingsInput = z.input<typeof serviceSettingsSchema>;
export type ServiceSettings = z.infer<typeof serviceSettingsSchema>;

/** One line for lists: 'Service ReportSvc (existing)', 'Service ReportSvc (new: "C:\\Apps\\report.exe")'. */
export function describeService(s: ServiceSettings): string {
  const restart = s.restart ? '' : ', not restarted';
  return s.mode === 'existing'
    ? `Service ${s.name}${restart}`
    : `New service ${s.name} (${s.binaryPath}, ${s.startType})${restart}`;
}

/** The Windows service kind's settings side (workloads/kinds.ts lists it). */
export const serviceSettingsKind: WorkloadSettingsKind<'service', ServiceSettings> = {
  kind: 'service',
  label: 'Windows service',
  defaultId: 'service',
  settingsSchema: serviceSettingsSchema,
  describe: describeService,
  // Service names are case-insensitive to the SCM.
  sameObject: (a, b) => a.name.toLowerCase() === b.name.toLowerCase(),
  rights: ['service'],
};
