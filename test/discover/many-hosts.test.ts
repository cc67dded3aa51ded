// Discovery over the lab's `many-hosts` fleet (40 member servers, 8 user accounts, one gMSA, three hosts it cannot
// read) as the admin runs it: `msa-wizard discover --computer … --json` on the lab (as its context computer, WEB01),
// with the lab's call log on (the CLI's pwsh and the remote processes of its Invoke-Command write to the same file in
// the lab folder). From its JSON and exit code (1: at risk): every planted job is found with its verdict (the
// scenario's own list, MANY_HOSTS_JOBS via plantedJobs), the three hosts are a line each with their cause, and the
// round trips do not grow with the fleet: the sweep of N hosts is ONE session script holding ONE Invoke-Command
// (WEB01 itself read in-process), then ONE account script with one AD query per batch of accounts per object class,
// none of them on a remote host (no second hop). The 2-host test with one account per batch runs the library
// discover() through a counting session: it checks the batching, and that the report's count of session scripts is
// the number of scripts actually sent (which the CLI's JSON can only report, not prove).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { discover, type DiscoverSession } from '../../electron/common/discover/discover.js';
import { discoveryReportSchema, type DiscoveryReport, type Verdict } from '../../electron/common/discover/types.js';
import {
  MANY_HOSTS,
  MANY_HOSTS_UNREADABLE,
  plantedJobs,
  type PlantedState,
} from '../../electron/lab/scenarios/many-hosts.js';
import {
  countCalls,
  readLabCalls,
  reachedHosts,
  startLabCallLog,
  stopLabCallLog,
  type LabCall,
} from '../helpers/lab-calls.js';
import { labSession, newLab } from '../helpers/lab.js';

const AD_QUERIES = ['Get-ADUser', 'Get-ADServiceAccount', 'Get-ADGroup', 'Get-ADComputer'];

/** `msa-wizard discover --json` on the lab in `dir` with the call log on: its exit code, report and lab calls. */
async function cliSweep(
  dir: string,
  computers: readonly string[],
): Promise<{ code: number | null; report: DiscoveryReport; calls: LabCall[] }> {
  startLabCallLog(dir);
  try {
    // Asynchronously, not spawnSync: the sweep takes minutes and the test runner must stay responsive meanwhile.
    const child = spawn(
      process.execPath,
      ['bin/msa-wizard.js', 'discover', '--lab-dir', dir, '--computer', computers.join(','), '--json'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    let report: DiscoveryReport;
    try {
      report = discoveryReportSchema.parse(JSON.parse(out));
    } catch (e) {
      throw new Error(`msa-wizard discover --json (exit ${code}) printed no report: ${String(e)}\n${out}${err}`);
    }
    return { code, report, calls: readLabCalls(dir) };
  } finally {
    stopLabCallLog(dir);
  }
}

/** The library's discover() on a session that counts the scripts it is sent, with the call log on. */
async function librarySweep(
  computers: readonly string[],
  accountBatch: number,
): Promise<{ report: DiscoveryReport; scripts: number; calls: LabCall[] }> {
  const dir = newLab('many-hosts');
  const session = labSession(dir, { computer: 'WEB01' });
  let scripts = 0;
  const counted: DiscoverSession = {
    run: (script, options) => {
      scripts += 1;
      return session.run(script, options);
    },
  };
  startLabCallLog(dir);
  try {
    const report = await discover(counted, { computers: [...computers] }, { accountBatch });
    return { report, scripts, calls: readLabCalls(dir) };
  } finally {
    stopLabCallLog(dir);
    await session.dispose();
  }
}

const VERDICT: Readonly<Record<Exclude<PlantedState, 'unreadable'>, Verdict>> = {
  failing: 'failing',
  expired: 'will-fail',
  expiring: 'expiring',
  'never-expires': 'standing-secret',
  fine: 'fine',
};

describe('msa-wizard discover --json on the 40 hosts of many-hosts', () => {
  let run: Awaited<ReturnType<typeof cliSweep>>;
  before(
    async () => {
      run = await cliSweep(newLab('many-hosts'), MANY_HOSTS);
    },
    { timeout: 1_800_000 },
  );

  it('exits 1: findings at risk', () => {
    assert.equal(run.code, 1);
    assert.equal(run.report.localComputer, 'WEB01');
    assert.deepEqual(run.report.hosts, [...MANY_HOSTS]);
  });

  it('finds every planted job with its verdict (and the built-in pools as fine)', () => {
    const found = new Map(run.report.findings.map((f) => [f.id, f]));
    const wrong: string[] = [];
    for (const job of plantedJobs()) {
      const f = found.get(`${job.host}/${job.kind}/${job.name}`);
      if (job.state === 'unreadable') {
        if (f !== undefined) wrong.push(`found on an unreadable host: ${f.id}`);
        continue;
      }
      if (f === undefined) wrong.push(`missing: ${job.host}/${job.kind}/${job.name}`);
      else if (
        f.verdict !== VERDICT[job.state] ||
        f.account !== job.account.replace(/\\(.*)$/, (_m, s: string) => `\\${s.toLowerCase()}`)
      ) {
        wrong.push(`${f.id}: ${f.verdict} as ${f.account}, planted ${job.state} as ${job.account}`);
      }
      found.delete(`${job.host}/${job.kind}/${job.name}`);
    }
    assert.deepEqual(wrong, []);
    assert.deepEqual(
      [...found.values()].filter((f) => f.accountKind !== 'builtin').map((f) => f.id),
      [],
      'nothing but built-in identities beyond the planted jobs',
    );
    assert.ok(run.report.findings.length > 50);
  });

  it('ranks the failing jobs first and groups each account over its hosts', () => {
    const verdicts = run.report.findings.map((f) => f.verdict);
    assert.equal(verdicts[0], 'failing');
    assert.deepEqual(
      verdicts,
      [...verdicts].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)),
    );
    const batch = run.report.accounts.find((a) => a.account === 'CONTOSO\\svc-batch');
    assert.ok(batch !== undefined);
    assert.ok(batch.hosts.length >= 8, batch.hosts.join(', '));
  });

  it('reports the three hosts it cannot read, each with its cause, and reads the others', () => {
    assert.deepEqual(
      run.report.problems.map((p) => [p.host, p.cause]),
      Object.entries(MANY_HOSTS_UNREADABLE).map(([host, cause]) => [host, cause]),
    );
    assert.equal(run.report.counts.reached, MANY_HOSTS.length - 3);
  });

  it('took one sweep script with one Invoke-Command and one account script, AD read only on WEB01', () => {
    assert.equal(countCalls(run.calls, 'Invoke-Command'), 1);
    assert.equal(reachedHosts(run.calls).length, MANY_HOSTS.length - 1 - 3, 'every other host but the three');
    for (const cmd of AD_QUERIES)
      assert.equal(countCalls(run.calls, cmd, { remote: true }), 0, `${cmd} on a remote host`);
    // Nine accounts (eight users, one gMSA): one batch each for users, managed accounts and their groups.
    assert.deepEqual(
      AD_QUERIES.map((cmd) => countCalls(run.calls, cmd)),
      [1, 1, 1, 0],
    );
    assert.equal(run.report.counts.adQueries, 3);
    assert.deepEqual(
      { sessionScripts: run.report.counts.sessionScripts, remotingCalls: run.report.counts.remotingCalls },
      { sessionScripts: 2, remotingCalls: 1 },
    );
  });
});

const ORDER: readonly Verdict[] = ['failing', 'will-fail', 'expiring', 'standing-secret', 'fine'];

describe('discover on 2 hosts, one account per batch', () => {
  it('takes the same one Invoke-Command, and one AD query per batch', async () => {
    const run = await librarySweep(['WEB01', 'BATCH01'], 1);
    assert.equal(run.scripts, 2);
    assert.equal(run.report.counts.sessionScripts, run.scripts, 'the report counts the scripts it sent');
    assert.equal(countCalls(run.calls, 'Invoke-Command'), 1);
    // WEB01's pool runs as svc-web, BATCH01's task and service as svc-batch, its ETL task as the gMSA.
    const users = new Set(run.report.findings.filter((f) => f.accountKind === 'user').map((f) => f.account));
    assert.deepEqual([...users].sort(), ['CONTOSO\\svc-batch', 'CONTOSO\\svc-web']);
    assert.equal(countCalls(run.calls, 'Get-ADUser'), 2);
    assert.equal(countCalls(run.calls, 'Get-ADServiceAccount'), 1);
    const groups = new Set(run.report.accounts.flatMap((a) => a.facts?.groups.map((g) => g.dn) ?? []));
    assert.equal(countCalls(run.calls, 'Get-ADGroup'), groups.size);
    assert.equal(run.report.counts.adQueries, 3 + groups.size);
  });
});
