# Invoke-Command: without -ComputerName, the block runs here (the engine's InProcess set); with it, on each lab
# computer named, at most -ThrottleLimit (default 32; the lab's pool runs 2 to 4, one per core) at a time, each host's results
# written as soon as it finishes. What the lab does not model (PSSessions, URIs, VMs, containers, jobs, other
# credentials or transports) is refused in one line rather than run somewhere it should not. Pipeline input: the
# generated signature calls this once per input object, so each object is sent in a call of its own (the real cmdlet
# sends them all to one run of the block); the app pipes nothing into Invoke-Command.

# Parameters of the ComputerName sets the lab refuses: it never handles a password, and its WinRM is Kerberos over HTTP.
$script:LabRemotingRefused = @('AsJob', 'InDisconnectedSession', 'SessionName', 'JobName', 'Credential', 'UseSSL', 'Port', 'CertificateThumbprint', 'EnableNetworkAccess')

function New-LabRemotingNotModelled {
    param([string]$What)
    return New-LabError -ExceptionType 'System.NotSupportedException' -Message ("The lab's Invoke-Command does not model " + $What + '; it runs a block here, or on lab computers with -ComputerName.') `
        -ErrorId 'LabNotModelled,Microsoft.PowerShell.Commands.InvokeCommandCommand' -Category 'NotImplemented' -Target $null
}

function LabImpl-Invoke-Command {
    param($Cmdlet, $Bound)
    $set = $Cmdlet.ParameterSetName
    if ($set -eq 'InProcess') { Invoke-LabCommandHere -Bound $Bound; return }
    if ($set -ne 'ComputerName' -and $set -ne 'FilePathComputerName') { throw (New-LabRemotingNotModelled ('the ' + $set + ' parameter set')) }
    foreach ($p in $script:LabRemotingRefused) {
        if ($Bound.ContainsKey($p)) { throw (New-LabRemotingNotModelled ('-' + $p)) }
    }
    if ($set -eq 'FilePathComputerName') {
        $provider = $null
        $path = @($Cmdlet.GetResolvedProviderPathFromPSPath([string]$Bound['FilePath'], [ref]$provider))[0]
        $block = [scriptblock]::Create([System.IO.File]::ReadAllText($path))
    } else {
        $block = $Bound['ScriptBlock']
    }
    $names = @('localhost')
    if ($Bound.ContainsKey('ComputerName') -and $null -ne $Bound['ComputerName']) { $names = @($Bound['ComputerName']) }
    $throttle = 32
    if ($Bound.ContainsKey('ThrottleLimit') -and [int]$Bound['ThrottleLimit'] -gt 0) { $throttle = [int]$Bound['ThrottleLimit'] }
    $argumentList = @()
    if ($Bound.ContainsKey('ArgumentList')) { $argumentList = @($Bound['ArgumentList']) }
    $inputObjects = @()
    if ($Bound.ContainsKey('InputObject')) { $inputObjects = @(, $Bound['InputObject']) }
    $showComputerName = -not [bool]$Bound['HideComputerName']

    $ctx = Get-LabContext
    $state = Get-LabState
    $remote = ConvertTo-LabRemoteScript -ScriptBlock $block -Cmdlet $Cmdlet
    $pending = New-Object System.Collections.Queue
    $reachable = 0
    foreach ($n in $names) {
        $computer = Resolve-LabRemoteComputer -State $state -ComputerName ([string]$n) -Local $ctx.Computer
        $failure = Get-LabRemotingFailure -State $state -Computer $computer -User $ctx.User
        if (-not $failure) { $reachable++ }
        $pending.Enqueue(@{ Name = [string]$n; Computer = $computer; Failure = $failure })
    }
    # Hosts at once: -ThrottleLimit, and never more lab processes than the pool allows (Private/RemoteRunspace.ps1).
    $slots = [Math]::Min($throttle, $script:LabRemoteMaxProcesses)
    $needed = [Math]::Min($slots, $reachable)
    if ($needed -gt 0) { foreach ($r in (Open-LabRemoteProcesses -Count $needed)) { $script:LabRemoteIdle.Push($r) } }
    $running = New-Object System.Collections.ArrayList
    try {
        while ($pending.Count -gt 0 -or $running.Count -gt 0) {
            while ($pending.Count -gt 0 -and $running.Count -lt $slots) {
                $target = $pending.Dequeue()
                if ($target.Failure) {
                    Write-LabCall -Command 'Invoke-Command' -Extra ([ordered]@{ event = 'connect'; target = $target.Name; error = $target.Failure })
                    Write-LabRemotingError -Cmdlet $Cmdlet -ErrorRecord (New-LabRemotingError -ComputerName $target.Name -Reason $target.Failure)
                    continue
                }
                $process = (Open-LabRemoteProcesses -Count 1)[0]
                [void]$running.Add((Start-LabRemoteCommand -Runspace $process -Context $ctx -ComputerName $target.Name -Computer $target.Computer -Remote $remote -ArgumentList $argumentList -InputObject $inputObjects))
                # How many hosts run at this moment: what -ThrottleLimit bounds (the call log's maxConcurrent).
                Write-LabCall -Command 'Invoke-Command' -Extra ([ordered]@{ event = 'connect'; target = $target.Computer; concurrent = $running.Count })
            }
            if ($running.Count -eq 0) { continue }
            [void][System.Threading.WaitHandle]::WaitAny([System.Threading.WaitHandle[]]@($running | ForEach-Object { $_.Handle.AsyncWaitHandle }), 200)
            foreach ($job in @($running)) {
                if (-not $job.Handle.IsCompleted) { continue }
                [void]$running.Remove($job)
                Receive-LabRemoteCommand -Cmdlet $Cmdlet -Job $job -ShowComputerName $showComputerName
            }
        }
    } finally {
        foreach ($job in $running) { Stop-LabRemoteCommand -Job $job }
    }
}

function Invoke-LabCommandHere {
    <# The InProcess set: the block in a child scope of the caller's (or, with -NoNewScope, in the caller's scope),
       with -ArgumentList and -InputObject. #>
    param($Bound)
    $block = $Bound['ScriptBlock']
    $argumentList = @()
    if ($Bound.ContainsKey('ArgumentList')) { $argumentList = @($Bound['ArgumentList']) }
    if ($Bound.ContainsKey('InputObject')) {
        if ($Bound['NoNewScope']) { , $Bound['InputObject'] | . $block @argumentList }
        else { , $Bound['InputObject'] | & $block @argumentList }
        return
    }
    if ($Bound['NoNewScope']) { . $block @argumentList }
    else { & $block @argumentList }
}
