// The lab-state lock is never held while ShouldProcess may ask a human: an interactive practice console waiting
// for "Are you sure?" would otherwise block every other session of the lab (the wizard's fails after the lock wait).
// Checked on the PowerShell AST of every lab module file, following calls into the lab's own functions.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { b64, testSession, trusted } from '../helpers/pwsh.js';

describe('lab lock discipline', () => {
  const session = testSession();
  after(async () => {
    await session.dispose();
  });

  it('no $Cmdlet/$PSCmdlet.ShouldProcess runs inside an Update-LabState block or a function it calls', async () => {
    const scan = path.resolve('test/lab/fixtures/should-process-scan.ps1');
    const root = path.resolve('electron/lab');
    const fromB64 = (s: string) => `[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${b64(s)}'))`;
    const found = await session.run(trusted(`& (${fromB64(scan)}) -Root (${fromB64(root)})`));
    assert.deepEqual(found, [], 'ShouldProcess asked while holding the lab-state lock');
  });
});
