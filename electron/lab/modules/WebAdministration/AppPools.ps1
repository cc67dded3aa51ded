# New-/Remove-/Start-/Stop-/Restart-WebAppPool and Get-WebAppPoolState. Starting and recycling go through WAS
# (LabIis Start-LabIisPool): a pool whose identity can't log on stops, with WAS's System-log events. Restart-WebAppPool
# recycles a running pool; a stopped one has no worker process to recycle, and the real cmdlet fails with
# HRESULT 0x800710D8, which the lab repeats. Stop-WebAppPool on a stopped pool fails as the real one does
# (MicrosoftDocs/windows-powershell-docs#348: "An exception is thrown if the apppool is already stopped").

function Get-WaPoolName {
    <# -Name, required here: without it the real cmdlets act on the current IIS:\AppPools location, which the lab
       does not model. #>
    param($Bound, [string]$Class)
    if ($Bound.ContainsKey('Name') -and $Bound['Name']) { return [string]$Bound['Name'] }
    throw (New-LabIisError -Class $Class -ExceptionType 'System.NotSupportedException' -Id 'NotSupported' -Category 'NotImplemented' -Target $null `
            -Message "The lab's IIS has no IIS: drive: give the application pool's -Name.")
}

function Get-WaPoolOrThrow {
    param([hashtable]$Iis, [string]$Name, [string]$Class)
    $pool = Find-LabIisPool -Iis $Iis -Name $Name
    if ($null -eq $pool) {
        throw (New-LabIisError -Class $Class -ExceptionType 'System.Management.Automation.ItemNotFoundException' -Id 'PathNotFound' -Category 'ObjectNotFound' -Target $Name `
                -Message ("Cannot find path 'IIS:\AppPools\" + $Name + "' because it does not exist."))
    }
    return $pool
}

function LabImpl-New-WebAppPool {
    param($Cmdlet, $Bound)
    $class = 'NewAppPoolCommand'
    $null = Assert-LabIisAvailable -CommandName 'New-WebAppPool'
    $name = [string]$Bound['Name']
    $force = [bool]$Bound['Force']
    $pool = Update-LabState -Script {
        param($s)
        $iis = Get-LabIisConfig -State $s -ForWrite
        $existing = Find-LabIisPool -Iis $iis -Name $name
        if ($null -ne $existing -and -not $force) {
            throw (New-LabIisError -Class $class -ExceptionType 'System.InvalidOperationException' -Id 'InvalidOperation' -Category 'InvalidOperation' -Target $name `
                    -Message 'Destination element already exists, please use "force" parameter to override.')
        }
        $new = New-LabIisPool -Name $name
        if ($null -ne $existing) { $iis.appPools = @($iis.appPools | Where-Object { $_ -ne $existing }) }
        $iis.appPools = @($iis.appPools) + @($new)
        [void](Start-LabIisPool -State $s -Pool $new)
        $new
    }
    New-LabIisPoolObject -Pool $pool -Computer (Get-LabContext).Computer
}

function LabImpl-Remove-WebAppPool {
    param($Cmdlet, $Bound)
    $class = 'RemoveAppPoolCommand'
    $null = Assert-LabIisAvailable -CommandName 'Remove-WebAppPool'
    $name = [string]$Bound['Name']
    $null = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($s, $gate)
        $iis = Get-LabIisConfig -State $s -ForWrite
        $pool = Get-WaPoolOrThrow -Iis $iis -Name $name -Class $class
        if (-not $gate.ShouldProcess($name, 'Remove-WebAppPool')) { return }
        $iis.appPools = @($iis.appPools | Where-Object { $_ -ne $pool })
    }
}

function LabImpl-Start-WebAppPool {
    param($Cmdlet, $Bound)
    $class = 'StartAppPoolCommand'
    $null = Assert-LabIisAvailable -CommandName 'Start-WebAppPool'
    $name = Get-WaPoolName -Bound $Bound -Class $class
    $pool = Update-LabState -Script {
        param($s)
        $iis = Get-LabIisConfig -State $s -ForWrite
        $p = Get-WaPoolOrThrow -Iis $iis -Name $name -Class $class
        if ($p.state -ne 'Started') { [void](Start-LabIisPool -State $s -Pool $p) }
        $p
    }
    if ($Bound['Passthru']) { New-LabIisPoolObject -Pool $pool -Computer (Get-LabContext).Computer }
}

function LabImpl-Stop-WebAppPool {
    param($Cmdlet, $Bound)
    $class = 'StopAppPoolCommand'
    $null = Assert-LabIisAvailable -CommandName 'Stop-WebAppPool'
    $name = Get-WaPoolName -Bound $Bound -Class $class
    $pool = Update-LabState -Script {
        param($s)
        $iis = Get-LabIisConfig -State $s -ForWrite
        $p = Get-WaPoolOrThrow -Iis $iis -Name $name -Class $class
        if ($p.state -eq 'Stopped') {
            throw (New-LabIisError -Class $class -ExceptionType 'System.InvalidOperationException' -Id 'InvalidOperation' -Category 'InvalidOperation' -Target $name `
                    -Message 'Object on target path is already stopped.')
        }
        $p.state = 'Stopped'
        $p
    }
    if ($Bound['Passthru']) { New-LabIisPoolObject -Pool $pool -Computer (Get-LabContext).Computer }
}

function LabImpl-Restart-WebAppPool {
    param($Cmdlet, $Bound)
    $class = 'RestartAppPoolCommand'
    $null = Assert-LabIisAvailable -CommandName 'Restart-WebAppPool'
    $name = Get-WaPoolName -Bound $Bound -Class $class
    $null = Update-LabState -Script {
        param($s)
        $iis = Get-LabIisConfig -State $s -ForWrite
        $p = Get-WaPoolOrThrow -Iis $iis -Name $name -Class $class
        if ($p.state -ne 'Started') {
            throw (New-LabIisError -Class $class -ExceptionType 'System.Runtime.InteropServices.COMException' -Id 'System.Runtime.InteropServices.COMException' -Category 'NotSpecified' -Target $name `
                    -Message 'The object identifier does not represent a valid object. (Exception from HRESULT: 0x800710D8)')
        }
        # A recycle: WAS starts a new worker process, logging the identity on again.
        [void](Start-LabIisPool -State $s -Pool $p)
    }
}

function LabImpl-Get-WebAppPoolState {
    param($Cmdlet, $Bound)
    $state = Assert-LabIisAvailable -CommandName 'Get-WebAppPoolState'
    $iis = Get-LabIisConfig -State $state
    $pools = @($iis.appPools)
    if ($Bound.ContainsKey('Name') -and $Bound['Name']) { $pools = @(Find-LabIisPool -Iis $iis -Name ([string]$Bound['Name']) | Where-Object { $_ }) }
    foreach ($p in $pools) {
        $o = [pscustomobject][ordered]@{
            ItemXPath = (Get-LabIisItemXPath -Node @{ Kind = 'Pool'; Pool = [string]$p.name })
            Value     = [string]$p.state
        }
        $o.PSObject.TypeNames.Insert(0, 'Microsoft.IIs.PowerShell.Framework.CodeProperty')
        $o
    }
}
