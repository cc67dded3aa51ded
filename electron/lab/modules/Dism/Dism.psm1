# Dism: Get-WindowsCapability and Add-WindowsCapability (Features on Demand) on the lab's computers. The catalogue is
# CapabilityCatalog.psd1; state.hosts[<computer>].capabilities (name -> installed) records what differs from it. RSAT is a Feature on Demand on Windows
# 10/11 clients only; on servers it comes from Install-WindowsFeature (ServerManager). Adding the RSAT AD capability
# on the current computer puts the lab ActiveDirectory module on PSModulePath in this session at once.
# Windows PowerShell 5.1 syntax only.
Import-Module LabCore
. (Join-Path $PSScriptRoot 'Dism.Signatures.ps1')

$script:DismClass = 'Microsoft.Dism.Commands.'
$script:RsatAd = 'Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0'

# The capabilities Windows 11 lists (CapabilityCatalog.psd1); a host's state records only what differs from that.
$script:CapabilityCatalog = @((Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'CapabilityCatalog.psd1')).Capabilities)

function New-DismError {
    <# DISM writes COMExceptions (with the HRESULT) and the cmdlet class as the FullyQualifiedErrorId. #>
    param([string]$Message, [int]$HResult, [string]$Cmdlet, [string]$Target)
    $exception = New-Object System.Runtime.InteropServices.COMException $Message, $HResult
    return New-Object System.Management.Automation.ErrorRecord $exception, ($script:DismClass + $Cmdlet), 'NotSpecified', $Target
}

function Resolve-DismTarget {
    param($Bound, [string]$Cmdlet)
    if ($Bound.ContainsKey('Path')) {
        # No offline Windows images exist in the lab.
        throw (New-DismError -Message 'The system cannot find the path specified.' -HResult -2147024893 -Cmdlet $Cmdlet -Target $Bound['Path'])
    }
    $ctx = Get-LabContext
    if (-not $ctx.Elevated) {
        # Every DISM cmdlet needs an elevated process, -Online reads included. 0x800702E4 = ERROR_ELEVATION_REQUIRED.
        throw (New-DismError -Message 'The requested operation requires elevation.' -HResult -2147024156 -Cmdlet $Cmdlet -Target $null)
    }
    return $ctx.Computer
}

function Test-DismInstalled {
    param([hashtable]$HostState, [hashtable]$Entry)
    if ($Entry.Rsat -and $HostState.productType -ne 'Client') { return $false }
    if ($HostState.capabilities.ContainsKey($Entry.Name)) { return [bool]$HostState.capabilities[$Entry.Name] }
    return [bool]$Entry.Installed
}

function New-DismCapability {
    <# With -Basic, what Get-WindowsCapability lists without -Name (a BasicCapabilityObject: the name and its
       state); else the AdvancedCapabilityObject -Name gets (display name, description, sizes). #>
    param([hashtable]$HostState, [hashtable]$Entry, [switch]$Basic)
    $state = 'NotPresent'
    if (Test-DismInstalled -HostState $HostState -Entry $Entry) { $state = 'Installed' }
    if ($Basic) {
        return [pscustomobject]@{
            PSTypeName = 'Microsoft.Dism.Commands.BasicCapabilityObject'
            Name       = $Entry.Name
            State      = $state
            Online     = $true
            Path       = $null
            LogPath    = 'C:\Windows\Logs\DISM\dism.log'
        }
    }
    return [pscustomobject]@{
        PSTypeName    = 'Microsoft.Dism.Commands.AdvancedCapabilityObject'
        Name          = $Entry.Name
        State         = $state
        DisplayName   = $Entry.DisplayName
        Description   = $Entry.Description
        DownloadSize  = $Entry.DownloadSize
        InstallSize   = $Entry.InstallSize
        Online        = $true
        Path          = $null
        RestartNeeded = $false
        LogPath       = 'C:\Windows\Logs\DISM\dism.log'
    }
}

function Get-DismCatalog {
    param([hashtable]$HostState)
    $entries = New-Object System.Collections.ArrayList
    foreach ($e in $script:CapabilityCatalog) { [void]$entries.Add($e) }
    foreach ($key in $HostState.capabilities.Keys) {
        $known = $false
        foreach ($e in $script:CapabilityCatalog) { if ($e.Name -eq $key) { $known = $true } }
        if (-not $known) {
            [void]$entries.Add(@{ Name = $key; Rsat = ($key -like 'Rsat.*'); DisplayName = $key; Description = $null; DownloadSize = 0; InstallSize = 0 })
        }
    }
    return , $entries.ToArray()
}

function LabImpl-Get-WindowsCapability {
    param($Cmdlet, $Bound)
    $computer = Resolve-DismTarget -Bound $Bound -Cmdlet 'GetWindowsCapabilityCommand'
    $state = Get-LabState
    $hostState = Get-LabHost -State $state -Name $computer
    $pattern = '*'
    $named = ($Bound.ContainsKey('Name') -and $Bound['Name'])
    if ($named) { $pattern = $Bound['Name'] }
    foreach ($entry in (Get-DismCatalog -HostState $hostState)) {
        if ($entry.Name -like $pattern) { New-DismCapability -HostState $hostState -Entry $entry -Basic:(-not $named) }
    }
}

function LabImpl-Add-WindowsCapability {
    param($Cmdlet, $Bound)
    $cmdletClass = 'AddWindowsCapabilityCommand'
    $computer = Resolve-DismTarget -Bound $Bound -Cmdlet $cmdletClass
    $state = Get-LabState
    $hostState = Get-LabHost -State $state -Name $computer
    $name = [string]$Bound['Name']
    $entry = $null
    foreach ($e in (Get-DismCatalog -HostState $hostState)) { if ($e.Name -eq $name) { $entry = $e } }
    if ($null -eq $entry) {
        # 0x800F080C: CBS_E_UNKNOWN_UPDATE, DISM's answer for a capability name it does not know.
        throw (New-DismError -Message 'Add-WindowsCapability failed. Error code = 0x800f080c' -HResult -2146498548 -Cmdlet $cmdletClass -Target $name)
    }
    if ($entry.Rsat -and $hostState.productType -ne 'Client') {
        # RSAT Features on Demand apply to Windows client only; servers use Install-WindowsFeature. 0x800F081E.
        throw (New-DismError -Message 'The specified package is not applicable to this image.' -HResult -2146498530 -Cmdlet $cmdletClass -Target $name)
    }
    $restartNeeded = $false
    if (-not (Test-DismInstalled -HostState $hostState -Entry $entry)) {
        Update-LabState -Script {
            param($s)
            $s.hosts[$computer].capabilities[$name] = $true
        } | Out-Null
        Update-LabModulePath -State (Get-LabState)
    }
    return [pscustomobject]@{
        PSTypeName       = 'Microsoft.Dism.Commands.ImageObject'
        Path             = $null
        Online           = $true
        RestartNeeded    = $restartNeeded
        WinPath          = $null
        SysDrivePath     = $null
        ScratchDirectory = $null
        LogPath          = 'C:\Windows\Logs\DISM\dism.log'
        LogLevel         = 'WarningsInfo'
    }
}

# The generated manifest lists the cmdlets (one list: scripts/gen-lab-signatures.ts); the LabImpl- functions stay private.
Export-ModuleMember -Function (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'Dism.psd1')).FunctionsToExport
