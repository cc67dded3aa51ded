# Get-Website, New-Website and Get-WebFilePath. A site's content folder is a folder on the lab computer's disks
# (hosts.<computer>.files: a folder exists when a file is under it), so Test-Path and Get-Acl see it.

function Test-WaHostFolder {
    param([string]$Path)
    $p = (Expand-LabIisPath $Path).TrimEnd('\')
    if ($p -match '^[A-Za-z]:$') { return $true }
    $hostState = Get-LabHost -State (Get-LabState) -Name (Get-LabContext).Computer
    foreach ($f in $hostState.files) { if (([string]$f).StartsWith($p + '\', [System.StringComparison]::OrdinalIgnoreCase)) { return $true } }
    return $false
}

function LabImpl-Get-Website {
    param($Cmdlet, $Bound)
    $state = Assert-LabIisAvailable -CommandName 'Get-Website'
    $iis = Get-LabIisConfig -State $state
    $sites = @($iis.sites)
    # A name that is no site's lists nothing, as on IIS.
    if ($Bound.ContainsKey('Name') -and $Bound['Name']) { $sites = @(Find-LabIisSite -Iis $iis -Name ([string]$Bound['Name']) | Where-Object { $_ }) }
    foreach ($s in $sites) { New-LabIisSiteObject -Site $s -Computer (Get-LabContext).Computer }
}

function LabImpl-New-Website {
    param($Cmdlet, $Bound)
    $class = 'NewWebsiteCommand'
    $null = Assert-LabIisAvailable -CommandName 'New-Website'
    $name = [string]$Bound['Name']
    $physicalPath = ''
    if ($Bound.ContainsKey('PhysicalPath')) {
        $physicalPath = [string]$Bound['PhysicalPath']
        if (-not (Test-WaHostFolder -Path $physicalPath)) {
            throw (New-LabIisError -Class $class -ExceptionType 'System.ArgumentException' -Id 'InvalidArgument' -Category 'InvalidArgument' -Target $physicalPath `
                    -Message "Parameter 'PhysicalPath' should point to existing path.")
        }
    }
    $protocol = 'http'
    if ($Bound['Ssl']) { $protocol = 'https' }
    $port = 80
    if ($Bound['Ssl']) { $port = 443 }
    if ($Bound.ContainsKey('Port')) { $port = [int]$Bound['Port'] }
    $ip = '*'
    if ($Bound.ContainsKey('IPAddress') -and $Bound['IPAddress']) { $ip = [string]$Bound['IPAddress'] }
    $binding = $ip + ':' + $port + ':' + [string]$Bound['HostHeader']
    $pool = 'DefaultAppPool'
    if ($Bound.ContainsKey('ApplicationPool') -and $Bound['ApplicationPool']) { $pool = [string]$Bound['ApplicationPool'] }
    $force = [bool]$Bound['Force']
    $site = Update-LabState -Script {
        param($s)
        $iis = Get-LabIisConfig -State $s -ForWrite
        $existing = Find-LabIisSite -Iis $iis -Name $name
        if ($null -ne $existing -and -not $force) {
            throw (New-LabIisError -Class $class -ExceptionType 'System.InvalidOperationException' -Id 'InvalidOperation' -Category 'InvalidOperation' -Target $name `
                    -Message 'Destination element already exists, please use "force" parameter to override.')
        }
        if ($null -ne $existing) { $iis.sites = @($iis.sites | Where-Object { $_ -ne $existing }) }
        $id = 1
        foreach ($x in $iis.sites) { if ([int]$x.id -ge $id) { $id = [int]$x.id + 1 } }
        if ($Bound.ContainsKey('Id')) { $id = [int]$Bound['Id'] }
        # A binding another started site already listens on keeps the new site from starting.
        $state = 'Started'
        foreach ($x in $iis.sites) {
            if ($x.state -ne 'Started') { continue }
            foreach ($b in $x.bindings) { if ($b.bindingInformation -eq $binding -and $b.protocol -eq $protocol) { $state = 'Stopped' } }
        }
        $new = @{ name = $name; id = $id; state = $state; serverAutoStart = $true; applicationPool = $pool; physicalPath = $physicalPath
            bindings = @(@{ protocol = $protocol; bindingInformation = $binding }) }
        $iis.sites = @($iis.sites) + @($new)
        $new
    }
    New-LabIisSiteObject -Site $site -Computer (Get-LabContext).Computer
}

function LabImpl-Get-WebFilePath {
    param($Cmdlet, $Bound)
    $class = 'GetWebFilePathCommand'
    $state = Assert-LabIisAvailable -CommandName 'Get-WebFilePath'
    $iis = Get-LabIisConfig -State $state
    foreach ($p in @($Bound['PSPath'])) {
        $text = [string]$p
        if (-not ($text -match '^(?i)IIS:\\Sites\\(?<site>[^\\]+)(?<rest>\\.*)?$')) {
            throw (New-LabIisError -Class $class -ExceptionType 'System.NotSupportedException' -Id 'NotSupported' -Category 'NotImplemented' -Target $text `
                    -Message ("The lab's Get-WebFilePath reads IIS:\Sites\<site>[\<path>] only: '" + $text + "'."))
        }
        $site = Find-LabIisSite -Iis $iis -Name $Matches['site']
        if ($null -eq $site) {
            throw (New-LabIisError -Class $class -ExceptionType 'System.Management.Automation.ItemNotFoundException' -Id 'PathNotFound' -Category 'ObjectNotFound' -Target $text `
                    -Message ("Cannot find path '" + $text + "' because it does not exist."))
        }
        $full = (Expand-LabIisPath ([string]$site.physicalPath)).TrimEnd('\') + [string]$Matches['rest']
        $leaf = $full.Substring($full.LastIndexOf('\') + 1)
        # System.IO.DirectoryInfo / FileInfo can't describe a C:\ path off Windows: their shape, with the real names.
        $folder = Test-WaHostFolder -Path $full
        $type = 'System.IO.FileInfo'
        if ($folder) { $type = 'System.IO.DirectoryInfo' }
        $o = [pscustomobject][ordered]@{ Name = $leaf; FullName = $full; Exists = ($folder -or ((Get-LabHost -State $state -Name (Get-LabContext).Computer).files -contains $full)) }
        $o.PSObject.TypeNames.Insert(0, 'System.IO.FileSystemInfo')
        $o.PSObject.TypeNames.Insert(0, $type)
        $o
    }
}
