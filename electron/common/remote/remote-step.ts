// A host step of another computer, run from here through remoting: the same step (id, title, descriptor, its own
// script and judge for the exported plan script), with the script it previews, runs and undoes wrapped by
// onHostScript. Every script the step sends goes through a session that wraps it the same way, so a step that sends
// more than one (the task's test run polls) or explains a failure with a second read needs nothing of its own. Decided
// for every host step in one place (planSteps), from step.host against the plan's target computer: no kind knows.
import type { Plan } from '../plan/plan-schema.js';
import { PsErrorKind } from '../powershell/errors.js';
import { PsCommandError } from '../powershell/session-errors.js';
import type { Step, StepSession } from '../steps/types.js';
import { onHostScript, runsRemotely } from './on-host.js';
import { remotingProblem, remotingProblemOf, type RemotingProblem } from './problems.js';

/**
 * A session that runs each script on `host` (onHostScript), and remembers a failure to reach it, and whether an
 * earlier script of the step ran there (a long step sends several: then the step did change the host).
 */
export function remoteSession(
  session: StepSession,
  host: string,
  plan: Plan,
): { session: StepSession; problem: () => RemotingProblem | undefined; ranThere: () => boolean } {
  let problem: RemotingProblem | undefined;
  let ran = false;
  return {
    session: {
      async run(script, options) {
        try {
          const data = await session.run(onHostScript(host, plan, script), options);
          ran = true;
          return data;
        } catch (error) {
          problem = error instanceof PsCommandError ? remotingProblemOf(error, host) : undefined;
          throw error;
        }
      },
    },
    problem: () => problem,
    ranThere: () => ran,
  };
}

/** The step, run on its host through remoting (see the file's head). `plan` names the account for its undo. */
export function remoteStep(step: Step, plan: Plan): Step {
  const host = step.host ?? '';
  return {
    ...step,
    preview: (p) => onHostScript(host, p, step.preview(p)),
    async run(session, p, options) {
      const remote = remoteSession(session, host, p);
      const outcome = await step.run(remote.session, p, options);
      const problem = remote.problem();
      if (outcome.status !== 'failed' || problem === undefined) return outcome;
      // Not connected, and no earlier script of the step ran there: nothing changed; the step can simply run again.
      if (!remote.ranThere()) {
        return { status: 'failed', created: [], errorKind: PsErrorKind.RemotingFailed, message: problem.sentence };
      }
      // Lost on a later script (a test run's poll): what ran before stays as the step reported it.
      return { ...outcome, message: `${outcome.message} ${problem.what} ${problem.fix} (WinRM: ${problem.message})` };
    },
    undo: (created) => onHostScript(host, plan, step.undo(created)),
  };
}

/** A plan's step as it runs: on the target computer as it is, on another host through remoting. */
export const asRun = (step: Step, plan: Plan): Step => (runsRemotely(step.host, plan) ? remoteStep(step, plan) : step);

export { remotingProblem };
