# Triggers: New-ScheduledTaskTrigger, the trigger classes <-> the state's trigger record, and when the triggers
# fire next (NextRunTime of Get-ScheduledTaskInfo).

$script:TriggerClasses = @('MSFT_TaskTimeTrigger', 'MSFT_TaskDailyTrigger', 'MSFT_TaskWeeklyTrigger', 'MSFT_TaskBootTrigger', 'MSFT_TaskLogonTrigger')

function ConvertTo-StTriggerRecord {
    param($Trigger, [string]$Cmdlet)
    $class = Get-StCimClassName $Trigger
    if ($script:TriggerClasses -notcontains $class) {
        throw (New-StError -Cmdlet $Cmdlet -HResult '0x80070057' -Message 'The parameter is incorrect.' -Category 'InvalidArgument' -Target 'Trigger')
    }
    if ($Trigger -is [System.Collections.IDictionary]) { $record = @{}; foreach ($k in $Trigger.Keys) { $record[$k] = $Trigger[$k] } }
    else { $record = ConvertFrom-StCim -Object $Trigger -Class $class }
    $record['cimClass'] = $class
    return $record
}

function ConvertTo-StTriggerCim {
    param([hashtable]$Record)
    return ConvertTo-StCim -Record $Record -Class $Record.cimClass
}

function LabImpl-New-ScheduledTaskTrigger {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        Assert-StService -State (Get-LabState) -Cmdlet $name
        $record = @{ enabled = $true; endBoundary = $null; executionTimeLimit = $null; id = $null; startBoundary = $null
            repetition = @{ duration = $null; interval = $null; stopAtDurationEnd = $false } }
        if ($Bound.ContainsKey('At')) { $record.startBoundary = ConvertTo-StBoundary $Bound['At'] }
        $delay = $null
        if ($Bound.ContainsKey('RandomDelay')) { $delay = ConvertTo-StDuration $Bound['RandomDelay'] }
        switch ($Cmdlet.ParameterSetName) {
            'Once' {
                $record.cimClass = 'MSFT_TaskTimeTrigger'
                $record.randomDelay = $delay
                if ($Bound.ContainsKey('RepetitionInterval')) {
                    $record.repetition.interval = ConvertTo-StDuration $Bound['RepetitionInterval']
                    # Windows 10 / Server 2016 and later: no -RepetitionDuration means "indefinitely" (empty Duration).
                    $record.repetition.duration = ''
                }
                if ($Bound.ContainsKey('RepetitionDuration')) { $record.repetition.duration = ConvertTo-StDuration $Bound['RepetitionDuration'] }
            }
            'Daily' {
                $record.cimClass = 'MSFT_TaskDailyTrigger'
                $record.randomDelay = $delay
                $record.daysInterval = 1
                if ($Bound.ContainsKey('DaysInterval')) { $record.daysInterval = [int]$Bound['DaysInterval'] }
            }
            'Weekly' {
                $record.cimClass = 'MSFT_TaskWeeklyTrigger'
                $record.randomDelay = $delay
                $record.weeksInterval = 1
                if ($Bound.ContainsKey('WeeksInterval')) { $record.weeksInterval = [int]$Bound['WeeksInterval'] }
                $days = @([datetime]$Bound['At']).DayOfWeek
                if ($Bound.ContainsKey('DaysOfWeek') -and @($Bound['DaysOfWeek']).Count -gt 0) { $days = @($Bound['DaysOfWeek']) }
                $mask = 0
                foreach ($d in $days) { $mask = $mask -bor (1 -shl [int]$d) }
                $record.daysOfWeek = $mask
            }
            'Startup' {
                $record.cimClass = 'MSFT_TaskBootTrigger'
                $record.delay = $delay
            }
            'Logon' {
                $record.cimClass = 'MSFT_TaskLogonTrigger'
                $record.delay = $delay
                $record.userId = $null
                if (-not (Test-StBlank $Bound['User'])) { $record.userId = $Bound['User'] }
            }
        }
        ConvertTo-StTriggerCim $record
    }
}

function Get-StNextRunTime {
    <# The next time any enabled trigger fires after $Now (local times), or $null. #>
    param([hashtable]$Task, [datetime]$Now)
    if ($Task.state -eq 'Disabled') { return $null }
    $best = $null
    foreach ($t in $Task.triggers) {
        if ($t.enabled -eq $false) { continue }
        $start = ConvertFrom-StBoundary ([string]$t.startBoundary)
        if ($null -eq $start) { continue }
        $next = $null
        switch ($t.cimClass) {
            'MSFT_TaskTimeTrigger' {
                if ($start -gt $Now) { $next = $start }
                elseif ($null -ne $t.repetition -and -not [string]::IsNullOrEmpty([string]$t.repetition.interval)) {
                    $iv = ConvertFrom-StDuration ([string]$t.repetition.interval)
                    if ($null -ne $iv -and $iv.Ticks -gt 0) {
                        $steps = [math]::Floor(($Now - $start).Ticks / $iv.Ticks) + 1
                        $candidate = $start.AddTicks([long]($steps * $iv.Ticks))
                        $du = ConvertFrom-StDuration ([string]$t.repetition.duration)
                        if ($null -eq $du -or $candidate -le $start.Add($du)) { $next = $candidate }
                    }
                }
            }
            'MSFT_TaskDailyTrigger' {
                $every = [int]$t.daysInterval
                if ($every -lt 1) { $every = 1 }
                if ($start -gt $Now) { $next = $start }
                else {
                    $steps = [math]::Floor(($Now - $start).TotalDays / $every)
                    $candidate = $start.AddDays($steps * $every)
                    while ($candidate -le $Now) { $candidate = $candidate.AddDays($every) }
                    $next = $candidate
                }
            }
            'MSFT_TaskWeeklyTrigger' {
                $weeks = [int]$t.weeksInterval
                if ($weeks -lt 1) { $weeks = 1 }
                $mask = [int]$t.daysOfWeek
                $weekZero = $start.Date.AddDays(-[int]$start.DayOfWeek)
                $day = $start.Date
                if ($Now.Date -gt $day) { $day = $Now.Date }
                for ($i = 0; $i -le (7 * $weeks + 7); $i++) {
                    $candidate = $day.AddDays($i).Add($start.TimeOfDay)
                    if ($candidate -lt $start -or $candidate -le $Now) { continue }
                    if (($mask -band (1 -shl [int]$candidate.DayOfWeek)) -eq 0) { continue }
                    $week = [math]::Floor(($candidate.Date - $weekZero).TotalDays / 7)
                    if (($week % $weeks) -ne 0) { continue }
                    $next = $candidate
                    break
                }
            }
            default { $next = $null }
        }
        if ($null -eq $next) { continue }
        $end = ConvertFrom-StBoundary ([string]$t.endBoundary)
        if ($null -ne $end -and $next -gt $end) { continue }
        if ($null -eq $best -or $next -lt $best) { $best = $next }
    }
    return $best
}
