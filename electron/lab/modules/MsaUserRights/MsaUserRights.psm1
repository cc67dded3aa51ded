# MsaUserRights: the wizard's user-rights tool, lab edition. On Windows the app ships a module of the same name whose
# commands call LSA (LsaOpenPolicy, LsaEnumerateAccountsWithUserRight, LsaAddAccountRights, LsaRemoveAccountRights):
# one account is added to or removed from one right, and no other account or right is rewritten (unlike
# secedit /configure, which replaces whole lists). Here the same commands work on state.hosts[<computer>].userRights.
#
# Errors (the same on Windows and in the lab):
#   not elevated / not an administrator: System.UnauthorizedAccessException 'Access is denied.',
#     FQID 'LsaOpenPolicyAccessDenied,<Verb-Noun>', PermissionDenied
#   unknown right: System.ArgumentException, FQID 'NoSuchPrivilege,<Verb-Noun>', InvalidArgument
#   account that does not resolve: System.ComponentModel.Win32Exception (NativeErrorCode 1332, ERROR_NONE_MAPPED),
#     FQID 'HRESULT 0x80070534,<Verb-Noun>', ObjectNotFound
#   unknown computer: System.ComponentModel.Win32Exception 1722, FQID 'LsaOpenPolicyFailed,<Verb-Noun>'
# Windows PowerShell 5.1 syntax only.
Import-Module LabCore

$script:KnownRights = @(
    'SeAssignPrimaryTokenPrivilege', 'SeAuditPrivilege', 'SeBackupPrivilege', 'SeChangeNotifyPrivilege',
    'SeCreateGlobalPrivilege', 'SeCreatePagefilePrivilege', 'SeCreatePermanentPrivilege', 'SeCreateSymbolicLinkPrivilege',
    'SeCreateTokenPrivilege', 'SeDebugPrivilege', 'SeDelegateSessionUserImpersonatePrivilege', 'SeEnableDelegationPrivilege',
    'SeImpersonatePrivilege', 'SeIncreaseBasePriorityPrivilege', 'SeIncreaseQuotaPrivilege', 'SeIncreaseWorkingSetPrivilege',
    'SeLoadDriverPrivilege', 'SeLockMemoryPrivilege', 'SeMachineAccountPrivilege', 'SeManageVolumePrivilege',
    'SeProfileSingleProcessPrivilege', 'SeRelabelPrivilege', 'SeRemoteShutdownPrivilege', 'SeRestorePrivilege',
    'SeSecurityPrivilege', 'SeShutdownPrivilege', 'SeSyncAgentPrivilege', 'SeSystemEnvironmentPrivilege',
    'SeSystemProfilePrivilege', 'SeSystemtimePrivilege', 'SeTakeOwnershipPrivilege', 'SeTcbPrivilege',
    'SeTimeZonePrivilege', 'SeTrustedCredManAccessPrivilege', 'SeUndockPrivilege',
    'SeBatchLogonRight', 'SeDenyBatchLogonRight', 'SeDenyInteractiveLogonRight', 'SeDenyNetworkLogonRight',
    'SeDenyRemoteInteractiveLogonRight', 'SeDenyServiceLogonRight', 'SeInteractiveLogonRight', 'SeNetworkLogonRight',
    'SeRemoteInteractiveLogonRight', 'SeServiceLogonRight'
)

# Local and well-known account names LookupAccountName resolves without asking AD.
$script:WellKnownAccounts = @{
    'Everyone' = 'Everyone'; 'Administrators' = 'BUILTIN\Administrators'; 'Users' = 'BUILTIN\Users'
    'Backup Operators' = 'BUILTIN\Backup Operators'; 'Performance Log Users' = 'BUILTIN\Performance Log Users'
    'Remote Desktop Users' = 'BUILTIN\Remote Desktop Users'; 'Guests' = 'BUILTIN\Guests'
    'LOCAL SERVICE' = 'NT AUTHORITY\LOCAL SERVICE'; 'NETWORK SERVICE' = 'NT AUTHORITY\NETWORK SERVICE'; 'SYSTEM' = 'NT AUTHORITY\SYSTEM'
    'Authenticated Users' = 'NT AUTHORITY\Authenticated Users'
}
$script:LocalAuthorities = @('BUILTIN', 'NT AUTHORITY', 'NT SERVICE', 'NT VIRTUAL MACHINE', 'IIS APPPOOL', 'Window Manager', 'Font Driver Host')

function New-MsaRightsError {
    param([System.Exception]$Exception, [string]$ErrorId, [System.Management.Automation.ErrorCategory]$Category, $Target)
    return New-Object System.Management.Automation.ErrorRecord $Exception, $ErrorId, $Category, $Target
}

function Resolve-MsaRightName {
    param([string]$Right, [string]$Command)
    foreach ($known in $script:KnownRights) { if ($known -eq $Right) { return $known } }
    # STATUS_NO_SUCH_PRIVILEGE (ERROR_NO_SUCH_PRIVILEGE, 1313).
    $exception = New-Object System.ArgumentException ("A specified privilege does not exist: '" + $Right + "'."), 'Right'
    throw (New-MsaRightsError -Exception $exception -ErrorId ('NoSuchPrivilege,' + $Command) -Category 'InvalidArgument' -Target $Right)
}

function Resolve-MsaRightsHost {
    <# LsaOpenPolicy on the target computer: needs an elevated administrator (Domain Admins are local admins). #>
    param([hashtable]$State, [string]$ComputerName, [string]$Command)
    $ctx = Get-LabContext
    $name = $ctx.Computer
    if ($ComputerName) { $name = ($ComputerName -split '\.')[0].ToUpperInvariant() }
    if ($null -eq (Get-LabHost -State $State -Name $name)) {
        $exception = New-Object System.ComponentModel.Win32Exception 1722, 'The RPC server is unavailable.'
        throw (New-MsaRightsError -Exception $exception -ErrorId ('LsaOpenPolicyFailed,' + $Command) -Category 'ConnectionError' -Target $name)
    }
    if (-not $ctx.Elevated -or -not (Test-LabDomainAdmin -State $State -User $ctx.User)) {
        throw (New-LabError -ExceptionType 'System.UnauthorizedAccessException' -Message 'Access is denied.' `
                -ErrorId ('LsaOpenPolicyAccessDenied,' + $Command) -Category 'PermissionDenied' -Target $name)
    }
    return $name
}

function Resolve-MsaAccountName {
    <# LookupAccountName/LookupAccountSid: the canonical DOMAIN\name of an account, or ERROR_NONE_MAPPED. #>
    param([hashtable]$State, [string]$Account, [string]$Computer, [string]$Command)
    $ctx = Get-LabContext
    $text = $Account.Trim()
    if ($text.StartsWith('*')) { $text = $text.Substring(1) }
    $netbios = $State.domain.netBIOSName
    if ($text -match '^S-1-') {
        $bySid = Find-LabAdObject -State $State -Identity $text -Dc $ctx.DomainController
        if ($null -ne $bySid -and $bySid.samAccountName) { return $netbios + '\' + $bySid.samAccountName }
        return $text.ToUpperInvariant()
    }
    $authority = $null
    $name = $text
    if ($text.Contains('\')) {
        $authority = $text.Substring(0, $text.IndexOf('\'))
        $name = $text.Substring($text.IndexOf('\') + 1)
    } elseif ($text.Contains('@')) {
        $authority = $text.Substring($text.IndexOf('@') + 1)
        $name = $text.Substring(0, $text.IndexOf('@'))
    }
    if ($null -ne $authority) {
        foreach ($local in $script:LocalAuthorities) {
            if ($local -eq $authority) {
                if ($local -eq 'BUILTIN' -or $local -eq 'NT AUTHORITY') {
                    foreach ($key in $script:WellKnownAccounts.Keys) {
                        if ($key -eq $name -and $script:WellKnownAccounts[$key].StartsWith($local + '\')) { return $script:WellKnownAccounts[$key] }
                    }
                }
                return $local + '\' + $name
            }
        }
    } else {
        foreach ($key in $script:WellKnownAccounts.Keys) { if ($key -eq $name) { return $script:WellKnownAccounts[$key] } }
    }
    if ($null -eq $authority -or $authority -eq $netbios -or $authority -eq $State.domain.dnsRoot) {
        $object = Find-LabAdObject -State $State -Identity $name -Dc $ctx.DomainController
        if ($null -ne $object -and $object.samAccountName -and ($object.samAccountName -eq $name -or $object.samAccountName -eq ($name + '$'))) {
            return $netbios + '\' + $object.samAccountName
        }
    }
    # LookupAccountName fails with ERROR_NONE_MAPPED (1332); HRESULT_FROM_WIN32(1332) = 0x80070534.
    $exception = New-Object System.ComponentModel.Win32Exception 1332, 'No mapping between account names and security IDs was done.'
    throw (New-MsaRightsError -Exception $exception -ErrorId ('HRESULT 0x80070534,' + $Command) -Category 'ObjectNotFound' -Target $Account)
}

function New-MsaUserRightInfo {
    param([hashtable]$HostState, [string]$Right, [string]$Computer)
    $accounts = @()
    if ($HostState.userRights.ContainsKey($Right)) { $accounts = @($HostState.userRights[$Right] | ForEach-Object { [string]$_ }) }
    $managed = $HostState.gpoRights.ContainsKey($Right)
    $gpo = $null
    if ($managed) { $gpo = [string]$HostState.gpoRights[$Right].gpo }
    return [pscustomobject]@{
        PSTypeName   = 'MsaWizard.UserRight'
        Right        = $Right
        ComputerName = $Computer
        Accounts     = [string[]]$accounts
        ManagedByGpo = [bool]$managed
        GpoName      = $gpo
    }
}

function Write-MsaGpoWarning {
    param([hashtable]$HostState, [string]$Right, [string]$Computer)
    if (-not $HostState.gpoRights.ContainsKey($Right)) { return }
    $gpo = $HostState.gpoRights[$Right].gpo
    Write-Warning ("$Right on $Computer is defined by the Group Policy object '$gpo'. This local change lasts only until " +
        "the next Group Policy refresh (gpupdate, a restart, or at most 16 hours); add the account in '$gpo' to make it permanent.")
}

function Get-MsaUserRight {
    <# The accounts holding one user right on a computer, and whether a domain GPO defines that right. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)][string]$Right,
        [Parameter()][string]$ComputerName
    )
    $command = 'Get-MsaUserRight'
    $rightName = Resolve-MsaRightName -Right $Right -Command $command
    $state = Get-LabState
    $computer = Resolve-MsaRightsHost -State $state -ComputerName $ComputerName -Command $command
    return New-MsaUserRightInfo -HostState (Get-LabHost -State $state -Name $computer) -Right $rightName -Computer $computer
}

function Grant-MsaUserRight {
    <# Adds one account to one user right (LsaAddAccountRights); idempotent; every other account and right stays. #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true, Position = 0)][string]$Right,
        [Parameter(Mandatory = $true, Position = 1)][string]$Account
    )
    $command = 'Grant-MsaUserRight'
    $rightName = Resolve-MsaRightName -Right $Right -Command $command
    $state = Get-LabState
    $computer = Resolve-MsaRightsHost -State $state -ComputerName $null -Command $command
    $canonical = Resolve-MsaAccountName -State $state -Account $Account -Computer $computer -Command $command
    if (-not $PSCmdlet.ShouldProcess($computer, "Grant $rightName to $canonical")) { return }
    $hostState = Update-LabState -Script {
        param($s)
        $h = Get-LabHost -State $s -Name $computer
        $current = @()
        if ($h.userRights.ContainsKey($rightName)) { $current = @($h.userRights[$rightName]) }
        $present = $false
        foreach ($a in $current) { if ([string]$a -eq $canonical) { $present = $true } }
        if (-not $present) { $h.userRights[$rightName] = @($current) + @($canonical) }
        , $h
    }
    Write-MsaGpoWarning -HostState $hostState -Right $rightName -Computer $computer
    return New-MsaUserRightInfo -HostState $hostState -Right $rightName -Computer $computer
}

function Revoke-MsaUserRight {
    <# Removes one account from one user right (LsaRemoveAccountRights); every other account and right stays. #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true, Position = 0)][string]$Right,
        [Parameter(Mandatory = $true, Position = 1)][string]$Account
    )
    $command = 'Revoke-MsaUserRight'
    $rightName = Resolve-MsaRightName -Right $Right -Command $command
    $state = Get-LabState
    $computer = Resolve-MsaRightsHost -State $state -ComputerName $null -Command $command
    # An entry already in the list is removed as written (its account may no longer exist); else resolve the name.
    $current = @()
    $h0 = Get-LabHost -State $state -Name $computer
    if ($h0.userRights.ContainsKey($rightName)) { $current = @($h0.userRights[$rightName]) }
    $canonical = $null
    foreach ($a in $current) { if ([string]$a -eq $Account.Trim().TrimStart('*')) { $canonical = [string]$a } }
    if ($null -eq $canonical) { $canonical = Resolve-MsaAccountName -State $state -Account $Account -Computer $computer -Command $command }
    if (-not $PSCmdlet.ShouldProcess($computer, "Revoke $rightName from $canonical")) { return }
    $hostState = Update-LabState -Script {
        param($s)
        $h = Get-LabHost -State $s -Name $computer
        if ($h.userRights.ContainsKey($rightName)) {
            $h.userRights[$rightName] = @($h.userRights[$rightName] | Where-Object { [string]$_ -ne $canonical })
        }
        , $h
    }
    Write-MsaGpoWarning -HostState $hostState -Right $rightName -Computer $computer
    return New-MsaUserRightInfo -HostState $hostState -Right $rightName -Computer $computer
}

Export-ModuleMember -Function Get-MsaUserRight, Grant-MsaUserRight, Revoke-MsaUserRight
