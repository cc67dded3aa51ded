// Step 'app-pool-recycle': make sure the pool's worker processes run as the account, then verify in the same round
// trip: Get-WebAppPoolState says Started, the identity reads back as the account, and the System log holds no WAS
// failure (5021 / 5057 / 5059) for this pool. Twice in a row changes nothing, so the step recycles only when it must:
//   - IIS recycles a Started pool itself when its configuration changes (the identity step's change included), unless
//     the pool's recycling@disallowRotationOnConfigChange is true (IIS configuration reference, applicationPools/add/
//     recycling: "Specifies whether the WWW Service should rotate worker processes in an application pool when the
//     configuration has changed. The default value is false."). On that recycle WAS logs the new identity on and, when
//     it cannot, writes 5021 (and disables the pool at its first request: 5057 / 5059).
//   - So a Started pool whose identity reads back as the account, which rotates on a change, and for which WAS logged
//     no failure since the configuration was last written runs as the account: 'exists', not recycled. What is
//     provable on IIS: IIS keeps no time per attribute; applicationHost.config's LastWriteTime is the latest the
//     identity can have changed, so a 5021 logged since then speaks about the current identity. Where that file
//     cannot be read (the lab does not model it), only what this step's own read sees counts (state and identity).
//   - A Started pool as the account with such a failure event, or one that does not rotate on a change: recycled
//     (Restart-WebAppPool) and judged by WAS's events since the recycle. (A pool with disallowRotationOnConfigChange
//     true is recycled on every run: nothing readable says its worker processes picked up the identity.)
//   - A Stopped pool as the account: Start-WebAppPool, and the same check.
//   - A pool that does not run as the account: nothing is recycled (it would run as the wrong identity): 'failed'.
// When the pool stopped or WAS logged a failure, the step reads why ("Log on as a batch job" held? can the host
// retrieve the managed password: Test-ADServiceAccount) and says what to fix. A recycle cannot be undone and creates
// nothing. With settings.recycle off, the step only reads and reports that the identity applies at the next recycle.
import { z } from 'zod';
import { samOf } from '../../plan/plan-schema.js';
import { ps, type PsScript } from '../../powershell/script.js';
import { NOTHING, type StepOutcome } from '../../steps/types.js';
import type { WorkloadContext, WorkloadStepSpec } from '../types.js';
import { batchRightRaw, batchRightReport } from './batch-right-effective.js';
import { APP_POOL_HELPERS } from './identity.js';
import { poolRaw, sameAccount, describePrevious } from './pool-raw.js';
import type { AppPoolSettings } from './settings.js';
import { explainWasEvents, wasEventRaw } from './was-events.js';

const recycleRaw = z.object({
  computer: z.string(),
  account: z.string(),
  recycle: z.boolean(),
  /** 'recycled' (Restart-WebAppPool), 'started' (Start-WebAppPool), 'none' (nothing needed, recycle off, no pool). */
  action: z.enum(['recycled', 'started', 'none']),
  /** Why a Started pool was recycled: WAS failures since the configuration was written, or no rotation on change. */
  reason: z.enum(['failures', 'no-rotation']).nullable(),
  /** When applicationHost.config was last written (ISO), or null when it could not be read. */
  configWritten: z.string().nullable(),
  before: poolRaw.nullable(),
  after: poolRaw.nullable(),
  /** WAS failures for this pool logged since the configuration was last written, read before any action. */
  prior: z.array(wasEventRaw),
  /** WAS failures for this pool logged since the step's action. */
  events: z.array(wasEventRaw),
  /** Read only when something went wrong: the batch right and whether this host can retrieve the password. */
  diagnosis: z.object({ right: batchRightRaw, canRetrieve: z.boolean().nullable() }).nullable(),
});
type RecycleRaw = z.infer<typeof recycleRaw>;
type Ctx = WorkloadContext<AppPoolSettings>;

/**
 * The recycle step's decisions, defined once in the helper region. Get-MsaWasFailures: WAS's failures for the pool
 * since a time. Get-MsaConfigWritten: the latest time the identity can have been written, applicationHost.config's
 * LastWriteTime (IIS keeps none per attribute; not readable: $null, then only this step's own read counts).
 * Get-MsaRecycleDecision: only a pool that runs as the account, when asked: start it when stopped; recycle a started
 * one only when its running worker processes may not run as the account yet (WAS failures since the change, or
 * rotation on configuration change turned off); else nothing ('none').
 */
const RECYCLE_HELPERS = ps`function Get-MsaWasFailures {
    param([string]$Name, [datetime]$Since)
    # WAS's 5021 (identity invalid), 5057 / 5059 (pool disabled) for this pool since $Since. The pool's name is each
    # event's first insertion string (%1); without insertion strings, the message names it.
    try {
        foreach ($e in @(Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-WAS'; Id = 5021, 5057, 5059; StartTime = $Since } -ErrorAction Stop)) {
            if (@($e.Properties).Count -gt 0) { if ([string]@($e.Properties)[0].Value -ne $Name) { continue } }
            elseif (-not ([string]$e.Message).Contains('pool ' + $Name + ' ')) { continue }
            [ordered]@{ id = [int]$e.Id; time = $e.TimeCreated.ToString('o'); message = [string]$e.Message }
        }
    } catch {
        if ([string]$_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') { throw }
    }
}
function Get-MsaConfigWritten {
    if (-not $env:windir) { return $null }
    $configFile = $env:windir + '\\System32\\inetsrv\\config\\applicationHost.config'
    if (Test-Path -LiteralPath $configFile) { return (Get-Item -LiteralPath $configFile).LastWriteTime }
    return $null
}
function Get-MsaRecycleDecision {
    param([string]$Name, $Pool, [string]$Account, [bool]$Recycle, $ConfigWritten)
    $decision = [ordered]@{ action = 'none'; reason = $null; prior = @() }
    $ours = ($null -ne $Pool) -and ($Pool.identityType -eq 'SpecificUser') -and ((Get-MsaBareAccount $Pool.userName) -eq (Get-MsaBareAccount $Account))
    if (-not ($ours -and $Recycle)) { return $decision }
    if ($Pool.state -ne 'Started') { $decision.action = 'started'; return $decision }
    if ($null -ne $ConfigWritten) { $decision.prior = @(Get-MsaWasFailures $Name $ConfigWritten) }
    $rotates = (Get-MsaPoolValue $Name 'recycling.disallowRotationOnConfigChange') -ne 'True'
    if ($decision.prior.Count -gt 0) { $decision.reason = 'failures' } elseif (-not $rotates) { $decision.reason = 'no-rotation' }
    if ($null -ne $decision.reason) { $decision.action = 'recycled' }
    return $decision
}`;

function recycleScript(ctx: Ctx): PsScript {
  const s = ctx.workload.settings;
  return ps`$account = Get-MsaTaskAccount ${samOf(ctx.plan)}
$before = Read-MsaAppPool ${s.name}
$since = Get-Date
$configWritten = Get-MsaConfigWritten
$decision = Get-MsaRecycleDecision -Name ${s.name} -Pool $before -Account $account -Recycle ${s.recycle} -ConfigWritten $configWritten
if ($decision.action -eq 'started') { Start-WebAppPool -Name ${s.name} }
if ($decision.action -eq 'recycled') { Restart-WebAppPool -Name ${s.name} }
# Recycled only when needed: WAS starts new worker processes as the account on a configuration change by itself.
$name = ${s.name}
$sam = ${samOf(ctx.plan)}
$recycle = ${s.recycle}
$action = $decision.action
$reason = $decision.reason
$prior = @($decision.prior)
# WAS may still be starting or stopping the pool: read its state up to 10 more times, 0.5 s apart (one round trip).
$after = $null
for ($i = 0; $i -le 10; $i++) {
    if ($i -gt 0) { Start-Sleep -Milliseconds 500 }
    $after = Read-MsaAppPool $name
    if ($null -eq $after -or ($after.state -ne 'Starting' -and $after.state -ne 'Stopping')) { break }
}
$events = @()
if ($action -ne 'none') { $events = @(Get-MsaWasFailures $name $since) }
$diagnosis = $null
if ($action -ne 'none' -and ($events.Count -gt 0 -or $null -eq $after -or $after.state -ne 'Started')) {
    $canRetrieve = $null
    try { $canRetrieve = [bool](Test-ADServiceAccount -Identity $sam) } catch { $canRetrieve = $null }
    $diagnosis = [ordered]@{ right = (Read-MsaBatchRight $sam); canRetrieve = $canRetrieve }
}
$written = $null
if ($null -ne $configWritten) { $written = $configWritten.ToString('o') }
[ordered]@{
    computer = [string]$env:COMPUTERNAME; account = $account; recycle = $recycle; action = $action; reason = $reason
    configWritten = $written; before = $before; after = $after; prior = $prior; events = $events; diagnosis = $diagnosis
}`;
}

/** Why the step recycled a pool that was Started as the account. */
function recycleWhy(raw: RecycleRaw): string {
  if (raw.reason === 'failures') {
    const ids = [...new Set(raw.prior.map((e) => e.id))].sort((a, b) => a - b);
    return ` (WAS had logged ${ids.join(', ')} for it since its configuration was last written)`;
  }
  if (raw.reason === 'no-rotation') {
    return ' (its recycling.disallowRotationOnConfigChange is true, so the identity change did not recycle it)';
  }
  return '';
}

function evaluateRecycle(raw: RecycleRaw, ctx: Ctx): StepOutcome {
  const s = ctx.workload.settings;
  const host = raw.computer || ctx.workload.host;
  const pool = raw.after;
  if (pool === null) {
    return {
      status: 'failed',
      created: [],
      message: `There is no application pool ${s.name} on ${host} (any more): run "Run app pool ${s.name} as the account" first.`,
    };
  }
  if (!sameAccount(pool, raw.account)) {
    return {
      status: 'failed',
      created: [],
      message: `The application pool ${s.name} on ${host} runs as ${describePrevious(pool)}, not ${raw.account}; it was not recycled: run "Run app pool ${s.name} as the account" first.`,
    };
  }
  if (!raw.recycle) {
    return {
      status: 'exists',
      created: [],
      message: `The application pool ${s.name} on ${host} is set to run as ${raw.account} and is ${pool.state}; it was not recycled (recycle is off), so its worker processes take the identity at the next recycle.`,
    };
  }
  if (raw.action === 'none' && pool.state === 'Started') {
    const since = raw.configWritten === null ? '' : ' since its configuration was last written';
    return {
      status: 'exists',
      created: [],
      message: `The application pool ${s.name} on ${host} is already Started, running as ${raw.account}, and WAS logged no failure for it (events 5021, 5057, 5059)${since}; not recycled (IIS recycles a running pool itself when its identity changes).`,
    };
  }
  const did = raw.action === 'started' ? 'Started' : 'Recycled';
  const didWhy = raw.action === 'started' ? '' : recycleWhy(raw);
  if (pool.state === 'Started' && raw.events.length === 0) {
    return {
      status: 'done',
      created: [],
      message: `${did} the application pool ${s.name} on ${host}${didWhy}: Started, running as ${raw.account}, and WAS logged no failure for it (events 5021, 5057, 5059).`,
    };
  }
  const right = raw.diagnosis === null ? null : batchRightReport(raw.diagnosis.right, raw.account, host);
  const why = explainWasEvents(raw.events, {
    account: raw.account,
    host,
    pool: s.name,
    rightHeld: right === null ? null : (right.direct || right.via.length > 0) && right.denied.length === 0,
    canRetrieve: raw.diagnosis?.canRetrieve ?? null,
  });
  const state = pool.state === 'Started' ? 'reports Started' : `is ${pool.state}`;
  return {
    status: 'failed',
    created: [],
    message: `${did} the application pool ${s.name} on ${host}${didWhy}; it ${state}, but ${why}`,
    ...(right !== null && right.warnings.length > 0 ? { warnings: right.warnings } : {}),
  };
}

const judgeRecycle = (
  ctx: Ctx,
): PsScript => ps`# Judge: the pool must be Started as the account with no WAS failure since the step's start or recycle.
$poolName = ${ctx.workload.settings.name}
$p = $r.after
if ($null -eq $p) { Stop-MsaStep ('There is no application pool ' + $poolName + ' on ' + $r.computer + '.') }
if ($p.identityType -ne 'SpecificUser' -or (Get-MsaBareAccount $p.userName) -ne (Get-MsaBareAccount $r.account)) { Stop-MsaStep ('The application pool ' + $poolName + ' on ' + $r.computer + ' does not run as ' + $r.account + '; not recycled.') }
$ids = @(@($r.events) | ForEach-Object { [int]$_.id } | Sort-Object -Unique)
$did = 'recycle'
if ($r.action -eq 'started') { $did = 'start' }
if (-not $r.recycle) { Complete-MsaStep 'exists' ('The application pool ' + $poolName + ' runs as ' + $r.account + '; not recycled (recycle is off).') }
elseif ($r.action -eq 'none' -and $p.state -eq 'Started') { Complete-MsaStep 'exists' ('The application pool ' + $poolName + ' is already Started, running as ' + $r.account + ', with no WAS failure logged for it; not recycled.') }
elseif ($p.state -ne 'Started' -or $ids.Count -gt 0) {
    $why = 'WAS logged ' + ($ids -join ', ') + ' (5021: the identity is invalid - "Log on as a batch job" missing, or this host cannot retrieve the managed password; 5057/5059: the pool was disabled).'
    if ($null -ne $r.diagnosis -and $r.diagnosis.canRetrieve -eq $false) { $why += ' Test-ADServiceAccount says this host cannot retrieve the password: add it to the group allowed to retrieve it, then klist -li 0x3e7 purge (or restart) on ' + $r.computer + '.' }
    Stop-MsaStep ('The application pool ' + $poolName + ' on ' + $r.computer + ' is ' + $p.state + ' after the ' + $did + '. ' + $why)
}
elseif ($r.action -eq 'started') { Complete-MsaStep 'done' ('Started the application pool ' + $poolName + ': Started, running as ' + $r.account + '.') }
else { Complete-MsaStep 'done' ('Recycled the application pool ' + $poolName + ': Started, running as ' + $r.account + '.') }`;

export const appPoolRecycleStep: WorkloadStepSpec<AppPoolSettings, RecycleRaw> = {
  id: 'app-pool-recycle',
  title: (ctx) => `Recycle ${ctx.workload.settings.name} and verify`,
  label: 'Recycle',
  command: 'Restart-WebAppPool',
  creates: [],
  // The diagnosis reads the batch right with Get-MsaUserRight.
  needs: [...APP_POOL_HELPERS, RECYCLE_HELPERS],
  script: recycleScript,
  raw: recycleRaw,
  evaluate: evaluateRecycle,
  judge: judgeRecycle,
  undo: () => NOTHING,
};
