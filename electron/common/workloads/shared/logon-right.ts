// "Log on as a batch job" (SeBatchLogonRight) for the task's account on the target computer: a scheduled task runs
// its account through a batch logon, and without the right every run fails with 0x80070569.
//
// How the right is granted, and why. The script calls Grant-MsaUserRight from the app's MsaUserRights module, which
// on Windows is one LSA call: LsaOpenPolicy + LsaAddAccountRights(policy, <the account's SID>, "SeBatchLogonRight").
// LsaAddAccountRights adds that ONE SID to that ONE right; every other holder of the right, and every other right,
// stays exactly as it was, and it is idempotent. The usual alternative, `secedit /export` + edit the INF +
// `secedit /configure`, rewrites the whole right from a template: any account granted between the export and the
// configure (by another admin, a GPO refresh, an installer) is silently dropped, and a mistake in the INF can strip
// the right from Administrators or Backup Operators. ntrights.exe is not shipped with Windows any more, and
// Carbon / PoshPrivilege are extra modules to trust. Undo is the mirror image, LsaRemoveAccountRights for that one
// SID, and only when this step granted it.
//
// When a domain GPO defines the right ("Define these policy settings" in the GPO), the Security Settings extension
// rewrites the local list at the next policy refresh (gpupdate, a restart, or within 16 hours): a local grant would
// work for a while and then silently disappear. The step then changes nothing, reports 'conflict', and gives the GPO
// path with the account name ready to paste.
import { z } from 'zod';
import { samOf, type Plan } from '../../plan/plan-schema.js';
import { joinScripts, ps } from '../../powershell/script.js';
import { defineStep, NOTHING, type StepOutcome } from '../../steps/types.js';
import { USER_RIGHTS_FALLBACK } from './user-rights.js';
import type { GpoInstruction } from './task-types.js';

export const BATCH_RIGHT = 'SeBatchLogonRight';
export const DENY_BATCH_RIGHT = 'SeDenyBatchLogonRight';
const RIGHT_WORDS = '"Log on as a batch job"';

/** Group Policy Management Console path to the right, after the GPO's name. */
export const GPO_RIGHT_PATH = [
  'Computer Configuration',
  'Policies',
  'Windows Settings',
  'Security Settings',
  'Local Policies',
  'User Rights Assignment',
  'Log on as a batch job',
] as const;

/** Where to add the account in a GPO, as data for the UI and as one line of text. */
export function gpoInstruction(gpoName: string, account: string): GpoInstruction {
  return { gpoName, right: BATCH_RIGHT, path: ['Group Policy Management', gpoName, ...GPO_RIGHT_PATH], account };
}

export const gpoPathText = (g: GpoInstruction): string => g.path.join(' → ');

const batchRaw = z.object({
  computer: z.string(),
  account: z.string(),
  sid: z.string().nullable(),
  before: z.array(z.string()),
  managedByGpo: z.boolean(),
  gpoName: z.string().nullable(),
  held: z.boolean(),
  denied: z.array(z.string()),
  granted: z.boolean(),
  after: z.array(z.string()),
  /** `after` lists the account (Select-MsaRightEntries, as for `held`). */
  heldAfter: z.boolean(),
});

/** Reads a user-rights list and says which entries stand for the account (DOMAIN\\name$, name$, or its SID). */
export const RIGHT_HELPERS = ps`function Select-MsaRightEntries {
    param($Entries, [string]$Account, [string]$Sam, [string]$Sid)
    foreach ($entry in @($Entries)) {
        if ($null -eq $entry) { continue }
        $e = ([string]$entry).Trim().TrimStart('*')
        if ($e -eq $Account -or $e -eq $Sam -or ($Sid -and $e -eq $Sid)) { [string]$entry }
    }
}`;

export const batchRightStep = defineStep({
  // The lab's MsaUserRights module defines these commands; a real host gets them from the script itself.
  needs: USER_RIGHTS_FALLBACK,
  id: 'batch-right',
  title: 'Grant "Log on as a batch job" on the computer',
  script(plan) {
    const sam = samOf(plan);
    return ps`${RIGHT_HELPERS}
# "Log on as a batch job" (SeBatchLogonRight) for the account on this computer: read the right, then
# grant it with LsaAddAccountRights (one SID added, nothing else rewritten) unless the account holds it, is denied
# it, or a domain GPO defines the right (a local grant would be overwritten at the next policy refresh).
$sam = ${sam}
$account = Get-MsaTaskAccount $sam
$sid = [string](Get-ADServiceAccount -Identity $sam).SID
if (-not $sid) { $sid = $null }
$right = Get-MsaUserRight -Right ${BATCH_RIGHT}
$deny = Get-MsaUserRight -Right ${DENY_BATCH_RIGHT}
$before = @($right.Accounts | ForEach-Object { [string]$_ })
$held = @(Select-MsaRightEntries -Entries $before -Account $account -Sam $sam -Sid $sid).Count -gt 0
$denied = @(Select-MsaRightEntries -Entries $deny.Accounts -Account $account -Sam $sam -Sid $sid)
$granted = $false
$after = $before
if (-not $held -and $denied.Count -eq 0 -and -not $right.ManagedByGpo) {
    $result = Grant-MsaUserRight -Right ${BATCH_RIGHT} -Account $account
    $granted = $true
    $after = @($result.Accounts | ForEach-Object { [string]$_ })
}
# Read back: the right as it is now lists the account (the same test as $held, one place for both).
$heldAfter = @(Select-MsaRightEntries -Entries $after -Account $account -Sam $sam -Sid $sid).Count -gt 0
[ordered]@{
    computer = [string]$right.ComputerName; account = $account; sid = $sid; before = $before
    managedByGpo = [bool]$right.ManagedByGpo; gpoName = $right.GpoName; held = $held; denied = $denied
    granted = $granted; after = $after; heldAfter = $heldAfter
}`;
  },
  raw: batchRaw,
  evaluate(raw, plan: Plan): StepOutcome {
    const host = raw.computer || plan.targetComputer;
    if (raw.denied.length > 0) {
      return {
        status: 'conflict',
        created: [],
        message: `${raw.account} is denied ${RIGHT_WORDS} on ${host} ("Deny log on as a batch job" lists ${raw.denied.join(', ')}), which overrides any grant; nothing was changed. Remove it from that right (secpol.msc, or the GPO that sets it), then run this step again.`,
      };
    }
    if (raw.managedByGpo) {
      const gpoName = raw.gpoName ?? '(the GPO that defines it)';
      if (raw.held) {
        return {
          status: 'exists',
          created: [],
          message: `${BATCH_RIGHT} on ${host} is defined by the Group Policy object '${gpoName}', which already grants it to ${raw.account}; nothing to change.`,
        };
      }
      const gpo = gpoInstruction(gpoName, raw.account);
      return {
        status: 'conflict',
        created: [],
        details: { gpo },
        message: `${RIGHT_WORDS} (${BATCH_RIGHT}) on ${host} is defined by the domain Group Policy object '${gpoName}': a local grant would be overwritten at the next policy refresh, so nothing was changed. Add the account in the GPO: ${gpoPathText(gpo)} → Add User or Group → ${raw.account}. Then run gpupdate /target:computer /force on ${host} and run this step again.`,
      };
    }
    if (raw.held) {
      return {
        status: 'exists',
        created: [],
        message: `${raw.account} already holds ${RIGHT_WORDS} on ${host}; nothing was changed.`,
      };
    }
    const created = [{ kind: 'batch-right' as const, identity: raw.account, parent: host }];
    if (!raw.granted || !raw.heldAfter) {
      return {
        status: 'failed',
        created: raw.granted ? created : [],
        message: `Granted ${RIGHT_WORDS} to ${raw.account} on ${host}, but reading the right back does not list it (now: ${raw.after.join(', ') || 'nobody'}). Check it with secpol.msc (Local Policies → User Rights Assignment), or undo.`,
      };
    }
    return {
      status: 'done',
      created,
      message: `Granted ${RIGHT_WORDS} (${BATCH_RIGHT}) to ${raw.account} on ${host} with LsaAddAccountRights and read it back; the other ${raw.before.length} holder(s) are unchanged.`,
    };
  },
  judge:
    () => ps`# Judge: denied, or defined by a domain GPO without the account -> stop; else held (exists) or granted (done).
$onHost = $r.computer
if (@($r.denied).Count -gt 0) { Stop-MsaStep ($r.account + ' is denied "Log on as a batch job" on ' + $onHost + ' ("Deny log on as a batch job" lists ' + (@($r.denied) -join ', ') + '), which overrides any grant. Remove it from that right (secpol.msc, or the GPO that sets it), then run this script again.') }
if ($r.managedByGpo -and -not $r.held) {
    $gpoName = [string]$r.gpoName
    if (-not $gpoName) { $gpoName = '(the GPO that defines it)' }
    Stop-MsaStep ('"Log on as a batch job" (SeBatchLogonRight) on ' + $onHost + " is defined by the domain Group Policy object '" + $gpoName + "': a local grant would be overwritten at the next policy refresh, so nothing was changed. Add the account in the GPO: Group Policy Management -> " + $gpoName + ' -> ' + ${GPO_RIGHT_PATH.join(' -> ')} + ' -> Add User or Group -> ' + $r.account + '. Then run gpupdate /target:computer /force on ' + $onHost + ' and run this script again.')
}
if ($r.held) { Complete-MsaStep 'exists' ($r.account + ' already holds "Log on as a batch job" on ' + $onHost + '.') }
elseif ($r.granted -and $r.heldAfter) { Complete-MsaStep 'done' ('Granted "Log on as a batch job" to ' + $r.account + ' on ' + $onHost + '.') }
else { Stop-MsaStep ('Granted "Log on as a batch job" to ' + $r.account + ' on ' + $onHost + ', but reading the right back does not list it. Check it with secpol.msc (Local Policies -> User Rights Assignment).') }`,
  undo(created) {
    const grants = created.filter((c) => c.kind === 'batch-right');
    if (grants.length === 0) return NOTHING;
    return joinScripts([
      ps`# Revoke "Log on as a batch job" from the account this run granted it to (LsaRemoveAccountRights: that one entry only),
# if the account still holds it here.
$right = Get-MsaUserRight -Right ${BATCH_RIGHT}`,
      ...grants.map(
        (c) =>
          ps`if (@($right.Accounts | ForEach-Object { [string]$_ }) -contains ${c.identity}) { Revoke-MsaUserRight -Right ${BATCH_RIGHT} -Account ${c.identity} | Out-Null }`,
      ),
    ]);
  },
});
