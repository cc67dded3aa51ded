// The Windows service and IIS application pool forms (Use the account screen): the answers as typed, what the core
// gets (a workload's settings), the kinds' own zod rules on them with each problem on its field, and the form again
// from a plan's workload (a resumed run, an opened answers file). Pure: no React, no store. The scheduled task keeps
// its own form (taskForm.ts).
import {
  appPoolSettingsSchema,
  computerNameSchema,
  serviceSettingsSchema,
  type AppPoolSettingsInput,
  type PipelineMode,
  type PlanIssue,
  type RuntimeVersion,
  type ServiceSettingsInput,
  type StartType,
} from '../api/contract';

/** The kinds with a form here (the scheduled task has its own). */
export type FormKind = 'service' | 'app-pool';
export type Mode = 'existing' | 'create';

export interface ServiceForm {
  readonly mode: Mode;
  readonly name: string;
  readonly displayName: string;
  readonly binaryPath: string;
  readonly startType: StartType;
  readonly description: string;
  readonly restart: boolean;
  readonly acknowledgeNoRestore: boolean;
}

export interface AppPoolForm {
  readonly mode: Mode;
  readonly name: string;
  readonly managedRuntimeVersion: RuntimeVersion;
  readonly pipelineMode: PipelineMode;
  readonly recycle: boolean;
  readonly acknowledgeNoRestore: boolean;
}

export type KindForm =
  { readonly kind: 'service'; readonly form: ServiceForm } | { readonly kind: 'app-pool'; readonly form: AppPoolForm };

export const EMPTY_SERVICE_FORM: ServiceForm = {
  mode: 'existing',
  name: '',
  displayName: '',
  binaryPath: '',
  startType: 'Automatic',
  description: '',
  restart: true,
  acknowledgeNoRestore: false,
};

export const EMPTY_APP_POOL_FORM: AppPoolForm = {
  mode: 'existing',
  name: '',
  managedRuntimeVersion: 'v4.0',
  pipelineMode: 'Integrated',
  recycle: true,
  acknowledgeNoRestore: false,
};

export const emptyForm = (kind: FormKind): KindForm =>
  kind === 'service' ? { kind, form: EMPTY_SERVICE_FORM } : { kind, form: EMPTY_APP_POOL_FORM };

/** A field of either form, or the workload's host. */
export type WorkloadFieldKey =
  | 'host'
  | 'mode'
  | 'name'
  | 'displayName'
  | 'binaryPath'
  | 'startType'
  | 'description'
  | 'restart'
  | 'managedRuntimeVersion'
  | 'pipelineMode'
  | 'recycle'
  | 'acknowledgeNoRestore';

/** A field's DOM id: the workload's plan id first, so two services' fields never share one ('service-2-name'). */
export const workloadFieldDomId = (workloadId: string, key: WorkloadFieldKey): string => `${workloadId}-${key}`;

/** The order of the fields on the forms, for "focus the first problem". */
export const WORKLOAD_FIELD_ORDER: readonly WorkloadFieldKey[] = [
  'host',
  'mode',
  'name',
  'displayName',
  'binaryPath',
  'startType',
  'description',
  'managedRuntimeVersion',
  'pipelineMode',
  'restart',
  'recycle',
  'acknowledgeNoRestore',
];

const optionalText = (text: string) => (text.trim() === '' ? undefined : text);

/** The workload's settings from the form: only the chosen mode's fields, optional ones left out when empty. */
export function toSettings(k: KindForm): ServiceSettingsInput | AppPoolSettingsInput {
  if (k.kind === 'service') {
    const f = k.form;
    const common = { name: f.name, restart: f.restart, acknowledgeNoRestore: f.acknowledgeNoRestore };
    if (f.mode === 'existing') return { mode: 'existing', ...common };
    const displayName = optionalText(f.displayName);
    const description = optionalText(f.description);
    return {
      mode: 'create',
      ...common,
      ...(displayName === undefined ? {} : { displayName }),
      binaryPath: f.binaryPath,
      startType: f.startType,
      ...(description === undefined ? {} : { description }),
    };
  }
  const f = k.form;
  const common = { name: f.name, recycle: f.recycle, acknowledgeNoRestore: f.acknowledgeNoRestore };
  return f.mode === 'existing'
    ? { mode: 'existing', ...common }
    : { mode: 'create', ...common, managedRuntimeVersion: f.managedRuntimeVersion, pipelineMode: f.pipelineMode };
}

export type WorkloadFieldErrors = Partial<Record<WorkloadFieldKey, string>>;

const FIELDS: ReadonlySet<string> = new Set(WORKLOAD_FIELD_ORDER);

/** Issues (paths within the settings, or 'host') by field, the first per field; those that fit no field under `other`. */
export function issuesByField(issues: readonly { path: readonly PropertyKey[]; message: string }[]): {
  fields: WorkloadFieldErrors;
  other: string[];
} {
  const fields: WorkloadFieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const head = String(issue.path[0] ?? '');
    if (FIELDS.has(head)) fields[head as WorkloadFieldKey] ??= issue.message;
    else other.push(issue.message);
  }
  return { fields, other };
}

/** The core's issues about the plan that concern the workload at `index` of the plan's workloads, by field. */
export function workloadServerIssues(issues: readonly PlanIssue[], index: number) {
  const prefix = `workloads.${index}`;
  return issuesByField(
    issues
      .filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`))
      .map((i) => {
        const rest = i.path.slice(prefix.length + 1).split('.');
        // workloads.N.settings.name -> name; workloads.N.host -> host; workloads.N.settings -> (no field)
        return { path: rest[0] === 'settings' ? rest.slice(1) : rest, message: i.message };
      }),
  );
}

/** validateWorkload's last answers, per form object: zod runs once per change, however many callers ask. */
const lastChecks = new WeakMap<object, WorkloadFieldErrors>();

/** Why "Add" waits for the acknowledgement. */
export const ACKNOWLEDGE_FIRST =
  'Tick the acknowledgement first: undo cannot put the user account back (the wizard never handles its password).';

/**
 * The kind's rules (and the host's) on the form as it is; `runsAsUser`: the existing object runs as a user account
 * now (the picker said so), so the acknowledgement is required. The caller owns the returned object.
 */
export function validateWorkload(k: KindForm, host: string, runsAsUser = false): WorkloadFieldErrors {
  const cached = lastChecks.get(k.form);
  let errors: WorkloadFieldErrors;
  if (cached !== undefined) errors = { ...cached };
  else {
    const schema = k.kind === 'service' ? serviceSettingsSchema : appPoolSettingsSchema;
    const parsed = schema.safeParse(toSettings(k));
    errors = parsed.success ? {} : issuesByField(parsed.error.issues).fields;
    lastChecks.set(k.form, { ...errors });
  }
  const hostCheck = computerNameSchema.safeParse(host);
  if (!hostCheck.success) errors.host = hostCheck.error.issues[0]?.message ?? 'Enter the computer name.';
  if (runsAsUser && k.form.mode === 'existing' && !k.form.acknowledgeNoRestore)
    errors.acknowledgeNoRestore = ACKNOWLEDGE_FIRST;
  return errors;
}

/** The form again from a plan workload's settings (as entered). */
export function formFromSettings(kind: FormKind, settings: unknown): KindForm {
  const s = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>) : {};
  const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
  const mode: Mode = s.mode === 'create' ? 'create' : 'existing';
  if (kind === 'service') {
    const startType = (['Automatic', 'Manual', 'Disabled'] as const).find((t) => t === s.startType) ?? 'Automatic';
    return {
      kind,
      form: {
        mode,
        name: str(s.name),
        displayName: str(s.displayName),
        binaryPath: str(s.binaryPath),
        startType,
        description: str(s.description),
        restart: s.restart !== false,
        acknowledgeNoRestore: s.acknowledgeNoRestore === true,
      },
    };
  }
  const runtime = (['v4.0', 'v2.0', ''] as const).find((v) => v === s.managedRuntimeVersion) ?? 'v4.0';
  return {
    kind,
    form: {
      mode,
      name: str(s.name),
      managedRuntimeVersion: runtime,
      pipelineMode: s.pipelineMode === 'Classic' ? 'Classic' : 'Integrated',
      recycle: s.recycle !== false,
      acknowledgeNoRestore: s.acknowledgeNoRestore === true,
    },
  };
}

/** Whether two settings (as entered, or as a run holds them) mean the same, defaults filled in. */
export function sameSettings(kind: FormKind, a: unknown, b: unknown): boolean {
  const schema = kind === 'service' ? serviceSettingsSchema : appPoolSettingsSchema;
  const x = schema.safeParse(a);
  const y = schema.safeParse(b);
  return x.success && y.success && JSON.stringify(x.data) === JSON.stringify(y.data);
}

/** The next free id of a kind ('service', then 'service-2', ...) among the ids in use. */
export function nextWorkloadId(defaultId: string, taken: readonly string[]): string {
  let id = defaultId;
  for (let n = 2; taken.includes(id); n++) id = `${defaultId}-${n}`;
  return id;
}
