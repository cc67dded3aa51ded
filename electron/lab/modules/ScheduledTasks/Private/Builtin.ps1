# The tasks Windows registers itself (\Microsoft\Windows\...), from BuiltinTasks.psd1. Every host lists the ones
# for its kind (server or client) without the state holding them: hosts.<computer>.tasks keeps the tasks registered
# since (and any built-in task once something changed it: that record then stands for it), and
# hosts.<computer>.removedTasks the URIs of built-in tasks unregistered on that host.

$script:BuiltinData = Import-PowerShellDataFile -Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'BuiltinTasks.psd1')


function Test-StBuiltinFile {
    <# The programs the built-in tasks run ship with Windows: every host has them. #>
    param([string]$Path)
    foreach ($e in $script:BuiltinData.Tasks) { if ((Expand-StPath ([string]$e.Execute)) -eq $Path) { return $true } }
    return $false
}

function Test-StBuiltinApplies {
    param([hashtable]$Entry, [hashtable]$HostState)
    switch ($Entry.Hosts) {
        'Server' { return ($HostState.productType -ne 'Client') }
        'Client' { return ($HostState.productType -eq 'Client') }
        default { return $true }
    }
}

function New-StBuiltinRecord {
    <# A built-in task as a task record (the same shape as a registered task's). #>
    param([hashtable]$Entry)
    $triggers = New-Object System.Collections.ArrayList
    $noRepetition = @{ duration = $null; interval = $null; stopAtDurationEnd = $false }
    if ($Entry.Daily) {
        [void]$triggers.Add(@{ cimClass = 'MSFT_TaskDailyTrigger'; enabled = $true; endBoundary = $null; executionTimeLimit = $null; id = $null
                startBoundary = $Entry.Daily; daysInterval = 1; randomDelay = $null; repetition = $noRepetition.Clone() })
    }
    if ($Entry.Weekly) {
        [void]$triggers.Add(@{ cimClass = 'MSFT_TaskWeeklyTrigger'; enabled = $true; endBoundary = $null; executionTimeLimit = $null; id = $null
                startBoundary = $Entry.Weekly; daysOfWeek = 1; weeksInterval = 1; randomDelay = $null; repetition = $noRepetition.Clone() })
    }
    if ($Entry.Logon) {
        [void]$triggers.Add(@{ cimClass = 'MSFT_TaskLogonTrigger'; enabled = $true; endBoundary = $null; executionTimeLimit = $null; id = $null
                startBoundary = $null; delay = $null; userId = $null; repetition = $noRepetition.Clone() })
    }
    $settings = New-StDefaultSettings
    $state = 'Ready'
    if ($Entry.Disabled) { $state = 'Disabled'; $settings.enabled = $false }
    return @{
        taskName = $Entry.Name; taskPath = $Entry.Path; description = $Entry.Description; state = $state
        actions = (New-Object System.Collections.ArrayList (, @(@{ execute = $Entry.Execute; arguments = $Entry.Arguments; workingDirectory = $null })))
        triggers = $triggers
        principal = @{ userId = $Entry.UserId; logonType = $Entry.LogonType; runLevel = $Entry.RunLevel; groupId = $Entry.GroupId }
        settings = $settings; registered = $script:BuiltinData.Registered
        lastRunTime = $null; lastTaskResult = $script:ResultNotYetRun; numberOfMissedRuns = 0
        history = (New-Object System.Collections.ArrayList)
    }
}

function Test-StBuiltinRemoved {
    param([hashtable]$HostState, [string]$Uri)
    foreach ($u in (Get-StItems $HostState.removedTasks)) { if ([string]$u -eq $Uri) { return $true } }
    return $false
}

function Test-StBuiltinTask {
    <# Whether Windows registered a task of this path and name on this host (whatever has happened to it since). #>
    param([hashtable]$HostState, [string]$Name, [string]$Path)
    foreach ($e in $script:BuiltinData.Tasks) {
        if ($e.Name -eq $Name -and $e.Path -eq $Path -and (Test-StBuiltinApplies -Entry $e -HostState $HostState)) { return $true }
    }
    return $false
}

function Get-StBuiltinTasks {
    <# The built-in tasks this host lists that its state does not record (not changed, not unregistered). #>
    param([hashtable]$HostState)
    $list = New-Object System.Collections.ArrayList
    foreach ($e in $script:BuiltinData.Tasks) {
        if (-not (Test-StBuiltinApplies -Entry $e -HostState $HostState)) { continue }
        if (Test-StBuiltinRemoved -HostState $HostState -Uri ($e.Path + $e.Name)) { continue }
        $recorded = $false
        foreach ($t in (Get-StItems $HostState.tasks)) { if ($t.taskName -eq $e.Name -and $t.taskPath -eq $e.Path) { $recorded = $true; break } }
        if (-not $recorded) { [void]$list.Add((New-StBuiltinRecord -Entry $e)) }
    }
    return , $list
}

function Get-StAllTasks {
    <# Every task the host lists: those its state records, then the built-in ones it does not. #>
    param([hashtable]$HostState)
    $list = New-Object System.Collections.ArrayList
    foreach ($t in (Get-StItems $HostState.tasks)) { [void]$list.Add($t) }
    foreach ($t in (Get-StBuiltinTasks -HostState $HostState)) { [void]$list.Add($t) }
    return , $list
}

function Add-StBuiltinRecord {
    <# Puts a built-in task's record into the host's state (before a change to it), and returns it. #>
    param([hashtable]$HostState, [hashtable]$Record)
    if ($HostState.tasks -isnot [System.Collections.ArrayList]) { $HostState.tasks = New-Object System.Collections.ArrayList (, @(Get-StItems $HostState.tasks)) }
    [void]$HostState.tasks.Add($Record)
    return $Record
}

function Add-StRemovedBuiltin {
    <# Records that a built-in task was unregistered on this host (so it is no longer listed). #>
    param([hashtable]$HostState, [string]$Name, [string]$Path)
    if (-not (Test-StBuiltinTask -HostState $HostState -Name $Name -Path $Path)) { return }
    if (Test-StBuiltinRemoved -HostState $HostState -Uri ($Path + $Name)) { return }
    $removed = New-Object System.Collections.ArrayList
    foreach ($u in (Get-StItems $HostState.removedTasks)) { [void]$removed.Add($u) }
    [void]$removed.Add($Path + $Name)
    $HostState.removedTasks = $removed
}
