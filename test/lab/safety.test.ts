// Practice mode must never reach a real domain. Here a "real" ActiveDirectory, Kds and ScheduledTasks module sit
// in the user's module folder, where a normal pwsh finds them; a lab session must not.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { labSessionOptions } from '../../electron/lab/lab.js';
import { newLab } from '../helpers/lab.js';
import { testSession, trusted } from '../helpers/pwsh.js';

function fakeHomeWithRealModules(): string {
  const home = mkdtempSync(path.join(tmpdir(), 'msa-home-'));
  const modules = path.join(home, '.local', 'share', 'powershell', 'Modules');
  const fakes: Record<string, string> = {
    ActiveDirectory: 'Get-ADDomain',
    Kds: 'Get-KdsRootKey',
    ScheduledTasks: 'Get-ScheduledTask',
  };
  for (const [module, command] of Object.entries(fakes)) {
    mkdirSync(path.join(modules, module), { recursive: true });
    writeFileSync(
      path.join(modules, module, `${module}.psm1`),
      `function ${command} { 'REAL ${module} REACHED' }\nExport-ModuleMember -Function ${command}\n`,
    );
  }
  return home;
}

describe('practice mode safety', () => {
  const home = fakeHomeWithRealModules();
  const env = { HOME: home, XDG_DATA_HOME: path.join(home, '.local', 'share') };
  const plain = testSession({ env });
  const options = labSessionOptions(newLab('healthy'));
  const lab = testSession({ ...options, env: { ...options.env, ...env } });
  after(async () => {
    await plain.dispose();
    await lab.dispose();
  });

  it('outside the lab, the planted "real" modules are found (so the lab test below can fail)', async () => {
    assert.deepEqual(await plain.run(trusted('Get-ADDomain; Get-KdsRootKey; Get-ScheduledTask')), [
      'REAL ActiveDirectory REACHED',
      'REAL Kds REACHED',
      'REAL ScheduledTasks REACHED',
    ]);
  });

  it('in the lab, PSModulePath holds only lab modules and the engine core, and every AD/KDS/task cmdlet is the lab one', async () => {
    const [paths, listed, commands] = (await lab.run(
      trusted(`Write-Output -NoEnumerate @($env:PSModulePath -split [IO.Path]::PathSeparator)
Write-Output -NoEnumerate @(Get-Module -ListAvailable -Name ActiveDirectory, Kds, ScheduledTasks | ForEach-Object { $_.Path })
Write-Output -NoEnumerate @('Get-ADDomain', 'Get-KdsRootKey', 'Get-ScheduledTask', 'New-ADServiceAccount' | ForEach-Object { (Get-Command $_).Module.Path })`),
    )) as string[][];
    const inLab = (p: string) => p.includes(`${path.sep}electron${path.sep}lab${path.sep}`);
    assert.ok(paths !== undefined && paths.length > 0);
    for (const p of paths)
      assert.ok(inLab(p) || (/[\\/]Modules$/.test(p) && !p.startsWith(home)), `unexpected module path ${p}`);
    assert.ok(!paths.some((p) => p.startsWith(home)));
    assert.equal(listed?.length, 3);
    for (const p of [...(listed ?? []), ...(commands ?? [])]) assert.ok(inLab(p), `not a lab module: ${p}`);
    const [domain] = (await lab.run(trusted('(Get-ADDomain).DNSRoot'))) as string[];
    assert.equal(domain, 'contoso.com');
  });
});
