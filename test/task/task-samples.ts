// Samples of every script the task steps produce (each step's script, judge and undo, every trigger kind, both
// action kinds), for the Windows PowerShell 5.1 syntax scan (test/powershell/script-catalog.ts includes these) and
// the task tests. Test code: the app never loads it, so it is not packed.
import { parsePlan, type Plan, type PlanInput } from '../../electron/common/plan/plan-schema.js';
import type { PsScript } from '../../electron/common/powershell/script.js';
import { planSteps } from '../../electron/common/steps/plan-steps.js';
import type { CreatedObject, Step } from '../../electron/common/steps/types.js';
import type { TaskSettingsInput } from '../../electron/common/workloads/scheduled-task/task-schema.js';
import { logonRightStep } from '../../electron/common/workloads/shared/logon-right.js';

/**
 * A task step as the tests use it: the plan's step of that kind (bound to the plan's task and host), with the kind as
 * its id ('batch-right', 'scheduled-task', 'task-test-run'); undo is a sample plan's (a task's undo reads only what it created).
 */
export function taskStep(kind: 'batch-right' | 'scheduled-task' | 'task-test-run'): Step {
  const of = (plan: Plan): Step => {
    const step = planSteps(plan).find((s) => s.kind === kind);
    if (step === undefined) throw new Error(`the plan has no ${kind} step`);
    return step;
  };
  return {
    ...logonRightStep('batch', 'WEB01'),
    id: kind,
    kind,
    script: (plan) => of(plan).script(plan),
    preview: (plan) => of(plan).preview(plan),
    judge: (plan) => of(plan).judge(plan),
    run: (session, plan, options) => of(plan).run(session, plan, options),
    undo: (created) =>
      kind === 'batch-right'
        ? logonRightStep('batch', created[0]?.parent ?? 'WEB01').undo(created)
        : of(samplePlanWithTask(SAMPLE_TASKS[0] ?? { name: 'x', action: script })).undo(created),
  };
}

export const batchRightStep = taskStep('batch-right');
export const scheduledTaskStep = taskStep('scheduled-task');
export const testRunStep = taskStep('task-test-run');

const script = {
  kind: 'powershell-script' as const,
  path: "C:\\Scripts\\O'Brien $(x).ps1",
  arguments: "-Name 'it''s' $(y)",
};

/** Task settings covering every trigger kind, repetition, both action kinds and every option. */
export const SAMPLE_TASKS: readonly TaskSettingsInput[] = [
  { name: 'Nightly Report', action: script },
  {
    name: 'Weekly',
    folder: '\\MSA Wizard\\',
    action: { ...script, workingDirectory: 'C:\\Scripts' },
    trigger: { kind: 'weekly', at: '23:30', days: ['Monday', 'Friday'] },
    repetition: { intervalMinutes: 15, durationMinutes: 120 },
    highestPrivileges: true,
    stopAfterMinutes: 0,
  },
  {
    name: 'Once',
    action: { kind: 'program', path: '\\\\files01\\tools\\report.exe' },
    trigger: { kind: 'once', at: '2031-02-03T04:05' },
    repetition: { intervalMinutes: 30 },
  },
  { name: 'Startup', action: script, trigger: { kind: 'startup' } },
];

/** A gMSA plan with one of the sample tasks. */
export function samplePlanWithTask(task: TaskSettingsInput, extra: Partial<PlanInput> = {}): Plan {
  return parsePlan({
    accountType: 'gmsa',
    name: 'svc-web',
    gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts' }, computers: ['WEB01'] },
    targetComputer: 'WEB01',
    task,
    ...extra,
  });
}

export function taskScriptSamples(): { name: string; script: PsScript }[] {
  const created: CreatedObject[] = [
    { kind: 'batch-right', identity: 'CONTOSO\\svc-web$', parent: 'WEB01' },
    { kind: 'scheduled-task', identity: "\\MSA Wizard\\it's", parent: 'WEB01' },
  ];
  return SAMPLE_TASKS.flatMap((task, i) => {
    const plan = samplePlanWithTask(task);
    return [batchRightStep, scheduledTaskStep, testRunStep].flatMap((step) => [
      { name: `task step ${step.id} (task ${i})`, script: step.preview(plan) },
      { name: `task step ${step.id} judge (task ${i})`, script: step.judge(plan) },
      { name: `task step ${step.id} undo (task ${i})`, script: step.undo(created) },
    ]);
  });
}
