// The service's part of the run survey (read-only, on the workload's host): the service itself when it exists
// ('service': a service that existed before the run is never deleted by undo) and its logon account when it is the
// managed account now ('service-logon'). Named as the account step names what it creates.
import { samOf } from '../../plan/plan-schema.js';
import { ps, type PsScript } from '../../powershell/script.js';
import type { WorkloadContext } from '../types.js';
import { SERVICE_CREATED, SERVICE_LOGON } from './kinds.js';
import { serviceFilter } from './service-read.js';
import type { ServiceSettings } from './settings.js';

export function serviceSurvey(ctx: WorkloadContext<ServiceSettings>): PsScript {
  const name = ctx.workload.settings.name;
  const host = ctx.workload.host;
  return ps`
$svc = Get-CimInstance -ClassName Win32_Service -Filter ${serviceFilter(name)} | Select-Object -First 1
if ($null -ne $svc) {
    [void]$found.Add([ordered]@{ kind = ${SERVICE_CREATED}; identity = ${name}; parent = ${host} })
    $sam = ${samOf(ctx.plan)}
    $startName = ([string]$svc.StartName) -replace '^.*\\\\', '' -replace '@.*$', ''
    if ($startName -eq $sam) { [void]$found.Add([ordered]@{ kind = ${SERVICE_LOGON}; identity = ${name}; parent = ${host} }) }
}`;
}
