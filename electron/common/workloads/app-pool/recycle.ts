// Step 'app-pool-recycle': recycle the pool (Restart-WebAppPool; Start-WebAppPool when it is stopped) so the new
// identity takes effect, then verify in the same round trip: Get-WebAppPoolState says Started, the identity reads back
// as the account, and the System log holds no WAS failure for this pool since the recycle. When the pool stopped or
// WAS logged 5021 / 5057 / 5059, the step reads why ("Log on as a batch job" held? can the host retrieve the managed
// password: Test-ADServiceAccount) and says what to fix. A recycle cannot be undone and creates nothing.
// With settings.recycle off, the step only reads and reports that the identity applies at the next recycle.
import { z } from 'zod';
import { samOf } from '../../plan/plan-schema.js';
import { ps, type PsScript } from '../../powershell/script.js';
import { NOTHING, type StepOutcome } from '../../steps/types.js';
import { USER_RIGHTS_FALLBACK } from '../shared/user-rights.js';
import type { WorkloadContext, WorkloadStepSpec } from '../types.js';
import { READ_POOL } from './app-pool-read.js';
import { batchRightRaw, batchRightReport, READ_BATCH_RIGHT } from './batch-right-effective.js';
import { poolRaw, sameAccount, describePrevious } from './pool-raw.js';
import type { AppPoolSettings } from './settings.js';
import { explainWasEvents, wasEventRaw } from './was-events.js';

const recycleRaw = z.object({
  computer: z.string(),
  account: z.string(),
  recycle: z.boolean(),
  /** 'recycled' (Restart-WebAppPool), 'started' (Start-WebAppPool), 'none' (recycle off, or no pool). */
  action: z.enum(['recycled', 'started', 'none']),
  before: poolRaw.nullable(),
  after: poolRaw.nullable(),
  events: z.array(wasEventRaw),
  /** Read only when something went wrong: the batch right and whether this host can retrieve the password. */
  diagnosis: z.object({ right: batchRightRaw, canRetrieve: z.boolean().nullable() }).nullable(),
});
type RecycleRaw = z.infer<typeof recycleRaw>;
type Ctx = WorkloadContext<AppPoolSettings>;

function recycleScript(ctx: Ctx): PsScript {
  const s = ctx.workload.settings;
  return ps`${READ_POOL}
${READ_BATCH_RIGHT}
# Recycle the application pool ${s.name} (start it when stopped), then check: Started, running as the account, and no
# WAS failure (5021 identity invalid, 5057 / 5059 pool disabled) in the System log since the recycle.
$name = ${s.name}
$sam = ${samOf(ctx.plan)}
$account = Get-MsaTaskAccount $sam
$recycle = ${s.recycle}
$since = Get-Date
$before = Read-MsaAppPool $name
$action = 'none'
if ($null -ne $before -and $recycle) {
    if ($before.state -eq 'Started') { Restart-WebAppPool -Name $name; $action = 'recycled' }
    else { Start-WebAppPool -Name $name; $action = 'started' }
}
$after = Read-MsaAppPool $name
# WAS may still be starting or stopping the pool: read its state again a few times (still one round trip).
for ($i = 0; $i -lt 10 -and $null -ne $after -and ($after.state -eq 'Starting' -or $after.state -eq 'Stopping'); $i++) {
    Start-Sleep -Milliseconds 500
    $after = Read-MsaAppPool $name
}
$events = @()
if ($action -ne 'none') {
    try {
        $events = @(foreach ($e in @(Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-WAS'; Id = 5021, 5057, 5059; StartTime = $since } -ErrorAction Stop)) {
            # The pool's name is each of these events' first insertion string (%1); without insertion strings, the
            # message names it: 'application pool <name> is invalid' / 'Application pool <name> has been disabled'.
            if (@($e.Properties).Count -gt 0) { if ([string]@($e.Properties)[0].Value -ne $name) { continue } }
            elseif (-not ([string]$e.Message).Contains('pool ' + $name + ' ')) { continue }
            [ordered]@{ id = [int]$e.Id; time = $e.TimeCreated.ToString('o'); message = [string]$e.Message }
        })
    } catch {
        if ([string]$_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') { throw }
    }
}
$diagnosis = $null
if ($action -ne 'none' -and ($events.Count -gt 0 -or $null -eq $after -or $after.state -ne 'Started')) {
    $canRetrieve = $null
    try { $canRetrieve = [bool](Test-ADServiceAccount -Identity $sam) } catch { $canRetrieve = $null }
    $diagnosis = [ordered]@{ right = (Read-MsaBatchRight $sam); canRetrieve = $canRetrieve }
}
[ordered]@{
    computer = [string]$env:COMPUTERNAME; account = $account; recycle = $recycle; action = $action
    before = $before; after = $after; events = $events; diagnosis = $diagnosis
}`;
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
      message: `The application pool ${s.name} on ${host} runs as ${describePrevious(pool)}, not ${raw.account}${raw.action === 'none' ? '' : ' (it was recycled as it is)'}: run "Run app pool ${s.name} as the account" first.`,
    };
  }
  if (!raw.recycle) {
    return {
      status: 'exists',
      created: [],
      message: `The application pool ${s.name} on ${host} is set to run as ${raw.account} and is ${pool.state}; it was not recycled (recycle is off), so its worker processes take the identity at the next recycle.`,
    };
  }
  const did = raw.action === 'started' ? 'Started' : 'Recycled';
  if (pool.state === 'Started' && raw.events.length === 0) {
    return {
      status: 'done',
      created: [],
      message: `${did} the application pool ${s.name} on ${host}: Started, running as ${raw.account}, and WAS logged no failure for it (events 5021, 5057, 5059).`,
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
    message: `${did} the application pool ${s.name} on ${host}; it ${state}, but ${why}`,
    ...(right !== null && right.warnings.length > 0 ? { warnings: right.warnings } : {}),
  };
}

const judgeRecycle = (
  ctx: Ctx,
): PsScript => ps`# Judge: the pool must be Started as the account with no WAS failure since the recycle.
$poolName = ${ctx.workload.settings.name}
$p = $r.after
if ($null -eq $p) { Stop-MsaStep ('There is no application pool ' + $poolName + ' on ' + $r.computer + '.') }
if ($p.identityType -ne 'SpecificUser' -or (Get-MsaBareAccount $p.userName) -ne (Get-MsaBareAccount $r.account)) { Stop-MsaStep ('The application pool ' + $poolName + ' on ' + $r.computer + ' does not run as ' + $r.account + '.') }
$ids = @(@($r.events) | ForEach-Object { [int]$_.id } | Sort-Object -Unique)
if (-not $r.recycle) { Complete-MsaStep 'exists' ('The application pool ' + $poolName + ' runs as ' + $r.account + '; not recycled (recycle is off).') }
elseif ($p.state -ne 'Started' -or $ids.Count -gt 0) {
    $why = 'WAS logged ' + ($ids -join ', ') + ' (5021: the identity is invalid - "Log on as a batch job" missing, or this host cannot retrieve the managed password; 5057/5059: the pool was disabled).'
    if ($null -ne $r.diagnosis -and $r.diagnosis.canRetrieve -eq $false) { $why += ' Test-ADServiceAccount says this host cannot retrieve the password: add it to the group allowed to retrieve it, then klist -li 0x3e7 purge (or restart) on ' + $r.computer + '.' }
    Stop-MsaStep ('The application pool ' + $poolName + ' on ' + $r.computer + ' is ' + $p.state + ' after the recycle. ' + $why)
}
else { Complete-MsaStep 'done' ('Recycled the application pool ' + $poolName + ': Started, running as ' + $r.account + '.') }`;

export const appPoolRecycleStep: WorkloadStepSpec<AppPoolSettings, RecycleRaw> = {
  id: 'app-pool-recycle',
  title: (ctx) => `Recycle ${ctx.workload.settings.name} and verify`,
  label: 'Recycle',
  creates: [],
  // The diagnosis reads the batch right with Get-MsaUserRight.
  needs: USER_RIGHTS_FALLBACK,
  script: recycleScript,
  raw: recycleRaw,
  evaluate: evaluateRecycle,
  judge: judgeRecycle,
  undo: () => NOTHING,
};
