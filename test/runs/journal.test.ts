// The run journal on disk: records append one line each and survive a reader at any time; a record torn by a
// crash mid-write is dropped, damage anywhere else is reported, files list newest first.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  appendRecord,
  journalPath,
  JournalError,
  listJournals,
  readJournal,
  runIdOf,
  type JournalRecord,
} from '../../electron/common/runs/journal.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'msa-journal-'));
const started = (runId: string): JournalRecord => ({
  type: 'run-started',
  at: '2026-11-25T10:00:00.000Z',
  runId,
  plan: { accountType: 'gmsa', name: 'svc-web' },
  before: [],
});

describe('run journal', () => {
  it('appends one line per record and reads them back in order', () => {
    const file = journalPath(dir(), 'run-1', new Date('2026-11-25T10:00:00Z'));
    appendRecord(file, started('run-1'));
    appendRecord(file, {
      type: 'step-started',
      at: '2026-11-25T10:00:01.000Z',
      stepId: 'group',
      script: "New-ADGroup 'a'\n# b",
    });
    appendRecord(file, {
      type: 'step-finished',
      at: '2026-11-25T10:00:02.000Z',
      stepId: 'group',
      outcome: { status: 'done', created: [{ kind: 'group', identity: 'CN=g,DC=x' }], message: 'ok', errorKind: null },
    });
    const text = readFileSync(file, 'utf8');
    assert.equal(text.split('\n').length, 4, 'three lines and a final newline');
    assert.deepEqual(
      readJournal(file).map((r) => r.type),
      ['run-started', 'step-started', 'step-finished'],
    );
    assert.equal(runIdOf(file), 'run-1');
  });

  it('drops a last record torn by a crash mid-write, and the next append starts on a fresh line', () => {
    const file = journalPath(dir(), 'run-2', new Date());
    appendRecord(file, started('run-2'));
    appendRecord(file, { type: 'step-started', at: '2026-11-25T10:00:01.000Z', stepId: 'group', script: 'x' });
    appendFileSync(file, '{"type":"step-finished","at":"2026-11-25T10:0');
    assert.deepEqual(
      readJournal(file).map((r) => r.type),
      ['run-started', 'step-started'],
    );
    // The next append cuts the torn tail off first, so the journal stays readable.
    appendRecord(file, { type: 'run-closed', at: '2026-11-25T10:00:03.000Z' });
    assert.deepEqual(
      readJournal(file).map((r) => r.type),
      ['run-started', 'step-started', 'run-closed'],
    );
  });

  it('reports damage before the last line with the line number, and a journal that does not start with its run', () => {
    const file = journalPath(dir(), 'run-3', new Date());
    writeFileSync(file, `${JSON.stringify(started('run-3'))}\nnot json\n{"type":"run-closed","at":"x"}\n`);
    assert.throws(
      () => readJournal(file),
      (e: unknown) => e instanceof JournalError && /line 2/.test(e.message),
    );
    const other = journalPath(dir(), 'run-4', new Date());
    writeFileSync(other, '{"type":"run-closed","at":"x"}\n');
    assert.throws(() => readJournal(other), /does not start with the run/);
  });

  it('refuses to write a record that does not match the schema', () => {
    const file = journalPath(dir(), 'run-5', new Date());
    assert.throws(() => appendRecord(file, { type: 'step-started', at: 'x' } as unknown as JournalRecord));
  });

  it('lists journal files newest first and ignores other files', () => {
    const d = dir();
    appendRecord(journalPath(d, 'old', new Date('2026-01-01T00:00:00Z')), started('old'));
    appendRecord(journalPath(d, 'new', new Date('2026-06-01T00:00:00Z')), started('new'));
    writeFileSync(path.join(d, 'notes.txt'), 'x');
    assert.deepEqual(listJournals(d).map(runIdOf), ['new', 'old']);
    assert.deepEqual(listJournals(path.join(d, 'missing')), []);
  });
});
