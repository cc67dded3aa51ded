# Running tasks: Start-/Stop-ScheduledTask, the rules that decide a run's result (logon: the account maps, is enabled,
# its stored password still logs it on; the batch logon right; the action's file) and record it, and
# Get-ScheduledTaskInfo, which reports LastRunTime/LastTaskResult/NextRunTime.

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

# Executables every Windows computer finds on PATH.
$script:WellKnownExecutables = @('powershell.exe', 'powershell', 'pwsh.exe', 'pwsh', 'cmd.exe', 'cmd')

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
    return (Test-StBuiltinFile -Path $Path)
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
                elseif ([string]$principal.logonType -eq 'Password' -and $null -ne (Get-StPasswordRefusal -State $State -Object $o)) {
                    # The stored password no longer logs the user on (expired, must change, locked out): Task
                    # Scheduler records ERROR_LOGON_FAILURE for each run until the task gets a new password. (An
                    # S4U task stores no password: the DC does not check one.)
                    $result = $script:ResultLogonFailure
                }
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
