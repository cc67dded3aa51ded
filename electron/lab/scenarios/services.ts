// The service scenarios: the healthy domain where WEB01 (the lab session's computer) runs two Windows services of a
// line-of-business app — `ReportSvc` under a domain user account whose password only the SCM holds (the wizard can
// never put it back), and `ReportCollector` under LocalSystem, which depends on it — both Running, binaries under
// C:\Program Files. The service workload moves ReportSvc to a gMSA. In `gpo-managed-service-right` a domain GPO
// defines "Log on as a service" on WEB01, so a local grant lasts only until the next policy refresh.
import { randomUUID } from 'node:crypto';
import type { LabState, ServiceState } from '../state.js';

export const SERVICE_HOST_SUMMARY =
  'WEB01 runs ReportSvc as the user CONTOSO\\svc-report and ReportCollector (depends on it) as LocalSystem';
export const GPO_SERVICE_RIGHT_SUMMARY = 'service-host, and "Log on as a service" on WEB01 is set by a domain GPO';

const HOST = 'WEB01';
const USER = 'svc-report';
const APP_FOLDER = 'C:\\Program Files\\Contoso\\Reports';

function service(
  fields: Partial<ServiceState> & Pick<ServiceState, 'name' | 'displayName' | 'binaryPath'>,
): ServiceState {
  return {
    startType: 'Automatic',
    state: 'Running',
    account: 'LocalSystem',
    description: null,
    dependsOn: [],
    serviceType: 'Win32OwnProcess',
    processId: 0,
    exitCode: 0,
    passwordFor: null,
    deletePending: false,
    ...fields,
  };
}

/** The service account user, as an admin creates it: password never expires, in CN=Users. */
function addServiceUser(state: LabState): string {
  const template = state.objects.find((o) => o.objectClass === 'user' && o.samAccountName === 'svc-backup');
  if (template === undefined) throw new Error('the healthy domain has no svc-backup user to model svc-report on');
  const base = state.domain.distinguishedName;
  state.objects.push({
    ...template,
    name: USER,
    distinguishedName: `CN=${USER},CN=Users,${base}`,
    samAccountName: USER,
    objectGuid: randomUUID(),
    objectSid: `${state.domain.domainSid}-1110`,
    description: 'Runs the Contoso report service on WEB01',
    attributes: { ...template.attributes },
  });
  const domainUsers = state.objects.find((o) => o.objectClass === 'group' && o.name === 'Domain Users');
  domainUsers?.members.push(`CN=${USER},CN=Users,${base}`);
  return `${state.domain.netBIOSName}\\${USER}`;
}

export function addServiceHost(state: LabState): void {
  const web = state.hosts[HOST];
  if (web === undefined) throw new Error(`the healthy domain has no ${HOST}`);
  const account = addServiceUser(state);
  web.services = [
    service({
      name: 'ReportSvc',
      displayName: 'Contoso Report Service',
      binaryPath: `"${APP_FOLDER}\\ReportService.exe" --config "${APP_FOLDER}\\reports.json"`,
      account,
      // Set with its password in the Services snap-in, which also granted the account "Log on as a service".
      passwordFor: account,
      description: 'Builds the nightly sales reports.',
      processId: 3120,
    }),
    service({
      name: 'ReportCollector',
      displayName: 'Contoso Report Collector',
      binaryPath: `"${APP_FOLDER}\\Collector.exe"`,
      dependsOn: ['ReportSvc'],
      description: 'Collects report data for the Contoso Report Service.',
      processId: 3188,
    }),
  ];
  web.files.push(`${APP_FOLDER}\\ReportService.exe`, `${APP_FOLDER}\\reports.json`, `${APP_FOLDER}\\Collector.exe`);
  web.userRights.SeServiceLogonRight = [...(web.userRights.SeServiceLogonRight ?? []), account];
}

export function addGpoServiceRight(state: LabState): void {
  addServiceHost(state);
  const web = state.hosts[HOST];
  if (web === undefined) return;
  const accounts = ['NT SERVICE\\ALL SERVICES', `${state.domain.netBIOSName}\\${USER}`];
  web.gpoRights = { ...web.gpoRights, SeServiceLogonRight: { gpo: 'Server Baseline', accounts } };
  web.userRights.SeServiceLogonRight = [...accounts];
}
