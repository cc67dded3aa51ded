// The `many-hosts` scenario: forty member servers (WEB01-10 with IIS, APP01-12, BATCH01-08, FILE01-06, RPT01-04)
// whose scheduled tasks, services and IIS app pools run under eight user accounts of varied password ages, one
// existing gMSA, and three hosts discovery cannot read (FILE05 and FILE06 with WinRM stopped, RPT04 where only
// CONTOSO\Branch IT may connect). MANY_HOSTS_JOBS lists every job planted, with what it should be found to be, so
// tests compare discovery against the list instead of restating it.
import { randomUUID } from 'node:crypto';
import type { HostState, LabState } from '../state.js';
import { addIisHosts } from './iis.js';
import {
  addGroup,
  addMember,
  addUser,
  daysBefore,
  grantRight,
  RESULT_LOGON_FAILURE,
  RESULT_LOGON_TYPE,
  userService,
  userTask,
} from './migration.js';

export const MANY_HOSTS_SUMMARY =
  '40 member servers: tasks, services and app pools under 8 user accounts (expired, expiring, never expiring); FILE05, FILE06 WinRM stopped, RPT04 access denied';

/** What a job is found to be: failing now, its user's password expired / expiring within 14 days / never expiring,
 *  or fine; `unreadable` when its host can't be read (discovery reports the host instead). */
export type PlantedState = 'failing' | 'expired' | 'expiring' | 'never-expires' | 'fine' | 'unreadable';

export interface PlantedJob {
  host: string;
  kind: 'task' | 'service' | 'app-pool';
  /** The task's full path (\Folder\Name), the service's or the pool's name. */
  name: string;
  /** DOMAIN\sam as the job names it. */
  account: string;
  state: PlantedState;
  /** For a failing job: LastTaskResult (a task) or the Win32 exit code (a service). */
  result?: number;
}

const range = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${String(from + i).padStart(2, '0')}`);

const WEB = range('WEB', 1, 10);
const APP = range('APP', 1, 12);
const BATCH = range('BATCH', 1, 8);
const FILE = range('FILE', 1, 6);
const RPT = range('RPT', 1, 4);
export const MANY_HOSTS = [...WEB, ...APP, ...BATCH, ...FILE, ...RPT];
/** The hosts remoting can't read, and why (hosts.<H>.remoting). */
export const MANY_HOSTS_UNREADABLE: Readonly<Record<string, 'winrm-off' | 'access-denied'>> = {
  FILE05: 'winrm-off',
  FILE06: 'winrm-off',
  RPT04: 'access-denied',
};

interface AccountPlan {
  sam: string;
  rid: number;
  description: string;
  pwdDays: number;
  logonDays: number;
  neverExpires?: boolean;
  /** Its password state when nothing fails (the default domain policy: 42 days). */
  state: Exclude<PlantedState, 'failing' | 'unreadable'>;
  groups?: string[];
}

/** The eight user accounts (none in Domain Admins: the default domain policy's 42-day maximum age applies). */
const ACCOUNTS: readonly AccountPlan[] = [
  { sam: 'svc-batch', rid: 1301, description: 'Batch imports', pwdDays: 52, logonDays: 10, state: 'expired' },
  { sam: 'svc-web', rid: 1302, description: 'Portal app pools', pwdDays: 37, logonDays: 0.2, state: 'expiring' },
  {
    sam: 'svc-app',
    rid: 1303,
    description: 'Contoso application host',
    pwdDays: 900,
    logonDays: 0.5,
    neverExpires: true,
    state: 'never-expires',
    groups: ['App Operators'],
  },
  { sam: 'svc-sync', rid: 1305, description: 'Report feed', pwdDays: 5, logonDays: 0.3, state: 'fine' },
  { sam: 'svc-monitor', rid: 1306, description: 'Disk reports', pwdDays: 30, logonDays: 0.7, state: 'expiring' },
  { sam: 'svc-legacy', rid: 1307, description: 'Legacy gateway', pwdDays: 200, logonDays: 158, state: 'expired' },
  { sam: 'svc-deploy', rid: 1308, description: 'Release pulls', pwdDays: 15, logonDays: 1, state: 'fine' },
];
/** The healthy domain's svc-backup (password set 400 days ago, never expires) is the eighth; it is a Backup Operator. */
const BACKUP: Pick<AccountPlan, 'sam' | 'state'> = { sam: 'svc-backup', state: 'never-expires' };
const GMSA = 'gmsa-etl';

const OS = ['Windows Server 2022 Standard', 'Windows Server 2019 Standard', 'Windows Server 2016 Standard'];

/** Adds a member server: its AD computer account (in OU=Servers, in Domain Computers) and its host, copied from
 *  `template` (a host of the healthy domain, so it has the same rights, files and defaults). */
function addServer(state: LabState, name: string, rid: number, template: HostState, os: string): HostState {
  const base = state.domain.distinguishedName;
  const dn = `CN=${name},OU=Servers,${base}`;
  const app01 = state.objects.find((o) => o.objectClass === 'computer' && o.name === 'APP01');
  if (app01 === undefined) throw new Error('many-hosts: the healthy domain has no APP01');
  if (state.objects.some((o) => o.objectClass === 'computer' && o.name === name)) {
    const existing = state.hosts[name];
    if (existing === undefined) throw new Error(`many-hosts: ${name} has no host`);
    return existing;
  }
  state.objects.push({
    ...structuredClone(app01),
    name,
    distinguishedName: dn,
    samAccountName: `${name}$`,
    objectGuid: randomUUID(),
    objectSid: `${state.domain.domainSid}-${rid}`,
    dnsHostName: `${name.toLowerCase()}.${state.domain.dnsRoot}`,
    operatingSystem: os,
  });
  state.objects.find((o) => o.objectClass === 'group' && o.name === 'Domain Computers')?.members.push(dn);
  const h = structuredClone(template);
  h.operatingSystem = os;
  state.hosts[name] = h;
  return h;
}

function hostOf(state: LabState, name: string): HostState {
  const h = state.hosts[name];
  if (h === undefined) throw new Error(`many-hosts: no host ${name}`);
  return h;
}

export function addManyHosts(state: LabState, now: Date): void {
  const netbios = state.domain.netBIOSName;
  const base = state.domain.distinguishedName;
  const acct = (sam: string): string => `${netbios}\\${sam}`;
  // WEB01 and WEB02 with IIS (iis-host), then copies of them and of APP01 up to forty member servers.
  addIisHosts(state);
  const web01 = hostOf(state, 'WEB01');
  const app01 = hostOf(state, 'APP01');
  MANY_HOSTS.forEach((name, i) => {
    const template = name.startsWith('WEB') ? web01 : app01;
    addServer(state, name, 1200 + i, template, OS[i % OS.length] ?? 'Windows Server 2022 Standard');
  });

  // The accounts, their groups, and the existing gMSA that BATCH01 may use.
  addGroup(state, 'App Operators', 1350, [], now);
  addGroup(state, 'Branch IT', 1351, [`CN=helpdesk,CN=Users,${base}`], now);
  for (const a of ACCOUNTS) {
    const dn = addUser(state, { ...a }, now);
    for (const g of a.groups ?? []) addMember(state, g, dn);
  }
  const backupDn = `CN=${BACKUP.sam},CN=Users,${base}`;
  state.objects.find((o) => o.objectClass === 'group' && o.name === 'Backup Operators')?.members.push(backupDn);
  addGmsa(state, now);

  for (const job of plantedJobs(netbios)) {
    const h = hostOf(state, job.host);
    if (job.kind === 'task') plantTask(h, job, now);
    else if (job.kind === 'service') plantService(h, job, now);
    else plantPool(h, job);
  }

  for (const [name, why] of Object.entries(MANY_HOSTS_UNREADABLE)) {
    hostOf(state, name).remoting =
      why === 'winrm-off' ? { winrm: 'Stopped' } : { winrm: 'Enabled', allowed: [acct('Branch IT')] };
  }
}

function addGmsa(state: LabState, now: Date): void {
  const base = state.domain.distinguishedName;
  const batch01 = state.objects.find((o) => o.objectClass === 'computer' && o.name === 'BATCH01');
  const app01 = state.objects.find((o) => o.objectClass === 'computer' && o.name === 'APP01');
  if (batch01 === undefined || app01 === undefined) throw new Error('many-hosts: no BATCH01');
  state.objects.push({
    ...structuredClone(app01),
    objectClass: 'msDS-GroupManagedServiceAccount',
    name: GMSA,
    distinguishedName: `CN=${GMSA},CN=Managed Service Accounts,${base}`,
    samAccountName: `${GMSA}$`,
    objectGuid: randomUUID(),
    objectSid: `${state.domain.domainSid}-1360`,
    description: 'ETL on BATCH01',
    created: daysBefore(now, 200).toISOString(),
    dnsHostName: `${GMSA}.${state.domain.dnsRoot}`,
    operatingSystem: null,
    kerberosEncryptionType: ['AES128', 'AES256'],
    principalsAllowedToRetrieveManagedPassword: [batch01.distinguishedName],
    managedPasswordIntervalInDays: 30,
  });
}

/** Every job planted, in host order within each account. */
export function plantedJobs(netbios = 'CONTOSO'): PlantedJob[] {
  const a = (sam: string): string => `${netbios}\\${sam}`;
  const planOf = (sam: string): PlantedState =>
    ACCOUNTS.find((x) => x.sam === sam)?.state ?? (sam === BACKUP.sam ? BACKUP.state : 'fine');
  const jobs: PlantedJob[] = [];
  const add = (hosts: string[], kind: PlantedJob['kind'], name: string, sam: string): void => {
    for (const host of hosts) jobs.push({ host, kind, name, account: a(sam), state: planOf(sam) });
  };
  add(BATCH, 'task', '\\Batch\\Nightly import', 'svc-batch');
  add(['BATCH01'], 'service', 'BatchQueue', 'svc-batch');
  add(WEB.slice(0, 6), 'app-pool', 'Portal', 'svc-web');
  add(APP.slice(0, 10), 'service', 'ContosoAppHost', 'svc-app');
  add(FILE, 'task', '\\Backup\\Copy to vault', BACKUP.sam);
  add(RPT, 'service', 'ReportFeed', 'svc-sync');
  add([...WEB.slice(6), 'APP11', 'APP12'], 'task', '\\Monitoring\\Disk report', 'svc-monitor');
  add(['APP11'], 'service', 'LegacyGateway', 'svc-legacy');
  add(['APP12'], 'task', '\\Legacy\\Purge temp', 'svc-legacy');
  add(['WEB07', 'WEB08'], 'task', '\\Deploy\\Pull release', 'svc-deploy');
  add(['BATCH01'], 'task', '\\Batch\\ETL', `${GMSA}$`);
  for (const job of jobs) {
    // What failed already: tasks whose user's password expired, the legacy gateway that restarted after its
    // user's password expired, and WEB07's deploy task, whose user was never granted "Log on as a batch job" there.
    if (job.kind === 'task' && job.state === 'expired')
      Object.assign(job, { state: 'failing', result: RESULT_LOGON_FAILURE });
    if (job.name === 'LegacyGateway') Object.assign(job, { state: 'failing', result: 1069 });
    if (job.host === 'WEB07' && job.name === '\\Deploy\\Pull release') {
      Object.assign(job, { state: 'failing', result: RESULT_LOGON_TYPE });
    }
    if (job.account.endsWith('$')) job.state = 'fine';
    if (MANY_HOSTS_UNREADABLE[job.host] !== undefined) job.state = 'unreadable';
  }
  return jobs;
}

const TASKS: Readonly<Record<string, { execute: string; arguments: string | null; hour: number }>> = {
  '\\Batch\\Nightly import': { execute: 'C:\\Batch\\Import.exe', arguments: '/nightly', hour: 2 },
  '\\Backup\\Copy to vault': { execute: 'robocopy.exe', arguments: 'D:\\Backup \\\\vault\\backup /MIR', hour: 23 },
  '\\Monitoring\\Disk report': {
    execute: 'powershell.exe',
    arguments: '-NoProfile -File C:\\Scripts\\Disk-Report.ps1',
    hour: 6,
  },
  '\\Legacy\\Purge temp': { execute: 'cmd.exe', arguments: '/c C:\\Legacy\\purge.cmd', hour: 3 },
  '\\Deploy\\Pull release': { execute: 'C:\\Deploy\\Pull.exe', arguments: null, hour: 4 },
  '\\Batch\\ETL': { execute: 'C:\\Batch\\Etl.exe', arguments: null, hour: 1 },
};

function plantTask(h: HostState, job: PlantedJob, now: Date): void {
  const def = TASKS[job.name];
  if (def === undefined) throw new Error(`many-hosts: no task ${job.name}`);
  const folder = job.name.slice(0, job.name.lastIndexOf('\\') + 1);
  const name = job.name.slice(folder.length);
  const result = job.result ?? 0;
  h.tasks.push(
    userTask(now, {
      path: folder,
      name,
      description: `${name} (${job.account})`,
      userId: job.account,
      execute: def.execute,
      arguments: def.arguments,
      workingDirectory: null,
      at: { hour: def.hour, minute: 30 },
      resultAt: () => result,
      // The last two runs: enough to show the failure repeats, small enough for forty hosts' state.
      recentRuns: 2,
    }),
  );
  for (const file of [def.execute, ...(def.arguments?.match(/C:\\[^ ]+\.(?:ps1|cmd)/g) ?? [])]) {
    if (file.includes('\\') && !h.files.includes(file)) h.files.push(file);
  }
  // Task Scheduler grants "Log on as a batch job" to an account saved with the task (the gMSA's was granted by
  // hand); WEB07's was taken away.
  if (result !== RESULT_LOGON_TYPE) grantRight(h, 'SeBatchLogonRight', job.account);
}

const SERVICES: Readonly<Record<string, { displayName: string; binary: string }>> = {
  BatchQueue: { displayName: 'Contoso Batch Queue', binary: 'C:\\Program Files\\Contoso\\Batch\\Queue.exe' },
  ContosoAppHost: { displayName: 'Contoso Application Host', binary: 'C:\\Program Files\\Contoso\\App\\AppHost.exe' },
  ReportFeed: { displayName: 'Contoso Report Feed', binary: 'C:\\Program Files\\Contoso\\Feed\\Feed.exe' },
  LegacyGateway: { displayName: 'Legacy Gateway', binary: 'C:\\Legacy\\Gateway.exe' },
};

function plantService(h: HostState, job: PlantedJob, now: Date): void {
  const def = SERVICES[job.name];
  if (def === undefined) throw new Error(`many-hosts: no service ${job.name}`);
  const failed = job.result === 1069;
  h.services = [
    ...(h.services ?? []),
    userService({
      name: job.name,
      displayName: def.displayName,
      binaryPath: `"${def.binary}"`,
      account: job.account,
      state: failed ? 'Stopped' : 'Running',
      processId: failed ? 0 : 2600 + (h.services?.length ?? 0) * 4,
      exitCode: failed ? 1069 : 0,
    }),
  ];
  h.files.push(def.binary);
  grantRight(h, 'SeServiceLogonRight', job.account);
  if (failed) {
    // The host restarted a week ago; the SCM could not log the service's user on (its password had expired).
    const time = daysBefore(now, 7).toISOString();
    h.systemEvents = [
      ...(h.systemEvents ?? []),
      {
        time,
        eventId: 7038,
        providerName: 'Service Control Manager',
        level: 'Error',
        message: `The ${job.name} service was unable to log on as ${job.account} with the currently configured password due to the following error: \r\nThe password for this account has expired.\r\n\r\nTo ensure that the service is configured properly, use the Services snap-in in Microsoft Management Console (MMC).`,
      },
      {
        time,
        eventId: 7000,
        providerName: 'Service Control Manager',
        level: 'Error',
        message: `The ${def.displayName} service failed to start due to the following error: \r\nThe service did not start due to a logon failure.`,
      },
    ];
  }
}

function plantPool(h: HostState, job: PlantedJob): void {
  const iis = h.iis;
  if (iis === undefined) throw new Error('many-hosts: an app pool on a host without IIS');
  const template = iis.appPools.find((p) => p.name === 'Reports');
  if (template === undefined) throw new Error('many-hosts: no Reports pool to copy');
  iis.appPools.push({
    ...structuredClone(template),
    name: job.name,
    processModel: {
      identityType: 'SpecificUser',
      userName: job.account,
      // What applicationHost.config holds for a user's password: encrypted (the lab holds no passwords).
      password: '[enc:IISWASOnlyCngProvider:lab:enc]',
      loadUserProfile: true,
    },
  });
  iis.sites.push({
    name: job.name,
    id: iis.sites.length + 1,
    state: 'Started',
    serverAutoStart: true,
    applicationPool: job.name,
    physicalPath: `C:\\inetpub\\${job.name.toLowerCase()}`,
    bindings: [{ protocol: 'http', bindingInformation: `*:80:${job.name.toLowerCase()}.contoso.com` }],
  });
  h.files.push(`C:\\inetpub\\${job.name.toLowerCase()}\\default.aspx`);
  // IIS adds the pool's user to IIS_IUSRS at run time; the admin granted the batch right when setting the identity.
  grantRight(h, 'SeBatchLogonRight', job.account);
}
