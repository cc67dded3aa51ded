// The discovery's judgement, pure: account names sorted (built-in, managed, local, domain), logon failures decoded
// (0x8007052E, 0x80070569, 1069, ...), each verdict in its words (a task keeping no password is fine; an account
// whose domain did not answer is unknown), the ranking (failing, will-fail, expiring, unknown, standing-secret,
// fine), accounts grouped over hosts with privileged groups named, WinRM errors as causes with fixes,
// and the LDAP filters the account query sends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupPrivilege, ldapEscape, samFilters } from '../../electron/common/discover/accounts.js';
import { hostProblem, type ProblemRecord } from '../../electron/common/discover/sweep.js';
import {
  AT_RISK,
  type AccountFacts,
  type Finding,
  type TaskUse,
  type WorkloadUse,
} from '../../electron/common/discover/types.js';
import {
  accountName,
  decodeLogonFailure,
  findingId,
  judge,
  rankFindings,
  summarizeAccounts,
} from '../../electron/common/discover/verdict.js';

const NOW = new Date('2026-12-04T12:00:00Z');
const daysFromNow = (days: number): string => new Date(NOW.getTime() + days * 86_400_000).toISOString();

const task = (over: Partial<TaskUse> = {}): TaskUse => ({
  kind: 'task',
  host: 'WEB01',
  runsAs: 'CONTOSO\\svc-report-user',
  taskPath: '\\Reports\\',
  taskName: 'Export inactive users',
  logonType: 'Password',
  state: 'Ready',
  lastRunTime: daysFromNow(-1),
  lastResult: 0,
  nextRunTime: daysFromNow(1),
  execute: 'powershell.exe',
  arguments: null,
  workingDirectory: null,
  ...over,
});

const service = (exitCode: number, host = 'APP01'): WorkloadUse => ({
  kind: 'service',
  host,
  runsAs: 'CONTOSO\\svc-report-user',
  name: 'ReportSync',
  displayName: 'Report Sync',
  state: 'Running',
  startMode: 'Auto',
  exitCode,
  pathName: 'C:\\Program Files\\ReportSync\\sync.exe',
});

const user = (over: Partial<AccountFacts> = {}): AccountFacts => ({
  account: 'CONTOSO\\svc-report-user',
  kind: 'user',
  domain: 'CONTOSO',
  sam: 'svc-report-user',
  dn: 'CN=svc-report-user,CN=Users,DC=contoso,DC=com',
  sid: 'S-1-5-21-1-2-3-1120',
  enabled: true,
  lockedOut: false,
  passwordLastSet: daysFromNow(-20),
  passwordExpires: daysFromNow(22),
  passwordExpired: false,
  passwordNeverExpires: false,
  lastLogonDate: daysFromNow(-1),
  spns: [],
  groups: [],
  delegation: { unconstrained: false, protocolTransition: false, allowedToDelegateTo: [] },
  ...over,
});

const name = (runsAs: string, host = 'WEB01') => accountName(runsAs, host, 'CONTOSO');

describe('account names', () => {
  it('sorts built-in, managed, local and domain names, and keys a domain account one way however it is written', () => {
    for (const builtin of ['', 'LocalSystem', 'SYSTEM', 'NT AUTHORITY\\NetworkService', 'NT SERVICE\\MSSQLSERVER']) {
      assert.equal(name(builtin).kind, 'builtin', builtin);
    }
    assert.equal(name('IIS APPPOOL\\Reports').kind, 'builtin');
    assert.equal(name('ApplicationPoolIdentity').kind, 'builtin');
    assert.deepEqual(name('CONTOSO\\svc-web$'), {
      key: 'CONTOSO\\svc-web$',
      kind: 'managed',
      domain: 'CONTOSO',
      sam: 'svc-web$',
    });
    assert.equal(name('.\\backup').kind, 'local');
    assert.equal(name('web01\\backup').kind, 'local');
    assert.equal(name('WEB01\\backup', 'web01.contoso.com').key, 'WEB01\\backup');
    // The same account as DOMAIN\name, a bare name (the admin's domain) and a differently-cased name: one key.
    assert.equal(name('contoso\\SVC-Report-User').key, 'CONTOSO\\svc-report-user');
    assert.equal(name('svc-report-user').key, 'CONTOSO\\svc-report-user');
    // A UPN in the admin's DNS domain is the same account as DOMAIN\\name.
    assert.equal(
      accountName('svc-report-user@contoso.com', 'WEB01', 'CONTOSO', 'contoso.com').key,
      'CONTOSO\\svc-report-user',
    );
    for (const builtin of ['LOCAL SERVICE', 'NETWORK SERVICE', 'S-1-5-18'])
      assert.equal(name(builtin).kind, 'builtin', builtin);
    // A UPN of another DNS domain keeps it: it is looked up there.
    assert.deepEqual(name('svc-report-user@contoso.com'), {
      key: 'CONTOSO.COM\\svc-report-user',
      kind: 'domain',
      domain: 'CONTOSO.COM',
      sam: 'svc-report-user',
    });
  });
});

describe('logon failures', () => {
  it('decodes a task result signed or unsigned, a service exit code, and nothing else', () => {
    assert.equal(decodeLogonFailure(task({ lastResult: 0x8007052e }))?.code, '0x8007052E');
    assert.equal(decodeLogonFailure(task({ lastResult: -2147023570 }))?.short, 'logon failure');
    assert.equal(decodeLogonFailure(task({ lastResult: 0x80070569 }))?.short, 'logon type not granted');
    assert.equal(decodeLogonFailure(task({ lastResult: 0x80070533 }))?.short, 'account disabled');
    assert.equal(decodeLogonFailure(task({ lastResult: 0x80070775 }))?.short, 'account locked out');
    assert.equal(decodeLogonFailure(task({ lastResult: 0 })), null);
    assert.equal(decodeLogonFailure(task({ lastResult: 0x80070002 })), null, 'file not found is no logon failure');
    assert.equal(decodeLogonFailure(task({ lastResult: null })), null);
    assert.equal(decodeLogonFailure(service(1069))?.code, '1069');
    assert.match(decodeLogonFailure(service(1069))?.meaning ?? '', /logon failure/);
    assert.equal(decodeLogonFailure(service(0)), null);
    assert.equal(decodeLogonFailure(service(1077)), null, 'never started is no failure');
  });
});

describe('verdicts', () => {
  const account = name('CONTOSO\\svc-report-user');

  it("says the issue's sentence for the classic story: password expired 3 days ago, last result 0x8007052E", () => {
    const facts = user({ passwordExpired: true, passwordExpires: daysFromNow(-3), passwordLastSet: daysFromNow(-45) });
    const v = judge(task({ lastResult: 0x8007052e }), account, facts, NOW);
    assert.equal(v.verdict, 'failing');
    assert.equal(v.words, 'password expired 3 days ago; last result 0x8007052E: logon failure');
    assert.equal(v.failure?.code, '0x8007052E');
    // The same account's service has not failed yet: its next start will.
    const s = judge(service(0), name('CONTOSO\\svc-report-user', 'APP01'), facts, NOW);
    assert.equal(s.verdict, 'will-fail');
    assert.equal(s.words, 'password expired 3 days ago: the next start will fail');
    assert.equal(
      judge(service(1069), account, facts, NOW).words,
      'password expired 3 days ago; last start failed with 1069: logon failure',
    );
  });

  it('judges disabled, locked-out and missing accounts as failing on the next logon', () => {
    assert.equal(
      judge(task(), account, user({ enabled: false }), NOW).words,
      'account disabled: the next run will fail',
    );
    assert.equal(judge(task(), account, user({ lockedOut: true }), NOW).verdict, 'will-fail');
    const missing = judge(task(), account, user({ kind: 'missing' }), NOW);
    assert.equal(missing.verdict, 'will-fail');
    assert.match(missing.words, /not found in AD/);
  });

  it('warns 14 days ahead, calls a password that never expires a standing secret, and the rest fine', () => {
    assert.deepEqual(
      [
        judge(task(), account, user({ passwordExpires: daysFromNow(5) }), NOW).verdict,
        judge(task(), account, user({ passwordExpires: daysFromNow(5) }), NOW).words,
      ],
      ['expiring', 'password expires in 5 days'],
    );
    assert.equal(judge(task(), account, user({ passwordExpires: daysFromNow(14) }), NOW).verdict, 'expiring');
    assert.equal(judge(task(), account, user({ passwordExpires: daysFromNow(15) }), NOW).verdict, 'fine');
    const never = judge(
      task(),
      account,
      user({ passwordNeverExpires: true, passwordExpires: null, passwordLastSet: daysFromNow(-400) }),
      NOW,
    );
    assert.equal(never.verdict, 'standing-secret');
    assert.equal(never.words, 'password never expires: a standing secret (set 400 days ago)');
  });

  it('lists built-in and managed accounts as fine, unless a managed account failed to log on', () => {
    assert.equal(judge(task({ runsAs: 'SYSTEM' }), name('SYSTEM'), null, NOW).verdict, 'fine');
    const gmsa = name('CONTOSO\\svc-web$');
    const managed = user({ account: 'CONTOSO\\svc-web$', kind: 'managed', passwordExpires: null });
    assert.equal(judge(task({ runsAs: 'CONTOSO\\svc-web$' }), gmsa, managed, NOW).verdict, 'fine');
    assert.equal(
      judge(task({ runsAs: 'CONTOSO\\svc-web$', lastResult: 0x8007052e }), gmsa, managed, NOW).verdict,
      'failing',
    );
  });

  it('lists a task that keeps no password (S4U, Interactive) as fine, whatever its password does, and says why', () => {
    const expired = user({ passwordExpired: true, passwordExpires: daysFromNow(-3) });
    const s4u = judge(task({ logonType: 'S4U' }), account, expired, NOW);
    assert.deepEqual(
      [s4u.verdict, s4u.words],
      ['fine', 'S4U logon: no stored password (Windows logs the account on without one)'],
    );
    const interactive = judge(
      task({ logonType: 'Interactive' }),
      account,
      user({ passwordNeverExpires: true, passwordExpires: null }),
      NOW,
    );
    assert.deepEqual(
      [interactive.verdict, interactive.words],
      ['fine', 'runs only when the user is logged on: no stored password'],
    );
    // TASK_LOGON_TYPE's numbers read the same; a local account's S4U task keeps no password either.
    assert.equal(judge(task({ logonType: '2' }), account, expired, NOW).verdict, 'fine');
    assert.equal(
      judge(task({ logonType: 'S4U', runsAs: 'WEB01\backup' }), name('WEB01\backup'), null, NOW).verdict,
      'fine',
    );
    // A logon failure in its last result is shown (the account may be disabled), not judged as a stored password's.
    const failed = judge(task({ logonType: 'S4U', lastResult: 0x80070533 }), account, user({ enabled: false }), NOW);
    assert.equal(failed.verdict, 'fine');
    assert.match(failed.words, /no stored password .*; last result 0x80070533: account disabled$/);
    assert.equal(failed.failure?.code, '0x80070533');
    // InteractiveOrPassword keeps the password given at registration (Microsoft's TASK_LOGON_TYPE): judged as Password.
    assert.equal(judge(task({ logonType: 'InteractiveOrPassword' }), account, expired, NOW).verdict, 'will-fail');
    assert.equal(judge(task({ logonType: 'Password' }), account, expired, NOW).verdict, 'will-fail');
    // A service and a pool always keep one.
    assert.equal(judge(service(0), account, expired, NOW).verdict, 'will-fail');
  });

  it('judges an account whose domain did not answer as unknown (at risk), not fine', () => {
    const v = judge(task({ runsAs: 'FABRIKAM\\svc-x' }), name('FABRIKAM\\svc-x'), null, NOW);
    assert.equal(v.verdict, 'unknown');
    assert.match(v.words, /^the domain FABRIKAM did not answer: the account's password could not be checked/);
    assert.ok(AT_RISK.includes(v.verdict));
    // A logon failure it reported still says failing.
    assert.equal(
      judge(task({ runsAs: 'FABRIKAM\\svc-x', lastResult: 0x8007052e }), name('FABRIKAM\\svc-x'), null, NOW).verdict,
      'failing',
    );
  });

  it('calls a local account a standing secret outside AD', () => {
    const v = judge(task({ runsAs: 'WEB01\\backup' }), name('WEB01\\backup'), null, NOW);
    assert.equal(v.accountKind, 'local');
    assert.equal(v.verdict, 'standing-secret');
  });
});

describe('ranking and grouping', () => {
  const expired = user({
    passwordExpired: true,
    passwordExpires: daysFromNow(-3),
    groups: [
      {
        name: 'Report Readers',
        dn: 'CN=Report Readers,CN=Users,DC=contoso,DC=com',
        sid: 'S-1-5-21-1-2-3-1121',
        privileged: null,
      },
      {
        name: 'Domain Admins',
        dn: 'CN=Domain Admins,CN=Users,DC=contoso,DC=com',
        sid: 'S-1-5-21-1-2-3-512',
        privileged: 'why',
      },
    ],
    spns: ['HTTP/reports.contoso.com'],
  });
  const other = user({
    account: 'CONTOSO\\svc-backup',
    sam: 'svc-backup',
    passwordNeverExpires: true,
    passwordExpires: null,
  });
  const finding = (use: WorkloadUse, facts: AccountFacts | null): Finding => {
    const n = name(use.runsAs, use.host);
    return { id: findingId(use), use, account: n.key, ...judge(use, n, facts, NOW) };
  };
  const findings = [
    finding(task({ runsAs: 'CONTOSO\\svc-backup', taskName: 'Backup' }), other),
    finding(task({ runsAs: 'SYSTEM', taskName: 'Cleanup' }), null),
    finding(service(0), expired),
    finding(task({ lastResult: 0x8007052e }), expired),
  ];

  it('puts the failing task first, then the will-fail service, the standing secret, and the fine built-in last', () => {
    const ranked = rankFindings(findings);
    assert.deepEqual(
      ranked.map((f) => [f.id, f.verdict]),
      [
        ['WEB01/task/\\Reports\\Export inactive users', 'failing'],
        ['APP01/service/ReportSync', 'will-fail'],
        ['WEB01/task/\\Reports\\Backup', 'standing-secret'],
        ['WEB01/task/\\Reports\\Cleanup', 'fine'],
      ],
    );
  });

  it('groups an account over its hosts, most urgent first, naming its privileged groups and SPNs', () => {
    const facts = new Map([
      [expired.account, expired],
      [other.account, other],
    ]);
    const accounts = summarizeAccounts(rankFindings(findings), facts);
    assert.deepEqual(
      accounts.map((a) => a.account),
      ['CONTOSO\\svc-report-user', 'CONTOSO\\svc-backup'],
      'built-in accounts are no account to move',
    );
    const first = accounts[0];
    assert.deepEqual(first?.hosts, ['WEB01', 'APP01']);
    assert.equal(first?.verdict, 'failing');
    assert.equal(
      first?.words,
      'password expired 3 days ago; last result 0x8007052E: logon failure; 2 uses on 2 hosts: moving it covers them all; in Domain Admins (privileged); 1 SPN',
    );
  });
});

describe('host problems', () => {
  const record = (
    fqid: string,
    errorCode: number | null,
    exception = 'System.Management.Automation.Remoting.PSRemotingTransportException',
  ): ProblemRecord => ({
    type: 'problem',
    host: 'WEB07',
    remote: true,
    fqid,
    exception,
    message: 'Connecting to remote server WEB07 failed ...',
    errorCode,
  });

  it("names each WinRM failure's cause with its fix and command", () => {
    const off = hostProblem(record('CannotConnect,PSSessionStateBroken', -2144108526));
    assert.equal(off.cause, 'winrm-off');
    assert.equal(off.command, 'Enable-PSRemoting -Force');
    const denied = hostProblem(record('AccessDenied,PSSessionStateBroken', 5));
    assert.equal(denied.cause, 'access-denied');
    assert.match(denied.fix, /Remote Management Users/);
    const timeout = hostProblem(record('WinRMOperationTimeout,PSSessionStateBroken', -2144108250));
    assert.equal(timeout.cause, 'unreachable');
    assert.match(timeout.fix, /firewall/);
    assert.equal(timeout.command, 'Test-NetConnection -ComputerName WEB07 -Port 5985');
    const unknown = hostProblem(record('NetworkPathNotFound,PSSessionStateBroken', 53));
    assert.equal(unknown.cause, 'unreachable');
    assert.match(unknown.fix, /does not resolve/);
    assert.equal(hostProblem(record('ServerNotTrusted,PSSessionStateBroken', -2144108316)).cause, 'unreachable');
  });

  it("does not guess for a WinRM error it does not know: a generic cause with WinRM's own words", () => {
    const other = hostProblem({
      ...record('WinRMOperationAborted,PSSessionStateBroken', -2144108269),
      message: 'The WinRM client cannot complete the operation within the time specified.',
    });
    assert.equal(other.cause, 'remoting-error');
    assert.doesNotMatch(other.fix, /firewall/);
    assert.match(other.fix, /The WinRM client cannot complete the operation/);
    assert.equal(other.command, 'Test-WSMan -ComputerName WEB07');
  });

  it('tells an error of the block on a reached host from a connection failure', () => {
    const failed = hostProblem(
      record('CommandNotFoundException', null, 'System.Management.Automation.RemoteException'),
    );
    assert.equal(failed.cause, 'script-failed');
    assert.equal(hostProblem({ ...record('x', null), remote: false }).cause, 'script-failed');
  });
});

describe('the account query', () => {
  it('escapes LDAP filter values (RFC 4515) and batches names', () => {
    assert.equal(ldapEscape('a*b(c)\\d'), 'a\\2ab\\28c\\29\\5cd');
    assert.deepEqual(samFilters(['a']), ['(sAMAccountName=a)']);
    assert.deepEqual(samFilters(['a', 'b', 'c'], 2), ['(|(sAMAccountName=a)(sAMAccountName=b))', '(sAMAccountName=c)']);
    assert.deepEqual(samFilters([]), []);
  });
});

describe('privileged groups', () => {
  const DOMAIN = 'S-1-5-21-1-2-3';
  const group = (name: string, rid: number | null, memberOf: string[] = []) => ({
    dn: `CN=${name},CN=Users,DC=contoso,DC=com`,
    name,
    sid: rid === null ? null : `${DOMAIN}-${rid}`,
    memberOf,
  });
  const da = group('Domain Admins', 512);
  const ops = group('Ops', 1200, [da.dn]);
  const team = group('Team', 1201, [ops.dn]);
  const readers = group('Report Readers', 1121);
  const loop = group('Loop', 1202);
  const loopBack = group('Loop Back', 1203, [loop.dn]);
  const groups = [da, ops, team, readers, { ...loop, memberOf: [loopBack.dn] }, loopBack];

  it('flags a privileged group by its RID, and a group nested in one at any depth', () => {
    assert.match(groupPrivilege(da.dn, groups) ?? '', /^Domain Admins is a privileged group/);
    assert.match(
      groupPrivilege(ops.dn, groups) ?? '',
      /^Ops is nested in Domain Admins: copying it would put the gMSA there too/,
    );
    assert.match(groupPrivilege(team.dn, groups) ?? '', /^Team is nested in Domain Admins/);
  });

  it('lets an ordinary group be copied, nesting loops included', () => {
    assert.equal(groupPrivilege(readers.dn, groups), null);
    assert.equal(groupPrivilege(loop.dn, groups), null);
    // A group the query did not return (another domain's) is judged by its name.
    assert.match(groupPrivilege('CN=DnsAdmins,CN=Users,DC=fabrikam,DC=com', groups) ?? '', /privileged/);
  });
});
