// Lab stand-ins for w32tm (clock offset to the DC) and Get-Service (the services the wizard checks).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { labSession, newLab } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

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
    assert.equal(
      envelope.errors[0]?.fqid,
      'NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand',
    );
  });
});
