# Dism: Get-WindowsCapability and Add-WindowsCapability (Features on Demand) on the lab's computers. Installed
# capabilities are state.hosts[<computer>].capabilities (name -> installed). RSAT is a Feature on Demand on Windows
# 10/11 clients only; on servers it comes from Install-WindowsFeature (ServerManager). Adding the RSAT AD capability
# on the current computer puts the lab ActiveDirectory module on PSModulePath in this session at once.
# Windows PowerShell 5.1 syntax only.
Import-Module LabCore
. (Join-Path $PSScriptRoot 'Dism.Signatures.ps1')

$script:DismClass = 'Microsoft.Dism.Commands.'
$script:RsatAd = 'Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0'

$script:CapabilityCatalog = @(
    @{ Name = 'Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0'; Rsat = $true
        DisplayName = 'RSAT: Active Directory Domain Services and Lightweight Directory Services Tools'
        Description = 'Active Directory Domain Services (AD DS) and Active Directory Lightweight Directory Services (AD LDS) Tools include snap-ins and command-line tools for remotely managing AD DS and AD LDS on Windows Server.'
        DownloadSize = 5242880; InstallSize = 18874368 }
    @{ Name = 'Rsat.GroupPolicy.Management.Tools~~~~0.0.1.0'; Rsat = $true
        DisplayName = 'RSAT: Group Policy Management Tools'
        Description = 'Group Policy Management Tools include Group Policy Management Console, Group Policy Management Editor, and Group Policy Starter GPO Editor.'
        DownloadSize = 3145728; InstallSize = 12582912 }
    @{ Name = 'Rsat.Dns.Tools~~~~0.0.1.0'; Rsat = $true
        DisplayName = 'RSAT: DNS Server Tools'
        Description = 'DNS Server tools include the DNS Manager snap-in, dnscmd.exe command-line tool and Windows PowerShell module for DNS Server.'
        DownloadSize = 1048576; InstallSize = 4194304 }
    @{ Name = 'Rsat.ServerManager.Tools~~~~0.0.1.0'; Rsat = $true
        DisplayName = 'RSAT: Server Manager'
        Description = 'Server Manager includes the Server Manager console and PowerShell tools for remotely managing Windows Server.'
        DownloadSize = 4194304; InstallSize = 16777216 }
    @{ Name = 'OpenSSH.Client~~~~0.0.1.0'; Rsat = $false; DefaultInstalled = $true
        DisplayName = 'OpenSSH Client'
        Description = 'Powershell-based secure shell (SSH) client, for secure key management and access to remote machines.'
        DownloadSize = 1310720; InstallSize = 5242880 }
)

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
    return [bool]$Entry.DefaultInstalled
}

function New-DismCapability {
    param([hashtable]$HostState, [hashtable]$Entry)
    $state = 'NotPresent'
    if (Test-DismInstalled -HostState $HostState -Entry $Entry) { $state = 'Installed' }
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
    if ($Bound.ContainsKey('Name') -and $Bound['Name']) { $pattern = $Bound['Name'] }
    foreach ($entry in (Get-DismCatalog -HostState $hostState)) {
        if ($entry.Name -like $pattern) { New-DismCapability -HostState $hostState -Entry $entry }
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
