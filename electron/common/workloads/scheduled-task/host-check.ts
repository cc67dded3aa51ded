// The health check's part for planned scheduled tasks (checks/run.ts adds it when the plan holds one): the Task
// Scheduler service (Schedule) running on the computer the task is planned on.
import { z } from 'zod';
import { defineCheck, listWords, psConst, type Evaluation } from '../../checks/types.js';

const schedulerRaw = z.object({
  computer: z.string(),
  here: z.boolean(),
  hosts: z.array(z.string()),
  available: z.boolean(),
  status: z.string().nullable(),
  startType: z.string().nullable(),
});

export const taskSchedulerCheck = defineCheck({
  id: 'target-task-scheduler',
  group: 'Target',
  title: 'Task Scheduler service',
  why: 'The scheduled task that runs under the managed service account needs the Task Scheduler service (Schedule) running on the host.',
  command: 'Get-Service -Name Schedule | Select-Object Status, StartType',
  probe: psConst`$computer = [string]$env:COMPUTERNAME
$hosts = @(foreach ($w in @($msaOptions.workloads)) { if ($null -ne $w -and [string]$w.kind -eq 'scheduled-task') { [string]$w.host } })
$here = @($hosts | Where-Object { $_ -eq $computer }).Count -gt 0
if (-not $here) {
    return [ordered]@{ computer = $computer; here = $false; hosts = $hosts; available = $true; status = $null; startType = $null }
}
if (-not (Get-Command -Name 'Get-Service' -ErrorAction SilentlyContinue)) {
    return [ordered]@{ computer = $computer; here = $true; hosts = $hosts; available = $false; status = $null; startType = $null }
}
$s = Get-Service -Name 'Schedule'
[ordered]@{ computer = $computer; here = $true; hosts = $hosts; available = $true; status = [string]$s.Status; startType = [string]$s.StartType }`,
  raw: schedulerRaw,
  evaluate(raw): Evaluation {
    if (!raw.here) {
      return {
        status: 'unknown',
        found: `The scheduled tasks are planned on ${listWords([...new Set(raw.hosts)])}: their Task Scheduler is checked when the wizard runs there.`,
      };
    }
    if (!raw.available) {
      return {
        status: 'unknown',
        found:
          'Get-Service is not available in this PowerShell, so the Task Scheduler service (Schedule) could not be read.',
      };
    }
    if (raw.status === 'Running') {
      return {
        status: 'pass',
        found: `The Task Scheduler service is running (start type ${raw.startType ?? 'unknown'}).`,
      };
    }
    return {
      status: 'fail',
      found: `The Task Scheduler service is ${raw.status ?? 'not running'} (start type ${raw.startType ?? 'unknown'}).`,
      fix: {
        summary: 'Set the Task Scheduler service to start automatically and start it.',
        command: 'Set-Service -Name Schedule -StartupType Automatic; Start-Service -Name Schedule',
        actions: [],
      },
    };
  },
});
