// directory.checkName against the lab: the sAMAccountName (name + $) looked up forest-wide through a global catalog,
// the holder named, the domain-only fallback when no GC answers, bad names refused with the plan form's message.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { checkAccountName } from '../../electron/common/directory/name.js';
import { accountNameSchema } from '../../electron/common/plan/plan-schema.js';
import { ps } from '../../electron/common/powershell/script.js';
import { sharedLab } from '../checks/lab-session.js';
import { noPowerShell, planIssues, rejectsWith, stateText } from './lookup-helpers.js';

const lab = sharedLab();
after(() => lab.session.dispose());

describe('directory.checkName', () => {
  it('a free name is available, looked up forest-wide; nothing changes', async () => {
    const dir = await lab.use('healthy');
    const before = stateText(dir);
    assert.deepEqual(await checkAccountName(lab.exec, 'svc-free'), {
      sam: 'svc-free$',
      available: true,
      holder: null,
      scope: 'forest',
    });
    assert.equal(stateText(dir), before);
  });

  it('adds the $ once: "svc-free$" and " svc-free " both mean svc-free$', async () => {
    await lab.use('healthy');
    assert.equal((await checkAccountName(lab.exec, 'svc-free$')).sam, 'svc-free$');
    assert.equal((await checkAccountName(lab.exec, ' svc-free ')).sam, 'svc-free$');
  });

  it('names the holder: a computer (any case, with or without $), a user, a group, a gMSA', async () => {
    const dir = await lab.use('healthy');
    await lab.session
      .run(ps`New-ADGroup -Name 'app-readers' -GroupScope Global -GroupCategory Security -Path 'OU=Service Groups,DC=contoso,DC=com'
New-ADServiceAccount -Name 'svc-taken' -DNSHostName 'svc-taken.contoso.com' -PrincipalsAllowedToRetrieveManagedPassword 'Domain Computers' | Out-Null`);
    const before = stateText(dir);
    const cases: [string, string, string, string][] = [
      ['web01', 'web01$', 'CN=WEB01,OU=Servers,DC=contoso,DC=com', 'computer'],
      ['WEB01$', 'WEB01$', 'CN=WEB01,OU=Servers,DC=contoso,DC=com', 'computer'],
      // Users and groups hold the bare name, which the KDC would also resolve for helpdesk$.
      ['helpdesk', 'helpdesk$', 'CN=helpdesk,CN=Users,DC=contoso,DC=com', 'user'],
      ['app-readers', 'app-readers$', 'CN=app-readers,OU=Service Groups,DC=contoso,DC=com', 'group'],
      [
        'svc-taken',
        'svc-taken$',
        'CN=svc-taken,CN=Managed Service Accounts,DC=contoso,DC=com',
        'msDS-GroupManagedServiceAccount',
      ],
    ];
    for (const [name, sam, dn, objectClass] of cases) {
      assert.deepEqual(
        await checkAccountName(lab.exec, name),
        { sam, available: false, holder: { dn, objectClass }, scope: 'forest' },
        name,
      );
    }
    assert.equal(stateText(dir), before);
  });

  it('without a global catalog it looks in this domain only, and says so', async () => {
    const dir = await lab.use('healthy');
    await lab.console(
      'Update-LabState -Script { param($state) foreach ($dc in $state.domainControllers) { $dc.isGlobalCatalog = $false } } | Out-Null',
    );
    const before = stateText(dir);
    const taken = await checkAccountName(lab.exec, 'WEB01');
    assert.equal(taken.scope, 'domain');
    assert.equal(taken.holder?.objectClass, 'computer');
    assert.equal((await checkAccountName(lab.exec, 'svc-free')).scope, 'domain');
    assert.equal(stateText(dir), before);
  });

  it('searches through the global catalog the locator finds (DC02 on multi-dc-replication)', async () => {
    await lab.use('multi-dc-replication');
    const r = await checkAccountName(lab.exec, 'DC01');
    assert.deepEqual(r.holder, { dn: 'CN=DC01,OU=Domain Controllers,DC=contoso,DC=com', objectClass: 'computer' });
    assert.equal(r.scope, 'forest');
  });

  it("refuses bad names with the plan form's message, before any PowerShell runs", async () => {
    for (const name of ['', 'svc web', "svc'x", 'svc$(x)', 'a-very-long-name-16', '-svc', 'svc-', '12345', '$']) {
      await rejectsWith(checkAccountName(noPowerShell, name), planIssues(accountNameSchema, name, 'name'));
    }
  });
});
