// The setup plan as the form holds it (text as typed), how it becomes the core's PlanInput, and how problems — the
// plan's own zod rules here, or the core's `issues` — land on the form's fields. No React, no API: pure functions.
import {
  ENCRYPTION_TYPES,
  GROUP_SCOPES,
  planSchema,
  type EncryptionType,
  type PlanIssue,
  type PlanInput,
} from '../api/contract';

export type AccountType = 'gmsa' | 'smsa';
export type GroupMode = 'new' | 'existing';
export type GroupScope = (typeof GROUP_SCOPES)[number];

export interface PlanForm {
  readonly accountType: AccountType;
  readonly name: string;
  readonly description: string;
  /** null: the default, `<name>.<domain>` (gMSA only). */
  readonly dnsHostName: string | null;
  readonly encryptionTypes: readonly EncryptionType[];
  /** As typed (gMSA only). */
  readonly passwordIntervalDays: string;
  /** One SPN per line. */
  readonly spns: string;
  /** '' : the default container (Managed Service Accounts). */
  readonly ouPath: string;
  readonly groupMode: GroupMode;
  readonly groupName: string;
  readonly groupScope: GroupScope;
  /** '' : the default container (Users); new groups only. */
  readonly groupPath: string;
  readonly computers: readonly string[];
  /** null: the computer the wizard runs on. */
  readonly targetComputer: string | null;
}

export const EMPTY_FORM: PlanForm = {
  accountType: 'gmsa',
  name: '',
  description: '',
  dnsHostName: null,
  encryptionTypes: ['AES128', 'AES256'],
  passwordIntervalDays: '30',
  spns: '',
  ouPath: '',
  groupMode: 'new',
  groupName: '',
  groupScope: 'Global',
  groupPath: '',
  computers: [],
  targetComputer: null,
};

/** Where the wizard runs: the default target computer and the domain for the default DNS host name. */
export interface FormContext {
  readonly computer: string | null;
  readonly domain: string | null;
}

/** The form's fields, by the plan path their problems are reported on. */
export type FieldKey =
  | 'accountType'
  | 'name'
  | 'description'
  | 'dnsHostName'
  | 'encryptionTypes'
  | 'passwordIntervalDays'
  | 'spns'
  | 'ouPath'
  | 'targetComputer'
  | 'gmsa'
  | 'gmsa.group.mode'
  | 'gmsa.group.name'
  | 'gmsa.group.scope'
  | 'gmsa.group.path'
  | 'gmsa.computers';

/** The parts of the Account screen, in order (gMSA: all; sMSA: no KDS key, no password readers). */
export type PartId = 'type' | 'options' | 'kds' | 'access' | 'review';

export const PART_TITLES: Record<PartId, string> = {
  type: 'Account type',
  options: 'Name and options',
  kds: 'KDS root key',
  access: 'Who may retrieve the password',
  review: 'Review and create',
};

export function partsFor(type: AccountType): readonly PartId[] {
  return type === 'gmsa' ? ['type', 'options', 'kds', 'access', 'review'] : ['type', 'options', 'review'];
}

export const FIELD_PART: Record<FieldKey, PartId> = {
  accountType: 'type',
  name: 'options',
  description: 'options',
  dnsHostName: 'options',
  encryptionTypes: 'options',
  passwordIntervalDays: 'options',
  spns: 'options',
  ouPath: 'options',
  targetComputer: 'options',
  gmsa: 'access',
  'gmsa.group.mode': 'access',
  'gmsa.group.name': 'access',
  'gmsa.group.scope': 'access',
  'gmsa.group.path': 'access',
  'gmsa.computers': 'access',
};

export const FIELD_LABELS: Record<FieldKey, string> = {
  accountType: 'Account type',
  name: 'Account name',
  description: 'Description',
  dnsHostName: 'DNS host name',
  encryptionTypes: 'Kerberos encryption types',
  passwordIntervalDays: 'Password interval',
  spns: 'Service principal names',
  ouPath: 'Where to create the account',
  targetComputer: 'Computer that runs the service',
  gmsa: 'Who may retrieve the password',
  'gmsa.group.mode': 'Group',
  'gmsa.group.name': 'Group name',
  'gmsa.group.scope': 'Group scope',
  'gmsa.group.path': 'Where to create the group',
  'gmsa.computers': 'Computers allowed to retrieve the password',
};

/** The DOM id of a field's input (the target of "go to the field" links and of focus). */
export const fieldDomId = (key: FieldKey): string => `plan-${key.replace(/\./g, '-')}`;

export const defaultDnsHostName = (name: string, domain: string | null): string =>
  domain === null || name.trim() === '' ? '' : `${name.trim().replace(/\$$/, '').toLowerCase()}.${domain}`;

export const spnLines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

export const targetOf = (form: PlanForm, ctx: FormContext): string =>
  (form.targetComputer ?? ctx.computer ?? '').trim().replace(/\$$/, '').toUpperCase();

const INTEGER = /^\s*\d{1,6}\s*$/;

/** The plan the core gets: the answers as entered, with the type's own parts only. */
export function toPlanInput(form: PlanForm, ctx: FormContext): PlanInput {
  const target = targetOf(form, ctx);
  const gmsa = form.accountType === 'gmsa';
  const dns = form.dnsHostName?.trim() ?? '';
  const input: PlanInput = {
    accountType: form.accountType,
    name: form.name,
    description: form.description,
    encryptionTypes: ENCRYPTION_TYPES.filter((t) => form.encryptionTypes.includes(t)),
    spns: spnLines(form.spns),
    targetComputer: target,
  };
  if (gmsa) {
    input.passwordIntervalDays = INTEGER.test(form.passwordIntervalDays) ? Number(form.passwordIntervalDays) : NaN;
    if (dns !== '') input.dnsHostName = dns;
    const path = form.groupPath.trim();
    input.gmsa = {
      group: {
        mode: form.groupMode,
        name: form.groupName,
        scope: form.groupScope,
        ...(form.groupMode === 'new' && path !== '' ? { path } : {}),
      },
      computers: [...form.computers],
    };
  } else {
    input.smsa = { computer: target };
  }
  if (form.ouPath.trim() !== '') input.ouPath = form.ouPath.trim();
  return input;
}

/** A plan path ('gmsa.computers.1', 'spns.0', 'smsa.computer') → the field that shows its problem. */
export function fieldOfPath(path: string): FieldKey | null {
  const parts = path.split('.');
  const head = parts[0] ?? '';
  if (head === 'spns' || head === 'encryptionTypes') return head;
  if (head === 'smsa') return 'targetComputer';
  if (head === 'gmsa') {
    if (parts[1] === 'computers') return 'gmsa.computers';
    if (parts[1] === 'group' && parts[2] !== undefined) {
      const key = `gmsa.group.${parts[2]}`;
      return key in FIELD_PART ? (key as FieldKey) : 'gmsa';
    }
    return 'gmsa';
  }
  return head in FIELD_PART ? (head as FieldKey) : null;
}

export type FieldErrors = Partial<Record<FieldKey, string>>;

/** Issues (the core's or zod's) by field, the first per field; those that fit no field under `other`. */
export function issuesByField(issues: readonly PlanIssue[]): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const key = fieldOfPath(issue.path);
    if (key === null) other.push(issue.message);
    else fields[key] ??= issue.message;
  }
  return { fields, other };
}

/**
 * validateForm's last answer. Every caller in a render (each part's fields, the review, the preview loader) asks
 * about the same form object, and the store makes a new object on every change: zod runs once per change.
 */
let lastPlanCheck: { form: PlanForm; computer: string | null; domain: string | null; errors: FieldErrors } | null =
  null;

/**
 * The plan's own rules on the form as it is, with words for a password interval that is not a number. The caller
 * owns the returned object (a copy: callers add the name lookup's verdict to it).
 */
export function validateForm(form: PlanForm, ctx: FormContext): FieldErrors {
  const last = lastPlanCheck;
  if (last !== null && last.form === form && last.computer === ctx.computer && last.domain === ctx.domain) {
    return { ...last.errors };
  }
  const errors = checkForm(form, ctx);
  lastPlanCheck = { form, computer: ctx.computer, domain: ctx.domain, errors: { ...errors } };
  return errors;
}

function checkForm(form: PlanForm, ctx: FormContext): FieldErrors {
  const parsed = planSchema.safeParse(toPlanInput(form, ctx));
  const errors = parsed.success
    ? {}
    : issuesByField(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))).fields;
  if (form.accountType === 'gmsa' && !INTEGER.test(form.passwordIntervalDays)) {
    errors.passwordIntervalDays = 'Enter the password interval as a whole number of days (1 to 3650).';
  }
  return errors;
}

/** The form again from a run's plan (the answers as they were entered), for a resumed run. */
export function formFromPlan(plan: Record<string, unknown>): PlanForm {
  const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
  const gmsa = (plan.gmsa ?? null) as { group?: Record<string, unknown>; computers?: unknown } | null;
  const group = gmsa?.group ?? {};
  const types = Array.isArray(plan.encryptionTypes)
    ? ENCRYPTION_TYPES.filter((t) => (plan.encryptionTypes as unknown[]).includes(t))
    : EMPTY_FORM.encryptionTypes;
  const scope = GROUP_SCOPES.find((s) => s === group.scope) ?? 'Global';
  return {
    accountType: plan.accountType === 'smsa' ? 'smsa' : 'gmsa',
    name: str(plan.name),
    description: str(plan.description),
    dnsHostName: typeof plan.dnsHostName === 'string' ? plan.dnsHostName : null,
    encryptionTypes: types,
    passwordIntervalDays: typeof plan.passwordIntervalDays === 'number' ? String(plan.passwordIntervalDays) : '30',
    spns: Array.isArray(plan.spns) ? plan.spns.filter((s) => typeof s === 'string').join('\n') : '',
    ouPath: str(plan.ouPath),
    groupMode: group.mode === 'existing' ? 'existing' : 'new',
    groupName: str(group.name),
    groupScope: scope,
    groupPath: str(group.path),
    computers: Array.isArray(gmsa?.computers) ? gmsa.computers.filter((c): c is string => typeof c === 'string') : [],
    targetComputer: typeof plan.targetComputer === 'string' ? plan.targetComputer : null,
  };
}
