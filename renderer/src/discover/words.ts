// The discovery's verdicts as the screen shows them: their words and tone, and each kind of job's name. The core
// decides a finding's verdict, ranks the findings and says why in its own words (electron/common/discover); the
// renderer only shows them.
import type { StatusTone } from '../components/StatusBadge';
import type { DiscoverVerdict, Finding, HostProblem } from '../api/contract';

export const VERDICT_WORDS: Record<DiscoverVerdict, string> = {
  failing: 'Failing now',
  'will-fail': 'Will fail',
  expiring: 'Password expires soon',
  unknown: 'Could not be checked',
  'standing-secret': 'Password never expires',
  fine: 'Fine',
};

export const VERDICT_TONE: Record<DiscoverVerdict, StatusTone> = {
  failing: 'fail',
  'will-fail': 'fail',
  expiring: 'warn',
  unknown: 'warn',
  'standing-secret': 'warn',
  fine: 'pass',
};

export const USE_KIND_WORDS: Record<Finding['use']['kind'], string> = {
  task: 'Scheduled task',
  service: 'Windows service',
  'app-pool': 'IIS application pool',
};

/** The job's name as an admin types it: the task's full path, the service's or the pool's name. */
export function jobName(finding: Finding): string {
  const use = finding.use;
  return use.kind === 'task' ? `${use.taskPath}${use.taskName}` : use.name;
}

/** A host problem's cause as a short heading. */
export const PROBLEM_WORDS: Record<HostProblem['cause'], string> = {
  unreachable: 'Not reachable',
  'winrm-off': 'PowerShell remoting is off',
  'access-denied': 'Access denied',
  'script-failed': 'The read failed there',
  'remoting-error': 'PowerShell remoting failed',
};
