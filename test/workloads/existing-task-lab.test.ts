// The existing-task kind against the lab (scenario password-expired: on WEB01 the task \Reports\Export inactive users
// runs as CONTOSO\svc-report-user, whose password expired three days ago, LastTaskResult 0x8007052E) through one real
// pwsh session, after the gMSA svc-report and "Log on as a batch job" for it on WEB01:
// - side by side: the copy '<name> (gMSA)' runs as CONTOSO\svc-report$ with the original's actions, triggers,
//   settings and run level, the original is Disabled and keeps its principal; the copy's test run gives 0x0; a second
//   run changes nothing; undo removes the copy and enables the original: lab-state.json byte-identical to before the
//   move with task history off, and with it on only the two events Task Scheduler logs (142 disabled, 140 updated);
// - an original disabled before the run stays disabled after undo; a copy an admin pointed elsewhere is left, and the
//   original with it; a name that is no task and a copy name taken by another account's task are conflicts;
// - the original deleted after the move reads as done; the health check finds the task, its account and last result;
// - the picker lists WEB01's own tasks by full name, the user account's one needing the acknowledgement;
// - in place: refused without the acknowledgement; with it the task runs as the gMSA, its test run gives 0x0, and undo
//   refuses with the exact Set-ScheduledTask -User -Password command, changing nothing; a task that ran as SYSTEM needs
//   no acknowledgement, and undo sets it back.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parsePlan, type Plan } from '../../electron/common/plan/plan-schema.js';
import { ps } from '../../electron/common/powershell/script.js';
import { runPlan } from '../../electron/common/steps/plan-steps.js';
import { joinPrelude } from '../../electron/common/steps/types.js';
import { runWorkloadStep, workloadStepUndo } from '../../electron/common/workloads/bind.js';
import { existingTaskWorkload } from '../../electron/common/workloads/existing-task/index.js';
import { listHostItems } from '../../electron/common/workloads/picker.js';
import { moveStep } from '../../electron/common/workloads/existing-task/move-step.js';
import {
  existingTaskSettingsSchema,
  type ExistingTaskSettings,
  type ExistingTaskSettingsInput,
} from '../../electron/common/workloads/existing-task/settings.js';
import { movedTestRunStep } from '../../electron/common/workloads/existing-task/test-run-step.js';
import { logonRightStep } from '../../electron/common/workloads/shared/logon-right.js';
import type { WorkloadContext } from '../../electron/common/workloads/types.js';
import type { LabState, ScheduledTaskState } from '../../electron/lab/state.js';
import { sharedLab } from '../checks/lab-session.js';
import { labState, labStateText } from '../helpers/lab.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const plan: Plan = parsePlan({
  accountType: 'gmsa',
  name: 'svc-report',
  description: 'Reports',
  gmsa: {
    group: { mode: 'new', name: 'gMSA-Report-Hosts', scope: 'Global', path: 'OU=Service Groups,DC=contoso,DC=com' },
    computers: ['WEB01'],
  },
  targetComputer: 'WEB01',
});
const ACCOUNT = 'CONTOSO\\svc-report$';
const OLD = 'CONTOSO\\svc-report-user';
const FOLDER = '\\Reports\\';
const NAME = 'Export inactive users';
const COPY = 'Export inactive users (gMSA)';
const ORIGINAL_URI = `${FOLDER}${NAME}`;
const COPY_URI = `${FOLDER}${COPY}`;

const ctxOf = (input: Partial<ExistingTaskSettingsInput> = {}): WorkloadContext<ExistingTaskSettings> => ({
  plan,
  workload: {
    id: 'existing-task',
    kind: 'existing-task',
    host: 'WEB01',
    settings: existingTaskSettingsSchema.parse({ taskPath: FOLDER, taskName: NAME, ...input }),
  },
});

const tasks = (dir: string): ScheduledTaskState[] => labState(dir).hosts.WEB01?.tasks ?? [];
const taskNamed = (dir: string, name: string): ScheduledTaskState | undefined =>
  tasks(dir).find((t) => t.taskPath === FOLDER && t.taskName === name);

/** password-expired with the gMSA svc-report usable on WEB01 and "Log on as a batch job" granted to it there. */
async function prepared(history = true): Promise<string> {
  const dir = await lab.use('password-expired');
  if (!history) await lab.console('wevtutil set-log Microsoft-Windows-TaskScheduler/Operational /enabled:false');
  const results = await runPlan(lab.session, plan);
  assert.equal(results.at(-1)?.outcome.status, 'done', JSON.stringify(results, null, 1));
  const right = await logonRightStep('batch', 'WEB01').run(lab.session, plan);
  assert.equal(right.status, 'done', right.message);
  return dir;
}

/** The survey's part of this kind, as the run service reads it. */
async function survey(ctx: WorkloadContext<ExistingTaskSettings>): Promise<unknown[]> {
  const found = await lab.session.run(
    joinPrelude(ps`$found = New-Object System.Collections.ArrayList
${existingTaskWorkload.survey(ctx)}
,@($found)`),
  );
  return found.flat();
}

describe('side by side on password-expired', () => {
  it('the gMSA copy runs (0x0), the original is disabled and kept; again: nothing changes; undo: lab-state.json byte-identical (history off)', async () => {
    const dir = await prepared(false);
    const original = taskNamed(dir, NAME);
    assert.equal(original?.principal.userId, OLD);
    assert.equal(original?.lastTaskResult, 0x8007052e, 'the scenario: logon failure, the password expired');
    const before = labStateText(dir);
    const ctx = ctxOf();

    const moved = await runWorkloadStep(lab.session, moveStep, ctx);
    assert.equal(moved.status, 'done', moved.message);
    assert.deepEqual(moved.created, [
      { kind: 'task-copy', identity: COPY_URI, parent: 'WEB01' },
      { kind: 'task-disabled', identity: ORIGINAL_URI, parent: 'WEB01' },
    ]);
    assert.equal(
      moved.message,
      `Registered ${COPY_URI} on WEB01 as ${ACCOUNT} (LogonType Password: Task Scheduler retrieves the managed password; none is stored) with the original's 1 action, 1 trigger, settings and run level (Highest), and read it back. Disabled the original ${ORIGINAL_URI}. The original keeps its stored credential (${OLD} (LogonType Password)): undo removes the copy and enables the original again.`,
    );
    // The old account still holds Modify on the script's folder: it can change what now runs as the gMSA.
    assert.equal(moved.warnings?.length, 1, JSON.stringify(moved.warnings));
    assert.match(moved.warnings?.[0] ?? '', /in C:\\Scripts\\Reports, .*CONTOSO\\svc-report-user \(Modify\)/);
    assert.match(
      moved.warnings?.[0] ?? '',
      /Anyone who can edit what the task runs can run code as CONTOSO\\svc-report\$/,
    );
    const copy = taskNamed(dir, COPY);
    const disabled = taskNamed(dir, NAME);
    assert.deepEqual(copy?.principal, { userId: ACCOUNT, logonType: 'Password', runLevel: 'Highest', groupId: null });
    assert.deepEqual(copy?.actions, original?.actions);
    assert.deepEqual(copy?.triggers, original?.triggers);
    assert.equal(copy?.description, original?.description);
    assert.deepEqual({ ...copy?.settings, enabled: true }, { ...original?.settings, enabled: true });
    assert.equal(copy?.state, 'Ready');
    assert.equal(disabled?.state, 'Disabled');
    assert.deepEqual(disabled?.principal, original?.principal, 'the original keeps its principal');

    const run = await runWorkloadStep(lab.session, movedTestRunStep, ctx, { pollMs: 10 });
    assert.equal(run.status, 'done', run.message);
    assert.match(
      run.message,
      /^Test run of \\Reports\\Export inactive users \(gMSA\) on WEB01 as CONTOSO\\svc-report\$: LastTaskResult 0x0/,
    );
    assert.equal(taskNamed(dir, COPY)?.lastTaskResult, 0);
    assert.equal(taskNamed(dir, NAME)?.lastTaskResult, 0x8007052e, 'the original did not run');

    assert.deepEqual(await survey(ctx), [
      { kind: 'task-copy', identity: COPY_URI, parent: 'WEB01' },
      { kind: 'task-disabled', identity: ORIGINAL_URI, parent: 'WEB01' },
    ]);

    const done = labStateText(dir);
    const again = await runWorkloadStep(lab.session, moveStep, ctx);
    assert.equal(again.status, 'exists', again.message);
    assert.deepEqual(again.created, []);
    const ranAgain = await runWorkloadStep(lab.session, movedTestRunStep, ctx, { pollMs: 10 });
    assert.equal(ranAgain.status, 'exists', ranAgain.message);
    assert.equal(labStateText(dir), done, 'a second run changes nothing');

    const report = await lab.session.run(workloadStepUndo(moveStep, moved.created, ctx));
    assert.deepEqual(report.flat(), [
      `${COPY_URI}: removed.`,
      `${ORIGINAL_URI}: enabled again (it runs with its stored credential, as before).`,
    ]);
    assert.equal(labStateText(dir), before, 'lab-state.json is byte-identical to before the move');
  });

  it('with task history on, undo leaves only the two events Task Scheduler logs on the original (142 disabled, 140 updated)', async () => {
    const dir = await prepared();
    const before = labState(dir);
    const ctx = ctxOf();
    const moved = await runWorkloadStep(lab.session, moveStep, ctx);
    assert.equal(moved.status, 'done', moved.message);
    assert.equal((await runWorkloadStep(lab.session, movedTestRunStep, ctx, { pollMs: 10 })).status, 'done');
    await lab.session.run(workloadStepUndo(moveStep, moved.created, ctx));
    const after = labState(dir);
    const added = (s: LabState) => s.hosts.WEB01?.tasks.find((t) => t.taskName === NAME)?.history ?? [];
    const earlier = added(before).length;
    assert.deepEqual(
      added(after)
        .slice(earlier)
        .map((e) => e.eventId),
      [142, 140],
    );
    const original = after.hosts.WEB01?.tasks.find((t) => t.taskName === NAME);
    if (original !== undefined) original.history = original.history.slice(0, earlier);
    assert.deepEqual(after, before, 'otherwise the same lab state');
  });

  it('an original disabled before the run: only the copy is made, disabled too, and undo leaves the original disabled', async () => {
    const dir = await prepared(false);
    await lab.session.run(ps`Disable-ScheduledTask -TaskPath ${FOLDER} -TaskName ${NAME} | Out-Null`);
    const before = labStateText(dir);
    const ctx = ctxOf();
    const moved = await runWorkloadStep(lab.session, moveStep, ctx);
    assert.equal(moved.status, 'done', moved.message);
    assert.deepEqual(moved.created, [{ kind: 'task-copy', identity: COPY_URI, parent: 'WEB01' }]);
    assert.match(
      moved.message,
      /The original \\Reports\\Export inactive users was disabled already \(undo leaves it so\), so the copy is registered disabled too: enable it when the job should run \(Enable-ScheduledTask -TaskPath '\\Reports\\' -TaskName 'Export inactive users \(gMSA\)'\)/,
    );
    assert.equal(taskNamed(dir, COPY)?.state, 'Disabled', 'a job the admin had turned off stays off');
    const report = await lab.session.run(workloadStepUndo(moveStep, moved.created, ctx));
    assert.deepEqual(report.flat(), [`${COPY_URI}: removed.`]);
    assert.equal(labStateText(dir), before);
  });

  it('a copy an admin pointed at another account since: undo leaves it, and the original stays disabled', async () => {
    const dir = await prepared(false);
    const ctx = ctxOf();
    const moved = await runWorkloadStep(lab.session, moveStep, ctx);
    assert.equal(moved.status, 'done', moved.message);
    await lab.session.run(
      ps`Set-ScheduledTask -TaskPath ${FOLDER} -TaskName ${COPY} -User 'CONTOSO\\svc-backup' -Password 'typed by the admin' | Out-Null`,
    );
    const before = labStateText(dir);
    const report = await lab.session.run(workloadStepUndo(moveStep, moved.created, ctx));
    assert.deepEqual(report.flat(), [
      `${COPY_URI}: left as is: now runs as CONTOSO\\svc-backup (changed since this run).`,
      `${ORIGINAL_URI}: left disabled: its gMSA copy was kept (it runs as another account now), and both would run. Enable it yourself once the copy is gone.`,
    ]);
    assert.equal(labStateText(dir), before, 'nothing changed');
  });

  it('the original deleted after the move (the checklist): a second run finds the copy and changes nothing', async () => {
    const dir = await prepared(false);
    const ctx = ctxOf();
    const moved = await runWorkloadStep(lab.session, moveStep, ctx);
    assert.equal(moved.status, 'done', moved.message);
    await lab.session.run(ps`Unregister-ScheduledTask -TaskPath ${FOLDER} -TaskName ${NAME} -Confirm:$false`);
    const before = labStateText(dir);
    const again = await runWorkloadStep(lab.session, moveStep, ctx);
    assert.equal(again.status, 'exists', again.message);
    assert.equal(
      again.message,
      `${COPY_URI} on WEB01 runs as ${ACCOUNT}, and the original ${ORIGINAL_URI} is gone (deleted after the move); nothing was changed.`,
    );
    assert.equal(labStateText(dir), before);
  });

  it('conflicts change nothing: a test run before the move, no such task, the copy name taken by another account', async () => {
    const dir = await prepared(false);
    const before = labStateText(dir);
    const notYet = await runWorkloadStep(lab.session, movedTestRunStep, ctxOf(), { pollMs: 10 });
    assert.equal(notYet.status, 'failed', notYet.message);
    assert.equal(
      notYet.message,
      `The task ${COPY_URI} does not exist on WEB01: move the task first (its gMSA copy is made by the move step), then test it.`,
    );
    const missing = await runWorkloadStep(lab.session, moveStep, ctxOf({ taskName: "No'Such Task" }));
    assert.equal(missing.status, 'conflict', missing.message);
    assert.match(missing.message, /^There is no task \\Reports\\No'Such Task on WEB01\./);
    assert.equal(labStateText(dir), before);

    await lab.session.run(
      ps`Register-ScheduledTask -TaskPath ${FOLDER} -TaskName ${COPY} -Action (New-ScheduledTaskAction -Execute 'cmd.exe') -User 'CONTOSO\\svc-backup' -Password 'typed by the admin' | Out-Null`,
    );
    const taken = labStateText(dir);
    const other = await runWorkloadStep(lab.session, moveStep, ctxOf());
    assert.equal(other.status, 'conflict', other.message);
    assert.match(other.message, /already exists on WEB01 and runs as CONTOSO\\svc-backup \(LogonType Password\)/);
    assert.equal(labStateText(dir), taken);
  });
});

describe('the picker on password-expired', () => {
  it("lists WEB01's own tasks (not Windows' \\Microsoft\\ ones) by full name, the user account's needing the acknowledgement", async () => {
    await lab.use('password-expired');
    const picker = existingTaskWorkload.picker;
    assert.ok(picker !== undefined);
    const list = await listHostItems((_op, script, timeoutMs) => lab.session.run(script, { timeoutMs }), picker);
    assert.deepEqual(list, {
      computer: 'WEB01',
      available: true,
      items: [
        {
          name: ORIGINAL_URI,
          detail: 'stored password',
          runsAs: OLD,
          state: 'Ready',
          needsPassword: true,
        },
      ],
    });
  });
});

describe('the health check on password-expired', () => {
  it('finds the planned task with its account and last result; a misspelt one fails with the fix; elsewhere, checked there', async () => {
    await lab.use('password-expired');
    const planned = (taskName: string, host = 'WEB01') => ({
      kind: 'existing-task',
      host,
      settings: { taskPath: FOLDER, taskName, mode: 'side-by-side' },
    });
    const check = async (workloads: ReturnType<typeof planned>[]) => {
      const report = await lab.run({ workloads, only: ['target-existing-tasks'] });
      const found = report.results.find((r) => r.id === 'target-existing-tasks');
      assert.ok(found !== undefined, 'the check joins for an existing task');
      return found;
    };
    const ok = await check([planned(NAME)]);
    assert.equal(ok.status, 'pass', ok.found);
    assert.equal(ok.found, `${ORIGINAL_URI} runs as ${OLD} (Ready; last result 0x8007052E).`);
    const missing = await check([planned('Export inactive user')]);
    assert.equal(missing.status, 'fail', missing.found);
    assert.equal(missing.found, 'No task \\Reports\\Export inactive user on WEB01.');
    assert.match(missing.fix?.command ?? '', /^Get-ScheduledTask \| Where-Object/);
    const elsewhere = await check([planned(NAME, 'APP01')]);
    assert.equal(elsewhere.status, 'unknown', elsewhere.found);
  });
});

describe('in place on password-expired', () => {
  it('refused without the acknowledgement; with it the task runs as the gMSA (0x0); undo refuses with the exact command', async () => {
    const dir = await prepared(false);
    const before = labStateText(dir);
    const refused = await runWorkloadStep(lab.session, moveStep, ctxOf({ mode: 'in-place' }));
    assert.equal(refused.status, 'conflict', refused.message);
    assert.match(refused.message, /runs as the user account CONTOSO\\svc-report-user\. The wizard never asks for/);
    assert.equal(labStateText(dir), before);

    const ctx = ctxOf({ mode: 'in-place', acknowledgeNoRestore: true });
    const moved = await runWorkloadStep(lab.session, moveStep, ctx);
    assert.equal(moved.status, 'done', moved.message);
    assert.deepEqual(moved.created, [
      { kind: 'task-principal', identity: ORIGINAL_URI, parent: 'WEB01', previous: OLD },
    ]);
    const command = `Set-ScheduledTask -TaskPath '\\Reports\\' -TaskName 'Export inactive users' -User 'CONTOSO\\svc-report-user' -Password '<its password>'`;
    assert.ok(moved.message.includes(command), moved.message);
    assert.deepEqual(taskNamed(dir, NAME)?.principal, {
      userId: ACCOUNT,
      logonType: 'Password',
      runLevel: 'Highest',
      groupId: null,
    });
    assert.equal(taskNamed(dir, COPY), undefined, 'no copy in place');

    const run = await runWorkloadStep(lab.session, movedTestRunStep, ctx, { pollMs: 10 });
    assert.equal(run.status, 'done', run.message);
    assert.match(
      run.message,
      /^Test run of \\Reports\\Export inactive users on WEB01 as CONTOSO\\svc-report\$: LastTaskResult 0x0/,
    );
    assert.deepEqual(await survey(ctx), [{ kind: 'task-principal', identity: ORIGINAL_URI, parent: 'WEB01' }]);

    const again = await runWorkloadStep(lab.session, moveStep, ctx);
    assert.equal(again.status, 'exists', again.message);

    const ran = labStateText(dir);
    const undone = await lab.session.invoke(workloadStepUndo(moveStep, moved.created, ctx));
    assert.equal(undone.ok, false);
    const said = undone.errors.map((e) => e.message).join(' ');
    assert.ok(said.includes(command), said);
    assert.match(said, /never asks for, handles or stores.*Nothing was changed\.$/);
    assert.equal(labStateText(dir), ran, 'the refused undo changed nothing');
  });

  it('a task that ran as SYSTEM needs no acknowledgement, and undo sets it back: byte-identical', async () => {
    const dir = await prepared(false);
    await lab.session.run(
      ps`Register-ScheduledTask -TaskPath ${FOLDER} -TaskName 'Cleanup' -Action (New-ScheduledTaskAction -Execute 'cmd.exe' -Argument '/c exit 0') -User 'NT AUTHORITY\\SYSTEM' | Out-Null`,
    );
    const before = labStateText(dir);
    const ctx = ctxOf({ taskName: 'Cleanup', mode: 'in-place' });
    const moved = await runWorkloadStep(lab.session, moveStep, ctx);
    assert.equal(moved.status, 'done', moved.message);
    assert.match(moved.message, /Undo sets it back to SYSTEM\.$/);
    assert.equal(taskNamed(dir, 'Cleanup')?.principal.userId, ACCOUNT);
    const report = await lab.session.run(workloadStepUndo(moveStep, moved.created, ctx));
    assert.deepEqual(report.flat(), ['\\Reports\\Cleanup: set back to SYSTEM.']);
    assert.equal(labStateText(dir), before);
  });
});
