// `msa-wizard audit` as an admin runs it, against the lab with real pwsh: on `risky-domain` every planted finding
// (../../electron/lab/scenarios/risky-domain.ts, plantedFindings()) with its evidence and fix, exit 1; on `healthy`
// only what is really there; the summary worst first; --format html / csv / md written with --out and read back
// strictly; bad input refused with exit 2 and one line, before any audit runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { auditReportSchema, SEVERITIES, type AuditReport, type Finding } from '../../electron/common/audit/types.js';
import { plantedFindings, type PlantedFinding } from '../../electron/lab/scenarios/risky-domain.js';
import { readCsv } from '../audit/csv-read.js';
import { elements, parseStrict, textOf } from '../audit/html-parse.js';
import { newLab } from '../helpers/lab.js';

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/msa-wizard.js', ...args], { encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'msa-audit-cli-'));
const ACTIONABLE = new Set(['critical', 'high', 'medium']);
const lower = (s: string | null | undefined) => (s ?? '').toLowerCase();

/** The finding that reports a planted one: its kind, about its subject (an account's sAMAccountName, a DN, a key id). */
function findPlanted(report: AuditReport, p: PlantedFinding): Finding | undefined {
  const subject = lower(p.subject);
  return report.findings.find(
    (f) =>
      f.kind === p.kind &&
      [f.subject.name, `${f.subject.name}$`, f.subject.dn, f.id.slice(f.kind.length + 1)].some(
        (s) => lower(s) === subject,
      ),
  );
}

describe('msa-wizard audit on risky-domain', () => {
  const dir = newLab('risky-domain');

  it('--json reports every planted finding with its evidence and fix command, and exits 1', () => {
    const r = cli('audit', '--scenario', 'risky-domain', '--json');
    assert.equal(r.code, 1, r.err);
    const report = auditReportSchema.parse(JSON.parse(r.out));
    for (const p of plantedFindings()) {
      const f = findPlanted(report, p);
      assert.ok(f, `${p.kind} ${p.subject}: not reported; found ${report.findings.map((x) => x.id).join(', ')}`);
      assert.equal(f.unknown, null, `${p.kind}: determined`);
      assert.notEqual(
        f.severity,
        'info',
        `${p.kind}: a severity (kds-reads-not-audited is low, the rest medium or worse)`,
      );
      assert.ok(
        f.evidence.some((e) => lower(e).includes(lower(p.evidence))),
        `${p.kind}: evidence ${JSON.stringify(f.evidence)} names ${p.evidence}`,
      );
      assert.notEqual(f.fix.command.trim(), '', `${p.kind}: a fix command`);
      assert.notEqual(f.fix.summary.trim(), '', `${p.kind}: a fix summary`);
    }
    const svc = findPlanted(report, { kind: 'user-should-be-managed', subject: 'svc-legacy', evidence: '' });
    assert.equal(svc?.moveAccount, 'svc-legacy');
  });

  it('prints the summary worst first, each finding with its evidence and fix', () => {
    const r = cli('audit', '--lab-dir', dir);
    assert.equal(r.code, 1, r.err);
    const lines = r.out.split('\n');
    assert.match(
      lines[0] ?? '',
      /^contoso\.com, read from \S+ on \w{3} \d{1,2} \w{3} \d{4} \d{1,2}:\d{2} [AP]M \(read only/,
    );
    const labels = lines.flatMap((l) => /^\[ *([A-Z]+) *\] /.exec(l)?.[1]?.toLowerCase() ?? []);
    assert.ok(labels.length >= plantedFindings().length);
    const rank = (l: string) =>
      l === 'unknown' ? SEVERITIES.indexOf('info') : SEVERITIES.indexOf(l as Finding['severity']);
    labels.forEach((l, i) => i > 0 && assert.ok(rank(l) >= rank(labels[i - 1] ?? ''), `${labels.join(',')}`));
    assert.equal(labels[0], 'critical');
    assert.match(r.out, /^ {11}evidence: .*Domain Users/m);
    assert.match(r.out, /^ {13}> Set-ADServiceAccount /m);
    assert.match(r.out, /^ {11}move it to a managed account: msa-wizard adopt --account 'svc-legacy' /m);
    assert.match(
      r.out,
      /^\d+ findings: \d+ critical, \d+ high, \d+ medium, \d+ low, \d+ info.* — \d+ directory queries, \d+ ms$/m,
    );
  });

  it('--format html --out writes a self-contained page that parses, with every planted finding; exit 1', () => {
    const out = path.join(tempDir(), 'audit.html');
    const r = cli('audit', '--lab-dir', dir, '--format', 'html', '--out', out);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.err.trim(), `wrote ${out} (HTML, UTF-8)`);
    assert.match(r.out, /^contoso\.com, read from /);
    const html = readFileSync(out, 'utf8');
    const all = elements(parseStrict(html));
    assert.deepEqual(
      all.filter((e) => ['script', 'link', 'img', 'iframe'].includes(e.tagName)).map((e) => e.tagName),
      [],
    );
    const articles = all.filter((e) => e.tagName === 'article').map(textOf);
    const json = auditReportSchema.parse(JSON.parse(cli('audit', '--lab-dir', dir, '--json').out));
    assert.equal(articles.length, json.findings.length);
    for (const p of plantedFindings()) {
      const f = findPlanted(json, p);
      assert.ok(f && articles.some((a) => a.includes(f.title) && a.includes(f.fix.command)), p.kind);
    }
  });

  it('--out FILE.csv writes one row per finding (format from the extension); --format md prints Markdown', () => {
    const out = path.join(tempDir(), 'findings.csv');
    const r = cli('audit', '--lab-dir', dir, '--out', out);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.err.trim(), `wrote ${out} (CSV, UTF-8)`);
    const text = readFileSync(out, 'utf8');
    assert.ok(text.startsWith('\uFEFF'));
    const [header, ...rows] = readCsv(text.slice(1));
    assert.equal(header?.[0], 'severity');
    const kinds = rows.map((row) => row[1]);
    for (const p of plantedFindings()) assert.ok(kinds.includes(p.kind), p.kind);
    const md = cli('audit', '--lab-dir', dir, '--format', 'md');
    assert.equal(md.code, 1, md.err);
    assert.match(md.out, /^# Managed accounts audit: contoso\.com$/m);
    assert.match(md.out, /^```+powershell$/m);
  });
});

describe('msa-wizard audit on healthy', () => {
  it('reports nothing medium or worse beyond what is really there, and exits 0', () => {
    const r = cli('audit', '--scenario', 'healthy', '--json');
    const report = auditReportSchema.parse(JSON.parse(r.out));
    const actionable = report.findings.filter((f) => ACTIONABLE.has(f.severity)).map((f) => f.id);
    assert.deepEqual(actionable, []);
    assert.equal(r.code, 0, r.err);
  });
});

describe('msa-wizard audit: bad input', () => {
  it('exits 2 with one line that says what to change, before any audit runs', () => {
    const dir = tempDir();
    for (const [args, pattern] of [
      [['--format', 'pdf'], /^msa-wizard: --format takes md, html, csv, not 'pdf'$/],
      [['--json', '--format', 'md'], /^msa-wizard: --json and --format are alternatives: choose one$/],
      [['--scenario', 'nope'], /^msa-wizard: unknown scenario 'nope'; choose one of/],
      [
        ['--format', 'html', '--out', path.join(dir, 'missing', 'a.html')],
        /^msa-wizard: cannot write .*: its folder does not exist$/,
      ],
      [['--format', 'html', '--out', dir], /^msa-wizard: --out .* is a folder: name the file to write$/],
      [
        ['--out', path.join(dir, 'audit.txt')],
        /^msa-wizard: say which format to write to .*audit\.txt: --format md, html or csv, or --json$/,
      ],
      [['--lab-dir', path.join(dir, 'nolab')], /^msa-wizard: no lab folder/],
      [['extra'], /^msa-wizard: unexpected argument 'extra'$/],
      [['--bogus'], /^msa-wizard: unknown option --bogus$/],
      [['--format'], /^msa-wizard: --format needs a value$/],
    ] as const) {
      const r = cli('audit', ...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
      assert.match(r.err.trim(), pattern, args.join(' '));
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.equal(r.out, '', 'nothing ran');
    }
  });

  it('is in the help', () => {
    const r = cli('--help');
    assert.equal(r.code, 0);
    assert.match(
      r.out,
      /msa-wizard audit \[--lab-dir DIR \| --scenario NAME\] \[--json\] \[--format md\|html\|csv\] \[--out FILE\]/,
    );
    assert.equal(cli('audit', '--help').code, 0);
  });
});
