// The setup plan: everything the sMSA/gMSA steps need, validated with zod before any script is built. Each
// message says what to change. Names are held to allowlists (they become sAMAccountNames, identities and LDAP
// values); free text (description, OU paths) is allowed wide and travels as literals through ps``, never as code.
// Every object is strict: an unknown field is a problem ("Remove the unknown field x."), never silently dropped, so an
// answers file (../answers) with a typo fails instead of setting up something else.
import { z } from 'zod';
import { exactObject, issueList } from '../strict-schema.js';
import { taskSettingsSchema, workingDirectorySchema } from '../workloads/scheduled-task/task-schema.js';
import { privilegedWhy } from '../discover/privileged.js';
import { WORKLOAD_KIND_NAMES, WORKLOAD_SETTINGS, settingsKindOf, type WorkloadKindName } from '../workloads/kinds.js';
import { LONE_SURROGATE, printable } from '../unicode.js';

export const ENCRYPTION_TYPES = ['RC4', 'AES128', 'AES256'] as const;
export type EncryptionType = (typeof ENCRYPTION_TYPES)[number];
export const GROUP_SCOPES = ['DomainLocal', 'Global', 'Universal'] as const;
/**
 * How to create the KDS root key when none is usable yet (the health check's three fixes): 'default' (Add-KdsRootKey:
 * usable in 10 hours, the production choice: the run stops and says until when to wait), 'immediately'
 * (-EffectiveImmediately: usable now on the DC that creates it) and 'backdated' (isolated test labs only).
 */
export const KDS_KEY_MODES = ['default', 'immediately', 'backdated'] as const;
export type KdsKeyMode = (typeof KDS_KEY_MODES)[number];

/** Principals that let (nearly) every computer or user read the password: the wizard warns loudly. */
export const BROAD_PRINCIPALS = ['Domain Computers', 'Domain Users', 'Authenticated Users', 'Everyone'] as const;

// C0 controls except tab/newline/CR, and DEL: AD stores them, but nobody means them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * sMSA/gMSA name: the sAMAccountName without its `$`, which is added for you. A managed service account is a
 * computer-class object, so its name follows computer-name rules rather than a user's (sAMAccountName alone would
 * allow `_`, `.` and 20 characters): at most 15 characters, its NetBIOS name; and letters, digits and hyphens only,
 * because the name is also the first label of its DNS host name (svc-web.contoso.com), where `_` is not a host-name
 * character and `.` starts a new label. The messages say so, so the admin knows why `svc_web` is refused.
 */
export const accountNameSchema = z
  .string({ message: 'Enter a name for the account.' })
  .trim()
  .transform((s) => s.replace(/\$$/, ''))
  .pipe(
    z
      .string()
      .min(1, 'Enter a name for the account.')
      .max(
        15,
        'Use at most 15 characters: the sAMAccountName limit of a managed service account, which is a computer-class account whose NetBIOS name has at most 15 (the $ is added for you).',
      )
      .regex(
        /^[^_.]*$/,
        'Use only letters, digits and hyphens in the account name: _ and . are refused because the name is also the first label of its DNS host name (svc-web.contoso.com), where _ is not allowed and . starts a new label. Use a hyphen instead, e.g. svc-web.',
      )
      .regex(
        /^[A-Za-z0-9-]+$/,
        'Use only letters, digits and hyphens in the account name (no spaces, quotes or symbols).',
      )
      .regex(/^[^-]/, 'Start the account name with a letter or digit.')
      .regex(/[^-]$/, 'End the account name with a letter or digit.')
      .regex(/[A-Za-z-]/, 'A name of digits only is not allowed: add a letter.'),
  );

/** A computer's name (NetBIOS, as in its sAMAccountName without `$`). */
export const computerNameSchema = z
  .string({ message: 'Enter the computer name.' })
  .trim()
  .transform((s) => s.replace(/\$$/, '').toUpperCase())
  .pipe(
    z
      .string()
      .min(1, 'Enter the computer name.')
      .max(15, 'A computer name has at most 15 characters (its NetBIOS name, without the domain).')
      .regex(
        /^[A-Z0-9][A-Z0-9-]*$/,
        'Enter the computer name only (letters, digits and hyphens, e.g. WEB01), not its FQDN or a path.',
      ),
  );

/** A security group's name (its sAMAccountName and CN). */
export const groupNameSchema = z
  .string({ message: 'Enter the group name.' })
  .min(1, 'Enter the group name.')
  .max(64, 'Use at most 64 characters for the group name.')
  .regex(
    /^[A-Za-z0-9_-][A-Za-z0-9 ._-]*$/,
    'Use only letters, digits, spaces, dots, hyphens and underscores in the group name; start with a letter or digit.',
  )
  .regex(/[^ .]$/, 'The group name cannot end with a space or a dot.');

/** A distinguished name of a container or OU: RDNs with plain values, ending in DC= components. */
export const dnSchema = z
  .string()
  .min(1, 'Enter the distinguished name, e.g. OU=Service Accounts,DC=contoso,DC=com.')
  .max(1024, 'The distinguished name is too long (at most 1024 characters).')
  .refine((s) => !LONE_SURROGATE.test(s) && !CONTROL.test(s), 'Remove the control or broken characters.')
  .refine(
    (s) => /^(?:(?:OU|CN)=[^,=+<>#;\\"]+?,)*DC=[A-Za-z0-9-]+(?:,DC=[A-Za-z0-9-]+)*$/i.test(s),
    'Write the path as a distinguished name such as OU=Service Accounts,DC=contoso,DC=com (OU=/CN= parts, then the DC= parts; no + = < > # ; \\ " in names).',
  )
  .refine(
    (s) =>
      s
        .split(',')
        .every(
          (rdn) => rdn === rdn.trim() && rdn.slice(rdn.indexOf('=') + 1) === rdn.slice(rdn.indexOf('=') + 1).trim(),
        ),
    'Remove the spaces around the commas and equals signs in the distinguished name.',
  );

const SPN = /^([A-Za-z][A-Za-z0-9.-]*)\/([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?$/;

/** service/host[:port], e.g. HTTP/web01.contoso.com or MSSQLSvc/sql01.contoso.com:1433. */
export const spnSchema = z
  .string()
  .trim()
  .max(256, 'An SPN has at most 256 characters here.')
  .refine(
    (s) => SPN.test(s),
    'Write each SPN as service/host or service/host:port, e.g. HTTP/web01.contoso.com (letters, digits, dots and hyphens only).',
  )
  .refine((s) => {
    const port = SPN.exec(s)?.[3];
    return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
  }, 'The SPN port must be between 1 and 65535.');

export const dnsHostNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(255, 'A DNS host name has at most 255 characters.')
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
    'Enter a fully qualified DNS name such as svc-web.contoso.com (letters, digits, hyphens and dots).',
  );

export const descriptionSchema = z
  .string()
  .max(1024, 'Use at most 1024 characters for the description.')
  .refine((s) => !LONE_SURROGATE.test(s), 'The description contains a broken character (a lone surrogate); retype it.');

const groupSchema = exactObject({
  mode: z
    .enum(['new', 'existing'], {
      message: "Choose whether to create a new group ('new') or use one ('existing').",
    })
    .describe("'new': create the security group (or reuse one with these settings); 'existing': use it as it is."),
  name: groupNameSchema.describe('The group name (its sAMAccountName and CN).'),
  scope: z
    .enum(GROUP_SCOPES, { message: 'Choose the group scope: DomainLocal, Global or Universal.' })
    .default('Global')
    .describe('The scope of a new group; default Global.'),
  path: dnSchema.optional().describe('Where to create a new group (an OU DN); default the Users container.'),
});

/** A workload's id in the plan: step ids end with it ('scheduled-task@task'). */
export const workloadIdSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/,
    'Use 1 to 32 lower-case letters, digits and hyphens for the workload id (e.g. nightly-report).',
  );

function workloadEntry<K extends string, S>(kind: {
  readonly kind: K;
  readonly label: string;
  readonly defaultId: string;
  readonly settingsSchema: z.ZodType<S, unknown>;
}) {
  return exactObject({
    id: workloadIdSchema
      .optional()
      .describe(`Unique in the plan; default '${kind.defaultId}', then '${kind.defaultId}-2', '${kind.defaultId}-3'.`),
    kind: z.literal(kind.kind).describe(kind.label),
    host: computerNameSchema.optional().describe('The computer it runs on; default the target computer.'),
    settings: kind.settingsSchema,
  });
}

/** One workload as the plan holds it: a kind from the registry (workloads/kinds.ts), its host and settings. */
const workloadEntrySchema = z.discriminatedUnion(
  'kind',
  // The kinds' settings types differ: bind the entry's type parameters to the union, not to the first kind.
  WORKLOAD_SETTINGS.map((k) => workloadEntry<WorkloadKindName, unknown>(k)) as unknown as [
    ReturnType<typeof workloadEntry<WorkloadKindName, unknown>>,
  ],
  { error: () => `Choose the workload kind: ${WORKLOAD_KIND_NAMES.map((k) => `'${k}'`).join(', ')}.` },
);

/** A user account's sAMAccountName (pre-Windows 2000 name): at most 20 characters, none of " / \\ [ ] : ; | = , + * ? < > @. */
export const userSamSchema = z
  .string({ message: 'Enter the user account (its sAMAccountName), e.g. svc-report-user.' })
  .trim()
  .min(1, 'Enter the user account (its sAMAccountName), e.g. svc-report-user.')
  .max(20, 'A user account name (sAMAccountName) has at most 20 characters.')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/,
    'Write the account name only (its sAMAccountName: letters, digits, spaces, dots, hyphens, underscores), without the domain.',
  )
  .regex(/[^ .]$/, 'An account name cannot end with a space or a dot.');

/** The FileSystemRights names a copied rule may hold (System.Security.AccessControl.FileSystemRights). */
export const FILE_SYSTEM_RIGHTS = [
  'FullControl',
  'Modify',
  'ReadAndExecute',
  'Read',
  'Write',
  'ListDirectory',
  'ReadData',
  'WriteData',
  'CreateFiles',
  'CreateDirectories',
  'AppendData',
  'ReadExtendedAttributes',
  'WriteExtendedAttributes',
  'ExecuteFile',
  'Traverse',
  'DeleteSubdirectoriesAndFiles',
  'ReadAttributes',
  'WriteAttributes',
  'Delete',
  'ReadPermissions',
  'ChangePermissions',
  'TakeOwnership',
  'Synchronize',
] as const;

/** One explicit Allow rule the old account holds on a file or folder of a host, to grant the gMSA as well. */
const fileAccessSchema = exactObject({
  host: computerNameSchema.describe('The computer the file or folder is on.'),
  path: workingDirectorySchema
    .refine(
      (s) => /^[A-Za-z]:\\/.test(s),
      'Write a local path of that computer (C:\\...): a share is another computer.',
    )
    .describe('The file or folder, a local path of that computer (C:\\Scripts\\Reports).'),
  rights: z
    .array(
      z.enum(FILE_SYSTEM_RIGHTS, { message: `Rights are FileSystemRights names: ${FILE_SYSTEM_RIGHTS.join(', ')}.` }),
    )
    .min(1, 'Name at least one right (e.g. Modify).')
    .describe(
      'The rights, as FileSystemRights names (e.g. ["Modify", "Synchronize"]): the same as the old account holds.',
    ),
  inheritance: z
    .array(
      z.enum(['ContainerInherit', 'ObjectInherit'], {
        message: 'Inheritance is ContainerInherit and/or ObjectInherit.',
      }),
    )
    .default([])
    .describe('InheritanceFlags of the rule (a folder: usually ["ContainerInherit", "ObjectInherit"]); default none.'),
  propagation: z
    .array(
      z.enum(['NoPropagateInherit', 'InheritOnly'], {
        message: 'Propagation is NoPropagateInherit and/or InheritOnly.',
      }),
    )
    .default([])
    .describe('PropagationFlags of the rule; default none.'),
  note: descriptionSchema
    .optional()
    .describe('What the path is to the workload, for the Review (e.g. "the task\'s script folder").'),
});

/**
 * Moving workloads from a user account to the gMSA (../adopt/): what of the old account the new one gets. The old
 * account itself is never disabled, deleted or changed, except that its SPNs move.
 */
export const migrationSchema = exactObject({
  from: userSamSchema.describe('The user account the workloads run as now (its sAMAccountName, without the domain).'),
  copyGroups: z
    .array(groupNameSchema)
    .max(100, 'At most 100 groups to copy.')
    .default([])
    .describe("The old account's groups the gMSA joins too (never a privileged group)."),
  notCopied: z
    .array(
      exactObject({
        group: z.string().min(1).max(256).describe("The group's name."),
        why: descriptionSchema.describe('Why it is not copied, for the Review.'),
      }),
    )
    .max(100, 'At most 100 groups not copied.')
    .default([])
    .describe("The old account's groups left out, each with why (shown, nothing is done)."),
  moveSpns: z
    .array(spnSchema)
    .max(50, 'At most 50 SPNs to move.')
    .default([])
    .describe('SPNs removed from the old account and added to the gMSA, in one step (never held twice).'),
  fileAccess: z
    .array(fileAccessSchema)
    .max(50, 'At most 50 file or folder rules.')
    .default([])
    .describe('Explicit rights of the old account on files and folders, granted to the gMSA as well.'),
  constrainedDelegation: z
    .array(spnSchema)
    .max(50, 'At most 50 delegation targets.')
    .default([])
    .describe(
      "The old account's constrained delegation targets (msDS-AllowedToDelegateTo): shown with the command, not applied.",
    ),
  unconstrainedDelegation: z
    .boolean()
    .default(false)
    .describe('Whether the old account is trusted for unconstrained delegation: shown, never copied.'),
});

type MigrationFields = {
  accountType: string;
  spns: string[];
  targetComputer: string;
  workloads: { host?: string }[];
  task?: unknown;
  migration: z.infer<typeof migrationSchema>;
};

/** The migration's own rules: a gMSA, no privileged group copied, no SPN both moved and added, rules where it runs. */
function checkMigration(
  plan: MigrationFields,
  ctx: { addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void },
): void {
  const m = plan.migration;
  if (plan.accountType !== 'gmsa') {
    ctx.addIssue({
      code: 'custom',
      path: ['accountType'],
      message: 'Moving workloads from a user account makes a gMSA (its retrieval group holds every host): choose gmsa.',
    });
  }
  m.copyGroups.forEach((group, i) => {
    const why = privilegedWhy({ name: group });
    if (why !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['migration', 'copyGroups', i],
        message: `Remove ${printable(group)}: ${why}`,
      });
    if (m.copyGroups.findIndex((g) => g.toLowerCase() === group.toLowerCase()) !== i)
      ctx.addIssue({
        code: 'custom',
        path: ['migration', 'copyGroups', i],
        message: `Remove the duplicate ${printable(group)}.`,
      });
  });
  const added = new Set(plan.spns.map((s) => s.toLowerCase()));
  m.moveSpns.forEach((spn, i) => {
    if (added.has(spn.toLowerCase()))
      ctx.addIssue({
        code: 'custom',
        path: ['migration', 'moveSpns', i],
        message: `${printable(spn)} is both moved from ${printable(m.from)} and in spns: leave it out of spns (the move adds it to the gMSA; adding it first would hold it twice).`,
      });
    if (m.moveSpns.findIndex((s) => s.toLowerCase() === spn.toLowerCase()) !== i)
      ctx.addIssue({
        code: 'custom',
        path: ['migration', 'moveSpns', i],
        message: `Remove the duplicate SPN ${printable(spn)}.`,
      });
  });
  const hosts = new Set([
    plan.targetComputer,
    ...plan.workloads.map((w) => (w.host ?? plan.targetComputer).toUpperCase()),
  ]);
  m.fileAccess.forEach((rule, i) => {
    if (!hosts.has(rule.host))
      ctx.addIssue({
        code: 'custom',
        path: ['migration', 'fileAccess', i, 'host'],
        message: `${printable(rule.host)} is neither the target computer nor a workload's host: grant file access where the account runs.`,
      });
    const same = m.fileAccess.findIndex(
      (r) => r.host === rule.host && r.path.toLowerCase() === rule.path.toLowerCase(),
    );
    if (same !== i)
      ctx.addIssue({
        code: 'custom',
        path: ['migration', 'fileAccess', i, 'path'],
        message: `${printable(rule.path)} on ${rule.host} is listed twice: keep one rule per path.`,
      });
  });
}

export const planSchema = exactObject({
  accountType: z
    .enum(['gmsa', 'smsa'], {
      message: "Choose the account type: 'gmsa' (many computers, 2012+, needs KDS) or 'smsa' (one computer).",
    })
    .describe("'gmsa': a group managed service account (many computers); 'smsa': a standalone one (one computer)."),
  name: accountNameSchema.describe('The account name without the $ (at most 15 letters, digits and hyphens).'),
  description: descriptionSchema.default('').describe("The account's description (free text)."),
  dnsHostName: dnsHostNameSchema
    .optional()
    .describe("gMSA only: its DNS host name; default <name>.<the domain's DNS name>."),
  encryptionTypes: z
    .array(z.enum(ENCRYPTION_TYPES, { message: 'Encryption types are RC4, AES128 and AES256.' }))
    .min(1, 'Choose at least one Kerberos encryption type (AES128 and AES256 are recommended).')
    .default(['AES128', 'AES256'])
    .transform((list) => ENCRYPTION_TYPES.filter((t) => list.includes(t)))
    .describe('Kerberos encryption types; default AES128 and AES256.'),
  passwordIntervalDays: z
    .number()
    .int('The password interval is a whole number of days.')
    .min(1, 'The password interval is at least 1 day.')
    .max(3650, 'The password interval is at most 3650 days.')
    .default(30)
    .describe('gMSA only: days between password changes (set at creation only); default 30.'),
  spns: z
    .array(spnSchema)
    .max(50, 'At most 50 SPNs.')
    .default([])
    .describe('Service principal names, service/host[:port].'),
  ouPath: dnSchema.optional().describe('The OU to create the account in (a DN); default Managed Service Accounts.'),
  gmsa: exactObject({
    group: groupSchema.describe('The group allowed to retrieve the password.'),
    computers: z
      .array(computerNameSchema)
      .default([])
      .describe('Computers to add to a new group (the target computer must be one of them).'),
  })
    .optional()
    .describe('gMSA only: who may retrieve the password.'),
  smsa: exactObject({ computer: computerNameSchema.describe('The one computer the sMSA is linked to.') })
    .optional()
    .describe('sMSA only.'),
  kdsRootKey: z
    .enum(KDS_KEY_MODES, { message: "Choose how to create the KDS root key: 'default', 'immediately' or 'backdated'." })
    .optional()
    .describe(
      "gMSA only: create a KDS root key if none is usable yet. 'default': usable in 10 hours (production; the run stops until then); 'immediately': usable now on the DC that creates it; 'backdated': isolated test labs only. Leave it out to create none.",
    ),
  targetComputer: computerNameSchema.describe(
    'The computer that uses the account (install, test, the task); the run must be on it for those steps.',
  ),
  task: taskSettingsSchema
    .optional()
    .describe(
      'Answers version 1: a scheduled task on the target computer. Opens as the workload { id: "task", kind: "scheduled-task" }; write workloads instead.',
    ),
  workloads: z
    .array(workloadEntrySchema)
    .max(50, 'At most 50 workloads in one plan.')
    .default([])
    .describe('What runs as the account: scheduled tasks, Windows services, IIS application pools, each on its host.'),
  migration: migrationSchema
    .optional()
    .describe(
      'gMSA only: the workloads move here from a user account; its groups (not the privileged ones), SPNs and file rights come along.',
    ),
}).superRefine((plan, ctx) => {
  if (plan.migration !== undefined) checkMigration(plan as MigrationFields, ctx);
  const lower = plan.spns.map((s) => s.toLowerCase());
  const dup = lower.find((s, i) => lower.indexOf(s) !== i);
  if (dup !== undefined)
    ctx.addIssue({ code: 'custom', path: ['spns'], message: `Remove the duplicate SPN ${printable(dup)}.` });
  if (plan.accountType === 'gmsa') {
    if (plan.gmsa === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['gmsa'],
        message: 'A gMSA needs the group allowed to retrieve its password: create a new one or pick an existing one.',
      });
      return;
    }
    if (plan.smsa !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['smsa'], message: 'Remove the sMSA settings: this plan is for a gMSA.' });
    }
    const computers = plan.gmsa.computers;
    const dupComputer = computers.find((c, i) => computers.indexOf(c) !== i);
    if (dupComputer !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['gmsa', 'computers'],
        message: `Remove the duplicate ${printable(dupComputer)}.`,
      });
    }
    if (plan.gmsa.group.mode === 'new' && !computers.includes(plan.targetComputer)) {
      ctx.addIssue({
        code: 'custom',
        path: ['gmsa', 'computers'],
        message: `Add the target computer ${printable(plan.targetComputer)} to the computers allowed to retrieve the password; otherwise the test on it fails.`,
      });
    }
    if (plan.gmsa.group.mode === 'existing' && plan.gmsa.group.path !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['gmsa', 'group', 'path'],
        message: 'Leave the path out for an existing group: it is found by name.',
      });
    }
  } else {
    if (plan.smsa === undefined) {
      ctx.addIssue({ code: 'custom', path: ['smsa'], message: 'An sMSA needs the one computer it is linked to.' });
      return;
    }
    if (plan.gmsa !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['gmsa'],
        message: 'Remove the gMSA settings: this plan is for an sMSA.',
      });
    }
    if (plan.smsa.computer !== plan.targetComputer) {
      ctx.addIssue({
        code: 'custom',
        path: ['targetComputer'],
        message: `An sMSA works only on the computer it is linked to: install it on ${printable(plan.smsa.computer)}, or link it to ${printable(plan.targetComputer)}.`,
      });
    }
    if (plan.passwordIntervalDays !== 30) {
      ctx.addIssue({
        code: 'custom',
        path: ['passwordIntervalDays'],
        message:
          "An sMSA's password interval follows its computer's machine-password policy: leave it at 30 days (only a gMSA's can be set).",
      });
    }
    if (plan.dnsHostName !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['dnsHostName'],
        message: 'Leave the DNS host name out for an sMSA: New-ADServiceAccount sets it only for a gMSA.',
      });
    }
    if (plan.kdsRootKey !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['kdsRootKey'],
        message: 'Leave the KDS root key out for an sMSA: only a gMSA needs one.',
      });
    }
  }
});

/** A workload of a validated plan: its id and host filled in, its settings as its kind's schema gave them. */
export interface PlanWorkload {
  readonly id: string;
  readonly kind: WorkloadKindName;
  readonly host: string;
  readonly settings: unknown;
}

type PlanFields = z.infer<typeof planSchema>;
type Issues = { addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void };

/**
 * The plan as the steps use it: version 1's `task` becomes the workload { id: 'task', kind: 'scheduled-task' } on the
 * target computer, ids and hosts are filled in (the first of a kind gets its kind's default id, then '-2', '-3').
 */
function resolveWorkloads(plan: PlanFields): Omit<PlanFields, 'task' | 'workloads'> & { workloads: PlanWorkload[] } {
  const { task, workloads, ...rest } = plan;
  const entries: { id?: string; kind: WorkloadKindName; host?: string; settings: unknown }[] = [
    ...(task === undefined ? [] : [{ id: 'task', kind: 'scheduled-task' as const, settings: task }]),
    ...workloads,
  ];
  const taken = new Set(entries.flatMap((w) => (w.id === undefined ? [] : [w.id])));
  const resolved = entries.map((w): PlanWorkload => {
    let id = w.id;
    if (id === undefined) {
      const base = settingsKindOf(w.kind)?.defaultId ?? w.kind;
      id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
    }
    return { id, kind: w.kind, host: w.host ?? plan.targetComputer, settings: w.settings };
  });
  return { ...rest, workloads: resolved };
}

/** The workloads' own rules, on the resolved plan: unique ids, one object per host, hosts that can use the account. */
function checkWorkloads(plan: ReturnType<typeof resolveWorkloads>, ctx: Issues, fromTask: boolean): void {
  const path = (i: number, ...rest: (string | number)[]): (string | number)[] =>
    fromTask && i === 0 ? ['task', ...rest.slice(1)] : ['workloads', fromTask ? i - 1 : i, ...rest];
  plan.workloads.forEach((w, i) => {
    const dup = plan.workloads.findIndex((o) => o.id === w.id);
    if (dup !== i) {
      ctx.addIssue({
        code: 'custom',
        path: path(i, 'id'),
        message: `Another workload has the id ${w.id}: give each one its own.`,
      });
    }
    // Each kind compares its own settings (the union keeps kind and settings together).
    const kind = settingsKindOf(w.kind) as { label: string; sameObject(a: unknown, b: unknown): boolean } | undefined;
    const same = plan.workloads.findIndex(
      (o, j) =>
        j < i &&
        o.kind === w.kind &&
        o.host === w.host &&
        kind !== undefined &&
        kind.sameObject(o.settings, w.settings),
    );
    if (same >= 0) {
      ctx.addIssue({
        code: 'custom',
        path: path(i, 'settings'),
        message: `The workload ${plan.workloads[same]?.id ?? ''} already uses this ${kind?.label.toLowerCase() ?? w.kind} on ${w.host}: remove one of them.`,
      });
    }
    if (plan.accountType === 'smsa' && w.host !== plan.targetComputer) {
      ctx.addIssue({
        code: 'custom',
        path: path(i, 'host'),
        message: `An sMSA works only on its one computer (${printable(plan.targetComputer)}): run this workload there, or use a gMSA.`,
      });
    }
    // A gMSA's new group must hold every workload host (as it must hold the target computer): a host that cannot
    // retrieve the password fails every start (a service's 1069, a pool's 5021). An existing group is checked by the
    // health check and the test steps, and named in planWarnings.
    if (
      plan.accountType === 'gmsa' &&
      plan.gmsa?.group.mode === 'new' &&
      !plan.gmsa.computers.includes(w.host) &&
      plan.workloads.findIndex((o) => o.host === w.host) === i
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['gmsa', 'computers'],
        message: `Add ${printable(w.host)} to the computers allowed to retrieve the password: the workload ${w.id} runs there.`,
      });
    }
  });
}

/** The plan schema of answers files and the API: validates, then resolves the workloads (v1 `task` included). */
export const resolvedPlanSchema = planSchema.transform((input, ctx) => {
  const plan = resolveWorkloads(input);
  checkWorkloads(plan, { addIssue: (issue) => ctx.issues.push({ ...issue, input }) }, input.task !== undefined);
  return plan;
});

export type PlanInput = z.input<typeof planSchema>;
export type Plan = z.infer<typeof resolvedPlanSchema>;

/** Thrown for a plan that fails validation: the message lists what to change, one line per problem. */
export class PlanInputError extends Error {
  constructor(readonly issues: readonly { path: string; message: string }[]) {
    super(issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('\n'));
    this.name = 'PlanInputError';
  }
}

/** Validates a plan; throws PlanInputError with every problem. */
export function parsePlan(input: unknown): Plan {
  const parsed = resolvedPlanSchema.safeParse(input);
  if (!parsed.success) {
    throw new PlanInputError(issueList(parsed.error).map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  return parsed.data;
}

/** Loud warnings the UI must show before the run: principals that let nearly everyone read the password. */
export function planWarnings(plan: Plan): string[] {
  const group = plan.gmsa?.group;
  if (group === undefined) return [];
  const warnings: string[] = [];
  const broad = BROAD_PRINCIPALS.find((b) => b.toLowerCase() === group.name.trim().toLowerCase());
  if (broad !== undefined) {
    warnings.push(
      `"${broad}" lets ${broad.endsWith('Computers') ? 'every computer in the domain' : 'every user (and what runs as them)'} retrieve the password of ${plan.name}$: anyone who controls one of them can act as the service. Use a dedicated group with only the computers that run the service.`,
    );
  }
  // An existing group is used as it is: a workload host that is not in it cannot retrieve the password (a service
  // fails with 1069, a pool with 5021, a task with 0x8007052E). Its test step says so too; the admin hears it first.
  const hosts = [...new Set((plan.workloads ?? []).map((w) => w.host ?? plan.targetComputer))];
  const others = hosts.filter((h) => h !== plan.targetComputer);
  if (group.mode === 'existing' && broad === undefined && others.length > 0) {
    warnings.push(
      `The existing group ${group.name} must hold ${others.join(', ')} (where workloads run) as well as ${plan.targetComputer}: a computer outside it cannot retrieve the password of ${plan.name}$, and its workloads fail to start. The test step on each computer checks it.`,
    );
  }
  return warnings;
}

/** The account's sAMAccountName. */
export const samOf = (plan: Plan): string => `${plan.name}$`;
