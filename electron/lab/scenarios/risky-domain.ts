// The `risky-domain` scenario (issue 17, "The lab"): the healthy domain plus exactly one of each thing the managed
// accounts audit looks for, and everything else healthy (gMSAs retrieved through groups, AES only, rotated on time).
// plantedFindings() lists what was planted (kind, subject, an evidence hint) so tests compare the audit against the
// list instead of restating it. The kinds are the audit's finding kinds (electron/common/audit/findings.ts).
//
// Schema GUIDs (Microsoft Learn, Active Directory schema / MS-ADA2):
//   msDS-GroupMSAMembership schemaIDGUID 888eedd6-ce04-df40-b462-b8a50e41ba38
//     https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-ada2/c651f64d-5e92-4d12-9011-e6811ed306aa
//   msKds-RootKeyData schemaIDGUID 26627c27-08a2-0a40-a1b1-8dce85b42993
//     https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-ada2/aa13d9fe-34ec-40db-a6ae-3930f49de815
//   msDS-DelegatedManagedServiceAccount class 0feb936f-47b3-49f2-9386-1dedc2c23765 (Akamai's
//     Get-BadSuccessorOUPermissions.ps1 and Microsoft's schema for Windows Server 2025)
import type { FindingKind } from '../../common/audit/findings.js';
import type { AdObject, AdSecurity, LabState } from '../state.js';
import { adObject } from './ad-object.js';
import { addDc02 } from './domain-controllers.js';
import { addGroup, addUser, daysBefore, fileTime, grantRight, userTask } from './migration.js';

export const RISKY_DOMAIN_SUMMARY =
  'one of each audit finding: Domain Users retrieve a gMSA, Helpdesk writes another, RC4-only sMSA, stale gMSA, readable unaudited KDS key, BadSuccessor OU with a 2025 DC, dMSA preceded by Administrator, old SPN user whose task runs on WEB01';

/** Schema GUIDs, written here from the schema reference (docs/audit/sources.md), not taken from the audit's own table
 *  (electron/common/audit/guids.ts): the lab plants what the schema says, so a wrong GUID in the audit fails its tests. */
export const SCHEMA_GUID = {
  groupMsaMembership: '888eedd6-ce04-df40-b462-b8a50e41ba38',
  kdsRootKeyData: '26627c27-08a2-0a40-a1b1-8dce85b42993',
} as const;

/** The KDS root key's id, fixed so plantedFindings() can name it. */
export const RISKY_KDS_KEY_ID = '5d9c6a8e-3f1b-4c2a-9e7d-2b4f6a8c0e1d';

/** The audit's kinds planted here (the compiler checks each is one of findings.ts's). */
export type PlantedKind = Extract<
  FindingKind,
  | 'gmsa-broad-retriever'
  | 'gmsa-membership-writable'
  | 'rc4-only'
  | 'password-not-rotated'
  | 'kds-key-readable'
  | 'kds-reads-not-audited'
  | 'badsuccessor-ou'
  | 'dmsa-preceded-by-privileged'
  | 'user-should-be-managed'
>;

export interface PlantedFinding {
  kind: PlantedKind;
  /** sAMAccountName (an account), the DN (an OU) or the key id (a KDS root key). */
  subject: string;
  /** Text the finding's evidence should contain. */
  evidence: string;
}

const NETBIOS = 'CONTOSO';
const BASE = 'DC=contoso,DC=com';
export const HELPDESK_GROUP = 'Helpdesk Team';
export const KDS_READERS_GROUP = 'KDS Readers';
export const BADSUCCESSOR_OU = `OU=App Servers,${BASE}`;
const ADMINISTRATOR = `CN=Administrator,CN=Users,${BASE}`;

/** Every finding planted, one of each kind. */
export function plantedFindings(): PlantedFinding[] {
  return [
    { kind: 'gmsa-broad-retriever', subject: 'gmsa-report$', evidence: 'Domain Users' },
    { kind: 'gmsa-membership-writable', subject: 'gmsa-web$', evidence: `${NETBIOS}\\${HELPDESK_GROUP}` },
    { kind: 'rc4-only', subject: 'msa-legacy$', evidence: 'RC4' },
    { kind: 'password-not-rotated', subject: 'gmsa-batch$', evidence: '30' },
    { kind: 'kds-key-readable', subject: RISKY_KDS_KEY_ID, evidence: `${NETBIOS}\\${KDS_READERS_GROUP}` },
    { kind: 'kds-reads-not-audited', subject: RISKY_KDS_KEY_ID, evidence: '4662' },
    { kind: 'badsuccessor-ou', subject: BADSUCCESSOR_OU, evidence: `${NETBIOS}\\${HELPDESK_GROUP}` },
    { kind: 'dmsa-preceded-by-privileged', subject: 'dmsa-legacy$', evidence: 'Administrator' },
    { kind: 'user-should-be-managed', subject: 'svc-legacy', evidence: 'HTTP/legacy.contoso.com' },
  ];
}

const RID = {
  helpdesk: 1400,
  kdsReaders: 1401,
  webServers: 1402,
  gmsaWeb: 1410,
  gmsaReport: 1411,
  gmsaBatch: 1412,
  msaLegacy: 1413,
  dmsaLegacy: 1414,
  svcLegacy: 1420,
  dc02: 1001,
} as const;

function find(state: LabState, cls: AdObject['objectClass'], name: string): AdObject {
  const o = state.objects.find((x) => x.objectClass === cls && x.name === name);
  if (o === undefined) throw new Error(`risky-domain: the healthy domain has no ${cls} ${name}`);
  return o;
}

interface ManagedSpec {
  objectClass: 'msDS-ManagedServiceAccount' | 'msDS-GroupManagedServiceAccount' | 'msDS-DelegatedManagedServiceAccount';
  name: string;
  rid: number;
  description: string;
  createdDays: number;
  /** Days since the password last changed (pwdLastSet) and since the last logon (lastLogonTimestamp). */
  pwdDays: number;
  logonDays: number;
  retrievers?: string[];
  enc?: AdObject['kerberosEncryptionType'];
  security?: AdSecurity;
  attributes?: AdObject['attributes'];
  hostComputers?: string[];
}

/** A managed service account in CN=Managed Service Accounts, with its password and logon dates in the attribute bag
 *  (without pwdLastSet the lab takes the creation date as the last change). */
export function managedAccount(state: LabState, now: Date, spec: ManagedSpec): AdObject {
  const base = state.domain.distinguishedName;
  const group = spec.objectClass !== 'msDS-ManagedServiceAccount';
  const account = adObject({
    objectClass: spec.objectClass,
    name: spec.name,
    distinguishedName: `CN=${spec.name},CN=Managed Service Accounts,${base}`,
    samAccountName: `${spec.name}$`,
    objectSid: `${state.domain.domainSid}-${spec.rid}`,
    description: spec.description,
    enabled: true,
    created: daysBefore(now, spec.createdDays).toISOString(),
    dnsHostName: `${spec.name}.${state.domain.dnsRoot}`,
    kerberosEncryptionType: spec.enc ?? ['AES128', 'AES256'],
    principalsAllowedToRetrieveManagedPassword: spec.retrievers ?? [],
    managedPasswordIntervalInDays: group ? 30 : null,
    hostComputers: spec.hostComputers ?? [],
    attributes: {
      pwdLastSet: fileTime(daysBefore(now, spec.pwdDays)),
      lastLogonTimestamp: fileTime(daysBefore(now, spec.logonDays)),
      ...spec.attributes,
    },
    ...(spec.security === undefined ? {} : { security: spec.security }),
  });
  state.objects.push(account);
  return account;
}

/** A second DC, DC02, running Windows Server 2025 (dMSAs, and BadSuccessor, need one such DC; the domain's functional
 *  level can stay 2016), in Default-First-Site-Name, with a host of its own and the KDS keys replicated to it. */
export function addServer2025Dc(state: LabState): void {
  const os = 'Windows Server 2025 Datacenter';
  const dc02 = addDc02(state, { os, version: '10.0 (26100)', site: 'Default-First-Site-Name', ip: '10.0.0.11' });
  // A fixed GUID: the planted DC is the same object from one build to the next.
  dc02.objectGuid = '7c1e4b2a-9d3f-4e6a-8b1c-5f2d7a9e0c34';
  const host01 = state.hosts.DC01;
  if (host01 === undefined) throw new Error('risky-domain: no DC01 host');
  state.hosts.DC02 = { ...structuredClone(host01), operatingSystem: os };
  for (const key of state.kdsRootKeys) key.replicatedTo = ['DC01', 'DC02'];
}

export function addRiskyDomain(state: LabState, now: Date): void {
  const base = state.domain.distinguishedName;
  const sid = (rid: number): string => `${state.domain.domainSid}-${rid}`;
  const helpdeskUser = `CN=helpdesk,CN=Users,${base}`;
  const web01 = find(state, 'computer', 'WEB01');
  const app01 = find(state, 'computer', 'APP01');

  // The groups: the helpdesk's (not an admin group), the KDS key's readers, and the web servers that retrieve gmsa-web$.
  addGroup(state, HELPDESK_GROUP, RID.helpdesk, [helpdeskUser], now);
  addGroup(state, KDS_READERS_GROUP, RID.kdsReaders, [`CN=${HELPDESK_GROUP},CN=Users,${base}`], now);
  addGroup(state, 'Web Servers', RID.webServers, [web01.distinguishedName], now);

  // 1. gmsa-report$: an admin added Domain Users to who may retrieve the password (every user can read it).
  managedAccount(state, now, {
    objectClass: 'msDS-GroupManagedServiceAccount',
    name: 'gmsa-report',
    rid: RID.gmsaReport,
    description: 'Reporting on APP01',
    createdDays: 300,
    pwdDays: 12,
    logonDays: 0.5,
    retrievers: [app01.distinguishedName, `CN=Domain Users,CN=Users,${base}`],
  });

  // 2. gmsa-web$: retrieved by the Web Servers group, but the Helpdesk Team may write msDS-GroupMSAMembership
  //    (PrincipalsAllowedToRetrieveManagedPassword): it can add itself and take the password.
  managedAccount(state, now, {
    objectClass: 'msDS-GroupManagedServiceAccount',
    name: 'gmsa-web',
    rid: RID.gmsaWeb,
    description: 'IIS app pools on the web servers',
    createdDays: 500,
    pwdDays: 8,
    logonDays: 0.2,
    retrievers: [`CN=Web Servers,CN=Users,${base}`],
    security: {
      access: [
        {
          sid: sid(RID.helpdesk),
          rights: 'WriteProperty',
          type: 'Allow',
          objectType: SCHEMA_GUID.groupMsaMembership,
          inheritance: 'None',
        },
      ],
      audit: [],
      protected: false,
    },
  });

  // 3. msa-legacy$: an sMSA linked to APP01 whose msDS-SupportedEncryptionTypes is RC4 only (0x4).
  const msa = managedAccount(state, now, {
    objectClass: 'msDS-ManagedServiceAccount',
    name: 'msa-legacy',
    rid: RID.msaLegacy,
    description: 'Legacy agent on APP01',
    createdDays: 2000,
    pwdDays: 9,
    logonDays: 0.3,
    enc: ['RC4'],
    hostComputers: [app01.distinguishedName],
  });
  app01.hostServiceAccounts.push(msa.distinguishedName);
  state.hosts.APP01?.installedAccounts.push('msa-legacy$');

  // 4. gmsa-batch$: a 30-day interval, password last changed 95 days ago: no host has retrieved it for three intervals.
  managedAccount(state, now, {
    objectClass: 'msDS-GroupManagedServiceAccount',
    name: 'gmsa-batch',
    rid: RID.gmsaBatch,
    description: 'Nightly batch (retired host?)',
    createdDays: 400,
    pwdDays: 95,
    logonDays: 96,
    retrievers: [app01.distinguishedName],
  });

  // 5. The KDS root key: KDS Readers (helpdesk, nested) may read msKds-RootKeyData - the Golden gMSA attack - and no
  //    SACL entry audits reads (no event 4662). The attribute is confidential (searchFlags fCONFIDENTIAL): reading
  //    it takes Read Property and Control Access on it (MS-ADTS 3.1.1.4.3), so the ACE grants both.
  for (const key of state.kdsRootKeys) {
    key.keyId = RISKY_KDS_KEY_ID;
    key.security = {
      access: [
        {
          sid: sid(RID.kdsReaders),
          rights: 'ReadProperty, ExtendedRight',
          type: 'Allow',
          objectType: SCHEMA_GUID.kdsRootKeyData,
          inheritance: 'None',
        },
      ],
      audit: [],
      protected: false,
    };
  }

  // 6. A Windows Server 2025 DC, and OU=App Servers where the Helpdesk Team may create (and delete) child objects of
  //    every class, msDS-DelegatedManagedServiceAccount included: BadSuccessor (CVE-2025-53779).
  addServer2025Dc(state);
  state.objects.push(
    adObject({
      objectClass: 'organizationalUnit',
      name: 'App Servers',
      distinguishedName: BADSUCCESSOR_OU,
      description: 'Application servers (delegated to the helpdesk)',
      security: {
        access: [{ sid: sid(RID.helpdesk), rights: 'CreateChild, DeleteChild', type: 'Allow', inheritance: 'None' }],
        audit: [],
        protected: false,
      },
    }),
  );

  // 7. dmsa-legacy$: a dMSA whose predecessor link names Administrator (Domain Admins) with the migration completed
  //    (msDS-DelegatedMSAState 2): it inherits Administrator's privileges in its Kerberos tickets.
  managedAccount(state, now, {
    objectClass: 'msDS-DelegatedManagedServiceAccount',
    name: 'dmsa-legacy',
    rid: RID.dmsaLegacy,
    description: 'Replaces a legacy service account',
    createdDays: 20,
    pwdDays: 5,
    logonDays: 1,
    retrievers: [app01.distinguishedName],
    attributes: { 'msDS-ManagedAccountPrecededByLink': ADMINISTRATOR, 'msDS-DelegatedMSAState': 2 },
  });

  // 8. svc-legacy: a user created four years ago, password set then and never expiring (0x10200), with an SPN.
  addUser(
    state,
    {
      sam: 'svc-legacy',
      rid: RID.svcLegacy,
      description: 'Legacy web gateway',
      pwdDays: 4 * 365,
      logonDays: 0.4,
      neverExpires: true,
      servicePrincipalNames: ['HTTP/legacy.contoso.com'],
    },
    now,
  );
  const legacy = find(state, 'user', 'svc-legacy');
  legacy.created = daysBefore(now, 4 * 365).toISOString();

  //    And what it is for: on WEB01 (this scenario's own computer) the gateway's nightly sync runs as svc-legacy with
  //    its stored password ("Run whether user is logged on or not"), and succeeds - so "Move to a managed account"
  //    on its finding has a job to plan, as an admin's real domain would have.
  const web = state.hosts.WEB01;
  if (web === undefined) throw new Error('risky-domain: the healthy domain has no WEB01 host');
  const account = `${NETBIOS}\\svc-legacy`;
  web.tasks.push(
    userTask(now, {
      path: '\\Legacy\\',
      name: 'Gateway sync',
      description: 'Synchronises the legacy web gateway with the directory every night.',
      userId: account,
      execute: 'C:\\Gateway\\GatewaySync.exe',
      arguments: null,
      workingDirectory: 'C:\\Gateway',
      at: { hour: 2, minute: 30 },
      resultAt: () => 0,
    }),
  );
  web.files.push('C:\\Gateway\\GatewaySync.exe');
  grantRight(web, 'SeBatchLogonRight', account);
}
