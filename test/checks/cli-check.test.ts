// `msa-wizard check` as an admin runs it: the readable table (failures first) and exit 1 when a check fails, the
// HealthReport with --json, exit 0 on a healthy lab, exit 2 on bad input. The four PowerShell runs go in parallel.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { healthReportSchema } from '../../electron/common/api/contract.js';
import { CHECK_IDS } from '../../electron/common/checks/run.js';
import { STATE_FILE } from '../../electron/lab/state.js';

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/msa-wizard.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const timer = setTimeout(() => child.kill(), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

const checkTemps = () => readdirSync(tmpdir()).filter((n) => n.startsWith('msa-wizard-check-'));

describe('msa-wizard check', () => {
  let fresh: Run;
  let freshJson: Run;
  let healthy: Run;
  let kept: Run;
  let tempsBefore: string[];
  const keptDir = path.join(mkdtempSync(path.join(tmpdir(), 'msa-cli-check-')), 'lab');
  before(async () => {
    tempsBefore = checkTemps();
    [fresh, freshJson, healthy, kept] = await Promise.all([
      cli('check', '--scenario', 'fresh-domain'),
      cli('check', '--scenario', 'fresh-domain', '--json'),
      cli('check', '--scenario', 'healthy'),
      cli('check', '--lab-dir', keptDir, '--scenario', 'rc4-only-host', '--json'),
    ]);
  });

  it('fresh-domain: exit 1, the KDS failure first with its fix, grouped', () => {
    assert.equal(fresh.code, 1, fresh.err);
    assert.equal(fresh.err, '');
    const lines = fresh.out.trimEnd().split('\n');
    assert.equal(lines[0], 'KDS');
    assert.match(lines[1] ?? '', /^ {2}\[FAIL\] KDS root key +kds-root-key \(\d+ ms\)$/);
    assert.match(fresh.out, /No KDS root key: Get-KdsRootKey on DC01 returned none/);
    assert.match(fresh.out, /> Add-KdsRootKey -EffectiveImmediately/);
    assert.match(fresh.out, /one-click: kds-create-backdated \(needs acknowledgement\)/);
    for (const group of ['Host', 'Rights', 'Tools', 'Domain', 'Kerberos', 'Target']) {
      assert.ok(lines.includes(group), `no group ${group}`);
    }
    assert.match(
      lines.at(-1) ?? '',
      /^\d+ checks: 1 failed, \d+ warnings, \d+ unknown, \d+ passed — \d+ ms, one PowerShell round trip/,
    );
  });

  it('--json prints the HealthReport', () => {
    assert.equal(freshJson.code, 1, freshJson.err);
    const report = healthReportSchema.parse(JSON.parse(freshJson.out));
    assert.deepEqual(
      report.results.map((r) => r.id),
      [...CHECK_IDS],
    );
    assert.equal(report.results.find((r) => r.id === 'kds-root-key')?.status, 'fail');
  });

  it('healthy: exit 0, nothing failed', () => {
    assert.equal(healthy.code, 0, healthy.err + healthy.out);
    assert.match(healthy.out, / 0 failed, 0 warnings, /);
    assert.doesNotMatch(healthy.out, /\[FAIL\]/);
  });

  it('removes the temporary lab it made for --scenario', () => {
    assert.deepEqual(
      checkTemps().filter((n) => !tempsBefore.includes(n)),
      [],
    );
  });

  it('--lab-dir with --scenario creates the lab there and keeps it', () => {
    assert.equal(kept.code, 0, kept.err);
    assert.ok(existsSync(path.join(keptDir, STATE_FILE)));
    const report = healthReportSchema.parse(JSON.parse(kept.out));
    assert.equal(report.results.find((x) => x.id === 'kerberos-encryption')?.status, 'warn');
  });

  it('bad input: exit 2 with one line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'msa-cli-check-'));
    for (const [args, pattern] of [
      [['check', '--scenario', 'nope'], /unknown scenario 'nope'; choose one of/],
      [['check', '--bogus'], /unknown option --bogus/],
      [['check', 'extra'], /unexpected argument 'extra'/],
      [['check', '--lab-dir', path.join(dir, 'missing')], /no lab folder/],
      [['check', '--scenario'], /--scenario needs a value/],
    ] as const) {
      const r = spawnSync(process.execPath, ['bin/msa-wizard.js', ...args], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });
});
