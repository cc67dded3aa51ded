// How the health check is ordered and summed up: failures first. Groups are ordered by their worst check, and the
// checks in a group by status (fail, warn, unknown, pass); ties keep the core's order (CHECK_GROUPS for groups).
import { CHECK_GROUPS, type CheckResult, type CheckStatus } from '../api/contract';

export type CheckGroup = (typeof CHECK_GROUPS)[number];

/** Worst first. */
export const STATUS_ORDER: readonly CheckStatus[] = ['fail', 'warn', 'unknown', 'pass'];

/** The status in words, shown beside every status icon (never colour alone). */
export const STATUS_LABEL: Record<CheckStatus, string> = {
  fail: 'Fail',
  warn: 'Warning',
  unknown: 'Unknown',
  pass: 'Pass',
};

const rank = (status: CheckStatus): number => STATUS_ORDER.indexOf(status);

export function worstStatus(results: readonly CheckResult[]): CheckStatus {
  return results.reduce<CheckStatus>((worst, r) => (rank(r.status) < rank(worst) ? r.status : worst), 'pass');
}

export interface GroupView {
  readonly group: CheckGroup;
  readonly worst: CheckStatus;
  readonly checks: readonly CheckResult[];
}

/** The groups that have checks, failures first; within each group, the checks failures first. */
export function groupChecks(results: readonly CheckResult[]): GroupView[] {
  return CHECK_GROUPS.map((group) => {
    const checks = results
      .map((check, index) => ({ check, index }))
      .filter(({ check }) => check.group === group)
      .sort((a, b) => rank(a.check.status) - rank(b.check.status) || a.index - b.index)
      .map(({ check }) => check);
    return { group, worst: worstStatus(checks), checks };
  })
    .filter((view) => view.checks.length > 0)
    .map((view, index) => ({ view, index }))
    .sort((a, b) => rank(a.view.worst) - rank(b.view.worst) || a.index - b.index)
    .map(({ view }) => view);
}

export type StatusCounts = Record<CheckStatus, number>;

export function countStatuses(results: readonly CheckResult[]): StatusCounts {
  const counts: StatusCounts = { fail: 0, warn: 0, unknown: 0, pass: 0 };
  for (const r of results) counts[r.status] += 1;
  return counts;
}

const COUNT_WORDS: Record<CheckStatus, (n: number) => string> = {
  fail: (n) => `${n} failing`,
  warn: (n) => `${n} ${n === 1 ? 'warning' : 'warnings'}`,
  unknown: (n) => `${n} unknown`,
  pass: (n) => `${n} passing`,
};

/** "2 failing, 1 warning, 9 passing": the statuses that occur, worst first. */
export function summarize(counts: StatusCounts): string {
  const parts = STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => COUNT_WORDS[s](counts[s]));
  return parts.length === 0 ? 'No checks' : parts.join(', ');
}
