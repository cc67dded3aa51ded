# Get-WebConfigurationProperty and Set-WebConfigurationProperty on applicationHost.config (MACHINE/WEBROOT/APPHOST),
# with the XPath filters LabIis models (Config.ps1). As on IIS: a filter that matches no element reads nothing (no
# error) and sets nothing with a warning; -Name '.' reads the element itself; an element's child (processModel)
# reads as a ConfigurationElement, an attribute as a ConfigurationAttribute, except enum attributes, which the
# real module returns as their name in a plain string. Each call commits its change (as the real cmdlet does); a
# change to a Started pool's processModel recycles it as WAS does on the change notification (LabIis
# Update-LabIisPoolOnConfigChange: the identity is logged on again; honours recycling@disallowRotationOnConfigChange).
# Writing the value an attribute already holds changes nothing and recycles nothing.

function Get-WaNodes {
    <# The single-element nodes a filter stands for, each with its state object (none when it matches nothing). #>
    param([hashtable]$Iis, [string]$Filter, [string]$Class)
    $node = Resolve-LabIisFilter -Filter $Filter -Class $Class
    $nodes = @($node)
    # Get-LabIisNodeTarget returns a collection's nodes as one array (, @(...)): taken as it is, not wrapped again.
    if ($node.Kind -eq 'Pools' -or $node.Kind -eq 'Sites') { $nodes = Get-LabIisNodeTarget -Iis $Iis -Node $node }
    foreach ($n in $nodes) {
        $target = Get-LabIisNodeTarget -Iis $Iis -Node $n
        if ($null -ne $target) { @{ Node = $n; Target = $target } }
    }
}

function Find-WaSpec {
    param([string]$Kind, [string]$Name)
    foreach ($spec in (Get-LabIisAttributeSpecs -Kind $Kind)) {
        if ([string]::Equals($spec.Name, $Name, [System.StringComparison]::OrdinalIgnoreCase)) { return $spec }
    }
    return $null
}

function New-WaPropertyNotFound {
    param([string]$Class, [string]$Name, [hashtable]$Node)
    return New-LabIisError -Class $Class -ExceptionType 'System.ArgumentException' -Id 'InvalidArgument' -Category 'InvalidArgument' -Target $Name `
        -Message ('Property ' + $Name + ' is not found on ' + (Get-LabIisItemXPath -Node $Node) + '.')
}

function LabImpl-Get-WebConfigurationProperty {
    param($Cmdlet, $Bound)
    $class = 'GetConfigurationPropertyCommand'
    $state = Assert-LabIisAvailable -CommandName 'Get-WebConfigurationProperty'
    $psPath = Resolve-LabIisPSPath -PSPath $Bound['PSPath'] -Location (@($Bound['Location']) -join '') -Class $class
    $iis = Get-LabIisConfig -State $state
    foreach ($filter in $Bound['Filter']) {
        foreach ($match in @(Get-WaNodes -Iis $iis -Filter $filter -Class $class)) {
            $node = $match.Node
            $target = $match.Target
            foreach ($name in $Bound['Name']) {
                if ($name -eq '.') {
                    if ($node.Kind -like '*Section') { New-LabIisConfigElement -Node $node -Target $target -PSPath $psPath; continue }
                    New-LabIisConfigElement -Node $node -Target $target -PSPath $psPath
                    continue
                }
                if ($node.Kind -eq 'Pool' -and $name -eq 'processModel') {
                    New-LabIisConfigElement -Node @{ Kind = 'ProcessModel'; Pool = $node.Pool; Filter = $node.Filter } -Target $target.processModel -PSPath $psPath
                    continue
                }
                if ($node.Kind -eq 'Pool' -and $name -eq 'recycling') {
                    New-LabIisConfigElement -Node @{ Kind = 'Recycling'; Pool = $node.Pool; Filter = $node.Filter } -Target (Get-LabIisRecycling -Pool $target) -PSPath $psPath
                    continue
                }
                $spec = Find-WaSpec -Kind $node.Kind -Name $name
                if ($null -eq $spec) { throw (New-WaPropertyNotFound -Class $class -Name $name -Node $node) }
                $attribute = New-LabIisConfigAttribute -Node $node -Spec $spec -Target $target -PSPath $psPath
                if ($spec.Type -eq 'enum') { [string]$attribute.Value } else { $attribute }
            }
        }
    }
}

function LabImpl-Set-WebConfigurationProperty {
    param($Cmdlet, $Bound)
    $class = 'SetConfigurationPropertyCommand'
    $null = Assert-LabIisAvailable -CommandName 'Set-WebConfigurationProperty'
    $psPath = Resolve-LabIisPSPath -PSPath $Bound['PSPath'] -Location (@($Bound['Location']) -join '') -Class $class
    foreach ($at in @('AtElement', 'AtIndex', 'AtName')) {
        if ($Bound.ContainsKey($at)) {
            throw (New-LabIisError -Class $class -ExceptionType 'System.NotSupportedException' -Id 'NotSupported' -Category 'NotImplemented' -Target $at `
                    -Message ("The lab's IIS sets attributes of single elements only: address the element with -Filter, not -" + $at + '.'))
        }
    }
    $value = $Bound['Value']
    if ($Cmdlet.ParameterSetName -eq 'InputObject') { $value = $Bound['InputObject'] }
    if ($value -is [psobject] -and $value.PSObject.TypeNames -notcontains 'Microsoft.IIs.PowerShell.Framework.ConfigurationAttribute') { $value = $value.PSObject.BaseObject }
    $name = [string]$Bound['Name']
    $filters = @($Bound['Filter'])
    $result = Update-LabStateConfirmed -Cmdlet $Cmdlet -Script {
        param($s, $gate)
        $iis = Get-LabIisConfig -State $s -ForWrite
        $missing = New-Object System.Collections.ArrayList
        foreach ($filter in $filters) {
            $node = Resolve-LabIisFilter -Filter $filter -Class $class
            if ($node.Kind -like '*Section' -or $node.Kind -eq 'Pools' -or $node.Kind -eq 'Sites') {
                throw (New-LabIisError -Class $class -ExceptionType 'System.NotSupportedException' -Id 'NotSupported' -Category 'NotImplemented' -Target $filter `
                        -Message ("The lab's IIS sets attributes of one pool or site: address it by name in -Filter ('" + $filter + "')."))
            }
            $target = Get-LabIisNodeTarget -Iis $iis -Node $node
            if ($null -eq $target) { [void]$missing.Add($filter); continue }
            $spec = Find-WaSpec -Kind $node.Kind -Name $name
            if ($null -eq $spec) { throw (New-WaPropertyNotFound -Class $class -Name $name -Node $node) }
            $converted = ConvertTo-LabIisAttributeValue -Spec $spec -Value $value -Kind $node.Kind -Class $class
            if ($gate.ShouldProcess((Get-LabIisItemXPath -Node $node) + '/@' + $spec.Name, 'Set-WebConfigurationProperty')) {
                $changed = -not ($target.ContainsKey($spec.Key) -and [string]$target[$spec.Key] -ceq [string]$converted)
                $target[$spec.Key] = $converted
                if ($changed -and $node.Kind -eq 'ProcessModel') { Update-LabIisPoolOnConfigChange -State $s -PoolName $node.Pool }
            }
        }
        , $missing.ToArray()
    }
    foreach ($f in @($result)) {
        if ($null -eq $f) { continue }
        Write-Warning ("Target configuration object '" + $f + " is not found at path '" + $psPath + "'.")
    }
}
