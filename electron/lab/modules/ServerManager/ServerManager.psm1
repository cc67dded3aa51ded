# ServerManager: Get-WindowsFeature and Install-WindowsFeature on the lab's servers. The catalogue is
# FeatureCatalog.psd1; a host's state.hosts[<computer>].features (name -> installed) records what differs from a fresh
# server. ServerManager.Format.ps1xml prints features and results as Windows does. Installing RSAT-AD-PowerShell on the current computer puts the
# lab ActiveDirectory module on PSModulePath in this session at once, as installing RSAT does on Windows.
# Windows PowerShell 5.1 syntax only.
Import-Module LabCore
. (Join-Path $PSScriptRoot 'ServerManager.Signatures.ps1')

$script:SmClass = 'Microsoft.Windows.ServerManager.Commands.'

# The roles, role services and features a Windows Server 2022 lists (FeatureCatalog.psd1, in Windows' order). A
# host's state records only what differs from a fresh server: hosts.<computer>.features (name -> installed).
$script:FeatureCatalog = @((Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'FeatureCatalog.psd1')).Features)
$script:FeatureIndex = @{}
foreach ($entry in $script:FeatureCatalog) { $script:FeatureIndex[$entry.Name] = $entry }
# Parent name -> its sub-features' entries (catalogue order), built once: Get-WindowsFeature asks for every feature's
# children and descendants, and scanning the catalogue for each made a listing quadratic. Descendant lists are
# remembered per name and mode (all / default-only) the first time they are asked for.
$script:FeatureChildren = @{}
foreach ($entry in $script:FeatureCatalog) {
    if (-not $entry.Parent) { continue }
    if (-not $script:FeatureChildren.ContainsKey($entry.Parent)) { $script:FeatureChildren[$entry.Parent] = New-Object System.Collections.ArrayList }
    [void]$script:FeatureChildren[$entry.Parent].Add($entry)
}
$script:FeatureDescendants = @{}
# What a domain controller has once promoted (AD DS with DNS, and the AD DS and DNS tools Server Manager adds).
$script:DcInstalled = @('AD-Domain-Services', 'DNS', 'GPMC', 'RSAT-AD-Tools', 'RSAT-AD-PowerShell', 'RSAT-ADDS', 'RSAT-AD-AdminCenter',
    'RSAT-ADDS-Tools', 'RSAT-DNS-Server')

function Get-SmCatalogEntry {
    param([string]$Name)
    if ($script:FeatureIndex.ContainsKey($Name)) { return $script:FeatureIndex[$Name] }
    return $null
}

function Get-SmPathParts {
    param([string]$Name)
    $parts = New-Object System.Collections.ArrayList
    $entry = Get-SmCatalogEntry -Name $Name
    while ($null -ne $entry) {
        $parts.Insert(0, $entry)
        if (-not $entry.Parent) { break }
        $entry = Get-SmCatalogEntry -Name $entry.Parent
    }
    return , $parts.ToArray()
}

function Get-SmAncestors {
    param([string]$Name)
    $names = @()
    $entry = Get-SmCatalogEntry -Name $Name
    while ($null -ne $entry -and $entry.Parent) {
        $names += $entry.Parent
        $entry = Get-SmCatalogEntry -Name $entry.Parent
    }
    return $names
}

function Get-SmChildren {
    param([string]$Name)
    if (-not $Name -or -not $script:FeatureChildren.ContainsKey($Name)) { return @() }
    return @($script:FeatureChildren[$Name] | ForEach-Object { $_.Name })
}

function Get-SmDescendants {
    <# Every feature below $Name (depth first, in catalogue order); with -DefaultOnly, those Install-WindowsFeature
       adds when $Name is named. #>
    param([string]$Name, [switch]$DefaultOnly)
    $key = [string]$Name + '|' + [bool]$DefaultOnly
    if (-not $script:FeatureDescendants.ContainsKey($key)) {
        $names = New-Object System.Collections.ArrayList
        if ($Name -and $script:FeatureChildren.ContainsKey($Name)) {
            foreach ($entry in $script:FeatureChildren[$Name]) {
                if ($DefaultOnly -and -not $entry.Default) { continue }
                [void]$names.Add($entry.Name)
                foreach ($n in @(Get-SmDescendants -Name $entry.Name -DefaultOnly:$DefaultOnly)) { [void]$names.Add($n) }
            }
        }
        $script:FeatureDescendants[$key] = $names.ToArray()
    }
    return $script:FeatureDescendants[$key]
}

function Test-SmInstalled {
    param([hashtable]$HostState, [string]$Name)
    if ($HostState.features.ContainsKey($Name)) { return [bool]$HostState.features[$Name] }
    # A parent counts as installed when one of its sub-features is.
    foreach ($child in (Get-SmDescendants -Name $Name)) {
        if ($HostState.features.ContainsKey($child) -and $HostState.features[$child]) { return $true }
    }
    if ($HostState.productType -eq 'DomainController' -and $script:DcInstalled -contains $Name) { return $true }
    $entry = Get-SmCatalogEntry -Name $Name
    return ($null -ne $entry -and [bool]$entry.Installed)
}

function New-SmFeature {
    param([hashtable]$HostState, [string]$Name)
    $entry = Get-SmCatalogEntry -Name $Name
    if ($null -eq $entry) {
        $entry = @{ Name = $Name; DisplayName = $Name; Parent = $null; FeatureType = 'Feature'; Description = $null }
    }
    $installed = Test-SmInstalled -HostState $HostState -Name $Name
    $path = @(Get-SmPathParts -Name $Name | ForEach-Object { $_.DisplayName })
    if ($path.Count -eq 0) { $path = @($entry.DisplayName) }
    $feature = New-Object Microsoft.Windows.ServerManager.Commands.Feature $entry.Name
    $feature.DisplayName = $entry.DisplayName
    $feature.Installed = $installed
    if ($installed) { $feature.InstallState = 'Installed' } else { $feature.InstallState = 'Available' }
    $feature | Add-Member -NotePropertyName FeatureType -NotePropertyValue $entry.FeatureType
    $feature | Add-Member -NotePropertyName Path -NotePropertyValue ($path -join '\')
    $feature | Add-Member -NotePropertyName Depth -NotePropertyValue $path.Count
    $feature | Add-Member -NotePropertyName DependsOn -NotePropertyValue ([string[]]@($entry.DependsOn | Where-Object { $_ }))
    $feature | Add-Member -NotePropertyName Parent -NotePropertyValue $entry.Parent
    $feature | Add-Member -NotePropertyName SubFeatures -NotePropertyValue ([string[]]@(Get-SmChildren -Name $entry.Name))
    $feature | Add-Member -NotePropertyName Description -NotePropertyValue $entry.Description
    $feature | Add-Member -NotePropertyName PostConfigurationNeeded -NotePropertyValue $false
    $feature | Add-Member -NotePropertyName SystemService -NotePropertyValue ([string[]]@())
    return $feature
}

function Add-SmToInstall {
    <# Adds $Name to the install list with what Windows installs along with it: its parents (a sub-feature needs
       them) and the features it depends on, each with their own parents and dependencies. #>
    param([System.Collections.ArrayList]$List, [string]$Name)
    if ($List.Contains($Name)) { return }
    foreach ($a in @(Get-SmAncestors -Name $Name)) { Add-SmToInstall -List $List -Name $a }
    if (-not $List.Contains($Name)) { [void]$List.Add($Name) }
    $entry = Get-SmCatalogEntry -Name $Name
    if ($null -ne $entry) {
        foreach ($d in @($entry.DependsOn | Where-Object { $_ })) { Add-SmToInstall -List $List -Name $d }
    }
}

function Resolve-SmTarget {
    <# The lab host a ServerManager cmdlet works on (-ComputerName or the current computer); clients are refused
       exactly as on Windows. #>
    param([hashtable]$State, $Bound, [string]$Class)
    $ctx = Get-LabContext
    $name = $ctx.Computer
    if ($Bound.ContainsKey('ComputerName') -and $Bound['ComputerName']) { $name = ($Bound['ComputerName'] -split '\.')[0] }
    foreach ($unsupported in @('Vhd', 'ConfigurationFilePath')) {
        if ($Bound.ContainsKey($unsupported)) {
            throw (New-LabError -ExceptionType 'System.NotSupportedException' `
                    -Message "The lab domain has no offline images or configuration files; -$unsupported cannot be used in practice mode." `
                    -ErrorId ('NotSupported,' + $Class) -Category 'NotImplemented' -Target $Bound[$unsupported])
        }
    }
    $hostState = Get-LabHost -State $State -Name $name
    if ($null -eq $hostState) {
        throw (New-LabError -ExceptionType 'System.Exception' `
                -Message "The WinRM client cannot process the request because the server name '$name' cannot be resolved." `
                -ErrorId ('UnableToConnect,' + $Class) -Category 'DeviceError' -Target $name)
    }
    if ($hostState.productType -eq 'Client') {
        # (Server Manager's error on Windows 10/11 with RSAT installed.)
        throw (New-LabError -ExceptionType 'System.Exception' `
                -Message 'The target of the specified cmdlet cannot be a Windows client-based operating system.' `
                -ErrorId ('UnSupportedTargetDevice,' + $Class) -Category 'DeviceError' -Target $name)
    }
    return @{ Name = $name.ToUpperInvariant(); Host = $hostState }
}

function LabImpl-Get-WindowsFeature {
    param($Cmdlet, $Bound)
    $class = $script:SmClass + 'GetWindowsFeatureCommand'
    $state = Get-LabState
    $target = Resolve-SmTarget -State $state -Bound $Bound -Class $class
    $names = New-Object System.Collections.ArrayList
    foreach ($entry in $script:FeatureCatalog) { [void]$names.Add($entry.Name) }
    foreach ($key in $target.Host.features.Keys) { if (-not $names.Contains($key)) { [void]$names.Add($key) } }
    $patterns = @('*')
    if ($Bound.ContainsKey('Name') -and $null -ne $Bound['Name']) { $patterns = @($Bound['Name']) }
    foreach ($name in $names) {
        $match = $false
        foreach ($p in $patterns) { if ($name -like $p) { $match = $true } }
        if ($match) { New-SmFeature -HostState $target.Host -Name $name }
    }
}

function LabImpl-Install-WindowsFeature {
    param($Cmdlet, $Bound)
    $class = $script:SmClass + 'AddWindowsFeatureCommand'
    $state = Get-LabState
    $target = Resolve-SmTarget -State $state -Bound $Bound -Class $class
    Assert-LabElevated -ErrorId ('RequiresElevation,' + $class) -Message 'The requested operation requires elevation.' -Target $target.Name

    # Install-WindowsFeature adds the named features, their parents, the sub-features installed by default with them
    # (all of them with -IncludeAllSubFeature), their management tools with -IncludeManagementTools, and everything
    # these depend on. https://learn.microsoft.com/powershell/module/servermanager/install-windowsfeature
    $withChildren = ($Bound.ContainsKey('IncludeAllSubFeature') -and $Bound['IncludeAllSubFeature'])
    $withTools = ($Bound.ContainsKey('IncludeManagementTools') -and $Bound['IncludeManagementTools'])
    $requested = New-Object System.Collections.ArrayList
    foreach ($item in @($Bound['Name'])) {
        $name = [string]$item.Name
        $known = (Get-SmCatalogEntry -Name $name) -or $target.Host.features.ContainsKey($name)
        if (-not $known) {
            throw (New-LabError -ExceptionType 'System.Exception' `
                    -Message "ArgumentNotValid: The role, role service, or feature name is not valid: '$name'. The name was not found." `
                    -ErrorId ('NameDoesNotExist,' + $class) -Category 'InvalidArgument' -Target $name)
        }
        $entry = Get-SmCatalogEntry -Name $name
        if ($null -ne $entry) { $name = $entry.Name }
        Add-SmToInstall -List $requested -Name $name
        foreach ($n in @(Get-SmDescendants -Name $name -DefaultOnly:(-not $withChildren))) { Add-SmToInstall -List $requested -Name $n }
    }
    if ($withTools) {
        foreach ($n in @($requested.ToArray())) {
            $entry = Get-SmCatalogEntry -Name $n
            if ($null -eq $entry) { continue }
            foreach ($tool in @($entry.ManagementTools | Where-Object { $_ })) { Add-SmToInstall -List $requested -Name $tool }
        }
    }
    # In the catalogue's (Windows') order, as the FeatureResult lists them.
    $order = @{}
    for ($i = 0; $i -lt $script:FeatureCatalog.Count; $i++) { $order[$script:FeatureCatalog[$i].Name] = $i }
    $toInstall = @($requested | Where-Object { -not (Test-SmInstalled -HostState $target.Host -Name $_) } |
            Sort-Object -Property @{ Expression = { if ($order.ContainsKey($_)) { $order[$_] } else { [int]::MaxValue } } })
    $display = @($toInstall | ForEach-Object { (New-SmFeature -HostState $target.Host -Name $_).DisplayName })
    if (-not $Cmdlet.ShouldProcess($target.Name, 'Install ' + (($display | ForEach-Object { "[$_]" }) -join ', '))) { return }

    $hostName = $target.Name
    if ($toInstall.Count -gt 0) {
        Update-LabState -Script {
            param($s)
            foreach ($n in $toInstall) { $s.hosts[$hostName].features[$n] = $true }
        } | Out-Null
    }
    $ctx = Get-LabContext
    if ($hostName -eq $ctx.Computer) { Update-LabModulePath -State (Get-LabState) }

    $results = New-Object 'System.Collections.Generic.List[object]'
    foreach ($n in $toInstall) {
        $entry = Get-SmCatalogEntry -Name $n
        $displayName = $n
        if ($null -ne $entry) { $displayName = $entry.DisplayName }
        $featureResult = [pscustomobject]@{
            PSTypeName    = 'Microsoft.Windows.ServerManager.Commands.FeatureResult'
            DisplayName   = $displayName
            Name          = $n
            RestartNeeded = $false
            SkipReason    = 'NotSkipped'
            Success       = $true
            Message       = ''
        }
        # FeatureResult.ToString() is its display name (what the FeatureOperationResult table shows).
        $featureResult | Add-Member -MemberType ScriptMethod -Name ToString -Value { [string]$this.DisplayName } -Force
        $results.Add($featureResult)
    }
    $exitCode = 'Success'
    if ($toInstall.Count -eq 0) { $exitCode = 'NoChangeNeeded' }
    return [pscustomobject]@{
        PSTypeName    = 'Microsoft.Windows.ServerManager.Commands.FeatureOperationResult'
        Success       = $true
        RestartNeeded = 'No'
        FeatureResult = $results.ToArray()
        ExitCode      = $exitCode
    }
}

# The generated manifest lists the cmdlets (one list: scripts/gen-lab-signatures.ts); the LabImpl- functions stay private.
Export-ModuleMember -Function (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'ServerManager.psd1')).FunctionsToExport
