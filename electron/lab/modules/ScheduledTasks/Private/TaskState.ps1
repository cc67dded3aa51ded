# Task records in the lab state (state.hosts[<computer>].tasks): finding one, changing one under the state lock,
# its history, and its MSFT_ScheduledTask form.

$script:HistoryLimit = 200

function Get-StHost {
    param([hashtable]$State)
    $ctx = Get-LabContext
    return Get-LabHost -State $State -Name $ctx.Computer
}

function Get-StCurrentUserName {
    param([hashtable]$State)
    $ctx = Get-LabContext
    return $State.domain.netBIOSName + '\' + $ctx.User
}

function ConvertTo-StTaskPath {
    <# TaskPath always starts and ends with '\' ('\' is the root folder). #>
    param([string]$Path)
    if ([string]::IsNullOrEmpty($Path)) { return '\' }
    $p = $Path.Replace('/', '\')
    if (-not $p.StartsWith('\')) { $p = '\' + $p }
    if (-not $p.EndsWith('\')) { $p = $p + '\' }
    return $p
}

function Get-StUri {
    param([hashtable]$Task)
    return $Task.taskPath + $Task.taskName
}

function Find-StTask {
    <# The task of this name and path on the host: a recorded one, else a built-in one, whose record is then put
       into $HostState.tasks so a change made to it is saved (Private/Builtin.ps1). #>
    param([hashtable]$HostState, [string]$Name, [string]$Path)
    foreach ($t in $HostState.tasks) {
        if ($t.taskName -eq $Name -and $t.taskPath -eq $Path) { return $t }
    }
    foreach ($t in (Get-StBuiltinTasks -HostState $HostState)) {
        if ($t.taskName -eq $Name -and $t.taskPath -eq $Path) { return (Add-StBuiltinRecord -HostState $HostState -Record $t) }
    }
    return $null
}

function Get-StTaskKey {
    <# The task a method-style cmdlet (Start, Stop, Enable, ...) works on: -TaskName/-TaskPath or -InputObject. #>
    param([hashtable]$Bound)
    if ($Bound.ContainsKey('InputObject') -and $null -ne $Bound['InputObject']) {
        $o = @($Bound['InputObject'])[0]
        return @{ Name = [string](Get-StValue $o 'TaskName'); Path = (ConvertTo-StTaskPath ([string](Get-StValue $o 'TaskPath'))) }
    }
    return @{ Name = [string]$Bound['TaskName']; Path = (ConvertTo-StTaskPath ([string]$Bound['TaskPath'])) }
}

function Get-StExistingTask {
    <# The task, or ERROR_FILE_NOT_FOUND as the real method calls report a missing task. #>
    param([hashtable]$HostState, [hashtable]$Key, [string]$Cmdlet)
    $task = $null
    if ($Key.Name) { $task = Find-StTask -HostState $HostState -Name $Key.Name -Path $Key.Path }
    if ($null -eq $task) {
        throw (New-StError -Cmdlet $Cmdlet -HResult '0x80070002' -Message 'The system cannot find the file specified.' -Category 'ObjectNotFound' -Target ($Key.Path + $Key.Name))
    }
    return $task
}

function Update-StTask {
    <# Checks and changes one existing task in a single locked read-modify-write: the service runs, the task
       exists, the session is elevated, then $Change runs. Nothing is written when a check or $Change throws.
       Returns the task record after the change. #>
    param([string]$Cmdlet, [hashtable]$Key, [scriptblock]$Change)
    $ctx = Get-LabContext
    return Update-LabState -Script {
        param($s)
        Assert-StService -State $s -Cmdlet $Cmdlet
        $now = Get-LabNow -State $s
        $h = $s.hosts[$ctx.Computer]
        $t = Get-StExistingTask -HostState $h -Key $Key -Cmdlet $Cmdlet
        Assert-StElevated -Cmdlet $Cmdlet -Target (Get-StUri $t)
        & $Change $s $h $t $now
        return $t
    }
}

function Add-StHistory {
    <# Task Scheduler's operational log for the task (only while task history is enabled on the host). #>
    param([hashtable]$HostState, [hashtable]$Task, [int]$EventId, [string]$Message, [datetime]$Now)
    if (-not $HostState.taskHistoryEnabled) { return }
    if ($null -eq $Task.history) { $Task.history = New-Object System.Collections.ArrayList }
    if ($Task.history -isnot [System.Collections.ArrayList]) { $Task.history = New-Object System.Collections.ArrayList (, @($Task.history)) }
    [void]$Task.history.Add(@{ time = (ConvertTo-LabDateText $Now); eventId = $EventId; message = $Message })
    while ($Task.history.Count -gt $script:HistoryLimit) { $Task.history.RemoveAt(0) }
}

function ConvertTo-StTaskCim {
    param([hashtable]$Task)
    $actions = New-Object System.Collections.ArrayList
    foreach ($a in $Task.actions) { [void]$actions.Add((ConvertTo-StActionCim $a)) }
    $triggers = New-Object System.Collections.ArrayList
    foreach ($t in $Task.triggers) { [void]$triggers.Add((ConvertTo-StTriggerCim $t)) }
    $triggerValue = $null
    if ($triggers.Count -gt 0) { $triggerValue = [object[]]$triggers.ToArray() }
    $uri = $null
    if ($Task.taskName) { $uri = Get-StUri $Task }
    return New-StCim -Class 'MSFT_ScheduledTask' -Values @{
        Actions = [object[]]$actions.ToArray(); Author = $null; Date = $null; Description = $Task.description; Documentation = $null
        Principal = (ConvertTo-StPrincipalCim $Task.principal); SecurityDescriptor = $null
        Settings = (ConvertTo-StCim -Record $Task.settings -Class 'MSFT_TaskSettings3'); Source = $null; State = $Task.state
        TaskName = $Task.taskName; TaskPath = $Task.taskPath; Triggers = $triggerValue; URI = $uri; Version = $null
    }
}
