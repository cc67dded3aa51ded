// The findings list's filters and order: by severity (the toggles), by words in the title, subject or kind, sorted by
// severity (worst first), subject or kind. Pure, so test/renderer checks it without a browser.
import { SEVERITIES, type AuditFinding, type Severity } from '../api/contract';
import { severityRank } from './severity';

export const FINDING_SORTS = ['severity', 'subject', 'kind'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

export const FINDING_SORT_WORDS: Record<FindingSort, string> = {
  severity: 'Severity, worst first',
  subject: 'Subject',
  kind: 'Kind of finding',
};

interface FindingFilter {
  /** Shown severities; all of them when empty. */
  readonly severities: readonly Severity[];
  /** Words the title, subject or kind must contain (case-insensitive, each word anywhere). */
  readonly text: string;
}

const haystack = (f: AuditFinding): string =>
  [f.title, f.kind, f.subject.kind, f.subject.name, f.subject.dn ?? ''].join('\n').toLowerCase();

export function filterFindings(findings: readonly AuditFinding[], filter: FindingFilter): AuditFinding[] {
  const words = filter.text
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  const shown = new Set(filter.severities.length === 0 ? SEVERITIES : filter.severities);
  return findings.filter((f) => {
    if (!shown.has(f.severity)) return false;
    // The finding's text once, then each word looked for in it.
    const text = haystack(f);
    return words.every((w) => text.includes(w));
  });
}

/** Names and words A to Z, case and accents aside: the findings' order and the inventory's (audit/inventory.ts). */
export const compareText = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'base' });

/** A stable order: the key, then severity, then the subject, then the title. */
export function sortFindings(findings: readonly AuditFinding[], sort: FindingSort): AuditFinding[] {
  const bySeverity = (a: AuditFinding, b: AuditFinding) => severityRank(a.severity) - severityRank(b.severity);
  const bySubject = (a: AuditFinding, b: AuditFinding) => compareText(a.subject.name, b.subject.name);
  const byKind = (a: AuditFinding, b: AuditFinding) => compareText(a.kind, b.kind);
  const byTitle = (a: AuditFinding, b: AuditFinding) => compareText(a.title, b.title);
  const order =
    sort === 'severity'
      ? [bySeverity, bySubject, byTitle]
      : sort === 'subject'
        ? [bySubject, bySeverity, byTitle]
        : [byKind, bySeverity, bySubject, byTitle];
  return [...findings].sort((a, b) => {
    for (const compare of order) {
      const c = compare(a, b);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** Toggles one severity in the filter (an empty list shows them all). */
export function toggleSeverity(shown: readonly Severity[], severity: Severity): Severity[] {
  const next = shown.includes(severity) ? shown.filter((s) => s !== severity) : [...shown, severity];
  return SEVERITIES.filter((s) => next.includes(s));
}
