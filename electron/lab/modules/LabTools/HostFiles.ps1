# LabTools, the lab computer's files and event logs: stand-ins for Test-Path (on the simulated disks, HostPaths.ps1)
# and for Get-WinEvent and wevtutil (the Microsoft-Windows-TaskScheduler/Operational log; Get-WinEvent also reads
# the System log's Service Control Manager events), with the real names and parameters. Get-Acl and Set-Acl are
# LabSecurity's. Dot-sourced by LabTools.psm1. Windows PowerShell 5.1 syntax only.
#
# History: each task's history list (kept only while hosts.<computer>.taskHistoryEnabled); a deleted task's events
# go with it. Errors are thrown (terminating) with the real FullyQualifiedErrorId; the real cmdlets write them as
# non-terminating errors, which stop the same way under -ErrorAction Stop.

$script:TaskLogName = 'Microsoft-Windows-TaskScheduler/Operational'

function Test-Path {
    <# Test-Path on the lab computer's disks (see the top of this file); anything else: the real cmdlet. #>
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [AllowEmptyCollection()][AllowEmptyString()][AllowNull()][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('PSPath', 'LP')][AllowEmptyCollection()][AllowEmptyString()][AllowNull()][string[]]$LiteralPath,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [Alias('Type')][Microsoft.PowerShell.Commands.TestPathType]$PathType = 'Any',
        [switch]$IsValid,
        [Parameter(ValueFromPipelineByPropertyName = $true)][System.Management.Automation.Credential()][pscredential]$Credential,
        [datetime]$OlderThan,
        [datetime]$NewerThan
    )
    process {
        $literal = ($PSCmdlet.ParameterSetName -eq 'LiteralPath')
        $paths = @($Path)
        if ($literal) { $paths = @($LiteralPath) }
        $caller = $MyInvocation.ScriptName
        $simple = -not ($PSBoundParameters.ContainsKey('Filter') -or $PSBoundParameters.ContainsKey('Include') -or
            $PSBoundParameters.ContainsKey('Exclude') -or $PSBoundParameters.ContainsKey('Credential') -or
            $PSBoundParameters.ContainsKey('OlderThan') -or $PSBoundParameters.ContainsKey('NewerThan'))
        $onHost = $simple -and $paths.Count -gt 0
        foreach ($p in $paths) { if (-not (Test-LabToolsHostPath -Path ([string]$p) -CallerFile $caller)) { $onHost = $false } }
        if (-not $onHost) {
            Microsoft.PowerShell.Management\Test-Path @PSBoundParameters
            return
        }
        $files = Get-LabToolsHostFiles
        foreach ($p in $paths) {
            $text = [string]$p
            if ($IsValid) { $text -notmatch '[<>"|]' ; continue }
            $kind = Get-LabToolsPathKind -Path $text -Files $files -Wildcard ((-not $literal) -and [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($text))
            switch ([string]$PathType) {
                'Leaf' { $kind -eq 'Leaf' }
                'Container' { $kind -eq 'Container' }
                default { $null -ne $kind }
            }
        }
    }
}

# ---------------------------------------------------------------------------------------------- Task Scheduler history

function Get-LabToolsTaskEvents {
    <# The events of the logs the lab keeps on the current lab computer (newest first): the Task Scheduler's
       Operational log (every task's history) and the System log (hosts.<computer>.systemEvents: the Service Control
       Manager's, LabServices/Private/Scm.ps1). Record ids count per log. #>
    $state = Get-LabState
    $ctx = Get-LabContext
    $hostState = Get-LabHost -State $state -Name $ctx.Computer
    $machine = $ctx.Computer + '.' + $state.domain.dnsRoot
    $rows = New-Object System.Collections.ArrayList
    foreach ($task in $hostState.tasks) {
        $uri = [string]$task.taskPath + [string]$task.taskName
        foreach ($h in $task.history) {
            $id = [int]$h.eventId
            $level = 'Information'
            if (@(101, 103, 203) -contains $id) { $level = 'Error' }
            [void]$rows.Add(@{ Log = $script:TaskLogName; Provider = 'Microsoft-Windows-TaskScheduler'; Id = $id; Level = $level; Message = [string]$h.message
                    Property = $uri; Time = (ConvertFrom-LabDateText ([string]$h.time)); Seq = $rows.Count })
        }
    }
    if ($hostState.ContainsKey('systemEvents')) {
        foreach ($e in $hostState.systemEvents) {
            [void]$rows.Add(@{ Log = 'System'; Provider = [string]$e.providerName; Id = [int]$e.eventId; Level = [string]$e.level; Message = [string]$e.message
                    Property = $null; Time = (ConvertFrom-LabDateText ([string]$e.time)); Seq = $rows.Count })
        }
    }
    $levels = @{ Error = 2; Warning = 3; Information = 4 }
    $numbers = @{}
    # Oldest first (by time, then in the order recorded), numbered; returned newest first like the real cmdlet.
    $events = foreach ($row in @($rows | Sort-Object -Property @{ Expression = { $_.Time } }, @{ Expression = { $_.Seq } })) {
        $numbers[$row.Log] = 1 + [int]$numbers[$row.Log]
        $properties = @()
        if ($null -ne $row.Property) {
            $property = [pscustomobject]@{ Value = $row.Property }
            $property.PSObject.TypeNames.Insert(0, 'System.Diagnostics.Eventing.Reader.EventProperty')
            $properties = @($property)
        }
        $e = [pscustomobject][ordered]@{
            Id = $row.Id; Version = 0; Level = $levels[$row.Level]; LevelDisplayName = $row.Level; RecordId = [long]$numbers[$row.Log]
            ProviderName = $row.Provider; LogName = $row.Log; MachineName = $machine
            TimeCreated = $row.Time.ToLocalTime(); Message = $row.Message; Properties = $properties
        }
        $e.PSObject.TypeNames.Insert(0, 'System.Diagnostics.Eventing.Reader.EventLogRecord')
        $e
    }
    $list = @($events)
    [array]::Reverse($list)
    return , $list
}

function New-LabToolsEventError {
    param([string]$Id, [string]$Message, $Target)
    return New-LabError -ExceptionType 'System.Exception' -Message $Message -ErrorId ($Id + ',Microsoft.PowerShell.Commands.GetWinEventCommand') -Category 'ObjectNotFound' -Target $Target
}

function Get-WinEvent {
    <# Get-WinEvent for the Task Scheduler's Operational log and the System log (the Service Control Manager's
       events): -ListLog (the Operational log's IsEnabled = task history on), -LogName and -FilterHashtable (LogName,
       Id, StartTime, EndTime, ProviderName), -MaxEvents, -Oldest. Other logs: none. #>
    [CmdletBinding(DefaultParameterSetName = 'GetLogSet')]
    param(
        [Parameter(ParameterSetName = 'ListLogSet', Mandatory = $true, Position = 0)][AllowEmptyCollection()][string[]]$ListLog,
        [Parameter(ParameterSetName = 'GetLogSet', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$LogName = @('*'),
        [Parameter(ParameterSetName = 'HashQuerySet', Mandatory = $true, Position = 0)][hashtable[]]$FilterHashtable,
        [Parameter(ParameterSetName = 'GetLogSet', ValueFromPipelineByPropertyName = $true)]
        [Parameter(ParameterSetName = 'HashQuerySet')][long]$MaxEvents = -1,
        [Parameter(ParameterSetName = 'GetLogSet')][Parameter(ParameterSetName = 'HashQuerySet')][switch]$Oldest,
        [Parameter(ParameterSetName = 'GetLogSet')][Parameter(ParameterSetName = 'ListLogSet')][Parameter(ParameterSetName = 'HashQuerySet')][switch]$Force
    )
    if ($PSCmdlet.ParameterSetName -eq 'ListLogSet') {
        $state = Get-LabState
        $hostState = Get-LabHost -State $state -Name (Get-LabContext).Computer
        foreach ($name in $ListLog) {
            if ('System' -like $name) {
                $count = 0
                if ($hostState.ContainsKey('systemEvents')) { $count = @($hostState.systemEvents).Count }
                $log = [pscustomobject][ordered]@{
                    LogName = 'System'; LogType = 'Administrative'; LogMode = 'Circular'; IsEnabled = $true
                    MaximumSizeInBytes = [long]20971520; RecordCount = [long]$count; OwningProviderName = ''
                    LogFilePath = '%SystemRoot%\System32\Winevt\Logs\System.evtx'
                }
                $log.PSObject.TypeNames.Insert(0, 'System.Diagnostics.Eventing.Reader.EventLogConfiguration')
                $log
                if ($script:TaskLogName -notlike $name) { continue }
            }
            if ($script:TaskLogName -notlike $name) {
                throw (New-LabToolsEventError 'NoMatchingLogsFound' ('There is not an event log on the localhost computer that matches "' + $name + '".') $name)
            }
            $count = 0
            foreach ($t in $hostState.tasks) { $count += @($t.history).Count }
            $log = [pscustomobject][ordered]@{
                LogName = $script:TaskLogName; LogType = 'Operational'; LogMode = 'Circular'; IsEnabled = [bool]$hostState.taskHistoryEnabled
                MaximumSizeInBytes = [long]10485760; RecordCount = [long]$count; OwningProviderName = 'Microsoft-Windows-TaskScheduler'
                LogFilePath = '%SystemRoot%\System32\Winevt\Logs\Microsoft-Windows-TaskScheduler%4Operational.evtx'
            }
            $log.PSObject.TypeNames.Insert(0, 'System.Diagnostics.Eventing.Reader.EventLogConfiguration')
            $log
        }
        return
    }
    $filters = @()
    if ($PSCmdlet.ParameterSetName -eq 'HashQuerySet') { $filters = @($FilterHashtable) }
    else { foreach ($n in $LogName) { $filters += @{ LogName = $n } } }
    $events = Get-LabToolsTaskEvents
    $selected = New-Object System.Collections.ArrayList
    foreach ($f in $filters) {
        foreach ($key in $f.Keys) {
            if (@('LogName', 'Id', 'StartTime', 'EndTime', 'ProviderName') -notcontains $key) {
                throw (New-LabError -ExceptionType 'System.ArgumentException' -Message ("The lab's Get-WinEvent does not filter on '" + $key + "'.") `
                        -ErrorId 'InvalidArgument,Microsoft.PowerShell.Commands.GetWinEventCommand' -Category 'InvalidArgument' -Target $key)
            }
        }
        $logs = @('*')
        if ($f.ContainsKey('LogName')) { $logs = @($f['LogName']) }
        $matchesLog = $false
        foreach ($l in $logs) { if ($script:TaskLogName -like [string]$l -or 'System' -like [string]$l) { $matchesLog = $true } }
        if (-not $matchesLog) {
            throw (New-LabToolsEventError 'NoMatchingLogsFound' ('There is not an event log on the localhost computer that matches "' + ($logs -join ', ') + '".') ($logs -join ', '))
        }
        foreach ($e in $events) {
            if (@($logs | Where-Object { $e.LogName -like [string]$_ }).Count -eq 0) { continue }
            if ($f.ContainsKey('Id') -and @($f['Id'] | ForEach-Object { [int]$_ }) -notcontains $e.Id) { continue }
            if ($f.ContainsKey('StartTime') -and $e.TimeCreated -lt ([datetime]$f['StartTime'])) { continue }
            if ($f.ContainsKey('EndTime') -and $e.TimeCreated -gt ([datetime]$f['EndTime'])) { continue }
            if ($f.ContainsKey('ProviderName') -and @($f['ProviderName'] | Where-Object { $e.ProviderName -like [string]$_ }).Count -eq 0) { continue }
            if (-not $selected.Contains($e)) { [void]$selected.Add($e) }
        }
    }
    $out = @($selected.ToArray())
    if ($Oldest) { [array]::Reverse($out) }
    if ($MaxEvents -gt 0 -and $out.Count -gt $MaxEvents) { $out = $out[0..([int]$MaxEvents - 1)] }
    if ($out.Count -eq 0) {
        throw (New-LabToolsEventError 'NoMatchingEventsFound' 'No events were found that match the specified selection criteria.' $null)
    }
    $out
}

function wevtutil {
    <# Lab stand-in for wevtutil.exe, for the Task Scheduler's Operational log: set-log (sl) /enabled:true|false
       (/e:), which turns task history on or off, and get-log (gl). Other logs: ERROR_EVT_CHANNEL_NOT_FOUND (15007). #>
    $argv = ConvertTo-LabToolArgs -Arguments $args
    $ctx = Get-LabContext
    $verb = ''
    if ($argv.Count -gt 0) { $verb = $argv[0].ToLowerInvariant() }
    if (@('sl', 'set-log', 'gl', 'get-log') -notcontains $verb -or $argv.Count -lt 2) {
        'Invalid command: ' + $verb + '.'
        ''
        'The parameter is incorrect.'
        $global:LASTEXITCODE = 87
        return
    }
    $name = $argv[1]
    if ($name -ne $script:TaskLogName) {
        'Failed to read configuration for log ' + $name + '. The specified channel could not be found.'
        $global:LASTEXITCODE = 15007
        return
    }
    if ($verb -eq 'sl' -or $verb -eq 'set-log') {
        $enabled = $null
        for ($i = 2; $i -lt $argv.Count; $i++) {
            $a = $argv[$i]
            if ($a -match '^/(e|enabled):(true|false)$') { $enabled = ($Matches[2] -eq 'true') }
        }
        if ($null -eq $enabled) {
            'The parameter is incorrect.'
            $global:LASTEXITCODE = 87
            return
        }
        if (-not $ctx.Elevated) {
            'Failed to save configuration or activate log ' + $name + '. Access is denied.'
            $global:LASTEXITCODE = 5
            return
        }
        Update-LabState -Script {
            param($s)
            (Get-LabHost -State $s -Name $ctx.Computer).taskHistoryEnabled = $enabled
        } | Out-Null
        $global:LASTEXITCODE = 0
        return
    }
    $hostState = Get-LabHost -State (Get-LabState) -Name $ctx.Computer
    'name: ' + $script:TaskLogName
    'enabled: ' + ([string][bool]$hostState.taskHistoryEnabled).ToLowerInvariant()
    'type: Operational'
    'owningPublisher: Microsoft-Windows-TaskScheduler'
    'isolation: Application'
    'logging:'
    '  logFileName: %SystemRoot%\System32\Winevt\Logs\Microsoft-Windows-TaskScheduler%4Operational.evtx'
    '  retention: false'
    '  autoBackup: false'
    '  maxSize: 10485760'
    $global:LASTEXITCODE = 0
}
