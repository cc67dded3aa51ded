// Runs of a plan, journaled: start (journal the plan and what already exists; run nothing), run one step or all
// remaining ones, add, change or remove its workloads later, undo what the run created, set a run aside, and find the
// run to resume after a crash. Every change is journaled BEFORE (step-started, with its script) and AFTER
// (step-finished, with its outcome) it happens, so a reopened wizard knows what was done, what was cut off, and what
// is left. One operation at a time.
import { randomUUID } from 'node:crypto';
import type { ApiOutput, RunInfo, SetAsideRun, StepPreview, StepStage } from '../api/contract.js';
import { parsePlan, PlanInputError, type Plan, type PlanWorkload } from '../plan/plan-schema.js';
import { classifyError, ERROR_EXPLANATIONS } from '../powershell/errors.js';
import { PsCommandError } from '../powershell/session-errors.js';
import type { StepProgress } from '../steps/details.js';
import { planSteps, stepById } from '../steps/plan-steps.js';
import type { CreatedObject, StepSession } from '../steps/types.js';
import { runsRemotely } from '../remote/on-host.js';
import { remotingProblem } from '../remote/problems.js';
import { createsOf, isKnownStepId, KNOWN_CREATED_KINDS } from '../workloads/all-steps.js';
import { workloadLockReason } from '../workloads/lock.js';
import { formatAbsolute } from '../when.js';
import {
  appendRecord,
  JOURNAL_VERSION,
  JournalError,
  journalPath,
  listJournals,
  readJournal,
  runIdOf,
  type Inherited,
  type JournalRecord,
} from './journal.js';
import { currentRecords, foldRun, stepFacts, withWorkload, workloadsForm, type FoldedRun } from './run-state.js';
import { sameObject, survey } from './survey.js';

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
  readonly onProgress?: (runId: string, stepId: string, progress: StepProgress) => void;
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
      const found = await surveyOrRefuse(this.options.session('runs.start'), plan);
      // What an earlier run of this wizard made and then set aside without undoing is not "there before": the step
      // that finds it takes it over, so this run's Undo all removes it. Only that run's journal is evidence.
      const inherited = inheritable(this.readableRuns(), found);
      const before = found.filter((o) => !inherited.some((i) => sameObject(i.object, o)));
      const file = journalPath(this.options.journalDir, runId, started);
      appendRecord(file, {
        type: 'run-started',
        v: JOURNAL_VERSION,
        at: started.toISOString(),
        runId,
        plan: planInput,
        before,
        ...(inherited.length === 0 ? {} : { inherited }),
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

  /**
   * Runs what is left (of one kind and/or stage, if given), in order; stops at the first conflict or failure. Other
   * hosts' steps run there through remoting (../remote/), in the same order.
   */
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
    // The target computer's host steps run in this session, so it must be that computer; another host's run there
    // through remoting (their preview says so), from wherever the wizard runs.
    if (current.where === 'host' && !current.remote) {
      const here = await this.computer();
      if (here.toUpperCase() !== info.targetComputer.toUpperCase()) {
        throw new RunRequestError(
          `This step runs on ${info.targetComputer}.`,
          `The wizard runs on ${here}, but "${current.title}" must run on ${info.targetComputer}, the computer that will use ${info.account}.`,
          `Copy the script and run it in an elevated PowerShell on ${info.targetComputer}, or run the wizard there.`,
        );
      }
    }
    const step = stepById(run.plan, stepId);
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
      // A workload's step reads its own workload's objects only: another workload's object of the same kind (two
      // pools on one host) is never this step's. Nor is an object another step of the run is credited with already.
      const kinds = createsOf(stepId);
      const own =
        current.workloadId === null ? undefined : run.plan.workloads.filter((w) => w.id === current.workloadId);
      const now = await survey(session, run.plan, own).catch(() => []);
      for (const o of now) {
        if (
          kinds.includes(o.kind) &&
          !run.before.some((b) => sameObject(b, o)) &&
          !run.inheritable.some((i) => sameObject(i.object, o)) &&
          !created.some((c) => sameObject(c, o)) &&
          !info.steps.some((s) => s.id !== stepId && s.created.some((c) => sameObject(c, o)))
        )
          created.push(o);
      }
    }
    // The step found what an earlier, set-aside run's same step made (the start's survey saw it): it takes it over.
    const inherited =
      outcome.status === 'done' || outcome.status === 'exists'
        ? run.inheritable.filter(
            (i) =>
              i.stepId === stepId &&
              createsOf(stepId).includes(i.object.kind) &&
              !created.some((c) => sameObject(c, i.object)),
          )
        : [];
    created.push(...inherited.map((i) => i.object));
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
        ...(inherited.length === 0 ? {} : { inherited }),
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
        const taker = takenOverBy(this.readableRuns(), run.info.runId, true);
        if (taker !== null) {
          throw new RunRequestError(
            'A newer run took this run’s objects over.',
            `The run started ${formatAbsolute(taker.createdAt)} found what this run created and reuses it; undoing this run first would pull it from under that one.`,
            'Undo the newer run instead: its Undo all removes these objects too.',
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
        const step = stepById(run.plan, action.stepId);
        let ok = true;
        let message = `Removed: ${action.created.map((c) => c.identity).join('; ')}.`;
        try {
          const output = await this.options
            .session(`runs.undo:${action.stepId}`)
            .run(step.undo(action.created), { timeoutMs: 120_000 });
          // An undo that reports what it did ('ReportSvc: set back to LocalSystem.', '...: left as is: now runs as
          // X.') is shown in its words; the others removed what they were given.
          const said = output.flat().filter((line): line is string => typeof line === 'string' && line.trim() !== '');
          if (said.length > 0) message = said.join(' ');
        } catch (error) {
          ok = false;
          const kind = classifyError(error);
          const detail = error instanceof PsCommandError ? (error.errors[0]?.message ?? error.message) : String(error);
          message = `${ERROR_EXPLANATIONS[kind].title} ${ERROR_EXPLANATIONS[kind].action} (PowerShell: ${detail})`;
        }
        appendRecord(file, { type: 'undo-finished', at: this.at(), stepId: action.stepId, ok, message });
        if (ok) this.settleInherited(action.inherited, run.info.createdAt);
        if (!ok || !all) return this.load(runId).run.info;
      }
    });
  }

  /**
   * Adds a workload to the run, or replaces the one with its id, after the run started: in the wizard the account is
   * set up first and its workloads on a later screen. Allowed until the workload's settings-dependent steps changed
   * something (workloadLockReason; failed attempts are fine: they are due again, and a right already granted stays
   * granted). Validates the workload as part of the whole plan (PlanInputError, with plan paths such as
   * workloads.0.settings.action.path), then surveys its host objects, so undo never removes a task, a service's
   * account or a right that was there before, and journals a workload-set record. Changes nothing in AD or on a host.
   */
  setWorkload(runId: string, workload: Record<string, unknown>): Promise<RunInfo> {
    return this.serial(async () => {
      const { file, run } = this.load(runId);
      this.assertOpen(run.info);
      const requested = typeof workload.id === 'string' ? workload.id : undefined;
      if (requested !== undefined) this.assertUnlocked(run.info, requested);
      const entry = { ...workload };
      delete entry.id;
      // Without an id: the kind's next free one, as the plan schema gives it.
      const workloadId = requested ?? newWorkloadId(run.info.plan, entry);
      const planInput = withWorkload(run.info.plan, workloadId, entry);
      const plan = parsePlan(planInput);
      const added = plan.workloads.find((w) => w.id === workloadId);
      if (added === undefined) throw new Error('the plan lost the workload it was given');
      this.assertHostSettled(run.info, added.host);
      // The survey reads every workload of that host, not the added one alone, in the same one script (one round
      // trip): the fold then replaces what the run knew of that host's workload objects by (kind, host), which is
      // exact only when the survey covered all of them. Surveying the added workload alone would need each kind to
      // say which identities its objects have, to replace only those; without that, another workload's object of the
      // same kind (ReportSvc when Spooler is added) fell out of "before", a cut-off retry credited the run with it, and
      // undo deleted it.
      const onHost = plan.workloads.filter((w) => w.host.toUpperCase() === added.host.toUpperCase());
      const found = (await surveyOrRefuse(this.options.session('runs.setWorkload'), plan, onHost)).filter(
        // What this run made itself (a right granted for another workload, another workload's pool) is its own, not
        // "before". Nothing of that host is cut off (assertHostSettled), so all it made is in the journal.
        (o) => !run.info.steps.some((s) => s.created.some((c) => sameObject(c, o))),
      );
      appendRecord(file, {
        type: 'workload-set',
        at: this.at(),
        workloadId,
        workload: entry,
        before: found,
        surveyed: 'host',
      });
      return this.load(runId).run.info;
    });
  }

  /**
   * Takes a workload out of the run, under the same lock as setWorkload; and not once a right step that only this
   * workload needed has granted something (without the workload the run would have no such step, and undo would
   * forget the right).
   */
  removeWorkload(runId: string, workloadId: string): Promise<RunInfo> {
    return this.serial(async () => {
      const { file, run } = this.load(runId);
      this.assertOpen(run.info);
      const gone = run.plan.workloads.find((w) => w.id === workloadId);
      if (gone === undefined) {
        throw new RunRequestError(
          'No such workload.',
          `This run has no workload ${workloadId}.`,
          'Reload the wizard: the run may have changed in another window.',
        );
      }
      this.assertUnlocked(run.info, workloadId);
      const planInput = withWorkload(run.info.plan, workloadId, null);
      const remaining = planSteps(parsePlan(planInput)).map((s) => s.id);
      const orphan = run.info.steps.find(
        (s) => s.workloadId === null && s.stage === 'workload' && s.created.length > 0 && !remaining.includes(s.id),
      );
      if (orphan !== undefined) {
        throw new RunRequestError(
          'A right is granted already.',
          `This run has granted the account a right for ${workloadId} ("${orphan.title}"), and no other workload on ${orphan.host ?? ''} needs it, so ${workloadId} cannot be taken out of it.`,
          'Change the workload instead, or undo this run (that removes the right too).',
        );
      }
      appendRecord(file, { type: 'workload-set', at: this.at(), workloadId, workload: null, before: [] });
      return this.load(runId).run.info;
    });
  }

  /**
   * Refuses a workload on a host where a workload step (a right, another workload's step) was cut off: that attempt
   * may have made objects the journal does not know of yet, and the host's survey would call them "there before", so
   * undo would never remove them. Running the step again first records them.
   */
  private assertHostSettled(info: RunInfo, host: string): void {
    const cut = info.steps.find(
      (s) => s.stage === 'workload' && s.status === 'running' && (s.host ?? '').toUpperCase() === host.toUpperCase(),
    );
    if (cut !== undefined) {
      throw new RunRequestError(
        `A step on ${host} was cut off.`,
        `"${cut.title}" was cut off before its result was recorded: it may have changed ${host} already.`,
        'Run that step again first (it reads what is there and changes nothing it finds done), then add the workload.',
      );
    }
  }

  private assertUnlocked(info: RunInfo, workloadId: string): void {
    const locked = workloadLockReason(info.steps, workloadId);
    if (locked === 'cut-off') {
      throw new RunRequestError(
        'A workload step was cut off.',
        `A step of the workload ${workloadId} was cut off before its result was recorded: it may have changed the host already.`,
        'Run that step again first (it reads what is there and changes nothing it finds done); the workload can then no longer be changed in this run.',
      );
    }
    if (locked === 'registered') {
      throw new RunRequestError(
        'The workload is set up already.',
        `This run has already set up the workload ${workloadId}, so it cannot be changed here.`,
        'To change it, undo this run, or start a new setup: its account steps will find the account existing and change nothing.',
      );
    }
  }

  /** The runs set aside, newest first, each with what it created, what of it is undone and who took it over. */
  setAside(): Promise<SetAsideRun[]> {
    return this.serial(async () => {
      const runs = this.readableRuns();
      return runs
        .filter((r) => r.info.setAsideAt !== null)
        .map((r) => ({ run: r.info, takenOverBy: takenOverBy(runs, r.info.runId, false) }));
    });
  }

  /** Every run whose journal reads, newest first (the others are the resume banner's to report). */
  private readableRuns(): FoldedRun[] {
    const runs: FoldedRun[] = [];
    for (const file of listJournals(this.options.journalDir)) {
      try {
        const records = readJournal(file);
        if (records.length > 0) runs.push(foldJournal(file, records));
      } catch (error) {
        if (!(error instanceof JournalError)) throw error;
      }
    }
    return runs;
  }

  /**
   * Objects this run's undo removed that it had taken over from an earlier, set-aside run: that run's journal records
   * its step as undone (by this run), so it no longer lists them as left in place, nor tries to remove them again; and
   * so on down the chain, when that run had taken them over from an earlier one. Only a step all of whose objects were
   * removed is recorded.
   */
  private settleInherited(inherited: RunInfo['undo'][number]['inherited'], by: string): void {
    const runs = this.readableRuns();
    for (const i of inherited) {
      const earlier = runs.find((r) => r.info.runId === i.runId);
      const action = earlier?.info.undo.find((u) => u.created.some((c) => sameObject(c, i.object)));
      if (earlier === undefined || action === undefined || action.status === 'done') continue;
      const removed = inherited.filter((x) => x.runId === i.runId).map((x) => x.object);
      if (!action.created.every((c) => removed.some((o) => sameObject(o, c)))) continue;
      appendRecord(earlier.info.journal, {
        type: 'undo-finished',
        at: this.at(),
        stepId: action.stepId,
        ok: true,
        message: `Removed by the undo of a later run (started ${formatAbsolute(by)}), which had found and reused it.`,
      });
      this.settleInherited(action.inherited, by);
    }
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

/**
 * The survey, or, when another host cannot be reached through remoting, a refusal with the cause and the fix: what is
 * on a host before the run must be known before anything changes there (undo never removes what was there before).
 */
async function surveyOrRefuse(
  session: StepSession,
  plan: Plan,
  workloads?: readonly PlanWorkload[],
): Promise<CreatedObject[]> {
  try {
    return await survey(session, plan, workloads);
  } catch (error) {
    const first = error instanceof PsCommandError ? error.errors[0] : undefined;
    if (first === undefined) throw error;
    // The host WinRM named (its message and target name it); the plan's remote hosts are the candidates.
    const said = `${first.target ?? ''} ${first.detail ?? ''} ${first.message}`.toUpperCase();
    const hosts = [...new Set((workloads ?? plan.workloads).map((w) => w.host))].filter((h) => runsRemotely(h, plan));
    const host = hosts.find((h) => said.includes(h.toUpperCase())) ?? hosts[0];
    const problem = host === undefined ? undefined : remotingProblem(first, host);
    if (problem === undefined) throw error;
    throw new RunRequestError(
      `${problem.host} cannot be reached through PowerShell remoting.`,
      `${problem.what} (WinRM: ${problem.message}) The wizard reads what is on each host before it changes anything there (so that undo never removes what was there before), so nothing was done.`,
      `${problem.fix} Then try again.`,
    );
  }
}

/**
 * Of the objects a new run's survey found, those an earlier run of this wizard created and set aside without undoing:
 * the newest run whose journal credits an object decides. Set aside, that step's undo still pending: the new run takes
 * it over. Any other (open, completed, undone there): not the new run's.
 */
export function inheritable(runs: readonly FoldedRun[], found: readonly CreatedObject[]): Inherited[] {
  const out: Inherited[] = [];
  for (const object of found) {
    for (const r of runs) {
      const action = r.info.undo.find((u) => u.created.some((c) => sameObject(c, object)));
      if (action === undefined) continue;
      if (r.info.setAsideAt !== null && r.info.state === 'closed' && action.status !== 'done') {
        out.push({
          object,
          runId: r.info.runId,
          runStartedAt: r.info.createdAt,
          setAsideAt: r.info.setAsideAt,
          stepId: action.stepId,
        });
      }
      break;
    }
  }
  return out;
}

/**
 * The newest run that took over objects of run `runId` (found them and credits them as inherited); with `pending`, only
 * one whose undo of them is still to do (undo goes in order: that run first).
 */
export function takenOverBy(runs: readonly FoldedRun[], runId: string, pending: boolean): SetAsideRun['takenOverBy'] {
  for (const r of runs) {
    if (r.info.runId === runId) continue;
    const actions = r.info.undo.filter(
      (u) => u.inherited.some((i) => i.runId === runId) && (!pending || u.status !== 'done'),
    );
    if (actions.length === 0) continue;
    const objects = actions.flatMap((u) => u.inherited.filter((i) => i.runId === runId)).length;
    return { runId: r.info.runId, createdAt: r.info.createdAt, state: r.info.state, objects };
  }
  return null;
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
function foldJournal(file: string, journalRecords: readonly JournalRecord[]): FoldedRun {
  const records = currentRecords(journalRecords);
  const unknown = records.findIndex((r) => 'stepId' in r && !isKnownStepId(r.stepId));
  const record = records[unknown];
  if (record !== undefined && 'stepId' in record) {
    throw new JournalError(
      file,
      'unsupported',
      unknown + 1,
      `records a step this version of MSA Wizard does not know, at line ${unknown + 1} ("${record.stepId}").`,
    );
  }
  // An object of a kind no step of this version creates could not be surveyed or undone here.
  const objectsOf = (r: JournalRecord) =>
    r.type === 'step-finished' ? r.outcome.created : 'before' in r ? r.before : [];
  const strange = records.findIndex((r) => objectsOf(r).some((o) => !KNOWN_CREATED_KINDS.has(o.kind)));
  const holder = records[strange];
  if (holder !== undefined) {
    const kind = objectsOf(holder).find((o) => !KNOWN_CREATED_KINDS.has(o.kind))?.kind ?? '';
    throw new JournalError(
      file,
      'unsupported',
      strange + 1,
      `records an object of a kind this version of MSA Wizard does not know, at line ${strange + 1} ("${kind}").`,
    );
  }
  try {
    return foldRun(records, file);
  } catch (error) {
    if (!(error instanceof PlanInputError)) throw error;
    // The plan is the run-started one (line 1) with the workloads set since: a problem in the workloads alone is the
    // last such record's.
    const lastSet = records.findLastIndex((r) => r.type === 'task-set' || r.type === 'workload-set');
    const inWorkloads = error.issues.every((i) => /^(task|workloads)(\.|$)/.test(i.path));
    const line = lastSet > 0 && inWorkloads ? lastSet + 1 : 1;
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
  return planSteps(plan).map((s) => stepFacts(s, plan));
}

/** The id a workload without one gets: its kind's next free id, as the plan schema gives it. */
function newWorkloadId(planInput: Record<string, unknown>, entry: Record<string, unknown>): string {
  const v2 = workloadsForm(planInput);
  const before = new Set(parsePlan(v2).workloads.map((w) => w.id));
  const trial = parsePlan({ ...v2, workloads: [...(v2.workloads as unknown[]), entry] });
  const fresh = trial.workloads.find((w) => !before.has(w.id));
  if (fresh === undefined) throw new Error('the plan schema gave the new workload no id');
  return fresh.id;
}
