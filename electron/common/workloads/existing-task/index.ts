// The existing scheduled task workload kind (issue 15): a task that runs under a user account, moved to the managed
// account side by side (a gMSA copy, the original disabled and kept) or in place; "Log on as a batch job" from the
// shared right step (rights: ['batch']); then a test run of the task that now runs as the account.
import type { WorkloadKind } from '../types.js';
import { plannedTasksCheck } from './host-check.js';
import { existingTaskPicker } from './list.js';
import { moveStep } from './move-step.js';
import { existingTaskSettingsKind, type ExistingTaskSettings } from './settings.js';
import { existingTaskSurvey } from './survey.js';
import { movedTestRunStep } from './test-run-step.js';

export const existingTaskWorkload: WorkloadKind<ExistingTaskSettings> = {
  settings: existingTaskSettingsKind,
  steps: [moveStep, movedTestRunStep],
  survey: existingTaskSurvey,
  picker: existingTaskPicker,
  hostChecks: [plannedTasksCheck],
  commands: ['Get-ScheduledTask', 'Register-ScheduledTask', 'Set-ScheduledTask', 'Disable-ScheduledTask'],
};
