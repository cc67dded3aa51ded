# The one body behind Get-ADServiceAccount, -ADComputer, -ADUser, -ADGroup, -ADOrganizationalUnit and -ADObject:
# -Identity, or a filtered search under -SearchBase/-SearchScope, as the chosen DC sees the directory.

function Invoke-LabAdGet {
    <# Get-ADServiceAccount/-ADComputer/-ADUser/-ADGroup/-ADObject/-ADOrganizationalUnit: -Identity, -Filter,
       -LDAPFilter, -SearchBase, -SearchScope, -ResultSetSize, -Properties, -Server (replication-aware). #>
    param($Cmdlet, $Bound, [string[]]$Class, [string]$TypeName, [string]$DefaultSet, [switch]$IncludeVirtual)
    $cmd = $Cmdlet.MyInvocation.MyCommand.Name
    $state = Get-LabState
    # Lookups by DN, memberOf and the in-chain rule through one index of this read (Identity.ps1).
    Enable-LabAdSearchIndex $state
    $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $props = $Bound['Properties']
    if ($Bound.ContainsKey('Identity')) {
        $o = Resolve-LabAdObject -State $state -Identity $Bound['Identity'] -Class $Class -Dc $dc.name -IncludeVirtual:$IncludeVirtual
        if ($null -eq $o) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under (Get-LabAdUnder $state $Bound)) }
        ConvertTo-LabAdOutput -State $state -Object $o -TypeName $TypeName -DefaultSet $DefaultSet -Properties $props
        return
    }
    $tree = Get-LabAdFilterTree -Cmdlet $Cmdlet -Bound $Bound -CmdletName $cmd
    $base = $state.domain.distinguishedName
    if ($Bound.ContainsKey('SearchBase') -and $Bound['SearchBase']) {
        $base = [string]$Bound['SearchBase']
        if ($null -eq (Find-LabAdContainer -State $state -Dn $base -Dc $dc.name) -and $null -eq (Find-LabAdObject -State $state -Identity $base -Dc $dc.name)) {
            throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $base -Message 'Directory object not found')
        }
    }
    $scope = 'Subtree'
    if ($Bound.ContainsKey('SearchScope')) { $scope = [string]$Bound['SearchScope'] }
    $limit = 0
    if ($Bound.ContainsKey('ResultSetSize') -and $null -ne $Bound['ResultSetSize']) { $limit = [int]$Bound['ResultSetSize'] }
    $candidates = New-Object System.Collections.ArrayList
    if ($IncludeVirtual) { foreach ($v in (Get-LabAdVirtualObjects -State $state -Dc $dc.name)) { [void]$candidates.Add($v) } }
    foreach ($o in $state.objects) {
        if ($Class -and ($Class -notcontains $o.objectClass)) { continue }
        if (-not (Test-LabVisibleOn -State $state -On $o.onlyOn -Created $o.created -Dc $dc.name)) { continue }
        [void]$candidates.Add($o)
    }
    $count = 0
    $script:LabAdFilterState = $state
    # A filter on the object's core fields only (name, DN, class, GUID, ... - the usual name search) is evaluated
    # against those, and the full attribute table is built for the matches alone.
    $cheapOnly = $true
    foreach ($a in (Get-LabAdFilterAttributes $tree)) { if ($script:CoreFilterAttributes -notcontains $a) { $cheapOnly = $false } }
    foreach ($o in $candidates) {
        if (-not (Test-LabAdUnder -Dn $o.distinguishedName -Base $base -Scope $scope)) { continue }
        $table = $null
        if ($tree.t -ne 'all') {
            if ($cheapOnly) {
                if (-not (Test-LabAdFilter $tree (Get-LabAdCoreTable -State $state -Object $o) $o)) { continue }
            }
            else {
                $table = Get-LabAdAttributeTable -State $state -Object $o
                if (-not (Test-LabAdFilter $tree $table $o)) { continue }
            }
        }
        ConvertTo-LabAdOutput -State $state -Object $o -TypeName $TypeName -DefaultSet $DefaultSet -Properties $props -Table $table
        $count++
        if ($limit -gt 0 -and $count -ge $limit) { break }
    }
}

$script:CoreFilterAttributes = @('name', 'cn', 'samaccountname', 'distinguishedname', 'objectclass', 'objectcategory', 'objectguid', 'description', 'dnshostname', 'objectsid')

function Get-LabAdFilterAttributes {
    <# The attribute names a parsed filter reads (lower case). #>
    param($Tree)
    switch ($Tree.t) {
        'all' { return }
        'and' { Get-LabAdFilterAttributes $Tree.l; Get-LabAdFilterAttributes $Tree.r; return }
        'or' { Get-LabAdFilterAttributes $Tree.l; Get-LabAdFilterAttributes $Tree.r; return }
        'land' { foreach ($i in $Tree.items) { Get-LabAdFilterAttributes $i }; return }
        'lor' { foreach ($i in $Tree.items) { Get-LabAdFilterAttributes $i }; return }
        'not' { Get-LabAdFilterAttributes $Tree.e; return }
    }
    # member / memberOf in chain are decided from the object's DN (Test-LabAdInChain), no attribute table needed.
    if ($Tree.op -eq 'chain') {
        if (@('member', 'memberof') -contains ([string]$Tree.attr).ToLowerInvariant()) { return 'distinguishedname' }
        return '(chain)'
    }
    ([string]$Tree.attr).ToLowerInvariant()
}

function Get-LabAdCoreTable {
    <# The core fields of an object, under the names the full attribute table gives them (Get-LabAdAttributeTable),
       for filters that read nothing else. #>
    param([hashtable]$State, [hashtable]$Object)
    $category = Get-LabAdCategory ([string]$Object.objectClass)
    $t = [ordered]@{
        Name              = $Object.name
        CN                = $Object.name
        DistinguishedName = $Object.distinguishedName
        ObjectClass       = $Object.objectClass
        ObjectCategory    = "CN=$($category[0]),CN=Schema,CN=Configuration,$($State.domain.distinguishedName)"
        ObjectGUID        = [guid]$Object.objectGuid
        Description       = $Object.description
    }
    if ($null -ne $Object.samAccountName) { $t['SamAccountName'] = $Object.samAccountName }
    if ($null -ne $Object.dnsHostName) { $t['DNSHostName'] = $Object.dnsHostName }
    # objectSid as the full table has it: on security principals and the domain head (Get-LabAdAttributeTable).
    if ($Object.objectSid -and ($Object.objectClass -eq 'domainDNS' -or @('User', 'Computer', 'ServiceAccount', 'Group') -contains (Get-LabAdKind ([string]$Object.objectClass)))) { $t['objectSid'] = ConvertTo-LabSid $Object.objectSid }
    return $t
}
