// The lab's PowerShell remoting against real pwsh: Invoke-Command -ComputerName runs the block as that lab computer
// (its $env:COMPUTERNAME, its services and tasks), with $using: and -ArgumentList, at most -ThrottleLimit hosts at a
// time, results deserialized with PSComputerName; WinRM's errors for a host whose WinRM is stopped or unreachable,
// that the user may not connect to, that is not in the domain or that does not exist, while the others still answer;
// errors of the block as non-terminating errors naming the computer; the second hop to AD failing as on Windows; the
// call log counting it all. Scenario iis-host: WEB01 (the session's computer) and WEB02 run IIS; APP01, WS01, DC01.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readLab } from '../../electron/lab/lab.js';
import { countCalls, maxConcurrent, reachedHosts, readLabCalls, startLabCallLog } from '../helpers/lab-calls.js';
import { sharedLabSession } from '../helpers/lab.js';

const useLab = sharedLabSession();

/** The errors a script wrote, as `fqid | computer` (the TargetObject of a connection failure, or OriginInfo's). */
const ERRORS = `| ForEach-Object { $_.FullyQualifiedErrorId + ' | ' + $(if ($_.OriginInfo) { $_.OriginInfo.PSComputerName } else { $_.TargetObject }) }`;

describe('Invoke-Command -ComputerName runs the block as that lab computer', () => {
  const lab = useLab('iis-host');

  it('each host answers with its own name, its own services, and PSComputerName on every object', async () => {
    const rows = await lab.run(
      `Invoke-Command -ComputerName WEB02, APP01 -ScriptBlock { [pscustomobject]@{ Env = $env:COMPUTERNAME; W3SVC = [bool](Get-Service -Name W3SVC -ErrorAction SilentlyContinue) } } |
        Sort-Object PSComputerName | ForEach-Object { $_.PSComputerName + ' ' + $_.Env + ' ' + $_.W3SVC + ' ' + $_.PSShowComputerName + ' ' + ($_.RunspaceId -is [guid]) }`,
    );
    assert.deepEqual(rows, ['APP01 APP01 False True True', 'WEB02 WEB02 True True True']);
    // The calling session is still WEB01.
    assert.deepEqual(await lab.run('$env:COMPUTERNAME'), ['WEB01']);
  });

  it('what comes back is deserialized (a property bag), and -HideComputerName sets PSShowComputerName off', async () => {
    assert.deepEqual(
      await lab.run(
        '$s = Invoke-Command -ComputerName WEB02 -HideComputerName { Get-Service -Name W3SVC }; $s.PSObject.TypeNames[0]; [string]$s.Status; $s.PSShowComputerName',
      ),
      ['Deserialized.System.ServiceProcess.ServiceController', 'Running', false],
    );
  });

  it('a change made there is made on that host only (remote sessions are elevated)', async () => {
    await lab.run(
      "Invoke-Command -ComputerName APP01 { Register-ScheduledTask -TaskName 'Made remotely' -Action (New-ScheduledTaskAction -Execute 'cmd.exe') | Out-Null }",
    );
    const state = readLab(lab.dir);
    assert.ok(state.hosts.APP01?.tasks.some((t) => t.taskName === 'Made remotely'));
    assert.ok(!state.hosts.WEB01?.tasks.some((t) => t.taskName === 'Made remotely'));
  });

  it('$using: values, -ArgumentList into param() and $args, an FQDN and localhost', async () => {
    assert.deepEqual(
      await lab.run(
        `$greeting = 'hello'; $n = 2
        Invoke-Command -ComputerName web02.contoso.com -ArgumentList 40, 'extra' -ScriptBlock { param($a) "$using:greeting $($a + $using:n) $args" }
        (Invoke-Command -ComputerName localhost { $env:COMPUTERNAME }).PSComputerName`,
      ),
      ['hello 42 extra', 'localhost'],
    );
    const missing = await lab.fail('Invoke-Command -ComputerName WEB02 { $using:neverSet }');
    assert.equal(missing.fqid, 'UsingVariableIsUndefined,Microsoft.PowerShell.Commands.InvokeCommandCommand');
  });

  it('without -ComputerName the block runs here, in a child scope or with -NoNewScope in this one', async () => {
    assert.deepEqual(
      await lab.run(
        '$y = 2; Invoke-Command -ScriptBlock { param($a) $a + $y } -ArgumentList 1; Invoke-Command { $z = 5 } -NoNewScope; $z; Invoke-Command { $w = 1 }; $null -eq $w',
      ),
      [3, 5, true],
    );
  });
});

describe('ThrottleLimit and the call log', () => {
  const lab = useLab('iis-host');

  it('-ThrottleLimit 2 runs at most two hosts at once; 1 runs them one by one', async () => {
    startLabCallLog(lab.dir);
    await lab.run(
      "Invoke-Command -ComputerName WEB02, APP01, WS01, DC01 -ThrottleLimit 2 { Get-Service -Name 'Schedule' } | Out-Null",
    );
    const two = readLabCalls(lab.dir);
    assert.equal(maxConcurrent(two), 2);
    assert.deepEqual(reachedHosts(two), ['WEB02', 'APP01', 'WS01', 'DC01']);
    startLabCallLog(lab.dir);
    await lab.run('Invoke-Command -ComputerName WEB02, APP01, WS01 -ThrottleLimit 1 { 1 } | Out-Null');
    assert.equal(maxConcurrent(readLabCalls(lab.dir)), 1);
  });

  it('counts one Invoke-Command here and each cmdlet on the host that ran it', async () => {
    startLabCallLog(lab.dir);
    await lab.run(
      "Invoke-Command -ComputerName WEB02, APP01 { Get-Service -Name 'Schedule'; Get-ScheduledTask } | Out-Null; Get-ADUser -Identity Administrator | Out-Null",
    );
    const calls = readLabCalls(lab.dir);
    assert.equal(countCalls(calls, 'Invoke-Command', { remote: false }), 1);
    assert.equal(countCalls(calls, 'Get-ADUser', { remote: false }), 1);
    assert.equal(countCalls(calls, 'Get-Service', { remote: true }), 2);
    assert.deepEqual(
      calls
        .filter((c) => c.command === 'Get-ScheduledTask')
        .map((c) => `${c.computer} ${c.remote}`)
        .sort(),
      ['APP01 true', 'WEB02 true'],
    );
  });
});

describe("WinRM's errors: the host that can't be reached is named, the others still answer", () => {
  const lab = useLab('iis-host');

  it('stopped, unreachable, access denied, not in the domain, unknown: each with its WinRM error id', async () => {
    await lab.run(`Update-LabState -Script { param($s)
      $s.hosts['APP01']['remoting'] = @{ winrm = 'Stopped' }
      $s.hosts['DC01']['remoting'] = @{ winrm = 'Unreachable' }
      $s.hosts['WEB02']['remoting'] = @{ winrm = 'Enabled'; allowed = @('CONTOSO\\Web Operators') }
      $s.hosts['WS01']['domainJoined'] = $false
    } | Out-Null`);
    const rows = await lab.run(
      `$out = Invoke-Command -ComputerName APP01, DC01, WEB02, WS01, WEB99, WEB01 { $env:COMPUTERNAME } -ErrorVariable problems -ErrorAction SilentlyContinue
      $out
      $problems ${ERRORS}`,
    );
    assert.deepEqual(rows, [
      'WEB01',
      'CannotConnect,PSSessionStateBroken | APP01',
      'WinRMOperationTimeout,PSSessionStateBroken | DC01',
      'AccessDenied,PSSessionStateBroken | WEB02',
      'ServerNotTrusted,PSSessionStateBroken | WS01',
      'NetworkPathNotFound,PSSessionStateBroken | WEB99',
    ]);
    // As PowerShell writes them: the transport's exception with WinRM's code, OpenError, '[host] ' before the message.
    assert.deepEqual(
      await lab.run(
        `Invoke-Command -ComputerName APP01 { 1 } -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].Exception.GetType().FullName; $e[0].Exception.ErrorCode; [string]$e[0].CategoryInfo.Category; $e[0].ErrorDetails.Message.StartsWith('[APP01] Connecting to remote server APP01 failed')`,
      ),
      ['System.Management.Automation.Remoting.PSRemotingTransportException', -2144108526, 'OpenError', true],
    );
  });

  it('-ErrorAction Stop makes a failure to connect terminating', async () => {
    const failure = await lab.fail('Invoke-Command -ComputerName WEB99 { 1 } -ErrorAction Stop');
    assert.equal(failure.fqid, 'NetworkPathNotFound,PSSessionStateBroken');
  });

  it('a member of a group the host allows may connect', async () => {
    await lab.run(`New-ADGroup -Name 'Web Operators' -GroupScope Global | Out-Null
      Add-ADGroupMember -Identity 'Web Operators' -Members Administrator
      Update-LabState -Script { param($s) $s.hosts['WEB02']['remoting'] = @{ winrm = 'Enabled'; allowed = @('CONTOSO\\Web Operators') } } | Out-Null`);
    assert.deepEqual(await lab.run('Invoke-Command -ComputerName WEB02 { $env:COMPUTERNAME }'), ['WEB02']);
  });
});

describe('errors in the block, and the second hop', () => {
  const lab = useLab('iis-host');

  it("the block's errors come back non-terminating with the computer named; -ErrorAction Stop stops", async () => {
    assert.deepEqual(
      await lab.run(
        `Invoke-Command -ComputerName WEB02, APP01 { Write-Error 'boom'; 'after' } -ErrorVariable e 2>$null | Sort-Object
        $e ${ERRORS} | Sort-Object
        $e[0].GetType().Name; $e[0].Exception.Message`,
      ),
      [
        'after',
        'after',
        'Microsoft.PowerShell.Commands.WriteErrorException | APP01',
        'Microsoft.PowerShell.Commands.WriteErrorException | WEB02',
        'RemotingErrorRecord',
        'boom',
      ],
    );
    const stopped = await lab.fail("Invoke-Command -ComputerName WEB02 { throw 'stop here' } -ErrorAction Stop");
    assert.equal(stopped.message, 'stop here');
  });

  it('Get-ADUser works here and fails there: no second hop to AD without delegation; Kds too', async () => {
    assert.deepEqual(await lab.run('(Get-ADUser -Identity Administrator).SamAccountName'), ['Administrator']);
    assert.deepEqual(
      await lab.run(
        `Invoke-Command -ComputerName WEB02 { Get-ADUser -Identity Administrator } -ErrorVariable e -ErrorAction SilentlyContinue
        Invoke-Command -ComputerName WEB02 { Get-KdsRootKey } -ErrorVariable +e -ErrorAction SilentlyContinue
        $e ${ERRORS}
        $e[0].CategoryInfo.Reason; $e[0].Exception.Message`,
      ),
      [
        'ActiveDirectoryServer:0,Microsoft.ActiveDirectory.Management.Commands.GetADUser | WEB02',
        'ActiveDirectoryServer:0,Microsoft.ActiveDirectory.Management.Commands.GetKdsRootKey | WEB02',
        'ADServerDownException',
        'Unable to contact the server. This may be because this server does not exist, it is currently down, or it does not have the Active Directory Web Services running.',
      ],
    );
    // Every read and write of AD or the KDS fails there the same way, whichever cmdlet it is.
    const each = await lab.run(`Invoke-Command -ComputerName WEB02 {
      $calls = @({ Get-ADDomain }, { Get-ADRootDSE }, { Get-ADDomainController }, { Get-ADComputer -Filter * },
        { Get-ADGroupMember -Identity 'Domain Admins' }, { Get-ADServiceAccount -Filter * }, { Test-ADServiceAccount -Identity x },
        { Install-ADServiceAccount -Identity x }, { Set-ADUser -Identity Administrator -Description x }, { Get-KdsConfiguration },
        { Test-KdsRootKey -KeyId ([guid]::NewGuid()) })
      foreach ($c in $calls) { try { $null = & $c; 'no error' } catch { $_.FullyQualifiedErrorId.Split(',')[0] } }
    }`);
    assert.deepEqual(new Set(each), new Set(['ActiveDirectoryServer:0']));
    assert.equal(each.length, 11);
    // On a DC itself there is no hop: its own directory answers (any other DC would not).
    assert.deepEqual(
      await lab.run('Invoke-Command -ComputerName DC01 { (Get-ADUser -Identity Administrator).SamAccountName }'),
      ['Administrator'],
    );
    // The local session is unchanged by it.
    assert.deepEqual(await lab.run('(Get-ADUser -Identity Administrator).SamAccountName'), ['Administrator']);
  });
});
