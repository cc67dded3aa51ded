// The `iis-host` scenario: the healthy domain plus a small web farm, WEB01 and WEB02, running IIS. Each serves the
// site `Reports` (content in C:\inetpub\reports) from the pool `Reports` under ApplicationPoolIdentity, beside the
// Default Web Site and DefaultAppPool that IIS setup creates; W3SVC and WAS run. WEB02's Reports folder is writable
// by BUILTIN\Users. The app-pool workload moves `Reports` to a gMSA.
import { randomUUID } from 'node:crypto';
import type { HostState, IisState, LabState, ServiceState } from '../state.js';

export const IIS_HOST_SUMMARY = 'WEB01 and WEB02 run IIS: pool Reports (ApplicationPoolIdentity) serves site Reports';

/** What `Install-WindowsFeature Web-Server` adds by default, plus ASP.NET 4.8 and the scripting tools (the
 *  WebAdministration and IISAdministration modules come with Web-Scripting-Tools). */
const WEB_FEATURES = [
  'Web-Server',
  'Web-WebServer',
  'Web-Common-Http',
  'Web-Default-Doc',
  'Web-Dir-Browsing',
  'Web-Http-Errors',
  'Web-Static-Content',
  'Web-Health',
  'Web-Http-Logging',
  'Web-Performance',
  'Web-Stat-Compression',
  'Web-Security',
  'Web-Filtering',
  'Web-Windows-Auth',
  'Web-App-Dev',
  'Web-Net-Ext45',
  'Web-ISAPI-Ext',
  'Web-ISAPI-Filter',
  'Web-Asp-Net45',
  'NET-Framework-45-ASPNET',
  'Web-Mgmt-Tools',
  'Web-Mgmt-Console',
  'Web-Scripting-Tools',
];

/** A pool as IIS 10 creates it (applicationPoolDefaults): .NET v4.0, Integrated, ApplicationPoolIdentity. */
function pool(name: string): IisState['appPools'][number] {
  return {
    name,
    state: 'Started',
    autoStart: true,
    managedRuntimeVersion: 'v4.0',
    managedPipelineMode: 'Integrated',
    startMode: 'OnDemand',
    processModel: { identityType: 'ApplicationPoolIdentity', userName: '', password: '', loadUserProfile: true },
  };
}

function iis(): IisState {
  return {
    appPools: [pool('DefaultAppPool'), pool('Reports')],
    sites: [
      {
        name: 'Default Web Site',
        id: 1,
        state: 'Started',
        serverAutoStart: true,
        applicationPool: 'DefaultAppPool',
        physicalPath: '%SystemDrive%\\inetpub\\wwwroot',
        bindings: [{ protocol: 'http', bindingInformation: '*:80:' }],
      },
      {
        name: 'Reports',
        id: 2,
        state: 'Started',
        serverAutoStart: true,
        applicationPool: 'Reports',
        physicalPath: 'C:\\inetpub\\reports',
        bindings: [{ protocol: 'http', bindingInformation: '*:80:reports.contoso.com' }],
      },
    ],
  };
}

/** IIS's two services, as Windows Server 2022 lists them: both in one svchost (-k iissvcs), WAS started on demand.
 *  (W3SVC also depends on the HTTP driver, which the lab's service catalogue does not list.) */
function iisService(name: 'W3SVC' | 'WAS'): ServiceState {
  const w3svc = name === 'W3SVC';
  return {
    name,
    displayName: w3svc ? 'World Wide Web Publishing Service' : 'Windows Process Activation Service',
    binaryPath: 'C:\\Windows\\system32\\svchost.exe -k iissvcs',
    startType: w3svc ? 'Automatic' : 'Manual',
    state: 'Running',
    account: 'LocalSystem',
    description: w3svc
      ? 'Provides Web connectivity and administration through the Internet Information Services Manager'
      : 'The Windows Process Activation Service provides process activation, resource management and health management services for message-activated applications.',
    dependsOn: w3svc ? ['WAS'] : ['RpcSs'],
    serviceType: 'Win32ShareProcess',
    processId: 3164,
    exitCode: 0,
    passwordFor: null,
    deletePending: false,
  };
}

/** IIS on one host: the features, its services, IIS setup's grant of "Log on as a batch job" to IIS_IUSRS, content
 *  files (C:\inetpub keeps Windows' protected ACL: only administrators can change the content). */
function addIis(h: HostState): void {
  for (const f of WEB_FEATURES) h.features[f] = true;
  h.userRights.SeBatchLogonRight = [...(h.userRights.SeBatchLogonRight ?? []), 'BUILTIN\\IIS_IUSRS'];
  h.files.push(
    'C:\\Windows\\System32\\inetsrv\\w3wp.exe',
    'C:\\inetpub\\wwwroot\\iisstart.htm',
    'C:\\inetpub\\reports\\default.aspx',
    'C:\\inetpub\\reports\\web.config',
  );
  h.services = [...(h.services ?? []), iisService('WAS'), iisService('W3SVC')];
  h.iis = iis();
}

/** Turns the healthy domain into `iis-host`: WEB02 joins (AD computer and lab host, a copy of WEB01), both run IIS. */
export function addIisHosts(state: LabState): void {
  const web01 = state.objects.find((o) => o.objectClass === 'computer' && o.name === 'WEB01');
  const web01Host = state.hosts.WEB01;
  if (web01 === undefined || web01Host === undefined) throw new Error('iis-host: the healthy domain has no WEB01');
  const web02Dn = web01.distinguishedName.replace(/^CN=WEB01,/, 'CN=WEB02,');
  state.objects.push({
    ...structuredClone(web01),
    name: 'WEB02',
    distinguishedName: web02Dn,
    samAccountName: 'WEB02$',
    objectGuid: randomUUID(),
    objectSid: `${state.domain.domainSid}-1110`,
    dnsHostName: `web02.${state.domain.dnsRoot}`,
  });
  state.objects.find((o) => o.objectClass === 'group' && o.name === 'Domain Computers')?.members.push(web02Dn);
  state.hosts.WEB02 = structuredClone(web01Host);
  for (const name of ['WEB01', 'WEB02']) {
    const h = state.hosts[name];
    if (h !== undefined) addIis(h);
  }
  // On WEB02 someone let the developers publish: the Reports content folder is writable by BUILTIN\Users (the
  // app warns that non-administrators could change what the pool's account runs). WEB01 keeps the protected ACL.
  const web02 = state.hosts.WEB02;
  if (web02 !== undefined) {
    web02.acls = {
      ...web02.acls,
      'C:\\inetpub\\reports': {
        owner: 'BUILTIN\\Administrators',
        protected: false,
        access: [
          {
            identity: 'BUILTIN\\Users',
            rights: 'Modify, Synchronize',
            type: 'Allow',
            inheritance: 'ContainerInherit, ObjectInherit',
            propagation: 'None',
          },
        ],
      },
    };
  }
}
