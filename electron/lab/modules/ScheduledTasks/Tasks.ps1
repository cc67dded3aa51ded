# Task objects: New-ScheduledTask (an unregistered task from its parts) and Get-ScheduledTask, with the
# cmdletization query behind it (Select-StTasks, also used by Unregister-ScheduledTask).

function LabImpl-New-ScheduledTask {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        Assert-StService -State (Get-LabState) -Cmdlet $name
        $task = @{ taskName = $null; taskPath = $null; description = $null; state = $null
            actions = (New-Object System.Collections.ArrayList); triggers = (New-Object System.Collections.ArrayList)
            principal = @{ userId = $null; logonType = 'None'; runLevel = 'Limited'; groupId = $null }; settings = (New-StDefaultSettings) }
        foreach ($a in (Get-StItems $Bound['Action'])) { [void]$task.actions.Add((ConvertTo-StActionRecord $a $name)) }
        foreach ($t in (Get-StItems $Bound['Trigger'])) { [void]$task.triggers.Add((ConvertTo-StTriggerRecord $t $name)) }
        if ($null -ne $Bound['Principal']) { $task.principal = ConvertTo-StPrincipalRecord $Bound['Principal'] }
        if ($null -ne $Bound['Settings']) { $task.settings = ConvertTo-StSettingsRecord $Bound['Settings'] }
        if (-not (Test-StBlank $Bound['Description'])) { $task.description = $Bound['Description'] }
        ConvertTo-StTaskCim $task
    }
}

function Select-StTasks {
    <# The cmdletization query behind Get-/Unregister-ScheduledTask: wildcards allowed; each plain value that
       matched nothing is reported (TaskName first, then TaskPath). Returns @{ Tasks; Missing }. #>
    param([hashtable]$HostState, [hashtable]$Bound)
    $names = @()
    $paths = @()
    if ($Bound.ContainsKey('TaskName') -and $null -ne $Bound['TaskName']) { $names = @($Bound['TaskName']) }
    if ($Bound.ContainsKey('TaskPath') -and $null -ne $Bound['TaskPath']) { $paths = @($Bound['TaskPath']) }
    $tasks = New-Object System.Collections.ArrayList
    foreach ($t in (Get-StAllTasks -HostState $HostState)) {
        $nameOk = ($names.Count -eq 0)
        foreach ($n in $names) { if ($t.taskName -like $n) { $nameOk = $true } }
        $pathOk = ($paths.Count -eq 0)
        foreach ($p in $paths) { if ($t.taskPath -like $p) { $pathOk = $true } }
        if ($nameOk -and $pathOk) { [void]$tasks.Add($t) }
    }
    $sorted = New-Object System.Collections.ArrayList
    foreach ($t in ($tasks | Sort-Object -Property @{ Expression = { $_.taskPath } }, @{ Expression = { $_.taskName } })) { [void]$sorted.Add($t) }
    $missing = New-Object System.Collections.ArrayList
    foreach ($n in $names) {
        if ([System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($n)) { continue }
        $hit = $false
        foreach ($t in $sorted) { if ($t.taskName -eq $n) { $hit = $true } }
        if (-not $hit) { [void]$missing.Add(@{ Property = 'TaskName'; Value = $n }) }
    }
    foreach ($p in $paths) {
        if ([System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($p)) { continue }
        $hit = $false
        foreach ($t in $sorted) { if ($t.taskPath -eq $p) { $hit = $true } }
        if (-not $hit) { [void]$missing.Add(@{ Property = 'TaskPath'; Value = $p }) }
    }
    return @{ Tasks = $sorted; Missing = $missing }
}

function LabImpl-Get-ScheduledTask {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        $state = Get-LabState
        Assert-StService -State $state -Cmdlet $name
        $found = Select-StTasks -HostState (Get-StHost -State $state) -Bound $Bound
        foreach ($t in $found.Tasks) { ConvertTo-StTaskCim $t }
        foreach ($m in $found.Missing) {
            Write-StError -Cmdlet $Cmdlet -Record (New-StNotFoundError -Cmdlet $name -Property $m.Property -Value $m.Value)
        }
    }
}
