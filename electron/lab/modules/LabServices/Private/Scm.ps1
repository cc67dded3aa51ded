# The lab's Service Control Manager: one model of a host's services that the service cmdlets (LabServices) and CIM's
# Win32_Service (CimCmdlets) both read and change, as on Windows, where both end at the SCM. Dot-sourced by both
# modules. Windows PowerShell 5.1 syntax only.
#
# A host's services: the built-in catalogue (BuiltinServices.psd1) plus hosts.<computer>.services (services created
# here, and built-in ones once changed), minus hosts.<computer>.removedServices. What starting a service checks, in
# the SCM's order: marked for deletion (1072), already running (1056), disabled (1058), its dependencies (1068), the
# account's logon (1069: a managed account the host can't retrieve the password of, a user whose password the SCM
# does not hold or the DC refuses (expired, must change, locked out), no "Log on as a service" right), the process it
# shares (1079), its binary (2). Each failure writes the System log events the SCM writes (7038 / 7041, then 7000 or
# 7001); each state change writes 7036.

# Account resolution and user-rights membership are the Task Scheduler's (the same LSA answers both): one definition.
. (Join-Path $PSScriptRoot '../../ScheduledTasks/Private/Values.ps1')
. (Join-Path $PSScriptRoot '../../ScheduledTasks/Private/Accounts.ps1')

$script:BuiltinServices = (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot '../BuiltinServices.psd1')).Services
$script:ScmProvider = 'Service Control Manager'

# Win32 error texts (FormatMessage) for the codes the lab's SCM returns.
$script:Win32Messages = @{
    2    = 'The system cannot find the file specified.'
    1056 = 'An instance of the service is already running.'
    1057 = 'The account name is invalid or does not exist, or the password is invalid for the account name specified.'
    1058 = 'The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.'
    1068 = 'The dependency service or group failed to start.'
    1069 = 'The service did not start due to a logon failure.'
    1072 = 'The specified service has been marked for deletion.'
    1079 = 'The account specified for this service is different from the account specified for other services running in the same process.'
}

# Accounts every service may run as, without a password or a right to check (StartName as the SCM stores them).
$script:BuiltinServiceAccounts = @{
    'LOCALSYSTEM' = 'LocalSystem'; '.\LOCALSYSTEM' = 'LocalSystem'; 'NT AUTHORITY\SYSTEM' = 'LocalSystem'
    'NT AUTHORITY\LOCALSERVICE' = 'NT AUTHORITY\LocalService'; 'NT AUTHORITY\LOCAL SERVICE' = 'NT AUTHORITY\LocalService'
    'NT AUTHORITY\NETWORKSERVICE' = 'NT AUTHORITY\NetworkService'; 'NT AUTHORITY\NETWORK SERVICE' = 'NT AUTHORITY\NetworkService'
}

function Get-ScmWin32Message {
    param([int]$Code)
    if ($script:Win32Messages.ContainsKey($Code)) { return $script:Win32Messages[$Code] }
    return ('Error ' + $Code + '.')
}

function Copy-ScmRecord {
    <# A built-in catalogue entry as a state record (the fields state.ts's serviceSchema lists). #>
    param([hashtable]$Entry, [hashtable]$HostState)
    $state = 'Running'
    if ($Entry.name -eq 'Schedule' -and -not $HostState.taskSchedulerRunning) { $state = 'Stopped' }
    $processId = [int]$Entry.processId
    if ($state -ne 'Running') { $processId = 0 }
    return @{
        name = [string]$Entry.name; displayName = [string]$Entry.displayName; binaryPath = [string]$Entry.binaryPath
        startType = [string]$Entry.startType; state = $state; account = [string]$Entry.account
        description = [string]$Entry.description; dependsOn = @($Entry.dependsOn); serviceType = [string]$Entry.serviceType
        processId = $processId; exitCode = 0; passwordFor = $null; deletePending = $false
    }
}

function Get-ScmServices {
    <# Every service on the host by name, as state records (built-ins as copies: changing one goes through Find-ScmService). #>
    param([hashtable]$HostState)
    $list = New-Object System.Collections.ArrayList
    $recorded = @{}
    foreach ($s in (Get-StItems $HostState.services)) { $recorded[([string]$s.name).ToUpperInvariant()] = $true }
    $removed = @(foreach ($r in (Get-StItems $HostState.removedServices)) { ([string]$r).ToUpperInvariant() })
    foreach ($b in $script:BuiltinServices) {
        $key = ([string]$b.name).ToUpperInvariant()
        if ($recorded.ContainsKey($key) -or $removed -contains $key) { continue }
        if (@($b.productTypes) -notcontains [string]$HostState.productType) { continue }
        [void]$list.Add((Copy-ScmRecord -Entry $b -HostState $HostState))
    }
    foreach ($s in (Get-StItems $HostState.services)) {
        if ($s.name -eq 'Schedule') { $s.state = @('Stopped', 'Running')[[int][bool]$HostState.taskSchedulerRunning] }
        [void]$list.Add($s)
    }
    # By name, as the SCM enumerates them (EnumServicesStatusEx): Get-Service and Win32_Service list them so.
    $sorted = New-Object System.Collections.ArrayList
    foreach ($s in @($list | Sort-Object -Property @{ Expression = { ([string]$_.name).ToUpperInvariant() } })) { [void]$sorted.Add($s) }
    return , $sorted
}

function Find-ScmService {
    <# The service named $Name (case-insensitive) on the host, or $null. A built-in one is put into
       $HostState.services first, so a change made to it is saved. #>
    param([hashtable]$HostState, [string]$Name)
    foreach ($s in (Get-ScmServices -HostState $HostState)) {
        if ([string]$s.name -ne $Name) { continue }
        foreach ($r in (Get-StItems $HostState.services)) { if ([object]::ReferenceEquals($r, $s)) { return $s } }
        $list = New-Object System.Collections.ArrayList
        foreach ($r in (Get-StItems $HostState.services)) { [void]$list.Add($r) }
        [void]$list.Add($s)
        $HostState.services = $list
        return $s
    }
    return $null
}

function Remove-ScmService {
    <# Deletes the service from the host (a built-in one is remembered in removedServices). #>
    param([hashtable]$HostState, [hashtable]$Service)
    $keep = New-Object System.Collections.ArrayList
    foreach ($r in (Get-StItems $HostState.services)) { if ([string]$r.name -ne [string]$Service.name) { [void]$keep.Add($r) } }
    if ($keep.Count -gt 0) { $HostState.services = $keep } else { [void]$HostState.Remove('services') }
    foreach ($b in $script:BuiltinServices) {
        if ([string]$b.name -eq [string]$Service.name) {
            $removed = New-Object System.Collections.ArrayList
            foreach ($n in (Get-StItems $HostState.removedServices)) { [void]$removed.Add($n) }
            [void]$removed.Add([string]$b.name)
            $HostState.removedServices = $removed
        }
    }
}

function Get-ScmDependents {
    <# The services that depend on $Name (directly), in host order. #>
    param([hashtable]$HostState, [string]$Name)
    $out = New-Object System.Collections.ArrayList
    foreach ($s in (Get-ScmServices -HostState $HostState)) {
        foreach ($d in (Get-StItems $s.dependsOn)) { if ([string]$d -eq $Name) { [void]$out.Add($s); break } }
    }
    return , $out
}

function Add-ScmEvent {
    <# One System log event from the Service Control Manager (read by Get-WinEvent, LabTools/HostFiles.ps1). #>
    param([hashtable]$HostState, [int]$EventId, [string]$Level, [string]$Message)
    $list = New-Object System.Collections.ArrayList
    foreach ($e in (Get-StItems $HostState.systemEvents)) { [void]$list.Add($e) }
    [void]$list.Add(@{ time = (ConvertTo-LabDateText (Get-LabNow -Utc)); eventId = $EventId; providerName = $script:ScmProvider; level = $Level; message = $Message })
    $HostState.systemEvents = $list
}

function ConvertTo-ScmAccountName {
    <# StartName as the SCM stores it: the built-in accounts in their canonical spelling, anything else as given. #>
    param([string]$Name)
    $key = $Name.Trim().ToUpperInvariant()
    if ($script:BuiltinServiceAccounts.ContainsKey($key)) { return $script:BuiltinServiceAccounts[$key] }
    return $Name.Trim()
}

function Test-ScmBuiltinAccount {
    param([string]$Account, [string]$ServiceName)
    if ($script:BuiltinServiceAccounts.ContainsKey($Account.ToUpperInvariant())) { return $true }
    # A virtual account: NT SERVICE\<the service's own name>.
    return ($Account -eq ('NT SERVICE\' + $ServiceName))
}

function Test-ScmAccountValid {
    <# Whether ChangeServiceConfig accepts $Account for the service (ERROR_INVALID_SERVICE_ACCOUNT otherwise): a
       built-in account, the service's virtual account, or an account LookupAccountName maps to a user, a managed
       service account or a local user (a gMSA only with its trailing '$'). #>
    param([hashtable]$State, [string]$Account, [string]$ServiceName)
    if (Test-ScmBuiltinAccount -Account $Account -ServiceName $ServiceName) { return $true }
    $resolved = Resolve-StAccount -State $State -Name $Account
    if ($null -eq $resolved) { return $false }
    if ($resolved.Kind -eq 'Local') { return $true }
    if ($resolved.Kind -ne 'Domain') { return $false }
    return ($resolved.Object.objectClass -ne 'computer')
}

function Test-ScmLogon {
    <# Can the SCM log the service's account on, as a service, on this host? @{ Ok; EventId; Reason } where the
       failure is 7038 (the password: a managed account the host can't retrieve, a user whose password the SCM does
       not hold, a disabled account) or 7041 (not granted "Log on as a service", or denied it). #>
    param([hashtable]$State, [hashtable]$HostState, [string]$Computer, [hashtable]$Service)
    $account = [string]$Service.account
    if (Test-ScmBuiltinAccount -Account $account -ServiceName ([string]$Service.name)) { return @{ Ok = $true } }
    $resolved = Resolve-StAccount -State $State -Name $account
    $badPassword = @{ Ok = $false; EventId = 7038; Reason = 'The user name or password is incorrect.' }
    if ($null -eq $resolved) { return $badPassword }
    if ($resolved.Kind -eq 'Domain') {
        $o = $resolved.Object
        if ($o.enabled -eq $false) { return @{ Ok = $false; EventId = 7038; Reason = "This user can't sign in because this account is currently disabled." } }
        if ([math]::Abs([double]$HostState.clockSkewSeconds) -gt 300) {
            return @{ Ok = $false; EventId = 7038; Reason = 'The time at the Primary Domain Controller is different than the time at the Backup Domain Controller or member server by too large an amount.' }
        }
        if ($o.objectClass -eq 'msDS-ManagedServiceAccount') {
            # An sMSA: linked to this computer and installed here (Install-ADServiceAccount).
            $access = Test-LabManagedPasswordAccess -State $State -Account $o -Computer $Computer
            $installed = $false
            foreach ($i in (Get-StItems $HostState.installedAccounts)) {
                if (([string]$i).TrimEnd('$') -eq ([string]$o.samAccountName).TrimEnd('$')) { $installed = $true }
            }
            if (-not $access.Allowed -or -not $installed) { return $badPassword }
        } elseif ($o.objectClass -like 'msDS-*ManagedServiceAccount') {
            # A gMSA / dMSA: the host must be allowed to retrieve the password now (its current ticket's groups).
            $access = Test-LabManagedPasswordAccess -State $State -Account $o -Computer $Computer
            if (-not $access.Allowed -or -not (Test-LabEncryptionTypesMatch -State $State -Account $o -Computer $Computer)) { return $badPassword }
        } elseif ([string]$Service.passwordFor -ne $account) {
            # A user account: the SCM holds the password given with the account; none was given for this one.
            return $badPassword
        } else {
            # The password the SCM holds is right, but the DC may refuse it (FormatMessage of 1330, 1907, 1909).
            $refusal = Get-StPasswordRefusal -State $State -Object $o
            if ($refusal -eq 'PasswordExpired') { return @{ Ok = $false; EventId = 7038; Reason = 'The password for this account has expired.' } }
            if ($refusal -eq 'MustChange') { return @{ Ok = $false; EventId = 7038; Reason = "The user's password must be changed before signing in." } }
            if ($refusal -eq 'LockedOut') { return @{ Ok = $false; EventId = 7038; Reason = 'The referenced account is currently locked out and may not be logged on to.' } }
        }
    } elseif ([string]$Service.passwordFor -ne $account) {
        return $badPassword
    }
    $aliases = Get-StAccountAliases -State $State -Account $resolved
    $granted = Test-StRightHeld -Entries $HostState.userRights['SeServiceLogonRight'] -Aliases $aliases
    $denied = Test-StRightHeld -Entries $HostState.userRights['SeDenyServiceLogonRight'] -Aliases $aliases
    if (-not $granted -or $denied) {
        return @{ Ok = $false; EventId = 7041; Reason = 'Logon failure: the user has not been granted the requested logon type at this computer.' }
    }
    return @{ Ok = $true }
}

function Get-ScmImagePath {
    <# The executable of a binary path: "C:\Program Files\App\app.exe" -k x -> C:\Program Files\App\app.exe. #>
    param([string]$BinaryPath)
    $p = $BinaryPath.Trim()
    if ($p.StartsWith('"')) { return $p.Substring(1, $p.IndexOf('"', 1) - 1) }
    $exe = $p.ToLowerInvariant().IndexOf('.exe')
    if ($exe -ge 0) { return $p.Substring(0, $exe + 4) }
    return ($p -split ' ')[0]
}

function Test-ScmImageExists {
    <# Windows' own binaries (under C:\Windows) always exist; anything else must be in hosts.<computer>.files. #>
    param([hashtable]$HostState, [string]$BinaryPath)
    $image = Get-ScmImagePath -BinaryPath $BinaryPath
    if ($image -match '^[A-Za-z]:\\Windows\\') { return $true }
    foreach ($f in (Get-StItems $HostState.files)) { if ([string]$f -eq $image) { return $true } }
    return $false
}

function Set-ScmState {
    param([hashtable]$HostState, [hashtable]$Service, [string]$NewState, [int]$ProcessId)
    $Service.state = $NewState
    $Service.processId = $ProcessId
    # A new (or no) process: it logs on as the configured account (runningAs: see Win32_Service.Change).
    if ($Service.ContainsKey('runningAs')) { $Service.Remove('runningAs') }
    if ($Service.name -eq 'Schedule') { $HostState.taskSchedulerRunning = ($NewState -eq 'Running') }
    $word = 'stopped'
    if ($NewState -eq 'Running') { $word = 'running' }
    Add-ScmEvent -HostState $HostState -EventId 7036 -Level 'Information' -Message ('The ' + $Service.displayName + ' service entered the ' + $word + ' state.')
}

function Get-ScmNewProcessId {
    param([hashtable]$HostState)
    $max = 4000
    foreach ($s in (Get-ScmServices -HostState $HostState)) { if ([int]$s.processId -gt $max) { $max = [int]$s.processId } }
    return ($max + 4)
}

function Start-ScmService {
    <# StartService: starts the service (and the services it depends on); returns the Win32 error code (0 = started). #>
    param([hashtable]$State, [hashtable]$HostState, [string]$Computer, [hashtable]$Service, [int]$Depth = 0)
    if ($Service.deletePending) { return 1072 }
    if ($Service.state -eq 'Running') { return 1056 }
    if ($Service.startType -eq 'Disabled') { return 1058 }
    foreach ($d in (Get-StItems $Service.dependsOn)) {
        $dependency = Find-ScmService -HostState $HostState -Name ([string]$d)
        $code = 1068
        if ($null -ne $dependency -and $Depth -lt 16) {
            $code = Start-ScmService -State $State -HostState $HostState -Computer $Computer -Service $dependency -Depth ($Depth + 1)
        }
        if ($code -eq 1056) { continue }
        if ($code -ne 0) {
            $name = [string]$d
            if ($null -ne $dependency) { $name = [string]$dependency.displayName }
            Add-ScmEvent -HostState $HostState -EventId 7001 -Level 'Error' -Message ('The ' + $Service.displayName + ' service depends on the ' + $name +
                " service which failed to start because of the following error: `r`n" + (Get-ScmWin32Message $code))
            return 1068
        }
    }
    $code = 0
    $logon = Test-ScmLogon -State $State -HostState $HostState -Computer $Computer -Service $Service
    if (-not $logon.Ok) {
        $code = 1069
        if ($logon.EventId -eq 7041) {
            Add-ScmEvent -HostState $HostState -EventId 7041 -Level 'Error' -Message ('The ' + $Service.name + ' service was unable to log on as ' + $Service.account +
                " with the currently configured password due to the following error: `r`n" + $logon.Reason + "`r`n`r`nService: " + $Service.name +
                "`r`nDomain and account: " + $Service.account + "`r`n`r`nThis service account does not have the required user right `"Log on as a service.`"" +
                "`r`n`r`nUser Action`r`n`r`nAssign `"Log on as a service`" to the service account on this computer. You can use Local Security Settings (Secpol.msc) to do this. " +
                'If this computer is a node in a cluster, check that this user right is assigned to the Cluster service account on all nodes in the cluster.' +
                "`r`n`r`nIf you have already assigned this user right to the service account, and the user right appears to be removed, check with your domain administrator " +
                'to find out if a Group Policy object associated with this node might be removing the right.')
        } else {
            Add-ScmEvent -HostState $HostState -EventId 7038 -Level 'Error' -Message ('The ' + $Service.name + ' service was unable to log on as ' + $Service.account +
                " with the currently configured password due to the following error: `r`n" + $logon.Reason + "`r`n`r`nTo ensure that the service is configured properly, use the Services snap-in in Microsoft Management Console (MMC).")
        }
    }
    $peerProcess = 0
    if ($code -eq 0 -and $Service.serviceType -eq 'Win32ShareProcess') {
        # Services sharing a process (the same svchost group) must run as one account.
        foreach ($peer in (Get-ScmServices -HostState $HostState)) {
            if ($peer.name -eq $Service.name -or $peer.state -ne 'Running' -or $peer.serviceType -ne 'Win32ShareProcess') { continue }
            if ([string]$peer.binaryPath -ne [string]$Service.binaryPath) { continue }
            if ((ConvertTo-ScmAccountName $peer.account) -ne (ConvertTo-ScmAccountName $Service.account)) { $code = 1079; break }
            $peerProcess = [int]$peer.processId
        }
    }
    if ($code -eq 0 -and -not (Test-ScmImageExists -HostState $HostState -BinaryPath ([string]$Service.binaryPath))) { $code = 2 }
    if ($code -ne 0) {
        $Service.exitCode = $code
        Add-ScmEvent -HostState $HostState -EventId 7000 -Level 'Error' -Message ('The ' + $Service.displayName +
            " service failed to start due to the following error: `r`n" + (Get-ScmWin32Message $code))
        return $code
    }
    if ($peerProcess -eq 0) { $peerProcess = Get-ScmNewProcessId -HostState $HostState }
    $Service.exitCode = 0
    Set-ScmState -HostState $HostState -Service $Service -NewState 'Running' -ProcessId $peerProcess
    return 0
}

function Stop-ScmService {
    <# Stops one service (its dependents must be stopped first); a service marked for deletion then goes. #>
    param([hashtable]$HostState, [hashtable]$Service)
    if ($Service.state -ne 'Running') { return }
    $Service.exitCode = 0
    Set-ScmState -HostState $HostState -Service $Service -NewState 'Stopped' -ProcessId 0
    if ($Service.deletePending) { Remove-ScmService -HostState $HostState -Service $Service }
}

function Get-ScmRunningDependents {
    <# The running services that depend on $Service, directly or not, deepest first (the order to stop them). #>
    param([hashtable]$HostState, [hashtable]$Service, [int]$Depth = 0)
    $out = New-Object System.Collections.ArrayList
    if ($Depth -gt 16) { return , $out }
    foreach ($d in (Get-ScmDependents -HostState $HostState -Name ([string]$Service.name))) {
        if ($d.state -ne 'Running') { continue }
        foreach ($deeper in (Get-ScmRunningDependents -HostState $HostState -Service $d -Depth ($Depth + 1))) { if (-not $out.Contains($deeper)) { [void]$out.Add($deeper) } }
        if (-not $out.Contains($d)) { [void]$out.Add($d) }
    }
    return , $out
}
