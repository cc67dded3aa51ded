// The migration scenarios: jobs that run under ordinary user accounts, for the wizard to find and move to a gMSA.
// - `password-expired`, the classic story: on WEB01 the task \Reports\Export inactive users runs as
//   CONTOSO\svc-report-user, whose password expired three days ago, so every run since failed with 0x8007052E
//   (logon failure); the same account runs the service ReportSync on APP01 (still running: it logged on before the
//   password expired, and fails at its next start), has the SPN HTTP/reports.contoso.com, is in Report Readers and in
//   Domain Admins, and holds Modify on the script's folder.
// - `many-hosts` is in many-hosts.ts (forty member servers); it builds on the helpers here.
// Dates are relative to the lab clock (`now`), so a scenario built at the same moment is the same.
import { randomUUID } from 'node:crypto';
import type { HostState, LabState, ScheduledTaskState, ServiceState } from '../state.js';
import { adObject } from './ad-object.js';

export const PASSWORD_EXPIRED_SUMMARY =
  "WEB01's task \\Reports\\Export inactive users fails: CONTOSO\\svc-report-user's password expired 3 days ago (it also runs ReportSync on APP01)";

const DAY_MS = 86_400_000;
/** 0x8007052E ERROR_LOGON_FAILURE, as LastTaskResult holds it (unsigned). */
export const RESULT_LOGON_FAILURE = 0x8007052e;
/** 0x80070569 ERROR_LOGON_TYPE_NOT_GRANTED: no "Log on as a batch job" here. */
export const RESULT_LOGON_TYPE = 0x80070569;

/** A FILETIME (100-ns intervals since 1601-01-01 UTC) as the attribute bag stores Integer8 values: a decimal string. */
export const fileTime = (at: Date): string => ((BigInt(at.getTime()) + 11_644_473_600_000n) * 10_000n).toString();
export const daysBefore = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);

/** userAccountControl: a normal account, and DONT_EXPIRE_PASSWD (MS-ADTS 2.2.16). */
const UF_NORMAL_ACCOUNT = 0x200;
const UF_DONT_EXPIRE_PASSWD = 0x10000;

export interface UserSpec {
  sam: string;
  rid: number;
  description: string;
  /** Days since the password was set (pwdLastSet). */
  pwdDays: number;
  /** Days since the last logon (lastLogonTimestamp). */
  logonDays: number;
  neverExpires?: boolean;
  servicePrincipalNames?: string[];
}

/** A domain user in CN=Users with its password data (pwdLastSet, lastLogonTimestamp, userAccountControl), a member
 *  of Domain Users through its primary group as every user is. Returns its DN. */
export function addUser(state: LabState, spec: UserSpec, now: Date): string {
  const base = state.domain.distinguishedName;
  const dn = `CN=${spec.sam},CN=Users,${base}`;
  const user = adObject({
    objectClass: 'user',
    name: spec.sam,
    distinguishedName: dn,
    samAccountName: spec.sam,
    objectSid: `${state.domain.domainSid}-${spec.rid}`,
    description: spec.description,
    enabled: true,
    created: daysBefore(now, Math.max(400, spec.pwdDays + 30)).toISOString(),
    servicePrincipalNames: spec.servicePrincipalNames ?? [],
    attributes: {
      pwdLastSet: fileTime(daysBefore(now, spec.pwdDays)),
      lastLogonTimestamp: fileTime(daysBefore(now, spec.logonDays)),
      accountExpires: '9223372036854775807',
      userAccountControl: UF_NORMAL_ACCOUNT | (spec.neverExpires === true ? UF_DONT_EXPIRE_PASSWD : 0),
    },
  });
  state.objects.push(user);
  return dn;
}

/** A global security group in CN=Users with these members. */
export function addGroup(state: LabState, name: string, rid: number, members: string[], now: Date): void {
  state.objects.push(
    adObject({
      objectClass: 'group',
      name,
      distinguishedName: `CN=${name},CN=Users,${state.domain.distinguishedName}`,
      samAccountName: name,
      objectSid: `${state.domain.domainSid}-${rid}`,
      created: daysBefore(now, 700).toISOString(),
      groupScope: 'Global',
      groupCategory: 'Security',
      members,
    }),
  );
}

export function addMember(state: LabState, group: string, member: string): void {
  const g = state.objects.find((o) => o.objectClass === 'group' && o.name === group);
  if (g === undefined) throw new Error(`the healthy domain has no group ${group}`);
  g.members.push(member);
}

/** 'YYYY-MM-DDTHH:mm:ss' in local time: how a trigger's StartBoundary is stored (the lab reads it as local). */
function localBoundary(at: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}T${p(at.getHours())}:${p(at.getMinutes())}:00`;
}

/** The daily run times at hour:minute (local) in the last `days` days, oldest first. */
function dailyRuns(now: Date, hour: number, minute: number, days: number): Date[] {
  const last = new Date(now);
  last.setHours(hour, minute, 0, 0);
  if (last.getTime() > now.getTime()) last.setDate(last.getDate() - 1);
  const runs: Date[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const run = new Date(last);
    run.setDate(run.getDate() - i);
    runs.push(run);
  }
  return runs;
}

/** Task Scheduler's settings as Register-ScheduledTask stores them without -Settings (the lab's defaults). */
function defaultSettings(): ScheduledTaskState['settings'] {
  return {
    allowDemandStart: true,
    allowHardTerminate: true,
    compatibility: 'Win8',
    deleteExpiredTaskAfter: null,
    disallowStartIfOnBatteries: true,
    disallowStartOnRemoteAppSession: false,
    enabled: true,
    executionTimeLimit: 'PT72H',
    hidden: false,
    idleSettings: { idleDuration: 'PT10M', restartOnIdle: false, stopOnIdleEnd: true, waitTimeout: 'PT1H' },
    maintenanceSettings: null,
    multipleInstances: 'IgnoreNew',
    networkSettings: { id: null, name: null },
    priority: 7,
    restartCount: 0,
    restartInterval: null,
    runOnlyIfIdle: false,
    runOnlyIfNetworkAvailable: false,
    startWhenAvailable: false,
    stopIfGoingOnBatteries: true,
    useUnifiedSchedulingEngine: false,
    volatile: false,
    wakeToRun: false,
  };
}

export interface TaskSpec {
  path: string;
  name: string;
  description: string;
  /** DOMAIN\user, stored with its password ("Run whether user is logged on or not"). */
  userId: string;
  execute: string;
  arguments: string | null;
  workingDirectory: string | null;
  /** The daily trigger's time (local). */
  at: { hour: number; minute: number };
  /** The result each of its recent daily runs got, by run time (0 = success). */
  resultAt: (run: Date) => number;
  /** How many recent daily runs the history shows (the last one is LastRunTime/LastTaskResult). */
  recentRuns?: number;
}

const RESULT_TEXT: Record<number, string> = {
  [RESULT_LOGON_FAILURE]: 'Logon failure: unknown user name or bad password.',
  [RESULT_LOGON_TYPE]: 'Logon failure: the user has not been granted the requested logon type at this computer.',
};

/** A daily task registered a year ago with a stored password, with the history of its recent runs as Task
 *  Scheduler writes it (Run.ps1's events: 107 trigger, 100/200/201/102 success, 101 logon failure). */
export function userTask(now: Date, spec: TaskSpec): ScheduledTaskState {
  const uri = `${spec.path}${spec.name}`;
  const registered = daysBefore(now, 380);
  registered.setHours(10, 12, 0, 0);
  const firstRun = new Date(registered);
  firstRun.setDate(firstRun.getDate() + 1);
  firstRun.setHours(spec.at.hour, spec.at.minute, 0, 0);
  const runs = dailyRuns(now, spec.at.hour, spec.at.minute, spec.recentRuns ?? 5);
  const history: ScheduledTaskState['history'] = [];
  let last = { time: registered, result: 0x41303 };
  for (const run of runs) {
    const time = run.toISOString();
    const result = spec.resultAt(run);
    const instance = `{${randomUUID()}}`;
    history.push({
      time,
      eventId: 107,
      message: `Task Scheduler launched "${instance}" instance of task "${uri}" due to a time trigger condition.`,
    });
    if (result === 0) {
      const exe = spec.execute;
      history.push(
        {
          time,
          eventId: 100,
          message: `Task Scheduler started "${instance}" instance of the "${uri}" task for user "${spec.userId}".`,
        },
        {
          time,
          eventId: 200,
          message: `Task Scheduler launched action "${exe}" in instance "${instance}" of task "${uri}".`,
        },
        {
          time,
          eventId: 201,
          message: `Task Scheduler successfully completed task "${uri}" , instance "${instance}" , action "${exe}" with return code 0.`,
        },
        {
          time,
          eventId: 102,
          message: `Task Scheduler successfully finished "${instance}" instance of the "${uri}" task for user "${spec.userId}".`,
        },
      );
    } else {
      history.push({
        time,
        eventId: 101,
        message: `Task Scheduler failed to start "${uri}" task for user "${spec.userId}". Additional Data: Error Value: ${result}. (${RESULT_TEXT[result] ?? ''})`,
      });
    }
    last = { time: run, result };
  }
  return {
    taskName: spec.name,
    taskPath: spec.path,
    description: spec.description,
    state: 'Ready',
    actions: [{ execute: spec.execute, arguments: spec.arguments, workingDirectory: spec.workingDirectory }],
    triggers: [
      {
        cimClass: 'MSFT_TaskDailyTrigger',
        daysInterval: 1,
        enabled: true,
        endBoundary: null,
        executionTimeLimit: null,
        id: null,
        randomDelay: null,
        repetition: { duration: null, interval: null, stopAtDurationEnd: false },
        startBoundary: localBoundary(firstRun),
      },
    ],
    principal: { userId: spec.userId, logonType: 'Password', runLevel: 'Highest', groupId: null },
    settings: defaultSettings(),
    registered: registered.toISOString(),
    lastRunTime: last.time.toISOString(),
    lastTaskResult: last.result,
    numberOfMissedRuns: 0,
    history,
  };
}

/** A service of a line-of-business app as its installer creates it: own process, Automatic, Running. */
export function userService(
  fields: Partial<ServiceState> & Pick<ServiceState, 'name' | 'displayName' | 'binaryPath' | 'account'>,
): ServiceState {
  return {
    startType: 'Automatic',
    state: 'Running',
    description: null,
    dependsOn: [],
    serviceType: 'Win32OwnProcess',
    processId: 0,
    exitCode: 0,
    // Set with its password (services.msc / sc.exe config obj= password=), which also grants "Log on as a service".
    passwordFor: fields.account,
    deletePending: false,
    ...fields,
  };
}

/** Adds a right's grant for an account on a host (as the Task Scheduler or the Services snap-in does when a job is
 *  saved with a user's password). */
export function grantRight(h: HostState, right: string, account: string): void {
  const list = h.userRights[right] ?? [];
  if (!list.includes(account)) h.userRights[right] = [...list, account];
}

/** Explicit Allow entry on a folder, inherited by what it holds (what `icacls <dir> /grant user:(OI)(CI)M` writes). */
export function grantFolder(h: HostState, path: string, identity: string, rights: string): void {
  const acls = h.acls ?? {};
  const acl = acls[path] ?? { owner: 'BUILTIN\\Administrators', protected: false, access: [] };
  acl.access.push({
    identity,
    rights,
    type: 'Allow',
    inheritance: 'ContainerInherit, ObjectInherit',
    propagation: 'None',
  });
  acls[path] = acl;
  h.acls = acls;
}

const OLD_USER = 'svc-report-user';
const SCRIPT_FOLDER = 'C:\\Scripts\\Reports';
const SYNC_FOLDER = 'C:\\Program Files\\Contoso\\ReportSync';

export function addPasswordExpired(state: LabState, now: Date): void {
  const web = state.hosts.WEB01;
  const app = state.hosts.APP01;
  if (web === undefined || app === undefined)
    throw new Error('password-expired: the healthy domain has no WEB01/APP01');
  const netbios = state.domain.netBIOSName;
  const account = `${netbios}\\${OLD_USER}`;
  // In Domain Admins, so the Admins PSO's 90-day maximum age applies: set 93 days ago, expired 3 days ago. It last
  // logged on with the task's last good run (lastLogonTimestamp lags, but not past the 14-day window).
  const expiredAt = daysBefore(now, 3);
  const userDn = addUser(
    state,
    {
      sam: OLD_USER,
      rid: 1120,
      description: 'Reports: exports and ReportSync (WEB01, APP01)',
      pwdDays: 93,
      logonDays: 3.5,
      servicePrincipalNames: ['HTTP/reports.contoso.com'],
    },
    now,
  );
  addGroup(state, 'Report Readers', 1121, [userDn], now);
  addMember(state, 'Domain Admins', userDn);

  web.tasks.push(
    userTask(now, {
      path: '\\Reports\\',
      name: 'Export inactive users',
      description: 'Exports the users who have not logged on for 90 days to the reports share.',
      userId: account,
      execute: 'powershell.exe',
      arguments: `-NoProfile -ExecutionPolicy Bypass -File "${SCRIPT_FOLDER}\\Export-InactiveUsers.ps1"`,
      workingDirectory: SCRIPT_FOLDER,
      at: { hour: 2, minute: 0 },
      resultAt: (run) => (run.getTime() < expiredAt.getTime() ? 0 : RESULT_LOGON_FAILURE),
    }),
  );
  web.files.push(`${SCRIPT_FOLDER}\\Export-InactiveUsers.ps1`);
  grantRight(web, 'SeBatchLogonRight', account);
  grantFolder(web, SCRIPT_FOLDER, account, 'Modify, Synchronize');

  app.services = [
    ...(app.services ?? []),
    userService({
      name: 'ReportSync',
      displayName: 'Contoso Report Sync',
      binaryPath: `"${SYNC_FOLDER}\\ReportSync.exe"`,
      account,
      description: 'Copies the finished reports to the reports web site.',
      processId: 2744,
    }),
  ];
  app.files.push(`${SYNC_FOLDER}\\ReportSync.exe`);
  grantRight(app, 'SeServiceLogonRight', account);
}
