# Groups: Get-ADGroup, Get-ADGroupMember, Get-ADPrincipalGroupMembership, New-ADGroup, Set-ADGroup, Remove-ADGroup, and
# Add-/Remove-ADGroupMember (one body, Invoke-LabAdGroupMembers).

function LabImpl-Get-ADGroup {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class @('group') -TypeName 'ADGroup' -DefaultSet 'Group'
}

function LabImpl-Get-ADGroupMember {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADGroupMember'
    $state = Get-LabState
    $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $group = Find-LabAdObject -State $state -Identity $Bound['Identity'] -Class @('group') -Dc $dc.name
    if ($null -eq $group) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under (Get-LabAdUnder $state $Bound)) }
    $seenGroups = New-Object System.Collections.ArrayList
    $seen = New-Object System.Collections.ArrayList
    $queue = New-Object System.Collections.Queue
    $queue.Enqueue($group)
    [void]$seenGroups.Add($group.distinguishedName)
    while ($queue.Count -gt 0) {
        $g = $queue.Dequeue()
        foreach ($memberDn in $g.members) {
            $m = Find-LabAdObject -State $state -Identity $memberDn -Dc $dc.name
            if ($null -eq $m -or -not (Test-LabAdDnEqual $m.distinguishedName $memberDn)) { continue }
            if ($Bound['Recursive'] -and $m.objectClass -eq 'group') {
                if (-not $seenGroups.Contains($m.distinguishedName)) { [void]$seenGroups.Add($m.distinguishedName); $queue.Enqueue($m) }
                continue
            }
            if ($seen.Contains($m.distinguishedName)) { continue }
            [void]$seen.Add($m.distinguishedName)
            ConvertTo-LabAdOutput -State $state -Object $m -TypeName 'ADPrincipal' -DefaultSet 'Principal'
        }
    }
}

function LabImpl-Get-ADPrincipalGroupMembership {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADPrincipalGroupMembership'
    $state = Get-LabState
    $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $principal = Find-LabAdObject -State $state -Identity $Bound['Identity'] -Class $script:PrincipalClasses -Dc $dc.name
    if ($null -eq $principal) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under (Get-LabAdUnder $state $Bound)) }
    foreach ($g in (Get-LabAdDirectGroups -State $state -Dn $principal.distinguishedName)) {
        if (-not (Test-LabVisibleOn -State $state -On $g.onlyOn -Created $g.created -Dc $dc.name)) { continue }
        ConvertTo-LabAdOutput -State $state -Object $g -TypeName 'ADGroup' -DefaultSet 'Group'
    }
}

function LabImpl-New-ADGroup {
    param($Cmdlet, $Bound)
    $cmd = 'New-ADGroup'
    $Bound = Merge-LabAdTemplate -Cmdlet $Cmdlet -Bound $Bound
    $name = [string]$Bound['Name']
    $sam = $name
    if ($Bound.ContainsKey('SamAccountName') -and $Bound['SamAccountName']) { $sam = [string]$Bound['SamAccountName'] }
    $category = 'Security'
    if ($Bound.ContainsKey('GroupCategory')) { $category = [string]$Bound['GroupCategory'] }
    $scope = [string]$Bound['GroupScope']
    $created = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $path = "CN=Users,$($state.domain.distinguishedName)"
        if ($Bound.ContainsKey('Path') -and $Bound['Path']) { $path = [string]$Bound['Path'] }
        $dn = 'CN=' + (ConvertTo-LabAdRdnValue $name) + ',' + $path
        if ($null -eq (Find-LabAdContainer -State $state -Dn $path -Dc $dc.name)) {
            throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $path -Message 'Directory object not found')
        }
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $dn
        if (-not (Test-LabAdNameValid $sam) -or $sam.Length -gt 256) {
            throw (New-LabAdServerError -CmdletName $cmd -Code 1315 -Target $dn -Message 'The name provided is not a properly formed account name')
        }
        foreach ($o in $state.objects) {
            if ($o.samAccountName -and [string]::Equals([string]$o.samAccountName, $sam, [System.StringComparison]::OrdinalIgnoreCase)) {
                if ($o.objectClass -eq 'group') {
                    throw (New-LabAdServerError -CmdletName $cmd -Code 1318 -Target $dn -Category 'ResourceExists' `
                            -ExceptionType 'Microsoft.ActiveDirectory.Management.ADIdentityAlreadyExistsException' -Message 'The specified group already exists')
                }
                throw (New-LabAdServerError -CmdletName $cmd -Code 1316 -Target $dn -Category 'ResourceExists' `
                        -ExceptionType 'Microsoft.ActiveDirectory.Management.ADIdentityAlreadyExistsException' -Message 'The specified account already exists')
            }
        }
        Assert-LabAdDnFree -State $state -Dn $dn -CmdletName $cmd
        $description = $null
        if ($Bound.ContainsKey('Description') -and $Bound['Description']) { $description = [string]$Bound['Description'] }
        $record = New-LabAdRecord @{
            objectClass = 'group'; name = $name; distinguishedName = $dn; samAccountName = $sam
            objectSid = (Get-LabAdNextSid -State $state); description = $description; created = (ConvertTo-LabDateText (Get-LabNow))
            groupScope = $scope; groupCategory = $category; members = @(); onlyOn = @([string]$dc.name)
        }
        Invoke-LabAdNamedParameters -State $state -Object $record -Bound $Bound -Dc $dc.name -CmdletName $cmd -Skip @('SamAccountName', 'GroupScope', 'GroupCategory', 'Description')
        return Add-LabAdCreatedRecord -State $state -Record $record -Bound $Bound -Gate $gate -CmdletName $cmd -Dc $dc.name
    }
    if ($null -ne $created -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $created.State -Object $created.Record -TypeName 'ADGroup' -DefaultSet 'Group'
    }
}

function LabImpl-Set-ADGroup {
    param($Cmdlet, $Bound)
    Invoke-LabAdSet -Cmdlet $Cmdlet -Bound $Bound -Class @('group') -TypeName 'ADGroup' -DefaultSet 'Group'
}

function LabImpl-Remove-ADGroup {
    param($Cmdlet, $Bound)
    $cmd = 'Remove-ADGroup'
    $null = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $g = Find-LabAdObjectOrThrow -State $state -Identity $Bound['Identity'] -Class @('group') -Dc $dc.name -CmdletName $cmd -Bound $Bound
        Remove-LabAdRecord -State $state -Record $g -Gate $gate -CmdletName $cmd
    }
}

function Invoke-LabAdGroupMembers {
    param($Cmdlet, $Bound, [switch]$Remove)
    $cmd = $Cmdlet.MyInvocation.MyCommand.Name
    $group = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $g = Find-LabAdObject -State $state -Identity $Bound['Identity'] -Class @('group') -Dc $dc.name
        if ($null -eq $g) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under (Get-LabAdUnder $state $Bound)) }
        $dns = Resolve-LabAdPrincipalDns -State $state -Principals $Bound['Members'] -Dc $dc.name -CmdletName $cmd -Bound $Bound
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $g.distinguishedName
        $strict = [bool]$Bound['DisablePermissiveModify']
        $current = New-Object System.Collections.ArrayList
        foreach ($m in $g.members) { [void]$current.Add([string]$m) }
        foreach ($dn in $dns) {
            $has = $false
            foreach ($m in $current) { if (Test-LabAdDnEqual $m $dn) { $has = $true } }
            if ($Remove -and -not $has -and $strict) {
                throw (New-LabAdServerError -CmdletName $cmd -Code 1377 -Target $dn -Message 'The specified account name is not a member of the group.')
            }
            if (-not $Remove -and $has -and $strict) {
                throw (New-LabAdServerError -CmdletName $cmd -Code 1378 -Target $dn -Message 'The specified account name is already a member of the group.')
            }
            if (-not $Remove -and (Test-LabAdDnEqual $dn $g.distinguishedName)) {
                throw (New-LabAdServerError -CmdletName $cmd -Code 1376 -Target $dn -Message 'The specified local group does not exist.')
            }
        }
        $action = 'Set'
        if (-not $gate.ShouldProcess($g.distinguishedName, $action)) { return $null }
        foreach ($dn in $dns) {
            if ($Remove) {
                $keep = New-Object System.Collections.ArrayList
                foreach ($m in $current) { if (-not (Test-LabAdDnEqual $m $dn)) { [void]$keep.Add($m) } }
                $current = $keep
            }
            else {
                $has = $false
                foreach ($m in $current) { if (Test-LabAdDnEqual $m $dn) { $has = $true } }
                if (-not $has) { [void]$current.Add($dn) }
            }
        }
        # Only the directory changes: members' Kerberos tickets keep their old groups until refreshed.
        $g.members = @($current.ToArray())
        return @{ State = $state; Record = $g }
    }
    if ($null -ne $group -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $group.State -Object $group.Record -TypeName 'ADGroup' -DefaultSet 'Group'
    }
}

function LabImpl-Add-ADGroupMember { param($Cmdlet, $Bound) Invoke-LabAdGroupMembers -Cmdlet $Cmdlet -Bound $Bound }
function LabImpl-Remove-ADGroupMember { param($Cmdlet, $Bound) Invoke-LabAdGroupMembers -Cmdlet $Cmdlet -Bound $Bound -Remove }
