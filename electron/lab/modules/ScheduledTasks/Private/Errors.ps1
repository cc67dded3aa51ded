# How the cmdlets fail, the way cmdletization does: CIM-style error records written non-terminating by
# Invoke-StCmdlet (the wrapper around every cmdlet body), and the checks every cmdlet makes first.

$script:CimExceptionType = 'Microsoft.Management.Infrastructure.CimException'
try { [void](New-Object $script:CimExceptionType 'probe') } catch { $script:CimExceptionType = 'System.Runtime.InteropServices.COMException' }
$script:CimJobExceptionType = 'Microsoft.PowerShell.Cmdletization.Cim.CimJobException'
try { [void](New-Object $script:CimJobExceptionType 'probe') } catch { $script:CimJobExceptionType = 'System.Management.Automation.ItemNotFoundException' }

function New-StError {
    <# A CIM error as the ScheduledTasks cmdlets write it: CimException, 'HRESULT 0x<lower-case hex>,<Cmdlet>'. #>
    param([string]$Cmdlet, [string]$HResult, [string]$Message, [System.Management.Automation.ErrorCategory]$Category = 'NotSpecified', $Target = $null)
    return New-LabError -ExceptionType $script:CimExceptionType -Message $Message -ErrorId ('HRESULT ' + $HResult.ToLowerInvariant() + ',' + $Cmdlet) -Category $Category -Target $Target
}

function New-StNotFoundError {
    <# A cmdletization query that matched nothing (Get-ScheduledTask, Unregister-ScheduledTask). #>
    param([string]$Cmdlet, [string]$Property, [string]$Value)
    $message = "No MSFT_ScheduledTask objects found with property '$Property' equal to '$Value'.  Verify the value of the property and retry."
    return New-LabError -ExceptionType $script:CimJobExceptionType -Message $message -ErrorId ("CmdletizationQuery_NotFound_$Property," + $Cmdlet) -Category 'ObjectNotFound' -Target $Value
}

function Write-StError {
    <# Writes a lab ErrorRecord whose id ends with ',<Cmdlet>' through the cmdlet (non-terminating, like
       cmdletization); WriteError appends the command name again, so it is taken off first. #>
    param($Cmdlet, [System.Management.Automation.ErrorRecord]$Record)
    $suffix = ',' + $Cmdlet.MyInvocation.MyCommand.Name
    $id = [string]$Record.FullyQualifiedErrorId
    if ($id.EndsWith($suffix, [System.StringComparison]::OrdinalIgnoreCase)) { $id = $id.Substring(0, $id.Length - $suffix.Length) }
    $Cmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord $Record.Exception, $id, $Record.CategoryInfo.Category, $Record.TargetObject))
}

function Invoke-StCmdlet {
    <# Runs a cmdlet body. An error the body throws with this cmdlet's FQID is written as the real module writes
       it (non-terminating); anything else (a lab fault) is rethrown as is. #>
    param($Cmdlet, [scriptblock]$Body)
    $suffix = ',' + $Cmdlet.MyInvocation.MyCommand.Name
    # A script module does not see its caller's $ErrorActionPreference (it resolves variables in the module's own
    # scopes); the real CIM cmdlets do. Without -ErrorAction, adopt the caller's, so 'Stop' stops here too.
    if (-not $Cmdlet.MyInvocation.BoundParameters.ContainsKey('ErrorAction')) {
        $callerPreference = $Cmdlet.SessionState.PSVariable.GetValue('ErrorActionPreference')
        if ($null -ne $callerPreference) { $ErrorActionPreference = $callerPreference }
    }
    try {
        & $Body
    } catch {
        $record = $_
        if ($record.Exception -is [System.Management.Automation.ActionPreferenceStopException]) { throw }
        if (([string]$record.FullyQualifiedErrorId).EndsWith($suffix, [System.StringComparison]::OrdinalIgnoreCase)) {
            Write-StError -Cmdlet $Cmdlet -Record $record
            return
        }
        throw
    }
}

function Get-StCmdletName { param($Cmdlet) return $Cmdlet.MyInvocation.MyCommand.Name }

function Assert-StService {
    <# Every cmdlet talks to the Task Scheduler service (Schedule) through its CIM provider. #>
    param([hashtable]$State, [string]$Cmdlet)
    $h = Get-StHost -State $State
    if ($null -eq $h -or -not $h.taskSchedulerRunning) {
        throw (New-StError -Cmdlet $Cmdlet -HResult '0x80070422' -Category 'NotSpecified' -Target 'Schedule' `
                -Message 'The service cannot be started, either because it is disabled or it has no enabled devices associated with it.')
    }
}

function Assert-StElevated {
    param([string]$Cmdlet, $Target)
    Assert-LabElevated -ErrorId ('HRESULT 0x80070005,' + $Cmdlet) -Message 'Access is denied.' -Target $Target
}
