// The group allowed to retrieve a gMSA's password: create it (New-ADGroup) or check an existing one, then add the
// computers (Add-ADGroupMember). Each script reads the group first; an existing group with other settings is a
// conflict and is left as it is.
import { z } from 'zod';
import { planWarnings, type Plan } from '../plan/plan-schema.js';
import { joinScripts, ps, psParams } from '../powershell/script.js';
import { defineStep, NOTHING, parentDn, sameText, type CreatedObject, type StepOutcome } from './types.js';

const groupRaw = z.object({
  dn: z.string(),
  scope: z.string(),
  category: z.string(),
  members: z.array(z.string()),
});

const groupStepRaw = z.object({ found: z.boolean(), group: groupRaw.nullable() });

function groupOf(plan: Plan): NonNullable<Plan['gmsa']>['group'] {
  if (plan.gmsa === undefined) throw new Error('not a gMSA plan');
  return plan.gmsa.group;
}

const READ_GROUP = ps`function Read-MsaGroup {
    param($Group)
    if ($null -eq $Group) { return $null }
    [ordered]@{
        dn = [string]$Group.DistinguishedName; scope = [string]$Group.GroupScope; category = [string]$Group.GroupCategory
        members = @($Group.Members | ForEach-Object { [string]$_ })
    }
}`;

function warningsText(plan: Plan): string {
  const w = planWarnings(plan);
  return w.length === 0 ? '' : ` WARNING: ${w.join(' ')}`;
}

export const groupStep = defineStep({
  id: 'group',
  title: 'Group allowed to retrieve the password',
  needs: READ_GROUP,
  script(plan) {
    const g = groupOf(plan);
    if (g.mode === 'existing') {
      return ps`# Use the existing group ${g.name}: only read it.
$group = Get-MsaOrNull { Get-ADGroup -Identity ${g.name} -Properties Members }
[ordered]@{ found = ($null -ne $group); group = (Read-MsaGroup $group) }`;
    }
    const params = psParams({
      Name: g.name,
      SamAccountName: g.name,
      GroupScope: g.scope,
      GroupCategory: 'Security',
      Path: g.path,
      Description: 'Computers allowed to retrieve the password of a group managed service account',
    });
    return ps`# Create the security group ${g.name} unless a group of that name exists (then compare, never change it).
$group = Get-MsaOrNull { Get-ADGroup -Identity ${g.name} -Properties Members }
$found = ($null -ne $group)
if (-not $found) {
    $created = New-ADGroup ${params} -PassThru
    $group = Get-ADGroup -Identity $created.DistinguishedName -Properties Members
}
[ordered]@{ found = $found; group = (Read-MsaGroup $group) }`;
  },
  raw: groupStepRaw,
  judge(plan) {
    const g = groupOf(plan);
    return ps`# Judge: a security group (and, when new, of the planned scope and OU); found: exists, made: done.
$want = ${{ name: g.name, mode: g.mode, scope: g.scope, path: g.path ?? null }}
if ($null -eq $r.group) { Stop-MsaStep ('The group ' + $want.name + ' was not found. Check its name (its pre-Windows 2000 name), or create a new group (gmsa.group.mode new).') }
$diff = @()
if ($want.mode -eq 'new' -and $r.group.scope -ne $want.scope) { $diff += ('its scope is ' + $r.group.scope + ', not ' + $want.scope) }
if ($want.mode -eq 'new' -and $want.path -and (Get-MsaParentDn $r.group.dn) -ne $want.path) { $diff += ('it is in ' + (Get-MsaParentDn $r.group.dn) + ', not ' + $want.path) }
if ($r.group.category -ne 'Security') { $diff += ('it is a ' + $r.group.category + ' group, not a security group') }
if ($diff.Count -gt 0) { Stop-MsaStep ('A group named ' + $want.name + ' already exists (' + $r.group.dn + ') but ' + ($diff -join ' and ') + '. It was left unchanged: pick another name, or use it as an existing group if it is the right one.') }
if ($r.found) { Complete-MsaStep 'exists' ('The group ' + $r.group.dn + ' already exists with the planned settings.') }
else { Complete-MsaStep 'done' ('Created the ' + $r.group.scope + ' security group ' + $r.group.dn + '.') }`;
  },
  evaluate(raw, plan): StepOutcome {
    const g = groupOf(plan);
    const warn = warningsText(plan);
    if (raw.group === null) {
      return {
        status: 'failed',
        created: [],
        message: `The group ${g.name} was not found. Check its name (its pre-Windows 2000 name), or choose to create a new group.${warn}`,
      };
    }
    const found = raw.group;
    const differences: string[] = [];
    if (g.mode === 'new') {
      if (!sameText(found.scope, g.scope)) differences.push(`its scope is ${found.scope}, not ${g.scope}`);
      if (g.path !== undefined && !sameText(parentDn(found.dn), g.path)) {
        differences.push(`it is in ${parentDn(found.dn)}, not ${g.path}`);
      }
    }
    if (!sameText(found.category, 'Security'))
      differences.push(`it is a ${found.category} group, not a security group`);
    if (differences.length > 0) {
      return {
        status: 'conflict',
        created: [],
        message: `A group named ${g.name} already exists (${found.dn}) but ${differences.join(' and ')}. It was left unchanged: pick another name, or use it as an existing group if it is the right one.${warn}`,
      };
    }
    if (raw.found) {
      return {
        status: 'exists',
        created: [],
        message: `The group ${g.name} already exists with the wanted settings (${found.dn}); it is used as it is.${warn}`,
      };
    }
    return {
      status: 'done',
      created: [{ kind: 'group', identity: found.dn }],
      message: `Created the ${found.scope} security group ${found.dn}.${warn}`,
    };
  },
  undo(created) {
    const groups = created.filter((c) => c.kind === 'group');
    if (groups.length === 0) return NOTHING;
    return joinScripts(
      groups.map(
        (c) => ps`# Remove the group this run created (only if it is still there).
if ($null -ne (Get-MsaOrNull { Get-ADGroup -Identity ${c.identity} })) { Remove-ADGroup -Identity ${c.identity} -Confirm:$false }`,
      ),
    );
  },
});

const membersRaw = z.object({
  groupDn: z.string(),
  computers: z.array(z.object({ name: z.string(), dn: z.string(), wasMember: z.boolean() })),
  membersAfter: z.array(z.string()),
});

/** Each computer by name: its DN and whether the group lists it already. */
const READ_MEMBERSHIP = ps`function Read-MsaMembership {
    param($Group, [string[]]$Names)
    $current = @($Group.Members | ForEach-Object { ([string]$_).ToLowerInvariant() })
    foreach ($name in $Names) {
        $computer = Get-ADComputer -Identity $name
        $dn = [string]$computer.DistinguishedName
        [ordered]@{ name = [string]$computer.Name; dn = $dn; wasMember = ($current -contains $dn.ToLowerInvariant()) }
    }
}`;

export const groupMembersStep = defineStep({
  id: 'group-members',
  title: 'Add the computers to the group',
  needs: READ_MEMBERSHIP,
  script(plan) {
    const g = groupOf(plan);
    const computers = plan.gmsa?.computers ?? [];
    return ps`# Add each computer to ${g.name} unless it is already a member.
$group = Get-ADGroup -Identity ${g.name} -Properties Members
$computers = @(Read-MsaMembership -Group $group -Names ${computers})
$missing = @($computers | Where-Object { -not $_.wasMember } | ForEach-Object { $_.dn })
if ($missing.Count -gt 0) { Add-ADGroupMember -Identity $group.DistinguishedName -Members $missing }
$after = Get-ADGroup -Identity $group.DistinguishedName -Properties Members
[ordered]@{ groupDn = [string]$group.DistinguishedName; computers = $computers; membersAfter = @($after.Members | ForEach-Object { [string]$_ }) }`;
  },
  raw: membersRaw,
  judge: () => ps`# Judge: every planned computer must be in the group when read back.
$after = @(@($r.membersAfter) | ForEach-Object { ([string]$_).ToLowerInvariant() })
$missing = @(@($r.computers) | Where-Object { $after -notcontains ([string]$_.dn).ToLowerInvariant() } | ForEach-Object { $_.name })
if ($missing.Count -gt 0) { Stop-MsaStep ('Reading the group back, ' + ($missing -join ', ') + ' is not in it: check replication and your rights on the group.') }
$added = @(@($r.computers) | Where-Object { -not $_.wasMember } | ForEach-Object { $_.name })
if ($added.Count -gt 0) { Complete-MsaStep 'done' ('Added ' + ($added -join ', ') + ' to ' + $r.groupDn + '.') }
else { Complete-MsaStep 'exists' ('The computers are already in ' + $r.groupDn + '.') }`,
  evaluate(raw): StepOutcome {
    const added = raw.computers.filter((c) => !c.wasMember);
    const after = new Set(raw.membersAfter.map((m) => m.toLowerCase()));
    const missing = raw.computers.filter((c) => !after.has(c.dn.toLowerCase()));
    if (missing.length > 0) {
      return {
        status: 'failed',
        created: added.filter((c) => after.has(c.dn.toLowerCase())).map(memberRecord(raw.groupDn)),
        message: `Reading the group back, ${missing.map((c) => c.name).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in it: check replication and your rights on the group.`,
      };
    }
    if (added.length === 0) {
      return {
        status: 'exists',
        created: [],
        message:
          raw.computers.length === 0
            ? 'No computers to add.'
            : `${raw.computers.map((c) => c.name).join(', ')} ${raw.computers.length === 1 ? 'is' : 'are'} already in the group.`,
      };
    }
    return {
      status: 'done',
      created: added.map(memberRecord(raw.groupDn)),
      message: `Added ${added.map((c) => c.name).join(', ')} to ${raw.groupDn}. ${added.length === 1 ? 'Its' : 'Their'} Kerberos ticket still lacks the group until it is refreshed (next steps).`,
    };
  },
  undo(created) {
    const members = created.filter((c) => c.kind === 'group-member');
    if (members.length === 0) return NOTHING;
    return joinScripts(
      members.map(
        (c) => ps`# Take out the computer this run added (the group itself stays unless this run created it).
if ($null -ne (Get-MsaOrNull { Get-ADGroup -Identity ${c.parent ?? ''} })) { Remove-ADGroupMember -Identity ${c.parent ?? ''} -Members ${c.identity} -Confirm:$false }`,
      ),
    );
  },
});

const memberRecord =
  (groupDn: string) =>
  (c: { dn: string }): CreatedObject => ({ kind: 'group-member', identity: c.dn, parent: groupDn });
