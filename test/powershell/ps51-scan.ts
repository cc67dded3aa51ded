// Finds PowerShell 7-only syntax in scripts, using pwsh 7's own parser: Windows PowerShell 5.1 is the production
// engine, and none of this parses or behaves the same there.
import type { PowerShellSession } from '../../electron/common/powershell/session.js';
import { b64, trusted } from '../helpers/pwsh.js';

export interface Finding {
  readonly name: string;
  readonly problems: readonly string[];
}

const SCANNER = String.raw`
$L = 'System.Management.Automation.Language'
$sevenOnlyCommands = @('Get-Error', 'Join-String', 'Test-Json', 'ConvertFrom-Markdown', 'Show-Markdown',
  'Get-Uptime', 'Remove-Alias', 'Remove-Service', 'Clear-RecycleBin', 'Get-MarkdownOption', 'Set-MarkdownOption',
  'Test-Connection7', 'ForEach-Object7')
$sevenOnlyParameters = @{
  'ForEach-Object' = @('Parallel', 'ThrottleLimit', 'AsJob', 'TimeoutSeconds', 'UseNewRunspace')
  'ConvertFrom-Json' = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind')
  'ConvertTo-Json' = @('AsArray', 'EscapeHandling')
  'Get-Content' = @('AsByteStream')
  'Invoke-RestMethod' = @('SkipCertificateCheck', 'ResponseHeadersVariable', 'StatusCodeVariable')
  'Invoke-WebRequest' = @('SkipCertificateCheck', 'SkipHttpErrorCheck')
  'Select-String' = @('Raw', 'NoEmphasis')
  'Get-ChildItem' = @('FollowSymlink')
}
function Find($ast, [scriptblock]$test) { @($ast.FindAll($test, $true)) }
foreach ($item in $input) {
  $text = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($item.b64))
  $tokens = $null; $errs = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$tokens, [ref]$errs)
  $problems = New-Object System.Collections.ArrayList
  foreach ($e in $errs) { [void]$problems.Add("parse error: $($e.Message)") }
  $line = { param($n) "line $($n.Extent.StartLineNumber): $($n.Extent.Text.Split([char]10)[0])" }
  foreach ($n in (Find $ast { param($n) $n.GetType().Name -in @('TernaryExpressionAst', 'PipelineChainAst') })) {
    [void]$problems.Add("$($n.GetType().Name -replace 'Ast$'), 7-only: " + (& $line $n))
  }
  foreach ($n in (Find $ast { param($n) $n -is [System.Management.Automation.Language.BinaryExpressionAst] -and $n.Operator -eq 'QuestionQuestion' })) {
    [void]$problems.Add('?? operator, 7-only: ' + (& $line $n))
  }
  foreach ($n in (Find $ast { param($n) $n -is [System.Management.Automation.Language.AssignmentStatementAst] -and $n.Operator -eq 'QuestionQuestionEquals' })) {
    [void]$problems.Add('??= operator, 7-only: ' + (& $line $n))
  }
  foreach ($n in (Find $ast { param($n) ($n -is [System.Management.Automation.Language.MemberExpressionAst] -or $n -is [System.Management.Automation.Language.IndexExpressionAst]) -and $n.NullConditional })) {
    [void]$problems.Add('?. or ?[] operator, 7-only: ' + (& $line $n))
  }
  foreach ($n in (Find $ast { param($n) $n -is [System.Management.Automation.Language.PipelineAst] -and $n.Background })) {
    [void]$problems.Add('background operator &, 7-only: ' + (& $line $n))
  }
  foreach ($n in (Find $ast { param($n) $n -is [System.Management.Automation.Language.ScriptBlockAst] -and $null -ne $n.CleanBlock })) {
    [void]$problems.Add('clean block, 7.3+: ' + (& $line $n))
  }
  foreach ($n in (Find $ast { param($n) $n -is [System.Management.Automation.Language.BinaryExpressionAst] -and $n.Operator -match 'replace$' -and ($n.Right -is [System.Management.Automation.Language.ScriptBlockExpressionAst] -or ($n.Right -is [System.Management.Automation.Language.ArrayLiteralAst] -and @($n.Right.Elements | Where-Object { $_ -is [System.Management.Automation.Language.ScriptBlockExpressionAst] }).Count -gt 0)) })) {
    [void]$problems.Add('-replace with a script block, 6.1+: ' + (& $line $n))
  }
  foreach ($n in (Find $ast { param($n) $n -is [System.Management.Automation.Language.CommandAst] })) {
    $name = $n.GetCommandName()
    if ($null -eq $name) { continue }
    if ($name -eq '%' -or $name -eq 'foreach') { $name = 'ForEach-Object' }
    if ($sevenOnlyCommands -contains $name) { [void]$problems.Add("command $name, 7-only: " + (& $line $n)) }
    $bad = $sevenOnlyParameters[$name]
    if ($null -ne $bad) {
      foreach ($p in @($n.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] })) {
        foreach ($b in $bad) {
          if ($b.StartsWith($p.ParameterName, [StringComparison]::OrdinalIgnoreCase)) {
            [void]$problems.Add("$name -$b, 7-only: " + (& $line $n))
          }
        }
      }
    }
  }
  foreach ($t in $tokens) {
    if (($t.Kind -eq 'StringExpandable' -or $t.Kind -eq 'HereStringExpandable') -and $t.Text -match '\x60u\{') {
      [void]$problems.Add('escape \x60u{...} in a string, 6.0+: line ' + $t.Extent.StartLineNumber)
    }
  }
  [ordered]@{ name = $item.name; problems = $problems.ToArray() }
}`;

/** Scans scripts for 7-only syntax; returns one Finding per script, in order. */
export async function scanForPs7Syntax(
  session: PowerShellSession,
  scripts: readonly { name: string; text: string }[],
): Promise<Finding[]> {
  const items = scripts.map((s) => `[pscustomobject]@{ name = '${b64(s.name)}'; b64 = '${b64(s.text)}' }`).join(',\n');
  const data = await session.run(
    trusted(
      `@(${items}) | ForEach-Object { $_.name = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($_.name)); $_ } | & { ${SCANNER} }`,
    ),
  );
  return data as Finding[];
}
