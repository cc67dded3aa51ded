// The scheduled task as a workload kind (../types.ts): its settings (task-schema.ts), its two steps (register and read
// back, test run), its survey part, and the right it needs ("Log on as a batch job", granted by the shared right step
// of its host before these steps).
import { ps } from '../../powershell/script.js';
import type { WorkloadKind } from '../types.js';
import { taskSchedulerCheck } from './host-check.js';
import { scheduledTaskStep } from './scheduled-task.js';
import { scheduledTaskSettings, taskUri, type TaskSettings } from './task-schema.js';
import { testRunStep } from './test-run.js';

export const scheduledTaskKind: WorkloadKind<TaskSettings> = {
  settings: scheduledTaskSettings,
  steps: [scheduledTaskStep, testRunStep],
  commands: ['Register-ScheduledTask', 'Get-ScheduledTask'],
  hostChecks: [taskSchedulerCheck],
  survey: ({ workload }) => {
    const task = workload.settings;
    return ps`$task = $null
try { $task = Get-ScheduledTask -TaskName ${task.name} -TaskPath ${task.folder} -ErrorAction Stop } catch { $task = $null }
if ($null -ne $task) { [void]$found.Add([ordered]@{ kind = 'scheduled-task'; identity = ${taskUri(task)}; parent = ${workload.host} }) }`;
  },
};
