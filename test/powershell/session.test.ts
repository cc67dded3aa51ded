// The session against real pwsh: ordering, timeouts, crashes, structured errors, text fidelity, no leaks.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { ps } from '../../electron/common/powershell/script.js';
import { PsCommandError, SessionError } from '../../electron/common/powershell/session.js';
import { isAlive, liveTree, parentOf, waitFor } from '../helpers/processes.js';
import { testSession, trusted } from '../helpers/pwsh.js';

/** Live (not zombie) processes below this test process whose command line mentions pwsh. */
function pwshDescendants(): number[] {
  return liveTree(process.pid)
    .filter((p) => p.pid !== process.pid && /pwsh/i.test(p.args))
    .map((p) => p.pid);
}

describe('PowerShellSession (real pwsh)', () => {
  const session = testSession();
  after(() => session.dispose());

  it('serializes concurrent callers in arrival order, one process', async () => {
    // Each request appends to a global list after a random pause; overlap would interleave the list.
    await session.run(trusted('$global:order = New-Object System.Collections.ArrayList'));
    const calls = Array.from({ length: 12 }, (_, n) =>
      session.run(ps`Start-Sleep -Milliseconds ${(n * 7) % 30}; [void]$global:order.Add(${n}); $global:order.Count`),
    );
    const counts = (await Promise.all(calls)).map((d) => d[0]);
    assert.deepEqual(
      counts,
      Array.from({ length: 12 }, (_, n) => n + 1),
    );
    assert.deepEqual(await session.run(trusted('Write-Output -NoEnumerate $global:order.ToArray()')), [
      Array.from({ length: 12 }, (_, n) => n),
    ]);
    assert.equal(session.starts, 1);
  });

  it('fails a request that outlives its timeout, kills what it started, and answers the next one afresh', async () => {
    const before = session.info?.pid ?? (await session.run(trusted('$PID')))[0];
    const started = Date.now();
    const hung = trusted("/bin/sleep 29.75 | Out-Null; 'never'"); // a native child too: it must die with the session
    await assert.rejects(session.invoke(hung, { timeoutMs: 400 }), (err: unknown) => {
      assert.ok(err instanceof SessionError);
      assert.equal(err.kind, 'Timeout');
      return true;
    });
    // Far below the 29.75 s the command takes, with room for a busy machine to kill the tree (up to ~10 s).
    assert.ok(Date.now() - started < 20_000, 'the timeout fires on time, not when the command ends');
    await waitFor(() => !isAlive(before as number));
    await waitFor(
      () =>
        !execFileSync('ps', ['-A', '-o', 'stat=,args='], { encoding: 'utf8' })
          .split('\n')
          .some((l) => /^[^Z]\S*\s+\/bin\/sleep 29\.75$/.test(l.trim())),
    );
    const [pid] = await session.run(trusted('$PID'));
    assert.notEqual(pid, before);
    assert.deepEqual(await session.run(ps`${'still works'}`), ['still works']);
  });

  it('gives a typed error when pwsh is killed mid-request, and recovers', async () => {
    const [pid] = (await session.run(trusted('$PID'))) as number[];
    const pending = session.invoke(trusted('Start-Sleep -Seconds 30'));
    setTimeout(() => process.kill(pid as number, 'SIGKILL'), 300);
    await assert.rejects(pending, (err: unknown) => err instanceof SessionError && err.kind === 'ProcessExited');
    const [next] = await session.run(trusted('$PID'));
    assert.notEqual(next, pid);
  });

  it('kills the engine and what it started when only the launcher dies, before it reports the request failed', async () => {
    const [engine] = (await session.run(trusted('$PID'))) as number[];
    assert.ok(engine !== undefined);
    const launcher = parentOf(engine);
    assert.notEqual(launcher, process.pid, 'the .NET tool pwsh is a launcher: the engine is its child, not ours');
    const pending = session.invoke(trusted('/bin/sleep 29.5 | Out-Null; Start-Sleep -Seconds 30'));
    // Once the engine's native child runs, the script is under way: take the launcher away, and only it.
    await waitFor(() => liveTree(engine).some((p) => p.args === '/bin/sleep 29.5'), 30_000, 'the script starts sleep');
    const tree = liveTree(engine).map((p) => p.pid);
    process.kill(launcher, 'SIGKILL');
    await assert.rejects(pending, (err: unknown) => err instanceof SessionError && err.kind === 'ProcessExited');
    // Not "eventually": by the time the failure is reported, the orphaned engine and its child are gone.
    assert.deepEqual(
      tree.filter((pid) => isAlive(pid)),
      [],
      'nothing of the old session runs',
    );
    const [next] = await session.run(trusted('$PID'));
    assert.notEqual(next, engine);
  });

  it('treats a script that exits the host as a lost process, not an answer', async () => {
    await assert.rejects(session.invoke(trusted('exit 3')), (err: unknown) => err instanceof SessionError);
    assert.deepEqual(await session.run(trusted('1 + 1')), [2]);
  });

  it('returns a thrown PowerShell error as structured data with its FullyQualifiedErrorId', async () => {
    const envelope = await session.invoke(ps`Get-Item -LiteralPath ${'/no/such/path'}`);
    assert.equal(envelope.ok, false);
    const [error] = envelope.errors;
    assert.equal(error?.fqid, 'PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand');
    assert.equal(error?.type, 'System.Management.Automation.ItemNotFoundException');
    assert.equal(error?.category, 'ObjectNotFound');
    assert.equal(error?.target, '/no/such/path');
    assert.equal(error?.command, 'Get-Item');
    await assert.rejects(session.run(ps`Get-Item -LiteralPath ${'/no/such/path'}`), PsCommandError);
  });

  it('counts non-terminating errors, keeps the output around them, and collects warnings', async () => {
    const envelope = await session.invoke(
      trusted(
        "'before'; Write-Error -Message 'soft' -ErrorId 'Soft.Id' -ErrorAction Continue; Write-Warning 'careful'; 'after'",
      ),
    );
    assert.equal(envelope.ok, false);
    assert.deepEqual(envelope.data, ['before', 'after']);
    assert.equal(envelope.errors[0]?.fqid, 'Soft.Id');
    assert.deepEqual(envelope.warnings, ['careful']);
  });

  it('stops at the first terminating error by default', async () => {
    const envelope = await session.invoke(trusted("'one'; Get-Item -LiteralPath '/nope'; 'never'"));
    assert.deepEqual(envelope.data, ['one']);
  });

  it("reports native tools' exit code and stderr", async () => {
    const envelope = await session.invoke(trusted("sh -c 'echo out; echo problem >&2; exit 7'"));
    assert.equal(envelope.exitCode, 7);
    assert.deepEqual(envelope.stderr, ['problem']);
    assert.deepEqual(envelope.data, ['out']);
    const none = await session.invoke(trusted("'no native tool'"));
    assert.equal(none.exitCode, null);
    const [native] = (await session.run(
      trusted("Invoke-MsaNative -FilePath sh -ArgumentList '-c', 'echo o; echo e >&2; exit 2'"),
    )) as {
      ExitCode: number;
      Output: string[];
      Error: string[];
    }[];
    assert.deepEqual(native, { ExitCode: 2, Output: ['o'], Error: ['e'] });
  });

  it('round-trips non-ASCII text exactly, both ways', async () => {
    const text = 'Ärger 管理 😀 \u202Eשלום\u202C e\u0301 \u2019 \r\n\u0000';
    const [echo, length] = await session.run(ps`$t = ${text}; $t; $t.Length`);
    assert.equal(echo, text);
    assert.equal(length, text.length);
    const [made] = await session.run(trusted('[string]::new([char[]]@(0x00C4, 0x7BA1, 0xD83D, 0xDE00))'));
    assert.equal(made, 'Ä管😀');
  });

  it('converts dates to ISO 8601 and enums to names, the same on every PowerShell', async () => {
    const [date, day, one, nested] = await session.run(
      trusted(
        "[datetime]::new(2026, 11, 25, 12, 5, 0, [DateTimeKind]::Utc); [DayOfWeek]::Friday; Write-Output -NoEnumerate @(42); [pscustomobject]@{ When = [datetimeoffset]::new(2026,1,2,3,4,5,[timespan]::FromHours(1)); Flags = [System.IO.FileAttributes]'Hidden, System' }",
      ),
    );
    assert.equal(date, '2026-11-25T12:05:00.0000000Z');
    assert.equal(day, 'Friday');
    assert.deepEqual(one, [42]);
    assert.deepEqual(nested, { When: '2026-01-02T03:04:05.0000000+01:00', Flags: 'Hidden, System' });
  });

  it('converts hashtables whose keys shadow their own members (keys, values, count)', async () => {
    const [table] = await session.run(trusted("@{ keys = @('a', 'b'); values = 1; count = 'x' }"));
    assert.deepEqual(table, { keys: ['a', 'b'], values: 1, count: 'x' });
  });

  it('runs 200 sequential requests on one process without leaking processes', async () => {
    const startsBefore = session.starts;
    await session.run(trusted('1'));
    const processesBefore = pwshDescendants();
    assert.ok(processesBefore.includes(session.info?.pid ?? -1));
    for (let n = 0; n < 200; n++) {
      const [value] = await session.run(ps`${n} * 2`);
      assert.equal(value, n * 2);
    }
    assert.equal(session.starts, startsBefore);
    assert.deepEqual(pwshDescendants(), processesBefore);
  });

  it('refuses raw strings: only builder scripts reach PowerShell', () => {
    assert.throws(() => session.invoke('Get-Process' as never), TypeError);
  });
});

describe('PowerShellSession lifecycle', () => {
  it('ignores NODE_POWERSHELL, which would otherwise pick the executable', async () => {
    process.env.NODE_POWERSHELL = '/bin/false';
    const session = testSession();
    try {
      assert.deepEqual(await session.run(trusted("'real pwsh'")), ['real pwsh']);
      assert.equal(process.env.NODE_POWERSHELL, undefined);
    } finally {
      delete process.env.NODE_POWERSHELL;
      await session.dispose();
    }
  });

  it('warms in the background and serves the first request from the warm process', async () => {
    const session = testSession();
    session.warm();
    await waitFor(() => session.info !== undefined, 20_000);
    const [pid] = await session.run(trusted('$PID'));
    assert.equal(pid, session.info?.pid);
    assert.equal(session.starts, 1);
    await session.dispose();
    await waitFor(() => !isAlive(pid as number));
  });

  it('runs the preamble on every start, including restarts', async () => {
    const session = testSession({ preamble: trusted("$global:LabMarker = 'ready'") });
    try {
      assert.deepEqual(await session.run(trusted('$global:LabMarker')), ['ready']);
      await assert.rejects(session.invoke(trusted('Start-Sleep 10'), { timeoutMs: 300 }));
      assert.deepEqual(await session.run(trusted('$global:LabMarker')), ['ready']);
      assert.equal(session.starts, 2);
    } finally {
      await session.dispose();
    }
  });

  it('fails every request with Disposed after dispose()', async () => {
    const session = testSession();
    await session.run(trusted('1'));
    await session.dispose();
    await assert.rejects(
      session.invoke(trusted('1')),
      (err: unknown) => err instanceof SessionError && err.kind === 'Disposed',
    );
  });

  it('reports a PowerShell that cannot start as StartFailed', async () => {
    const session = testSession({ executable: { path: '/nonexistent/pwsh', edition: 'core', flags: {} } });
    await assert.rejects(
      session.invoke(trusted('1')),
      (err: unknown) => err instanceof SessionError && err.kind === 'StartFailed',
    );
    await session.dispose();
  });
});
