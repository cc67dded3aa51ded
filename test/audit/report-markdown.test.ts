// The Markdown report (pure): findings worst first, each fix command in a ```powershell fence no command can close,
// names from the directory escaped (Markdown renders raw HTML: a group named <script> must stay text), table cells
// that a | in a name cannot split, dates in the admin's words, and the file's name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../electron/common/audit/report-markdown.js';
import { renderReport } from '../../electron/common/audit/report.js';
import { formatWhen } from '../../electron/common/when.js';
import { REPORT } from './report-fixture.js';

const timeZone = 'Europe/Paris';
const md = renderMarkdown(REPORT, { timeZone });

/** The fenced blocks: [info string, content lines]. */
function fences(text: string): { info: string; fence: string; lines: string[] }[] {
  const out: { info: string; fence: string; lines: string[] }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const fence = open[1] ?? '';
    const body: string[] = [];
    // CommonMark: the block closes on a line of at least as many backticks and nothing else.
    while (++i < lines.length && !new RegExp(`^${fence}\`*\\s*$`).test(lines[i] ?? '')) body.push(lines[i] ?? '');
    out.push({ info: open[2] ?? '', fence, lines: body });
  }
  return out;
}

/** The text outside fences and code spans: what a Markdown renderer interprets. */
function interpreted(text: string): string {
  let outside = text;
  for (const f of fences(text)) outside = outside.replace([`${f.fence}${f.info}`, ...f.lines, f.fence].join('\n'), '');
  return outside.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
}

describe('Markdown report', () => {
  it('lists the findings worst first; ties keep the audit order', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('### '));
    assert.deepEqual(
      headings.map((h) => /^### \d+\. (\w+):/.exec(h)?.[1]),
      ['Critical', 'Critical', 'High', 'Medium', 'Low', 'Information'],
    );
    assert.match(headings[0] ?? '', /can retrieve the password of gmsa-report\$ \\\*now\\\*/);
    assert.match(headings[1] ?? '', /can create a dMSA in OU=App Servers/);
  });

  it('puts each fix command in a powershell fence that the command itself cannot close', () => {
    const blocks = fences(md);
    const commands = REPORT.findings.filter((f) => f.fix.command !== '');
    assert.equal(blocks.length, commands.length);
    assert.ok(blocks.every((b) => b.info === 'powershell'));
    const withTicks = blocks.find((b) => b.lines.some((l) => l.includes('# ``` not the end')));
    assert.ok(withTicks, 'the command with ``` inside is one block');
    assert.equal(withTicks.fence, '````');
    assert.deepEqual(withTicks.lines, REPORT.findings[1]?.fix.command.split('\n'));
  });

  it('escapes what a directory name could make Markdown do (HTML, emphasis, links, table cells)', () => {
    const rendered = interpreted(md);
    assert.doesNotMatch(rendered, /(?<!\\)</, 'no raw < outside code: no HTML tag can start');
    assert.doesNotMatch(rendered, /(?<!\\)[[\]]/, 'no link can start');
    assert.match(md, /\\<script\\>alert\(1\)\\<\/script\\>/);
    // Every table row has as many cells as its header: a | in a retriever's name is escaped.
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    const cells = (row: string) => row.split(/(?<!\\)\|/).length;
    const tables = md.split(/\n\n/).filter((block) => block.startsWith('| '));
    assert.ok(tables.length >= 3);
    for (const t of tables) {
      const lines = t.split('\n').filter((l) => l !== '');
      for (const row of lines) assert.equal(cells(row), cells(lines[0] ?? ''), row);
    }
    // Retrievers that share a group path: the path written once.
    assert.ok(
      rows.some((r) =>
        r.includes('CONTOSO\\\\WEB01$ (computer, disabled), CONTOSO\\\\WEB02$ (computer) via CONTOSO\\\\Web Servers |'),
      ),
    );
    assert.ok(rows.some((r) => r.includes('CONTOSO\\\\\\<script\\>alert(1)\\</script\\>\\|x (group)')));
  });

  it('shows control characters from the directory as escapes, never as themselves', () => {
    // eslint-disable-next-line no-control-regex -- that no control character is left is the point
    assert.doesNotMatch(md, /[\u0000-\u0008\u000b-\u001f]/);
    assert.match(md, /a\\u001b\[31mred\\u000d\\u000aline/);
  });

  it('summarizes the counts, the domain, the DC and the time in the admin words', () => {
    assert.match(md, /^# Managed accounts audit: contoso\.com$/m);
    assert.match(md, /^\| Critical \| 2 \|$/m);
    assert.match(md, /^\| Information \| 1 \|$/m);
    assert.match(md, /^- \*\*Read from:\*\* DC01\.contoso\.com$/m);
    const words = formatWhen(REPORT.generatedAt, { absolute: true, timeZone });
    assert.equal(words, 'Sat 5 Dec 2026 5:30 AM');
    assert.ok(md.includes(`- **When:** ${words}`));
    assert.match(md, /^- \*\*Managed accounts:\*\* 2 \(1 gMSA, 1 sMSA\)$/m);
    assert.match(md, /^## Inventory \(2 managed accounts\)$/m);
    assert.match(md, /\*\*Move to a managed account:\*\* `svc-legacy`/);
    assert.match(md, /^\*\*Subject:\*\* OU `App Servers` \(`OU=App Servers,DC=contoso,DC=com`\)$/m);
    assert.match(md, /^\*\*Subject:\*\* User account `svc-legacy` /m);
    assert.match(md, /\*\*Could not be determined:\*\* The directory does not record/);
  });

  it('names the file msa-audit-<domain>-<yyyy-mm-dd>.md, the day in the admin zone', () => {
    assert.equal(renderReport(REPORT, 'md', { timeZone }).fileName, 'msa-audit-contoso.com-2026-12-05.md');
    assert.equal(
      renderReport(REPORT, 'md', { timeZone: 'America/Los_Angeles' }).fileName,
      'msa-audit-contoso.com-2026-12-04.md',
    );
    const odd = renderReport({ ...REPORT, domain: '../Evil Domain/..' }, 'md').fileName;
    assert.match(odd, /^msa-audit-evil-domain-\d{4}-\d{2}-\d{2}\.md$/);
  });
});
