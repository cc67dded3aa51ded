# The cmdlets that run on the computer that uses a service account: Install-, Uninstall-, Test-ADServiceAccount and
# Reset-ADServiceAccountPassword (elevation, password access through the computer's ticket, encryption types).

function New-LabAdInstallError {
    param([string]$Detail, $Target)
    return New-LabError -ExceptionType $script:ADException -Message "Cannot install service account. Error Message: '$Detail'." `
        -ErrorId 'InstallADServiceAccount:PerformOperation:InstallServiceAcccountFailure,Microsoft.ActiveDirectory.Management.Commands.InstallADServiceAccount' `
        -Category 'WriteError' -Target $Target
}

function Read-LabMsaPassword {
    <# Install-ADServiceAccount -PromptForPassword: "Please enter the current password for '<DN>'" then reads a
       SecureString from the host, as the docs' example 3 shows. A non-interactive host cannot read: the host's
       PSInvalidOperationException ends the call, in the AD module's wrapper for an unexpected exception. #>
    param($Cmdlet, [string]$Dn)
    $field = New-Object System.Management.Automation.Host.FieldDescription 'Password'
    $field.SetParameterType([System.Security.SecureString])
    $fields = New-Object 'System.Collections.ObjectModel.Collection[System.Management.Automation.Host.FieldDescription]'
    $fields.Add($field)
    try { $answer = $Cmdlet.Host.UI.Prompt('', "Please enter the current password for '$Dn'", $fields) }
    catch {
        $e = $_.Exception
        while ($e -is [System.Management.Automation.MethodInvocationException] -and $null -ne $e.InnerException) { $e = $e.InnerException }
        $type = $e.GetType().FullName
        throw (New-LabError -ExceptionType $type -Message $e.Message -Category 'NotSpecified' -Target $Dn `
                -ErrorId ('ActiveDirectoryCmdlet:' + $type + ',Microsoft.ActiveDirectory.Management.Commands.InstallADServiceAccount'))
    }
    return $answer['Password']
}

function LabImpl-Install-ADServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Install-ADServiceAccount'
    $ctx = Get-LabContext
    # -AccountPassword / -PromptForPassword give the current password of a STANDALONE MSA provisioned for a computer
    # that reaches only read-only DCs; both are ignored for a gMSA, and -AccountPassword takes precedence over
    # -PromptForPassword (learn.microsoft.com/powershell/module/activedirectory/install-adserviceaccount). The lab
    # keeps no sMSA password to check it against: a password given or typed is accepted.
    $prompt = ($Bound.ContainsKey('PromptForPassword') -and $Bound['PromptForPassword']) -and -not $Bound.ContainsKey('AccountPassword')
    if ($prompt) {
        $state = Get-LabState
        $dc = Get-LabDomainController -State $state -Cmdlet $cmd
        $sa = Find-LabAdServiceAccountOrThrow -State $state -Identity $Bound['Identity'] -Dc $dc.name -CmdletName $cmd -Bound $null
        if ($sa.objectClass -eq 'msDS-ManagedServiceAccount') { $null = Read-LabMsaPassword -Cmdlet $Cmdlet -Dn $sa.distinguishedName }
    }
    $null = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $dc = Get-LabDomainController -State $state -Cmdlet $cmd
        $sa = Find-LabAdServiceAccountOrThrow -State $state -Identity $Bound['Identity'] -Dc $dc.name -CmdletName $cmd -Bound $null
        $target = Get-LabAdIdText $Bound['Identity']
        Assert-LabElevated -ErrorId 'InstallADServiceAccount:PerformOperation:InstallServiceAcccountFailure,Microsoft.ActiveDirectory.Management.Commands.InstallADServiceAccount' `
            -Message "Cannot install service account. Error Message: 'Unknown error (0xc0000022)'." -Target $target
        $access = Test-LabManagedPasswordAccess -State $state -Account $sa -Computer $ctx.Computer
        if ($sa.objectClass -eq 'msDS-ManagedServiceAccount') {
            if ($access.Reason -ne 'Linked') { throw (New-LabAdInstallError -Detail 'An unspecified error has occurred' -Target $target) }
        }
        else {
            if (-not $access.Allowed) {
                throw (New-LabAdInstallError -Detail "{Access Denied}`nA process has requested access to an object, but has not been granted those access rights." -Target $target)
            }
            if (-not (Test-LabEncryptionTypesMatch -State $state -Account $sa -Computer $ctx.Computer)) {
                throw (New-LabAdInstallError -Detail 'The provided context did not match the target.' -Target $target)
            }
        }
        if (-not $gate.ShouldProcess($sa.samAccountName, 'Install')) { return }
        $hostState = Get-LabHost -State $state -Name $ctx.Computer
        if (@($hostState.installedAccounts) -notcontains $sa.samAccountName) {
            $hostState.installedAccounts = @($hostState.installedAccounts) + [string]$sa.samAccountName
        }
    }
}

function LabImpl-Uninstall-ADServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Uninstall-ADServiceAccount'
    $ctx = Get-LabContext
    $null = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $target = Get-LabAdIdText $Bound['Identity']
        $errorId = 'UninstallADServiceAccount:PerformOperation:UninstallServiceAccountFailure,Microsoft.ActiveDirectory.Management.Commands.UninstallADServiceAccount'
        Assert-LabElevated -ErrorId $errorId -Message "Cannot uninstall service account. Error Message: 'Unknown error (0xc0000022)'." -Target $target
        $hostState = Get-LabHost -State $state -Name $ctx.Computer
        $sam = $null
        $dcName = $null
        if (-not $Bound['ForceRemoveLocal']) { $dcName = (Get-LabDomainController -State $state -Cmdlet $cmd).name }
        $sa = Find-LabAdObject -State $state -Identity $Bound['Identity'] -Class $script:SaClasses -Dc $dcName
        if ($null -ne $sa) { $sam = [string]$sa.samAccountName }
        else {
            # -ForceRemoveLocal (or an account deleted from AD): match the local record by name.
            $want = $target.TrimEnd('$') + '$'
            foreach ($a in $hostState.installedAccounts) { if ([string]::Equals([string]$a, $want, [System.StringComparison]::OrdinalIgnoreCase)) { $sam = [string]$a } }
            if ($null -eq $sam) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under $state.domain.distinguishedName) }
        }
        if (-not $gate.ShouldProcess($sam, 'Uninstall')) { return }
        $hostState.installedAccounts = @($hostState.installedAccounts | Where-Object { -not [string]::Equals([string]$_, $sam, [System.StringComparison]::OrdinalIgnoreCase) })
    }
}

function LabImpl-Test-ADServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Test-ADServiceAccount'
    $ctx = Get-LabContext
    $state = Get-LabState
    $dc = Get-LabDomainController -State $state -Cmdlet $cmd
    $sa = Find-LabAdServiceAccountOrThrow -State $state -Identity $Bound['Identity'] -Dc $dc.name -CmdletName $cmd -Bound $null
    $access = Test-LabManagedPasswordAccess -State $state -Account $sa -Computer $ctx.Computer
    $ok = $false
    if ($sa.objectClass -eq 'msDS-ManagedServiceAccount') {
        $hostState = Get-LabHost -State $state -Name $ctx.Computer
        $installed = ($null -ne $hostState -and @($hostState.installedAccounts) -contains $sa.samAccountName)
        $ok = ($access.Reason -eq 'Linked' -and $installed)
        if (-not $ok -and $access.Reason -eq 'NotLinked') {
            $Cmdlet.WriteWarning("The Managed Service Account $($sa.name) is not linked with any computer object in the directory.")
            return $false
        }
    }
    else {
        $ok = ([bool]$access.Allowed -and [bool]$sa.enabled -and (Test-LabEncryptionTypesMatch -State $state -Account $sa -Computer $ctx.Computer))
    }
    if (-not $ok) {
        $Cmdlet.WriteWarning("Test failed for Managed Service Account $($sa.name). If standalone Managed Service Account, the account is linked to another computer object in the Active Directory. If group Managed Service Account, either this computer does not have permission to use the group MSA password or this computer does not support all the Kerberos encryption types required for the gMSA. See the MSA operational log for more information.")
    }
    return $ok
}

function LabImpl-Reset-ADServiceAccountPassword {
    param($Cmdlet, $Bound)
    $cmd = 'Reset-ADServiceAccountPassword'
    $ctx = Get-LabContext
    $errorId = 'ResetADServiceAccountPassword:PerformOperation:ResetServiceAccountPasswordFailure,Microsoft.ActiveDirectory.Management.Commands.ResetADServiceAccountPassword'
    $null = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($state, $gate)
        $dc = Get-LabDomainController -State $state -Cmdlet $cmd
        $sa = Find-LabAdServiceAccountOrThrow -State $state -Identity $Bound['Identity'] -Dc $dc.name -CmdletName $cmd -Bound $Bound
        $target = Get-LabAdIdText $Bound['Identity']
        Assert-LabElevated -ErrorId $errorId -Message "Cannot reset password of service account. Error Message: 'Unknown error (0xc0000022)'." -Target $target
        if ($sa.objectClass -ne 'msDS-ManagedServiceAccount') {
            # gMSA/dMSA passwords are derived by the KDS; only a standalone MSA has a password its host resets.
            throw (New-LabError -ExceptionType $script:ADException -ErrorId $errorId -Category 'InvalidOperation' -Target $target `
                    -Message "Cannot reset password of service account. Error Message: 'The requested operation is not supported for a group managed service account'.")
        }
        $access = Test-LabManagedPasswordAccess -State $state -Account $sa -Computer $ctx.Computer
        if ($access.Reason -ne 'Linked') {
            throw (New-LabError -ExceptionType $script:ADException -ErrorId $errorId -Category 'WriteError' -Target $target `
                    -Message "Cannot reset password of service account. Error Message: 'An unspecified error has occurred'.")
        }
        if (-not $gate.ShouldProcess($sa.distinguishedName, 'Reset password')) { return }
        $sa['passwordLastSet'] = ConvertTo-LabDateText (Get-LabNow)
    }
}
