// msa-wizard plan and apply, as an admin runs them (node bin/msa-wizard.js): apply runs both examples in a fresh lab
// to exit 0 with a line per step, a second apply finds everything done and changes nothing, a stopped step exits 1,
// bad answers exit 2 with the JSON path of each problem and nothing runs, --dry-run changes nothing.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runSchema } from '../../electron/common/api/contract.js';
import { PROGRESS_EVERY_MS } from '../../electron/cli/apply-command.js';
import { ansiAnswersFile, ANSI_BYTE_AT } from '../helpers/answers-files.js';
import { labConsole, newLab, TASK_ENDS_WELL, TASK_STILL_RUNNING, labStateText } from '../helpers/lab.js';

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/msa-wizard.js', ...args], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const GMSA = 'assets/examples/gmsa-scheduled-task.json';
const SMSA = 'assets/examples/smsa.json';
const journals = (dir: string) => (existsSync(path.join(dir, 'journal')) ? readdirSync(path.join(dir, 'journal')) : []);
/** The step lines: [index, title, status, milliseconds]. */
const stepLines = (out: string) =>
  [...out.matchAll(/^\[(\d+)\/(\d+)\] (.+) … (\w+) \((\d+) ms\)$/gm)].map(
    (m) => [Number(m[1]), m[3], m[4], Number(m[5])] as const,
  );
/** The test run's wait, as apply prints it. */
const WAITING = /^\[10\/10\] Test run the task … Waiting for the task to finish: Running, \d+ s \(at most 300 s\)\.$/m;

describe('msa-wizard apply', () => {
  for (const [file, count] of [
    [GMSA, 10],
    [SMSA, 4],
  ] as const) {
    it(`${path.basename(file)}: exit 0 with a line per step; again: everything found done, nothing changed`, () => {
      const dir = newLab('healthy');
      const first = cli('apply', '--answers', file, '--lab-dir', dir);
      assert.equal(first.code, 0, first.out + first.err);
      const lines = stepLines(first.out);
      assert.equal(lines.length, count, first.out);
      assert.ok(
        lines.every(([, , status]) => status === 'done' || status === 'exists'),
        first.out,
      );
      assert.match(first.out, /^Done: \d+ steps \(\d+ done, \d+ already there\)\. Journal: .*run-.*\.jsonl$/m);
      const after = labStateText(dir);

      const second = cli('apply', '--answers', file, '--lab-dir', dir, '--json');
      assert.equal(second.code, 0, second.err);
      const run = runSchema.parse(JSON.parse(second.out));
      assert.equal(run.state, 'completed');
      // Every step finds its work done; the account test only reads (Test-ADServiceAccount: True is 'done').
      assert.deepEqual(
        run.steps.filter((s) => s.status !== 'exists').map((s) => [s.id, s.status]),
        [['test', 'done']],
      );
      assert.deepEqual(run.undo, [], 'the second run created nothing');
      assert.equal(stepLines(second.err).length, count, 'progress goes to stderr with --json');
      assert.equal(labStateText(dir), after, 'lab-state.json is byte-identical after the second apply');
      assert.equal(journals(dir).length, 2);
    });
  }

  it('a step that stops the run exits 1 with what to change (a GPO defines the batch right)', () => {
    const dir = newLab('gpo-managed-rights');
    const r = cli('apply', '--answers', GMSA, '--lab-dir', dir);
    assert.equal(r.code, 1, r.out + r.err);
    assert.deepEqual(stepLines(r.out).at(-1)?.slice(1, 3), ['Grant "Log on as a batch job" on WEB01', 'conflict']);
    assert.match(r.out, /Group Policy Management → Server Baseline → Computer Configuration/);
    assert.match(r.out, /^Stopped at step 8 of 10\. Fix what it says, then run apply again/m);
  });

  it("prints the test run's wait for a task still running, then the result once it ends", async () => {
    const dir = newLab('healthy');
    assert.equal(cli('apply', '--answers', GMSA, '--lab-dir', dir).code, 0);
    await labConsole(dir, TASK_STILL_RUNNING);
    const child = spawn(process.execPath, ['bin/msa-wizard.js', 'apply', '--answers', GMSA, '--lab-dir', dir], {
      timeout: 120_000,
    });
    let out = '';
    // Its error, if any, is kept (not left unhandled) and checked once the child has ended.
    let ended: Promise<unknown> | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      // Once the wait is on the console, the instance ends well (as the report finishing would).
      if (ended === undefined && WAITING.test(out)) {
        ended = labConsole(dir, TASK_ENDS_WELL).then(
          () => undefined,
          (error: unknown) => error,
        );
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(await ended, undefined, 'the lab console ended the task');
    assert.equal(code, 0, out);
    const waits = out.split('\n').filter((line) => WAITING.test(line));
    assert.ok(waits.length >= 1, out);
    // One line per state, then one per 10 s: not the step's poll every second.
    const waitedMs = stepLines(out).at(-1)?.[3] ?? 0;
    assert.ok(waits.length <= 1 + Math.floor(waitedMs / PROGRESS_EVERY_MS), out);
    assert.deepEqual(stepLines(out).at(-1)?.slice(1, 3), ['Test run the task', 'done']);
    assert.ok(
      out.indexOf(waits[0] ?? '') < out.lastIndexOf('[10/10] Test run the task … done'),
      'the wait comes first',
    );
  });

  it('bad answers exit 2 with the JSON path of each problem, and nothing runs', () => {
    const dir = newLab('healthy');
    const before = labStateText(dir);
    const scratch = mkdtempSync(path.join(tmpdir(), 'msa-answers-'));
    const doc = JSON.parse(readFileSync(GMSA, 'utf8'));
    doc.plan.name = "svc'; Remove-ADUser x #";
    doc.plan.task.trigger.every = 2;
    doc.plan.gmsa.computers = ['WEB01', 42];
    const bad = path.join(scratch, 'bad.json');
    writeFileSync(bad, JSON.stringify(doc, null, 2));
    const notJson = path.join(scratch, 'broken.json');
    writeFileSync(notJson, '{ "version": 1,\n  "plan": { ]\n}');
    for (const [file, patterns] of [
      [
        bad,
        [
          /^ {2}\$\.plan\.name \(line \d+, column \d+\): Use only letters, digits and hyphens/m,
          /^ {2}\$\.plan\.task\.trigger\.every \(line \d+, column \d+\): Remove the unknown field every\.$/m,
          /^ {2}\$\.plan\.gmsa\.computers\[1\] \(line \d+, column \d+\): /m,
        ],
      ],
      [notJson, [/^ {2}\$\.plan \(line 2, column 13\): The file is not valid JSON: Expected a field name/m]],
      [path.join(scratch, 'missing.json'), [/no answers file/]],
    ] as const) {
      for (const command of ['apply', 'plan']) {
        const r = cli(command, '--answers', file, ...(command === 'apply' ? ['--lab-dir', dir] : []));
        assert.equal(r.code, 2, `${command} ${file}: ${r.err}`);
        assert.equal(r.out, '');
        for (const p of patterns) assert.match(r.err, p);
        assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
      }
    }
    assert.equal(labStateText(dir), before, 'nothing ran');
    assert.deepEqual(journals(dir), [], 'nothing was journaled');
  });

  it('--dry-run lists the steps and changes nothing; without a lab it refuses off Windows', () => {
    const dir = newLab('healthy');
    const before = labStateText(dir);
    const dry = cli('apply', '--answers', GMSA, '--lab-dir', dir, '--dry-run');
    assert.equal(dry.code, 0, dry.err);
    assert.match(
      dry.out,
      /^Dry run: nothing is changed\. These 10 steps would run for the gMSA svc-report\$ on WEB01:/,
    );
    assert.match(dry.out, /\[8\/10\] Grant "Log on as a batch job" on WEB01 \(batch-right@WEB01, on WEB01\)/);
    const json = cli('apply', '--answers', SMSA, '--scenario', 'healthy', '--dry-run', '--json');
    assert.equal(json.code, 0, json.err);
    assert.deepEqual(
      (JSON.parse(json.out) as { steps: { id: string }[] }).steps.map((s) => s.id),
      ['account', 'smsa-link', 'install', 'test'],
    );
    assert.equal(labStateText(dir), before);
    assert.deepEqual(journals(dir), []);
    if (process.platform !== 'win32') {
      const refused = cli('apply', '--answers', GMSA);
      assert.equal(refused.code, 2);
      assert.match(
        refused.err,
        /only on Windows; here, run it against a practice lab: --lab-dir DIR or --scenario NAME/,
      );
    }
  });
});

describe('msa-wizard plan', () => {
  it('prints one script for the whole plan, and --out writes the same bytes: a byte-order mark, an ASCII body', () => {
    const printed = cli('plan', '--answers', GMSA);
    assert.equal(printed.code, 0, printed.err);
    assert.match(
      printed.out,
      /^\uFEFF# MSA Wizard setup script: the gMSA svc-report\$ on WEB01, with the scheduled task \\Nightly Report, daily at 12:05 on WEB01\./,
    );
    assert.match(printed.out, /^#Requires -Version 5\.1$/m);
    assert.equal(printed.out.match(/^# Step \d+ of 10: /gm)?.length, 10);
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'msa-plan-')), 'setup.ps1');
    const written = cli('plan', '--answers', GMSA, '--out', out);
    assert.equal(written.code, 0, written.err);
    const bytes = readFileSync(out);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(
      bytes.subarray(3).every((b) => b < 0x80),
      'the body is ASCII',
    );
    assert.equal(bytes.toString('utf8'), printed.out);
  });

  it('refuses an answers file saved as ANSI, or too large (from its size, unread), and shows typed text escaped', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'msa-answers-'));
    const ansi = ansiAnswersFile(dir);
    const refused = cli('plan', '--answers', ansi);
    assert.equal(refused.code, 2);
    assert.ok(refused.err.includes(`ansi.json: The file is not UTF-8 text: ${ANSI_BYTE_AT}`), refused.err);
    assert.equal(refused.out, '');

    // 3 GiB, sparse: reading it would fail otherwise (Node reads at most 2 GiB), so the message shows it was not read.
    const huge = path.join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, 3 * 1024 ** 3);
    const large = cli('plan', '--answers', huge);
    rmSync(huge); // sparse here, but not on every file system
    assert.equal(large.code, 2);
    assert.match(large.err, /huge\.json: The file has 3221225472 bytes; an answers file has at most 1048576/);

    // A field name with ESC and CR, and a computer name with an OSC title sequence: escaped on the terminal.
    const hostile = JSON.parse(readFileSync(GMSA, 'utf8')) as { plan: Record<string, unknown> };
    hostile.plan['x\u001b[2J\rEvil'] = 1;
    hostile.plan.targetComputer = 'WEB\u001b]0;pwned\u000701';
    const escaped = path.join(dir, 'escaped.json');
    writeFileSync(escaped, JSON.stringify(hostile, null, 2));
    const shown = cli('plan', '--answers', escaped);
    assert.equal(shown.code, 2);
    assert.match(shown.err, /Remove the unknown field x\\u001b\[2J\\u000dEvil\./);
    assert.match(shown.err, /Add the target computer WEB\\u001b\]0;PWNED\\u000701 to the computers/);
    const raw = [...shown.err].filter((c) => (c < ' ' && c !== '\n' && c !== '\t') || c === '\u007f');
    assert.deepEqual(raw, [], 'no raw control character');
  });

  it('help lists plan and apply', () => {
    const help = cli('--help');
    assert.match(help.out, /msa-wizard plan --answers FILE \[--out FILE\]/);
    assert.match(
      help.out,
      /msa-wizard apply --answers FILE \[--lab-dir DIR \| --scenario NAME\] \[--json\] \[--dry-run\]/,
    );
  });
});
