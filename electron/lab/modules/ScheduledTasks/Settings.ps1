# Settings: New-ScheduledTaskSettingsSet, the default settings, and MSFT_TaskSettings3 -> the state's settings record.

function New-StDefaultSettings {
    <# New-ScheduledTaskSettingsSet with no parameters. #>
    return @{
        allowDemandStart = $true; allowHardTerminate = $true; compatibility = 'Win8'; deleteExpiredTaskAfter = $null
        disallowStartIfOnBatteries = $true; enabled = $true; executionTimeLimit = 'PT72H'; hidden = $false
        idleSettings = @{ idleDuration = 'PT10M'; restartOnIdle = $false; stopOnIdleEnd = $true; waitTimeout = 'PT1H' }
        multipleInstances = 'IgnoreNew'; networkSettings = @{ id = $null; name = $null }; priority = 7; restartCount = 0
        restartInterval = $null; runOnlyIfIdle = $false; runOnlyIfNetworkAvailable = $false; startWhenAvailable = $false
        stopIfGoingOnBatteries = $true; wakeToRun = $false; disallowStartOnRemoteAppSession = $false
        useUnifiedSchedulingEngine = $false; maintenanceSettings = $null; volatile = $false
    }
}

function ConvertTo-StSettingsRecord {
    param($Settings)
    if ($null -eq $Settings) { return New-StDefaultSettings }
    return ConvertFrom-StCim -Object $Settings -Class 'MSFT_TaskSettings3'
}

function LabImpl-New-ScheduledTaskSettingsSet {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        Assert-StService -State (Get-LabState) -Cmdlet $name
        $s = New-StDefaultSettings
        $switches = @{
            AllowStartIfOnBatteries = @('disallowStartIfOnBatteries', $false); Disable = @('enabled', $false)
            DisallowDemandStart = @('allowDemandStart', $false); DisallowHardTerminate = @('allowHardTerminate', $false)
            DisallowStartOnRemoteAppSession = @('disallowStartOnRemoteAppSession', $true)
            DontStopIfGoingOnBatteries = @('stopIfGoingOnBatteries', $false); Hidden = @('hidden', $true)
            RunOnlyIfIdle = @('runOnlyIfIdle', $true); RunOnlyIfNetworkAvailable = @('runOnlyIfNetworkAvailable', $true)
            StartWhenAvailable = @('startWhenAvailable', $true); WakeToRun = @('wakeToRun', $true)
        }
        foreach ($k in $switches.Keys) {
            if ($Bound.ContainsKey($k) -and $Bound[$k]) { $s[$switches[$k][0]] = $switches[$k][1] }
        }
        if ($Bound.ContainsKey('Compatibility')) { $s.compatibility = [string]$Bound['Compatibility'] }
        if ($Bound.ContainsKey('MultipleInstances')) { $s.multipleInstances = [string]$Bound['MultipleInstances'] }
        if ($Bound.ContainsKey('ExecutionTimeLimit')) { $s.executionTimeLimit = ConvertTo-StDuration $Bound['ExecutionTimeLimit'] }
        if ($Bound.ContainsKey('DeleteExpiredTaskAfter')) { $s.deleteExpiredTaskAfter = ConvertTo-StDuration $Bound['DeleteExpiredTaskAfter'] }
        if ($Bound.ContainsKey('RestartInterval')) { $s.restartInterval = ConvertTo-StDuration $Bound['RestartInterval'] }
        if ($Bound.ContainsKey('RestartCount')) { $s.restartCount = [int]$Bound['RestartCount'] }
        if ($Bound.ContainsKey('Priority')) { $s.priority = [int]$Bound['Priority'] }
        if ($Bound.ContainsKey('IdleDuration')) { $s.idleSettings.idleDuration = ConvertTo-StDuration $Bound['IdleDuration'] }
        if ($Bound.ContainsKey('IdleWaitTimeout')) { $s.idleSettings.waitTimeout = ConvertTo-StDuration $Bound['IdleWaitTimeout'] }
        if ($Bound.ContainsKey('RestartOnIdle') -and $Bound['RestartOnIdle']) { $s.idleSettings.restartOnIdle = $true }
        if ($Bound.ContainsKey('DontStopOnIdleEnd') -and $Bound['DontStopOnIdleEnd']) { $s.idleSettings.stopOnIdleEnd = $false }
        if ($Bound.ContainsKey('NetworkId')) { $s.networkSettings.id = $Bound['NetworkId'] }
        if ($Bound.ContainsKey('NetworkName')) { $s.networkSettings.name = $Bound['NetworkName'] }
        if ($Bound.ContainsKey('MaintenanceDeadline') -or $Bound.ContainsKey('MaintenancePeriod') -or $Bound.ContainsKey('MaintenanceExclusive')) {
            $s.maintenanceSettings = @{
                deadline = (ConvertTo-StDuration $Bound['MaintenanceDeadline'])
                exclusive = [bool]($Bound.ContainsKey('MaintenanceExclusive') -and $Bound['MaintenanceExclusive'])
                period = (ConvertTo-StDuration $Bound['MaintenancePeriod'])
            }
        }
        ConvertTo-StCim -Record $s -Class 'MSFT_TaskSettings3'
    }
}
