// host.testPath's core (workloads/scheduled-task/test-path.ts) against the lab (real pwsh): the task form asks it on
// Add. A file, a folder, a missing path on this computer (WEB01, in the session) and on another (WEB02, through one
// Invoke-Command); a computer remoting cannot reach answers "not known" with the cause and fix, never "missing".
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { testPath, testPathScript } from '../../electron/common/workloads/scheduled-task/test-path.js';
import { PlanInputError } from '../../electron/common/plan/plan-schema.js';
import { sharedLab } from '../checks/lab-session.js';
import { setWeb02Remoting } from '../remote/remote-run.js';

const lab = sharedLab();
after(() => lab.session.dispose());

describe('host.testPath', () => {
  it('tells a file from a folder from nothing on this computer', async () => {
    await lab.use('healthy');
    assert.deepEqual(await testPath(lab.exec, 'web01', 'C:\\Scripts\\Nightly-Report.ps1'), {
      computer: 'WEB01',
      path: 'C:\\Scripts\\Nightly-Report.ps1',
      exists: true,
      kind: 'file',
      unreachable: null,
    });
    assert.equal((await testPath(lab.exec, 'WEB01', 'C:\\Scripts')).kind, 'folder');
    const missing = await testPath(lab.exec, 'WEB01', "C:\\Scripts\\x'; Remove-Item C:\\ -Recurse #.ps1");
    assert.equal(missing.exists, false);
    assert.equal(missing.kind, null);
  });

  it('asks another computer through one Invoke-Command, and says so when it cannot be reached', async () => {
    await lab.use('iis-host');
    assert.equal((await testPath(lab.exec, 'WEB02', 'C:\\inetpub\\reports\\web.config')).kind, 'file');
    assert.equal((await testPath(lab.exec, 'WEB02', 'C:\\inetpub\\reports\\nope.ps1')).exists, false);
    await setWeb02Remoting(lab, { winrm: 'Stopped' });
    const off = await testPath(lab.exec, 'WEB02', 'C:\\inetpub\\reports\\web.config');
    assert.equal(off.exists, null);
    assert.match(off.unreachable ?? '', /WEB02 answered, but PowerShell remoting is not available there/);
    assert.match(off.unreachable ?? '', /Enable-PSRemoting -Force/);
  });

  it('keeps the path as data, and refuses a computer that is not a NetBIOS name before any PowerShell runs', async () => {
    const script = testPathScript('WEB02', "C:\\a'b.ps1").text;
    assert.match(script, /\$path = 'C:\\a''b\.ps1'/);
    assert.equal((script.match(/Invoke-Command/g) ?? []).length, 1);
    assert.doesNotMatch(script, /-AD|Get-AD/);
    await assert.rejects(testPath(lab.exec, 'web01.contoso.com', 'C:\\x.ps1'), PlanInputError);
  });
});
