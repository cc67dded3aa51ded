// Step 'app-pool-identity': run the application pool as DOMAIN\name$. One round trip on the pool's host:
//   read the pool (missing: 'conflict' in existing mode; New-WebAppPool with the CLR version and pipeline mode in
//   create mode), then processModel — userName DOMAIN\name$, password '' (WAS retrieves a managed account's password
//   itself; none is asked for, handled or stored), identityType SpecificUser — each set only when it differs, then read
//   back. Also read: the content folders of the sites that use the pool (a folder non-administrators can write is a
//   warning: whoever changes the site's code runs it as the account) and who holds "Log on as a batch job" (the pool's
//   default logon type is a batch logon), to say whether the account holds it directly or through a group.
// A pool that runs as a user account now cannot be put back by undo (that needs its password): the step changes
// nothing unless the admin acknowledged it (settings.acknowledgeNoRestore). A previous managed account (name ending in
// $) or built-in identity is recorded in created[].previous and restored by undo.
import { z } from 'zod';
import { samOf } from '../../plan/plan-schema.js';
import { joinScripts, ps, type PsScript } from '../../powershell/script.js';
import { NOTHING, type CreatedObject, type StepOutcome } from '../../steps/types.js';
import { USER_RIGHTS_FALLBACK } from '../shared/user-rights.js';
import { aclRaw, READ_ACL, writableByOthers } from '../shared/acl.js';
import type { WorkloadContext, WorkloadStepSpec } from '../types.js';
import { APPHOST, READ_POOL } from './app-pool-read.js';
import { batchRightRaw, batchRightReport, READ_BATCH_RIGHT } from './batch-right-effective.js';
import { describePrevious, isManagedAccountName, poolRaw, sameAccount } from './pool-raw.js';
import { NO_RESTORE_WHY, runtimeWords, wantedPoolShape, type AppPoolSettings } from './settings.js';

const siteRaw = z.object({
  name: z.string(),
  physicalPath: z.string(),
  exists: z.boolean(),
  acl: aclRaw.nullable(),
});

const identityRaw = z.object({
  computer: z.string(),
  account: z.string(),
  found: z.boolean(),
  created: z.boolean(),
  /** 'shape': an existing pool with another CLR version or pipeline; 'no-restore': a user account, not acknowledged. */
  blocked: z.enum(['shape', 'no-restore']).nullable(),
  changed: z.array(z.string()),
  before: poolRaw.nullable(),
  after: poolRaw.nullable(),
  sites: z.array(siteRaw),
  right: batchRightRaw,
});
type IdentityRaw = z.infer<typeof identityRaw>;

type Ctx = WorkloadContext<AppPoolSettings>;

/**
 * The identity step's decisions, defined once in the helper region. Set-MsaPoolShape: a pool just created gets the
 * planned runtime and pipeline (New-WebAppPool takes the server's defaults). Test-MsaPoolRunsAs: SpecificUser as the
 * account. Get-MsaPoolBlock: why nothing may change: an existing pool of that name with another runtime or pipeline
 * than planned ('shape'); a user account now, not acknowledged ('no-restore': undo cannot put its password back).
 */
const IDENTITY_HELPERS = ps`function Set-MsaPoolShape {
    param([string]$Name, $Want, $Changed)
    if ((Get-MsaPoolValue $Name 'managedRuntimeVersion') -ne $Want.runtime) { Set-MsaPoolValue $Name 'managedRuntimeVersion' $Want.runtime; [void]$Changed.Add('managedRuntimeVersion') }
    if ((Read-MsaAppPool $Name).pipeline -ne $Want.pipeline) { Set-MsaPoolValue $Name 'managedPipelineMode' $Want.pipeline; [void]$Changed.Add('managedPipelineMode') }
}
function Test-MsaPoolRunsAs {
    param($Pool, [string]$Account)
    return ($Pool.identityType -eq 'SpecificUser') -and ((Get-MsaBareAccount $Pool.userName) -eq (Get-MsaBareAccount $Account))
}
function Get-MsaPoolBlock {
    param($Pool, [bool]$Found, $Want, [string]$Account, [bool]$Acknowledged)
    if ($null -eq $Pool) { return $null }
    if ($Found -and $null -ne $Want -and ($Pool.runtime -ne $Want.runtime -or $Pool.pipeline -ne $Want.pipeline)) { return 'shape' }
    # A managed account (name$ or its UPN form name$@domain) has no password to lose; any other specific user does.
    $managed = ([string]$Pool.userName).EndsWith('$') -or ([string]$Pool.userName -like '*$@*')
    if (-not (Test-MsaPoolRunsAs $Pool $Account) -and $Pool.identityType -eq 'SpecificUser' -and -not $managed -and -not $Acknowledged) { return 'no-restore' }
    return $null
}`;

/** The identity step's helpers, shared pieces (the exported script defines each once). */
export const APP_POOL_HELPERS = [
  USER_RIGHTS_FALLBACK,
  READ_POOL,
  READ_ACL,
  READ_BATCH_RIGHT,
  IDENTITY_HELPERS,
] as const;

function identityScript(ctx: Ctx): PsScript {
  const s = ctx.workload.settings;
  const shape = wantedPoolShape(s);
  const processModel = `system.applicationHost/applicationPools/add[@name="${s.name}"]/processModel`;
  const create =
    shape === null
      ? ps`$created = $false`
      : ps`$created = ($null -eq $before)
if ($created) { New-WebAppPool -Name ${s.name} | Out-Null; Set-MsaPoolShape -Name ${s.name} -Want ${{ runtime: shape.runtime, pipeline: shape.pipeline }} -Changed $changed }`;
  return ps`$account = Get-MsaTaskAccount ${samOf(ctx.plan)}
$before = Read-MsaAppPool ${s.name}
$changed = New-Object System.Collections.ArrayList
${create}
$pool = Read-MsaAppPool ${s.name}
$blocked = Get-MsaPoolBlock -Pool $pool -Found ($null -ne $before) -Want ${shape === null ? null : { runtime: shape.runtime, pipeline: shape.pipeline }} -Account $account -Acknowledged ${s.acknowledgeNoRestore}
if ($null -ne $pool -and $null -eq $blocked -and -not (Test-MsaPoolRunsAs $pool $account)) {
    Set-WebConfigurationProperty -PSPath ${APPHOST} -Filter ${processModel} -Name userName -Value $account
    Set-WebConfigurationProperty -PSPath ${APPHOST} -Filter ${processModel} -Name password -Value ''
    Set-WebConfigurationProperty -PSPath ${APPHOST} -Filter ${processModel} -Name identityType -Value 'SpecificUser'
    if ([string]$pool.userName -cne $account) { [void]$changed.Add('processModel.userName') }
    [void]$changed.Add('processModel.password')
    [void]$changed.Add('processModel.identityType')
}
# An empty password: Windows retrieves the managed password itself (none is stored in applicationHost.config).
$name = ${s.name}
$sam = ${samOf(ctx.plan)}
$found = ($null -ne $before)
# The sites whose root application runs in this pool, and who can write their content folders.
$sites = @(foreach ($site in @(Get-Website)) {
    if ($null -eq $site -or [string]$site.applicationPool -ne $name) { continue }
    $path = [Environment]::ExpandEnvironmentVariables([string]$site.physicalPath)
    $exists = [bool](Test-Path -LiteralPath $path -PathType Container)
    $acl = $null
    if ($exists) { $acl = Read-MsaAcl $path }
    [ordered]@{ name = [string]$site.name; physicalPath = $path; exists = $exists; acl = $acl }
})
# Who holds "Log on as a batch job" (and its deny), and the account's SID and domain groups, to tell direct from group.
$right = Read-MsaBatchRight $sam
[ordered]@{
    computer = [string]$env:COMPUTERNAME; account = $account; found = $found; created = $created; blocked = $blocked
    changed = @($changed); before = $before; after = (Read-MsaAppPool $name); sites = $sites; right = $right
}`;
}

/** The warning about content folders non-administrators can write, or nothing. */
function contentWarnings(raw: IdentityRaw, pool: string): string[] {
  const parts: string[] = [];
  const folders: string[] = [];
  for (const site of raw.sites) {
    if (site.acl === null) continue;
    const writers = writableByOthers(site.acl, true, raw.account);
    if (writers.length === 0) continue;
    parts.push(`${site.physicalPath} (site ${site.name}): ${writers.join(', ')}`);
    folders.push(site.physicalPath);
  }
  if (parts.length === 0) return [];
  return [
    `The content of a site in ${pool} can be changed by non-administrators — ${parts.join('; ')}. Whoever changes the site's code runs it as ${raw.account}. Limit the folder to administrators, SYSTEM and the account (read), e.g. as administrator: icacls "${folders[0] ?? ''}" /inheritance:r /grant:r "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F" "${raw.account}:(OI)(CI)RX" (keep read access for any other identity the site needs, e.g. IUSR, the default anonymous user).`,
  ];
}

function evaluateIdentity(raw: IdentityRaw, ctx: Ctx): StepOutcome {
  const s = ctx.workload.settings;
  const host = raw.computer || ctx.workload.host;
  const pool = raw.after ?? raw.before;
  const created: CreatedObject[] = [];
  // Named as the survey names them (the workload's host), so a cut-off attempt is credited the same objects.
  const parent = ctx.workload.host;
  if (raw.created) created.push({ kind: 'app-pool', identity: s.name, parent });
  if (!raw.found && !raw.created) {
    return {
      status: 'conflict',
      created: [],
      message: `There is no application pool ${s.name} on ${host}. Choose an existing pool (Get-IISAppPool or IIS Manager lists them), or choose "create" to make one.`,
    };
  }
  if (pool === null) {
    return {
      status: 'failed',
      created,
      message: `Created the application pool ${s.name} on ${host}, but it could not be read back. Check it in IIS Manager, or undo.`,
    };
  }
  const right = batchRightReport(raw.right, raw.account, host);
  const warnings = [...contentWarnings(raw, s.name), ...right.warnings];
  const withExtras = (o: StepOutcome): StepOutcome => ({
    ...o,
    message: `${o.message} ${right.sentence}`,
    ...(warnings.length > 0 ? { warnings } : {}),
  });
  if (raw.blocked === 'shape' && raw.before !== null) {
    const want = wantedPoolShape(s);
    return {
      status: 'conflict',
      created: [],
      message: `An application pool ${s.name} already exists on ${host} with ${runtimeWords(raw.before.runtime)}, ${raw.before.pipeline} pipeline, not ${runtimeWords(want?.runtime ?? '')}, ${want?.pipeline ?? ''}. It was left unchanged: choose "existing" to use it as it is, or another name.`,
    };
  }
  if (raw.blocked === 'no-restore' && raw.before !== null) {
    return {
      status: 'conflict',
      created: [],
      message: `The application pool ${s.name} on ${host} runs as the user account ${raw.before.userName}. ${NO_RESTORE_WHY} Nothing was changed: acknowledge this to go on.`,
    };
  }
  if (!sameAccount(pool, raw.account)) {
    return {
      status: 'failed',
      created,
      message: `Set the application pool ${s.name} on ${host} to run as ${raw.account}, but reading it back it runs as ${describePrevious(pool)}. Check it in IIS Manager (Advanced Settings, Identity), or undo.`,
    };
  }
  if (raw.before !== null && sameAccount(raw.before, raw.account)) {
    return withExtras({
      status: 'exists',
      created: [],
      message: `The application pool ${s.name} on ${host} already runs as ${raw.account}; nothing was changed.`,
    });
  }
  if (raw.before !== null) {
    created.push({ kind: 'app-pool-identity', identity: s.name, parent, previous: describePrevious(raw.before) });
  }
  const made = raw.created
    ? `Created the application pool ${s.name} (${runtimeWords(pool.runtime)}, ${pool.pipeline} pipeline) on ${host} and set it`
    : `Set the application pool ${s.name} on ${host}`;
  const was = raw.before === null ? '' : ` (it ran as ${describePrevious(raw.before)})`;
  return withExtras({
    status: 'done',
    created,
    message: `${made} to run as ${raw.account}${was}: identityType SpecificUser, an empty password (Windows retrieves the managed password; none is stored), read back. The change applies when the pool recycles.`,
  });
}

const judgeIdentity = (
  ctx: Ctx,
): PsScript => ps`# Judge: a missing pool, another CLR/pipeline, a user account not acknowledged -> stop; else the account must read back.
$poolName = ${ctx.workload.settings.name}
$p = $r.after
if (-not $r.found -and -not $r.created) { Stop-MsaStep ('There is no application pool ' + $poolName + ' on ' + $r.computer + '. Choose an existing pool, or "create".') }
if ($r.blocked -eq 'shape') { Stop-MsaStep ('An application pool ' + $poolName + ' already exists on ' + $r.computer + ' with ' + $r.before.runtime + ' / ' + $r.before.pipeline + ', not the planned CLR version and pipeline. It was left unchanged.') }
if ($r.blocked -eq 'no-restore') { Stop-MsaStep ('The application pool ' + $poolName + ' on ' + $r.computer + ' runs as the user account ' + $r.before.userName + '; undo could not set it back without its password. Nothing was changed; acknowledge this (acknowledgeNoRestore) to go on.') }
if ($null -eq $p -or $p.identityType -ne 'SpecificUser' -or (Get-MsaBareAccount $p.userName) -ne (Get-MsaBareAccount $r.account)) { Stop-MsaStep ('Reading the application pool ' + $poolName + ' back on ' + $r.computer + ' it does not run as ' + $r.account + '. Check it in IIS Manager.') }
if (@($r.changed).Count -eq 0 -and -not $r.created) { Complete-MsaStep 'exists' ('The application pool ' + $poolName + ' already runs as ' + $r.account + '.') }
else { Complete-MsaStep 'done' ('The application pool ' + $poolName + ' runs as ' + $r.account + ' (SpecificUser, empty password), read back.') }`;

/**
 * Undo, in one round trip that reads and decides before it changes anything: remove a pool this run created; put a
 * changed pool back to its previous identity only while it still runs as the managed account (full name,
 * case-insensitive: a pool an admin has set back or changed since is left as is). A previous user account, or one the
 * journal does not know (a cut-off step), cannot be put back (no password): while the pool still runs as the managed
 * account, the script throws, asking the admin to set the identity back in IIS Manager and undo again.
 */
function undoIdentity(created: readonly CreatedObject[], ctx: Ctx): PsScript {
  const pools = created.filter((c) => c.kind === 'app-pool');
  const identities = created.filter((c) => c.kind === 'app-pool-identity');
  if (pools.length === 0 && identities.length === 0) return NOTHING;
  // Read-MsaAppPool and the other pool helpers come with the step's needs (the helper region).
  const parts: PsScript[] = [
    ps`$report = New-Object System.Collections.ArrayList
$restore = New-Object System.Collections.ArrayList
$blocked = New-Object System.Collections.ArrayList
# The managed account by its full name (compared case-insensitively): a pool now under any other identity was changed
# after this run, and undo leaves it as it is.
$account = Get-MsaTaskAccount ${samOf(ctx.plan)}`,
  ];
  for (const c of identities) parts.push(decideIdentity(c.identity, c.previous));
  parts.push(ps`# Decided before any change: a pool that must be set back by hand stops the whole undo here.
if ($blocked.Count -gt 0) { throw ((@($blocked) -join ' ') + ' Nothing was changed.') }
foreach ($item in @($restore)) {
    # Back to the identity it had: a built-in identity (no user name), or a managed account (no password: Windows retrieves it).
    if ($item.builtin) {
        Set-MsaPoolValue $item.pool 'processModel.identityType' $item.to
        Set-MsaPoolValue $item.pool 'processModel.userName' ''
    } else {
        Set-MsaPoolValue $item.pool 'processModel.userName' $item.to
    }
    Set-MsaPoolValue $item.pool 'processModel.password' ''
    [void]$report.Add($item.pool + ': set back to ' + $item.to + '.')
}`);
  for (const c of pools) {
    parts.push(ps`# Remove the application pool this run created (if it is still there).
if ($null -ne (Read-MsaAppPool ${c.identity})) { Remove-WebAppPool -Name ${c.identity} }`);
  }
  parts.push(ps`,@($report)`);
  return joinScripts(parts);
}

/** Reads one changed pool and decides, changing nothing: left as is, restore, or blocked (set back by hand). */
function decideIdentity(pool: string, previous: string | undefined): PsScript {
  const to = restorable(previous ?? '');
  const why =
    previous === undefined || previous === ''
      ? 'its identity before this run is not recorded (the step was cut off before it answered)'
      : `it ran as the user account ${previous.replace(/^SpecificUser:/, '')} before, and undo cannot set that back without its password, which the wizard never handles`;
  const decide =
    to === null
      ? ps`[void]$blocked.Add(${`The application pool ${pool} still runs as the managed account, and ${why}. Set its identity back yourself in IIS Manager (Application Pools, ${pool}, Advanced Settings, Identity), then undo again.`})`
      : 'builtin' in to
        ? ps`[void]$restore.Add(${{ pool, builtin: true, to: to.builtin }})`
        : ps`[void]$restore.Add(${{ pool, builtin: false, to: to.account }})`;
  return ps`$p = Read-MsaAppPool ${pool}
if ($null -eq $p) { [void]$report.Add(${`${pool}: left as is: the application pool no longer exists.`}) }
elseif (-not ($p.identityType -eq 'SpecificUser' -and [string]$p.userName -eq $account)) {
    $now = $p.identityType
    if ($p.identityType -eq 'SpecificUser') { $now = [string]$p.userName }
    [void]$report.Add(${`${pool}: left as is: now runs as `} + $now + '.')
}
else { ${decide} }`;
}

/** What a previous identity is restored as: a built-in identity, a managed account (name$), or null (a user account). */
function restorable(previous: string): { builtin: string } | { account: string } | null {
  if (/^(ApplicationPoolIdentity|NetworkService|LocalService|LocalSystem)$/.test(previous))
    return { builtin: previous };
  const account = /^SpecificUser:(.+)$/.exec(previous)?.[1];
  return account === undefined || !isManagedAccountName(account) ? null : { account };
}

export const appPoolIdentityStep: WorkloadStepSpec<AppPoolSettings, IdentityRaw> = {
  id: 'app-pool-identity',
  title: (ctx) => `Run app pool ${ctx.workload.settings.name} as ${samOf(ctx.plan)}`,
  label: 'App pool identity',
  command: 'Set-WebConfigurationProperty',
  creates: ['app-pool', 'app-pool-identity'],
  // The lab's MsaUserRights module defines Get-MsaUserRight; a real host gets it from the script itself.
  needs: APP_POOL_HELPERS,
  script: identityScript,
  raw: identityRaw,
  evaluate: evaluateIdentity,
  judge: judgeIdentity,
  undo: undoIdentity,
};
