# Actions: New-ScheduledTaskAction, and MSFT_TaskExecAction <-> the state's action record.

function ConvertTo-StActionRecord {
    param($Action, [string]$Cmdlet)
    $execute = [string](Get-StValue $Action 'Execute')
    if ([string]::IsNullOrEmpty($execute)) {
        throw (New-StError -Cmdlet $Cmdlet -HResult '0x80070057' -Message 'The parameter is incorrect.' -Category 'InvalidArgument' -Target 'Action')
    }
    $arguments = Get-StValue $Action 'Arguments'
    $directory = Get-StValue $Action 'WorkingDirectory'
    if (Test-StBlank $arguments) { $arguments = $null } else { $arguments = [string]$arguments }
    if (Test-StBlank $directory) { $directory = $null } else { $directory = [string]$directory }
    return @{ execute = $execute; arguments = $arguments; workingDirectory = $directory }
}

function ConvertTo-StActionCim {
    param([hashtable]$Record)
    return New-StCim -Class 'MSFT_TaskExecAction' -Values @{ Id = $null; Arguments = $Record.arguments; Execute = $Record.execute; WorkingDirectory = $Record.workingDirectory }
}

function LabImpl-New-ScheduledTaskAction {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        Assert-StService -State (Get-LabState) -Cmdlet $name
        $arguments = $null
        $directory = $null
        if (-not (Test-StBlank $Bound['Argument'])) { $arguments = $Bound['Argument'] }
        if (-not (Test-StBlank $Bound['WorkingDirectory'])) { $directory = $Bound['WorkingDirectory'] }
        New-StCim -Class 'MSFT_TaskExecAction' -Values @{ Id = $Bound['Id']; Arguments = $arguments; Execute = $Bound['Execute']; WorkingDirectory = $directory }
    }
}
