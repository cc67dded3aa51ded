// What of a plan already exists in the directory and on its hosts: read once when a run starts (so undo can never
// take away what was there before), and again when a step cut off by a crash is run anew (what exists now and did
// not before was created by that cut-off attempt). Read-only; one round trip: the directory and the target computer's
// workloads here, each other workload host's part there through PowerShell remoting (../remote/), with the account's
// facts read here first (no second hop). A host that cannot be reached fails the survey: what is there before must be
// known before anything changes there.
import { z } from 'zod';
import { createdObjectSchema } from '../api/contract.js';
import { samOf, type Plan, type PlanWorkload } from '../plan/plan-schema.js';
import { joinScripts, ps, type PsScript } from '../powershell/script.js';
import { invokeOnHostScript, readFactsScript, runsRemotely } from '../remote/on-host.js';
import { migrationSurvey } from '../steps/migration-survey.js';
import { PRELUDE, type CreatedObject, type StepSession } from '../steps/types.js';
import { hostSurvey, workloadSurvey } from '../workloads/all-steps.js';

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
${migrationSurvey(plan)}
$sam = ${sam}
${hostParts(plan, plan.workloads)}
,@($found)`;
}

/**
 * The workloads' host parts: the target computer's here (workloadSurvey: each part runs only on its host), every other
 * host's there through one Invoke-Command each, its objects added to $found. Expects $found, $sam and $account.
 */
function hostParts(plan: Plan, workloads: readonly PlanWorkload[]): PsScript {
  const here = workloads.filter((w) => !runsRemotely(w.host, plan));
  const hosts = [...new Set(workloads.filter((w) => runsRemotely(w.host, plan)).map((w) => w.host))];
  if (hosts.length === 0) return workloadSurvey(plan, here);
  return joinScripts([
    workloadSurvey(plan, here),
    readFactsScript(samOf(plan)),
    ...hosts.map((host) => {
      const there = workloads.filter((w) => w.host === host);
      const part = ps`${PRELUDE}
$found = New-Object System.Collections.ArrayList
$sam = ${samOf(plan)}
$account = $null
$msaSid = Get-MsaAccountSid $sam
if ($msaSid) { $account = [pscustomobject]@{ SID = $msaSid } }
${hostSurvey(plan, host, there)}
,@($found)`;
      return ps`foreach ($msaPart in @(& {
${invokeOnHostScript(host, part)}
})) { foreach ($msaObject in @($msaPart)) { [void]$found.Add($msaObject) } }`;
    }),
  ]);
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
${hostParts(plan, workloads)}
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
