# Principals: New-ScheduledTaskPrincipal, MSFT_TaskPrincipal2 <-> the state's principal record, and how
# Register-/Set-ScheduledTask complete and check a principal (-User/-Password, accounts that map to no SID).

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
