// The run journal: one JSON Lines file per run, appended to as the run goes (time, script, outcome, objects created),
// so a run cut off by a crash or a closed window can be resumed and undone. Each record is ONE write() of one line
// to a file opened with O_APPEND, then fsync: a record is either wholly there or (a crash mid-write) a torn last
// line, which reading drops. Nothing is ever rewritten in place.
import {
  closeSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  fstatSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createdObjectSchema, type JournalProblem } from '../api/contract.js';

/**
 * The journal format this version writes and reads (and every older one). The first record of every journal is
 * run-started with `v`, so any version can tell a newer journal from a damaged one; journals from before the
 * format had a number have no `v` and are format 1.
 */
export const JOURNAL_VERSION = 2;
// 2: workload-set records and step ids with a workload or host ('scheduled-task@task', 'batch-right@WEB01'); format 1
// journals (task-set, 'scheduled-task') are read as they were (run-state.ts converts their step ids).

const at = z.string();

/**
 * An object an earlier run of this wizard created and then set aside (run-closed) without undoing it, which this run
 * found again: the earlier run's journal is the evidence, nothing else. Undo of this run removes it too.
 */
export const inheritedSchema = z.object({
  object: createdObjectSchema,
  /** The earlier run, its start, when it was set aside, and the step of it that created the object. */
  runId: z.string(),
  runStartedAt: at,
  setAsideAt: at,
  stepId: z.string(),
});
export type Inherited = z.infer<typeof inheritedSchema>;

const outcomeSchema = z.object({
  status: z.enum(['done', 'exists', 'conflict', 'failed']),
  created: z.array(createdObjectSchema),
  message: z.string(),
  errorKind: z.string().nullable(),
  /** Added with the scheduled-task steps; absent in older journals. */
  warnings: z.array(z.string()).optional(),
  details: z.unknown().optional(),
  /** Of `created`, the objects an earlier, set-aside run made and this step found (absent in older journals). */
  inherited: z.array(inheritedSchema).optional(),
});

export const journalRecordSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run-started'),
    /** The journal format (JOURNAL_VERSION); absent in journals written before it had a number (format 1). */
    v: z.number().int().positive().optional(),
    at,
    runId: z.string(),
    /** The plan as the admin entered it (the answers). */
    plan: z.record(z.string(), z.unknown()),
    /** The plan's objects that existed before the run: never this run's to undo. */
    before: z.array(createdObjectSchema),
    /**
     * Objects the survey found that an earlier run set aside had created (not in `before`): the step that finds one
     * (the same step id) takes it over, so this run's undo removes it. Absent in older journals.
     */
    inherited: z.array(inheritedSchema).optional(),
  }),
  z.object({ type: z.literal('step-started'), at, stepId: z.string(), script: z.string() }),
  z.object({ type: z.literal('step-finished'), at, stepId: z.string(), outcome: outcomeSchema }),
  z.object({ type: z.literal('undo-started'), at, stepId: z.string(), script: z.string() }),
  z.object({
    type: z.literal('undo-finished'),
    at,
    stepId: z.string(),
    ok: z.boolean(),
    message: z.string(),
  }),
  z.object({ type: z.literal('run-closed'), at }),
  /**
   * The run's scheduled task, given (or changed, or removed: null) after the run started: the account is set up
   * first, the task on a later screen. The latest one replaces the run-started plan's task.
   */
  z.object({
    type: z.literal('task-set'),
    at,
    /** The task as the admin entered it (plan.task), or null: no task. */
    task: z.record(z.string(), z.unknown()).nullable(),
    /** The task's host objects (batch right, task) that existed when it was set: never this run's to undo. */
    before: z.array(createdObjectSchema),
  }),
  /**
   * A workload added or replaced (by id) or removed (null) after the run started: the account is set up first, its
   * workloads on a later screen. Applied in order over the run-started plan.
   */
  z.object({
    type: z.literal('workload-set'),
    at,
    workloadId: z.string(),
    /** The workload as the admin entered it ({ kind, host?, settings }), or null: removed. */
    workload: z.record(z.string(), z.unknown()).nullable(),
    /** The workload's host objects (its rights, its own objects) that existed when it was set: never this run's to undo. */
    before: z.array(createdObjectSchema),
    /**
     * 'host': `before` is the survey of every workload of the workload's host (the plan as this record leaves it), so
     * it replaces what the run knew of that host's workload objects. Absent (journals written before it): the survey
     * of this workload alone (run-state.ts reads those as they were, keeping what may be another workload's).
     */
    surveyed: z.literal('host').optional(),
  }),
]);
export type JournalRecord = z.infer<typeof journalRecordSchema>;
export type RecordOutcome = z.infer<typeof outcomeSchema>;

// The start time to the millisecond: two runs started in the same second (a fast machine, a test) must still sort in
// the order they started, not by their random ids. Names from before milliseconds (…T065912Z) still read.
const FILE = /^run-(\d{8}T\d{6}(?:\.\d{3})?Z)-([A-Za-z0-9-]{1,64})\.jsonl$/;

/** The journal file of a run. Names sort by start time. */
export function journalPath(dir: string, runId: string, started: Date): string {
  const stamp = started.toISOString().replace(/[-:]/g, '');
  return path.join(dir, `run-${stamp}-${runId}.jsonl`);
}

/** Appends one record: one write of one line, flushed to disk before returning. */
export function appendRecord(file: string, record: JournalRecord): void {
  const line = `${JSON.stringify(journalRecordSchema.parse(record))}\n`;
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'a+');
  try {
    dropTornTail(fd);
    const bytes = Buffer.from(line, 'utf8');
    let written = 0;
    // A regular file takes the whole buffer in one write(); the loop only guards against a short write.
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A crash mid-append leaves a partial last line; cut it off so the next record starts on a line of its own. */
function dropTornTail(fd: number): void {
  const size = fstatSync(fd).size;
  if (size === 0) return;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] === 0x0a) return;
  const all = Buffer.alloc(size);
  readSync(fd, all, 0, size, 0);
  ftruncateSync(fd, all.lastIndexOf(0x0a) + 1);
}

const TITLES: Readonly<Record<JournalProblem['kind'], string>> = {
  damaged: 'A run journal is damaged.',
  newer: 'A run journal was written by a newer MSA Wizard.',
  unsupported: 'A run journal was written by another version of MSA Wizard.',
};

/** A journal this version cannot read: where (file, line), what is wrong, and what the admin can do about it. */
export class JournalError extends Error {
  constructor(
    readonly file: string,
    readonly kind: JournalProblem['kind'],
    readonly line: number | null,
    problem: string,
  ) {
    super(`The run journal ${file} ${problem}`);
    this.name = 'JournalError';
  }

  get title(): string {
    return TITLES[this.kind];
  }

  get action(): string {
    const folder = path.dirname(this.file);
    if (this.kind === 'unsupported') {
      return `Finish or undo this run with the version of MSA Wizard that started it: this one cannot carry it out. To go on with this version instead, move the file out of ${folder} (keep it: it lists what the run created, which stays in the directory until removed) and reopen the wizard.`;
    }
    return this.kind === 'newer'
      ? `Resume or undo this run with the MSA Wizard that wrote it (or a later one). To go on with this version instead, move the file out of ${folder} and reopen the wizard.`
      : `Open the file in a text editor${this.line === null ? '' : ` at line ${this.line}`}: each line records one thing the run did. Mend the line, or move the file out of ${folder} (keep it: what the run created stays in the directory until removed) and reopen the wizard.`;
  }

  get problem(): JournalProblem {
    return {
      kind: this.kind,
      file: this.file,
      line: this.line,
      title: this.title,
      message: this.message,
      action: this.action,
    };
  }
}

/** The format a journal's first line declares (1 when it has none), or undefined when that line says nothing usable. */
function formatOf(firstLine: string | undefined): number | undefined {
  try {
    const first: unknown = JSON.parse(firstLine ?? '');
    if (typeof first !== 'object' || first === null || (first as { type?: unknown }).type !== 'run-started') return;
    const v = (first as { v?: unknown }).v;
    return v === undefined ? 1 : typeof v === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a journal. A torn LAST line (a crash mid-append) is dropped; damage anywhere else is an error, and so is a
 * journal in a newer format (checked first: a newer version's records need not fit this one's schema). A journal
 * with no complete line (empty, or only a torn first line) is a run that never started: runs.start died between
 * creating the file and writing its first record, before anything ran. It reads as no records.
 */
export function readJournal(file: string): JournalRecord[] {
  const text = readFileSync(file, 'utf8');
  // What follows the last newline is empty, or a record torn by a crash mid-append.
  const complete = text.split('\n').slice(0, -1);
  if (complete.length === 0) return [];
  const format = formatOf(complete[0]);
  if (format !== undefined && format > JOURNAL_VERSION) {
    throw new JournalError(
      file,
      'newer',
      1,
      `was written by a newer MSA Wizard (journal format ${format}; this version reads format ${JOURNAL_VERSION}).`,
    );
  }
  const records = complete.map((line, i) => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new JournalError(file, 'damaged', i + 1, `is damaged at line ${i + 1} (not JSON).`);
    }
    const parsed = journalRecordSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
      throw new JournalError(file, 'damaged', i + 1, `is damaged at line ${i + 1} (${where}${issue?.message}).`);
    }
    return parsed.data;
  });
  if (records[0]?.type !== 'run-started') {
    throw new JournalError(file, 'damaged', 1, 'is damaged at line 1: it does not start with the run it records.');
  }
  return records;
}

/** The journal files in a folder, newest first. */
export function listJournals(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => FILE.test(n))
    .sort()
    .reverse()
    .map((n) => path.join(dir, n));
}

/** The run id a journal file belongs to (from its name), or undefined. */
export function runIdOf(file: string): string | undefined {
  return FILE.exec(path.basename(file))?.[2];
}
