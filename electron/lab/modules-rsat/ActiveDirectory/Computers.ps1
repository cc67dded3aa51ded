# Computers: Get-ADComputer and Set-ADComputer. A computer's service-account links are in ServiceAccounts.ps1.

function LabImpl-Get-ADComputer {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class @('computer') -TypeName 'ADComputer' -DefaultSet 'Computer'
}

function LabImpl-Set-ADComputer {
    param($Cmdlet, $Bound)
    $cmd = 'Set-ADComputer'
    $identity = $Bound['Identity']
    if ($Cmdlet.ParameterSetName -eq 'Instance') { $identity = $Bound['Instance'] }
    $changed = Update-LabState -Script {
        param($state)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $c = Find-LabAdObjectOrThrow -State $state -Identity $identity -Class @('computer') -Dc $dc.name -CmdletName $cmd -Bound $Bound
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $c.distinguishedName
        if (-not $Cmdlet.ShouldProcess($c.distinguishedName, 'Set')) { return $null }
        $p = $Bound
        if ($Cmdlet.ParameterSetName -eq 'Instance') {
            $p = @{}
            $inst = $Bound['Instance']
            $table = Get-LabAdAttributeTable -State $state -Object $c
            foreach ($name in @('Description', 'DNSHostName', 'Enabled', 'KerberosEncryptionType', 'OperatingSystem', 'ServicePrincipalNames')) {
                $prop = $inst.PSObject.Properties[$name]
                if ($null -eq $prop) { continue }
                if ((@($table[$name]) -join "`n") -ne (@($prop.Value) -join "`n")) { $p[$name] = $prop.Value }
            }
        }
        if ($p.ContainsKey('Description')) { $c.description = $null; if ($p['Description']) { $c.description = [string]$p['Description'] } }
        if ($p.ContainsKey('DNSHostName')) { $c.dnsHostName = $null; if ($p['DNSHostName']) { $c.dnsHostName = [string]$p['DNSHostName'] } }
        if ($p.ContainsKey('OperatingSystem')) { $c.operatingSystem = $null; if ($p['OperatingSystem']) { $c.operatingSystem = [string]$p['OperatingSystem'] } }
        if ($p.ContainsKey('Enabled')) { $c.enabled = [bool]$p['Enabled'] }
        if ($p.ContainsKey('KerberosEncryptionType')) { $c.kerberosEncryptionType = @(ConvertTo-LabEncNames $p['KerberosEncryptionType']) }
        if ($p.ContainsKey('SAMAccountName')) {
            $core = ([string]$p['SAMAccountName']).TrimEnd('$')
            if (-not (Test-LabAdNameValid $core)) { throw (New-LabAdServerError -CmdletName $cmd -Code 1315 -Target $c.distinguishedName -Message 'The name provided is not a properly formed account name') }
            Assert-LabAdSamFree -State $state -Sam ($core + '$') -OwnDn $c.distinguishedName -CmdletName $cmd -Target $c.distinguishedName
            $c.samAccountName = $core + '$'
        }
        if ($p.ContainsKey('PrincipalsAllowedToDelegateToAccount')) {
            $c['principalsAllowedToDelegateToAccount'] = @(Resolve-LabAdPrincipalDns -State $state -Principals $p['PrincipalsAllowedToDelegateToAccount'] -Dc $dc.name -CmdletName $cmd -Bound $Bound)
        }
        if ($p.ContainsKey('ServicePrincipalNames')) { Update-LabAdSpns -State $state -Object $c -Spec $p['ServicePrincipalNames'] -CmdletName $cmd }
        if ($Cmdlet.ParameterSetName -ne 'Instance') { Invoke-LabAdAttributeParameters -State $state -Object $c -Bound $Bound -CmdletName $cmd }
        return @{ State = $state; Record = $c }
    }
    if ($null -ne $changed -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $changed.State -Object $changed.Record -TypeName 'ADComputer' -DefaultSet 'Computer'
    }
}
