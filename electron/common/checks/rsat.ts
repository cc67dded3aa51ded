// Tools check: the RSAT ActiveDirectory PowerShell module. Its fix depends on the kind of Windows: a server feature
// (Install-WindowsFeature RSAT-AD-PowerShell) or, on Windows 10/11, a Feature on Demand (Add-WindowsCapability).
// The probe tells them apart the way Windows does: Get-WindowsFeature exists on servers and refuses client targets.
import { z } from 'zod';
import { fixAction, FIXES, RSAT_CAPABILITY } from './fixes.js';
import { defineCheck, psConst, type Evaluation } from './types.js';

const rsatRaw = z.object({
  module: z.object({ version: z.string(), path: z.string() }).nullable(),
  kind: z.enum(['Server', 'Client']).nullable(),
  feature: z.object({ installed: z.boolean(), installState: z.string() }).nullable(),
  capability: z.object({ state: z.string() }).nullable(),
  notes: z.array(z.string()),
});

export const toolsRsat = defineCheck({
  id: 'tools-rsat',
  group: 'Tools',
  title: 'RSAT: Active Directory module for PowerShell',
  why: 'Every AD step (New-ADServiceAccount, Install-ADServiceAccount, Test-ADServiceAccount, Get-ADDomain …) is a cmdlet of the ActiveDirectory module from the Remote Server Administration Tools.',
  command: `Get-Module -ListAvailable -Name ActiveDirectory
Get-WindowsFeature -Name RSAT-AD-PowerShell   # Windows Server
Get-WindowsCapability -Online -Name '${RSAT_CAPABILITY}'   # Windows 10/11`,
  probe: psConst`$notes = New-Object System.Collections.ArrayList
$module = @(Get-Module -Name ActiveDirectory) + @(Get-Module -ListAvailable -Name ActiveDirectory) | Select-Object -First 1
$moduleInfo = $null
if ($null -ne $module) { $moduleInfo = [ordered]@{ version = [string]$module.Version; path = [string]$module.ModuleBase } }
$kind = $null
$feature = $null
$capability = $null
if (Get-Command -Name 'Get-WindowsFeature' -ErrorAction SilentlyContinue) {
    try {
        $f = Get-WindowsFeature -Name 'RSAT-AD-PowerShell'
        if ($null -ne $f) { $feature = [ordered]@{ installed = [bool]$f.Installed; installState = [string]$f.InstallState } }
        $kind = 'Server'
    } catch {
        # Server Manager refuses Windows client targets: this is Windows 10/11 with the Server Manager tools.
        if ([string]$_.FullyQualifiedErrorId -like 'UnSupportedTargetDevice*') { $kind = 'Client' }
        else { [void]$notes.Add('Get-WindowsFeature: ' + $_.Exception.Message) }
    }
}
if ($kind -ne 'Server' -and (Get-Command -Name 'Get-WindowsCapability' -ErrorAction SilentlyContinue)) {
    try {
        $c = Get-WindowsCapability -Online -Name 'Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0'
        if ($null -ne $c) { $capability = [ordered]@{ state = [string]$c.State } }
        if ($null -eq $kind -and $null -eq $feature) { $kind = 'Client' }
    } catch { [void]$notes.Add('Get-WindowsCapability: ' + $_.Exception.Message) }
}
[ordered]@{ module = $moduleInfo; kind = $kind; feature = $feature; capability = $capability; notes = $notes.ToArray() }`,
  raw: rsatRaw,
  evaluate(raw): Evaluation {
    if (raw.module !== null) {
      return {
        status: 'pass',
        found: `The ActiveDirectory module ${raw.module.version} is installed (${raw.module.path}).`,
      };
    }
    const notes = raw.notes.length > 0 ? ` (${raw.notes.join('; ')})` : '';
    const installedButMissing = raw.feature?.installed === true || raw.capability?.state === 'Installed';
    if (installedButMissing) {
      return {
        status: 'fail',
        found: `RSAT is installed, but PowerShell does not find the ActiveDirectory module on its module path${notes}.`,
        fix: {
          summary:
            'Restart the wizard (and, if that does not help, this computer) so PowerShell sees the new module path.',
          command: "$env:PSModulePath -split ';'",
          actions: [],
        },
      };
    }
    const server = FIXES['install-rsat-feature'];
    const client = FIXES['install-rsat-capability'];
    if (raw.kind === 'Server') {
      return {
        status: 'fail',
        found: `The ActiveDirectory module is not installed: the RSAT-AD-PowerShell feature is ${raw.feature?.installState ?? 'not installed'}${notes}.`,
        fix: {
          summary: 'Install the RSAT-AD-PowerShell feature (the ActiveDirectory module; no restart needed).',
          command: server.command,
          actions: [fixAction('install-rsat-feature')],
        },
      };
    }
    if (raw.kind === 'Client') {
      return {
        status: 'fail',
        found: `The ActiveDirectory module is not installed: the RSAT AD DS tools capability is ${raw.capability?.state ?? 'not present'}${notes}.`,
        fix: {
          summary:
            'Add the RSAT AD DS tools Feature on Demand (downloaded from Windows Update or your WSUS; a few minutes).',
          command: client.command,
          actions: [fixAction('install-rsat-capability')],
        },
      };
    }
    return {
      status: 'fail',
      found: `The ActiveDirectory module is not installed, and neither Get-WindowsFeature nor Get-WindowsCapability answered${notes}.`,
      fix: {
        summary:
          'Install RSAT: on Windows Server with Install-WindowsFeature, on Windows 10/11 with Add-WindowsCapability.',
        command: `${server.command}   # Windows Server\n${client.command}   # Windows 10/11`,
        actions: [fixAction('install-rsat-feature'), fixAction('install-rsat-capability')],
      },
    };
  },
});

export const TOOLS_CHECKS = [toolsRsat];
