// A host read in part: on the lab's `iis-host` WEB01, run without elevation, applicationHost.config cannot be read
// (IIS's own "insufficient permissions" error). The host's tasks and services still come back; its pools are not
// listed, and the report's note says why. Elevated, the same host lists its pools and has no note.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { discover } from '../../electron/common/discover/discover.js';
import { labConsole, labSession, newLab } from '../helpers/lab.js';

describe('a host whose IIS configuration cannot be read', () => {
  const dir = newLab('iis-host');
  // A task on WEB01 (S4U: registered without a password), to show the host's tasks survive the pools' error.
  before(() =>
    labConsole(
      dir,
      "$a = New-ScheduledTaskAction -Execute 'C:\\Windows\\System32\\cmd.exe'; " +
        "$p = New-ScheduledTaskPrincipal -UserId 'CONTOSO\\Administrator' -LogonType S4U; " +
        "Register-ScheduledTask -TaskPath '\\' -TaskName 'Cleanup' -Action $a -Principal $p | Out-Null",
    ),
  );

  it('lists its pools when elevated, with no note', async () => {
    const session = labSession(dir);
    after(() => session.dispose());
    const report = await discover(session, {});
    assert.ok(
      report.findings.some((f) => f.use.kind === 'app-pool'),
      JSON.stringify(report.findings.map((f) => f.id)),
    );
    assert.ok(report.findings.some((f) => f.id === 'WEB01/task/\\Cleanup'));
    assert.equal(report.notes, undefined);
  });

  it('loses only the pools without elevation: the tasks still come back, and a note says why', async () => {
    await labConsole(dir, 'Update-LabState -Script { param($s) $s.context.elevated = $false } | Out-Null');
    const session = labSession(dir);
    after(() => session.dispose());
    const report = await discover(session, {});
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.counts.reached, 1);
    assert.equal(
      report.findings.some((f) => f.use.kind === 'app-pool'),
      false,
    );
    assert.deepEqual(
      report.findings.map((f) => f.id),
      ['WEB01/task/\\Cleanup'],
    );
    assert.equal(report.notes?.length, 1);
    assert.equal(report.notes?.[0]?.host, 'WEB01');
    assert.match(
      report.notes?.[0]?.message ?? '',
      /^IIS application pools could not be read \(.*insufficient permissions.*\); its tasks and services are listed/s,
    );
  });
});
