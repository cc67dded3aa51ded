// The audit script's answer (script.ts), record by record, checked with zod: what the directory said, before any
// judging (judge.ts). PowerShell's empty values arrive as '' or null; both mean "no value" here.
import { z } from 'zod';

const text = z.string();
/** [string]$null is '' in PowerShell: no value. */
const optionalText = z
  .string()
  .nullable()
  .transform((v) => (v === null || v === '' ? null : v));
/** A date as ISO 8601 UTC with milliseconds (PowerShell's 'o' writes seven fraction digits). */
const isoDate = optionalText.transform((v) => {
  if (v === null) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
});
/** A list; PowerShell may hand a one-item list over as the item itself. */
const strings = z
  .union([z.array(z.string()), z.string()])
  .nullable()
  .transform((v) => (v === null ? [] : typeof v === 'string' ? (v === '' ? [] : [v]) : v));

const ruleSchema = z.object({
  sid: text,
  rights: text,
  /** ActiveDirectoryRights as a number (the flags the judge tests). */
  bits: z.number().int(),
  /** Guid.Empty ('00000000-...') when the rule applies to every attribute or class. */
  objectType: text,
  inheritedObjectType: text,
  inherited: z.boolean(),
  /** ActiveDirectorySecurityInheritance: None, All, Descendents, SelfAndChildren, Children. */
  inheritance: text,
});
export type Rule = z.infer<typeof ruleSchema>;

const auditRuleSchema = z.object({
  sid: text,
  rights: text,
  bits: z.number().int(),
  /** AuditFlags: Success, Failure, 'Success, Failure'. */
  flags: text,
  objectType: text,
});

const securitySchema = z
  .object({
    owner: optionalText,
    protected: z.boolean(),
    access: z
      .array(ruleSchema)
      .nullable()
      .transform((v) => v ?? []),
    /** null: the SACL could not be read (not elevated). */
    audit: z.array(auditRuleSchema).nullable(),
  })
  .nullable();
export type Security = z.infer<typeof securitySchema>;

const contextRecord = z.object({
  type: z.literal('context'),
  domain: text,
  dnsRoot: text,
  domainDn: text,
  domainSid: text,
  domainController: text,
  now: isoDate.transform((v) => v ?? new Date().toISOString()),
  readSacl: z.boolean(),
  /** In Domain Admins or Enterprise Admins (whoami /groups): may read the KDS root keys. */
  domainAdmin: z.boolean().default(true),
  computer: text,
});
const dcRecord = z.object({
  type: z.literal('dc'),
  name: text,
  hostName: text,
  operatingSystem: text,
  version: text,
});
const accountRecord = z.object({
  type: z.literal('account'),
  objectClass: text,
  sam: text,
  name: text,
  dn: text,
  sid: optionalText,
  dnsHostName: optionalText,
  enabled: z.boolean(),
  created: isoDate,
  passwordLastSet: isoDate,
  intervalDays: z.number().nullable(),
  lastLogon: isoDate,
  encryptionTypes: z.number().int().nullable(),
  spns: strings,
  retrievers: strings,
  linkedHosts: strings,
  unconstrained: z.boolean(),
  protocolTransition: z.boolean(),
  allowedToDelegateTo: strings,
  memberOf: strings,
  precededBy: optionalText,
  dmsaState: z.number().int().nullable(),
  security: securitySchema,
});
export type AccountRecord = z.infer<typeof accountRecord>;
const containerRecord = z.object({
  type: z.literal('container'),
  objectClass: text,
  name: text,
  dn: text,
  security: securitySchema,
});
export type ContainerRecord = z.infer<typeof containerRecord>;
const kdsRecord = z.object({ type: z.literal('kds'), keyId: text, created: isoDate, effective: isoDate });
const kdsObjectRecord = z.object({
  type: z.literal('kdsObject'),
  keyId: text,
  dn: text,
  created: isoDate,
  security: securitySchema,
});
const userRecord = z.object({
  type: z.literal('user'),
  sam: text,
  name: text,
  dn: text,
  sid: optionalText,
  enabled: z.boolean(),
  created: isoDate,
  passwordLastSet: isoDate,
  passwordNeverExpires: z.boolean(),
  lastLogon: isoDate,
  spns: strings,
  memberOf: strings,
});
type UserRecord = z.infer<typeof userRecord>;
const groupRecord = z.object({
  type: z.literal('group'),
  name: text,
  sam: optionalText,
  dn: text,
  sid: optionalText,
  members: strings,
});
type GroupRecord = z.infer<typeof groupRecord>;
const principalRecord = z.object({
  type: z.literal('principal'),
  objectClass: text,
  sam: optionalText,
  dn: text,
  sid: optionalText,
  enabled: z.boolean().nullable(),
});
type PrincipalRecord = z.infer<typeof principalRecord>;
/** Computers as tab-separated rows (DN, SID, sAMAccountName, True/False): one string for thousands of them. */
const computersRecord = z.object({ type: z.literal('computers'), rows: z.string() });
const usesRecord = z.object({ type: z.literal('uses'), host: text, json: text, note: optionalText });
/** `command`: the exact read that failed, when the script built it (values included), to run by hand. */
const problemRecord = z.object({
  type: z.literal('problem'),
  section: text,
  fqid: text,
  message: text,
  command: text.optional(),
});
type ProblemRecord = z.infer<typeof problemRecord>;
const countRecord = z.object({ type: z.literal('count'), queries: z.number().int() });

const record = z.discriminatedUnion('type', [
  contextRecord,
  dcRecord,
  accountRecord,
  containerRecord,
  kdsRecord,
  kdsObjectRecord,
  userRecord,
  groupRecord,
  principalRecord,
  computersRecord,
  usesRecord,
  problemRecord,
  countRecord,
]);

/** A use of an account on this computer, from discovery's host block (only the fields the audit needs). */
const hostUse = z
  .object({ kind: z.enum(['task', 'service', 'app-pool']), runsAs: z.string().nullable() })
  .catchall(z.unknown());

interface LocalUse {
  readonly host: string;
  readonly kind: 'task' | 'service' | 'app-pool';
  readonly name: string;
  readonly runsAs: string;
}

/** Everything the script said, by record type. */
export interface AuditFacts {
  readonly context: z.infer<typeof contextRecord>;
  readonly dcs: readonly z.infer<typeof dcRecord>[];
  readonly accounts: readonly AccountRecord[];
  readonly containers: readonly ContainerRecord[];
  readonly kds: readonly z.infer<typeof kdsRecord>[];
  readonly kdsObjects: readonly z.infer<typeof kdsObjectRecord>[];
  readonly users: readonly UserRecord[];
  readonly groups: readonly GroupRecord[];
  readonly principals: readonly PrincipalRecord[];
  readonly uses: readonly LocalUse[];
  readonly problems: readonly ProblemRecord[];
  readonly queries: number;
}

class AuditAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditAnswerError';
  }
}

function localUses(host: string, json: string): LocalUse[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json === '' ? '[]' : json);
  } catch {
    return [];
  }
  const list = z.array(hostUse).safeParse(Array.isArray(raw) ? raw : [raw]);
  if (!list.success) return [];
  return list.data.flatMap((u) => {
    if (u.runsAs === null || u.runsAs === '') return [];
    const name =
      u.kind === 'task'
        ? `${typeof u.taskPath === 'string' ? u.taskPath : '\\'}${typeof u.taskName === 'string' ? u.taskName : ''}`
        : typeof u.name === 'string'
          ? u.name
          : '';
    return [{ host, kind: u.kind, name, runsAs: u.runsAs }];
  });
}

function computerRows(rows: string): PrincipalRecord[] {
  return rows
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [dn = '', sid = '', sam = '', enabled = ''] = line.replace(/\r$/, '').split('\t');
      return {
        type: 'principal' as const,
        objectClass: 'computer',
        dn,
        sid: sid === '' ? null : sid,
        sam: sam === '' ? null : sam,
        enabled: enabled === 'True' ? true : enabled === 'False' ? false : null,
      };
    });
}

/** The script's output objects as facts; a record of an unexpected shape is an error (the script and this disagree). */
export function parseAuditAnswer(data: readonly unknown[]): AuditFacts {
  const records = data.map((d, i) => {
    const r = record.safeParse(d);
    if (!r.success)
      throw new AuditAnswerError(`the audit script's record ${i} is not in the expected shape: ${r.error.message}`);
    return r.data;
  });
  const of = <T extends (typeof records)[number]['type']>(type: T) =>
    records.filter((r): r is Extract<(typeof records)[number], { type: T }> => r.type === type);
  const context = of('context')[0];
  if (context === undefined) throw new AuditAnswerError('the audit script did not say which domain it read');
  return {
    context,
    dcs: of('dc'),
    accounts: of('account'),
    containers: of('container'),
    kds: of('kds'),
    kdsObjects: of('kdsObject'),
    users: of('user'),
    groups: of('group'),
    principals: [...of('principal'), ...of('computers').flatMap((c) => computerRows(c.rows))],
    uses: of('uses').flatMap((u) => localUses(u.host, u.json)),
    problems: of('problem'),
    queries: of('count')[0]?.queries ?? 0,
  };
}
