// What existed before a run stays out of its undo when workloads are added later: two workloads of one kind on one
// host (two existing app pools on iis-host, two existing services on service-host), the second added after the first,
// then the first's account step cut off (the app died after journaling step-started) and run again. The retry credits
// the run only with what the run made: the pre-existing pool or service is never credited, and undo leaves it as it
// was. Real pwsh lab session, through the API as the wizard calls it.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { CreatedObject } from '../../electron/common/steps/types.js';
import { appendRecord, listJournals, type JournalRecord } from '../../electron/common/runs/journal.js';
import { foldRun } from '../../electron/common/runs/run-state.js';
import { sharedLab } from '../checks/lab-session.js';
import { labState } from '../helpers/lab.js';
import { coreOn, journals, ok, refused, WEB_GMSA } from './run-api.js';

const lab = sharedLab();
after(() => lab.session.dispose());

interface Case {
  readonly scenario: string;
  readonly kind: 'app-pool' | 'service';
  /** The first workload (its account step is cut off) and the one added later; both exist before the run. */
  readonly first: Record<string, unknown>;
  readonly second: Record<string, unknown>;
  /** The pre-existing object of the first workload, as the lab holds it. */
  readonly object: (dir: string) => unknown;
  /** The kind of the created object that undo would delete. */
  readonly createdKind: string;
  readonly name: string;
}

const CASES: Case[] = [
  {
    scenario: 'iis-host',
    kind: 'app-pool',
    first: { kind: 'app-pool', settings: { mode: 'existing', name: 'Reports', recycle: false } },
    second: { kind: 'app-pool', settings: { mode: 'existing', name: 'DefaultAppPool', recycle: false } },
    // Undo's identity change recycles it (a config change does, as on IIS: a new worker process); all the rest reads
    // as before the run.
    object: (dir) => {
      const found = labState(dir).hosts.WEB01?.iis?.appPools.find((p) => p.name === 'Reports');
      return found === undefined ? undefined : { ...found, workerProcessStarts: null };
    },
    createdKind: 'app-pool',
    name: 'Reports',
  },
  {
    scenario: 'service-host',
    kind: 'service',
    first: { kind: 'service', settings: { mode: 'existing', name: 'ReportCollector', restart: false } },
    second: { kind: 'service', settings: { mode: 'existing', name: 'ReportSvc', acknowledgeNoRestore: true } },
    // Undo restarts it to put LocalSystem back (a new process id); all the rest reads as before the run.
    object: (dir) => {
      const svc = labState(dir).hosts.WEB01?.services?.find((s) => s.name === 'ReportCollector');
      return svc === undefined ? undefined : { ...svc, processId: null };
    },
    createdKind: 'service',
    name: 'ReportCollector',
  },
];

describe('workloads added later: what existed before stays out of undo', () => {
  for (const c of CASES) {
    it(`${c.scenario}: two ${c.kind} workloads on WEB01, the second added later; the first's step cut off and retried; undo leaves ${c.name}`, async () => {
      const dir = await lab.use(c.scenario);
      const original = c.object(dir);
      assert.ok(original !== undefined, `${c.scenario} has ${c.name} on WEB01`);
      const journalDir = journals();
      const api = coreOn(journalDir, lab.session);
      let run = await ok(api, 'runs.start', { plan: WEB_GMSA });
      const runId = run.runId;
      // As the wizard does it: the account first, its workloads on a later screen, one after the other.
      run = await ok(api, 'runs.setWorkload', { runId, workload: c.first });
      const firstId = run.steps.find((s) => s.workloadId !== null)?.workloadId ?? '';
      run = await ok(api, 'runs.setWorkload', { runId, workload: c.second });
      assert.equal(new Set(run.steps.map((s) => s.workloadId).filter((id) => id !== null)).size, 2);

      // Everything before the first workload's own steps (account, install, the host's right).
      const own = run.steps.findIndex((s) => s.workloadId === firstId);
      assert.ok(own > 0);
      for (const s of run.steps.slice(0, own)) {
        run = await ok(api, 'runs.step', { runId, stepId: s.id });
        assert.ok(['done', 'exists'].includes(run.steps.find((x) => x.id === s.id)?.status ?? ''), s.id);
      }
      // The app dies right after journaling the first workload's account step: it is cut off.
      const stepId = run.steps[own]?.id ?? '';
      const [file] = listJournals(journalDir);
      assert.ok(file !== undefined);
      appendRecord(file, { type: 'step-started', at: new Date().toISOString(), stepId, script: 'x' });
      // While it is cut off, no workload is added on WEB01: the host's survey would take what it made for "before".
      const third = { kind: c.kind, settings: { mode: 'existing', name: 'Extra' } };
      assert.match((await refused(api, 'runs.setWorkload', { runId, workload: third })).title, /cut off/);
      run = await ok(api, 'runs.step', { runId, stepId });
      const retried = run.steps.find((s) => s.id === stepId);
      assert.equal(retried?.status, 'done', retried?.message ?? undefined);
      assert.deepEqual(
        retried?.created.filter((o) => o.kind === c.createdKind),
        [],
        `${c.name} existed before the run: the retry must not credit it`,
      );

      run = await ok(api, 'runs.undo', { runId, all: true });
      assert.equal(run.state, 'undone', JSON.stringify(run.undo.map((u) => [u.stepId, u.status, u.message])));
      assert.deepEqual(c.object(dir), original, `undo leaves ${c.name} as it was before the run`);
    });
  }
});

describe('the fold of workload-set surveys', () => {
  const at = '2026-07-01T00:00:00.000Z';
  const started: JournalRecord = { type: 'run-started', v: 2, at, runId: 'r', plan: { ...WEB_GMSA }, before: [] };
  const pool = (name: string): CreatedObject => ({ kind: 'app-pool', identity: name, parent: 'WEB01' });
  const set = (name: string, before: CreatedObject[], surveyed?: 'host'): JournalRecord => ({
    type: 'workload-set',
    at,
    workloadId: name === 'Reports' ? 'app-pool' : 'app-pool-2',
    workload: { kind: 'app-pool', settings: { mode: 'existing', name } },
    before,
    ...(surveyed === undefined ? {} : { surveyed }),
  });
  const beforeOf = (records: JournalRecord[]) => foldRun(records, 'j').before.map((o) => o.identity);

  it("a host survey replaces the host's workload objects by what it found", () => {
    const records = [started, set('Reports', [pool('Reports')], 'host')];
    assert.deepEqual(beforeOf([...records, set('DefaultAppPool', [pool('DefaultAppPool')], 'host')]), [
      'DefaultAppPool',
    ]);
    assert.deepEqual(beforeOf([...records, set('DefaultAppPool', [pool('Reports'), pool('DefaultAppPool')], 'host')]), [
      'Reports',
      'DefaultAppPool',
    ]);
  });

  it("an older record (one workload's survey) keeps another workload's object of the same kind on that host", () => {
    assert.deepEqual(
      beforeOf([started, set('Reports', [pool('Reports')]), set('DefaultAppPool', [pool('DefaultAppPool')])]),
      ['Reports', 'DefaultAppPool'],
    );
    // Alone on its host, the workload's later survey still replaces its earlier one (older journals read as they did).
    assert.deepEqual(beforeOf([started, set('Reports', [pool('Reports')]), set('Reports', [])]), []);
  });
});
