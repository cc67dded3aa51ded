// The service picker's list (host.items { kind: 'service' }) against the lab: service-host's WEB01 lists ReportSvc under the user
// account (needsPassword: the form asks for the acknowledgement) and ReportCollector under LocalSystem (no need),
// with Windows' own services, in one read-only round trip that changes nothing.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { listHostItems, pickerOf } from '../../electron/common/workloads/picker.js';
import { servicePicker } from '../../electron/common/workloads/service/list.js';
import { sharedLab } from '../checks/lab-session.js';
import { labStateText } from '../helpers/lab.js';

const lab = sharedLab();
after(() => lab.session.dispose());

describe('host.items { kind: service } on service-host', () => {
  it("is the service kind's picker", () => assert.equal(pickerOf('service'), servicePicker));

  it('lists each service with its account and state; a user account needs the acknowledgement; nothing changes', async () => {
    const dir = await lab.use('service-host');
    const before = labStateText(dir);
    let calls = 0;
    const list = await listHostItems((operation, script, timeoutMs) => {
      calls += 1;
      assert.equal(operation, 'host.items');
      return lab.exec(operation, script, timeoutMs);
    }, servicePicker);
    assert.equal(calls, 1, 'one round trip');
    assert.equal(list.computer, 'WEB01');
    assert.equal(list.available, true);
    const report = list.items.find((s) => s.name === 'ReportSvc');
    assert.deepEqual(report, {
      name: 'ReportSvc',
      detail: 'Contoso Report Service',
      runsAs: 'CONTOSO\\svc-report',
      state: 'Running',
      needsPassword: true,
    });
    const collector = list.items.find((s) => s.name === 'ReportCollector');
    assert.equal(collector?.runsAs, 'LocalSystem');
    assert.equal(collector?.needsPassword, false);
    // Windows' own services are there too, none of them under a user account.
    assert.ok(list.items.length > 2, JSON.stringify(list.items.map((s) => s.name)));
    assert.deepEqual(
      list.items.filter((s) => s.needsPassword).map((s) => s.name),
      ['ReportSvc'],
    );
    // Sorted by display name, as services.msc lists them.
    const names = list.items.map((s) => s.detail);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
    assert.equal(labStateText(dir), before, 'read-only');
  });
});
