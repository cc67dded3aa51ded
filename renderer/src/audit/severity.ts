// Severities in words (a badge is never colour alone), their tones, and the report's one-line summary: how many of
// each, the domain, the DC and when, as the admin reads it.
import {
  formatWhen,
  SEVERITIES,
  severityCounts,
  SUBJECT_KIND_WORDS,
  type AuditFinding,
  type AuditReport,
  type Severity,
} from '../api/contract';
import type { StatusTone } from '../components/StatusBadge';

export { SEVERITY_WORDS, severityCounts } from '../api/contract';

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

/** "OU: OU=App Servers,DC=contoso,DC=com", "Managed account: gmsa-web$" (the DN when there is one). */
export function subjectWords(subject: { kind: string; name: string; dn: string | null }): string {
  return `${SUBJECT_KIND_WORDS[subject.kind] ?? subject.kind}: ${subject.dn ?? subject.name}`;
}
