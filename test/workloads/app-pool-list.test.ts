// The application pool picker's list (host.items { kind: 'app-pool' }) against the lab: iis-host's WEB01 lists DefaultAppPool and
// Reports under ApplicationPoolIdentity, started, in one read-only round trip; a pool set to a user account needs the
// acknowledgement; a computer without IIS answers available: false (IIS is not installed) and no pools instead of
// failing. The scheduled task has no picker: the API refuses its list as BadInput.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createApi } from '../../electron/common/api/handlers.js';
import { appPoolPicker } from '../../electron/common/workloads/app-pool/list.js';
import { listHostItems, pickerOf } from '../../electron/common/workloads/picker.js';
import { sharedLab } from '../checks/lab-session.js';
import { labStateText } from '../helpers/lab.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const oneCall = () => {
  let calls = 0;
  return {
    exec: ((operation, script, timeoutMs) => {
      calls += 1;
      assert.equal(operation, 'host.items');
      return lab.exec(operation, script, timeoutMs);
    }) as typeof lab.exec,
    calls: () => calls,
  };
};

describe('host.items { kind: app-pool }', () => {
  it("is the app-pool kind's picker; the scheduled task has none", () => {
    assert.equal(pickerOf('app-pool'), appPoolPicker);
    assert.equal(pickerOf('scheduled-task'), undefined);
  });

  it('iis-host: every pool with its identity and state, read-only, one round trip', async () => {
    const dir = await lab.use('iis-host');
    const before = labStateText(dir);
    const counted = oneCall();
    const list = await listHostItems(counted.exec, appPoolPicker);
    assert.equal(counted.calls(), 1);
    assert.deepEqual(list, {
      computer: 'WEB01',
      available: true,
      items: [
        {
          name: 'DefaultAppPool',
          detail: '',
          runsAs: 'ApplicationPoolIdentity',
          state: 'Started',
          needsPassword: false,
        },
        { name: 'Reports', detail: '', runsAs: 'ApplicationPoolIdentity', state: 'Started', needsPassword: false },
      ],
    });
    assert.equal(labStateText(dir), before, 'read-only');
  });

  it('a pool under a user account needs the acknowledgement; one under a managed account does not', async () => {
    await lab.use('iis-host');
    await lab.console(`Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter 'system.applicationHost/applicationPools/add[@name="Reports"]/processModel' -Name 'identityType' -Value 'SpecificUser'
Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter 'system.applicationHost/applicationPools/add[@name="Reports"]/processModel' -Name 'userName' -Value 'CONTOSO\\bob'
Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter 'system.applicationHost/applicationPools/add[@name="DefaultAppPool"]/processModel' -Name 'identityType' -Value 'SpecificUser'
Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter 'system.applicationHost/applicationPools/add[@name="DefaultAppPool"]/processModel' -Name 'userName' -Value 'CONTOSO\\svc-web$'`);
    const list = await listHostItems(lab.exec, appPoolPicker);
    const byName = Object.fromEntries(list.items.map((p) => [p.name, p]));
    assert.equal(byName.Reports?.runsAs, 'CONTOSO\\bob');
    assert.equal(byName.Reports?.needsPassword, true);
    assert.equal(byName.DefaultAppPool?.runsAs, 'CONTOSO\\svc-web$');
    assert.equal(byName.DefaultAppPool?.needsPassword, false);
  });

  it('a computer without IIS: not available, with the reason, no pools, no error', async () => {
    const dir = await lab.use('healthy');
    const before = labStateText(dir);
    const list = await listHostItems(lab.exec, appPoolPicker);
    assert.deepEqual(list, {
      computer: 'WEB01',
      available: false,
      unavailable: 'IIS is not installed on WEB01',
      items: [],
    });
    assert.equal(labStateText(dir), before);
  });

  it('through the API: host.items { kind } answers the shared shape; a kind without a picker is BadInput', async () => {
    await lab.use('iis-host');
    const api = createApi({
      session: lab.session,
      mode: 'practice',
      transport: 'lab-host',
      emit: () => undefined,
      journalDir: mkdtempSync(path.join(tmpdir(), 'msa-journal-')),
    });
    const pools = await api.dispatch('host.items', { kind: 'app-pool' });
    assert.ok(pools.ok, JSON.stringify(pools));
    assert.deepEqual(
      (pools.value as { items: { name: string }[] }).items.map((i) => i.name),
      ['DefaultAppPool', 'Reports'],
    );
    for (const kind of ['scheduled-task', 'no-such-kind']) {
      const refused = await api.dispatch('host.items', { kind });
      assert.equal(refused.ok, false);
      assert.equal(refused.ok ? '' : refused.error.kind, 'BadInput', kind);
    }
  });
});
