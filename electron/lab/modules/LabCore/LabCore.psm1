# LabCore: the lab domain's engine room. Every lab module (ActiveDirectory, Kds, ScheduledTasks, ServerManager,
# Dism, LabTools) keeps its state through these functions:
#   - one JSON state file per lab directory (lab-state.json; schema in electron/lab/state.ts), written atomically
#     (temp file + replace) while holding an exclusive lock file, so two sessions can't corrupt it;
#   - the session's context: lab directory, current computer, current user, the DC it talks to;
#   - the lab clock (real time + an offset, so "wait 10 hours" takes no time) and dates of the Kind the real
#     cmdlets return (Local; the state file stores UTC text);
#   - errors shaped exactly like the real modules' (exception type, FullyQualifiedErrorId, category);
#   - the AD semantics several modules share (identity lookup, replication, group expansion, password access).
# Windows PowerShell 5.1 syntax only: practice mode runs on real Windows servers too.

Set-StrictMode -Off
$script:Context = $null

# One compile for both files (each Add-Type costs a compiler run); a type already loaded in this process is not again.
$labTypeFiles = @()
if (-not ('Microsoft.ActiveDirectory.Management.ADPrincipal' -as [type])) { $labTypeFiles += (Join-Path $PSScriptRoot 'LabTypes.cs') }
if (-not ('Microsoft.KeyDistributionService.Cmdlets.KdsRootKey' -as [type])) { $labTypeFiles += (Join-Path $PSScriptRoot 'KdsTypes.cs') }
# Off Windows only: .NET's ACL types are stubs there (LabSecurity/AclTypes.ps1 says why).
if ($PSVersionTable.PSEdition -ne 'Desktop' -and -not $IsWindows -and -not ('LabSecurity.FileSystemAccessRule' -as [type])) { $labTypeFiles += (Join-Path $PSScriptRoot 'AclTypes.cs') }
# Off Windows only, likewise: ActiveDirectorySecurity (nTSecurityDescriptor; ActiveDirectory/Private/Security.ps1).
if ($PSVersionTable.PSEdition -ne 'Desktop' -and -not $IsWindows -and -not ('LabAdSecurity.ActiveDirectorySecurity' -as [type])) { $labTypeFiles += (Join-Path $PSScriptRoot 'AdSecurityTypes.cs') }
if ($labTypeFiles.Count -gt 0) {
    # Compiled once into a per-user cache where that is safe (never in an elevated process): LabTypesCache.ps1.
    & {  # a scope of its own: none of these names is left in the module's scope
        . (Join-Path $PSScriptRoot 'LabTypesCache.ps1')
        $onWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
        $cache = Get-LabTypesCacheFolder -Requested $env:MSA_WIZARD_LAB_CACHE -Elevated (Test-LabProcessElevated) -OnWindows $onWindows `
            -SudoUser $env:SUDO_USER -XdgCacheHome $env:XDG_CACHE_HOME -HomeDir $env:HOME
        Import-LabTypes -Files $labTypeFiles -Cache $cache -OnWindows $onWindows
    }
}

# ---------------------------------------------------------------------------------------------- session context

function Initialize-LabSession {
    <# Binds this PowerShell session to a lab: pins PSModulePath to the lab modules (never the real ones),
       and sets the current computer, user and DC (defaults from the state file). #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)][string]$LabDir,
        [Parameter(Mandatory = $true)][string]$ModuleRoot,
        [Parameter(Mandatory = $true)][string]$RsatModuleRoot,
        [string]$Computer,
        [string]$User,
        [string]$DomainController,
        # A remote session of the lab's Invoke-Command (modules/LabRemoting): AD is out of reach (the second hop).
        [switch]$Remote
    )
    $statePath = Join-Path $LabDir 'lab-state.json'
    if (-not (Test-Path -LiteralPath $statePath -PathType Leaf)) {
        throw "No lab in '$LabDir': $statePath does not exist. Create one with: msa-wizard lab new --lab-dir <dir>"
    }
    $script:Context = @{
        LabDir = (Resolve-Path -LiteralPath $LabDir).ProviderPath
        ModuleRoot = $ModuleRoot
        RsatModuleRoot = $RsatModuleRoot
        Computer = $null; User = $null; Elevated = $false; DomainController = $null; Remote = [bool]$Remote
    }
    $script:Context.CallLog = Join-Path $script:Context.LabDir 'lab-calls.jsonl'
    $state = Get-LabState
    $ctx = $state.context
    if ($Computer) { $ctx.computer = $Computer.ToUpperInvariant() }
    if ($User) { $ctx.user = $User }
    if ($DomainController) { $ctx.domainController = $DomainController.ToUpperInvariant() }
    if (-not $state.hosts.ContainsKey($ctx.computer)) {
        throw "The lab has no computer named '$($ctx.computer)'. Known: $(@($state.hosts.Keys | Sort-Object) -join ', ')"
    }
    $script:Context.Computer = $ctx.computer
    $script:Context.User = $ctx.user
    $script:Context.Elevated = [bool]$ctx.elevated
    # A remote session of an administrator is elevated: UAC filters no token of a domain account's network logon.
    if ($Remote) { $script:Context.Elevated = $true }
    $script:Context.DomainController = $ctx.domainController
    # What Windows sets for a logged-on domain user, so the app's own scripts read the lab's identity the same way.
    $env:COMPUTERNAME = $ctx.computer
    $env:USERNAME = $ctx.user
    $env:USERDOMAIN = $state.domain.netBIOSName
    $env:USERDNSDOMAIN = $state.domain.dnsRoot.ToUpperInvariant()
    Update-LabModulePath -State $state
}

function Update-LabModulePath {
    <# PSModulePath = the lab modules (+ the lab ActiveDirectory module when the current computer has RSAT) + the
       engine's own core modules. On Windows PowerShell, $PSHOME\Modules may hold the REAL ActiveDirectory module, so
       it is left out; its core modules were loaded before this point and stay loaded. #>
    param([hashtable]$State)
    $sep = [System.IO.Path]::PathSeparator
    $paths = @($script:Context.ModuleRoot)
    $hostState = $State.hosts[$script:Context.Computer]
    if (Test-LabRsatInstalled -HostState $hostState) { $paths += $script:Context.RsatModuleRoot }
    if ($PSVersionTable.PSEdition -eq 'Core') { $paths += (Join-Path $PSHOME 'Modules') }
    $env:PSModulePath = $paths -join $sep
}

function Test-LabRsatInstalled {
    param([hashtable]$HostState)
    return [bool]($HostState.features['RSAT-AD-PowerShell'] -or $HostState.capabilities['Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0'])
}

function Get-LabContext {
    if ($null -eq $script:Context) { throw 'This PowerShell session is not bound to a lab (Initialize-LabSession).' }
    return $script:Context
}

function Write-LabCall {
    <# The call log, for tests that count round trips: one JSON line per lab cmdlet call (the generated signatures call
       this first) appended to lab-calls.jsonl in the lab folder, only while that file exists (a test creates it:
       test/helpers/lab-calls.ts). Says which cmdlet ran on which lab computer, and whether in a remote runspace. #>
    param([Parameter(Mandatory = $true)][string]$Command, [System.Collections.IDictionary]$Extra)
    $ctx = $script:Context
    if ($null -eq $ctx -or -not [System.IO.File]::Exists($ctx.CallLog)) { return }
    $entry = [ordered]@{ command = $Command; computer = $ctx.Computer; remote = [bool]$ctx.Remote; process = $PID }
    if ($null -ne $Extra) { foreach ($k in $Extra.Keys) { $entry[$k] = $Extra[$k] } }
    $bytes = [System.Text.Encoding]::UTF8.GetBytes((ConvertTo-Json -InputObject $entry -Compress -Depth 3) + "`n")
    # Remote runspaces and other sessions append at the same time: one writer at a time (FileShare None), one write.
    for ($try = 0; $true; $try++) {
        try {
            $stream = [System.IO.File]::Open($ctx.CallLog, 'Append', 'Write', 'None')
            try { $stream.Write($bytes, 0, $bytes.Length) } finally { $stream.Dispose() }
            return
        } catch [System.IO.IOException] {
            if ($try -ge 2000) { throw }
            Start-Sleep -Milliseconds 2
        }
    }
}

function Get-LabNow {
    <# Lab time: the lab's Get-Date (real time + the lab clock offset), Kind Local like Get-Date and like every date
       the real modules return (see ConvertFrom-LabDateText), so `(Get-LabNow) - $account.Created` is right in any
       time zone. -Utc gives Kind Utc, for the lab's own arithmetic (DateTime comparison ignores Kind: never mix;
       and adding hours to a local time across a DST change is not elapsed time). Pass the state you already hold:
       reading the file again costs more than the rest of most calls. #>
    param([hashtable]$State, [switch]$Utc)
    if ($null -eq $State) { $State = Get-LabState }
    $now = [datetime]::UtcNow.AddSeconds([double]$State.clockOffsetSeconds)
    if ($Utc) { return $now }
    return $now.ToLocalTime()
}

# ---------------------------------------------------------------------------------------------- state file

function ConvertTo-LabHashtable {
    <# ConvertFrom-Json gives PSCustomObjects; the lab works on hashtables and lists. (ConvertFrom-Json
       -AsHashtable is PowerShell 7 only.) #>
    param($InputObject)
    if ($null -eq $InputObject) { return $null }
    # Leaves (strings, numbers, booleans) are copied without a call: every state read converts the whole file, and
    # a function call per value was most of the time a cmdlet took.
    if ($InputObject -is [System.Management.Automation.PSCustomObject]) {
        $table = @{}
        foreach ($p in $InputObject.PSObject.Properties) {
            $v = $p.Value
            if ($null -eq $v -or $v -is [string] -or $v -is [System.ValueType]) { $table[$p.Name] = $v }
            else { $table[$p.Name] = ConvertTo-LabHashtable $v }
        }
        return $table
    }
    if ($InputObject -is [System.Collections.IEnumerable] -and $InputObject -isnot [string]) {
        $list = New-Object System.Collections.ArrayList
        foreach ($item in $InputObject) {
            if ($null -eq $item -or $item -is [string] -or $item -is [System.ValueType]) { [void]$list.Add($item) }
            else { [void]$list.Add((ConvertTo-LabHashtable $item)) }
        }
        return , $list
    }
    return $InputObject
}

function ConvertTo-LabCanonical {
    <# The state with every table's keys in ordinal order, so the file has one text form whatever order the
       hashtables hold their keys in (lab.ts canonicalJson writes the same form): an undone change leaves it
       byte-identical. #>
    param($InputObject)
    if ($null -eq $InputObject) { return $null }
    if ($InputObject -is [System.Collections.IDictionary]) {
        $keys = [string[]]@($InputObject.Keys)
        [System.Array]::Sort($keys, [System.StringComparer]::Ordinal)
        $sorted = [ordered]@{}
        foreach ($k in $keys) {
            $v = $InputObject[$k]
            # (Leaves without a call, as in ConvertTo-LabHashtable.)
            if ($null -eq $v -or $v -is [string] -or $v -is [System.ValueType]) { $sorted[$k] = $v }
            else { $sorted[$k] = ConvertTo-LabCanonical $v }
        }
        return $sorted
    }
    if ($InputObject -is [System.Collections.IEnumerable] -and $InputObject -isnot [string]) {
        $list = New-Object System.Collections.ArrayList
        foreach ($item in $InputObject) {
            if ($null -eq $item -or $item -is [string] -or $item -is [System.ValueType]) { [void]$list.Add($item) }
            else { [void]$list.Add((ConvertTo-LabCanonical $item)) }
        }
        return , $list
    }
    return $InputObject
}

function ConvertFrom-LabStateJson {
    <# A lab file's JSON text as the tree the modules work on: hashtables (with @{}'s comparer), ArrayLists, leaves.
       PowerShell 7.5+: ConvertFrom-Json -AsHashtable and one C# pass (LabCore.StateTree in LabTypes.cs), several
       times faster on a large lab than ConvertTo-LabHashtable, which Windows PowerShell 5.1 (no -AsHashtable) and
       older PowerShell 7 still use. Both give the same types and values (test/lab/state-read-fast.test.ts). Dates
       stay text (-DateKind String): the modules parse them (ConvertFrom-LabDateText). #>
    param([string]$Text)
    if ($script:LabFastStateRead) {
        # Splatted: the parameters exist only on PowerShell 7 ($script:LabFastStateRead says so), and 5.1 must parse the file.
        $fast = @{ InputObject = $Text; AsHashtable = $true; DateKind = 'String' }
        return , [LabCore.StateTree]::FromJsonHashtable((ConvertFrom-Json @fast), @{})
    }
    $options = @{ InputObject = $Text }
    if ($PSVersionTable.PSVersion -ge [version]'7.5') { $options['DateKind'] = 'String' }
    return ConvertTo-LabHashtable (ConvertFrom-Json @options)
}

function Read-LabStateFile {
    param([string]$Path)
    try {
        $text = [System.IO.File]::ReadAllText($Path, [System.Text.Encoding]::UTF8)
    } catch {
        throw "Cannot read the lab state file '$Path': $($_.Exception.Message)"
    }
    try {
        $state = ConvertFrom-LabStateJson -Text $text
    } catch {
        throw "The lab state file '$Path' is not valid JSON; it was left untouched. Restore it, or create a new lab in another folder."
    }
    if ($state -isnot [hashtable] -or $state['version'] -ne 1) {
        throw "The lab state file '$Path' is not a version 1 lab state; it was left untouched."
    }
    # The hosts' Kerberos ticket caches live apart (see TICKETS_FILE in state.ts); merge them in for the modules.
    $ticketsPath = Join-Path (Split-Path -Parent $Path) 'lab-tickets.json'
    if ([System.IO.File]::Exists($ticketsPath)) {
        $tickets = ConvertFrom-LabStateJson -Text ([System.IO.File]::ReadAllText($ticketsPath, [System.Text.Encoding]::UTF8))
        foreach ($name in @($tickets.Keys)) {
            if ($state.hosts.ContainsKey($name)) {
                $state.hosts[$name].ticketGroups = @($tickets[$name].groups)
                $state.hosts[$name].ticketIssued = [string]$tickets[$name].issued
            }
        }
    }
    return $state
}

function Save-LabJsonFile {
    <# Writes one lab file atomically: a temp file, then File.Replace (or a move when there is none yet). #>
    param([string]$Path, $Value)
    $json = ConvertTo-Json -InputObject (ConvertTo-LabCanonical $Value) -Depth 30
    $temp = "$Path.$PID.tmp"
    [System.IO.File]::WriteAllText($temp, $json, (New-Object System.Text.UTF8Encoding $false))
    if ([System.IO.File]::Exists($Path)) { [System.IO.File]::Replace($temp, $Path, [NullString]::Value) }
    else { [System.IO.File]::Move($temp, $Path) }
}

function Save-LabState {
    <# Splits the hosts' ticket caches out of $State and writes both files. #>
    param([string]$StatePath, [hashtable]$State)
    $tickets = @{}
    $persistent = @{}
    foreach ($key in @($State.Keys)) { $persistent[$key] = $State[$key] }
    $hosts = @{}
    foreach ($name in @($State.hosts.Keys)) {
        $hostCopy = @{}
        foreach ($key in @($State.hosts[$name].Keys)) {
            if ($key -ne 'ticketGroups' -and $key -ne 'ticketIssued') { $hostCopy[$key] = $State.hosts[$name][$key] }
        }
        $hosts[$name] = $hostCopy
        $groups = @($State.hosts[$name].ticketGroups | Where-Object { $null -ne $_ })
        $tickets[$name] = @{ groups = $groups; issued = [string]$State.hosts[$name].ticketIssued }
    }
    $persistent['hosts'] = $hosts
    Save-LabJsonFile -Path (Join-Path (Split-Path -Parent $StatePath) 'lab-tickets.json') -Value $tickets
    Save-LabJsonFile -Path $StatePath -Value $persistent
}

function Get-LabState {
    <# The current state, read without the lock: writes are atomic renames, so a read never sees half a file. #>
    $ctx = Get-LabContext
    return Read-LabStateFile -Path (Join-Path $ctx.LabDir 'lab-state.json')
}

function Update-LabState {
    <# Runs $Script with the state under an exclusive lock and saves what it leaves, atomically. The script's
       output is returned. If the script throws, nothing is written. #>
    param([Parameter(Mandatory = $true)][scriptblock]$Script)
    $ctx = Get-LabContext
    $statePath = Join-Path $ctx.LabDir 'lab-state.json'
    $lockPath = Join-Path $ctx.LabDir 'lab-state.lock'
    $lock = $null
    # A slow, busy machine with several sessions writing must not fail: wait up to a minute. Between tries, a
    # random (jittered) wait that grows, so no session keeps losing the race to one polling at a fixed rhythm.
    $deadline = [datetime]::UtcNow.AddSeconds($script:LabLockWaitSeconds)
    $backoff = 5
    while ($null -eq $lock) {
        try {
            $lock = [System.IO.File]::Open($lockPath, 'OpenOrCreate', 'ReadWrite', 'None')
        } catch [System.IO.IOException] {
            if ([datetime]::UtcNow -gt $deadline) {
                throw "The lab state is locked by another session ($lockPath): still held after $($script:LabLockWaitSeconds) seconds. A PowerShell session of this lab is busy or stuck (close it, or wait for it to finish)."
            }
            Start-Sleep -Milliseconds ($script:LabLockRandom.Next(1, $backoff + 1))
            if ($backoff -lt 200) { $backoff = $backoff * 2 }
        }
    }
    try {
        $state = Read-LabStateFile -Path $statePath
        $result = & $Script $state
        Save-LabState -StatePath $statePath -State $state
        return $result
    } finally {
        $lock.Dispose()
    }
}

$script:LabLockWaitSeconds = 60
# The C# state reader where ConvertFrom-Json has -AsHashtable and -DateKind, and LabTypes.cs was compiled with it.
$script:LabFastStateRead = ($PSVersionTable.PSVersion -ge [version]'7.5') -and [bool]('LabCore.StateTree' -as [type])
$script:LabLockRandom = New-Object System.Random
$script:LabConfirmImpact = @{}

function Test-LabMayPrompt {
    <# Whether $Cmdlet.ShouldProcess could ask a human (-Confirm, or the command's ConfirmImpact at or above
       $ConfirmPreference). Errs towards $true: a wrong $true only costs one extra read of the state. #>
    param($Cmdlet)
    $bound = $Cmdlet.MyInvocation.BoundParameters
    if ($bound.ContainsKey('Confirm')) { return [bool]$bound['Confirm'] }
    $pref = $Cmdlet.SessionState.PSVariable.GetValue('ConfirmPreference')
    if ($null -eq $pref) { return $true }
    $pref = [System.Management.Automation.ConfirmImpact]$pref
    if ($pref -eq 'None') { return $false }
    $command = $Cmdlet.MyInvocation.MyCommand
    $key = [string]$command.ModuleName + '\' + $command.Name
    if (-not $script:LabConfirmImpact.ContainsKey($key)) {
        $impact = [System.Management.Automation.ConfirmImpact]::Medium
        if ($null -ne $command.ScriptBlock) {
            foreach ($a in $command.ScriptBlock.Attributes) {
                if ($a -is [System.Management.Automation.CmdletBindingAttribute]) { $impact = $a.ConfirmImpact }
            }
        }
        $script:LabConfirmImpact[$key] = $impact
    }
    return ($script:LabConfirmImpact[$key] -ge $pref)
}

function New-LabShouldProcessGate {
    <# What Update-LabStateConfirmed hands its script instead of the cmdlet: .ShouldProcess(target, action) either
       records the question and answers no (the dry run) or answers yes (the question was already answered). #>
    param([ValidateSet('Record', 'Granted')][string]$Mode)
    $gate = [pscustomobject]@{ Mode = $Mode; Asked = $false; Target = $null; Action = $null }
    $gate | Add-Member -MemberType ScriptMethod -Name ShouldProcess -Value {
        param([string]$Target, [string]$Action)
        if ($this.Mode -eq 'Granted') { return $true }
        if (-not $this.Asked) { $this.Asked = $true; $this.Target = $Target; $this.Action = $Action }
        return $false
    }
    return $gate
}

function Update-LabStateConfirmed {
    <# Update-LabState for a mutation behind ShouldProcess. The rule: never ask ShouldProcess while holding the
       lab-state lock (an interactive console would hold it until a human answers, and every other session, the
       wizard's included, would time out). $Script gets (state, gate) and calls $gate.ShouldProcess(target, action)
       where it would call $Cmdlet.ShouldProcess. When the cmdlet may prompt, $Script first runs on a snapshot
       (Get-LabState, no lock) up to its question; the question is asked with no lock held; then, if answered yes,
       $Script runs again under the lock on the current state (it finds its objects anew: one deleted meanwhile
       fails with the usual error) and the gate answers yes. Returns $Script's output, or $null when declined. #>
    param([Parameter(Mandatory = $true)]$Cmdlet, [Parameter(Mandatory = $true)][scriptblock]$Script)
    $labBody = $Script
    if (-not (Test-LabMayPrompt -Cmdlet $Cmdlet)) {
        # It cannot prompt (-WhatIf still prints and says no): the cmdlet answers itself, from its own module.
        $labGate = $Cmdlet
    } else {
        $labGate = New-LabShouldProcessGate -Mode 'Record'
        $null = & $labBody (Get-LabState) $labGate
        if ($labGate.Asked) {
            # Asked in the cmdlet's own session state: called from here, ShouldProcess would read LabCore's view of
            # $ConfirmPreference instead of the caller's.
            $answer = $Cmdlet.SessionState.InvokeCommand.InvokeScript($Cmdlet.SessionState,
                { param($c, $t, $a) $c.ShouldProcess($t, $a) }, @($Cmdlet, $labGate.Target, $labGate.Action))
            if (-not ($answer.Count -gt 0 -and [bool]$answer[0])) { return $null }
        }
        $labGate = New-LabShouldProcessGate -Mode 'Granted'
    }
    return Update-LabState -Script { param($labState) & $labBody $labState $labGate }
}

# ---------------------------------------------------------------------------------------------- errors

function New-LabError {
    <# An ErrorRecord exactly as the real module writes it. Throw it with `throw (New-LabError ...)`: a thrown
       ErrorRecord keeps its FullyQualifiedErrorId as given (ThrowTerminatingError would append the function name). #>
    param(
        [Parameter(Mandatory = $true)][string]$ExceptionType,
        [Parameter(Mandatory = $true)][string]$Message,
        [Parameter(Mandatory = $true)][string]$ErrorId,
        [System.Management.Automation.ErrorCategory]$Category = 'NotSpecified',
        $Target = $null,
        [int]$ErrorCode = 0
    )
    if ($ErrorCode -ne 0) { $exception = New-Object $ExceptionType $Message, $ErrorCode }
    else { $exception = New-Object $ExceptionType $Message }
    return New-Object System.Management.Automation.ErrorRecord $exception, $ErrorId, $Category, $Target
}

function Get-LabCmdletClass {
    <# 'New-ADServiceAccount' -> 'Microsoft.ActiveDirectory.Management.Commands.NewADServiceAccount' #>
    param([string]$Name)
    return 'Microsoft.ActiveDirectory.Management.Commands.' + ($Name -replace '-', '')
}

function Assert-LabAdWriteAccess {
    <# Writes to AD need Domain Admins (or Enterprise Admins) in the lab; the real error is 8344. #>
    param([hashtable]$State, [string]$Cmdlet, $Target)
    $ctx = Get-LabContext
    if (-not (Test-LabDomainAdmin -State $State -User $ctx.User)) {
        throw (New-LabError -ExceptionType 'Microsoft.ActiveDirectory.Management.ADException' `
                -Message 'Insufficient access rights to perform the operation' `
                -ErrorId ('ActiveDirectoryServer:8344,' + (Get-LabCmdletClass $Cmdlet)) -Category 'NotSpecified' -Target $Target -ErrorCode 8344)
    }
}

function Assert-LabElevated {
    <# Local administration (install an MSA, grant a user right, register a task) needs an elevated process. #>
    param([string]$ErrorId, [string]$Message = 'Access is denied.', $Target = $null)
    $ctx = Get-LabContext
    if (-not $ctx.Elevated) {
        throw (New-LabError -ExceptionType 'System.UnauthorizedAccessException' -Message $Message -ErrorId $ErrorId -Category 'PermissionDenied' -Target $Target)
    }
}

# ---------------------------------------------------------------------------------------------- AD semantics

function Get-LabDomainController {
    <# The DC a cmdlet talks to: -Server if given (name, FQDN or domain, optionally :port), else the session's.
       Port 3268/3269 is the global catalog: only a GC answers there (the lab has one domain, so a GC search covers
       every object the DC has). Unknown, unreachable or non-GC DCs fail like the real module:
       ADServerDownException, ActiveDirectoryServer:0. #>
    param([hashtable]$State, [string]$Server, [string]$Cmdlet)
    $ctx = Get-LabContext
    $downMessage = 'Unable to contact the server. This may be because this server does not exist, it is currently down, or it does not have the Active Directory Web Services running.'
    if ($ctx.Remote) {
        # The second hop: a remote (WinRM) session holds a network logon with no credential to pass on, so without
        # CredSSP or delegation the AD module on that host reaches no other DC. Every AD and Kds cmdlet comes through
        # here. A DC's own session reaches its own directory (no hop), and that is the DC it uses by default.
        $own = $null
        foreach ($dc in $State.domainControllers) { if ($dc.name -eq $ctx.Computer -and $dc.reachable) { $own = $dc } }
        $ownNamed = $null -ne $own -and (-not $Server -or @($own.name, $own.hostName, $State.domain.dnsRoot) -contains ($Server -replace ':\d{1,5}$', ''))
        if (-not $ownNamed) {
            throw (New-LabError -ExceptionType 'Microsoft.ActiveDirectory.Management.ADServerDownException' -Message $downMessage `
                    -ErrorId ('ActiveDirectoryServer:0,' + (Get-LabCmdletClass $Cmdlet)) -Category 'ResourceUnavailable' -Target $Server)
        }
        if (-not $Server) { return $own }
    }
    $name = $ctx.DomainController
    $gcOnly = $false
    if ($Server) {
        $name = $Server
        $m = [regex]::Match($Server, '^(.+):(\d{1,5})$')
        if ($m.Success) {
            $name = $m.Groups[1].Value
            $gcOnly = @('3268', '3269') -contains $m.Groups[2].Value
        }
    }
    foreach ($dc in $State.domainControllers) {
        if ($gcOnly -and -not $dc.isGlobalCatalog) { continue }
        if (($dc.name -eq $name -or $dc.hostName -eq $name -or $State.domain.dnsRoot -eq $name) -and $dc.reachable) { return $dc }
    }
    throw (New-LabError -ExceptionType 'Microsoft.ActiveDirectory.Management.ADServerDownException' -Message $downMessage `
            -ErrorId ('ActiveDirectoryServer:0,' + (Get-LabCmdletClass $Cmdlet)) -Category 'ResourceUnavailable' -Target $name)
}

function Test-LabVisibleOn {
    <# Whether an object (or KDS key) has replicated to a DC: listed in onlyOn/replicatedTo, or old enough. #>
    param([hashtable]$State, [System.Collections.IList]$On, [string]$Created, [string]$Dc)
    if ($null -eq $On -or $On.Count -eq 0) { return $true }
    if ($On -contains $Dc) { return $true }
    # (Not $created: PowerShell variable names ignore case, and that would overwrite the [string]$Created parameter.)
    $createdAt = ConvertFrom-LabDateText $Created -Utc
    return ((Get-LabNow -State $State -Utc) -ge $createdAt.AddMinutes([double]$State.domain.replicationDelayMinutes))
}

function Find-LabAdObject {
    <# Resolves an identity the way the AD cmdlets do: distinguished name, GUID, SID, sAMAccountName (with or
       without the trailing $ of computers and service accounts) or name. Only objects visible on $Dc count. #>
    param([hashtable]$State, $Identity, [string[]]$Class, [string]$Dc)
    if ($null -eq $Identity) { return $null }
    $id = [string]$Identity
    if ($Identity -is [Microsoft.ActiveDirectory.Management.ADEntity]) { $id = [Microsoft.ActiveDirectory.Management.ADEntity]::LabIdentityOf($Identity) }
    foreach ($o in $State.objects) {
        if ($Class -and ($Class -notcontains $o.objectClass)) { continue }
        if ($Dc -and -not (Test-LabVisibleOn -State $State -On $o.onlyOn -Created $o.created -Dc $Dc)) { continue }
        if ($o.distinguishedName -eq $id -or $o.objectGuid -eq $id -or ($o.objectSid -and $o.objectSid -eq $id)) { return $o }
        if ($o.samAccountName -and ($o.samAccountName -eq $id -or $o.samAccountName -eq ($id + '$'))) { return $o }
    }
    foreach ($o in $State.objects) {
        if ($Class -and ($Class -notcontains $o.objectClass)) { continue }
        if ($Dc -and -not (Test-LabVisibleOn -State $State -On $o.onlyOn -Created $o.created -Dc $Dc)) { continue }
        if ($o.name -eq $id) { return $o }
    }
    return $null
}

function Get-LabGroupsOf {
    <# DNs of every group that contains $Dn, directly or through nested groups. #>
    param([hashtable]$State, [string]$Dn)
    $found = New-Object System.Collections.ArrayList
    $queue = New-Object System.Collections.Queue
    $queue.Enqueue($Dn)
    while ($queue.Count -gt 0) {
        $current = $queue.Dequeue()
        foreach ($o in $State.objects) {
            if ($o.objectClass -ne 'group') { continue }
            if ($o.members -contains $current -and -not $found.Contains($o.distinguishedName)) {
                [void]$found.Add($o.distinguishedName)
                $queue.Enqueue($o.distinguishedName)
            }
        }
    }
    return , $found.ToArray()
}

function Test-LabDomainAdmin {
    param([hashtable]$State, [string]$User)
    $account = Find-LabAdObject -State $State -Identity $User -Class 'user'
    if ($null -eq $account) { return $false }
    $groups = Get-LabGroupsOf -State $State -Dn $account.distinguishedName
    foreach ($g in $groups) {
        $group = Find-LabAdObject -State $State -Identity $g -Class 'group'
        if ($group.name -eq 'Domain Admins' -or $group.name -eq 'Enterprise Admins') { return $true }
    }
    return $false
}

function Get-LabHost {
    param([hashtable]$State, [string]$Name)
    $key = $Name.ToUpperInvariant()
    if (-not $State.hosts.ContainsKey($key)) { return $null }
    return $State.hosts[$key]
}

function Test-LabManagedPasswordAccess {
    <# Can computer $Computer retrieve the managed password of $Account right now? Only through what its current
       Kerberos ticket says: its own SID, or groups in ticketGroups (refreshed by klist purge -li 0x3e7 or a restart,
       not by adding it to a group). Returns @{ Allowed; Reason }. #>
    param([hashtable]$State, [hashtable]$Account, [string]$Computer)
    $computerObject = Find-LabAdObject -State $State -Identity $Computer -Class 'computer'
    $hostState = Get-LabHost -State $State -Name $Computer
    if ($null -eq $computerObject -or $null -eq $hostState) { return @{ Allowed = $false; Reason = 'NotDomainJoined' } }
    if ($Account.objectClass -eq 'msDS-ManagedServiceAccount') {
        if ($Account.hostComputers -contains $computerObject.distinguishedName) { return @{ Allowed = $true; Reason = 'Linked' } }
        if ($Account.hostComputers.Count -gt 0) { return @{ Allowed = $false; Reason = 'LinkedToAnotherComputer' } }
        return @{ Allowed = $false; Reason = 'NotLinked' }
    }
    $allowed = $Account.principalsAllowedToRetrieveManagedPassword
    if ($allowed -contains $computerObject.distinguishedName) { return @{ Allowed = $true; Reason = 'Direct' } }
    foreach ($g in $hostState.ticketGroups) {
        if ($allowed -contains $g) { return @{ Allowed = $true; Reason = 'Group' } }
    }
    $current = Get-LabGroupsOf -State $State -Dn $computerObject.distinguishedName
    foreach ($g in $current) {
        if ($allowed -contains $g) { return @{ Allowed = $false; Reason = 'TicketNotRefreshed' } }
    }
    return @{ Allowed = $false; Reason = 'NotAllowed' }
}

function Test-LabEncryptionTypesMatch {
    <# A gMSA whose KerberosEncryptionType shares nothing with what the computer supports can't be used there. #>
    param([hashtable]$State, [hashtable]$Account, [string]$Computer)
    $computerObject = Find-LabAdObject -State $State -Identity $Computer -Class 'computer'
    if ($null -eq $computerObject -or $computerObject.kerberosEncryptionType.Count -eq 0) { return $true }
    if ($Account.kerberosEncryptionType.Count -eq 0) { return $true }
    foreach ($t in $Account.kerberosEncryptionType) {
        if ($computerObject.kerberosEncryptionType -contains $t) { return $true }
    }
    return $false
}

function Get-LabUsableKdsRootKey {
    <# The KDS root key gMSA password derivation can use on DC $Dc now: one that has replicated there and whose
       EffectiveTime has passed (lab clock). Returns the key, or $null. #>
    param([hashtable]$State, [string]$Dc)
    $now = Get-LabNow -State $State -Utc
    foreach ($key in $State.kdsRootKeys) {
        if (-not (Test-LabVisibleOn -State $State -On $key.replicatedTo -Created $key.createdTime -Dc $Dc)) { continue }
        if ((ConvertFrom-LabDateText $key.effectiveTime -Utc) -le $now) { return $key }
    }
    return $null
}

# ---------------------------------------------------------------------------------------------- dates

function ConvertTo-LabDateText {
    <# The state file's form of a date: UTC, ISO 8601 with milliseconds and 'Z'. A Local or Unspecified DateTime is
       taken as local time (what [datetime] parameters bind, and what .NET's ToUniversalTime assumes). #>
    param([datetime]$Date)
    return $Date.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [System.Globalization.CultureInfo]::InvariantCulture)
}

function ConvertFrom-LabDateText {
    <# A stored date as the DateTime the real cmdlets return: Kind Local (the machine's zone), unless -Utc (for the
       lab's own arithmetic, which compares with Get-LabNow: DateTime comparison ignores Kind, so never mix them).
       Every family the lab models returns local DateTimes:
         - ActiveDirectory: whenCreated/Created/Modified, PasswordLastSet, LastLogonDate, AccountExpirationDate,
           (Get-ADRootDSE).currentTime... the module converts GeneralizedTime and FILETIME (pwdLastSet, stored UTC)
           into local time ("PasswordLastSet converts this LargeInteger into a date-time value in the current time
           zone"; Microsoft's "Working with date data types in Active Directory PowerShell", Ashley McGlone).
         - Kds: KdsRootKey EffectiveTime/CreationTime (msKds-UseStartTime/msKds-CreateTime FILETIMEs) show in local
           time in every published Get-KdsRootKey output (e.g. a key made with -EffectiveTime (Get-Date).AddHours(-10)
           shows EffectiveTime 10 hours before CreationTime, both on the admin's wall clock).
         - ScheduledTasks (CIM): LastRunTime/NextRunTime are CIM DATETIMEs, which the CIM cmdlets convert to local
           DateTimes; trigger StartBoundary/EndBoundary stay strings (ISO 8601 with the offset they were set with).
         - Get-Date and event TimeCreated: local. #>
    param([string]$Text, [switch]$Utc)
    $date = [datetime]::Parse($Text, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::RoundtripKind).ToUniversalTime()
    if ($Utc) { return $date }
    return $date.ToLocalTime()
}

# ---------------------------------------------------------------------------------------------- output

function Write-LabList {
    <# Writes a cmdlet's documented List<T> output the way the real cmdlet does: ONE object, the list (so
       @(Get-KdsRootKey).Count is 1 even with zero or two keys). When the session sets
       $env:MSA_LAB_LIST_OUTPUT = 'Items', the items are written one by one instead (what a script meets should a
       module version enumerate its list): the app's scripts are tested against both shapes. #>
    param($List)
    if ($env:MSA_LAB_LIST_OUTPUT -eq 'Items') {
        foreach ($item in $List) { $item }
        return
    }
    Write-Output -InputObject $List -NoEnumerate
}

Export-ModuleMember -Function Initialize-LabSession, Update-LabModulePath, Test-LabRsatInstalled, Get-LabContext, Write-LabCall, Get-LabNow,
    ConvertTo-LabHashtable, Get-LabState, Update-LabState, Update-LabStateConfirmed, New-LabError, Get-LabCmdletClass, Assert-LabAdWriteAccess,
    Assert-LabElevated, Get-LabDomainController, Test-LabVisibleOn, Find-LabAdObject, Get-LabGroupsOf, Test-LabDomainAdmin,
    Get-LabHost, Test-LabManagedPasswordAccess, Test-LabEncryptionTypesMatch, Get-LabUsableKdsRootKey, ConvertTo-LabDateText, ConvertFrom-LabDateText, Write-LabList
