# CimInstance look-alikes: the CIM classes (properties in the real order, base classes, embedded instances, enums)
# and the conversions between those objects and the state's camelCase records.

$script:Ns = 'Root/Microsoft/Windows/TaskScheduler'

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
