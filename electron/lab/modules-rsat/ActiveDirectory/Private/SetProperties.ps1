# The one write path of the Set-AD* and New-AD* cmdlets: each named property parameter (Description, DisplayName,
# Location, ManagedBy, TrustedForDelegation, ...) maps onto the LDAP attribute the real module writes; -Instance
# writes the properties the script changed on the object; DN-valued attributes take a DN, <SID=...> or <GUID=...>
# (LDAP extended DN forms AD accepts). Invoke-LabAdSet is the whole body of Set-ADComputer/-ServiceAccount/-User/
# -Group/-Object.

# Parameters that are not properties of the object.
$script:ControlParameters = @('Identity', 'Instance', 'Server', 'Credential', 'AuthType', 'Partition', 'PassThru', 'WhatIf', 'Confirm',
    'Add', 'Remove', 'Replace', 'Clear', 'OtherAttributes', 'Path', 'Name', 'Verbose', 'Debug', 'ErrorAction', 'WarningAction',
    'InformationAction', 'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable',
    'ProgressAction', 'CreateDelegatedServiceAccount', 'RestrictToSingleComputer', 'RestrictToOutboundAuthenticationOnly',
    'AccountPassword')

function Resolve-LabAdDnValue {
    <# A value for a DN-syntax attribute (member, managedBy, manager): a DN of an existing object, '<SID=S-1-...>',
       '<GUID=...>', or an AD object. Returns the object's DN. #>
    param([hashtable]$State, $Value, [string]$Dc, [string]$CmdletName)
    if ($Value -is [Microsoft.ActiveDirectory.Management.ADEntity]) {
        $id = [Microsoft.ActiveDirectory.Management.ADEntity]::LabIdentityOf($Value)
        $o = Find-LabAdObject -State $State -Identity $id -Dc $Dc
        if ($null -ne $o) { return [string]$o.distinguishedName }
        throw (New-LabAdServerError -CmdletName $CmdletName -Code 8333 -Target $id -Message 'Directory object not found')
    }
    $text = [string]$Value
    $m = [regex]::Match($text, '^<(SID|GUID)=([^>]+)>$', 'IgnoreCase')
    if ($m.Success) {
        $key = $m.Groups[2].Value
        foreach ($o in $State.objects) {
            if ($Dc -and -not (Test-LabVisibleOn -State $State -On $o.onlyOn -Created $o.created -Dc $Dc)) { continue }
            if ($m.Groups[1].Value -eq 'SID' -and $o.objectSid -and [string]::Equals([string]$o.objectSid, $key, [System.StringComparison]::OrdinalIgnoreCase)) { return [string]$o.distinguishedName }
            if ($m.Groups[1].Value -eq 'GUID' -and [string]::Equals([string]$o.objectGuid, $key.Trim('{', '}'), [System.StringComparison]::OrdinalIgnoreCase)) { return [string]$o.distinguishedName }
        }
        throw (New-LabAdServerError -CmdletName $CmdletName -Code 8333 -Target $text -Message 'Directory object not found')
    }
    if ($text -notmatch '=') {
        throw (New-LabAdServerError -CmdletName $CmdletName -Code 8242 -Target $text -Message 'The distinguished name contains invalid syntax.')
    }
    $o = Find-LabAdObjectByDn -State $State -Dn $text
    if ($null -eq $o -or ($Dc -and -not (Test-LabVisibleOn -State $State -On $o.onlyOn -Created $o.created -Dc $Dc))) {
        throw (New-LabAdServerError -CmdletName $CmdletName -Code 8333 -Target $text -Message 'Directory object not found')
    }
    return [string]$o.distinguishedName
}

function ConvertTo-LabAdAttributeValue {
    <# One value in the attribute's syntax, as the state keeps it. #>
    param([hashtable]$State, [hashtable]$Def, $Value, [string]$Dc, [string]$CmdletName)
    switch ($Def.Syntax) {
        'Integer' { return [int]$Value }
        'Boolean' { return [bool]$Value }
        'Large' {
            if ($Value -is [datetime]) { return ([datetime]$Value).ToFileTimeUtc().ToString([System.Globalization.CultureInfo]::InvariantCulture) }
            return ([long]$Value).ToString([System.Globalization.CultureInfo]::InvariantCulture)
        }
        'DN' { return (Resolve-LabAdDnValue -State $State -Value $Value -Dc $Dc -CmdletName $CmdletName) }
    }
    return [string]$Value
}

function Set-LabAdBagAttribute {
    <# -Add/-Remove/-Replace/-Clear on an attribute kept in the bag. The AD cmdlets send the LDAP permissive-modify
       control (Add-ADGroupMember documents -DisablePermissiveModify to turn it off), so adding a value that is there
       or removing one that is not is no error. #>
    param([hashtable]$State, [hashtable]$Object, [hashtable]$Def, $Values, [string]$Mode, [string]$Dc, [string]$CmdletName)
    if ($Mode -eq 'Clear') { Set-LabAdAttributeValue -Object $Object -Def $Def -Value $null; return }
    $new = New-Object System.Collections.ArrayList
    foreach ($v in @($Values)) { if ($null -ne $v) { [void]$new.Add((ConvertTo-LabAdAttributeValue -State $State -Def $Def -Value $v -Dc $Dc -CmdletName $CmdletName)) } }
    $current = New-Object System.Collections.ArrayList
    $existing = Get-LabAdAttributeValue -Object $Object -Name $Def.Name
    if ($null -ne $existing) {
        foreach ($v in @($existing)) {
            if ($Def.Syntax -eq 'Large') { [void]$current.Add(([long]$v).ToString([System.Globalization.CultureInfo]::InvariantCulture)) } else { [void]$current.Add($v) }
        }
    }
    $same = { param($a, $b) return [string]::Equals([string]$a, [string]$b, [System.StringComparison]::OrdinalIgnoreCase) }
    switch ($Mode) {
        'Replace' { $current = $new }
        'Add' {
            foreach ($v in $new) {
                $has = $false
                foreach ($c in $current) { if (& $same $c $v) { $has = $true } }
                if (-not $has) { [void]$current.Add($v) }
            }
        }
        'Remove' {
            $keep = New-Object System.Collections.ArrayList
            foreach ($c in $current) {
                $drop = ($new.Count -eq 0)
                foreach ($v in $new) { if (& $same $c $v) { $drop = $true } }
                if (-not $drop) { [void]$keep.Add($c) }
            }
            $current = $keep
        }
    }
    if (-not $Def.Multi -and $current.Count -gt 1) {
        # A single-valued attribute given (or left with) two values: the server refuses the modify.
        throw (New-LabAdServerError -CmdletName $CmdletName -Code 8239 -Target $Object.distinguishedName -Message 'A constraint violation occurred.')
    }
    if ($current.Count -eq 0) { Set-LabAdAttributeValue -Object $Object -Def $Def -Value $null; return }
    if ($Def.Name -eq 'userAccountControl') { Set-LabAdUac -Object $Object -Value ([int]$current[0]); return }
    if ($Def.Multi) { Set-LabAdAttributeValue -Object $Object -Def $Def -Value @($current.ToArray()) } else { Set-LabAdAttributeValue -Object $Object -Def $Def -Value $current[0] }
}

function New-LabAdUnsupportedError {
    <# A documented parameter the lab does not model: said plainly rather than ignored. #>
    param([string]$CmdletName, [string]$Parameter, [string]$Why, $Target)
    return New-LabAdCmdletError -CmdletName $CmdletName -ExceptionType 'System.NotSupportedException' -Category 'NotImplemented' -Target $Target `
        -Message "Practice mode does not model -$Parameter of $CmdletName ($Why). Run this script against a real domain."
}

function Set-LabAdGroupScope {
    <# The conversions AD allows ("Changing a Group's Scope or Type", learn.microsoft.com/windows/win32/ad/
       changing-a-groupampaposs-scope-or-type): global <-> domain local only through universal; global -> universal
       only if the group is not a member of a global group; domain local -> universal only without domain-local
       members; universal -> global only without universal members. The DC refuses the rest (unwillingToPerform). #>
    param([hashtable]$State, [hashtable]$Object, [string]$Scope, [string]$CmdletName)
    $from = [string]$Object.groupScope
    if ($from -eq $Scope) { return }
    $memberScopes = @()
    foreach ($m in $Object.members) { $g = Find-LabAdObjectByDn -State $State -Dn $m; if ($null -ne $g -and $g.objectClass -eq 'group') { $memberScopes += [string]$g.groupScope } }
    $parentScopes = @(Get-LabAdDirectGroups -State $State -Dn $Object.distinguishedName | ForEach-Object { [string]$_.groupScope })
    $refused = (($from -eq 'Global' -and $Scope -eq 'DomainLocal') -or ($from -eq 'DomainLocal' -and $Scope -eq 'Global') -or
        ($from -eq 'Global' -and $Scope -eq 'Universal' -and $parentScopes -contains 'Global') -or
        ($from -eq 'DomainLocal' -and $Scope -eq 'Universal' -and $memberScopes -contains 'DomainLocal') -or
        ($from -eq 'Universal' -and $Scope -eq 'Global' -and $memberScopes -contains 'Universal'))
    if ($refused) {
        throw (New-LabAdServerError -CmdletName $CmdletName -Code 8245 -Target $Object.distinguishedName -Message 'The server is unwilling to process the request.')
    }
    $Object.groupScope = $Scope
}

function Set-LabAdNamedProperty {
    <# One named property parameter (or a property changed on an -Instance object) written to the state, on the LDAP
       attribute the real module maps it to. #>
    param([hashtable]$State, [hashtable]$Object, [string]$Name, $Value, [string]$Dc, [string]$CmdletName, $Bound)
    $kind = Get-LabAdKind $Object.objectClass
    $isSa = $script:SaClasses -contains $Object.objectClass
    $text = $null
    if ($null -ne $Value -and [string]$Value -ne '') { $text = [string]$Value }
    switch ($Name) {
        'Description' { $Object.description = $text; return }
        'DNSHostName' { $Object.dnsHostName = $text; return }
        'OperatingSystem' { $Object.operatingSystem = $text; return }
        'Enabled' { $Object.enabled = [bool]$Value; return }
        'KerberosEncryptionType' { $Object.kerberosEncryptionType = @(ConvertTo-LabEncNames $Value); return }
        'ServicePrincipalNames' { Update-LabAdSpns -State $State -Object $Object -Spec $Value -CmdletName $CmdletName; return }
        'GroupScope' { Set-LabAdGroupScope -State $State -Object $Object -Scope ([string]$Value) -CmdletName $CmdletName; return }
        'GroupCategory' { $Object.groupCategory = [string]$Value; return }
        'SamAccountName' {
            $core = [string]$Value
            if ($kind -eq 'Computer' -or $isSa) {
                $core = $core.TrimEnd('$')
                if ($isSa) { Get-LabAdSamCheck -SamCore $core -Dn $Object.distinguishedName -CmdletName $CmdletName }
                elseif (-not (Test-LabAdNameValid $core)) { throw (New-LabAdServerError -CmdletName $CmdletName -Code 1315 -Target $Object.distinguishedName -Message 'The name provided is not a properly formed account name') }
                $core = $core + '$'
            }
            elseif (-not (Test-LabAdNameValid $core)) {
                throw (New-LabAdServerError -CmdletName $CmdletName -Code 1315 -Target $Object.distinguishedName -Message 'The name provided is not a properly formed account name')
            }
            Assert-LabAdSamFree -State $State -Sam $core -OwnDn $Object.distinguishedName -CmdletName $CmdletName -Target $Object.distinguishedName
            $Object.samAccountName = $core
            return
        }
        'PrincipalsAllowedToDelegateToAccount' {
            $Object['principalsAllowedToDelegateToAccount'] = @(Resolve-LabAdPrincipalDns -State $State -Principals $Value -Dc $Dc -CmdletName $CmdletName -Bound $Bound)
            return
        }
        'PrincipalsAllowedToRetrieveManagedPassword' {
            if ($Object.objectClass -eq 'msDS-ManagedServiceAccount') {
                # msDS-GroupMSAMembership does not exist on the sMSA class.
                throw (New-LabAdServerError -CmdletName $CmdletName -Code 8212 -Target $Object.distinguishedName `
                        -Message 'The requested operation did not satisfy one or more constraints associated with the class of the object.')
            }
            $Object.principalsAllowedToRetrieveManagedPassword = @(Resolve-LabAdPrincipalDns -State $State -Principals $Value -Dc $Dc -CmdletName $CmdletName -Bound $Bound)
            return
        }
        'ManagedPasswordIntervalInDays' {
            throw (New-LabAdServerError -CmdletName $CmdletName -Code 8369 -Target $Object.distinguishedName -Message 'The attribute cannot be modified because it is owned by the system.')
        }
        'AccountExpirationDate' {
            $def = Get-LabAdAttributeDef -Name 'accountExpires' -Kind $kind
            if ($null -eq $Value) { Set-LabAdAttributeValue -Object $Object -Def $def -Value $null; return }
            Set-LabAdAttributeValue -Object $Object -Def $def -Value (ConvertTo-LabAdAttributeValue -State $State -Def $def -Value ([datetime]$Value))
            return
        }
        'ChangePasswordAtLogon' {
            # pwdLastSet 0 = must change at next logon; $false sets it to now (-1 on the wire).
            $def = Get-LabAdAttributeDef -Name 'pwdLastSet' -Kind $kind
            $when = '0'
            if (-not [bool]$Value) { $when = (Get-LabNow -State $State).ToFileTimeUtc().ToString([System.Globalization.CultureInfo]::InvariantCulture) }
            Set-LabAdAttributeValue -Object $Object -Def $def -Value $when
            return
        }
        'CannotChangePassword' { throw (New-LabAdUnsupportedError -CmdletName $CmdletName -Parameter $Name -Why 'it is an access rule on the object, and the lab keeps no security descriptors' -Target $Object.distinguishedName) }
        'ProtectedFromAccidentalDeletion' { throw (New-LabAdUnsupportedError -CmdletName $CmdletName -Parameter $Name -Why 'it is an access rule on the object, and the lab keeps no security descriptors' -Target $Object.distinguishedName) }
        'AuthenticationPolicy' { throw (New-LabAdUnsupportedError -CmdletName $CmdletName -Parameter $Name -Why 'the lab has no authentication policies' -Target $Object.distinguishedName) }
        'AuthenticationPolicySilo' { throw (New-LabAdUnsupportedError -CmdletName $CmdletName -Parameter $Name -Why 'the lab has no authentication policy silos' -Target $Object.distinguishedName) }
        'Certificates' { throw (New-LabAdUnsupportedError -CmdletName $CmdletName -Parameter $Name -Why 'the lab keeps no certificates' -Target $Object.distinguishedName) }
        'CompoundIdentitySupported' { throw (New-LabAdUnsupportedError -CmdletName $CmdletName -Parameter $Name -Why 'the lab does not model Kerberos armoring' -Target $Object.distinguishedName) }
    }
    if ($script:UacFlags.Contains($Name)) {
        if ($script:AccountKinds -notcontains $kind) { throw (New-LabAdUnsupportedError -CmdletName $CmdletName -Parameter $Name -Why 'not an account' -Target $Object.distinguishedName) }
        Set-LabAdUacFlag -Object $Object -Flag $Name -On ([bool]$Value)
        return
    }
    $def = Get-LabAdFriendlyAttribute -Friendly $Name -Kind $kind
    if ($null -ne $def) {
        if ($null -eq $Value -or ($Value -is [string] -and $Value -eq '')) { Set-LabAdAttributeValue -Object $Object -Def $def -Value $null; return }
        if ($def.Syntax -eq 'DN' -and -not ($Value -is [string] -and $Value -match '^<(SID|GUID)=')) {
            # ManagedBy / Manager take an ADPrincipal identity: DN, GUID, SID, sAMAccountName or name.
            $dn = @(Resolve-LabAdPrincipalDns -State $State -Principals @($Value) -Dc $Dc -CmdletName $CmdletName -Bound $Bound)[0]
            Set-LabAdAttributeValue -Object $Object -Def $def -Value $dn
            return
        }
        Set-LabAdBagAttribute -State $State -Object $Object -Def $def -Values @($Value) -Mode 'Replace' -Dc $Dc -CmdletName $CmdletName
        return
    }
    throw (New-LabAdUnsupportedError -CmdletName $CmdletName -Parameter $Name -Why "the lab keeps no such property for a $($Object.objectClass)" -Target $Object.distinguishedName)
}

function Invoke-LabAdNamedParameters {
    <# Every bound property parameter, except those in $Skip (which the caller handled itself). #>
    param([hashtable]$State, [hashtable]$Object, $Bound, [string]$Dc, [string]$CmdletName, [string[]]$Skip = @())
    foreach ($name in @($Bound.Keys)) {
        if ($script:ControlParameters -contains $name -or $Skip -contains $name) { continue }
        Set-LabAdNamedProperty -State $State -Object $Object -Name $name -Value $Bound[$name] -Dc $Dc -CmdletName $CmdletName -Bound $Bound
    }
}

function Merge-LabAdTemplate {
    <# New-AD* -Instance: the template object's properties fill the cmdlet's property parameters that were not given
       ("Specifies an instance of ... to use as a template", learn.microsoft.com/powershell/module/activedirectory/
       new-adcomputer). Identity properties (name, sAMAccountName) are the new object's own. #>
    param($Cmdlet, $Bound)
    if (-not $Bound.ContainsKey('Instance') -or $null -eq $Bound['Instance']) { return $Bound }
    $merged = @{}
    foreach ($prop in $Bound['Instance'].PSObject.Properties) {
        if ($null -eq $prop.Value -or $prop.Name -eq 'SamAccountName' -or $script:ControlParameters -contains $prop.Name) { continue }
        if ($Cmdlet.MyInvocation.MyCommand.Parameters.ContainsKey($prop.Name)) { $merged[$prop.Name] = $prop.Value }
    }
    foreach ($k in $Bound.Keys) { if ($k -ne 'Instance') { $merged[$k] = $Bound[$k] } }
    return $merged
}

function Get-LabAdInstanceChanges {
    <# -Instance: the properties the script changed on an object it read (the object records its changes, as the real
       ADEntity does); for an object that records none (built by other means), every property whose value differs
       from the directory's. Returns an ordered name -> value table. #>
    param([hashtable]$State, [hashtable]$Object, $Instance)
    $changes = [ordered]@{}
    $names = @()
    $tracked = $Instance -is [Microsoft.ActiveDirectory.Management.ADEntity]
    if ($tracked) { $names = @([Microsoft.ActiveDirectory.Management.ADEntity]::LabModified($Instance)) }
    if (-not $tracked -or $names.Count -eq 0) {
        $table = Get-LabAdAttributeTable -State $State -Object $Object
        $names = @()
        foreach ($p in $Instance.PSObject.Properties) {
            if (-not $table.Contains($p.Name)) { continue }
            if ((@($table[$p.Name]) -join "`n") -ne (@($p.Value) -join "`n")) { $names += $p.Name }
        }
    }
    foreach ($n in $names) { $changes[$n] = $Instance.PSObject.Properties[$n].Value }
    return $changes
}

function Set-LabAdInstanceChange {
    <# One changed -Instance property: the cmdlet's own property parameter of that name, else the LDAP attribute of
       that name (a $null or empty value clears it), else a property the directory computes (system-owned). #>
    param([hashtable]$State, [hashtable]$Object, [string]$Name, $Value, [string]$Dc, $Cmdlet, [string]$CmdletName)
    $parameters = $Cmdlet.MyInvocation.MyCommand.Parameters
    foreach ($p in @($parameters.Keys)) {
        if ([string]::Equals($p, $Name, [System.StringComparison]::OrdinalIgnoreCase) -and $script:ControlParameters -notcontains $p) {
            Set-LabAdNamedProperty -State $State -Object $Object -Name $p -Value $Value -Dc $Dc -CmdletName $CmdletName -Bound @{}
            return
        }
    }
    if ($script:UacFlags.Contains($Name) -or $null -ne (Get-LabAdFriendlyAttribute -Friendly $Name -Kind (Get-LabAdKind $Object.objectClass))) {
        Set-LabAdNamedProperty -State $State -Object $Object -Name $Name -Value $Value -Dc $Dc -CmdletName $CmdletName -Bound @{}
        return
    }
    $empty = ($null -eq $Value -or ($Value -is [string] -and $Value -eq '') -or (($Value -is [array]) -and @($Value).Count -eq 0))
    $kind = Get-LabAdKind $Object.objectClass
    if ($null -ne (Get-LabAdAttributeDef -Name $Name -Kind $kind) -or (Test-LabAdTypedAttribute $Name)) {
        if ($empty) { Set-LabAdAttribute -State $State -Object $Object -Attribute $Name -Values $null -Mode 'Clear' -CmdletName $CmdletName }
        else { Set-LabAdAttribute -State $State -Object $Object -Attribute $Name -Values $Value -Mode 'Replace' -CmdletName $CmdletName }
        return
    }
    throw (New-LabAdServerError -CmdletName $CmdletName -Code 8369 -Target $Object.distinguishedName -Message 'The attribute cannot be modified because it is owned by the system.')
}

function Invoke-LabAdSet {
    <# The whole of Set-ADComputer, Set-ADServiceAccount, Set-ADUser, Set-ADGroup and Set-ADObject: find the object
       (by -Identity or -Instance) on the DC in use, check rights, honour -WhatIf, write the named properties (or
       the -Instance changes) and then -Remove, -Add, -Replace, -Clear, and return it for -PassThru. #>
    param($Cmdlet, $Bound, [string[]]$Class, [string]$TypeName, [string]$DefaultSet)
    $cmd = $Cmdlet.MyInvocation.MyCommand.Name
    $identity = $Bound['Identity']
    if ($Cmdlet.ParameterSetName -eq 'Instance') { $identity = $Bound['Instance'] }
    $changed = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $o = Find-LabAdObjectOrThrow -State $state -Identity $identity -Class $Class -Dc $dc.name -CmdletName $cmd -Bound $Bound
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $o.distinguishedName
        if (-not $gate.ShouldProcess($o.distinguishedName, 'Set')) { return $null }
        if ($Cmdlet.ParameterSetName -eq 'Instance') {
            $changes = Get-LabAdInstanceChanges -State $state -Object $o -Instance $Bound['Instance']
            foreach ($name in $changes.Keys) { Set-LabAdInstanceChange -State $state -Object $o -Name $name -Value $changes[$name] -Dc $dc.name -Cmdlet $Cmdlet -CmdletName $cmd }
        }
        else {
            Invoke-LabAdNamedParameters -State $state -Object $o -Bound $Bound -Dc $dc.name -CmdletName $cmd
            Invoke-LabAdAttributeParameters -State $state -Object $o -Bound $Bound -CmdletName $cmd -Dc $dc.name
        }
        return @{ State = $state; Record = $o }
    }
    if ($null -ne $changed -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $changed.State -Object $changed.Record -TypeName $TypeName -DefaultSet $DefaultSet
    }
}
