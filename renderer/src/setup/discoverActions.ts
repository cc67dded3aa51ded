// "Move to a managed account": discover.adopt turns an account at risk (with every job that runs as it) into a plan
// (a gMSA whose retrieval group holds every host, its groups, SPNs and file rights, the jobs re-pointed), which then
// opens in the forms exactly as Open answers does: on Account, from its first part, nothing run.
import { call } from '../api/client';
import type { AccountSummary, ApiError } from '../api/contract';
import { api } from '../api/instance';
import { usePlanFile } from '../store/planFileStore';
import { useDiscover } from '../store/discoverStore';
import { useRun } from '../store/runStore';
import { answersAtStake, loadPlan } from './planFile';
import { isActive } from './steps';

/** A planned move waiting to be opened: whose it is, the plan, and what it would replace in the forms (or null). */
export interface PlannedMove {
  readonly account: string;
  readonly plan: Record<string, unknown>;
  readonly replaced: string | null;
}

const busyRun = (account: string): ApiError => ({
  kind: 'BadInput',
  title: `A run holds the forms: the move of ${account} cannot be opened now.`,
  action: 'Finish it, or on Account set it aside ("Change the plan") or undo it on Summary, then move the account.',
  message: 'The plan being carried out stays as it is until then.',
});

/** Asks the core for the plan that moves `summary`'s account; null (and the error shown on its card) when refused. */
export async function planMove(summary: AccountSummary): Promise<PlannedMove | null> {
  const discover = useDiscover.getState();
  if (discover.adopting !== null) return null;
  if (isActive(useRun.getState().run)) {
    discover.setAdoptError(summary.account, busyRun(summary.account));
    return null;
  }
  discover.setAdopting(summary.account);
  const result = await call(api, 'discover.adopt', adoptInput(summary));
  if (!result.ok) {
    useDiscover.getState().setAdoptError(summary.account, result.error);
    return null;
  }
  useDiscover.getState().setAdopting(null);
  const plan = result.value.plan;
  return { account: summary.account, plan, replaced: answersAtStake({ ok: true, fileName: '', plan }) };
}

/** What discover.adopt is asked: the account, on the computers where it runs something. */
function adoptInput(summary: AccountSummary) {
  const sam = summary.facts?.sam ?? summary.account.replace(/^.*\\/, '');
  return { account: sam, computers: [...summary.hosts] };
}

/** Opens a planned move in the forms and says so on Account (its plan-file status line). */
export function openMove(move: PlannedMove): void {
  loadPlan(move.plan);
  const gmsa = typeof move.plan.name === 'string' ? `${move.plan.name.replace(/\$$/, '')}$` : 'a gMSA';
  usePlanFile.getState().setOutcome({
    ok: true,
    message: `Planned the move of ${move.account} to ${gmsa}. Review it here, part by part; nothing has run.`,
  });
}
