// Windows PowerShell 5.1 runs every script in production. pwsh 7's parser finds 7-only syntax in all of them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { allScriptSamples } from './script-catalog.js';
import { consoleScript } from '../../electron/cli/lab-command.js';
import { labScriptSamples } from '../../electron/lab/lab.js';
import { newLab } from '../helpers/lab.js';
import { scanForPs7Syntax } from './ps51-scan.js';
import { testSession } from '../helpers/pwsh.js';

function powershellFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return powershellFiles(full);
    return /\.(ps1|psm1)$/i.test(entry) ? [full] : [];
  });
}

describe('Windows PowerShell 5.1 compatibility', () => {
  const session = testSession();
  after(() => session.dispose());

  it('no script the app can produce, and no .ps1/.psm1 it ships, uses 7-only syntax', async () => {
    const files = powershellFiles('electron').map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));
    assert.ok(files.some((f) => f.name.endsWith('bootstrap.ps1')));
    const samples = [
      ...allScriptSamples().map((s) => ({ name: s.name, text: s.script.text })),
      ...labScriptSamples(newLab('healthy')),
      { name: 'lab console (text)', text: consoleScript('Get-ADDomain', false).text },
      { name: 'lab console (json)', text: consoleScript('Get-ADDomain', true).text },
    ];
    const findings = await scanForPs7Syntax(session, [...files, ...samples]);
    assert.equal(findings.length, files.length + samples.length);
    assert.deepEqual(
      findings.filter((f) => f.problems.length > 0),
      [],
    );
  });

  it('every script the app can produce is ASCII (so an exported one means the same in any code page)', () => {
    const wide = allScriptSamples()
      .map((s) => ({ name: s.name, at: [...s.script.text].findIndex((c) => c > '\u007e') }))
      .filter((s) => s.at >= 0)
      .map((s) => s.name);
    assert.ok(allScriptSamples().length > 20);
    assert.deepEqual(wide, []);
  });

  it('the scanner catches each kind of 7-only syntax', async () => {
    const bad = [
      '$a = $true ? 1 : 2',
      'Get-Item x && Get-Item y',
      'Get-Item x || Get-Item y',
      '$a = $b ?? 3',
      '$a ??= 3',
      '${a}?.Name',
      '${a}?[0]',
      'Start-Sleep 1 &',
      '1..3 | ForEach-Object -Parallel { $_ }',
      '1..3 | % -Par { $_ }',
      "'{}' | ConvertFrom-Json -AsHashtable",
      'function f { process { } clean { } }',
      "'a' -replace 'a', { 'b' }",
      'Get-Error',
      '"`u{2019}"',
      '$x = ',
    ];
    const findings = await scanForPs7Syntax(
      session,
      bad.map((text, n) => ({ name: `bad ${n}`, text })),
    );
    const missed = findings.filter((f) => f.problems.length === 0).map((f) => bad[Number(f.name.split(' ')[1])]);
    assert.deepEqual(missed, []);
  });
});
