// Moving from a user account (plan.migration): the gMSA joins the old account's groups (Add-ADGroupMember), never a
// privileged one. The script reads every group first (its SID, the groups it is nested in at any depth, whether the
// gMSA is in it already) and adds nothing when one is missing or privileged: the schema refuses privileged names, and
// the script refuses by SID too (a renamed Domain Admins is still RID 512), the group's own or an ancestor's (a group
// nested in Domain Admins makes its members domain admins: LDAP_MATCHING_RULE_IN_CHAIN on member, one query each). The old account stays in its groups. The outcome's warnings name what is not
// copied, with why, and the old account's delegation: constrained shown with the command, unconstrained never copied.
import { z } from 'zod';
import { PRIVILEGED_GROUPS, privilegedWhy } from '../discover/privileged.js';
import { samOf, type Plan } from '../plan/plan-schema.js';
import { joinScripts, ps } from '../powershell/script.js';
import { defineStep, NOTHING, type CreatedObject, type StepOutcome } from './types.js';

const raw = z.object({
  accountDn: z.string(),
  groups: z.array(
    z.object({
      name: z.string(),
      dn: z.string().nullable(),
      sid: z.string().nullable(),
      privileged: z.boolean(),
      /** The privileged group it is nested in (its name and SID), when it is not privileged itself. */
      via: z.object({ name: z.string(), sid: z.string() }).nullable().optional(),
      wasMember: z.boolean(),
      isMember: z.boolean(),
    }),
  ),
});
type Raw = z.infer<typeof raw>;

const migrationOf = (plan: Plan): NonNullable<Plan['migration']> => {
  if (plan.migration === undefined) throw new Error('this plan moves no account');
  return plan.migration;
};

const PRIVILEGED_RIDS = PRIVILEGED_GROUPS.flatMap((g) => (g.rid === undefined ? [] : [g.rid]));
const PRIVILEGED_SIDS = PRIVILEGED_GROUPS.flatMap((g) => (g.sid === undefined ? [] : [g.sid]));

/** The Review's and the step's words for what is not copied, and the old account's delegation (never applied). */
export function notCopiedLines(plan: Plan): string[] {
  const m = migrationOf(plan);
  const lines = m.notCopied.map((n) => `Not copied: ${n.group}. ${n.why}`);
  if (m.constrainedDelegation.length > 0) {
    const list = m.constrainedDelegation.map((s) => `'${s}'`).join(', ');
    lines.push(
      `${m.from} may delegate to ${m.constrainedDelegation.join(', ')} (constrained delegation): not copied. If ${samOf(plan)} needs it, run: Set-ADServiceAccount -Identity '${samOf(plan)}' -Add @{ 'msDS-AllowedToDelegateTo' = @(${list}) }`,
    );
  }
  if (m.unconstrainedDelegation) {
    lines.push(
      `${m.from} is trusted for unconstrained delegation: never copied (any service it reaches could act as every user who connects). Use constrained delegation if the service needs it.`,
    );
  }
  return lines;
}

/**
 * One group of the old account as the step judges it: found, privileged (by its SID, or nested in a privileged group
 * at any depth: the members of a group nested in Domain Admins are domain admins), the account in it already.
 */
const READ_GROUP_TO_COPY = ps`$msaPrivilegedRids = ${PRIVILEGED_RIDS}
$msaPrivilegedSids = ${PRIVILEGED_SIDS}
function Test-MsaPrivilegedSid {
    param([string]$Sid)
    $rid = [int](($Sid -split '-')[-1])
    return (($msaPrivilegedSids -contains $Sid) -or ($Sid -like 'S-1-5-21-*' -and $msaPrivilegedRids -contains $rid))
}
function ConvertTo-MsaLdapValue {
    # RFC 4515: a DN inside an LDAP filter escapes the backslash, ( ) * and NUL.
    param([string]$Value)
    return $Value.Replace('\\', '\\5c').Replace('(', '\\28').Replace(')', '\\29').Replace('*', '\\2a').Replace([string][char]0, '\\00')
}
function Read-MsaGroupToCopy {
    param([string]$Name, [string]$AccountDn)
    $group = Get-MsaOrNull { Get-ADGroup -Identity $Name -Properties Members }
    if ($null -eq $group) { return [ordered]@{ name = $Name; dn = $null; sid = $null; privileged = $false; via = $null; wasMember = $false; isMember = $false } }
    $sid = [string]$group.SID
    $privileged = Test-MsaPrivilegedSid $sid
    $via = $null
    if (-not $privileged) {
        $ancestors = @(Get-ADGroup -LDAPFilter ('(member:1.2.840.113556.1.4.1941:=' + (ConvertTo-MsaLdapValue ([string]$group.DistinguishedName)) + ')'))
        foreach ($a in $ancestors) {
            if (Test-MsaPrivilegedSid ([string]$a.SID)) { $via = [ordered]@{ name = [string]$a.Name; sid = [string]$a.SID }; $privileged = $true; break }
        }
    }
    $members = @($group.Members | ForEach-Object { ([string]$_).ToLowerInvariant() })
    $was = ($members -contains $AccountDn.ToLowerInvariant())
    return [ordered]@{ name = $Name; dn = [string]$group.DistinguishedName; sid = $sid; privileged = $privileged; via = $via; wasMember = $was; isMember = $was }
}`;

export const copyGroupsStep = defineStep({
  id: 'copy-groups',
  title: "Copy the old account's groups",
  needs: READ_GROUP_TO_COPY,
  script(plan) {
    const m = migrationOf(plan);
    return ps`# Add ${samOf(plan)} to the groups of ${m.from} (never a privileged one): read every group first, add only when all are fine.
$accountDn = [string](Get-ADServiceAccount -Identity ${samOf(plan)}).DistinguishedName
$groups = @(foreach ($name in ${m.copyGroups}) { Read-MsaGroupToCopy -Name $name -AccountDn $accountDn })
$blocked = @($groups | Where-Object { $null -eq $_.dn -or $_.privileged })
if ($blocked.Count -eq 0) {
    foreach ($g in @($groups | Where-Object { -not $_.wasMember })) {
        Add-ADGroupMember -Identity $g.dn -Members $accountDn
        $after = Get-ADGroup -Identity $g.dn -Properties Members
        $g.isMember = (@($after.Members | ForEach-Object { ([string]$_).ToLowerInvariant() }) -contains $accountDn.ToLowerInvariant())
    }
}
[ordered]@{ accountDn = $accountDn; groups = $groups }`;
  },
  raw,
  judge(plan) {
    const m = migrationOf(plan);
    return ps`# Judge: every group found and not privileged, the account in each when read back.
$missing = @(@($r.groups) | Where-Object { $null -eq $_.dn } | ForEach-Object { $_.name })
if ($missing.Count -gt 0) { Stop-MsaStep ('The group(s) ' + ($missing -join ', ') + ' of ' + ${m.from} + ' were not found: nothing was added. Check the names, or leave them out of migration.copyGroups.') }
$privileged = @(@($r.groups) | Where-Object { $_.privileged } | ForEach-Object { $_.name })
if ($privileged.Count -gt 0) { Stop-MsaStep (($privileged -join ', ') + ' is a privileged group (by its SID, or nested in one): a managed account is never added to it. Nothing was added; leave it out of migration.copyGroups.') }
$notIn = @(@($r.groups) | Where-Object { -not $_.isMember } | ForEach-Object { $_.name })
if ($notIn.Count -gt 0) { Stop-MsaStep ('Reading back, the account is not in ' + ($notIn -join ', ') + ': check your rights on the group and replication.') }
$added = @(@($r.groups) | Where-Object { -not $_.wasMember } | ForEach-Object { $_.name })
if ($added.Count -gt 0) { Complete-MsaStep 'done' ('Added ' + $r.accountDn + ' to ' + ($added -join ', ') + '.') }
else { Complete-MsaStep 'exists' ('The account is already in every group to copy (' + (@(@($r.groups) | ForEach-Object { $_.name }) -join ', ') + ').') }`;
  },
  evaluate(r, plan): StepOutcome {
    return evaluateCopy(r, plan);
  },
  undo(created) {
    const copied = created.filter((c) => c.kind === 'copied-membership');
    if (copied.length === 0) return NOTHING;
    return joinScripts(
      copied.map(
        (c) => ps`# Take the managed account out of a group this run added it to (the old account stays in it).
$group = Get-MsaOrNull { Get-ADGroup -Identity ${c.parent ?? ''} -Properties Members }
if ($null -ne $group -and (@($group.Members | ForEach-Object { ([string]$_).ToLowerInvariant() }) -contains ${c.identity.toLowerCase()})) {
    Remove-ADGroupMember -Identity ${c.parent ?? ''} -Members ${c.identity} -Confirm:$false
}`,
      ),
    );
  },
});

/** Why a group is refused: its own SID, or the privileged group it is nested in (its members are that group's too). */
function privilegedWords(g: Raw['groups'][number]): string {
  if (g.via !== null && g.via !== undefined) {
    const why = privilegedWhy({ sid: g.via.sid, name: g.via.name }) ?? `${g.via.name} is privileged.`;
    return `${g.name} is nested in ${g.via.name}: its members are members of ${g.via.name} too. ${why}`;
  }
  return privilegedWhy({ sid: g.sid, name: g.name }) ?? `${g.name} is privileged.`;
}

function evaluateCopy(r: Raw, plan: Plan): StepOutcome {
  const m = migrationOf(plan);
  const warnings = notCopiedLines(plan);
  const withWarnings = (o: StepOutcome): StepOutcome => (warnings.length === 0 ? o : { ...o, warnings });
  const missing = r.groups.filter((g) => g.dn === null);
  if (missing.length > 0) {
    return withWarnings({
      status: 'failed',
      created: [],
      message: `The group${missing.length === 1 ? '' : 's'} ${missing.map((g) => g.name).join(', ')} of ${m.from} ${missing.length === 1 ? 'was' : 'were'} not found: nothing was added. Check the names, or leave them out of the groups to copy.`,
    });
  }
  const privileged = r.groups.filter((g) => g.privileged);
  if (privileged.length > 0) {
    return withWarnings({
      status: 'conflict',
      created: [],
      message: `${privileged.map(privilegedWords).join(' ')} Nothing was added: leave ${privileged.length === 1 ? 'it' : 'them'} out of the groups to copy.`,
    });
  }
  const added = r.groups.filter((g) => !g.wasMember && g.isMember && g.dn !== null);
  const created: CreatedObject[] = added.map((g) => ({
    kind: 'copied-membership',
    identity: r.accountDn,
    parent: g.dn ?? '',
  }));
  const notIn = r.groups.filter((g) => !g.isMember);
  if (notIn.length > 0) {
    return withWarnings({
      status: 'failed',
      created,
      message: `Reading back, ${samOf(plan)} is not in ${notIn.map((g) => g.name).join(', ')}: check your rights on the group and replication.`,
    });
  }
  if (r.groups.length === 0) {
    return withWarnings({ status: 'exists', created: [], message: `No group of ${m.from} to copy.` });
  }
  if (added.length === 0) {
    return withWarnings({
      status: 'exists',
      created: [],
      message: `${samOf(plan)} is already in ${r.groups.map((g) => g.name).join(', ')}.`,
    });
  }
  return withWarnings({
    status: 'done',
    created,
    message: `Added ${samOf(plan)} to ${added.map((g) => g.name).join(', ')} (as ${m.from} is). Its Kerberos tickets hold the groups from their next refresh.`,
  });
}
