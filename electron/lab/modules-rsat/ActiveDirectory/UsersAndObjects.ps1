# Users and the rest of the directory: Get-ADUser, Set-ADUser, Get-ADOrganizationalUnit, Get-ADObject (which also
# returns the domain, configuration and schema partition heads), Set-ADObject, Remove-ADObject, and
# Set-ADAccountControl (users, computers and service accounts alike).

function LabImpl-Get-ADUser {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class @('user') -TypeName 'ADUser' -DefaultSet 'User'
}

function LabImpl-Set-ADUser {
    param($Cmdlet, $Bound)
    Invoke-LabAdSet -Cmdlet $Cmdlet -Bound $Bound -Class @('user') -TypeName 'ADUser' -DefaultSet 'User'
}

function LabImpl-Get-ADOrganizationalUnit {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class @('organizationalUnit') -TypeName 'ADOrganizationalUnit' -DefaultSet 'OU'
}

function LabImpl-Get-ADObject {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class $null -TypeName 'ADObject' -DefaultSet 'Object' -IncludeVirtual
}

function LabImpl-Set-ADObject {
    param($Cmdlet, $Bound)
    Invoke-LabAdSet -Cmdlet $Cmdlet -Bound $Bound -Class $null -TypeName 'ADObject' -DefaultSet 'Object'
}

function LabImpl-Set-ADAccountControl {
    <# The userAccountControl flags of an account, by their property names (Set-LabAdNamedProperty). #>
    param($Cmdlet, $Bound)
    $cmd = 'Set-ADAccountControl'
    $accountClasses = @('user', 'computer') + $script:SaClasses
    $changed = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $o = Find-LabAdObjectOrThrow -State $state -Identity $Bound['Identity'] -Class $accountClasses -Dc $dc.name -CmdletName $cmd -Bound $Bound
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $o.distinguishedName
        if (-not $gate.ShouldProcess($o.distinguishedName, 'Set')) { return $null }
        Invoke-LabAdNamedParameters -State $state -Object $o -Bound $Bound -Dc $dc.name -CmdletName $cmd
        return @{ State = $state; Record = $o }
    }
    if ($null -ne $changed -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $changed.State -Object $changed.Record -TypeName 'ADAccount' -DefaultSet (Get-LabAdKind $changed.Record.objectClass)
    }
}

function LabImpl-Remove-ADObject {
    <# Deletes an object. One with children needs -Recursive (else 8213, "leaf object"), which deletes the whole
       subtree; an object protected from accidental deletion (the lab's OUs, as New-ADOrganizationalUnit creates
       them) is refused with "Access is denied", also when it is inside the subtree -Recursive would delete
       (learn.microsoft.com/powershell/module/activedirectory/remove-adobject: -Recursive). A KDS root key
       (CN=<KeyId>,CN=Master Root Keys,...) can be deleted like any object. #>
    param($Cmdlet, $Bound)
    $cmd = 'Remove-ADObject'
    $null = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $o = Resolve-LabAdObject -State $state -Identity $Bound['Identity'] -Dc $dc.name -IncludeVirtual
        if ($null -eq $o) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under (Get-LabAdUnder $state $Bound)) }
        $dn = [string]$o.distinguishedName
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $dn
        if ($o.objectClass -eq 'msKds-ProvRootKey') {
            if (-not $gate.ShouldProcess($dn, 'Remove')) { return }
            $keep = New-Object System.Collections.ArrayList
            foreach ($k in $state.kdsRootKeys) { if ([string]$k.keyId -ne [string]$o.name) { [void]$keep.Add($k) } }
            $state.kdsRootKeys = $keep
            return
        }
        $subtree = New-Object System.Collections.ArrayList
        foreach ($x in $state.objects) { if (-not (Test-LabAdDnEqual $x.distinguishedName $dn) -and (Test-LabAdUnder -Dn $x.distinguishedName -Base $dn)) { [void]$subtree.Add($x) } }
        $isVirtual = ($null -eq (Find-LabAdObjectByDn -State $state -Dn $dn))
        if ($isVirtual -or ($subtree.Count -gt 0 -and -not $Bound['Recursive'])) {
            throw (New-LabAdServerError -CmdletName $cmd -Code 8213 -Target $dn `
                    -Message 'The operation cannot be performed because child objects exist. This operation can only be performed on a leaf object.')
        }
        foreach ($x in @($o) + @($subtree.ToArray())) {
            if ($x.objectClass -eq 'organizationalUnit') {
                throw (New-LabAdCmdletError -CmdletName $cmd -ExceptionType 'System.UnauthorizedAccessException' -Category 'PermissionDenied' -Target $dn -Message 'Access is denied')
            }
        }
        if (-not $gate.ShouldProcess($dn, 'Remove')) { return }
        foreach ($x in @($subtree.ToArray()) + @($o)) {
            $state.objects.Remove($x)
            Remove-LabAdReferences -State $state -Dn $x.distinguishedName
        }
    }
}
