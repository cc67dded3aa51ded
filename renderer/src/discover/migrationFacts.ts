// A move from a user account (the plan's `migration`) in words, as rows of a facts table: where the gMSA will run,
// the groups copied and those not copied with why, the SPNs moved, the delegation shown (constrained: the command;
// unconstrained: never copied), the file rights granted, how each job can be rolled back, and that the old account
// is left as it is. Pure: the Account review, Use the account and Summary show the same rows.
import type { Fact } from '../components/FactsTable';
import type { PlanWorkloadView } from '../store/planWorkloads';
import type { Migration } from '../store/migrationStore';

/** How a job moved to the gMSA can be undone, without the wizard ever handling a password. */
export function rollbackWords(workload: PlanWorkloadView): string {
  const settings = (workload.settings ?? {}) as { mode?: unknown; acknowledgeNoRestore?: unknown };
  if (workload.kind === 'existing-task') {
    return settings.mode === 'in-place'
      ? `${workload.description} on ${workload.host}: in place, undo needs the old account's password (Set-ScheduledTask -User -Password, run by you).`
      : `${workload.description} on ${workload.host}: side by side, the original stays, disabled, with its stored credential; undo removes the copy and enables the original.`;
  }
  if (workload.kind === 'service' || workload.kind === 'app-pool') {
    return `${workload.label} ${workload.description} on ${workload.host}: undo cannot set the user account back (its password is never handled)${settings.acknowledgeNoRestore === true ? '; acknowledged' : ''}.`;
  }
  return `${workload.label} ${workload.description} on ${workload.host}: undo removes it.`;
}

const lines = (items: readonly string[], none = '(none)'): string => (items.length === 0 ? none : items.join('\n'));

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export function migrationFacts(
  migration: Migration,
  gmsa: string,
  computers: readonly string[],
  workloads: readonly PlanWorkloadView[],
): Fact[] {
  const account = gmsa.replace(/\$$/, '');
  const rows: Fact[] = [
    ['Moving from', migration.from],
    ['Computers that retrieve the password', lines(computers)],
    ['Groups copied', lines(migration.copyGroups)],
    ['Groups not copied', lines(migration.notCopied.map((n) => `${n.group}: ${n.why}`))],
    [
      'SPNs moved',
      migration.moveSpns.length === 0
        ? '(none)'
        : `${migration.moveSpns.join('\n')}\n(removed from ${migration.from} and added to ${account}$ in one undoable step, never held twice)`,
    ],
  ];
  if (migration.constrainedDelegation.length > 0) {
    const targets = migration.constrainedDelegation.map(quote).join(', ');
    rows.push([
      'Constrained delegation (not applied)',
      `${migration.constrainedDelegation.join('\n')}\nTo give it to the gMSA: Set-ADServiceAccount -Identity ${quote(account)} -Add @{'msDS-AllowedToDelegateTo' = @(${targets})}`,
    ]);
  }
  if (migration.unconstrainedDelegation) {
    rows.push(['Unconstrained delegation', `${migration.from} is trusted for unconstrained delegation: never copied.`]);
  }
  rows.push([
    'File rights granted',
    lines(
      migration.fileAccess.map(
        (r) => `${r.host} ${r.path}: ${r.rights.join(', ')}${r.note === undefined ? '' : ` (${r.note})`}`,
      ),
    ),
  ]);
  rows.push(['Rollback', lines(workloads.map(rollbackWords))]);
  rows.push([
    'The old account',
    `${migration.from} is never disabled or deleted by the wizard: Summary lists the steps.`,
  ]);
  return rows;
}
