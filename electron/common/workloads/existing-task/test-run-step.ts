// Step 'existing-task-test-run': the scheduled-task kind's test run (../scheduled-task/test-run.ts) of the task that
// now runs as the account — the gMSA copy side by side, the task itself in place — on the workload's host: start,
// poll with progress, LastTaskResult in words, the next run, the task's history. Creates nothing. A copy whose last
// run succeeded is not run again ('exists'). testRun: false skips it ('exists', nothing run).
import { z } from 'zod';
import { ps } from '../../powershell/script.js';
import { NOTHING } from '../../steps/types.js';
import { READ_TASK } from '../scheduled-task/scheduled-task.js';
import { refUri, runTestRun, testRunJudge, testRunScript } from '../scheduled-task/test-run.js';
import type { WorkloadStepSpec } from '../types.js';
import { movedTask, type ExistingTaskSettings } from './settings.js';

const notAsked = (s: ExistingTaskSettings): string =>
  `Not run, as asked (testRun: false): start ${refUri(movedTask(s))} yourself (Start-ScheduledTask) and read its LastTaskResult.`;

export const movedTestRunStep: WorkloadStepSpec<ExistingTaskSettings, unknown> = {
  id: 'existing-task-test-run',
  title: (ctx) => `Test run ${refUri(movedTask(ctx.workload.settings))}`,
  label: 'Test run',
  command: 'Start-ScheduledTask',
  creates: [],
  needs: READ_TASK,
  script: (ctx) =>
    ctx.workload.settings.testRun
      ? testRunScript(movedTask(ctx.workload.settings))
      : ps`# ${notAsked(ctx.workload.settings)}
[ordered]@{ skipped = $true }`,
  judge: (ctx) =>
    ctx.workload.settings.testRun
      ? testRunJudge(movedTask(ctx.workload.settings))
      : ps`Complete-MsaStep 'exists' ${notAsked(ctx.workload.settings)}`,
  // The step runs itself (start, poll, result: several short requests); `raw` and `evaluate` are not used.
  raw: z.unknown(),
  evaluate: () => ({ status: 'failed', created: [], message: 'The test run judges its own answers.' }),
  custom: async (session, ctx, options) => {
    const s = ctx.workload.settings;
    if (!s.testRun) return { status: 'exists', created: [], message: notAsked(s) };
    return runTestRun(session, movedTask(s), ctx.workload.host, options);
  },
  undo: () => NOTHING,
};
