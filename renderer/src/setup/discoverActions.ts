// "Move to a managed account": discover.adopt turns an account at risk (with every job that runs as it), or one job,
// into a plan (a gMSA whose retrieval group holds every host, its groups, SPNs and file rights, the jobs re-pointed),
// which then opens in the forms exactly as Open answers does: on Account, from its first part, nothing run.
import { call } from '../api/client';
import type { AccountSummary, ApiError, ApiInput, Finding } from '../api/contract';
import { jobName } from '../discover/words';
import { api } from '../api/instance';
import { usePlanFile } from '../store/planFileStore';
import { useDiscover } from '../store/discoverStore';
import { useMigration } from '../store/migrationStore';
import { useRun } from '../store/runStore';
import { answersAtStake, loadPlan } from './planFile';
import { isActive } from './steps';

/** A planned move waiting to be opened: what it moves, the plan, and what it would replace in the forms (or null). */
export interface PlannedMove {
  /** The account, or the job and its computer, in words. */
  readonly account: string;
  readonly plan: Record<string, unknown>;
  readonly replaced: string | null;
  /** What the core left out of the plan and why. */
  readonly notes: readonly string[];
}

const busyRun = (account: string): ApiError => ({
  kind: 'BadInput',
  title: `A run holds the forms: the move of ${account} cannot be opened now.`,
  action: 'Finish it, or on Account set it aside ("Change the plan") or undo it on Summary, then move the account.',
  message: 'The plan being carried out stays as it is until then.',
});

/** What to move: an account with every job that runs as it, or one job on its computer. */
export interface MoveTarget {
  /** The account, or the finding's id: where the card shows a refusal. */
  readonly key: string;
  /** In words: 'CONTOSO\\svc-report-user', or '\\Reports\\Export inactive users on WEB01'. */
  readonly label: string;
  readonly input: ApiInput<'discover.adopt'>;
}

/** The account on the computers where it runs something: moving it covers all of them. */
export function accountTarget(summary: AccountSummary): MoveTarget {
  const sam = summary.facts?.sam ?? summary.account.replace(/^.*\\/, '');
  return { key: summary.account, label: summary.account, input: { account: sam, computers: [...summary.hosts] } };
}

/** One job on its computer (the account's other jobs stay as they are). */
export function jobTarget(finding: Finding): MoveTarget {
  const use = finding.use;
  const job =
    use.kind === 'task'
      ? { task: `${use.taskPath}${use.taskName}` }
      : use.kind === 'service'
        ? { service: use.name }
        : { appPool: use.name };
  return { key: finding.id, label: `${jobName(finding)} on ${use.host}`, input: { computer: use.host, ...job } };
}

/** Asks the core for the plan that moves `target`; null (and the refusal shown on its card) when refused. */
export async function planMove(target: MoveTarget): Promise<PlannedMove | null> {
  const discover = useDiscover.getState();
  if (discover.adopting !== null) return null;
  if (isActive(useRun.getState().run)) {
    discover.setAdoptError(target.key, busyRun(target.label));
    return null;
  }
  discover.setAdopting(target.key);
  const result = await call(api, 'discover.adopt', target.input);
  if (!result.ok) {
    useDiscover.getState().setAdoptError(target.key, result.error);
    return null;
  }
  useDiscover.getState().setAdopting(null);
  const plan = result.value.plan;
  return {
    account: target.label,
    plan,
    replaced: answersAtStake({ ok: true, fileName: '', plan }),
    notes: result.value.notes,
  };
}

/** Opens a planned move in the forms and says so on Account (its plan-file status line). */
export function openMove(move: PlannedMove): void {
  loadPlan(move.plan);
  useMigration.getState().setNotes(move.notes);
  const gmsa = typeof move.plan.name === 'string' ? `${move.plan.name.replace(/\$$/, '')}$` : 'a gMSA';
  usePlanFile.getState().setOutcome({
    ok: true,
    message: `Planned the move of ${move.account} to ${gmsa}. Review it here, part by part; nothing has run.`,
  });
}
