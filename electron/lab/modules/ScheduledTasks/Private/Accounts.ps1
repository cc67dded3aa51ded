# Accounts as the computer resolves them (LookupAccountName): built-in service accounts, local users and groups,
# domain accounts; and whether a user-rights list names an account, directly or through its groups.
# Whatever loads these (the Task Scheduler, the SCM) also gets the DC's answer to a user's stored password.
. (Join-Path $PSScriptRoot 'Passwords.ps1')

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
