// Which lab `npm run lab` opens (electron/labhost/practice-lab.ts), on temp folders: a new folder gets the default or the
// asked-for scenario; an existing lab is reused as it was left unless another scenario or --reset is asked for, which
// makes a fresh lab and keeps the old folder beside it; bad input changes nothing. No server is started: one lab
// session checks that the fresh lab is what PowerShell then sees.
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { LabError, createLab, readLab, scenarioNames } from '../../electron/lab/lab.js';
import { decidePracticeLab, openPracticeLab } from '../../electron/labhost/practice-lab.js';
import { STATE_FILE } from '../../electron/lab/state.js';
import { ADVERT_DIR_ENV, removeAdvert, writeAdvert } from '../../electron/labhost/console.js';
import { labSession, labStateText } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

const root = mkdtempSync(path.join(tmpdir(), 'msa-practice-lab-'));
after(() => rmSync(root, { recursive: true, force: true }));
// Lab hosts' advertisements in a folder of this test's own (console.ts reads the variable on every call).
process.env[ADVERT_DIR_ENV] = path.join(root, 'lab-hosts');
let count = 0;
/** A lab folder path under a parent of its own (so the kept-aside siblings are easy to list). */
function labFolder(): string {
  const parent = path.join(root, `case-${++count}`);
  mkdirSync(parent);
  return path.join(parent, 'practice');
}
const shown = (dir: string): string => path.relative(process.cwd(), dir);
const siblings = (dir: string): string[] => readdirSync(path.dirname(dir)).sort();
const NOW = new Date('2026-12-05T01:30:15.000Z');

describe('practice lab start-up (npm run lab)', () => {
  it('no lab yet: makes one, of the default scenario or the one asked for', () => {
    const plain = labFolder();
    const opened = openPracticeLab(plain, {});
    assert.equal(opened.state.scenario, 'healthy');
    assert.equal(opened.message, `Made a new 'healthy' lab in ${shown(plain)}.`);
    const asked = labFolder();
    assert.equal(openPracticeLab(asked, { scenario: 'fresh-domain' }).state.scenario, 'fresh-domain');
    assert.equal(readLab(asked).kdsRootKeys.length, 0);
  });

  it('a lab exists, no --scenario (or the same one): reused as it was left, saying which and how to start over', () => {
    const dir = labFolder();
    createLab(dir, 'password-expired');
    const before = labStateText(dir);
    for (const request of [{}, { scenario: 'password-expired' }]) {
      assert.deepEqual(decidePracticeLab(dir, request), { kind: 'reuse', scenario: 'password-expired' });
      const opened = openPracticeLab(dir, request);
      assert.equal(opened.state.scenario, 'password-expired');
      assert.equal(
        opened.message,
        `Reusing the 'password-expired' lab in ${shown(dir)}, as it was left. For a fresh one: ` +
          'npm run lab -- --reset (same scenario) or --scenario NAME (npx msa-wizard lab scenarios lists them).',
      );
    }
    assert.equal(labStateText(dir), before, 'the lab file is untouched');
    assert.deepEqual(siblings(dir), ['practice']);
  });

  it('another --scenario: a fresh lab of it, the old folder (journal and all) kept beside it and named', async () => {
    const dir = labFolder();
    createLab(dir, 'healthy');
    mkdirSync(path.join(dir, 'journal'));
    writeFileSync(path.join(dir, 'journal', 'run-1.jsonl'), '{}\n');
    const old = labStateText(dir);
    const opened = openPracticeLab(dir, { scenario: 'fresh-domain' }, { now: NOW });
    const aside = `${dir}.healthy-2026-12-05T01-30-15`;
    assert.equal(opened.keptAside, aside);
    assert.equal(
      opened.message,
      `The lab in ${shown(dir)} was 'healthy'; made a fresh 'fresh-domain' lab. The old one is kept in ${shown(aside)}.`,
    );
    assert.deepEqual(siblings(dir), ['practice', 'practice.healthy-2026-12-05T01-30-15']);
    assert.equal(labStateText(aside), old, 'the old lab is kept byte for byte');
    assert.ok(existsSync(path.join(aside, 'journal', 'run-1.jsonl')), "the old lab's journal went with it");
    assert.ok(!existsSync(path.join(dir, 'journal')), 'the fresh lab offers no old run to resume');
    // What PowerShell sees in each: the fresh-domain lab has no KDS root key, the kept healthy one still has its own.
    for (const [lab, keys] of [
      [dir, 0],
      [aside, 1],
    ] as const) {
      const session = labSession(lab);
      try {
        // Get-KdsRootKey writes ONE List<KdsRootKey> (as documented), so count the list's items.
        const found = await session.run(trusted('(Get-KdsRootKey).Count'));
        assert.deepEqual(found, [keys], lab);
      } finally {
        await session.dispose();
      }
    }
  });

  it('--reset: a fresh lab of the same scenario (or of --scenario), the old one kept; twice in a second, two names', () => {
    const dir = labFolder();
    createLab(dir, 'kds-key-pending');
    const old = labStateText(dir);
    const first = openPracticeLab(dir, { reset: true }, { now: NOW });
    assert.equal(first.state.scenario, 'kds-key-pending');
    assert.equal(labStateText(`${dir}.kds-key-pending-2026-12-05T01-30-15`), old);
    assert.equal(
      first.message,
      `Made a fresh 'kds-key-pending' lab in ${shown(dir)}; the old one (kds-key-pending) is kept in ${shown(`${dir}.kds-key-pending-2026-12-05T01-30-15`)}.`,
    );
    const second = openPracticeLab(dir, { reset: true, scenario: 'no-rsat' }, { now: NOW });
    assert.equal(second.state.scenario, 'no-rsat');
    assert.equal(second.keptAside, `${dir}.kds-key-pending-2026-12-05T01-30-15-2`);
    assert.deepEqual(siblings(dir), [
      'practice',
      'practice.kds-key-pending-2026-12-05T01-30-15',
      'practice.kds-key-pending-2026-12-05T01-30-15-2',
    ]);
  });

  it('an unknown scenario: one line listing the known ones, and nothing changes', () => {
    const dir = labFolder();
    createLab(dir, 'healthy');
    const before = labStateText(dir);
    assert.throws(
      () => openPracticeLab(dir, { scenario: 'fresh-domian' }),
      (error: unknown) =>
        error instanceof LabError &&
        error.message === `unknown scenario 'fresh-domian'; the scenarios are: ${scenarioNames().join(', ')}` &&
        error.message.includes('fresh-domain'),
    );
    assert.equal(labStateText(dir), before);
    assert.deepEqual(siblings(dir), ['practice']);
  });

  it('a lab host serving the folder (its console advertisement): a fresh lab is refused with the way out', () => {
    const dir = labFolder();
    createLab(dir, 'healthy');
    // What a running `npm run lab` on this folder writes (server.ts): here for this live process.
    const advert = { v: 1, pid: process.pid, port: 1, secret: 'a'.repeat(64), labDir: realpathSync(dir) } as const;
    writeAdvert(dir, advert);
    try {
      assert.throws(
        () => openPracticeLab(dir, { scenario: 'fresh-domain' }),
        new LabError(
          `a lab host (process ${process.pid}) is serving ${shown(dir)}: stop it (Ctrl+C there) before making a fresh ` +
            'lab, or use another folder with --lab-dir',
        ),
      );
      assert.throws(() => openPracticeLab(dir, { reset: true }), /is serving/);
      // Reusing it is fine: that is what a second `npm run lab` on the same folder does.
      assert.equal(openPracticeLab(dir, {}).state.scenario, 'healthy');
      assert.deepEqual(siblings(dir), ['practice']);
    } finally {
      removeAdvert(dir, advert.secret);
    }
    assert.equal(openPracticeLab(dir, { reset: true }).state.scenario, 'healthy', 'once the host is gone');
  });

  it('a broken lab file: not reused (the error says how to start over); --reset keeps it aside as unreadable', () => {
    const dir = labFolder();
    createLab(dir, 'healthy');
    writeFileSync(path.join(dir, STATE_FILE), '{ not json');
    assert.throws(() => openPracticeLab(dir, {}), /not valid JSON.*For a fresh lab: npm run lab -- --reset/);
    const opened = openPracticeLab(dir, { reset: true }, { now: NOW });
    assert.equal(opened.state.scenario, 'healthy');
    assert.equal(opened.keptAside, `${dir}.unreadable-2026-12-05T01-30-15`);
    assert.equal(readFileSync(path.join(`${dir}.unreadable-2026-12-05T01-30-15`, STATE_FILE), 'utf8'), '{ not json');
  });
});
