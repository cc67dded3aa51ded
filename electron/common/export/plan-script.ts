// The exported plan script: ONE self-contained PowerShell script that carries out a whole plan, the same way the
// wizard does, for admins who review and run it themselves (msa-wizard plan, and the
// GUI's "Export script"). It is Windows PowerShell 5.1 syntax, stops at the first problem with a message that says
// what to change, and is idempotent: every step first reads what exists and changes only what is missing, so a
// second run changes nothing and succeeds.
//
// Layout: a header comment (what it does, the steps per host, the answers), #Requires -Version 5.1, the helpers once
// in a `#region Helpers` block after a `# ---- helpers` marker (the steps' prelude, Invoke-MsaNative, the judges'
// helpers and each step's own helpers, each piece once), the checks, the directory part (the account's steps: they
// run on any domain computer), then one part per host:
// `if ($env:COMPUTERNAME -eq 'WEB01') { <its steps> } else { Write-Host 'Skipped: ...' }` (the install, the rights and
// the workloads of that host; run the same script on each host). Each step is a section:
//     & { $r = @(. { <the step's own script: the text the wizard previews and runs> })[-1]; <the step's judge> }
// Each section runs in a scope of its own (nothing leaks into the next step); the judge (next to each step, in its
// file) reads $r, the step's answer, and calls Stop-MsaStep (throws: the script stops) or Complete-MsaStep.
import { answersText } from '../answers/answers-schema.js';
import { APP_VERSION } from '../app-version.js';
import { planWarnings, samOf, type Plan, type PlanInput } from '../plan/plan-schema.js';
import { joinScripts, ps, PsScript } from '../powershell/script.js';
import { bootstrapFunction } from '../powershell/envelope.js';
import { planSteps } from '../steps/plan-steps.js';
import { PRELUDE } from '../steps/types.js';
import type { Step } from '../steps/types.js';
import { rightsOf } from '../workloads/all-steps.js';
import { workloadKind } from '../workloads/registry.js';
import { USER_RIGHTS_FALLBACK } from '../workloads/shared/user-rights.js';
import { asciiEscaped } from '../unicode.js';

/** The helpers the judges use, and Invoke-MsaNative (the session's bootstrap defines it; a plain script must). */
const HELPERS = PsScript.fromTrustedSource(`${bootstrapFunction('Invoke-MsaNative')}
# The judges: Complete-MsaStep reports a step that succeeded; Stop-MsaStep stops the script with what to change.
function Complete-MsaStep {
    param([string]$Status, [string]$Message)
    Write-Host ('      ' + $Status + ': ' + $Message)
}
function Stop-MsaStep {
    param([string]$Message)
    throw ('MSA Wizard stopped at ' + $msaStep + ': ' + $Message)
}
function Test-MsaSameSet {
    param($A, $B)
    $x = @(@($A) | Where-Object { $null -ne $_ } | ForEach-Object { ([string]$_).ToLowerInvariant() } | Sort-Object -Unique)
    $y = @(@($B) | Where-Object { $null -ne $_ } | ForEach-Object { ([string]$_).ToLowerInvariant() } | Sort-Object -Unique)
    if ($x.Count -ne $y.Count) { return $false }
    for ($i = 0; $i -lt $x.Count; $i++) { if ($x[$i] -cne $y[$i]) { return $false } }
    return $true
}
function Get-MsaParentDn {
    param([string]$Dn)
    return ($Dn -replace '^(?:\\\\.|[^,\\\\])*,', '')
}`);

/** The checks before anything changes: elevated, the AD module, the domain. Each host's part checks its own commands. */
function checksScript(total: number): PsScript {
  const commands = ['Get-ADServiceAccount', 'New-ADServiceAccount', 'Get-ADGroup', 'Test-ADServiceAccount'];
  return ps`$msaStep = 'the checks'
Write-Host ${`[0/${total}] Checks: elevation, modules, the domain`}
$token = $null
try { $token = Invoke-MsaNative -FilePath 'whoami' -ArgumentList '/groups', '/fo', 'csv', '/nh' } catch { $token = $null }
if ($null -ne $token -and $token.ExitCode -eq 0 -and -not ((@($token.Output) -join ' ') -match 'S-1-16-12288|S-1-16-16384')) { Stop-MsaStep 'run this script in an elevated PowerShell (Run as administrator): installing the account and granting user rights need it.' }
$missing = @(${commands} | Where-Object { -not (Get-Command -Name $_ -ErrorAction SilentlyContinue) })
if ($missing.Count -gt 0) { Stop-MsaStep ('these commands are missing: ' + ($missing -join ', ') + '. Install the Active Directory module for Windows PowerShell: Install-WindowsFeature RSAT-AD-PowerShell (Windows Server), or Add-WindowsCapability -Online -Name Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0 (Windows 10/11).') }
$msaDomain = Get-ADDomain
$msaSkipped = New-Object System.Collections.ArrayList
Complete-MsaStep 'ok' ('on ' + $env:COMPUTERNAME + ', domain ' + $msaDomain.DNSRoot + '.')`;
}

/** The commands a host's workloads need, checked as its part starts. */
function hostCommands(plan: Plan, host: string): string[] {
  const kinds = plan.workloads.filter((w) => w.host === host).map((w) => workloadKind(w.kind));
  return [...new Set(kinds.flatMap((k) => k.commands ?? []))];
}

/** One step's section: its own script, then its judge, in a scope of its own. */
function stepSection(plan: Plan, step: Step, n: number, total: number): PsScript {
  const label = `step ${n} of ${total} (${step.title})`;
  return joinScripts([
    PsScript.fromTrustedSource(
      // A title holds names from the answers (a service's, a pool's): printable ASCII only, as in the header.
      `\n# ${'='.repeat(100)}\n# Step ${n} of ${total}: ${asciiEscaped(`${step.title} (${step.id})`)}\n# ${'='.repeat(100)}`,
    ),
    ps`$msaStep = ${label}
Write-Host ${`[${n}/${total}] ${step.title}`}
& {
$r = @(. {
${step.script(plan)}
})[-1]
${step.judge(plan)}
}`,
  ]);
}

/** A host's part: its steps when the script runs there, else a line saying they were skipped and where to run them. */
function hostPart(plan: Plan, host: string, steps: readonly { step: Step; n: number }[], total: number): PsScript {
  const commands = hostCommands(plan, host);
  const check =
    commands.length === 0
      ? ps``
      : ps`$msaStep = ${`the checks on ${host}`}
$missing = @(${commands} | Where-Object { -not (Get-Command -Name $_ -ErrorAction SilentlyContinue) })
if ($missing.Count -gt 0) { Stop-MsaStep ('these commands are missing on ' + $env:COMPUTERNAME + ': ' + ($missing -join ', ') + '.') }`;
  const range = `steps ${steps[0]?.n ?? 0} to ${steps[steps.length - 1]?.n ?? 0}`;
  return ps`
# ${PsScript.fromTrustedSource('-'.repeat(40))} on ${PsScript.fromTrustedSource(host.replace(/[^A-Z0-9-]/g, ''))}
if ([string]$env:COMPUTERNAME -eq ${host}) {
${joinScripts([check, ...steps.map(({ step, n }) => stepSection(plan, step, n, total))])}
} else {
    [void]$msaSkipped.Add(${host})
    Write-Host ${`Skipped: ${range} run on ${host}; run this script there for them.`}
}`;
}

/** The header's copy of the answers: the answers file's pretty JSON, a comment line each. */
function answersComment(input: PlanInput): string[] {
  return answersText(input)
    .trimEnd()
    .split('\n')
    .map((line) => `#   ${line}`);
}

export interface PlanScriptOptions {
  /** The answers as entered (shown in the header); default: the validated plan. */
  readonly input?: PlanInput;
  /** MSA Wizard's version; default: package.json's. */
  readonly version?: string;
}

/**
 * The plan's steps in the script's order, numbered: the directory's, then each host's (the target computer first,
 * then the other hosts in plan order).
 */
function scriptOrder(plan: Plan, steps: readonly Step[]) {
  const hosts = [
    ...new Set([plan.targetComputer, ...steps.flatMap((step) => (step.host === null ? [] : [step.host]))]),
  ];
  const groups = [null, ...hosts].map((host) => steps.filter((step) => step.host === host));
  let n = 0;
  const numbered = groups.map((group) => group.map((step) => ({ step, n: ++n })));
  const [directory = [], ...perHost] = numbered;
  return {
    directory,
    hosts: perHost.map((group, i) => ({ host: hosts[i] ?? '', steps: group })).filter((h) => h.steps.length > 0),
  };
}

/** The whole plan as one script (its text). Deterministic: the same plan gives the same text. */
export function planScript(plan: Plan, options: PlanScriptOptions = {}): string {
  const steps = planSteps(plan);
  const total = steps.length;
  const workloads = plan.workloads.map(
    (w) =>
      `${workloadKind(w.kind).settings.label.toLowerCase()} ${workloadKind(w.kind).settings.describe(w.settings)} on ${w.host}`,
  );
  const what = `the ${plan.accountType === 'gmsa' ? 'gMSA' : 'sMSA'} ${samOf(plan)} on ${plan.targetComputer}${workloads.length === 0 ? '' : `, with the ${workloads.join('; the ')}`}`;
  const warnings = planWarnings(plan);
  const { directory, hosts } = scriptOrder(plan, steps);
  const header = [
    `# MSA Wizard setup script: ${what}.`,
    `# Generated by MSA Wizard ${options.version ?? APP_VERSION} from the answers below.`,
    '#',
    `# Run it in an elevated Windows PowerShell 5.1 or later, as a Domain Admin or with the rights delegated for these`,
    `# objects, on each computer below (first on ${plan.targetComputer}, the target computer):`,
    '#     powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\\<this file>.ps1',
    "# The directory steps run wherever it runs; each host's steps run only on that host (elsewhere they are skipped).",
    '# Each step first reads what exists and changes only what is missing, then checks the result; the script stops',
    '# at the first problem with a message saying what to change. Running it again changes nothing.',
    '# The script is plain ASCII (text from the answers is written as [char] codes), so it means the same whatever',
    '# encoding an editor saves it in or a code page reads it with.',
    '#',
    '# Steps, in the directory:',
    ...directory.map(({ step, n }) => `#   ${n}. ${step.title} (${step.id})`),
    ...hosts.flatMap((h) => [
      `# on ${h.host}:`,
      ...h.steps.map(({ step, n }) => `#   ${n}. ${step.title} (${step.id})`),
    ]),
    ...(warnings.length === 0 ? [] : ['#', '# WARNING:', ...warnings.map((w) => `#   ${w}`)]),
    '#',
    '# The answers (an MSA Wizard answers file):',
    ...answersComment(options.input ?? (plan as unknown as PlanInput)),
  ]
    // Printable ASCII (\uXXXX for the rest): no text can end a comment line or change meaning in another code page.
    .map(asciiEscaped)
    .join('\n');
  const needsRights = plan.workloads.some((w) => rightsOf(w).length > 0);
  // What the steps need besides the prelude, each distinct piece once (the user-rights commands among them).
  const needs = [
    ...new Map(
      [...(needsRights ? [USER_RIGHTS_FALLBACK] : []), ...steps.flatMap((step) => step.needs ?? [])].map((n) => [
        n.text,
        n,
      ]),
    ).values(),
  ];
  const body = joinScripts([
    PsScript.fromTrustedSource(`#Requires -Version 5.1
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Set-StrictMode -Off`),
    // The helpers once, folded in editors that fold regions (and in the wizard's panel); no step repeats them.
    PsScript.fromTrustedSource(`\n# ${'-'.repeat(40)} helpers\n#region Helpers (defined once; the steps follow)`),
    PRELUDE,
    HELPERS,
    ...needs,
    PsScript.fromTrustedSource('#endregion'),
    ...(warnings.length === 0 ? [] : warnings.map((w) => ps`Write-Warning ${w}`)),
    PsScript.fromTrustedSource(`\n# ${'-'.repeat(40)} checks`),
    checksScript(total),
    PsScript.fromTrustedSource(`\n# ${'-'.repeat(40)} the directory`),
    ...directory.map(({ step, n }) => stepSection(plan, step, n, total)),
    ...hosts.map((h) => hostPart(plan, h.host, h.steps, total)),
    ps`\n$msaStep = 'the end'
if ($msaSkipped.Count -gt 0) { Write-Host (${`Done here for ${what}. Run this script on `} + ($msaSkipped -join ', ') + ' too, for the steps skipped here.') }
else { Write-Host ${`Done: all ${total} steps succeeded for ${what}.`} }`,
  ]);
  return `${header}\n${body.text}\n`;
}

/**
 * A UTF-8 byte-order mark. Every exported script starts with one (stdout, --out, plan.export, the GUI's download):
 * the body is ASCII anyway, but an editor that adds non-ASCII text to a file with a BOM keeps it UTF-8, and Windows
 * PowerShell 5.1 then reads it as UTF-8 rather than in the ANSI code page.
 */
export const UTF8_BOM = '\uFEFF';

/** The plan script as saved and handed out: the byte-order mark, then planScript's ASCII text. */
export function planScriptFile(plan: Plan, options: PlanScriptOptions = {}): string {
  return UTF8_BOM + planScript(plan, options);
}
