// The user rights a workload's account needs on its host, one shared host step per (host, right), ids
// '<right step>@<host>': "Log on as a batch job" (SeBatchLogonRight: a scheduled task, and an IIS application pool's
// default batch logon; without it every run fails with 0x80070569) and "Log on as a service" (SeServiceLogonRight: a
// Windows service; without it the SCM fails the start with 1069). A task and an app pool on WEB01 grant it once.
//
// How the right is granted, and why. The script calls Grant-MsaUserRight from the app's MsaUserRights module, which
// on Windows is one LSA call: LsaOpenPolicy + LsaAddAccountRights(policy, <the account's SID>, <the right>).
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
import { joinScripts, ps, type PsScript } from '../../powershell/script.js';
import type { StepDetails } from '../../steps/details.js';
import {
  evaluateRaw,
  explainFailure,
  joinPrelude,
  NOTHING,
  STEP_TIMEOUT_MS,
  type CreatedObject,
  type Step,
  type StepDescriptor,
  type StepOutcome,
} from '../../steps/types.js';
import { classifyError, PsErrorKind } from '../../powershell/errors.js';
import type { LogonRight } from '../types.js';
import type { GpoInstruction } from './gpo.js';
import { USER_RIGHTS_FALLBACK } from './user-rights.js';

export type { GpoInstruction };

/** Each right, described once: its step, what it creates, its privilege and words. */
export const LOGON_RIGHTS = {
  batch: {
    step: 'batch-right',
    creates: 'batch-right',
    privilege: 'SeBatchLogonRight',
    deny: 'SeDenyBatchLogonRight',
    words: 'Log on as a batch job',
    denyWords: 'Deny log on as a batch job',
    label: 'Batch right',
  },
  service: {
    step: 'service-right',
    creates: 'service-right',
    privilege: 'SeServiceLogonRight',
    deny: 'SeDenyServiceLogonRight',
    words: 'Log on as a service',
    denyWords: 'Deny log on as a service',
    label: 'Service right',
  },
} as const satisfies Record<
  LogonRight,
  { step: string; creates: string; privilege: string; deny: string; words: string; denyWords: string; label: string }
>;

export type RightStepKind = (typeof LOGON_RIGHTS)[LogonRight]['step'];

/** The rights' step descriptors (workload stage, on a host). */
export const RIGHT_DESCRIPTORS: Readonly<Record<RightStepKind, StepDescriptor>> = {
  'batch-right': {
    stage: 'workload',
    where: 'host',
    creates: [LOGON_RIGHTS.batch.creates],
    label: LOGON_RIGHTS.batch.label,
    command: 'Grant-MsaUserRight',
  },
  'service-right': {
    stage: 'workload',
    where: 'host',
    creates: [LOGON_RIGHTS.service.creates],
    label: LOGON_RIGHTS.service.label,
    command: 'Grant-MsaUserRight',
  },
};

export const BATCH_RIGHT = LOGON_RIGHTS.batch.privilege;
export const DENY_BATCH_RIGHT = LOGON_RIGHTS.batch.deny;

/** Group Policy Management Console path to a right, after the GPO's name. */
export const gpoRightPath = (right: LogonRight = 'batch'): readonly string[] => [
  'Computer Configuration',
  'Policies',
  'Windows Settings',
  'Security Settings',
  'Local Policies',
  'User Rights Assignment',
  LOGON_RIGHTS[right].words,
];

/** The batch right's path (as before the service right existed). */
export const GPO_RIGHT_PATH = gpoRightPath('batch');

/** Where to add the account in a GPO, as data for the UI and as one line of text. */
export function gpoInstruction(gpoName: string, account: string, right: LogonRight = 'batch'): GpoInstruction {
  return {
    gpoName,
    right: LOGON_RIGHTS[right].privilege,
    path: ['Group Policy Management', gpoName, ...gpoRightPath(right)],
    account,
  };
}

export const gpoPathText = (g: GpoInstruction): string => g.path.join(' → ');

const rightRaw = z.object({
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
type RightRaw = z.infer<typeof rightRaw>;

/** Reads a user-rights list and says which entries stand for the account (DOMAIN\\name$, name$, or its SID). */
export const RIGHT_HELPERS = ps`function Select-MsaRightEntries {
    param($Entries, [string]$Account, [string]$Sam, [string]$Sid)
    foreach ($entry in @($Entries)) {
        if ($null -eq $entry) { continue }
        $e = ([string]$entry).Trim().TrimStart('*')
        if ($e -eq $Account -or $e -eq $Sam -or ($Sid -and $e -eq $Sid)) { [string]$entry }
    }
}`;

/** The right step's helpers (its helper region; the exported script defines each once): the user-rights commands
 * (LSA through Add-Type on Windows, which stop first where Add-Type cannot work; the lab's module) and
 * Select-MsaRightEntries. */
export const RIGHT_STEP_HELPERS: readonly PsScript[] = [USER_RIGHTS_FALLBACK, RIGHT_HELPERS];

function rightScript(right: LogonRight, plan: Plan): PsScript {
  const r = LOGON_RIGHTS[right];
  const sam = samOf(plan);
  return ps`$account = Get-MsaTaskAccount ${sam}
$sid = Get-MsaAccountSid ${sam}
$right = Get-MsaUserRight -Right ${r.privilege}
$before = @($right.Accounts | ForEach-Object { [string]$_ })
$held = @(Select-MsaRightEntries -Entries $before -Account $account -Sam ${sam} -Sid $sid).Count -gt 0
$denied = @(Select-MsaRightEntries -Entries (Get-MsaUserRight -Right ${r.deny}).Accounts -Account $account -Sam ${sam} -Sid $sid)
$granted = (-not $held) -and ($denied.Count -eq 0) -and (-not $right.ManagedByGpo)
if ($granted) { $right = Grant-MsaUserRight -Right ${r.privilege} -Account $account }
# Granted unless the account holds it, is denied it (${r.deny} overrides any grant), or a domain GPO defines the
# right (a local grant would be overwritten at the next policy refresh). Grant-MsaUserRight: LsaAddAccountRights adds
# this one SID; every other holder stays (see the helpers for why not secedit).
$after = @($right.Accounts | ForEach-Object { [string]$_ })
$heldAfter = @(Select-MsaRightEntries -Entries $after -Account $account -Sam ${sam} -Sid $sid).Count -gt 0
[ordered]@{
    computer = [string]$right.ComputerName; account = $account; sid = $sid; before = $before
    managedByGpo = [bool]$right.ManagedByGpo; gpoName = $right.GpoName; held = $held; denied = $denied
    granted = $granted; after = $after; heldAfter = $heldAfter
}`;
}

/** What the step says when Add-Type cannot work on the host: this right, this account, the GPO path. */
function addTypeBlockedMessage(right: LogonRight, host: string, plan: Plan): string {
  return `${host} does not let PowerShell compile the code that grants user rights (Add-Type is refused: Constrained Language Mode, or an AppLocker / WDAC policy), so nothing was granted. Windows PowerShell has no cmdlet for user rights. Either run the wizard elevated from a path your application control policy allows, or grant the right by Group Policy: ${gpoRightPath(right).join('\\')} → Add User or Group → ${samOf(plan)}; then run gpupdate /target:computer /force on ${host} and run this step again.`;
}

function evaluateRight(right: LogonRight, raw: RightRaw, hostName: string): StepOutcome {
  const r = LOGON_RIGHTS[right];
  const words = `"${r.words}"`;
  const host = raw.computer || hostName;
  if (raw.denied.length > 0) {
    return {
      status: 'conflict',
      created: [],
      message: `${raw.account} is denied ${words} on ${host} ("${r.denyWords}" lists ${raw.denied.join(', ')}), which overrides any grant; nothing was changed. Remove it from that right (secpol.msc, or the GPO that sets it), then run this step again.`,
    };
  }
  if (raw.managedByGpo) {
    const gpoName = raw.gpoName ?? '(the GPO that defines it)';
    if (raw.held) {
      return {
        status: 'exists',
        created: [],
        message: `${r.privilege} on ${host} is defined by the Group Policy object '${gpoName}', which already grants it to ${raw.account}; nothing to change.`,
      };
    }
    const gpo = gpoInstruction(gpoName, raw.account, right);
    const details: StepDetails = { gpo };
    return {
      status: 'conflict',
      created: [],
      details,
      message: `${words} (${r.privilege}) on ${host} is defined by the domain Group Policy object '${gpoName}': a local grant would be overwritten at the next policy refresh, so nothing was changed. Add the account in the GPO: ${gpoPathText(gpo)} → Add User or Group → ${raw.account}. Then run gpupdate /target:computer /force on ${host} and run this step again.`,
    };
  }
  if (raw.held) {
    return {
      status: 'exists',
      created: [],
      message: `${raw.account} already holds ${words} on ${host}; nothing was changed.`,
    };
  }
  // Named by the plan's host, as the survey names it (the host's own answer may differ in case or form).
  const created: CreatedObject[] = [{ kind: r.creates, identity: raw.account, parent: hostName }];
  if (!raw.granted || !raw.heldAfter) {
    return {
      status: 'failed',
      created: raw.granted ? created : [],
      message: `Granted ${words} to ${raw.account} on ${host}, but reading the right back does not list it (now: ${raw.after.join(', ') || 'nobody'}). Check it with secpol.msc (Local Policies → User Rights Assignment), or undo.`,
    };
  }
  return {
    status: 'done',
    created,
    message: `Granted ${words} (${r.privilege}) to ${raw.account} on ${host} with LsaAddAccountRights and read it back; the other ${raw.before.length} holder(s) are unchanged.`,
  };
}

function rightJudge(right: LogonRight): PsScript {
  const r = LOGON_RIGHTS[right];
  const words = `"${r.words}"`;
  return ps`# Judge: denied, or defined by a domain GPO without the account -> stop; else held (exists) or granted (done).
$onHost = $r.computer
$words = ${words}
if (@($r.denied).Count -gt 0) { Stop-MsaStep ($r.account + ' is denied ' + $words + ' on ' + $onHost + ' (' + ${`"${r.denyWords}"`} + ' lists ' + (@($r.denied) -join ', ') + '), which overrides any grant. Remove it from that right (secpol.msc, or the GPO that sets it), then run this script again.') }
if ($r.managedByGpo -and -not $r.held) {
    $gpoName = [string]$r.gpoName
    if (-not $gpoName) { $gpoName = '(the GPO that defines it)' }
    Stop-MsaStep ($words + ' (' + ${r.privilege} + ') on ' + $onHost + " is defined by the domain Group Policy object '" + $gpoName + "': a local grant would be overwritten at the next policy refresh, so nothing was changed. Add the account in the GPO: Group Policy Management -> " + $gpoName + ' -> ' + ${gpoRightPath(right).join(' -> ')} + ' -> Add User or Group -> ' + $r.account + '. Then run gpupdate /target:computer /force on ' + $onHost + ' and run this script again.')
}
if ($r.held) { Complete-MsaStep 'exists' ($r.account + ' already holds ' + $words + ' on ' + $onHost + '.') }
elseif ($r.granted -and $r.heldAfter) { Complete-MsaStep 'done' ('Granted ' + $words + ' to ' + $r.account + ' on ' + $onHost + '.') }
else { Stop-MsaStep ('Granted ' + $words + ' to ' + $r.account + ' on ' + $onHost + ', but reading the right back does not list it. Check it with secpol.msc (Local Policies -> User Rights Assignment).') }`;
}

/** Puts back what a right step granted: LsaRemoveAccountRights for that one entry, if it is still there. */
function rightUndo(right: LogonRight, created: readonly CreatedObject[]): PsScript {
  const r = LOGON_RIGHTS[right];
  const grants = created.filter((c) => c.kind === r.creates);
  if (grants.length === 0) return NOTHING;
  return joinScripts([
    ps`# Revoke ${r.words} from the account this run granted it to (LsaRemoveAccountRights: that one entry only),
# if the account still holds it here.
$right = Get-MsaUserRight -Right ${r.privilege}`,
    ...grants.map(
      (c) =>
        ps`if (@($right.Accounts | ForEach-Object { [string]$_ }) -contains ${c.identity}) { Revoke-MsaUserRight -Right ${r.privilege} -Account ${c.identity} | Out-Null }`,
    ),
  ]);
}

/**
 * The step that grants one right to the account on one host: id '<right step>@<host>' (batch-right@WEB01). The
 * user-rights commands come with its script and its undo (the lab's MsaUserRights module defines them; a real host
 * gets them from the script itself).
 */
export function logonRightStep(right: LogonRight, host: string): Step {
  const r = LOGON_RIGHTS[right];
  const descriptor = RIGHT_DESCRIPTORS[r.step];
  const title = `Grant "${r.words}" on ${host}`;
  const full = (script: PsScript, what = title) => joinPrelude(script, what, RIGHT_STEP_HELPERS);
  return {
    id: `${r.step}@${host}`,
    kind: r.step,
    title,
    stage: descriptor.stage,
    where: descriptor.where,
    host,
    creates: descriptor.creates,
    label: descriptor.label,
    command: descriptor.command,
    workloadId: null,
    settingsDependent: false,
    needs: RIGHT_STEP_HELPERS,
    script: (plan) => rightScript(right, plan),
    preview: (plan) => full(rightScript(right, plan)),
    judge: () => rightJudge(right),
    async run(session, plan) {
      let data: unknown[];
      try {
        data = await session.run(full(rightScript(right, plan)), { timeoutMs: STEP_TIMEOUT_MS });
      } catch (error) {
        const kind = classifyError(error);
        const message =
          kind === PsErrorKind.LanguageRestricted
            ? addTypeBlockedMessage(right, host, plan)
            : explainFailure(kind, error);
        return { status: 'failed', created: [], errorKind: kind, message };
      }
      return evaluateRaw(rightRaw, data, (raw) => evaluateRight(right, raw, host));
    },
    undo(created) {
      const undo = rightUndo(right, created);
      return undo === NOTHING ? joinPrelude(undo) : full(undo, `Undo: ${title}`);
    },
  };
}

/**
 * The survey's part for one right on one host: adds { kind: '<right>', identity: DOMAIN\\name$, parent: host } to
 * `$found` when the account holds it. Expects $sam, $account (the AD account or $null) and the user-rights commands.
 */
export function rightSurvey(right: LogonRight, host: string): PsScript {
  const r = LOGON_RIGHTS[right];
  return ps`try {
    $accountName = Get-MsaTaskAccount $sam
    $sid = $null
    if ($null -ne $account -and $null -ne $account.SID) { $sid = [string]$account.SID }
    $right = Get-MsaUserRight -Right ${r.privilege}
    if (@(Select-MsaRightEntries -Entries $right.Accounts -Account $accountName -Sam $sam -Sid $sid).Count -gt 0) {
        [void]$found.Add([ordered]@{ kind = ${r.creates}; identity = $accountName; parent = ${host} })
    }
} catch { $right = $null }`;
}
