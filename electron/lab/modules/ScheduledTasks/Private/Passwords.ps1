# What the DC answers when a job logs a domain user on with the password it stored: the Task Scheduler (a task's
# stored credential, a batch logon) and the SCM (a service's password) both ask it. The password rules are the AD
# module's (resultant PSO, msDS-UserPasswordExpiryTimeComputed, PasswordPolicies.ps1): one definition, dot-sourced
# here with the helpers it calls, so a job fails exactly when Get-ADUser says PasswordExpired. Windows PowerShell
# 5.1 syntax only.
$adModule = Join-Path $PSScriptRoot '../../../modules-rsat/ActiveDirectory'
. (Join-Path $adModule 'Private/Values.ps1')
. (Join-Path $adModule 'Private/Identity.ps1')
. (Join-Path $adModule 'PasswordPolicies.ps1')
Remove-Variable adModule

function Get-StPasswordRefusal {
    <# Why the DC refuses a user account's logon with its (correct) stored password, or $null:
       'LockedOut'       lockoutTime is set and the lockout has not lapsed (the resultant policy's LockoutDuration;
                         0 = until an administrator unlocks it);
       'MustChange'      pwdLastSet is 0 (User must change password at next logon);
       'PasswordExpired' msDS-UserPasswordExpiryTimeComputed has passed. #>
    param([hashtable]$State, [hashtable]$Object)
    if ($Object.objectClass -ne 'user') { return $null }
    $nowFt = (Get-LabNow -State $State -Utc).ToFileTimeUtc()
    $lockout = Get-LabAdBagValue -Object $Object -Name 'lockoutTime'
    if ($null -ne $lockout -and [long]$lockout -gt 0) {
        $duration = [TimeSpan]::FromMinutes(10)
        $pso = Get-LabAdResultantPso -State $State -Object $Object
        if ($null -ne $pso) { $duration = (Get-LabAdPsoPolicy $pso).LockoutDuration }
        if ($null -eq $duration -or $duration.Ticks -eq 0 -or ([long]$lockout + $duration.Ticks) -gt $nowFt) { return 'LockedOut' }
    }
    $table = @{ userAccountControl = [int](Get-LabAdBagValue -Object $Object -Name 'userAccountControl') }
    Add-LabAdPasswordProperties -State $State -Object $Object -Table $table
    if ([long]$table['pwdLastSet'] -eq 0 -and [long]$table['msDS-UserPasswordExpiryTimeComputed'] -eq 0) { return 'MustChange' }
    if ($table['PasswordExpired']) { return 'PasswordExpired' }
    return $null
}
