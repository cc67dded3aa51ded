// The scheduled-task steps (issue 7) against the lab through one real pwsh session: after a gMSA is created with the
// existing steps, "Log on as a batch job" is granted, the daily 12:05 task registered as CONTOSO\svc-web$ with
// LogonType Password and read back, and a test run decodes LastTaskResult. Re-runs change nothing, conflicts are
// left alone, undo removes exactly what was created, and hostile text is rejected or stored byte-identical.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parsePlan, type Plan } from '../../electron/common/plan/plan-schema.js';
import { ps, PsScript } from '../../electron/common/powershell/script.js';
import { accountStep } from '../../electron/common/steps/account.js';
import { groupMembersStep, groupStep } from '../../electron/common/steps/group.js';
import { runPlan, runUndo, undoActions } from '../../electron/common/steps/plan-steps.js';
import {
  taskSettingsSchema,
  type TaskSettings,
  type TaskSettingsInput,
} from '../../electron/common/workloads/scheduled-task/task-schema.js';
import type { Step, StepOutcome, StepSession } from '../../electron/common/steps/types.js';
import { batchRightStep, scheduledTaskStep, testRunStep } from './task-samples.js';
import { ENABLE_HISTORY_COMMAND, type StepDetails } from '../../electron/common/workloads/scheduled-task/task-types.js';
import { type LabState } from '../../electron/lab/state.js';
import { sharedLab } from '../checks/lab-session.js';
import { hostileStrings } from '../powershell/hostile-corpus.js';
import { TASK_STILL_RUNNING, labStateText, labState } from '../helpers/lab.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const web01 = (dir: string) => {
  const h = labState(dir).hosts.WEB01;
  assert.ok(h);
  return h;
};

const gmsaPlan = (): Plan =>
  parsePlan({
    accountType: 'gmsa',
    name: 'svc-web',
    description: 'Nightly report',
    gmsa: {
      group: { mode: 'new', name: 'gMSA-Web-Hosts', scope: 'Global', path: 'OU=Service Groups,DC=contoso,DC=com' },
      computers: ['WEB01'],
    },
    targetComputer: 'WEB01',
  });

const NIGHTLY: TaskSettingsInput = {
  name: 'Nightly Report',
  action: { kind: 'powershell-script', path: 'C:\\Scripts\\Nightly-Report.ps1' },
  trigger: { kind: 'daily' },
};

/** The gMSA plan with a task (the plan the task steps take). */
const withTask = (task: TaskSettings): Plan => ({
  ...gmsaPlan(),
  workloads: [{ id: 'task', kind: 'scheduled-task', host: 'WEB01', settings: task }],
});
const taskPlan = (task: TaskSettingsInput = NIGHTLY): Plan => withTask(taskSettingsSchema.parse(task));
/** The plan's task settings. */
const taskOfPlan = (plan: Plan): TaskSettings => plan.workloads[0]?.settings as TaskSettings;
/** A task step outcome's details (the test run's report, the GPO). */
const detailsOf = (o: StepOutcome | undefined): StepDetails | undefined => o?.details as StepDetails | undefined;

const TASK_STEPS: readonly Step[] = [batchRightStep, scheduledTaskStep];

/** A healthy lab with the gMSA svc-web created and usable on WEB01 (the existing steps); returns its directory. */
async function withGmsa(scenario = 'healthy'): Promise<string> {
  const dir = await lab.use(scenario);
  const results = await runPlan(lab.session, gmsaPlan());
  assert.equal(results.at(-1)?.outcome.status, 'done', JSON.stringify(results, null, 1));
  return dir;
}

async function addFile(file: string): Promise<void> {
  await lab.session.run(
    ps`Update-LabState -Script { param($s) $h = $s.hosts['WEB01']; $h.files = @($h.files) + @(${file}) } | Out-Null`,
  );
}

async function runAll(plan: Plan): Promise<Record<string, StepOutcome>> {
  const out: Record<string, StepOutcome> = {};
  for (const step of [...TASK_STEPS, testRunStep]) {
    const outcome = await step.run(lab.session, plan, { pollMs: 50 });
    out[step.id] = outcome;
    if (outcome.status === 'conflict' || outcome.status === 'failed') break;
  }
  return out;
}

/** The state without what a Kerberos ticket refresh changes (a clock and a cache, not objects). */
function withoutTickets(s: LabState): unknown {
  const copy = structuredClone(s);
  for (const h of Object.values(copy.hosts)) {
    h.ticketIssued = '';
    h.ticketGroups = [];
  }
  return copy;
}

const statuses = (o: Record<string, StepOutcome>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.status]));

describe('the task steps on healthy, after the gMSA steps', () => {
  it('grants the batch right, registers the daily 12:05 task as CONTOSO\\svc-web$ (Password), test run 0; re-runs change nothing; undo restores the host', async () => {
    const dir = await lab.use('healthy');
    const initial = labState(dir);
    const gmsa = await runPlan(lab.session, gmsaPlan());
    assert.equal(gmsa.at(-1)?.outcome.status, 'done');
    const beforeTask = labState(dir);
    const plan = taskPlan();
    assert.equal(taskOfPlan(plan).trigger.kind === 'daily' && (taskOfPlan(plan).trigger as { at: string }).at, '12:05');

    const first = await runAll(plan);
    assert.deepEqual(
      statuses(first),
      { 'batch-right': 'done', 'scheduled-task': 'done', 'task-test-run': 'done' },
      JSON.stringify(first, null, 1),
    );
    assert.match(first['batch-right']?.message ?? '', /Granted "Log on as a batch job".*CONTOSO\\svc-web\$ on WEB01/);
    assert.deepEqual(first['batch-right']?.created, [
      { kind: 'batch-right', identity: 'CONTOSO\\svc-web$', parent: 'WEB01' },
    ]);
    assert.deepEqual(web01(dir).userRights.SeBatchLogonRight, [
      ...(beforeTask.hosts.WEB01?.userRights.SeBatchLogonRight ?? []),
      'CONTOSO\\svc-web$',
    ]);

    // The registered task, read from the lab's state: who, how, when, what.
    const task = web01(dir).tasks.find((t) => t.taskName === 'Nightly Report');
    assert.ok(task);
    assert.equal(task.taskPath, '\\');
    assert.deepEqual(task.principal, {
      userId: 'CONTOSO\\svc-web$',
      logonType: 'Password',
      runLevel: 'Limited',
      groupId: null,
    });
    assert.equal(task.actions[0]?.execute, 'powershell.exe');
    assert.equal(
      task.actions[0]?.arguments,
      '-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "C:\\Scripts\\Nightly-Report.ps1"',
    );
    assert.equal(task.triggers[0]?.cimClass, 'MSFT_TaskDailyTrigger');
    assert.match(String(task.triggers[0]?.startBoundary), /T12:05:00/);
    assert.equal(task.settings.executionTimeLimit, 'P3D');
    const registered = first['scheduled-task'];
    assert.deepEqual(registered?.created, [{ kind: 'scheduled-task', identity: '\\Nightly Report', parent: 'WEB01' }]);
    assert.match(registered?.message ?? '', /read it back: daily at 12:05.*as CONTOSO\\svc-web\$ \(LogonType Password/);
    // C:\Scripts was made at the root of C: and inherits "Authenticated Users: Modify".
    assert.match(registered?.warnings?.[0] ?? '', /NT AUTHORITY\\Authenticated Users \(Modify, inherited\)/);
    assert.match(registered?.warnings?.[0] ?? '', /can run code as CONTOSO\\svc-web\$.*icacls "C:\\Scripts"/);

    // The test run: LastTaskResult 0, in words, with the next run and the history.
    const run = first['task-test-run'];
    assert.equal(detailsOf(run)?.testRun?.result.code, 0);
    assert.equal(detailsOf(run)?.testRun?.result.hex, '0x0');
    assert.match(detailsOf(run)?.testRun?.result.meaning ?? '', /completed successfully/);
    assert.ok(detailsOf(run)?.testRun?.finished);
    assert.match(detailsOf(run)?.testRun?.nextRunTime ?? '', /T12:05:00/);
    assert.equal(detailsOf(run)?.testRun?.historyEnabled, true);
    assert.deepEqual(
      detailsOf(run)?.testRun?.history.map((e) => e.id),
      [102, 201, 200, 100, 110, 106],
    );
    assert.match(run?.message ?? '', /LastTaskResult 0x0 — The task ran and completed successfully\. Next run: /);
    assert.equal(web01(dir).tasks[0]?.lastTaskResult, 0);

    // Re-run: nothing changes (the test run is not repeated here: a run always leaves LastRunTime and history).
    const before = labStateText(dir);
    for (const step of TASK_STEPS) {
      const again = await step.run(lab.session, plan);
      assert.equal(again.status, 'exists', again.message);
      assert.deepEqual(again.created, []);
    }
    assert.equal(labStateText(dir), before);

    // Undo, newest first: the task, then the right; the host is as it was before the task steps.
    for (const [step, outcome] of [
      [scheduledTaskStep, first['scheduled-task']],
      [batchRightStep, first['batch-right']],
    ] as const) {
      const script = step.undo(outcome?.created ?? []);
      assert.match(script.text, /Unregister-ScheduledTask|Revoke-MsaUserRight/);
      await lab.session.run(script);
    }
    assert.deepEqual(labState(dir), beforeTask);
    // Undo twice is harmless: each undo checks the object is still there.
    await lab.session.run(scheduledTaskStep.undo(first['scheduled-task']?.created ?? []));
    await lab.session.run(batchRightStep.undo(first['batch-right']?.created ?? []));
    assert.deepEqual(labState(dir), beforeTask);
    // Then the gMSA run's own undo: the domain is as it was, but for the computer's refreshed Kerberos ticket.
    await runUndo(lab.session, undoActions(gmsaPlan(), gmsa));
    assert.deepEqual(withoutTickets(labState(dir)), withoutTickets(initial));
  });

  it('never undoes what existed before: a right the account already held and a matching task are reused', async () => {
    const dir = await withGmsa();
    await lab.console(
      "Grant-MsaUserRight -Right SeBatchLogonRight -Account 'CONTOSO\\svc-web$' | Out-Null; $a = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument '-NoProfile -NonInteractive -ExecutionPolicy Bypass -File \"C:\\Scripts\\Nightly-Report.ps1\"'; $t = New-ScheduledTaskTrigger -Daily -At '12:05'; $p = New-ScheduledTaskPrincipal -UserId 'CONTOSO\\svc-web$' -LogonType Password; Register-ScheduledTask -TaskName 'Nightly Report' -TaskPath '\\' -Action $a -Trigger $t -Principal $p -Settings (New-ScheduledTaskSettingsSet) | Out-Null",
    );
    const before = labStateText(dir);
    const plan = taskPlan();
    for (const step of TASK_STEPS) {
      const outcome = await step.run(lab.session, plan);
      assert.equal(outcome.status, 'exists', outcome.message);
      assert.equal(step.undo(outcome.created).text.includes('Unregister'), false);
      assert.equal(step.undo(outcome.created).text.includes('Revoke'), false);
    }
    assert.equal(labStateText(dir), before);
  });

  it('does not call a grant done when reading the right back does not list the account (a silent LSA)', async () => {
    const dir = await withGmsa();
    const before = JSON.stringify(web01(dir).userRights);
    // A host whose grant returns without changing anything: this session's Grant-MsaUserRight shadows the lab's.
    const silent: StepSession = {
      run: (script, options) =>
        lab.session.run(
          PsScript.fromTrustedSource(
            `function Grant-MsaUserRight { param([string]$Right, [string]$Account) Get-MsaUserRight -Right $Right }\n${script.text}`,
          ),
          options,
        ),
    };
    const outcome = await batchRightStep.run(silent, taskPlan());
    assert.equal(outcome.status, 'failed', outcome.message);
    assert.match(
      outcome.message,
      /^Granted "Log on as a batch job" to CONTOSO\\svc-web\$ on WEB01, but reading the right back does not list it/,
    );
    // Undo still gets the grant (LSA may have taken it after all): it revokes only what the account holds.
    assert.deepEqual(outcome.created, [{ kind: 'batch-right', identity: 'CONTOSO\\svc-web$', parent: 'WEB01' }]);
    assert.equal(JSON.stringify(web01(dir).userRights), before);
  });

  it('reports a task of that name with other settings as a conflict and leaves it untouched', async () => {
    const dir = await withGmsa();
    await lab.console(
      "$a = New-ScheduledTaskAction -Execute 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'; $t = New-ScheduledTaskTrigger -Daily -At '09:00'; Register-ScheduledTask -TaskName 'Nightly Report' -Action $a -Trigger $t | Out-Null",
    );
    const before = labStateText(dir);
    const outcome = await scheduledTaskStep.run(lab.session, taskPlan());
    assert.equal(outcome.status, 'conflict');
    assert.match(
      outcome.message,
      /already exists on WEB01 but its action is .*its trigger is daily at 09:00, not daily at 12:05/,
    );
    assert.match(outcome.message, /runs as CONTOSO\\Administrator.*logon type is Interactive.*left unchanged/);
    assert.deepEqual(outcome.created, []);
    assert.equal(labStateText(dir), before);
  });

  it('registers nothing when the script is missing, and does not warn about a script only administrators can change', async () => {
    const dir = await withGmsa();
    const before = labStateText(dir);
    const missing = await scheduledTaskStep.run(
      lab.session,
      taskPlan({ ...NIGHTLY, action: { kind: 'powershell-script', path: 'C:\\Scripts\\Missing.ps1' } }),
    );
    assert.equal(missing.status, 'failed');
    assert.match(missing.message, /C:\\Scripts\\Missing\.ps1 does not exist on WEB01 .*nothing was registered/);
    assert.equal(labStateText(dir), before);

    await addFile('C:\\Program Files\\Contoso\\Report.ps1');
    const secure = await scheduledTaskStep.run(
      lab.session,
      taskPlan({
        name: 'Secure Report',
        folder: 'MSA Wizard',
        action: {
          kind: 'powershell-script',
          path: 'C:\\Program Files\\Contoso\\Report.ps1',
          arguments: '-Mode Full',
          workingDirectory: 'C:\\Program Files\\Contoso',
        },
        trigger: { kind: 'weekly', at: '23:30', days: ['Friday', 'Monday'] },
        repetition: { intervalMinutes: 15, durationMinutes: 120 },
        highestPrivileges: true,
        stopAfterMinutes: 90,
      }),
    );
    assert.equal(secure.status, 'done', secure.message);
    assert.equal(secure.warnings, undefined);
    const task = web01(dir).tasks.find((t) => t.taskName === 'Secure Report');
    assert.equal(task?.taskPath, '\\MSA Wizard\\');
    assert.equal(task?.principal.runLevel, 'Highest');
    assert.equal(task?.triggers[0]?.daysOfWeek, 2 | 32);
    assert.deepEqual(task?.triggers[0]?.repetition, { duration: 'PT2H', interval: 'PT15M', stopAtDurationEnd: false });
    assert.equal(task?.settings.executionTimeLimit, 'PT1H30M');
    assert.equal(task?.actions[0]?.workingDirectory, 'C:\\Program Files\\Contoso');
  });

  it('reads back every trigger kind as the same task (once, weekly, startup, repetition, no time limit)', async () => {
    await withGmsa();
    const variants: TaskSettingsInput[] = [
      { ...NIGHTLY, name: 'Once', trigger: { kind: 'once', at: '2031-02-03T04:05' }, stopAfterMinutes: 0 },
      {
        ...NIGHTLY,
        name: 'Once Repeating',
        trigger: { kind: 'once', at: '2031-02-03T04:05' },
        repetition: { intervalMinutes: 30 },
      },
      { ...NIGHTLY, name: 'Daily Repeating', repetition: { intervalMinutes: 60, durationMinutes: 600 } },
      { ...NIGHTLY, name: 'Weekly', trigger: { kind: 'weekly', days: ['Sunday'] } },
      { ...NIGHTLY, name: 'At Startup', trigger: { kind: 'startup' } },
      {
        name: 'Program',
        action: {
          kind: 'program',
          path: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
          arguments: '-NoProfile -Command Get-Date',
        },
      },
    ];
    for (const v of variants) {
      const plan = taskPlan(v);
      const first = await scheduledTaskStep.run(lab.session, plan);
      assert.equal(first.status, 'done', `${String(v.name)}: ${first.message}`);
      const again = await scheduledTaskStep.run(lab.session, plan);
      assert.equal(again.status, 'exists', `${String(v.name)}: ${again.message}`);
    }
    // A startup task has no next run time; its test run still works.
    const startup = await testRunStep.run(lab.session, taskPlan(variants[4]), { pollMs: 50 });
    assert.equal(startup.status, 'failed', 'no batch right yet');
    assert.equal(detailsOf(startup)?.testRun?.result.hex, '0x80070569');
    assert.equal(detailsOf(startup)?.testRun?.nextRunTime, null);
  });

  it('waits for a running task with progress, and stops waiting at the timeout (0x41301, not a success)', async () => {
    const dir = await withGmsa();
    const plan = taskPlan();
    for (const step of TASK_STEPS) assert.equal((await step.run(lab.session, plan)).status, 'done');
    // An instance that never ends: the lab marks the task Running (Start-ScheduledTask then ignores the new request).
    await lab.console(TASK_STILL_RUNNING);
    const progress: string[] = [];
    // The limit counts from before the start request: 5 s leaves time for several polls after it even when pwsh
    // answers at half speed (at 1 s, a slow start could use it all up and leave no poll to report progress).
    const run = await testRunStep.run(lab.session, plan, {
      timeoutMs: 5_000,
      pollMs: 200,
      onProgress: (p) => progress.push(`${p.state} ${p.timeoutMs}`),
    });
    assert.equal(run.status, 'failed');
    assert.equal(detailsOf(run)?.testRun?.finished, false);
    assert.equal(detailsOf(run)?.testRun?.result.hex, '0x41301');
    assert.match(run.message, /still running after 5 s \(LastTaskResult 0x41301\).*Stop-ScheduledTask/);
    assert.ok(progress.length >= 2, progress.join());
    assert.ok(progress.every((p) => p === 'Running 5000'));
    assert.equal(web01(dir).tasks[0]?.state, 'Running');
  });

  it('says the Operational log is off (and how to enable it) when task history is disabled', async () => {
    await withGmsa();
    const plan = taskPlan();
    await lab.console(`wevtutil set-log Microsoft-Windows-TaskScheduler/Operational /enabled:false`);
    const out = await runAll(plan);
    const run = out['task-test-run'];
    assert.equal(run?.status, 'done', run?.message);
    assert.equal(detailsOf(run)?.testRun?.historyEnabled, false);
    assert.deepEqual(detailsOf(run)?.testRun?.history, []);
    assert.ok(run?.message.includes(ENABLE_HISTORY_COMMAND), run?.message);
  });
});

describe('a host that cannot use the account yet', () => {
  it('test run before the host can retrieve the password: 0x8007052E, explained', async () => {
    const dir = await lab.use('healthy');
    const account = gmsaPlan();
    // The group, its member and the gMSA, but no ticket refresh: WEB01's ticket predates its group membership.
    for (const step of [groupStep, groupMembersStep, accountStep]) {
      assert.equal((await step.run(lab.session, account)).status, 'done');
    }
    const out = await runAll(taskPlan());
    assert.deepEqual(statuses(out), { 'batch-right': 'done', 'scheduled-task': 'done', 'task-test-run': 'failed' });
    const run = out['task-test-run'];
    assert.equal(detailsOf(run)?.testRun?.result.hex, '0x8007052E');
    assert.match(
      run?.message ?? '',
      /LastTaskResult 0x8007052E — Logon failure: .*cannot retrieve the account's managed password/,
    );
    assert.match(run?.message ?? '', /klist purge -li 0x3e7/);
    assert.equal(web01(dir).tasks[0]?.lastTaskResult, 0x8007052e);
    assert.match(detailsOf(run)?.testRun?.history[0]?.message ?? '', /failed to start/);
  });
});

describe('on gpo-managed-rights', () => {
  it('the batch right is a conflict with the GPO path and the account name; nothing is granted; the run then fails 0x80070569', async () => {
    const dir = await withGmsa('gpo-managed-rights');
    const before = web01(dir).userRights;
    const plan = taskPlan();
    const outcome = await batchRightStep.run(lab.session, plan);
    assert.equal(outcome.status, 'conflict');
    assert.deepEqual(outcome.created, []);
    assert.doesNotMatch(outcome.message, /^Granted/);
    assert.match(outcome.message, /defined by the domain Group Policy object 'Server Baseline'.*nothing was changed/);
    assert.ok(
      outcome.message.includes(
        'Group Policy Management → Server Baseline → Computer Configuration → Policies → Windows Settings → Security Settings → Local Policies → User Rights Assignment → Log on as a batch job',
      ),
      outcome.message,
    );
    assert.equal(detailsOf(outcome)?.gpo?.account, 'CONTOSO\\svc-web$');
    assert.equal(detailsOf(outcome)?.gpo?.gpoName, 'Server Baseline');
    assert.deepEqual(web01(dir).userRights, before);
    assert.deepEqual(batchRightStep.undo(outcome.created).text.includes('Revoke'), false);

    // Registering the task is still possible; running it shows what the missing right does.
    assert.equal((await scheduledTaskStep.run(lab.session, plan)).status, 'done');
    const run = await testRunStep.run(lab.session, plan, { pollMs: 50 });
    assert.equal(detailsOf(run)?.testRun?.result.hex, '0x80070569');
    assert.match(run.message, /does not have "Log on as a batch job"/);

    // Once the GPO grants it (simulated: the GPO's accounts, then gpupdate /force), the step finds it: 'exists'.
    await lab.console(
      "Update-LabState -Script { param($s) $s.hosts['WEB01'].gpoRights['SeBatchLogonRight'].accounts = @('BUILTIN\\Administrators', 'CONTOSO\\svc-web$') } | Out-Null; gpupdate /target:computer /force | Out-Null",
    );
    const managed = await batchRightStep.run(lab.session, plan);
    assert.equal(managed.status, 'exists', managed.message);
    assert.match(managed.message, /'Server Baseline', which already grants it/);
  });
});

describe('hostile input', () => {
  const corpus = hostileStrings(400);
  const sample = corpus.filter((_, i) => i % Math.ceil(corpus.length / 44) === 0);

  it('rejects hostile task names and folders with a reason, accepting only allowlisted characters', () => {
    for (const text of sample) {
      for (const field of ['name', 'folder'] as const) {
        const parsed = taskSettingsSchema.safeParse({ ...NIGHTLY, [field]: text });
        if (parsed.success) {
          const value = parsed.data[field];
          assert.match(value, /^[\\A-Za-z0-9 ._()-]*$/, `${field} accepted ${JSON.stringify(text)}`);
          continue;
        }
        const issue = parsed.error.issues[0];
        assert.ok(issue !== undefined && issue.message.length > 10, `${field}: ${JSON.stringify(text)}`);
      }
    }
  });

  it('stores hostile arguments and script paths byte-identical (read back from the lab), or rejects them with a reason', async () => {
    const dir = await withGmsa();
    let storedArgs = 0;
    let storedPaths = 0;
    for (const [i, text] of sample.entries()) {
      const cases: [string, TaskSettingsInput][] = [
        [
          'arguments',
          {
            name: `Hostile Args ${i}`,
            action: { kind: 'powershell-script', path: 'C:\\Scripts\\Nightly-Report.ps1', arguments: text },
          },
        ],
        [
          'path',
          { name: `Hostile Path ${i}`, action: { kind: 'powershell-script', path: `C:\\Scripts\\h${i} ${text}.ps1` } },
        ],
      ];
      for (const [what, input] of cases) {
        const parsed = taskSettingsSchema.safeParse(input);
        if (!parsed.success) {
          assert.match(
            parsed.error.issues[0]?.message ?? '',
            /path|argument|character|backslash|colon|wildcard/i,
            `${what}: ${JSON.stringify(text)}`,
          );
          continue;
        }
        const task = parsed.data;
        if (what === 'path') await addFile(task.action.path);
        const outcome = await scheduledTaskStep.run(lab.session, withTask(task));
        assert.equal(outcome.status, 'done', `${what} ${JSON.stringify(text)}: ${outcome.message}`);
        const saved = web01(dir).tasks.find((t) => t.taskName === task.name);
        const args = `-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "${task.action.path}"`;
        const extra = task.action.arguments?.trim() ? ` ${task.action.arguments}` : '';
        assert.equal(saved?.actions[0]?.arguments, args + extra, `${what}: ${JSON.stringify(text)}`);
        const again = await scheduledTaskStep.run(lab.session, withTask(task));
        assert.equal(again.status, 'exists', `${what} ${JSON.stringify(text)}: ${again.message}`);
        if (what === 'path') storedPaths++;
        else storedArgs++;
      }
    }
    assert.ok(storedArgs >= 20, `${storedArgs} of ${sample.length} arguments stored`);
    assert.ok(storedPaths >= 5, `${storedPaths} of ${sample.length} paths stored`);
  });
});
