// The sweep: ONE session script reads every host. This computer runs the host block in-process (no remoting to
// itself); every other host runs it inside ONE Invoke-Command -ComputerName <all of them> -ThrottleLimit N, whose
// answers stream back as each host finishes (Write-MsaProgress tells the UI, host by host). A host that cannot be
// reached, has WinRM off or refuses the admin is one HostProblem with the cause and the fix; the others still report.
// With an OU (searchBase), its enabled computer accounts are listed first, in the same script (Get-ADComputer).
import { z } from 'zod';
import { ps, type PsScript } from '../powershell/script.js';
import { HOST_BLOCK } from './host-script.js';
import type { HostProblem, HostProblemCause } from './types.js';

/** Invoke-Command's own default: 32 hosts at a time. */
export const DEFAULT_THROTTLE_LIMIT = 32;

export interface SweepInput {
  /** Computers to read, as the admin typed them. Empty with no searchBase: this computer only. */
  readonly computers: readonly string[];
  readonly searchBase?: string | undefined;
  readonly throttleLimit?: number;
}

/** The sweep script: its records are the scope, then one per host (its JSON, or its error) as each arrives. */
export function sweepScript(input: SweepInput): PsScript {
  const throttle = input.throttleLimit ?? DEFAULT_THROTTLE_LIMIT;
  return ps`# Discovery: what runs as which account, on this computer and, over PowerShell remoting, on the others.
# Read-only. AD is read here only for the OU's computers; account facts come in the next script.
if (-not (Get-Command -Name 'Write-MsaProgress' -ErrorAction SilentlyContinue)) { function Write-MsaProgress { param($Data) } }
$computers = @(${[...input.computers]})
$searchBase = ${input.searchBase ?? null}
if ($null -ne $searchBase) {
    # An OU that cannot be listed (no such OU, no DC) is a record: the computers listed by name are still read.
    try {
        $computers += @(Get-ADComputer -SearchBase $searchBase -Filter 'Enabled -eq $true' -ErrorAction Stop | ForEach-Object { [string]$_.Name })
    } catch {
        [ordered]@{ type = 'searchbase'; searchBase = $searchBase; fqid = [string]$_.FullyQualifiedErrorId; message = $_.Exception.Message }
    }
}
$here = ([string]$env:COMPUTERNAME).ToUpperInvariant()
# Neither computers nor an OU: this computer. An OU without computers reads nothing.
$readHere = ($computers.Count -eq 0 -and $null -eq $searchBase)
$seen = @{}
$remote = New-Object System.Collections.ArrayList
foreach ($computer in $computers) {
    $name = ([string]$computer).Trim().ToUpperInvariant()
    if ($name -eq '' -or $seen.ContainsKey($name)) { continue }
    $seen[$name] = $true
    if ($name -eq $here -or $name.StartsWith($here + '.') -or $name -eq 'LOCALHOST' -or $name -eq '.') { $readHere = $true; continue }
    [void]$remote.Add($name)
}
$hosts = @($remote.ToArray())
if ($readHere) { $hosts = @($here) + $hosts }
[ordered]@{ type = 'scope'; local = $here; domain = [string]$env:USERDOMAIN; dnsDomain = [string]$env:USERDNSDOMAIN; hosts = $hosts }
$total = $hosts.Count
$done = 0
# Progress counts each host once (a host may answer and also write an error).
$counted = @{}
$block = {
${HOST_BLOCK}
}
if ($readHere) {
    $outcome = 'read'
    try {
        $answer = & $block
        [ordered]@{ type = 'host'; host = $here; json = [string]$answer.uses; note = [string]$answer.note }
    } catch {
        $outcome = 'problem'
        [ordered]@{ type = 'problem'; host = $here; remote = $false; fqid = [string]$_.FullyQualifiedErrorId; exception = $_.Exception.GetType().FullName; message = $_.Exception.Message; errorCode = $null }
    }
    $done++
    Write-MsaProgress ([ordered]@{ phase = 'hosts'; host = $here; outcome = $outcome; done = $done; total = $total })
}
# How many Invoke-Command calls this script made: counted here, where they are made (the round-trip test reads it).
$remotingCalls = 0
if ($remote.Count -gt 0) {
    $remotingCalls++
    # One call for every other host; -ErrorAction Continue and 2>&1: a host's failure is a record, not the end.
    Invoke-Command -ComputerName $remote.ToArray() -ScriptBlock $block -ThrottleLimit ${throttle} -ErrorAction Continue 2>&1 | ForEach-Object {
        if ($_ -is [System.Management.Automation.ErrorRecord]) {
            $name = [string]$_.TargetObject
            if ($null -ne $_.OriginInfo -and $_.OriginInfo.PSComputerName) { $name = [string]$_.OriginInfo.PSComputerName }
            $code = $null
            if ($null -ne $_.Exception.PSObject.Properties['ErrorCode']) { $code = [long]$_.Exception.ErrorCode }
            $outcome = 'problem'
            [ordered]@{ type = 'problem'; host = $name.ToUpperInvariant(); remote = $true; fqid = [string]$_.FullyQualifiedErrorId; exception = $_.Exception.GetType().FullName; message = $_.Exception.Message; errorCode = $code }
        } else {
            $name = ([string]$_.PSComputerName).ToUpperInvariant()
            $outcome = 'read'
            [ordered]@{ type = 'host'; host = $name; json = [string]$_.uses; note = [string]$_.note }
        }
        $key = $name.ToUpperInvariant()
        if (-not $counted.ContainsKey($key)) {
            $counted[$key] = $true
            $done++
            Write-MsaProgress ([ordered]@{ phase = 'hosts'; host = $key; outcome = $outcome; done = $done; total = $total })
        }
    }
}
[ordered]@{ type = 'calls'; remoting = $remotingCalls }`;
}

const scopeRecord = z.object({
  type: z.literal('scope'),
  local: z.string(),
  domain: z.string(),
  dnsDomain: z.string(),
  hosts: z.array(z.string()),
});
/** A host's answer: its uses as JSON text, and a note ('' when none) when part of it could not be read. */
const hostRecord = z.object({
  type: z.literal('host'),
  host: z.string(),
  json: z.string(),
  note: z.string().optional(),
});
const searchBaseRecord = z.object({
  type: z.literal('searchbase'),
  searchBase: z.string(),
  fqid: z.string(),
  message: z.string(),
});
const callsRecord = z.object({ type: z.literal('calls'), remoting: z.number().int() });
const problemRecord = z.object({
  type: z.literal('problem'),
  host: z.string(),
  remote: z.boolean(),
  fqid: z.string(),
  exception: z.string(),
  message: z.string(),
  errorCode: z.number().nullable(),
});
const sweepRecord = z.discriminatedUnion('type', [
  scopeRecord,
  hostRecord,
  problemRecord,
  searchBaseRecord,
  callsRecord,
]);
export type ProblemRecord = z.infer<typeof problemRecord>;

export interface SweepResult {
  readonly local: string;
  /** The admin's domain (NetBIOS) and its DNS name: a bare account name belongs to it. */
  readonly domain: string;
  readonly dnsDomain: string;
  readonly hosts: readonly string[];
  /** Each host's answer: the raw uses (validated by discover.ts). */
  readonly answers: ReadonlyMap<string, unknown>;
  readonly problems: readonly HostProblem[];
  /** Hosts read, but not whole: what was not read there and why. */
  readonly notes: readonly { readonly host: string; readonly message: string }[];
  /** The OU could not be listed: what AD said and what to change (the listed computers were still read). */
  readonly searchBaseProblem: { readonly searchBase: string; readonly message: string; readonly fix: string } | null;
  /** Invoke-Command calls the script made, as it counted them. */
  readonly remotingCalls: number;
}

/** Sorts the sweep's records into the scope, each host's answer and each host's problem. */
export function decodeSweep(data: readonly unknown[]): SweepResult {
  let scope: z.infer<typeof scopeRecord> | undefined;
  const answers = new Map<string, unknown>();
  const problems: HostProblem[] = [];
  const notes: { host: string; message: string }[] = [];
  let searchBaseProblem: SweepResult['searchBaseProblem'] = null;
  let remotingCalls = 0;
  for (const item of data) {
    const record = sweepRecord.parse(item);
    if (record.type === 'scope') scope = record;
    else if (record.type === 'calls') remotingCalls = record.remoting;
    else if (record.type === 'searchbase') {
      searchBaseProblem = {
        searchBase: record.searchBase,
        message: record.message,
        fix: `Check the OU's distinguished name (Get-ADOrganizationalUnit -Identity '${record.searchBase}' shows whether AD knows it, Get-ADOrganizationalUnit -Filter * lists them), then pass it to --searchbase again; the computers listed by name were read.`,
      };
    } else if (record.type === 'host') {
      if (record.note !== undefined && record.note !== '') notes.push({ host: record.host, message: record.note });
      try {
        answers.set(record.host, JSON.parse(record.json));
      } catch {
        problems.push({
          host: record.host,
          cause: 'script-failed',
          message: 'The host answered something other than the JSON of the discovery block.',
          fix: 'Run the block on that host by hand to see what it prints.',
          command: '',
          fqid: '',
        });
      }
    } else if (!problems.some((p) => p.host === record.host)) problems.push(hostProblem(record));
  }
  if (scope === undefined) throw new Error('the sweep script did not say which hosts it read');
  return {
    local: scope.local,
    domain: scope.domain,
    dnsDomain: scope.dnsDomain,
    hosts: scope.hosts,
    answers,
    problems,
    notes,
    searchBaseProblem,
    remotingCalls,
  };
}

// WinRM's error codes (PSRemotingTransportException.ErrorCode) and Win32 errors behind a failed connection; the
// FullyQualifiedErrorId's first part is the same reason in words (WSManTransportManagerUtils' table).
const ACCESS_DENIED = 5;
const NETWORK_PATH_NOT_FOUND = 53;
const LOGON_FAILURE = 1326;
/** ERROR_WSMAN_DESTINATION_UNREACHABLE: the host answers, but WinRM is stopped or has no listener. */
const WINRM_DESTINATION_UNREACHABLE = 0x80338012;
/** The operation timed out: nothing answers on 5985 (a firewall drops it, or the host is off). */
const WINRM_OPERATION_TIMEOUT = 0x80338126;
/** Kerberos cannot be used (a workgroup host, or an IP address): HTTPS or TrustedHosts is needed. */
const WINRM_SERVER_NOT_TRUSTED = 0x80338164;

type Reason = 'name' | 'timeout' | 'untrusted' | 'winrm' | 'denied' | 'block' | 'other';

/** A host's error as the cause, what Windows said, and the fix. */
export function hostProblem(record: ProblemRecord): HostProblem {
  const reason = problemReason(record);
  const host = record.host;
  const problem = (cause: HostProblemCause, fix: string, command: string): HostProblem => ({
    host,
    cause,
    message: record.message,
    fix,
    command,
    fqid: record.fqid,
  });
  switch (reason) {
    case 'name':
      return problem(
        'unreachable',
        `The name ${host} does not resolve to a computer of the domain. Check the spelling, its DNS record (Resolve-DnsName ${host}) and that its computer account exists.`,
        `Resolve-DnsName -Name ${host}`,
      );
    case 'timeout':
      return problem(
        'unreachable',
        `Nothing answered on ${host}'s WinRM port (TCP 5985): the computer is off, or a firewall drops the port. Turn it on, or allow "Windows Remote Management (HTTP-In)" in its firewall (or by Group Policy), then discover again.`,
        `Test-NetConnection -ComputerName ${host} -Port 5985`,
      );
    case 'untrusted':
      return problem(
        'unreachable',
        `Kerberos cannot authenticate ${host} (a workgroup computer, or an address instead of its name). Use its domain name, or set up an HTTPS listener on it.`,
        `Test-WSMan -ComputerName ${host}`,
      );
    case 'winrm':
      return problem(
        'winrm-off',
        `PowerShell remoting is off on ${host}: WinRM is stopped or has no listener. Run the command there as administrator (it starts WinRM, adds the listener and opens the firewall for TCP 5985), or enable it by Group Policy ("Allow remote server management through WinRM").`,
        'Enable-PSRemoting -Force',
      );
    case 'denied':
      return problem(
        'access-denied',
        `Your account may not use remoting on ${host}: it must be in ${host}'s local Administrators or Remote Management Users group. Add it there (or run the wizard as an account that is), then discover again.`,
        "Add-LocalGroupMember -Group 'Remote Management Users' -Member '<DOMAIN\\you>'",
      );
    case 'block':
      return problem(
        'script-failed',
        `${host} was reached, but the read-only discovery block failed there. Run it on ${host} by hand to see the error (Get-ScheduledTask, Get-CimInstance Win32_Service and, with IIS, the WebAdministration module must work).`,
        '',
      );
    case 'other':
      // No known WinRM reason: guessing "firewall" would send the admin the wrong way. WinRM's own words (in
      // `message`) say what happened; Test-WSMan shows whether WinRM answers at all.
      return problem(
        'remoting-error',
        `PowerShell remoting to ${host} failed: ${record.message.trim()} Test WinRM from here with the command, then discover again.`,
        `Test-WSMan -ComputerName ${host}`,
      );
  }
}

function problemReason(record: ProblemRecord): Reason {
  if (!record.remote) return 'block';
  // An error raised by the block itself on the host comes back with the host as its origin: not a transport error.
  if (
    !/PSRemotingTransport/i.test(record.exception) &&
    !/,PSSessionStateBroken$|PSSessionOpenFailed/i.test(record.fqid)
  ) {
    return 'block';
  }
  const id = record.fqid.split(',')[0] ?? '';
  const code = record.errorCode === null ? null : record.errorCode >>> 0;
  if (code === ACCESS_DENIED || code === LOGON_FAILURE || /^(AccessDenied|LogonFailure)$/i.test(id)) return 'denied';
  if (code === NETWORK_PATH_NOT_FOUND || /^(NetworkPathNotFound|ComputerNotFound)$/i.test(id)) return 'name';
  if (code === WINRM_DESTINATION_UNREACHABLE || /^CannotConnect$/i.test(id)) return 'winrm';
  if (code === WINRM_SERVER_NOT_TRUSTED || /^ServerNotTrusted$/i.test(id)) return 'untrusted';
  if (code === WINRM_OPERATION_TIMEOUT || /Timeout/i.test(id)) return 'timeout';
  return 'other';
}
