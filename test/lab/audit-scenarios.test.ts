// The audit scenarios against real pwsh: risky-domain holds every planted finding as plantedFindings() describes it,
// read back through the lab's cmdlets (Get-ADServiceAccount, Get-ADUser, Get-ADGroup with the in-chain rule,
// Get-KdsRootKey, Get-ADDomainController) where that is cheap, and through the state file for the explicit ACEs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findScenario } from '../../electron/lab/scenarios.js';
import { chainGroup, fleetOu, LARGE_GROUPS_OU, largeDomainPlanted } from '../../electron/lab/scenarios/large-domain.js';
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

/** PowerShell: the explicit access rules of the security descriptor in `$sd`, one 'sid|rights|type|objectType|inheritance' line each. */
const EXPLICIT_ACES =
  "$sd.GetAccessRules($true, $false, [System.Security.Principal.SecurityIdentifier]) | ForEach-Object { $_.IdentityReference.Value + '|' + $_.ActiveDirectoryRights + '|' + $_.AccessControlType + '|' + $_.ObjectType + '|' + $_.InheritanceType }";
const ALL_CLASSES = '00000000-0000-0000-0000-000000000000';

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

  it('gmsa-web$: the Helpdesk Team has Allow WriteProperty on msDS-GroupMSAMembership (explicit ACE)', async () => {
    const helpdesk = sidOf(labState(lab.dir), HELPDESK_GROUP);
    const aces = (await lab.run(
      `$sd = (Get-ADServiceAccount gmsa-web -Properties nTSecurityDescriptor).nTSecurityDescriptor; ${EXPLICIT_ACES}`,
    )) as string[];
    // Besides the class default (Domain Admins, Account Operators, SYSTEM, ...): the one planted entry.
    assert.deepEqual(
      aces.filter((a) => a.startsWith(`${helpdesk}|`)),
      [`${helpdesk}|WriteProperty|Allow|${SCHEMA_GUID.groupMsaMembership}|None`],
    );
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
    const readers = sidOf(labState(lab.dir), KDS_READERS_GROUP);
    const [name, audits, ...aces] = (await lab.run(
      `$k = Get-ADObject -SearchBase ('CN=Master Root Keys,CN=Group Key Distribution Service,CN=Services,' + (Get-ADRootDSE).configurationNamingContext) -LDAPFilter '(objectClass=msKds-ProvRootKey)' -Properties nTSecurityDescriptor; $sd = $k.nTSecurityDescriptor; $k.Name; @($sd.GetAuditRules($true, $true, [System.Security.Principal.SecurityIdentifier])).Count; ${EXPLICIT_ACES}`,
    )) as [string, number, ...string[]];
    assert.equal(name, RISKY_KDS_KEY_ID);
    // Read Property and Control Access on the confidential msKds-RootKeyData: enough to read it. No SACL entry.
    assert.ok(
      aces.includes(`${readers}|ReadProperty, ExtendedRight|Allow|${SCHEMA_GUID.kdsRootKeyData}|None`),
      aces.join('\n'),
    );
    assert.equal(audits, 0);
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
    const helpdesk = sidOf(state, HELPDESK_GROUP);
    const aces = (await lab.run(
      `$sd = (Get-ADOrganizationalUnit -Identity '${BADSUCCESSOR_OU}' -Properties nTSecurityDescriptor).nTSecurityDescriptor; ${EXPLICIT_ACES}`,
    )) as string[];
    assert.deepEqual(
      aces.filter((a) => a.startsWith(`${helpdesk}|`)),
      [`${helpdesk}|CreateChild, DeleteChild|Allow|${ALL_CLASSES}|None`],
    );
    assert.ok(
      !state.objects.some(
        (o) => o.name === 'Domain Admins' && o.members.includes(`CN=${HELPDESK_GROUP},CN=Users,${BASE}`),
      ),
    );
  });

  it('dmsa-legacy$: preceded by Administrator (a Domain Admin), msDS-DelegatedMSAState 2', async () => {
    const [row] = await lab.run(
      "$d = Get-ADServiceAccount dmsa-legacy -Properties 'msDS-ManagedAccountPrecededByLink', 'msDS-DelegatedMSAState'; $d.ObjectClass + '|' + (@($d.'msDS-ManagedAccountPrecededByLink') -join ';') + '|' + $d.'msDS-DelegatedMSAState'",
    );
    assert.equal(row, `msDS-DelegatedManagedServiceAccount|CN=Administrator,CN=Users,${BASE}|2`);
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

/** How deep `dn` nests groups below it (a group holding only accounts is 1). */
function nestingDepth(byDn: ReadonlyMap<string, AdObject>, dn: string): number {
  const o = byDn.get(dn);
  if (o?.objectClass !== 'group') return 0;
  return 1 + Math.max(0, ...o.members.map((m) => nestingDepth(byDn, m)));
}

describe('large-domain: what the audit must stay fast on', () => {
  const state = labStateSchema.parse(findScenario('large-domain')?.build(new Date()));
  const generated = (cls: AdObject['objectClass'], under: string): AdObject[] =>
    state.objects.filter((o) => o.objectClass === cls && o.distinguishedName.endsWith(under));

  it('2,000 computers in 20 OUs, 300 managed accounts (280 gMSAs, 20 sMSAs), 400 groups nested five deep', () => {
    const computers = state.objects.filter((o) => o.objectClass === 'computer' && /^SRV\d{4}$/.test(o.name));
    assert.equal(computers.length, 2000);
    const ous = new Set(computers.map((c) => c.distinguishedName.slice(c.distinguishedName.indexOf(',') + 1)));
    assert.equal(ous.size, 20);
    assert.deepEqual(
      [...ous].sort(),
      Array.from({ length: 20 }, (_, i) => fleetOu(i + 1)),
    );
    const gmsas = generated('msDS-GroupManagedServiceAccount', BASE);
    const smsas = generated('msDS-ManagedServiceAccount', BASE);
    assert.deepEqual([gmsas.length, smsas.length], [280, 20]);
    const groups = generated('group', LARGE_GROUPS_OU);
    assert.equal(groups.length, 400);
    const byDn = new Map(state.objects.map((o) => [o.distinguishedName, o]));
    const depths = groups.map((g) => nestingDepth(byDn, g.distinguishedName));
    assert.equal(Math.max(...depths), 5);
    // Every computer is reached from exactly one chain's top group; most gMSAs name a group, every tenth a computer.
    for (const c of computers)
      assert.equal(state.objects.filter((g) => g.members.includes(c.distinguishedName)).length, 2);
    const viaGroup = gmsas.filter(
      (a) => byDn.get(a.principalsAllowedToRetrieveManagedPassword[0] ?? '')?.objectClass === 'group',
    );
    assert.equal(viaGroup.length, 252);
    for (const s of smsas)
      assert.equal(byDn.get(s.hostComputers[0] ?? '')?.hostServiceAccounts.includes(s.distinguishedName), true);
  });

  it('50 OUs each with one delegation ACE: admin groups, one-class teams, and the three planted BadSuccessor OUs', () => {
    const delegated = state.objects.filter(
      (o) => o.objectClass === 'organizationalUnit' && (o.security?.access.length ?? 0) > 0,
    );
    assert.equal(delegated.length, 50);
    const badSuccessor = largeDomainPlanted().filter((p) => p.kind === 'badsuccessor-ou');
    assert.equal(badSuccessor.length, 3);
    const adminSids = ['S-1-5-32-544', `${state.domain.domainSid}-512`];
    for (const ou of delegated) {
      const [entry] = ou.security?.access ?? [];
      assert.ok(entry);
      const open =
        !adminSids.includes(entry.sid) &&
        (/GenericAll|WriteDacl|WriteOwner/.test(entry.rights) ||
          (/CreateChild/.test(entry.rights) && entry.objectType === undefined));
      assert.equal(
        open,
        badSuccessor.some((p) => p.subject === ou.distinguishedName),
        ou.distinguishedName,
      );
    }
    assert.ok(state.domainControllers.some((dc) => dc.operatingSystem.includes('2025')));
  });

  it('largeDomainPlanted() names subjects that exist: three OUs, two gMSAs, one sMSA', () => {
    const planted = largeDomainPlanted();
    assert.equal(planted.length, 6);
    for (const p of planted) assert.ok(byName(state, p.subject), p.subject);
  });

  it('the same moment builds the same state (seeded GUIDs, no random churn)', () => {
    const at = new Date('2026-12-01T08:00:00Z');
    const build = (): string => JSON.stringify(findScenario('large-domain')?.build(at).objects.slice(-2700));
    assert.equal(build(), build());
  });

  describe('read back through the lab cmdlets', () => {
    const lab = useLab('large-domain');

    it('Get-ADServiceAccount -Filter * lists the 300 managed accounts', async () => {
      const [count] = await lab.run('@(Get-ADServiceAccount -Filter *).Count');
      assert.equal(count, 300);
    });

    it('a gMSA retrieved through a chain: its top group reaches 26 computers (Get-ADGroupMember -Recursive)', async () => {
      const [row] = await lab.run(
        `$a = Get-ADServiceAccount gmsa-app001 -Properties PrincipalsAllowedToRetrieveManagedPassword; $g = @($a.PrincipalsAllowedToRetrieveManagedPassword)[0]; $g + '|' + @(Get-ADGroupMember -Identity $g -Recursive | Where-Object objectClass -eq 'computer').Count`,
      );
      assert.equal(row, `CN=${chainGroup(1, 1)},${LARGE_GROUPS_OU}|26`);
    });
  });
});
