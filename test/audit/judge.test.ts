// The audit's judging, pure (no PowerShell): facts as the script answers them (parse.ts records), findings out.
// Each rule of the catalog on the cases that decide it: group nesting to the leaf with its path, disabled computers,
// users, broad groups nested in a group; who is excluded (admins, placeholders, an empty Account Operators);
// inherit-only rules and rules limited to another class; BadSuccessor's severity with and without a 2025 DC; KDS
// readers with and without Control Access; an unreadable SACL; the users that should be managed accounts. And the
// catalog: every kind has every field, and names reach its commands as PowerShell data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FINDING_KINDS, KINDS, makeFinding } from '../../electron/common/audit/findings.js';
import { judge } from '../../electron/common/audit/judge.js';
import { parseAuditAnswer, type AuditFacts } from '../../electron/common/audit/parse.js';

const SID = 'S-1-5-21-1-2-3';
const BASE = 'DC=contoso,DC=com';
const NOW = '2026-12-05T12:00:00.000Z';
const EMPTY = '00000000-0000-0000-0000-000000000000';
const GMSA_CLASS = '7b8b558a-93a5-4af7-adca-c017e67f1057';
const MEMBERSHIP = '888eedd6-ce04-df40-b462-b8a50e41ba38';
const ROOT_KEY_DATA = '26627c27-08a2-0a40-a1b1-8dce85b42993';
const daysAgo = (n: number): string => new Date(Date.parse(NOW) - n * 86_400_000).toISOString();
/** The script's first record: where and when it read, as a Domain Admin on WEB01 (`more` overrides). */
const context = (more: Record<string, unknown> = {}) => ({
  type: 'context',
  domain: 'CONTOSO',
  dnsRoot: 'contoso.com',
  domainDn: BASE,
  domainSid: SID,
  domainController: 'DC01',
  now: NOW,
  readSacl: true,
  computer: 'WEB01',
  ...more,
});

const rule = (sid: string, rights: string, bits: number, more: Record<string, unknown> = {}) => ({
  sid,
  rights,
  bits,
  objectType: EMPTY,
  inheritedObjectType: EMPTY,
  inherited: false,
  inheritance: 'None',
  ...more,
});
const adminRules = [rule(`${SID}-512`, 'GenericAll', 0xf01ff), rule('S-1-5-18', 'GenericAll', 0xf01ff)];
const security = (access: unknown[] = [], audit: unknown[] | null = []) => ({
  owner: `${SID}-512`,
  protected: false,
  access: [...adminRules, ...access],
  audit,
});
const group = (name: string, rid: number | string, members: string[], parent = `CN=Users,${BASE}`) => ({
  type: 'group',
  name,
  sam: name,
  dn: `CN=${name},${parent}`,
  sid: typeof rid === 'string' ? rid : `${SID}-${rid}`,
  members,
});
const computer = (name: string, rid: number, enabled = true) => ({
  type: 'principal',
  objectClass: 'computer',
  sam: `${name}$`,
  dn: `CN=${name},OU=Servers,${BASE}`,
  sid: `${SID}-${rid}`,
  enabled,
});
const gmsa = (sam: string, more: Record<string, unknown> = {}) => ({
  type: 'account',
  objectClass: 'msDS-GroupManagedServiceAccount',
  sam: `${sam}$`,
  name: sam,
  dn: `CN=${sam},CN=Managed Service Accounts,${BASE}`,
  sid: `${SID}-2000`,
  dnsHostName: `${sam}.contoso.com`,
  enabled: true,
  created: daysAgo(10),
  passwordLastSet: daysAgo(5),
  intervalDays: 30,
  lastLogon: daysAgo(1),
  encryptionTypes: 24,
  spns: [],
  retrievers: [],
  linkedHosts: [],
  unconstrained: false,
  protocolTransition: false,
  allowedToDelegateTo: [],
  memberOf: [],
  precededBy: null,
  dmsaState: null,
  security: security(),
  ...more,
});

/** Facts of a small domain: the records the script writes, plus `extra`. */
function facts(extra: unknown[], dcOs = 'Windows Server 2022 Datacenter'): AuditFacts {
  return parseAuditAnswer([
    context({ domainController: 'DC01.contoso.com' }),
    {
      type: 'dc',
      name: 'DC01',
      hostName: 'DC01.contoso.com',
      operatingSystem: dcOs,
      // The build a DC of that OS reports (2025: 26100): the audit decides by version, as the health check does.
      version: /2025/.test(dcOs) ? '10.0 (26100)' : '10.0 (20348)',
    },
    { type: 'kds', keyId: 'k1', created: daysAgo(100), effective: daysAgo(99) },
    {
      type: 'kdsObject',
      keyId: 'k1',
      dn: `CN=k1,CN=Master Root Keys,${BASE}`,
      created: daysAgo(100),
      security: security(
        [],
        [{ sid: 'S-1-1-0', rights: 'ReadProperty', bits: 0x10, flags: 'Success', objectType: ROOT_KEY_DATA }],
      ),
    },
    group('Domain Users', 513, []),
    group('Domain Admins', 512, [`CN=Administrator,CN=Users,${BASE}`]),
    ...extra,
    { type: 'count', queries: 12 },
  ]);
}

const kinds = (f: AuditFacts): string[] => judge(f).findings.map((x) => `${x.severity} ${x.kind} ${x.subject.name}`);

describe('retrievers', () => {
  it('resolves nested groups to the leaves, with the group path', () => {
    const f = facts([
      group('Web Hosts', 3001, [`CN=Web Tier,CN=Users,${BASE}`]),
      group('Web Tier', 3002, [`CN=WEB01,OU=Servers,${BASE}`, `CN=WEB02,OU=Servers,${BASE}`]),
      computer('WEB01', 1101),
      computer('WEB02', 1102, false),
      gmsa('gmsa-web', { retrievers: [`CN=Web Hosts,CN=Users,${BASE}`] }),
    ]);
    const j = judge(f);
    assert.deepEqual(
      j.accounts[0]?.retrievers.map((r) => `${r.name} ${r.kind} ${String(r.enabled)} via ${r.via.join(' > ')}`),
      [
        'CONTOSO\\WEB01$ computer true via CONTOSO\\Web Hosts > CONTOSO\\Web Tier',
        'CONTOSO\\WEB02$ computer false via CONTOSO\\Web Hosts > CONTOSO\\Web Tier',
      ],
    );
    const disabled = j.findings.find((x) => x.kind === 'gmsa-retriever-disabled-computer');
    assert.equal(disabled?.severity, 'low');
    assert.deepEqual(disabled.evidence, ['CONTOSO\\Web Hosts > CONTOSO\\Web Tier > CONTOSO\\WEB02$ (disabled)']);
    // Nested: out of the group that holds it, not out of the gMSA's list.
    assert.equal(
      disabled.fix.command,
      "Remove-ADGroupMember -Identity 'Web Tier' -Members 'CN=WEB02,OU=Servers,DC=contoso,DC=com' -Confirm:$false",
    );
  });

  it('flags a broad group named directly (critical) and keeps the other retrievers in the fix', () => {
    const f = facts([
      computer('APP01', 1102),
      gmsa('gmsa-report', { retrievers: [`CN=Domain Users,CN=Users,${BASE}`, `CN=APP01,OU=Servers,${BASE}`] }),
    ]);
    const found = judge(f).findings.find((x) => x.kind === 'gmsa-broad-retriever');
    assert.equal(found?.severity, 'critical');
    assert.equal(found.title, 'CONTOSO\\Domain Users can retrieve the password of gmsa-report$');
    assert.equal(
      found.fix.command,
      "Set-ADServiceAccount -Identity 'gmsa-report$' -PrincipalsAllowedToRetrieveManagedPassword @(,'APP01$')",
    );
  });

  it('flags a user reached through a group (high), and a broad group nested in one', () => {
    const f = facts([
      group('Report Readers', 3003, [`CN=alice,CN=Users,${BASE}`, `CN=Domain Users,CN=Users,${BASE}`]),
      {
        type: 'principal',
        objectClass: 'user',
        sam: 'alice',
        dn: `CN=alice,CN=Users,${BASE}`,
        sid: `${SID}-1200`,
        enabled: true,
      },
      gmsa('gmsa-x', { retrievers: [`CN=Report Readers,CN=Users,${BASE}`] }),
    ]);
    assert.deepEqual(kinds(f), ['critical gmsa-broad-retriever gmsa-x$', 'high gmsa-retriever-user gmsa-x$']);
    const user = judge(f).findings.find((x) => x.kind === 'gmsa-retriever-user');
    assert.deepEqual(user?.evidence, ['CONTOSO\\Report Readers > CONTOSO\\alice']);
  });
});

describe('who can change a gMSA', () => {
  const writable = (access: unknown[], extra: unknown[] = []) =>
    kinds(facts([...extra, gmsa('gmsa-web', { security: security(access) })]));

  it('names a non-admin with WriteProperty on msDS-GroupMSAMembership, as the ACE reads', () => {
    const f = facts([
      group('Helpdesk', 1400, []),
      gmsa('gmsa-web', {
        security: security([rule(`${SID}-1400`, 'WriteProperty', 0x20, { objectType: MEMBERSHIP })]),
      }),
    ]);
    const found = judge(f).findings.find((x) => x.kind === 'gmsa-membership-writable');
    assert.equal(found?.severity, 'high');
    assert.deepEqual(found.evidence, ['CONTOSO\\Helpdesk: Allow WriteProperty on msDS-GroupMSAMembership (explicit)']);
    assert.match(found.fix.command, /PurgeAccessRules/);
    assert.match(found.fix.command, /'S-1-5-21-1-2-3-1400'/);
  });

  it('ignores WriteProperty on another attribute, inherit-only rules and rules inherited for another class', () => {
    assert.deepEqual(
      writable([
        rule(`${SID}-1400`, 'WriteProperty', 0x20, { objectType: 'bf967a7f-0de6-11d0-a285-00aa003049e2' }),
        rule(`${SID}-1401`, 'GenericAll', 0xf01ff, { inherited: true, inheritance: 'Descendents' }),
        rule(`${SID}-1402`, 'GenericAll', 0xf01ff, {
          inherited: true,
          inheritance: 'All',
          inheritedObjectType: 'bf967aba-0de6-11d0-a285-00aa003049e2',
        }),
      ]),
      [],
    );
  });

  it('counts a rule inherited for gMSAs, WriteDacl, WriteOwner and a non-admin owner', () => {
    const f = facts([
      gmsa('gmsa-web', {
        security: {
          ...security([
            rule(`${SID}-1402`, 'GenericAll', 0xf01ff, {
              inherited: true,
              inheritance: 'All',
              inheritedObjectType: GMSA_CLASS,
            }),
            rule(`${SID}-1403`, 'WriteDacl', 0x40000),
          ]),
          owner: `${SID}-1404`,
        },
      }),
    ]);
    const found = judge(f).findings.find((x) => x.kind === 'gmsa-membership-writable');
    assert.equal(found?.evidence.length, 3);
    assert.match(found.evidence[2] ?? '', /: owner/);
    assert.match(found.fix.command, /foreach \(\$sid in @\(,'S-1-5-21-1-2-3-1403'\)\)/);
    assert.match(
      found.fix.command,
      /\$acl\.SetOwner\(\[System\.Security\.Principal\.SecurityIdentifier\]'S-1-5-21-1-2-3-512'\)/,
    );
    // The inherited rule is removed where it is set, not here.
    assert.match(found.fix.command, /rule is inherited: find where it is set/);
  });

  it('excludes the admins, SYSTEM, the DCs, CREATOR OWNER, SELF, and Account Operators while it is empty', () => {
    const everyExcluded = [
      rule(`${SID}-519`, 'GenericAll', 0xf01ff),
      rule('S-1-5-32-544', 'GenericAll', 0xf01ff),
      rule(`${SID}-516`, 'GenericAll', 0xf01ff),
      rule('S-1-5-9', 'GenericAll', 0xf01ff),
      rule('S-1-3-0', 'WriteProperty', 0x20),
      rule('S-1-5-10', 'WriteProperty', 0x20),
      rule('S-1-5-32-548', 'GenericAll', 0xf01ff),
    ];
    assert.deepEqual(writable(everyExcluded), []);
    const withMember = facts([
      group('Account Operators', 'S-1-5-32-548', [`CN=bob,CN=Users,${BASE}`], `CN=Builtin,${BASE}`),
      gmsa('gmsa-web', { security: security(everyExcluded) }),
    ]);
    assert.deepEqual(
      judge(withMember).findings.map((x) => x.title),
      ['BUILTIN\\Account Operators can change who may retrieve the password of gmsa-web$'],
    );
  });

  it('says unknown (info) when the descriptor could not be read', () => {
    const found = judge(facts([gmsa('gmsa-web', { security: null })])).findings[0];
    assert.equal(found?.kind, 'gmsa-membership-writable');
    assert.equal(found.severity, 'info');
    assert.match(found.unknown ?? '', /could not be read/);
  });
});

describe('account hygiene', () => {
  it('password not rotated for two intervals, unused 90 days, RC4 only, DES, no AES, unconstrained, privileged', () => {
    const f = facts([
      group('Server Operators', 'S-1-5-32-549', [`CN=Ops,CN=Users,${BASE}`], `CN=Builtin,${BASE}`),
      group('Ops', 3010, [`CN=gmsa-old,CN=Managed Service Accounts,${BASE}`]),
      gmsa('gmsa-old', {
        passwordLastSet: daysAgo(61),
        lastLogon: daysAgo(91),
        encryptionTypes: 4,
        unconstrained: true,
      }),
      {
        ...gmsa('msa-des'),
        objectClass: 'msDS-ManagedServiceAccount',
        sam: 'msa-des$',
        dn: `CN=msa-des,${BASE}`,
        encryptionTypes: 3,
      },
      {
        ...gmsa('msa-none'),
        objectClass: 'msDS-ManagedServiceAccount',
        sam: 'msa-none$',
        dn: `CN=msa-none,${BASE}`,
        encryptionTypes: null,
      },
    ]);
    assert.deepEqual(kinds(f).sort(), [
      'high privileged-managed-account gmsa-old$',
      'high unconstrained-delegation gmsa-old$',
      'low aes-missing msa-des$',
      'low aes-missing msa-none$',
      'low unused-90-days gmsa-old$',
      'medium des-enabled msa-des$',
      'medium password-not-rotated gmsa-old$',
      'medium rc4-only gmsa-old$',
    ]);
    const privileged = judge(f).findings.find((x) => x.kind === 'privileged-managed-account');
    assert.deepEqual(privileged?.evidence, ['Member of BUILTIN\\Server Operators (via CONTOSO\\Ops)']);
    assert.equal(privileged.fix.command, "Remove-ADGroupMember -Identity 'Ops' -Members 'gmsa-old$' -Confirm:$false");
  });
});

describe('BadSuccessor', () => {
  const ou = (access: unknown[]) => ({
    type: 'container',
    objectClass: 'organizationalUnit',
    name: 'App Servers',
    dn: `OU=App Servers,${BASE}`,
    security: security(access),
  });

  it('is critical with a Windows Server 2025 DC, medium (and says why) without', () => {
    const access = [rule(`${SID}-1400`, 'CreateChild', 0x1, { objectType: '0feb936f-47b3-49f2-9386-1dedc2c23765' })];
    const with2025 = judge(facts([ou(access)], 'Windows Server 2025 Datacenter')).findings;
    assert.equal(with2025.find((x) => x.kind === 'badsuccessor-ou')?.severity, 'critical');
    assert.equal(with2025.find((x) => x.kind === 'dc-update-level')?.severity, 'info');
    const without = judge(facts([ou(access)])).findings;
    const found = without.find((x) => x.kind === 'badsuccessor-ou');
    assert.equal(found?.severity, 'medium');
    assert.match(found.why, /No Windows Server 2025 DC yet/);
    assert.equal(
      without.some((x) => x.kind === 'dc-update-level'),
      false,
    );
  });

  it('judges the domain head too: a dMSA can be created directly under the domain', () => {
    const head = {
      type: 'container',
      objectClass: 'domainDNS',
      name: 'contoso',
      dn: BASE,
      security: security([
        rule(`${SID}-1400`, 'CreateChild', 0x1, { objectType: '0feb936f-47b3-49f2-9386-1dedc2c23765' }),
        // Inherited from nowhere but limited to the domain class: it applies to the head itself.
        rule(`${SID}-1401`, 'GenericAll', 0xf01ff, {
          inherited: true,
          inheritedObjectType: '19195a5b-6da0-11d0-afd3-00c04fd930c9',
        }),
      ]),
    };
    const found = judge(facts([head])).findings.find((x) => x.kind === 'badsuccessor-ou');
    assert.equal(found?.subject.kind, 'domain');
    assert.equal(found.subject.dn, BASE);
    assert.equal(found.evidence.length, 3);
  });

  it("ignores Account Operators' default CreateChild for users, computers and groups", () => {
    const defaults = ['bf967a86-0de6-11d0-a285-00aa003049e2', 'bf967aba-0de6-11d0-a285-00aa003049e2'].map((t) =>
      rule('S-1-5-32-548', 'CreateChild, DeleteChild', 0x3, { objectType: t }),
    );
    assert.deepEqual(kinds(facts([ou(defaults)])), []);
  });
});

describe('KDS root keys', () => {
  const key = (access: unknown[], audit: unknown[] | null) =>
    parseAuditAnswer([
      context({ readSacl: audit !== null }),
      { type: 'kds', keyId: 'k2', created: daysAgo(5), effective: daysAgo(4) },
      { type: 'kdsObject', keyId: 'k2', dn: `CN=k2,${BASE}`, created: daysAgo(5), security: security(access, audit) },
      group('KDS Readers', 1401, []),
    ]);

  it('a reader with Control Access is critical; ReadProperty alone is medium (the attribute is confidential)', () => {
    const full = judge(
      key([rule(`${SID}-1401`, 'ReadProperty, ExtendedRight', 0x110, { objectType: ROOT_KEY_DATA })], []),
    );
    assert.deepEqual(
      full.findings.map((x) => `${x.severity} ${x.kind}`),
      ['critical kds-key-readable', 'low kds-reads-not-audited'],
    );
    assert.deepEqual(full.kdsKeys[0]?.readers, ['CONTOSO\\KDS Readers']);
    assert.match(full.findings[0]?.fix.summary ?? '', /restart the Microsoft Key Distribution Service/);
    const readOnly = judge(key([rule(`${SID}-1401`, 'ReadProperty', 0x10, { objectType: ROOT_KEY_DATA })], []));
    assert.equal(readOnly.findings[0]?.severity, 'medium');
  });

  it('a non-admin owner is a reader (it may grant itself read); the fix gives the key to Domain Admins', () => {
    const answer = key([], []);
    const owned = {
      ...answer,
      kdsObjects: answer.kdsObjects.map((k) => ({
        ...k,
        security: k.security === null ? null : { ...k.security, owner: `${SID}-1401` },
      })),
    };
    const found = judge(owned).findings.find((x) => x.kind === 'kds-key-readable');
    assert.equal(found?.severity, 'critical');
    assert.equal(found.evidence[0], 'CONTOSO\\KDS Readers: owner (may change the ACL whatever it says)');
    assert.match(
      found.fix.command,
      new RegExp(`SetOwner\\(\\[System.Security.Principal.SecurityIdentifier\\]'${SID}-512'\\)`),
    );
    assert.deepEqual(judge(owned).kdsKeys[0]?.readers, ['CONTOSO\\KDS Readers']);
  });

  it('an unreadable SACL is unknown (info), not "not audited"', () => {
    const j = judge(key([], null));
    assert.equal(j.kdsKeys[0]?.readsAudited, null);
    assert.deepEqual(
      j.findings.map((x) => `${x.severity} ${x.kind}`),
      ['info kds-reads-not-audited'],
    );
    assert.match(j.findings[0]?.unknown ?? '', /SeSecurityPrivilege/);
  });

  it('no effective key is a finding', () => {
    const f = parseAuditAnswer([
      context(),
      { type: 'kds', keyId: 'k3', created: daysAgo(0), effective: new Date(Date.parse(NOW) + 3_600_000).toISOString() },
      {
        type: 'kdsObject',
        keyId: 'k3',
        dn: `CN=k3,${BASE}`,
        created: daysAgo(0),
        security: security(
          [],
          [{ sid: 'S-1-1-0', rights: 'ReadProperty', bits: 0x10, flags: 'Success', objectType: EMPTY }],
        ),
      },
    ]);
    assert.deepEqual(
      judge(f).findings.map((x) => `${x.severity} ${x.kind}`),
      ['medium kds-no-effective-key'],
    );
  });

  it('no key seen by someone who may not read keys is unknown (info), not "no key"', () => {
    const asHelpdesk = judge(parseAuditAnswer([context({ readSacl: false, domainAdmin: false })])).findings;
    assert.deepEqual(
      asHelpdesk.map((x) => `${x.severity} ${x.kind}`),
      ['info kds-no-effective-key'],
    );
    assert.match(asHelpdesk[0]?.unknown ?? '', /only Domain Admins and Enterprise Admins/);
    const asAdmin = judge(parseAuditAnswer([context({ readSacl: false, domainAdmin: true })])).findings;
    assert.deepEqual(
      asAdmin.map((x) => `${x.severity} ${x.kind}`),
      ['medium kds-no-effective-key'],
    );
  });
});

describe('users that should be managed accounts', () => {
  const user = (sam: string, more: Record<string, unknown>) => ({
    type: 'user',
    sam,
    name: sam,
    dn: `CN=${sam},CN=Users,${BASE}`,
    sid: `${SID}-${1500 + sam.length}`,
    enabled: true,
    created: daysAgo(2000),
    passwordLastSet: daysAgo(30),
    passwordNeverExpires: false,
    lastLogon: daysAgo(1),
    spns: ['HTTP/app.contoso.com'],
    memberOf: [],
    ...more,
  });

  it('an SPN plus a never-expiring, years-old or admin password; not krbtgt, not a disabled user, not a recent one', () => {
    const f = facts([
      user('svc-never', { passwordNeverExpires: true }),
      user('svc-old', { passwordLastSet: daysAgo(800) }),
      user('svc-admin', { memberOf: [`CN=Domain Admins,CN=Users,${BASE}`] }),
      user('svc-fine', {}),
      user('svc-off', { enabled: false, passwordNeverExpires: true }),
      user('krbtgt', { enabled: true, passwordNeverExpires: true, spns: ['kadmin/changepw'] }),
    ]);
    const found = judge(f).findings;
    assert.deepEqual(
      found.map((x) => `${x.severity} ${x.moveAccount ?? ''}`),
      ['medium svc-never', 'medium svc-old', 'high svc-admin'],
    );
    assert.ok(found[1]?.evidence.some((e) => /\(800 days ago\)/.test(e)));
    assert.ok(found[2]?.evidence.includes('Member of CONTOSO\\Domain Admins'));
  });
});

describe('usedBy', () => {
  it("merges this computer's uses and a discovery sweep's, each once", () => {
    const f = parseAuditAnswer([
      context(),
      { type: 'kds', keyId: 'k1', created: daysAgo(100), effective: daysAgo(99) },
      gmsa('gmsa-web'),
      {
        type: 'uses',
        host: 'WEB01',
        json: JSON.stringify([
          { kind: 'task', runsAs: 'CONTOSO\\gmsa-web$', taskPath: '\\Reports\\', taskName: 'Nightly' },
          { kind: 'service', runsAs: 'CONTOSO\\someone', name: 'Other' },
        ]),
        note: '',
      },
    ]);
    const j = judge(f, [
      { account: 'CONTOSO\\gmsa-web$', host: 'APP01', kind: 'app-pool', name: 'Web', source: 'discovery' },
      { account: 'gmsa-web$', host: 'WEB01', kind: 'task', name: '\\Reports\\Nightly', source: 'discovery' },
    ]);
    assert.deepEqual(j.accounts[0]?.usedBy, [
      { host: 'WEB01', kind: 'task', name: '\\Reports\\Nightly', source: 'this-computer' },
      { host: 'APP01', kind: 'app-pool', name: 'Web', source: 'discovery' },
    ]);
  });
});

describe('a read that failed', () => {
  it('is an info finding naming what was not read, with the cmdlet to run by hand', () => {
    const found = judge(
      facts([
        {
          type: 'problem',
          section: 'accounts',
          fqid: 'ActiveDirectoryServer:8344',
          message: 'Insufficient access rights',
        },
      ]),
    ).findings;
    assert.deepEqual(
      found.map((x) => `${x.severity} ${x.kind} ${x.subject.name}`),
      ['info read-incomplete the managed service accounts'],
    );
    assert.match(found[0]?.fix.command ?? '', /^Get-ADServiceAccount -Filter \*/);
    assert.match(found[0]?.unknown ?? '', /Insufficient access rights/);
  });
});

describe('a read that failed, with the exact query', () => {
  it("gives the script's own query (values included) to run by hand", () => {
    const command =
      "Get-ADObject -LDAPFilter '(|(objectSid=S-1-5-21-1-2-3-4000))' -Properties sAMAccountName, objectSid, userAccountControl";
    const found = judge(
      facts([{ type: 'problem', section: 'principals', fqid: 'x', message: 'The server is not operational', command }]),
    ).findings;
    assert.deepEqual(
      found.map((x) => `${x.kind} ${x.subject.name}`),
      ['read-incomplete the principals named in the ACLs'],
    );
    assert.equal(found[0]?.fix.command, command);
  });

  it("says a dMSA's retrievers are unknown when the module could not read them", () => {
    const found = judge(
      facts(
        [
          {
            type: 'problem',
            section: 'dmsa-retrievers',
            fqid: 'PrincipalsAllowedToRetrieveManagedPassword',
            message: 'not read for dmsa-app$',
          },
        ],
        'Windows Server 2025 Datacenter',
      ),
    ).findings.filter((x) => x.kind === 'read-incomplete');
    assert.equal(found[0]?.subject.name, 'who may retrieve the dMSA passwords');
    assert.match(found[0]?.fix.command ?? '', /PrincipalsAllowedToRetrieveManagedPassword/);
    assert.match(found[0]?.unknown ?? '', /dmsa-app\$/);
  });
});

describe('the catalog', () => {
  it('every kind words a title, a why and a fix with a command for a subject', () => {
    for (const kind of KINDS) {
      const f = makeFinding(
        kind,
        {
          subject: { kind: 'account', name: 'gmsa-web$', dn: `CN=gmsa-web,${BASE}` },
          principals: ['CONTOSO\\Helpdesk'],
          trustees: [{ name: 'CONTOSO\\Helpdesk', sid: `${SID}-1400`, inherited: false }],
          keep: ['WEB01$'],
          dcs: ['DC01.contoso.com'],
          precededBy: 'CONTOSO\\Administrator',
          command: 'Get-ADServiceAccount -Filter *',
          nested: [{ group: 'Ops', member: 'gmsa-web$' }],
        },
        ['evidence'],
      );
      assert.notEqual(f.title, '', kind);
      assert.notEqual(f.why, '', kind);
      assert.notEqual(f.fix.summary, '', kind);
      assert.notEqual(f.fix.command.trim(), '', kind);
      assert.equal(f.id, `${kind}:CN=gmsa-web,${BASE}`);
      assert.ok(typeof FINDING_KINDS[kind].title === 'function');
    }
  });

  it('passes names to the commands as PowerShell data', () => {
    const name = "gmsa'; Remove-ADUser x; '$";
    const f = makeFinding('rc4-only', { subject: { kind: 'account', name, dn: null } }, []);
    assert.equal(
      f.fix.command,
      "Set-ADServiceAccount -Identity 'gmsa''; Remove-ADUser x; ''$' -KerberosEncryptionType AES128,AES256",
    );
    const u = makeFinding('gmsa-broad-retriever', { subject: { kind: 'account', name: 'g$', dn: null }, keep: [] }, []);
    assert.equal(
      u.fix.command,
      "Set-ADServiceAccount -Identity 'g$' -PrincipalsAllowedToRetrieveManagedPassword $null",
    );
  });
});
