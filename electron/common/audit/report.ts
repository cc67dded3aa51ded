// The audit report exported as a file: Markdown, HTML (self-contained, printable) or CSV (the findings), with the name
// it is saved as (msa-audit-<domain>-<yyyy-mm-dd>.<ext>). Used by the API's audit.export and `msa-wizard audit
// --format`. Pure: no file is written here. The text is Unicode (names may be non-ASCII); whoever writes it writes
// UTF-8 (the HTML declares it; the CSV carries a byte-order mark for Excel, see report-csv.ts).
import { renderCsv } from './report-csv.js';
import { renderHtml } from './report-html.js';
import { renderMarkdown } from './report-markdown.js';
import { reportFileName, type ReportOptions } from './report-shared.js';
import type { AuditReport, ReportFormat } from './types.js';

export type { ReportOptions } from './report-shared.js';

const RENDERERS: Readonly<Record<ReportFormat, (report: AuditReport, options: ReportOptions) => string>> = {
  md: renderMarkdown,
  html: renderHtml,
  csv: renderCsv,
};

export function renderReport(
  report: AuditReport,
  format: ReportFormat,
  options: ReportOptions = {},
): { text: string; fileName: string } {
  return { text: RENDERERS[format](report, options), fileName: reportFileName(report, format, options) };
}
