// Runs of a plan, journaled: start (journal the plan and what already exists; run nothing), run one step or all
// remaining ones, give the run its scheduled task later, undo what the run created, set a run aside, and find the
// run to resume after a crash. Every change is journaled BEFORE (step-started, with its script) and AFTER
// (step-finished, with its outcome) it happens, so a reopened wizard knows what was done, what was cut off, and what
// is left. One operation at a time.
import { randomUUID } from 'node:crypto';
import type { ApiOutput, RunInfo, StepPreview, StepStage } from '../api/contract.js';
import { parsePlan, PlanInputError } from '../plan/plan-schema.js';
import { classifyError, ERROR_EXPLANATIONS } from '../powershell/errors.js';
import { PsCommandError } from '../powershell/session-errors.js';
import { isStepId, planSteps, stepById } from '../steps/plan-steps.js';
import type { StepSession } from '../steps/types.js';
import { taskLockReason, type TaskProgress } from '../workloads/scheduled-task/task-types.js';
import {
  appendRecord,
  JOURNAL_VERSION,
  JournalError,
  journalPath,
  listJournals,
  readJournal,
  runIdOf,
  type JournalRecord,
} from './journal.js';
import { foldRun, stageOf, whereOf, withTask, type FoldedRun } from './run-state.js';
import { KINDS_BY_STEP, sameObject, survey } from './survey.js';

/** A request the run cannot take as it stands: shown to the admin as it is (title, what to do). */
export class RunRequestError extends Error {
  constructor(
    readonly title: string,
    message: string,
    readonly action: string,
  ) {
    super(message);
    this.name = 'RunRequestError';
  }
}

export interface RunServiceOptions {
  /** Where the journals live (one file per run). */
  readonly journalDir: string;
  /** The session, wrapped so each script is reported to the UI under an operation name. */
  readonly session: (operation: string) => StepSession;
  /** The computer this session runs on (host steps run only there). Asked once; asked again only after a failure. */
  readonly computer: () => Promise<string>;
  readonly now?: () => Date;
  /** While a step waits (the task's test run polls the task for up to 5 minutes): how far it is, for the UI. */
  readonly onProgress?: (runId: string, stepId: string, progress: TaskProgress) => void;
}

export class RunService {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  constructor(private readonly options: RunServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  private computerName: Promise<string> | undefined;

  /** The computer this session runs on, asked of the session once (it does not change while the session lives). */
  private computer(): Promise<string> {
    this.computerName ??= this.options.computer();
    this.computerName.catch(() => (this.computerName = undefined));
    return this.computerName;
  }

  /** One operation at a time: two clicks must not run a step twice. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private at(): string {
    return this.now().toISOString();
  }

  private file(runId: string): string {
    const file = listJournals(this.options.journalDir).find((f) => runIdOf(f) === runId);
    if (file === undefined) {
      throw new RunRequestError(
        'That run is not in the journal.',
        `No journal for run ${runId} in ${this.options.journalDir}.`,
        'Start the setup again from the Account step.',
      );
    }
    return file;
  }

  private load(runId: string): { file: string; run: FoldedRun } {
    const file = this.file(runId);
    return { file, run: readRun(file) };
  }

  /**
   * The newest run still open (not completed, undone or set aside), to offer for resume; or, when a journal newer
   * than it cannot be read, that journal's problem and no run: its run may be open and may have changed the
   * directory, so the admin must hear of it rather than be offered an older run as if nothing happened. Journals
   * with nothing to resume are passed over before their plan is read: a run that never started (no complete line)
   * and a run set aside (run-closed), whatever version wrote its plan.
   */
  current(): Promise<ApiOutput<'runs.current'>> {
    return this.serial(async () => {
      for (const file of listJournals(this.options.journalDir)) {
        let info: RunInfo;
        try {
          const records = readJournal(file);
          if (records.length === 0 || records.some((r) => r.type === 'run-closed')) continue;
          info = foldJournal(file, records).info;
        } catch (error) {
          if (error instanceof JournalError) return { run: null, unreadable: error.problem };
          throw error;
        }
        if (info.state === 'open') return { run: info };
      }
      return { run: null };
    });
  }

  /** Journals the plan and what of it exists already; runs nothing else. */
  start(planInput: Record<string, unknown>): Promise<RunInfo> {
    const plan = parsePlan(planInput);
    return this.serial(async () => {
      const runId = randomUUID();
      const started = this.now();
      const before = await survey(this.options.session('runs.start'), plan);
      const file = journalPath(this.options.journalDir, runId, started);
      appendRecord(file, {
        type: 'run-started',
        v: JOURNAL_VERSION,
        at: started.toISOString(),
        runId,
        plan: planInput,
        before,
      });
      return readRun(file).info;
    });
  }

  /** Runs one step: the next one due, or one that failed or was cut off, again. */
  step(runId: string, stepId: string): Promise<RunInfo> {
    return this.serial(async () => {
      const { file, run } = this.load(runId);
      await this.runStep(file, run, stepId);
      return this.load(runId).run.info;
    });
  }

  /** Runs what is left (of one kind and/or stage, if given), in order; stops at the first conflict or failure. */
  all(runId: string, where?: 'directory' | 'host', stage?: StepStage): Promise<RunInfo> {
    return this.serial(async () => {
      for (;;) {
        const { file, run } = this.load(runId);
        const next = run.info.steps.find(
          (s) =>
            s.status !== 'done' &&
            s.status !== 'exists' &&
            (where === undefined || s.where === where) &&
            (stage === undefined || s.stage === stage),
        );
        if (next === undefined) return run.info;
        const status = await this.runStep(file, run, next.id);
        if (status === 'conflict' || status === 'failed') return this.load(runId).run.info;
      }
    });
  }

  private async runStep(file: string, run: FoldedRun, stepId: string): Promise<string> {
    const info = run.info;
    this.assertOpen(info);
    const index = info.steps.findIndex((s) => s.id === stepId);
    const current = info.steps[index];
    if (current === undefined) {
      throw new RunRequestError('No such step.', `This plan has no step ${stepId}.`, 'Reload the wizard.');
    }
    const blocker = info.steps.slice(0, index).find((s) => s.status !== 'done' && s.status !== 'exists');
    if (blocker !== undefined) {
      throw new RunRequestError(
        `"${current.title}" must wait.`,
        `"${blocker.title}" has not succeeded yet; the steps build on each other.`,
        `Run "${blocker.title}" first.`,
      );
    }
    if (current.status === 'done' || current.status === 'exists') return current.status;
    if (whereOf(stepId) === 'host') {
      const here = await this.computer();
      if (here.toUpperCase() !== info.targetComputer.toUpperCase()) {
        throw new RunRequestError(
          `This step runs on ${info.targetComputer}.`,
          `The wizard runs on ${here}, but "${current.title}" must run on ${info.targetComputer}, the computer that will use ${info.account}.`,
          `Copy the script and run it in an elevated PowerShell on ${info.targetComputer}, or run the wizard there.`,
        );
      }
    }
    const step = stepById(stepId);
    const cutOff = current.status === 'running';
    const session = this.options.session(`runs.step:${stepId}`);
    appendRecord(file, { type: 'step-started', at: this.at(), stepId, script: step.preview(run.plan).text });
    const onProgress = this.options.onProgress;
    const outcome = await step.run(
      session,
      run.plan,
      // Only the progress: each step keeps its own limits (the test run: 5 minutes, polling every second).
      onProgress === undefined ? undefined : { onProgress: (p) => onProgress(info.runId, stepId, p) },
    );
    const created = [...outcome.created];
    if (cutOff) {
      // The earlier attempt may have changed AD before the app died: what of this step's kinds exists now and did not
      // when the run started was made by this run, so undo must take it away too.
      const kinds = KINDS_BY_STEP[stepId] ?? [];
      const now = await survey(session, run.plan).catch(() => []);
      for (const o of now) {
        if (
          kinds.includes(o.kind) &&
          !run.before.some((b) => sameObject(b, o)) &&
          !created.some((c) => sameObject(c, o))
        )
          created.push(o);
      }
    }
    appendRecord(file, {
      type: 'step-finished',
      at: this.at(),
      stepId,
      outcome: {
        status: outcome.status,
        created,
        message: outcome.message,
        errorKind: outcome.errorKind ?? null,
        ...(outcome.warnings === undefined ? {} : { warnings: [...outcome.warnings] }),
        ...(outcome.details === undefined ? {} : { details: outcome.details }),
      },
    });
    return outcome.status;
  }

  /** Undoes the newest pending undo action, or (all) every one in order; stops at the first failure. */
  undo(runId: string, all = false): Promise<RunInfo> {
    return this.serial(async () => {
      for (;;) {
        const { file, run } = this.load(runId);
        if (run.info.steps.some((s) => s.status === 'running')) {
          throw new RunRequestError(
            'A step was cut off.',
            'A step of this run was cut off before its result was recorded; undo could miss what it made.',
            'Run that step again first (it re-reads the directory and changes nothing it finds done), then undo.',
          );
        }
        const action = run.info.undo.find((u) => u.status !== 'done');
        if (action === undefined) {
          if (run.info.undo.length === 0) {
            throw new RunRequestError(
              'Nothing to undo.',
              'This run has not created anything: every object it used was already there.',
              'Nothing needs to be done.',
            );
          }
          return run.info;
        }
        const record: JournalRecord = {
          type: 'undo-started',
          at: this.at(),
          stepId: action.stepId,
          script: action.script,
        };
        appendRecord(file, record);
        const step = stepById(action.stepId);
        let ok = true;
        let message = `Removed: ${action.created.map((c) => c.identity).join('; ')}.`;
        try {
          await this.options
            .session(`runs.undo:${action.stepId}`)
            .run(step.undo(action.created), { timeoutMs: 120_000 });
        } catch (error) {
          ok = false;
          const kind = classifyError(error);
          const detail = error instanceof PsCommandError ? (error.errors[0]?.message ?? error.message) : String(error);
          message = `${ERROR_EXPLANATIONS[kind].title} ${ERROR_EXPLANATIONS[kind].action} (PowerShell: ${detail})`;
        }
        appendRecord(file, { type: 'undo-finished', at: this.at(), stepId: action.stepId, ok, message });
        if (!ok || !all) return this.load(runId).run.info;
      }
    });
  }

  /**
   * Gives the run its scheduled task, or another one, or none (null), after it started: in the wizard the account is
   * set up first and the task on a later screen. Allowed until the task is registered (failed attempts are fine: the
   * new task's registration and test run are due again; a batch right already granted stays granted, and then the
   * task can be changed but not taken out). Validates the task as part of the whole
   * plan (PlanInputError, with plan paths such as task.action.path), then surveys the task's host objects, so undo
   * never removes a task or a batch right that was there before, and journals a task-set record. Changes nothing in
   * AD and nothing on the host.
   */
  setTask(runId: string, task: Record<string, unknown> | null): Promise<RunInfo> {
    return this.serial(async () => {
      const { file, run } = this.load(runId);
      this.assertOpen(run.info);
      const taskSteps = run.info.steps.filter((s) => s.stage === 'task');
      const locked = taskLockReason(taskSteps);
      if (locked === 'cut-off') {
        throw new RunRequestError(
          'A task step was cut off.',
          "A step of this run's scheduled task was cut off before its result was recorded: it may have registered the task already.",
          'Run that step again first (it reads what is there and changes nothing it finds done); the task can then no longer be changed in this run.',
        );
      }
      if (locked === 'registered') {
        throw new RunRequestError(
          'The task is registered already.',
          'This run has already registered its scheduled task, so it cannot be changed here.',
          'To change the task, undo this run, or start a new setup: its account steps will find the account existing and change nothing.',
        );
      }
      if (task === null && taskSteps.some((s) => s.created.length > 0)) {
        // Without a task the run would have no batch-right step, and undo would forget the right it granted.
        throw new RunRequestError(
          'The batch right is granted already.',
          'This run has granted the account "Log on as a batch job" for its task, so the task cannot be taken out of it.',
          'Change the task instead, or undo this run (that removes the right too).',
        );
      }
      const planInput = withTask(run.info.plan, task);
      const plan = parsePlan(planInput);
      // Only the task's host objects (the rest was surveyed when the run started); none without a task: no round trip.
      const found =
        task === null
          ? []
          : (await survey(this.options.session('runs.setTask'), plan, 'task')).filter(
              // What this run made itself (the batch right, granted for an earlier task) is its own, not "before".
              (o) => !run.info.steps.some((s) => s.created.some((c) => sameObject(c, o))),
            );
      appendRecord(file, { type: 'task-set', at: this.at(), task, before: found });
      return this.load(runId).run.info;
    });
  }

  /** Sets a run aside: it is no longer offered for resume. Changes nothing in AD. */
  close(runId: string): Promise<RunInfo> {
    return this.serial(async () => {
      // Read first: a journal this version cannot read (damaged, or a newer format) gets nothing appended.
      const { file } = this.load(runId);
      appendRecord(file, { type: 'run-closed', at: this.at() });
      return readRun(file).info;
    });
  }

  private assertOpen(info: RunInfo): void {
    if (info.state === 'closed' || info.state === 'undone' || info.undo.some((u) => u.status === 'done')) {
      throw new RunRequestError(
        'This run is over.',
        info.state === 'closed' ? 'This run was set aside.' : 'This run has been (partly) undone.',
        'Start a new setup from the Account step.',
      );
    }
  }
}

/** A run as its journal tells it. */
function readRun(file: string): FoldedRun {
  const records = readJournal(file);
  if (records.length === 0) {
    throw new RunRequestError(
      'This run never started.',
      `The run journal ${file} holds no record: the wizard stopped while starting the run, before anything ran.`,
      'Start the setup again from the Account step.',
    );
  }
  return foldJournal(file, records);
}

/**
 * Folds a journal's records. Records that read but that another version of MSA Wizard wrote for this one to carry
 * out — a step it does not know, or a plan its rules refuse (they may have tightened since) — make the journal
 * 'unsupported', with the line at fault: its run may be open, so it is not skipped. Any other error is a fault of
 * this program and is thrown as it is (never called damage in the journal).
 */
function foldJournal(file: string, records: readonly JournalRecord[]): FoldedRun {
  const unknown = records.findIndex((r) => 'stepId' in r && !isStepId(r.stepId));
  const record = records[unknown];
  if (record !== undefined && 'stepId' in record) {
    throw new JournalError(
      file,
      'unsupported',
      unknown + 1,
      `records a step this version of MSA Wizard does not know, at line ${unknown + 1} ("${record.stepId}").`,
    );
  }
  try {
    return foldRun(records, file);
  } catch (error) {
    if (!(error instanceof PlanInputError)) throw error;
    // The plan is the run-started one (line 1) with the task of the last task-set, if any: a problem in the task
    // alone is that record's.
    const lastTaskSet = records.findLastIndex((r) => r.type === 'task-set');
    const inTask = error.issues.every((i) => i.path === 'task' || i.path.startsWith('task.'));
    const line = lastTaskSet > 0 && inTask ? lastTaskSet + 1 : 1;
    const why = error.issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; ');
    throw new JournalError(
      file,
      'unsupported',
      line,
      `holds a plan this version of MSA Wizard does not accept, at line ${line} (${why}).`,
    );
  }
}

/** The steps of a plan input with their scripts (validates the plan; runs nothing). */
export function planStepPreviews(planInput: unknown): StepPreview[] {
  const plan = parsePlan(planInput);
  return planSteps(plan).map((s) => ({
    id: s.id,
    title: s.title,
    script: s.preview(plan).text,
    where: whereOf(s.id),
    stage: stageOf(s.id),
  }));
}
