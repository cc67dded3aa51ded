// Severities in words (a badge is never colour alone), their tones, and the report's one-line summary: how many of
// each, the domain, the DC and when, as the admin reads it.
import { formatWhen, SEVERITIES, type AuditFinding, type AuditReport, type Severity } from '../api/contract';
import type { StatusTone } from '../components/StatusBadge';

export const SEVERITY_WORDS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Information',
};

/** The badge's colour, beside its words: the checks' tones. */
export const SEVERITY_TONE: Record<Severity, StatusTone> = {
  critical: 'fail',
  high: 'fail',
  medium: 'warn',
  low: 'unknown',
  info: 'quiet',
};

/** Worst first: critical 0 ... info 4. */
export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);

export function severityCounts(findings: readonly AuditFinding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** "2 critical, 1 high, 3 medium and 1 for information" (only the severities found); "No findings" when none. */
export function countsInWords(findings: readonly AuditFinding[]): string {
  const counts = severityCounts(findings);
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) =>
    s === 'info' ? `${counts[s]} for information` : `${counts[s]} ${s}`,
  );
  if (parts.length === 0) return 'No findings';
  if (parts.length === 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}

/** The line under the heading once the audit has run: what was read, where, when, and what it found. */
export function summaryLine(report: AuditReport, now: Date | number = Date.now()): string {
  const accounts = report.accounts.length;
  const what = `${accounts} managed ${accounts === 1 ? 'account' : 'accounts'}`;
  const when = formatWhen(report.generatedAt, { now });
  return `${countsInWords(report.findings)}. Read ${what} of ${report.domain} from ${report.domainController}, ${when}.`;
}

/** What a finding is about, in words: "OU", "KDS root key" (an unknown kind as written). */
const SUBJECT_WORDS: Record<string, string> = {
  account: 'Managed account',
  user: 'User account',
  ou: 'OU',
  container: 'Container',
  'kds-key': 'KDS root key',
  domain: 'Domain',
};

/** "OU: OU=App Servers,DC=contoso,DC=com", "Managed account: gmsa-web$" (the DN when there is one). */
export function subjectWords(subject: { kind: string; name: string; dn: string | null }): string {
  return `${SUBJECT_WORDS[subject.kind] ?? subject.kind}: ${subject.dn ?? subject.name}`;
}
