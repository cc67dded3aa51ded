// The application pool picker's list (host.appPools) against the lab: iis-host's WEB01 lists DefaultAppPool and
// Reports under ApplicationPoolIdentity, started, in one read-only round trip; a pool set to a user account needs the
// acknowledgement; a computer without IIS answers iis: false and no pools instead of failing.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { listHostAppPools } from '../../electron/common/workloads/app-pool/list.js';
import { sharedLab } from '../checks/lab-session.js';
import { labStateText } from '../helpers/lab.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const oneCall = () => {
  let calls = 0;
  return {
    exec: ((operation, script, timeoutMs) => {
      calls += 1;
      assert.equal(operation, 'host.appPools');
      return lab.exec(operation, script, timeoutMs);
    }) as typeof lab.exec,
    calls: () => calls,
  };
};

describe('host.appPools', () => {
  it('iis-host: every pool with its identity and state, read-only, one round trip', async () => {
    const dir = await lab.use('iis-host');
    const before = labStateText(dir);
    const counted = oneCall();
    const list = await listHostAppPools(counted.exec);
    assert.equal(counted.calls(), 1);
    assert.deepEqual(list, {
      computer: 'WEB01',
      iis: true,
      pools: [
        {
          name: 'DefaultAppPool',
          identityType: 'ApplicationPoolIdentity',
          userName: '',
          state: 'Started',
          needsPassword: false,
        },
        {
          name: 'Reports',
          identityType: 'ApplicationPoolIdentity',
          userName: '',
          state: 'Started',
          needsPassword: false,
        },
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
    const list = await listHostAppPools(lab.exec);
    const byName = Object.fromEntries(list.pools.map((p) => [p.name, p]));
    assert.equal(byName.Reports?.identityType, 'SpecificUser');
    assert.equal(byName.Reports?.userName, 'CONTOSO\\bob');
    assert.equal(byName.Reports?.needsPassword, true);
    assert.equal(byName.DefaultAppPool?.userName, 'CONTOSO\\svc-web$');
    assert.equal(byName.DefaultAppPool?.needsPassword, false);
  });

  it('a computer without IIS: iis false, no pools, no error', async () => {
    const dir = await lab.use('healthy');
    const before = labStateText(dir);
    const list = await listHostAppPools(lab.exec);
    assert.deepEqual(list, { computer: 'WEB01', iis: false, pools: [] });
    assert.equal(labStateText(dir), before);
  });
});
