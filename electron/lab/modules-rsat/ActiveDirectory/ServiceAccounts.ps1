# Service accounts in the directory: Get-, New-, Set-, Remove-ADServiceAccount, and their links to computers
# (Get-, Add-, Remove-ADComputerServiceAccount). Install/Test on the host: ServiceAccountInstall.ps1;
# dMSA migration: ServiceAccountMigration.ps1.

function LabImpl-Get-ADServiceAccount {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class $script:SaClasses -TypeName 'ADServiceAccount' -DefaultSet 'ServiceAccount'
}

function LabImpl-New-ADServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'New-ADServiceAccount'
    $Bound = Merge-LabAdTemplate -Cmdlet $Cmdlet -Bound $Bound
    $name = [string]$Bound['Name']
    $samCore = $name
    if ($Bound.ContainsKey('SamAccountName') -and $Bound['SamAccountName']) { $samCore = [string]$Bound['SamAccountName'] }
    if ($samCore.EndsWith('$')) { $samCore = $samCore.Substring(0, $samCore.Length - 1) }
    $sam = $samCore + '$'
    $isSmsa = ($Cmdlet.ParameterSetName -eq 'RestrictedToSingleComputer')
    $isDmsa = [bool]$Bound['CreateDelegatedServiceAccount']
    $objectClass = 'msDS-GroupManagedServiceAccount'
    if ($isSmsa) { $objectClass = 'msDS-ManagedServiceAccount' }
    if ($isDmsa) { $objectClass = 'msDS-DelegatedManagedServiceAccount' }
    $created = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $path = "CN=Managed Service Accounts,$($state.domain.distinguishedName)"
        if ($Bound.ContainsKey('Path') -and $Bound['Path']) { $path = [string]$Bound['Path'] }
        $dn = 'CN=' + (ConvertTo-LabAdRdnValue $name) + ',' + $path
        # Checked by the cmdlet itself, before it talks to a DC.
        Get-LabAdSamCheck -SamCore $samCore -Dn $dn -CmdletName $cmd -LengthOnly
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        if ($null -eq (Find-LabAdContainer -State $state -Dn $path -Dc $dc.name)) {
            throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $path -Message 'Directory object not found')
        }
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $dn
        if ($isDmsa -and [string]$state.domain.domainMode -ne 'Windows2025Domain') {
            # dMSAs need the Windows Server 2025 domain functional level.
            throw (New-LabAdServerError -CmdletName $cmd -Code 50 -Target $dn -Message 'The request is not supported.')
        }
        if ($isSmsa) {
            if ([int]$state.forest.schemaVersion -lt 47) { throw (New-LabAdServerError -CmdletName $cmd -Code 8371 -Target $dn -Message 'The specified class is not defined.') }
        }
        else {
            # gMSA password derivation needs a KDS root key that is effective and present on THIS DC. Without one
            # there is nothing to derive from, whatever the schema: admins see "Key does not exist" first.
            $key = Get-LabUsableKdsRootKey -State $state -Dc $dc.name
            if ($null -eq $key) {
                throw (New-LabAdServerError -CmdletName $cmd -Code -2146893811 -Target $dn -Message 'Key does not exist')
            }
            if ([int]$state.forest.schemaVersion -lt 52) { throw (New-LabAdServerError -CmdletName $cmd -Code 8371 -Target $dn -Message 'The specified class is not defined.') }
        }
        Get-LabAdSamCheck -SamCore $samCore -Dn $dn -CmdletName $cmd
        Assert-LabAdSamFree -State $state -Sam $sam -CmdletName $cmd -Target $dn
        Assert-LabAdDnFree -State $state -Dn $dn -CmdletName $cmd
        $allowed = @()
        if ($Bound.ContainsKey('PrincipalsAllowedToRetrieveManagedPassword')) {
            $allowed = @(Resolve-LabAdPrincipalDns -State $state -Principals $Bound['PrincipalsAllowedToRetrieveManagedPassword'] -Dc $dc.name -CmdletName $cmd -Bound $Bound)
        }
        $delegate = @()
        if ($Bound.ContainsKey('PrincipalsAllowedToDelegateToAccount')) {
            $delegate = @(Resolve-LabAdPrincipalDns -State $state -Principals $Bound['PrincipalsAllowedToDelegateToAccount'] -Dc $dc.name -CmdletName $cmd -Bound $Bound)
        }
        $spns = @()
        if ($Bound.ContainsKey('ServicePrincipalNames')) { $spns = @($Bound['ServicePrincipalNames'] | Where-Object { $_ } | ForEach-Object { [string]$_ }) }
        Assert-LabAdSpnsUnique -State $state -Spns $spns -OwnDn $dn -CmdletName $cmd
        # New gMSAs get msDS-SupportedEncryptionTypes 0x1C (RC4, AES128, AES256) unless told otherwise.
        $enc = @('RC4', 'AES128', 'AES256')
        if ($Bound.ContainsKey('KerberosEncryptionType')) { $enc = @(ConvertTo-LabEncNames $Bound['KerberosEncryptionType']) }
        $interval = $null
        if (-not $isSmsa) {
            $interval = 30
            if ($Bound.ContainsKey('ManagedPasswordIntervalInDays')) { $interval = [int]$Bound['ManagedPasswordIntervalInDays'] }
        }
        $enabled = $true
        if ($Bound.ContainsKey('Enabled')) { $enabled = [bool]$Bound['Enabled'] }
        $dnsHostName = $null
        if ($Bound.ContainsKey('DNSHostName') -and $Bound['DNSHostName']) { $dnsHostName = [string]$Bound['DNSHostName'] }
        $description = $null
        if ($Bound.ContainsKey('Description') -and $Bound['Description']) { $description = [string]$Bound['Description'] }
        $record = New-LabAdRecord @{
            objectClass = $objectClass; name = $name; distinguishedName = $dn; samAccountName = $sam
            objectSid = (Get-LabAdNextSid -State $state); description = $description; enabled = $enabled; created = (ConvertTo-LabDateText (Get-LabNow))
            dnsHostName = $dnsHostName; kerberosEncryptionType = $enc; servicePrincipalNames = $spns
            principalsAllowedToRetrieveManagedPassword = @($allowed); managedPasswordIntervalInDays = $interval
            onlyOn = @([string]$dc.name)
        }
        if (@($delegate).Count -gt 0) { $record['principalsAllowedToDelegateToAccount'] = @($delegate) }
        if ($isDmsa) { $record['migration'] = $null }
        # The other property parameters (DisplayName, HomePage, TrustedForDelegation, ...), on their LDAP attributes.
        Invoke-LabAdNamedParameters -State $state -Object $record -Bound $Bound -Dc $dc.name -CmdletName $cmd -Skip @(
            'SamAccountName', 'PrincipalsAllowedToRetrieveManagedPassword', 'PrincipalsAllowedToDelegateToAccount', 'ServicePrincipalNames',
            'KerberosEncryptionType', 'ManagedPasswordIntervalInDays', 'Enabled', 'DNSHostName', 'Description')
        return Add-LabAdCreatedRecord -State $state -Record $record -Bound $Bound -Gate $gate -CmdletName $cmd -Dc $dc.name
    }
    if ($null -ne $created -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $created.State -Object $created.Record -TypeName 'ADServiceAccount' -DefaultSet 'ServiceAccount'
    }
}

function LabImpl-Set-ADServiceAccount {
    param($Cmdlet, $Bound)
    Invoke-LabAdSet -Cmdlet $Cmdlet -Bound $Bound -Class $script:SaClasses -TypeName 'ADServiceAccount' -DefaultSet 'ServiceAccount'
}

function LabImpl-Remove-ADServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Remove-ADServiceAccount'
    $null = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $o = Find-LabAdServiceAccountOrThrow -State $state -Identity $Bound['Identity'] -Dc $dc.name -CmdletName $cmd -Bound $Bound
        Remove-LabAdRecord -State $state -Record $o -Gate $gate -CmdletName $cmd
    }
}

function Resolve-LabAdLink {
    <# Both ends of Add-/Remove-ADComputerServiceAccount, found on the DC in use, after the write-access check. #>
    param([hashtable]$State, $Bound, [string]$CmdletName)
    $dc = Get-LabAdDc -State $State -Bound $Bound -CmdletName $CmdletName
    $computer = Find-LabAdObjectOrThrow -State $State -Identity $Bound['Identity'] -Class @('computer') -Dc $dc.name -CmdletName $CmdletName -Bound $Bound
    $accounts = New-Object System.Collections.ArrayList
    foreach ($id in @($Bound['ServiceAccount'])) {
        [void]$accounts.Add((Find-LabAdServiceAccountOrThrow -State $State -Identity $id -Dc $dc.name -CmdletName $CmdletName -Bound $Bound))
    }
    Assert-LabAdWriteAccess -State $State -Cmdlet $CmdletName -Target $computer.distinguishedName
    return @{ Computer = $computer; Accounts = $accounts }
}

function LabImpl-Get-ADComputerServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADComputerServiceAccount'
    $state = Get-LabState
    $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $computer = Find-LabAdObjectOrThrow -State $state -Identity $Bound['Identity'] -Class @('computer') -Dc $dc.name -CmdletName $cmd -Bound $Bound
    foreach ($dn in $computer.hostServiceAccounts) {
        $sa = Find-LabAdObject -State $state -Identity $dn -Class $script:SaClasses -Dc $dc.name
        if ($null -ne $sa) { ConvertTo-LabAdOutput -State $state -Object $sa -TypeName 'ADServiceAccount' -DefaultSet 'ServiceAccount' }
    }
}

function LabImpl-Add-ADComputerServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Add-ADComputerServiceAccount'
    $computer = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $link = Resolve-LabAdLink -State $state -Bound $Bound -CmdletName $cmd
        $c = $link.Computer
        $accounts = $link.Accounts
        foreach ($sa in $accounts) {
            if ($sa.objectClass -ne 'msDS-ManagedServiceAccount') { continue }
            foreach ($other in $sa.hostComputers) {
                if (-not (Test-LabAdDnEqual $other $c.distinguishedName)) {
                    throw (New-LabAdCmdletError -CmdletName $cmd -Target $sa.distinguishedName `
                            -Message "The service account '$($sa.samAccountName)' is already linked to the computer '$other'. A standalone managed service account can be linked to only one computer.")
                }
            }
        }
        if (-not $gate.ShouldProcess($c.distinguishedName, 'Add')) { return $null }
        foreach ($sa in $accounts) {
            if (@($c.hostServiceAccounts) -notcontains $sa.distinguishedName) { $c.hostServiceAccounts = @($c.hostServiceAccounts) + $sa.distinguishedName }
            if (@($sa.hostComputers) -notcontains $c.distinguishedName) { $sa.hostComputers = @($sa.hostComputers) + $c.distinguishedName }
        }
        return @{ State = $state; Record = $c }
    }
    if ($null -ne $computer -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $computer.State -Object $computer.Record -TypeName 'ADComputer' -DefaultSet 'Computer'
    }
}

function LabImpl-Remove-ADComputerServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Remove-ADComputerServiceAccount'
    $computer = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $link = Resolve-LabAdLink -State $state -Bound $Bound -CmdletName $cmd
        $c = $link.Computer
        $accounts = $link.Accounts
        if (-not $gate.ShouldProcess($c.distinguishedName, 'Remove')) { return $null }
        foreach ($sa in $accounts) {
            $c.hostServiceAccounts = @($c.hostServiceAccounts | Where-Object { -not (Test-LabAdDnEqual $_ $sa.distinguishedName) })
            $sa.hostComputers = @($sa.hostComputers | Where-Object { -not (Test-LabAdDnEqual $_ $c.distinguishedName) })
        }
        return @{ State = $state; Record = $c }
    }
    if ($null -ne $computer -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $computer.State -Object $computer.Record -TypeName 'ADComputer' -DefaultSet 'Computer'
    }
}
