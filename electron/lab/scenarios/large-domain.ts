// The `large-domain` scenario (issue 17, "Fast on a large domain"): the healthy domain grown to what an audit must
// stay fast on: 2,000 computers in 20 OUs, 300 managed accounts (280 gMSAs retrieved mostly through groups, 20 sMSAs
// linked to one computer each), 400 groups (79 chains nested five deep down to the computers, and 5 team groups),
// 50 OUs each with a delegation ACE (to admin groups, to teams for one class only, and three to non-admin teams that
// open BadSuccessor), a Windows Server 2025 DC, and a few planted findings (largeDomainPlanted()).
// Generated, not random: the same `now` gives the same state (object GUIDs from a seeded generator), and it builds
// in milliseconds (the lab-core test builds every scenario).
import type { AdAce, AdObject, LabState } from '../state.js';
import { mulberry32 } from '../seeded.js';
import { adObject } from './ad-object.js';
import { daysBefore, fileTime } from './migration.js';
import { addServer2025Dc, managedAccount, type PlantedFinding } from './risky-domain.js';

export const LARGE_DOMAIN_SUMMARY =
  '2,000 computers in 20 OUs, 300 managed accounts, 400 groups nested five deep, 50 delegated OUs, a 2025 DC, a few findings';

const LARGE = {
  computers: 2000,
  computerOus: 20,
  gmsas: 280,
  smsas: 20,
  chains: 79,
  depth: 5,
  teamGroups: 5,
  deptOus: 30,
} as const;

const BASE = 'DC=contoso,DC=com';
/** Where the generated groups live (the healthy domain's OU=Service Groups). */
export const LARGE_GROUPS_OU = `OU=Service Groups,${BASE}`;

/** Class schemaIDGUIDs (Microsoft Learn, adschema c-computer / c-user; docs/audit/sources.md section 1). */
const CLASS_GUID = {
  computer: 'bf967a86-0de6-11d0-a285-00aa003049e2',
  user: 'bf967aba-0de6-11d0-a285-00aa003049e2',
} as const;
/** The User-Force-Change-Password extended right (Reset password). */
const RESET_PASSWORD = '00299570-246d-11d0-a768-00aa006e0529';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const computerName = (i: number): string => `SRV${pad(i, 4)}`;
export const fleetOu = (f: number): string => `OU=Fleet${pad(f, 2)},${BASE}`;
const deptOu = (d: number): string => `OU=Dept${pad(d, 2)},${BASE}`;
/** Chain c's group at level l: level 1 is what gMSAs name, level 5 holds the computers. */
export const chainGroup = (c: number, level: number): string => `App${pad(c, 3)} Hosts L${level}`;
const groupDn = (name: string): string => `CN=${name},${LARGE_GROUPS_OU}`;

/** The team groups (not admins): delegation trustees. */
const TEAMS = ['Server Provisioning', 'Desktop Support', 'Helpdesk Team', 'Branch IT', 'App Owners'] as const;
type Team = (typeof TEAMS)[number];

/** The OUs planted for BadSuccessor: a non-admin team with CreateChild on every class, GenericAll, or WriteDacl. */
const BADSUCCESSOR: Readonly<Record<number, { team: Team; rights: string }>> = {
  28: { team: 'Helpdesk Team', rights: 'CreateChild, DeleteChild' },
  29: { team: 'Branch IT', rights: 'GenericAll' },
  30: { team: 'App Owners', rights: 'WriteDacl' },
};
const STALE_GMSA = 'gmsa-app137';
const BROAD_GMSA = 'gmsa-app211';
const RC4_SMSA = 'msa-host07';

/** What large-domain plants (the rest is healthy). */
export function largeDomainPlanted(): PlantedFinding[] {
  return [
    ...Object.entries(BADSUCCESSOR).map(([d, b]) => ({
      kind: 'badsuccessor-ou' as const,
      subject: deptOu(Number(d)),
      evidence: `CONTOSO\\${b.team}`,
    })),
    { kind: 'gmsa-broad-retriever', subject: `${BROAD_GMSA}$`, evidence: 'Domain Users' },
    { kind: 'password-not-rotated', subject: `${STALE_GMSA}$`, evidence: '30' },
    { kind: 'rc4-only', subject: `${RC4_SMSA}$`, evidence: 'RC4' },
  ];
}

/** A version-4 GUID from the generator. */
function guidFrom(next: () => number): string {
  const hex = [next(), next(), next(), next()].map((n) => n.toString(16).padStart(8, '0')).join('');
  const v = (8 + (parseInt(hex.charAt(16), 16) % 4)).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${v}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const ace = (sid: string, rights: string, extra: Partial<AdAce> = {}): AdAce => ({
  sid,
  rights,
  type: 'Allow',
  inheritance: 'None',
  ...extra,
});

const OS = ['Windows Server 2022 Standard', 'Windows Server 2019 Standard', 'Windows Server 2016 Standard'];

export function addLargeDomain(state: LabState, now: Date): void {
  const next = mulberry32(17);
  const guid = (): string => guidFrom(next);
  const domainSid = state.domain.domainSid;
  const sid = (rid: number): string => `${domainSid}-${rid}`;
  const created = (days: number): string => daysBefore(now, days).toISOString();
  const objects: AdObject[] = [];
  const push = (o: AdObject): AdObject => {
    o.objectGuid = guid();
    objects.push(o);
    return o;
  };

  // The 400 groups: 79 chains L1 > L2 > ... > L5 (computers in L5), and the five teams. helpdesk is in the Helpdesk Team.
  const teamRid = new Map<Team, number>();
  TEAMS.forEach((team, i) => {
    teamRid.set(team, 29_000 + i);
    push(
      adObject({
        objectClass: 'group',
        name: team,
        distinguishedName: groupDn(team),
        samAccountName: team,
        objectSid: sid(29_000 + i),
        created: created(900),
        groupScope: 'Global',
        groupCategory: 'Security',
        members: team === 'Helpdesk Team' ? [`CN=helpdesk,CN=Users,${BASE}`] : [],
      }),
    );
  });
  const leaves: AdObject[] = [];
  for (let c = 1; c <= LARGE.chains; c++) {
    for (let level = 1; level <= LARGE.depth; level++) {
      const name = chainGroup(c, level);
      const g = push(
        adObject({
          objectClass: 'group',
          name,
          distinguishedName: groupDn(name),
          samAccountName: name,
          objectSid: sid(30_000 + c * 10 + level),
          created: created(800),
          groupScope: level === 1 ? 'Universal' : 'Global',
          groupCategory: 'Security',
          members: level < LARGE.depth ? [groupDn(chainGroup(c, level + 1))] : [],
        }),
      );
      if (level === LARGE.depth) leaves.push(g);
    }
  }

  // The 20 fleet OUs and their 2,000 computers (100 each), each in one chain's L5 group and in Domain Computers.
  const domainComputers = state.objects.find((o) => o.objectClass === 'group' && o.name === 'Domain Computers');
  if (domainComputers === undefined) throw new Error('large-domain: the healthy domain has no Domain Computers');
  const computers: AdObject[] = [];
  const perOu = LARGE.computers / LARGE.computerOus;
  for (let f = 1; f <= LARGE.computerOus; f++) {
    push(
      adObject({
        objectClass: 'organizationalUnit',
        name: `Fleet${pad(f, 2)}`,
        distinguishedName: fleetOu(f),
        created: created(1200),
        // Server Provisioning may create and delete computer objects only (not every class: no BadSuccessor).
        security: {
          access: [
            ace(sid(teamRid.get('Server Provisioning') ?? 0), 'CreateChild, DeleteChild', {
              objectType: CLASS_GUID.computer,
              inheritance: 'All',
            }),
          ],
          audit: [],
          protected: false,
        },
      }),
    );
    for (let k = 1; k <= perOu; k++) {
      const i = (f - 1) * perOu + k;
      const name = computerName(i);
      const dn = `CN=${name},${fleetOu(f)}`;
      const pc = push(
        adObject({
          objectClass: 'computer',
          name,
          distinguishedName: dn,
          samAccountName: `${name}$`,
          objectSid: sid(20_000 + i),
          enabled: true,
          created: created(100 + (i % 900)),
          dnsHostName: `${name.toLowerCase()}.${state.domain.dnsRoot}`,
          operatingSystem: OS[i % OS.length] ?? null,
          kerberosEncryptionType: ['RC4', 'AES128', 'AES256'],
          attributes: {
            pwdLastSet: fileTime(daysBefore(now, i % 29)),
            lastLogonTimestamp: fileTime(daysBefore(now, (i % 7) + 0.5)),
          },
        }),
      );
      computers.push(pc);
      leaves[(i - 1) % LARGE.chains]?.members.push(dn);
      domainComputers.members.push(dn);
    }
  }

  // The 30 department OUs, each with one delegation: admin groups (Domain Admins, BUILTIN\Administrators), the
  // Desktop Support team's password reset on users, and the three BadSuccessor plants.
  for (let d = 1; d <= LARGE.deptOus; d++) {
    const planted = BADSUCCESSOR[d];
    let entry: AdAce;
    if (planted !== undefined) entry = ace(sid(teamRid.get(planted.team) ?? 0), planted.rights);
    else if (d <= 12) entry = ace(sid(512), 'GenericAll', { inheritance: 'All' });
    else if (d <= 24) entry = ace('S-1-5-32-544', 'CreateChild, DeleteChild');
    else {
      entry = ace(sid(teamRid.get('Desktop Support') ?? 0), 'ExtendedRight', {
        objectType: RESET_PASSWORD,
        inheritedObjectType: CLASS_GUID.user,
        inheritance: 'Descendents',
      });
    }
    push(
      adObject({
        objectClass: 'organizationalUnit',
        name: `Dept${pad(d, 2)}`,
        distinguishedName: deptOu(d),
        created: created(1500),
        security: { access: [entry], audit: [], protected: false },
      }),
    );
  }
  state.objects.push(...objects);

  // 280 gMSAs: most retrieved through a chain's L1 group, every tenth by one computer directly; AES only, rotated
  // within their 30 days. Then 20 sMSAs, each linked to one computer.
  for (let i = 1; i <= LARGE.gmsas; i++) {
    const name = `gmsa-app${pad(i, 3)}`;
    const direct = i % 10 === 0;
    const retriever = direct
      ? (computers[(i * 7) % computers.length]?.distinguishedName ?? '')
      : groupDn(chainGroup(((i - 1) % LARGE.chains) + 1, 1));
    const account = managedAccount(state, now, {
      objectClass: 'msDS-GroupManagedServiceAccount',
      name,
      rid: 40_000 + i,
      description: `Application ${pad(i, 3)}`,
      createdDays: 200 + (i % 500),
      pwdDays: name === STALE_GMSA ? 100 : i % 25,
      logonDays: name === STALE_GMSA ? 101 : (i % 5) + 0.2,
      retrievers: name === BROAD_GMSA ? [retriever, `CN=Domain Users,CN=Users,${BASE}`] : [retriever],
    });
    account.objectGuid = guid();
  }
  for (let i = 1; i <= LARGE.smsas; i++) {
    const name = `msa-host${pad(i, 2)}`;
    const host = computers[i * 97];
    if (host === undefined) throw new Error('large-domain: too few computers');
    const account = managedAccount(state, now, {
      objectClass: 'msDS-ManagedServiceAccount',
      name,
      rid: 41_000 + i,
      description: `Agent on ${host.name}`,
      createdDays: 1000 + i,
      pwdDays: i % 25,
      logonDays: 0.5,
      enc: name === RC4_SMSA ? ['RC4'] : ['AES128', 'AES256'],
      hostComputers: [host.distinguishedName],
    });
    account.objectGuid = guid();
    host.hostServiceAccounts.push(account.distinguishedName);
  }

  addServer2025Dc(state);
}
