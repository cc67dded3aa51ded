// The web farm from WEB01 (iis-host lab, real pwsh): WEB02's steps run there through the lab's Invoke-Command,
// one per step, with the account's AD facts read on WEB01 (no AD cmdlet runs on WEB02: the second hop would fail); the
// journaled script of each is its preview, the Invoke-Command itself; the survey reads WEB02 through remoting; undo
// runs WEB02's undo there too and puts the lab back as it was.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { RunInfo } from '../../electron/common/api/contract.js';
import { sharedLab } from '../checks/lab-session.js';
import { labState } from '../helpers/lab.js';
import { countCalls, readLabCalls, reachedHosts, startLabCallLog, stopLabCallLog } from '../helpers/lab-calls.js';
import { coreOn, journals, ok } from '../runs/run-api.js';
import { comparableState, FARM_PLAN, GMSA, journalRecords } from './remote-run.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const WEB02_STEPS = [
  'refresh-ticket@WEB02',
  'batch-right@WEB02',
  'app-pool-identity@pool-web02',
  'app-pool-recycle@pool-web02',
];

describe('a web farm run from WEB01', () => {
  it("runs WEB02's steps there through Invoke-Command, with AD read on WEB01, and undoes them there", async () => {
    const dir = await lab.use('iis-host');
    const before = comparableState(dir);
    const api = coreOn(journals(), lab.session);
    startLabCallLog(dir);
    let run: RunInfo = await ok(api, 'runs.start', { plan: FARM_PLAN });
    // The survey: the directory and WEB01 here, WEB02 through one Invoke-Command.
    assert.deepEqual(reachedHosts(readLabCalls(dir)), ['WEB02']);
    assert.deepEqual(
      run.steps.filter((s) => s.remote).map((s) => s.id),
      WEB02_STEPS,
    );

    run = await ok(api, 'runs.all', { runId: run.runId });
    assert.equal(run.state, 'completed', JSON.stringify(run.steps.map((s) => [s.id, s.status, s.message])));
    const calls = readLabCalls(dir);
    stopLabCallLog(dir);
    // One Invoke-Command per WEB02 step (and the survey's), each reaching WEB02 only.
    assert.equal(countCalls(calls, 'Invoke-Command', { remote: false }), 1 + WEB02_STEPS.length);
    assert.deepEqual(new Set(reachedHosts(calls)), new Set(['WEB02']));
    // Nothing on WEB02 asked AD (it would need a second hop); WEB02's host commands ran there.
    const remote = calls.filter((c) => c.remote && c.event === undefined);
    assert.deepEqual(
      remote.filter((c) => /-AD|Kds/.test(c.command)).map((c) => c.command),
      [],
    );
    assert.ok(remote.length > 0 && remote.every((c) => c.computer === 'WEB02'));
    assert.ok(countCalls(calls, 'Get-ADPrincipalGroupMembership', { remote: false }) > 0, 'the facts read on WEB01');

    // Each WEB02 step ran exactly its preview: the Invoke-Command.
    const records = journalRecords(run.journal);
    for (const id of WEB02_STEPS) {
      const step = run.steps.find((s) => s.id === id);
      const started = records.filter((r) => r.type === 'step-started' && r.stepId === id);
      assert.equal(started.length, 1, id);
      assert.equal(started[0]?.type === 'step-started' && started[0].script, step?.script, id);
      assert.match(step?.script ?? '', /^\$msaAnswer = Invoke-Command -ComputerName 'WEB02' -ErrorAction Stop /m, id);
    }
    assert.match(run.steps.find((s) => s.id === 'batch-right@WEB02')?.message ?? '', /to CONTOSO\\svc-web\$ on WEB02/);

    // WEB02 as planned: its pool runs as the gMSA, the account holds the batch right there.
    const state = labState(dir);
    const pool = state.hosts.WEB02?.iis?.appPools.find((p) => p.name === 'Reports');
    assert.equal(pool?.processModel.identityType, 'SpecificUser');
    assert.equal(pool.processModel.userName, GMSA);
    assert.ok(state.hosts.WEB02?.userRights.SeBatchLogonRight?.includes(GMSA));

    // Undo: WEB02's undo scripts run there too; the lab is as before the run.
    assert.ok(run.undo.some((u) => u.stepId === 'app-pool-identity@pool-web02' && /Invoke-Command/.test(u.script)));
    run = await ok(api, 'runs.undo', { runId: run.runId, all: true });
    assert.equal(run.state, 'undone', JSON.stringify(run.undo.map((u) => [u.stepId, u.status, u.message])));
    assert.deepEqual(comparableState(dir), before);
  });

  it("surveys every other host through one Invoke-Command, so what was there before is never the run's", async () => {
    const dir = await lab.use('iis-host');
    // Already on APP01 before the run: a task of the name the plan uses there.
    await lab.console(
      `Invoke-Command -ComputerName APP01 -ErrorAction Stop -ScriptBlock { Register-ScheduledTask -TaskName 'Nightly Report' -Action (New-ScheduledTaskAction -Execute 'cmd.exe') | Out-Null }`,
    );
    const plan = {
      ...FARM_PLAN,
      gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts' }, computers: ['WEB01', 'WEB02', 'APP01'] },
      workloads: [
        { kind: 'app-pool', host: 'WEB02', settings: { mode: 'existing', name: 'Reports' } },
        {
          kind: 'scheduled-task',
          host: 'APP01',
          settings: { name: 'Nightly Report', action: { kind: 'program', path: 'C:\\Windows\\System32\\cmd.exe' } },
        },
      ],
    };
    const api = coreOn(journals(), lab.session);
    startLabCallLog(dir);
    const run = await ok(api, 'runs.start', { plan });
    const calls = readLabCalls(dir);
    stopLabCallLog(dir);
    assert.equal(countCalls(calls, 'Invoke-Command', { remote: false }), 1, 'one Invoke-Command for both hosts');
    assert.deepEqual(new Set(reachedHosts(calls)), new Set(['WEB02', 'APP01']));
    const started = journalRecords(run.journal)[0];
    assert.ok(started?.type === 'run-started');
    // Both hosts' parts (in parallel: in either order): the task on APP01, the pool Reports WEB02 already had.
    const key = (o: { kind: string; identity: string; parent?: string }) => `${o.kind} ${o.identity} ${o.parent ?? ''}`;
    assert.deepEqual(
      started.before
        .filter((o) => o.parent === 'APP01' || o.parent === 'WEB02')
        .map(key)
        .sort(),
      ['app-pool Reports WEB02', 'scheduled-task \\Nightly Report APP01'],
    );
    await ok(api, 'runs.close', { runId: run.runId });
  });
});
