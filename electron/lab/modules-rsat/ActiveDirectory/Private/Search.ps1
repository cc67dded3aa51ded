# The one body behind Get-ADServiceAccount, -ADComputer, -ADUser, -ADGroup, -ADOrganizationalUnit and -ADObject:
# -Identity, or a filtered search under -SearchBase/-SearchScope, as the chosen DC sees the directory.

function Invoke-LabAdGet {
    <# Get-ADServiceAccount/-ADComputer/-ADUser/-ADGroup/-ADObject/-ADOrganizationalUnit: -Identity, -Filter,
       -LDAPFilter, -SearchBase, -SearchScope, -ResultSetSize, -Properties, -Server (replication-aware). #>
    param($Cmdlet, $Bound, [string[]]$Class, [string]$TypeName, [string]$DefaultSet, [switch]$IncludeVirtual)
    $cmd = $Cmdlet.MyInvocation.MyCommand.Name
    $state = Get-LabState
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
    foreach ($o in $candidates) {
        if (-not (Test-LabAdUnder -Dn $o.distinguishedName -Base $base -Scope $scope)) { continue }
        if ($tree.t -ne 'all') {
            $table = Get-LabAdAttributeTable -State $state -Object $o
            if (-not (Test-LabAdFilter $tree $table $o)) { continue }
        }
        ConvertTo-LabAdOutput -State $state -Object $o -TypeName $TypeName -DefaultSet $DefaultSet -Properties $props
        $count++
        if ($limit -gt 0 -and $count -ge $limit) { break }
    }
}
