# The objects the lab's IIS cmdlets return. WebAdministration returns Microsoft.IIs.PowerShell.Framework types:
# ConfigurationAttribute (Name, Value, TypeName, IsInheritedFromDefaultValue, ...) for a simple attribute and
# ConfigurationElement (the attributes as properties, child elements as nested elements) for an element. Like the
# real module, Get-WebConfigurationProperty gives an ENUM attribute (identityType, managedPipelineMode, startMode)
# as its name in a plain string, not as a ConfigurationAttribute. Microsoft.IIs.PowerShell.Framework is absent off
# Windows: these are PSCustomObjects with the real type names on top.

$script:IisFramework = 'Microsoft.IIs.PowerShell.Framework.'
$script:IisTags = @{ Pool = 'add'; ProcessModel = 'processModel'; Recycling = 'recycling'; Site = 'site'; SiteApp = 'application'; SiteVdir = 'virtualDirectory'; PoolsSection = 'applicationPools'; SitesSection = 'sites' }

function Get-LabIisAttributeRead {
    <# An attribute's value as IIS reads it, typed by its schema: an enum's name, a bool, a UInt32, a TimeSpan. #>
    param([hashtable]$Spec, $Target)
    $v = $Spec.Fixed
    if ($null -ne $Spec.Key) { $v = $Target[$Spec.Key] }
    switch ($Spec.Type) {
        'bool' { return [bool]$v }
        'uint' { return [uint32]$v }
        'timespan' { return [timespan]$v }
        default { if ($null -eq $v) { return '' }; return [string]$v }
    }
}

function New-LabIisConfigAttribute {
    param([hashtable]$Node, [hashtable]$Spec, $Target, [string]$PSPath)
    $value = Get-LabIisAttributeRead -Spec $Spec -Target $Target
    $typeName = switch ($Spec.Type) { 'bool' { 'System.Boolean' } 'uint' { 'System.UInt32' } 'timespan' { 'System.TimeSpan' } 'enum' { 'System.Int32' } default { 'System.String' } }
    $a = [pscustomobject][ordered]@{
        IsInheritedFromDefaultValue = ($null -ne $Spec.Fixed)
        IsProtected                 = $false
        Name                        = $Spec.Name
        TypeName                    = $typeName
        Schema                      = $null
        Value                       = $value
        Metadata                    = $null
        PSPath                      = $PSPath
        Location                    = ''
        ItemXPath                   = (Get-LabIisItemXPath -Node $Node)
    }
    $a.PSObject.TypeNames.Insert(0, $script:IisFramework + 'ConfigurationAttribute')
    return $a
}

function New-LabIisConfigElement {
    <# A ConfigurationElement for $Node: its attributes as properties (enums as names), its modelled child elements
       nested, and WebAdministration's ItemXPath/PSPath. #>
    param([hashtable]$Node, $Target, [string]$PSPath)
    $props = [ordered]@{}
    $attributes = New-Object System.Collections.ArrayList
    $target = $Target
    foreach ($spec in (Get-LabIisAttributeSpecs -Kind $Node.Kind)) {
        $props[$spec.Name] = Get-LabIisAttributeRead -Spec $spec -Target $target
        [void]$attributes.Add((New-LabIisConfigAttribute -Node $Node -Spec $spec -Target $target -PSPath $PSPath))
    }
    if ($Node.Kind -eq 'Pool') {
        $props['processModel'] = New-LabIisConfigElement -Node @{ Kind = 'ProcessModel'; Pool = $Node.Pool; Filter = $Node.Filter } -Target $Target.processModel -PSPath $PSPath
        $props['recycling'] = New-LabIisConfigElement -Node @{ Kind = 'Recycling'; Pool = $Node.Pool; Filter = $Node.Filter } -Target (Get-LabIisRecycling -Pool $Target) -PSPath $PSPath
    }
    $props['ItemXPath'] = Get-LabIisItemXPath -Node $Node
    $props['PSPath'] = $PSPath
    $props['Location'] = ''
    $props['ElementTagName'] = $script:IisTags[$Node.Kind]
    $props['Attributes'] = [object[]]$attributes.ToArray()
    $props['Schema'] = $null
    $e = [pscustomobject]$props
    $e.PSObject.TypeNames.Insert(0, $script:IisFramework + 'ConfigurationElement')
    $e.PSObject.TypeNames.Insert(0, $script:IisFramework + 'ConfigurationElement#' + $script:IisTags[$Node.Kind])
    return $e
}

function New-LabIisPoolObject {
    <# An application pool as WebAdministration returns it (New-WebAppPool, Start-WebAppPool -Passthru): the add
       element with its runtime state. #>
    param([hashtable]$Pool, [string]$Computer)
    $node = @{ Kind = 'Pool'; Pool = [string]$Pool.name; Filter = $script:IisPoolsSection }
    $e = New-LabIisConfigElement -Node $node -Target $Pool -PSPath ('WebAdministration::\\' + $Computer + '\AppPools')
    Add-Member -InputObject $e -NotePropertyName state -NotePropertyValue ([string]$Pool.state)
    return $e
}

function New-LabIisSiteObject {
    <# A site as Get-Website / New-Website return it. #>
    param([hashtable]$Site, [string]$Computer)
    $bindings = @($Site.bindings | ForEach-Object {
            $b = [pscustomobject][ordered]@{ protocol = [string]$_.protocol; bindingInformation = [string]$_.bindingInformation; sslFlags = 0 }
            $b.PSObject.TypeNames.Insert(0, $script:IisFramework + 'ConfigurationElement')
            $b
        })
    $collection = [pscustomobject]@{ Collection = [object[]]$bindings }
    $collection.PSObject.TypeNames.Insert(0, $script:IisFramework + 'ConfigurationElement')
    $s = [pscustomobject][ordered]@{
        name            = [string]$Site.name
        id              = [uint32]$Site.id
        serverAutoStart = [bool]$Site.serverAutoStart
        state           = [string]$Site.state
        bindings        = $collection
        physicalPath    = [string]$Site.physicalPath
        applicationPool = [string]$Site.applicationPool
        enabledProtocols = 'http'
        ItemXPath       = (Get-LabIisItemXPath -Node @{ Kind = 'Site'; Site = [string]$Site.name })
        PSPath          = ('WebAdministration::\\' + $Computer + '\Sites')
    }
    $s.PSObject.TypeNames.Insert(0, $script:IisFramework + 'ConfigurationElement')
    $s.PSObject.TypeNames.Insert(0, $script:IisFramework + 'ConfigurationElement#site')
    return $s
}
