# Resolving what a cmdlet names to lab state: the DC (-Server), the partition, objects by identity or DN as the
# chosen DC sees them, the virtual partition heads, group memberships, principals and service accounts.

function Get-LabAdDc {
    param([hashtable]$State, $Bound, [string]$CmdletName)
    $server = ''
    if ($null -ne $Bound -and $Bound.ContainsKey('Server')) { $server = [string]$Bound['Server'] }
    return Get-LabDomainController -State $State -Server $server -Cmdlet $CmdletName
}

function Get-LabAdUnder {
    param([hashtable]$State, $Bound)
    if ($null -ne $Bound -and $Bound.ContainsKey('Partition') -and $Bound['Partition']) { return [string]$Bound['Partition'] }
    return $State.domain.distinguishedName
}

function Get-LabAdVirtualObjects {
    <# Objects outside state.objects that admins read: the domain head, the configuration and schema partitions
       (objectVersion = the schema version), and the KDS root keys where AD keeps them (CN=Master Root Keys,
       CN=Group Key Distribution Service,CN=Services,CN=Configuration,...): one msKds-ProvRootKey per key that has
       replicated to $Dc, named after its KeyId, so admins can ask a DC which keys it has. #>
    param([hashtable]$State, [string]$Dc)
    $base = $State.domain.distinguishedName
    $created = '2024-01-15T09:00:00.000Z'
    $label = $State.domain.dnsRoot.Split('.')[0]
    $domain = New-LabAdRecord @{ objectClass = 'domainDNS'; name = $label; distinguishedName = $base; objectSid = $State.domain.domainSid; created = $created; objectGuid = (Get-LabAdStableGuid $base).ToString() }
    $config = New-LabAdRecord @{ objectClass = 'configuration'; name = 'Configuration'; distinguishedName = "CN=Configuration,$base"; created = $created; objectGuid = (Get-LabAdStableGuid "CN=Configuration,$base").ToString() }
    $schema = New-LabAdRecord @{ objectClass = 'dMD'; name = 'Schema'; distinguishedName = "CN=Schema,CN=Configuration,$base"; created = $created; objectGuid = (Get-LabAdStableGuid "CN=Schema,CN=Configuration,$base").ToString() }
    $schema['objectVersion'] = [int]$State.forest.schemaVersion
    $virtual = New-Object System.Collections.ArrayList
    [void]$virtual.AddRange(@($domain, $config, $schema))
    $parent = "CN=Configuration,$base"
    foreach ($cn in @('Services', 'Group Key Distribution Service', 'Master Root Keys')) {
        $parent = "CN=$cn,$parent"
        [void]$virtual.Add((New-LabAdRecord @{ objectClass = 'container'; name = $cn; distinguishedName = $parent; created = $created; objectGuid = (Get-LabAdStableGuid $parent).ToString() }))
    }
    foreach ($key in $State.kdsRootKeys) {
        if ($Dc -and -not (Test-LabVisibleOn -State $State -On $key.replicatedTo -Created $key.createdTime -Dc $Dc)) { continue }
        $dn = "CN=$($key.keyId),$parent"
        $record = New-LabAdRecord @{ objectClass = 'msKds-ProvRootKey'; name = [string]$key.keyId; distinguishedName = $dn; created = $key.createdTime; objectGuid = [string]$key.keyId }
        $record['msKds-UseStartTime'] = (ConvertFrom-LabDateText $key.effectiveTime).ToFileTimeUtc()
        $record['msKds-CreateTime'] = (ConvertFrom-LabDateText $key.createdTime).ToFileTimeUtc()
        $record['msKds-Version'] = 1
        [void]$virtual.Add($record)
    }
    return , $virtual.ToArray()
}

function Find-LabAdContainer {
    <# The container/OU/domain head at $Dn, visible on $Dc, or $null. #>
    param([hashtable]$State, [string]$Dn, [string]$Dc)
    foreach ($v in (Get-LabAdVirtualObjects -State $State -Dc $Dc)) { if (Test-LabAdDnEqual $v.distinguishedName $Dn) { return $v } }
    $o = Find-LabAdObject -State $State -Identity $Dn -Class $script:ContainerClasses -Dc $Dc
    if ($null -ne $o -and (Test-LabAdDnEqual $o.distinguishedName $Dn)) { return $o }
    return $null
}

function Find-LabAdObjectAtDn {
    <# The directory object at exactly $Dn as DC $Dc sees it, of any class: a virtual one (partition heads, the
       Configuration containers, the KDS root keys: none of them is in state.objects), else the first visible object
       of the state. What a path on the AD: drive names (Get-Acl, Set-Acl). #>
    param([hashtable]$State, [string]$Dn, [string]$Dc)
    foreach ($v in (Get-LabAdVirtualObjects -State $State -Dc $Dc)) { if (Test-LabAdDnEqual $v.distinguishedName $Dn) { return $v } }
    foreach ($o in $State.objects) {
        if ((Test-LabAdDnEqual $o.distinguishedName $Dn) -and (Test-LabVisibleOn -State $State -On $o.onlyOn -Created $o.created -Dc $Dc)) { return $o }
    }
    return $null
}

function Resolve-LabAdObject {
    <# Find-LabAdObject, plus the virtual partition heads when $IncludeVirtual (Get-ADObject). #>
    param([hashtable]$State, $Identity, [string[]]$Class, [string]$Dc, [switch]$IncludeVirtual)
    $o = Find-LabAdObject -State $State -Identity $Identity -Class $Class -Dc $Dc
    if ($null -ne $o) { return $o }
    if ($IncludeVirtual) {
        $id = Get-LabAdIdText $Identity
        foreach ($v in (Get-LabAdVirtualObjects -State $State -Dc $Dc)) {
            if ((Test-LabAdDnEqual $v.distinguishedName $id) -or $v.objectGuid -eq $id) { return $v }
        }
    }
    return $null
}

function Find-LabAdObjectByDn {
    param([hashtable]$State, [string]$Dn)
    $index = Get-LabAdSearchIndex $State
    if ($null -ne $index) {
        if ($index.ByDn.ContainsKey($Dn)) { return $index.ByDn[$Dn] }
        return $null
    }
    foreach ($o in $State.objects) { if (Test-LabAdDnEqual $o.distinguishedName $Dn) { return $o } }
    return $null
}

# A search (Invoke-LabAdGet) builds an attribute table for each object it returns or tests, and memberOf, the primary
# group and the dMSA back-links each scanned every object of the state: quadratic, minutes on a domain of thousands.
# While a search runs, its state read gets one index (built on first use, linear) that those lookups and the in-chain
# rule use. Only searches turn it on: they read and never write, so the index cannot go stale under them.
$script:LabAdIndexState = $null
$script:LabAdIndex = $null

function Enable-LabAdSearchIndex {
    <# Lets Get-LabAdSearchIndex build an index of $State for the search that is starting. #>
    param([hashtable]$State)
    $script:LabAdIndexState = $State
    $script:LabAdIndex = $null
}

function Get-LabAdSearchIndex {
    <# The index of the current search's state read, or $null outside a search (or for another state object):
       objects by DN and SID, direct groups by member DN (the memberOf back-link, in state order), and the dMSA
       migration back-links by superseded DN. #>
    param([hashtable]$State)
    if ($null -eq $State -or -not [object]::ReferenceEquals($script:LabAdIndexState, $State)) { return $null }
    if ($null -ne $script:LabAdIndex) { return $script:LabAdIndex }
    $cmp = [System.StringComparer]::OrdinalIgnoreCase
    $byDn = New-Object 'System.Collections.Generic.Dictionary[string,object]' ($cmp)
    $bySid = New-Object 'System.Collections.Generic.Dictionary[string,object]' ($cmp)
    $groupsOf = New-Object 'System.Collections.Generic.Dictionary[string,System.Collections.ArrayList]' ($cmp)
    $supersededBy = New-Object 'System.Collections.Generic.Dictionary[string,System.Collections.ArrayList]' ($cmp)
    foreach ($o in $State.objects) {
        $dn = [string]$o.distinguishedName
        if (-not $byDn.ContainsKey($dn)) { $byDn[$dn] = $o }
        if ($o.objectSid -and -not $bySid.ContainsKey([string]$o.objectSid)) { $bySid[[string]$o.objectSid] = $o }
        if ($o.objectClass -eq 'group') {
            $seen = New-Object 'System.Collections.Generic.HashSet[string]' ($cmp)
            foreach ($m in $o.members) {
                $member = [string]$m
                if (-not $seen.Add($member)) { continue }
                if (-not $groupsOf.ContainsKey($member)) { $groupsOf[$member] = New-Object System.Collections.ArrayList }
                [void]$groupsOf[$member].Add($o)
            }
        }
        $mig = Get-LabAdMigration $o
        if ($null -ne $mig -and $mig.supersededAccount) {
            $old = [string]$mig.supersededAccount
            if (-not $supersededBy.ContainsKey($old)) { $supersededBy[$old] = New-Object System.Collections.ArrayList }
            [void]$supersededBy[$old].Add($o)
        }
    }
    $script:LabAdIndex = @{ ByDn = $byDn; BySid = $bySid; GroupsOf = $groupsOf; SupersededBy = $supersededBy; Chains = @{} }
    return $script:LabAdIndex
}

function Get-LabAdDirectGroups {
    param([hashtable]$State, [string]$Dn)
    $index = Get-LabAdSearchIndex $State
    if ($null -ne $index) {
        if ($index.GroupsOf.ContainsKey($Dn)) { return , $index.GroupsOf[$Dn].ToArray() }
        return , @()
    }
    $groups = New-Object System.Collections.ArrayList
    foreach ($o in $State.objects) {
        if ($o.objectClass -ne 'group') { continue }
        foreach ($m in $o.members) { if (Test-LabAdDnEqual $m $Dn) { [void]$groups.Add($o); break } }
    }
    return , $groups.ToArray()
}

function Get-LabAdPrimaryGroupRid {
    param([hashtable]$Object)
    switch ($Object.objectClass) {
        'user' { return 513 }
        'computer' {
            if ($Object.distinguishedName -like '*,OU=Domain Controllers,*') { return 516 }
            return 515
        }
    }
    return 515
}

function Get-LabAdMigration {
    param([hashtable]$Object)
    if ($Object.ContainsKey('migration') -and $null -ne $Object['migration']) { return $Object['migration'] }
    return $null
}

function Resolve-LabAdPrincipalDns {
    <# -PrincipalsAllowedToRetrieveManagedPassword / -Members: each ADPrincipal to the DN of a visible object. #>
    param([hashtable]$State, $Principals, [string]$Dc, [string]$CmdletName, $Bound)
    $dns = New-Object System.Collections.ArrayList
    foreach ($p in @($Principals)) {
        if ($null -eq $p) { continue }
        $o = Find-LabAdObject -State $State -Identity $p -Class $script:PrincipalClasses -Dc $Dc
        if ($null -eq $o) { throw (New-LabAdNotFoundError -CmdletName $CmdletName -Identity $p -Under (Get-LabAdUnder $State $Bound)) }
        if (-not $dns.Contains($o.distinguishedName)) { [void]$dns.Add($o.distinguishedName) }
    }
    return $dns.ToArray()
}

function Find-LabAdObjectOrThrow {
    <# The object of one of $Class that $Identity names, as DC $Dc sees it, or the real not-found error. #>
    param([hashtable]$State, $Identity, [string[]]$Class, [string]$Dc, [string]$CmdletName, $Bound)
    $o = Find-LabAdObject -State $State -Identity $Identity -Class $Class -Dc $Dc
    if ($null -eq $o) { throw (New-LabAdNotFoundError -CmdletName $CmdletName -Identity $Identity -Under (Get-LabAdUnder $State $Bound)) }
    return $o
}

function Find-LabAdServiceAccountOrThrow {
    param([hashtable]$State, $Identity, [string]$Dc, [string]$CmdletName, $Bound)
    return Find-LabAdObjectOrThrow -State $State -Identity $Identity -Class $script:SaClasses -Dc $Dc -CmdletName $CmdletName -Bound $Bound
}
