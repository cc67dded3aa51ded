// The existing-task kind in whole plans on password-expired (WEB01's \Reports\Export inactive users runs as
// CONTOSO\svc-report-user, whose password expired): journaled through the API (RunService → steps → a real pwsh lab
// session) its steps follow the host's batch right, the copy's test run report (0x0) is journaled, and undo of the
// whole run leaves lab-state.json byte-identical (task history off: with it on, Task Scheduler logs the original's
// disable and enable); a move step cut off after it made the copy and disabled the original is credited with both on
// its retry, so undo still removes the copy and enables the original; in place, undo all stops at the task with
// the command to type, and once the admin has set the user back it leaves the task and undoes the rest; a task on
// another host (APP01) moves and test-runs there through remoting, and its undo runs there; the exported
// plan script (Windows PowerShell 5.1, judged by the steps' judges) moves it the same way, and a second run finds
// everything and changes nothing.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Api } from '../../electron/common/api/handlers.js';
import { planScript } from '../../electron/common/export/plan-script.js';
import { parsePlan, type PlanInput } from '../../electron/common/plan/plan-schema.js';
import { ps } from '../../electron/common/powershell/script.js';
import { appendRecord, listJournals } from '../../electron/common/runs/journal.js';
import { workloadSteps } from '../../electron/common/workloads/all-steps.js';
import type { TestRunReport } from '../../electron/common/workloads/scheduled-task/task-types.js';
import type { ScheduledTaskState } from '../../electron/lab/state.js';
import { sharedLab } from '../checks/lab-session.js';
import { runScript } from '../helpers/exported-script.js';
import { labState, labStateText, newLab } from '../helpers/lab.js';
import { coreOn, journals, ok } from '../runs/run-api.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const core = (journalDir: string): Api => coreOn(journalDir, lab.session);

const PLAN: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-report',
  gmsa: { group: { mode: 'new', name: 'gMSA-Report-Hosts' }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
  workloads: [{ kind: 'existing-task', settings: { taskPath: '\\Reports\\', taskName: 'Export inactive users' } }],
};
const ORIGINAL = '\\Reports\\Export inactive users';
const COPY = '\\Reports\\Export inactive users (gMSA)';

const taskAt = (dir: string, uri: string): ScheduledTaskState | undefined =>
  labState(dir).hosts.WEB01?.tasks.find((t) => `${t.taskPath}${t.taskName}` === uri);

/** password-expired with task history off on WEB01 (so undo can leave the task records byte-identical). */
async function quietLab(): Promise<string> {
  const dir = await lab.use('password-expired');
  await lab.console('wevtutil set-log Microsoft-Windows-TaskScheduler/Operational /enabled:false');
  return dir;
}

describe('journaled runs with an existing task', () => {
  it('runs after the batch right, journals the copy test run (0x0); undo of the whole run: byte-identical', async () => {
    const dir = await quietLab();
    const before = labStateText(dir);
    const api = core(journals());
    let run = await ok(api, 'runs.start', { plan: PLAN });
    assert.deepEqual(
      run.steps.filter((s) => s.stage === 'workload').map((s) => `${s.id}:${s.host ?? ''}`),
      [
        'batch-right@WEB01:WEB01',
        'existing-task-move@existing-task:WEB01',
        'existing-task-test-run@existing-task:WEB01',
      ],
    );
    run = await ok(api, 'runs.all', { runId: run.runId });
    assert.equal(run.state, 'completed', JSON.stringify(run.steps.map((s) => [s.id, s.status, s.message])));
    const report = (
      run.steps.find((s) => s.id === 'existing-task-test-run@existing-task')?.details as { testRun: TestRunReport }
    ).testRun;
    assert.equal(report.result.hex, '0x0');
    assert.equal(taskAt(dir, ORIGINAL)?.state, 'Disabled');
    assert.equal(taskAt(dir, COPY)?.principal.userId, 'CONTOSO\\svc-report$');
    // Undo lists what the run made newest first (the undo script reads every object before it changes any).
    assert.equal(run.undo[0]?.stepId, 'existing-task-move@existing-task');
    assert.deepEqual(run.undo[0]?.created, [
      { kind: 'task-disabled', identity: ORIGINAL, parent: 'WEB01' },
      { kind: 'task-copy', identity: COPY, parent: 'WEB01' },
    ]);

    run = await ok(api, 'runs.undo', { runId: run.runId, all: true });
    assert.equal(run.state, 'undone', JSON.stringify(run.undo));
    assert.equal(taskAt(dir, ORIGINAL)?.state, 'Ready');
    assert.equal(labStateText(dir), before, 'lab-state.json is byte-identical after undo');
  });

  it('a move cut off after it made the copy and disabled the original is credited with both; undo puts them back', async () => {
    const dir = await quietLab();
    const journalDir = journals();
    const api = core(journalDir);
    let run = await ok(api, 'runs.start', { plan: PLAN });
    for (const step of run.steps.filter((s) => s.stage !== 'workload')) {
      run = await ok(api, 'runs.step', { runId: run.runId, stepId: step.id });
    }
    run = await ok(api, 'runs.step', { runId: run.runId, stepId: 'batch-right@WEB01' });
    const before = labStateText(dir);
    const [file] = listJournals(journalDir);
    assert.ok(file !== undefined);
    appendRecord(file, {
      type: 'step-started',
      at: new Date().toISOString(),
      stepId: 'existing-task-move@existing-task',
      script: 'x',
    });
    // The step ran to its end, but its answer never reached the journal (the app died).
    const plan = parsePlan(PLAN);
    const move = workloadSteps(plan).find((s) => s.id === 'existing-task-move@existing-task');
    assert.ok(move !== undefined);
    await lab.session.run(move.preview(plan));
    run = await ok(api, 'runs.step', { runId: run.runId, stepId: 'existing-task-move@existing-task' });
    const step = run.steps.find((s) => s.id === 'existing-task-move@existing-task');
    assert.equal(step?.status, 'exists', step?.message ?? '');
    // Credited with what the survey finds now and did not find when the run started.
    assert.deepEqual(run.undo[0]?.created, [
      { kind: 'task-disabled', identity: ORIGINAL, parent: 'WEB01' },
      { kind: 'task-copy', identity: COPY, parent: 'WEB01' },
    ]);
    run = await ok(api, 'runs.undo', { runId: run.runId });
    assert.equal(taskAt(dir, COPY), undefined);
    assert.equal(taskAt(dir, ORIGINAL)?.state, 'Ready');
    assert.equal(labStateText(dir), before, 'as before the move');
  });
});

describe('an existing task on another host', () => {
  it('APP01: moved and test run there through remoting (the custom test run too); undo there: byte-identical', async () => {
    const dir = await lab.use('password-expired');
    // A task of APP01's own, under a user account with a stored password; task history off there.
    await lab.session.run(ps`Invoke-Command -ComputerName 'APP01' -ErrorAction Stop -ScriptBlock {
    wevtutil set-log Microsoft-Windows-TaskScheduler/Operational /enabled:false
    Register-ScheduledTask -TaskPath '\\Reports\\' -TaskName 'Sync' -Action (New-ScheduledTaskAction -Execute 'cmd.exe' -Argument '/c exit 0') -User 'CONTOSO\\svc-backup' -Password 'typed by the admin' | Out-Null
}`);
    const before = labStateText(dir);
    const plan: PlanInput = {
      ...PLAN,
      gmsa: { group: { mode: 'new', name: 'gMSA-Report-Hosts' }, computers: ['WEB01', 'APP01'] },
      workloads: [{ kind: 'existing-task', host: 'APP01', settings: { taskPath: '\\Reports\\', taskName: 'Sync' } }],
    };
    const api = core(journals());
    let run = await ok(api, 'runs.start', { plan });
    assert.deepEqual(
      run.steps.filter((s) => s.remote).map((s) => s.id),
      [
        'refresh-ticket@APP01',
        'batch-right@APP01',
        'existing-task-move@existing-task',
        'existing-task-test-run@existing-task',
      ],
    );
    run = await ok(api, 'runs.all', { runId: run.runId });
    assert.equal(run.state, 'completed', JSON.stringify(run.steps.map((s) => [s.id, s.status, s.message])));
    const app01 = (uri: string) => labState(dir).hosts.APP01?.tasks.find((t) => `${t.taskPath}${t.taskName}` === uri);
    assert.equal(app01('\\Reports\\Sync (gMSA)')?.principal.userId, 'CONTOSO\\svc-report$');
    assert.equal(app01('\\Reports\\Sync (gMSA)')?.lastTaskResult, 0);
    assert.equal(app01('\\Reports\\Sync')?.state, 'Disabled');
    assert.equal(taskAt(dir, ORIGINAL)?.state, 'Ready', "WEB01's task is not touched");
    run = await ok(api, 'runs.undo', { runId: run.runId, all: true });
    assert.equal(run.state, 'undone', JSON.stringify(run.undo));
    assert.equal(labStateText(dir), before, 'lab-state.json is byte-identical after undo');
  });
});

describe('undo after a move in place', () => {
  it('refused while the task runs as the gMSA, with the command; once set back by hand, left as is and the rest undone', async () => {
    const dir = await quietLab();
    const inPlace: PlanInput = {
      ...PLAN,
      workloads: [
        {
          kind: 'existing-task',
          settings: {
            taskPath: '\\Reports\\',
            taskName: 'Export inactive users',
            mode: 'in-place',
            acknowledgeNoRestore: true,
          },
        },
      ],
    };
    const api = core(journals());
    let run = await ok(api, 'runs.start', { plan: inPlace });
    run = await ok(api, 'runs.all', { runId: run.runId });
    assert.equal(run.state, 'completed', JSON.stringify(run.steps.map((s) => [s.id, s.status, s.message])));
    assert.equal(taskAt(dir, ORIGINAL)?.principal.userId, 'CONTOSO\\svc-report$');
    const undo = () => ok(api, 'runs.undo', { runId: run.runId, all: true });
    run = await undo();
    const refused = run.undo.find((u) => u.stepId === 'existing-task-move@existing-task');
    assert.equal(refused?.status, 'failed', JSON.stringify(run.undo));
    assert.ok(
      (refused?.message ?? '').includes(
        "Set-ScheduledTask -TaskPath '\\Reports\\' -TaskName 'Export inactive users' -User 'CONTOSO\\svc-report-user' -Password '<its password>'",
      ),
      refused?.message ?? '',
    );
    assert.equal(taskAt(dir, ORIGINAL)?.principal.userId, 'CONTOSO\\svc-report$', 'the refused undo changed nothing');
    assert.equal(run.undo.find((u) => u.stepId === 'batch-right@WEB01')?.status, 'pending');

    // The admin types the command with the old account's password.
    await lab.console(
      "Set-ScheduledTask -TaskPath '\\Reports\\' -TaskName 'Export inactive users' -User 'CONTOSO\\svc-report-user' -Password 'typed by the admin' | Out-Null",
    );
    const undone = await undo();
    assert.equal(undone.state, 'undone', JSON.stringify(undone.undo));
    assert.equal(
      undone.undo.find((u) => u.stepId === 'existing-task-move@existing-task')?.message,
      '\\Reports\\Export inactive users: left as is: now runs as CONTOSO\\svc-report-user.',
    );
    assert.equal(taskAt(dir, ORIGINAL)?.principal.userId, 'CONTOSO\\svc-report-user');
  });
});

describe('the exported plan script with an existing task', () => {
  it('moves it side by side (copy 0x0, original disabled); a second run finds everything and changes nothing', async () => {
    const plan = parsePlan(PLAN);
    const text = planScript(plan, { input: PLAN });
    const dir = newLab('password-expired');
    const first = await runScript(dir, text);
    assert.ok(first.ok, JSON.stringify(first.errors));
    const info = first.information.join('\n');
    assert.match(
      info,
      /done: Registered \\Reports\\Export inactive users \(gMSA\) as CONTOSO\\svc-report\$ and disabled the original \\Reports\\Export inactive users, which keeps its stored credential\./,
    );
    assert.match(
      info,
      /done: Test run of \\Reports\\Export inactive users \(gMSA\) as CONTOSO\\svc-report\$: LastTaskResult 0x0/,
    );
    assert.equal(taskAt(dir, ORIGINAL)?.state, 'Disabled');
    assert.equal(taskAt(dir, COPY)?.lastTaskResult, 0);
    const afterFirst = labStateText(dir);

    const second = await runScript(dir, text);
    assert.ok(second.ok, JSON.stringify(second.errors));
    const again = second.information.join('\n');
    assert.match(
      again,
      /exists: \\Reports\\Export inactive users \(gMSA\) already runs as CONTOSO\\svc-report\$ and the original is disabled\./,
    );
    assert.match(again, /exists: The task \\Reports\\Export inactive users \(gMSA\) already ran successfully/);
    assert.equal(labStateText(dir), afterFirst, 'lab-state.json is byte-identical after the second run');
  });
});
