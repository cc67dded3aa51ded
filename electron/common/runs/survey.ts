// What of a plan already exists in the directory and on the host: read once when a run starts (so undo can never
// take away what was there before), and again when a step cut off by a crash is run anew (what exists now and did
// not before was created by that cut-off attempt). Read-only; one round trip.
import { z } from 'zod';
import { createdObjectSchema } from '../api/contract.js';
import { samOf, type Plan } from '../plan/plan-schema.js';
import { ps, type PsScript } from '../powershell/script.js';
import { PRELUDE, type CreatedKind, type CreatedObject, type StepSession } from '../steps/types.js';
import { BATCH_RIGHT, RIGHT_HELPERS } from '../workloads/scheduled-task/batch-right.js';
import { taskUri } from '../workloads/scheduled-task/task-schema.js';
import { USER_RIGHTS_FALLBACK } from '../workloads/scheduled-task/user-rights.js';

const surveyRaw = z.array(createdObjectSchema);

/**
 * The task's host objects, read only when this session runs on the target computer (elsewhere they are not visible):
 * the account holding "Log on as a batch job" there, and the task. Named as the task steps name what they create.
 */
function hostSurvey(plan: Plan): PsScript {
  const task = plan.task;
  if (task === undefined) return ps``;
  // The user-rights commands (and the C# fallback they may compile) only where the host part runs.
  return ps`
if ([string]$env:COMPUTERNAME -eq ${plan.targetComputer}) {
${USER_RIGHTS_FALLBACK}
${RIGHT_HELPERS}
    $sam = ${samOf(plan)}
    try {
        $accountName = Get-MsaTaskAccount $sam
        $sid = $null
        if ($null -ne $account -and $null -ne $account.SID) { $sid = [string]$account.SID }
        $right = Get-MsaUserRight -Right ${BATCH_RIGHT}
        if (@(Select-MsaRightEntries -Entries $right.Accounts -Account $accountName -Sam $sam -Sid $sid).Count -gt 0) {
            [void]$found.Add([ordered]@{ kind = 'batch-right'; identity = $accountName; parent = ${plan.targetComputer} })
        }
    } catch { $right = $null }
    $task = $null
    try { $task = Get-ScheduledTask -TaskName ${task.name} -TaskPath ${task.folder} -ErrorAction Stop } catch { $task = $null }
    if ($null -ne $task) { [void]$found.Add([ordered]@{ kind = 'scheduled-task'; identity = ${taskUri(task)}; parent = ${plan.targetComputer} }) }
}`;
}

export function surveyScript(plan: Plan) {
  const sam = samOf(plan);
  return ps`${PRELUDE}
# Which of this plan's objects exist now (read-only).
$found = New-Object System.Collections.ArrayList
$groupName = ${plan.gmsa?.group.name ?? null}
if ($null -ne $groupName) {
    $group = Get-MsaOrNull { Get-ADGroup -Identity $groupName -Properties Members }
    if ($null -ne $group) {
        $groupDn = [string]$group.DistinguishedName
        [void]$found.Add([ordered]@{ kind = 'group'; identity = $groupDn })
        $members = @($group.Members | ForEach-Object { ([string]$_).ToLowerInvariant() })
        foreach ($name in ${plan.gmsa?.computers ?? []}) {
            $computer = Get-MsaOrNull { Get-ADComputer -Identity $name }
            if ($null -ne $computer -and $members -contains ([string]$computer.DistinguishedName).ToLowerInvariant()) {
                [void]$found.Add([ordered]@{ kind = 'group-member'; identity = [string]$computer.DistinguishedName; parent = $groupDn })
            }
        }
    }
}
$account = Get-MsaOrNull { Get-ADServiceAccount -Identity ${sam} -Properties HostComputers }
if ($null -ne $account) {
    [void]$found.Add([ordered]@{ kind = 'service-account'; identity = [string]$account.DistinguishedName })
    foreach ($hostDn in @($account.HostComputers)) {
        [void]$found.Add([ordered]@{ kind = 'smsa-link'; identity = [string]$account.DistinguishedName; parent = [string]$hostDn })
    }
    $usable = $false
    try { $usable = [bool](Test-ADServiceAccount -Identity ${sam} -WarningAction SilentlyContinue) } catch { $usable = $false }
    if ($usable) { [void]$found.Add([ordered]@{ kind = 'installed-account'; identity = ${sam}; parent = ${plan.targetComputer} }) }
}${hostSurvey(plan)}
,@($found)`;
}

/**
 * Only the task's host objects (the batch right, the task), for a task given to a run that has surveyed the rest:
 * the account is looked up for its SID alone (no group, no computers, no Test-ADServiceAccount).
 */
export function taskSurveyScript(plan: Plan) {
  return ps`${PRELUDE}
# Which of this plan's task objects exist now (read-only).
$found = New-Object System.Collections.ArrayList
$account = Get-MsaOrNull { Get-ADServiceAccount -Identity ${samOf(plan)} }${hostSurvey(plan)}
,@($found)`;
}

/** Reads what of the plan exists now (`task`: only the task's host objects). */
export async function survey(session: StepSession, plan: Plan, part: 'all' | 'task' = 'all'): Promise<CreatedObject[]> {
  const script = part === 'task' ? taskSurveyScript(plan) : surveyScript(plan);
  const data = await session.run(script, { timeoutMs: 60_000 });
  return surveyRaw.parse(data.length === 1 ? data[0] : data);
}

/** What each step can create: a cut-off attempt of that step is credited with objects of these kinds only. */
export const KINDS_BY_STEP: Readonly<Record<string, readonly CreatedKind[]>> = {
  group: ['group'],
  'group-members': ['group-member'],
  account: ['service-account'],
  'smsa-link': ['smsa-link'],
  install: ['installed-account'],
  'batch-right': ['batch-right'],
  'scheduled-task': ['scheduled-task'],
};

export const sameObject = (a: CreatedObject, b: CreatedObject): boolean =>
  a.kind === b.kind &&
  a.identity.toLowerCase() === b.identity.toLowerCase() &&
  (a.parent ?? '').toLowerCase() === (b.parent ?? '').toLowerCase();
