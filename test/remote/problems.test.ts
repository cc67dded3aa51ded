// Remoting failures in words: each WinRM reason Invoke-Command reports ('<reason>,PSSessionStateBroken') is a cause
// with its fix, and a failure to connect (the script never ran there) is told from a session that broke while the
// script ran (it may have changed the host: cut off, as a lost session). The lab raises these very records
// (test/remote/remoting-off.test.ts runs them end to end).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PsErrorInfo } from '../../electron/common/powershell/envelope.js';
import { classifyErrorInfo, NO_ANSWER_KINDS, PsErrorKind } from '../../electron/common/powershell/errors.js';
import { remotingProblem } from '../../electron/common/remote/problems.js';

const record = (reason: string): PsErrorInfo => ({
  type: 'System.Management.Automation.Remoting.PSRemotingTransportException',
  innerType: 'System.Management.Automation.Remoting.PSRemotingTransportException',
  fqid: `${reason},PSSessionStateBroken`,
  category: 'OpenError',
  target: 'WEB02',
  message: `Connecting to remote server WEB02 failed with the following error message : (${reason})`,
  detail: `[WEB02] Connecting to remote server WEB02 failed with the following error message : (${reason})`,
  command: null,
  line: null,
  hresult: null,
});

describe('remoting failures', () => {
  it('names the cause and the fix of each failure to connect; the script never ran there', () => {
    const cases: [string, string, RegExp][] = [
      ['CannotConnect', 'winrm-off', /Enable-PSRemoting -Force/],
      ['WinRMOperationTimeout', 'unreachable', /Test-NetConnection WEB02 -Port 5985/],
      ['NetworkPathNotFound', 'unreachable', /Test-NetConnection WEB02 -Port 5985/],
      ['AccessDenied', 'access-denied', /administrator on WEB02/],
      ['ServerNotTrusted', 'not-trusted', /joined to the domain/],
    ];
    for (const [reason, cause, fix] of cases) {
      const problem = remotingProblem(record(reason), 'WEB02');
      assert.equal(problem?.cause, cause, reason);
      assert.match(problem.fix, fix, reason);
      assert.match(problem.sentence, /Nothing was changed on WEB02\./, reason);
      assert.match(problem.sentence, /\(WinRM: \[WEB02\] Connecting to remote server WEB02 failed/, reason);
      assert.equal(classifyErrorInfo(record(reason)), PsErrorKind.RemotingFailed, reason);
    }
    assert.ok(!NO_ANSWER_KINDS.has(PsErrorKind.RemotingFailed));
  });

  it('a session that broke otherwise may have run the script in part: cut off, no cause claimed', () => {
    const broken = record('JobFailure');
    assert.equal(remotingProblem(broken, 'WEB02'), undefined);
    assert.equal(classifyErrorInfo(broken), PsErrorKind.RemotingLost);
    assert.ok(NO_ANSWER_KINDS.has(PsErrorKind.RemotingLost));
    // An error of the script on the host is that error, not remoting's.
    const remote = {
      ...record('x'),
      fqid: 'HRESULT 0x80070005,Set-ScheduledTask',
      type: 'System.Management.Automation.RemoteException',
      innerType: 'System.Management.Automation.RemoteException',
    };
    assert.equal(remotingProblem(remote, 'WEB02'), undefined);
    assert.equal(classifyErrorInfo(remote), PsErrorKind.AccessDenied);
  });
});
