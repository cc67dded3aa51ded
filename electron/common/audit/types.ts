// The contract of the managed-accounts inventory and security audit (issue 17): what the one read-only audit script
// answers, once parsed and judged (electron/common/audit), as the API, the CLI and the reports carry it. The finding
// kinds themselves (severity, why, fix) are described once, in findings.ts; this file holds only the shapes.
import { z } from 'zod';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

/** Each severity in words, as every screen, report and the CLI show it (a badge is never colour alone). */
export const SEVERITY_WORDS: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Information',
};

/** How many findings of each severity. */
export function severityCounts(findings: readonly { readonly severity: Severity }[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** What a finding is about (findings.ts SubjectKind) in words; a kind not listed shows as it is. */
export const SUBJECT_KIND_WORDS: Readonly<Record<string, string>> = {
  account: 'Managed account',
  user: 'User account',
  ou: 'OU',
  container: 'Container',
  'kds-key': 'KDS root key',
  domain: 'Domain',
};

/** A principal allowed to retrieve a gMSA's password, resolved through nested groups. */
const retrieverSchema = z.object({
  /** DOMAIN\name (or the SID when it cannot be resolved). */
  name: z.string(),
  dn: z.string().nullable(),
  sid: z.string().nullable(),
  kind: z.enum(['computer', 'user', 'group', 'managed-account', 'well-known', 'unknown']),
  /** null: not an account (a group) or not known. */
  enabled: z.boolean().nullable(),
  /** The group path from the account's PrincipalsAllowedToRetrieveManagedPassword to this principal ([] = named there directly). */
  via: z.array(z.string()),
});
export type Retriever = z.infer<typeof retrieverSchema>;

/** Where an account is used, when known: this computer's tasks, services and pools, or what a discovery sweep found. */
export const accountUseSchema = z.object({
  host: z.string(),
  kind: z.enum(['task', 'service', 'app-pool']),
  name: z.string(),
  source: z.enum(['this-computer', 'discovery']),
});
export type AccountUse = z.infer<typeof accountUseSchema>;

const inventoryAccountSchema = z.object({
  type: z.enum(['sMSA', 'gMSA', 'dMSA']),
  /** sAMAccountName, with its $. */
  sam: z.string(),
  name: z.string(),
  dn: z.string(),
  sid: z.string().nullable(),
  dnsHostName: z.string().nullable(),
  enabled: z.boolean(),
  /** ISO 8601 UTC. */
  created: z.string().nullable(),
  passwordLastSet: z.string().nullable(),
  /** ManagedPasswordIntervalInDays (gMSA; sMSA and dMSA: the computer-account default 30). */
  passwordIntervalDays: z.number().nullable(),
  /** LastLogonDate (lastLogonTimestamp: replicated, up to 14 days behind). */
  lastLogon: z.string().nullable(),
  /** msDS-SupportedEncryptionTypes as names ('RC4', 'AES128', 'AES256', 'DES'); [] = not set (the DC's default). */
  encryptionTypes: z.array(z.string()),
  spns: z.array(z.string()),
  /** gMSA (and dMSA): who may retrieve the password, resolved to computers and users. */
  retrievers: z.array(retrieverSchema),
  /** sMSA: the computers it is linked to (msDS-HostServiceAccountBL). */
  linkedHosts: z.array(z.string()),
  delegation: z.object({
    unconstrained: z.boolean(),
    protocolTransition: z.boolean(),
    allowedToDelegateTo: z.array(z.string()),
  }),
  /** Privileged groups it is in (directly or nested), by name. */
  privilegedGroups: z.array(z.string()),
  /** dMSA: the account it supersedes (msDS-ManagedAccountPrecededByLink) and its state (msDS-DelegatedMSAState). */
  precededBy: z.string().nullable(),
  dmsaState: z.number().nullable(),
  usedBy: z.array(accountUseSchema),
});
export type InventoryAccount = z.infer<typeof inventoryAccountSchema>;

export const findingSchema = z.object({
  /** Stable across runs: `<kind>:<subject dn or key>`. */
  id: z.string(),
  /** A FindingKind from findings.ts (one source of truth: severity, title, why, fix). */
  kind: z.string(),
  severity: severitySchema,
  /** One line: what is wrong, naming the subject ("Domain Users can retrieve the password of gmsa-web$"). */
  title: z.string(),
  /** Why it matters, one sentence. */
  why: z.string(),
  /** What the subject is: an account, an OU, a KDS root key, the domain. */
  subject: z.object({ kind: z.string(), name: z.string(), dn: z.string().nullable() }),
  /** The evidence, each item one line: the ACE, the group path, the dates. */
  evidence: z.array(z.string()),
  /** The exact command to fix, or to investigate further. */
  fix: z.object({ summary: z.string(), command: z.string() }),
  /** Set when the finding could not be determined (the lab or the admin's rights): why. Severity is then 'info'. */
  unknown: z.string().nullable(),
  /** A user account that should be a managed account: its sAMAccountName, for "Move to a managed account". */
  moveAccount: z.string().nullable(),
});
export type Finding = z.infer<typeof findingSchema>;

const kdsKeySchema = z.object({
  keyId: z.string(),
  created: z.string().nullable(),
  effective: z.string().nullable(),
  /** Usable now (its effective time has passed). */
  isEffective: z.boolean(),
  /** Principals beyond the built-in admins with read access to msKds-RootKeyData (DOMAIN\name). */
  readers: z.array(z.string()),
  /** A SACL entry audits reads (event 4662); null: the SACL could not be read. */
  readsAudited: z.boolean().nullable(),
});
export type KdsKey = z.infer<typeof kdsKeySchema>;

export const auditReportSchema = z.object({
  domain: z.string(),
  domainController: z.string(),
  /** ISO 8601 UTC: the directory's clock when the script ran. */
  generatedAt: z.string(),
  accounts: z.array(inventoryAccountSchema),
  findings: z.array(findingSchema),
  kdsKeys: z.array(kdsKeySchema),
  /** Windows Server 2025 DCs (dMSA exist only with one). */
  dcs: z.array(z.object({ name: z.string(), operatingSystem: z.string(), version: z.string() })),
  /** Directory queries the script made (bounded whatever the number of accounts). */
  queries: z.number().int(),
});
export type AuditReport = z.infer<typeof auditReportSchema>;

export const REPORT_FORMATS = ['md', 'html', 'csv'] as const;
export const reportFormatSchema = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof reportFormatSchema>;
