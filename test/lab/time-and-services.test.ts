// Lab stand-ins for w32tm (clock offset to the DC), klist's times and Get-Service (the services the wizard checks).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { labSessionOptions, readLab } from '../../electron/lab/lab.js';
import { labSession, newLab } from '../helpers/lab.js';
import { testSession, trusted } from '../helpers/pwsh.js';

describe('w32tm and Get-Service in the lab', () => {
  const skewed = labSession(newLab('clock-skew'));
  after(() => skewed.dispose());

  it('w32tm /stripchart reports the host offset in w32tm format, exit 0; a bad call exits 87', async () => {
    const ok = await skewed.invoke(trusted('w32tm /stripchart /computer:DC01.contoso.com /samples:1 /dataonly'));
    assert.equal(ok.exitCode, 0);
    assert.match(String(ok.data[0]), /^Tracking DC01\.contoso\.com \[10\.0\.0\.10:123\]\.$/);
    assert.match(String(ok.data.at(-1)), /^\d{2}:\d{2}:\d{2}, -420\.0000000s$/);
    const bad = await skewed.invoke(trusted('w32tm /resync'));
    assert.equal(bad.exitCode, 87);
  });

  it('an unknown DC gives w32tm an error sample', async () => {
    const [, , , line] = (await skewed.run(
      trusted('w32tm /stripchart /computer:DC99 /samples:1 /dataonly'),
    )) as string[];
    assert.match(line ?? '', /error: 0x800705B4$/);
  });

  it('Get-Service reads Schedule from the lab host, and a stopped scheduler shows Stopped', async () => {
    assert.deepEqual(await skewed.run(trusted("(Get-Service -Name 'Schedule').Status")), ['Running']);
    await skewed.run(trusted('Update-LabState -Script { param($s) $s.hosts.WEB01.taskSchedulerRunning = $false }'));
    assert.deepEqual(await skewed.run(trusted("(Get-Service -Name 'Schedule').Status")), ['Stopped']);
  });

  it('Get-Service fails on an unknown service with the real error id', async () => {
    const envelope = await skewed.invoke(trusted("Get-Service -Name 'NoSuchSvc'"));
    assert.equal(envelope.ok, false);
    // The real id; written non-terminating (as ServiceBaseCommand does), a lab function's WriteError adds its own
    // name after it, where the compiled cmdlet's record has none.
    assert.match(
      envelope.errors[0]?.fqid ?? '',
      /^NoServiceFoundForGivenName,Microsoft\.PowerShell\.Commands\.GetServiceCommand(,Get-Service)?$/,
    );
  });
});

// The host tools print local time (their "(local)" and "The current time is" are the machine's wall clock). The
// session runs in a zone half an hour off any UTC hour, whatever zone the tests run in, so UTC can't pass for local.
describe('klist and w32tm show local time (session in Asia/Kolkata, UTC+05:30)', () => {
  const dir = newLab('healthy');
  const options = labSessionOptions(dir);
  const session = testSession({ ...options, env: { ...options.env, TZ: 'Asia/Kolkata' } });
  after(() => session.dispose());
  const KOLKATA_MS = (5 * 60 + 30) * 60_000;
  /** An instant on Kolkata's wall clock, as klist prints it (M/d/yyyy H:mm:ss). */
  const kolkata = (ms: number): string => {
    const d = new Date(ms + KOLKATA_MS);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours()}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  };

  it("klist -li 0x3e7: the computer ticket's Start Time is when it was issued, on the local clock", async () => {
    const issued = Date.parse(readLab(dir).hosts.WEB01?.ticketIssued ?? '');
    assert.ok(!Number.isNaN(issued));
    const lines = (await session.run(trusted('klist -li 0x3e7'))).map(String);
    const start = lines.find((l) => l.includes('Start Time:'));
    assert.equal(start?.trim(), `Start Time: ${kolkata(Math.floor(issued / 1000) * 1000)} (local)`, lines.join('\n'));
  });

  it("klist (the user's tickets): Start Time is an hour ago on the local clock", async () => {
    const before = Date.now();
    const lines = (await session.run(trusted('klist'))).map(String);
    const start = lines.find((l) => l.includes('Start Time:'))?.trim() ?? '';
    const m = /^Start Time: (\d+)\/(\d+)\/(\d{4}) (\d+):(\d\d):(\d\d) \(local\)$/.exec(start);
    assert.ok(m, lines.join('\n'));
    const [, mo, d, y, h, mi, s] = m.map(Number) as number[];
    const shown = Date.UTC(y!, mo! - 1, d, h, mi, s) - KOLKATA_MS;
    const hourAgo = before - 3_600_000;
    assert.ok(Math.abs(shown - hourAgo) < 10 * 60_000, `${start} vs ${kolkata(hourAgo)}`);
  });
});
