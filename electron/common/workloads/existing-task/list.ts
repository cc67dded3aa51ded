// The existing task picker (the kind's `picker`, API 'host.items' { kind: 'existing-task' }): the scheduled tasks of
// the computer the wizard runs on outside \Microsoft\ (Windows' own, which the settings refuse), read in one round
// trip with Get-ScheduledTask, by full name. Read-only. Whether moving one in place needs the acknowledgement (it
// runs as a user account, whose password undo could not put back) is judged with the step's own rule.
import { z } from 'zod';
import { parseAnswer } from '../../directory/validate.js';
import { ps, type PsScript } from '../../powershell/script.js';
import type { WorkloadPicker } from '../types.js';
import { needsPassword } from './task-words.js';

/** The read-only script: the computer's name and every task outside \Microsoft\ with its principal and state. */
export const TASK_LIST_SCRIPT: PsScript = ps`[ordered]@{
    computer = [string]$env:COMPUTERNAME
    tasks = @(Get-ScheduledTask | Where-Object { -not ([string]$_.TaskPath).StartsWith('\\Microsoft\\', [System.StringComparison]::OrdinalIgnoreCase) } | ForEach-Object {
        [ordered]@{
            taskPath = [string]$_.TaskPath; taskName = [string]$_.TaskName; userId = [string]$_.Principal.UserId
            groupId = [string]$_.Principal.GroupId; logonType = [string]$_.Principal.LogonType; state = [string]$_.State
        }
    })
}`;

const answerSchema = z.object({
  computer: z.string(),
  tasks: z.array(
    z.object({
      taskPath: z.string(),
      taskName: z.string(),
      userId: z.string(),
      groupId: z.string(),
      logonType: z.string(),
      state: z.string(),
    }),
  ),
});

/** The tasks of the wizard's computer by full name (as Task Scheduler's library lists them, folder by folder). */
export const existingTaskPicker: WorkloadPicker = {
  script: TASK_LIST_SCRIPT,
  decode(data) {
    const answer = parseAnswer(answerSchema, data, 'scheduled task list');
    return {
      computer: answer.computer,
      available: true,
      items: answer.tasks
        .map((t) => ({
          name: `${t.taskPath}${t.taskName}`,
          detail: t.logonType === 'Password' ? 'stored password' : '',
          runsAs: t.groupId !== '' ? `the group ${t.groupId}` : t.userId,
          state: t.state,
          needsPassword: t.groupId === '' && needsPassword(t.userId),
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })),
    };
  },
};
