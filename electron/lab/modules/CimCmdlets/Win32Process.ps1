# CIM's Win32_Process (root/cimv2) for the lab computer's service processes only (the SCM's running services,
# LabServices/Private/Scm.ps1; one instance per process id, so the services of one svchost share it): a few of its
# real properties and its GetOwner method ("GetOwner method of the Win32_Process class": ReturnValue 0 with User and
# Domain; 2 access denied). The owner is the account the process logged on as: a Win32_Service.Change since it
# started applies only from the next start (the record's runningAs). Windows PowerShell 5.1 syntax only.

$script:ProcessClass = 'Win32_Process'

function Get-LabProcessOwner {
    <# The account a service process runs as, as GetOwner splits it: @{ Domain; User }. #>
    param([hashtable]$Service)
    $account = [string]$Service.account
    if ($Service.ContainsKey('runningAs')) { $account = [string]$Service.runningAs }
    switch ((ConvertTo-ScmAccountName $account).ToUpperInvariant()) {
        'LOCALSYSTEM' { return @{ Domain = 'NT AUTHORITY'; User = 'SYSTEM' } }
        'NT AUTHORITY\LOCALSERVICE' { return @{ Domain = 'NT AUTHORITY'; User = 'LOCAL SERVICE' } }
        'NT AUTHORITY\NETWORKSERVICE' { return @{ Domain = 'NT AUTHORITY'; User = 'NETWORK SERVICE' } }
    }
    $i = $account.IndexOf('\')
    if ($i -lt 0) { return @{ Domain = $null; User = $account } }
    return @{ Domain = $account.Substring(0, $i); User = $account.Substring($i + 1) }
}

function ConvertTo-LabWin32Process {
    param([hashtable]$Service, [string]$Computer)
    $image = Get-ScmImagePath -BinaryPath ([string]$Service.binaryPath)
    $name = $image.Substring($image.LastIndexOf('\') + 1)
    $o = [pscustomobject][ordered]@{
        Caption           = $name
        CommandLine       = [string]$Service.binaryPath
        CreationClassName = $script:ProcessClass
        CSName            = $Computer
        Description       = $name
        ExecutablePath    = $image
        Handle            = [string]$Service.processId
        Name              = $name
        ProcessId         = [uint32]$Service.processId
        SessionId         = [uint32]0
        PSComputerName    = $null
    }
    foreach ($t in @('CIM_ManagedSystemElement', 'CIM_LogicalElement', 'CIM_Process', 'Win32_Process')) {
        $o.PSObject.TypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/' + $t)
    }
    $o.PSObject.TypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimInstance#Win32_Process')
    $o.PSObject.TypeNames.Add('Microsoft.Management.Infrastructure.CimInstance')
    return $o
}

function Get-LabWin32ServiceProcesses {
    <# The running services' processes matching a WQL filter ($null: all), each once; a bad query is the CIM error. #>
    param([string]$Filter, [string]$Command)
    $ctx = Get-LabContext
    $hostState = Get-LabHost -State (Get-LabState) -Name $ctx.Computer
    $seen = @{}
    foreach ($s in (Get-ScmServices -HostState $hostState)) {
        if ($s.state -ne 'Running' -or [int]$s.processId -le 0 -or $seen.ContainsKey([int]$s.processId)) { continue }
        $seen[[int]$s.processId] = $true
        $o = ConvertTo-LabWin32Process -Service $s -Computer $ctx.Computer
        if ([string]::IsNullOrEmpty($Filter)) { $o; continue }
        $ok = Test-LabWqlFilter -Instance $o -Filter $Filter
        if ($null -eq $ok) { throw (New-LabCimError -Message 'Invalid query ' -HResult '0x80041017' -Command $Command -Category 'InvalidArgument' -Target $Filter) }
        if ($ok) { $o }
    }
}

function Invoke-LabWin32ProcessGetOwner {
    <# GetOwner on the process with this id: ReturnValue, User, Domain (2 from a session that is not elevated). #>
    param([int]$ProcessId, [string]$Command)
    $ctx = Get-LabContext
    $hostState = Get-LabHost -State (Get-LabState) -Name $ctx.Computer
    $service = $null
    foreach ($s in (Get-ScmServices -HostState $hostState)) {
        if ($s.state -eq 'Running' -and [int]$s.processId -eq $ProcessId) { $service = $s; break }
    }
    if ($null -eq $service) { throw (New-LabCimError -Message 'Not found ' -HResult '0x80041002' -Command $Command -Category 'ObjectNotFound' -Target $ProcessId) }
    $r = [pscustomobject][ordered]@{ Domain = $null; ReturnValue = [uint32]2; User = $null; PSComputerName = $null }
    if ($ctx.Elevated) {
        $owner = Get-LabProcessOwner -Service $service
        $r.Domain = $owner.Domain
        $r.User = $owner.User
        $r.ReturnValue = [uint32]0
    }
    $r.PSObject.TypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimMethodResult')
    return $r
}
