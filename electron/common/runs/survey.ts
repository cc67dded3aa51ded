// What of a plan already exists in the directory and on the host: read once when a run starts (so undo can never
// take away what was there before), and again when a step cut off by a crash is run anew (what exists now and did
// not before was created by that cut-off attempt). Read-only; one round trip.
import { z } from 'zod';
import { createdObjectSchema } from '../api/contract.js';
import { samOf, type Plan } from '../plan/plan-schema.js';
import { ps } from '../powershell/script.js';
import { PsScript } from '../powershell/script.js';
import type { CreatedKind, CreatedObject, StepSession } from '../steps/types.js';

const surveyRaw = z.array(createdObjectSchema);

const NOT_FOUND = PsScript.fromTrustedSource(`$env:ADPS_LoadDefaultDrive = '0'
function Get-MsaSurveyOrNull {
    param([scriptblock]$Get)
    try { return (& $Get) } catch {
        if ($_.Exception.GetType().FullName -eq 'Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException') { return $null }
        throw
    }
}`);

export function surveyScript(plan: Plan) {
  const sam = samOf(plan);
  return ps`${NOT_FOUND}
# Which of this plan's objects exist now (read-only).
$found = New-Object System.Collections.ArrayList
$groupName = ${plan.gmsa?.group.name ?? null}
if ($null -ne $groupName) {
    $group = Get-MsaSurveyOrNull { Get-ADGroup -Identity $groupName -Properties Members }
    if ($null -ne $group) {
        $groupDn = [string]$group.DistinguishedName
        [void]$found.Add([ordered]@{ kind = 'group'; identity = $groupDn })
        $members = @($group.Members | ForEach-Object { ([string]$_).ToLowerInvariant() })
        foreach ($name in ${plan.gmsa?.computers ?? []}) {
            $computer = Get-MsaSurveyOrNull { Get-ADComputer -Identity $name }
            if ($null -ne $computer -and $members -contains ([string]$computer.DistinguishedName).ToLowerInvariant()) {
                [void]$found.Add([ordered]@{ kind = 'group-member'; identity = [string]$computer.DistinguishedName; parent = $groupDn })
            }
        }
    }
}
$account = Get-MsaSurveyOrNull { Get-ADServiceAccount -Identity ${sam} -Properties HostComputers }
if ($null -ne $account) {
    [void]$found.Add([ordered]@{ kind = 'service-account'; identity = [string]$account.DistinguishedName })
    foreach ($hostDn in @($account.HostComputers)) {
        [void]$found.Add([ordered]@{ kind = 'smsa-link'; identity = [string]$account.DistinguishedName; parent = [string]$hostDn })
    }
    $usable = $false
    try { $usable = [bool](Test-ADServiceAccount -Identity ${sam} -WarningAction SilentlyContinue) } catch { $usable = $false }
    if ($usable) { [void]$found.Add([ordered]@{ kind = 'installed-account'; identity = ${sam}; parent = ${plan.targetComputer} }) }
}
,@($found)`;
}

/** Reads what of the plan exists now. */
export async function survey(session: StepSession, plan: Plan): Promise<CreatedObject[]> {
  const data = await session.run(surveyScript(plan), { timeoutMs: 60_000 });
  return surveyRaw.parse(data.length === 1 ? data[0] : data);
}

/** What each step can create: a cut-off attempt of that step is credited with objects of these kinds only. */
export const KINDS_BY_STEP: Readonly<Record<string, readonly CreatedKind[]>> = {
  group: ['group'],
  'group-members': ['group-member'],
  account: ['service-account'],
  'smsa-link': ['smsa-link'],
  install: ['installed-account'],
};

export const sameObject = (a: CreatedObject, b: CreatedObject): boolean =>
  a.kind === b.kind &&
  a.identity.toLowerCase() === b.identity.toLowerCase() &&
  (a.parent ?? '').toLowerCase() === (b.parent ?? '').toLowerCase();
