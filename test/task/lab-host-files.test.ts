// The lab stand-ins the task steps read the host through: Test-Path and Get-Acl on the lab computer's files, and
// Get-WinEvent / wevtutil for the Task Scheduler's Operational log. Real paths (this machine's) still reach the real
// cmdlets.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, describe, it } from 'node:test';
import { ps } from '../../electron/common/powershell/script.js';
import { sharedLab } from '../checks/lab-session.js';
import { trusted } from '../helpers/pwsh.js';

const lab = sharedLab();
after(() => lab.session.dispose());

describe('the lab computer’s files and task history', () => {
  it('Test-Path answers from the lab host for Windows paths, from the real disk otherwise', async () => {
    await lab.use('healthy');
    const answers = await lab.console(`
      Test-Path -LiteralPath 'C:\\Scripts\\Nightly-Report.ps1' -PathType Leaf
      Test-Path -LiteralPath 'c:\\scripts\\nightly-report.ps1'
      Test-Path -LiteralPath 'C:\\Scripts' -PathType Container
      Test-Path -LiteralPath 'C:\\Scripts' -PathType Leaf
      Test-Path -LiteralPath 'C:\\Scripts\\Missing.ps1'
      Test-Path -Path 'C:\\Scripts\\*.ps1'
      Test-Path -LiteralPath 'C:\\'`);
    assert.deepEqual(answers, [true, true, true, false, false, true, true]);
    assert.deepEqual(await lab.session.run(ps`Test-Path -LiteralPath ${tmpdir()} -PathType Container`), [true]);
  });

  it('Get-Acl gives Windows’ default entries: a folder made at the root of C: lets Authenticated Users modify it', async () => {
    await lab.use('healthy');
    const [scripts, system] = (await lab.console(`
      foreach ($p in 'C:\\Scripts\\Nightly-Report.ps1', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe') {
          $acl = Get-Acl -LiteralPath $p
          $row = @([string]$acl.Owner) + @($acl.Access | ForEach-Object { [string]$_.IdentityReference + '=' + [string]$_.FileSystemRights })
          ,$row
      }`)) as string[][];
    assert.deepEqual(scripts, [
      'BUILTIN\\Administrators',
      'BUILTIN\\Administrators=FullControl',
      'NT AUTHORITY\\SYSTEM=FullControl',
      'BUILTIN\\Users=ReadAndExecute, Synchronize',
      'NT AUTHORITY\\Authenticated Users=Modify, Synchronize',
    ]);
    assert.equal(system?.[0], 'NT SERVICE\\TrustedInstaller');
    assert.ok(!system?.some((e) => e.startsWith('NT AUTHORITY\\Authenticated Users')));
    const missing = await lab.session.invoke(trusted("Get-Acl -LiteralPath 'C:\\Nope\\x.ps1'"));
    assert.equal(missing.ok, false);
    assert.match(missing.errors[0]?.fqid ?? '', /^GetAcl_PathNotFound_Exception,/);
  });

  it('Get-WinEvent reads the Operational log; wevtutil turns it off (elevated only)', async () => {
    await lab.use('healthy');
    const none = await lab.session.invoke(
      trusted("Get-WinEvent -LogName 'Microsoft-Windows-TaskScheduler/Operational'"),
    );
    assert.match(none.errors[0]?.fqid ?? '', /^NoMatchingEventsFound,/);
    const other = await lab.session.invoke(trusted("Get-WinEvent -ListLog 'Security'"));
    assert.match(other.errors[0]?.fqid ?? '', /^NoMatchingLogsFound,/);
    const [ids] = (await lab.console(`
      $a = New-ScheduledTaskAction -Execute 'powershell.exe'
      Register-ScheduledTask -TaskName 'T1' -Action $a | Out-Null
      Start-ScheduledTask -TaskName 'T1'
      ,@(Get-WinEvent -FilterHashtable @{ LogName = 'Microsoft-Windows-TaskScheduler/Operational'; Id = 100, 106 } | ForEach-Object { $_.Id })`)) as number[][];
    assert.deepEqual(ids, [100, 106]);
    assert.deepEqual(
      await lab.console(
        "wevtutil sl Microsoft-Windows-TaskScheduler/Operational /e:false; $LASTEXITCODE; (Get-WinEvent -ListLog 'Microsoft-Windows-TaskScheduler/Operational').IsEnabled",
      ),
      [0, false],
    );
    const bad = await lab.session.invoke(trusted('wevtutil sl Application /e:true'));
    assert.equal(bad.exitCode, 15007);

    await lab.use('not-admin');
    const denied = await lab.session.invoke(
      trusted('wevtutil sl Microsoft-Windows-TaskScheduler/Operational /enabled:true'),
    );
    assert.equal(denied.exitCode, 5);
    assert.match(String(denied.data[0]), /Access is denied/);
  });
});
