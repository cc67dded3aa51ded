// The exported plan script: ONE self-contained PowerShell script that carries out a whole plan on the target
// computer, the same way the wizard does, for admins who review and run it themselves (msa-wizard plan, and the
// GUI's "Export script"). It is Windows PowerShell 5.1 syntax, stops at the first problem with a message that says
// what to change, and is idempotent: every step first reads what exists and changes only what is missing, so a
// second run changes nothing and succeeds.
//
// Layout: a header comment (what it does, the steps, the answers), #Requires -Version 5.1, the helpers once (the
// steps' prelude, Invoke-MsaNative, the judges' helpers and, for a task, the user-rights commands), the checks, then
// one section per step:
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
import { taskUri } from '../workloads/scheduled-task/task-schema.js';
import { USER_RIGHTS_FALLBACK } from '../workloads/scheduled-task/user-rights.js';
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

/** The checks before anything changes: the right computer, elevated, the modules the steps need, the domain. */
function checksScript(plan: Plan, total: number): PsScript {
  const commands = ['Get-ADServiceAccount', 'New-ADServiceAccount', 'Get-ADGroup', 'Test-ADServiceAccount'];
  if (plan.task !== undefined) commands.push('Register-ScheduledTask', 'Get-ScheduledTask');
  return ps`$msaStep = 'the checks'
Write-Host ${`[0/${total}] Checks: this computer, elevation, modules, the domain`}
if ([string]$env:COMPUTERNAME -ne ${plan.targetComputer}) { Stop-MsaStep ('run this script on ' + ${plan.targetComputer} + ', the target computer: the install, test and task steps act on the computer the script runs on (this is ' + $env:COMPUTERNAME + ').') }
$token = $null
try { $token = Invoke-MsaNative -FilePath 'whoami' -ArgumentList '/groups', '/fo', 'csv', '/nh' } catch { $token = $null }
if ($null -ne $token -and $token.ExitCode -eq 0 -and -not ((@($token.Output) -join ' ') -match 'S-1-16-12288|S-1-16-16384')) { Stop-MsaStep 'run this script in an elevated PowerShell (Run as administrator): installing the account and granting user rights need it.' }
$missing = @(${commands} | Where-Object { -not (Get-Command -Name $_ -ErrorAction SilentlyContinue) })
if ($missing.Count -gt 0) { Stop-MsaStep ('these commands are missing: ' + ($missing -join ', ') + '. Install the Active Directory module for Windows PowerShell: Install-WindowsFeature RSAT-AD-PowerShell (Windows Server), or Add-WindowsCapability -Online -Name Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0 (Windows 10/11).') }
$msaDomain = Get-ADDomain
Complete-MsaStep 'ok' ('on ' + $env:COMPUTERNAME + ', domain ' + $msaDomain.DNSRoot + '.')`;
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

/** The whole plan as one script (its text). Deterministic: the same plan gives the same text. */
export function planScript(plan: Plan, options: PlanScriptOptions = {}): string {
  const steps = planSteps(plan);
  const total = steps.length;
  const what = `the ${plan.accountType === 'gmsa' ? 'gMSA' : 'sMSA'} ${samOf(plan)} on ${plan.targetComputer}${plan.task === undefined ? '' : `, with the scheduled task ${taskUri(plan.task)}`}`;
  const warnings = planWarnings(plan);
  const header = [
    `# MSA Wizard setup script: ${what}.`,
    `# Generated by MSA Wizard ${options.version ?? APP_VERSION} from the answers below.`,
    '#',
    `# Run it on ${plan.targetComputer} (the target computer) in an elevated Windows PowerShell 5.1 or later, as a`,
    '# Domain Admin or with the rights delegated for these objects:',
    '#     powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\\<this file>.ps1',
    '# Each step first reads what exists and changes only what is missing, then checks the result; the script stops',
    '# at the first problem with a message saying what to change. Running it again changes nothing.',
    '# The script is plain ASCII (text from the answers is written as [char] codes), so it means the same whatever',
    '# encoding an editor saves it in or a code page reads it with.',
    '#',
    '# Steps:',
    ...steps.map((s, i) => `#   ${i + 1}. ${s.title} (${s.id})`),
    ...(warnings.length === 0 ? [] : ['#', '# WARNING:', ...warnings.map((w) => `#   ${w}`)]),
    '#',
    '# The answers (an MSA Wizard answers file):',
    ...answersComment(options.input ?? (plan as PlanInput)),
  ]
    // Printable ASCII (\uXXXX for the rest): no text can end a comment line or change meaning in another code page.
    .map(asciiEscaped)
    .join('\n');
  const sections = steps.map((step, i) => {
    const label = `step ${i + 1} of ${total} (${step.title})`;
    return joinScripts([
      PsScript.fromTrustedSource(
        `\n# ${'='.repeat(100)}\n# Step ${i + 1} of ${total}: ${step.title} (${step.id})\n# ${'='.repeat(100)}`,
      ),
      ps`$msaStep = ${label}
Write-Host ${`[${i + 1}/${total}] ${step.title}`}
& {
$r = @(. {
${step.script(plan)}
})[-1]
${step.judge(plan)}
}`,
    ]);
  });
  const body = joinScripts([
    PsScript.fromTrustedSource(`#Requires -Version 5.1
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Set-StrictMode -Off`),
    PsScript.fromTrustedSource(`\n# ${'-'.repeat(40)} helpers`),
    PRELUDE,
    HELPERS,
    ...(plan.task === undefined ? [] : [USER_RIGHTS_FALLBACK]),
    ...(warnings.length === 0 ? [] : warnings.map((w) => ps`Write-Warning ${w}`)),
    PsScript.fromTrustedSource(`\n# ${'-'.repeat(40)} checks`),
    checksScript(plan, total),
    ...sections,
    ps`\n$msaStep = 'the end'
Write-Host ${`Done: all ${total} steps succeeded for ${what}.`}`,
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
