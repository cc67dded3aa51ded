// The lab ActiveDirectory module's reads, as scripts written against the real module use them (issue 13): LDAP
// filters as Windows parses them (the short NOT form, the 803/804/1941 matching rules), the Builtin container and its
// well-known groups, -Target/-Scope errors of the replication cmdlets, varied password and logon data with the
// password-policy cmdlets, and the default display of AD objects.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SCENARIOS } from '../../electron/lab/scenarios.js';
import { sharedLabSession } from '../helpers/lab.js';

const BASE = 'DC=contoso,DC=com';
const NOT_FOUND = 'Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException';
const SERVER_DOWN = 'Microsoft.ActiveDirectory.Management.ADServerDownException';

// One PowerShell session for the whole file, re-bound to each describe block's own lab.
const useLab = sharedLabSession();

const names = async (lab: ReturnType<typeof useLab>, code: string): Promise<string[]> =>
  (await lab.run(`${code} | ForEach-Object { [string]$_.Name } | Sort-Object`)) as string[];

describe('LDAP filters as Windows parses them', () => {
  const lab = useLab('healthy');

  it('(!attr:1.2.840.113556.1.4.803:=2) — a NOT whose operand has no parentheses of its own — is (!(…))', async () => {
    // helpdesk disabled (ACCOUNTDISABLE, bit 2 of userAccountControl).
    await lab.run(
      `Update-LabState -Script { param($s) ($s.objects | Where-Object { $_.name -eq 'helpdesk' }).enabled = $false } | Out-Null`,
    );
    const enabledShort = await names(lab, `Get-ADUser -LDAPFilter '(!userAccountControl:1.2.840.113556.1.4.803:=2)'`);
    const enabledLong = await names(lab, `Get-ADUser -LDAPFilter '(!(userAccountControl:1.2.840.113556.1.4.803:=2))'`);
    assert.ok(enabledShort.includes('Administrator'));
    assert.ok(!enabledShort.includes('helpdesk'));
    assert.deepEqual(enabledShort, enabledLong);
    const notAndy = await names(lab, `Get-ADUser -LDAPFilter '(&(objectClass=user)(!cn=helpdesk))'`);
    assert.ok(notAndy.includes('Administrator'));
    assert.ok(!notAndy.includes('helpdesk'));
  });

  it('803 is bitwise AND, 804 bitwise OR (decimal values only); an unsupported rule is refused', async () => {
    // NORMAL_ACCOUNT (512) | ACCOUNTDISABLE (2) = 514: AND needs both bits (the disabled users), OR either (all).
    const disabled = await names(lab, `Get-ADUser -Filter 'Enabled -eq $false'`);
    assert.ok(disabled.includes('helpdesk'));
    assert.deepEqual(
      await names(lab, `Get-ADUser -LDAPFilter '(userAccountControl:1.2.840.113556.1.4.803:=514)'`),
      disabled,
    );
    assert.deepEqual(
      await names(lab, `Get-ADUser -LDAPFilter '(userAccountControl:1.2.840.113556.1.4.804:=514)'`),
      await names(lab, `Get-ADUser -Filter *`),
    );
    const hex = await lab.fail(`Get-ADUser -LDAPFilter '(userAccountControl:1.2.840.113556.1.4.803:=0x2)'`);
    assert.equal(hex.fqid, 'ActiveDirectoryServer:8254,Microsoft.ActiveDirectory.Management.Commands.GetADUser');
    const rule = await lab.fail(`Get-ADUser -LDAPFilter '(userAccountControl:1.2.3.4:=2)'`);
    assert.equal(rule.fqid, 'ActiveDirectoryServer:8254,Microsoft.ActiveDirectory.Management.Commands.GetADUser');
  });

  it('1.2.840.113556.1.4.1941 (in chain) follows memberOf and member through nested groups', async () => {
    await lab.run(`
New-ADGroup -Name 'Outer' -GroupScope Global
New-ADGroup -Name 'Inner' -GroupScope Global
Add-ADGroupMember -Identity 'Outer' -Members 'Inner'
Add-ADGroupMember -Identity 'Inner' -Members 'helpdesk'`);
    const outer = `CN=Outer,CN=Users,${BASE}`;
    const direct = await names(lab, `Get-ADObject -LDAPFilter '(memberOf=${outer})'`);
    assert.deepEqual(direct, ['Inner']);
    const nested = await names(lab, `Get-ADObject -LDAPFilter '(memberOf:1.2.840.113556.1.4.1941:=${outer})'`);
    assert.deepEqual(nested, ['helpdesk', 'Inner']);
    const groupsOfHelpdesk = await names(
      lab,
      `Get-ADGroup -LDAPFilter '(member:1.2.840.113556.1.4.1941:=CN=helpdesk,CN=Users,${BASE})'`,
    );
    assert.ok(groupsOfHelpdesk.includes('Outer') && groupsOfHelpdesk.includes('Inner'), groupsOfHelpdesk.join());
  });

  it('an OR of many objectSid / distinguishedName / sAMAccountName terms finds each named object once, in any case', async () => {
    const [r] = (await lab.run(`
$objects = @(Get-ADObject -LDAPFilter '(|(objectClass=user)(objectClass=group))' -Properties objectSid | Where-Object { $_.objectSid } | Select-Object -First 12)
$terms = @()
foreach ($o in $objects[0..3]) { $terms += '(objectSid=' + $o.objectSid + ')' }
foreach ($o in $objects[4..7]) { $terms += '(distinguishedName=' + ([string]$o.DistinguishedName).ToUpperInvariant() + ')' }
foreach ($o in $objects[8..11]) { $terms += '(sAMAccountName=' + (Get-ADObject -Identity $o.DistinguishedName -Properties sAMAccountName).sAMAccountName + ')' }
$terms += '(objectSid=S-1-5-21-1-2-3-999999)', '(distinguishedName=CN=nobody,${BASE})'
$found = @(Get-ADObject -LDAPFilter ('(|' + ($terms -join '') + ')') | ForEach-Object { [string]$_.DistinguishedName } | Sort-Object)
@{ found = $found; expected = @($objects | ForEach-Object { [string]$_.DistinguishedName } | Sort-Object) }`)) as {
      found: string[];
      expected: string[];
    }[];
    assert.equal(r?.found.length, 12);
    assert.deepEqual(r?.found, r?.expected);
  });

  it('in chain through a cycle and five levels: each object once, the same answer from a base-scope check', async () => {
    // L1 > L2 > L3 > L4 > L5 > helpdesk, and L5 > L1 (a cycle: every level is nested in every level).
    await lab.run(`
foreach ($n in 1..5) { New-ADGroup -Name "L$n" -GroupScope Global }
foreach ($n in 1..4) { Add-ADGroupMember -Identity "L$n" -Members "L$($n + 1)" }
Add-ADGroupMember -Identity 'L5' -Members 'helpdesk', 'L1'`);
    const l1 = `CN=L1,CN=Users,${BASE}`;
    const l3 = `CN=L3,CN=Users,${BASE}`;
    const helpdesk = `CN=helpdesk,CN=Users,${BASE}`;
    assert.deepEqual(await names(lab, `Get-ADObject -LDAPFilter '(memberOf:1.2.840.113556.1.4.1941:=${l3})'`), [
      'helpdesk',
      'L1',
      'L2',
      'L3',
      'L4',
      'L5',
    ]);
    assert.deepEqual(
      await names(
        lab,
        `Get-ADGroup -LDAPFilter '(member:1.2.840.113556.1.4.1941:=${helpdesk})' -SearchBase 'CN=Users,${BASE}' | Where-Object { $_.Name -like 'L?' }`,
      ),
      ['L1', 'L2', 'L3', 'L4', 'L5'],
    );
    // Microsoft's "is user1 in group1" form: the object itself as the base, scope Base.
    const isIn = await lab.run(
      `@(Get-ADObject -SearchBase '${helpdesk}' -SearchScope Base -LDAPFilter '(memberOf:1.2.840.113556.1.4.1941:=${l1})').Count`,
    );
    assert.deepEqual(isIn, [1]);
  });
});

describe('replication cmdlets: -Target naming an unknown site, domain or forest', () => {
  const lab = useLab('multi-dc-replication');

  for (const cmdlet of ['Get-ADReplicationFailure', 'Get-ADReplicationPartnerMetadata']) {
    const cls = `Microsoft.ActiveDirectory.Management.Commands.${cmdlet.replace('-', '')}`;
    it(`${cmdlet} -Scope Site -Target <unknown site> is ADIdentityNotFoundException under CN=Sites`, async () => {
      const error = await lab.fail(`${cmdlet} -Scope Site -Target 'No-Such-Site'`);
      assert.equal(error.fqid, `ActiveDirectoryCmdlet:${NOT_FOUND},${cls}`);
      assert.equal(error.type, NOT_FOUND);
      assert.equal(error.category, 'ObjectNotFound');
      assert.equal(
        error.message,
        `Cannot find an object with identity: 'No-Such-Site' under: 'CN=Sites,CN=Configuration,${BASE}'.`,
      );
    });

    it(`${cmdlet} -Scope Domain/Forest -Target <unknown name> cannot locate a DC (ADServerDownException)`, async () => {
      for (const scope of ['Domain', 'Forest']) {
        const error = await lab.fail(`${cmdlet} -Scope ${scope} -Target 'fabrikam.com'`);
        assert.equal(error.fqid, `ActiveDirectoryServer:0,${cls}`);
        assert.equal(error.type, SERVER_DOWN);
      }
    });
  }

  it('known targets still answer: the branch site, the domain by DNS and NetBIOS name, the forest', async () => {
    const [r] = (await lab.run(`[ordered]@{
  site = @(Get-ADReplicationPartnerMetadata -Scope Site -Target 'Branch-Site').Count
  domain = @(Get-ADReplicationPartnerMetadata -Scope Domain -Target 'contoso.com').Count
  netbios = @(Get-ADReplicationPartnerMetadata -Scope Domain -Target 'CONTOSO').Count
  forest = @(Get-ADReplicationPartnerMetadata -Scope Forest -Target 'contoso.com').Count
}`)) as [Record<string, number>];
    assert.equal(r.site, 1);
    assert.equal(r.domain, 2);
    assert.equal(r.netbios, 2);
    assert.equal(r.forest, 2);
  });
});

describe('AD objects print as on Windows', () => {
  const lab = useLab('healthy');
  /** The property names of a list view, in order ("Name : value" lines of Out-String). */
  const listed = async (code: string): Promise<string[]> => {
    const [text] = (await lab.run(`${code} | Out-String -Width 250`)) as [string];
    return text
      .split(/\r?\n/)
      .filter((line) => /^\S[^:]*?\s*:/.test(line))
      .map((line) => line.split(':')[0]?.trim() ?? '');
  };

  it('Get-ADUser: a list of the default property set (plus -Properties), alphabetical, nothing else', async () => {
    assert.deepEqual(await listed(`Get-ADUser -Identity Administrator`), [
      'DistinguishedName',
      'Enabled',
      'GivenName',
      'Name',
      'ObjectClass',
      'ObjectGUID',
      'SamAccountName',
      'SID',
      'Surname',
      'UserPrincipalName',
    ]);
    const withDescription = await listed(`Get-ADUser -Identity Administrator -Properties Description`);
    assert.equal(withDescription[0], 'Description');
    assert.ok(!withDescription.includes('Identity'));
  });

  it('Get-ADGroup and Get-ADDomainController: their default sets as lists, no lab-only Identity', async () => {
    assert.deepEqual(await listed(`Get-ADGroup -Identity 'Domain Admins'`), [
      'DistinguishedName',
      'GroupCategory',
      'GroupScope',
      'Name',
      'ObjectClass',
      'ObjectGUID',
      'SamAccountName',
      'SID',
    ]);
    const dc = await listed(`Get-ADDomainController -Identity DC01`);
    assert.ok(dc.includes('HostName') && dc.includes('Site'), dc.join());
    assert.ok(!dc.includes('Identity'));
  });
});

describe('CN=Builtin and the well-known builtin groups', () => {
  for (const scenario of ['healthy', 'legacy-levels', 'multi-dc-replication']) {
    describe(scenario, () => {
      const lab = useLab(scenario);
      it('CN=Builtin is a builtinDomain holding the builtin groups a Server 2022 DC lists, with their real SIDs', async () => {
        const [r] = (await lab.run(`
$b = Get-ADObject -Identity 'CN=Builtin,${BASE}'
$groups = @(Get-ADGroup -Filter * -SearchBase 'CN=Builtin,${BASE}' -SearchScope OneLevel -Properties groupType, sAMAccountType)
$admins = Get-ADGroup -Identity 'S-1-5-32-544'
[ordered]@{
  cls = [string]$b.ObjectClass
  count = $groups.Count
  sids = @($groups | ForEach-Object { [string]$_.SID } | Sort-Object)
  scopes = @($groups | ForEach-Object { [string]$_.GroupScope } | Sort-Object -Unique)
  types = @($groups | ForEach-Object { $_.groupType } | Sort-Object -Unique)
  samTypes = @($groups | ForEach-Object { $_.sAMAccountType } | Sort-Object -Unique)
  admins = $admins.DistinguishedName
  adminMembers = @(Get-ADGroupMember -Identity $admins | ForEach-Object { $_.name } | Sort-Object)
  usersMembers = @(Get-ADGroupMember -Identity 'S-1-5-32-545' | ForEach-Object { $_.name })
  nested = @(Get-ADGroupMember -Identity 'Administrators' -Recursive | ForEach-Object { $_.name } | Sort-Object -Unique)
}`)) as [Record<string, unknown>];
        assert.equal(r.cls, 'builtinDomain');
        assert.equal(r.count, 28);
        for (const rid of [544, 545, 546, 548, 549, 550, 551, 552, 555, 556, 558, 559, 562, 568, 569, 573, 574]) {
          assert.ok((r.sids as string[]).includes(`S-1-5-32-${rid}`), `S-1-5-32-${rid}`);
        }
        assert.deepEqual(r.scopes, ['DomainLocal']);
        // 0x80000005: SECURITY_ENABLED | DOMAIN_LOCAL | BUILTIN_LOCAL_GROUP; sAMAccountType SAM_ALIAS_OBJECT.
        assert.deepEqual(r.types, [-2147483643]);
        assert.deepEqual(r.samTypes, [536870912]);
        assert.equal(r.admins, `CN=Administrators,CN=Builtin,${BASE}`);
        assert.deepEqual(r.adminMembers, ['Administrator', 'Domain Admins', 'Enterprise Admins']);
        assert.deepEqual(r.usersMembers, ['Domain Users']);
        assert.deepEqual(r.nested, ['Administrator']);
      });
    });
  }
});

describe('password and logon data, and the password-policy cmdlets', () => {
  const lab = useLab('healthy');
  const DAY = 86_400_000;
  const NEVER = '9223372036854775807';
  interface Account {
    name: string;
    enabled: boolean;
    pwdLastSet: string;
    pwdType: string;
    passwordLastSet: number | null;
    lastLogonDate: number | null;
    lastLogonTimestamp: string | null;
    accountExpirationDate: number | null;
    neverExpires: boolean;
    expired: boolean;
    expiry: string;
    computed: number;
  }
  const accounts = async (): Promise<Map<string, Account>> => {
    const rows = (await lab.run(`
$ms = { param($d) if ($null -eq $d) { $null } else { [long]($d.ToUniversalTime() - [datetime]'1970-01-01').TotalMilliseconds } }
Get-ADUser -Filter * -Properties pwdLastSet, PasswordLastSet, LastLogonDate, lastLogonTimestamp, AccountExpirationDate, PasswordNeverExpires, PasswordExpired, 'msDS-UserPasswordExpiryTimeComputed', 'msDS-User-Account-Control-Computed' | ForEach-Object {
  [ordered]@{
    name = $_.Name; enabled = $_.Enabled
    pwdLastSet = [string]$_.pwdLastSet; pwdType = $_.pwdLastSet.GetType().FullName
    passwordLastSet = & $ms $_.PasswordLastSet; lastLogonDate = & $ms $_.LastLogonDate
    lastLogonTimestamp = $(if ($null -eq $_.lastLogonTimestamp) { $null } else { [string]$_.lastLogonTimestamp })
    accountExpirationDate = & $ms $_.AccountExpirationDate
    neverExpires = $_.PasswordNeverExpires; expired = $_.PasswordExpired
    expiry = [string]$_.'msDS-UserPasswordExpiryTimeComputed'; computed = $_.'msDS-User-Account-Control-Computed'
  }
}`)) as Account[];
    return new Map(rows.map((r) => [r.name, r]));
  };
  /** A FILETIME (decimal string) as Unix milliseconds. */
  const fromFileTime = (ft: string): number => Number(BigInt(ft) / 10_000n - 11_644_473_600_000n);

  it('the same scenario built at the same moment gives the same data; the accounts spread over the password ages', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const healthy = SCENARIOS.find((sc) => sc.name === 'healthy');
    assert.ok(healthy !== undefined);
    const data = (): unknown =>
      healthy
        .build(now)
        .objects.filter((o) => o.objectClass === 'user')
        .map((o) => [o.name, o.enabled, o.attributes]);
    assert.deepEqual(data(), data());
    const pwdDays = healthy
      .build(now)
      .objects.filter((o) => o.objectClass === 'user' && o.attributes.pwdLastSet !== '0')
      .map((o) => Math.round((now.getTime() - fromFileTime(String(o.attributes.pwdLastSet))) / DAY));
    assert.ok(new Set(pwdDays).size >= 5, `varied password ages: ${pwdDays.join()}`);
  });

  it('FILETIME attributes are Int64, the friendly dates their conversion; expiry follows the resultant policy', async () => {
    const a = await accounts();
    const now = Date.now();
    for (const acct of a.values()) {
      assert.equal(acct.pwdType, 'System.Int64', acct.name);
      if (acct.pwdLastSet !== '0') assert.equal(acct.passwordLastSet, fromFileTime(acct.pwdLastSet), acct.name);
      if (acct.lastLogonTimestamp !== null) assert.equal(acct.lastLogonDate, fromFileTime(acct.lastLogonTimestamp));
      // UF_PASSWORD_EXPIRED (0x800000) in msDS-User-Account-Control-Computed is what PasswordExpired shows.
      assert.equal(acct.expired, (acct.computed & 0x800000) !== 0, acct.name);
    }
    const get = (name: string): Account => {
      const acct = a.get(name);
      assert.ok(acct !== undefined, name);
      return acct;
    };
    // Default Domain Policy: 42 days. helpdesk set 40 days ago: about to expire.
    const helpdesk = get('helpdesk');
    assert.equal(fromFileTime(helpdesk.expiry) - fromFileTime(helpdesk.pwdLastSet), 42 * DAY);
    assert.equal(helpdesk.expired, false);
    assert.ok(fromFileTime(helpdesk.expiry) - now < 7 * DAY);
    // jsmith: set 50 days ago, enabled, expired; last logon 45 days ago (stale).
    const jsmith = get('jsmith');
    assert.equal(jsmith.enabled, true);
    assert.equal(jsmith.expired, true);
    assert.ok(now - (jsmith.lastLogonDate ?? now) > 30 * DAY);
    // A service user whose password never expires: msDS-UserPasswordExpiryTimeComputed is 0x7FFFFFFFFFFFFFFF.
    const svc = get('svc-backup');
    assert.equal(svc.neverExpires, true);
    assert.equal(svc.expiry, NEVER);
    assert.equal(svc.expired, false);
    assert.ok(now - (svc.passwordLastSet ?? now) > 365 * DAY);
    // Administrator is in Domain Admins, which the 'Admins PSO' (90 days) applies to.
    const admin = get('Administrator');
    assert.equal(fromFileTime(admin.expiry) - fromFileTime(admin.pwdLastSet), 90 * DAY);
    // Never logged on: no lastLogonTimestamp, LastLogonDate $null. The contractor's account expires in 10 days.
    assert.equal(get('Guest').lastLogonTimestamp, null);
    assert.equal(get('Guest').lastLogonDate, null);
    const contractor = get('contractor').accountExpirationDate;
    assert.ok(contractor !== null && contractor > now && contractor - now <= 10 * DAY);
    assert.equal(get('helpdesk').accountExpirationDate, null);
  });

  it('the lab clock moves expiry: three days on, helpdesk has expired', async () => {
    await lab.run(`Update-LabState -Script { param($state) $state.clockOffsetSeconds += 3 * 86400 } | Out-Null`);
    assert.equal((await accounts()).get('helpdesk')?.expired, true);
    await lab.run(`Update-LabState -Script { param($state) $state.clockOffsetSeconds -= 3 * 86400 } | Out-Null`);
    assert.equal((await accounts()).get('helpdesk')?.expired, false);
  });

  it('Get-ADDefaultDomainPasswordPolicy, Get-ADFineGrainedPasswordPolicy, Get-ADUserResultantPasswordPolicy', async () => {
    const [r] = (await lab.run(`
$d = Get-ADDefaultDomainPasswordPolicy
$f = @(Get-ADFineGrainedPasswordPolicy -Filter *)
[ordered]@{
  type = $d.GetType().FullName; dn = $d.DistinguishedName
  max = $d.MaxPasswordAge.TotalDays; maxType = $d.MaxPasswordAge.GetType().FullName; min = $d.MinPasswordAge.TotalDays
  len = $d.MinPasswordLength; history = $d.PasswordHistoryCount; complex = $d.ComplexityEnabled; threshold = $d.LockoutThreshold
  byName = (Get-ADDefaultDomainPasswordPolicy -Identity 'contoso.com').MaxPasswordAge.TotalDays
  psos = @($f | ForEach-Object { $_.Name }); psoType = $f[0].GetType().FullName
  psoMax = $f[0].MaxPasswordAge.TotalDays; precedence = $f[0].Precedence; appliesTo = @($f[0].AppliesTo)
  filtered = @(Get-ADFineGrainedPasswordPolicy -Filter 'Precedence -gt 10').Count
  byIdentity = (Get-ADFineGrainedPasswordPolicy -Identity 'Admins PSO').MinPasswordLength
  admin = (Get-ADUserResultantPasswordPolicy -Identity Administrator).Name
  helpdesk = @(Get-ADUserResultantPasswordPolicy -Identity helpdesk).Count
}`)) as [Record<string, unknown>];
    assert.deepEqual(r, {
      type: 'Microsoft.ActiveDirectory.Management.ADDefaultDomainPasswordPolicy',
      dn: BASE,
      max: 42,
      maxType: 'System.TimeSpan',
      min: 1,
      len: 7,
      history: 24,
      complex: true,
      threshold: 0,
      byName: 42,
      psos: ['Admins PSO'],
      psoType: 'Microsoft.ActiveDirectory.Management.ADFineGrainedPasswordPolicy',
      psoMax: 90,
      precedence: 10,
      appliesTo: [`CN=Domain Admins,CN=Users,${BASE}`],
      filtered: 0,
      byIdentity: 15,
      admin: 'Admins PSO',
      helpdesk: 0,
    });
    const missing = await lab.fail(`Get-ADFineGrainedPasswordPolicy -Identity 'No PSO'`);
    assert.equal(
      missing.fqid,
      `ActiveDirectoryCmdlet:${NOT_FOUND},Microsoft.ActiveDirectory.Management.Commands.GetADFineGrainedPasswordPolicy`,
    );
    // -Identity of the domain-wide cmdlets names this domain (any case) or nothing.
    assert.deepEqual(await lab.run(`(Get-ADDefaultDomainPasswordPolicy -Identity 'CONTOSO').MinPasswordLength`), [7]);
    for (const cmdlet of ['Get-ADDefaultDomainPasswordPolicy', 'Get-ADDomain']) {
      const other = await lab.fail(`${cmdlet} -Identity 'fabrikam.com'`);
      assert.match(other.fqid, new RegExp(`^ActiveDirectoryCmdlet:${NOT_FOUND.replace(/\./g, '\\.')},`));
    }
  });
});
