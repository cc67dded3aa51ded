// The workload forms of the Use the account screen, whatever their kind (each kind's form, settings and rules are its
// descriptor's: renderer/src/workloads/<kind>/): the form as typed with its kind, the kind's own zod rules on it with
// each problem on its field, the core's issues by plan path, and ids. Pure: no React, no store. The scheduled task
// keeps its own form (taskForm.ts).
import { computerNameSchema, type PlanIssue } from '../api/contract';
import { formKind, type FormKindName } from '../workloads/registry';
import type { FormValues } from '../workloads/types';

export type { FormKindName as FormKind } from '../workloads/registry';
export type { Mode } from '../workloads/types';

/** A form with its kind. */
export interface KindForm {
  readonly kind: FormKindName;
  readonly form: FormValues;
}

export const emptyForm = (kind: FormKindName): KindForm => ({ kind, form: formKind(kind).empty });

/** A field of a kind's form ('name', 'binaryPath', ...), or the workload's host. */
export type WorkloadFieldKey = string;

/** A field's DOM id: the workload's plan id first, so two services' fields never share one ('service-2-name'). */
export const workloadFieldDomId = (workloadId: string, key: WorkloadFieldKey): string => `${workloadId}-${key}`;

/** The order of a kind's fields on its form, for "focus the first problem". */
export function workloadFieldOrder(kind: FormKindName): readonly WorkloadFieldKey[] {
  const k = formKind(kind);
  return ['host', 'mode', 'name', ...k.createFields.map((f) => f.field), k.check.field, 'acknowledgeNoRestore'];
}

/** The workload's settings from the form (the kind's own conversion). */
export const toSettings = (k: KindForm): Record<string, unknown> => formKind(k.kind).toSettings(k.form);

export type WorkloadFieldErrors = Partial<Record<WorkloadFieldKey, string>>;

/** Issues (paths within the settings, or 'host') by field, the first per field; those that fit no field under `other`. */
export function issuesByField(
  kind: FormKindName,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): { fields: WorkloadFieldErrors; other: string[] } {
  const known: ReadonlySet<string> = new Set(workloadFieldOrder(kind));
  const fields: WorkloadFieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const head = String(issue.path[0] ?? '');
    if (known.has(head)) fields[head] ??= issue.message;
    else other.push(issue.message);
  }
  return { fields, other };
}

/** The core's issues about the plan that concern the workload at `index` of the plan's workloads, by field. */
export function workloadServerIssues(kind: FormKindName, issues: readonly PlanIssue[], index: number) {
  const prefix = `workloads.${index}`;
  return issuesByField(
    kind,
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
    const parsed = formKind(k.kind).schema.safeParse(toSettings(k));
    errors = parsed.success ? {} : issuesByField(k.kind, parsed.error.issues).fields;
    lastChecks.set(k.form, { ...errors });
  }
  const hostCheck = computerNameSchema.safeParse(host);
  if (!hostCheck.success) errors.host = hostCheck.error.issues[0]?.message ?? 'Enter the computer name.';
  if (runsAsUser && k.form.mode === 'existing' && !k.form.acknowledgeNoRestore)
    errors.acknowledgeNoRestore = ACKNOWLEDGE_FIRST;
  return errors;
}

/** The form again from a plan workload's settings (as entered). */
export function formFromSettings(kind: FormKindName, settings: unknown): KindForm {
  const s = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>) : {};
  return { kind, form: formKind(kind).fromSettings(s) };
}

/** Whether two settings (as entered, or as a run holds them) mean the same, defaults filled in. */
export function sameSettings(kind: FormKindName, a: unknown, b: unknown): boolean {
  const schema = formKind(kind).schema;
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
