# Checks and changes shared by the write cmdlets: new records and SIDs, sAMAccountName/DN/SPN uniqueness, the
# generic -Add/-Remove/-Replace/-Clear attribute parameters, and dropping the links to a deleted object.

function New-LabAdRecord {
    <# A state object with every key of the schema (electron/lab/state.ts adObjectSchema). #>
    param([hashtable]$Fields)
    $record = @{
        objectClass = $null; name = $null; distinguishedName = $null; samAccountName = $null
        objectGuid = [guid]::NewGuid().ToString(); objectSid = $null; description = $null; enabled = $null
        created = $null; groupScope = $null; groupCategory = $null; members = @()
        dnsHostName = $null; operatingSystem = $null; kerberosEncryptionType = @(); servicePrincipalNames = @()
        hostServiceAccounts = @(); principalsAllowedToRetrieveManagedPassword = @(); managedPasswordIntervalInDays = $null
        hostComputers = @(); onlyOn = @(); attributes = @{}
    }
    foreach ($k in $Fields.Keys) { $record[$k] = $Fields[$k] }
    if ($null -eq $record.created) { $record.created = ConvertTo-LabDateText (Get-LabNow) }
    return $record
}

function Get-LabAdNextSid {
    <# domain SID + (highest RID in use + 1). #>
    param([hashtable]$State)
    $prefix = $State.domain.domainSid + '-'
    $max = 1000
    foreach ($o in $State.objects) {
        if ($o.objectSid -and ([string]$o.objectSid).StartsWith($prefix)) {
            $rid = 0
            if ([int]::TryParse(([string]$o.objectSid).Substring($prefix.Length), [ref]$rid) -and $rid -gt $max) { $max = $rid }
        }
    }
    return $prefix + ($max + 1)
}

function Get-LabAdSamCheck {
    <# Validates a service account sAMAccountName: 15-character limit (ArgumentException, raised by the cmdlet
       before it contacts the server) and the account-name character rules (1315, from the server). #>
    param([string]$SamCore, [string]$Dn, [string]$CmdletName, [switch]$LengthOnly)
    if ($SamCore.Length -gt 15) {
        throw (New-LabError -ExceptionType 'System.ArgumentException' `
                -Message "The service account has a samAccountName attribute of '$SamCore' which is too long; the samAccountName attribute must not be longer than 15 characters" `
                -ErrorId ('ActiveDirectoryCmdlet:System.ArgumentException,' + (Get-LabCmdletClass $CmdletName)) -Category 'InvalidArgument' -Target $Dn)
    }
    if ($LengthOnly) { return }
    if (-not (Test-LabAdNameValid $SamCore)) {
        throw (New-LabAdServerError -CmdletName $CmdletName -Code 1315 -Target $Dn -Message 'The name provided is not a properly formed account name')
    }
}

function Assert-LabAdSamFree {
    param([hashtable]$State, [string]$Sam, [string]$OwnDn, [string]$CmdletName, $Target, [int]$Code = 1316, [string]$Message = 'The specified account already exists')
    foreach ($o in $State.objects) {
        if ($OwnDn -and (Test-LabAdDnEqual $o.distinguishedName $OwnDn)) { continue }
        if ($o.samAccountName -and [string]::Equals([string]$o.samAccountName, $Sam, [System.StringComparison]::OrdinalIgnoreCase)) {
            throw (New-LabAdServerError -CmdletName $CmdletName -Code $Code -Target $Target -Category 'ResourceExists' `
                    -ExceptionType 'Microsoft.ActiveDirectory.Management.ADIdentityAlreadyExistsException' -Message $Message)
        }
    }
}

function Assert-LabAdDnFree {
    param([hashtable]$State, [string]$Dn, [string]$CmdletName)
    if ($null -ne (Find-LabAdObjectByDn -State $State -Dn $Dn)) {
        throw (New-LabAdServerError -CmdletName $CmdletName -Code 8305 -Target $Dn -Message 'The object already exists')
    }
}

function Assert-LabAdSpnsUnique {
    <# Windows Server 2012 R2+ DCs refuse an SPN another account already has (forest-wide uniqueness). #>
    param([hashtable]$State, [string[]]$Spns, [string]$OwnDn, [string]$CmdletName)
    foreach ($spn in @($Spns)) {
        foreach ($o in $State.objects) {
            if (Test-LabAdDnEqual $o.distinguishedName $OwnDn) { continue }
            foreach ($existing in $o.servicePrincipalNames) {
                if ([string]::Equals([string]$existing, [string]$spn, [System.StringComparison]::OrdinalIgnoreCase)) {
                    throw (New-LabAdServerError -CmdletName $CmdletName -Code 8647 -Target $spn `
                            -Message 'The operation failed because SPN value provided for addition/modification is not unique forest-wide.')
                }
            }
        }
    }
}

function Update-LabAdSpns {
    <# -ServicePrincipalNames @{Add=..;Remove=..;Replace=..} (applied Remove, Add, Replace, as documented), or a
       plain list (replace). #>
    param([hashtable]$State, [hashtable]$Object, $Spec, [string]$CmdletName)
    $current = New-Object System.Collections.ArrayList
    foreach ($s in $Object.servicePrincipalNames) { [void]$current.Add([string]$s) }
    $contains = { param($list, $value) foreach ($x in $list) { if ([string]::Equals($x, $value, [System.StringComparison]::OrdinalIgnoreCase)) { return $true } }; return $false }
    if ($Spec -is [System.Collections.IDictionary]) {
        foreach ($key in @('Remove', 'Add', 'Replace')) {
            if (-not $Spec.Contains($key)) { continue }
            $values = @(@($Spec[$key]) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
            switch ($key) {
                'Remove' {
                    $keep = New-Object System.Collections.ArrayList
                    foreach ($x in $current) { if (-not (& $contains $values $x)) { [void]$keep.Add($x) } }
                    $current = $keep
                }
                'Add' { foreach ($v in $values) { if (-not (& $contains $current $v)) { [void]$current.Add($v) } } }
                'Replace' { $current = New-Object System.Collections.ArrayList; foreach ($v in $values) { [void]$current.Add($v) } }
            }
        }
    }
    else {
        $current = New-Object System.Collections.ArrayList
        foreach ($v in @($Spec)) { if ($null -ne $v) { [void]$current.Add([string]$v) } }
    }
    Assert-LabAdSpnsUnique -State $State -Spns $current.ToArray() -OwnDn $Object.distinguishedName -CmdletName $CmdletName
    $Object.servicePrincipalNames = @($current.ToArray())
}

function Test-LabAdTypedAttribute {
    <# LDAP attributes the state keeps in a typed field of its own rather than in the attribute bag. #>
    param([string]$Name)
    return (@('description', 'dNSHostName', 'operatingSystem', 'servicePrincipalName', 'msDS-SupportedEncryptionTypes', 'msDS-ManagedPasswordInterval', 'member', 'sAMAccountName') -contains $Name)
}

function Set-LabAdAttribute {
    <# -Add/-Remove/-Replace/-Clear and -OtherAttributes for any LDAP attribute the object's class may hold: the
       typed fields of the state, else the attribute bag (Attributes.ps1). An attribute the schema does not define
       is 8204; one its class may not hold is 8212 (objectClassViolation). #>
    param([hashtable]$State, [hashtable]$Object, [string]$Attribute, $Values, [string]$Mode, [string]$CmdletName, [switch]$Creating, [string]$Dc)
    $list = @()
    if ($Mode -ne 'Clear') { $list = @($Values | ForEach-Object { $_ }) }
    $isSa = $script:SaClasses -contains $Object.objectClass
    switch -Regex ($Attribute) {
        '^description$' {
            if ($Mode -eq 'Clear' -or $Mode -eq 'Remove') { $Object.description = $null } else { $Object.description = [string]$list[0] }
            return
        }
        '^dNSHostName$' {
            if ($Mode -eq 'Clear' -or $Mode -eq 'Remove') { $Object.dnsHostName = $null } else { $Object.dnsHostName = [string]$list[0] }
            return
        }
        '^operatingSystem$' {
            if ($Mode -eq 'Clear' -or $Mode -eq 'Remove') { $Object.operatingSystem = $null } else { $Object.operatingSystem = [string]$list[0] }
            return
        }
        '^sAMAccountName$' {
            if ($Mode -eq 'Clear' -or $Mode -eq 'Remove') { break }
            Set-LabAdNamedProperty -State $State -Object $Object -Name 'SamAccountName' -Value $list[0] -Dc $Dc -CmdletName $CmdletName -Bound @{}
            return
        }
        '^servicePrincipalName$' {
            $spec = @{}
            if ($Mode -eq 'Clear') { $spec['Replace'] = @() } else { $spec[$Mode] = $list }
            Update-LabAdSpns -State $State -Object $Object -Spec $spec -CmdletName $CmdletName
            return
        }
        '^msDS-SupportedEncryptionTypes$' {
            if ($Mode -eq 'Clear' -or $Mode -eq 'Remove') { $Object.kerberosEncryptionType = @() } else { $Object.kerberosEncryptionType = @(ConvertTo-LabEncNames $list[0]) }
            return
        }
        '^msDS-ManagedPasswordInterval$' {
            if ($isSa -and $Creating -and $Mode -ne 'Clear') { $Object.managedPasswordIntervalInDays = [int]$list[0]; return }
            throw (New-LabAdServerError -CmdletName $CmdletName -Code 8369 -Target $Object.distinguishedName `
                    -Message 'The attribute cannot be modified because it is owned by the system.')
        }
        '^member$' {
            if ($Object.objectClass -ne 'group') { break }
            # DN-syntax values: a DN, <SID=...> or <GUID=...>; permissive modify (see Set-LabAdBagAttribute).
            $dns = New-Object System.Collections.ArrayList
            foreach ($v in $list) { if ($null -ne $v) { [void]$dns.Add((Resolve-LabAdDnValue -State $State -Value $v -Dc $Dc -CmdletName $CmdletName)) } }
            $current = New-Object System.Collections.ArrayList
            if ($Mode -ne 'Replace' -and $Mode -ne 'Clear') { foreach ($m in $Object.members) { [void]$current.Add([string]$m) } }
            foreach ($dn in $dns) {
                $at = -1
                for ($i = 0; $i -lt $current.Count; $i++) { if (Test-LabAdDnEqual $current[$i] $dn) { $at = $i } }
                if ($Mode -eq 'Remove') { if ($at -ge 0) { $current.RemoveAt($at) } }
                elseif ($at -lt 0) {
                    if (Test-LabAdDnEqual $dn $Object.distinguishedName) {
                        throw (New-LabAdServerError -CmdletName $CmdletName -Code 1376 -Target $dn -Message 'The specified local group does not exist.')
                    }
                    [void]$current.Add($dn)
                }
            }
            $Object.members = @($current.ToArray())
            return
        }
    }
    $def = Get-LabAdAttributeDef -Name $Attribute -Kind (Get-LabAdKind $Object.objectClass)
    if ($null -ne $def) {
        Set-LabAdBagAttribute -State $State -Object $Object -Def $def -Values $list -Mode $Mode -Dc $Dc -CmdletName $CmdletName
        return
    }
    if ((Test-LabAdAttributeKnown $Attribute) -or (Test-LabAdTypedAttribute $Attribute)) {
        throw (New-LabAdServerError -CmdletName $CmdletName -Code 8212 -Target $Object.distinguishedName `
                -Message 'The requested operation did not satisfy one or more constraints associated with the class of the object.')
    }
    throw (New-LabAdServerError -CmdletName $CmdletName -Code 8204 -Target $Attribute -Message 'The attribute type specified to the directory service is not defined.')
}

function Invoke-LabAdAttributeParameters {
    <# The generic -Remove, -Add, -Replace, -Clear parameters, in the documented order Remove, Add, Replace, Clear. #>
    param([hashtable]$State, [hashtable]$Object, $Bound, [string]$CmdletName, [string]$Dc)
    foreach ($mode in @('Remove', 'Add', 'Replace')) {
        if (-not $Bound.ContainsKey($mode) -or $null -eq $Bound[$mode]) { continue }
        $table = $Bound[$mode]
        foreach ($key in $table.Keys) { Set-LabAdAttribute -State $State -Object $Object -Attribute ([string]$key) -Values $table[$key] -Mode $mode -CmdletName $CmdletName -Dc $Dc }
    }
    if ($Bound.ContainsKey('Clear') -and $null -ne $Bound['Clear']) {
        foreach ($attr in @($Bound['Clear'])) { Set-LabAdAttribute -State $State -Object $Object -Attribute ([string]$attr) -Values $null -Mode 'Clear' -CmdletName $CmdletName -Dc $Dc }
    }
}

function Remove-LabAdReferences {
    <# Deleting an object removes it from linked attributes (member, msDS-HostServiceAccount) and from the
       lab's password-retrieval lists. #>
    param([hashtable]$State, [string]$Dn)
    foreach ($o in $State.objects) {
        foreach ($key in @('members', 'hostServiceAccounts', 'hostComputers', 'principalsAllowedToRetrieveManagedPassword')) {
            $keep = New-Object System.Collections.ArrayList
            $changed = $false
            foreach ($x in $o[$key]) { if (Test-LabAdDnEqual $x $Dn) { $changed = $true } else { [void]$keep.Add($x) } }
            if ($changed) { $o[$key] = @($keep.ToArray()) }
        }
    }
}

function Add-LabAdCreatedRecord {
    <# The common end of every New-AD* cmdlet, inside Update-LabStateConfirmed (its $gate): -OtherAttributes, then -WhatIf, then the record
       joins the state. Returns @{ State; Record } for -PassThru, or $null when -WhatIf stopped it. #>
    param([hashtable]$State, [hashtable]$Record, $Bound, $Gate, [string]$CmdletName, [string]$Dc)
    if ($Bound.ContainsKey('OtherAttributes') -and $null -ne $Bound['OtherAttributes']) {
        foreach ($key in $Bound['OtherAttributes'].Keys) {
            Set-LabAdAttribute -State $State -Object $Record -Attribute ([string]$key) -Values $Bound['OtherAttributes'][$key] -Mode 'Replace' -CmdletName $CmdletName -Creating -Dc $Dc
        }
    }
    if (-not $Gate.ShouldProcess($Record.distinguishedName, 'New')) { return $null }
    [void]$State.objects.Add($Record)
    return @{ State = $State; Record = $Record }
}

function Remove-LabAdRecord {
    <# The common end of Remove-ADGroup and Remove-ADServiceAccount, inside Update-LabStateConfirmed (its $gate): access, -WhatIf, then the
       object leaves the state together with every reference to it (members, links, allowed principals). #>
    param([hashtable]$State, [hashtable]$Record, $Gate, [string]$CmdletName)
    Assert-LabAdWriteAccess -State $State -Cmdlet $CmdletName -Target $Record.distinguishedName
    if (-not $Gate.ShouldProcess($Record.distinguishedName, 'Remove')) { return }
    $State.objects.Remove($Record)
    Remove-LabAdReferences -State $State -Dn $Record.distinguishedName
}
