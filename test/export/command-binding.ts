// Does every command in a script bind to one of its documented parameter sets? pwsh's own parser finds every
// CommandAst (the same parser Windows PowerShell 5.1 has); each command in Microsoft's reference
// (electron/lab/reference/cmdlets.json) is then bound statically the way PowerShell's binder does it:
//   - named parameters: exact name, alias, or unique prefix, each a parameter of the cmdlet (or a common one);
//   - a non-switch parameter takes the next element as its value (or -Name:value); other elements are positional
//     and fill the set's positional parameters in order;
//   - a splatted @params contributes the keys of the hashtable the script builds for it, found in the same script
//     block: keys of a hashtable literal assigned to it, $params['Key'] = ..., and
//     foreach ($key in $other.Keys) { $params[$key] = ... } (the keys of $other, recursively). A key that cannot be
//     resolved that way fails the check (the script would then be unverifiable);
//   - one parameter set must contain every supplied parameter and have all its mandatory parameters supplied.
// This is static, so it covers every branch (also the ones a lab run does not take). The lab runs cover the
// dynamic side: the lab cmdlets have exactly these signatures (test/lab/signatures.test.ts) and bind the same.
import { jsonPayload, ps } from '../../electron/common/powershell/script.js';
import type { PowerShellSession } from '../../electron/common/powershell/session.js';
import {
  ALL_SETS,
  COMMON_PARAMETERS,
  loadCmdletReference,
  parameterSetBindings,
  type CmdletSpec,
} from '../../electron/lab/reference/cmdlet-reference.js';

export interface ScannedElement {
  kind: 'param' | 'arg' | 'splat';
  name: string | null;
  inline: boolean;
  keys: string[] | null;
  unresolved: string[] | null;
}
export interface ScannedCommand {
  name: string | null;
  line: number;
  text: string;
  pipelineInput: boolean;
  elements: ScannedElement[];
}
export interface ScannedScript {
  parseErrors: string[];
  commands: ScannedCommand[];
}

const SCAN = ps`
function Get-MsaScopeOf($Ast) {
    $p = $Ast.Parent
    while ($null -ne $p -and -not ($p -is [System.Management.Automation.Language.ScriptBlockAst])) { $p = $p.Parent }
    return $p
}
function Get-MsaSplatKeys($Scope, [string]$Var, [int]$Depth) {
    $keys = New-Object System.Collections.ArrayList
    $unresolved = New-Object System.Collections.ArrayList
    if ($Depth -gt 5) { [void]$unresolved.Add('(too deep)'); return @{ keys = $keys; unresolved = $unresolved } }
    $assignments = $Scope.FindAll({ param($a) $a -is [System.Management.Automation.Language.AssignmentStatementAst] }, $false)
    foreach ($a in $assignments) {
        $left = $a.Left
        if ($left -is [System.Management.Automation.Language.VariableExpressionAst] -and $left.VariablePath.UserPath -eq $Var) {
            $table = $a.Right.Find({ param($x) $x -is [System.Management.Automation.Language.HashtableAst] }, $true)
            if ($null -eq $table) { [void]$unresolved.Add('$' + $Var + ' = ' + $a.Right.Extent.Text); continue }
            foreach ($pair in $table.KeyValuePairs) {
                if ($pair.Item1 -is [System.Management.Automation.Language.StringConstantExpressionAst]) { [void]$keys.Add($pair.Item1.Value) }
                else { [void]$unresolved.Add($pair.Item1.Extent.Text) }
            }
        } elseif ($left -is [System.Management.Automation.Language.IndexExpressionAst] -and $left.Target -is [System.Management.Automation.Language.VariableExpressionAst] -and $left.Target.VariablePath.UserPath -eq $Var) {
            $index = $left.Index
            if ($index -is [System.Management.Automation.Language.StringConstantExpressionAst]) { [void]$keys.Add($index.Value); continue }
            $resolved = $false
            if ($index -is [System.Management.Automation.Language.VariableExpressionAst]) {
                $loop = $a.Parent
                while ($null -ne $loop -and -not ($loop -is [System.Management.Automation.Language.ForEachStatementAst])) { $loop = $loop.Parent }
                if ($null -ne $loop -and $loop.Variable.VariablePath.UserPath -eq $index.VariablePath.UserPath -and $loop.Condition -is [System.Management.Automation.Language.PipelineAst]) {
                    $member = $loop.Condition.Find({ param($x) $x -is [System.Management.Automation.Language.MemberExpressionAst] }, $true)
                    if ($null -ne $member -and $member.Member.Value -eq 'Keys' -and $member.Expression -is [System.Management.Automation.Language.VariableExpressionAst]) {
                        $inner = Get-MsaSplatKeys $Scope $member.Expression.VariablePath.UserPath ($Depth + 1)
                        foreach ($k in $inner.keys) { [void]$keys.Add($k) }
                        foreach ($u in $inner.unresolved) { [void]$unresolved.Add($u) }
                        $resolved = $true
                    }
                }
            }
            if (-not $resolved) { [void]$unresolved.Add($left.Extent.Text) }
        }
    }
    return @{ keys = $keys; unresolved = $unresolved }
}
foreach ($text in $texts) {
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$tokens, [ref]$errors)
    $commands = @(foreach ($c in $ast.FindAll({ param($x) $x -is [System.Management.Automation.Language.CommandAst] }, $true)) {
        $elements = @(for ($i = 1; $i -lt $c.CommandElements.Count; $i++) {
            $e = $c.CommandElements[$i]
            if ($e -is [System.Management.Automation.Language.CommandParameterAst]) {
                [ordered]@{ kind = 'param'; name = $e.ParameterName; inline = ($null -ne $e.Argument); keys = $null; unresolved = $null }
            } elseif ($e -is [System.Management.Automation.Language.VariableExpressionAst] -and $e.Splatted) {
                $found = Get-MsaSplatKeys (Get-MsaScopeOf $c) $e.VariablePath.UserPath 0
                [ordered]@{ kind = 'splat'; name = $e.VariablePath.UserPath; inline = $false; keys = @($found.keys); unresolved = @($found.unresolved) }
            } else {
                [ordered]@{ kind = 'arg'; name = $null; inline = $false; keys = $null; unresolved = $null }
            }
        })
        $pipelineInput = ($c.Parent -is [System.Management.Automation.Language.PipelineAst]) -and ($c.Parent.PipelineElements.IndexOf($c) -gt 0)
        [ordered]@{ name = $c.GetCommandName(); line = $c.Extent.StartLineNumber; text = $c.Extent.Text; pipelineInput = $pipelineInput; elements = $elements }
    })
    [ordered]@{ parseErrors = @($errors | ForEach-Object { [string]$_.Message + ' (line ' + $_.Extent.StartLineNumber + ')' }); commands = $commands }
}`;

/** Parses each script with pwsh's parser and lists its commands with their parameters, arguments and splats. */
export async function scanCommands(session: PowerShellSession, texts: readonly string[]): Promise<ScannedScript[]> {
  const data = await session.run(ps`$texts = @(${jsonPayload(texts)})
${SCAN}`);
  return data as ScannedScript[];
}

const reference = loadCmdletReference();

/** The cmdlet's parameter a name means (exact, alias, or unique prefix), case-insensitive; null: none. */
function resolveParameter(spec: CmdletSpec, name: string): string | null | 'ambiguous' {
  const all = [...Object.keys(spec.parameters), ...COMMON_PARAMETERS];
  const lower = name.toLowerCase();
  const exact = all.find((p) => p.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  const alias = Object.entries(spec.parameters).find(([, p]) => p.aliases.some((a) => a.toLowerCase() === lower));
  if (alias !== undefined) return alias[0];
  const prefixed = all.filter((p) => p.toLowerCase().startsWith(lower));
  if (prefixed.length === 1) return prefixed[0] ?? null;
  return prefixed.length > 1 ? 'ambiguous' : null;
}

/** Per set, each parameter's mandatory flag and position, documented clashes resolved as the lab's signatures are
 *  (parameterSetBindings: Register-ScheduledTask's User set binds Trigger 3, Settings 4, User 5, Password 6). */
const setBindings = new WeakMap<CmdletSpec, ReturnType<typeof parameterSetBindings>>();
const inSet = (spec: CmdletSpec, parameter: string, set: string): { required: boolean; position: string } | null => {
  if (COMMON_PARAMETERS.includes(parameter)) return { required: false, position: 'Named' };
  let bindings = setBindings.get(spec);
  if (bindings === undefined) {
    const name = Object.entries(reference.cmdlets).find(([, s]) => s === spec)?.[0] ?? '';
    bindings = parameterSetBindings(name, spec);
    setBindings.set(spec, bindings);
  }
  const sets = bindings[parameter];
  const b = sets?.[set] ?? sets?.[ALL_SETS];
  return b === undefined
    ? null
    : { required: b.mandatory, position: b.position === null ? 'Named' : String(b.position) };
};

/** Why this command does not bind (empty: it binds to a parameter set); null when it is not in the reference. */
export function bindingProblems(command: ScannedCommand): string[] | null {
  const spec = command.name === null ? undefined : reference.cmdlets[command.name];
  if (spec === undefined) return null;
  const problems: string[] = [];
  const supplied = new Set<string>();
  let positional = 0;
  const elements = command.elements;
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i];
    if (e === undefined) continue;
    if (e.kind === 'arg') {
      positional++;
      continue;
    }
    const names = e.kind === 'param' ? [e.name ?? ''] : (e.keys ?? []);
    if (e.kind === 'splat' && (e.unresolved ?? []).length > 0) {
      problems.push(`@${e.name}: keys the check cannot resolve: ${(e.unresolved ?? []).join(', ')}`);
    }
    for (const name of names) {
      const resolved = resolveParameter(spec, name);
      if (resolved === null || resolved === 'ambiguous') {
        problems.push(`-${name} is ${resolved === null ? 'not a parameter' : 'ambiguous'} of ${command.name}`);
        continue;
      }
      supplied.add(resolved);
      const isSwitch = /SwitchParameter$/.test(spec.parameters[resolved]?.type ?? '');
      // A non-switch parameter given by name takes the next element as its value.
      if (e.kind === 'param' && !e.inline && !isSwitch && !COMMON_PARAMETERS.includes(resolved)) i++;
      if (e.kind === 'param' && !e.inline && COMMON_PARAMETERS.includes(resolved)) i++;
    }
  }
  if (problems.length > 0) return problems;
  const reasons: string[] = [];
  for (const set of Object.keys(spec.parameterSets)) {
    const outside = [...supplied].filter((p) => inSet(spec, p, set) === null);
    if (outside.length > 0) {
      reasons.push(`${set}: ${outside.map((p) => `-${p}`).join(', ')} not in it`);
      continue;
    }
    const positions = Object.keys(spec.parameters)
      .map((p) => ({ p, at: inSet(spec, p, set) }))
      .filter((x) => x.at !== null && x.at.position !== 'Named' && !supplied.has(x.p))
      .sort((a, b) => Number(a.at?.position) - Number(b.at?.position))
      .map((x) => x.p);
    if (positional > positions.length) {
      reasons.push(`${set}: ${positional} positional arguments, ${positions.length} positional parameters`);
      continue;
    }
    const bound = new Set([...supplied, ...positions.slice(0, positional)]);
    const missing = Object.keys(spec.parameters).filter((p) => inSet(spec, p, set)?.required === true && !bound.has(p));
    if (missing.length > 0 && !command.pipelineInput) {
      reasons.push(`${set}: mandatory ${missing.map((p) => `-${p}`).join(', ')} not supplied`);
      continue;
    }
    return [];
  }
  return [`binds to no parameter set (${reasons.join('; ')})`];
}

/** What scanning some named scripts found: every problem (parse errors, bindings), and each documented command's uses. */
export interface BindingReport {
  readonly problems: string[];
  /** Documented commands seen, with how often. */
  readonly checked: Map<string, number>;
  /** Documented commands called with a splat. */
  readonly splats: number;
}

/**
 * Parses the scripts in pwsh and checks every documented command in them (bindingProblems); `pipelineInput: 'refuse'`
 * also reports a documented command that takes pipeline input (its binding can't be checked from the text).
 */
export async function checkScripts(
  session: PowerShellSession,
  scripts: readonly { name: string; text: string }[],
  options: { pipelineInput?: 'refuse' | 'allow' } = {},
): Promise<BindingReport> {
  const scanned = await scanCommands(
    session,
    scripts.map((s) => s.text),
  );
  const report: BindingReport = { problems: [], checked: new Map(), splats: 0 };
  let splats = 0;
  scanned.forEach((script, i) => {
    const where = scripts[i]?.name ?? '?';
    for (const e of script.parseErrors) report.problems.push(`${where}: parse error ${e}`);
    for (const command of script.commands) {
      const found = bindingProblems(command);
      if (found === null) continue;
      report.checked.set(command.name ?? '', (report.checked.get(command.name ?? '') ?? 0) + 1);
      if (command.elements.some((e) => e.kind === 'splat')) splats++;
      if (options.pipelineInput === 'refuse' && command.pipelineInput) {
        report.problems.push(`${where} line ${command.line}: ${command.name} takes pipeline input`);
      }
      for (const p of found) report.problems.push(`${where} line ${command.line}: ${command.text.slice(0, 120)}: ${p}`);
    }
  });
  return { ...report, splats };
}
