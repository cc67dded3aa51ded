# ScheduledTasks: the lab's Task Scheduler cmdlets (the ScheduledTasks module's 14 CIM cmdlets). Tasks live in
# state.hosts[<current computer>].tasks; a task is identified by TaskName + TaskPath (case-insensitive).
#
# CIM objects: the real cmdlets return CimInstances (MSFT_ScheduledTask, MSFT_TaskExecAction, MSFT_TaskDailyTrigger,
# MSFT_TaskPrincipal2, MSFT_TaskSettings3, MSFT_TaskDynamicInfo, ...), which can't be constructed without libmi.
# Here they are PSCustomObjects with the real property names, in the real order, and the real PSTypeNames on top
# ('Microsoft.Management.Infrastructure.CimInstance#Root/Microsoft/Windows/TaskScheduler/<Class>', ... ,
# 'Microsoft.Management.Infrastructure.CimInstance'), so they bind to the generated [PSTypeName(CimInstance)]
# parameters and can be passed back in. CimClass is the string 'Root/Microsoft/Windows/TaskScheduler:<Class>'.
#
# Errors are written the way cmdletization writes them: NON-terminating (WriteError), so -ErrorAction
# SilentlyContinue works as on Windows; under 'Stop' they stop. The FullyQualifiedErrorIds are the real ones
# ('HRESULT 0x800700b7,Register-ScheduledTask', 'CmdletizationQuery_NotFound_TaskName,Get-ScheduledTask', ...).
# Exception types: Microsoft.Management.Infrastructure.CimException and
# Microsoft.PowerShell.Cmdletization.Cim.CimJobException (both constructible with a message on pwsh 7 and 5.1;
# fallbacks: COMException / ItemNotFoundException).
#
# Running a task (Start-ScheduledTask) is decided at once: logon (principal usable here), "Log on as a batch job",
# then the action's file; LastTaskResult is the first failing HRESULT as an unsigned number, 0 on success.
# Windows PowerShell 5.1 syntax only.
Import-Module LabCore
. (Join-Path $PSScriptRoot 'ScheduledTasks.Signatures.ps1')

Set-StrictMode -Off

$script:Ns = 'Root/Microsoft/Windows/TaskScheduler'
$script:EnumNs = 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.ScheduledTask.'

$script:CimExceptionType = 'Microsoft.Management.Infrastructure.CimException'
try { [void](New-Object $script:CimExceptionType 'probe') } catch { $script:CimExceptionType = 'System.Runtime.InteropServices.COMException' }
$script:CimJobExceptionType = 'Microsoft.PowerShell.Cmdletization.Cim.CimJobException'
try { [void](New-Object $script:CimJobExceptionType 'probe') } catch { $script:CimJobExceptionType = 'System.Management.Automation.ItemNotFoundException' }

# Real result codes (LastTaskResult is the unsigned 32-bit value).
$script:ResultNotYetRun = 267011        # 0x41303 SCHED_S_TASK_HAS_NOT_RUN
$script:ResultTerminated = 267014       # 0x41306 SCHED_S_TASK_TERMINATED
$script:ResultFileNotFound = 2147942402 # 0x80070002 ERROR_FILE_NOT_FOUND
$script:ResultLogonFailure = 2147943726 # 0x8007052E ERROR_LOGON_FAILURE
$script:ResultAccountDisabled = 2147943731 # 0x80070533 ERROR_ACCOUNT_DISABLED
$script:ResultNoneMapped = 2147943732   # 0x80070534 ERROR_NONE_MAPPED
$script:ResultLogonType = 2147943785    # 0x80070569 ERROR_LOGON_TYPE_NOT_GRANTED
$script:ResultTimeSkew = 2147943798     # 0x80070576 ERROR_TIME_SKEW
$script:ResultNotLoggedOn = 2147946720  # 0x800710E0 ERROR_REQUEST_REFUSED (run only when the user is logged on)
$script:ResultMessages = @{
    '2147942402' = 'The system cannot find the file specified.'
    '2147943726' = 'Logon failure: unknown user name or bad password.'
    '2147943731' = 'Logon failure: account currently disabled.'
    '2147943732' = 'No mapping between account names and security IDs was done.'
    '2147943785' = 'Logon failure: the user has not been granted the requested logon type at this computer.'
    '2147943798' = 'There is a time and/or date difference between the client and server.'
    '2147946720' = 'The operator or administrator has refused the request.'
}
$script:NeverRun = New-Object System.DateTime 1999, 11, 30, 0, 0, 0, ([System.DateTimeKind]::Local)
$script:HistoryLimit = 200

# CIM classes: properties in the order the real instances list them, base classes, embedded instances.
$script:CimProps = @{
    MSFT_TaskExecAction        = @('Id', 'Arguments', 'Execute', 'WorkingDirectory')
    MSFT_TaskTimeTrigger       = @('Enabled', 'EndBoundary', 'ExecutionTimeLimit', 'Id', 'Repetition', 'StartBoundary', 'RandomDelay')
    MSFT_TaskDailyTrigger      = @('Enabled', 'EndBoundary', 'ExecutionTimeLimit', 'Id', 'Repetition', 'StartBoundary', 'DaysInterval', 'RandomDelay')
    MSFT_TaskWeeklyTrigger     = @('Enabled', 'EndBoundary', 'ExecutionTimeLimit', 'Id', 'Repetition', 'StartBoundary', 'DaysOfWeek', 'RandomDelay', 'WeeksInterval')
    MSFT_TaskBootTrigger       = @('Enabled', 'EndBoundary', 'ExecutionTimeLimit', 'Id', 'Repetition', 'StartBoundary', 'Delay')
    MSFT_TaskLogonTrigger      = @('Enabled', 'EndBoundary', 'ExecutionTimeLimit', 'Id', 'Repetition', 'StartBoundary', 'Delay', 'UserId')
    MSFT_TaskRepetitionPattern = @('Duration', 'Interval', 'StopAtDurationEnd')
    MSFT_TaskPrincipal2        = @('DisplayName', 'GroupId', 'Id', 'LogonType', 'RunLevel', 'UserId', 'ProcessTokenSidType', 'RequiredPrivilege')
    MSFT_TaskSettings3         = @('AllowDemandStart', 'AllowHardTerminate', 'Compatibility', 'DeleteExpiredTaskAfter',
        'DisallowStartIfOnBatteries', 'Enabled', 'ExecutionTimeLimit', 'Hidden', 'IdleSettings', 'MultipleInstances',
        'NetworkSettings', 'Priority', 'RestartCount', 'RestartInterval', 'RunOnlyIfIdle', 'RunOnlyIfNetworkAvailable',
        'StartWhenAvailable', 'StopIfGoingOnBatteries', 'WakeToRun', 'DisallowStartOnRemoteAppSession',
        'UseUnifiedSchedulingEngine', 'MaintenanceSettings', 'volatile')
    MSFT_TaskIdleSettings      = @('IdleDuration', 'RestartOnIdle', 'StopOnIdleEnd', 'WaitTimeout')
    MSFT_TaskNetworkSettings   = @('Id', 'Name')
    MSFT_MaintenanceSettings   = @('Deadline', 'Exclusive', 'Period')
    MSFT_ScheduledTask         = @('Actions', 'Author', 'Date', 'Description', 'Documentation', 'Principal', 'SecurityDescriptor',
        'Settings', 'Source', 'State', 'TaskName', 'TaskPath', 'Triggers', 'URI', 'Version')
    MSFT_TaskDynamicInfo       = @('LastRunTime', 'LastTaskResult', 'NextRunTime', 'NumberOfMissedRuns', 'TaskName', 'TaskPath')
}
$script:CimBases = @{
    MSFT_TaskExecAction    = @('MSFT_TaskAction')
    MSFT_TaskTimeTrigger   = @('MSFT_TaskTrigger')
    MSFT_TaskDailyTrigger  = @('MSFT_TaskTrigger')
    MSFT_TaskWeeklyTrigger = @('MSFT_TaskTrigger')
    MSFT_TaskBootTrigger   = @('MSFT_TaskTrigger')
    MSFT_TaskLogonTrigger  = @('MSFT_TaskTrigger')
    MSFT_TaskPrincipal2    = @('MSFT_TaskPrincipal')
    MSFT_TaskSettings3     = @('MSFT_TaskSettings2', 'MSFT_TaskSettings')
}
$script:CimNested = @{
    'Repetition'          = 'MSFT_TaskRepetitionPattern'
    'IdleSettings'        = 'MSFT_TaskIdleSettings'
    'NetworkSettings'     = 'MSFT_TaskNetworkSettings'
    'MaintenanceSettings' = 'MSFT_MaintenanceSettings'
}
# Properties that are enums in the real module (shown by name, compared by name or value).
$script:CimEnums = @{
    'MSFT_TaskPrincipal2.LogonType'           = 'LogonTypeEnum'
    'MSFT_TaskPrincipal2.RunLevel'            = 'RunLevelEnum'
    'MSFT_TaskPrincipal2.ProcessTokenSidType' = 'ProcessTokenSidTypeEnum'
    'MSFT_TaskSettings3.Compatibility'        = 'CompatibilityEnum'
    'MSFT_TaskSettings3.MultipleInstances'    = 'MultipleInstancesEnum'
    'MSFT_ScheduledTask.State'                = 'StateEnum'
}
$script:TriggerClasses = @('MSFT_TaskTimeTrigger', 'MSFT_TaskDailyTrigger', 'MSFT_TaskWeeklyTrigger', 'MSFT_TaskBootTrigger', 'MSFT_TaskLogonTrigger')

# Accounts LookupAccountName resolves on the computer itself, without AD.
$script:ServiceAccounts = @(
    @{ Name = 'SYSTEM'; Sid = 'S-1-5-18'; Aliases = @('SYSTEM', 'NT AUTHORITY\SYSTEM', 'LOCALSYSTEM', 'LOCAL SYSTEM', '.\LOCALSYSTEM', 'S-1-5-18') }
    @{ Name = 'LOCAL SERVICE'; Sid = 'S-1-5-19'; Aliases = @('LOCAL SERVICE', 'LOCALSERVICE', 'NT AUTHORITY\LOCAL SERVICE', 'NT AUTHORITY\LOCALSERVICE', 'S-1-5-19') }
    @{ Name = 'NETWORK SERVICE'; Sid = 'S-1-5-20'; Aliases = @('NETWORK SERVICE', 'NETWORKSERVICE', 'NT AUTHORITY\NETWORK SERVICE', 'NT AUTHORITY\NETWORKSERVICE', 'S-1-5-20') }
)
$script:LocalGroups = @(
    @{ Name = 'BUILTIN\Administrators'; Sid = 'S-1-5-32-544'; Aliases = @('BUILTIN\Administrators', 'Administrators', 'S-1-5-32-544') }
    @{ Name = 'BUILTIN\Users'; Sid = 'S-1-5-32-545'; Aliases = @('BUILTIN\Users', 'Users', 'S-1-5-32-545') }
    @{ Name = 'BUILTIN\Backup Operators'; Sid = 'S-1-5-32-551'; Aliases = @('BUILTIN\Backup Operators', 'Backup Operators', 'S-1-5-32-551') }
    @{ Name = 'BUILTIN\Performance Log Users'; Sid = 'S-1-5-32-559'; Aliases = @('BUILTIN\Performance Log Users', 'Performance Log Users', 'S-1-5-32-559') }
    @{ Name = 'Everyone'; Sid = 'S-1-1-0'; Aliases = @('Everyone', 'S-1-1-0') }
    @{ Name = 'NT AUTHORITY\Authenticated Users'; Sid = 'S-1-5-11'; Aliases = @('NT AUTHORITY\Authenticated Users', 'Authenticated Users', 'S-1-5-11') }
    @{ Name = 'NT AUTHORITY\INTERACTIVE'; Sid = 'S-1-5-4'; Aliases = @('NT AUTHORITY\INTERACTIVE', 'INTERACTIVE', 'S-1-5-4') }
    @{ Name = 'NT AUTHORITY\BATCH'; Sid = 'S-1-5-3'; Aliases = @('NT AUTHORITY\BATCH', 'BATCH', 'S-1-5-3') }
)
$script:LocalUsers = @('Administrator', 'Guest', 'DefaultAccount')
$script:AdAccountClasses = @('user', 'computer', 'msDS-ManagedServiceAccount', 'msDS-GroupManagedServiceAccount', 'msDS-DelegatedManagedServiceAccount', 'group')
# Executables every Windows computer finds on PATH.
$script:WellKnownExecutables = @('powershell.exe', 'powershell', 'pwsh.exe', 'pwsh', 'cmd.exe', 'cmd')

# ---------------------------------------------------------------------------------------------- errors

function New-StError {
    <# A CIM error as the ScheduledTasks cmdlets write it: CimException, 'HRESULT 0x<lower-case hex>,<Cmdlet>'. #>
    param([string]$Cmdlet, [string]$HResult, [string]$Message, [System.Management.Automation.ErrorCategory]$Category = 'NotSpecified', $Target = $null)
    return New-LabError -ExceptionType $script:CimExceptionType -Message $Message -ErrorId ('HRESULT ' + $HResult.ToLowerInvariant() + ',' + $Cmdlet) -Category $Category -Target $Target
}

function New-StNotFoundError {
    <# A cmdletization query that matched nothing (Get-ScheduledTask, Unregister-ScheduledTask). #>
    param([string]$Cmdlet, [string]$Property, [string]$Value)
    $message = "No MSFT_ScheduledTask objects found with property '$Property' equal to '$Value'.  Verify the value of the property and retry."
    return New-LabError -ExceptionType $script:CimJobExceptionType -Message $message -ErrorId ("CmdletizationQuery_NotFound_$Property," + $Cmdlet) -Category 'ObjectNotFound' -Target $Value
}

function Write-StError {
    <# Writes a lab ErrorRecord whose id ends with ',<Cmdlet>' through the cmdlet (non-terminating, like
       cmdletization); WriteError appends the command name again, so it is taken off first. #>
    param($Cmdlet, [System.Management.Automation.ErrorRecord]$Record)
    $suffix = ',' + $Cmdlet.MyInvocation.MyCommand.Name
    $id = [string]$Record.FullyQualifiedErrorId
    if ($id.EndsWith($suffix, [System.StringComparison]::OrdinalIgnoreCase)) { $id = $id.Substring(0, $id.Length - $suffix.Length) }
    $Cmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord $Record.Exception, $id, $Record.CategoryInfo.Category, $Record.TargetObject))
}

function Invoke-StCmdlet {
    <# Runs a cmdlet body. An error the body throws with this cmdlet's FQID is written as the real module writes
       it (non-terminating); anything else (a lab fault) is rethrown as is. #>
    param($Cmdlet, [scriptblock]$Body)
    $suffix = ',' + $Cmdlet.MyInvocation.MyCommand.Name
    # A script module does not see its caller's $ErrorActionPreference (it resolves variables in the module's own
    # scopes); the real CIM cmdlets do. Without -ErrorAction, adopt the caller's, so 'Stop' stops here too.
    if (-not $Cmdlet.MyInvocation.BoundParameters.ContainsKey('ErrorAction')) {
        $callerPreference = $Cmdlet.SessionState.PSVariable.GetValue('ErrorActionPreference')
        if ($null -ne $callerPreference) { $ErrorActionPreference = $callerPreference }
    }
    try {
        & $Body
    } catch {
        $record = $_
        if ($record.Exception -is [System.Management.Automation.ActionPreferenceStopException]) { throw }
        if (([string]$record.FullyQualifiedErrorId).EndsWith($suffix, [System.StringComparison]::OrdinalIgnoreCase)) {
            Write-StError -Cmdlet $Cmdlet -Record $record
            return
        }
        throw
    }
}

function Get-StCmdletName { param($Cmdlet) return $Cmdlet.MyInvocation.MyCommand.Name }

function Get-StHost {
    param([hashtable]$State)
    $ctx = Get-LabContext
    return Get-LabHost -State $State -Name $ctx.Computer
}

function Assert-StService {
    <# Every cmdlet talks to the Task Scheduler service (Schedule) through its CIM provider. #>
    param([hashtable]$State, [string]$Cmdlet)
    $h = Get-StHost -State $State
    if ($null -eq $h -or -not $h.taskSchedulerRunning) {
        throw (New-StError -Cmdlet $Cmdlet -HResult '0x80070422' -Category 'NotSpecified' -Target 'Schedule' `
                -Message 'The service cannot be started, either because it is disabled or it has no enabled devices associated with it.')
    }
}

function Assert-StElevated {
    param([string]$Cmdlet, $Target)
    Assert-LabElevated -ErrorId ('HRESULT 0x80070005,' + $Cmdlet) -Message 'Access is denied.' -Target $Target
}

# ---------------------------------------------------------------------------------------------- values

function ConvertTo-StCamel {
    param([string]$Name)
    return $Name.Substring(0, 1).ToLowerInvariant() + $Name.Substring(1)
}

function Get-StValue {
    <# A property of a CIM-like object (or a key of a hashtable); $null when it has none. #>
    param($Object, [string]$Name)
    if ($null -eq $Object) { return $null }
    if ($Object -is [System.Collections.IDictionary]) { return , $Object[$Name] }
    $p = $Object.PSObject.Properties[$Name]
    if ($null -eq $p) { return $null }
    return , $p.Value
}

function Get-StItems {
    <# Any value as a list without nulls: $null -> empty, scalar -> one item, collection -> its items. #>
    param($Value)
    $list = New-Object System.Collections.ArrayList
    if ($null -eq $Value) { return , $list }
    if ($Value -is [System.Collections.IEnumerable] -and $Value -isnot [string] -and $Value -isnot [System.Collections.IDictionary]) {
        foreach ($item in $Value) { if ($null -ne $item) { [void]$list.Add($item) } }
    } else {
        [void]$list.Add($Value)
    }
    return , $list
}

function Test-StBlank {
    param($Value)
    return ($null -eq $Value -or ($Value -is [string] -and $Value.Length -eq 0))
}

function ConvertTo-StDuration {
    <# A TimeSpan as the ISO 8601 duration Task Scheduler stores ('PT2H', 'PT5M', 'P1D'). [TimeSpan]::MaxValue
       becomes what the real cmdlet writes for it, 'P99999999DT23H59M59S' (which Task Scheduler 2.x then refuses). #>
    param($Span)
    if ($null -eq $Span) { return $null }
    if ($Span -is [string]) { return $Span }
    $t = [timespan]$Span
    if ($t -eq [timespan]::MaxValue) { return 'P99999999DT23H59M59S' }
    return [System.Xml.XmlConvert]::ToString($t)
}

function ConvertFrom-StDuration {
    param([string]$Text)
    if ([string]::IsNullOrEmpty($Text)) { return $null }
    try { return [System.Xml.XmlConvert]::ToTimeSpan($Text) } catch { return $null }
}

function ConvertTo-StBoundary {
    <# A trigger boundary as Task Scheduler writes it: local 'yyyy-MM-ddTHH:mm:ss', with the offset when the
       DateTime carries one (Kind Local), 'Z' for UTC. '12:05' binds to [datetime] with Kind Unspecified. #>
    param($Date)
    if ($null -eq $Date) { return $null }
    if ($Date -is [string]) { return $Date }
    $d = [datetime]$Date
    $inv = [System.Globalization.CultureInfo]::InvariantCulture
    switch ($d.Kind) {
        'Local' { return $d.ToString("yyyy-MM-dd'T'HH:mm:sszzz", $inv) }
        'Utc' { return $d.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", $inv) }
        default { return $d.ToString("yyyy-MM-dd'T'HH:mm:ss", $inv) }
    }
}

function ConvertFrom-StBoundary {
    <# A boundary text as a local DateTime (no offset = local time), or $null. #>
    param([string]$Text)
    if ([string]::IsNullOrEmpty($Text)) { return $null }
    $dto = [System.DateTimeOffset]::MinValue
    $ok = [System.DateTimeOffset]::TryParse($Text, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AssumeLocal, [ref]$dto)
    if (-not $ok) { return $null }
    return $dto.LocalDateTime
}

function ConvertTo-StStateValue {
    <# Any CIM property value as something the JSON state keeps: strings, numbers, booleans, lists. #>
    param($Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [System.Management.Automation.PSObject]) { $Value = $Value.PSObject.BaseObject }
    if ($Value -is [System.Enum]) { return $Value.ToString() }
    if ($Value -is [datetime]) { return (ConvertTo-StBoundary $Value) }
    if ($Value -is [timespan]) { return (ConvertTo-StDuration $Value) }
    if ($Value -is [string] -or $Value -is [bool]) { return $Value }
    if ($Value -is [System.Collections.IEnumerable] -and $Value -isnot [System.Collections.IDictionary]) {
        $list = New-Object System.Collections.ArrayList
        foreach ($item in $Value) { [void]$list.Add((ConvertTo-StStateValue $item)) }
        return , $list
    }
    if ($Value -is [System.ValueType]) { return $Value }
    return [string]$Value
}

function ConvertTo-StEnum {
    param([string]$EnumName, $Value)
    if (Test-StBlank $Value) { return $null }
    $type = ($script:EnumNs + $EnumName) -as [type]
    try { return [System.Enum]::Parse($type, [string]$Value, $true) } catch { return [string]$Value }
}

# ---------------------------------------------------------------------------------------------- CIM objects

function New-StCim {
    <# A CimInstance look-alike: the real properties in order (+ PSComputerName), the real type names on top. #>
    param([string]$Class, [hashtable]$Values)
    $props = [ordered]@{}
    foreach ($name in $script:CimProps[$Class]) {
        $value = $null
        if ($Values.ContainsKey($name)) { $value = $Values[$name] }
        $enum = $script:CimEnums[$Class + '.' + $name]
        if ($enum) { $value = ConvertTo-StEnum -EnumName $enum -Value $value }
        $props[$name] = $value
    }
    $props['PSComputerName'] = $null
    $obj = New-Object psobject -Property $props
    $names = New-Object System.Collections.ArrayList
    foreach ($c in (@($Class) + @($script:CimBases[$Class] | Where-Object { $_ }))) {
        [void]$names.Add('Microsoft.Management.Infrastructure.CimInstance#' + $script:Ns + '/' + $c)
        [void]$names.Add('Microsoft.Management.Infrastructure.CimInstance#' + $c)
    }
    [void]$names.Add('Microsoft.Management.Infrastructure.CimInstance')
    for ($i = $names.Count - 1; $i -ge 0; $i--) { $obj.PSObject.TypeNames.Insert(0, $names[$i]) }
    Add-Member -InputObject $obj -MemberType NoteProperty -Name 'CimClass' -Value ($script:Ns + ':' + $Class)
    # CimInstance.ToString(): the class name, with the key properties of keyed classes (what Format-* shows).
    Add-Member -InputObject $obj -MemberType ScriptMethod -Name 'ToString' -Value {
        $class = ([string]$this.CimClass).Substring(([string]$this.CimClass).LastIndexOf(':') + 1)
        if ($class -eq 'MSFT_ScheduledTask' -and $this.TaskName) { return ($class + ' (TaskName = "' + $this.TaskName + '", TaskPath = "' + $this.TaskPath + '")') }
        return $class
    } -Force
    return $obj
}

function Get-StCimClassName {
    <# The CIM class of an object made here (or a real CimInstance): from its type names, else its CimClass. #>
    param($Object)
    if ($null -eq $Object) { return $null }
    if ($Object -is [System.Collections.IDictionary]) { return $Object['cimClass'] }
    foreach ($t in $Object.PSObject.TypeNames) {
        if ($t -like ('Microsoft.Management.Infrastructure.CimInstance#' + $script:Ns + '/*')) { return $t.Substring($t.LastIndexOf('/') + 1) }
    }
    $c = [string](Get-StValue $Object 'CimClass')
    if ($c -match ':(\w+)$') { return $Matches[1] }
    return $null
}

function ConvertFrom-StCim {
    <# A CIM-like object -> the state's record: camelCase keys, embedded instances as nested records. #>
    param($Object, [string]$Class)
    if ($null -eq $Object) { return $null }
    $record = @{}
    foreach ($name in $script:CimProps[$Class]) {
        $value = Get-StValue $Object $name
        if ($script:CimNested.ContainsKey($name)) {
            if ($null -ne $value) { $value = ConvertFrom-StCim -Object $value -Class $script:CimNested[$name] }
            $record[(ConvertTo-StCamel $name)] = $value
        } else {
            $record[(ConvertTo-StCamel $name)] = ConvertTo-StStateValue $value
        }
    }
    return $record
}

function ConvertTo-StCim {
    <# The state's record -> a CIM-like object of $Class. #>
    param($Record, [string]$Class)
    if ($null -eq $Record) { return $null }
    $values = @{}
    foreach ($name in $script:CimProps[$Class]) {
        $value = $Record[(ConvertTo-StCamel $name)]
        if ($script:CimNested.ContainsKey($name) -and $null -ne $value) { $value = ConvertTo-StCim -Record $value -Class $script:CimNested[$name] }
        elseif ($value -is [System.Collections.IList]) { $value = [object[]]@($value) }
        $values[$name] = $value
    }
    return New-StCim -Class $Class -Values $values
}

# actions -----------------------------------------------------------------------------------------------------

function ConvertTo-StActionRecord {
    param($Action, [string]$Cmdlet)
    $execute = [string](Get-StValue $Action 'Execute')
    if ([string]::IsNullOrEmpty($execute)) {
        throw (New-StError -Cmdlet $Cmdlet -HResult '0x80070057' -Message 'The parameter is incorrect.' -Category 'InvalidArgument' -Target 'Action')
    }
    $arguments = Get-StValue $Action 'Arguments'
    $directory = Get-StValue $Action 'WorkingDirectory'
    if (Test-StBlank $arguments) { $arguments = $null } else { $arguments = [string]$arguments }
    if (Test-StBlank $directory) { $directory = $null } else { $directory = [string]$directory }
    return @{ execute = $execute; arguments = $arguments; workingDirectory = $directory }
}

function ConvertTo-StActionCim {
    param([hashtable]$Record)
    return New-StCim -Class 'MSFT_TaskExecAction' -Values @{ Id = $null; Arguments = $Record.arguments; Execute = $Record.execute; WorkingDirectory = $Record.workingDirectory }
}

# triggers ----------------------------------------------------------------------------------------------------

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

# principal ---------------------------------------------------------------------------------------------------

function ConvertTo-StPrincipalRecord {
    param($Principal)
    $logonType = [string](Get-StValue $Principal 'LogonType')
    if ([string]::IsNullOrEmpty($logonType)) { $logonType = 'None' }
    $runLevel = [string](Get-StValue $Principal 'RunLevel')
    if ($runLevel -ne 'Highest') { $runLevel = 'Limited' }
    $userId = Get-StValue $Principal 'UserId'
    $groupId = Get-StValue $Principal 'GroupId'
    if (Test-StBlank $userId) { $userId = $null } else { $userId = [string]$userId }
    if (Test-StBlank $groupId) { $groupId = $null } else { $groupId = [string]$groupId }
    return @{ userId = $userId; logonType = $logonType; runLevel = $runLevel; groupId = $groupId }
}

function ConvertTo-StPrincipalCim {
    param([hashtable]$Record)
    return New-StCim -Class 'MSFT_TaskPrincipal2' -Values @{
        DisplayName = $null; GroupId = $Record.groupId; Id = 'Author'; LogonType = $Record.logonType; RunLevel = $Record.runLevel
        UserId = $Record.userId; ProcessTokenSidType = 'Default'; RequiredPrivilege = $null
    }
}

# settings ----------------------------------------------------------------------------------------------------

function New-StDefaultSettings {
    <# New-ScheduledTaskSettingsSet with no parameters. #>
    return @{
        allowDemandStart = $true; allowHardTerminate = $true; compatibility = 'Win8'; deleteExpiredTaskAfter = $null
        disallowStartIfOnBatteries = $true; enabled = $true; executionTimeLimit = 'PT72H'; hidden = $false
        idleSettings = @{ idleDuration = 'PT10M'; restartOnIdle = $false; stopOnIdleEnd = $true; waitTimeout = 'PT1H' }
        multipleInstances = 'IgnoreNew'; networkSettings = @{ id = $null; name = $null }; priority = 7; restartCount = 0
        restartInterval = $null; runOnlyIfIdle = $false; runOnlyIfNetworkAvailable = $false; startWhenAvailable = $false
        stopIfGoingOnBatteries = $true; wakeToRun = $false; disallowStartOnRemoteAppSession = $false
        useUnifiedSchedulingEngine = $false; maintenanceSettings = $null; volatile = $false
    }
}

function ConvertTo-StSettingsRecord {
    param($Settings)
    if ($null -eq $Settings) { return New-StDefaultSettings }
    return ConvertFrom-StCim -Object $Settings -Class 'MSFT_TaskSettings3'
}

# tasks -------------------------------------------------------------------------------------------------------

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

function Find-StTask {
    param([hashtable]$HostState, [string]$Name, [string]$Path)
    foreach ($t in $HostState.tasks) {
        if ($t.taskName -eq $Name -and $t.taskPath -eq $Path) { return $t }
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

function Add-StHistory {
    <# Task Scheduler's operational log for the task (only while task history is enabled on the host). #>
    param([hashtable]$HostState, [hashtable]$Task, [int]$EventId, [string]$Message, [datetime]$Now)
    if (-not $HostState.taskHistoryEnabled) { return }
    if ($null -eq $Task.history) { $Task.history = New-Object System.Collections.ArrayList }
    if ($Task.history -isnot [System.Collections.ArrayList]) { $Task.history = New-Object System.Collections.ArrayList (, @($Task.history)) }
    [void]$Task.history.Add(@{ time = (ConvertTo-LabDateText $Now); eventId = $EventId; message = $Message })
    while ($Task.history.Count -gt $script:HistoryLimit) { $Task.history.RemoveAt(0) }
}

function Get-StCurrentUserName {
    param([hashtable]$State)
    $ctx = Get-LabContext
    return $State.domain.netBIOSName + '\' + $ctx.User
}

# ---------------------------------------------------------------------------------------------- accounts

function Resolve-StAccount {
    <# LookupAccountName on the current computer: service accounts, local users and groups, then AD (the domain's
       NetBIOS or DNS name, a UPN, or a bare name). Returns $null when the name does not map to a SID. #>
    param([hashtable]$State, [string]$Name)
    if ([string]::IsNullOrEmpty($Name)) { return $null }
    $ctx = Get-LabContext
    $n = $Name.Trim()
    foreach ($a in $script:ServiceAccounts) {
        if ($a.Aliases -contains $n) { return @{ Kind = 'Service'; Name = $a.Name; Sid = $a.Sid; Object = $null } }
    }
    foreach ($g in $script:LocalGroups) {
        if ($g.Aliases -contains $n) { return @{ Kind = 'LocalGroup'; Name = $g.Name; Sid = $g.Sid; Object = $null } }
    }
    $domainPart = $null
    $sam = $n
    if ($n.Contains('\')) {
        $domainPart = $n.Substring(0, $n.IndexOf('\'))
        $sam = $n.Substring($n.IndexOf('\') + 1)
    } elseif ($n.Contains('@')) {
        $domainPart = $n.Substring($n.IndexOf('@') + 1)
        $sam = $n.Substring(0, $n.IndexOf('@'))
        if ($domainPart -ne $State.domain.dnsRoot) { return $null }
    }
    if ($null -ne $domainPart -and ($domainPart -eq '.' -or $domainPart -eq $ctx.Computer)) {
        if ($script:LocalUsers -contains $sam) { return @{ Kind = 'Local'; Name = ($ctx.Computer + '\' + $sam); Sid = $null; Object = $null } }
        return $null
    }
    if ($null -eq $domainPart -and $script:LocalUsers -contains $sam) {
        return @{ Kind = 'Local'; Name = ($ctx.Computer + '\' + $sam); Sid = $null; Object = $null }
    }
    if ($null -ne $domainPart -and $domainPart -ne $State.domain.netBIOSName -and $domainPart -ne $State.domain.dnsRoot) { return $null }
    if ([string]::IsNullOrEmpty($sam)) { return $null }
    $found = Find-LabAdObject -State $State -Identity $sam -Class $script:AdAccountClasses -Dc $ctx.DomainController
    if ($null -eq $found -or $found.samAccountName -ne $sam) { return $null }
    $kind = 'Domain'
    if ($found.objectClass -eq 'group') { $kind = 'DomainGroup' }
    return @{ Kind = $kind; Name = ($State.domain.netBIOSName + '\' + $found.samAccountName); Sid = $found.objectSid; Object = $found }
}

function Test-StManagedAccount {
    param([hashtable]$Account)
    if ($null -eq $Account -or $null -eq $Account.Object) { return $false }
    return ($Account.Object.objectClass -like 'msDS-*ManagedServiceAccount')
}

function Get-StAccountAliases {
    <# Every name and SID that stands for the account in a user-rights list: itself, its groups (nested), the
       local groups it belongs to through them (Domain Admins -> Administrators), Everyone, Authenticated Users. #>
    param([hashtable]$State, [hashtable]$Account)
    $names = New-Object System.Collections.ArrayList
    [void]$names.Add($Account.Name)
    if ($Account.Sid) { [void]$names.Add($Account.Sid) }
    $everyone = @('Everyone', 'S-1-1-0', 'NT AUTHORITY\Authenticated Users', 'Authenticated Users', 'S-1-5-11', 'BUILTIN\Users', 'Users', 'S-1-5-32-545')
    $admins = @('BUILTIN\Administrators', 'Administrators', 'S-1-5-32-544')
    if ($Account.Kind -eq 'Local') {
        foreach ($x in $everyone) { [void]$names.Add($x) }
        if ($Account.Name -like '*\Administrator') { foreach ($x in $admins) { [void]$names.Add($x) } }
        return , $names
    }
    if ($Account.Kind -ne 'Domain') { return , $names }
    $o = $Account.Object
    [void]$names.Add($State.domain.dnsRoot + '\' + $o.samAccountName)
    foreach ($x in $everyone) { [void]$names.Add($x) }
    $groups = New-Object System.Collections.ArrayList
    foreach ($g in (Get-LabGroupsOf -State $State -Dn $o.distinguishedName)) { [void]$groups.Add($g) }
    # The primary group (Domain Users / Domain Computers) is not in 'member'.
    $primary = 'Domain Users'
    if ($o.objectClass -ne 'user') { $primary = 'Domain Computers' }
    $primaryGroup = Find-LabAdObject -State $State -Identity $primary -Class 'group'
    if ($null -ne $primaryGroup -and -not $groups.Contains($primaryGroup.distinguishedName)) {
        [void]$groups.Add($primaryGroup.distinguishedName)
        foreach ($g in (Get-LabGroupsOf -State $State -Dn $primaryGroup.distinguishedName)) { if (-not $groups.Contains($g)) { [void]$groups.Add($g) } }
    }
    foreach ($dn in $groups) {
        $group = Find-LabAdObject -State $State -Identity $dn -Class 'group'
        if ($null -eq $group) { continue }
        [void]$names.Add($State.domain.netBIOSName + '\' + $group.samAccountName)
        if ($group.objectSid) { [void]$names.Add($group.objectSid) }
    }
    if ($o.objectClass -eq 'user' -and (Test-LabDomainAdmin -State $State -User $o.samAccountName)) {
        foreach ($x in $admins) { [void]$names.Add($x) }
    }
    return , $names
}

function Test-StRightHeld {
    <# Whether a user-rights list (DOMAIN\name entries or SIDs, optionally '*'-prefixed) names the account. #>
    param($Entries, [System.Collections.IList]$Aliases)
    foreach ($entry in (Get-StItems $Entries)) {
        $e = ([string]$entry).Trim()
        if ($e.StartsWith('*')) { $e = $e.Substring(1) }
        foreach ($a in $Aliases) { if ($a -eq $e) { return $true } }
    }
    return $false
}

# ---------------------------------------------------------------------------------------------- definitions

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

function Resolve-StPrincipal {
    <# Completes a definition's principal the way Task Scheduler registers it, and checks its account maps to a
       SID here. -User/-Password (when given) override the principal. Returns the principal record. #>
    param([hashtable]$State, [hashtable]$Principal, [string]$User, [bool]$HasUser, [bool]$HasPassword, [string]$Cmdlet)
    $p = @{ userId = $Principal.userId; logonType = $Principal.logonType; runLevel = $Principal.runLevel; groupId = $Principal.groupId }
    if ($HasUser) {
        $p.userId = $User
        $p.groupId = $null
        $p.logonType = 'None'
    }
    if ($HasPassword) { $p.logonType = 'Password' }
    if (-not $p.groupId -and -not $p.userId) { $p.userId = Get-StCurrentUserName -State $State }
    $noneMapped = New-StError -Cmdlet $Cmdlet -HResult '0x80070534' -Message 'No mapping between account names and security IDs was done.' -Category 'NotSpecified' -Target $p.userId
    if ($p.groupId) {
        $group = Resolve-StAccount -State $State -Name $p.groupId
        if ($null -eq $group -or ($group.Kind -ne 'LocalGroup' -and $group.Kind -ne 'DomainGroup')) {
            throw (New-StError -Cmdlet $Cmdlet -HResult '0x80070534' -Message 'No mapping between account names and security IDs was done.' -Target $p.groupId)
        }
        $p.userId = $null
        $p.logonType = 'Group'
        return $p
    }
    $account = Resolve-StAccount -State $State -Name $p.userId
    if ($null -eq $account -or $account.Kind -eq 'LocalGroup' -or $account.Kind -eq 'DomainGroup') { throw $noneMapped }
    if ($account.Kind -eq 'Service') {
        # SYSTEM, LOCAL SERVICE and NETWORK SERVICE always run as service accounts; Task Scheduler shows the short name.
        $p.userId = $account.Name
        $p.logonType = 'ServiceAccount'
        return $p
    }
    if ($HasPassword -and (Test-StManagedAccount $account)) {
        # A managed service account has no password anyone can type: LogonUser refuses the one given.
        throw (New-StError -Cmdlet $Cmdlet -HResult '0x8007052e' -Message 'The user name or password is incorrect.' -Target $p.userId)
    }
    if ($p.logonType -eq 'None') { $p.logonType = 'Interactive' }
    return $p
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

# ---------------------------------------------------------------------------------------------- running

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

function Expand-StPath {
    param([string]$Path)
    $p = $Path.Trim().Trim('"')
    $p = $p -replace '(?i)%(SystemRoot|windir)%', 'C:\Windows'
    $p = $p -replace '(?i)%SystemDrive%', 'C:'
    $p = $p -replace '(?i)%ProgramFiles%', 'C:\Program Files'
    $p = $p -replace '(?i)%ProgramData%', 'C:\ProgramData'
    return $p.Replace('/', '\')
}

function Test-StFileExists {
    param([hashtable]$HostState, [string]$Path)
    foreach ($f in (Get-StItems $HostState.files)) { if ([string]$f -eq $Path) { return $true } }
    return $false
}

function Find-StMissingFile {
    <# The file an action needs that this host lacks, or $null: the executable (unless a bare well-known name on
       PATH), and for powershell.exe / pwsh.exe the -File script (relative to the working directory). #>
    param([hashtable]$HostState, [hashtable]$Action)
    $execute = Expand-StPath ([string]$Action.execute)
    $leaf = $execute.Substring($execute.LastIndexOf('\') + 1)
    $isPath = $execute.Contains('\')
    if ($isPath) {
        if (-not (Test-StFileExists -HostState $HostState -Path $execute)) { return $execute }
    } elseif ($script:WellKnownExecutables -notcontains $leaf) {
        if (-not (Test-StFileExists -HostState $HostState -Path $execute)) { return $execute }
    }
    if (@('powershell.exe', 'powershell', 'pwsh.exe', 'pwsh') -contains $leaf -and $Action.arguments) {
        $m = [regex]::Match([string]$Action.arguments, '(?i)(?:^|\s)[-/](?:f|file)\s+(?:"([^"]*)"|''([^'']*)''|(\S+))')
        if ($m.Success) {
            $script = $m.Groups[1].Value + $m.Groups[2].Value + $m.Groups[3].Value
            $script = Expand-StPath $script
            if (-not ($script -match '^[A-Za-z]:\\' -or $script.StartsWith('\\')) -and $Action.workingDirectory) {
                $script = (Expand-StPath ([string]$Action.workingDirectory)).TrimEnd('\') + '\' + $script.TrimStart('.').TrimStart('\')
            }
            if (-not (Test-StFileExists -HostState $HostState -Path $script)) { return $script }
        }
    }
    return $null
}

function Invoke-StRun {
    <# Runs the task now: decides the result and records it (LastRunTime, LastTaskResult, history). #>
    param([hashtable]$State, [hashtable]$HostState, [hashtable]$Task, [datetime]$Now)
    $ctx = Get-LabContext
    $uri = Get-StUri $Task
    $instance = '{' + [guid]::NewGuid().ToString() + '}'
    $principal = $Task.principal
    $runAs = $principal.userId
    if ($principal.groupId) { $runAs = Get-StCurrentUserName -State $State }
    $result = [long]0
    $missing = $null

    # 1. Logon: the account maps and can log on here with the task's logon type.
    $account = $null
    if ($principal.groupId) {
        $group = Resolve-StAccount -State $State -Name $principal.groupId
        $me = Resolve-StAccount -State $State -Name (Get-StCurrentUserName -State $State)
        if ($null -eq $group -or $null -eq $me -or -not (Test-StRightHeld -Entries @($group.Name, $group.Sid) -Aliases (Get-StAccountAliases -State $State -Account $me))) {
            $result = $script:ResultNotLoggedOn
        }
    } else {
        $account = Resolve-StAccount -State $State -Name $runAs
        if ($null -eq $account) { $result = $script:ResultNoneMapped }
    }
    if ($result -eq 0 -and $null -ne $account -and $account.Kind -ne 'Service') {
        $interactive = @('Interactive', 'InteractiveOrPassword', 'None') -contains [string]$principal.logonType
        if ($interactive) {
            # "Run only when user is logged on": only the lab session's user is logged on here.
            $loggedOn = ($account.Kind -eq 'Domain' -and $account.Object.objectClass -eq 'user' -and $account.Object.samAccountName -eq $ctx.User)
            if (-not $loggedOn) { $result = $script:ResultNotLoggedOn }
        } else {
            if ($account.Kind -eq 'Domain') {
                $o = $account.Object
                if ([math]::Abs([double]$HostState.clockSkewSeconds) -gt 300) { $result = $script:ResultTimeSkew }
                elseif ($o.enabled -eq $false) { $result = $script:ResultAccountDisabled }
                elseif ($o.objectClass -eq 'msDS-ManagedServiceAccount') {
                    $access = Test-LabManagedPasswordAccess -State $State -Account $o -Computer $ctx.Computer
                    $installed = $false
                    foreach ($i in (Get-StItems $HostState.installedAccounts)) {
                        if (([string]$i).TrimEnd('$') -eq ([string]$o.samAccountName).TrimEnd('$')) { $installed = $true }
                    }
                    if (-not $access.Allowed -or -not $installed) { $result = $script:ResultLogonFailure }
                } elseif ($o.objectClass -like 'msDS-*ManagedServiceAccount') {
                    $access = Test-LabManagedPasswordAccess -State $State -Account $o -Computer $ctx.Computer
                    if (-not $access.Allowed -or -not (Test-LabEncryptionTypesMatch -State $State -Account $o -Computer $ctx.Computer)) {
                        $result = $script:ResultLogonFailure
                    }
                } elseif ($o.objectClass -ne 'user') {
                    $result = $script:ResultLogonFailure
                }
            }
            # 2. "Log on as a batch job" (and not denied it).
            if ($result -eq 0) {
                $aliases = Get-StAccountAliases -State $State -Account $account
                $granted = Test-StRightHeld -Entries $HostState.userRights['SeBatchLogonRight'] -Aliases $aliases
                $denied = Test-StRightHeld -Entries $HostState.userRights['SeDenyBatchLogonRight'] -Aliases $aliases
                if (-not $granted -or $denied) { $result = $script:ResultLogonType }
            }
        }
    }
    # 3. The action's file.
    if ($result -eq 0) {
        foreach ($a in $Task.actions) {
            $missing = Find-StMissingFile -HostState $HostState -Action $a
            if ($null -ne $missing) { $result = $script:ResultFileNotFound; break }
        }
    }

    $Task.lastRunTime = ConvertTo-LabDateText $Now
    $Task.lastTaskResult = $result
    if ($Task.state -ne 'Disabled') { $Task.state = 'Ready' }
    $user = [string]$runAs
    $starter = Get-StCurrentUserName -State $State
    Add-StHistory -HostState $HostState -Task $Task -Now $Now -EventId 110 -Message "Task Scheduler launched `"$instance`"  instance of task `"$uri`"  for user `"$starter`" ."
    if ($result -eq $script:ResultFileNotFound) {
        $action = [string]$Task.actions[0].execute
        Add-StHistory -HostState $HostState -Task $Task -Now $Now -EventId 100 -Message "Task Scheduler started `"$instance`" instance of the `"$uri`" task for user `"$user`"."
        Add-StHistory -HostState $HostState -Task $Task -Now $Now -EventId 203 -Message "Task Scheduler failed to launch action `"$action`" in instance `"$instance`" of task `"$uri`". Additional Data: Error Value: $result. (not found: $missing)"
        Add-StHistory -HostState $HostState -Task $Task -Now $Now -EventId 103 -Message "Task Scheduler failed to start instance `"$instance`" of `"$uri`" task for user `"$user`". Additional Data: Error Value: $result."
    } elseif ($result -ne 0) {
        $why = $script:ResultMessages[[string]$result]
        Add-StHistory -HostState $HostState -Task $Task -Now $Now -EventId 101 -Message "Task Scheduler failed to start `"$uri`" task for user `"$user`". Additional Data: Error Value: $result. ($why)"
    } else {
        Add-StHistory -HostState $HostState -Task $Task -Now $Now -EventId 100 -Message "Task Scheduler started `"$instance`" instance of the `"$uri`" task for user `"$user`"."
        foreach ($a in $Task.actions) {
            $exe = [string]$a.execute
            Add-StHistory -HostState $HostState -Task $Task -Now $Now -EventId 200 -Message "Task Scheduler launched action `"$exe`" in instance `"$instance`" of task `"$uri`"."
            Add-StHistory -HostState $HostState -Task $Task -Now $Now -EventId 201 -Message "Task Scheduler successfully completed task `"$uri`" , instance `"$instance`" , action `"$exe`" with return code 0."
        }
        Add-StHistory -HostState $HostState -Task $Task -Now $Now -EventId 102 -Message "Task Scheduler successfully finished `"$instance`" instance of the `"$uri`" task for user `"$user`"."
    }
    return $result
}

# ---------------------------------------------------------------------------------------------- New-* (objects)

function LabImpl-New-ScheduledTaskAction {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        Assert-StService -State (Get-LabState) -Cmdlet $name
        $arguments = $null
        $directory = $null
        if (-not (Test-StBlank $Bound['Argument'])) { $arguments = $Bound['Argument'] }
        if (-not (Test-StBlank $Bound['WorkingDirectory'])) { $directory = $Bound['WorkingDirectory'] }
        New-StCim -Class 'MSFT_TaskExecAction' -Values @{ Id = $Bound['Id']; Arguments = $arguments; Execute = $Bound['Execute']; WorkingDirectory = $directory }
    }
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

function LabImpl-New-ScheduledTaskPrincipal {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        Assert-StService -State (Get-LabState) -Cmdlet $name
        $logonType = 'None'
        if ($Bound.ContainsKey('LogonType')) { $logonType = [string]$Bound['LogonType'] }
        if ($Cmdlet.ParameterSetName -eq 'Group') { $logonType = 'Group' }
        $runLevel = 'Limited'
        if ($Bound.ContainsKey('RunLevel')) { $runLevel = [string]$Bound['RunLevel'] }
        $id = 'Author'
        if (-not (Test-StBlank $Bound['Id'])) { $id = $Bound['Id'] }
        $sidType = 'Default'
        if ($Bound.ContainsKey('ProcessTokenSidType')) { $sidType = [string]$Bound['ProcessTokenSidType'] }
        $privileges = $null
        if ($Bound.ContainsKey('RequiredPrivilege')) { $privileges = [string[]]$Bound['RequiredPrivilege'] }
        New-StCim -Class 'MSFT_TaskPrincipal2' -Values @{
            DisplayName = $null; GroupId = $Bound['GroupId']; Id = $id; LogonType = $logonType; RunLevel = $runLevel
            UserId = $Bound['UserId']; ProcessTokenSidType = $sidType; RequiredPrivilege = $privileges
        }
    }
}

function LabImpl-New-ScheduledTaskSettingsSet {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        Assert-StService -State (Get-LabState) -Cmdlet $name
        $s = New-StDefaultSettings
        $switches = @{
            AllowStartIfOnBatteries = @('disallowStartIfOnBatteries', $false); Disable = @('enabled', $false)
            DisallowDemandStart = @('allowDemandStart', $false); DisallowHardTerminate = @('allowHardTerminate', $false)
            DisallowStartOnRemoteAppSession = @('disallowStartOnRemoteAppSession', $true)
            DontStopIfGoingOnBatteries = @('stopIfGoingOnBatteries', $false); Hidden = @('hidden', $true)
            RunOnlyIfIdle = @('runOnlyIfIdle', $true); RunOnlyIfNetworkAvailable = @('runOnlyIfNetworkAvailable', $true)
            StartWhenAvailable = @('startWhenAvailable', $true); WakeToRun = @('wakeToRun', $true)
        }
        foreach ($k in $switches.Keys) {
            if ($Bound.ContainsKey($k) -and $Bound[$k]) { $s[$switches[$k][0]] = $switches[$k][1] }
        }
        if ($Bound.ContainsKey('Compatibility')) { $s.compatibility = [string]$Bound['Compatibility'] }
        if ($Bound.ContainsKey('MultipleInstances')) { $s.multipleInstances = [string]$Bound['MultipleInstances'] }
        if ($Bound.ContainsKey('ExecutionTimeLimit')) { $s.executionTimeLimit = ConvertTo-StDuration $Bound['ExecutionTimeLimit'] }
        if ($Bound.ContainsKey('DeleteExpiredTaskAfter')) { $s.deleteExpiredTaskAfter = ConvertTo-StDuration $Bound['DeleteExpiredTaskAfter'] }
        if ($Bound.ContainsKey('RestartInterval')) { $s.restartInterval = ConvertTo-StDuration $Bound['RestartInterval'] }
        if ($Bound.ContainsKey('RestartCount')) { $s.restartCount = [int]$Bound['RestartCount'] }
        if ($Bound.ContainsKey('Priority')) { $s.priority = [int]$Bound['Priority'] }
        if ($Bound.ContainsKey('IdleDuration')) { $s.idleSettings.idleDuration = ConvertTo-StDuration $Bound['IdleDuration'] }
        if ($Bound.ContainsKey('IdleWaitTimeout')) { $s.idleSettings.waitTimeout = ConvertTo-StDuration $Bound['IdleWaitTimeout'] }
        if ($Bound.ContainsKey('RestartOnIdle') -and $Bound['RestartOnIdle']) { $s.idleSettings.restartOnIdle = $true }
        if ($Bound.ContainsKey('DontStopOnIdleEnd') -and $Bound['DontStopOnIdleEnd']) { $s.idleSettings.stopOnIdleEnd = $false }
        if ($Bound.ContainsKey('NetworkId')) { $s.networkSettings.id = $Bound['NetworkId'] }
        if ($Bound.ContainsKey('NetworkName')) { $s.networkSettings.name = $Bound['NetworkName'] }
        if ($Bound.ContainsKey('MaintenanceDeadline') -or $Bound.ContainsKey('MaintenancePeriod') -or $Bound.ContainsKey('MaintenanceExclusive')) {
            $s.maintenanceSettings = @{
                deadline = (ConvertTo-StDuration $Bound['MaintenanceDeadline'])
                exclusive = [bool]($Bound.ContainsKey('MaintenanceExclusive') -and $Bound['MaintenanceExclusive'])
                period = (ConvertTo-StDuration $Bound['MaintenancePeriod'])
            }
        }
        ConvertTo-StCim -Record $s -Class 'MSFT_TaskSettings3'
    }
}

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

# ---------------------------------------------------------------------------------------------- queries

function Select-StTasks {
    <# The cmdletization query behind Get-/Unregister-ScheduledTask: wildcards allowed; each plain value that
       matched nothing is reported (TaskName first, then TaskPath). Returns @{ Tasks; Missing }. #>
    param([hashtable]$HostState, [hashtable]$Bound)
    $names = @()
    $paths = @()
    if ($Bound.ContainsKey('TaskName') -and $null -ne $Bound['TaskName']) { $names = @($Bound['TaskName']) }
    if ($Bound.ContainsKey('TaskPath') -and $null -ne $Bound['TaskPath']) { $paths = @($Bound['TaskPath']) }
    $tasks = New-Object System.Collections.ArrayList
    foreach ($t in $HostState.tasks) {
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

function LabImpl-Get-ScheduledTaskInfo {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        $state = Get-LabState
        Assert-StService -State $state -Cmdlet $name
        $task = Get-StExistingTask -HostState (Get-StHost -State $state) -Key (Get-StTaskKey $Bound) -Cmdlet $name
        $now = (Get-LabNow -State $state).ToLocalTime()
        $last = $script:NeverRun
        if ($task.lastRunTime) { $last = (ConvertFrom-LabDateText $task.lastRunTime).ToLocalTime() }
        New-StCim -Class 'MSFT_TaskDynamicInfo' -Values @{
            LastRunTime = $last; LastTaskResult = [uint32]$task.lastTaskResult; NextRunTime = (Get-StNextRunTime -Task $task -Now $now)
            NumberOfMissedRuns = [uint32]$task.numberOfMissedRuns; TaskName = $task.taskName; TaskPath = $task.taskPath
        }
    }
}

# ---------------------------------------------------------------------------------------------- registration

function LabImpl-Register-ScheduledTask {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        $state = Get-LabState
        Assert-StService -State $state -Cmdlet $name
        $taskName = [string]$Bound['TaskName']
        $taskPath = $Bound['TaskPath']
        switch ($Cmdlet.ParameterSetName) {
            'Xml' { $definition = ConvertFrom-StTaskXml -Xml $Bound['Xml'] -Cmdlet $name }
            'Object' {
                $definition = New-StDefinitionFromObject -Task $Bound['InputObject'] -Cmdlet $name
                if ([string]::IsNullOrEmpty($taskName)) { $taskName = [string](Get-StValue $Bound['InputObject'] 'TaskName') }
                if ($null -eq $taskPath) { $taskPath = Get-StValue $Bound['InputObject'] 'TaskPath' }
            }
            default {
                $definition = @{ description = $null; actions = (New-Object System.Collections.ArrayList); triggers = (New-Object System.Collections.ArrayList)
                    principal = @{ userId = $null; logonType = 'None'; runLevel = 'Limited'; groupId = $null }; settings = (New-StDefaultSettings) }
                foreach ($a in (Get-StItems $Bound['Action'])) { [void]$definition.actions.Add((ConvertTo-StActionRecord $a $name)) }
                foreach ($t in (Get-StItems $Bound['Trigger'])) { [void]$definition.triggers.Add((ConvertTo-StTriggerRecord $t $name)) }
                if ($null -ne $Bound['Settings']) { $definition.settings = ConvertTo-StSettingsRecord $Bound['Settings'] }
                if (-not (Test-StBlank $Bound['Description'])) { $definition.description = $Bound['Description'] }
                if ($Cmdlet.ParameterSetName -eq 'Principal') { $definition.principal = ConvertTo-StPrincipalRecord $Bound['Principal'] }
                elseif ($Bound.ContainsKey('RunLevel')) { $definition.principal.runLevel = [string]$Bound['RunLevel'] }
            }
        }
        if (-not (Test-StBlank $Bound['Description'])) { $definition.description = $Bound['Description'] }
        if ([string]::IsNullOrEmpty($taskName)) {
            throw (New-StError -Cmdlet $name -HResult '0x80070057' -Message 'The parameter is incorrect.' -Category 'InvalidArgument' -Target 'TaskName')
        }
        $taskPath = ConvertTo-StTaskPath ([string]$taskPath)
        $uri = $taskPath + $taskName
        Assert-StElevated -Cmdlet $name -Target $uri
        Test-StDefinition -Definition $definition -Cmdlet $name -Target $uri
        $definition.principal = Resolve-StPrincipal -State $state -Principal $definition.principal -User ([string]$Bound['User']) `
            -HasUser (-not (Test-StBlank $Bound['User'])) -HasPassword (-not (Test-StBlank $Bound['Password'])) -Cmdlet $name
        $force = [bool]($Bound.ContainsKey('Force') -and $Bound['Force'])
        if (-not $Cmdlet.ShouldProcess($uri, 'Register scheduled task')) { return }
        $now = Get-LabNow -State $state
        $starter = Get-StCurrentUserName -State $state
        $ctx = Get-LabContext
        $task = Update-LabState -Script {
            param($s)
            $h = $s.hosts[$ctx.Computer]
            $existing = Find-StTask -HostState $h -Name $taskName -Path $taskPath
            if ($null -ne $existing -and -not $force) {
                throw (New-StError -Cmdlet $name -HResult '0x800700b7' -Message 'Cannot create a file when that file already exists.' -Category 'ResourceExists' -Target $uri)
            }
            if ($null -eq $existing) {
                $existing = @{ taskName = $taskName; taskPath = $taskPath; description = $null; state = 'Ready'
                    actions = $null; triggers = $null; principal = $null; settings = $null; registered = (ConvertTo-LabDateText $now)
                    lastRunTime = $null; lastTaskResult = $script:ResultNotYetRun; numberOfMissedRuns = 0
                    history = (New-Object System.Collections.ArrayList) }
                if ($null -eq $h.tasks) { $h.tasks = New-Object System.Collections.ArrayList }
                [void]$h.tasks.Add($existing)
                Set-StTaskDefinition -Task $existing -Definition $definition
                Add-StHistory -HostState $h -Task $existing -Now $now -EventId 106 -Message "User `"$starter`"  registered Task Scheduler task `"$uri`""
            } else {
                Set-StTaskDefinition -Task $existing -Definition $definition
                $existing.registered = ConvertTo-LabDateText $now
                Add-StHistory -HostState $h -Task $existing -Now $now -EventId 140 -Message "User `"$starter`"  updated Task Scheduler task `"$uri`""
            }
            return $existing
        }
        ConvertTo-StTaskCim $task
    }
}

function LabImpl-Set-ScheduledTask {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        $state = Get-LabState
        Assert-StService -State $state -Cmdlet $name
        $key = Get-StTaskKey $Bound
        $current = Get-StExistingTask -HostState (Get-StHost -State $state) -Key $key -Cmdlet $name
        $uri = Get-StUri $current
        Assert-StElevated -Cmdlet $name -Target $uri
        if ($Cmdlet.ParameterSetName -eq 'Object') {
            $definition = New-StDefinitionFromObject -Task $Bound['InputObject'] -Cmdlet $name
        } else {
            $definition = @{ description = $current.description; actions = $current.actions; triggers = $current.triggers; principal = $current.principal; settings = $current.settings }
            if ($Bound.ContainsKey('Action')) {
                $definition.actions = New-Object System.Collections.ArrayList
                foreach ($a in (Get-StItems $Bound['Action'])) { [void]$definition.actions.Add((ConvertTo-StActionRecord $a $name)) }
            }
            if ($Bound.ContainsKey('Trigger')) {
                $definition.triggers = New-Object System.Collections.ArrayList
                foreach ($t in (Get-StItems $Bound['Trigger'])) { [void]$definition.triggers.Add((ConvertTo-StTriggerRecord $t $name)) }
            }
            if ($Bound.ContainsKey('Settings') -and $null -ne $Bound['Settings']) { $definition.settings = ConvertTo-StSettingsRecord $Bound['Settings'] }
            if ($Bound.ContainsKey('Principal') -and $null -ne $Bound['Principal']) { $definition.principal = ConvertTo-StPrincipalRecord $Bound['Principal'] }
        }
        Test-StDefinition -Definition $definition -Cmdlet $name -Target $uri
        $definition.principal = Resolve-StPrincipal -State $state -Principal $definition.principal -User ([string]$Bound['User']) `
            -HasUser (-not (Test-StBlank $Bound['User'])) -HasPassword (-not (Test-StBlank $Bound['Password'])) -Cmdlet $name
        $now = Get-LabNow -State $state
        $starter = Get-StCurrentUserName -State $state
        $ctx = Get-LabContext
        $task = Update-LabState -Script {
            param($s)
            $h = $s.hosts[$ctx.Computer]
            $t = Get-StExistingTask -HostState $h -Key $key -Cmdlet $name
            Set-StTaskDefinition -Task $t -Definition $definition
            Add-StHistory -HostState $h -Task $t -Now $now -EventId 140 -Message "User `"$starter`"  updated Task Scheduler task `"$uri`""
            return $t
        }
        ConvertTo-StTaskCim $task
    }
}

function LabImpl-Unregister-ScheduledTask {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        $state = Get-LabState
        Assert-StService -State $state -Cmdlet $name
        $h0 = Get-StHost -State $state
        $targets = New-Object System.Collections.ArrayList
        $missing = New-Object System.Collections.ArrayList
        if ($Bound.ContainsKey('InputObject')) {
            foreach ($o in (Get-StItems $Bound['InputObject'])) {
                $k = @{ Name = [string](Get-StValue $o 'TaskName'); Path = (ConvertTo-StTaskPath ([string](Get-StValue $o 'TaskPath'))) }
                [void]$targets.Add((Get-StExistingTask -HostState $h0 -Key $k -Cmdlet $name))
            }
        } else {
            $found = Select-StTasks -HostState $h0 -Bound $Bound
            foreach ($t in $found.Tasks) { [void]$targets.Add($t) }
            foreach ($m in $found.Missing) { [void]$missing.Add($m) }
        }
        if ($targets.Count -gt 0) { Assert-StElevated -Cmdlet $name -Target (Get-StUri $targets[0]) }
        $passThru = [bool]($Bound.ContainsKey('PassThru') -and $Bound['PassThru'])
        # The real cmdlet's ConfirmImpact is High: with the default $ConfirmPreference (High) it asks before each
        # deletion unless -Confirm:$false (a non-interactive session cannot answer: the call fails). The generated
        # signature has the default impact, so that prompt is made here.
        $whatIf = [bool]($Bound.ContainsKey('WhatIf') -and $Bound['WhatIf'])
        $confirmPreference = [string]$Cmdlet.SessionState.PSVariable.GetValue('ConfirmPreference')
        $mustConfirm = (-not $Bound.ContainsKey('Confirm')) -and (-not $whatIf) -and ($confirmPreference -ne 'None')
        $ctx = Get-LabContext
        foreach ($t in $targets) {
            $uri = Get-StUri $t
            if ($mustConfirm) {
                $query = 'Performing the operation "Delete" on target "' + $uri + '".'
                if (-not $Cmdlet.ShouldContinue($query, 'Are you sure you want to perform this action?')) { continue }
            } elseif (-not $Cmdlet.ShouldProcess($uri, 'Delete')) { continue }
            $taskName = $t.taskName
            $taskPath = $t.taskPath
            Update-LabState -Script {
                param($s)
                $h = $s.hosts[$ctx.Computer]
                $keep = New-Object System.Collections.ArrayList
                foreach ($x in $h.tasks) { if (-not ($x.taskName -eq $taskName -and $x.taskPath -eq $taskPath)) { [void]$keep.Add($x) } }
                $h.tasks = $keep
            } | Out-Null
            if ($passThru) { ConvertTo-StTaskCim $t }
        }
        foreach ($m in $missing) {
            Write-StError -Cmdlet $Cmdlet -Record (New-StNotFoundError -Cmdlet $name -Property $m.Property -Value $m.Value)
        }
    }
}

# ---------------------------------------------------------------------------------------------- task actions

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

function LabImpl-Enable-ScheduledTask {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        $task = Update-StTask -Cmdlet $name -Key (Get-StTaskKey $Bound) -Change {
            param($s, $h, $t, $now)
            $t.settings.enabled = $true
            if ($t.state -eq 'Disabled') { $t.state = 'Ready' }
            $starter = Get-StCurrentUserName -State $s
            Add-StHistory -HostState $h -Task $t -Now $now -EventId 140 -Message ("User `"$starter`"  updated Task Scheduler task `"" + (Get-StUri $t) + '"')
        }
        ConvertTo-StTaskCim $task
    }
}

function LabImpl-Disable-ScheduledTask {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        $task = Update-StTask -Cmdlet $name -Key (Get-StTaskKey $Bound) -Change {
            param($s, $h, $t, $now)
            $t.settings.enabled = $false
            $t.state = 'Disabled'
            $starter = Get-StCurrentUserName -State $s
            Add-StHistory -HostState $h -Task $t -Now $now -EventId 142 -Message ("User `"$starter`"  disabled Task Scheduler task `"" + (Get-StUri $t) + '"')
        }
        ConvertTo-StTaskCim $task
    }
}

function LabImpl-Start-ScheduledTask {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        Update-StTask -Cmdlet $name -Key (Get-StTaskKey $Bound) -Change {
            param($s, $h, $t, $now)
            if ($t.state -eq 'Disabled') {
                throw (New-StError -Cmdlet $name -HResult '0x80041326' -Message 'The task is disabled.' -Category 'InvalidOperation' -Target (Get-StUri $t))
            }
            # A task already running ignores the new request (MultipleInstances IgnoreNew, the default).
            if ($t.state -eq 'Running') { return }
            [void](Invoke-StRun -State $s -HostState $h -Task $t -Now $now)
        } | Out-Null
    }
}

function LabImpl-Stop-ScheduledTask {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        Update-StTask -Cmdlet $name -Key (Get-StTaskKey $Bound) -Change {
            param($s, $h, $t, $now)
            # Stopping a task that is not running does nothing.
            if ($t.state -ne 'Running') { return }
            $t.state = 'Ready'
            $t.lastTaskResult = $script:ResultTerminated
            Add-StHistory -HostState $h -Task $t -Now $now -EventId 111 -Message ("Task Scheduler terminated `"" + (Get-StUri $t) + '" task.')
        } | Out-Null
    }
}

Export-ModuleMember -Function Disable-ScheduledTask, Enable-ScheduledTask, Get-ScheduledTask, Get-ScheduledTaskInfo, New-ScheduledTask,
    New-ScheduledTaskAction, New-ScheduledTaskPrincipal, New-ScheduledTaskSettingsSet, New-ScheduledTaskTrigger,
    Register-ScheduledTask, Set-ScheduledTask, Start-ScheduledTask, Stop-ScheduledTask, Unregister-ScheduledTask
