// What of a plan already exists in the directory and on its hosts (each workload host's part runs only there): read once when a run starts (so undo can never
// take away what was there before), and again when a step cut off by a crash is run anew (what exists now and did
// not before was created by that cut-off attempt). Read-only; one round trip.
import { z } from 'zod';
import { createdObjectSchema } from '../api/contract.js';
import { samOf, type Plan, type PlanWorkload } from '../plan/plan-schema.js';
import { ps } from '../powershell/script.js';
import { PRELUDE, type CreatedObject, type StepSession } from '../steps/types.js';
import { workloadSurvey } from '../workloads/all-steps.js';

const surveyRaw = z.array(createdObjectSchema);

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
}
$sam = ${sam}
${workloadSurvey(plan, plan.workloads)}
,@($found)`;
}

/**
 * Only some workloads' host objects (the rights they need, their own objects), for a workload given to a run that has
 * surveyed the rest: the account is looked up for its SID alone (no group, no computers, no Test-ADServiceAccount).
 */
export function workloadSurveyScript(plan: Plan, workloads: readonly PlanWorkload[]) {
  return ps`${PRELUDE}
# Which of this plan's workload objects exist now (read-only).
$found = New-Object System.Collections.ArrayList
$sam = ${samOf(plan)}
$account = Get-MsaOrNull { Get-ADServiceAccount -Identity $sam }
${workloadSurvey(plan, workloads)}
,@($found)`;
}

/** Reads what of the plan exists now (or, given workloads, only their host objects). */
export async function survey(
  session: StepSession,
  plan: Plan,
  workloads?: readonly PlanWorkload[],
): Promise<CreatedObject[]> {
  const script = workloads === undefined ? surveyScript(plan) : workloadSurveyScript(plan, workloads);
  const data = await session.run(script, { timeoutMs: 60_000 });
  return surveyRaw.parse(data.length === 1 ? data[0] : data);
}

export const sameObject = (a: CreatedObject, b: CreatedObject): boolean =>
  a.kind === b.kind &&
  a.identity.toLowerCase() === b.identity.toLowerCase() &&
  (a.parent ?? '').toLowerCase() === (b.parent ?? '').toLowerCase();
