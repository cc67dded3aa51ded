// Journaled runs of a plan with a scheduled task (API → RunService → steps → a real pwsh lab session): the task steps
// are host steps with their warnings and details (the test run's report) journaled; undo removes the task and the
// batch right, newest first; the survey finds both, so a second run owns nothing; a task step cut off after it
// registered the task is credited with it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import type { Api } from '../../electron/common/api/handlers.js';
import { parsePlan, type PlanInput } from '../../electron/common/plan/plan-schema.js';
import { appendRecord, listJournals } from '../../electron/common/runs/journal.js';
import { runPlan } from '../../electron/common/steps/plan-steps.js';
import { scheduledTaskStep } from '../task/task-samples.js';
import type { TestRunReport } from '../../electron/common/workloads/scheduled-task/task-types.js';
import { type LabState } from '../../electron/lab/state.js';
import { sharedLab } from '../checks/lab-session.js';
import { coreOn, journals, ok, refused } from './run-api.js';
import { labStateText } from '../helpers/lab.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const core = (journalDir: string, session = lab.session): Api => coreOn(journalDir, session);

const PLAN: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-report',
  gmsa: { group: { mode: 'new', name: 'gMSA-Report-Hosts' }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
  task: { name: 'Nightly Report', action: { kind: 'powershell-script', path: 'C:\\Scripts\\Nightly-Report.ps1' } },
};
const web01 = (dir: string) => (JSON.parse(labStateText(dir)) as LabState).hosts.WEB01;

describe('journaled runs with a scheduled task', () => {
  it('runs to the test run with host steps, warnings and the report journaled; undo removes task and right first', async () => {
    const dir = await lab.use('healthy');
    const before = labStateText(dir);
    const api = core(journals());
    let run = await ok(api, 'runs.start', { plan: PLAN });
    assert.deepEqual(
      run.steps.map((s) => `${s.id}:${s.where}`),
      [
        'group:directory',
        'group-members:directory',
        'account:directory',
        'refresh-ticket:host',
        'install:host',
        'test:host',
        'batch-right@WEB01:host',
        'scheduled-task@task:host',
        'task-test-run@task:host',
      ],
    );
    run = await ok(api, 'runs.all', { runId: run.runId });
    assert.equal(run.state, 'completed', JSON.stringify(run.steps.map((s) => [s.id, s.status, s.message])));
    const task = run.steps.find((s) => s.id === 'scheduled-task@task');
    assert.match(task?.warnings[0] ?? '', /Authenticated Users \(Modify, inherited\)/);
    const report = (run.steps.find((s) => s.id === 'task-test-run@task')?.details as { testRun: TestRunReport })
      .testRun;
    assert.equal(report.result.hex, '0x0');
    assert.deepEqual(
      run.undo.map((u) => u.stepId),
      ['scheduled-task@task', 'batch-right@WEB01', 'account', 'group-members', 'group'],
    );
    assert.deepEqual(run.undo[1]?.created, [
      { kind: 'batch-right', identity: 'CONTOSO\\svc-report$', parent: 'WEB01' },
    ]);
    // The journal keeps what the UI needs after a restart.
    const journal = readFileSync(run.journal, 'utf8');
    assert.match(journal, /"details":\{"testRun":\{"result":\{"code":0/);

    run = await ok(api, 'runs.undo', { runId: run.runId, all: true });
    assert.equal(run.state, 'undone');
    assert.equal(labStateText(dir), before, 'lab-state.json is byte-identical after undo');
  });

  it('a second run of the same plan finds the right and the task (survey): everything exists, nothing to undo', async () => {
    const dir = await lab.use('healthy');
    await runPlan(lab.session, parsePlan(PLAN), { pollMs: 50 });
    const api = core(journals());
    let run = await ok(api, 'runs.start', { plan: PLAN });
    const before = JSON.parse(readFileSync(run.journal, 'utf8').split('\n')[0] ?? '{}') as {
      before: { kind: string }[];
    };
    assert.ok(before.before.some((o) => o.kind === 'batch-right'));
    assert.ok(before.before.some((o) => o.kind === 'scheduled-task'));
    run = await ok(api, 'runs.all', { runId: run.runId });
    assert.equal(run.state, 'completed');
    assert.deepEqual(
      run.steps.filter((s) => s.status !== 'exists').map((s) => s.id),
      ['test'],
    );
    assert.match((await refused(api, 'runs.undo', { runId: run.runId })).title, /Nothing to undo/);
    assert.equal(web01(dir)?.tasks.length, 1);
  });

  it('a task step cut off after it registered the task is credited with it, and undo removes it', async () => {
    const dir = await lab.use('healthy');
    const journalDir = journals();
    const api = core(journalDir);
    let run = await ok(api, 'runs.start', { plan: PLAN });
    for (const id of ['group', 'group-members', 'account', 'refresh-ticket', 'install', 'test', 'batch-right@WEB01']) {
      run = await ok(api, 'runs.step', { runId: run.runId, stepId: id });
    }
    const [file] = listJournals(journalDir);
    assert.ok(file !== undefined);
    appendRecord(file, {
      type: 'step-started',
      at: new Date().toISOString(),
      stepId: 'scheduled-task@task',
      script: 'x',
    });
    await lab.session.run(scheduledTaskStep.preview(parsePlan(PLAN)));
    run = await ok(api, 'runs.step', { runId: run.runId, stepId: 'scheduled-task@task' });
    assert.equal(run.steps.find((s) => s.id === 'scheduled-task@task')?.status, 'exists');
    assert.deepEqual(run.undo[0]?.created, [{ kind: 'scheduled-task', identity: '\\Nightly Report', parent: 'WEB01' }]);
    run = await ok(api, 'runs.undo', { runId: run.runId });
    assert.equal(web01(dir)?.tasks.length, 0);
  });
});
