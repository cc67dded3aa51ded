// The per-host read-only block of discovery: what runs as which account on one computer. The same block runs on the
// wizard's own computer (in-process) and, inside ONE Invoke-Command, on every other host (sweep.ts), so it must be
// self-contained: no session helper (ConvertTo-MsaPlain, Invoke-MsaNative) exists in a remote runspace.
//
// It never touches AD: a remote session holds no credential to pass on (the second hop fails on Windows without
// delegation), so every account fact is read on the wizard's host afterwards (accounts.ts).
//
// What it reads, with the cmdlets an admin would type:
//   - Get-ScheduledTask + Get-ScheduledTaskInfo: tasks outside \Microsoft\ (Windows' own) whose principal is an
//     account (not a group): UserId, LogonType, state, last run, LastTaskResult, next run, the first Exec action;
//   - Get-CimInstance Win32_Service: services whose StartName is not a built-in account (LocalSystem,
//     NT AUTHORITY\..., NT SERVICE\...): a server has hundreds of those, none with a password to expire;
//   - WebAdministration (Get-WebConfigurationProperty -Name '.' on applicationHost.config's pools: every pool element
//     with its processModel in one call; Get-WebAppPoolState, Get-Website): every application pool with its identity
//     and the content folders of the sites that run in it. No
//     WebAdministration module (IIS not installed) is not a problem: the host simply has no pools. Any other IIS
//     error loses only the pools: the answer's `note` says so (discover.ts puts it in the report's notes).
//
// The answer is ONE object whose `uses` is a string of JSON (ConvertTo-Json -Compress): remoting serialises objects
// only one level deep, and text survives it whole. Values are flat: strings, numbers, dates as ISO 8601 UTC text (a task that never ran
// reports 1999-11-30 on Windows: null), one array (a pool's folders). Windows PowerShell 5.1 syntax, ASCII.
import { PsScript } from '../powershell/script.js';

/** The block's body (no braces): sweep.ts runs it as `& { ... }` here and `Invoke-Command -ScriptBlock { ... }` there. */
export const HOST_BLOCK = PsScript.fromTrustedSource(`$ErrorActionPreference = 'Stop'
function ConvertTo-MsaIsoText {
    param($Date)
    if ($null -eq $Date) { return $null }
    $d = [datetime]$Date
    # Task Scheduler reports a task that never ran as 1999-11-30; .NET's MinValue means "no value" too.
    if ($d.Year -lt 2000) { return $null }
    return $d.ToUniversalTime().ToString('o', [System.Globalization.CultureInfo]::InvariantCulture)
}
function Test-MsaBuiltinAccount {
    param([string]$Name)
    if ([string]::IsNullOrEmpty($Name)) { return $true }
    $n = $Name.ToLowerInvariant()
    if (@('localsystem', '.\\localsystem', 'system', 'nt authority\\system') -contains $n) { return $true }
    if ($n.StartsWith('nt authority\\') -or $n.StartsWith('nt service\\')) { return $true }
    return $false
}
$uses = New-Object System.Collections.ArrayList

foreach ($task in @(Get-ScheduledTask)) {
    if ([string]$task.TaskPath -like '\\Microsoft\\*') { continue }
    $principal = $task.Principal
    if ($null -eq $principal -or [string]::IsNullOrEmpty([string]$principal.UserId)) { continue }
    # One task that cannot be read (removed meanwhile, access denied) must not lose the host's answer: no run facts.
    $info = $null
    try { $info = Get-ScheduledTaskInfo -TaskPath $task.TaskPath -TaskName $task.TaskName } catch { $info = $null }
    $execute = $null; $arguments = $null; $workingDirectory = $null
    $action = @($task.Actions) | Where-Object { $null -ne $_.PSObject.Properties['Execute'] } | Select-Object -First 1
    if ($null -ne $action) {
        $execute = [string]$action.Execute; $arguments = [string]$action.Arguments; $workingDirectory = [string]$action.WorkingDirectory
    }
    # Password and InteractiveOrPassword keep a password with the task; S4U and Interactive do not (verdict.ts). The
    # name, as the LogonTypeEnum says it; should a host hand over TASK_LOGON_TYPE's number, the same name.
    $logonType = [string]$principal.LogonType
    $logonNames = @{ '0' = 'None'; '1' = 'Password'; '2' = 'S4U'; '3' = 'Interactive'; '4' = 'Group'; '5' = 'ServiceAccount'; '6' = 'InteractiveOrPassword' }
    if ($logonNames.ContainsKey($logonType)) { $logonType = $logonNames[$logonType] }
    $lastResult = $null; $lastRun = $null; $nextRun = $null
    if ($null -ne $info) {
        if ($null -ne $info.LastTaskResult) { $lastResult = [long]$info.LastTaskResult }
        $lastRun = ConvertTo-MsaIsoText $info.LastRunTime
        $nextRun = ConvertTo-MsaIsoText $info.NextRunTime
    }
    [void]$uses.Add([ordered]@{
        kind = 'task'; runsAs = [string]$principal.UserId; taskPath = [string]$task.TaskPath; taskName = [string]$task.TaskName
        logonType = $logonType; state = [string]$task.State
        lastRunTime = $lastRun; lastResult = $lastResult; nextRunTime = $nextRun
        execute = $execute; arguments = $arguments; workingDirectory = $workingDirectory
    })
}

foreach ($service in @(Get-CimInstance -ClassName Win32_Service)) {
    if (Test-MsaBuiltinAccount ([string]$service.StartName)) { continue }
    $exitCode = $null
    if ($null -ne $service.ExitCode) { $exitCode = [long]$service.ExitCode }
    [void]$uses.Add([ordered]@{
        kind = 'service'; runsAs = [string]$service.StartName; name = [string]$service.Name
        displayName = [string]$service.DisplayName; state = [string]$service.State; startMode = [string]$service.StartMode
        exitCode = $exitCode; pathName = [string]$service.PathName
    })
}

# IIS's pools, all or none: a pool list cut short would read as "no more pools". Any error here (the configuration
# unreadable, a site's entry broken, WAS not answering) loses only the pools: the host's tasks and services still
# come back, with a note saying the pools could not be read and why.
$note = $null
$poolUses = New-Object System.Collections.ArrayList
try {
    # Every pool element at once (-Name '.'): its name and its processModel's identityType and userName.
    $pools = @(Get-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter 'system.applicationHost/applicationPools/add' -Name '.')
    if ($pools.Count -gt 0) {
        $sites = @(Get-Website)
        foreach ($pool in $pools) {
            $name = [string]$pool.name
            $type = $pool.processModel.identityType
            if ($null -ne $type -and $type -isnot [string] -and $null -ne $type.PSObject.Properties['Value']) { $type = $type.Value }
            $type = [string]$type
            # Some IIS versions answer the schema's number: 0 LocalSystem, 1 LocalService, 2 NetworkService, 3 SpecificUser, 4 ApplicationPoolIdentity.
            $numbers = @{ '0' = 'LocalSystem'; '1' = 'LocalService'; '2' = 'NetworkService'; '3' = 'SpecificUser'; '4' = 'ApplicationPoolIdentity' }
            if ($numbers.ContainsKey($type)) { $type = $numbers[$type] }
            $runsAs = $type
            if ($type -eq 'SpecificUser') { $runsAs = [string]$pool.processModel.userName }
            $folders = @($sites | Where-Object { [string]$_.applicationPool -eq $name } | ForEach-Object { [string]$_.physicalPath })
            [void]$poolUses.Add([ordered]@{
                kind = 'app-pool'; runsAs = $runsAs; name = $name
                state = [string](Get-WebAppPoolState -Name $name).Value; contentFolders = $folders
            })
        }
    }
} catch [System.Management.Automation.CommandNotFoundException] {
    # No WebAdministration module: IIS (or its scripting tools) is not installed here, so there are no pools.
    $poolUses.Clear()
} catch {
    $poolUses.Clear()
    $note = 'IIS application pools could not be read (' + $_.Exception.Message + '); its tasks and services are listed. Run Get-WebConfigurationProperty -PSPath MACHINE/WEBROOT/APPHOST -Filter system.applicationHost/applicationPools/add -Name . there to see why.'
}
foreach ($p in $poolUses) { [void]$uses.Add($p) }
# An object, not a bare string: Invoke-Command names each output object's computer (PSComputerName) on it.
[pscustomobject]@{ uses = (ConvertTo-Json -InputObject @($uses) -Depth 4 -Compress); note = $note }`);
