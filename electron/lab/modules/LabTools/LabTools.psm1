# LabTools: stand-ins for the native tools the wizard runs (klist, whoami, gpupdate, w32tm; the services are
# LabServices') and the lab console commands
# (Set-LabClock, Get-LabClock, Sync-LabReplication, Restart-LabComputer).
#
# The tools are plain functions taking free arguments ($args), so `klist purge -li 0x3e7`, `& klist ...` and
# `Invoke-MsaNative -FilePath klist -ArgumentList purge,'-li','0x3e7'` all reach them. Like native programs they
# write their text (errors included) to the output stream and report through $global:LASTEXITCODE.
# NOTE: functions win over native programs only once this module is loaded; klist.exe, whoami.exe and gpupdate.exe
# exist on every Windows host (and whoami on Linux), so a lab session must import LabTools up front.
# The lab computer's files (Test-Path) and event logs (Get-WinEvent, wevtutil) are in HostFiles.ps1; its paths
# and ACLs in HostPaths.ps1 (shared with LabSecurity's Get-Acl and Set-Acl). Windows PowerShell 5.1 syntax only.
Import-Module LabCore

# ---------------------------------------------------------------------------------------------- shared helpers

function ConvertTo-LabToolArgs {
    <# Native-style arguments as text. Bare 0x3e7 reaches a function as the number 999: give it back its hex form. #>
    param([object[]]$Arguments)
    $out = New-Object System.Collections.ArrayList
    foreach ($a in $Arguments) {
        if ($a -is [int] -or $a -is [long]) { [void]$out.Add(('0x{0:x}' -f [long]$a)) }
        else { [void]$out.Add(([string]$a -replace '^(-\w+):$', '$1')) }
    }
    return , ([string[]]$out.ToArray())
}

function Get-LabToolsLogonId {
    <# The current user's logon session id as klist prints it (stable per user and elevation). #>
    $ctx = Get-LabContext
    $seed = 0x2a000
    foreach ($c in ([string]$ctx.User).ToCharArray()) { $seed = ($seed * 31 + [int]$c) % 0x7ffff }
    if ($ctx.Elevated) { $seed = $seed + 0x80000 }
    return ('0:0x{0:x}' -f ($seed + 0x10000))
}

function Update-LabComputerTicket {
    <# Inside Update-LabState: the computer's Kerberos ticket is re-issued by the DC in use, so it carries the groups
       its AD account is in now (as that DC sees them). #>
    param([hashtable]$State, [string]$Computer, [string]$Dc)
    $hostState = Get-LabHost -State $State -Name $Computer
    $account = Find-LabAdObject -State $State -Identity $Computer -Class 'computer' -Dc $Dc
    $groups = @()
    if ($null -ne $account) {
        foreach ($g in (Get-LabGroupsOf -State $State -Dn $account.distinguishedName)) {
            if ($null -ne (Find-LabAdObject -State $State -Identity $g -Class 'group' -Dc $Dc)) { $groups += $g }
        }
    }
    $hostState.ticketGroups = $groups
    $hostState.ticketIssued = ConvertTo-LabDateText (Get-LabNow)
}

function Format-LabToolTime {
    param([datetime]$Date)
    return $Date.ToString('M/d/yyyy H:mm:ss', [System.Globalization.CultureInfo]::InvariantCulture) + ' (local)'
}

# ---------------------------------------------------------------------------------------------- klist

function Get-KlistUsage {
    return @(
        '',
        'Usage: klist [-lh <LogonId.HighPart>] [-li <LogonId.LowPart>] [tickets | tgt | purge | sessions | kcd_cache | get | add_bind | query_bind | purge_bind]',
        '',
        '    -lh: LogonId.HighPart, -li: LogonId.LowPart (hexadecimal)',
        '    tickets: list the cached tickets (default)',
        '    tgt: display the initial Kerberos TGT',
        '    purge: delete all tickets of the logon session',
        '')
}

function klist {
    <# Lab stand-in for klist.exe: tickets, tgt and purge, for the current user or (-li 0x3e7) the computer. #>
    $argv = ConvertTo-LabToolArgs -Arguments $args
    $ctx = Get-LabContext
    $command = $null
    $luid = $null
    $i = 0
    while ($i -lt $argv.Count) {
        $a = $argv[$i]
        if ($a -eq '-li' -or $a -eq '-lh') {
            if ($i + 1 -ge $argv.Count) { $command = '?'; break }
            if ($a -eq '-li') { $luid = $argv[$i + 1].ToLowerInvariant() }
            $i += 2
            continue
        }
        if ($null -eq $command -and @('tickets', 'tgt', 'purge') -contains $a.ToLowerInvariant()) { $command = $a.ToLowerInvariant() }
        else { $command = '?' }
        $i++
    }
    if ($null -eq $command) { $command = 'tickets' }
    if ($command -eq '?') {
        Get-KlistUsage
        $global:LASTEXITCODE = 1
        return
    }
    $system = $false
    if ($null -ne $luid) {
        $value = $luid -replace '^0x', ''
        $number = 0
        if (-not [int]::TryParse($value, [System.Globalization.NumberStyles]::HexNumber, [System.Globalization.CultureInfo]::InvariantCulture, [ref]$number)) {
            Get-KlistUsage
            $global:LASTEXITCODE = 1
            return
        }
        $system = ($number -eq 0x3e7)
        $luid = '0x{0:x}' -f $number
    }

    ''
    'Current LogonId is ' + (Get-LabToolsLogonId)
    if ($null -ne $luid) { 'Targeted LogonId is 0:' + $luid }
    # Another logon session's tickets (the computer's: 0x3e7) need an elevated administrator (SeTcbPrivilege).
    if ($null -ne $luid -and -not $ctx.Elevated) {
        $api = 'ShowTickets'
        if ($command -eq 'purge') { "`tDeleting all tickets:"; $api = 'PurgeTicketEx' }
        'Error calling API LsaCallAuthenticationPackage (' + $api + ' substatus): 0x5'
        ''
        'klist failed with 0xc0000022/-1073741790: {Access Denied}'
        'A process has requested access to an object, but has not been granted those access rights.'
        ''
        $global:LASTEXITCODE = -1073741790
        return
    }
    if ($null -ne $luid -and -not $system) {
        'Error calling API LsaCallAuthenticationPackage (ShowTickets substatus): 1312'
        ''
        'klist failed with 0xc000005f/-1073741729: A specified logon session does not exist. It may already have been terminated.'
        ''
        $global:LASTEXITCODE = -1073741729
        return
    }

    if ($command -eq 'purge') {
        "`tDeleting all tickets:"
        if ($system) {
            $dc = $ctx.DomainController
            Update-LabState -Script {
                param($s)
                Update-LabComputerTicket -State $s -Computer $ctx.Computer -Dc $dc
            } | Out-Null
        }
        "`tTicket(s) purged!"
        $global:LASTEXITCODE = 0
        return
    }

    # tickets / tgt: the krbtgt ticket of the computer (0x3e7) or of the user.
    $state = Get-LabState
    $realm = $state.domain.dnsRoot.ToUpperInvariant()
    $dcHost = $ctx.DomainController
    foreach ($dc in $state.domainControllers) { if ($dc.name -eq $ctx.DomainController) { $dcHost = $dc.hostName } }
    if ($system) {
        $client = $ctx.Computer + '$'
        $principal = Find-LabAdObject -State $state -Identity $ctx.Computer -Class 'computer'
        $start = ConvertFrom-LabDateText (Get-LabHost -State $state -Name $ctx.Computer).ticketIssued
    } else {
        $client = [string]$ctx.User
        $principal = Find-LabAdObject -State $state -Identity $ctx.User -Class 'user'
        $start = (Get-LabNow).AddHours(-1)
    }
    $etype = 'AES-256-CTS-HMAC-SHA1-96'
    if ($null -ne $principal -and $principal.kerberosEncryptionType.Count -gt 0 -and -not ($principal.kerberosEncryptionType -contains 'AES256')) {
        $etype = 'RSADSI RC4-HMAC(NT)'
    }
    $lines = @(
        "`tClient: $client @ $realm",
        "`tServer: krbtgt/$realm @ $realm",
        "`tKerbTicket Encryption Type: $etype",
        "`tTicket Flags 0x40e10000 -> forwardable renewable initial pre_authent name_canonicalize",
        ("`tStart Time: " + (Format-LabToolTime $start)),
        ("`tEnd Time:   " + (Format-LabToolTime $start.AddHours(10))),
        ("`tRenew Time: " + (Format-LabToolTime $start.AddDays(7))),
        "`tSession Key Type: $etype",
        "`tCache Flags: 0x1 -> PRIMARY",
        "`tKdc Called: $dcHost")
    if ($command -eq 'tgt') {
        ''
        'Cached TGT:'
        ''
        ("ServiceName        : krbtgt")
        ("TargetName (SPN)   : krbtgt")
        ("ClientName         : $client")
        ("DomainName         : $realm")
        ("TargetDomainName   : $realm")
        ("Session Key        : KeyType 0x12 - $etype")
        ("StartTime          : " + (Format-LabToolTime $start))
        ("EndTime            : " + (Format-LabToolTime $start.AddHours(10)))
        ("RenewUntil         : " + (Format-LabToolTime $start.AddDays(7)))
    } else {
        ''
        'Cached Tickets: (1)'
        ''
        ('#0>' + $lines[0])
        $lines[1..($lines.Count - 1)]
        ''
    }
    $global:LASTEXITCODE = 0
}

# ---------------------------------------------------------------------------------------------- whoami

$script:WellKnownDefault = 'Mandatory group, Enabled by default, Enabled group'
$script:PrivilegedGroupNames = @('Domain Admins', 'Enterprise Admins', 'Schema Admins', 'Administrators')

function Get-WhoamiGroupRows {
    param([hashtable]$State, [hashtable]$User, [bool]$Elevated, [bool]$Admin)
    $rows = New-Object System.Collections.ArrayList
    $add = { param($name, $type, $sid, $attributes) [void]$rows.Add(@($name, $type, $sid, $attributes)) }
    & $add 'Everyone' 'Well-known group' 'S-1-1-0' $script:WellKnownDefault
    if ($Admin) {
        if ($Elevated) { & $add 'BUILTIN\Administrators' 'Alias' 'S-1-5-32-544' ($script:WellKnownDefault + ', Group owner') }
        else { & $add 'BUILTIN\Administrators' 'Alias' 'S-1-5-32-544' 'Group used for deny only' }
    }
    & $add 'BUILTIN\Users' 'Alias' 'S-1-5-32-545' $script:WellKnownDefault
    & $add 'NT AUTHORITY\INTERACTIVE' 'Well-known group' 'S-1-5-4' $script:WellKnownDefault
    & $add 'CONSOLE LOGON' 'Well-known group' 'S-1-2-1' $script:WellKnownDefault
    & $add 'NT AUTHORITY\Authenticated Users' 'Well-known group' 'S-1-5-11' $script:WellKnownDefault
    & $add 'NT AUTHORITY\This Organization' 'Well-known group' 'S-1-5-15' $script:WellKnownDefault
    & $add 'LOCAL' 'Well-known group' 'S-1-2-0' $script:WellKnownDefault
    if ($null -ne $User) {
        foreach ($dn in (Get-LabGroupsOf -State $State -Dn $User.distinguishedName)) {
            $group = Find-LabAdObject -State $State -Identity $dn -Class 'group'
            if ($null -eq $group) { continue }
            $type = 'Group'
            if ($group.groupScope -eq 'DomainLocal') { $type = 'Alias' }
            $attributes = $script:WellKnownDefault
            if (-not $Elevated -and $script:PrivilegedGroupNames -contains $group.name) { $attributes = 'Group used for deny only' }
            & $add ($State.domain.netBIOSName + '\' + $group.name) $type $group.objectSid $attributes
        }
    }
    & $add 'Authentication authority asserted identity' 'Well-known group' 'S-1-18-1' $script:WellKnownDefault
    if ($Elevated) { & $add 'Mandatory Label\High Mandatory Level' 'Label' 'S-1-16-12288' '' }
    else { & $add 'Mandatory Label\Medium Mandatory Level' 'Label' 'S-1-16-8192' '' }
    return , $rows.ToArray()
}

function Format-WhoamiBlock {
    <# One whoami section in TABLE, CSV or LIST form. #>
    param([string]$Title, [string[]]$Header, [object[]]$Rows, [string]$Format, [bool]$NoHeader)
    $out = New-Object System.Collections.ArrayList
    if ($Format -eq 'CSV') {
        if (-not $NoHeader) { [void]$out.Add((($Header | ForEach-Object { '"' + $_ + '"' }) -join ',')) }
        foreach ($r in $Rows) { [void]$out.Add((($r | ForEach-Object { '"' + ([string]$_).Replace('"', '""') + '"' }) -join ',')) }
        return $out.ToArray()
    }
    [void]$out.Add('')
    [void]$out.Add($Title)
    [void]$out.Add(('-' * $Title.Length))
    [void]$out.Add('')
    if ($Format -eq 'LIST') {
        foreach ($r in $Rows) {
            for ($c = 0; $c -lt $Header.Count; $c++) { [void]$out.Add(($Header[$c] + ':').PadRight(12) + ' ' + [string]$r[$c]) }
            [void]$out.Add('')
        }
        return $out.ToArray()
    }
    $widths = @()
    for ($c = 0; $c -lt $Header.Count; $c++) {
        $w = $Header[$c].Length
        foreach ($r in $Rows) { if (([string]$r[$c]).Length -gt $w) { $w = ([string]$r[$c]).Length } }
        $widths += $w
    }
    if (-not $NoHeader) {
        $cells = @(); $rules = @()
        for ($c = 0; $c -lt $Header.Count; $c++) { $cells += $Header[$c].PadRight($widths[$c]); $rules += ('=' * $widths[$c]) }
        [void]$out.Add((($cells -join ' ').TrimEnd()))
        [void]$out.Add(($rules -join ' '))
    }
    foreach ($r in $Rows) {
        $cells = @()
        for ($c = 0; $c -lt $Header.Count; $c++) { $cells += ([string]$r[$c]).PadRight($widths[$c]) }
        [void]$out.Add((($cells -join ' ').TrimEnd()))
    }
    return $out.ToArray()
}

function whoami {
    <# Lab stand-in for whoami.exe: the name, /user, /groups (a UAC-filtered token when not elevated), /upn, /fqdn,
       with /fo table|list|csv and /nh. #>
    $argv = ConvertTo-LabToolArgs -Arguments $args
    $ctx = Get-LabContext
    $state = Get-LabState
    $user = Find-LabAdObject -State $state -Identity $ctx.User -Class 'user'
    $sam = [string]$ctx.User
    if ($null -ne $user -and $user.samAccountName) { $sam = $user.samAccountName }
    $name = ($state.domain.netBIOSName + '\' + $sam).ToLowerInvariant()
    $show = New-Object System.Collections.ArrayList
    $format = 'TABLE'
    $noHeader = $false
    $i = 0
    while ($i -lt $argv.Count) {
        $a = $argv[$i].ToLowerInvariant() -replace '^-', '/'
        switch ($a) {
            '/user' { [void]$show.Add('user') }
            '/groups' { [void]$show.Add('groups') }
            '/upn' { [void]$show.Add('upn') }
            '/fqdn' { [void]$show.Add('fqdn') }
            '/all' { [void]$show.Add('user'); [void]$show.Add('groups') }
            '/nh' { $noHeader = $true }
            '/fo' {
                $i++
                $value = $null
                if ($i -lt $argv.Count) { $value = $argv[$i].ToUpperInvariant() }
                if (@('TABLE', 'LIST', 'CSV') -notcontains $value) {
                    "ERROR: Invalid value '$value' for '/FO' option."
                    'Type "WHOAMI /?" for usage.'
                    $global:LASTEXITCODE = 1
                    return
                }
                $format = $value
            }
            default {
                "ERROR: Invalid argument/option - '" + $argv[$i] + "'."
                'Type "WHOAMI /?" for usage.'
                $global:LASTEXITCODE = 1
                return
            }
        }
        $i++
    }
    if ($noHeader -and $format -eq 'LIST') {
        'ERROR: /NH switch is allowed only for "TABLE" and "CSV" formats.'
        'Type "WHOAMI /?" for usage.'
        $global:LASTEXITCODE = 1
        return
    }
    if ($show.Count -eq 0) { $name; $global:LASTEXITCODE = 0; return }
    $first = $true
    foreach ($item in $show) {
        if (-not $first -and $format -eq 'CSV') { '' }
        $first = $false
        switch ($item) {
            'user' {
                $sid = $null
                if ($null -ne $user) { $sid = $user.objectSid }
                Format-WhoamiBlock -Title 'USER INFORMATION' -Header @('User Name', 'SID') -Rows @(, @($name, $sid)) -Format $format -NoHeader $noHeader
            }
            'groups' {
                $admin = Test-LabDomainAdmin -State $state -User $ctx.User
                $rows = Get-WhoamiGroupRows -State $state -User $user -Elevated ([bool]$ctx.Elevated) -Admin $admin
                Format-WhoamiBlock -Title 'GROUP INFORMATION' -Header @('Group Name', 'Type', 'SID', 'Attributes') -Rows $rows -Format $format -NoHeader $noHeader
            }
            'upn' { $sam.ToLowerInvariant() + '@' + $state.domain.dnsRoot }
            'fqdn' { if ($null -ne $user) { $user.distinguishedName } }
        }
    }
    $global:LASTEXITCODE = 0
}

# ---------------------------------------------------------------------------------------------- gpupdate

function gpupdate {
    <# Lab stand-in for gpupdate.exe. /force re-applies every GPO, and the Security Settings extension then writes
       the user rights the domain GPOs define, replacing local grants. Without /force only changed GPOs are
       processed; the lab's GPOs never change, so user rights stay as they are (as on Windows within 16 hours). #>
    $argv = ConvertTo-LabToolArgs -Arguments $args
    $ctx = Get-LabContext
    $force = $false
    $target = 'both'
    foreach ($raw in $argv) {
        $a = $raw.ToLowerInvariant()
        if ($a -eq '/force') { $force = $true }
        elseif ($a -eq '/target:computer') { $target = 'computer' }
        elseif ($a -eq '/target:user') { $target = 'user' }
        elseif ($a -like '/wait:*' -or $a -eq '/sync' -or $a -eq '/boot' -or $a -eq '/logoff') { }
        else {
            'Invalid Syntax.'
            ''
            'Type GPUPDATE /? for Usage.'
            $global:LASTEXITCODE = 1
            return
        }
    }
    'Updating policy...'
    ''
    if ($target -ne 'user') {
        if ($force) {
            Update-LabState -Script {
                param($s)
                $hostState = Get-LabHost -State $s -Name $ctx.Computer
                foreach ($right in @($hostState.gpoRights.Keys)) {
                    $hostState.userRights[$right] = @($hostState.gpoRights[$right].accounts)
                }
            } | Out-Null
        }
        'Computer Policy update has completed successfully.'
    }
    if ($target -ne 'computer') { 'User Policy update has completed successfully.' }
    ''
    $global:LASTEXITCODE = 0
}

# ---------------------------------------------------------------------------------------------- lab console

function Get-LabClock {
    <# Lab time (UTC) and how far it is from real time. #>
    [CmdletBinding()]
    param()
    $state = Get-LabState
    $offset = [timespan]::FromSeconds([double]$state.clockOffsetSeconds)
    return [pscustomobject]@{
        PSTypeName    = 'MsaWizard.Lab.Clock'
        Now           = [datetime]::UtcNow.Add($offset)
        RealNow       = [datetime]::UtcNow
        Offset        = $offset
        OffsetSeconds = [double]$state.clockOffsetSeconds
    }
}

function Set-LabClock {
    <# Moves lab time: -Advance adds to the current offset (wait 10 hours in no time), -Offset sets it. #>
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Advance')]
    param(
        [Parameter(ParameterSetName = 'Advance', Mandatory = $true, Position = 0)][timespan]$Advance,
        [Parameter(ParameterSetName = 'Offset', Mandatory = $true)][timespan]$Offset
    )
    if ($PSCmdlet.ParameterSetName -eq 'Advance') { $what = "Advance the lab clock by $Advance" }
    else { $what = "Set the lab clock offset to $Offset" }
    if (-not $PSCmdlet.ShouldProcess('lab clock', $what)) { return }
    $set = $PSCmdlet.ParameterSetName
    Update-LabState -Script {
        param($s)
        if ($set -eq 'Advance') { $s.clockOffsetSeconds = [double]$s.clockOffsetSeconds + $Advance.TotalSeconds }
        else { $s.clockOffsetSeconds = $Offset.TotalSeconds }
    } | Out-Null
    return Get-LabClock
}

function Sync-LabReplication {
    <# Like repadmin /syncall: every object and KDS root key reaches every reachable domain controller now. #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param()
    if (-not $PSCmdlet.ShouldProcess('all domain controllers', 'Replicate every object and KDS root key')) { return }
    $result = Update-LabState -Script {
        param($s)
        $all = @($s.domainControllers | ForEach-Object { $_.name })
        $reachable = @($s.domainControllers | Where-Object { $_.reachable } | ForEach-Object { $_.name })
        $keys = 0; $objects = 0
        foreach ($key in $s.kdsRootKeys) {
            $to = @($key.replicatedTo) + @($reachable | Where-Object { @($key.replicatedTo) -notcontains $_ })
            if ($to.Count -ne @($key.replicatedTo).Count) { $keys++ }
            $key.replicatedTo = @($to)
        }
        foreach ($o in $s.objects) {
            if ($null -eq $o.onlyOn -or $o.onlyOn.Count -eq 0) { continue }
            $to = @($o.onlyOn) + @($reachable | Where-Object { @($o.onlyOn) -notcontains $_ })
            $missing = @($all | Where-Object { $to -notcontains $_ })
            if ($missing.Count -eq 0) { $o.onlyOn = @() } else { $o.onlyOn = @($to) }
            $objects++
        }
        [pscustomobject]@{
            PSTypeName            = 'MsaWizard.Lab.ReplicationResult'
            DomainControllers     = $reachable
            KdsRootKeysReplicated = $keys
            ObjectsReplicated     = $objects
        }
    }
    return $result
}

function Restart-LabComputer {
    <# A simulated restart: the computer gets a fresh Kerberos ticket (with its current groups, as klist purge -li
       0x3e7 would) and running scheduled tasks stop. #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string]$ComputerName)
    $ctx = Get-LabContext
    $name = $ctx.Computer
    if ($ComputerName) { $name = ($ComputerName -split '\.')[0].ToUpperInvariant() }
    $state = Get-LabState
    if ($null -eq (Get-LabHost -State $state -Name $name)) {
        throw (New-LabError -ExceptionType 'System.InvalidOperationException' `
                -Message "Failed to restart the computer $name with the following error message: The RPC server is unavailable." `
                -ErrorId 'RestartcomputerFailed,Restart-LabComputer' -Category 'OperationStopped' -Target $name)
    }
    if (-not $PSCmdlet.ShouldProcess($name, 'Restart the computer')) { return }
    $dc = $ctx.DomainController
    Update-LabState -Script {
        param($s)
        Update-LabComputerTicket -State $s -Computer $name -Dc $dc
        foreach ($task in (Get-LabHost -State $s -Name $name).tasks) {
            if ($task.state -eq 'Running') { $task.state = 'Ready' }
        }
    } | Out-Null
}

function w32tm {
    <# The time service tool, for `w32tm /stripchart /computer:<DC> /samples:1 /dataonly`: one sample of the offset
       between this lab computer's clock and the DC's (hosts.<computer>.clockSkewSeconds), in w32tm's own format.
       Other uses print the usage text and exit 87 (ERROR_INVALID_PARAMETER), as the real tool does. #>
    $argv = ConvertTo-LabToolArgs -Arguments $args
    $global:LASTEXITCODE = 0
    $target = $null
    $isStripchart = $false
    foreach ($a in $argv) {
        if ($a -ieq '/stripchart') { $isStripchart = $true }
        elseif ($a -like '/computer:*') { $target = $a.Substring(10) }
    }
    if (-not $isStripchart -or -not $target) {
        'w32tm [/? | /register | /unregister ]'
        '  /stripchart /computer:<target> [/period:<refresh>] [/dataonly] [/samples:<count>]'
        $global:LASTEXITCODE = 87
        return
    }
    $state = Get-LabState
    $name = ($target -split '\.')[0].ToUpperInvariant()
    $dc = $null
    foreach ($d in $state.domainControllers) { if ($d.name -eq $name) { $dc = $d } }
    $now = (Get-LabNow -State $state).ToLocalTime()
    "Tracking $target [$(if ($dc) { $dc.ipv4Address } else { '0.0.0.0' }):123]."
    'Collecting 1 samples.'
    'The current time is ' + $now.ToString('M/d/yyyy h:mm:ss tt', [System.Globalization.CultureInfo]::InvariantCulture) + '.'
    if ($null -eq $dc -or -not $dc.reachable) {
        $now.ToString('HH:mm:ss', [System.Globalization.CultureInfo]::InvariantCulture) + ', error: 0x800705B4'
        return
    }
    $hostState = Get-LabHost -State $state -Name (Get-LabContext).Computer
    # The DC's time minus ours: a host whose clock runs ahead sees a negative offset.
    $offset = -[double]$hostState.clockSkewSeconds
    $now.ToString('HH:mm:ss', [System.Globalization.CultureInfo]::InvariantCulture) + ', ' +
        $offset.ToString('+00.0000000;-00.0000000', [System.Globalization.CultureInfo]::InvariantCulture) + 's'
}

. (Join-Path $PSScriptRoot 'HostPaths.ps1')
. (Join-Path $PSScriptRoot 'HostFiles.ps1')

Export-ModuleMember -Function klist, whoami, gpupdate, w32tm, Get-LabClock, Set-LabClock, Sync-LabReplication, Restart-LabComputer,
    Test-Path, Get-WinEvent, wevtutil
