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

export function serviceRestartScript(ctx: WorkloadContext<ServiceSettings>): PsScript {
  const s = ctx.workload.settings;
  return ps`${READ_SERVICE}
${WIN32_CODE}
${PROCESS_OWNER}
${s.restart ? ps`# Restart the service ${s.name} (start it if stopped) and verify it runs as the account.` : ps`# Read the service ${s.name}: it is not restarted, as asked.`}
$account = Get-MsaTaskAccount ${samOf(ctx.plan)}
$name = ${s.name}
$filter = ${serviceFilter(s.name)}
$restart = ${s.restart}
$svc = Get-MsaServiceOrNull -Filter $filter
$before = Read-MsaService $svc
$action = $null
$errorCode = $null
$errorMessage = $null
$dependents = @()
$events = @()
$canRetrievePassword = $null
$runningAs = $null
if ($null -ne $svc -and [string]$svc.State -eq 'Running') { $runningAs = Get-MsaProcessOwner ([long]$svc.ProcessId) }
$current = ($null -ne $runningAs) -and (($runningAs -replace '^.*\\\\', '') -eq ($account -replace '^.*\\\\', ''))
if ($restart -and $null -ne $svc -and -not $current) {
    # Only events written from now on explain this start: an older 7041 (before the right was granted) must not.
    $since = Get-Date
    try {
        if ([string]$svc.State -eq 'Running') {
            # Restart-Service -Force also stops the running services that depend on this one, and starts them again.
            $controller = Get-MsaServiceController $name
            $dependents = @(Get-Service -InputObject $controller -DependentServices | Where-Object { [string]$_.Status -eq 'Running' } | ForEach-Object { [string]$_.Name })
            $action = 'restart'
            Restart-Service -InputObject $controller -Force -WarningAction SilentlyContinue -ErrorAction Stop
        } else {
            $action = 'start'
            Start-Service -InputObject (Get-MsaServiceController $name) -WarningAction SilentlyContinue -ErrorAction Stop
        }
    } catch {
        $errorCode = Get-MsaWin32ErrorCode $_.Exception
        $errorMessage = [string]$_.Exception.Message
        if ($null -ne $_.Exception.InnerException) { $errorMessage = $errorMessage + ' ' + [string]$_.Exception.InnerException.Message }
    }
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
  script: serviceRestartScript,
  raw: restartRaw,
  evaluate: evaluateServiceRestart,
  judge: serviceRestartJudge,
  undo: () => NOTHING,
};
