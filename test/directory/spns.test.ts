// directory.checkSpns against the lab: which SPNs another object already holds (case-insensitive, forest-wide),
// the account itself ignored, bad SPNs refused with the plan form's message, nothing changed.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { z } from 'zod';
import { checkSpns } from '../../electron/common/directory/spns.js';
import { accountNameSchema, spnSchema } from '../../electron/common/plan/plan-schema.js';
import { sharedLab } from '../checks/lab-session.js';
import { noPowerShell, planIssues, rejectsWith, stateText } from './lookup-helpers.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const APP = 'CN=svc-app,CN=Managed Service Accounts,DC=contoso,DC=com';
const SQL = 'CN=svc-sql,CN=Managed Service Accounts,DC=contoso,DC=com';

/** healthy plus two sMSAs holding SPNs; returns the lab directory. */
async function labWithSpns(): Promise<string> {
  const dir = await lab.use('healthy');
  await lab.console(`New-ADServiceAccount -Name 'svc-app' -RestrictToSingleComputer -ServicePrincipalNames 'HTTP/web01.contoso.com', 'HTTP/web01'
New-ADServiceAccount -Name 'svc-sql' -RestrictToSingleComputer -ServicePrincipalNames 'MSSQLSvc/sql01.contoso.com:1433'`);
  return dir;
}

describe('directory.checkSpns', () => {
  it('finds the SPNs another object holds, in any case, and only those; nothing changes', async () => {
    const dir = await labWithSpns();
    const before = stateText(dir);
    assert.deepEqual(
      await checkSpns(lab.exec, ['http/WEB01.contoso.com', 'HTTP/free.contoso.com', 'MSSQLSvc/sql01.contoso.com:1433']),
      [
        { spn: 'http/WEB01.contoso.com', holder: APP },
        { spn: 'MSSQLSvc/sql01.contoso.com:1433', holder: SQL },
      ],
    );
    assert.deepEqual(await checkSpns(lab.exec, ['MSSQLSvc/sql01.contoso.com:1434', 'HTTP/web01.contoso']), []);
    assert.equal(stateText(dir), before);
  });

  it('no duplicates on a domain where nothing holds them', async () => {
    await lab.use('healthy');
    assert.deepEqual(await checkSpns(lab.exec, ['HTTP/web01.contoso.com']), []);
  });

  it('ignores the account itself (with or without $, any case), not the others', async () => {
    await labWithSpns();
    const spns = ['HTTP/web01.contoso.com', 'MSSQLSvc/sql01.contoso.com:1433'];
    for (const account of ['svc-app', 'SVC-APP$']) {
      assert.deepEqual(await checkSpns(lab.exec, spns, account), [
        { spn: 'MSSQLSvc/sql01.contoso.com:1433', holder: SQL },
      ]);
    }
    assert.deepEqual(await checkSpns(lab.exec, spns, 'svc-new'), [
      { spn: 'HTTP/web01.contoso.com', holder: APP },
      { spn: 'MSSQLSvc/sql01.contoso.com:1433', holder: SQL },
    ]);
  });

  it('no SPNs: no question to ask, no PowerShell', async () => {
    assert.deepEqual(await checkSpns(noPowerShell, []), []);
  });

  it("refuses bad SPNs and account names with the plan form's messages, before any PowerShell runs", async () => {
    const list = z.array(spnSchema);
    for (const spns of [['HTTP'], ['HTTP/web01', 'x y/z'], ['HTTP/web01:0'], ['HTTP/*)(servicePrincipalName=*']]) {
      await rejectsWith(checkSpns(noPowerShell, spns), planIssues(list, spns, 'spns'));
    }
    await rejectsWith(
      checkSpns(noPowerShell, ['HTTP/web01'], "svc'; x"),
      planIssues(accountNameSchema, "svc'; x", 'account'),
    );
    const many = Array.from({ length: 51 }, (_, i) => `HTTP/web${i}`);
    await rejectsWith(checkSpns(noPowerShell, many), [{ path: 'spns', message: 'Check at most 50 SPNs at a time.' }]);
  });
});
