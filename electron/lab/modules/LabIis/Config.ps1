# applicationHost.config as the lab keeps it: hosts.<computer>.iis = { appPools, sites } (electron/lab/
# state.ts). The configuration cmdlets address it with a PSPath (MACHINE/WEBROOT/APPHOST) and an XPath filter; the
# lab models the part of the schema the app-pool work reads and writes:
#   system.applicationHost/applicationPools[/add[@name='X'][/processModel|/recycling]]
#   system.applicationHost/sites[/site[@name='X'][/application[@path='/'][/virtualDirectory[@path='/']]]]
# Any other section or path is refused with a lab error saying so (never a silent wrong answer).
# Attributes carry their IIS schema type: enums are read back as their names, booleans and numbers as such.
# Attributes the lab does not vary keep IIS 10's defaults and cannot be set here.

$script:IisClass = 'Microsoft.IIs.PowerShell.Provider.'
$script:IisApphost = 'MACHINE/WEBROOT/APPHOST'
$script:IisPoolsSection = 'system.applicationHost/applicationPools'
$script:IisSitesSection = 'system.applicationHost/sites'

function New-LabIisError {
    <# An error as the WebAdministration cmdlet $Class (e.g. 'StartAppPoolCommand') raises it. #>
    param([string]$Class, [string]$ExceptionType, [string]$Message, [string]$Id, [string]$Category, $Target)
    return New-LabError -ExceptionType $ExceptionType -Message $Message -ErrorId ($Id + ',' + $script:IisClass + $Class) -Category $Category -Target $Target
}

function Assert-LabIisAvailable {
    <# The IIS cmdlets exist where IIS (Web-Server) is installed, and applicationHost.config opens for an elevated
       administrator only (IIS's own error text when it cannot be read). Returns the state it read. #>
    param([string]$CommandName, [hashtable]$State)
    if ($null -eq $State) { $State = Get-LabState }
    $ctx = Get-LabContext
    $hostState = Get-LabHost -State $State -Name $ctx.Computer
    if ($null -eq $hostState -or -not ($hostState.features -is [hashtable] -and $hostState.features['Web-Server'])) {
        throw (New-LabError -ExceptionType 'System.Management.Automation.CommandNotFoundException' `
                -Message ("The term '" + $CommandName + "' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.") `
                -ErrorId 'CommandNotFoundException' -Category 'ObjectNotFound' -Target $CommandName)
    }
    if (-not $ctx.Elevated) {
        throw (New-LabError -ExceptionType 'System.UnauthorizedAccessException' `
                -Message ("Filename: redirection.config`r`nError: Cannot read configuration file due to insufficient permissions`r`n") `
                -ErrorId 'System.UnauthorizedAccessException' -Category 'PermissionDenied' -Target $CommandName)
    }
    return $State
}

function New-LabIisPool {
    <# A pool as IIS 10 creates it (applicationPoolDefaults): .NET v4.0, Integrated, ApplicationPoolIdentity, started. #>
    param([string]$Name)
    return @{
        name = $Name; state = 'Started'; autoStart = $true; managedRuntimeVersion = 'v4.0'; managedPipelineMode = 'Integrated'; startMode = 'OnDemand'
        processModel = @{ identityType = 'ApplicationPoolIdentity'; userName = ''; password = ''; loadUserProfile = $true }
    }
}

function Get-LabIisConfig {
    <# The current computer's IIS configuration (a host where Web-Server was installed after the scenario was built
       gets IIS setup's defaults: DefaultAppPool and the Default Web Site). With -ForWrite the defaults are stored. #>
    param([hashtable]$State, [switch]$ForWrite)
    $hostState = Get-LabHost -State $State -Name (Get-LabContext).Computer
    if ($hostState.ContainsKey('iis') -and $null -ne $hostState.iis) { return $hostState.iis }
    $site = @{ name = 'Default Web Site'; id = 1; state = 'Started'; serverAutoStart = $true; applicationPool = 'DefaultAppPool'
        physicalPath = '%SystemDrive%\inetpub\wwwroot'; bindings = @(@{ protocol = 'http'; bindingInformation = '*:80:' }) }
    $iis = @{ appPools = @((New-LabIisPool -Name 'DefaultAppPool')); sites = @($site) }
    if ($ForWrite) { $hostState.iis = $iis }
    return $iis
}

function Find-LabIisPool {
    param([hashtable]$Iis, [string]$Name)
    foreach ($p in $Iis.appPools) { if ([string]::Equals([string]$p.name, $Name, [System.StringComparison]::OrdinalIgnoreCase)) { return $p } }
    return $null
}

function Get-LabIisRecycling {
    <# A pool's recycling element; pools the scenario wrote without one get IIS's default (rotation on a
       configuration change allowed), kept on the pool so a write to it is stored. #>
    param([hashtable]$Pool)
    if (-not $Pool.ContainsKey('recycling') -or $null -eq $Pool.recycling) { $Pool.recycling = @{ disallowRotationOnConfigChange = $false } }
    return $Pool.recycling
}

function Find-LabIisSite {
    param([hashtable]$Iis, [string]$Name)
    foreach ($s in $Iis.sites) { if ([string]::Equals([string]$s.name, $Name, [System.StringComparison]::OrdinalIgnoreCase)) { return $s } }
    return $null
}

function Expand-LabIisPath {
    <# A physicalPath as Windows reads it: %SystemDrive% is C:. #>
    param([string]$Path)
    return ($Path -replace '(?i)%SystemDrive%', 'C:')
}

function Resolve-LabIisPSPath {
    <# The configuration path of -PSPath: MACHINE/WEBROOT/APPHOST (or IIS:\, the server level); a site's path
       (MACHINE/WEBROOT/APPHOST/<site>) reads the same applicationHost sections. Anything else is not modelled. #>
    param([string[]]$PSPath, [string]$Location, [string]$Class)
    $paths = @($PSPath | Where-Object { $_ })
    if ($paths.Count -eq 0) { $paths = @($script:IisApphost) }
    foreach ($p in $paths) {
        $t = ([string]$p).TrimEnd('/', '\')
        if ($t -match '^(?i)(MACHINE/WEBROOT/APPHOST(/[^/]+)?|IIS:)$') { continue }
        throw (New-LabIisError -Class $Class -ExceptionType 'System.NotSupportedException' -Id 'NotSupported' -Category 'NotImplemented' -Target $p `
                -Message ("The lab's IIS models the configuration path MACHINE/WEBROOT/APPHOST only (not the IIS: drive or web.config files): '" + $p + "'."))
    }
    if ($Location) {
        throw (New-LabIisError -Class $Class -ExceptionType 'System.NotSupportedException' -Id 'NotSupported' -Category 'NotImplemented' -Target $Location `
                -Message "The lab's IIS models no <location> tags: -Location cannot be used in practice mode.")
    }
    return $script:IisApphost
}

$script:IisLiteral = '(?:''(?<v>[^'']*)''|"(?<w>[^"]*)")'

function Get-LabIisLiteral {
    <# The XPath literal $Matches caught: 'v' when quoted with ', 'w' with ". #>
    param([hashtable]$Found)
    if ($Found.ContainsKey('v')) { return $Found['v'] }
    return $Found['w']
}

function Resolve-LabIisFilter {
    <# An XPath -Filter as a node of the modelled schema: @{ Kind; Pool; Site; XPath }. Kinds: PoolsSection, Pools,
       Pool, ProcessModel, Recycling, SitesSection, Sites, Site, SiteApp, SiteVdir. #>
    param([string]$Filter, [string]$Class)
    $f = $Filter.Trim().TrimStart('/')
    $lit = $script:IisLiteral
    $pools = '^(?i:system\.applicationHost/applicationPools)'
    $sites = '^(?i:system\.applicationHost/sites)'
    $node = $null
    if ($f -match ($pools + '$')) { $node = @{ Kind = 'PoolsSection' } }
    elseif ($f -match ($pools + '/add$')) { $node = @{ Kind = 'Pools' } }
    elseif ($f -match ($pools + '/add\[@name=' + $lit + '\]$')) { $node = @{ Kind = 'Pool'; Pool = (Get-LabIisLiteral $Matches) } }
    elseif ($f -match ($pools + '/add\[@name=' + $lit + '\]/processModel$')) { $node = @{ Kind = 'ProcessModel'; Pool = (Get-LabIisLiteral $Matches) } }
    elseif ($f -match ($pools + '/add\[@name=' + $lit + '\]/recycling$')) { $node = @{ Kind = 'Recycling'; Pool = (Get-LabIisLiteral $Matches) } }
    elseif ($f -match ($sites + '$')) { $node = @{ Kind = 'SitesSection' } }
    elseif ($f -match ($sites + '/site$')) { $node = @{ Kind = 'Sites' } }
    elseif ($f -match ($sites + '/site\[@name=' + $lit + '\]$')) { $node = @{ Kind = 'Site'; Site = (Get-LabIisLiteral $Matches) } }
    elseif ($f -match ($sites + '/site\[@name=' + $lit + '\]/application\[@path=''/''\]$')) { $node = @{ Kind = 'SiteApp'; Site = (Get-LabIisLiteral $Matches) } }
    elseif ($f -match ($sites + '/site\[@name=' + $lit + '\]/application\[@path=''/''\]/virtualDirectory\[@path=''/''\]$')) { $node = @{ Kind = 'SiteVdir'; Site = (Get-LabIisLiteral $Matches) } }
    if ($null -eq $node) {
        throw (New-LabIisError -Class $Class -ExceptionType 'System.NotSupportedException' -Id 'NotSupported' -Category 'NotImplemented' -Target $Filter `
                -Message ("The lab's IIS does not model the configuration filter '" + $Filter + "' (it models system.applicationHost/applicationPools/add[@name='...'][/processModel] and system.applicationHost/sites/site[@name='...'] with its root application and virtual directory)."))
    }
    $node.Filter = $Filter
    return $node
}

function Get-LabIisItemXPath {
    <# The element's canonical ItemXPath, as WebAdministration prints it. #>
    param([hashtable]$Node)
    $q = { param($s) if ($s.Contains("'")) { return '"' + $s + '"' } return "'" + $s + "'" }
    switch ($Node.Kind) {
        'PoolsSection' { return '/' + $script:IisPoolsSection }
        'Pool' { return '/' + $script:IisPoolsSection + '/add[@name=' + (& $q $Node.Pool) + ']' }
        'ProcessModel' { return '/' + $script:IisPoolsSection + '/add[@name=' + (& $q $Node.Pool) + ']/processModel' }
        'Recycling' { return '/' + $script:IisPoolsSection + '/add[@name=' + (& $q $Node.Pool) + ']/recycling' }
        'SitesSection' { return '/' + $script:IisSitesSection }
        'Site' { return '/' + $script:IisSitesSection + '/site[@name=' + (& $q $Node.Site) + ']' }
        'SiteApp' { return '/' + $script:IisSitesSection + '/site[@name=' + (& $q $Node.Site) + "]/application[@path='/']" }
        'SiteVdir' { return '/' + $script:IisSitesSection + '/site[@name=' + (& $q $Node.Site) + "]/application[@path='/']/virtualDirectory[@path='/']" }
    }
    return '/' + $Node.Filter.TrimStart('/')
}

function Get-LabIisNodeTarget {
    <# The state object a single-element node stands for (pool, its processModel, site), or $null when it matches
       nothing. Collection nodes (Pools, Sites) give their nodes, one per element. #>
    param([hashtable]$Iis, [hashtable]$Node)
    switch ($Node.Kind) {
        'Pools' { return , @($Iis.appPools | ForEach-Object { @{ Kind = 'Pool'; Pool = [string]$_.name; Filter = $Node.Filter } }) }
        'Sites' { return , @($Iis.sites | ForEach-Object { @{ Kind = 'Site'; Site = [string]$_.name; Filter = $Node.Filter } }) }
        'PoolsSection' { return $Iis }
        'SitesSection' { return $Iis }
        'Pool' { return (Find-LabIisPool -Iis $Iis -Name $Node.Pool) }
        'ProcessModel' { $p = Find-LabIisPool -Iis $Iis -Name $Node.Pool; if ($null -eq $p) { return $null }; return $p.processModel }
        'Recycling' { $p = Find-LabIisPool -Iis $Iis -Name $Node.Pool; if ($null -eq $p) { return $null }; return (Get-LabIisRecycling -Pool $p) }
        default { return (Find-LabIisSite -Iis $Iis -Name $Node.Site) }
    }
}

function New-LabIisSpec {
    param([string]$Name, [string]$Type, $Key = $null, $Fixed = $null, [string[]]$Values = @())
    return @{ Name = $Name; Type = $Type; Key = $Key; Fixed = $Fixed; Values = $Values }
}

# Each modelled element's attributes in IIS schema order (IIS_schema.xml). Key: the state field; Fixed: IIS 10's
# default, which the lab does not vary. Enums list their names in value order (identityType 3 = SpecificUser).
$script:IisAttributes = @{
    Pool         = @(
        (New-LabIisSpec 'name' 'string' 'name'),
        (New-LabIisSpec 'queueLength' 'uint' $null ([uint32]1000)),
        (New-LabIisSpec 'autoStart' 'bool' 'autoStart'),
        (New-LabIisSpec 'enable32BitAppOnWin64' 'bool' $null $false),
        (New-LabIisSpec 'managedRuntimeVersion' 'string' 'managedRuntimeVersion'),
        (New-LabIisSpec 'managedRuntimeLoader' 'string' $null 'webengine4.dll'),
        (New-LabIisSpec 'enableConfigurationOverride' 'bool' $null $true),
        (New-LabIisSpec 'managedPipelineMode' 'enum' 'managedPipelineMode' $null @('Integrated', 'Classic')),
        (New-LabIisSpec 'CLRConfigFile' 'string' $null ''),
        (New-LabIisSpec 'passAnonymousToken' 'bool' $null $true),
        (New-LabIisSpec 'startMode' 'enum' 'startMode' $null @('OnDemand', 'AlwaysRunning'))
    )
    ProcessModel = @(
        (New-LabIisSpec 'identityType' 'enum' 'identityType' $null @('LocalSystem', 'LocalService', 'NetworkService', 'SpecificUser', 'ApplicationPoolIdentity')),
        (New-LabIisSpec 'userName' 'string' 'userName'),
        (New-LabIisSpec 'password' 'string' 'password'),
        (New-LabIisSpec 'loadUserProfile' 'bool' 'loadUserProfile'),
        (New-LabIisSpec 'setProfileEnvironment' 'bool' $null $true),
        # The pool's default logon type: why its identity needs "Log on as a batch job".
        (New-LabIisSpec 'logonType' 'enum' $null 'LogonBatch' @('LogonBatch', 'LogonService')),
        (New-LabIisSpec 'manualGroupMembership' 'bool' $null $false),
        (New-LabIisSpec 'idleTimeoutAction' 'enum' $null 'Terminate' @('Terminate', 'Suspend')),
        (New-LabIisSpec 'idleTimeout' 'timespan' $null ([timespan]'00:20:00')),
        (New-LabIisSpec 'maxProcesses' 'uint' $null ([uint32]1)),
        (New-LabIisSpec 'shutdownTimeLimit' 'timespan' $null ([timespan]'00:01:30')),
        (New-LabIisSpec 'startupTimeLimit' 'timespan' $null ([timespan]'00:01:30')),
        (New-LabIisSpec 'pingingEnabled' 'bool' $null $true)
    )
    # applicationPools/add/recycling: whether a configuration change recycles the pool (Was.ps1).
    Recycling    = @(
        (New-LabIisSpec 'disallowOverlappingRotation' 'bool' $null $false),
        (New-LabIisSpec 'disallowRotationOnConfigChange' 'bool' 'disallowRotationOnConfigChange'),
        (New-LabIisSpec 'logEventOnRecycle' 'string' $null 'Time, Memory, PrivateMemory')
    )
    Site         = @(
        (New-LabIisSpec 'name' 'string' 'name'),
        (New-LabIisSpec 'id' 'uint' 'id'),
        (New-LabIisSpec 'serverAutoStart' 'bool' 'serverAutoStart')
    )
    SiteApp      = @(
        (New-LabIisSpec 'path' 'string' $null '/'),
        (New-LabIisSpec 'applicationPool' 'string' 'applicationPool'),
        (New-LabIisSpec 'enabledProtocols' 'string' $null 'http')
    )
    SiteVdir     = @(
        (New-LabIisSpec 'path' 'string' $null '/'),
        (New-LabIisSpec 'physicalPath' 'string' 'physicalPath'),
        (New-LabIisSpec 'userName' 'string' $null ''),
        (New-LabIisSpec 'password' 'string' $null '')
    )
    PoolsSection = @()
    SitesSection = @()
}

# Names that can't be changed here: an element's key (renaming a pool or site is not modelled).
$script:IisReadOnly = @{ Pool = @('name'); Site = @('name', 'id') }

function Get-LabIisAttributeSpecs {
    param([string]$Kind)
    return $script:IisAttributes[$Kind]
}

function Get-LabIisChildNames {
    <# Child elements the lab models under a node (their Get-WebConfigurationProperty -Name). #>
    param([string]$Kind)
    switch ($Kind) {
        'Pool' { return @('processModel', 'recycling') }
        'Site' { return @('application') }
    }
    return @()
}

function ConvertTo-LabIisAttributeValue {
    <# A value for attribute $Spec as IIS stores it: an enum's name (from its name, any case, or its number), a
       boolean, a number, a string. Anything else is refused as IIS refuses it. #>
    param([hashtable]$Spec, $Value, [string]$Kind, [string]$Class)
    if ($Value -is [psobject] -and $null -ne $Value.PSObject.Properties['Value'] -and $Value.PSObject.TypeNames -contains 'Microsoft.IIs.PowerShell.Framework.ConfigurationAttribute') { $Value = $Value.Value }
    if ($null -ne $Spec.Fixed -or ($script:IisReadOnly[$Kind] -contains $Spec.Name)) {
        throw (New-LabIisError -Class $Class -ExceptionType 'System.NotSupportedException' -Id 'NotSupported' -Category 'NotImplemented' -Target $Spec.Name `
                -Message ("The lab's IIS keeps '" + $Spec.Name + "' at IIS's default; it cannot be changed in practice mode."))
    }
    $bad = { throw (New-LabIisError -Class $Class -ExceptionType 'System.ArgumentException' -Id 'InvalidArgument' -Category 'InvalidArgument' -Target $Value `
                -Message ("'" + [string]$Value + "' is not a valid value for attribute '" + $Spec.Name + "'.")) }
    switch ($Spec.Type) {
        'enum' {
            $text = [string]$Value
            $n = 0
            if ([int]::TryParse($text, [ref]$n)) {
                if ($n -ge 0 -and $n -lt $Spec.Values.Count) { return $Spec.Values[$n] }
                & $bad
            }
            foreach ($v in $Spec.Values) { if ([string]::Equals($v, $text, [System.StringComparison]::OrdinalIgnoreCase)) { return $v } }
            throw (New-LabIisError -Class $Class -ExceptionType 'System.ArgumentException' -Id 'InvalidArgument' -Category 'InvalidArgument' -Target $Value `
                    -Message ("Enum must be one of " + ($Spec.Values -join ', ')))
        }
        'bool' {
            if ($Value -is [bool]) { return $Value }
            if ([string]$Value -eq 'true') { return $true }
            if ([string]$Value -eq 'false') { return $false }
            & $bad
        }
        'uint' {
            $u = [uint32]0
            if ([uint32]::TryParse([string]$Value, [ref]$u)) { return [int]$u }
            & $bad
        }
        default { if ($null -eq $Value) { return '' }; return [string]$Value }
    }
}
