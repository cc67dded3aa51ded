// The existing task's part of the run survey (read-only, on the workload's host), named as the move step names what
// it creates: the gMSA copy when it exists ('task-copy'), the original when it is disabled ('task-disabled': one
// disabled before the run is never enabled by undo), the task when it runs as the account now ('task-principal').
import { samOf } from '../../plan/plan-schema.js';
import { joinScripts, ps, type PsScript } from '../../powershell/script.js';
import { READ_TASK } from '../scheduled-task/scheduled-task.js';
import type { WorkloadContext } from '../types.js';
import { TASK_COPY, TASK_DISABLED, TASK_PRINCIPAL } from './kinds.js';
import { copyNameOf, copyUri, originalUri, type ExistingTaskSettings } from './settings.js';
import { SAME_ACCOUNT } from './task-words.js';

export function existingTaskSurvey(ctx: WorkloadContext<ExistingTaskSettings>): PsScript {
  const s = ctx.workload.settings;
  const host = ctx.workload.host;
  return joinScripts([
    READ_TASK,
    SAME_ACCOUNT,
    ps`$msaAccount = ${samOf(ctx.plan)}
$copy = Get-MsaTaskOrNull -TaskName ${copyNameOf(s)} -TaskPath ${s.taskPath}
if ($null -ne $copy) { [void]$found.Add([ordered]@{ kind = ${TASK_COPY}; identity = ${copyUri(s)}; parent = ${host} }) }
$original = Get-MsaTaskOrNull -TaskName ${s.taskName} -TaskPath ${s.taskPath}
if ($null -ne $original) {
    if ([string]$original.State -eq 'Disabled') { [void]$found.Add([ordered]@{ kind = ${TASK_DISABLED}; identity = ${originalUri(s)}; parent = ${host} }) }
    if (Test-MsaSameAccount $original.Principal.UserId $msaAccount) { [void]$found.Add([ordered]@{ kind = ${TASK_PRINCIPAL}; identity = ${originalUri(s)}; parent = ${host} }) }
}`,
  ]);
}
