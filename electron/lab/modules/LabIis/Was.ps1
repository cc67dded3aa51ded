# WAS (Windows Process Activation Service) starting a pool. A pool under a built-in identity (ApplicationPoolIdentity,
# NetworkService, LocalService, LocalSystem) always starts. A SpecificUser identity is logged on with the pool's
# logon type, LogonBatch (processModel.logonType), so the account must:
#   - exist and be enabled, the host's clock within Kerberos' 5 minutes of the DC's;
#   - for a gMSA/dMSA: be retrievable by this host (Test-LabManagedPasswordAccess in LabCore, the one rule the
#     lab's Test-ADServiceAccount and Task Scheduler use: the computer's current ticket decides) with a shared
#     Kerberos encryption type; for an sMSA: be linked to this host and installed here; in both cases with an empty
#     password in the configuration (WAS fetches the managed password itself);
#   - for a user: have a password (the lab keeps no user passwords, so any non-empty one is taken as right);
#   - hold "Log on as a batch job" (SeBatchLogonRight) on the host, directly or through a group it is in (IIS setup
#     grants it to IIS_IUSRS; the lab's local groups are the domain's Builtin groups, CN=Builtin), and not be
#     denied it (SeDenyBatchLogonRight).
# When it cannot, the pool stops and WAS writes to the System log what Windows writes: 5021 (identity invalid), then,
# as the first request finds the pool without a worker process, 5057 (disabled: identity invalid) and 5059 (disabled:
# failure starting a worker process). The lab writes the three at once, as an admin finds them after one recycle
# and one request.

$script:WasMessages = @{
    5021 = "The identity of application pool {0} is invalid. The user name or password that is specified for the identity may be incorrect, or the user may not have batch logon rights. If the identity is not corrected, the application pool will be disabled when the application pool receives its first request.  If batch logon rights are causing the problem, the identity in the IIS configuration store must be changed after rights have been granted before Windows Process Activation Service (WAS) can retry the logon. If the identity remains invalid after the first request for the application pool is processed, the application pool will be disabled. The data field contains the error number."
    5057 = 'Application pool {0} has been disabled. Windows Process Activation Service (WAS) did not create a worker process to serve the application pool because the application pool identity is invalid.'
    5059 = 'Application pool {0} has been disabled. Windows Process Activation Service (WAS) encountered a failure when it started a worker process to serve the application pool.'
}
$script:WasLevels = @{ 5021 = 'Warning'; 5057 = 'Warning'; 5059 = 'Error' }

# Win32 errors LogonUser returns, carried in 5021's data field.
$script:LogonFailure = 1326        # ERROR_LOGON_FAILURE: unknown user name or bad password
$script:AccountDisabled = 1331     # ERROR_ACCOUNT_DISABLED
$script:TimeSkew = 1398            # ERROR_TIME_SKEW
$script:LogonTypeNotGranted = 1385 # ERROR_LOGON_TYPE_NOT_GRANTED: no batch logon right

function Resolve-LabIisAccount {
    <# The domain account a processModel.userName names (DOMAIN\name, name@dns.domain or name; a managed account's
       name ends with $ as its sAMAccountName does), or $null. #>
    param([hashtable]$State, [string]$UserName)
    $n = $UserName.Trim()
    $sam = $n
    if ($n.Contains('\')) {
        $domain = $n.Substring(0, $n.IndexOf('\'))
        if ($domain -ne $State.domain.netBIOSName -and $domain -ne $State.domain.dnsRoot) { return $null }
        $sam = $n.Substring($n.IndexOf('\') + 1)
    } elseif ($n.Contains('@')) {
        if ($n.Substring($n.IndexOf('@') + 1) -ne $State.domain.dnsRoot) { return $null }
        $sam = $n.Substring(0, $n.IndexOf('@'))
    }
    if ([string]::IsNullOrEmpty($sam)) { return $null }
    $classes = @('user', 'msDS-ManagedServiceAccount', 'msDS-GroupManagedServiceAccount', 'msDS-DelegatedManagedServiceAccount')
    $found = Find-LabAdObject -State $State -Identity $sam -Class $classes -Dc (Get-LabContext).DomainController
    if ($null -eq $found -or $found.samAccountName -ne $sam) { return $null }
    return $found
}

function Get-LabIisAccountAliases {
    <# Every entry of a user-rights list that stands for $Account: its names and SID, its groups' (nested, with the
       primary group), the Builtin groups as BUILTIN\<name>, Everyone and Authenticated Users; a user is also in the
       host's Users group (through Domain Users). #>
    param([hashtable]$State, [hashtable]$Account)
    $netbios = $State.domain.netBIOSName
    $names = New-Object System.Collections.ArrayList
    foreach ($x in @(($netbios + '\' + $Account.samAccountName), ($State.domain.dnsRoot + '\' + $Account.samAccountName), $Account.objectSid,
            'Everyone', 'S-1-1-0', 'NT AUTHORITY\Authenticated Users', 'Authenticated Users', 'S-1-5-11')) { [void]$names.Add([string]$x) }
    if ($Account.objectClass -eq 'user') { foreach ($x in @('BUILTIN\Users', 'Users', 'S-1-5-32-545')) { [void]$names.Add($x) } }
    $groups = New-Object System.Collections.ArrayList
    foreach ($g in (Get-LabGroupsOf -State $State -Dn $Account.distinguishedName)) { [void]$groups.Add($g) }
    $primary = 'Domain Computers'
    if ($Account.objectClass -eq 'user') { $primary = 'Domain Users' }
    $primaryGroup = Find-LabAdObject -State $State -Identity $primary -Class 'group'
    if ($null -ne $primaryGroup) {
        [void]$groups.Add($primaryGroup.distinguishedName)
        foreach ($g in (Get-LabGroupsOf -State $State -Dn $primaryGroup.distinguishedName)) { [void]$groups.Add($g) }
    }
    foreach ($dn in $groups) {
        $g = Find-LabAdObject -State $State -Identity $dn -Class 'group'
        if ($null -eq $g) { continue }
        [void]$names.Add([string]$g.objectSid)
        if ([string]$g.objectSid -like 'S-1-5-32-*') { [void]$names.Add('BUILTIN\' + $g.name); [void]$names.Add([string]$g.name) }
        else { [void]$names.Add($netbios + '\' + $g.samAccountName) }
    }
    return , $names
}

function Test-LabIisRightHeld {
    param($Entries, [System.Collections.IList]$Aliases)
    foreach ($entry in @($Entries)) {
        if ($null -eq $entry) { continue }
        $e = ([string]$entry).Trim().TrimStart('*')
        foreach ($a in $Aliases) { if ([string]::Equals($a, $e, [System.StringComparison]::OrdinalIgnoreCase)) { return $true } }
    }
    return $false
}

function Test-LabIisPoolIdentity {
    <# Whether WAS can log the pool's identity on here: @{ Ok; Error (the Win32 code LogonUser gives); Reason }. #>
    param([hashtable]$State, [hashtable]$HostState, [hashtable]$Pool, [string]$Computer)
    $pm = $Pool.processModel
    if ($pm.identityType -ne 'SpecificUser') { return @{ Ok = $true; Error = 0; Reason = 'BuiltIn' } }
    $fail = { param($code, $why) return @{ Ok = $false; Error = $code; Reason = $why } }
    $account = Resolve-LabIisAccount -State $State -UserName ([string]$pm.userName)
    if ($null -eq $account) { return (& $fail $script:LogonFailure 'UnknownAccount') }
    if ($account.enabled -eq $false) { return (& $fail $script:AccountDisabled 'Disabled') }
    if ([math]::Abs([double]$HostState.clockSkewSeconds) -gt 300) { return (& $fail $script:TimeSkew 'ClockSkew') }
    if ($account.objectClass -eq 'user') {
        if ([string]::IsNullOrEmpty([string]$pm.password)) { return (& $fail $script:LogonFailure 'NoPassword') }
    } else {
        if (-not [string]::IsNullOrEmpty([string]$pm.password)) { return (& $fail $script:LogonFailure 'PasswordGivenForManagedAccount') }
        $access = Test-LabManagedPasswordAccess -State $State -Account $account -Computer $Computer
        if (-not $access.Allowed) { return (& $fail $script:LogonFailure ('PasswordNotRetrievable:' + $access.Reason)) }
        if ($account.objectClass -eq 'msDS-ManagedServiceAccount') {
            $installed = @($HostState.installedAccounts | Where-Object { ([string]$_).TrimEnd('$') -eq ([string]$account.samAccountName).TrimEnd('$') })
            if ($installed.Count -eq 0) { return (& $fail $script:LogonFailure 'NotInstalled') }
        } elseif (-not (Test-LabEncryptionTypesMatch -State $State -Account $account -Computer $Computer)) {
            return (& $fail $script:LogonFailure 'EncryptionTypes')
        }
    }
    $aliases = Get-LabIisAccountAliases -State $State -Account $account
    $granted = Test-LabIisRightHeld -Entries $HostState.userRights['SeBatchLogonRight'] -Aliases $aliases
    $denied = Test-LabIisRightHeld -Entries $HostState.userRights['SeDenyBatchLogonRight'] -Aliases $aliases
    if (-not $granted -or $denied) { return (& $fail $script:LogonTypeNotGranted 'NoBatchLogonRight') }
    return @{ Ok = $true; Error = 0; Reason = 'LoggedOn' }
}

function Add-LabIisWasEvent {
    <# One WAS event in the host's System log (hosts.<computer>.systemEvents, the log LabTools' Get-WinEvent reads
       with the Service Control Manager's), in the shape the SCM's events have. 5021's data field (the Win32 error)
       has no text in the message, as in Event Viewer's General tab. #>
    param([hashtable]$HostState, [int]$Id, [string]$Pool, [datetime]$Now)
    $entry = @{ time = (ConvertTo-LabDateText $Now); eventId = $Id; providerName = 'Microsoft-Windows-WAS'; level = $script:WasLevels[$Id]
        message = ($script:WasMessages[$Id] -f $Pool) }
    $list = New-Object System.Collections.ArrayList
    if ($HostState.ContainsKey('systemEvents')) { foreach ($e in @($HostState.systemEvents)) { if ($null -ne $e) { [void]$list.Add($e) } } }
    [void]$list.Add($entry)
    $HostState.systemEvents = $list
}

function Start-LabIisPool {
    <# Inside Update-LabState: WAS starts (or recycles) $Pool. Returns $true when it runs; otherwise it is Stopped
       and the System log has WAS's events. #>
    param([hashtable]$State, [hashtable]$Pool)
    $computer = (Get-LabContext).Computer
    $hostState = Get-LabHost -State $State -Name $computer
    $check = Test-LabIisPoolIdentity -State $State -HostState $hostState -Pool $Pool -Computer $computer
    if ($check.Ok) {
        $Pool.state = 'Started'
        # How many times WAS started (or recycled into) a worker process for this pool: a recycle leaves a trace in
        # the state even when the pool was Started before and after (tests prove a re-run recycles nothing).
        $starts = 0
        if ($Pool.ContainsKey('workerProcessStarts')) { $starts = [int]$Pool.workerProcessStarts }
        $Pool.workerProcessStarts = $starts + 1
        return $true
    }
    $Pool.state = 'Stopped'
    $now = Get-LabNow -State $State -Utc
    foreach ($id in @(5021, 5057, 5059)) { Add-LabIisWasEvent -HostState $hostState -Id $id -Pool ([string]$Pool.name) -Now $now }
    return $false
}

function Test-LabIisRotationOnConfigChange {
    <# Whether WAS rotates (recycles) $Pool's worker processes when its configuration changes: unless the pool's
       recycling@disallowRotationOnConfigChange is true. IIS configuration reference, applicationPools/add/recycling
       (learn.microsoft.com/previous-versions/iis/settings-schema/bb386464): "disallowRotationOnConfigChange ...
       Specifies whether the WWW Service should rotate worker processes in an application pool when the
       configuration has changed. The default value is false." (also ApplicationPoolRecycling.
       DisallowRotationOnConfigChange in Microsoft.Web.Administration). #>
    param([hashtable]$Pool)
    if ($Pool.ContainsKey('recycling') -and $null -ne $Pool.recycling -and [bool]$Pool.recycling.disallowRotationOnConfigChange) { return $false }
    return $true
}

function Update-LabIisPoolOnConfigChange {
    <# Inside Update-LabState, after a committed change to pool $PoolName's processModel (identityType, userName,
       password, ...): a Started pool is recycled as WAS recycles it on the change notification, which logs the new
       identity on (Start-LabIisPool: a bad identity stops the pool with 5021/5057/5059). A Stopped pool stays
       stopped (WAS starts nothing), and so does every pool when disallowRotationOnConfigChange is true. #>
    param([hashtable]$State, [string]$PoolName)
    $pool = Find-LabIisPool -Iis (Get-LabIisConfig -State $State -ForWrite) -Name $PoolName
    if ($null -eq $pool -or $pool.state -ne 'Started') { return }
    if (-not (Test-LabIisRotationOnConfigChange -Pool $pool)) { return }
    [void](Start-LabIisPool -State $State -Pool $pool)
}
