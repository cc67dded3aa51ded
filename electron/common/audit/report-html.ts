// The audit as one self-contained HTML page: inline CSS, no script, nothing fetched (a Content-Security-Policy says so
// too, so a mistake in escaping still runs nothing), printable (a finding is never split across pages, table headers
// repeat), accessible (lang, title, headings in order, table captions and header cells, text contrast of 7:1 or more).
// Every value is escaped: a group named <script> is text.
import {
  commandLines,
  findingsWorstFirst,
  INVENTORY_COLUMNS,
  KDS_COLUMNS,
  line,
  severityCounts,
  subjectWords,
  summaryFacts,
  when,
  type ReportOptions,
} from './report-shared.js';
import { SEVERITIES, SEVERITY_WORDS, type AuditReport, type Finding } from './types.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text or an attribute value, escaped (the five characters that can end either), control characters made visible. */
const html = (text: string): string => line(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** Severity colours: white text on each at 7:1 or more (WCAG AAA), kept in print (print-color-adjust: exact). */
const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.45 "Segoe UI", system-ui, -apple-system, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }
main { max-width: 1400px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 28px 0 8px; border-bottom: 1px solid #8a8a8a; }
h3 { font-size: 1.08em; margin: 0 0 8px; }
.lead { color: #3b3b3b; margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 0.9em; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid #8a8a8a; padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.wide { font-size: 0.8em; }
thead th { background: #ececec; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
article.finding { border: 1px solid #8a8a8a; border-left-width: 6px; border-radius: 4px; padding: 12px 16px; margin: 12px 0; }
article.finding dl { margin: 0; }
article.finding dt { font-weight: 600; margin-top: 6px; }
article.finding dd { margin: 2px 0 0; }
article.finding ul { margin: 2px 0; padding-left: 20px; }
article.finding dd p { margin: 0; }
table.counts { width: auto; min-width: 260px; }
.badge { display: inline-block; color: #fff; border-radius: 3px; padding: 0 6px; margin-right: 6px; font-size: 0.85em;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.sev-critical { border-left-color: #8b1111; } .sev-critical .badge { background: #8b1111; }
.sev-high { border-left-color: #8a2e06; } .sev-high .badge { background: #8a2e06; }
.sev-medium { border-left-color: #6b4a00; } .sev-medium .badge { background: #6b4a00; }
.sev-low { border-left-color: #1d3d9a; } .sev-low .badge { background: #1d3d9a; }
.sev-info { border-left-color: #3b3b3b; } .sev-info .badge { background: #3b3b3b; }
code, pre { font-family: Consolas, "Cascadia Mono", ui-monospace, monospace; font-size: 0.92em; }
pre { background: #f3f3f3; border: 1px solid #c4c4c4; padding: 8px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0; }
.id { color: #4a4a4a; font-size: 0.85em; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  article.finding { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
}
@page { margin: 14mm; }
/* The inventory's many columns print across the page (Chromium and Firefox honour named pages). */
@page wide { size: landscape; }
section.wide { page: wide; }
`;

const facts = (items: readonly { label: string; value: string }[]): string =>
  `<dl class="facts">${items.map((f) => `<dt>${html(f.label)}</dt><dd>${html(f.value)}</dd>`).join('')}</dl>`;

/** A cell's text, escaped, that may wrap after its commas (a DN has no space to wrap at; <wbr> comes after escaping). */
const breakable = (text: string): string => html(text).replace(/,(?! )/g, ',<wbr>');

function table(
  caption: string,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  className = '',
): string {
  const head = headers.map((h) => `<th scope="col">${html(h)}</th>`).join('');
  // The first column names the row (the severity, the account, the key): a row header for screen readers.
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((v, i) => (i === 0 ? `<th scope="row">${html(v)}</th>` : `<td>${breakable(v)}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return `<table${className === '' ? '' : ` class="${className}"`}><caption>${html(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function finding(f: Finding, n: number): string {
  const parts: string[] = [
    `<dt>Why it matters</dt><dd>${html(f.why)}</dd>`,
    `<dt>Subject</dt><dd>${html(subjectWords(f.subject.kind))} <code>${html(f.subject.name)}</code>${
      f.subject.dn === null ? '' : ` (<code>${html(f.subject.dn)}</code>)`
    }</dd>`,
  ];
  if (f.unknown !== null) parts.push(`<dt>Could not be determined</dt><dd>${html(f.unknown)}</dd>`);
  if (f.evidence.length > 0) {
    parts.push(
      `<dt>Evidence</dt><dd><ul>${f.evidence.map((e) => `<li><code>${html(e)}</code></li>`).join('')}</ul></dd>`,
    );
  }
  const command =
    f.fix.command.trim() === '' ? '' : `<pre><code>${commandLines(f.fix.command).map(html).join('\n')}</code></pre>`;
  parts.push(`<dt>Fix</dt><dd><p>${html(f.fix.summary)}</p>${command}</dd>`);
  if (f.moveAccount !== null) {
    parts.push(
      `<dt>Move to a managed account</dt><dd><code>${html(f.moveAccount)}</code> (in the wizard: Move to a managed account)</dd>`,
    );
  }
  return `<article class="finding sev-${html(f.severity)}" aria-labelledby="finding-${n}">
<h3 id="finding-${n}"><span class="badge">${html(SEVERITY_WORDS[f.severity])}</span>${n}. ${html(f.title)}</h3>
<dl>${parts.join('\n')}</dl>
<p class="id">Finding <code>${html(f.id)}</code></p>
</article>`;
}

export function renderHtml(report: AuditReport, options: ReportOptions = {}): string {
  const counts = severityCounts(report.findings);
  const findings = findingsWorstFirst(report.findings);
  const day = when(report.generatedAt, options);
  const title = `Managed accounts audit: ${report.domain}${day === '' ? '' : `, ${day}`}`;
  const inventory =
    report.accounts.length === 0
      ? '<p>No sMSA, gMSA or dMSA in this domain.</p>'
      : table(
          'Every managed account of the domain',
          INVENTORY_COLUMNS.map((c) => c.header),
          report.accounts.map((a) => INVENTORY_COLUMNS.map((c) => c.value(a, options))),
          'wide',
        );
  const kds =
    report.kdsKeys.length === 0
      ? '<p>No KDS root key: no gMSA can get a password until one exists.</p>'
      : table(
          'KDS root keys',
          KDS_COLUMNS.map((c) => c.header),
          report.kdsKeys.map((k) => KDS_COLUMNS.map((c) => c.value(k, options))),
        );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${html(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Managed accounts audit: ${html(report.domain)}</h1>
<p class="lead">Read only: the audit changed nothing. Every finding carries the command that fixes or investigates it.</p>
<section aria-labelledby="summary">
<h2 id="summary">Summary</h2>
${table(
  'Findings by severity',
  ['Severity', 'Findings'],
  SEVERITIES.map((s) => [SEVERITY_WORDS[s], String(counts[s])]),
  'counts',
)}
${facts(summaryFacts(report, options))}
</section>
<section aria-labelledby="findings">
<h2 id="findings">Findings (${findings.length}), worst first</h2>
${findings.length === 0 ? '<p>No findings.</p>' : findings.map((f, i) => finding(f, i + 1)).join('\n')}
</section>
<section class="wide" aria-labelledby="inventory">
<h2 id="inventory">Inventory (${report.accounts.length} managed accounts)</h2>
${inventory}
</section>
<section aria-labelledby="kds">
<h2 id="kds">KDS root keys (${report.kdsKeys.length})</h2>
${kds}
</section>
</main>
</body>
</html>
`;
}
