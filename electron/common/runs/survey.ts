// What of a plan already exists in the directory and on its hosts: read once when a run starts (so undo can never
// take away what was there before), and again when a step cut off by a crash is run anew (what exists now and did
// not before was created by that cut-off attempt). Read-only; one round trip: the directory and the target computer's
// workloads here, the other workload hosts' parts there through one Invoke-Command (../remote/), with the account's
// facts read here first (no second hop). A host that cannot be reached fails the survey: what is there before must be
// known before anything changes there.
import { z } from 'zod';
import { createdObjectSchema } from '../api/contract.js';
import { samOf, type Plan, type PlanWorkload } from '../plan/plan-schema.js';
import { joinScripts, ps, type PsScript } from '../powershell/script.js';
import { invokeOnHostScript, readFactsScript, runsRemotely } from '../remote/on-host.js';
import { fileAccessSurvey, migrationSurvey } from '../steps/migration-survey.js';
import { PRELUDE, STEP_TIMEOUT_MS, type CreatedObject, type StepSession } from '../steps/types.js';
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
${migrationSurvey(plan)}
${fileAccessSurvey(plan, plan.targetComputer)}
$sam = ${sam}
${hostParts(plan, plan.workloads)}
,@($found)`;
}

/**
 * The workloads' host parts: the target computer's here, every other host's there through ONE Invoke-Command for all
 * of them (in parallel; each runs only its own part: workloadSurvey guards each host's part by $env:COMPUTERNAME),
 * their objects added to $found. Expects $found, $sam and $account.
 */
function hostParts(plan: Plan, workloads: readonly PlanWorkload[]): PsScript {
  const here = workloads.filter((w) => !runsRemotely(w.host, plan));
  const there = workloads.filter((w) => runsRemotely(w.host, plan));
  if (there.length === 0) return workloadSurvey(plan, here);
  const hosts = [...new Set(there.map((w) => w.host))];
  const part = ps`${PRELUDE}
$found = New-Object System.Collections.ArrayList
$sam = ${samOf(plan)}
$account = $null
$msaSid = Get-MsaAccountSid $sam
if ($msaSid) { $account = [pscustomobject]@{ SID = $msaSid } }
${workloadSurvey(plan, there)}
${joinScripts(hosts.map((h) => fileAccessSurvey(plan, h)))}
,@($found)`;
  return joinScripts([
    workloadSurvey(plan, here),
    readFactsScript(samOf(plan)),
    ps`foreach ($msaPart in @(& {
${invokeOnHostScript(hosts, part)}
})) { foreach ($msaObject in @($msaPart)) { [void]$found.Add($msaObject) } }`,
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
  // Another host's part waits on WinRM (a host that does not answer takes its connection timeout): a step's time.
  const remote = (workloads ?? plan.workloads).some((w) => runsRemotely(w.host, plan));
  const data = await session.run(script, { timeoutMs: remote ? STEP_TIMEOUT_MS : 60_000 });
  return surveyRaw.parse(data.length === 1 ? data[0] : data);
}

export const sameObject = (a: CreatedObject, b: CreatedObject): boolean =>
  a.kind === b.kind &&
  a.identity.toLowerCase() === b.identity.toLowerCase() &&
  (a.parent ?? '').toLowerCase() === (b.parent ?? '').toLowerCase();
