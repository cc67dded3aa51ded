# The domain and forest as a whole: Get-ADDomain, Get-ADForest, Get-ADRootDSE and Get-ADDomainController
# (by identity, -Filter, or -Discover).

# -Identity of the domain-wide cmdlets names this domain: its DN, GUID, SID, DNS or NetBIOS name (-notcontains
# compares without case, as AD does); anything else is not found under the domain.
function Assert-LabAdDomainIdentity {
    param($State, $Bound, [string]$CmdletName)
    if (-not $Bound.ContainsKey('Identity')) { return }
    $d = $State.domain
    $base = $d.distinguishedName
    $id = Get-LabAdIdText $Bound['Identity']
    if (@($d.dnsRoot, $d.netBIOSName, $base, $d.domainSid, (Get-LabAdStableGuid $base).ToString()) -notcontains $id) {
        throw (New-LabAdNotFoundError -CmdletName $CmdletName -Identity $Bound['Identity'] -Under $base)
    }
}

function LabImpl-Get-ADDomain {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADDomain'
    $state = Get-LabState
    $null = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $d = $state.domain
    $base = $d.distinguishedName
    Assert-LabAdDomainIdentity -State $state -Bound $Bound -CmdletName $cmd
    $replicas = @($state.domainControllers | ForEach-Object { [string]$_.hostName })
    $out = New-Object Microsoft.ActiveDirectory.Management.ADDomain ([string]$base)
    $notes = [ordered]@{
        AllowedDNSSuffixes                 = @()
        ChildDomains                       = @()
        ComputersContainer                 = "CN=Computers,$base"
        DeletedObjectsContainer            = "CN=Deleted Objects,$base"
        DistinguishedName                  = $base
        DNSRoot                            = $d.dnsRoot
        DomainControllersContainer         = "OU=Domain Controllers,$base"
        DomainMode                         = [Microsoft.ActiveDirectory.Management.ADDomainMode][string]$d.domainMode
        DomainSID                          = ConvertTo-LabSid $d.domainSid
        ForeignSecurityPrincipalsContainer = "CN=ForeignSecurityPrincipals,$base"
        Forest                             = $state.forest.name
        InfrastructureMaster               = $d.pdcEmulator
        LastLogonReplicationInterval       = $null
        LinkedGroupPolicyObjects           = @("CN={31B2F340-016D-11D2-945F-00C04FB984F9},CN=Policies,CN=System,$base")
        LostAndFoundContainer              = "CN=LostAndFound,$base"
        ManagedBy                          = $null
        Name                               = $d.dnsRoot.Split('.')[0]
        NetBIOSName                        = $d.netBIOSName
        ObjectClass                        = 'domainDNS'
        ObjectGUID                         = Get-LabAdStableGuid $base
        ParentDomain                       = $null
        PDCEmulator                        = $d.pdcEmulator
        PublicKeyRequiredPasswordRolling   = $null
        QuotasContainer                    = "CN=NTDS Quotas,$base"
        ReadOnlyReplicaDirectoryServers    = @()
        ReplicaDirectoryServers            = $replicas
        RIDMaster                          = $d.pdcEmulator
        SubordinateReferences              = @("DC=ForestDnsZones,$base", "DC=DomainDnsZones,$base", "CN=Configuration,$base")
        SystemsContainer                   = "CN=System,$base"
        UsersContainer                     = "CN=Users,$base"
    }
    $null = Add-LabAdEntityProperties $out $notes
    $out
}

function LabImpl-Get-ADForest {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADForest'
    $state = Get-LabState
    $null = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $f = $state.forest
    $base = $state.domain.distinguishedName
    if ($Bound.ContainsKey('Identity')) {
        $id = Get-LabAdIdText $Bound['Identity']
        if (@($f.name, $state.domain.netBIOSName, $base) -notcontains $id) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under $base) }
    }
    $sites = New-Object System.Collections.ArrayList
    foreach ($dc in $state.domainControllers) { if (-not $sites.Contains($dc.site)) { [void]$sites.Add($dc.site) } }
    $out = New-Object Microsoft.ActiveDirectory.Management.ADForest ([string]$f.name)
    $notes = [ordered]@{
        ApplicationPartitions = @("DC=DomainDnsZones,$base", "DC=ForestDnsZones,$base")
        CrossForestReferences = @()
        DomainNamingMaster    = $f.domainNamingMaster
        Domains               = @($state.domain.dnsRoot)
        ForestMode            = [Microsoft.ActiveDirectory.Management.ADForestMode][string]$f.forestMode
        GlobalCatalogs        = @($state.domainControllers | Where-Object { $_.isGlobalCatalog } | ForEach-Object { [string]$_.hostName })
        Name                  = $f.name
        PartitionsContainer   = "CN=Partitions,CN=Configuration,$base"
        RootDomain            = $state.domain.dnsRoot
        SchemaMaster          = $f.schemaMaster
        Sites                 = $sites.ToArray()
        SPNSuffixes           = @()
        UPNSuffixes           = @()
    }
    $null = Add-LabAdEntityProperties $out $notes
    $out
}

function LabImpl-Get-ADRootDSE {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADRootDSE'
    $state = Get-LabState
    $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $base = $state.domain.distinguishedName
    $config = "CN=Configuration,$base"
    $out = New-Object Microsoft.ActiveDirectory.Management.ADEntity ''
    $notes = [ordered]@{
        configurationNamingContext    = $config
        currentTime                   = Get-LabNow
        defaultNamingContext          = $base
        dnsHostName                   = $dc.hostName
        domainControllerFunctionality = Get-LabAdDcFunctionality $dc.operatingSystemVersion
        domainFunctionality           = [Microsoft.ActiveDirectory.Management.ADDomainMode][string]$state.domain.domainMode
        dsServiceName                 = Get-LabAdNtdsDn -State $state -Dc $dc
        forestFunctionality           = [Microsoft.ActiveDirectory.Management.ADForestMode][string]$state.forest.forestMode
        highestCommittedUSN           = 100000 + $state.objects.Count
        isGlobalCatalogReady          = [bool]$dc.isGlobalCatalog
        isSynchronized                = $true
        ldapServiceName               = "$($state.domain.dnsRoot):$($dc.name.ToLowerInvariant())`$@$($state.domain.dnsRoot.ToUpperInvariant())"
        namingContexts                = @($base, $config, "CN=Schema,$config", "DC=DomainDnsZones,$base", "DC=ForestDnsZones,$base")
        rootDomainNamingContext       = $base
        schemaNamingContext           = "CN=Schema,$config"
        serverName                    = "CN=$($dc.name),CN=Servers,CN=$($dc.site),CN=Sites,$config"
        subschemaSubentry             = "CN=Aggregate,CN=Schema,$config"
        supportedCapabilities         = @('1.2.840.113556.1.4.800', '1.2.840.113556.1.4.1670', '1.2.840.113556.1.4.1791', '1.2.840.113556.1.4.1935', '1.2.840.113556.1.4.2080', '1.2.840.113556.1.4.2237')
        supportedControl              = @('1.2.840.113556.1.4.319', '1.2.840.113556.1.4.801', '1.2.840.113556.1.4.473', '1.2.840.113556.1.4.528', '1.2.840.113556.1.4.417')
        supportedLDAPPolicies         = @('MaxPoolThreads', 'MaxDatagramRecv', 'MaxReceiveBuffer', 'InitRecvTimeout', 'MaxConnections', 'MaxConnIdleTime', 'MaxPageSize', 'MaxQueryDuration', 'MaxResultSetSize')
        supportedLDAPVersion          = @(3, 2)
        supportedSASLMechanisms       = @('GSSAPI', 'GSS-SPNEGO', 'EXTERNAL', 'DIGEST-MD5')
    }
    $null = Add-LabAdEntityProperties $out $notes
    $out
}

function LabImpl-Get-ADDomainController {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADDomainController'
    $state = Get-LabState
    $ctx = Get-LabContext
    if ($Cmdlet.ParameterSetName -eq 'DiscoverByService') {
        if ($Bound.ContainsKey('DomainName') -and $Bound['DomainName'] -and @($state.domain.dnsRoot, $state.domain.netBIOSName) -notcontains [string]$Bound['DomainName']) {
            throw (New-LabAdServerError -CmdletName $cmd -Code 1355 -Target $Bound['DomainName'] -Category 'ObjectNotFound' -Message 'The specified domain either does not exist or could not be contacted')
        }
        $minimum = @{ Windows2000 = 5.0; Windows2008 = 6.0; Windows2012 = 6.2; Windows2012R2 = 6.3 }
        $ordered = New-Object System.Collections.ArrayList
        foreach ($dc in $state.domainControllers) { if ($dc.name -eq $ctx.DomainController) { [void]$ordered.Add($dc) } }
        foreach ($dc in $state.domainControllers) { if ($dc.name -ne $ctx.DomainController) { [void]$ordered.Add($dc) } }
        foreach ($dc in $ordered) {
            if (-not $dc.reachable) { continue }
            if ($Bound['AvoidSelf'] -and $dc.name -eq $ctx.Computer) { continue }
            if ($Bound.ContainsKey('SiteName') -and $Bound['SiteName'] -and $dc.site -ne [string]$Bound['SiteName']) { continue }
            if ($Bound.ContainsKey('MinimumDirectoryServiceVersion')) {
                $need = [double]$minimum[[string]$Bound['MinimumDirectoryServiceVersion']]
                $have = [double]([regex]::Match([string]$dc.operatingSystemVersion, '^\d+\.\d+').Value)
                if ($have -lt $need) { continue }
            }
            $ok = $true
            foreach ($svc in @($Bound['Service'])) {
                if ($null -eq $svc) { continue }
                $flags = [int]$svc
                if (($flags -band 1) -and $state.domain.pdcEmulator -ne $dc.hostName) { $ok = $false }
                if (($flags -band 2) -and -not $dc.isGlobalCatalog) { $ok = $false }
            }
            if (-not $ok) { continue }
            ConvertTo-LabAdDcOutput -State $state -Dc $dc -Discover
            return
        }
        throw (New-LabAdServerError -CmdletName $cmd -Code 1355 -Target $state.domain.dnsRoot -Category 'ObjectNotFound' -Message 'The specified domain either does not exist or could not be contacted')
    }
    $server = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    if ($Cmdlet.ParameterSetName -eq 'Filter') {
        $tree = ConvertFrom-LabAdFilter -Filter ([string]$Bound['Filter']) -CmdletName $cmd
        foreach ($dc in $state.domainControllers) {
            $out = ConvertTo-LabAdDcOutput -State $state -Dc $dc
            if ($tree.t -eq 'all' -or (Test-LabAdFilter $tree (ConvertTo-LabAdPlainTable $out) $null)) { $out }
        }
        return
    }
    if ($Bound.ContainsKey('Identity') -and $null -ne $Bound['Identity']) {
        $id = Get-LabAdIdText $Bound['Identity']
        $dc = Find-LabAdDcRecord -State $state -Id $id
        if ($null -eq $dc) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under $state.domain.distinguishedName) }
        ConvertTo-LabAdDcOutput -State $state -Dc $dc
        return
    }
    ConvertTo-LabAdDcOutput -State $state -Dc $server
}
