// Runs of a plan, journaled: start (journal the plan and what already exists; run nothing), run one step or all
// remaining ones, undo what the run created, set a run aside, and find the run to resume after a crash. Every
// change is journaled BEFORE (step-started, with its script) and AFTER (step-finished, with its outcome) it happens,
// so a reopened wizard knows what was done, what was cut off, and what is left. One operation at a time.
import { randomUUID } from 'node:crypto';
import type { RunInfo, StepPreview } from '../api/contract.js';
import { parsePlan } from '../plan/plan-schema.js';
import { classifyError, ERROR_EXPLANATIONS } from '../powershell/errors.js';
import { PsCommandError } from '../powershell/session-errors.js';
import { planSteps, stepById } from '../steps/plan-steps.js';
import type { StepSession } from '../steps/types.js';
import { appendRecord, journalPath, listJournals, readJournal, runIdOf, type JournalRecord } from './journal.js';
import { foldRun, HOST_STEPS, whereOf, type FoldedRun } from './run-state.js';
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
  /** The computer this session runs on (host steps run only there). */
  readonly computer: () => Promise<string>;
  readonly now?: () => Date;
}

export class RunService {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  constructor(private readonly options: RunServiceOptions) {
    this.now = options.now ?? (() => new Date());
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
    return { file, run: foldRun(readJournal(file), file) };
  }

  /** The newest run still open (not completed, undone or set aside), to offer for resume. */
  current(): Promise<RunInfo | null> {
    return this.serial(async () => {
      for (const file of listJournals(this.options.journalDir)) {
        try {
          const { info } = foldRun(readJournal(file), file);
          if (info.state === 'open') return info;
        } catch {
          // A damaged or outdated journal is not offered; the next one may be.
        }
      }
      return null;
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
      appendRecord(file, { type: 'run-started', at: started.toISOString(), runId, plan: planInput, before });
      return foldRun(readJournal(file), file).info;
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

  /** Runs what is left (of one kind, if given), in order; stops at the first conflict or failure. */
  all(runId: string, where?: 'directory' | 'host'): Promise<RunInfo> {
    return this.serial(async () => {
      for (;;) {
        const { file, run } = this.load(runId);
        const next = run.info.steps.find(
          (s) => s.status !== 'done' && s.status !== 'exists' && (where === undefined || s.where === where),
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
    if (HOST_STEPS.has(stepId)) {
      const here = await this.options.computer();
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
    const outcome = await step.run(session, run.plan);
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

  /** Sets a run aside: it is no longer offered for resume. Changes nothing in AD. */
  close(runId: string): Promise<RunInfo> {
    return this.serial(async () => {
      const file = this.file(runId);
      appendRecord(file, { type: 'run-closed', at: this.at() });
      return foldRun(readJournal(file), file).info;
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

/** The steps of a plan input with their scripts (validates the plan; runs nothing). */
export function planStepPreviews(planInput: unknown): StepPreview[] {
  const plan = parsePlan(planInput);
  return planSteps(plan).map((s) => ({ id: s.id, title: s.title, script: s.preview(plan).text, where: whereOf(s.id) }));
}
