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
    $computers += @(Get-ADComputer -SearchBase $searchBase -Filter 'Enabled -eq $true' | ForEach-Object { [string]$_.Name })
}
$here = ([string]$env:COMPUTERNAME).ToUpperInvariant()
$readHere = ($computers.Count -eq 0)
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
$block = {
${HOST_BLOCK}
}
if ($readHere) {
    $outcome = 'read'
    try {
        [ordered]@{ type = 'host'; host = $here; json = [string](& $block) }
    } catch {
        $outcome = 'problem'
        [ordered]@{ type = 'problem'; host = $here; remote = $false; fqid = [string]$_.FullyQualifiedErrorId; exception = $_.Exception.GetType().FullName; message = $_.Exception.Message; errorCode = $null }
    }
    $done++
    Write-MsaProgress ([ordered]@{ phase = 'hosts'; host = $here; outcome = $outcome; done = $done; total = $total })
}
if ($remote.Count -gt 0) {
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
            [ordered]@{ type = 'host'; host = $name; json = [string]$_ }
        }
        $done++
        Write-MsaProgress ([ordered]@{ phase = 'hosts'; host = $name.ToUpperInvariant(); outcome = $outcome; done = $done; total = $total })
    }
}`;
}

const scopeRecord = z.object({
  type: z.literal('scope'),
  local: z.string(),
  domain: z.string(),
  dnsDomain: z.string(),
  hosts: z.array(z.string()),
});
const hostRecord = z.object({ type: z.literal('host'), host: z.string(), json: z.string() });
const problemRecord = z.object({
  type: z.literal('problem'),
  host: z.string(),
  remote: z.boolean(),
  fqid: z.string(),
  exception: z.string(),
  message: z.string(),
  errorCode: z.number().nullable(),
});
const sweepRecord = z.discriminatedUnion('type', [scopeRecord, hostRecord, problemRecord]);
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
}

/** Sorts the sweep's records into the scope, each host's answer and each host's problem. */
export function decodeSweep(data: readonly unknown[]): SweepResult {
  let scope: z.infer<typeof scopeRecord> | undefined;
  const answers = new Map<string, unknown>();
  const problems: HostProblem[] = [];
  for (const item of data) {
    const record = sweepRecord.parse(item);
    if (record.type === 'scope') scope = record;
    else if (record.type === 'host') {
      try {
        answers.set(record.host, JSON.parse(record.json));
      } catch {
        problems.push({
          host: record.host,
          cause: 'script-failed',
          message: 'The host answered something that is not the discovery block’s JSON.',
          fix: 'Run the block on that host by hand to see what it prints.',
          command: '',
          fqid: '',
        });
      }
    } else problems.push(hostProblem(record));
  }
  if (scope === undefined) throw new Error('the sweep script did not say which hosts it read');
  return {
    local: scope.local,
    domain: scope.domain,
    dnsDomain: scope.dnsDomain,
    hosts: scope.hosts,
    answers,
    problems,
  };
}

// WinRM's error codes (PSRemotingTransportException.ErrorCode) and Win32 errors behind a failed connection.
const ACCESS_DENIED = 5;
const NETWORK_PATH_NOT_FOUND = 53;
const LOGON_FAILURE = 1326;
/** WinRM cannot complete the operation: the service is not running, not listening, or a firewall drops 5985. */
const WINRM_CANNOT_COMPLETE = 0x80338012;
/** The WinRM client cannot process the request: unknown host for Kerberos, or not in TrustedHosts. */
const WINRM_CLIENT_CANNOT_PROCESS = 0x8033809d;

/** A host's error as the cause, what Windows said, and the fix. */
export function hostProblem(record: ProblemRecord): HostProblem {
  const cause = problemCause(record);
  const host = record.host;
  const base = { host, cause, message: record.message, fqid: record.fqid };
  switch (cause) {
    case 'unreachable':
      return {
        ...base,
        fix: `Check that ${host} is on, that its name resolves (Resolve-DnsName ${host}) and that this computer can reach it on TCP 5985 (Test-NetConnection ${host} -Port 5985).`,
        command: `Test-NetConnection -ComputerName ${host} -Port 5985`,
      };
    case 'winrm-off':
      return {
        ...base,
        fix: `Turn PowerShell remoting on, on ${host} (as administrator there: it starts WinRM, adds the listener and opens the firewall for TCP 5985), or allow it by Group Policy (Allow remote server management through WinRM).`,
        command: 'Enable-PSRemoting -Force',
      };
    case 'access-denied':
      return {
        ...base,
        fix: `Your account may not use remoting on ${host}: it must be in ${host}'s local Administrators or Remote Management Users group. Add it there (or run the wizard as an account that is), then discover again.`,
        command: `Add-LocalGroupMember -Group 'Remote Management Users' -Member '<DOMAIN\\you>'`,
      };
    case 'script-failed':
      return {
        ...base,
        fix: `${host} was reached but the read-only discovery block failed there. Run it on ${host} by hand to see the error (Get-ScheduledTask, Get-CimInstance Win32_Service and, with IIS, the WebAdministration module must work).`,
        command: '',
      };
  }
}

function problemCause(record: ProblemRecord): HostProblemCause {
  if (!record.remote) return 'script-failed';
  const id = record.fqid.split(',')[0] ?? '';
  const code = record.errorCode === null ? null : record.errorCode >>> 0;
  // An error raised by the block itself on the host comes back with the host as its origin: not a transport error.
  if (
    !/PSRemotingTransport/i.test(record.exception) &&
    !/PSSessionStateBroken|PSSessionOpenFailed/i.test(record.fqid)
  ) {
    return 'script-failed';
  }
  if (code === ACCESS_DENIED || code === LOGON_FAILURE || /AccessDenied|LogonFailure/i.test(id)) return 'access-denied';
  if (code === NETWORK_PATH_NOT_FOUND || /NetworkPathNotFound|ComputerNotFound|NoSuchHost/i.test(id)) {
    return 'unreachable';
  }
  if (code === WINRM_CANNOT_COMPLETE || code === WINRM_CLIENT_CANNOT_PROCESS || /CannotConnect/i.test(id)) {
    return code === WINRM_CLIENT_CANNOT_PROCESS ? 'unreachable' : 'winrm-off';
  }
  return 'unreachable';
}
