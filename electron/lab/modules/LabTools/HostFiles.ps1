# LabTools, the lab computer's files and Task Scheduler history: stand-ins for Test-Path and Get-Acl (on the
# simulated disks) and for Get-WinEvent and wevtutil (the Microsoft-Windows-TaskScheduler/Operational log), with the
# real names and parameters. Dot-sourced by LabTools.psm1. Windows PowerShell 5.1 syntax only.
#
# Which paths are the lab computer's: drive-letter (C:\...) and UNC (\\server\share\...) paths used by scripts sent
# to the session (the app's requests, the lab console). Everything else goes to the real cmdlet, unchanged: Linux
# paths, and every call made from code under electron/lab (LabCore reads the lab's own state file through
# Test-Path, and on Windows that is a C:\ path too).
#
# Files: hosts.<computer>.files (case-insensitive); a folder exists when a file is under it, a drive root always.
# ACLs: the lab keeps none, so Get-Acl answers with Windows' defaults for where the path is:
#   - under C:\Windows or C:\Program Files (x86): owner NT SERVICE\TrustedInstaller; TrustedInstaller, SYSTEM and
#     Administrators Full control, Users Read & execute. Only administrators can change the files.
#   - a drive root (C:\): Administrators and SYSTEM Full control, Users Read & execute, Authenticated Users
#     "Create folders" on the root itself and Modify (inherit only) on what is created under it.
#   - anything else, e.g. C:\Scripts\...: a folder made at the root inherits the root's entries, so Authenticated
#     Users can MODIFY it (Windows' real default, and why a task's script folder must be locked down). UNC paths
#     are treated the same way.
# History: each task's history list (kept only while hosts.<computer>.taskHistoryEnabled); a deleted task's events
# go with it. Errors are thrown (terminating) with the real FullyQualifiedErrorId; the real cmdlets write them as
# non-terminating errors, which stop the same way under -ErrorAction Stop.

$script:LabRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
$script:TaskLogName = 'Microsoft-Windows-TaskScheduler/Operational'

function Test-LabToolsHostPath {
    <# Whether $Path, used by the caller whose file is $CallerFile, is on the lab computer's simulated disks. #>
    param([string]$Path, [string]$CallerFile)
    if ([string]::IsNullOrEmpty($Path)) { return $false }
    if ($CallerFile -and $CallerFile.StartsWith($script:LabRoot, [System.StringComparison]::OrdinalIgnoreCase)) { return $false }
    if (-not ($Path -match '^[A-Za-z]:\\' -or $Path -match '^\\\\[^\\]+\\[^\\]+')) { return $false }
    try { [void](Get-LabContext) } catch { return $false }
    return $true
}

function Get-LabToolsHostFiles {
    $state = Get-LabState
    $hostState = Get-LabHost -State $state -Name (Get-LabContext).Computer
    return @($hostState.files | ForEach-Object { [string]$_ })
}

function Get-LabToolsPathKind {
    <# 'Leaf', 'Container' or $null (missing) for a path on the lab computer. #>
    param([string]$Path, [string[]]$Files, [bool]$Wildcard)
    $p = $Path.TrimEnd('\')
    if ($p -match '^[A-Za-z]:$') { return 'Container' }
    foreach ($f in $Files) {
        if ($Wildcard) {
            if ($f -like $p) { return 'Leaf' }
            if ($f -like ($p + '\*')) { return 'Container' }
        } else {
            if ($f -eq $p) { return 'Leaf' }
            if ($f.StartsWith($p + '\', [System.StringComparison]::OrdinalIgnoreCase)) { return 'Container' }
        }
    }
    return $null
}

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

function New-LabToolsAccessRule {
    param([string]$Identity, [string]$Rights, [bool]$Inherited, [string]$Inheritance = 'None', [string]$Propagation = 'None')
    $id = [pscustomobject]@{ Value = $Identity }
    $id.PSObject.TypeNames.Insert(0, 'System.Security.Principal.NTAccount')
    Add-Member -InputObject $id -MemberType ScriptMethod -Name 'ToString' -Value { return $this.Value } -Force
    $rule = [pscustomobject][ordered]@{
        FileSystemRights  = [System.Security.AccessControl.FileSystemRights]$Rights
        AccessControlType = [System.Security.AccessControl.AccessControlType]::Allow
        IdentityReference = $id
        IsInherited       = $Inherited
        InheritanceFlags  = [System.Security.AccessControl.InheritanceFlags]$Inheritance
        PropagationFlags  = [System.Security.AccessControl.PropagationFlags]$Propagation
    }
    $rule.PSObject.TypeNames.Insert(0, 'System.Security.AccessControl.FileSystemAccessRule')
    return $rule
}

function Get-LabToolsAcl {
    <# The default ACL Windows gives $Path (see the top of this file), as a FileSecurity/DirectorySecurity look-alike. #>
    param([string]$Path, [bool]$Folder)
    $p = $Path.TrimEnd('\')
    $inherit = 'None'
    if ($Folder) { $inherit = 'ContainerInherit, ObjectInherit' }
    $rules = New-Object System.Collections.ArrayList
    if ($p -match '^[A-Za-z]:\\(Windows|Program Files|Program Files \(x86\))(\\|$)') {
        $owner = 'NT SERVICE\TrustedInstaller'
        [void]$rules.Add((New-LabToolsAccessRule 'NT SERVICE\TrustedInstaller' 'FullControl' $true $inherit))
        [void]$rules.Add((New-LabToolsAccessRule 'NT AUTHORITY\SYSTEM' 'FullControl' $true $inherit))
        [void]$rules.Add((New-LabToolsAccessRule 'BUILTIN\Administrators' 'FullControl' $true $inherit))
        [void]$rules.Add((New-LabToolsAccessRule 'BUILTIN\Users' 'ReadAndExecute, Synchronize' $true $inherit))
    } elseif ($p -match '^[A-Za-z]:$') {
        $owner = 'NT SERVICE\TrustedInstaller'
        $all = 'ContainerInherit, ObjectInherit'
        [void]$rules.Add((New-LabToolsAccessRule 'BUILTIN\Administrators' 'FullControl' $false $all))
        [void]$rules.Add((New-LabToolsAccessRule 'NT AUTHORITY\SYSTEM' 'FullControl' $false $all))
        [void]$rules.Add((New-LabToolsAccessRule 'BUILTIN\Users' 'ReadAndExecute, Synchronize' $false $all))
        [void]$rules.Add((New-LabToolsAccessRule 'NT AUTHORITY\Authenticated Users' 'Modify, Synchronize' $false $all 'InheritOnly'))
        [void]$rules.Add((New-LabToolsAccessRule 'NT AUTHORITY\Authenticated Users' 'AppendData' $false))
        [void]$rules.Add((New-LabToolsAccessRule 'CREATOR OWNER' '268435456' $false $all 'InheritOnly'))
    } else {
        $owner = 'BUILTIN\Administrators'
        [void]$rules.Add((New-LabToolsAccessRule 'BUILTIN\Administrators' 'FullControl' $true $inherit))
        [void]$rules.Add((New-LabToolsAccessRule 'NT AUTHORITY\SYSTEM' 'FullControl' $true $inherit))
        [void]$rules.Add((New-LabToolsAccessRule 'BUILTIN\Users' 'ReadAndExecute, Synchronize' $true $inherit))
        [void]$rules.Add((New-LabToolsAccessRule 'NT AUTHORITY\Authenticated Users' 'Modify, Synchronize' $true $inherit))
    }
    $lines = @($rules | ForEach-Object { [string]$_.IdentityReference + ' ' + [string]$_.AccessControlType + '  ' + [string]$_.FileSystemRights })
    $type = 'System.Security.AccessControl.FileSecurity'
    if ($Folder) { $type = 'System.Security.AccessControl.DirectorySecurity' }
    $acl = [pscustomobject][ordered]@{
        Path           = 'Microsoft.PowerShell.Core\FileSystem::' + $Path
        Owner          = $owner
        Group          = 'NT AUTHORITY\SYSTEM'
        Access         = [object[]]$rules.ToArray()
        AccessToString = ($lines -join "`n")
        Sddl           = $null
    }
    $acl.PSObject.TypeNames.Insert(0, 'System.Security.AccessControl.FileSystemSecurity')
    $acl.PSObject.TypeNames.Insert(0, $type)
    return $acl
}

function Get-Acl {
    <# Get-Acl on the lab computer's disks (see the top of this file); anything else: the real cmdlet. #>
    [CmdletBinding(DefaultParameterSetName = 'ByPath')]
    param(
        [Parameter(ParameterSetName = 'ByPath', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [string[]]$Path,
        [Parameter(ParameterSetName = 'ByInputObject', Mandatory = $true, ValueFromPipelineByPropertyName = $true)]
        [psobject]$InputObject,
        [Parameter(ParameterSetName = 'ByLiteralPath', ValueFromPipelineByPropertyName = $true)]
        [Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [switch]$Audit,
        [switch]$AllCentralAccessPolicies,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude
    )
    process {
        $paths = @($Path)
        if ($PSCmdlet.ParameterSetName -eq 'ByLiteralPath') { $paths = @($LiteralPath) }
        $caller = $MyInvocation.ScriptName
        $onHost = ($PSCmdlet.ParameterSetName -ne 'ByInputObject') -and $paths.Count -gt 0 -and -not (
            $PSBoundParameters.ContainsKey('Filter') -or $PSBoundParameters.ContainsKey('Include') -or $PSBoundParameters.ContainsKey('Exclude'))
        foreach ($p in $paths) { if (-not (Test-LabToolsHostPath -Path ([string]$p) -CallerFile $caller)) { $onHost = $false } }
        if (-not $onHost) {
            Microsoft.PowerShell.Security\Get-Acl @PSBoundParameters
            return
        }
        $files = Get-LabToolsHostFiles
        foreach ($p in $paths) {
            $text = [string]$p
            $kind = Get-LabToolsPathKind -Path $text -Files $files -Wildcard $false
            if ($null -eq $kind) {
                throw (New-LabError -ExceptionType 'System.Management.Automation.ItemNotFoundException' `
                        -Message ("Cannot find path '" + $text + "' because it does not exist.") `
                        -ErrorId 'GetAcl_PathNotFound_Exception,Microsoft.PowerShell.Commands.GetAclCommand' -Category 'ObjectNotFound' -Target $text)
            }
            Get-LabToolsAcl -Path $text -Folder ($kind -eq 'Container')
        }
    }
}

# ---------------------------------------------------------------------------------------------- Task Scheduler history

function Get-LabToolsTaskEvents {
    <# The Operational log's events (newest first), from every task's history on the current lab computer. #>
    $state = Get-LabState
    $ctx = Get-LabContext
    $hostState = Get-LabHost -State $state -Name $ctx.Computer
    $machine = $ctx.Computer + '.' + $state.domain.dnsRoot
    $rows = New-Object System.Collections.ArrayList
    foreach ($task in $hostState.tasks) {
        $uri = [string]$task.taskPath + [string]$task.taskName
        foreach ($h in $task.history) {
            [void]$rows.Add(@{ Uri = $uri; Entry = $h; Time = (ConvertFrom-LabDateText ([string]$h.time)); Seq = $rows.Count })
        }
    }
    $i = 0
    # Oldest first (by time, then in the order recorded), numbered; returned newest first like the real cmdlet.
    $events = foreach ($row in @($rows | Sort-Object -Property @{ Expression = { $_.Time } }, @{ Expression = { $_.Seq } })) {
        $i++
        $id = [int]$row.Entry.eventId
        $level = 4; $levelName = 'Information'
        if (@(101, 103, 203) -contains $id) { $level = 2; $levelName = 'Error' }
        $property = [pscustomobject]@{ Value = $row.Uri }
        $property.PSObject.TypeNames.Insert(0, 'System.Diagnostics.Eventing.Reader.EventProperty')
        $e = [pscustomobject][ordered]@{
            Id = $id; Version = 0; Level = $level; LevelDisplayName = $levelName; RecordId = [long]$i
            ProviderName = 'Microsoft-Windows-TaskScheduler'; LogName = $script:TaskLogName; MachineName = $machine
            TimeCreated = $row.Time.ToLocalTime(); Message = [string]$row.Entry.message; Properties = @($property)
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
    <# Get-WinEvent for the Task Scheduler's Operational log: -ListLog (IsEnabled = task history on), -LogName and
       -FilterHashtable (LogName, Id, StartTime, EndTime, ProviderName), -MaxEvents, -Oldest. Other logs: none. #>
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
        $logs = @($f['LogName'])
        $matchesLog = $false
        foreach ($l in $logs) { if ($script:TaskLogName -like [string]$l) { $matchesLog = $true } }
        if (-not $matchesLog) {
            throw (New-LabToolsEventError 'NoMatchingLogsFound' ('There is not an event log on the localhost computer that matches "' + ($logs -join ', ') + '".') ($logs -join ', '))
        }
        foreach ($e in $events) {
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
