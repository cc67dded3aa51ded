// The health check's part for planned Windows services (checks/run.ts adds it when the plan holds one): each planned
// service on this computer, read as the service step reads it (Win32_Service through CIM), so a misspelt name is
// found before any step runs. Services planned on another host are checked when the wizard runs there.
import { z } from 'zod';
import { defineCheck, psConst, type Evaluation } from '../../checks/types.js';

const rowRaw = z.object({
  name: z.string(),
  host: z.string(),
  mode: z.string(),
  here: z.boolean(),
  exists: z.boolean().nullable(),
  state: z.string().nullable(),
  startName: z.string().nullable(),
});
const serviceRaw = z.object({ computer: z.string(), services: z.array(rowRaw) });
type Row = z.infer<typeof rowRaw>;

function describe(row: Row): { status: Evaluation['status']; text: string } {
  if (!row.here) return { status: 'unknown', text: `${row.name} on ${row.host}: checked when the wizard runs there.` };
  if (row.exists === true) {
    const as = row.startName === null || row.startName === '' ? '' : ` as ${row.startName}`;
    const created = row.mode === 'create' ? ' (it exists already: the step reuses it when its program matches)' : '';
    return { status: 'pass', text: `${row.name} is ${row.state ?? 'present'}${as}${created}.` };
  }
  if (row.mode === 'create') return { status: 'pass', text: `${row.name} does not exist yet: the step creates it.` };
  return { status: 'fail', text: `No service named ${row.name} on ${row.host}.` };
}

const WORST: readonly Evaluation['status'][] = ['fail', 'warn', 'unknown', 'pass'];

export const plannedServicesCheck = defineCheck({
  id: 'target-services',
  group: 'Target',
  title: 'Planned Windows services',
  why: 'The wizard points an existing service at the account by its service name (the short name Get-Service shows, not the display name); a name that is not on the host stops the step.',
  command:
    'Get-CimInstance -ClassName Win32_Service -Filter "Name=\'<service name>\'" | Select-Object Name, State, StartName',
  probe: psConst`$computer = [string]$env:COMPUTERNAME
$rows = @(foreach ($w in @($msaOptions.workloads)) {
    if ($null -eq $w -or [string]$w.kind -ne 'service') { continue }
    $name = [string]$w.settings.name
    $row = [ordered]@{ name = $name; host = [string]$w.host; mode = [string]$w.settings.mode; here = ([string]$w.host -eq $computer); exists = $null; state = $null; startName = $null }
    if ($row.here) {
        # WQL string: backslash and quote escaped with a backslash.
        $svc = Get-CimInstance -ClassName Win32_Service -Filter ("Name='" + $name.Replace('\', '\\').Replace("'", "\'") + "'") | Select-Object -First 1
        $row.exists = ($null -ne $svc)
        if ($null -ne $svc) { $row.state = [string]$svc.State; $row.startName = [string]$svc.StartName }
    }
    $row
})
[ordered]@{ computer = $computer; services = $rows }`,
  raw: serviceRaw,
  evaluate(raw): Evaluation {
    const rows = raw.services.map(describe);
    const status = WORST.find((s) => rows.some((r) => r.status === s)) ?? 'pass';
    const found = rows.length === 0 ? 'No Windows service is planned.' : rows.map((r) => r.text).join(' ');
    if (status !== 'fail') return { status, found };
    return {
      status,
      found,
      fix: {
        summary:
          'Check the service name (Get-Service lists the short names), or choose "create" to have the wizard create the service.',
        command: 'Get-Service | Sort-Object Name | Format-Table Name, DisplayName, Status',
        actions: [],
      },
    };
  },
});
