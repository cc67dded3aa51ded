// A small audit report as audit.run answers it (electron/common/audit/types.ts), parsed by the contract's schema so it
// stays the contract's shape: the renderer's audit logic is tested on it without a lab.
import { auditReportSchema, type AuditReport, type Finding } from '../../electron/common/audit/types';

export const NOW = Date.parse('2026-12-05T12:00:00Z');
const daysAgo = (n: number): string => new Date(NOW - n * 86_400_000).toISOString();

const finding = (f: Partial<Finding> & Pick<Finding, 'id' | 'kind' | 'severity' | 'title'>): Finding => ({
  why: 'Why it matters.',
  subject: { kind: 'account', name: f.id.replace(/^.*:/, ''), dn: null },
  evidence: [],
  fix: { summary: 'Fix it.', command: 'Get-ADObject' },
  unknown: null,
  moveAccount: null,
  ...f,
});

const account = {
  sid: null,
  dnsHostName: null,
  enabled: true,
  created: daysAgo(400),
  passwordIntervalDays: 30,
  encryptionTypes: ['AES128', 'AES256'],
  spns: [],
  retrievers: [],
  linkedHosts: [],
  delegation: { unconstrained: false, protocolTransition: false, allowedToDelegateTo: [] },
  privilegedGroups: [],
  precededBy: null,
  dmsaState: null,
  usedBy: [],
};

export const REPORT: AuditReport = auditReportSchema.parse({
  domain: 'contoso.com',
  domainController: 'DC01',
  generatedAt: daysAgo(0),
  queries: 9,
  dcs: [{ name: 'DC01', operatingSystem: 'Windows Server 2025 Datacenter', version: '10.0 (26100)' }],
  kdsKeys: [
    {
      keyId: 'k1',
      created: daysAgo(500),
      effective: daysAgo(500),
      isEffective: true,
      readers: [],
      readsAudited: false,
    },
  ],
  accounts: [
    {
      ...account,
      type: 'gMSA',
      sam: 'gmsa-web$',
      name: 'gmsa-web',
      dn: 'CN=gmsa-web,CN=Managed Service Accounts,DC=contoso,DC=com',
      dnsHostName: 'gmsa-web.contoso.com',
      passwordLastSet: daysAgo(95),
      lastLogon: daysAgo(100),
      retrievers: [
        { name: 'CONTOSO\\WEB01$', dn: null, sid: null, kind: 'computer', enabled: true, via: ['Web Servers'] },
        { name: 'CONTOSO\\Domain Users', dn: null, sid: null, kind: 'group', enabled: null, via: [] },
      ],
      usedBy: [{ host: 'WEB01', kind: 'app-pool', name: 'WebApp', source: 'discovery' }],
    },
    {
      ...account,
      type: 'sMSA',
      sam: 'smsa-sql$',
      name: 'smsa-sql',
      dn: 'CN=smsa-sql,CN=Managed Service Accounts,DC=contoso,DC=com',
      passwordLastSet: daysAgo(10),
      lastLogon: null,
      encryptionTypes: ['RC4'],
      linkedHosts: ['SQL01'],
    },
    {
      ...account,
      type: 'dMSA',
      sam: 'dmsa-app$',
      name: 'dmsa-app',
      dn: 'CN=dmsa-app,OU=Apps,DC=contoso,DC=com',
      enabled: false,
      passwordLastSet: null,
      lastLogon: daysAgo(1),
      encryptionTypes: [],
    },
  ],
  findings: [
    finding({ id: 'rc4-only:smsa-sql$', kind: 'rc4-only', severity: 'medium', title: 'smsa-sql$ uses RC4 only' }),
    finding({
      id: 'bad-successor:OU=Apps,DC=contoso,DC=com',
      kind: 'bad-successor',
      severity: 'critical',
      title: 'Helpdesk can create a dMSA in OU=Apps',
      subject: { kind: 'OU', name: 'Apps', dn: 'OU=Apps,DC=contoso,DC=com' },
      evidence: ['CONTOSO\\Helpdesk Allow CreateChild'],
    }),
    finding({
      id: 'should-be-managed:svc-legacy',
      kind: 'should-be-managed',
      severity: 'high',
      title: 'svc-legacy has an SPN and a password that never expires',
      moveAccount: 'svc-legacy',
    }),
    finding({
      id: 'retriever-broad:gmsa-web$',
      kind: 'retriever-broad',
      severity: 'critical',
      title: 'Domain Users can retrieve the password of gmsa-web$',
    }),
    finding({ id: 'dc-update:DC01', kind: 'dc-update', severity: 'info', title: 'Update level unknown', unknown: 'x' }),
  ],
});
