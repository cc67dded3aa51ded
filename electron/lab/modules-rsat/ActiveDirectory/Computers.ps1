# Computers: Get-ADComputer, Set-ADComputer and New-ADComputer. A computer's service-account links are in ServiceAccounts.ps1.

function LabImpl-Get-ADComputer {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class @('computer') -TypeName 'ADComputer' -DefaultSet 'Computer'
}

function LabImpl-Set-ADComputer {
    param($Cmdlet, $Bound)
    Invoke-LabAdSet -Cmdlet $Cmdlet -Bound $Bound -Class @('computer') -TypeName 'ADComputer' -DefaultSet 'Computer'
}

function LabImpl-New-ADComputer {
    <# A computer account: sAMAccountName = -SAMAccountName or the name, with the trailing $; in CN=Computers unless
       -Path; enabled, WORKSTATION_TRUST_ACCOUNT; created on the DC in use and replicated from there. -Instance is a
       template: its properties fill the parameters not given. #>
    param($Cmdlet, $Bound)
    $cmd = 'New-ADComputer'
    $p = Merge-LabAdTemplate -Cmdlet $Cmdlet -Bound $Bound
    $name = [string]$Bound['Name']
    $created = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $path = "CN=Computers,$($state.domain.distinguishedName)"
        if ($p.ContainsKey('Path') -and $p['Path']) { $path = [string]$p['Path'] }
        $dn = 'CN=' + (ConvertTo-LabAdRdnValue $name) + ',' + $path
        if ($null -eq (Find-LabAdContainer -State $state -Dn $path -Dc $dc.name)) {
            throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $path -Message 'Directory object not found')
        }
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $dn
        $core = $name
        if ($p.ContainsKey('SAMAccountName') -and $p['SAMAccountName']) { $core = [string]$p['SAMAccountName'] }
        $core = $core.TrimEnd('$')
        if (-not (Test-LabAdNameValid $core)) {
            throw (New-LabAdServerError -CmdletName $cmd -Code 1315 -Target $dn -Message 'The name provided is not a properly formed account name')
        }
        Assert-LabAdSamFree -State $state -Sam ($core + '$') -CmdletName $cmd -Target $dn
        Assert-LabAdDnFree -State $state -Dn $dn -CmdletName $cmd
        $enabled = $true
        if ($p.ContainsKey('Enabled')) { $enabled = [bool]$p['Enabled'] }
        $record = New-LabAdRecord @{
            objectClass = 'computer'; name = $name; distinguishedName = $dn; samAccountName = ($core + '$')
            objectSid = (Get-LabAdNextSid -State $state); enabled = $enabled; created = (ConvertTo-LabDateText (Get-LabNow -State $state))
            onlyOn = @([string]$dc.name)
        }
        Set-LabAdUac -Object $record -Value 0x1000
        $record.enabled = $enabled
        Invoke-LabAdNamedParameters -State $state -Object $record -Bound $p -Dc $dc.name -CmdletName $cmd -Skip @('SAMAccountName', 'Enabled')
        return Add-LabAdCreatedRecord -State $state -Record $record -Bound $Bound -Gate $gate -CmdletName $cmd -Dc $dc.name
    }
    if ($null -ne $created -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $created.State -Object $created.Record -TypeName 'ADComputer' -DefaultSet 'Computer'
    }
}
