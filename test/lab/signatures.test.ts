// Every lab cmdlet has exactly Microsoft's documented signature: the same parameter sets (and default), parameters,
// types, aliases, per-set mandatory flags, positions (documented clashes resolved as the real cmdlet binds them) and
// pipeline input (ByValue / ByPropertyName), and the ConfirmImpact the real cmdlet declares. A lab cmdlet that
// accepts a parameter Microsoft's does not, or lacks one, fails here. Read from the commands as loaded in a real lab
// session, not from the files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import {
  COMMON_PARAMETERS,
  CONFIRM_IMPACT_HIGH,
  cmdletReferenceSchema,
  loadCmdletReference,
  parameterSetBindings,
  pipelineBinding,
  shortTypeName,
  type CmdletSpec,
} from '../../electron/lab/reference/cmdlet-reference.js';
import { ps } from '../../electron/common/powershell/script.js';
import { labSession, newLab } from '../helpers/lab.js';

interface LoadedSet {
  mandatory: boolean;
  position: number | null;
  byValue: boolean;
  byPropertyName: boolean;
}
interface LoadedParameter {
  type: string;
  aliases: string[];
  sets: Record<string, LoadedSet>;
}
interface LoadedCmdlet {
  name: string;
  commandType: string;
  modulePath: string | null;
  defaultSet: string | null;
  confirmImpact: string | null;
  sets: string[];
  parameters: Record<string, LoadedParameter>;
}

const DESCRIBE = ps`
$common = ${COMMON_PARAMETERS}
foreach ($name in $names) {
  $cmd = Get-Command -Name $name -ErrorAction SilentlyContinue
  if ($null -eq $cmd) { [ordered]@{ name = $name; commandType = 'missing'; modulePath = $null; defaultSet = $null; confirmImpact = $null; sets = @(); parameters = @{} }; continue }
  $params = [ordered]@{}
  foreach ($p in $cmd.Parameters.Values) {
    if ($common -contains $p.Name) { continue }
    $type = $p.ParameterType.Name
    $cim = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.PSTypeNameAttribute] })
    if ($cim.Count -gt 0) { $type = $cim[0].PSTypeName.Split('.')[-1]; if ($p.ParameterType.IsArray) { $type += '[]' } }
    $sets = [ordered]@{}
    foreach ($s in $p.ParameterSets.GetEnumerator()) {
      $position = $null
      if ($s.Value.Position -ne [int]::MinValue) { $position = $s.Value.Position }
      $sets[$s.Key] = [ordered]@{ mandatory = $s.Value.IsMandatory; position = $position; byValue = $s.Value.ValueFromPipeline; byPropertyName = $s.Value.ValueFromPipelineByPropertyName }
    }
    $params[$p.Name] = [ordered]@{ type = $type; aliases = @($p.Aliases); sets = $sets }
  }
  $modulePath = $null
  if ($cmd.Module) { $modulePath = $cmd.Module.Path }
  $binding = @($cmd.ScriptBlock.Attributes | Where-Object { $_ -is [System.Management.Automation.CmdletBindingAttribute] })
  $confirmImpact = $null
  if ($binding.Count -gt 0) { $confirmImpact = [string]$binding[0].ConfirmImpact }
  [ordered]@{ name = $name; commandType = [string]$cmd.CommandType; modulePath = $modulePath; defaultSet = $cmd.DefaultParameterSet; confirmImpact = $confirmImpact; sets = @($cmd.ParameterSets | ForEach-Object { $_.Name }); parameters = $params }
}`;

/** Differences between a loaded cmdlet and Microsoft's documented one. */
function differences(name: string, loaded: LoadedCmdlet): string[] {
  const spec = loadCmdletReference().cmdlets[name];
  if (spec === undefined) return [`${name}: not in the reference`];
  if (loaded.commandType === 'missing') return [`${name}: no such command in the lab`];
  const out: string[] = [];
  const docSets = Object.keys(spec.parameterSets).sort();
  if (JSON.stringify([...loaded.sets].sort()) !== JSON.stringify(docSets)) {
    out.push(`${name}: parameter sets ${JSON.stringify(loaded.sets)} != ${JSON.stringify(docSets)}`);
  }
  // ConfirmImpact means something only with -WhatIf/-Confirm (SupportsShouldProcess); the default is Medium.
  const impact = name in CONFIRM_IMPACT_HIGH ? 'High' : 'Medium';
  if ('WhatIf' in spec.parameters && loaded.confirmImpact !== impact) {
    out.push(`${name}: ConfirmImpact ${loaded.confirmImpact} != ${impact}`);
  }
  const bindings = parameterSetBindings(name, spec);
  const docDefault = Object.entries(spec.parameterSets).find(([, s]) => s.default)?.[0];
  const loadedDefault = loaded.defaultSet ?? '__AllParameterSets';
  if (docDefault !== undefined && docDefault !== loadedDefault && docSets.length > 1) {
    out.push(`${name}: default set ${loadedDefault} != ${docDefault}`);
  }
  for (const extra of Object.keys(loaded.parameters).filter((p) => !(p in spec.parameters))) {
    out.push(`${name}: accepts -${extra}, which Microsoft's does not`);
  }
  for (const [param, doc] of Object.entries(spec.parameters)) {
    const got = loaded.parameters[param];
    if (got === undefined) {
      out.push(`${name}: lacks -${param}`);
      continue;
    }
    if (got.type !== shortTypeName(doc.type))
      out.push(`${name} -${param}: type ${got.type} != ${shortTypeName(doc.type)}`);
    if (JSON.stringify([...got.aliases].sort()) !== JSON.stringify([...doc.aliases].sort())) {
      out.push(`${name} -${param}: aliases ${JSON.stringify(got.aliases)} != ${JSON.stringify(doc.aliases)}`);
    }
    const pipeline = pipelineBinding(doc);
    const expected: Record<string, LoadedSet> = {};
    for (const [set, binding] of Object.entries(bindings[param] ?? {})) expected[set] = { ...binding, ...pipeline };
    if (setsText(got.sets) !== setsText(expected)) {
      out.push(`${name} -${param}: sets ${setsText(got.sets)} != ${setsText(expected)}`);
    }
  }
  return out;
}

/** Per set: mandatory, position, ValueFromPipeline, ValueFromPipelineByPropertyName — in one canonical text. */
function setsText(sets: Record<string, LoadedSet>): string {
  return Object.entries(sets)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([set, b]) =>
        `${set}: mandatory ${b.mandatory}, position ${b.position ?? 'named'}, byValue ${b.byValue}, byPropertyName ${b.byPropertyName}`,
    )
    .join('; ');
}

describe('lab cmdlet signatures', () => {
  const dir = newLab('healthy');
  const session = labSession(dir);
  after(() => session.dispose());

  it('the generated signature files are up to date with the reference data', () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/gen-lab-signatures.ts', '--check'], { stdio: 'pipe' });
  });

  it('every cmdlet in the reference exists in the lab, from a lab module, with exactly its documented signature', async () => {
    const names = Object.keys(loadCmdletReference().cmdlets);
    assert.ok(names.length >= 55);
    const script = ps`$names = ${names}
${DESCRIBE}`;
    const loaded = (await session.run(script, { timeoutMs: 120_000 })) as LoadedCmdlet[];
    assert.equal(loaded.length, names.length);
    const problems = loaded.flatMap((cmd) => differences(cmd.name, cmd));
    const outside = loaded.filter((cmd) => cmd.modulePath === null || !cmd.modulePath.includes('/electron/lab/'));
    assert.deepEqual(problems, []);
    assert.deepEqual(
      outside.map((c) => `${c.name}: ${c.modulePath}`),
      [],
    );
  });

  it('the comparison catches a parameter Microsoft does not have, a missing one, a wrong type, pipeline input and ConfirmImpact', () => {
    const named = { mandatory: false, position: null, byValue: false, byPropertyName: false };
    const real = {
      name: 'Test-KdsRootKey',
      commandType: 'Function',
      modulePath: '/x/electron/lab/modules/Kds/Kds.psm1',
      defaultSet: null,
      confirmImpact: 'Medium',
      sets: ['__AllParameterSets'],
      parameters: {
        KeyId: {
          type: 'Guid',
          aliases: [],
          sets: { __AllParameterSets: { mandatory: true, position: 0, byValue: false, byPropertyName: true } },
        },
        WhatIf: { type: 'SwitchParameter', aliases: ['wi'], sets: { __AllParameterSets: named } },
        Confirm: { type: 'SwitchParameter', aliases: ['cf'], sets: { __AllParameterSets: named } },
      },
    } satisfies LoadedCmdlet;
    assert.deepEqual(differences('Test-KdsRootKey', real), []);
    const extra = structuredClone(real) as LoadedCmdlet;
    extra.parameters.Force = { type: 'SwitchParameter', aliases: [], sets: { __AllParameterSets: named } };
    assert.match(differences('Test-KdsRootKey', extra).join(), /accepts -Force/);
    const missing = structuredClone(real) as LoadedCmdlet;
    delete (missing.parameters as Record<string, unknown>).KeyId;
    assert.match(differences('Test-KdsRootKey', missing).join(), /lacks -KeyId/);
    const typed = structuredClone(real) as LoadedCmdlet;
    (typed.parameters.KeyId as LoadedParameter).type = 'String';
    assert.match(differences('Test-KdsRootKey', typed).join(), /type String != Guid/);
    // KeyId binds by property name only: binding by value too, or not from the pipeline at all, is a difference.
    const byValue = structuredClone(real) as LoadedCmdlet;
    (byValue.parameters.KeyId as LoadedParameter).sets.__AllParameterSets!.byValue = true;
    assert.match(differences('Test-KdsRootKey', byValue).join(), /-KeyId: sets .*byValue true.* != .*byValue false/);
    const noPipeline = structuredClone(real) as LoadedCmdlet;
    (noPipeline.parameters.KeyId as LoadedParameter).sets.__AllParameterSets!.byPropertyName = false;
    assert.match(
      differences('Test-KdsRootKey', noPipeline).join(),
      /-KeyId: sets .*byPropertyName false != .*byPropertyName true/,
    );
    const confirming = structuredClone(real) as LoadedCmdlet;
    confirming.confirmImpact = 'High';
    assert.match(differences('Test-KdsRootKey', confirming).join(), /ConfirmImpact High != Medium/);
  });
});

describe('documented positions that clash within a set', () => {
  const reference = loadCmdletReference();
  const positions = (spec: CmdletSpec, name: string, set: string): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [param, sets] of Object.entries(parameterSetBindings(name, spec))) {
      const b = sets[set] ?? sets.__AllParameterSets;
      if (b !== undefined && b.position !== null) out[param] = b.position;
    }
    return out;
  };

  it('Register-ScheduledTask: the User set binds in the real order (Trigger 3, Settings 4, User 5, Password 6); Xml and Object keep User 3, Password 4', () => {
    const spec = reference.cmdlets['Register-ScheduledTask'] as CmdletSpec;
    assert.deepEqual(positions(spec, 'Register-ScheduledTask', 'User'), {
      TaskName: 0,
      TaskPath: 1,
      Action: 2,
      Trigger: 3,
      Settings: 4,
      User: 5,
      Password: 6,
      RunLevel: 7,
      Description: 8,
    });
    assert.deepEqual(positions(spec, 'Register-ScheduledTask', 'Xml'), {
      TaskName: 0,
      TaskPath: 1,
      Xml: 2,
      User: 3,
      Password: 4,
    });
    assert.deepEqual(positions(spec, 'Register-ScheduledTask', 'Object'), {
      TaskName: 0,
      TaskPath: 1,
      InputObject: 2,
      User: 3,
      Password: 4,
    });
  });

  it('Invoke-Command (shared reference): ScriptBlock is 0 in InProcess and 1 after -ComputerName/-ConnectionUri/-Session/-VMId', () => {
    const fixture = cmdletReferenceSchema.parse(
      JSON.parse(readFileSync(new URL('./fixtures/invoke-command.json', import.meta.url), 'utf8')),
    );
    const spec = fixture.cmdlets['Invoke-Command'] as CmdletSpec;
    assert.deepEqual(positions(spec, 'Invoke-Command', 'InProcess'), { ScriptBlock: 0 });
    assert.deepEqual(positions(spec, 'Invoke-Command', 'ComputerName'), { ComputerName: 0, ScriptBlock: 1 });
    assert.deepEqual(positions(spec, 'Invoke-Command', 'Uri'), { ConnectionUri: 0, ScriptBlock: 1 });
    assert.deepEqual(positions(spec, 'Invoke-Command', 'Session'), { Session: 0, ScriptBlock: 1 });
    assert.deepEqual(positions(spec, 'Invoke-Command', 'VMId'), { VMId: 0, ScriptBlock: 1 });
    assert.deepEqual(positions(spec, 'Invoke-Command', 'FilePathComputerName'), { ComputerName: 0, FilePath: 1 });
  });

  it('a clash nothing resolves is refused, and so is a resolution of a clash that is not there', () => {
    const spec = structuredClone(reference.cmdlets['Register-ScheduledTask']) as CmdletSpec;
    assert.throws(
      () => parameterSetBindings('Register-ScheduledTask', spec, {}),
      /-Trigger and -User both take position 3 in set User/,
    );
    assert.throws(
      () =>
        parameterSetBindings('Register-ScheduledTask', spec, {
          'Register-ScheduledTask': {
            User: { positions: { User: 5, Password: 6 }, source: 'test' },
            Xml: { positions: { User: 5 }, source: 'test' },
          },
        }),
      /-User in set Xml resolves no documented clash/,
    );
  });

  it("a clash the set's syntax string settles (one of the two shown as [-Name <T>]) needs no resolution", () => {
    const spec = structuredClone(reference.cmdlets['Register-ScheduledTask']) as CmdletSpec;
    const user = spec.parameterSets.User!;
    user.syntax = user.syntax
      .replace('[[-User] <String>]', '[-User <String>]')
      .replace('[[-Password] <String>]', '[-Password <String>]');
    const bindings = parameterSetBindings('Register-ScheduledTask', spec, {});
    assert.equal(bindings.User?.User?.position, null);
    assert.equal(bindings.Password?.User?.position, null);
    assert.equal(bindings.Trigger?.User?.position, 3);
    assert.equal(bindings.User?.Xml?.position, 3);
  });
});
