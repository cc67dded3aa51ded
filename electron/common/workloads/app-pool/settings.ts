// The IIS application pool workload's settings: point an existing pool at the account, or create one (.NET CLR
// version or No Managed Code, pipeline mode). Validated before any script is built; every message says what to change.
// The name reaches PowerShell only as a literal (ps``) and the configuration XPath only between double quotes, which
// IIS refuses in pool names (app-pool-read.ts).
import { z } from 'zod';
import { exactObject } from '../../strict-schema.js';
import { LONE_SURROGATE } from '../../unicode.js';
import type { WorkloadSettingsKind } from '../types.js';

// eslint-disable-next-line no-control-regex -- no pool name means a control character
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * The characters IIS refuses in an application pool name: ApplicationPoolCollection.InvalidApplicationPoolNameCharacters
 * (Microsoft.Web.Administration) lists \ / " | < > : * ? ] [ + = ; , @ & — the configuration schema's
 * `applicationPoolName` validation refuses the same set. An apostrophe is allowed, so the XPath quotes with ".
 */
export const INVALID_POOL_NAME_CHARACTERS = [
  '\\',
  '/',
  '"',
  '|',
  '<',
  '>',
  ':',
  '*',
  '?',
  ']',
  '[',
  '+',
  '=',
  ';',
  ',',
  '@',
  '&',
];

/**
 * The wizard's cap on a pool name. WAS ignores a pool whose id exceeds its length limit (event 5050) without the docs
 * read here giving the number; 64 keeps the name usable as the virtual account IIS APPPOOL\<name> and in IIS Manager.
 */
export const POOL_NAME_MAX = 64;

/** The .NET CLR versions an application pool loads; '' is "No Managed Code". */
export const RUNTIME_VERSIONS = ['v4.0', 'v2.0', ''] as const;
export type RuntimeVersion = (typeof RUNTIME_VERSIONS)[number];
export const PIPELINE_MODES = ['Integrated', 'Classic'] as const;
export type PipelineMode = (typeof PIPELINE_MODES)[number];

/** Shown next to the acknowledgement: why undo cannot put a user account back. */
export const NO_RESTORE_WHY =
  'The wizard never asks for, handles or stores a password. If the application pool runs as a user account now, undo cannot set that account back (IIS needs its password); you would set it again yourself in IIS Manager (Advanced Settings, Identity).';

export const poolNameSchema = z
  .string({ message: 'Enter the application pool name, e.g. Reports.' })
  .trim()
  .min(1, 'Enter the application pool name, e.g. Reports.')
  .max(POOL_NAME_MAX, `Use at most ${POOL_NAME_MAX} characters for the application pool name.`)
  .refine((s) => !LONE_SURROGATE.test(s), 'The pool name contains a broken character (a lone surrogate); retype it.')
  .refine((s) => !CONTROL.test(s), 'Remove the control characters (tabs, line breaks) from the pool name.')
  .refine(
    (s) => !INVALID_POOL_NAME_CHARACTERS.some((c) => s.includes(c)),
    `IIS does not allow these characters in an application pool name: ${INVALID_POOL_NAME_CHARACTERS.join(' ')}`,
  );

const common = {
  name: poolNameSchema.describe('The application pool name, as IIS Manager lists it (e.g. Reports).'),
  recycle: z
    .boolean({ message: 'Recycle is on (true) or off (false).' })
    .default(true)
    .describe('Recycle (or start) the pool after the change and check that it runs as the account; default true.'),
  acknowledgeNoRestore: z
    .boolean({ message: 'The acknowledgement is true or false.' })
    .default(false)
    .describe(
      `True when the admin has read this: ${NO_RESTORE_WHY} Needed only when the pool runs as a user account now.`,
    ),
};

export const appPoolSettingsSchema = z.discriminatedUnion(
  'mode',
  [
    exactObject({
      mode: z.literal('existing').describe('Point an existing application pool at the account.'),
      ...common,
    }),
    exactObject({
      mode: z
        .literal('create')
        .describe(
          'Create the application pool (unless it exists with the same settings), then point it at the account.',
        ),
      ...common,
      managedRuntimeVersion: z
        .enum(RUNTIME_VERSIONS, { message: "Choose the .NET CLR version: 'v4.0', 'v2.0' or '' (No Managed Code)." })
        .default('v4.0')
        .describe(".NET CLR version: 'v4.0' (default), 'v2.0', or '' for No Managed Code."),
      pipelineMode: z
        .enum(PIPELINE_MODES, { message: "Choose the managed pipeline mode: 'Integrated' or 'Classic'." })
        .default('Integrated')
        .describe("Managed pipeline mode: 'Integrated' (default) or 'Classic'."),
    }),
  ],
  { message: "Choose the mode: 'existing' (an application pool that is there) or 'create'." },
);

export type AppPoolSettingsInput = z.input<typeof appPoolSettingsSchema>;
export type AppPoolSettings = z.infer<typeof appPoolSettingsSchema>;

/** The wanted runtime and pipeline of a pool this workload creates; null when it uses an existing one as it is. */
export function wantedPoolShape(s: AppPoolSettings): { runtime: RuntimeVersion; pipeline: PipelineMode } | null {
  return s.mode === 'create' ? { runtime: s.managedRuntimeVersion, pipeline: s.pipelineMode } : null;
}

/** The runtime as IIS Manager names it. */
export const runtimeWords = (v: string): string => (v === '' ? 'No Managed Code' : `.NET CLR ${v}`);

/** The kind's settings side (no step code: the renderer validates forms with it). */
export const appPoolSettingsKind: WorkloadSettingsKind<'app-pool', AppPoolSettings> = {
  kind: 'app-pool',
  label: 'IIS application pool',
  defaultId: 'app-pool',
  settingsSchema: appPoolSettingsSchema,
  describe: (s) =>
    s.mode === 'create'
      ? `App pool ${s.name} (new: ${runtimeWords(s.managedRuntimeVersion)}, ${s.pipelineMode} pipeline)`
      : `App pool ${s.name}`,
  // IIS compares pool names without regard to case.
  sameObject: (a, b) => a.name.toLowerCase() === b.name.toLowerCase(),
  // WAS logs the pool's account on with a batch logon (processModel.logonType LogonBatch, the default).
  rights: ['batch'],
};
