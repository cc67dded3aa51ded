# ServerManager: Get-WindowsFeature and Install-WindowsFeature on the lab's servers. Installed features are
# state.hosts[<computer>].features (name -> installed). Installing RSAT-AD-PowerShell on the current computer puts the
# lab ActiveDirectory module on PSModulePath in this session at once, as installing RSAT does on Windows.
# Windows PowerShell 5.1 syntax only.
Import-Module LabCore
. (Join-Path $PSScriptRoot 'ServerManager.Signatures.ps1')

$script:SmClass = 'Microsoft.Windows.ServerManager.Commands.'

# The features the lab knows (a slice of Windows Server's catalogue): name, display name, parent, type, path.
$script:FeatureCatalog = @(
    @{ Name = 'AD-Domain-Services'; DisplayName = 'Active Directory Domain Services'; Parent = $null; FeatureType = 'Role'
        Description = 'Active Directory Domain Services (AD DS) stores information about objects on the network and makes this information available to users and network administrators.' }
    @{ Name = 'RSAT'; DisplayName = 'Remote Server Administration Tools'; Parent = $null; FeatureType = 'Feature'
        Description = 'Remote Server Administration Tools includes snap-ins and command-line tools for remotely managing roles and features.' }
    @{ Name = 'RSAT-Role-Tools'; DisplayName = 'Role Administration Tools'; Parent = 'RSAT'; FeatureType = 'Feature'
        Description = 'Role Administration Tools includes snap-ins and command-line tools for remotely managing roles.' }
    @{ Name = 'RSAT-AD-Tools'; DisplayName = 'AD DS and AD LDS Tools'; Parent = 'RSAT-Role-Tools'; FeatureType = 'Feature'
        Description = 'Active Directory Domain Services (AD DS) and Active Directory Lightweight Directory Services (AD LDS) Tools includes snap-ins and command-line tools for remotely managing AD DS and AD LDS.' }
    @{ Name = 'RSAT-AD-PowerShell'; DisplayName = 'Active Directory module for Windows PowerShell'; Parent = 'RSAT-AD-Tools'; FeatureType = 'Feature'
        Description = 'The Active Directory module for Windows PowerShell and the tools it provides can be used by Active Directory administrators to manage Active Directory Domain Services (AD DS) at the command line.' }
    @{ Name = 'RSAT-ADDS'; DisplayName = 'AD DS Tools'; Parent = 'RSAT-AD-Tools'; FeatureType = 'Feature'
        Description = 'Active Directory Domain Services (AD DS) Tools includes snap-ins and command-line tools for remotely managing AD DS.' }
    @{ Name = 'RSAT-AD-AdminCenter'; DisplayName = 'Active Directory Administrative Center'; Parent = 'RSAT-ADDS'; FeatureType = 'Feature'
        Description = 'Active Directory Administrative Center provides users and network administrators with an enhanced Active Directory data management experience and a rich graphical user interface (GUI) to perform common Active Directory object management tasks.' }
    @{ Name = 'RSAT-ADDS-Tools'; DisplayName = 'AD DS Snap-Ins and Command-Line Tools'; Parent = 'RSAT-ADDS'; FeatureType = 'Feature'
        Description = 'Active Directory Domain Services Snap-Ins and Command-Line Tools includes Active Directory Users and Computers, Active Directory Domains and Trusts, Active Directory Sites and Services, and other snap-ins and command-line tools for remotely managing Active Directory domain controllers.' }
    @{ Name = 'GPMC'; DisplayName = 'Group Policy Management'; Parent = $null; FeatureType = 'Feature'
        Description = 'Group Policy Management is a scriptable Microsoft Management Console (MMC) snap-in, providing a single administrative tool for managing Group Policy across the enterprise.' }
)

function Get-SmCatalogEntry {
    param([string]$Name)
    foreach ($entry in $script:FeatureCatalog) { if ($entry.Name -eq $Name) { return $entry } }
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

function Get-SmDescendants {
    param([string]$Name)
    $names = @()
    foreach ($entry in $script:FeatureCatalog) {
        if ($entry.Parent -eq $Name) { $names += $entry.Name; $names += @(Get-SmDescendants -Name $entry.Name) }
    }
    return $names
}

function Test-SmInstalled {
    param([hashtable]$HostState, [string]$Name)
    if ($HostState.features.ContainsKey($Name)) { return [bool]$HostState.features[$Name] }
    if ($Name -eq 'AD-Domain-Services' -and $HostState.productType -eq 'DomainController') { return $true }
    # A parent counts as installed when one of its sub-features is.
    foreach ($child in (Get-SmDescendants -Name $Name)) {
        if ($HostState.features.ContainsKey($child) -and $HostState.features[$child]) { return $true }
    }
    return $false
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
    $children = @($script:FeatureCatalog | Where-Object { $_.Parent -eq $Name } | ForEach-Object { $_.Name })
    $feature = New-Object Microsoft.Windows.ServerManager.Commands.Feature $Name
    $feature.DisplayName = $entry.DisplayName
    $feature.Installed = $installed
    if ($installed) { $feature.InstallState = 'Installed' } else { $feature.InstallState = 'Available' }
    $feature | Add-Member -NotePropertyName FeatureType -NotePropertyValue $entry.FeatureType
    $feature | Add-Member -NotePropertyName Path -NotePropertyValue ($path -join '\')
    $feature | Add-Member -NotePropertyName Depth -NotePropertyValue $path.Count
    $feature | Add-Member -NotePropertyName DependsOn -NotePropertyValue @()
    $feature | Add-Member -NotePropertyName Parent -NotePropertyValue $entry.Parent
    $feature | Add-Member -NotePropertyName SubFeatures -NotePropertyValue $children
    $feature | Add-Member -NotePropertyName Description -NotePropertyValue $entry.Description
    $feature | Add-Member -NotePropertyName PostConfigurationNeeded -NotePropertyValue $false
    $feature | Add-Member -NotePropertyName SystemService -NotePropertyValue @()
    return $feature
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

    $requested = New-Object System.Collections.ArrayList
    foreach ($item in @($Bound['Name'])) {
        $name = [string]$item.Name
        $known = (Get-SmCatalogEntry -Name $name) -or $target.Host.features.ContainsKey($name)
        if (-not $known) {
            throw (New-LabError -ExceptionType 'System.Exception' `
                    -Message "ArgumentNotValid: The role, role service, or feature name is not valid: '$name'. The name was not found." `
                    -ErrorId ('NameDoesNotExist,' + $class) -Category 'InvalidArgument' -Target $name)
        }
        foreach ($n in @(Get-SmAncestors -Name $name) + @($name)) { if (-not $requested.Contains($n)) { [void]$requested.Add($n) } }
        $withChildren = ($Bound.ContainsKey('IncludeAllSubFeature') -and $Bound['IncludeAllSubFeature'])
        if ($name -eq 'AD-Domain-Services' -and $Bound.ContainsKey('IncludeManagementTools') -and $Bound['IncludeManagementTools']) {
            foreach ($n in @('RSAT', 'RSAT-Role-Tools', 'RSAT-AD-Tools') + @(Get-SmDescendants -Name 'RSAT-AD-Tools')) {
                if (-not $requested.Contains($n)) { [void]$requested.Add($n) }
            }
        }
        if ($withChildren) {
            foreach ($n in @(Get-SmDescendants -Name $name)) { if (-not $requested.Contains($n)) { [void]$requested.Add($n) } }
        }
    }
    $toInstall = @($requested | Where-Object { -not (Test-SmInstalled -HostState $target.Host -Name $_) })
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
        $results.Add([pscustomobject]@{
                PSTypeName    = 'Microsoft.Windows.ServerManager.Commands.FeatureResult'
                DisplayName   = $displayName
                Name          = $n
                RestartNeeded = $false
                SkipReason    = 'NotSkipped'
                Success       = $true
                Message       = ''
            })
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
