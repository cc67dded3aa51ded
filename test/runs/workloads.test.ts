// Plans with workloads (answers version 2): ids and hosts filled in, version 1's task converted, the plan's steps per
// host (rights once per host, install on every workload host), the rules (unique ids, one object per host, an sMSA's
// one computer, a gMSA's hosts in its new group), the fold of workload-set records (other hosts' steps run through
// remoting, old journals' step ids), and the API on a real pwsh lab session: other hosts' steps run there through the
// lab's Invoke-Command, setWorkload / removeWorkload and their locks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { parseAnswersText } from '../../electron/common/answers/answers-schema.js';
import type { RunInfo } from '../../electron/common/api/contract.js';
import { planScript } from '../../electron/common/export/plan-script.js';
import { parsePlan, PlanInputError, planWarnings, type PlanInput } from '../../electron/common/plan/plan-schema.js';
import type { JournalRecord } from '../../electron/common/runs/journal.js';
import { foldRun, withWorkload } from '../../electron/common/runs/run-state.js';
import { planSteps } from '../../electron/common/steps/plan-steps.js';
import { KNOWN_CREATED_KINDS, STEP_DESCRIPTORS } from '../../electron/common/workloads/all-steps.js';
import { WORKLOAD_SETTINGS } from '../../electron/common/workloads/kinds.js';
import { WORKLOAD_KINDS } from '../../electron/common/workloads/registry.js';
import { sharedLab } from '../checks/lab-session.js';
import { labState, labStateText } from '../helpers/lab.js';
import { coreOn, journals, ok, refused } from './run-api.js';

const TASK = { name: 'Nightly Report', action: { kind: 'powershell-script', path: 'C:\\Scripts\\Nightly-Report.ps1' } };
const FARM: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-web',
  gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts' }, computers: ['WEB01', 'WEB02'] },
  targetComputer: 'WEB01',
  workloads: [
    { kind: 'scheduled-task', settings: TASK },
    { kind: 'scheduled-task', host: 'web02', settings: TASK },
    { kind: 'scheduled-task', settings: { ...TASK, name: 'Weekly Report' } },
  ],
} as PlanInput;

const problems = (input: unknown): string[] => {
  try {
    parsePlan(input);
    return [];
  } catch (error) {
    assert.ok(error instanceof PlanInputError, String(error));
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
};

describe('plans with workloads', () => {
  it('fills in ids (the kind default, then -2, -3) and hosts (the target computer)', () => {
    const plan = parsePlan(FARM);
    assert.deepEqual(
      plan.workloads.map((w) => `${w.id} ${w.kind} ${w.host}`),
      ['task scheduled-task WEB01', 'task-2 scheduled-task WEB02', 'task-3 scheduled-task WEB01'],
    );
  });

  it("opens version 1's task as the workload 'task' on the target computer, paths still task.*", () => {
    const v1 = parseAnswersText(readFileSync('assets/examples/gmsa-scheduled-task.json', 'utf8'));
    assert.equal(v1.answers.version, 1);
    assert.deepEqual(
      v1.plan.workloads.map((w) => `${w.id} ${w.kind} ${w.host}`),
      ['task scheduled-task WEB01'],
    );
    assert.deepEqual(
      planSteps(v1.plan)
        .filter((s) => s.stage === 'workload')
        .map((s) => s.id),
      ['batch-right@WEB01', 'scheduled-task@task', 'task-test-run@task'],
    );
    const bad = { ...FARM, workloads: undefined, task: { ...TASK, action: { kind: 'powershell-script', path: 'x' } } };
    assert.ok(problems(bad).some((p) => p.startsWith('task.action.path: ')));
  });

  it('steps: install on every workload host, one right per host, each workload after its rights', () => {
    const plan = parsePlan(FARM);
    assert.deepEqual(
      planSteps(plan).map((s) => s.id),
      [
        'group',
        'group-members',
        'account',
        'refresh-ticket',
        'install',
        'test',
        'refresh-ticket@WEB02',
        'batch-right@WEB01',
        'scheduled-task@task',
        'task-test-run@task',
        'batch-right@WEB02',
        'scheduled-task@task-2',
        'task-test-run@task-2',
        'scheduled-task@task-3',
        'task-test-run@task-3',
      ],
    );
    const web02 = planSteps(plan).filter((s) => s.host === 'WEB02');
    assert.ok(web02.every((s) => s.title.includes('WEB02') || s.workloadId === 'task-2'));
  });

  it('refuses duplicate ids, the same task twice on a host, an sMSA elsewhere, a gMSA host outside its new group', () => {
    const twice = {
      ...FARM,
      workloads: [
        { kind: 'scheduled-task', settings: TASK },
        { kind: 'scheduled-task', settings: TASK },
      ],
    };
    assert.match(
      problems(twice).join('\n'),
      /workloads\.1\.settings: The workload task already uses this scheduled task on WEB01/,
    );
    const ids = {
      ...FARM,
      workloads: [
        { id: 'a', kind: 'scheduled-task', settings: TASK },
        { id: 'a', kind: 'scheduled-task', settings: { ...TASK, name: 'B' } },
      ],
    };
    assert.match(problems(ids).join('\n'), /workloads\.1\.id: Another workload has the id a/);
    const outside = { ...FARM, gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts' }, computers: ['WEB01'] } };
    assert.match(
      problems(outside).join('\n'),
      /gmsa\.computers: Add WEB02 to the computers allowed to retrieve the password: the workload task-2 runs there/,
    );
    const smsa = {
      accountType: 'smsa',
      name: 'svc-app',
      smsa: { computer: 'WEB01' },
      targetComputer: 'WEB01',
      workloads: [{ kind: 'scheduled-task', host: 'WEB02', settings: TASK }],
    };
    assert.match(problems(smsa).join('\n'), /workloads\.0\.host: An sMSA works only on its one computer \(WEB01\)/);
    assert.match(
      problems({ ...FARM, workloads: [{ kind: 'printer', settings: {} }] }).join('\n'),
      /workloads\.0\.kind: Choose the workload kind: 'scheduled-task'/,
    );
  });

  it('warns when an existing group must hold a workload host (a new group must: an error, above)', () => {
    const existing = parsePlan({ ...FARM, gmsa: { group: { mode: 'existing', name: 'Web Hosts' }, computers: [] } });
    assert.deepEqual(planWarnings(existing), [
      'The existing group Web Hosts must hold WEB02 (where workloads run) as well as WEB01: a computer outside it cannot retrieve the password of svc-web$, and its workloads fail to start. The test step on each computer checks it.',
    ]);
    assert.deepEqual(planWarnings(parsePlan(FARM)), []);
  });

  it('every kind of step is described once; the two kind lists agree', () => {
    assert.deepEqual(
      WORKLOAD_KINDS.map((k) => k.settings.kind),
      WORKLOAD_SETTINGS.map((k) => k.kind),
    );
    for (const kind of ['group', 'install', 'batch-right', 'service-right', 'scheduled-task', 'task-test-run']) {
      assert.ok(STEP_DESCRIPTORS.has(kind), kind);
    }
    for (const kind of ['group', 'installed-account', 'batch-right', 'service-right', 'scheduled-task']) {
      assert.ok(KNOWN_CREATED_KINDS.has(kind), kind);
    }
  });

  it('the exported script has the directory part first, then one part per host that skips itself elsewhere', () => {
    const text = planScript(parsePlan(FARM), { version: 'test' });
    const web01 = text.indexOf("if ([string]$env:COMPUTERNAME -eq 'WEB01') {");
    const web02 = text.indexOf("if ([string]$env:COMPUTERNAME -eq 'WEB02') {");
    assert.ok(text.indexOf('# Step 1 of 15: Group allowed') < web01 && web01 < web02, 'directory, WEB01, WEB02');
    assert.match(text, /Skipped: steps 4 to 11 run on WEB01; run this script there for them\./);
    assert.match(text, /Skipped: steps 12 to 15 run on WEB02; run this script there for them\./);
    assert.match(
      text,
      /^# on WEB02:\n# {3}12\. Refresh the computer's group membership: WEB02 \(refresh-ticket@WEB02\)$/m,
    );
    // ASCII only: the script means the same in any code page.
    assert.ok(
      [...text].every((c) => c === '\n' || (c >= ' ' && c <= '~')),
      'ASCII only',
    );
  });
});

describe('folding workload-set records', () => {
  const at = '2030-01-01T00:00:00.000Z';
  const account = { ...FARM, workloads: [] } as Record<string, unknown>;
  /** The account part alone, as a version 1 plan holds it (no workloads field at all). */
  const { workloads: _none, ...v1Account } = account;
  void _none;
  const started: JournalRecord = { type: 'run-started', v: 2, at, runId: 'r1', plan: account, before: [] };

  it("adds, replaces and removes workloads by id; other hosts' steps run there through remoting, like the others", () => {
    const add = (workloadId: string, workload: Record<string, unknown> | null): JournalRecord => ({
      type: 'workload-set',
      at,
      workloadId,
      workload,
      before: [],
    });
    let run = foldRun([started, add('task', { kind: 'scheduled-task', settings: TASK })], 'j');
    assert.deepEqual(
      run.plan.workloads.map((w) => w.id),
      ['task'],
    );
    run = foldRun(
      [
        started,
        add('task', { kind: 'scheduled-task', settings: TASK }),
        add('far', { kind: 'scheduled-task', host: 'WEB02', settings: TASK }),
        add('task', { kind: 'scheduled-task', settings: { ...TASK, name: 'Renamed' } }),
      ],
      'j',
    );
    assert.deepEqual(
      run.plan.workloads.map((w) => `${w.id} ${w.host} ${(w.settings as { name: string }).name}`),
      ['task WEB01 Renamed', 'far WEB02 Nightly Report'],
    );
    const remote = run.info.steps.filter((s) => s.remote).map((s) => s.id);
    assert.deepEqual(remote, ['refresh-ticket@WEB02', 'batch-right@WEB02', 'scheduled-task@far', 'task-test-run@far']);
    run = foldRun([started, add('task', { kind: 'scheduled-task', settings: TASK }), add('task', null)], 'j');
    assert.deepEqual(run.plan.workloads, []);
    // Each remote step's preview is the Invoke-Command that runs its script on WEB02.
    for (const step of run.info.steps.filter((s) => s.remote)) {
      assert.match(step.script, /Invoke-Command -ComputerName 'WEB02' -ErrorAction Stop/, step.id);
    }
    // Every step done, WEB02's included: completed; WEB02's alone pending: open.
    const far = foldRun([started, add('far', { kind: 'scheduled-task', host: 'WEB02', settings: TASK })], 'j');
    const finish = (steps: readonly { id: string }[]): JournalRecord[] =>
      steps.map((s) => ({
        type: 'step-finished',
        at,
        stepId: s.id,
        outcome: { status: 'exists', created: [], message: 'ok', errorKind: null },
      }));
    const farSet = add('far', { kind: 'scheduled-task', host: 'WEB02', settings: TASK });
    const local = foldRun([started, farSet, ...finish(far.info.steps.filter((s) => !s.remote))], 'j');
    assert.equal(local.info.state, 'open');
    const finished = foldRun([started, farSet, ...finish(far.info.steps)], 'j');
    assert.equal(finished.info.state, 'completed');
  });

  it("reads a format 1 journal: task-set and the task steps' old ids", () => {
    const old: JournalRecord[] = [
      { type: 'run-started', at, runId: 'r0', plan: v1Account, before: [] },
      { type: 'task-set', at, task: TASK, before: [] },
      {
        type: 'step-finished',
        at,
        stepId: 'batch-right',
        outcome: {
          status: 'done',
          created: [{ kind: 'batch-right', identity: 'CONTOSO\\svc-web$', parent: 'WEB01' }],
          message: 'granted',
          errorKind: null,
        },
      },
    ];
    const run = foldRun(old, 'j');
    assert.equal(run.info.steps.find((s) => s.id === 'batch-right@WEB01')?.status, 'done');
    assert.deepEqual(
      run.info.undo.map((u) => u.stepId),
      ['batch-right@WEB01'],
    );
    assert.deepEqual((run.info.plan as { task?: unknown }).task, TASK, 'a version 1 plan stays in version 1 form');
  });

  it('withWorkload writes ids out, and keeps a version 1 task in version 1 form', () => {
    const v2 = withWorkload(FARM as Record<string, unknown>, 'task-2', null);
    assert.deepEqual(
      (v2.workloads as { id: string }[]).map((w) => w.id),
      ['task', 'task-3'],
    );
    const v1 = withWorkload({ ...v1Account, task: TASK }, 'task', {
      kind: 'scheduled-task',
      settings: { ...TASK, name: 'Other' },
    });
    assert.deepEqual(v1.task, { ...TASK, name: 'Other' });
    assert.equal('workloads' in v1, false);
  });
});

const lab = sharedLab();
after(() => lab.session.dispose());

describe('workloads through the API (pwsh lab)', () => {
  it("runs another host's steps there through remoting, in order; set and remove a workload, locked once it ran", async () => {
    // iis-host: the healthy domain with WEB02 (a copy of WEB01) joined; the wizard runs on WEB01.
    const dir = await lab.use('iis-host');
    const before = labStateText(dir);
    const api = coreOn(journals(), lab.session);
    const plan = { ...FARM, workloads: [{ kind: 'scheduled-task', host: 'WEB02', settings: TASK }] };
    let run: RunInfo = await ok(api, 'runs.start', { plan });
    // WEB02's steps wait for the account like this computer's.
    const early = await refused(api, 'runs.step', { runId: run.runId, stepId: 'refresh-ticket@WEB02' });
    assert.equal(early.kind, 'RunRequest');
    assert.match(early.title, /must wait/);
    run = await ok(api, 'runs.all', { runId: run.runId });
    assert.equal(run.state, 'completed');
    assert.deepEqual(
      run.steps.filter((s) => s.remote).map((s) => `${s.id} ${s.status}`),
      ['refresh-ticket@WEB02 done', 'batch-right@WEB02 done', 'scheduled-task@task done', 'task-test-run@task done'],
    );
    const far = labState(dir).hosts.WEB02?.tasks.find((t) => t.taskName === TASK.name);
    assert.equal(far?.principal.userId, 'CONTOSO\\svc-web$');
    assert.equal(
      labState(dir).hosts.WEB01?.tasks.find((t) => t.taskName === TASK.name),
      undefined,
      'WEB02 only',
    );

    // A workload on the target computer, added later: its steps run here.
    run = await ok(api, 'runs.setWorkload', {
      runId: run.runId,
      workload: { kind: 'scheduled-task', settings: { ...TASK, name: 'Weekly Report' } },
    });
    assert.deepEqual(run.plan.workloads, [
      { id: 'task', kind: 'scheduled-task', host: 'WEB02', settings: TASK },
      { id: 'task-2', kind: 'scheduled-task', settings: { ...TASK, name: 'Weekly Report' } },
    ]);
    run = await ok(api, 'runs.step', { runId: run.runId, stepId: 'batch-right@WEB01' });
    assert.equal(run.steps.find((s) => s.id === 'batch-right@WEB01')?.status, 'done');
    // The right was granted for task-2 alone: task-2 cannot be taken out (undo would forget the right).
    const orphan = await refused(api, 'runs.removeWorkload', { runId: run.runId, workloadId: 'task-2' });
    assert.match(orphan.title, /right is granted already/);
    run = await ok(api, 'runs.step', { runId: run.runId, stepId: 'scheduled-task@task-2' });
    assert.equal(run.steps.find((s) => s.id === 'scheduled-task@task-2')?.status, 'done');
    const locked = await refused(api, 'runs.setWorkload', {
      runId: run.runId,
      workload: { id: 'task-2', kind: 'scheduled-task', settings: TASK },
    });
    assert.match(locked.title, /set up already/);
    // The far workload ran on WEB02: it is locked too.
    const farLocked = await refused(api, 'runs.removeWorkload', { runId: run.runId, workloadId: 'task' });
    assert.match(farLocked.title, /set up already/);
    run = await ok(api, 'runs.undo', { runId: run.runId, all: true });
    assert.equal(run.state, 'undone');
    assert.equal(labStateText(dir), before, 'lab-state.json is byte-identical after undo');
  });
});
