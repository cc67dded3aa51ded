// The service picker's list (host.services) against the lab: service-host's WEB01 lists ReportSvc under the user
// account (needsPassword: the form asks for the acknowledgement) and ReportCollector under LocalSystem (no need),
// with Windows' own services, in one read-only round trip that changes nothing.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { listHostServices } from '../../electron/common/workloads/service/list.js';
import { sharedLab } from '../checks/lab-session.js';
import { labStateText } from '../helpers/lab.js';

const lab = sharedLab();
after(() => lab.session.dispose());

describe('host.services on service-host', () => {
  it('lists each service with its account and state; a user account needs the acknowledgement; nothing changes', async () => {
    const dir = await lab.use('service-host');
    const before = labStateText(dir);
    let calls = 0;
    const list = await listHostServices((operation, script, timeoutMs) => {
      calls += 1;
      assert.equal(operation, 'host.services');
      return lab.exec(operation, script, timeoutMs);
    });
    assert.equal(calls, 1, 'one round trip');
    assert.equal(list.computer, 'WEB01');
    const report = list.services.find((s) => s.name === 'ReportSvc');
    assert.deepEqual(report, {
      name: 'ReportSvc',
      displayName: 'Contoso Report Service',
      startName: 'CONTOSO\\svc-report',
      state: 'Running',
      needsPassword: true,
    });
    const collector = list.services.find((s) => s.name === 'ReportCollector');
    assert.equal(collector?.startName, 'LocalSystem');
    assert.equal(collector?.needsPassword, false);
    // Windows' own services are there too, none of them under a user account.
    assert.ok(list.services.length > 2, JSON.stringify(list.services.map((s) => s.name)));
    assert.deepEqual(
      list.services.filter((s) => s.needsPassword).map((s) => s.name),
      ['ReportSvc'],
    );
    // Sorted by display name, as services.msc lists them.
    const names = list.services.map((s) => s.displayName);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
    assert.equal(labStateText(dir), before, 'read-only');
  });
});
