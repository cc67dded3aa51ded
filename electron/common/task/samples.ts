// Samples of every script the task steps produce (each step's script and undo, every trigger kind, both action
// kinds), for the Windows PowerShell 5.1 syntax scan: catalog.ts's allScriptSamples() should include these.
import { parsePlan } from '../plan/plan-schema.js';
import type { PsScript } from '../powershell/script.js';
import { batchRightStep } from './batch-right.js';
import { scheduledTaskStep } from './scheduled-task.js';
import { parseTaskSettings, type TaskPlan, type TaskSettingsInput } from './task-schema.js';
import type { TaskCreatedObject } from './task-step.js';
import { testRunStep } from './test-run.js';

export function taskScriptSamples(): { name: string; script: PsScript }[] {
  const account = parsePlan({
    accountType: 'gmsa',
    name: 'svc-web',
    gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts' }, computers: ['WEB01'] },
    targetComputer: 'WEB01',
  });
  const script = {
    kind: 'powershell-script' as const,
    path: "C:\\Scripts\\O'Brien $(x).ps1",
    arguments: "-Name 'it''s' $(y)",
  };
  const tasks: TaskSettingsInput[] = [
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
  const created: TaskCreatedObject[] = [
    { kind: 'batch-right', identity: 'CONTOSO\\svc-web$', parent: 'WEB01' },
    { kind: 'scheduled-task', identity: "\\MSA Wizard\\it's", parent: 'WEB01' },
  ];
  return tasks.flatMap((task, i) => {
    const plan: TaskPlan = { account, task: parseTaskSettings(task) };
    return [batchRightStep, scheduledTaskStep, testRunStep].flatMap((step) => [
      { name: `task step ${step.id} (task ${i})`, script: step.preview(plan) },
      { name: `task step ${step.id} undo (task ${i})`, script: step.undo(created) },
    ]);
  });
}
