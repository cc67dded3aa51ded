// Find what runs as users, the renderer's pure parts: where to look into discover.run's input, an account's facts
// (privileged groups marked, delegation), and a move from a user account in words (groups copied and not with why,
// SPNs moved, constrained delegation with its command, unconstrained never copied, file rights, each job's rollback),
// and what the sweep could not read (the OU not listed, computers not read, computers read in part).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { migrationSchema } from '../../electron/common/plan/plan-schema';
import { discoveryReportSchema, type AccountFacts, type DiscoveryReport } from '../../electron/common/discover/types';
import { accountFacts } from '../../renderer/src/discover/facts';
import { migrationFacts, rollbackWords } from '../../renderer/src/discover/migrationFacts';
import { hostLines, hostLinesHeading, searchBaseLine } from '../../renderer/src/discover/problems';
import { computerList, discoverInput } from '../../renderer/src/discover/scope';
import type { PlanWorkloadView } from '../../renderer/src/store/planWorkloads';

const row = (rows: readonly (readonly [string, string])[], term: string): string | undefined =>
  rows.find(([t]) => t === term)?.[1];

describe('where to look', () => {
  it('lists computers upper-case, each once, in order, from lines, commas, semicolons or spaces ($ dropped)', () => {
    assert.deepEqual(computerList(' web01, APP01;web01\nsql01$  app01 '), ['WEB01', 'APP01', 'SQL01']);
    assert.deepEqual(computerList(' , \n'), []);
  });

  it('asks for nothing on this computer, the list, or the OU; says what is missing', () => {
    assert.deepEqual(discoverInput({ scope: 'this', computers: 'X', searchBase: 'Y' }), {});
    assert.deepEqual(discoverInput({ scope: 'list', computers: 'web01 app01', searchBase: '' }), {
      computers: ['WEB01', 'APP01'],
    });
    assert.equal(discoverInput({ scope: 'list', computers: ' ', searchBase: '' }), 'Enter at least one computer name.');
    assert.deepEqual(discoverInput({ scope: 'ou', computers: '', searchBase: ' OU=Web,DC=contoso,DC=com ' }), {
      searchBase: 'OU=Web,DC=contoso,DC=com',
    });
    assert.match(String(discoverInput({ scope: 'ou', computers: '', searchBase: '' })), /distinguished name of an OU/);
  });
});

describe("an account's facts", () => {
  const facts: AccountFacts = {
    account: 'CONTOSO\\svc-report-user',
    kind: 'user',
    domain: 'CONTOSO',
    sam: 'svc-report-user',
    dn: 'CN=svc-report-user,CN=Users,DC=contoso,DC=com',
    sid: null,
    enabled: true,
    lockedOut: false,
    passwordLastSet: null,
    passwordExpires: null,
    passwordExpired: true,
    passwordNeverExpires: false,
    lastLogonDate: null,
    spns: ['HTTP/reports.contoso.com'],
    groups: [
      { name: 'Domain Admins', dn: 'CN=Domain Admins', sid: null, privileged: 'it controls the domain' },
      { name: 'Report Readers', dn: 'CN=Report Readers', sid: null, privileged: null },
    ],
    delegation: { unconstrained: true, protocolTransition: false, allowedToDelegateTo: ['cifs/files.contoso.com'] },
  };

  it('marks privileged groups, lists SPNs, and says what delegation is never copied', () => {
    const rows = accountFacts(facts);
    assert.equal(row(rows, 'State'), 'password expired');
    assert.equal(row(rows, 'Password'), 'set never; expired at an unknown time');
    assert.equal(row(rows, 'Groups'), 'Domain Admins (privileged), Report Readers');
    assert.equal(row(rows, 'SPNs'), 'HTTP/reports.contoso.com');
    assert.equal(row(rows, 'Delegation'), 'unconstrained (never copied); constrained to cifs/files.contoso.com');
  });
});

describe('a move from a user account, in words', () => {
  const migration = migrationSchema.parse({
    from: 'svc-report-user',
    copyGroups: ['Report Readers'],
    notCopied: [{ group: 'Domain Admins', why: 'A privileged group: never copied.' }],
    moveSpns: ['HTTP/reports.contoso.com'],
    fileAccess: [
      { host: 'WEB01', path: 'C:\\Scripts\\Reports', rights: ['Modify', 'Synchronize'], note: "the task's folder" },
    ],
    constrainedDelegation: ['cifs/files.contoso.com'],
    unconstrainedDelegation: true,
  });
  const task: PlanWorkloadView = {
    id: 'existing-task',
    kind: 'existing-task',
    host: 'WEB01',
    settings: { taskPath: '\\Reports\\', taskName: 'Export inactive users', mode: 'side-by-side' },
    label: 'Existing scheduled task',
    description: '\\Reports\\Export inactive users',
  };
  const service: PlanWorkloadView = {
    id: 'service',
    kind: 'service',
    host: 'APP01',
    settings: { name: 'ReportSync', acknowledgeNoRestore: true },
    label: 'Windows service',
    description: 'Service ReportSync',
  };

  it('lists what is copied, what is not and why, the SPNs moved, delegation, file rights, rollback, the old account', () => {
    const rows = migrationFacts(migration, 'svc-report$', ['WEB01', 'APP01'], [task, service]);
    assert.equal(row(rows, 'Moving from'), 'svc-report-user');
    assert.equal(row(rows, 'Computers that retrieve the password'), 'WEB01\nAPP01');
    assert.equal(row(rows, 'Groups copied'), 'Report Readers');
    assert.equal(row(rows, 'Groups not copied'), 'Domain Admins: A privileged group: never copied.');
    assert.match(
      row(rows, 'SPNs moved') ?? '',
      /^HTTP\/reports\.contoso\.com\n\(removed from svc-report-user and added to svc-report\$ in one undoable step/,
    );
    assert.match(
      row(rows, 'Constrained delegation (not applied)') ?? '',
      /Set-ADServiceAccount -Identity 'svc-report' -Add @\{'msDS-AllowedToDelegateTo' = @\('cifs\/files\.contoso\.com'\)\}$/,
    );
    assert.match(row(rows, 'Unconstrained delegation') ?? '', /never copied/);
    assert.equal(
      row(rows, 'File rights granted'),
      "WEB01 C:\\Scripts\\Reports: Modify, Synchronize (the task's folder)",
    );
    assert.match(row(rows, 'Rollback') ?? '', /side by side, the original stays, disabled, with its stored credential/);
    assert.match(
      row(rows, 'Rollback') ?? '',
      /Service ReportSync on APP01: undo cannot set the user account back .*; acknowledged\./,
    );
    assert.match(row(rows, 'The old account') ?? '', /never disabled or deleted/);
  });

  it('says in place needs the old password to undo', () => {
    const inPlace = { ...task, settings: { ...(task.settings as object), mode: 'in-place' } };
    assert.match(rollbackWords(inPlace), /in place, undo needs the old account's password/);
  });
});

describe('what the sweep could not read', () => {
  const counts = { hosts: 3, reached: 2, sessionScripts: 2, remotingCalls: 1, adQueries: 1, accounts: 0 };
  const base: DiscoveryReport = discoveryReportSchema.parse({
    ranAt: '2025-01-01T00:00:00Z',
    ms: 1,
    localComputer: 'ADMIN01',
    hosts: ['WEB01', 'APP02', 'SQL01'],
    findings: [],
    accounts: [],
    problems: [
      {
        host: 'SQL01',
        cause: 'winrm-off',
        message: 'WinRM cannot complete the operation.',
        fix: 'Run Enable-PSRemoting there.',
        command: 'Enable-PSRemoting -Force',
        fqid: 'WinRMOperationTimeout,PSSessionStateBroken',
      },
    ],
    counts,
  });

  it('lists nothing more when every computer was read whole and the OU was listed', () => {
    assert.equal(searchBaseLine(base), null);
    assert.deepEqual(
      hostLines(base).map((l) => [l.kind, l.subject]),
      [['problem', 'SQL01']],
    );
    assert.equal(hostLinesHeading(base), 'Computers that could not be read (1)');
  });

  it('puts each computer read in part after those not read, with what was not read and why', () => {
    const report = discoveryReportSchema.parse({
      ...base,
      notes: [
        {
          host: 'APP02',
          message: 'IIS application pools could not be read (Access denied); its tasks and services are listed.',
        },
      ],
    });
    const lines = hostLines(report);
    assert.deepEqual(
      lines.map((l) => [l.kind, l.subject]),
      [
        ['problem', 'SQL01'],
        ['part', 'APP02'],
      ],
    );
    assert.equal(lines[0]?.words, 'PowerShell remoting is off. Run Enable-PSRemoting there.');
    assert.equal(lines[0]?.command, 'Enable-PSRemoting -Force');
    assert.match(lines[1]?.words ?? '', /^Read in part\. IIS application pools could not be read \(Access denied\)/);
    assert.notEqual(lines[0]?.id, lines[1]?.id);
    assert.equal(hostLinesHeading(report), 'Computers not read (1) or read in part (1)');
    assert.equal(hostLinesHeading({ ...report, problems: [] }), 'Computers read in part (1)');
  });

  it('says the OU could not be listed: what AD said, the fix, and the command to check it (quoted)', () => {
    const report = discoveryReportSchema.parse({
      ...base,
      searchBaseProblem: {
        searchBase: "OU=Bob's,DC=contoso,DC=com",
        message: 'Directory object not found',
        fix: 'Check the OU, then pass it to --searchbase again.',
      },
    });
    const line = searchBaseLine(report);
    assert.equal(line?.kind, 'ou');
    assert.equal(line?.subject, "OU=Bob's,DC=contoso,DC=com");
    assert.equal(line?.said, 'Directory object not found');
    assert.match(line?.words ?? '', /^The OU could not be listed.*Check its distinguished name/);
    assert.doesNotMatch(line?.words ?? '', /--searchbase/);
    assert.equal(line?.command, "Get-ADOrganizationalUnit -Identity 'OU=Bob''s,DC=contoso,DC=com'");
  });
});
