// Step 'service-restart': restart the service (start it when stopped) so it logs on as the account, then verify, in
// one round trip: Running, and the logon account reads back. A start that fails is decoded (the Win32 error of the
// exception: 1069 a logon failure — the right or the managed password —, 1053, 1058, 1067, 1079 ...) with the System
// log's Service Control Manager events about this service written since just before this start (7000 failed to
// start, 7038 could not log on with the password, 7041 not granted the logon type), and on 1069 whether this host can use the account
// (Test-ADServiceAccount). Running services that depend on it are stopped and started with it: named in a warning.
// Creates nothing; skipped ('exists') when the settings say not to restart.
import { z } from 'zod';
import { samOf } from '../../plan/plan-schema.js';
import { ps, type PsScript } from '../../powershell/script.js';
import { NOTHING, type StepOutcome } from '../../steps/types.js';
import type { WorkloadContext, WorkloadStepSpec } from '../types.js';
import { decodeStartError, logonFailureCause, logonFailureFix, START_ERROR } from './codes.js';
import { accountWords, isAccount, READ_SERVICE, serviceFilter, serviceRaw } from './service-read.js';
import type { ServiceSettings } from './settings.js';

/** The System log's Service Control Manager events that explain a failed start. */
export const START_EVENT_IDS = [7000, 7038, 7041] as const;

const eventRaw = z.object({ time: z.string(), id: z.number(), message: z.string() });

const restartRaw = z.object({
  computer: z.string(),
  account: z.string(),
  restart: z.boolean(),
  before: serviceRaw.nullable(),
  /** The account the running process logged on as (Win32_Process GetOwner), null when stopped or unreadable. */
  runningAs: z.string().nullable(),
  action: z.enum(['restart', 'start']).nullable(),
  errorCode: z.number().nullable(),
  errorMessage: z.string().nullable(),
  dependents: z.array(z.string()),
  after: serviceRaw.nullable(),
  events: z.array(eventRaw),
  canRetrievePassword: z.boolean().nullable(),
});
type RestartRaw = z.infer<typeof restartRaw>;

/**
 * PowerShell: Get-MsaProcessOwner — the account a running service's process logged on as (Win32_Process GetOwner),
 * or $null when it cannot be read. A changed logon account applies from the next start: a service already running as
 * the account is not restarted again. Get-MsaWin32ErrorCode — the Win32 error inside a service exception
 * (Start-Service wraps a Win32Exception).
 */
const PROCESS_OWNER = ps`function Get-MsaProcessOwner {
    param([long]$ProcessId)
    if ($ProcessId -le 0) { return $null }
    try {
        $process = Get-CimInstance -ClassName Win32_Process -Filter ('ProcessId = ' + $ProcessId) | Select-Object -First 1
        if ($null -eq $process) { return $null }
        $owner = Invoke-CimMethod -InputObject $process -MethodName GetOwner
        if ([long]$owner.ReturnValue -ne 0) { return $null }
        return ([string]$owner.Domain + '\\' + [string]$owner.User)
    } catch { return $null }
}`;

/** PowerShell: the Win32 error code inside a service exception (Start-Service wraps a Win32Exception). */
const WIN32_CODE = ps`function Get-MsaWin32ErrorCode {
    param($Exception)
    $e = $Exception
    while ($null -ne $e) {
        if ($e -is [System.ComponentModel.Win32Exception]) { return [long]$e.NativeErrorCode }
        $e = $e.InnerException
    }
    return $null
}`;

/**
 * The restart's decision, defined once in the helper region (Get-MsaRestartPlan): runningAs, the account the running
 * process logged on as ($null when stopped: a changed logon account applies from the next start, so a service
 * already running as the account is not restarted again); action, 'restart' (running as another account), 'start'
 * (stopped) or $null (as asked, missing, or running as the account); dependents, the running services
 * Restart-Service -Force stops with it and starts again (reported).
 */
const RESTART_HELPERS = ps`function Get-MsaRestartPlan {
    param($Service, [string]$Account, [bool]$Restart)
    $restartPlan = [ordered]@{ runningAs = $null; action = $null; dependents = @() }
    if ($null -eq $Service) { return $restartPlan }
    if ([string]$Service.State -eq 'Running') { $restartPlan.runningAs = Get-MsaProcessOwner ([long]$Service.ProcessId) }
    $current = ($null -ne $restartPlan.runningAs) -and (($restartPlan.runningAs -replace '^.*\\\\', '') -eq ($Account -replace '^.*\\\\', ''))
    if (-not $Restart -or $current) { return $restartPlan }
    if ([string]$Service.State -ne 'Running') { $restartPlan.action = 'start'; return $restartPlan }
    $restartPlan.action = 'restart'
    $restartPlan.dependents = @(Get-Service -InputObject (Get-MsaServiceController ([string]$Service.Name)) -DependentServices | Where-Object { [string]$_.Status -eq 'Running' } | ForEach-Object { [string]$_.Name })
    return $restartPlan
}`;

/** The restart step's helpers: reading services (shared with the account step), its decisions. */
export const RESTART_STEP_HELPERS = [READ_SERVICE, WIN32_CODE, PROCESS_OWNER, RESTART_HELPERS] as const;

/** The service by its name for the service cmdlets: -Name when it has no wildcard characters (they would match). */
function serviceArgument(name: string): PsScript {
  return /[*?[\]]/.test(name) ? ps`-InputObject (Get-MsaServiceController ${name})` : ps`-Name ${name}`;
}

export function serviceRestartScript(ctx: WorkloadContext<ServiceSettings>): PsScript {
  const s = ctx.workload.settings;
  const service = serviceArgument(s.name);
  return ps`$account = Get-MsaTaskAccount ${samOf(ctx.plan)}
$svc = Get-MsaServiceOrNull -Filter ${serviceFilter(s.name)}
$todo = Get-MsaRestartPlan -Service $svc -Account $account -Restart ${s.restart}
$action = $todo.action
$since = Get-Date
$failure = $null
try {
    if ($action -eq 'restart') { Restart-Service ${service} -Force -WarningAction SilentlyContinue -ErrorAction Stop }
    if ($action -eq 'start') { Start-Service ${service} -WarningAction SilentlyContinue -ErrorAction Stop }
} catch { $failure = $_.Exception }
${
  s.restart
    ? ps`# Restart-Service -Force restarts the running services that depend on this one too. Only events written since $since
# explain this start (an older 7041, before the right was granted, must not).`
    : ps`# Not restarted, as asked: the service is read only.`
}
$runningAs = $todo.runningAs
$dependents = $todo.dependents
$name = ${s.name}
$filter = ${serviceFilter(s.name)}
$restart = ${s.restart}
$before = Read-MsaService $svc
$errorCode = $null
$errorMessage = $null
$events = @()
$canRetrievePassword = $null
if ($null -ne $failure) {
    $errorCode = Get-MsaWin32ErrorCode $failure
    $errorMessage = [string]$failure.Message
    if ($null -ne $failure.InnerException) { $errorMessage = $errorMessage + ' ' + [string]$failure.InnerException.Message }
}
if ($null -ne $action) {
    $svc = Get-MsaServiceOrNull -Filter $filter
    if ($null -eq $errorCode -and $null -ne $svc -and [string]$svc.State -ne 'Running' -and [long]$svc.ExitCode -ne 0) { $errorCode = [long]$svc.ExitCode }
    if ($null -ne $errorCode -or ($null -ne $svc -and [string]$svc.State -ne 'Running')) {
        # Why: the Service Control Manager's events about this service (by its name or display name).
        $names = @($name, [string]$svc.DisplayName) | Where-Object { $_ -ne '' }
        try {
            $events = @(Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Service Control Manager'; Id = ${[...START_EVENT_IDS]}; StartTime = $since } -MaxEvents 50 -ErrorAction Stop |
                Where-Object { $m = [string]$_.Message; @($names | Where-Object { $m.IndexOf($_, [StringComparison]::OrdinalIgnoreCase) -ge 0 }).Count -gt 0 } |
                Select-Object -First 5 |
                ForEach-Object { [ordered]@{ time = ([datetime]$_.TimeCreated).ToUniversalTime().ToString('o'); id = [int]$_.Id; message = [string]$_.Message } })
        } catch { $events = @() }
        if ($errorCode -eq ${START_ERROR.LOGON_FAILED}) {
            try { $canRetrievePassword = [bool](Test-ADServiceAccount -Identity ${samOf(ctx.plan)} -WarningAction SilentlyContinue) } catch { $canRetrievePassword = $null }
        }
    }
}
[ordered]@{
    computer = [string]$env:COMPUTERNAME; account = $account; restart = $restart; before = $before; runningAs = $runningAs; action = $action
    errorCode = $errorCode; errorMessage = $errorMessage; dependents = @($dependents); after = (Read-MsaService $svc)
    events = @($events); canRetrievePassword = $canRetrievePassword
}`;
}

export function evaluateServiceRestart(raw: RestartRaw, ctx: WorkloadContext<ServiceSettings>): StepOutcome {
  const s = ctx.workload.settings;
  const host = raw.computer || ctx.workload.host;
  const svc = raw.after;
  if (raw.before === null || svc === null) {
    return {
      status: 'failed',
      created: [],
      message: `There is no service named ${s.name} on ${host}; run the step that sets its account first.`,
    };
  }
  if (!raw.restart) {
    return {
      status: 'exists',
      created: [],
      message: `Not restarted, as asked: ${s.name} on ${host} is ${svc.state.toLowerCase()}, set to run as ${accountWords(svc.startName)}; it logs on as that account from its next start.`,
    };
  }
  const warnings =
    raw.dependents.length > 0
      ? [`Restarting ${s.name} also stopped and started the services that depend on it: ${raw.dependents.join(', ')}.`]
      : [];
  const withWarnings = (o: StepOutcome): StepOutcome => (warnings.length > 0 ? { ...o, warnings } : o);
  if (raw.action === null && raw.runningAs !== null && isAccount(raw.runningAs, raw.account)) {
    return {
      status: 'exists',
      created: [],
      message: `${s.name} on ${host} already runs as ${raw.account} (its process logged on as ${raw.runningAs}); it was not restarted.`,
    };
  }
  const verb = raw.action === 'start' ? 'Started' : 'Restarted';
  if (raw.errorCode === null && svc.state === 'Running' && isAccount(svc.startName, raw.account)) {
    return withWarnings({
      status: 'done',
      created: [],
      message: `${verb} ${s.name} on ${host}: Running as ${raw.account}.`,
    });
  }
  if (raw.errorCode === null && svc.state === 'Running') {
    return withWarnings({
      status: 'failed',
      created: [],
      message: `${verb} ${s.name} on ${host}, but it is set to run as ${accountWords(svc.startName)}, not ${raw.account}: run the step that sets its account first.`,
    });
  }
  const code = raw.errorCode ?? (svc.exitCode !== 0 ? svc.exitCode : null);
  const eventIds = raw.events.map((e) => e.id);
  const eventWords =
    raw.events.length > 0
      ? ` System log: ${raw.events.map((e) => `event ${e.id}: ${e.message.replace(/\s+/g, ' ').trim()}`).join(' | ')}`
      : '';
  let why: string;
  if (code === null) {
    why = `It is ${svc.state.toLowerCase()} and reported no error. Look at the program's own log and the System log.`;
  } else if (code === START_ERROR.LOGON_FAILED) {
    const cause = logonFailureCause(eventIds, raw.canRetrievePassword);
    why = `Error 1069: the service did not start due to a logon failure. ${logonFailureFix(cause, raw.account, host)}`;
  } else {
    const d = decodeStartError(code);
    why = `Error ${code} (${d.name}): ${d.meaning} ${d.fix}`;
  }
  return withWarnings({
    status: 'failed',
    created: [],
    message: `${s.name} on ${host} did not start as ${raw.account}. ${why}${eventWords}`,
  });
}

/** The exported script's judge: Running as the account, else the error and the events. */
function serviceRestartJudge(ctx: WorkloadContext<ServiceSettings>): PsScript {
  const s = ctx.workload.settings;
  const logon = {
    right: logonFailureFix('right', `${ctx.plan.name}$`, ctx.workload.host),
    password: logonFailureFix('password', `${ctx.plan.name}$`, ctx.workload.host),
    unknown: logonFailureFix('unknown', `${ctx.plan.name}$`, ctx.workload.host),
  };
  const known = Object.fromEntries(
    Object.values(START_ERROR).map((c) => {
      const d = decodeStartError(c);
      return [String(c), `${d.name}: ${d.meaning} ${d.fix}`];
    }),
  );
  return ps`# Judge: the service must be Running as the account (or not restarted, as asked).
$name = ${s.name}
$known = ${known}
$logon = ${logon}
if ($null -eq $r.after) { Stop-MsaStep ('There is no service named ' + $name + ' on ' + $r.computer + '.') }
if (-not $r.restart) { Complete-MsaStep 'exists' ('Not restarted, as asked: ' + $name + ' runs as ' + $r.account + ' from its next start.') }
else {
    $isAccount = ((([string]$r.after.startName) -replace '^.*\\\\', '' -replace '@.*$', '') -eq (([string]$r.account) -replace '^.*\\\\', ''))
    if ($null -eq $r.action -and $null -ne $r.runningAs -and (([string]$r.runningAs) -replace '^.*\\\\', '') -eq (([string]$r.account) -replace '^.*\\\\', '')) {
        Complete-MsaStep 'exists' ($name + ' already runs as ' + $r.account + '; it was not restarted.')
    } elseif ($null -eq $r.errorCode -and $r.after.state -eq 'Running' -and $isAccount) {
        if (@($r.dependents).Count -gt 0) { Write-Warning ('Restarting ' + $name + ' also restarted: ' + (@($r.dependents) -join ', ')) }
        Complete-MsaStep 'done' ($name + ': Running as ' + $r.account + '.')
    } else {
        $why = 'It is ' + $r.after.state + '.'
        if ($r.errorCode -eq ${START_ERROR.LOGON_FAILED}) {
            $ids = @($r.events | ForEach-Object { [int]$_.id })
            if ($ids -contains 7041) { $why = $logon.right } elseif ($r.canRetrievePassword -eq $false -or $ids -contains 7038) { $why = $logon.password } else { $why = $logon.unknown }
            $why = 'Error 1069 (logon failure): ' + $why
        } elseif ($null -ne $r.errorCode) {
            $words = $known[[string]$r.errorCode]
            if ($null -eq $words) { $words = 'net helpmsg ' + $r.errorCode }
            $why = 'Error ' + $r.errorCode + ': ' + $words
        }
        $log = @($r.events | ForEach-Object { 'event ' + $_.id + ': ' + $_.message }) -join ' | '
        Stop-MsaStep ($name + ' did not start as ' + $r.account + '. ' + $why + ' ' + $log)
    }
}`;
}

export const serviceRestartStep: WorkloadStepSpec<ServiceSettings, RestartRaw> = {
  id: 'service-restart',
  title: (ctx) => `Restart ${ctx.workload.settings.name} and verify`,
  label: 'Service restart',
  command: 'Restart-Service',
  creates: [],
  // It reads the settings (the service name, whether to restart): a changed workload makes it due again.
  settingsDependent: true,
  needs: RESTART_STEP_HELPERS,
  script: serviceRestartScript,
  raw: restartRaw,
  evaluate: evaluateServiceRestart,
  judge: serviceRestartJudge,
  undo: () => NOTHING,
};
