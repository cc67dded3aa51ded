// What the three report formats (report-markdown.ts, report-html.ts, report-csv.ts) share: the order of findings, the
// counts, the dates in the admin's words, and the inventory's columns, so the formats never disagree. Every value here
// is plain text: each format escapes it for itself (names, DNs and SPNs come from the directory and anyone who can
// create an object there chooses them).
import { printable } from '../unicode.js';
import { formatWhen } from '../when.js';
import {
  SEVERITIES,
  SUBJECT_KIND_WORDS,
  type AuditReport,
  type Finding,
  type InventoryAccount,
  type Severity,
} from './types.js';

export interface ReportOptions {
  /** An IANA zone for the dates (tests pin it); default the machine's own, as every screen. */
  readonly timeZone?: string;
}

export { severityCounts } from './types.js';

/** A finding's subject kind in words (types.ts SUBJECT_KIND_WORDS); a kind not listed shows as it is. */
export const subjectWords = (kind: string): string => SUBJECT_KIND_WORDS[kind] ?? line(kind);

/** Severities at or above medium: what the CLI's exit code 1 and the report's headline count. */
export const ACTIONABLE: readonly Severity[] = ['critical', 'high', 'medium'];

/** Worst first; findings of one severity keep the audit's order (stable sort). */
export function findingsWorstFirst(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITIES.indexOf(a.f.severity) - SEVERITIES.indexOf(b.f.severity) || a.i - b.i)
    .map(({ f }) => f);
}

/**
 * One line of text from the directory, safe to place anywhere: control characters (a CR, an ESC, a line separator, a
 * bidirectional override that reorders what the reader sees) become visible \uXXXX escapes, as in the CLI's messages.
 */
export const line = (text: string): string => printable(text);

/** A fix command keeps its lines (a command may span several); each line is cleaned like `line`. */
export const commandLines = (command: string): string[] => command.split(/\r?\n/).map(line);

/** A moment, always as the full date (a report is read later: "today" would go stale); '' when unknown. */
export const when = (at: string | null, options: ReportOptions): string =>
  at === null
    ? ''
    : formatWhen(at, { absolute: true, ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }) });

/** yyyy-mm-dd of a moment in the admin's zone (the day the words above name), for the file name. */
function isoDay(at: string, options: ReportOptions): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return 'undated';
  // en-CA writes dates as yyyy-mm-dd.
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  }).format(date);
}

/** The summary's facts, worded once for every format. */
export function summaryFacts(report: AuditReport, options: ReportOptions): { label: string; value: string }[] {
  const types = (['gMSA', 'sMSA', 'dMSA'] as const)
    .map((t) => [t, report.accounts.filter((a) => a.type === t).length] as const)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${n} ${t}`);
  const effective = report.kdsKeys.filter((k) => k.isEffective).length;
  const unknown = report.findings.filter((f) => f.unknown !== null).length;
  return [
    { label: 'Domain', value: line(report.domain) },
    { label: 'Read from', value: line(report.domainController) },
    { label: 'When', value: when(report.generatedAt, options) || line(report.generatedAt) },
    {
      label: 'Managed accounts',
      value: `${report.accounts.length}${types.length === 0 ? '' : ` (${types.join(', ')})`}`,
    },
    {
      label: 'KDS root keys',
      value: `${report.kdsKeys.length} (${effective} effective)`,
    },
    {
      label: 'Domain controllers',
      value:
        report.dcs.length === 0
          ? 'none read'
          : report.dcs.map((d) => `${line(d.name)} (${line(d.operatingSystem)}, ${line(d.version)})`).join('; '),
    },
    { label: 'Findings that could not be determined', value: String(unknown) },
    { label: 'Directory queries', value: String(report.queries) },
  ];
}

/** The file a report is saved as: msa-audit-<domain>-<yyyy-mm-dd>.<ext>, the domain reduced to a safe file name. */
export function reportFileName(report: AuditReport, ext: string, options: ReportOptions): string {
  const domain =
    report.domain
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^[.-]+|[.-]+$/g, '') || 'domain';
  return `msa-audit-${domain}-${isoDay(report.generatedAt, options)}.${ext}`;
}

const list = (items: readonly string[], none: string): string =>
  items.length === 0 ? none : items.map(line).join(', ');

const passwordWords = (a: InventoryAccount, options: ReportOptions): string => {
  const set = when(a.passwordLastSet, options) || 'never or not known';
  return a.passwordIntervalDays === null ? set : `${set} (every ${a.passwordIntervalDays} days)`;
};

const delegationWords = (a: InventoryAccount): string => {
  const parts: string[] = [];
  if (a.delegation.unconstrained) parts.push('unconstrained');
  if (a.delegation.protocolTransition) parts.push('protocol transition');
  if (a.delegation.allowedToDelegateTo.length > 0) parts.push(`to ${list(a.delegation.allowedToDelegateTo, '')}`);
  return parts.length === 0 ? 'none' : parts.join('; ');
};

/**
 * Who may retrieve the password, grouped by the group path they come through: on a large domain hundreds of computers
 * share one five-group path, written once ("A (computer), B (computer) via G1 > G2") rather than once per computer.
 */
const retrieverWords = (a: InventoryAccount): string => {
  if (a.type === 'sMSA') return `linked to ${list(a.linkedHosts, 'no computer')}`;
  if (a.retrievers.length === 0) return 'nobody';
  const byPath = new Map<string, string[]>();
  for (const r of a.retrievers) {
    const path = r.via.map(line).join(' > ');
    const state = r.enabled === false ? ', disabled' : '';
    byPath.set(path, [...(byPath.get(path) ?? []), `${line(r.name)} (${r.kind}${state})`]);
  }
  return [...byPath].map(([path, names]) => `${names.join(', ')}${path === '' ? '' : ` via ${path}`}`).join('; ');
};

/** The inventory's columns, in the order every format shows them (the account first: it names the row); each value one line of plain text. */
export const INVENTORY_COLUMNS: readonly {
  readonly header: string;
  readonly value: (a: InventoryAccount, options: ReportOptions) => string;
}[] = [
  { header: 'Account', value: (a) => line(a.sam) },
  { header: 'Type', value: (a) => a.type },
  { header: 'DNS host name', value: (a) => line(a.dnsHostName ?? '') },
  { header: 'Enabled', value: (a) => (a.enabled ? 'yes' : 'no') },
  { header: 'Created', value: (a, o) => when(a.created, o) },
  { header: 'Password last set', value: passwordWords },
  { header: 'Last logon', value: (a, o) => when(a.lastLogon, o) || 'never or not known' },
  { header: 'Encryption types', value: (a) => list(a.encryptionTypes, 'not set (the DC default)') },
  { header: 'SPNs', value: (a) => list(a.spns, 'none') },
  { header: 'Password retrieval', value: retrieverWords },
  { header: 'Delegation', value: delegationWords },
  { header: 'Privileged groups', value: (a) => list(a.privilegedGroups, 'none') },
  {
    header: 'Supersedes',
    value: (a) => (a.type === 'dMSA' ? line(a.precededBy ?? 'nothing') : ''),
  },
  {
    header: 'Used by',
    value: (a) =>
      list(
        a.usedBy.map((u) => `${u.kind} ${u.name} on ${u.host}${u.source === 'discovery' ? ' (discovery)' : ''}`),
        'not known',
      ),
  },
];

/** The KDS root keys' columns, likewise. */
export const KDS_COLUMNS: readonly {
  readonly header: string;
  readonly value: (k: AuditReport['kdsKeys'][number], options: ReportOptions) => string;
}[] = [
  { header: 'Key', value: (k) => line(k.keyId) },
  { header: 'Created', value: (k, o) => when(k.created, o) },
  { header: 'Effective', value: (k, o) => `${when(k.effective, o)}${k.isEffective ? '' : ' (not yet)'}` },
  { header: 'Who else can read it', value: (k) => list(k.readers, 'only the built-in admins') },
  {
    header: 'Reads audited',
    value: (k) => (k.readsAudited === null ? 'not known (SACL not readable)' : k.readsAudited ? 'yes' : 'no'),
  },
];
