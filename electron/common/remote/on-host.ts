// Another host's script, run from the wizard's computer through PowerShell remoting (WinRM): one Invoke-Command
// -ComputerName <host> per script, in the one script the session runs (so still one round trip per step).
//
// Why it is built this way:
// - No second hop. The block runs on the host under a network logon that carries no credentials onward, so every AD
//   cmdlet there fails without delegation (CredSSP or Kerberos delegation, which the wizard never asks for). What the
//   host script needs from AD is read HERE first (the account's NetBIOS name, SID and domain groups) and passed in as
//   JSON text; the prelude's Get-MsaTaskAccount / Get-MsaAccountSid / Get-MsaAccountGroups answer from it there.
// - Self-contained. The remote runspace has none of the session's bootstrap: the block defines what host scripts use
//   (ConvertTo-MsaPlain, ConvertFrom-MsaJson, Invoke-MsaNative) and the step's helpers (the prelude and its needs),
//   folded in one `#region Helpers on <host>` block, and then runs the step's own script as it runs on this computer.
// - Answers as JSON text. Remoting serializes objects one level deep (nested hashtables come back as their type
//   name), so the block turns its output into plain data (ConvertTo-MsaPlain: dates ISO, enums as names), returns it
//   as base64 UTF-8 JSON, and the local side decodes it and writes each object as the script would have here.
// - Errors stay errors. -ErrorAction Stop makes a failure to connect, and any error the host script raises, stop the
//   script here; a connection failure is then explained with its cause and fix (remotingProblem).
import type { Plan } from '../plan/plan-schema.js';
import { samOf } from '../plan/plan-schema.js';
import { bootstrapFunction } from '../powershell/envelope.js';
import { ps, PsScript } from '../powershell/script.js';
import { PRELUDE, splitPrelude } from '../steps/types.js';
import { asciiEscaped } from '../unicode.js';

/** Whether a step runs on another computer than the target computer (the wizard's): then through remoting. */
export const runsRemotely = (host: string | null, plan: Plan): host is string =>
  host !== null && host.toUpperCase() !== plan.targetComputer.toUpperCase();

/** What the remote block defines before the host script: the bootstrap's helpers a host script may call. */
const REMOTE_HELPERS = PsScript.fromTrustedSource(
  ['ConvertTo-MsaPlain', 'ConvertFrom-MsaJson', 'Invoke-MsaNative'].map(bootstrapFunction).join('\n'),
);

/**
 * PowerShell, run here: reads the account's directory facts into `$msaRemoteFacts` (JSON text) — the NetBIOS name of
 * the domain, and, once the account exists, its SID and domain groups (sAMAccountName and SID of each). Needs the
 * prelude. The account may not exist yet (a run's first survey): then no SID and no groups.
 */
export function readFactsScript(sam: string): PsScript {
  return ps`# The account's facts from Active Directory, read here: on the other host the AD cmdlets would need a second hop.
$msaFactsAccount = Get-MsaOrNull { Get-ADServiceAccount -Identity ${sam} }
$msaFactsGroups = @()
if ($null -ne $msaFactsAccount) { $msaFactsGroups = @(foreach ($g in @(Get-ADPrincipalGroupMembership -Identity ${sam})) { [string]$g.SamAccountName; [string]$g.SID }) }
$msaFactsSid = $null
if ($null -ne $msaFactsAccount) { $msaFactsSid = [string]$msaFactsAccount.SID }
$msaRemoteFacts = ConvertTo-Json -Compress -InputObject ([ordered]@{ netbios = [string](Get-ADDomain).NetBIOSName; sid = $msaFactsSid; groups = $msaFactsGroups })`;
}

/**
 * PowerShell, run here after readFactsScript: runs `hostScript` on `hosts` (one Invoke-Command, the hosts in parallel
 * as -ThrottleLimit allows) and writes what it wrote there, object by object (arrays kept whole), as if it had run
 * here; with several hosts, each host's objects in turn.
 */
export function invokeOnHostScript(hosts: string | readonly string[], hostScript: PsScript): PsScript {
  return remoteBlock(hosts, hostScript, null);
}

/**
 * The Invoke-Command. With `helpers` (a step's): they are defined there before the host script, and the block's
 * plumbing up to the host script ends the `#region` the caller opened (onHostScript), so the panel shows the step.
 */
function remoteBlock(hosts: string | readonly string[], hostScript: PsScript, helpers: PsScript | null): PsScript {
  const names = typeof hosts === 'string' ? hosts : hosts.length === 1 ? (hosts[0] ?? '') : [...hosts];
  const own = helpers === null ? ps`` : ps`${helpers}\n`;
  const regionEnd = helpers === null ? ps`` : ps`\n#endregion`;
  return ps`# Runs on ${names} (not this computer) through PowerShell remoting (WinRM, Invoke-Command), with the facts above.
$msaAnswer = Invoke-Command -ComputerName ${names} -ErrorAction Stop -ArgumentList $msaRemoteFacts -ScriptBlock {
param([string]$MsaFactsJson)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$msaFacts = ConvertFrom-Json -InputObject $MsaFactsJson
${REMOTE_HELPERS}
${own}$msaOutput = @(& {${regionEnd}
${hostScript}
})
# Plain data as JSON text: remoting would flatten nested objects past the first level.
$msaJson = ConvertTo-Json -InputObject (ConvertTo-MsaPlain $msaOutput) -Depth 32 -Compress
[Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($msaJson))
}
foreach ($msaText in @($msaAnswer)) {
    $msaDecoded = ConvertFrom-MsaJson -Base64 ([string]$msaText)
    foreach ($msaItem in $msaDecoded) { , $msaItem }
}`;
}

/**
 * The whole script for a host script of another host. ONE folded `#region` holds what an admin need not read first:
 * the helpers and the account's facts read here, the Invoke-Command to the host with its plumbing, and there the
 * helpers the host script came with (joinPrelude's region, moved into the block). Then the step's title line, marked
 * with the host and how it is reached, and the step's own script, as it runs on this computer.
 */
export function onHostScript(host: string, plan: Plan, hostScript: PsScript): PsScript {
  const split = splitPrelude(hostScript);
  const helpers = PsScript.fromTrustedSource(split?.helpers ?? PRELUDE.text);
  const step = split?.step ?? hostScript.text;
  const name = asciiEscaped(host);
  const marked = /^# ---- .* ----\n/.test(step)
    ? step.replace(
        /^# ---- (.*) ----\n/,
        (_all, title: string) => `# ---- ${title} (on ${name}, through PowerShell remoting) ----\n`,
      )
    : step;
  return PsScript.fromTrustedSource(
    [
      `#region Helpers, and the remoting to ${name} (defined once; the step follows)`,
      PRELUDE.text,
      readFactsScript(samOf(plan)).text,
      remoteBlock(host, PsScript.fromTrustedSource(marked), helpers).text,
    ].join('\n'),
  );
}
