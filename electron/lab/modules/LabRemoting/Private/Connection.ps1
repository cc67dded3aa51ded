# Connecting to a lab computer over WinRM: which lab host a -ComputerName names, and the errors WinRM gives when it
# can't. Each failure is the ErrorRecord Invoke-Command writes (PowerShell's PSRemotingChildJob.ProcessJobFailure):
# a PSRemotingTransportException carrying WinRM's error code, FullyQualifiedErrorId '<reason>,PSSessionStateBroken'
# (the reason from WSManTransportManagerUtils' table of transport error codes), category OpenError, the computer name
# as TargetObject and '[<computer>] <message>' as ErrorDetails. The messages are WinRM's English texts.

# reason -> WinRM's error code and the message WinRM gives for it
$script:LabWinRmFailures = @{
    # No such name: Kerberos cannot find the computer (DNS does not resolve it, no computer account).
    NetworkPathNotFound   = @{ Code = 53; Text = 'WinRM cannot process the request. The following error occurred while using Kerberos authentication: Cannot find the computer {0}. Verify that the computer exists on the network and that the name provided is spelled correctly.' }
    # The host answers, but the WinRM service is stopped or has no listener (ERROR_WSMAN_DESTINATION_UNREACHABLE 0x80338012).
    CannotConnect         = @{ Code = -2144108526; Text = 'The client cannot connect to the destination specified in the request. Verify that the service on the destination is running and is accepting requests. Consult the logs and documentation for the WS-Management service running on the destination, most commonly IIS or WinRM. If the destination is the WinRM service, run the following command on the destination to analyze and configure the WinRM service: "winrm quickconfig".' }
    # Nothing answers on 5985: a firewall drops it, or the host is off (0x80338126).
    WinRMOperationTimeout = @{ Code = -2144108250; Text = 'WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer. By default, the WinRM firewall exception for public profiles limits access to remote computers within the same local subnet.' }
    # The user is neither in the host's Administrators nor in Remote Management Users.
    AccessDenied          = @{ Code = 5; Text = 'Access is denied.' }
    # Kerberos needs both computers in the domain: a workgroup host needs HTTPS or TrustedHosts (0x80338164).
    ServerNotTrusted      = @{ Code = -2144108316; Text = 'The WinRM client cannot process the request. If the authentication scheme is different from Kerberos, or if the client computer is not joined to a domain, then HTTPS transport must be used or the destination machine must be added to the TrustedHosts configuration setting. Use winrm.cmd to configure TrustedHosts. Note that computers in the TrustedHosts list might not be authenticated. You can get more information about that by running the following command: winrm help config.' }
}

function New-LabRemotingError {
    <# The error Invoke-Command writes when it cannot connect to $ComputerName (as the caller spelled it). #>
    param([string]$ComputerName, [string]$Reason)
    $failure = $script:LabWinRmFailures[$Reason]
    $message = 'Connecting to remote server ' + $ComputerName + ' failed with the following error message : ' +
        ($failure.Text -f $ComputerName) + ' For more information, see the about_Remote_Troubleshooting Help topic.'
    $exception = New-Object System.Management.Automation.Remoting.PSRemotingTransportException $message
    $exception.ErrorCode = $failure.Code
    $record = New-Object System.Management.Automation.ErrorRecord $exception, ($Reason + ',PSSessionStateBroken'), 'OpenError', $ComputerName
    $record.ErrorDetails = New-Object System.Management.Automation.ErrorDetails ('[' + $ComputerName + '] ' + $message)
    return $record
}

function Resolve-LabRemoteComputer {
    <# The lab host a -ComputerName value names: its NetBIOS name, its FQDN in the lab's domain, or this computer
       (localhost, '.', the loopback addresses). $null when the lab has no such computer. #>
    param([hashtable]$State, [string]$ComputerName, [string]$Local)
    $name = $ComputerName.Trim()
    if (@('localhost', '.', '127.0.0.1', '::1') -contains $name) { return $Local }
    $suffix = '.' + $State.domain.dnsRoot
    if ($name.EndsWith($suffix, [System.StringComparison]::OrdinalIgnoreCase)) { $name = $name.Substring(0, $name.Length - $suffix.Length) }
    $key = $name.ToUpperInvariant()
    if ($key.Contains('.') -or -not $State.hosts.ContainsKey($key)) { return $null }
    return $key
}

function Test-LabRemotingAllowed {
    <# Whether lab user $User may open a remote session on a host: a member (directly or through nested groups) of one
       of the principals its remoting.allowed lists (DOMAIN\name), by default the domain's Domain Admins. #>
    param([hashtable]$State, [hashtable]$HostState, [string]$User)
    $allowed = @($State.domain.netBIOSName + '\Domain Admins')
    if ($null -ne $HostState.remoting -and $null -ne $HostState.remoting.allowed) { $allowed = @($HostState.remoting.allowed) }
    $account = Find-LabAdObject -State $State -Identity $User -Class 'user'
    if ($null -eq $account) { return $false }
    $memberOf = Get-LabGroupsOf -State $State -Dn $account.distinguishedName
    foreach ($entry in $allowed) {
        $sam = ([string]$entry -split '\\')[-1]
        $principal = Find-LabAdObject -State $State -Identity $sam -Class @('user', 'group')
        if ($null -eq $principal) { continue }
        if ($principal.distinguishedName -eq $account.distinguishedName -or $memberOf -contains $principal.distinguishedName) { return $true }
    }
    return $false
}

function Get-LabRemotingFailure {
    <# Why lab user $User cannot open a remote session on lab host $Computer ($null: unknown), as the reason key of
       $LabWinRmFailures; $null when it can. #>
    param([hashtable]$State, [string]$Computer, [string]$User)
    if (-not $Computer) { return 'NetworkPathNotFound' }
    $hostState = $State.hosts[$Computer]
    $winrm = 'Enabled'
    if ($null -ne $hostState.remoting) { $winrm = [string]$hostState.remoting.winrm }
    if ($winrm -eq 'Unreachable') { return 'WinRMOperationTimeout' }
    if ($winrm -eq 'Stopped') { return 'CannotConnect' }
    if (-not $hostState.domainJoined) { return 'ServerNotTrusted' }
    if (-not (Test-LabRemotingAllowed -State $State -HostState $hostState -User $User)) { return 'AccessDenied' }
    return $null
}

# ErrorRecord's own field for an id that came over the wire (set when remoting deserializes a record); the same name in
# Windows PowerShell 5.1 and PowerShell 7.
$script:LabSerializedErrorId = [System.Management.Automation.ErrorRecord].GetField('_serializedFullyQualifiedErrorId', [System.Reflection.BindingFlags]'NonPublic, Instance')

function Write-LabRemotingError {
    <# Writes an error of Invoke-Command (non-terminating: -ErrorAction decides) with its FullyQualifiedErrorId as the
       real cmdlet's reads: WriteError from a function appends ',Invoke-Command' to it, the compiled cmdlet passes
       remoting's records on as they came (callers match '<reason>,PSSessionStateBroken' and the remote command's id). #>
    param($Cmdlet, [System.Management.Automation.ErrorRecord]$ErrorRecord)
    if ($null -ne $script:LabSerializedErrorId) { $script:LabSerializedErrorId.SetValue($ErrorRecord, $ErrorRecord.FullyQualifiedErrorId) }
    $Cmdlet.WriteError($ErrorRecord)
}
