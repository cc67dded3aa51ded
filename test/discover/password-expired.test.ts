// Discovery against the lab's `password-expired` story through one real pwsh session as WEB01: the task
// \Reports\Export inactive users fails (0x8007052E, the password expired 3 days ago) and comes first, in the issue's
// words; the same account's service on APP01 (read over the lab's Invoke-Command) will fail at its next start; the
// account is grouped over both hosts with its groups (Domain Admins flagged privileged, Report Readers not) and its SPN.
// Progress arrives host by host. Discovery is read-only (lab-state.json byte-identical). A host with WinRM stopped
// and an unknown name are a line each with the cause; the others still report.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { discover, type DiscoverSession } from '../../electron/common/discover/discover.js';
import type { DiscoverProgress, DiscoveryReport } from '../../electron/common/discover/types.js';
import { labConsole, labSession, labStateText, newLab } from '../helpers/lab.js';

const dir = newLab('password-expired');
const session = labSession(dir);
after(() => session.dispose());

/** The session as discovery sees it, counting the scripts it is sent. */
function counted(): DiscoverSession & { scripts: number } {
  const counter = {
    scripts: 0,
    run: (script: Parameters<DiscoverSession['run']>[0], options: Parameters<DiscoverSession['run']>[1]) => {
      counter.scripts += 1;
      return session.run(script, options);
    },
  };
  return counter;
}

describe('discover on WEB01 and APP01 (password-expired)', () => {
  let report: DiscoveryReport;
  const progress: DiscoverProgress[] = [];
  let scripts = 0;
  let before_ = '';

  before(async () => {
    before_ = labStateText(dir);
    const s = counted();
    report = await discover(s, { computers: ['WEB01', 'app01'] }, { onProgress: (p) => progress.push(p) });
    scripts = s.scripts;
  });

  it('puts the failing task first, in the words of the issue', () => {
    const first = report.findings[0];
    assert.equal(first?.id, 'WEB01/task/\\Reports\\Export inactive users');
    assert.equal(first.verdict, 'failing');
    assert.equal(first.words, 'password expired 3 days ago; last result 0x8007052E: logon failure');
    assert.equal(first.account, 'CONTOSO\\svc-report-user');
    assert.equal(first.use.kind === 'task' && first.use.workingDirectory, 'C:\\Scripts\\Reports');
    assert.match(first.failure?.meaning ?? '', /user name or password is incorrect/);
  });

  it("finds the same account's service on APP01, which will fail at its next start", () => {
    const svc = report.findings.find((f) => f.id === 'APP01/service/ReportSync');
    assert.ok(svc !== undefined, JSON.stringify(report.findings.map((f) => f.id)));
    assert.equal(svc.verdict, 'will-fail');
    assert.equal(svc.words, 'password expired 3 days ago: the next start will fail');
  });

  it('groups the account over both hosts, with its groups (privileged flagged) and its SPN', () => {
    const account = report.accounts[0];
    assert.equal(account?.account, 'CONTOSO\\svc-report-user');
    assert.deepEqual(account.hosts, ['WEB01', 'APP01']);
    const facts = account.facts;
    assert.ok(facts !== null);
    assert.equal(facts.passwordExpired, true);
    assert.deepEqual(facts.spns, ['HTTP/reports.contoso.com']);
    const groups = new Map(facts.groups.map((g) => [g.name, g.privileged]));
    assert.equal(groups.get('Report Readers'), null);
    assert.match(groups.get('Domain Admins') ?? '', /privileged/);
  });

  it('reached both hosts in one sweep script (one Invoke-Command) and one account script', () => {
    assert.deepEqual(report.hosts, ['WEB01', 'APP01']);
    assert.deepEqual(report.problems, []);
    assert.equal(scripts, 2);
    assert.deepEqual(
      { sessionScripts: report.counts.sessionScripts, remotingCalls: report.counts.remotingCalls },
      { sessionScripts: 2, remotingCalls: 1 },
    );
  });

  it('told its progress host by host, then the accounts, then done', () => {
    const hosts = progress.filter((p) => p.phase === 'hosts');
    assert.deepEqual(
      hosts.map((p) => [p.host, p.outcome, p.done, p.total]),
      [
        ['WEB01', 'read', 1, 2],
        ['APP01', 'read', 2, 2],
      ],
    );
    assert.deepEqual(
      progress.slice(hosts.length).map((p) => p.phase),
      ['accounts', 'done'],
    );
  });

  it('changed nothing', () => {
    assert.equal(labStateText(dir), before_);
  });
});

describe('discover on this computer only', () => {
  it('reads WEB01 in-process, without remoting', async () => {
    const report = await discover(counted(), {});
    assert.deepEqual(report.hosts, ['WEB01']);
    assert.equal(report.localComputer, 'WEB01');
    assert.equal(report.counts.remotingCalls, 0);
    assert.deepEqual(
      report.findings.map((f) => f.id),
      ['WEB01/task/\\Reports\\Export inactive users'],
    );
  });
});

describe('discover on the computers of an OU', () => {
  it("reads OU=Servers' computers (WEB01 itself in-process, APP01 remotely) with one Get-ADComputer in the sweep", async () => {
    const s = counted();
    const report = await discover(s, { searchBase: 'OU=Servers,DC=contoso,DC=com' });
    assert.deepEqual(report.hosts, ['WEB01', 'APP01']);
    assert.equal(s.scripts, 2);
    assert.deepEqual(
      report.findings.map((f) => f.id),
      ['WEB01/task/\\Reports\\Export inactive users', 'APP01/service/ReportSync'],
    );
    assert.equal(report.counts.remotingCalls, 1);
  });

  it('still reads the computers named when AD cannot list the OU, and says what to change', async () => {
    const report = await discover(counted(), { computers: ['APP01'], searchBase: 'OU=Nope,DC=contoso,DC=com' });
    assert.deepEqual(report.hosts, ['APP01']);
    assert.deepEqual(
      report.findings.map((f) => f.id),
      ['APP01/service/ReportSync'],
    );
    assert.equal(report.searchBaseProblem?.message, 'Directory object not found');
    assert.match(report.searchBaseProblem?.fix ?? '', /Get-ADOrganizationalUnit -Identity 'OU=Nope,DC=contoso,DC=com'/);
  });

  it('reads nothing (not this computer) for an OU without computers', async () => {
    const report = await discover(counted(), { searchBase: 'CN=Users,DC=contoso,DC=com' });
    assert.deepEqual(report.hosts, []);
    assert.deepEqual(report.findings, []);
  });
});

describe('hosts that cannot be read', () => {
  it('says why for each (WinRM stopped, unknown name), and the others still report', async () => {
    await labConsole(
      dir,
      "Update-LabState -Script { param($s) $s.hosts['APP01']['remoting'] = @{ winrm = 'Stopped' } } | Out-Null",
    );
    const progress: DiscoverProgress[] = [];
    const report = await discover(
      counted(),
      { computers: ['WEB01', 'APP01', 'NOSUCHHOST'] },
      { onProgress: (p) => progress.push(p) },
    );
    assert.deepEqual(
      report.problems.map((p) => [p.host, p.cause, p.command]),
      [
        ['APP01', 'winrm-off', 'Enable-PSRemoting -Force'],
        ['NOSUCHHOST', 'unreachable', 'Resolve-DnsName -Name NOSUCHHOST'],
      ],
    );
    assert.match(report.problems[0]?.message ?? '', /cannot connect to the destination/);
    assert.equal(report.findings[0]?.id, 'WEB01/task/\\Reports\\Export inactive users');
    assert.equal(report.counts.reached, 1);
    assert.deepEqual(
      progress
        .filter((p) => p.phase === 'hosts')
        .map((p) => [p.host, p.outcome])
        .sort(),
      [
        ['APP01', 'problem'],
        ['NOSUCHHOST', 'problem'],
        ['WEB01', 'read'],
      ],
    );
  });
});

describe('a group nested in a privileged one', () => {
  it('is flagged too (the account query follows the groups up, one Get-ADGroup per level)', async () => {
    await labConsole(
      dir,
      "New-ADGroup -Name 'Report Ops' -GroupScope Global -Path 'CN=Users,DC=contoso,DC=com'; " +
        "Add-ADGroupMember -Identity 'Domain Admins' -Members 'Report Ops'; " +
        "Add-ADGroupMember -Identity 'Report Ops' -Members 'svc-report-user'",
    );
    const report = await discover(counted(), {});
    const groups = new Map(report.accounts[0]?.facts?.groups.map((g) => [g.name, g.privileged]));
    assert.match(groups.get('Report Ops') ?? '', /^Report Ops is nested in Domain Admins/);
    assert.equal(groups.get('Report Readers'), null);
    assert.match(
      report.accounts[0]?.words ?? '',
      /in Domain Admins, Report Ops \(privileged\)|in Report Ops, Domain Admins \(privileged\)/,
    );
  });
});

describe('tasks that keep no password', () => {
  it('lists an S4U and an Interactive task of the same account as fine, saying why; the Password task still fails', async () => {
    await labConsole(
      dir,
      "$a = New-ScheduledTaskAction -Execute 'C:\\Windows\\System32\\cmd.exe'; " +
        "$p = New-ScheduledTaskPrincipal -UserId 'CONTOSO\\svc-report-user' -LogonType S4U; " +
        "Register-ScheduledTask -TaskPath '\\Reports\\' -TaskName 'Nightly S4U' -Action $a -Principal $p | Out-Null; " +
        "$p = New-ScheduledTaskPrincipal -UserId 'CONTOSO\\svc-report-user' -LogonType Interactive; " +
        "Register-ScheduledTask -TaskPath '\\Reports\\' -TaskName 'At logon' -Action $a -Principal $p | Out-Null",
    );
    const report = await discover(counted(), {});
    const byId = new Map(report.findings.map((f) => [f.id, f]));
    const s4u = byId.get('WEB01/task/\\Reports\\Nightly S4U');
    assert.equal(s4u?.use.kind === 'task' && s4u.use.logonType, 'S4U');
    assert.deepEqual(
      [s4u?.verdict, s4u?.words],
      ['fine', 'S4U logon: no stored password (Windows logs the account on without one)'],
    );
    const interactive = byId.get('WEB01/task/\\Reports\\At logon');
    assert.deepEqual(
      [interactive?.verdict, interactive?.words],
      ['fine', 'runs only when the user is logged on: no stored password'],
    );
    assert.equal(report.findings[0]?.verdict, 'failing');
    assert.equal(report.findings.filter((f) => f.verdict !== 'fine').length, 1);
  });
});
