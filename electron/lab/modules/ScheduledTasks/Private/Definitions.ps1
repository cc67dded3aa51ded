# Task definitions (actions, triggers, principal, settings, description): read from task XML or an MSFT_ScheduledTask
# object, checked as Task Scheduler checks them at registration, and written into a task record.

function ConvertTo-StLogonTypeName {
    <# Task XML LogonType values -> LogonTypeEnum names. #>
    param([string]$Text)
    switch ($Text) {
        'InteractiveToken' { return 'Interactive' }
        'InteractiveTokenOrPassword' { return 'InteractiveOrPassword' }
        'Password' { return 'Password' }
        'S4U' { return 'S4U' }
        'Group' { return 'Group' }
        'ServiceAccount' { return 'ServiceAccount' }
        'None' { return 'None' }
        default { return 'None' }
    }
}

function ConvertFrom-StTaskXml {
    <# The parts of a task XML document the lab models: actions (Exec), triggers, principal, settings, description. #>
    param([string]$Xml, [string]$Cmdlet)
    $doc = New-Object System.Xml.XmlDocument
    try { $doc.LoadXml($Xml) } catch {
        throw (New-StError -Cmdlet $Cmdlet -HResult '0x8004131a' -Message 'The task XML is malformed.' -Category 'InvalidArgument' -Target 'Xml')
    }
    $text = {
        param($Node, [string]$Child)
        if ($null -eq $Node) { return $null }
        $c = $Node.SelectSingleNode("*[local-name()='$Child']")
        if ($null -eq $c) { return $null }
        return $c.InnerText.Trim()
    }
    $root = $doc.DocumentElement
    $definition = @{ description = $null; actions = (New-Object System.Collections.ArrayList); triggers = (New-Object System.Collections.ArrayList); principal = $null; settings = (New-StDefaultSettings) }
    $definition.description = & $text ($root.SelectSingleNode("*[local-name()='RegistrationInfo']")) 'Description'
    foreach ($exec in $root.SelectNodes("*[local-name()='Actions']/*[local-name()='Exec']")) {
        [void]$definition.actions.Add(@{ execute = (& $text $exec 'Command'); arguments = (& $text $exec 'Arguments'); workingDirectory = (& $text $exec 'WorkingDirectory') })
    }
    foreach ($node in $root.SelectNodes("*[local-name()='Triggers']/*")) {
        $t = @{ enabled = $true; endBoundary = (& $text $node 'EndBoundary'); executionTimeLimit = (& $text $node 'ExecutionTimeLimit'); id = $null
            startBoundary = (& $text $node 'StartBoundary'); repetition = @{ duration = $null; interval = $null; stopAtDurationEnd = $false } }
        if ((& $text $node 'Enabled') -eq 'false') { $t.enabled = $false }
        $rep = $node.SelectSingleNode("*[local-name()='Repetition']")
        if ($null -ne $rep) {
            $t.repetition.interval = & $text $rep 'Interval'
            $t.repetition.duration = & $text $rep 'Duration'
            if ($null -eq $t.repetition.duration) { $t.repetition.duration = '' }
            $t.repetition.stopAtDurationEnd = ((& $text $rep 'StopAtDurationEnd') -eq 'true')
        }
        switch ($node.LocalName) {
            'TimeTrigger' { $t.cimClass = 'MSFT_TaskTimeTrigger'; $t.randomDelay = & $text $node 'RandomDelay' }
            'BootTrigger' { $t.cimClass = 'MSFT_TaskBootTrigger'; $t.delay = & $text $node 'Delay' }
            'LogonTrigger' { $t.cimClass = 'MSFT_TaskLogonTrigger'; $t.delay = & $text $node 'Delay'; $t.userId = & $text $node 'UserId' }
            'CalendarTrigger' {
                $t.randomDelay = & $text $node 'RandomDelay'
                $byDay = $node.SelectSingleNode("*[local-name()='ScheduleByDay']")
                $byWeek = $node.SelectSingleNode("*[local-name()='ScheduleByWeek']")
                if ($null -ne $byWeek) {
                    $t.cimClass = 'MSFT_TaskWeeklyTrigger'
                    $weeks = & $text $byWeek 'WeeksInterval'
                    if ($weeks) { $t.weeksInterval = [int]$weeks } else { $t.weeksInterval = 1 }
                    $mask = 0
                    foreach ($d in $byWeek.SelectNodes("*[local-name()='DaysOfWeek']/*")) {
                        $day = [System.DayOfWeek]$d.LocalName
                        $mask = $mask -bor (1 -shl [int]$day)
                    }
                    $t.daysOfWeek = $mask
                } else {
                    $t.cimClass = 'MSFT_TaskDailyTrigger'
                    $days = $null
                    if ($null -ne $byDay) { $days = & $text $byDay 'DaysInterval' }
                    if ($days) { $t.daysInterval = [int]$days } else { $t.daysInterval = 1 }
                }
            }
            default { $t = $null }
        }
        if ($null -ne $t) { [void]$definition.triggers.Add($t) }
    }
    $p = $root.SelectSingleNode("*[local-name()='Principals']/*[local-name()='Principal']")
    $principal = @{ userId = $null; logonType = 'None'; runLevel = 'Limited'; groupId = $null }
    if ($null -ne $p) {
        $principal.userId = & $text $p 'UserId'
        $principal.groupId = & $text $p 'GroupId'
        $logon = & $text $p 'LogonType'
        if ($logon) { $principal.logonType = ConvertTo-StLogonTypeName $logon }
        if ((& $text $p 'RunLevel') -eq 'HighestAvailable') { $principal.runLevel = 'Highest' }
    }
    $definition.principal = $principal
    $s = $root.SelectSingleNode("*[local-name()='Settings']")
    if ($null -ne $s) {
        $map = @{
            Enabled = 'enabled'; Hidden = 'hidden'; AllowStartOnDemand = 'allowDemandStart'; AllowHardTerminate = 'allowHardTerminate'
            DisallowStartIfOnBatteries = 'disallowStartIfOnBatteries'; StopIfGoingOnBatteries = 'stopIfGoingOnBatteries'
            RunOnlyIfNetworkAvailable = 'runOnlyIfNetworkAvailable'; RunOnlyIfIdle = 'runOnlyIfIdle'; StartWhenAvailable = 'startWhenAvailable'
            WakeToRun = 'wakeToRun'
        }
        foreach ($k in $map.Keys) {
            $v = & $text $s $k
            if ($v) { $definition.settings[$map[$k]] = ($v -eq 'true') }
        }
        $limit = & $text $s 'ExecutionTimeLimit'
        if ($limit) { $definition.settings.executionTimeLimit = $limit }
        $policy = & $text $s 'MultipleInstancesPolicy'
        if ($policy) { $definition.settings.multipleInstances = $policy }
        $priority = & $text $s 'Priority'
        if ($priority) { $definition.settings.priority = [int]$priority }
    }
    return $definition
}

function New-StDefinitionFromObject {
    <# The definition inside an MSFT_ScheduledTask object (New-ScheduledTask / Get-ScheduledTask output). #>
    param($Task, [string]$Cmdlet)
    $definition = @{ description = $null; actions = (New-Object System.Collections.ArrayList); triggers = (New-Object System.Collections.ArrayList); principal = $null; settings = $null }
    $description = Get-StValue $Task 'Description'
    if (-not (Test-StBlank $description)) { $definition.description = [string]$description }
    foreach ($a in (Get-StItems (Get-StValue $Task 'Actions'))) { [void]$definition.actions.Add((ConvertTo-StActionRecord $a $Cmdlet)) }
    foreach ($t in (Get-StItems (Get-StValue $Task 'Triggers'))) { [void]$definition.triggers.Add((ConvertTo-StTriggerRecord $t $Cmdlet)) }
    $principal = Get-StValue $Task 'Principal'
    if ($null -ne $principal) { $definition.principal = ConvertTo-StPrincipalRecord $principal }
    else { $definition.principal = @{ userId = $null; logonType = 'None'; runLevel = 'Limited'; groupId = $null } }
    $definition.settings = ConvertTo-StSettingsRecord (Get-StValue $Task 'Settings')
    return $definition
}

function Test-StDefinition {
    <# What Task Scheduler itself refuses when a definition is registered. #>
    param([hashtable]$Definition, [string]$Cmdlet, [string]$Target)
    if ($Definition.actions.Count -eq 0) {
        throw (New-StError -Cmdlet $Cmdlet -HResult '0x80041319' -Message "The task XML is missing a required element or attribute.`r`nActions:" -Target $Target)
    }
    $outOfRange = {
        param([string]$What, $Value)
        throw (New-StError -Cmdlet $Cmdlet -HResult '0x80041318' -Category 'InvalidArgument' -Target $Target `
                -Message ("The task XML contains a value which is incorrectly formatted or out of range.`r`n" + $What + ':' + $Value))
    }
    foreach ($t in $Definition.triggers) {
        $rep = $t.repetition
        if ($null -ne $rep) {
            $interval = [string]$rep.interval
            $duration = [string]$rep.duration
            if (-not [string]::IsNullOrEmpty($duration) -and [string]::IsNullOrEmpty($interval)) {
                throw (New-StError -Cmdlet $Cmdlet -HResult '0x80041319' -Message "The task XML is missing a required element or attribute.`r`nInterval:" -Target $Target)
            }
            if (-not [string]::IsNullOrEmpty($interval)) {
                $iv = ConvertFrom-StDuration $interval
                if ($null -eq $iv -or $iv -lt [timespan]::FromMinutes(1) -or $iv -gt [timespan]::FromDays(31)) { & $outOfRange 'Interval' $interval }
                if (-not [string]::IsNullOrEmpty($duration)) {
                    $du = ConvertFrom-StDuration $duration
                    if ($null -eq $du -or $du.TotalDays -ge 99999999 -or $du -lt $iv) { & $outOfRange 'Duration' $duration }
                }
            }
        }
        if ($t.cimClass -eq 'MSFT_TaskDailyTrigger' -and ([int]$t.daysInterval -lt 1 -or [int]$t.daysInterval -gt 365)) { & $outOfRange 'DaysInterval' $t.daysInterval }
        if ($t.cimClass -eq 'MSFT_TaskWeeklyTrigger') {
            if ([int]$t.weeksInterval -lt 1 -or [int]$t.weeksInterval -gt 52) { & $outOfRange 'WeeksInterval' $t.weeksInterval }
            if ([int]$t.daysOfWeek -le 0 -or [int]$t.daysOfWeek -gt 127) { & $outOfRange 'DaysOfWeek' $t.daysOfWeek }
        }
        if ($t.cimClass -ne 'MSFT_TaskBootTrigger' -and $t.cimClass -ne 'MSFT_TaskLogonTrigger' -and $null -eq (ConvertFrom-StBoundary ([string]$t.startBoundary))) {
            & $outOfRange 'StartBoundary' $t.startBoundary
        }
    }
    $priority = $Definition.settings.priority
    if ($null -ne $priority -and ([int]$priority -lt 0 -or [int]$priority -gt 10)) { & $outOfRange 'Priority' $priority }
}

function Set-StTaskDefinition {
    <# Writes a definition into a task record; Settings.Enabled decides Disabled vs Ready (a running task keeps running). #>
    param([hashtable]$Task, [hashtable]$Definition)
    $Task.description = $Definition.description
    $Task.actions = $Definition.actions
    $Task.triggers = $Definition.triggers
    $Task.principal = $Definition.principal
    $Task.settings = $Definition.settings
    if ($Definition.settings.enabled -eq $false) { $Task.state = 'Disabled' }
    elseif ($Task.state -ne 'Running') { $Task.state = 'Ready' }
}
