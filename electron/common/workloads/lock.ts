// When a run's workload can no longer be changed or taken out (runs.setWorkload / runs.removeWorkload refuse, the
// form is read-only). Shared by the core and the screens, so both say the same. Types and plain code only.

/** A step of a run as far as locking its workload is concerned. */
export interface LockStepState {
  readonly workloadId: string | null;
  readonly settingsDependent: boolean;
  readonly status: string;
  readonly created: readonly unknown[];
}

/**
 * Why a workload can no longer be changed, or null while it can: 'registered' once one of its settings-dependent steps
 * (a task's registration or test run, a service's account change) succeeded or made something, 'cut-off' while one of
 * its steps was cut off (it may have changed the host). User rights do not count: they are the account's on the host,
 * whatever the workload runs.
 */
export function workloadLockReason(
  steps: readonly LockStepState[],
  workloadId: string,
): 'registered' | 'cut-off' | null {
  const own = steps.filter((s) => s.workloadId === workloadId);
  if (own.some((s) => s.status === 'running')) return 'cut-off';
  const settings = own.filter((s) => s.settingsDependent);
  if (settings.some((s) => s.created.length > 0 || s.status === 'done' || s.status === 'exists')) return 'registered';
  return null;
}
