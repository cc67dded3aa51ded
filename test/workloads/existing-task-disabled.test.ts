// Side by side, an original the admin had disabled before the run: the gMSA copy is registered disabled too (a job
// that was off stays off), and the step says how to enable it (password-expired lab, real pwsh).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parsePlan, type Plan } from '../../electron/common/plan/plan-schema.js';
import { runPlan } from '../../electron/common/steps/plan-steps.js';
import { runWorkloadStep } from '../../electron/common/workloads/bind.js';
import { moveStep } from '../../electron/common/workloads/existing-task/move-step.js';
import { existingTaskSettingsSchema } from '../../electron/common/workloads/existing-task/settings.js';
import { logonRightStep } from '../../electron/common/workloads/shared/logon-right.js';
import { sharedLab } from '../checks/lab-session.js';
import { labState } from '../helpers/lab.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const plan: Plan = parsePlan({
  accountType: 'gmsa',
  name: 'svc-report',
  gmsa: { group: { mode: 'new', name: 'gMSA-Report-Hosts' }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
});
const FOLDER = '\\Reports\\';
const NAME = 'Export inactive users';
const COPY = 'Export inactive users (gMSA)';
const stateOf = (dir: string, name: string): string | undefined =>
  labState(dir).hosts.WEB01?.tasks.find((t) => t.taskPath === FOLDER && t.taskName === name)?.state;

describe('side by side, the original disabled before the run', () => {
  it('registers the copy disabled too, and says how to enable it', async () => {
    const dir = await lab.use('password-expired');
    const results = await runPlan(lab.session, plan);
    assert.equal(results.at(-1)?.outcome.status, 'done', JSON.stringify(results, null, 1));
    assert.equal((await logonRightStep('batch', 'WEB01').run(lab.session, plan)).status, 'done');
    await lab.console(`Disable-ScheduledTask -TaskPath '${FOLDER}' -TaskName '${NAME}' | Out-Null`);
    assert.equal(stateOf(dir, NAME), 'Disabled');

    const ctx = {
      plan,
      workload: {
        id: 'existing-task',
        kind: 'existing-task',
        host: 'WEB01',
        settings: existingTaskSettingsSchema.parse({ taskPath: FOLDER, taskName: NAME }),
      },
    };
    const moved = await runWorkloadStep(lab.session, moveStep, ctx);
    assert.equal(moved.status, 'done', moved.message);
    assert.equal(stateOf(dir, COPY), 'Disabled', 'a job that was off stays off');
    assert.equal(stateOf(dir, NAME), 'Disabled');
    assert.match(
      moved.message,
      /was disabled already \(undo leaves it so\), so the copy is registered disabled too: enable it when the job should run \(Enable-ScheduledTask -TaskPath '\\Reports\\' -TaskName 'Export inactive users \(gMSA\)'\)/,
    );
  });
});
