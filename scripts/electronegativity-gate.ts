// The Electronegativity gate: runs Doyensec's Electron security scanner offline over a folder and fails (exit 1) on
// any finding of MEDIUM severity or higher that is not suppressed, with a written reason, in
// scripts/electronegativity-suppressions.json. (The scanner itself exits 0 whatever it finds: this reads its report.)
//   tsx scripts/electronegativity-gate.ts electron        the sources
//   tsx scripts/electronegativity-gate.ts dist            the built app (after npm run build)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
}

interface Suppression {
  check: string;
  /** Path relative to electron/ (also matches the compiled file in a scan of dist), or '*' for any. */
  file: string;
  reason: string;
}

const BLOCKING = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

/** Parses the scanner's CSV (quoted fields may hold commas). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split(/\r?\n/).filter((l) => l.trim() !== '')) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cell.trim());
        cell = '';
      } else cell += ch;
    }
    cells.push(cell.trim());
    rows.push(cells);
  }
  return rows;
}

export function scan(input: string): Finding[] {
  const report = path.join(mkdtempSync(path.join(tmpdir(), 'electronegativity-')), 'report.csv');
  const electronVersion = (
    JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }
  ).version;
  const bin = path.join(
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity',
  );
  execFileSync(
    bin,
    ['-i', input, '-r', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', report],
    {
      stdio: 'pipe',
      timeout: 300_000,
      shell: process.platform === 'win32',
    },
  );
  const [, ...rows] = parseCsv(readFileSync(report, 'utf8'));
  return rows.map(([check = '', severity = '', confidence = '', file = '', location = '', sample = '']) => ({
    check,
    severity,
    confidence,
    file,
    location,
    sample,
  }));
}

/** 'main/app.ts' also names the compiled 'electron/main/app.js' in a scan of dist. */
function sameFile(suppressed: string, found: string): boolean {
  if (suppressed === '*') return true;
  const bare = (p: string) => p.replace(/\\/g, '/').replace(/\.(ts|js|cjs|mjs)$/, '');
  return bare(found) === bare(suppressed) || bare(found).endsWith(`/${bare(suppressed)}`);
}

export function blockingFindings(findings: readonly Finding[], suppressions: readonly Suppression[]): Finding[] {
  return findings.filter(
    (f) => BLOCKING.has(f.severity) && !suppressions.some((s) => s.check === f.check && sameFile(s.file, f.file)),
  );
}

export function loadSuppressions(): Suppression[] {
  const list = JSON.parse(
    readFileSync(new URL('./electronegativity-suppressions.json', import.meta.url), 'utf8'),
  ) as Suppression[];
  for (const s of list)
    if (s.reason.trim().length < 20) throw new Error(`suppression of ${s.check} needs a written reason`);
  return list;
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const input = process.argv[2] ?? 'electron';
  const findings = scan(input);
  const blocking = blockingFindings(findings, loadSuppressions());
  console.log(`electronegativity over ${input}: ${findings.length} finding(s), ${blocking.length} blocking`);
  for (const f of blocking) console.log(`  ${f.severity} ${f.check} ${f.file}:${f.location}  ${f.sample}`);
  process.exit(blocking.length === 0 ? 0 : 1);
}
