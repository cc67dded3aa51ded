// Step 'service-account': run the service as DOMAIN\name$, in one round trip on the workload's host. Read the service
// through CIM; create it when asked and missing (New-Service); change its logon account only when it differs
// (Win32_Service.Change); read it back. A service that runs as a user account now is changed only once the admin
// has acknowledged that undo cannot put that account back (the wizard never handles its password). A program that
// non-administrators can change is a warning: whoever can replace it runs code as the account.
import { z } from 'zod';
import { samOf } from '../../plan/plan-schema.js';
import { ps, type PsScript } from '../../powershell/script.js';
import type { CreatedObject, StepOutcome } from '../../steps/types.js';
import { aclRaw, aclWarnings, READ_ACL } from '../shared/acl.js';
import type { WorkloadContext, WorkloadStepSpec } from '../types.js';
import { decodeChangeReturn } from './codes.js';
import { SERVICE_CREATED, SERVICE_LOGON } from './kinds.js';
import { accountWords, isAccount, needsPassword, READ_SERVICE, serviceFilter, serviceRaw } from './service-read.js';
import { NO_RESTORE_WHY, type ServiceSettings } from './settings.js';
import { undoServiceChanges } from './undo.js';

const accountRaw = z.object({
  computer: z.string(),
  account: z.string(),
  before: serviceRaw.nullable(),
  created: z.boolean(),
  /** Why nothing was changed: no such service, a user account not acknowledged, another program under that name. */
  blocked: z.enum(['missing', 'password', 'other-program']).nullable(),
  changeReturn: z.number().nullable(),
  after: serviceRaw.nullable(),
  program: z.string().nullable(),
  fileAcl: aclRaw.nullable(),
  folderAcl: aclRaw.nullable(),
});
type AccountRaw = z.infer<typeof accountRaw>;

/**
 * The step's decisions, defined once in the helper region. Test-MsaRunsAs: the service's logon account is the
 * account (without its domain, as the SCM may write it either way). Get-MsaServiceBlock: why nothing may change: no
 * such service; in create mode, one of that name that runs another program; a user account now, not acknowledged
 * (undo cannot put it back: the wizard never has its password).
 */
export const SERVICE_ACCOUNT_HELPERS = ps`function Test-MsaRunsAs {
    param($Service, [string]$Account)
    if ($null -eq $Service) { return $false }
    return ((([string]$Service.StartName) -replace '^.*\\\\', '' -replace '@.*$', '') -eq ($Account -replace '^.*\\\\', ''))
}
function Get-MsaServiceBlock {
    param($Service, [string]$Account, [bool]$Created, [string]$BinaryPath, [bool]$Acknowledged)
    if ($null -eq $Service) { if ($Created) { return $null } else { return 'missing' } }
    if ($BinaryPath -and -not $Created -and ([string]$Service.PathName).Trim() -ne $BinaryPath) { return 'other-program' }
    if ($Created -or $Acknowledged -or (Test-MsaRunsAs $Service $Account)) { return $null }
    if (Test-MsaNeedsPassword ([string]$Service.StartName)) { return 'password' }
    return $null
}`;

/** The step's helpers: reading services and ACLs, its decisions. */
export const SERVICE_STEP_HELPERS = [READ_SERVICE, READ_ACL, SERVICE_ACCOUNT_HELPERS] as const;

/** New-Service for create mode (display name defaulting to the service name, as services.msc shows it). */
function createScript(s: Extract<ServiceSettings, { mode: 'create' }>): PsScript {
  const description = s.description === undefined || s.description === '' ? ps`` : ps` -Description ${s.description}`;
  return ps`$created = ($null -eq $svc)
if ($created) { New-Service -Name ${s.name} -BinaryPathName ${s.binaryPath} -DisplayName ${s.displayName ?? s.name} -StartupType ${s.startType}${description} | Out-Null; $svc = Get-MsaServiceOrNull -Filter ${serviceFilter(s.name)} }`;
}

export function serviceAccountScript(ctx: WorkloadContext<ServiceSettings>): PsScript {
  const s = ctx.workload.settings;
  const create = s.mode === 'create';
  return ps`$account = Get-MsaTaskAccount ${samOf(ctx.plan)}
$svc = Get-MsaServiceOrNull -Filter ${serviceFilter(s.name)}
$before = Read-MsaService $svc
${create ? createScript(s) : ps`$created = $false`}
$blocked = Get-MsaServiceBlock -Service $svc -Account $account -Created $created -BinaryPath ${create ? s.binaryPath : ''} -Acknowledged ${s.acknowledgeNoRestore}
$changeReturn = $null
if ($null -ne $svc -and $null -eq $blocked -and -not (Test-MsaRunsAs $svc $account)) {
    $changeReturn = [long](Invoke-CimMethod -InputObject $svc -MethodName Change -Arguments @{ StartName = $account; StartPassword = $null }).ReturnValue
}
# Read back (the change, or what the service is now).
if ($null -ne $svc) { $svc = Get-CimInstance -ClassName Win32_Service -Filter ${serviceFilter(s.name)} }
# Win32_Service.Change with StartName and no password: the SCM retrieves the managed password itself. Not Set-Service:
# 5.1 has no -Credential, and 7's takes a PSCredential, which cannot carry the null password a managed account takes.
# The program the service runs, and who can change it or its folder: whoever can replace it runs code as the account.
$program = $null
$fileAcl = $null
$folderAcl = $null
if ($null -ne $svc) {
    $pathName = ([string]$svc.PathName).Trim()
    if ($pathName -match '^"([^"]+)"') { $program = $Matches[1] }
    elseif ($pathName -match '^(.+?\\.exe)(\\s|$)') { $program = $Matches[1] }
    else { $program = ($pathName -split ' ')[0] }
    $program = [Environment]::ExpandEnvironmentVariables($program)
    if ($program.Contains('\\') -and (Test-Path -LiteralPath $program -PathType Leaf)) {
        $fileAcl = Read-MsaAcl $program
        # The folder by the last backslash (as Windows paths are written; Split-Path follows the OS it runs on).
        $folder = $program.Substring(0, $program.LastIndexOf('\\'))
        if ($folder -match '^[A-Za-z]:$') { $folder = $folder + '\\' }
        $folderAcl = Read-MsaAcl $folder
    }
}
[ordered]@{
    computer = [string]$env:COMPUTERNAME; account = $account; before = $before; created = $created; blocked = $blocked
    changeReturn = $changeReturn; after = (Read-MsaService $svc); program = $program; fileAcl = $fileAcl; folderAcl = $folderAcl
}`;
}

/** Warnings that do not stop the step: a program others can replace, a shared process, a disabled service. */
function warningsOf(raw: AccountRaw, s: ServiceSettings): string[] {
  const warnings = aclWarnings(raw.fileAcl, raw.folderAcl, raw.account, 'the service runs');
  const svc = raw.after;
  if (svc !== null && /share/i.test(svc.serviceType)) {
    warnings.push(
      `${s.name} shares its process with other services (${svc.serviceType}): every service in one process must run as the same account, or the start fails with error 1079. Give it its own process (sc.exe config ${s.name} type= own) if the others keep their account.`,
    );
  }
  if (svc !== null && /disabled/i.test(svc.startMode)) {
    warnings.push(`${s.name} is disabled: it will not start (error 1058) until its start type is Automatic or Manual.`);
  }
  if (raw.program !== null && raw.fileAcl === null) {
    warnings.push(
      `The program ${raw.program} was not found on ${raw.computer}: the service will not start (error 2) until it is installed there.`,
    );
  }
  return warnings;
}

export function evaluateServiceAccount(raw: AccountRaw, ctx: WorkloadContext<ServiceSettings>): StepOutcome {
  const s = ctx.workload.settings;
  const host = raw.computer || ctx.workload.host;
  // Named as the survey names them (the workload's host), so a cut-off attempt is credited the same objects.
  const parent = ctx.workload.host;
  const created: CreatedObject[] = raw.created ? [{ kind: SERVICE_CREATED, identity: s.name, parent }] : [];
  const warnings = warningsOf(raw, s);
  const withWarnings = (o: StepOutcome): StepOutcome => (warnings.length > 0 ? { ...o, warnings } : o);
  const previous = raw.before?.startName ?? '';
  if (raw.blocked === 'missing') {
    return {
      status: 'conflict',
      created,
      message: `There is no service named ${s.name} on ${host}. Check the name (Get-Service on ${host} lists them; the short name, not the display name), or choose "create" to install it.`,
    };
  }
  if (raw.blocked === 'other-program') {
    return {
      status: 'conflict',
      created,
      message: `A service ${s.name} already exists on ${host} but runs ${raw.before?.pathName ?? '?'}, not ${s.mode === 'create' ? s.binaryPath : '?'}. It was left unchanged: choose another name, point the wizard at the existing service ("existing"), or correct the binary path.`,
    };
  }
  if (raw.blocked === 'password') {
    return {
      status: 'conflict',
      created,
      message: `${s.name} on ${host} runs as the user account ${previous}. Undo could not put that account back: ${NO_RESTORE_WHY} Note the account, then confirm that you have read this (acknowledgeNoRestore: true, or the check box on the form) and run this step again; nothing was changed.`,
    };
  }
  if (raw.after === null) {
    return {
      status: 'failed',
      created,
      message: `The service ${s.name} on ${host} could not be read${raw.created ? ' after New-Service created it' : ''}.`,
    };
  }
  if (raw.changeReturn !== null && raw.changeReturn !== 0) {
    const d = decodeChangeReturn(raw.changeReturn);
    return {
      status: 'failed',
      created,
      message:
        `Win32_Service.Change returned ${d.code} (${d.name}) for ${s.name} on ${host}: ${d.meaning} ${d.fix} The service still runs as ${accountWords(raw.after.startName)}.`.trim(),
    };
  }
  if (!isAccount(raw.after.startName, raw.account)) {
    return {
      status: 'failed',
      created,
      message: `${s.name} on ${host} still reads back as ${accountWords(raw.after.startName)}, not ${raw.account}. Check it in services.msc (Log On tab).`,
    };
  }
  const changed = raw.changeReturn !== null;
  if (!changed && !raw.created) {
    return withWarnings({
      status: 'exists',
      created: [],
      message: `${s.name} on ${host} already runs as ${raw.account}; nothing was changed.`,
    });
  }
  // A service this step created is undone by deleting it; its logon account needs no undo of its own.
  if (!raw.created) created.push({ kind: SERVICE_LOGON, identity: s.name, parent, previous });
  const how = raw.created
    ? `Created ${s.name} (New-Service) and set it to run as ${raw.account}`
    : `Changed ${s.name} from ${accountWords(previous)} to ${raw.account}`;
  const undoWords = raw.created
    ? 'Undo deletes the service.'
    : needsPassword(previous)
      ? `Undo cannot put ${previous} back (its password): to undo, set it back yourself in services.msc first.`
      : `Undo sets it back to ${accountWords(previous)}.`;
  return withWarnings({
    status: 'done',
    created,
    message: `${how} on ${host} (Win32_Service.Change, no password: Windows retrieves the managed password) and read it back. It uses the account from its next start. ${undoWords}`,
  });
}

/** The exported script's judge: the same decisions as evaluateServiceAccount, on $r. */
function serviceAccountJudge(ctx: WorkloadContext<ServiceSettings>): PsScript {
  const s = ctx.workload.settings;
  const codes = Object.fromEntries(
    Array.from({ length: 25 }, (_, i) => [
      String(i),
      `${decodeChangeReturn(i).name}: ${decodeChangeReturn(i).meaning} ${decodeChangeReturn(i).fix}`.trim(),
    ]),
  );
  return ps`# Judge: the service must exist (or have been created) and read back as the account.
$name = ${s.name}
$codes = ${codes}
if ($r.blocked -eq 'missing') { Stop-MsaStep ('There is no service named ' + $name + ' on ' + $r.computer + '. Check the name (Get-Service), or create it; nothing was changed.') }
if ($r.blocked -eq 'other-program') { Stop-MsaStep ('A service ' + $name + ' already exists on ' + $r.computer + ' but runs ' + $r.before.pathName + '. It was left unchanged: choose another name or correct the binary path.') }
if ($r.blocked -eq 'password') { Stop-MsaStep ($name + ' on ' + $r.computer + ' runs as the user account ' + $r.before.startName + '. ' + ${NO_RESTORE_WHY} + ' Set acknowledgeNoRestore to true in the answers and export again; nothing was changed.') }
if ($null -eq $r.after) { Stop-MsaStep ('The service ' + $name + ' on ' + $r.computer + ' could not be read.') }
if ($null -ne $r.changeReturn -and $r.changeReturn -ne 0) {
    $words = $codes[[string]$r.changeReturn]
    if ($null -eq $words) { $words = 'see the Win32_Service Change return values' }
    Stop-MsaStep ('Win32_Service.Change returned ' + $r.changeReturn + ' for ' + $name + ' (' + $words + ').')
}
if ((([string]$r.after.startName) -replace '^.*\\\\', '' -replace '@.*$', '') -ne (([string]$r.account) -replace '^.*\\\\', '')) { Stop-MsaStep ($name + ' still reads back as ' + $r.after.startName + ', not ' + $r.account + '.') }
if ($null -eq $r.changeReturn -and -not $r.created) { Complete-MsaStep 'exists' ($name + ' already runs as ' + $r.account + '.') }
else { Complete-MsaStep 'done' ($name + ' now runs as ' + $r.account + ' (from its next start).') }`;
}

export const serviceAccountStep: WorkloadStepSpec<ServiceSettings, AccountRaw> = {
  id: 'service-account',
  title: (ctx) => `Run ${ctx.workload.settings.name} as ${ctx.plan.name}$`,
  label: 'Service account',
  command: 'Invoke-CimMethod',
  creates: [SERVICE_LOGON, SERVICE_CREATED],
  needs: SERVICE_STEP_HELPERS,
  script: serviceAccountScript,
  raw: accountRaw,
  evaluate: evaluateServiceAccount,
  judge: serviceAccountJudge,
  undo: undoServiceChanges,
};
