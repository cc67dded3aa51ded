# dMSA migration: Start-, Complete-, Undo- and Reset-ADServiceAccountMigration, one state machine
# (Invoke-LabAdMigration) over the dMSA's 'migration' key.

function Invoke-LabAdMigration {
    <# Start-/Complete-/Reset-/Undo-ADServiceAccountMigration. The dMSA keeps its migration in an extra key
       'migration' = @{ supersededAccount; state ('Started'|'Completed'); started; completed; supersededWasEnabled }. #>
    param($Cmdlet, $Bound, [string]$Action)
    $cmd = $Cmdlet.MyInvocation.MyCommand.Name
    $null = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $dmsa = Find-LabAdServiceAccountOrThrow -State $state -Identity $Bound['Identity'] -Dc $dc.name -CmdletName $cmd -Bound $Bound
        if ([string]$state.domain.domainMode -ne 'Windows2025Domain') {
            throw (New-LabAdServerError -CmdletName $cmd -Code 50 -Target $dmsa.distinguishedName -Message 'The request is not supported.')
        }
        if ($dmsa.objectClass -ne 'msDS-DelegatedManagedServiceAccount') {
            throw (New-LabAdCmdletError -CmdletName $cmd -Target $dmsa.distinguishedName -Category 'InvalidArgument' `
                    -Message "The account '$($dmsa.samAccountName)' is not a delegated managed service account.")
        }
        $supersededDn = [string]$Bound['SupersededAccount']
        $user = Find-LabAdObject -State $state -Identity $supersededDn -Class @('user', 'computer') -Dc $dc.name
        if ($null -eq $user -or -not (Test-LabAdDnEqual $user.distinguishedName $supersededDn)) {
            throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $supersededDn -Under $state.domain.distinguishedName)
        }
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $dmsa.distinguishedName
        $mig = Get-LabAdMigration $dmsa
        $wrongState = {
            param([string]$Need)
            throw (New-LabAdCmdletError -CmdletName $cmd -Target $dmsa.distinguishedName `
                    -Message "The migration of '$supersededDn' to the delegated managed service account '$($dmsa.samAccountName)' is not $Need.")
        }
        if ($null -ne $mig -and -not (Test-LabAdDnEqual $mig.supersededAccount $supersededDn)) {
            throw (New-LabAdCmdletError -CmdletName $cmd -Target $dmsa.distinguishedName `
                    -Message "The delegated managed service account '$($dmsa.samAccountName)' is linked to '$($mig.supersededAccount)', not to '$supersededDn'.")
        }
        switch ($Action) {
            'Start' { if ($null -ne $mig) { & $wrongState 'able to start: a migration is already in progress' } }
            'Complete' { if ($null -eq $mig -or $mig.state -ne 'Started') { & $wrongState 'started' } }
            'Undo' { if ($null -eq $mig) { & $wrongState 'started' } }
            'Reset' { if ($null -eq $mig) { & $wrongState 'started' } }
        }
        if (-not $gate.ShouldProcess($dmsa.distinguishedName, "$Action migration")) { return }
        $now = ConvertTo-LabDateText (Get-LabNow)
        switch ($Action) {
            'Start' {
                $dmsa['migration'] = @{ supersededAccount = $user.distinguishedName; state = 'Started'; started = $now; completed = $null; supersededWasEnabled = [bool]$user.enabled }
            }
            'Complete' {
                # Completing the migration disables the superseded account; the dMSA takes over its services.
                $mig.state = 'Completed'
                $mig.completed = $now
                $mig.supersededWasEnabled = [bool]$user.enabled
                $user.enabled = $false
                $dmsa['migration'] = $mig
            }
            'Undo' {
                if ($mig.state -eq 'Completed') {
                    $mig.state = 'Started'
                    $mig.completed = $null
                    $user.enabled = [bool]$mig.supersededWasEnabled
                    $dmsa['migration'] = $mig
                }
                else { $dmsa['migration'] = $null }
            }
            'Reset' {
                if ($mig.state -eq 'Completed') { $user.enabled = [bool]$mig.supersededWasEnabled }
                $dmsa['migration'] = $null
            }
        }
    }
}

function LabImpl-Start-ADServiceAccountMigration { param($Cmdlet, $Bound) Invoke-LabAdMigration -Cmdlet $Cmdlet -Bound $Bound -Action 'Start' }
function LabImpl-Complete-ADServiceAccountMigration { param($Cmdlet, $Bound) Invoke-LabAdMigration -Cmdlet $Cmdlet -Bound $Bound -Action 'Complete' }
function LabImpl-Undo-ADServiceAccountMigration { param($Cmdlet, $Bound) Invoke-LabAdMigration -Cmdlet $Cmdlet -Bound $Bound -Action 'Undo' }
function LabImpl-Reset-ADServiceAccountMigration { param($Cmdlet, $Bound) Invoke-LabAdMigration -Cmdlet $Cmdlet -Bound $Bound -Action 'Reset' }
