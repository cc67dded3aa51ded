// A run journal the wizard cannot read (damaged before its last line, a plan or a step this version cannot take, or
// written by a newer MSA Wizard) does not vanish: runs.current names the file, the line and what to do, and offers no
// older run in its place; every call on that run is refused in the same words. Journals with nothing to resume are
// passed over before their plan is read: one set aside, and one with no complete line (a run that never started).
// New journals declare their format (v); older ones without it still read.
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { apiResultSchema, type ApiOutput } from '../../electron/common/api/contract.js';
import type { Api } from '../../electron/common/api/handlers.js';
import {
  appendRecord,
  JOURNAL_VERSION,
  journalPath,
  readJournal,
  type JournalRecord,
} from '../../electron/common/runs/journal.js';
import type { PlanInput } from '../../electron/common/plan/plan-schema.js';
import { labSession, newLab } from '../helpers/lab.js';
import { coreOn, journals, ok, refused } from './run-api.js';

const GMSA: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-web',
  gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts' }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
};

/** A core that must not need PowerShell: reading journals runs nothing. */
const offline = (journalDir: string): Api =>
  coreOn(journalDir, { invoke: () => Promise.reject(new Error('this test runs no PowerShell')) });

/** A journal as this version's older self wrote it: no format number. */
function oldJournal(dir: string, runId: string, at: string, plan: Record<string, unknown> = GMSA): string {
  const file = journalPath(dir, runId, new Date(at));
  appendRecord(file, { type: 'run-started', at, runId, plan, before: [] });
  return file;
}

async function current(api: Api): Promise<ApiOutput<'runs.current'>> {
  const result = apiResultSchema.parse(await api.dispatch('runs.current', {}));
  assert.ok(result.ok, JSON.stringify(result));
  return result.value as ApiOutput<'runs.current'>;
}

describe('unreadable run journals', () => {
  it('a new journal declares its format on its first line; one written before formats had a number still reads', async () => {
    const journalDir = journals();
    const session = labSession(newLab('healthy'));
    try {
      const run = await ok(coreOn(journalDir, session), 'runs.start', { plan: GMSA });
      const first = JSON.parse(readFileSync(run.journal, 'utf8').split('\n')[0] ?? '') as JournalRecord;
      assert.equal(first.type === 'run-started' && first.v, JOURNAL_VERSION);
    } finally {
      await session.dispose();
    }
    const dir = journals();
    oldJournal(dir, 'old-run', '2026-01-01T00:00:00.000Z');
    assert.equal((await current(offline(dir))).run?.runId, 'old-run');
  });

  it('a damaged journal newer than an open run is reported with its file, line and what to do; no run is offered', async () => {
    const dir = journals();
    oldJournal(dir, 'older-run', '2026-01-01T00:00:00.000Z');
    const damaged = oldJournal(dir, 'newer-run', '2026-06-01T00:00:00.000Z');
    writeFileSync(damaged, `${readFileSync(damaged, 'utf8')}{"type":"step-sta\n{"type":"run-closed","at":"x"}\n`);
    const api = offline(dir);

    const found = await current(api);
    assert.equal(found.run, null, 'the older open run is not offered as if nothing happened');
    assert.equal(found.unreadable?.kind, 'damaged');
    assert.equal(found.unreadable?.file, damaged);
    assert.equal(found.unreadable?.line, 2);
    assert.match(
      found.unreadable?.message ?? '',
      new RegExp(`${path.basename(damaged)} is damaged at line 2 \\(not JSON\\)`),
    );
    assert.match(found.unreadable?.action ?? '', /at line 2/);
    assert.ok(found.unreadable?.action.includes(dir), 'says where to move it from');

    const error = await refused(api, 'runs.step', { runId: 'newer-run', stepId: 'group' });
    assert.equal(error.kind, 'Journal');
    assert.deepEqual(
      [error.title, error.message, error.action],
      [found.unreadable?.title, found.unreadable?.message, found.unreadable?.action],
    );

    // What the admin is told to do: move it away. The older run is offered again.
    renameSync(damaged, path.join(journals(), path.basename(damaged)));
    const after = await current(api);
    assert.equal(after.unreadable, undefined);
    assert.equal(after.run?.runId, 'older-run');
  });

  it('a journal whose plan this version does not accept is unsupported (not damaged), at the line of the plan', async () => {
    const dir = journals();
    oldJournal(dir, 'older-run', '2026-01-01T00:00:00.000Z');
    const file = oldJournal(dir, 'odd-plan', '2026-06-01T00:00:00.000Z', { accountType: 'gmsa' });
    const api = offline(dir);
    const found = await current(api);
    assert.equal(found.run, null, 'its run may be open: no older run is offered in its place');
    assert.equal(found.unreadable?.kind, 'unsupported');
    assert.equal(found.unreadable?.file, file);
    assert.equal(found.unreadable?.line, 1);
    assert.match(found.unreadable?.title ?? '', /another version of MSA Wizard/);
    assert.match(
      found.unreadable?.message ?? '',
      /holds a plan this version of MSA Wizard does not accept, at line 1 \(/,
    );
    assert.doesNotMatch(found.unreadable?.message ?? '', /damaged/);
    assert.match(found.unreadable?.action ?? '', /with the version of MSA Wizard that started it/);
    assert.equal((await refused(api, 'runs.undo', { runId: 'odd-plan' })).message, found.unreadable?.message);

    // A task set later that this version refuses: the task-set's line, not the run-started one.
    const later = oldJournal(dir, 'odd-task', '2026-07-01T00:00:00.000Z');
    appendRecord(later, { type: 'task-set', at: '2026-07-01T00:00:01.000Z', task: { name: 42 }, before: [] });
    const task = await current(api);
    assert.equal(task.unreadable?.file, later);
    assert.equal(task.unreadable?.kind, 'unsupported');
    assert.equal(task.unreadable?.line, 2);
    assert.match(task.unreadable?.message ?? '', /at line 2 \(task\./);
  });

  it('a journal naming a step this version does not know is unsupported, at that line', async () => {
    const dir = journals();
    const file = oldJournal(dir, 'odd-step', '2026-06-01T00:00:00.000Z');
    appendRecord(file, { type: 'step-started', at: '2026-06-01T00:00:01.000Z', stepId: 'group', script: 'x' });
    appendRecord(file, { type: 'step-started', at: '2026-06-01T00:00:02.000Z', stepId: 'teleport', script: 'x' });
    const found = await current(offline(dir));
    assert.equal(found.unreadable?.kind, 'unsupported');
    assert.equal(found.unreadable?.line, 3);
    assert.match(
      found.unreadable?.message ?? '',
      /records a step this version of MSA Wizard does not know, at line 3 \("teleport"\)/,
    );
  });

  it('a journal recording an object of a kind this version does not know is unsupported, at that line', async () => {
    const dir = journals();
    const file = oldJournal(dir, 'odd-object', '2026-06-01T00:00:00.000Z');
    appendRecord(file, {
      type: 'step-finished',
      at: '2026-06-01T00:00:01.000Z',
      stepId: 'group',
      outcome: { status: 'done', created: [{ kind: 'wormhole', identity: 'x' }], message: 'ok', errorKind: null },
    });
    const found = await current(offline(dir));
    assert.equal(found.unreadable?.kind, 'unsupported');
    assert.equal(found.unreadable?.line, 2);
    assert.match(found.unreadable?.message ?? '', /an object of a kind .* does not know, at line 2 \("wormhole"\)/);
  });

  it('a journal set aside is passed over whatever its plan: the older open run is offered', async () => {
    const dir = journals();
    oldJournal(dir, 'older-run', '2026-01-01T00:00:00.000Z');
    const closed = oldJournal(dir, 'closed-odd', '2026-06-01T00:00:00.000Z', { accountType: 'gmsa' });
    appendRecord(closed, { type: 'run-closed', at: '2026-06-01T00:00:01.000Z' });
    const found = await current(offline(dir));
    assert.equal(found.unreadable, undefined);
    assert.equal(found.run?.runId, 'older-run');
  });

  it('a journal with no complete line is a run that never started: passed over, and refused by name', async () => {
    const dir = journals();
    oldJournal(dir, 'older-run', '2026-01-01T00:00:00.000Z');
    // runs.start died between creating the file and writing its first record: empty, or a torn first line.
    const empty = journalPath(dir, 'empty-run', new Date('2026-06-01T00:00:00.000Z'));
    writeFileSync(empty, '');
    const torn = journalPath(dir, 'torn-run', new Date('2026-07-01T00:00:00.000Z'));
    appendFileSync(torn, JSON.stringify({ type: 'run-started', v: 1, at: '2026-07-01T00:00:00.000Z' }).slice(0, 30));
    assert.deepEqual(readJournal(empty), []);
    assert.deepEqual(readJournal(torn), []);
    const api = offline(dir);
    const found = await current(api);
    assert.equal(found.unreadable, undefined, 'not reported as damaged');
    assert.equal(found.run?.runId, 'older-run', 'the older open run is offered');
    for (const runId of ['empty-run', 'torn-run']) {
      const error = await refused(api, 'runs.step', { runId, stepId: 'group' });
      assert.equal(error.kind, 'RunRequest', runId);
      assert.equal(error.title, 'This run never started.');
    }
  });

  it('a journal from a newer MSA Wizard is refused by name, on runs.current and on every call on that run', async () => {
    const dir = journals();
    oldJournal(dir, 'older-run', '2026-01-01T00:00:00.000Z');
    const file = journalPath(dir, 'future-run', new Date('2026-06-01T00:00:00.000Z'));
    // A newer format's records need not fit this version's schema at all.
    writeFileSync(
      file,
      [
        {
          type: 'run-started',
          v: JOURNAL_VERSION + 1,
          at: '2026-06-01T00:00:00.000Z',
          runId: 'future-run',
          plan: GMSA,
          before: [],
          site: 'x',
        },
        { type: 'step-paused', at: '2026-06-01T00:00:01.000Z', stepId: 'group' },
      ]
        .map((r) => `${JSON.stringify(r)}\n`)
        .join(''),
    );
    const api = offline(dir);
    const found = await current(api);
    assert.equal(found.run, null);
    assert.equal(found.unreadable?.kind, 'newer');
    assert.equal(found.unreadable?.line, 1);
    assert.match(
      found.unreadable?.message ?? '',
      new RegExp(
        `was written by a newer MSA Wizard \\(journal format ${JOURNAL_VERSION + 1}; this version reads format ${JOURNAL_VERSION}\\)`,
      ),
    );
    assert.match(found.unreadable?.title ?? '', /newer MSA Wizard/);
    assert.match(found.unreadable?.action ?? '', /with the MSA Wizard that wrote it/);
    for (const [method, input] of [
      ['runs.step', { runId: 'future-run', stepId: 'group' }],
      ['runs.undo', { runId: 'future-run' }],
      ['runs.close', { runId: 'future-run' }],
    ] as const) {
      assert.match((await refused(api, method, input)).message, /newer MSA Wizard/, method);
    }
    assert.equal(readFileSync(file, 'utf8').split('\n').length, 3, 'nothing was appended to it');
  });
});
