# Password policies: Get-ADDefaultDomainPasswordPolicy, Get-ADFineGrainedPasswordPolicy,
# Get-ADUserResultantPasswordPolicy, and the password/logon properties every account shows (PasswordLastSet,
# PasswordExpired, msDS-UserPasswordExpiryTimeComputed, ...) computed from the account's attributes and the policy
# that applies to it, as a DC computes them.
#
# What the real module returns, by name, type and unit:
#   pwdLastSet, lastLogonTimestamp, accountExpires, msDS-UserPasswordExpiryTimeComputed
#       [long] FILETIME: 100-ns intervals since 1601-01-01 UTC. pwdLastSet 0 = the user must change the password at
#       next logon; accountExpires 0 or 0x7FFFFFFFFFFFFFFF = never; msDS-UserPasswordExpiryTimeComputed
#       0x7FFFFFFFFFFFFFFF = never expires, 0 = must change now. lastLogonTimestamp is absent until the first logon
#       (it replicates, unlike lastLogon, and lags the real last logon by up to 14 days).
#   PasswordLastSet, LastLogonDate, AccountExpirationDate
#       [datetime] in local time (the module converts the FILETIME: [DateTime]::FromFileTime), $null for 0 / never /
#       absent. LastLogonDate is lastLogonTimestamp converted.
#   PasswordNeverExpires      [bool] userAccountControl DONT_EXPIRE_PASSWD (0x10000).
#   PasswordExpired           [bool] msDS-User-Account-Control-Computed UF_PASSWORD_EXPIRED (0x800000).
#   MaxPasswordAge, MinPasswordAge, LockoutDuration, LockoutObservationWindow
#       [TimeSpan] on the policy objects (the directory stores negative 100-ns intervals: maxPwdAge on the domain
#       head, msDS-MaximumPasswordAge on a PSO).
# msDS-UserPasswordExpiryTimeComputed (MS-ADTS 3.1.1.4.5.15 "msDS-UserPasswordExpiryTimeComputed"): never
# (0x7FFFFFFFFFFFFFFF) for DONT_EXPIRE_PASSWD, SMARTCARD_REQUIRED, computer/trust accounts and a policy whose
# maximum age is 0; 0 when pwdLastSet is 0; otherwise pwdLastSet + the resultant policy's maximum password age.
# The resultant policy (MS-ADTS 3.1.1.4.5.36 msDS-ResultantPSO): the PSO linked to the user itself with the lowest
# msDS-PasswordSettingsPrecedence, else the lowest among the PSOs linked to its (nested) global groups; ties go to
# the lowest objectGUID; none = the default domain policy.

$script:NeverFileTime = [long]9223372036854775807
$script:PsoCacheState = $null
$script:PsoCache = @{}
$script:PsoContainer = 'CN=Password Settings Container,CN=System'

# The Default Domain Policy a new domain gets (dcpromo / Install-ADDSForest): "Password Policy" and "Account Lockout
# Policy" reference pages on learn.microsoft.com (Enforce password history 24, Maximum password age 42 days,
# Minimum password age 1 day, Minimum password length 7, complexity enabled, reversible encryption disabled;
# lockout threshold 0, so duration and window have no effect).
$script:DefaultPasswordPolicy = [ordered]@{
    ComplexityEnabled           = $true
    LockoutDuration             = [TimeSpan]::FromMinutes(10)
    LockoutObservationWindow    = [TimeSpan]::FromMinutes(10)
    LockoutThreshold            = 0
    MaxPasswordAge              = [TimeSpan]::FromDays(42)
    MinPasswordAge              = [TimeSpan]::FromDays(1)
    MinPasswordLength           = 7
    PasswordHistoryCount        = 24
    ReversibleEncryptionEnabled = $false
}

# PSO attribute (msDS-PasswordSettings, stored in the object's attribute bag) -> ADFineGrainedPasswordPolicy
# property. Intervals are stored as the directory stores them: negative 100-ns counts (decimal strings).
$script:PsoAttributes = [ordered]@{
    ComplexityEnabled           = 'msDS-PasswordComplexityEnabled'
    LockoutDuration             = 'msDS-LockoutDuration'
    LockoutObservationWindow    = 'msDS-LockoutObservationWindow'
    LockoutThreshold            = 'msDS-LockoutThreshold'
    MaxPasswordAge              = 'msDS-MaximumPasswordAge'
    MinPasswordAge              = 'msDS-MinimumPasswordAge'
    MinPasswordLength           = 'msDS-MinimumPasswordLength'
    PasswordHistoryCount        = 'msDS-PasswordHistoryLength'
    Precedence                  = 'msDS-PasswordSettingsPrecedence'
    ReversibleEncryptionEnabled = 'msDS-PasswordReversibleEncryptionEnabled'
}

function Get-LabAdBagValue {
    <# A raw attribute-bag value by name (any case), or $null. #>
    param([hashtable]$Object, [string]$Name)
    if (-not $Object.ContainsKey('attributes') -or $null -eq $Object['attributes']) { return $null }
    $bag = $Object['attributes']
    foreach ($k in @($bag.Keys)) { if ([string]::Equals([string]$k, $Name, [System.StringComparison]::OrdinalIgnoreCase)) { return $bag[$k] } }
    return $null
}

function ConvertFrom-LabAdFileTime {
    <# A FILETIME as the module shows it: local DateTime, $null for 0 / never / absent. #>
    param($Value)
    if ($null -eq $Value) { return $null }
    $n = [long]$Value
    if ($n -le 0 -or $n -ge $script:NeverFileTime) { return $null }
    return [DateTime]::FromFileTime($n)
}

function Get-LabAdPsoPolicy {
    <# A PSO's settings as ADFineGrainedPasswordPolicy properties (intervals as TimeSpans). #>
    param([hashtable]$Pso)
    $p = [ordered]@{}
    foreach ($name in $script:PsoAttributes.Keys) {
        $v = Get-LabAdBagValue -Object $Pso -Name $script:PsoAttributes[$name]
        if ($name -like '*Age' -or ($name -like 'Lockout*' -and $name -ne 'LockoutThreshold')) {
            if ($null -ne $v) { $v = [TimeSpan]::FromTicks([Math]::Abs([long]$v)) }
        }
        elseif ($name -like '*Enabled') { $v = ([string]$v -eq 'True') }
        elseif ($null -ne $v) { $v = [int]$v }
        $p[$name] = $v
    }
    $applies = Get-LabAdBagValue -Object $Pso -Name 'msDS-PSOAppliesTo'
    $p['AppliesTo'] = @($applies | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
    return $p
}

function Get-LabAdPsos {
    param([hashtable]$State)
    foreach ($o in $State.objects) { if ($o.objectClass -eq 'msDS-PasswordSettings') { $o } }
}

function Get-LabAdResultantPso {
    <# The PSO that applies to a user (MS-ADTS msDS-ResultantPSO), or $null (the default domain policy applies). Only
       user objects get one: computers and service accounts follow the domain policy. #>
    param([hashtable]$State, [hashtable]$Object)
    if ($Object.objectClass -ne 'user') { return $null }
    $psos = @(Get-LabAdPsos -State $State)
    if ($psos.Count -eq 0) { return $null }
    $pick = {
        param($candidates)
        $best = $null
        foreach ($c in $candidates) {
            $prec = [int](Get-LabAdBagValue -Object $c -Name 'msDS-PasswordSettingsPrecedence')
            if ($null -eq $best) { $best = $c; continue }
            $bestPrec = [int](Get-LabAdBagValue -Object $best -Name 'msDS-PasswordSettingsPrecedence')
            if ($prec -lt $bestPrec -or ($prec -eq $bestPrec -and ([guid]$c.objectGuid).CompareTo([guid]$best.objectGuid) -lt 0)) { $best = $c }
        }
        return $best
    }
    $direct = @($psos | Where-Object { @(Get-LabAdBagValue -Object $_ -Name 'msDS-PSOAppliesTo') | Where-Object { Test-LabAdDnEqual ([string]$_) $Object.distinguishedName } })
    if ($direct.Count -gt 0) { return (& $pick $direct) }
    # Through groups: the global security groups the user belongs to, directly or nested.
    $groups = New-Object System.Collections.ArrayList
    foreach ($g in (Get-LabGroupsOf -State $State -Dn $Object.distinguishedName)) { [void]$groups.Add([string]$g) }
    $viaGroup = New-Object System.Collections.ArrayList
    foreach ($pso in $psos) {
        foreach ($target in @(Get-LabAdBagValue -Object $pso -Name 'msDS-PSOAppliesTo')) {
            foreach ($g in $groups) {
                if (Test-LabAdDnEqual ([string]$target) $g) {
                    $go = Find-LabAdObjectByDn -State $State -Dn $g
                    if ($null -ne $go -and $go.groupScope -eq 'Global' -and $go.groupCategory -eq 'Security' -and -not $viaGroup.Contains($pso)) { [void]$viaGroup.Add($pso) }
                }
            }
        }
    }
    if ($viaGroup.Count -gt 0) { return (& $pick $viaGroup.ToArray()) }
    return $null
}

function Get-LabAdEffectiveMaxPasswordAge {
    <# The resultant maximum password age, remembered per state read (a search builds every candidate's table). #>
    param([hashtable]$State, [hashtable]$Object)
    if (-not [object]::ReferenceEquals($script:PsoCacheState, $State)) {
        $script:PsoCacheState = $State
        $script:PsoCache = @{}
    }
    $key = [string]$Object.distinguishedName
    if ($script:PsoCache.ContainsKey($key)) { return $script:PsoCache[$key] }
    $age = Get-LabAdEffectiveMaxPasswordAgeUncached -State $State -Object $Object
    $script:PsoCache[$key] = $age
    return $age
}

function Get-LabAdEffectiveMaxPasswordAgeUncached {
    param([hashtable]$State, [hashtable]$Object)
    $pso = Get-LabAdResultantPso -State $State -Object $Object
    if ($null -ne $pso) { return (Get-LabAdPsoPolicy $pso).MaxPasswordAge }
    return $script:DefaultPasswordPolicy.MaxPasswordAge
}

function Add-LabAdPasswordProperties {
    <# Fills an account's password and logon properties into its attribute table (Get-LabAdAttributeTable): the
       stored pwdLastSet / lastLogonTimestamp / accountExpires (attribute bag; an account without pwdLastSet had its
       password set when it was created, or when the lab last reset it) and what the DC computes from them and the
       resultant policy. #>
    param([hashtable]$State, [hashtable]$Object, $Table)
    $uac = [int]$Table['userAccountControl']
    $pwd = Get-LabAdBagValue -Object $Object -Name 'pwdLastSet'
    if ($null -eq $pwd) {
        $text = [string]$Object.created
        if ($Object.ContainsKey('passwordLastSet') -and $Object['passwordLastSet']) { $text = [string]$Object['passwordLastSet'] }
        $pwd = ([DateTimeOffset]::Parse($text, [System.Globalization.CultureInfo]::InvariantCulture)).UtcDateTime.ToFileTimeUtc()
    }
    $pwd = [long]$pwd
    $logon = Get-LabAdBagValue -Object $Object -Name 'lastLogonTimestamp'
    $expires = Get-LabAdBagValue -Object $Object -Name 'accountExpires'
    if ($null -eq $expires) { $expires = $script:NeverFileTime }
    $expires = [long]$expires

    $neverExpires = (($uac -band 0x10000) -ne 0)
    $noExpiry = $neverExpires -or (($uac -band 0x40000) -ne 0) -or (($uac -band (0x800 -bor 0x1000 -bor 0x2000)) -ne 0)
    $maxAge = $null
    if (-not $noExpiry) { $maxAge = Get-LabAdEffectiveMaxPasswordAge -State $State -Object $Object }
    if (-not $noExpiry -and ($null -eq $maxAge -or $maxAge.Ticks -eq 0)) { $noExpiry = $true }
    $expiry = $script:NeverFileTime
    if (-not $noExpiry) {
        if ($pwd -eq 0) { $expiry = 0 } else { $expiry = $pwd + $maxAge.Ticks }
    }
    $nowFt = (Get-LabNow -State $State).ToFileTimeUtc()
    $expired = ($expiry -ne $script:NeverFileTime) -and ($expiry -le $nowFt)
    $computed = 0
    if ($expired) { $computed = 0x800000 }
    if ($Table.Contains('msDS-User-Account-Control-Computed') -and $null -ne $Table['msDS-User-Account-Control-Computed']) {
        $computed = ([int]$Table['msDS-User-Account-Control-Computed'] -band (-bnot 0x800000)) -bor $computed
    }

    $Table['pwdLastSet'] = $pwd
    $Table['PasswordLastSet'] = ConvertFrom-LabAdFileTime $pwd
    $Table['lastLogonTimestamp'] = $(if ($null -eq $logon) { $null } else { [long]$logon })
    $Table['LastLogonDate'] = ConvertFrom-LabAdFileTime $logon
    $Table['accountExpires'] = $expires
    $Table['AccountExpirationDate'] = ConvertFrom-LabAdFileTime $expires
    $Table['PasswordNeverExpires'] = $neverExpires
    $Table['msDS-UserPasswordExpiryTimeComputed'] = [long]$expiry
    $Table['msDS-User-Account-Control-Computed'] = $computed
    $Table['PasswordExpired'] = $expired
}

function ConvertTo-LabAdPsoOutput {
    param([hashtable]$State, [hashtable]$Pso, $Properties)
    $p = Get-LabAdPsoPolicy $Pso
    $out = New-Object Microsoft.ActiveDirectory.Management.ADFineGrainedPasswordPolicy ([string]$Pso.distinguishedName)
    $notes = [ordered]@{
        AppliesTo                   = $p.AppliesTo
        ComplexityEnabled           = $p.ComplexityEnabled
        DistinguishedName           = $Pso.distinguishedName
        LockoutDuration             = $p.LockoutDuration
        LockoutObservationWindow    = $p.LockoutObservationWindow
        LockoutThreshold            = $p.LockoutThreshold
        MaxPasswordAge              = $p.MaxPasswordAge
        MinPasswordAge              = $p.MinPasswordAge
        MinPasswordLength           = $p.MinPasswordLength
        Name                        = $Pso.name
        ObjectClass                 = 'msDS-PasswordSettings'
        ObjectGUID                  = [guid]$Pso.objectGuid
        PasswordHistoryCount        = $p.PasswordHistoryCount
        Precedence                  = $p.Precedence
        ReversibleEncryptionEnabled = $p.ReversibleEncryptionEnabled
    }
    $extra = [ordered]@{
        Description = $Pso.description
        Created     = ConvertFrom-LabDateText ([string]$Pso.created)
        whenCreated = ConvertFrom-LabDateText ([string]$Pso.created)
    }
    foreach ($name in $script:PsoAttributes.Keys) { $extra[$script:PsoAttributes[$name]] = Get-LabAdBagValue -Object $Pso -Name $script:PsoAttributes[$name] }
    $extra['msDS-PSOAppliesTo'] = $p.AppliesTo
    foreach ($requested in @($Properties)) {
        if ($null -eq $requested) { continue }
        foreach ($k in @($extra.Keys)) {
            if (([string]$requested -eq '*' -or [string]::Equals($k, [string]$requested, [System.StringComparison]::OrdinalIgnoreCase)) -and -not $notes.Contains($k)) { $notes[$k] = $extra[$k] }
        }
    }
    return (Add-LabAdEntityProperties $out $notes)
}

function LabImpl-Get-ADDefaultDomainPasswordPolicy {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADDefaultDomainPasswordPolicy'
    $state = Get-LabState
    $null = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $d = $state.domain
    $base = $d.distinguishedName
    Assert-LabAdDomainIdentity -State $state -Bound $Bound -CmdletName $cmd
    $out = New-Object Microsoft.ActiveDirectory.Management.ADDefaultDomainPasswordPolicy ([string]$base)
    $notes = [ordered]@{
        ComplexityEnabled           = $script:DefaultPasswordPolicy.ComplexityEnabled
        DistinguishedName           = $base
        LockoutDuration             = $script:DefaultPasswordPolicy.LockoutDuration
        LockoutObservationWindow    = $script:DefaultPasswordPolicy.LockoutObservationWindow
        LockoutThreshold            = $script:DefaultPasswordPolicy.LockoutThreshold
        MaxPasswordAge              = $script:DefaultPasswordPolicy.MaxPasswordAge
        MinPasswordAge              = $script:DefaultPasswordPolicy.MinPasswordAge
        MinPasswordLength           = $script:DefaultPasswordPolicy.MinPasswordLength
        objectClass                 = @('domainDNS')
        objectGuid                  = Get-LabAdStableGuid $base
        PasswordHistoryCount        = $script:DefaultPasswordPolicy.PasswordHistoryCount
        ReversibleEncryptionEnabled = $script:DefaultPasswordPolicy.ReversibleEncryptionEnabled
    }
    Add-LabAdEntityProperties $out $notes
}

function LabImpl-Get-ADFineGrainedPasswordPolicy {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADFineGrainedPasswordPolicy'
    $state = Get-LabState
    $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $base = $state.domain.distinguishedName
    $psos = @(Get-LabAdPsos -State $state | Where-Object { Test-LabVisibleOn -State $state -On $_.onlyOn -Created $_.created -Dc $dc.name })
    if ($Bound.ContainsKey('Identity')) {
        $id = Get-LabAdIdText $Bound['Identity']
        foreach ($p in $psos) {
            if ((Test-LabAdDnEqual $p.distinguishedName $id) -or $p.objectGuid -eq $id -or [string]::Equals($p.name, $id, [System.StringComparison]::OrdinalIgnoreCase)) {
                ConvertTo-LabAdPsoOutput -State $state -Pso $p -Properties $Bound['Properties']
                return
            }
        }
        throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under "$script:PsoContainer,$base")
    }
    $tree = Get-LabAdFilterTree -Cmdlet $Cmdlet -Bound $Bound -CmdletName $cmd
    $searchBase = $base
    if ($Bound.ContainsKey('SearchBase') -and $Bound['SearchBase']) { $searchBase = [string]$Bound['SearchBase'] }
    $scope = 'Subtree'
    if ($Bound.ContainsKey('SearchScope')) { $scope = [string]$Bound['SearchScope'] }
    $limit = 0
    if ($Bound.ContainsKey('ResultSetSize') -and $null -ne $Bound['ResultSetSize']) { $limit = [int]$Bound['ResultSetSize'] }
    $count = 0
    foreach ($p in ($psos | Sort-Object { [int](Get-LabAdBagValue -Object $_ -Name 'msDS-PasswordSettingsPrecedence') })) {
        if (-not (Test-LabAdUnder -Dn $p.distinguishedName -Base $searchBase -Scope $scope)) { continue }
        $out = ConvertTo-LabAdPsoOutput -State $state -Pso $p -Properties '*'
        if ($tree.t -ne 'all' -and -not (Test-LabAdFilter $tree (ConvertTo-LabAdPlainTable $out) $p)) { continue }
        ConvertTo-LabAdPsoOutput -State $state -Pso $p -Properties $Bound['Properties']
        $count++
        if ($limit -gt 0 -and $count -ge $limit) { break }
    }
}

function LabImpl-Get-ADUserResultantPasswordPolicy {
    <# The PSO that applies to the user, or nothing when the default domain policy does (as the real cmdlet). #>
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADUserResultantPasswordPolicy'
    $state = Get-LabState
    $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $user = Find-LabAdObjectOrThrow -State $state -Identity $Bound['Identity'] -Class @('user') -Dc $dc.name -CmdletName $cmd -Bound $Bound
    $pso = Get-LabAdResultantPso -State $state -Object $user
    if ($null -ne $pso) { ConvertTo-LabAdPsoOutput -State $state -Pso $pso -Properties $null }
}
