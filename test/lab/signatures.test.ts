// Every lab cmdlet has exactly Microsoft's documented signature: the same parameter sets (and default), parameters,
// types, aliases, and per-set mandatory flags and positions. A lab cmdlet that accepts a parameter Microsoft's does
// not, or lacks one, fails here. Read from the commands as loaded in a real lab session, not from the files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import {
  COMMON_PARAMETERS,
  loadCmdletReference,
  shortTypeName,
} from '../../electron/lab/reference/cmdlet-reference.js';
import { ps } from '../../electron/common/powershell/script.js';
import { labSession, newLab } from '../helpers/lab.js';

interface LoadedParameter {
  type: string;
  aliases: string[];
  sets: Record<string, { mandatory: boolean; position: number | null }>;
}
interface LoadedCmdlet {
  name: string;
  commandType: string;
  modulePath: string | null;
  defaultSet: string | null;
  sets: string[];
  parameters: Record<string, LoadedParameter>;
}

const DESCRIBE = ps`
$common = ${COMMON_PARAMETERS}
foreach ($name in $names) {
  $cmd = Get-Command -Name $name -ErrorAction SilentlyContinue
  if ($null -eq $cmd) { [ordered]@{ name = $name; commandType = 'missing'; modulePath = $null; defaultSet = $null; sets = @(); parameters = @{} }; continue }
  $params = [ordered]@{}
  foreach ($p in $cmd.Parameters.Values) {
    if ($common -contains $p.Name) { continue }
    $type = $p.ParameterType.Name
    $cim = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.PSTypeNameAttribute] })
    if ($cim.Count -gt 0) { $type = 'CimInstance'; if ($p.ParameterType.IsArray) { $type = 'CimInstance[]' } }
    $sets = [ordered]@{}
    foreach ($s in $p.ParameterSets.GetEnumerator()) {
      $position = $null
      if ($s.Value.Position -ne [int]::MinValue) { $position = $s.Value.Position }
      $sets[$s.Key] = [ordered]@{ mandatory = $s.Value.IsMandatory; position = $position }
    }
    $params[$p.Name] = [ordered]@{ type = $type; aliases = @($p.Aliases); sets = $sets }
  }
  $modulePath = $null
  if ($cmd.Module) { $modulePath = $cmd.Module.Path }
  [ordered]@{ name = $name; commandType = [string]$cmd.CommandType; modulePath = $modulePath; defaultSet = $cmd.DefaultParameterSet; sets = @($cmd.ParameterSets | ForEach-Object { $_.Name }); parameters = $params }
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
    const expected: Record<string, { mandatory: boolean; position: number | null }> = {};
    for (const entry of doc.sets) {
      for (const set of entry.sets) {
        expected[set === '(All)' ? '__AllParameterSets' : set] = {
          mandatory: entry.required,
          position: entry.position === 'Named' ? null : Number(entry.position),
        };
      }
    }
    if (JSON.stringify(sortKeys(got.sets)) !== JSON.stringify(sortKeys(expected))) {
      out.push(
        `${name} -${param}: sets ${JSON.stringify(sortKeys(got.sets))} != ${JSON.stringify(sortKeys(expected))}`,
      );
    }
  }
  return out;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
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

  it('the comparison catches a parameter Microsoft does not have, a missing one and a wrong type', () => {
    const real = {
      name: 'Test-KdsRootKey',
      commandType: 'Function',
      modulePath: '/x/electron/lab/modules/Kds/Kds.psm1',
      defaultSet: null,
      sets: ['__AllParameterSets'],
      parameters: {
        KeyId: { type: 'Guid', aliases: [], sets: { __AllParameterSets: { mandatory: true, position: 0 } } },
        WhatIf: {
          type: 'SwitchParameter',
          aliases: ['wi'],
          sets: { __AllParameterSets: { mandatory: false, position: null } },
        },
        Confirm: {
          type: 'SwitchParameter',
          aliases: ['cf'],
          sets: { __AllParameterSets: { mandatory: false, position: null } },
        },
      },
    } satisfies LoadedCmdlet;
    assert.deepEqual(differences('Test-KdsRootKey', real), []);
    const extra = structuredClone(real) as LoadedCmdlet;
    extra.parameters.Force = {
      type: 'SwitchParameter',
      aliases: [],
      sets: { __AllParameterSets: { mandatory: false, position: null } },
    };
    assert.match(differences('Test-KdsRootKey', extra).join(), /accepts -Force/);
    const missing = structuredClone(real) as LoadedCmdlet;
    delete (missing.parameters as Record<string, unknown>).KeyId;
    assert.match(differences('Test-KdsRootKey', missing).join(), /lacks -KeyId/);
    const typed = structuredClone(real) as LoadedCmdlet;
    (typed.parameters.KeyId as LoadedParameter).type = 'String';
    assert.match(differences('Test-KdsRootKey', typed).join(), /type String != Guid/);
  });
});
