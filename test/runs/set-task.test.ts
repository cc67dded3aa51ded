// A run that gets its scheduled task after it started (runs.setTask), as in the wizard: the account is set up first,
// the task on a later screen. Through the API on a real pwsh lab session: the completed run opens again with the task
// steps due (stage 'task'), runs them alone (runs.all { stage }), refuses a second task once one is registered, and
// undo restores the lab byte for byte; a bad task comes back with plan paths; null removes the task; a fresh core
// reads the task from the journal; a task that existed before setTask is never undone; the test run reports progress
// as step-progress events. Plus the fold itself (task-set records), without PowerShell.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { z } from 'zod';
import { apiResultSchema, runSchema, type ApiEvent, type RunInfo } from '../../electron/common/api/contract.js';
import type { Api, CoreContext } from '../../electron/common/api/handlers.js';
import { parsePlan, type PlanInput } from '../../electron/common/plan/plan-schema.js';
import type { JournalRecord } from '../../electron/common/runs/journal.js';
import { foldRun } from '../../electron/common/runs/run-state.js';
import { planSteps } from '../../electron/common/steps/plan-steps.js';
import { scheduledTaskStep } from '../task/task-samples.js';
import type { TestRunReport } from '../../electron/common/workloads/scheduled-task/task-types.js';
import { type LabState } from '../../electron/lab/state.js';
import { sharedLab } from '../checks/lab-session.js';
import { TASK_STILL_RUNNING, labStateText } from '../helpers/lab.js';
import { coreOn, journals, ok, refused, setTask } from './run-api.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const ACCOUNT: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-report',
  gmsa: { group: { mode: 'new', name: 'gMSA-Report-Hosts' }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
};
const TASK = { name: 'Nightly Report', action: { kind: 'powershell-script', path: 'C:\\Scripts\\Nightly-Report.ps1' } };
const WITH_TASK: PlanInput = { ...ACCOUNT, task: TASK } as PlanInput;

const web01 = (dir: string) => (JSON.parse(labStateText(dir)) as LabState).hosts.WEB01;
const statuses = (run: RunInfo) => Object.fromEntries(run.steps.map((s) => [s.id, s.status]));
const taskSteps = (run: RunInfo) => run.steps.filter((s) => s.stage === 'workload');
const testRunOf = (run: RunInfo) =>
  (run.steps.find((s) => s.id === 'task-test-run@task')?.details as { testRun: TestRunReport } | undefined)?.testRun;
const show = (run: RunInfo) => JSON.stringify(run.steps.map((s) => [s.id, s.status, s.message]));
/** The run runs.current offers (to resume), or null. */
async function current(api: Api): Promise<RunInfo | null> {
  const result = apiResultSchema.parse(await api.dispatch('runs.current', {}));
  assert.ok(result.ok, JSON.stringify(result));
  return z.object({ run: runSchema.nullable() }).parse(result.value).run;
}

describe('a run gets its scheduled task later (runs.setTask)', () => {
  it('a completed run opens again with the task, runs the task stage, refuses a second task, undoes all', async () => {
    const dir = await lab.use('healthy');
    const before = labStateText(dir);
    const journalDir = journals();
    const api = coreOn(journalDir, lab.session);
    let run = await ok(api, 'runs.start', { plan: ACCOUNT });
    assert.deepEqual(
      run.steps.map((s) => `${s.id}:${s.stage}`),
      [
        'group:account',
        'group-members:account',
        'account:account',
        'refresh-ticket:install',
        'install:install',
        'test:install',
      ],
    );
    run = await ok(api, 'runs.all', { runId: run.runId });
    assert.equal(run.state, 'completed', show(run));
    assert.equal(await current(api), null, 'a completed run is not offered for resume');
    const accountDone = labStateText(dir);

    run = await ok(api, ...setTask({ runId: run.runId, task: TASK }));
    assert.equal(run.state, 'open');
    assert.deepEqual(
      taskSteps(run).map((s) => `${s.id}:${s.status}:${s.where}`),
      ['batch-right@WEB01:pending:host', 'scheduled-task@task:pending:host', 'task-test-run@task:pending:host'],
    );
    assert.deepEqual(run.plan.task, TASK);
    assert.equal(labStateText(dir), accountDone, 'setTask changes nothing in the lab');

    // A fresh core (the app restarted) reads the task from the journal and offers the run for resume.
    const fresh = coreOn(journalDir, lab.session);
    const offered = await current(fresh);
    assert.equal(offered?.runId, run.runId);
    assert.deepEqual(offered?.plan.task, TASK);
    assert.deepEqual(offered === null ? [] : taskSteps(offered).map((s) => s.status), [
      'pending',
      'pending',
      'pending',
    ]);

    run = await ok(fresh, 'runs.all', { runId: run.runId, stage: 'workload' });
    assert.equal(run.state, 'completed', show(run));
    assert.equal(testRunOf(run)?.result.hex, '0x0');
    assert.equal(web01(dir)?.tasks.length, 1);
    assert.deepEqual(
      run.undo.map((u) => u.stepId),
      ['scheduled-task@task', 'batch-right@WEB01', 'account', 'group-members', 'group'],
    );

    const again = await refused(fresh, ...setTask({ runId: run.runId, task: { ...TASK, name: 'Other' } }));
    assert.equal(again.kind, 'RunRequest');
    assert.match(again.title, /set up already/);
    assert.match(again.action, /undo this run, or start a new setup/);
    assert.match((await refused(fresh, ...setTask({ runId: run.runId, task: null }))).title, /set up already/);

    run = await ok(fresh, 'runs.undo', { runId: run.runId, all: true });
    assert.equal(run.state, 'undone');
    assert.equal(labStateText(dir), before, 'lab-state.json is byte-identical after undo');
    assert.match((await refused(fresh, ...setTask({ runId: run.runId, task: TASK }))).title, /This run is over/);
  });

  it('a task whose registration failed can be fixed after the right was granted; the right stays, undo takes it', async () => {
    const dir = await lab.use('healthy');
    const before = labStateText(dir);
    const api = coreOn(journals(), lab.session);
    let run = await ok(api, 'runs.start', { plan: ACCOUNT });
    run = await ok(api, 'runs.all', { runId: run.runId });
    const missing = { ...TASK, action: { kind: 'powershell-script', path: 'C:\\Scripts\\Missing.ps1' } };
    run = await ok(api, ...setTask({ runId: run.runId, task: missing }));
    run = await ok(api, 'runs.all', { runId: run.runId, stage: 'workload' });
    assert.equal(statuses(run)['batch-right@WEB01'], 'done', show(run));
    assert.equal(statuses(run)['scheduled-task@task'], 'failed', show(run));
    assert.match(run.steps.find((s) => s.id === 'scheduled-task@task')?.message ?? '', /Missing\.ps1/);
    // Without a task, undo would forget the right: refused. A corrected task is taken; the right stays granted.
    assert.match((await refused(api, ...setTask({ runId: run.runId, task: null }))).title, /right is granted already/);
    run = await ok(api, ...setTask({ runId: run.runId, task: TASK }));
    assert.deepEqual(
      taskSteps(run).map((s) => `${s.id}:${s.status}`),
      ['batch-right@WEB01:done', 'scheduled-task@task:pending', 'task-test-run@task:pending'],
    );
    run = await ok(api, 'runs.all', { runId: run.runId, stage: 'workload' });
    assert.equal(run.state, 'completed', show(run));
    assert.equal(testRunOf(run)?.result.hex, '0x0');
    run = await ok(api, 'runs.undo', { runId: run.runId, all: true });
    assert.equal(labStateText(dir), before, 'lab-state.json is byte-identical after undo');
  });

  it('a bad task comes back with plan paths; null removes the task steps; the journal keeps the latest', async () => {
    await lab.use('healthy');
    const journalDir = journals();
    const api = coreOn(journalDir, lab.session);
    let run = await ok(api, 'runs.start', { plan: ACCOUNT });

    const bad = await refused(
      api,
      ...setTask({
        runId: run.runId,
        task: { ...TASK, action: { kind: 'powershell-script', path: 'Scripts/x.ps1' } },
      }),
    );
    assert.equal(bad.kind, 'BadInput');
    assert.ok(
      bad.issues?.some((i) => i.path === 'task.action.path'),
      JSON.stringify(bad.issues),
    );
    const unknown = await refused(api, ...setTask({ runId: run.runId, task: { ...TASK, colour: 'red' } }));
    assert.deepEqual(
      unknown.issues?.map((i) => i.path),
      ['task.colour'],
    );
    // The contract itself: a task is an object or null, and nothing else rides along.
    assert.equal((await refused(api, ...setTask({ runId: run.runId, task: 'x' }))).kind, 'BadInput');
    assert.equal((await refused(api, ...setTask({ runId: run.runId, task: null, x: 1 }))).kind, 'BadInput');

    run = await ok(api, ...setTask({ runId: run.runId, task: TASK }));
    assert.equal(taskSteps(run).length, 3);
    run = await ok(api, ...setTask({ runId: run.runId, task: null }));
    assert.deepEqual(taskSteps(run), []);
    assert.equal(run.steps.length, 6);
    assert.equal('task' in run.plan, false);
    assert.equal(run.state, 'open');

    // Set again, then read by a fresh core: the latest task-set counts.
    await ok(api, ...setTask({ runId: run.runId, task: { ...TASK, name: 'Weekly Report' } }));
    const reread = await current(coreOn(journalDir, lab.session));
    assert.equal((reread?.plan.task as { name: string } | undefined)?.name, 'Weekly Report');
    assert.match(reread?.steps.find((s) => s.id === 'scheduled-task@task')?.script ?? '', /Weekly Report/);
    const records = readFileSync(run.journal, 'utf8').trim().split('\n');
    assert.deepEqual(
      records.map((l) => (JSON.parse(l) as { type: string }).type),
      ['run-started', 'workload-set', 'workload-set', 'workload-set'],
    );
  });

  it('runs.all { stage } runs one stage only: install does not run the task steps', async () => {
    await lab.use('healthy');
    const api = coreOn(journals(), lab.session);
    let run = await ok(api, 'runs.start', { plan: WITH_TASK });
    // The install steps wait for the account steps: refused, nothing run.
    assert.match((await refused(api, 'runs.all', { runId: run.runId, stage: 'install' })).title, /must wait/);
    run = await ok(api, 'runs.all', { runId: run.runId, stage: 'account' });
    assert.deepEqual(
      run.steps.filter((s) => s.status === 'done').map((s) => s.id),
      ['group', 'group-members', 'account'],
    );
    run = await ok(api, 'runs.all', { runId: run.runId, stage: 'install' });
    // (A gMSA's install finds the account usable here already: 'exists'.)
    assert.deepEqual(statuses(run), {
      group: 'done',
      'group-members': 'done',
      account: 'done',
      'refresh-ticket': 'done',
      install: 'exists',
      test: 'done',
      'batch-right@WEB01': 'pending',
      'scheduled-task@task': 'pending',
      'task-test-run@task': 'pending',
    });
    assert.equal(run.state, 'open');
    // Both filters at once: host steps of the task stage.
    run = await ok(api, 'runs.all', { runId: run.runId, where: 'host', stage: 'workload' });
    assert.equal(run.state, 'completed', show(run));
  });

  it('a task found existing when it is set is never undone (its batch right, made by the run, is)', async () => {
    const dir = await lab.use('healthy');
    const api = coreOn(journals(), lab.session);
    let run = await ok(api, 'runs.start', { plan: ACCOUNT });
    run = await ok(api, 'runs.all', { runId: run.runId });
    assert.equal(run.state, 'completed', show(run));
    // Someone registered the task by hand in the meantime (the step's own script).
    await lab.session.run(scheduledTaskStep.preview(parsePlan(WITH_TASK)));
    assert.equal(web01(dir)?.tasks.length, 1);

    const rightsBefore = JSON.stringify(web01(dir)?.userRights);
    run = await ok(api, ...setTask({ runId: run.runId, task: TASK }));
    const record = JSON.parse(readFileSync(run.journal, 'utf8').trim().split('\n').at(-1) ?? '{}') as {
      type: string;
      before: { kind: string; identity: string }[];
    };
    assert.equal(record.type, 'workload-set');
    assert.deepEqual(
      record.before.map((o) => `${o.kind} ${o.identity}`),
      ['scheduled-task \\Nightly Report'],
    );
    run = await ok(api, 'runs.all', { runId: run.runId, stage: 'workload' });
    assert.equal(run.state, 'completed', show(run));
    assert.equal(run.steps.find((s) => s.id === 'scheduled-task@task')?.status, 'exists');
    assert.ok(!run.undo.some((u) => u.stepId === 'scheduled-task@task'));
    assert.ok(run.undo.some((u) => u.stepId === 'batch-right@WEB01'));
    run = await ok(api, 'runs.undo', { runId: run.runId, all: true });
    assert.equal(run.state, 'undone');
    assert.equal(web01(dir)?.tasks.length, 1, 'the task that was there before stays');
    assert.equal(JSON.stringify(web01(dir)?.userRights), rightsBefore, 'the batch right the run granted is gone');
  });

  it('the test run reports its progress as step-progress events while it waits', async () => {
    const dir = await lab.use('healthy');
    const events: ApiEvent[] = [];
    let polls = 0;
    // The lab runs a task at once; to make the test run wait, the task is marked running first, and this session
    // finishes it (a real run, result 0x0) just before the second poll reads it.
    const session: CoreContext['session'] = {
      async invoke(script, options) {
        if (script.text.includes('# Test run: is it still running?') && ++polls === 2) {
          await lab.console(
            "Update-LabState -Script { param($s) $s.hosts['WEB01'].tasks[0].state = 'Ready' } | Out-Null; Start-ScheduledTask -TaskName 'Nightly Report' -TaskPath '\\'",
          );
        }
        return lab.session.invoke(script, options);
      },
    };
    const api = coreOn(journals(), session, (e) => events.push(e));
    let run = await ok(api, 'runs.start', { plan: WITH_TASK });
    for (const stage of ['account', 'install'] as const) run = await ok(api, 'runs.all', { runId: run.runId, stage });
    for (const stepId of ['batch-right@WEB01', 'scheduled-task@task'])
      run = await ok(api, 'runs.step', { runId: run.runId, stepId });
    await lab.console(TASK_STILL_RUNNING);
    events.length = 0;
    run = await ok(api, 'runs.step', { runId: run.runId, stepId: 'task-test-run@task' });
    assert.equal(run.state, 'completed', show(run));
    assert.equal(testRunOf(run)?.result.hex, '0x0');
    const progress = events.filter((e) => e.type === 'step-progress');
    assert.deepEqual(
      progress.map((p) => `${p.runId} ${p.stepId} ${p.timeoutMs} ${p.state}`),
      // The first poll still sees it running; the second sees it ended, which the result reports, not a wait.
      [`${run.runId} task-test-run@task 300000 Running`],
    );
    assert.ok(progress.every((p) => p.elapsedMs > 0));
    assert.equal(web01(dir)?.tasks[0]?.state, 'Ready');
  });
});

describe('folding task-set records', () => {
  const at = '2030-01-01T00:00:00.000Z';
  const started: JournalRecord = {
    type: 'run-started',
    at,
    runId: 'r1',
    plan: ACCOUNT as Record<string, unknown>,
    before: [{ kind: 'group', identity: 'CN=gMSA-Report-Hosts,CN=Users,DC=contoso,DC=com' }],
  };
  const taskObject = { kind: 'scheduled-task' as const, identity: '\\Nightly Report', parent: 'WEB01' };

  it('stages: the directory steps make the account, ticket/install/test install it, the rest is the workload', () => {
    const stages = (input: PlanInput) =>
      Object.fromEntries(planSteps(parsePlan(input)).map((s) => [s.id, `${s.stage} ${s.host ?? 'directory'}`]));
    assert.deepEqual(stages({ ...WITH_TASK, kdsRootKey: 'default' }), {
      'kds-root-key': 'account directory',
      group: 'account directory',
      'group-members': 'account directory',
      account: 'account directory',
      'refresh-ticket': 'install WEB01',
      install: 'install WEB01',
      test: 'install WEB01',
      'batch-right@WEB01': 'workload WEB01',
      'scheduled-task@task': 'workload WEB01',
      'task-test-run@task': 'workload WEB01',
    });
    assert.deepEqual(
      stages({ accountType: 'smsa', name: 'svc-a', smsa: { computer: 'WEB01' }, targetComputer: 'WEB01' }),
      {
        account: 'account directory',
        'smsa-link': 'account directory',
        install: 'install WEB01',
        test: 'install WEB01',
      },
    );
  });

  it('the latest task counts; a new one makes its registration and test run due again (the batch right keeps its state); before is the union; null removes it', () => {
    const failed: JournalRecord[] = [
      { type: 'step-started', at, stepId: 'batch-right@WEB01', script: 'x' },
      {
        type: 'step-finished',
        at,
        stepId: 'batch-right@WEB01',
        outcome: { status: 'failed', created: [], message: 'no', errorKind: 'AccessDenied' },
      },
    ];
    const first: JournalRecord = { type: 'task-set', at, task: TASK, before: [taskObject] };
    let run = foldRun([started, first, ...failed], 'j');
    assert.equal(run.info.steps.find((s) => s.id === 'batch-right@WEB01')?.status, 'failed');
    assert.deepEqual(run.info.plan.task, TASK);
    assert.deepEqual(run.before, [...started.before, taskObject]);

    const second = { ...TASK, name: 'Weekly Report' };
    run = foldRun([started, first, ...failed, { type: 'task-set', at, task: second, before: [] }], 'j');
    assert.deepEqual(
      taskSteps(run.info).map((s) => [s.id, s.status, s.message]),
      [
        ['batch-right@WEB01', 'failed', 'no'],
        ['scheduled-task@task', 'pending', null],
        ['task-test-run@task', 'pending', null],
      ],
    );
    assert.equal((run.plan.workloads[0]?.settings as { name: string }).name, 'Weekly Report');
    assert.deepEqual(run.before, started.before, "the later task's survey replaces the earlier's task objects");

    // Someone else's task was there when the first task was set; by the time the second was set it was gone, and the
    // run then registered one of that name: it is the run's, and undo takes it.
    const registered: JournalRecord[] = [
      { type: 'step-started', at, stepId: 'scheduled-task@task', script: 'x' },
      {
        type: 'step-finished',
        at,
        stepId: 'scheduled-task@task',
        outcome: { status: 'done', created: [taskObject], message: 'ok', errorKind: null },
      },
    ];
    run = foldRun([started, first, { type: 'task-set', at, task: TASK, before: [] }, ...registered], 'j');
    assert.deepEqual(run.info.undo[0]?.created, [taskObject]);
    run = foldRun([started, first, ...registered], 'j');
    assert.deepEqual(run.info.undo, [], 'while the survey still holds it, it is not the run’s');

    run = foldRun([started, first, ...failed, { type: 'task-set', at, task: null, before: [] }], 'j');
    assert.deepEqual(run.plan.workloads, []);
    assert.deepEqual(taskSteps(run.info), []);
    assert.equal('task' in run.info.plan, false);
    // The run-started plan is never rewritten.
    assert.equal('task' in started.plan, false);
  });
});
