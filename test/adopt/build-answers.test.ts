// The adopt builder on a discovery report fixture (the password-expired story): the task and the service of
// svc-report-user, its groups (Domain Admins never copied, with why), its SPN (moved only with every job), its file
// rule; the answers parse as a plan; the gMSA name suggestion; the old account's checklist.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdoptError, buildAnswers, candidatePaths } from '../../electron/common/adopt/build-answers.js';
import { oldAccountChecklist } from '../../electron/common/adopt/old-account-checklist.js';
import { suggestGmsaName } from '../../electron/common/adopt/suggest-name.js';
import { parseAnswersText, answersText } from '../../electron/common/answers/answers-schema.js';
import type { DiscoveryReport, Finding } from '../../electron/common/discover/types.js';
import { parsePlan, PlanInputError } from '../../electron/common/plan/plan-schema.js';

const ACCOUNT = 'CONTOSO\\svc-report-user';
const task: Finding = {
  id: 'WEB01/task/\\Reports\\Export inactive users',
  use: {
    kind: 'task',
    host: 'WEB01',
    runsAs: ACCOUNT,
    taskPath: '\\Reports\\',
    taskName: 'Export inactive users',
    logonType: 'Password',
    state: 'Ready',
    lastRunTime: '2026-12-04T02:00:00Z',
    lastResult: 0x8007052e,
    nextRunTime: '2026-12-05T02:00:00Z',
    execute: 'powershell.exe',
    arguments: '-NoProfile -File "C:\\Scripts\\Reports\\Export-Inactive.ps1"',
    workingDirectory: null,
  },
  account: ACCOUNT,
  accountKind: 'user',
  verdict: 'failing',
  words: 'password expired 3 days ago; last result 0x8007052E: logon failure',
  failure: null,
};
const service: Finding = {
  id: 'APP01/service/ReportSync',
  use: {
    kind: 'service',
    host: 'APP01',
    runsAs: ACCOUNT,
    name: 'ReportSync',
    displayName: 'Report Sync',
    state: 'Running',
    startMode: 'Auto',
    exitCode: 0,
    pathName: '"C:\\Program Files\\ReportSync\\ReportSync.exe" --service',
  },
  account: ACCOUNT,
  accountKind: 'user',
  verdict: 'will-fail',
  words: 'password expired 3 days ago',
  failure: null,
};
const REPORT: DiscoveryReport = {
  ranAt: '2026-12-04T22:00:00Z',
  ms: 10,
  localComputer: 'WEB01',
  hosts: ['WEB01', 'APP01'],
  findings: [task, service],
  accounts: [
    {
      account: ACCOUNT,
      kind: 'user',
      verdict: 'failing',
      words: task.words,
      hosts: ['WEB01', 'APP01'],
      findings: [task.id, service.id],
      facts: {
        account: ACCOUNT,
        kind: 'user',
        domain: 'CONTOSO',
        sam: 'svc-report-user',
        dn: 'CN=svc-report-user,CN=Users,DC=contoso,DC=com',
        sid: 'S-1-5-21-1-2-3-1105',
        enabled: true,
        lockedOut: false,
        passwordLastSet: null,
        passwordExpires: null,
        passwordExpired: true,
        passwordNeverExpires: false,
        lastLogonDate: null,
        spns: ['HTTP/reports.contoso.com'],
        groups: [
          {
            name: 'Report Readers',
            dn: 'CN=Report Readers,DC=contoso,DC=com',
            sid: 'S-1-5-21-1-2-3-1200',
            privileged: null,
          },
          // Renamed, but RID 512: still Domain Admins.
          {
            name: 'Domain Masters',
            dn: 'CN=Domain Masters,DC=contoso,DC=com',
            sid: 'S-1-5-21-1-2-3-512',
            privileged: null,
          },
        ],
        delegation: {
          unconstrained: true,
          protocolTransition: false,
          allowedToDelegateTo: ['MSSQLSvc/sql01.contoso.com:1433'],
        },
      },
    },
  ],
  problems: [],
  counts: { hosts: 2, reached: 2, sessionScripts: 2, remotingCalls: 1, adQueries: 1, accounts: 1 },
};
const ACLS = [
  {
    host: 'WEB01',
    path: 'C:\\Scripts\\Reports',
    rules: [
      {
        identity: 'BUILTIN\\Administrators',
        rights: 'FullControl',
        type: 'Allow',
        inherited: true,
        inheritance: 'ContainerInherit, ObjectInherit',
        propagation: 'None',
      },
      {
        identity: ACCOUNT,
        rights: 'Modify, Synchronize',
        type: 'Allow',
        inherited: false,
        inheritance: 'ContainerInherit, ObjectInherit',
        propagation: 'None',
      },
    ],
  },
];

describe('adopt: answers from a discovery report', () => {
  it('moves the account with all its jobs: both hosts, groups but the privileged one, the SPN, the file rule', () => {
    const r = buildAnswers(REPORT, { account: 'svc-report-user' }, ACLS);
    const plan = parsePlan(r.plan);
    assert.equal(plan.name, 'svc-report');
    assert.equal(plan.targetComputer, 'WEB01');
    assert.deepEqual(plan.gmsa?.computers, ['WEB01', 'APP01']);
    assert.deepEqual(
      plan.workloads.map((w) => `${w.kind} ${w.host}`),
      ['existing-task WEB01', 'service APP01'],
    );
    const m = plan.migration;
    assert.ok(m !== undefined);
    assert.deepEqual(m.copyGroups, ['Report Readers']);
    assert.equal(m.notCopied[0]?.group, 'Domain Masters');
    assert.match(m.notCopied[0]?.why ?? '', /privileged group \(administrators of the whole domain/);
    assert.deepEqual(m.moveSpns, ['HTTP/reports.contoso.com']);
    assert.deepEqual(plan.spns, [], 'moved, never added by the account step too');
    assert.deepEqual(m.fileAccess, [
      {
        host: 'WEB01',
        path: 'C:\\Scripts\\Reports',
        rights: ['Modify', 'Synchronize'],
        inheritance: ['ContainerInherit', 'ObjectInherit'],
        propagation: [],
      },
    ]);
    assert.deepEqual(m.constrainedDelegation, ['MSSQLSvc/sql01.contoso.com:1433']);
    assert.equal(m.unconstrainedDelegation, true);
    // What plan/apply will read.
    assert.equal(parseAnswersText(answersText(r.plan)).plan.name, 'svc-report');
  });

  it('one job: only its host; the SPN stays while the account still runs another job (said in a note)', () => {
    const r = buildAnswers(REPORT, { task: '\\Reports\\Export inactive users', computer: 'web01' }, ACLS);
    assert.deepEqual(r.plan.gmsa?.computers, ['WEB01']);
    assert.deepEqual(r.plan.migration?.moveSpns, []);
    assert.equal(r.checklist[0]?.title, 'Move its other jobs first');
    assert.equal(
      r.checklist[0]?.command,
      "msa-wizard adopt --computer WEB01 --computer APP01 --account 'svc-report-user' --out move.json",
    );
    assert.match(
      r.notes.join('\n'),
      /SPNs not moved \(HTTP\/reports.contoso.com\): only the task .* moves, .*\(it still runs the service ReportSync on APP01\)/,
    );
  });

  it('one job picked on a computer that sweep alone: the SPN stays (the account may run jobs where no one looked)', () => {
    // adopt --computer WEB01 --task X: APP01, where ReportSync runs as the account, is never read.
    const webOnly: DiscoveryReport = { ...REPORT, hosts: ['WEB01'], findings: [task] };
    const r = buildAnswers(webOnly, { task: '\\Reports\\Export inactive users', computer: 'WEB01' }, ACLS);
    assert.deepEqual(r.plan.migration?.moveSpns, []);
    const note = r.notes.find((n) => n.startsWith('SPNs not moved'));
    assert.match(note ?? '', /may run other jobs where this search did not look/);
    assert.match(note ?? '', /msa-wizard adopt --account svc-report-user/);
    assert.match(
      note ?? '',
      /Set-ADUser -Identity 'svc-report-user' -ServicePrincipalNames @\{ Remove = 'HTTP\/reports.contoso.com' \}/,
    );
  });

  it('the whole account, but a host did not answer: the SPN stays, and the note says which host', () => {
    const problem = {
      host: 'APP02',
      cause: 'winrm-off',
      message: 'WinRM cannot complete the operation.',
      fix: 'Enable-PSRemoting',
      command: 'Enable-PSRemoting -Force',
      fqid: 'WinRMOperationTimeout,PSSessionStateBroken',
    } as DiscoveryReport['problems'][number];
    const r = buildAnswers({ ...REPORT, problems: [problem] }, { account: 'svc-report-user' }, ACLS);
    assert.deepEqual(r.plan.migration?.moveSpns, []);
    assert.match(r.notes.join('\n'), /SPNs not moved .*APP02 could not be read/);
  });

  it('a service is acknowledged only when the admin says so (--acknowledge-no-restore), with a note otherwise', () => {
    const ackOf = (plan: ReturnType<typeof buildAnswers>['plan']) =>
      (plan.workloads ?? []).map((w) => (w.settings as { acknowledgeNoRestore?: boolean }).acknowledgeNoRestore);
    const r = buildAnswers(REPORT, { account: 'svc-report-user' }, ACLS);
    assert.deepEqual(ackOf(r.plan), [undefined, false]);
    assert.match(
      r.notes.join('\n'),
      /the service ReportSync on APP01 will run as svc-report\$: undo cannot put CONTOSO\\svc-report-user back.*--acknowledge-no-restore/,
    );
    const given = buildAnswers(REPORT, { account: 'svc-report-user', acknowledgeNoRestore: true }, ACLS);
    assert.deepEqual(ackOf(given.plan), [undefined, true]);
    assert.ok(!given.notes.some((n) => /acknowledge/.test(n)));
  });

  it('refuses what cannot be moved, with what to do', () => {
    assert.throws(() => buildAnswers(REPORT, { service: 'Spooler' }), AdoptError);
    assert.throws(
      () => buildAnswers(REPORT, { account: 'svc-report-user', gmsa: 'svc report!' }),
      /The gMSA name svc report! cannot be used\. Use only letters, digits and hyphens/,
    );
    const managed = { ...REPORT, findings: [{ ...service, accountKind: 'managed' as const }] };
    assert.throws(() => buildAnswers(managed, { service: 'ReportSync' }), /not a domain user account \(managed\)/);
  });

  it('the plan schema refuses a privileged group in copyGroups, with why, and an SPN both moved and added', () => {
    const r = buildAnswers(REPORT, { account: 'svc-report-user' }, ACLS);
    const bad = {
      ...r.plan,
      spns: ['HTTP/reports.contoso.com'],
      migration: { ...r.plan.migration, copyGroups: ['Domain Admins'] },
    };
    assert.throws(
      () => parsePlan(bad),
      (e: unknown) =>
        e instanceof PlanInputError &&
        /migration.copyGroups.0: Remove Domain Admins: Domain Admins is a privileged group/.test(e.message) &&
        /migration.moveSpns.0: HTTP\/reports.contoso.com is both moved/.test(e.message),
    );
  });

  it('candidate paths: the script and its folder, a service program folder', () => {
    assert.deepEqual(candidatePaths(task.use), ['C:\\Scripts\\Reports\\Export-Inactive.ps1', 'C:\\Scripts\\Reports']);
    assert.deepEqual(candidatePaths(service.use), ['C:\\Program Files\\ReportSync']);
  });

  it("candidate paths: a task's Execute is the whole path (spaces too), a service's unquoted program up to .exe", () => {
    const program = { ...task.use, execute: 'C:\\Program Files\\Contoso\\export.exe', arguments: '/all' };
    assert.deepEqual(candidatePaths(program), ['C:\\Program Files\\Contoso\\export.exe', 'C:\\Program Files\\Contoso']);
    const quoted = { ...program, execute: '"C:\\Program Files\\Contoso\\export.exe"' };
    assert.deepEqual(candidatePaths(quoted), ['C:\\Program Files\\Contoso\\export.exe', 'C:\\Program Files\\Contoso']);
    const unquoted = { ...service.use, pathName: 'C:\\Program Files\\Report Sync\\sync.exe -k reports' };
    assert.deepEqual(candidatePaths(unquoted), ['C:\\Program Files\\Report Sync']);
  });

  it('suggests a valid gMSA name and lists the old account checklist with commands', () => {
    assert.equal(suggestGmsaName('svc-report-user'), 'svc-report');
    assert.equal(suggestGmsaName('svc-report'), 'svc-report-gmsa');
    assert.equal(suggestGmsaName('a.very_long service name'), 'a-very-long-ser');
    const list = oldAccountChecklist({
      from: "o'brien",
      gmsa: 'x$',
      hosts: ['WEB01'],
      keptTasks: [{ host: 'WEB01', taskPath: '\\R\\', taskName: 'T' }],
    });
    assert.deepEqual(
      list.map((i) => i.command),
      [
        "Get-ADUser -Identity 'o''brien' -Properties LastLogonDate, PasswordLastSet, Enabled | Select-Object Name, Enabled, LastLogonDate, PasswordLastSet",
        'msa-wizard discover --computer WEB01',
        "Disable-ADAccount -Identity 'o''brien'",
        "Remove-ADUser -Identity 'o''brien' -Confirm:$true",
        "Unregister-ScheduledTask -TaskPath '\\R\\' -TaskName 'T' -Confirm:$true",
      ],
    );
  });
});
