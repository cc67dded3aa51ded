// The health check's part for planned IIS application pools (checks/run.ts adds it when the plan holds one): IIS and
// its scripting tools installed (the app-pool steps use the WebAdministration module, which comes with
// Web-Scripting-Tools), the Windows Process Activation Service (WAS) and the World Wide Web Publishing Service
// (W3SVC) running, and each planned existing pool present. Pools planned on another host are checked there.
import { z } from 'zod';
import { defineCheck, listWords, psConst, type Evaluation } from '../../checks/types.js';

const iisRaw = z.object({
  computer: z.string(),
  planned: z.array(z.object({ name: z.string(), host: z.string(), mode: z.string() })),
  features: z.array(z.object({ name: z.string(), installed: z.boolean() })),
  services: z.array(z.object({ name: z.string(), status: z.string().nullable() })),
  pools: z.array(z.string()).nullable(),
});

export const iisHostCheck = defineCheck({
  id: 'target-iis',
  group: 'Target',
  title: 'IIS for the planned application pools',
  why: 'An application pool runs in IIS: the Web Server role with its scripting tools (the WebAdministration module the wizard uses), and the WAS and W3SVC services that start the pool and serve its sites.',
  command:
    "Get-WindowsFeature -Name Web-Server, Web-Scripting-Tools; Get-Service -Name WAS, W3SVC; Get-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter 'system.applicationHost/applicationPools/add' -Name name",
  probe: psConst`$computer = [string]$env:COMPUTERNAME
$planned = @(foreach ($w in @($msaOptions.workloads)) {
    if ($null -eq $w -or [string]$w.kind -ne 'app-pool') { continue }
    [ordered]@{ name = [string]$w.settings.name; host = [string]$w.host; mode = [string]$w.settings.mode }
})
$features = @(Get-WindowsFeature -Name 'Web-Server', 'Web-Scripting-Tools' | ForEach-Object { [ordered]@{ name = [string]$_.Name; installed = [bool]$_.Installed } })
$services = @(foreach ($name in @('WAS', 'W3SVC')) {
    $s = Get-Service -Name $name -ErrorAction SilentlyContinue
    $status = $null
    if ($null -ne $s) { $status = [string]$s.Status }
    [ordered]@{ name = $name; status = $status }
})
$pools = $null
try {
    $pools = @(Get-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter 'system.applicationHost/applicationPools/add' -Name 'name' | ForEach-Object {
        if ($_ -is [string]) { $_ } else { [string]$_.Value }
    })
} catch [System.Management.Automation.CommandNotFoundException] { $pools = $null }
[ordered]@{ computer = $computer; planned = $planned; features = $features; services = $services; pools = $pools }`,
  raw: iisRaw,
  evaluate(raw): Evaluation {
    const here = raw.planned.filter((p) => p.host.toLowerCase() === raw.computer.toLowerCase());
    const elsewhere = raw.planned.filter((p) => !here.includes(p));
    const later =
      elsewhere.length === 0
        ? ''
        : ` ${listWords(elsewhere.map((p) => `${p.name} on ${p.host}`))}: checked when the wizard runs there.`;
    if (here.length === 0)
      return { status: 'unknown', found: `No application pool is planned on ${raw.computer}.${later}` };
    const missing = raw.features.filter((f) => !f.installed).map((f) => f.name);
    if (missing.length > 0) {
      return {
        status: 'fail',
        found: `${listWords(missing)} ${missing.length === 1 ? 'is' : 'are'} not installed on ${raw.computer}.${later}`,
        fix: {
          summary: 'Install the Web Server role with its management scripts and tools (no restart needed).',
          command: 'Install-WindowsFeature -Name Web-Server, Web-Scripting-Tools -IncludeManagementTools',
          actions: [],
        },
      };
    }
    const stopped = raw.services.filter((s) => s.status !== 'Running');
    if (stopped.length > 0) {
      return {
        status: 'fail',
        found: `${listWords(stopped.map((s) => `${s.name} is ${s.status ?? 'missing'}`))} on ${raw.computer}.${later}`,
        fix: {
          summary: 'Start the Windows Process Activation Service and the World Wide Web Publishing Service.',
          command: 'Set-Service -Name WAS, W3SVC -StartupType Automatic; Start-Service -Name WAS, W3SVC',
          actions: [],
        },
      };
    }
    const known = new Set((raw.pools ?? []).map((p) => p.toLowerCase()));
    const absent = here.filter((p) => p.mode === 'existing' && !known.has(p.name.toLowerCase()));
    if (absent.length > 0) {
      return {
        status: 'fail',
        found: `No application pool named ${listWords(absent.map((p) => p.name))} on ${raw.computer} (pools: ${listWords([...(raw.pools ?? [])]) || 'none'}).${later}`,
        fix: {
          summary: 'Pick an existing pool (the form lists them), or choose "create".',
          command:
            "Get-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter 'system.applicationHost/applicationPools/add' -Name name",
          actions: [],
        },
      };
    }
    return {
      status: 'pass',
      found: `IIS is installed with its scripting tools, WAS and W3SVC run, and ${listWords(here.map((p) => p.name))} ${here.length === 1 ? 'is' : 'are'} ready on ${raw.computer}.${later}`,
    };
  },
});
