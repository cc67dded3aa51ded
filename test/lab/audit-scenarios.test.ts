// The audit scenarios against real pwsh: risky-domain holds every planted finding as plantedFindings() describes it,
// read back through the lab's cmdlets (Get-ADServiceAccount, Get-ADUser, Get-ADGroup with the in-chain rule,
// Get-KdsRootKey, Get-ADDomainController) where that is cheap, and through the state file for the explicit ACEs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findScenario } from '../../electron/lab/scenarios.js';
import {
  BADSUCCESSOR_OU,
  HELPDESK_GROUP,
  KDS_READERS_GROUP,
  plantedFindings,
  RISKY_KDS_KEY_ID,
  SCHEMA_GUID,
} from '../../electron/lab/scenarios/risky-domain.js';
import { labStateSchema, type AdObject, type LabState } from '../../electron/lab/state.js';
import { labState, sharedLabSession } from '../helpers/lab.js';

const useLab = sharedLabSession();
const BASE = 'DC=contoso,DC=com';

const byName = (state: LabState, name: string): AdObject => {
  const o = state.objects.find((x) => x.samAccountName === name || x.distinguishedName === name);
  assert.ok(o, `no object ${name}`);
  return o;
};
const sidOf = (state: LabState, group: string): string => byName(state, group).objectSid ?? assert.fail(group);

describe('risky-domain: one of each planted finding', () => {
  const lab = useLab('risky-domain');

  it('builds a schema-valid state; plantedFindings() names one subject per kind, each in the directory', () => {
    const state = labStateSchema.parse(findScenario('risky-domain')?.build(new Date()));
    const planted = plantedFindings();
    assert.equal(new Set(planted.map((p) => p.kind)).size, planted.length);
    for (const p of planted) {
      if (p.subject === RISKY_KDS_KEY_ID) assert.equal(state.kdsRootKeys[0]?.keyId, p.subject);
      else assert.ok(byName(state, p.subject), p.subject);
    }
  });

  it('Get-ADServiceAccount lists the five managed accounts with their type', async () => {
    const rows = (await lab.run(
      "Get-ADServiceAccount -Filter * | Sort-Object SamAccountName | ForEach-Object { $_.SamAccountName + '|' + $_.ObjectClass }",
    )) as string[];
    assert.deepEqual(rows, [
      'dmsa-legacy$|msDS-DelegatedManagedServiceAccount',
      'gmsa-batch$|msDS-GroupManagedServiceAccount',
      'gmsa-report$|msDS-GroupManagedServiceAccount',
      'gmsa-web$|msDS-GroupManagedServiceAccount',
      'msa-legacy$|msDS-ManagedServiceAccount',
    ]);
  });

  it('gmsa-report$: Domain Users may retrieve the password; gmsa-web$: the Web Servers group', async () => {
    const [report, web] = (await lab.run(
      "'gmsa-report','gmsa-web' | ForEach-Object { ,@((Get-ADServiceAccount $_ -Properties PrincipalsAllowedToRetrieveManagedPassword).PrincipalsAllowedToRetrieveManagedPassword) }",
    )) as string[][];
    assert.deepEqual(report, [`CN=APP01,OU=Servers,${BASE}`, `CN=Domain Users,CN=Users,${BASE}`]);
    assert.deepEqual(web, [`CN=Web Servers,CN=Users,${BASE}`]);
  });

  it('gmsa-web$: the Helpdesk Team has Allow WriteProperty on msDS-GroupMSAMembership (explicit ACE)', () => {
    const state = labState(lab.dir);
    assert.deepEqual(byName(state, 'gmsa-web$').security?.access, [
      {
        sid: sidOf(state, HELPDESK_GROUP),
        rights: 'WriteProperty',
        type: 'Allow',
        objectType: SCHEMA_GUID.groupMsaMembership,
        inheritance: 'None',
      },
    ]);
  });

  it('msa-legacy$: an sMSA linked to APP01 (installed there) with RC4 only', async () => {
    const [row] = await lab.run(
      "$a = Get-ADServiceAccount msa-legacy -Properties KerberosEncryptionType, 'msDS-SupportedEncryptionTypes', HostComputers; [string]$a.KerberosEncryptionType + '|' + $a.'msDS-SupportedEncryptionTypes' + '|' + (@($a.HostComputers) -join ';') + '|' + (@(Get-ADComputerServiceAccount -Identity APP01 | ForEach-Object SamAccountName) -join ';')",
    );
    assert.equal(row, `RC4|4|CN=APP01,OU=Servers,${BASE}|msa-legacy$`);
    assert.deepEqual(labState(lab.dir).hosts.APP01?.installedAccounts, ['msa-legacy$']);
  });

  it('gmsa-batch$: a 30-day interval, the password last set 95 days ago (three intervals)', async () => {
    const [row] = (await lab.run(
      '$a = Get-ADServiceAccount gmsa-batch -Properties ManagedPasswordIntervalInDays, PasswordLastSet, pwdLastSet; @{ interval = $a.ManagedPasswordIntervalInDays; days = ((Get-Date) - $a.PasswordLastSet).TotalDays; ft = [long]$a.pwdLastSet }',
    )) as { interval: number; days: number; ft: number }[];
    assert.ok(row);
    assert.equal(row.interval, 30);
    assert.equal(Math.round(row.days), 95);
    // The others were rotated within their interval.
    const ages = (await lab.run(
      "Get-ADServiceAccount -Filter * -Properties PasswordLastSet | Where-Object { $_.SamAccountName -ne 'gmsa-batch$' } | ForEach-Object { ((Get-Date) - $_.PasswordLastSet).TotalDays }",
    )) as number[];
    assert.equal(ages.length, 4);
    for (const age of ages) assert.ok(age < 30, `age ${age}`);
  });

  it('the KDS root key: KDS Readers may read msKds-RootKeyData, no audit entry; KDS Readers holds the Helpdesk Team', async () => {
    const [keyId] = await lab.run('(Get-KdsRootKey).KeyId.ToString()');
    assert.equal(keyId, RISKY_KDS_KEY_ID);
    const state = labState(lab.dir);
    assert.deepEqual(state.kdsRootKeys[0]?.security, {
      access: [
        {
          sid: sidOf(state, KDS_READERS_GROUP),
          rights: 'ReadProperty',
          type: 'Allow',
          objectType: SCHEMA_GUID.kdsRootKeyData,
          inheritance: 'None',
        },
      ],
      audit: [],
      protected: false,
    });
    // helpdesk reaches KDS Readers through the Helpdesk Team: the in-chain rule finds both groups.
    const groups = (await lab.run(
      `Get-ADGroup -LDAPFilter '(member:1.2.840.113556.1.4.1941:=CN=helpdesk,CN=Users,${BASE})' | ForEach-Object Name | Sort-Object`,
    )) as string[];
    for (const g of [HELPDESK_GROUP, KDS_READERS_GROUP]) assert.ok(groups.includes(g), `${g} in ${groups.join(', ')}`);
  });

  it('DC02 runs Windows Server 2025; OU=App Servers lets the Helpdesk Team create children of every class', async () => {
    const dcs = await lab.run(
      "Get-ADDomainController -Filter * | Sort-Object Name | ForEach-Object { $_.Name + '|' + $_.OperatingSystem + '|' + $_.OperatingSystemVersion }",
    );
    assert.deepEqual(dcs, [
      'DC01|Windows Server 2022 Datacenter|10.0 (20348)',
      'DC02|Windows Server 2025 Datacenter|10.0 (26100)',
    ]);
    const [ou] = await lab.run(`(Get-ADOrganizationalUnit -Identity '${BADSUCCESSOR_OU}').Name`);
    assert.equal(ou, 'App Servers');
    const state = labState(lab.dir);
    assert.deepEqual(byName(state, BADSUCCESSOR_OU).security?.access, [
      { sid: sidOf(state, HELPDESK_GROUP), rights: 'CreateChild, DeleteChild', type: 'Allow', inheritance: 'None' },
    ]);
    assert.ok(
      !state.objects.some(
        (o) => o.name === 'Domain Admins' && o.members.includes(`CN=${HELPDESK_GROUP},CN=Users,${BASE}`),
      ),
    );
  });

  it('dmsa-legacy$: preceded by Administrator (a Domain Admin), msDS-DelegatedMSAState 2', async () => {
    const dmsa = byName(labState(lab.dir), 'dmsa-legacy$');
    assert.equal(dmsa.objectClass, 'msDS-DelegatedManagedServiceAccount');
    assert.deepEqual(dmsa.attributes, {
      ...dmsa.attributes,
      'msDS-ManagedAccountPrecededByLink': `CN=Administrator,CN=Users,${BASE}`,
      'msDS-DelegatedMSAState': 2,
    });
    const [admins] = await lab.run(
      "@(Get-ADGroupMember -Identity 'Domain Admins' | ForEach-Object SamAccountName) -join ';'",
    );
    assert.equal(admins, 'Administrator');
  });

  it('svc-legacy: created and password set four years ago, never expires (0x10200), an SPN, enabled', async () => {
    const [u] = (await lab.run(
      '$u = Get-ADUser svc-legacy -Properties ServicePrincipalName, PasswordNeverExpires, PasswordLastSet, whenCreated, userAccountControl; @{ spn = @($u.ServicePrincipalName); never = $u.PasswordNeverExpires; uac = $u.userAccountControl; enabled = $u.Enabled; pwd = ((Get-Date) - $u.PasswordLastSet).TotalDays; created = ((Get-Date) - $u.whenCreated).TotalDays }',
    )) as { spn: string[]; never: boolean; uac: number; enabled: boolean; pwd: number; created: number }[];
    assert.ok(u);
    assert.deepEqual([u.spn, u.never, u.uac, u.enabled], [['HTTP/legacy.contoso.com'], true, 0x10200, true]);
    assert.equal(Math.round(u.pwd), 4 * 365);
    assert.equal(Math.round(u.created), 4 * 365);
  });
});
