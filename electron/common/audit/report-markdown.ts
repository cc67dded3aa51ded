// The audit as Markdown: the summary, the findings worst first (each with its fix command in a ```powershell fence),
// then the inventory and the KDS root keys as tables. Names come from the directory and Markdown renders raw HTML and
// links, so every value is escaped: prose with backslashes (CommonMark escapes any ASCII punctuation), identifiers in
// code spans, commands in a fence longer than any run of backticks they hold (PowerShell's escape character is `).
import {
  commandLines,
  findingsWorstFirst,
  INVENTORY_COLUMNS,
  KDS_COLUMNS,
  line,
  severityCounts,
  subjectWords,
  summaryFacts,
  type ReportOptions,
} from './report-shared.js';
import { SEVERITIES, SEVERITY_WORDS, type AuditReport, type Finding } from './types.js';

/**
 * Inline prose: the characters that start emphasis, links and images, HTML, entities, headings, strikethrough, code
 * or a table cell, escaped (parentheses need not be: a link needs its [ first).
 */
const mdText = (text: string): string => line(text).replace(/[\\`*_[\]<>#|~&]/g, '\\$&');

/** An identifier (a DN, an ACE, a group path) as a code span: nothing inside is Markdown. */
function mdCode(text: string): string {
  const value = line(text);
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  // A span that starts or ends with a backtick needs a space inside its delimiters (CommonMark strips one each side).
  const pad = value.startsWith('`') || value.endsWith('`') || value === '' ? ' ' : '';
  return `${ticks}${pad}${value}${pad}${ticks}`;
}

/** A table cell: prose escaping (a | escaped splits no cell, even in GFM). */
const cell = (text: string): string => (text === '' ? ' ' : mdText(text));

/** A fenced block: at least three backticks, and more than the longest run inside, so no line can close it. */
function mdFence(info: string, text: string): string {
  const lines = commandLines(text);
  const longest = Math.max(0, ...lines.flatMap((l) => (l.match(/`+/g) ?? []).map((run) => run.length)));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${info}`, ...lines, fence].join('\n');
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${headers.map(cell).join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

function finding(f: Finding, n: number): string[] {
  const out = [`### ${n}. ${SEVERITY_WORDS[f.severity]}: ${mdText(f.title)}`, ''];
  out.push(`**Why it matters:** ${mdText(f.why)}`, '');
  out.push(
    `**Subject:** ${mdText(subjectWords(f.subject.kind))} ${mdCode(f.subject.name)}${f.subject.dn === null ? '' : ` (${mdCode(f.subject.dn)})`}`,
    '',
  );
  if (f.unknown !== null) out.push(`**Could not be determined:** ${mdText(f.unknown)}`, '');
  if (f.evidence.length > 0) out.push('**Evidence:**', '', ...f.evidence.map((e) => `- ${mdCode(e)}`), '');
  out.push(`**Fix:** ${mdText(f.fix.summary)}`, '');
  if (f.fix.command.trim() !== '') out.push(mdFence('powershell', f.fix.command), '');
  if (f.moveAccount !== null) {
    out.push(`**Move to a managed account:** ${mdCode(f.moveAccount)} (in the wizard: Move to a managed account)`, '');
  }
  out.push(`*Finding id:* ${mdCode(f.id)}`, '');
  return out;
}

export function renderMarkdown(report: AuditReport, options: ReportOptions = {}): string {
  const counts = severityCounts(report.findings);
  const findings = findingsWorstFirst(report.findings);
  const out: string[] = [
    `# Managed accounts audit: ${mdText(report.domain)}`,
    '',
    'Read only: the audit changed nothing. Every finding carries the command that fixes or investigates it.',
    '',
    '## Summary',
    '',
    ...table(
      ['Severity', 'Findings'],
      SEVERITIES.map((s) => [SEVERITY_WORDS[s], String(counts[s])]),
    ),
    '',
    ...summaryFacts(report, options).map((fact) => `- **${fact.label}:** ${mdText(fact.value)}`),
    '',
    `## Findings (${findings.length}), worst first`,
    '',
  ];
  if (findings.length === 0) out.push('No findings.', '');
  findings.forEach((f, i) => out.push(...finding(f, i + 1)));
  out.push(`## Inventory (${report.accounts.length} managed accounts)`, '');
  if (report.accounts.length === 0) out.push('No sMSA, gMSA or dMSA in this domain.', '');
  else {
    out.push(
      ...table(
        INVENTORY_COLUMNS.map((c) => c.header),
        report.accounts.map((a) => INVENTORY_COLUMNS.map((c) => c.value(a, options))),
      ),
      '',
    );
  }
  out.push(`## KDS root keys (${report.kdsKeys.length})`, '');
  if (report.kdsKeys.length === 0) out.push('No KDS root key: no gMSA can get a password until one exists.', '');
  else {
    out.push(
      ...table(
        KDS_COLUMNS.map((c) => c.header),
        report.kdsKeys.map((k) => KDS_COLUMNS.map((c) => c.value(k, options))),
      ),
      '',
    );
  }
  return out.join('\n');
}
