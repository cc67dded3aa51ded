// `msa-wizard apply --answers FILE [--lab-dir DIR | --scenario NAME] [--json] [--dry-run]`: runs the plan step by
// step, journaled like the wizard's runs (RunService: the journal in <lab>/journal, or next to the app's on
// Windows), one progress line per step, and the test run's wait for the task (its state, every 10 s). Exit 0: every
// step done or found done; 1: a step stopped (conflict or failure: its message says what to change; or cut off:
// PowerShell stopped answering); 2: bad input (answers file, options, lab), nothing ran. The newest open run of the
// very same answers (stopped in an earlier apply, or started in the wizard) is continued, not started again: its
// finished steps stay done, and a cut-off step runs again and is credited with what it made, so undo removes it.
import { rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { RunInfo, RunStep } from '../common/api/contract.js';
import { samOf, type Plan } from '../common/plan/plan-schema.js';
import { ENVIRONMENT_PROBE, parseEnvironment } from '../common/probes/environment.js';
import { PowerShellSession } from '../common/powershell/session.js';
import type { StepProgress } from '../common/steps/details.js';
import { describeTaskProgress } from '../common/workloads/scheduled-task/task-types.js';
import { planStepPreviews, RunRequestError, RunService } from '../common/runs/run-service.js';
import { labSessionOptions } from '../lab/lab.js';
import { readAnswersFile } from './answers-file.js';
import { option, parseArgs, UsageError } from './args.js';
import type { CliIo } from './io.js';
import { chooseLab } from './lab-option.js';

export const APPLY_HELP = `msa-wizard apply — run the plan, step by step

  msa-wizard apply --answers FILE [--lab-dir DIR | --scenario NAME] [--json] [--dry-run]
      runs every step of the answers' plan in order through one PowerShell session, journaled (resumable and
      undoable in the wizard), printing a line per step (and the test run's wait for the task), and stops at the
      first conflict or failure; the open run of the same answers (stopped in an earlier apply) is continued;
      --lab-dir: against a practice lab, as its target computer (--scenario too: create it there first if DIR has
      none); --scenario alone: in a new temporary lab; neither: this computer and its domain (Windows only);
      --json: the final run as JSON (progress lines go to stderr); --dry-run: list the steps, change nothing.
      Exit 0: done; 1: a step failed or conflicted (fix what it says, run again); 2: bad input, nothing ran`;

/**
 * The test run's wait, for a console: a line when the task's state changes, and every PROGRESS_EVERY_MS while it
 * stays the same (the step polls every second; a line a second would bury the step lines).
 */
export const PROGRESS_EVERY_MS = 10_000;
function progressPrinter(say: (line: string) => void, labelOf: (stepId: string) => string) {
  let last: { key: string; state: string; elapsedMs: number } | undefined;
  return (runId: string, stepId: string, progress: StepProgress): void => {
    const key = `${runId}/${stepId}`;
    const quiet =
      last !== undefined &&
      last.key === key &&
      last.state === progress.state &&
      progress.elapsedMs - last.elapsedMs < PROGRESS_EVERY_MS;
    if (quiet) return;
    last = { key, state: progress.state, elapsedMs: progress.elapsedMs };
    say(`${labelOf(stepId)} … ${describeTaskProgress(progress)}`);
  };
}

const whatOf = (plan: Plan): string =>
  `the ${plan.accountType === 'gmsa' ? 'gMSA' : 'sMSA'} ${samOf(plan)} on ${plan.targetComputer}`;

/**
 * The run to go on with instead of starting one: the newest open run, when it is of these very answers (the plan as
 * journaled: the answers' plan, JSON as it was written) and no undo of it has begun.
 */
export function runToContinue(open: RunInfo | null, input: unknown): RunInfo | null {
  if (open === null || open.undo.some((u) => u.status === 'done')) return null;
  return isDeepStrictEqual(open.plan, JSON.parse(JSON.stringify(input))) ? open : null;
}

/** Why apply stopped at a step, and what to do (the step's own message, printed before, says what it found). */
function stoppedWords(step: RunStep, index: number, total: number, target: string): string {
  const at = `Stopped at step ${index + 1} of ${total}`;
  if (step.status === 'running') {
    // Cut off: PowerShell never answered, so the step may have done its work.
    const where = step.where === 'host' ? `on ${target}` : 'in Active Directory';
    return `${at}: PowerShell stopped answering, so "${step.title}" may have changed things ${where} already. Run apply again with the same answers: it continues this run and runs that step again, which finds what is there and counts what the cut-off attempt made as this run's, so undoing the run (in the wizard: Resume, then Undo) removes it. Until then the run cannot be undone.`;
  }
  return `${at}. Fix what it says, then run apply again: with the same answers it continues this run from that step (finished steps stay done); changed answers start a new run, which reuses what this one made but never undoes it.`;
}

export async function applyCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['answers', 'lab-dir', 'scenario'], ['json', 'dry-run', 'help']);
  if (args.options.has('help')) {
    io.out(APPLY_HELP);
    return 0;
  }
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  if (args.rest !== undefined) throw new UsageError('apply takes no PowerShell (-- …)');
  const json = args.options.has('json');
  const dryRun = args.options.has('dry-run');
  const { plan, input } = readAnswersFile(option(args, 'answers'));
  const dirOption = option(args, 'lab-dir');
  const scenario = option(args, 'scenario');
  // Progress goes where it does not mix with the JSON.
  const say = (line: string) => (json ? io.err(line) : io.out(line));

  if (dryRun) {
    const steps = planStepPreviews(input);
    chooseLab('apply', dirOption, scenario, false);
    if (json) {
      io.out(JSON.stringify({ dryRun: true, steps }, null, 2));
      return 0;
    }
    say(`Dry run: nothing is changed. These ${steps.length} steps would run for ${whatOf(plan)}:`);
    steps.forEach((s, i) =>
      say(
        `  [${i + 1}/${steps.length}] ${s.title} (${s.id}, ${s.host === null ? 'in the directory' : `on ${s.host}`}${s.remote ? ', through remoting' : ''})`,
      ),
    );
    say('Each step reads first and changes only what is missing. Their exact scripts: msa-wizard plan --answers FILE');
    return 0;
  }

  if (dirOption === undefined && scenario === undefined && process.platform !== 'win32') {
    throw new UsageError(
      "apply changes this computer's domain only on Windows; here, run it against a practice lab: --lab-dir DIR or --scenario NAME",
    );
  }
  const { dir, temp } = chooseLab('apply', dirOption, scenario);
  try {
    const session = new PowerShellSession(
      dir === undefined ? {} : labSessionOptions(dir, { computer: plan.targetComputer }),
    );
    try {
      const journalDir =
        dir === undefined
          ? path.join(process.env.APPDATA ?? homedir(), 'MSA Wizard', 'journal')
          : path.join(dir, 'journal');
      // "[i/n] title" of each step, for the progress lines ("[10/10] Test run the task … Waiting for …").
      const labels = new Map<string, string>();
      const runs = new RunService({
        journalDir,
        session: () => ({ run: (script, options) => session.run(script, options) }),
        computer: async () => parseEnvironment(await session.run(ENVIRONMENT_PROBE)).computer,
        onProgress: progressPrinter(say, (stepId) => labels.get(stepId) ?? stepId),
      });
      say(
        `Applying ${path.basename(option(args, 'answers') ?? '')}: ${whatOf(plan)}${dir === undefined ? '' : ` (lab ${dir})`}`,
      );
      const open = runToContinue((await runs.current()).run, input);
      if (open !== null) {
        say(
          `Continuing the open run of these answers (started ${open.createdAt}${open.interrupted ? ', cut off' : ''}): finished steps stay done. Journal: ${open.journal}`,
        );
      }
      let run: RunInfo = open ?? (await runs.start(input));
      const total = run.steps.length;
      run.steps.forEach((step, i) => labels.set(step.id, `[${i + 1}/${total}] ${step.title}`));
      for (const [i, pending] of run.steps.entries()) {
        if (pending.status === 'done' || pending.status === 'exists') {
          say(`[${i + 1}/${total}] ${pending.title} … ${pending.status} (earlier)`);
          continue;
        }
        const started = Date.now();
        try {
          run = await runs.step(run.runId, pending.id);
        } catch (err) {
          if (!(err instanceof RunRequestError)) throw err;
          say(`[${i + 1}/${total}] ${pending.title} … refused: ${err.title} ${err.message} ${err.action}`);
          if (json) io.out(JSON.stringify(run, null, 2));
          return 1;
        }
        const step: RunStep = run.steps[i] ?? { ...pending, status: 'failed' };
        const status = step.status;
        // 'running' once the step is over: PowerShell never answered, so it may have done its work (cut off).
        const cutOff = status === 'running';
        say(`[${i + 1}/${total}] ${pending.title} … ${cutOff ? 'cut off' : status} (${Date.now() - started} ms)`);
        if (step.message) say(`      ${step.message}`);
        for (const w of step.warnings ?? []) say(`      warning: ${w}`);
        if (status === 'conflict' || status === 'failed' || cutOff) {
          say(`${stoppedWords(step, i, total, run.targetComputer)} Journal: ${run.journal}`);
          if (json) io.out(JSON.stringify(run, null, 2));
          return 1;
        }
      }
      const count = (s: string) => run.steps.filter((x) => x.status === s).length;
      const remote = [...new Set(run.steps.flatMap((x) => (x.remote && x.host !== null ? [x.host] : [])))];
      say(
        `Done: ${total} steps (${count('done')} done, ${count('exists')} already there${remote.length === 0 ? '' : `; on ${remote.join(', ')} through PowerShell remoting`}). Journal: ${run.journal}`,
      );
      if (json) io.out(JSON.stringify(run, null, 2));
      return 0;
    } finally {
      await session.dispose();
    }
  } finally {
    if (temp !== undefined) {
      rmSync(temp, { recursive: true, force: true });
      say('The temporary lab (and its journal) was removed: use --lab-dir DIR to keep one.');
    }
  }
}
