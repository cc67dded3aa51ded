# Get-IISConfigSection, Get-/Set-IISConfigAttributeValue and Start-/Stop-IISCommitDelay. Attribute names are the
# configuration schema's (identityType, userName, managedRuntimeVersion, ...), as in applicationHost.config.

# Writes held while a commit delay is open (Start-IISCommitDelay), applied together by Stop-IISCommitDelay.
$script:IaDelay = $false
$script:IaPending = New-Object System.Collections.ArrayList

function Find-IaSpec {
    param([hashtable]$Node, [string]$Name)
    foreach ($spec in @(Get-LabIisAttributeSpecs -Kind $Node.Kind)) {
        if ($null -ne $spec -and [string]::Equals($spec.Name, $Name, [System.StringComparison]::OrdinalIgnoreCase)) { return $spec }
    }
    throw (New-LabError -ExceptionType 'System.Runtime.InteropServices.COMException' -Message ('Unrecognized attribute ''' + $Name + '''') `
            -ErrorId 'System.Runtime.InteropServices.COMException,Microsoft.IIS.Powershell.Commands.GetIISConfigAttributeValueCommand' -Category 'NotSpecified' -Target $Name)
}

function Get-IaNodeOrThrow {
    param($Element)
    $node = Get-IaNode -Element $Element
    if ($null -eq $node -or $null -eq (Get-LabIisAttributeSpecs -Kind $node.Kind)) {
        throw (New-LabError -ExceptionType 'System.NotSupportedException' -Message "The lab's IIS reads and writes attributes of the pools, sites, applications and virtual directories that Get-IISAppPool, Get-IISSite and Get-IISConfigSection return." `
                -ErrorId 'NotSupported' -Category 'NotImplemented' -Target $Element)
    }
    return $node
}

function LabImpl-Get-IISConfigSection {
    param($Cmdlet, $Bound)
    $null = Assert-LabIisAvailable -CommandName 'Get-IISConfigSection'
    if ($Bound['Location']) {
        throw (New-LabError -ExceptionType 'System.NotSupportedException' -Message "The lab's IIS models no <location> tags: -Location cannot be used in practice mode." `
                -ErrorId 'NotSupported' -Category 'NotImplemented' -Target $Bound['Location'])
    }
    $path = ([string]$Bound['SectionPath']).Trim('/')
    $kind = $null
    if ($path -eq 'system.applicationHost/applicationPools') { $kind = 'PoolsSection' }
    elseif ($path -eq 'system.applicationHost/sites') { $kind = 'SitesSection' }
    if ($null -eq $kind) {
        throw (New-LabError -ExceptionType 'System.NotSupportedException' -Message ("The lab's IIS models the sections system.applicationHost/applicationPools and system.applicationHost/sites only, not '" + $Bound['SectionPath'] + "'.") `
                -ErrorId 'NotSupported' -Category 'NotImplemented' -Target $Bound['SectionPath'])
    }
    New-IaElement -Type 'ConfigurationSection' -Node @{ Kind = $kind; Filter = $path } -Properties ([ordered]@{ SectionPath = $path; IsLocked = $false; OverrideMode = 'Inherit' })
}

function LabImpl-Get-IISConfigAttributeValue {
    param($Cmdlet, $Bound)
    $state = Assert-LabIisAvailable -CommandName 'Get-IISConfigAttributeValue'
    $node = Get-IaNodeOrThrow -Element $Bound['ConfigElement']
    $spec = Find-IaSpec -Node $node -Name ([string]$Bound['AttributeName'])
    $target = Get-LabIisNodeTarget -Iis (Get-LabIisConfig -State $state) -Node $node
    if ($null -eq $target) { return }
    (New-LabIisConfigAttribute -Node $node -Spec $spec -Target $target -PSPath '').Value
}

function Set-IaAttribute {
    <# Inside Update-LabState: one attribute write. Returns the pool's name when it changed that pool's processModel
       (the commit then recycles a Started pool: LabIis Update-LabIisPoolOnConfigChange), else $null. #>
    param([hashtable]$State, [hashtable]$Node, [hashtable]$Spec, $Value)
    $target = Get-LabIisNodeTarget -Iis (Get-LabIisConfig -State $State -ForWrite) -Node $Node
    if ($null -eq $target) { return $null }
    $changed = -not ($target.ContainsKey($Spec.Key) -and [string]$target[$Spec.Key] -ceq [string]$Value)
    $target[$Spec.Key] = $Value
    if ($changed -and $Node.Kind -eq 'ProcessModel') { return [string]$Node.Pool }
    return $null
}

function LabImpl-Set-IISConfigAttributeValue {
    param($Cmdlet, $Bound)
    $null = Assert-LabIisAvailable -CommandName 'Set-IISConfigAttributeValue'
    $node = Get-IaNodeOrThrow -Element $Bound['ConfigElement']
    $spec = Find-IaSpec -Node $node -Name ([string]$Bound['AttributeName'])
    $value = ConvertTo-LabIisAttributeValue -Spec $spec -Value $Bound['AttributeValue'] -Kind $node.Kind -Class 'SetIISConfigAttributeValueCommand'
    if ($script:IaDelay) { [void]$script:IaPending.Add(@{ Node = $node; Spec = $spec; Value = $value }); return }
    # Without a commit delay, each write is committed at once (and WAS sees the change at once).
    $null = Update-LabState -Script {
        param($s)
        $pool = Set-IaAttribute -State $s -Node $node -Spec $spec -Value $value
        if ($null -ne $pool) { Update-LabIisPoolOnConfigChange -State $s -PoolName $pool }
    }
}

function LabImpl-Start-IISCommitDelay {
    param($Cmdlet, $Bound)
    $null = Assert-LabIisAvailable -CommandName 'Start-IISCommitDelay'
    $script:IaDelay = $true
    $script:IaPending.Clear()
}

function LabImpl-Stop-IISCommitDelay {
    param($Cmdlet, $Bound)
    $null = Assert-LabIisAvailable -CommandName 'Stop-IISCommitDelay'
    $commit = $true
    if ($Bound.ContainsKey('Commit')) { $commit = [bool]$Bound['Commit'] }
    $pending = @($script:IaPending.ToArray())
    $script:IaDelay = $false
    $script:IaPending.Clear()
    if (-not $commit -or $pending.Count -eq 0) { return }
    $null = Update-LabState -Script {
        param($s)
        # One commit: WAS sees every change together, so a pool whose processModel changed recycles once, with
        # the identity as the whole commit leaves it.
        $pools = New-Object System.Collections.ArrayList
        foreach ($p in $pending) {
            $pool = Set-IaAttribute -State $s -Node $p.Node -Spec $p.Spec -Value $p.Value
            if ($null -ne $pool -and -not $pools.Contains($pool)) { [void]$pools.Add($pool) }
        }
        foreach ($pool in $pools) { Update-LabIisPoolOnConfigChange -State $s -PoolName $pool }
    }
}
