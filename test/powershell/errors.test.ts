// The error map: real errors from pwsh classify by FQID and type, and the AD/ScheduledTasks rows match the ids
// those modules really print (samples collected from public error output when the table was written).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { PsErrorInfo } from '../../electron/common/powershell/envelope.js';
import {
  classifyError,
  classifyErrorInfo,
  ERROR_EXPLANATIONS,
  PsErrorKind,
} from '../../electron/common/powershell/errors.js';
import { PowerShellNotFoundError } from '../../electron/common/powershell/executable.js';
import { ps } from '../../electron/common/powershell/script.js';
import { PsCommandError, SessionError } from '../../electron/common/powershell/session.js';
import { testSession, trusted } from '../helpers/pwsh.js';

function info(fqid: string, type: string, extra: Partial<PsErrorInfo> = {}): PsErrorInfo {
  return {
    type,
    innerType: type,
    fqid,
    category: 'NotSpecified',
    target: null,
    message: 'localized text',
    detail: null,
    command: null,
    line: 1,
    hresult: null,
    ...extra,
  };
}

const MAM = 'Microsoft.ActiveDirectory.Management';
const CMD = `${MAM}.Commands`;

describe('error map: rows from real module output', () => {
  const samples: [PsErrorInfo, PsErrorKind][] = [
    [
      info(`ActiveDirectoryServer:1316,${CMD}.NewADUser`, `${MAM}.ADIdentityAlreadyExistsException`),
      PsErrorKind.AlreadyExists,
    ],
    [info(`ActiveDirectoryServer:8305,${CMD}.NewADServiceAccount`, `${MAM}.ADException`), PsErrorKind.AlreadyExists],
    [
      info(
        `ActiveDirectoryCmdlet:${MAM}.ADIdentityNotFoundException,${CMD}.GetADComputer`,
        `${MAM}.ADIdentityNotFoundException`,
      ),
      PsErrorKind.NotFound,
    ],
    [info(`ActiveDirectoryServer:8344,${CMD}.AddADGroupMember`, `${MAM}.ADException`), PsErrorKind.AccessDenied],
    [
      info(
        `ActiveDirectoryCmdlet:System.UnauthorizedAccessException,${CMD}.NewADUser`,
        'System.UnauthorizedAccessException',
      ),
      PsErrorKind.AccessDenied,
    ],
    [
      info('HRESULT 0x80070005,Register-ScheduledTask', 'Microsoft.Management.Infrastructure.CimException'),
      PsErrorKind.AccessDenied,
    ],
    [info(`ActiveDirectoryServer:0,${CMD}.GetADUser`, `${MAM}.ADServerDownException`), PsErrorKind.ServerUnavailable],
    [info(`ActiveDirectoryServer:0,${CMD}.GetADGroupMember`, `${MAM}.ADException`), PsErrorKind.Unknown],
    [
      info(
        `InstallADServiceAccount:PerformOperation:InstallServiceAcccountFailure,${CMD}.InstallADServiceAccount`,
        `${MAM}.ADException`,
      ),
      PsErrorKind.InstallServiceAccountFailed,
    ],
    [
      info('HRESULT 0x800700b7,Register-ScheduledTask', 'Microsoft.Management.Infrastructure.CimException'),
      PsErrorKind.AlreadyExists,
    ],
    [
      info('HRESULT 0x80070534,Register-ScheduledTask', 'Microsoft.Management.Infrastructure.CimException'),
      PsErrorKind.AccountNotMapped,
    ],
    [
      info(
        'CmdletizationQuery_NotFound_TaskName,Get-ScheduledTask',
        'Microsoft.PowerShell.Cmdletization.Cim.CimJobException',
      ),
      PsErrorKind.TaskNotFound,
    ],
    [
      info(`ActiveDirectoryCmdlet:System.ArgumentException,${CMD}.NewADServiceAccount`, 'System.ArgumentException'),
      PsErrorKind.NameTooLong,
    ],
    [
      info(`ActiveDirectoryServer:-2146893811,${CMD}.NewADServiceAccount`, `${MAM}.ADException`, {
        hresult: -2146893811,
      }),
      PsErrorKind.KdsRootKeyMissing,
    ],
  ];
  for (const [sample, kind] of samples) {
    it(`${sample.fqid} -> ${kind}`, () => assert.equal(classifyErrorInfo(sample), kind));
  }

  it('ignores case in FQIDs (ScheduledTasks prints lower-case hex)', () => {
    assert.equal(classifyErrorInfo(info('hresult 0x800700B7,Register-ScheduledTask', 'x')), PsErrorKind.AlreadyExists);
  });

  it('has an explanation with an action for every kind', () => {
    for (const kind of Object.values(PsErrorKind)) {
      assert.ok(ERROR_EXPLANATIONS[kind].title.length > 0 && ERROR_EXPLANATIONS[kind].action.length > 0, kind);
    }
  });
});

describe('error map: real errors from pwsh', () => {
  const session = testSession();
  after(() => session.dispose());

  async function kindOf(script: ReturnType<typeof ps>): Promise<PsErrorKind> {
    try {
      await session.run(script);
    } catch (err) {
      return classifyError(err);
    }
    throw new Error('expected the script to fail');
  }

  it('a missing module and a missing cmdlet are ModuleMissing', async () => {
    assert.equal(await kindOf(ps`Import-Module -Name ${'ActiveDirectory'}`), PsErrorKind.ModuleMissing);
    assert.equal(await kindOf(trusted('Get-ADUser -Identity x')), PsErrorKind.ModuleMissing);
  });

  it('parameter binding errors are BadParameter', async () => {
    assert.equal(await kindOf(trusted('Get-Item -NoSuchParameter 1')), PsErrorKind.BadParameter);
    assert.equal(await kindOf(trusted("Get-Date -Year 'not a number'")), PsErrorKind.BadParameter);
    assert.equal(await kindOf(trusted('function f { param([Parameter(Mandatory)]$X) }; f')), PsErrorKind.BadParameter);
  });

  it('access denied from .NET is AccessDenied', async () => {
    assert.equal(
      await kindOf(trusted("throw [System.UnauthorizedAccessException]::new('no')")),
      PsErrorKind.AccessDenied,
    );
  });

  it('an unknown failure is Unknown, and session failures map to their kinds', async () => {
    assert.equal(await kindOf(trusted("throw 'something else'")), PsErrorKind.Unknown);
    assert.equal(classifyError(new SessionError('Timeout', 't')), PsErrorKind.Timeout);
    assert.equal(classifyError(new SessionError('ProcessExited', 'x')), PsErrorKind.SessionLost);
    assert.equal(classifyError(new SessionError('StartFailed', 'x')), PsErrorKind.PowerShellUnavailable);
    assert.equal(classifyError(new PowerShellNotFoundError(['/x'])), PsErrorKind.PowerShellUnavailable);
    assert.ok((await session.invoke(trusted('1'))).ok);
    assert.ok(new PsCommandError(await session.invoke(trusted("throw 'x'"))).message.includes('x'));
  });
});
