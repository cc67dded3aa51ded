# CIM's Win32_Service (root/cimv2) on the lab computer's SCM (LabServices/Private/Scm.ps1): its real properties, and
# its methods Change, ChangeStartMode, StartService, StopService and Delete with the documented return values
# (learn.microsoft.com/windows/win32/cimwin32prov/win32-service, "Change method of the Win32_Service class" and the
# Win32_BaseService methods). The provider turns the SCM's Win32 errors into those values; an error the list has no
# value for (1079: another account in the same process) is 8, Unknown failure. Windows PowerShell 5.1 syntax only.

$script:ServiceClass = 'Win32_Service'
$script:StartModeNames = @{ Automatic = 'Auto'; Manual = 'Manual'; Disabled = 'Disabled'; Boot = 'Boot'; System = 'System' }
$script:StartModeValues = @{ 'BOOT' = 'Boot'; 'SYSTEM' = 'System'; 'AUTOMATIC' = 'Automatic'; 'AUTO' = 'Automatic'; 'MANUAL' = 'Manual'; 'DISABLED' = 'Disabled' }
# Change's parameters, in the documented order.
$script:ChangeParameters = @('DisplayName', 'PathName', 'ServiceType', 'ErrorControl', 'StartMode', 'DesktopInteract', 'StartName',
    'StartPassword', 'LoadOrderGroup', 'LoadOrderGroupDependencies', 'ServiceDependencies')
$script:MethodParameters = @{
    Change = $script:ChangeParameters; ChangeStartMode = @('StartMode'); StartService = @(); StopService = @(); Delete = @()
    PauseService = @(); ResumeService = @(); InterrogateService = @(); UserControlService = @('ControlCode'); GetSecurityDescriptor = @(); SetSecurityDescriptor = @('Descriptor')
}

function ConvertTo-LabWin32Service {
    <# One Win32_Service instance: a PSObject with the class's properties and the CimInstance type names. #>
    param([hashtable]$Service, [string]$Computer)
    $running = ($Service.state -eq 'Running')
    $type = 'Own Process'
    if ($Service.serviceType -eq 'Win32ShareProcess') { $type = 'Share Process' }
    $exit = [uint32]$Service.exitCode
    $o = [pscustomobject][ordered]@{
        Name                    = [string]$Service.name
        Status                  = 'OK'
        ExitCode                = $exit
        DesktopInteract         = $false
        ErrorControl            = 'Normal'
        PathName                = [string]$Service.binaryPath
        ServiceType             = $type
        StartMode               = $script:StartModeNames[[string]$Service.startType]
        Caption                 = [string]$Service.displayName
        Description             = $Service.description
        InstallDate             = $null
        CreationClassName       = $script:ServiceClass
        Started                 = $running
        SystemCreationClassName = 'Win32_ComputerSystem'
        SystemName              = $Computer
        AcceptPause             = $false
        AcceptStop              = $running
        DisplayName             = [string]$Service.displayName
        CheckPoint              = [uint32]0
        ProcessId               = [uint32]$Service.processId
        ServiceSpecificExitCode = [uint32]0
        StartName               = [string]$Service.account
        State                   = [string]$Service.state
        TagId                   = [uint32]0
        WaitHint                = [uint32]0
        DelayedAutoStart        = $false
        PSComputerName          = $null
    }
    foreach ($t in @('CIM_ManagedSystemElement', 'CIM_LogicalElement', 'CIM_Service', 'Win32_BaseService', 'Win32_Service')) {
        $o.PSObject.TypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/' + $t)
    }
    $o.PSObject.TypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimInstance#Win32_Service')
    $o.PSObject.TypeNames.Add('Microsoft.Management.Infrastructure.CimInstance')
    return $o
}

function Test-LabWqlCondition {
    <# One WQL condition on an instance: Prop = 'v', Prop <> 'v', Prop != 'v', Prop LIKE 'p%' (case-insensitive). #>
    param($Instance, [string]$Property, [string]$Operator, [string]$Value)
    $p = $Instance.PSObject.Properties[$Property]
    if ($null -eq $p) { return $null }
    $actual = [string]$p.Value
    switch ($Operator.ToUpperInvariant()) {
        '=' { return ($actual -eq $Value) }
        '<>' { return ($actual -ne $Value) }
        '!=' { return ($actual -ne $Value) }
        'LIKE' {
            $pattern = [System.Management.Automation.WildcardPattern]::Escape($Value).Replace('%', '*').Replace('_', '?')
            return ($actual -like $pattern)
        }
    }
    return $null
}

function Test-LabWqlFilter {
    <# A WQL WHERE clause, the subset the lab reads: conditions joined by AND / OR (AND binds first), values quoted
       with ' or ", booleans TRUE / FALSE, numbers. $null: the filter is not in that subset (invalid query). #>
    param($Instance, [string]$Filter)
    # A backslash escapes \, ' and " inside a string (the WHERE clause documentation); a doubled quote is read too.
    $rx = '^\s*(\w+)\s*(=|<>|!=|\s+LIKE\s+)\s*(''((?:\\.|[^''\\]|'''')*)''|"((?:\\.|[^"\\]|"")*)"|(TRUE|FALSE)|(-?\d+))\s*(?:(AND|OR)\b|$)'
    $rest = $Filter
    $orGroups = New-Object System.Collections.ArrayList
    $current = $true
    while ($rest.Trim().Length -gt 0) {
        $m = [regex]::Match($rest, $rx, 'IgnoreCase')
        if (-not $m.Success) { return $null }
        $value = $m.Groups[4].Value
        if ($m.Groups[5].Success) { $value = $m.Groups[5].Value }
        if ($m.Groups[6].Success) { $value = [string]($m.Groups[6].Value -eq 'TRUE') }
        if ($m.Groups[7].Success) { $value = $m.Groups[7].Value }
        if ($m.Groups[4].Success) { $value = [regex]::Replace($value, "\\(.)|''", { param($x) if ($x.Value -eq "''") { "'" } else { $x.Groups[1].Value } }) }
        if ($m.Groups[5].Success) { $value = [regex]::Replace($value, '\\(.)|""', { param($x) if ($x.Value -eq '""') { '"' } else { $x.Groups[1].Value } }) }
        $ok = Test-LabWqlCondition -Instance $Instance -Property $m.Groups[1].Value -Operator $m.Groups[2].Value.Trim() -Value $value
        if ($null -eq $ok) { return $null }
        $current = $current -and $ok
        $rest = $rest.Substring($m.Length)
        if ($m.Groups[8].Value -ieq 'OR') { [void]$orGroups.Add($current); $current = $true }
        elseif (-not $m.Groups[8].Success -and $rest.Trim().Length -gt 0) { return $null }
    }
    [void]$orGroups.Add($current)
    return ($orGroups -contains $true)
}

function Get-LabWin32Services {
    <# The instances on the lab computer matching a WQL filter ($null: all); throws the CIM error of a bad query. #>
    param([string]$Filter, [string]$Command)
    $ctx = Get-LabContext
    $hostState = Get-LabHost -State (Get-LabState) -Name $ctx.Computer
    foreach ($s in (Get-ScmServices -HostState $hostState)) {
        $o = ConvertTo-LabWin32Service -Service $s -Computer $ctx.Computer
        if ([string]::IsNullOrEmpty($Filter)) { $o; continue }
        $ok = Test-LabWqlFilter -Instance $o -Filter $Filter
        if ($null -eq $ok) { throw (New-LabCimError -Message 'Invalid query ' -HResult '0x80041017' -Command $Command -Category 'InvalidArgument' -Target $Filter) }
        if ($ok) { $o }
    }
}

function New-LabCimResult {
    param([uint32]$ReturnValue)
    $r = [pscustomobject][ordered]@{ ReturnValue = $ReturnValue; PSComputerName = $null }
    $r.PSObject.TypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimMethodResult')
    return $r
}

function ConvertTo-LabCimReturn {
    <# The Win32_Service return value for an SCM error (0 = success). #>
    param([int]$Code)
    switch ($Code) {
        0 { return 0 }
        2 { return 9 }      # the binary: Path Not Found
        5 { return 2 }      # Access Denied
        1056 { return 10 }  # Service Already Running
        1057 { return 22 }  # Status Invalid Service Account
        1058 { return 14 }  # Service Disabled
        1068 { return 13 }  # Service Dependency Failure
        1069 { return 15 }  # Service Logon Failed
        1072 { return 16 }  # Service Marked For Deletion
    }
    return 8                # Unknown Failure
}

function Invoke-LabWin32ServiceMethod {
    <# One method on one Win32_Service instance (by name); returns the method's ReturnValue. #>
    param([string]$Name, [string]$Method, [System.Collections.IDictionary]$Arguments, [string]$Command)
    $ctx = Get-LabContext
    $result = Update-LabState -Script {
        param($s)
        $h = Get-LabHost -State $s -Name $ctx.Computer
        $svc = Find-ScmService -HostState $h -Name $Name
        if ($null -eq $svc) { return @{ NotFound = $true } }
        if (-not $ctx.Elevated) { return @{ Value = 2 } }
        switch ($Method) {
            'StartService' { return @{ Value = (ConvertTo-LabCimReturn (Start-ScmService -State $s -HostState $h -Computer $ctx.Computer -Service $svc)) } }
            'StopService' {
                if ($svc.state -ne 'Running') { return @{ Value = 5 } }
                if ((Get-ScmRunningDependents -HostState $h -Service $svc).Count -gt 0) { return @{ Value = 3 } }
                Stop-ScmService -HostState $h -Service $svc
                return @{ Value = 0 }
            }
            'Delete' {
                if ($svc.deletePending) { return @{ Value = 16 } }
                # DeleteService marks the service; the SCM removes it once it is stopped.
                if ($svc.state -eq 'Running') { $svc.deletePending = $true } else { Remove-ScmService -HostState $h -Service $svc }
                return @{ Value = 0 }
            }
            'ChangeStartMode' {
                $mode = [string]$Arguments['StartMode']
                if (-not $script:StartModeValues.ContainsKey($mode.ToUpperInvariant())) { return @{ Value = 21 } }
                $svc.startType = $script:StartModeValues[$mode.ToUpperInvariant()]
                return @{ Value = 0 }
            }
            'Change' {
                if ($svc.deletePending) { return @{ Value = 16 } }
                # Validate everything first: ChangeServiceConfig changes nothing when one value is bad.
                if ($Arguments.Contains('StartMode') -and $null -ne $Arguments['StartMode'] -and -not $script:StartModeValues.ContainsKey(([string]$Arguments['StartMode']).ToUpperInvariant())) { return @{ Value = 21 } }
                if ($Arguments.Contains('ServiceType') -and $null -ne $Arguments['ServiceType'] -and @(16, 32) -notcontains [int]$Arguments['ServiceType']) { return @{ Value = 21 } }
                $account = $null
                if ($Arguments.Contains('StartName') -and -not [string]::IsNullOrEmpty([string]$Arguments['StartName'])) {
                    $account = ConvertTo-ScmAccountName ([string]$Arguments['StartName'])
                    if (-not (Test-ScmAccountValid -State $s -Account $account -ServiceName ([string]$svc.name))) { return @{ Value = 22 } }
                }
                if ($Arguments.Contains('DisplayName') -and -not [string]::IsNullOrEmpty([string]$Arguments['DisplayName'])) { $svc.displayName = [string]$Arguments['DisplayName'] }
                if ($Arguments.Contains('PathName') -and -not [string]::IsNullOrEmpty([string]$Arguments['PathName'])) { $svc.binaryPath = [string]$Arguments['PathName'] }
                if ($Arguments.Contains('StartMode') -and $null -ne $Arguments['StartMode']) { $svc.startType = $script:StartModeValues[([string]$Arguments['StartMode']).ToUpperInvariant()] }
                if ($Arguments.Contains('ServiceType') -and $null -ne $Arguments['ServiceType']) { $svc.serviceType = @{ 16 = 'Win32OwnProcess'; 32 = 'Win32ShareProcess' }[[int]$Arguments['ServiceType']] }
                if ($Arguments.Contains('ServiceDependencies') -and $null -ne $Arguments['ServiceDependencies']) { $svc.dependsOn = @($Arguments['ServiceDependencies'] | ForEach-Object { [string]$_ }) }
                if ($null -ne $account) {
                    # StartPassword as ChangeServiceConfig reads it: null leaves the stored password (it stays the
                    # previous account's; a managed account needs none), '' stores an empty one. The lab checks no
                    # password (it holds none): a non-empty one counts as the account's.
                    if ($Arguments.Contains('StartPassword') -and $null -ne $Arguments['StartPassword']) {
                        if ([string]::IsNullOrEmpty([string]$Arguments['StartPassword'])) { $svc.passwordFor = $null } else { $svc.passwordFor = $account }
                    }
                    # A running process keeps the account it logged on as until the service restarts.
                    if ($svc.state -eq 'Running' -and -not $svc.ContainsKey('runningAs') -and $account -ne [string]$svc.account) { $svc.runningAs = [string]$svc.account }
                    elseif ($svc.ContainsKey('runningAs') -and $account -eq [string]$svc.runningAs) { $svc.Remove('runningAs') }
                    $svc.account = $account
                }
                return @{ Value = 0 }
            }
        }
        return @{ Value = 1 }   # Not Supported (PauseService and the other methods the lab doesn't model)
    }
    if ($result.NotFound) { throw (New-LabCimError -Message 'Not found ' -HResult '0x80041002' -Command $Command -Category 'ObjectNotFound' -Target $Name) }
    return [uint32]$result.Value
}
