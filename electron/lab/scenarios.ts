// Named starting states of the lab domain. Each scenario is the healthy domain with one thing changed, so a test
// (or an admin rehearsing) sees exactly one problem at a time.
import { randomUUID } from 'node:crypto';
import type { AdObject, HostState, LabState } from './state.js';
import { addIisHosts, IIS_HOST_SUMMARY } from './scenarios/iis.js';
import { adObject } from './scenarios/ad-object.js';
import { addDc02, computerObject } from './scenarios/domain-controllers.js';
import { addManyHosts, MANY_HOSTS_SUMMARY } from './scenarios/many-hosts.js';
import { addPasswordExpired, PASSWORD_EXPIRED_SUMMARY } from './scenarios/migration.js';
import { addLargeDomain, LARGE_DOMAIN_SUMMARY } from './scenarios/large-domain.js';
import { addRiskyDomain, RISKY_DOMAIN_SUMMARY } from './scenarios/risky-domain.js';
import {
  addGpoServiceRight,
  addServiceHost,
  GPO_SERVICE_RIGHT_SUMMARY,
  SERVICE_HOST_SUMMARY,
} from './scenarios/services.js';

export interface Scenario {
  readonly name: string;
  readonly summary: string;
  build(now: Date): LabState;
}

const DOMAIN = 'contoso.com';
const BASE = 'DC=contoso,DC=com';
const DOMAIN_SID = 'S-1-5-21-1004336348-1177238915-682003330';
export const MSA_CONTAINER = `CN=Managed Service Accounts,${BASE}`;

const hoursAgo = (now: Date, h: number): string => new Date(now.getTime() - h * 3_600_000).toISOString();

const sid = (rid: number): string => `${DOMAIN_SID}-${rid}`;
const container = (cn: string): AdObject =>
  adObject({ objectClass: 'container', name: cn, distinguishedName: `CN=${cn},${BASE}` });
const ou = (name: string): AdObject =>
  adObject({ objectClass: 'organizationalUnit', name, distinguishedName: `OU=${name},${BASE}` });

function group(
  name: string,
  rid: number,
  scope: AdObject['groupScope'],
  members: string[],
  parent = `CN=Users,${BASE}`,
) {
  return adObject({
    objectClass: 'group',
    name,
    distinguishedName: `CN=${name},${parent}`,
    samAccountName: name,
    objectSid: sid(rid),
    groupScope: scope,
    groupCategory: 'Security',
    members,
  });
}

/**
 * An Integer8 (FILETIME: 100-ns intervals since 1601-01-01 UTC) as the attribute bag stores it, a decimal string:
 * pwdLastSet, lastLogonTimestamp, accountExpires.
 */
const fileTime = (at: Date): string => ((BigInt(at.getTime()) + 11_644_473_600_000n) * 10_000n).toString();
const daysAgo = (now: Date, d: number): Date => new Date(now.getTime() - d * 86_400_000);
/** accountExpires of an account that never expires (the AD default; 0 means the same). */
const NEVER = '9223372036854775807';
/** userAccountControl flags (MS-ADTS 2.2.16). */
const UF = { PASSWD_NOTREQD: 0x20, NORMAL_ACCOUNT: 0x200, DONT_EXPIRE_PASSWD: 0x10000 } as const;

/**
 * Password and logon data of a user, relative to the lab clock (`now`) so password-age logic has something to find,
 * the same every time a scenario is built at the same moment: days since the password was set (null: never set,
 * pwdLastSet 0), since the last logon (null: never; lastLogonTimestamp absent), days until the account expires
 * (null: never), and whether the password never expires (DONT_EXPIRE_PASSWD). With the default domain policy
 * (MaxPasswordAge 42 days) a password set 40 days ago expires in 2 days and one set 50 days ago has expired.
 */
interface Logon {
  pwdDays: number | null;
  logonDays: number | null;
  expiresInDays?: number | null;
  neverExpires?: boolean;
  uac?: number;
}

function logonAttributes(now: Date, l: Logon): AdObject['attributes'] {
  const attributes: AdObject['attributes'] = {
    pwdLastSet: l.pwdDays === null ? '0' : fileTime(daysAgo(now, l.pwdDays)),
    accountExpires:
      l.expiresInDays === undefined || l.expiresInDays === null ? NEVER : fileTime(daysAgo(now, -l.expiresInDays)),
    userAccountControl: (l.uac ?? UF.NORMAL_ACCOUNT) | (l.neverExpires === true ? UF.DONT_EXPIRE_PASSWD : 0),
  };
  if (l.logonDays !== null) attributes.lastLogonTimestamp = fileTime(daysAgo(now, l.logonDays));
  return attributes;
}

function user(name: string, rid: number, now: Date, logon: Logon, extra: Partial<AdObject> = {}) {
  return adObject({
    objectClass: 'user',
    name,
    distinguishedName: `CN=${name},CN=Users,${BASE}`,
    samAccountName: name,
    objectSid: sid(rid),
    enabled: true,
    attributes: logonAttributes(now, logon),
    ...extra,
  });
}

/**
 * CN=Builtin and its groups as a Server 2022 DC lists them (objectClass builtinDomain; the groups are DomainLocal
 * security groups with the BUILTIN_LOCAL_GROUP bit, SIDs S-1-5-32-<rid>). Members that are foreign security
 * principals on Windows (NT AUTHORITY\Authenticated Users, INTERACTIVE, IUSR, ENTERPRISE DOMAIN CONTROLLERS) are
 * not modelled: the lab has no CN=ForeignSecurityPrincipals objects.
 */
const BUILTIN = `CN=Builtin,${BASE}`;
const BUILTIN_GROUPS: readonly (readonly [string, number])[] = [
  ['Administrators', 544],
  ['Users', 545],
  ['Guests', 546],
  ['Account Operators', 548],
  ['Server Operators', 549],
  ['Print Operators', 550],
  ['Backup Operators', 551],
  ['Replicator', 552],
  ['Pre-Windows 2000 Compatible Access', 554],
  ['Remote Desktop Users', 555],
  ['Network Configuration Operators', 556],
  ['Incoming Forest Trust Builders', 557],
  ['Performance Monitor Users', 558],
  ['Performance Log Users', 559],
  ['Windows Authorization Access Group', 560],
  ['Terminal Server License Servers', 561],
  ['Distributed COM Users', 562],
  ['IIS_IUSRS', 568],
  ['Cryptographic Operators', 569],
  ['Event Log Readers', 573],
  ['Certificate Service DC Access', 574],
  ['RDS Remote Access Servers', 575],
  ['RDS Endpoint Servers', 576],
  ['RDS Management Servers', 577],
  ['Hyper-V Administrators', 578],
  ['Access Control Assistance Operators', 579],
  ['Remote Management Users', 580],
  ['Storage Replica Administrators', 582],
];

/** A negative 100-ns interval, as msDS-MaximumPasswordAge and the other PSO intervals are stored. */
const interval = (days: number): string => (-BigInt(Math.round(days * 86_400)) * 10_000_000n).toString();

/**
 * One fine-grained password policy, as admins commonly add for privileged accounts: Domain Admins get a 90-day
 * maximum age and 15-character minimum (precedence 10). Everyone else follows the Default Domain Policy (42 days).
 */
function passwordSettings(): AdObject[] {
  const system = `CN=System,${BASE}`;
  const psc = `CN=Password Settings Container,${system}`;
  return [
    adObject({ objectClass: 'container', name: 'System', distinguishedName: system }),
    adObject({ objectClass: 'container', name: 'Password Settings Container', distinguishedName: psc }),
    adObject({
      objectClass: 'msDS-PasswordSettings',
      name: 'Admins PSO',
      distinguishedName: `CN=Admins PSO,${psc}`,
      attributes: {
        'msDS-PasswordSettingsPrecedence': 10,
        'msDS-MaximumPasswordAge': interval(90),
        'msDS-MinimumPasswordAge': interval(1),
        'msDS-MinimumPasswordLength': 15,
        'msDS-PasswordHistoryLength': 24,
        'msDS-PasswordComplexityEnabled': true,
        'msDS-PasswordReversibleEncryptionEnabled': false,
        'msDS-LockoutThreshold': 5,
        'msDS-LockoutDuration': interval(30 / 1440),
        'msDS-LockoutObservationWindow': interval(30 / 1440),
        'msDS-PSOAppliesTo': [`CN=Domain Admins,CN=Users,${BASE}`],
      },
    }),
  ];
}

function builtinObjects(): AdObject[] {
  const members: Record<string, string[]> = {
    Administrators: [dn.administrator, `CN=Enterprise Admins,CN=Users,${BASE}`, `CN=Domain Admins,CN=Users,${BASE}`],
    Users: [`CN=Domain Users,CN=Users,${BASE}`],
    Guests: [`CN=Guest,CN=Users,${BASE}`, `CN=Domain Guests,CN=Users,${BASE}`],
  };
  return [
    adObject({ objectClass: 'builtinDomain', name: 'Builtin', distinguishedName: BUILTIN, objectSid: 'S-1-5-32' }),
    ...BUILTIN_GROUPS.map(([name, rid]) =>
      adObject({
        objectClass: 'group',
        name,
        distinguishedName: `CN=${name},${BUILTIN}`,
        samAccountName: name,
        objectSid: `S-1-5-32-${rid}`,
        groupScope: 'DomainLocal',
        groupCategory: 'Security',
        members: members[name] ?? [],
      }),
    ),
  ];
}

const computer = (name: string, rid: number, parent: string, os: string): AdObject =>
  computerObject(name, sid(rid), parent, os, DOMAIN);

const dn = {
  administrator: `CN=Administrator,CN=Users,${BASE}`,
  helpdesk: `CN=helpdesk,CN=Users,${BASE}`,
  dc01: `CN=DC01,OU=Domain Controllers,${BASE}`,
  web01: `CN=WEB01,OU=Servers,${BASE}`,
  app01: `CN=APP01,OU=Servers,${BASE}`,
  ws01: `CN=WS01,CN=Computers,${BASE}`,
  domainComputers: `CN=Domain Computers,CN=Users,${BASE}`,
};

const BATCH_DEFAULT = ['BUILTIN\\Administrators', 'BUILTIN\\Backup Operators', 'BUILTIN\\Performance Log Users'];

function host(now: Date, os: string, productType: HostState['productType'], ticketGroups: string[]): HostState {
  const server = productType !== 'Client';
  return {
    operatingSystem: os,
    productType,
    domainJoined: true,
    features: server ? { 'RSAT-AD-PowerShell': true, 'RSAT-AD-Tools': true } : {},
    capabilities: server ? {} : { 'Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0': true },
    ticketGroups,
    ticketIssued: hoursAgo(now, 2),
    installedAccounts: [],
    userRights: { SeBatchLogonRight: [...BATCH_DEFAULT], SeServiceLogonRight: ['NT SERVICE\\ALL SERVICES'] },
    gpoRights: {},
    taskSchedulerRunning: true,
    taskHistoryEnabled: true,
    tasks: [],
    files: ['C:\\Scripts\\Nightly-Report.ps1', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'],
    clockSkewSeconds: 0,
  };
}

/** The healthy domain: 2016 levels, one DC, an effective KDS root key, RSAT present, running as Domain Admin. */
function healthy(now: Date): LabState {
  const dcOs = 'Windows Server 2022 Datacenter';
  return {
    version: 1,
    scenario: 'healthy',
    clockOffsetSeconds: 0,
    context: { computer: 'WEB01', user: 'Administrator', elevated: true, domainController: 'DC01' },
    forest: {
      name: DOMAIN,
      forestMode: 'Windows2016Forest',
      schemaVersion: 88,
      domainNamingMaster: `DC01.${DOMAIN}`,
      schemaMaster: `DC01.${DOMAIN}`,
    },
    domain: {
      dnsRoot: DOMAIN,
      netBIOSName: 'CONTOSO',
      distinguishedName: BASE,
      domainMode: 'Windows2016Domain',
      domainSid: DOMAIN_SID,
      pdcEmulator: `DC01.${DOMAIN}`,
      replicationDelayMinutes: 15,
    },
    domainControllers: [
      {
        name: 'DC01',
        hostName: `DC01.${DOMAIN}`,
        operatingSystem: dcOs,
        operatingSystemVersion: '10.0 (20348)',
        site: 'Default-First-Site-Name',
        ipv4Address: '10.0.0.10',
        isGlobalCatalog: true,
        reachable: true,
      },
    ],
    objects: [
      container('Users'),
      container('Computers'),
      container('Managed Service Accounts'),
      ou('Domain Controllers'),
      ou('Servers'),
      ou('Service Groups'),
      // A spread of password and logon data (see Logon): recent, about to expire, expired, never expiring
      // (a service user), never logged on, stale, an account that expires soon, disabled built-in accounts.
      user('Administrator', 500, now, { pwdDays: 20, logonDays: 0.5 }),
      user(
        'Guest',
        501,
        now,
        { pwdDays: null, logonDays: null, neverExpires: true, uac: UF.NORMAL_ACCOUNT | UF.PASSWD_NOTREQD },
        { enabled: false },
      ),
      user(
        'krbtgt',
        502,
        now,
        { pwdDays: 400, logonDays: null },
        { enabled: false, description: 'Key Distribution Center Service Account' },
      ),
      user('helpdesk', 1105, now, { pwdDays: 40, logonDays: 2 }),
      user('jsmith', 1104, now, { pwdDays: 50, logonDays: 45 }),
      user('svc-backup', 1100, now, { pwdDays: 400, logonDays: 1, neverExpires: true }),
      user('contractor', 1099, now, { pwdDays: 10, logonDays: 3, expiresInDays: 10 }),
      user('former.employee', 1098, now, { pwdDays: 250, logonDays: 200 }, { enabled: false }),
      group('Domain Admins', 512, 'Global', [dn.administrator]),
      group('Enterprise Admins', 519, 'Universal', [dn.administrator]),
      group('Domain Guests', 514, 'Global', [`CN=Guest,CN=Users,${BASE}`]),
      group('Domain Users', 513, 'Global', [dn.administrator, dn.helpdesk]),
      ...builtinObjects(),
      ...passwordSettings(),
      group('Domain Computers', 515, 'Global', [dn.web01, dn.app01, dn.ws01]),
      group('Domain Controllers', 516, 'Global', [dn.dc01]),
      computer('DC01', 1000, `OU=Domain Controllers,${BASE}`, dcOs),
      computer('WEB01', 1101, `OU=Servers,${BASE}`, 'Windows Server 2022 Standard'),
      computer('APP01', 1102, `OU=Servers,${BASE}`, 'Windows Server 2019 Standard'),
      computer('WS01', 1103, `CN=Computers,${BASE}`, 'Windows 11 Enterprise'),
    ],
    kdsRootKeys: [
      {
        keyId: randomUUID(),
        createdTime: hoursAgo(now, 48),
        effectiveTime: hoursAgo(now, 38),
        createdOn: 'DC01',
        replicatedTo: ['DC01'],
      },
    ],
    hosts: {
      DC01: host(now, dcOs, 'DomainController', [`CN=Domain Controllers,CN=Users,${BASE}`]),
      WEB01: host(now, 'Windows Server 2022 Standard', 'Server', [dn.domainComputers]),
      APP01: host(now, 'Windows Server 2019 Standard', 'Server', [dn.domainComputers]),
      WS01: host(now, 'Windows 11 Enterprise', 'Client', [dn.domainComputers]),
    },
  };
}

function variant(name: string, summary: string, change: (state: LabState, now: Date) => void): Scenario {
  return {
    name,
    summary,
    build(now) {
      const state = healthy(now);
      state.scenario = name;
      change(state, now);
      return state;
    },
  };
}

export const SCENARIOS: readonly Scenario[] = [
  { name: 'healthy', summary: '2016 levels, KDS root key effective, RSAT present, Domain Admin', build: healthy },
  variant('fresh-domain', 'no KDS root key yet', (s) => {
    s.kdsRootKeys = [];
  }),
  variant('kds-key-pending', 'a KDS root key created an hour ago: usable in 9 hours', (s, now) => {
    s.kdsRootKeys = [
      {
        keyId: randomUUID(),
        createdTime: hoursAgo(now, 1),
        effectiveTime: hoursAgo(now, -9),
        createdOn: 'DC01',
        replicatedTo: ['DC01'],
      },
    ];
  }),
  variant('legacy-levels', '2008 R2 domain and forest: sMSA yes, gMSA no', (s) => {
    s.domain.domainMode = 'Windows2008R2Domain';
    s.forest.forestMode = 'Windows2008R2Forest';
    s.forest.schemaVersion = 47;
    for (const dc of s.domainControllers) {
      dc.operatingSystem = 'Windows Server 2008 R2 Enterprise';
      dc.operatingSystemVersion = '6.1 (7601)';
    }
    s.kdsRootKeys = [];
  }),
  variant('no-rsat', 'the ActiveDirectory module is not installed on WEB01', (s) => {
    const web = s.hosts.WEB01;
    if (web !== undefined) web.features = { 'RSAT-AD-PowerShell': false, 'RSAT-AD-Tools': false };
  }),
  variant('not-admin', 'running as helpdesk: not a Domain Admin, not elevated', (s) => {
    s.context.user = 'helpdesk';
    s.context.elevated = false;
  }),
  variant('multi-dc-replication', 'KDS key just created on DC01, not yet on DC02 (the DC in use)', (s, now) => {
    addDc02(s);
    s.context.domainController = 'DC02';
    s.domain.replicationDelayMinutes = 180;
    s.kdsRootKeys = [
      {
        keyId: randomUUID(),
        createdTime: hoursAgo(now, 0.1),
        effectiveTime: hoursAgo(now, 0.1),
        createdOn: 'DC01',
        replicatedTo: ['DC01'],
      },
    ];
  }),
  variant('gpo-managed-rights', '"Log on as a batch job" on WEB01 is set by a domain GPO', (s) => {
    const web = s.hosts.WEB01;
    if (web !== undefined) {
      web.gpoRights = { SeBatchLogonRight: { gpo: 'Server Baseline', accounts: ['BUILTIN\\Administrators'] } };
      web.userRights.SeBatchLogonRight = ['BUILTIN\\Administrators'];
    }
  }),
  variant('rc4-only-host', 'WEB01 supports only RC4 Kerberos encryption', (s) => {
    const web = s.objects.find((o) => o.name === 'WEB01' && o.objectClass === 'computer');
    if (web !== undefined) web.kerberosEncryptionType = ['RC4'];
  }),
  variant('clock-skew', "WEB01's clock is 7 minutes ahead of the DC", (s) => {
    const web = s.hosts.WEB01;
    if (web !== undefined) web.clockSkewSeconds = 420;
  }),
  variant('server-2025', '2025 domain and forest levels (dMSA capable)', (s) => {
    s.domain.domainMode = 'Windows2025Domain';
    s.forest.forestMode = 'Windows2025Forest';
    s.forest.schemaVersion = 91;
    for (const dc of s.domainControllers) {
      dc.operatingSystem = 'Windows Server 2025 Datacenter';
      dc.operatingSystemVersion = '10.0 (26100)';
    }
  }),
  variant('iis-host', IIS_HOST_SUMMARY, addIisHosts),
  variant('service-host', SERVICE_HOST_SUMMARY, addServiceHost),
  variant('gpo-managed-service-right', GPO_SERVICE_RIGHT_SUMMARY, addGpoServiceRight),
  variant('password-expired', PASSWORD_EXPIRED_SUMMARY, addPasswordExpired),
  variant('many-hosts', MANY_HOSTS_SUMMARY, addManyHosts),
  variant('risky-domain', RISKY_DOMAIN_SUMMARY, addRiskyDomain),
  variant('large-domain', LARGE_DOMAIN_SUMMARY, addLargeDomain),
];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
