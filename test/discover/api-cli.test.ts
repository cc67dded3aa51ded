// Discovery as the UI and the admin reach it, on the lab's `password-expired` story: the API op discover.run (its
// output checked by the contract; a discover-progress event per host and per domain, valid events of the contract),
// `msa-wizard discover` (ranked findings then host problems, --json, exit 1 at risk / 0 nothing at risk / 2 bad
// input, an OU AD cannot list included), and every script discovery sends: Windows PowerShell 5.1 syntax, ASCII only.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { apiEventSchema, apiResultSchema, type ApiEvent } from '../../electron/common/api/contract.js';
import { createApi } from '../../electron/common/api/handlers.js';
import { accountsScript } from '../../electron/common/discover/accounts.js';
import { HOST_BLOCK } from '../../electron/common/discover/host-script.js';
import { sweepScript } from '../../electron/common/discover/sweep.js';
import { discoveryReportSchema } from '../../electron/common/discover/types.js';
import { labSession, newLab } from '../helpers/lab.js';
import { testSession } from '../helpers/pwsh.js';
import { scanForPs7Syntax } from '../powershell/ps51-scan.js';

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/msa-wizard.js', ...args], { encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('discover.run (API)', () => {
  const session = labSession(newLab('password-expired'));
  after(() => session.dispose());

  it('answers the report and pushes a discover-progress event per host, then per domain', async () => {
    const events: ApiEvent[] = [];
    const api = createApi({
      session,
      mode: 'practice',
      transport: 'lab-host',
      emit: (e) => events.push(apiEventSchema.parse(e)),
      journalDir: mkdtempSync(path.join(tmpdir(), 'msa-journal-')),
    });
    const result = apiResultSchema.parse(await api.dispatch('discover.run', { computers: ['WEB01', 'APP01'] }));
    assert.ok(result.ok, JSON.stringify(result));
    const report = discoveryReportSchema.parse(result.value);
    assert.equal(report.findings[0]?.words, 'password expired 3 days ago; last result 0x8007052E: logon failure');
    const progress = events.flatMap((e) => (e.type === 'discover-progress' ? [e] : []));
    assert.deepEqual(
      progress.map((p) => [p.phase, p.host, p.outcome]),
      [
        ['hosts', 'WEB01', 'read'],
        ['hosts', 'APP01', 'read'],
        ['accounts', null, null],
        ['done', null, null],
      ],
    );
    // The PowerShell panel sees the two scripts it ran: the sweep, then the accounts.
    assert.equal(events.filter((e) => e.type === 'run-started').length, 2);
  });

  it('refuses what is not a scope', async () => {
    const api = createApi({
      session,
      mode: 'practice',
      transport: 'lab-host',
      emit: () => undefined,
      journalDir: mkdtempSync(path.join(tmpdir(), 'msa-journal-')),
    });
    const result = apiResultSchema.parse(await api.dispatch('discover.run', { computers: 'WEB01' }));
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.kind, 'BadInput');
    // A computer is a NetBIOS name, as in the plan: the refusal says what to type instead.
    for (const bad of ['web01.contoso.com', 'C:\\temp', 'A-NAME-FAR-TOO-LONG']) {
      const r = apiResultSchema.parse(await api.dispatch('discover.run', { computers: ['APP01', bad] }));
      assert.equal(r.ok, false, bad);
      assert.match(JSON.stringify(!r.ok && r.error), /computer name|at most 15 characters/, bad);
    }
  });
});

describe('msa-wizard discover', () => {
  const dir = newLab('password-expired');

  it('prints the findings most urgent first, then one line per host problem, and exits 1 when something is at risk', () => {
    const r = cli('discover', '--computer', 'WEB01', '--computer', 'APP01,NOSUCHHOST', '--lab-dir', dir);
    assert.equal(r.code, 1, r.out + r.err);
    const lines = r.out.split('\n');
    assert.equal(lines[0], '[FAILING  ] WEB01  task \\Reports\\Export inactive users  as CONTOSO\\svc-report-user');
    assert.equal(lines[1], '            password expired 3 days ago; last result 0x8007052E: logon failure');
    assert.match(r.out, /^\[WILL FAIL\] APP01 {2}service ReportSync {2}as CONTOSO\\svc-report-user$/m);
    assert.match(r.out, /^CONTOSO\\svc-report-user runs on WEB01, APP01: moving it must cover them all$/m);
    assert.match(r.out, /^NOSUCHHOST: unreachable: .* > Resolve-DnsName -Name NOSUCHHOST$/m);
    assert.match(r.err, /^ {2}APP01: read \(\d\/3\)$/m);
  });

  it('--json is the report; a computer with nothing at risk exits 0', () => {
    const r = cli('discover', '--computer', 'WS01', '--lab-dir', dir, '--json');
    assert.equal(r.code, 0, r.out + r.err);
    const report = discoveryReportSchema.parse(JSON.parse(r.out));
    assert.deepEqual(report.hosts, ['WS01']);
    assert.deepEqual(report.findings, []);
  });

  it('exits 2 for an OU AD cannot list, saying what to change; the computers named are still read', () => {
    const r = cli('discover', '--computer', 'APP01', '--searchbase', 'OU=Nope,DC=contoso,DC=com', '--lab-dir', dir);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(
      r.err,
      /^msa-wizard: --searchbase 'OU=Nope,DC=contoso,DC=com' could not be listed: Directory object not found$/m,
    );
    assert.match(r.err, /Get-ADOrganizationalUnit -Identity 'OU=Nope,DC=contoso,DC=com'/);
    assert.match(r.out, /^\[WILL FAIL\] APP01 {2}service ReportSync/m);
  });

  it('refuses bad input with exit 2 before anything runs', () => {
    for (const args of [
      ['--computer', 'web 01'],
      ['--computer'],
      ['--searchbase', 'Servers'],
      ['--bogus'],
      ['WEB01'],
    ]) {
      const r = cli('discover', ...args, '--lab-dir', dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
      assert.match(r.err, /^msa-wizard: /);
    }
  });
});

describe("discovery's scripts", () => {
  const session = testSession();
  after(() => session.dispose());
  const scripts = [
    { name: 'host block', text: HOST_BLOCK.text },
    { name: 'sweep (this computer)', text: sweepScript({ computers: [] }).text },
    {
      name: 'sweep (an OU and hosts)',
      text: sweepScript({ computers: ['WEB01', "O'Brien-PC"], searchBase: 'OU=Servers,DC=contoso,DC=com' }).text,
    },
    {
      name: 'accounts',
      text: accountsScript({ domain: 'CONTOSO', server: 'FABRIKAM', users: ['svc-a', 'svc-(b)*'], managed: ['gmsa$'] })
        .text,
    },
  ];

  it('are Windows PowerShell 5.1 syntax', async () => {
    const findings = await scanForPs7Syntax(session, scripts);
    assert.deepEqual(
      findings.filter((f) => f.problems.length > 0),
      [],
    );
  });

  it('are ASCII', () => {
    assert.deepEqual(
      scripts
        .filter((s) => [...s.text].some((c) => c > '~' || (c < ' ' && c !== '\n' && c !== '\r' && c !== '\t')))
        .map((s) => s.name),
      [],
    );
  });
});
