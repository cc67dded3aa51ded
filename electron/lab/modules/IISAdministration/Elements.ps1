# Get-IISAppPool and Get-IISSite, and the Microsoft.Web.Administration-shaped objects they return. Each object
# carries the LabIis node it stands for in a hidden LabIisNode property, which the attribute cmdlets follow.

$script:Mwa = 'Microsoft.Web.Administration.'
# Which LabIis node each handed-out object stands for, kept beside the object (not as a property the real object
# lacks); weak, so objects the caller drops are not held.
$script:IaNodes = New-Object 'System.Runtime.CompilerServices.ConditionalWeakTable[object,object]'

function New-IaElement {
    <# A PSCustomObject typed as Microsoft.Web.Administration.<Type> (a ConfigurationElement) for LabIis node $Node. #>
    param([string]$Type, [System.Collections.IDictionary]$Properties, [hashtable]$Node)
    $o = [pscustomobject]$Properties
    $o.PSObject.TypeNames.Insert(0, $script:Mwa + 'ConfigurationElement')
    if ($Type -ne 'ConfigurationElement') { $o.PSObject.TypeNames.Insert(0, $script:Mwa + $Type) }
    $script:IaNodes.Add($o, $Node)
    return $o
}

function Get-IaNode {
    <# The LabIis node of an object this module handed out, or $null. #>
    param($Element)
    $node = $null
    if ($null -ne $Element -and $script:IaNodes.TryGetValue($Element, [ref]$node)) { return $node }
    return $null
}

function New-IaPool {
    param([hashtable]$Pool)
    $pm = $Pool.processModel
    $pmNode = @{ Kind = 'ProcessModel'; Pool = [string]$Pool.name; Filter = '' }
    $processModel = New-IaElement -Type 'ApplicationPoolProcessModel' -Node $pmNode -Properties ([ordered]@{
            IdentityType = [string]$pm.identityType; UserName = [string]$pm.userName; Password = [string]$pm.password
            LoadUserProfile = [bool]$pm.loadUserProfile; LogonType = 'LogonBatch'; IdleTimeout = [timespan]'00:20:00'; MaxProcesses = [long]1
        })
    $rotation = Get-LabIisRecycling -Pool $Pool
    $recycling = New-IaElement -Type 'ApplicationPoolRecycling' -Node @{ Kind = 'Recycling'; Pool = [string]$Pool.name; Filter = '' } -Properties ([ordered]@{
            DisallowOverlappingRotation = $false; DisallowRotationOnConfigChange = [bool]$rotation.disallowRotationOnConfigChange
            LogEventOnRecycle = 'Time, Memory, PrivateMemory'
        })
    return New-IaElement -Type 'ApplicationPool' -Node @{ Kind = 'Pool'; Pool = [string]$Pool.name; Filter = '' } -Properties ([ordered]@{
            Name = [string]$Pool.name; State = [string]$Pool.state; AutoStart = [bool]$Pool.autoStart
            ManagedRuntimeVersion = [string]$Pool.managedRuntimeVersion; ManagedPipelineMode = [string]$Pool.managedPipelineMode
            StartMode = [string]$Pool.startMode; Enable32BitAppOnWin64 = $false; QueueLength = [long]1000; ProcessModel = $processModel
            Recycling = $recycling
        })
}

function New-IaSite {
    param([hashtable]$Site)
    $name = [string]$Site.name
    $bindings = @($Site.bindings | ForEach-Object {
            New-IaElement -Type 'Binding' -Node @{ Kind = 'Binding'; Site = $name; Filter = '' } -Properties ([ordered]@{
                    Protocol = [string]$_.protocol; BindingInformation = [string]$_.bindingInformation; Host = ([string]$_.bindingInformation -split ':')[-1]
                })
        })
    $vdir = New-IaElement -Type 'VirtualDirectory' -Node @{ Kind = 'SiteVdir'; Site = $name; Filter = '' } -Properties ([ordered]@{
            Path = '/'; PhysicalPath = [string]$Site.physicalPath; UserName = ''; LogonMethod = 'ClearText'
        })
    $app = New-IaElement -Type 'Application' -Node @{ Kind = 'SiteApp'; Site = $name; Filter = '' } -Properties ([ordered]@{
            Path = '/'; ApplicationPoolName = [string]$Site.applicationPool; EnabledProtocols = 'http'; VirtualDirectories = @($vdir)
        })
    return New-IaElement -Type 'Site' -Node @{ Kind = 'Site'; Site = $name; Filter = '' } -Properties ([ordered]@{
            Name = $name; Id = [long]$Site.id; State = [string]$Site.state; ServerAutoStart = [bool]$Site.serverAutoStart
            Bindings = $bindings; Applications = @($app)
        })
}

function LabImpl-Get-IISAppPool {
    param($Cmdlet, $Bound)
    $state = Assert-LabIisAvailable -CommandName 'Get-IISAppPool'
    $iis = Get-LabIisConfig -State $state
    if (-not ($Bound.ContainsKey('Name') -and $Bound['Name'])) { foreach ($p in $iis.appPools) { New-IaPool -Pool $p }; return }
    foreach ($n in $Bound['Name']) {
        $p = Find-LabIisPool -Iis $iis -Name ([string]$n)
        if ($null -ne $p) { New-IaPool -Pool $p }
    }
}

function LabImpl-Get-IISSite {
    param($Cmdlet, $Bound)
    $state = Assert-LabIisAvailable -CommandName 'Get-IISSite'
    $iis = Get-LabIisConfig -State $state
    if (-not ($Bound.ContainsKey('Name') -and $Bound['Name'])) { foreach ($s in $iis.sites) { New-IaSite -Site $s }; return }
    foreach ($n in $Bound['Name']) {
        $s = Find-LabIisSite -Iis $iis -Name ([string]$n)
        if ($null -ne $s) { New-IaSite -Site $s }
    }
}
