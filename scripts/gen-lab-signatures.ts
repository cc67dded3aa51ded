// Generates the lab cmdlets' param() blocks from Microsoft's documented signatures (electron/lab/reference).
//   npm run gen:lab        writes electron/lab/modules*/<Module>/<Module>.Signatures.ps1 and <Module>.psd1
//   npm run gen:lab -- --check   exits 1 if a generated file is out of date (used by the tests)
// Each generated function only binds parameters, then hands them to `LabImpl-<Verb>-<Noun>` in its module.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ALL_SETS,
  CONFIRM_IMPACT_HIGH,
  loadCmdletReference,
  parameterSetBindings,
  pipelineBinding,
  shortTypeName,
  type CmdletSpec,
  type ParameterSpec,
  type SetBinding,
} from '../electron/lab/reference/cmdlet-reference.js';

/** The lab module that models a cmdlet of an engine module: a lab module of the engine's own name would shadow every
 *  other cmdlet of it (Get-Item, Test-Path, ...), so these few live in lab modules of their own. */
export const LAB_MODULE_FOR: Record<string, string> = {
  'Microsoft.PowerShell.Management': 'LabServices',
  'Microsoft.PowerShell.Security': 'LabSecurity',
  'Microsoft.PowerShell.Core': 'LabRemoting',
};

/** Where each module lives: ActiveDirectory is apart, so practice mode can simulate a host without RSAT. */
export function moduleFolder(module: string): string {
  const root = module === 'ActiveDirectory' ? 'modules-rsat' : 'modules';
  return path.join('electron', 'lab', root, LAB_MODULE_FOR[module] ?? module);
}

const CIM = 'Microsoft.Management.Infrastructure.CimInstance';
const IIS_ELEMENT = 'Microsoft.Web.Administration.ConfigurationElement';
const TYPE_LITERALS: Record<string, string> = {
  String: 'string',
  Int32: 'int',
  UInt32: 'uint32',
  Boolean: 'bool',
  DateTime: 'datetime',
  TimeSpan: 'timespan',
  Guid: 'guid',
  Hashtable: 'hashtable',
  SwitchParameter: 'switch',
  SecureString: 'System.Security.SecureString',
  PSCredential: 'System.Management.Automation.PSCredential',
  Object: 'object',
  Uri: 'uri',
  IDictionary: 'System.Collections.IDictionary',
  ServiceStartMode: 'System.ServiceProcess.ServiceStartMode',
  PSObject: 'psobject',
  X509Certificate: 'System.Security.Cryptography.X509Certificates.X509Certificate',
  DayOfWeek: 'System.DayOfWeek',
  CimSession: 'Microsoft.Management.Infrastructure.CimSession',
  Feature: 'Microsoft.Windows.ServerManager.Commands.Feature',
  LogLevel: 'Microsoft.Dism.Commands.LogLevel',
  RunLevelEnum: 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.ScheduledTask.RunLevelEnum',
  LogonTypeEnum: 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.ScheduledTask.LogonTypeEnum',
  ProcessTokenSidTypeEnum: 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.ScheduledTask.ProcessTokenSidTypeEnum',
  CompatibilityEnum: 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.ScheduledTask.CompatibilityEnum',
  MultipleInstancesEnum: 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.ScheduledTask.MultipleInstancesEnum',
  ScriptBlock: 'scriptblock',
  PSSession: 'System.Management.Automation.Runspaces.PSSession',
  PSSessionOption: 'System.Management.Automation.Remoting.PSSessionOption',
  AuthenticationMechanism: 'System.Management.Automation.Runspaces.AuthenticationMechanism',
};

/** The type constraint for one parameter. CimInstance cannot be constructed without libmi (absent on Linux), so the
 *  lab's CIM objects are PSObjects carrying the real CIM type names, checked with [PSTypeName]. */
export function typeConstraint(docType: string): string {
  const short = shortTypeName(docType);
  const array = short.endsWith('[]') ? '[]' : '';
  const base = array ? short.slice(0, -2) : short;
  if (base === 'CimInstance') return `[PSTypeName('${CIM}')][psobject${array}]`;
  // The lab's CIM classes and services are PSObjects carrying the real type names too (a real CimClass needs libmi,
  // and a real ServiceController talks to the SCM of the machine the lab runs on).
  if (base === 'CimClass') return `[PSTypeName('Microsoft.Management.Infrastructure.CimClass')][psobject${array}]`;
  if (base === 'ServiceController') return `[PSTypeName('System.ServiceProcess.ServiceController')][psobject${array}]`;
  // Microsoft.Web.Administration is absent off Windows: the lab's IIS elements carry the real type name instead.
  if (base === 'ConfigurationElement') return `[PSTypeName('${IIS_ELEMENT}')][psobject${array}]`;
  const literal =
    TYPE_LITERALS[base] ?? (base.startsWith('AD') ? `Microsoft.ActiveDirectory.Management.${base}` : undefined);
  if (literal === undefined) throw new Error(`no lab type for ${docType}`);
  return `[${literal}${array}]`;
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

function parameterBlock(name: string, spec: ParameterSpec, sets: Record<string, SetBinding>): string {
  const lines: string[] = [];
  const pipeline = pipelineBinding(spec);
  for (const [set, binding] of Object.entries(sets)) {
    const args: string[] = [];
    if (set !== ALL_SETS) args.push(`ParameterSetName = ${quote(set)}`);
    if (binding.mandatory) args.push('Mandatory = $true');
    if (binding.position !== null) args.push(`Position = ${binding.position}`);
    // As the docs' "Accept pipeline input" states it (the same for each of the parameter's sets).
    if (pipeline.byValue) args.push('ValueFromPipeline = $true');
    if (pipeline.byPropertyName) args.push('ValueFromPipelineByPropertyName = $true');
    lines.push(`        [Parameter(${args.join(', ')})]`);
  }
  if (spec.aliases.length > 0) lines.push(`        [Alias(${spec.aliases.map(quote).join(', ')})]`);
  const isText = /^(System\.)?String(\[\])?$/.test(spec.type);
  if (isText && spec.accepted !== undefined && spec.accepted.length > 0) {
    lines.push(`        [ValidateSet(${spec.accepted.map(quote).join(', ')})]`);
  }
  lines.push(`        ${typeConstraint(spec.type)}$${name}`);
  return lines.join('\n');
}

/** A compiled cmdlet's ShouldProcess reads $ConfirmPreference and $WhatIfPreference in its caller's scope; a module
 *  function sees only its module's and the global ones (`$ConfirmPreference = 'None'` in a script would not reach
 *  it). So each ShouldProcess function takes its caller's values, unless -Confirm / -WhatIf was given. */
const CALLER_PREFERENCES = [
  "        foreach ($labPreference in @(@('Confirm', 'ConfirmPreference'), @('WhatIf', 'WhatIfPreference'))) {",
  '            if ($PSBoundParameters.ContainsKey($labPreference[0])) { continue }',
  '            $labCallerValue = $PSCmdlet.SessionState.PSVariable.GetValue($labPreference[1])',
  '            if ($null -ne $labCallerValue) { Set-Variable -Name $labPreference[1] -Value $labCallerValue -Scope Local }',
  '        }',
];

export function functionText(name: string, spec: CmdletSpec): string {
  const sets = Object.entries(spec.parameterSets);
  const defaultSet = sets.find(([, s]) => s.default)?.[0];
  // PositionalBinding off: otherwise PowerShell numbers every parameter without a Position, which compiled cmdlets
  // never do (the signature test would catch it).
  const binding: string[] = ['PositionalBinding = $false'];
  if (defaultSet !== undefined && defaultSet !== ALL_SETS)
    binding.push(`DefaultParameterSetName = ${quote(defaultSet)}`);
  const shouldProcess = 'WhatIf' in spec.parameters;
  if (shouldProcess) binding.push('SupportsShouldProcess = $true');
  if (name in CONFIRM_IMPACT_HIGH) {
    // Asks before acting by default, as the real cmdlet does (the source of each entry is in CONFIRM_IMPACT_HIGH).
    if (!shouldProcess) throw new Error(`${name} is listed ConfirmImpact High but takes no -WhatIf/-Confirm`);
    binding.push("ConfirmImpact = 'High'");
  }
  const bindings = parameterSetBindings(name, spec);
  const params = Object.entries(spec.parameters)
    .filter(([p]) => p !== 'WhatIf' && p !== 'Confirm') // added by SupportsShouldProcess
    .map(([p, s]) => parameterBlock(p, s, bindings[p] ?? {}));
  return [
    `function ${name} {`,
    `    [CmdletBinding(${binding.join(', ')})]`,
    '    param(',
    params.join(',\n\n'),
    '    )',
    '    begin {',
    // The call log (LabCore's Write-LabCall: a no-op unless a test turned it on), once per call, not per pipeline object.
    `        Write-LabCall -Command ${quote(name)}`,
    ...(shouldProcess ? CALLER_PREFERENCES : []),
    '    }',
    `    process { LabImpl-${name} -Cmdlet $PSCmdlet -Bound $PSBoundParameters }`,
    '}',
  ].join('\n');
}

/** The versions Windows ships, so `Get-Module` reads the same in practice mode. */
const MODULE_VERSIONS: Record<string, string> = {
  ActiveDirectory: '1.0.1.0',
  Kds: '1.0.0.0',
  ScheduledTasks: '1.0.0.0',
  ServerManager: '2.0.0.0',
  Dism: '3.0',
  WebAdministration: '1.0.0.0',
  IISAdministration: '1.1.0.0',
};

/** A manifest naming the exported functions: PowerShell's command discovery (auto-loading) can't see functions
 *  defined in a dot-sourced file, so it reads them from here. */
export function manifestText(
  module: string,
  names: readonly string[],
  generatedFrom: string,
  formats: readonly string[] = [],
): string {
  return [
    `# GENERATED by scripts/gen-lab-signatures.ts — do not edit. Lab stand-in for Windows' ${module} module.`,
    '@{',
    `    RootModule        = '${module}.psm1'`,
    `    ModuleVersion     = '${MODULE_VERSIONS[module] ?? '1.0.0.0'}'`,
    `    Description       = 'MSA Wizard practice mode: the ${module} cmdlets on a simulated domain (signatures from ${generatedFrom})'`,
    "    PowerShellVersion = '5.1'",
    // The default table/list views, as the real modules ship them (<Module>.Format.ps1xml, hand-written).
    ...(formats.length > 0 ? [`    FormatsToProcess  = @(${formats.map(quote).join(', ')})`] : []),
    '    FunctionsToExport = @(',
    names.map((n) => `        '${n}'`).join(',\n'),
    '    )',
    '    CmdletsToExport   = @()',
    '    VariablesToExport = @()',
    '    AliasesToExport   = @()',
    '}',
    '',
  ].join('\n');
}

/** The hand-written format data a module folder holds (`*.Format.ps1xml`), in a stable order. */
function formatFiles(module: string): string[] {
  return readdirSync(moduleFolder(module))
    .filter((f) => f.endsWith('.Format.ps1xml'))
    .sort();
}

export function generatedFiles(): Map<string, string> {
  const reference = loadCmdletReference();
  for (const listed of Object.keys(CONFIRM_IMPACT_HIGH)) {
    if (!(listed in reference.cmdlets))
      throw new Error(`CONFIRM_IMPACT_HIGH lists ${listed}, which the reference lacks`);
  }
  const byModule = new Map<string, string[]>();
  const namesByModule = new Map<string, string[]>();
  for (const [name, spec] of Object.entries(reference.cmdlets).sort(([a], [b]) => a.localeCompare(b))) {
    byModule.set(spec.module, [...(byModule.get(spec.module) ?? []), functionText(name, spec)]);
    namesByModule.set(spec.module, [...(namesByModule.get(spec.module) ?? []), name]);
  }
  const files = new Map<string, string>();
  for (const [module, functions] of byModule) {
    const header = [
      `# GENERATED by scripts/gen-lab-signatures.ts from electron/lab/reference/cmdlets.json — do not edit.`,
      `# Microsoft's documented signatures of the ${module} cmdlets (${reference.generatedFrom}).`,
      '# Each function binds exactly the real parameters, then calls LabImpl-<name> in this module.',
      '',
    ].join('\n');
    const lab = LAB_MODULE_FOR[module] ?? module;
    files.set(path.join(moduleFolder(module), `${lab}.Signatures.ps1`), `${header}\n${functions.join('\n\n')}\n`);
    files.set(
      path.join(moduleFolder(module), `${lab}.psd1`),
      manifestText(lab, namesByModule.get(module) ?? [], reference.generatedFrom, formatFiles(module)),
    );
  }
  return files;
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, text] of generatedFiles()) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing: stale
    }
    if (current === text) continue;
    stale += 1;
    if (check) console.error(`out of date: ${file} (run npm run gen:lab)`);
    else writeFileSync(file, text);
  }
  if (check && stale > 0) process.exit(1);
  console.log(check ? 'lab signatures are up to date' : `wrote ${stale} file(s)`);
}
