// The app pool's part of the run survey (types.ts WorkloadKind.survey): on the pool's host, what of this workload
// exists now, named as the steps' created objects are — 'app-pool' (the pool, identity = its name) and
// 'app-pool-identity' (the pool runs as the account), parent = the computer. Undo after a crash credits a cut-off
// attempt with these. The parent is the workload's host as the plan names it, as the steps record it.
import { samOf } from '../../plan/plan-schema.js';
import { ps, type PsScript } from '../../powershell/script.js';
import type { WorkloadContext } from '../types.js';
import { READ_POOL } from './app-pool-read.js';
import type { AppPoolSettings } from './settings.js';

export function appPoolSurvey(ctx: WorkloadContext<AppPoolSettings>): PsScript {
  return ps`${READ_POOL}
# The application pool ${ctx.workload.settings.name}: does it exist, and does it run as the account?
$surveyPool = Read-MsaAppPool ${ctx.workload.settings.name}
if ($null -ne $surveyPool) {
    [void]$found.Add([ordered]@{ kind = 'app-pool'; identity = $surveyPool.name; parent = ${ctx.workload.host} })
    if ($surveyPool.identityType -eq 'SpecificUser' -and (Get-MsaBareAccount $surveyPool.userName) -eq (Get-MsaBareAccount ${samOf(ctx.plan)})) {
        [void]$found.Add([ordered]@{ kind = 'app-pool-identity'; identity = $surveyPool.name; parent = ${ctx.workload.host} })
    }
}`;
}
