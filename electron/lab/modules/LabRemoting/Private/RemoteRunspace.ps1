# A remote session on a lab computer: a runspace of its own in this process, bound to that computer the way a lab
# session's preamble binds one (lab.ts labSessionOptions: LabCore, Initialize-LabSession -Computer, then the lab
# modules that must win over the engine's commands), with LabCore's Remote flag set: the second hop to AD fails, and
# the process-wide environment ($env:COMPUTERNAME, PSModulePath) stays the calling session's. The session's own
# PSModulePath (the lab modules) serves the block's auto-loading there. One runspace per host, opened when the host's
# turn comes (at most -ThrottleLimit at a time) and closed when it finishes: nothing a block leaves behind reaches
# another host or a later call, as with remoting's temporary sessions.

# Run first in each remote runspace, in the same invocation as the block (so hosts open in parallel too).
$script:LabRemotePreamble = @'
param($LabDir, $ModuleRoot, $RsatModuleRoot, $Computer, $User)
Import-Module -Name (Join-Path $ModuleRoot 'LabCore')
Initialize-LabSession -LabDir $LabDir -ModuleRoot $ModuleRoot -RsatModuleRoot $RsatModuleRoot -Computer $Computer -User $User -Remote
Import-Module -Name @('LabTools', 'LabServices', 'CimCmdlets', 'LabSecurity', 'LabRemoting' | ForEach-Object { Join-Path $ModuleRoot $_ })
'@

function Start-LabRemoteCommand {
    <# Opens a remote session on lab computer $Computer and starts the block there (asynchronously). Returns the
       running job: @{ ComputerName (as the caller spelled it); Runspace; PowerShell; Output; Handle }. #>
    param([hashtable]$Context, [string]$ComputerName, [string]$Computer, [hashtable]$Remote, [object[]]$ArgumentList, [object[]]$InputObject)
    $runspace = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspace([System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault())
    $runspace.Open()
    foreach ($name in $Remote.Using.Keys) { $runspace.SessionStateProxy.SetVariable($name, $Remote.Using[$name]) }
    $shell = [System.Management.Automation.PowerShell]::Create()
    $shell.Runspace = $runspace
    [void]$shell.AddScript($script:LabRemotePreamble).AddParameters(@{
            LabDir = $Context.LabDir; ModuleRoot = $Context.ModuleRoot; RsatModuleRoot = $Context.RsatModuleRoot
            Computer = $Computer; User = $Context.User
        })
    # The block in a scope of its own, as a remote command runs; arguments bind to its param() block, then $args.
    [void]$shell.AddStatement().AddScript($Remote.Text, $true)
    foreach ($a in $ArgumentList) { [void]$shell.AddArgument((ConvertTo-LabRemoteValue $a)) }
    $pipelineInput = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
    foreach ($o in $InputObject) { $pipelineInput.Add((ConvertTo-LabRemoteValue $o)) }
    $pipelineInput.Complete()
    $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
    $handle = $shell.BeginInvoke($pipelineInput, $output)
    return @{ ComputerName = $ComputerName; Runspace = $runspace; PowerShell = $shell; Output = $output; Handle = $handle }
}

function ConvertTo-LabRemoteErrorRecord {
    <# An error of the remote block as it reaches the caller: deserialized (its exception a RemoteException with the
       same message; the same FullyQualifiedErrorId and category) and wrapped with its origin (OriginInfo:
       PSComputerName, RunspaceId), as PowerShell's RemotingErrorRecord. #>
    param([System.Management.Automation.ErrorRecord]$ErrorRecord, [string]$ComputerName, [guid]$RunspaceId)
    $exception = New-Object System.Management.Automation.RemoteException $ErrorRecord.Exception.Message
    $target = ConvertTo-LabRemoteValue $ErrorRecord.TargetObject
    $record = New-Object System.Management.Automation.ErrorRecord $exception, $ErrorRecord.FullyQualifiedErrorId, $ErrorRecord.CategoryInfo.Category, $target
    $record.CategoryInfo.Reason = $ErrorRecord.CategoryInfo.Reason
    $record.CategoryInfo.Activity = $ErrorRecord.CategoryInfo.Activity
    $record.CategoryInfo.TargetName = $ErrorRecord.CategoryInfo.TargetName
    $record.CategoryInfo.TargetType = $ErrorRecord.CategoryInfo.TargetType
    if ($null -ne $ErrorRecord.ErrorDetails) { $record.ErrorDetails = $ErrorRecord.ErrorDetails }
    $origin = New-Object System.Management.Automation.Remoting.OriginInfo $ComputerName, $RunspaceId
    return New-Object System.Management.Automation.Runspaces.RemotingErrorRecord $record, $origin
}

function Receive-LabRemoteCommand {
    <# A finished remote command's results, written through $Cmdlet as they reach the caller: each output object
       deserialized with PSComputerName, RunspaceId and PSShowComputerName; the block's errors (and a terminating one,
       which ended it) as non-terminating errors naming the computer; its warnings, verbose and information records.
       Closes the runspace. #>
    param($Cmdlet, [hashtable]$Job, [bool]$ShowComputerName)
    $shell = $Job.PowerShell
    $runspaceId = $Job.Runspace.InstanceId
    try {
        foreach ($o in $Job.Output) {
            if ($null -eq $o) { continue }
            $value = [psobject]::AsPSObject((ConvertTo-LabRemoteValue $o))
            Add-Member -InputObject $value -NotePropertyName 'PSComputerName' -NotePropertyValue $Job.ComputerName -Force
            Add-Member -InputObject $value -NotePropertyName 'RunspaceId' -NotePropertyValue $runspaceId -Force
            Add-Member -InputObject $value -NotePropertyName 'PSShowComputerName' -NotePropertyValue $ShowComputerName -Force
            $Cmdlet.WriteObject($value)
        }
        foreach ($w in $shell.Streams.Warning) { $Cmdlet.WriteWarning($w.Message) }
        foreach ($v in $shell.Streams.Verbose) { $Cmdlet.WriteVerbose($v.Message) }
        foreach ($i in $shell.Streams.Information) { $Cmdlet.WriteInformation($i) }
        $errors = New-Object System.Collections.ArrayList
        foreach ($e in $shell.Streams.Error) { [void]$errors.Add($e) }
        $reason = $shell.InvocationStateInfo.Reason
        if ($shell.InvocationStateInfo.State -eq 'Failed' -and $null -ne $reason) {
            # The error that ended the block; the error stream holds it already when it came from a command there.
            $last = $null
            if ($errors.Count -gt 0) { $last = $errors[$errors.Count - 1] }
            if ($reason -is [System.Management.Automation.IContainsErrorRecord]) {
                $final = $reason.ErrorRecord
                if ($null -eq $last -or $last.FullyQualifiedErrorId -ne $final.FullyQualifiedErrorId -or $last.Exception.Message -ne $final.Exception.Message) { [void]$errors.Add($final) }
            } else {
                [void]$errors.Add((New-Object System.Management.Automation.ErrorRecord $reason, 'JobFailure', 'OperationStopped', $null))
            }
        }
        foreach ($e in $errors) { Write-LabRemotingError -Cmdlet $Cmdlet -ErrorRecord (ConvertTo-LabRemoteErrorRecord -ErrorRecord $e -ComputerName $Job.ComputerName -RunspaceId $runspaceId) }
    } finally {
        Stop-LabRemoteCommand -Job $Job
    }
}

function Stop-LabRemoteCommand {
    <# Ends a remote command and closes its session (also when the caller stopped: Ctrl+C, -ErrorAction Stop). #>
    param([hashtable]$Job)
    if (-not $Job.Handle.IsCompleted) { try { $Job.PowerShell.Stop() } catch { $null = $_ } }
    $Job.PowerShell.Dispose()
    $Job.Runspace.Dispose()
}
