# Get-Service, New-Service, Set-Service, Start-Service, Stop-Service, Restart-Service (Windows PowerShell 5.1's
# Microsoft.PowerShell.Management semantics) on the lab computer's SCM (Private/Scm.ps1). 5.1 has no
# Set-Service -Credential and no Remove-Service: a service's account changes through CIM (Win32_Service.Change).
# Errors are thrown with the real FullyQualifiedErrorId (the real cmdlets write them non-terminating; under
# -ErrorAction Stop both stop). Windows PowerShell 5.1 syntax only.

$script:ServiceCommandException = 'Microsoft.PowerShell.Commands.ServiceCommandException'
if (-not ($script:ServiceCommandException -as [type])) { $script:ServiceCommandException = 'System.InvalidOperationException' }

function ConvertTo-LabServiceController {
    <# A ServiceController look-alike (the properties Get-Service shows and scripts read). #>
    param([hashtable]$HostState, [hashtable]$Service)
    $type = [System.ServiceProcess.ServiceType]::Win32OwnProcess
    if ($Service.serviceType -eq 'Win32ShareProcess') { $type = [System.ServiceProcess.ServiceType]::Win32ShareProcess }
    $dependents = @(Get-ScmDependents -HostState $HostState -Name ([string]$Service.name) | ForEach-Object { [string]$_.name })
    $running = ($Service.state -eq 'Running')
    $o = [pscustomobject][ordered]@{
        Name                = [string]$Service.name
        DisplayName         = [string]$Service.displayName
        Status              = [System.ServiceProcess.ServiceControllerStatus]([string]$Service.state)
        StartType           = [System.ServiceProcess.ServiceStartMode]([string]$Service.startType)
        ServiceName         = [string]$Service.name
        ServiceType         = $type
        MachineName         = '.'
        CanStop             = $running
        CanPauseAndContinue = $false
        CanShutdown         = $false
        DependentServices   = [string[]]$dependents
        ServicesDependedOn  = [string[]]@(foreach ($d in (Get-StItems $Service.dependsOn)) { [string]$d })
    }
    Add-Member -InputObject $o -MemberType AliasProperty -Name RequiredServices -Value ServicesDependedOn
    $o.PSObject.TypeNames.Insert(0, 'System.ComponentModel.Component')
    $o.PSObject.TypeNames.Insert(0, 'System.ServiceProcess.ServiceController')
    return $o
}

function Get-LabServiceLabel {
    param([hashtable]$Service)
    return ([string]$Service.displayName + ' (' + [string]$Service.name + ')')
}

function New-LabServiceError {
    <# A ServiceCommandException as the service cmdlets write it, with the SCM's error inside. #>
    param([string]$Message, [string]$ErrorId, [string]$Command, [string]$Category, $Target, [System.Exception]$Inner)
    if ($null -ne $Inner) { $exception = New-Object $script:ServiceCommandException $Message, $Inner }
    else { $exception = New-Object $script:ServiceCommandException $Message }
    return New-Object System.Management.Automation.ErrorRecord $exception, ($ErrorId + ',Microsoft.PowerShell.Commands.' + $Command), $Category, $Target
}

function Resolve-LabServices {
    <# The services a cmdlet works on: -Name / -DisplayName (wildcards; -Include / -Exclude) or -InputObject.
       An exact name that matches nothing is the real NoServiceFoundForGivenName error, written as PowerShell's
       ServiceBaseCommand writes it: non-terminating (WriteNonTerminatingError), the other names still served, so
       -ErrorAction SilentlyContinue silences it. #>
    param($Bound, [hashtable]$HostState, [string]$Command, $Cmdlet)
    $all = Get-ScmServices -HostState $HostState
    $found = New-Object System.Collections.ArrayList
    if ($Bound.ContainsKey('InputObject')) {
        foreach ($io in @($Bound['InputObject'])) {
            $s = $null
            foreach ($x in $all) { if ([string]$x.name -eq [string]$io.ServiceName) { $s = $x } }
            if ($null -eq $s) {
                $Cmdlet.WriteError((New-LabServiceError -Message ("Cannot find any service with service name '" + $io.ServiceName + "'.") -ErrorId 'NoServiceFoundForGivenName' -Command $Command -Category 'ObjectNotFound' -Target $io.ServiceName))
                continue
            }
            [void]$found.Add($s)
        }
    } else {
        $byDisplay = $Bound.ContainsKey('DisplayName')
        $patterns = @('*')
        if ($byDisplay) { $patterns = @($Bound['DisplayName']) } elseif ($Bound.ContainsKey('Name') -and $null -ne $Bound['Name']) { $patterns = @($Bound['Name']) }
        foreach ($p in $patterns) {
            $hit = $false
            foreach ($s in $all) {
                $value = [string]$s.name
                if ($byDisplay) { $value = [string]$s.displayName }
                if ($value -like [string]$p) { $hit = $true; if (-not $found.Contains($s)) { [void]$found.Add($s) } }
            }
            if (-not $hit -and -not [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters([string]$p)) {
                if ($byDisplay) {
                    $Cmdlet.WriteError((New-LabServiceError -Message ("Cannot find any service with display name '" + $p + "'.") -ErrorId 'NoServiceFoundForGivenDisplayName' -Command $Command -Category 'ObjectNotFound' -Target $p))
                } else {
                    $Cmdlet.WriteError((New-LabServiceError -Message ("Cannot find any service with service name '" + $p + "'.") -ErrorId 'NoServiceFoundForGivenName' -Command $Command -Category 'ObjectNotFound' -Target $p))
                }
            }
        }
    }
    $out = New-Object System.Collections.ArrayList
    foreach ($s in $found) {
        if ($Bound.ContainsKey('Include') -and @($Bound['Include'] | Where-Object { [string]$s.name -like $_ }).Count -eq 0) { continue }
        if ($Bound.ContainsKey('Exclude') -and @($Bound['Exclude'] | Where-Object { [string]$s.name -like $_ }).Count -gt 0) { continue }
        [void]$out.Add([string]$s.name)
    }
    return , $out
}

function Assert-LabServiceRemoteUnsupported {
    param($Bound)
    if ($Bound.ContainsKey('ComputerName') -and @($Bound['ComputerName'] | Where-Object { $_ -ne '.' -and $_ -ne 'localhost' -and $_ -ne (Get-LabContext).Computer }).Count -gt 0) {
        throw (New-LabError -ExceptionType 'System.NotSupportedException' -Message "The lab's service cmdlets work on the lab session's own computer; use Invoke-Command to reach another host." `
                -ErrorId 'RemoteNotSupported,Microsoft.PowerShell.Commands.GetServiceCommand' -Category 'NotImplemented' -Target ($Bound['ComputerName'] -join ','))
    }
}

function LabImpl-Get-Service {
    param($Cmdlet, $Bound)
    Assert-LabServiceRemoteUnsupported -Bound $Bound
    $hostState = Get-LabHost -State (Get-LabState) -Name (Get-LabContext).Computer
    foreach ($name in (Resolve-LabServices -Bound $Bound -HostState $hostState -Command 'GetServiceCommand' -Cmdlet $Cmdlet)) {
        $s = $null
        foreach ($x in (Get-ScmServices -HostState $hostState)) { if ($x.name -eq $name) { $s = $x } }
        if ($Bound['DependentServices']) {
            foreach ($d in (Get-ScmDependents -HostState $hostState -Name $name)) { ConvertTo-LabServiceController -HostState $hostState -Service $d }
        } elseif ($Bound['RequiredServices']) {
            foreach ($r in (Get-StItems $s.dependsOn)) {
                foreach ($x in (Get-ScmServices -HostState $hostState)) { if ($x.name -eq [string]$r) { ConvertTo-LabServiceController -HostState $hostState -Service $x } }
            }
        } else {
            ConvertTo-LabServiceController -HostState $hostState -Service $s
        }
    }
}

function LabImpl-New-Service {
    param($Cmdlet, $Bound)
    $ctx = Get-LabContext
    $name = [string]$Bound['Name']
    if ($Bound.ContainsKey('Credential')) {
        # A PSCredential carries a password: the wizard never passes one, and the lab holds none.
        throw (New-LabError -ExceptionType 'System.NotSupportedException' -Message "The lab's New-Service takes no -Credential: set the account with Win32_Service.Change (managed accounts need no password)." `
                -ErrorId 'CredentialNotSupported,Microsoft.PowerShell.Commands.NewServiceCommand' -Category 'NotImplemented' -Target $name)
    }
    if (-not $Cmdlet.ShouldProcess((Get-LabServiceLabel @{ name = $name; displayName = $(if ($Bound['DisplayName']) { $Bound['DisplayName'] } else { $name }) }), 'New-Service')) { return }
    $hostState = Update-LabState -Script {
        param($s)
        $h = Get-LabHost -State $s -Name $ctx.Computer
        if (-not $ctx.Elevated) {
            $inner = New-Object System.ComponentModel.Win32Exception 5, 'Access is denied.'
            throw (New-LabServiceError -Message ("Service '" + $name + "' cannot be created due to the following error: Access is denied") -ErrorId 'CouldNotNewService' -Command 'NewServiceCommand' -Category 'PermissionDenied' -Target $name -Inner $inner)
        }
        foreach ($x in (Get-ScmServices -HostState $h)) {
            if ($x.name -eq $name) {
                $inner = New-Object System.ComponentModel.Win32Exception 1073, 'The specified service already exists.'
                throw (New-LabServiceError -Message ("Service '" + $name + "' cannot be created due to the following error: The specified service already exists") -ErrorId 'CouldNotNewService' -Command 'NewServiceCommand' -Category 'PermissionDenied' -Target $name -Inner $inner)
            }
        }
        $display = $name
        if ($Bound['DisplayName']) { $display = [string]$Bound['DisplayName'] }
        $start = 'Automatic'
        if ($Bound.ContainsKey('StartupType')) { $start = [string]$Bound['StartupType'] }
        $record = @{
            name = $name; displayName = $display; binaryPath = [string]$Bound['BinaryPathName']; startType = $start; state = 'Stopped'
            account = 'LocalSystem'; description = $null; dependsOn = @(foreach ($d in (Get-StItems $Bound['DependsOn'])) { [string]$d })
            serviceType = 'Win32OwnProcess'; processId = 0; exitCode = 1077; passwordFor = $null; deletePending = $false
        }
        if ($Bound['Description']) { $record.description = [string]$Bound['Description'] }
        $list = New-Object System.Collections.ArrayList
        foreach ($r in (Get-StItems $h.services)) { [void]$list.Add($r) }
        [void]$list.Add($record)
        $h.services = $list
        , $h
    }
    foreach ($x in (Get-ScmServices -HostState $hostState)) { if ($x.name -eq $name) { ConvertTo-LabServiceController -HostState $hostState -Service $x } }
}

function LabImpl-Set-Service {
    param($Cmdlet, $Bound)
    Assert-LabServiceRemoteUnsupported -Bound $Bound
    $ctx = Get-LabContext
    $name = [string]$Bound['Name']
    if ($Bound.ContainsKey('InputObject')) { $name = [string]$Bound['InputObject'].ServiceName }
    $hostState0 = Get-LabHost -State (Get-LabState) -Name $ctx.Computer
    $known = $null
    foreach ($x in (Get-ScmServices -HostState $hostState0)) { if ($x.name -eq $name) { $known = $x } }
    if ($null -eq $known) {
        throw (New-LabServiceError -Message ("Service '" + $name + "' was not found on computer '.'.") -ErrorId 'InvalidOperationException' -Command 'SetServiceCommand' -Category 'ObjectNotFound' -Target $name)
    }
    if (-not $Cmdlet.ShouldProcess((Get-LabServiceLabel $known), 'Set-Service')) { return }
    $hostState = Update-LabState -Script {
        param($s)
        $h = Get-LabHost -State $s -Name $ctx.Computer
        $svc = Find-ScmService -HostState $h -Name $name
        if (-not $ctx.Elevated) {
            throw (New-LabServiceError -Message ("Service '" + (Get-LabServiceLabel $svc) + "' cannot be configured due to the following error: Access is denied") -ErrorId 'CouldNotSetService' -Command 'SetServiceCommand' -Category 'PermissionDenied' -Target $name)
        }
        if ($Bound.ContainsKey('DisplayName')) { $svc.displayName = [string]$Bound['DisplayName'] }
        if ($Bound.ContainsKey('Description')) { $svc.description = [string]$Bound['Description'] }
        if ($Bound.ContainsKey('StartupType')) { $svc.startType = [string]$Bound['StartupType'] }
        if ($Bound.ContainsKey('Status')) {
            $wanted = [string]$Bound['Status']
            if ($wanted -eq 'Running' -and $svc.state -ne 'Running') {
                $code = Start-ScmService -State $s -HostState $h -Computer $ctx.Computer -Service $svc
                if ($code -ne 0 -and $code -ne 1056) { return @{ Failed = $code; Host = $h } }
            } elseif ($wanted -eq 'Stopped' -and $svc.state -eq 'Running') {
                if ((Get-ScmRunningDependents -HostState $h -Service $svc).Count -gt 0) {
                    throw (New-LabServiceError -Message ("Cannot stop service '" + (Get-LabServiceLabel $svc) + "' because it is dependent on other services.") -ErrorId 'ServiceHasDependentServicesNoForce' -Command 'SetServiceCommand' -Category 'InvalidOperation' -Target $name)
                }
                Stop-ScmService -HostState $h -Service $svc
            }
        }
        , $h
    }
    if ($hostState -is [hashtable] -and $hostState.ContainsKey('Failed')) {
        # The state (events, exit code) is saved; the start failed.
        $inner = New-Object System.ComponentModel.Win32Exception $hostState.Failed, (Get-ScmWin32Message $hostState.Failed)
        throw (New-LabServiceError -Message ("Service '" + (Get-LabServiceLabel $known) + "' cannot be configured due to the following error: " + $inner.Message) -ErrorId 'CouldNotSetService' -Command 'SetServiceCommand' -Category 'PermissionDenied' -Target $name -Inner $inner)
    }
    if ($Bound['PassThru']) {
        foreach ($x in (Get-ScmServices -HostState $hostState)) { if ($x.name -eq $name) { ConvertTo-LabServiceController -HostState $hostState -Service $x } }
    }
}

function Invoke-LabServiceControl {
    <# Start / Stop / Restart on the resolved services, one state update each; a failed start keeps its events. #>
    param($Cmdlet, $Bound, [string]$Action, [string]$Command)
    $ctx = Get-LabContext
    $hostState0 = Get-LabHost -State (Get-LabState) -Name $ctx.Computer
    foreach ($name in (Resolve-LabServices -Bound $Bound -HostState $hostState0 -Command $Command -Cmdlet $Cmdlet)) {
        $label = $null
        foreach ($x in (Get-ScmServices -HostState $hostState0)) { if ($x.name -eq $name) { $label = Get-LabServiceLabel $x } }
        if (-not $Cmdlet.ShouldProcess($label, $Action + '-Service')) { continue }
        $result = Update-LabState -Script {
            param($s)
            $h = Get-LabHost -State $s -Name $ctx.Computer
            $svc = Find-ScmService -HostState $h -Name $name
            if (-not $ctx.Elevated) { return @{ Code = 5; Host = $h; Phase = $Action } }
            $restart = New-Object System.Collections.ArrayList
            if ($Action -ne 'Start' -and $svc.state -eq 'Running') {
                $dependents = Get-ScmRunningDependents -HostState $h -Service $svc
                if ($dependents.Count -gt 0 -and -not $Bound['Force']) { return @{ Code = -1; Host = $h; Phase = 'Stop' } }
                foreach ($d in $dependents) {
                    $dep = Find-ScmService -HostState $h -Name ([string]$d.name)
                    Stop-ScmService -HostState $h -Service $dep
                    [void]$restart.Insert(0, [string]$d.name)
                }
                Stop-ScmService -HostState $h -Service $svc
            }
            if ($Action -ne 'Stop') {
                $code = Start-ScmService -State $s -HostState $h -Computer $ctx.Computer -Service $svc
                if ($code -ne 0 -and $code -ne 1056) { return @{ Code = $code; Host = $h; Phase = 'Start' } }
                # Restart-Service starts again the dependents it stopped.
                foreach ($n in $restart) {
                    $dep = Find-ScmService -HostState $h -Name $n
                    [void](Start-ScmService -State $s -HostState $h -Computer $ctx.Computer -Service $dep)
                }
            }
            @{ Code = 0; Host = $h; Phase = $Action }
        }
        if ($result.Code -eq -1) {
            throw (New-LabServiceError -Message ("Cannot stop service '" + $label + "' because it has dependent services. It can only be stopped if the Force flag is set.") `
                    -ErrorId 'ServiceHasDependentServices' -Command $Command -Category 'InvalidOperation' -Target $name)
        }
        if ($result.Code -ne 0) {
            $inner = New-Object System.ComponentModel.Win32Exception ([int]$result.Code), (Get-ScmWin32Message ([int]$result.Code))
            if ($result.Code -eq 5) { $inner = New-Object System.ComponentModel.Win32Exception 5, 'Access is denied' }
            if ($result.Phase -eq 'Stop') {
                $io = New-Object System.InvalidOperationException ("Cannot open " + $name + " service on computer '.'."), $inner
                throw (New-LabServiceError -Message ("Service '" + $label + "' cannot be stopped due to the following error: Cannot open " + $name + " service on computer '.'.") -ErrorId 'CouldNotStopService' -Command $Command -Category 'CloseError' -Target $name -Inner $io)
            }
            $io = New-Object System.InvalidOperationException ("Cannot start service " + $name + " on computer '.'."), $inner
            if ($result.Code -eq 5) { $io = New-Object System.InvalidOperationException ("Cannot open " + $name + " service on computer '.'."), $inner }
            throw (New-LabServiceError -Message ("Service '" + $label + "' cannot be started due to the following error: " + $io.Message) -ErrorId 'CouldNotStartService' -Command $Command -Category 'OpenError' -Target $name -Inner $io)
        }
        if ($Bound['PassThru']) {
            foreach ($x in (Get-ScmServices -HostState $result.Host)) { if ($x.name -eq $name) { ConvertTo-LabServiceController -HostState $result.Host -Service $x } }
        }
    }
}

function LabImpl-Start-Service {
    param($Cmdlet, $Bound)
    Invoke-LabServiceControl -Cmdlet $Cmdlet -Bound $Bound -Action 'Start' -Command 'StartServiceCommand'
}

function LabImpl-Stop-Service {
    param($Cmdlet, $Bound)
    Invoke-LabServiceControl -Cmdlet $Cmdlet -Bound $Bound -Action 'Stop' -Command 'StopServiceCommand'
}

function LabImpl-Restart-Service {
    param($Cmdlet, $Bound)
    Invoke-LabServiceControl -Cmdlet $Cmdlet -Bound $Bound -Action 'Restart' -Command 'RestartServiceCommand'
}
