// The msa-wizard command line, as an admin runs it (npx msa-wizard ...): exit codes, one-line errors, no stack traces.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { STATE_FILE } from '../../electron/lab/state.js';
import { labStateText } from '../helpers/lab.js';

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/msa-wizard.js', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'msa-cli-'));
const oneLine = (text: string) => text.trim().split('\n').length === 1 && !/\n\s+at /.test(text);

describe('msa-wizard CLI', () => {
  it('prints help and version with exit code 0', () => {
    const help = cli('--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /msa-wizard lab new/);
    const version = cli('--version');
    assert.equal(version.code, 0);
    assert.equal(version.out.trim(), JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('bad input exits 2 with one line that says what to change', () => {
    const dir = tempDir();
    for (const [args, pattern] of [
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['lab', 'new', '--lab-dir', dir, '--scenario', 'nope'], /unknown scenario 'nope'; choose one of/],
      [['lab', 'new'], /needs --lab-dir/],
      [['lab', 'exec', '--lab-dir', path.join(dir, 'missing'), '--', '1'], /no lab folder/],
      [['lab', 'exec', '--lab-dir', dir, '--bogus'], /unknown option --bogus/],
    ] as const) {
      const r = cli(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, pattern);
      assert.ok(oneLine(r.err), r.err);
    }
  });

  it('check, apply and lab exec read --lab-dir and --scenario alike: a lab from another scenario is refused, untouched', () => {
    const dir = tempDir();
    assert.equal(cli('lab', 'new', '--lab-dir', dir, '--scenario', 'healthy').code, 0);
    const before = labStateText(dir);
    const refusal = `the lab in ${dir} was made from scenario 'healthy', not 'fresh-domain'; drop --scenario or use another --lab-dir`;
    for (const args of [
      ['check', '--lab-dir', dir, '--scenario', 'fresh-domain'],
      ['apply', '--answers', 'assets/examples/smsa.json', '--lab-dir', dir, '--scenario', 'fresh-domain'],
      ['apply', '--answers', 'assets/examples/smsa.json', '--lab-dir', dir, '--scenario', 'fresh-domain', '--dry-run'],
      ['lab', 'exec', '--lab-dir', dir, '--scenario', 'fresh-domain', '--', '1'],
    ]) {
      const r = cli(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.equal(r.err.trim(), `msa-wizard: ${refusal}`);
    }
    assert.equal(labStateText(dir), before);
    const missing = path.join(dir, 'missing');
    for (const args of [
      ['check', '--lab-dir', missing],
      ['apply', '--answers', 'assets/examples/smsa.json', '--lab-dir', missing],
    ]) {
      const r = cli(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /no lab folder .*missing; create one with: msa-wizard lab new --lab-dir /);
    }
  });

  it('creates a lab, refuses to overwrite it, and never touches a corrupt state file', () => {
    const dir = tempDir();
    const created = cli('lab', 'new', '--lab-dir', dir, '--scenario', 'fresh-domain');
    assert.equal(created.code, 0, created.err);
    assert.match(created.out, /created lab 'fresh-domain'/);
    const again = cli('lab', 'new', '--lab-dir', dir);
    assert.equal(again.code, 2);
    assert.match(again.err, /already exists/);
    const file = path.join(dir, STATE_FILE);
    writeFileSync(file, 'garbage{');
    const exec = cli('lab', 'exec', '--lab-dir', dir, '--', 'Get-LabNow');
    assert.equal(exec.code, 2);
    assert.ok(oneLine(exec.err), exec.err);
    assert.equal(readFileSync(file, 'utf8'), 'garbage{');
  });

  it('lab exec runs PowerShell in the lab: text, --json, and exit 1 on a PowerShell error', () => {
    const dir = tempDir();
    const text = cli('lab', 'exec', '--lab-dir', dir, '--scenario', 'healthy', '--', '(Get-LabContext).Computer');
    assert.equal(text.code, 0, text.err);
    assert.equal(text.out.trim(), 'WEB01');
    const json = cli(
      'lab',
      'exec',
      '--lab-dir',
      dir,
      '--computer',
      'APP01',
      '--json',
      '--',
      '[ordered]@{ computer = (Get-LabContext).Computer; n = 1 }',
    );
    assert.equal(json.code, 0, json.err);
    assert.deepEqual(JSON.parse(json.out), { computer: 'APP01', n: 1 });
    const failed = cli('lab', 'exec', '--lab-dir', dir, '--', "Get-Item -LiteralPath '/no/such/file'");
    assert.equal(failed.code, 1);
    assert.match(failed.err, /^error: .*PathNotFound/m);
  });
});
