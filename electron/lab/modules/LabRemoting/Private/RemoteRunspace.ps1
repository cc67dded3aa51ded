# A remote session on a lab computer: an out-of-process runspace (a PowerShell child process, the way Start-Job runs
# one), bound to that computer the way a lab session's preamble binds one (lab.ts labSessionOptions: PSModulePath
# pinned to the lab, LabCore, Initialize-LabSession -Computer, the lab modules that must win over the engine's), with
# LabCore's Remote flag set (the second hop to AD fails; the session is elevated).
# Why a process and not a runspace in this one: a host script reads $env:COMPUTERNAME, $env:USERNAME, PSModulePath,
# which are per process; and the child talks PowerShell's remoting protocol, so what comes back (output, errors,
# arguments and $using: values going there) is serialized exactly as WinRM remoting serializes it.
# Why a pool: a child costs about 2.5 s of CPU to start and load the lab (and each module a block first uses loads
# once more in it), so the session keeps the ones it started (idle, for its later calls) and runs at most
# $LabRemoteMaxProcesses at once whatever -ThrottleLimit says: one per core (2 to 4), since on one machine more
# processes only add start-up cost. Each host's turn starts afresh: its computer, an empty $Error, and the block in a
# scope of its own, so a block's variables and functions do not reach the next host (about 0.25 s of CPU a turn).

$script:LabRemoteMaxProcesses = [Math]::Max(2, [Math]::Min(4, [Environment]::ProcessorCount))
$script:LabRemoteIdle = New-Object System.Collections.Stack

# Run before the block in each host's turn. The first turn in a new process loads what the lab session preamble loads.
# A host in Constrained Language Mode (state hosts.<H>.languageMode: what an enforced AppLocker or WDAC policy gives a
# remote session) runs the block in that mode for real: the engine then refuses Add-Type, New-Object of non-core types
# and .NET methods, and $ExecutionContext.SessionState.LanguageMode says so. A session cannot leave that mode, so the
# process is not reused after such a turn (Stop-LabRemoteCommand).
$script:LabRemotePrologue = @'
param($LabDir, $ModuleRoot, $RsatModuleRoot, $Computer, $User, $UsingValues, $LanguageMode)
if (-not (Get-Module -Name LabRemoting)) {
    Import-Module -Name Microsoft.PowerShell.Management, Microsoft.PowerShell.Utility, Microsoft.PowerShell.Security
    $env:PSModulePath = $ModuleRoot
    Import-Module -Name (Join-Path $ModuleRoot 'LabCore') -Force
    Initialize-LabSession -LabDir $LabDir -ModuleRoot $ModuleRoot -RsatModuleRoot $RsatModuleRoot -Computer $Computer -User $User -Remote
    Import-Module -Name LabTools, LabServices, CimCmdlets, LabSecurity, LabRemoting
} else {
    Initialize-LabSession -LabDir $LabDir -ModuleRoot $ModuleRoot -RsatModuleRoot $RsatModuleRoot -Computer $Computer -User $User -Remote
}
$global:Error.Clear()
Get-Variable -Name '__labUsing*' -Scope Global -ErrorAction SilentlyContinue | Remove-Variable -Scope Global
foreach ($name in $UsingValues.Keys) { Set-Variable -Name $name -Value $UsingValues[$name] -Scope Global }
if ($LanguageMode -eq 'ConstrainedLanguage') { $ExecutionContext.SessionState.LanguageMode = 'ConstrainedLanguage' }
'@

function Open-LabRemoteProcesses {
    <# Makes $Count remote processes ready (idle ones first, new ones started in parallel). Returns them. #>
    param([int]$Count)
    $ready = New-Object System.Collections.ArrayList
    while ($ready.Count -lt $Count -and $script:LabRemoteIdle.Count -gt 0) {
        $runspace = $script:LabRemoteIdle.Pop()
        if ($runspace.RunspaceStateInfo.State -eq 'Opened') { [void]$ready.Add($runspace) } else { $runspace.Dispose() }
    }
    $opening = New-Object System.Collections.ArrayList
    while ($ready.Count + $opening.Count -lt $Count) {
        $runspace = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateOutOfProcessRunspace($null)
        $runspace.OpenAsync()
        [void]$opening.Add($runspace)
    }
    foreach ($runspace in $opening) {
        while (@('Opened', 'Broken', 'Closed') -notcontains [string]$runspace.RunspaceStateInfo.State) { Start-Sleep -Milliseconds 20 }
        if ($runspace.RunspaceStateInfo.State -ne 'Opened') {
            $reason = $runspace.RunspaceStateInfo.Reason
            foreach ($r in $ready) { $script:LabRemoteIdle.Push($r) }
            throw ("The lab could not start a PowerShell process for a remote session: " + $reason)
        }
        [void]$ready.Add($runspace)
    }
    return , $ready
}

function Start-LabRemoteCommand {
    <# Starts the block on lab computer $Computer in remote process $Runspace (asynchronously). Returns the running
       job: @{ ComputerName (as the caller spelled it); RunspaceId (this turn's); Runspace; PowerShell; Output; Handle }. #>
    param($Runspace, [hashtable]$Context, [string]$ComputerName, [string]$Computer, [hashtable]$Remote, [object[]]$ArgumentList, [object[]]$InputObject)
    $labHost = Get-LabHost -State (Get-LabState) -Name $Computer
    $languageMode = 'FullLanguage'
    if ($null -ne $labHost -and [string]$labHost['languageMode'] -eq 'ConstrainedLanguage') { $languageMode = 'ConstrainedLanguage' }
    $shell = [System.Management.Automation.PowerShell]::Create()
    $shell.Runspace = $Runspace
    [void]$shell.AddScript($script:LabRemotePrologue).AddParameters(@{
            LabDir = $Context.LabDir; ModuleRoot = $Context.ModuleRoot; RsatModuleRoot = $Context.RsatModuleRoot
            Computer = $Computer; User = $Context.User; UsingValues = $Remote.Using; LanguageMode = $languageMode
        })
    # The block in a scope of its own, as a remote command runs; arguments bind to its param() block, then $args.
    [void]$shell.AddStatement().AddScript($Remote.Text, $true)
    foreach ($a in $ArgumentList) { [void]$shell.AddArgument($a) }
    $pipelineInput = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
    foreach ($o in $InputObject) { $pipelineInput.Add($o) }
    $pipelineInput.Complete()
    $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
    $handle = $shell.BeginInvoke($pipelineInput, $output)
    return @{ ComputerName = $ComputerName; RunspaceId = [guid]::NewGuid(); Runspace = $Runspace; PowerShell = $shell; Output = $output; Handle = $handle; Constrained = ($languageMode -ne 'FullLanguage') }
}

function Receive-LabRemoteCommand {
    <# A finished remote command's results, written through $Cmdlet as they reach the caller: each output object (as
       the remoting protocol delivered it: deserialized) with PSComputerName, RunspaceId and PSShowComputerName; the
       block's errors (and a terminating one, which ended it) as non-terminating RemotingErrorRecords naming the
       computer; its warnings, verbose and information records. The process goes back to the pool. #>
    param($Cmdlet, [hashtable]$Job, [bool]$ShowComputerName)
    $shell = $Job.PowerShell
    try {
        # Each item as the protocol delivered it (a deserialized PSObject, kept as such: assigned to a variable, a
        # string would lose its wrapper and the notes with it), its notes added, then written all together.
        $items = $Job.Output.ReadAll()
        $notes = [ordered]@{ PSComputerName = $Job.ComputerName; RunspaceId = $Job.RunspaceId; PSShowComputerName = $ShowComputerName }
        $written = New-Object 'System.Collections.Generic.List[psobject]'
        for ($i = 0; $i -lt $items.Count; $i++) {
            if ($null -eq $items[$i]) { continue }
            foreach ($name in $notes.Keys) {
                $items[$i].PSObject.Properties.Remove($name)
                $items[$i].PSObject.Properties.Add((New-Object System.Management.Automation.PSNoteProperty $name, $notes[$name]))
            }
            $written.Add($items[$i])
        }
        $Cmdlet.WriteObject($written, $true)
        foreach ($w in $shell.Streams.Warning) { $Cmdlet.WriteWarning($w.Message) }
        foreach ($v in $shell.Streams.Verbose) { $Cmdlet.WriteVerbose($v.Message) }
        foreach ($i in $shell.Streams.Information) { $Cmdlet.WriteInformation($i) }
        $errors = New-Object System.Collections.ArrayList
        foreach ($e in $shell.Streams.Error) { [void]$errors.Add($e) }
        $reason = $shell.InvocationStateInfo.Reason
        if ($shell.InvocationStateInfo.State -eq 'Failed' -and $null -ne $reason) {
            # The error that ended the block; the error stream holds it already when a command there threw it.
            $last = $null
            if ($errors.Count -gt 0) { $last = $errors[$errors.Count - 1] }
            if ($reason -is [System.Management.Automation.IContainsErrorRecord]) {
                $final = $reason.ErrorRecord
                if ($null -eq $last -or $last.FullyQualifiedErrorId -ne $final.FullyQualifiedErrorId -or $last.Exception.Message -ne $final.Exception.Message) { [void]$errors.Add($final) }
            } else {
                [void]$errors.Add((New-Object System.Management.Automation.ErrorRecord $reason, 'JobFailure', 'OperationStopped', $null))
            }
        }
        foreach ($e in $errors) {
            $origin = New-Object System.Management.Automation.Remoting.OriginInfo $Job.ComputerName, $Job.RunspaceId
            Write-LabRemotingError -Cmdlet $Cmdlet -ErrorRecord (New-Object System.Management.Automation.Runspaces.RemotingErrorRecord $e, $origin)
        }
    } finally {
        Stop-LabRemoteCommand -Job $Job
    }
}

function Stop-LabRemoteCommand {
    <# Ends a host's turn: stops the block if it still runs (the caller stopped: Ctrl+C, -ErrorAction Stop) and puts
       the process back in the pool when it is still usable. #>
    param([hashtable]$Job)
    if (-not $Job.Handle.IsCompleted) { try { $Job.PowerShell.Stop() } catch { $null = $_ } }
    $Job.PowerShell.Dispose()
    if (-not $Job.Constrained -and $Job.Runspace.RunspaceStateInfo.State -eq 'Opened' -and $Job.Runspace.RunspaceAvailability -eq 'Available') { $script:LabRemoteIdle.Push($Job.Runspace) }
    else { $Job.Runspace.Dispose() }
}
