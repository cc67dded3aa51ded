// Which PowerShell runs, decided from a probe of the machine (no real Windows needed).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  childEnvironment,
  PowerShellNotFoundError,
  resolvePowerShell,
  windowsSystemPath,
  type ExecutableProbe,
} from '../../electron/common/powershell/executable.js';

function probe(over: Partial<ExecutableProbe> & { files?: string[] }): ExecutableProbe {
  const files = new Set(over.files ?? []);
  return { platform: 'linux', arch: 'x64', env: {}, home: '/home/admin', exists: (f) => files.has(f), ...over };
}

describe('resolvePowerShell', () => {
  it('uses the absolute path of 64-bit Windows PowerShell 5.1 on Windows, never PATH', () => {
    const exe = resolvePowerShell(
      probe({
        platform: 'win32',
        env: { SystemRoot: 'D:\\Windows', PATH: 'C:\\evil' },
        files: ['D:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'C:\\evil\\powershell.exe'],
      }),
    );
    assert.equal(exe.path, 'D:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    assert.equal(exe.edition, 'desktop');
    assert.equal(exe.flags['-NoProfile'], true);
    assert.equal(exe.flags['-NonInteractive'], true);
  });

  it('goes through Sysnative from a 32-bit process on 64-bit Windows', () => {
    const exe = resolvePowerShell(
      probe({
        platform: 'win32',
        arch: 'ia32',
        env: { SystemRoot: 'C:\\Windows', PROCESSOR_ARCHITEW6432: 'AMD64' },
        files: ['C:\\Windows\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe'],
      }),
    );
    assert.equal(exe.path, 'C:\\Windows\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('finds pwsh on PATH, then in ~/.dotnet/tools, ignoring relative PATH entries', () => {
    assert.equal(
      resolvePowerShell(probe({ env: { PATH: '/usr/bin:/opt/pw' }, files: ['/opt/pw/pwsh'] })).path,
      '/opt/pw/pwsh',
    );
    assert.equal(
      resolvePowerShell(
        probe({ env: { PATH: '.:bin' }, files: ['pwsh', 'bin/pwsh', '/home/admin/.dotnet/tools/pwsh'] }),
      ).path,
      '/home/admin/.dotnet/tools/pwsh',
    );
  });

  it('says where it looked when there is no PowerShell', () => {
    assert.throws(
      () => resolvePowerShell(probe({ env: { PATH: '/usr/bin' } })),
      (err: unknown) => {
        assert.ok(err instanceof PowerShellNotFoundError);
        assert.match(err.message, /\/usr\/bin\/pwsh.*\.dotnet\/tools\/pwsh/);
        return true;
      },
    );
  });
});

describe('windowsSystemPath', () => {
  it('names system tools (taskkill) by absolute path in System32, or Sysnative from a 32-bit process', () => {
    const win = { platform: 'win32' as const, env: { SystemRoot: 'D:\\Windows', PATH: '.;C:\\evil' } };
    assert.equal(windowsSystemPath(['taskkill.exe'], probe(win)), 'D:\\Windows\\System32\\taskkill.exe');
    const wow = probe({ ...win, arch: 'ia32', env: { ...win.env, PROCESSOR_ARCHITEW6432: 'AMD64' } });
    assert.equal(windowsSystemPath(['taskkill.exe'], wow), 'D:\\Windows\\Sysnative\\taskkill.exe');
    assert.equal(
      windowsSystemPath(['taskkill.exe'], probe({ platform: 'win32' })),
      'C:\\Windows\\System32\\taskkill.exe',
    );
  });
});

describe('childEnvironment', () => {
  it('drops NODE_POWERSHELL in any case, turns colour off, and applies extras last', () => {
    const env = childEnvironment(
      { NODE_POWERSHELL: '/evil', node_powershell: '/evil2', PATH: '/bin', NO_COLOR: '0' },
      { PSModulePath: '/lab' },
    );
    assert.equal(env.NODE_POWERSHELL, undefined);
    assert.equal(env.node_powershell, undefined);
    assert.equal(env.NO_COLOR, '1');
    assert.equal(env.PSModulePath, '/lab');
    assert.equal(env.PATH, '/bin');
  });
});
