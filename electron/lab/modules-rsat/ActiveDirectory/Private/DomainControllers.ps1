# Domain controllers as the AD cmdlets show them: the ADDomainController object, NTDS Settings DNs, functional
# levels, finding a DC by any of its names, and the -Target/-Scope DCs of the replication cmdlets.

function Get-LabAdDcFunctionality {
    param([string]$Version)
    if ($Version -match '^6\.0') { return 'Windows2008' }
    if ($Version -match '^6\.1') { return 'Windows2008R2' }
    if ($Version -match '^6\.2') { return 'Windows2012' }
    if ($Version -match '^6\.3') { return 'Windows2012R2' }
    $m = [regex]::Match($Version, '\((\d+)\)')
    if ($m.Success -and [int]$m.Groups[1].Value -ge 26100) { return 'Windows2025' }
    return 'Windows2016'
}

function Get-LabAdNtdsDn {
    param([hashtable]$State, $Dc)
    return "CN=NTDS Settings,CN=$($Dc.name),CN=Servers,CN=$($Dc.site),CN=Sites,CN=Configuration,$($State.domain.distinguishedName)"
}

function ConvertTo-LabAdDcOutput {
    param([hashtable]$State, $Dc, [switch]$Discover)
    $base = $State.domain.distinguishedName
    $roles = New-Object System.Collections.ArrayList
    if ($State.domain.pdcEmulator -eq $Dc.hostName) { [void]$roles.Add('PDCEmulator'); [void]$roles.Add('RIDMaster'); [void]$roles.Add('InfrastructureMaster') }
    if ($State.forest.schemaMaster -eq $Dc.hostName) { [void]$roles.Add('SchemaMaster') }
    if ($State.forest.domainNamingMaster -eq $Dc.hostName) { [void]$roles.Add('DomainNamingMaster') }
    $hostName = [string]$Dc.hostName
    $out = New-Object Microsoft.ActiveDirectory.Management.ADDomainController ([string]$Dc.hostName)
    $notes = [ordered]@{
        ComputerObjectDN           = "CN=$($Dc.name),OU=Domain Controllers,$base"
        DefaultPartition           = $base
        Domain                     = $State.domain.dnsRoot
        Enabled                    = $true
        Forest                     = $State.forest.name
        HostName                   = $hostName
        InvocationId               = Get-LabAdStableGuid ('invocation:' + $Dc.name)
        IPv4Address                = $Dc.ipv4Address
        IPv6Address                = $null
        IsGlobalCatalog            = [bool]$Dc.isGlobalCatalog
        IsReadOnly                 = $false
        LdapPort                   = 389
        Name                       = $Dc.name
        NTDSSettingsObjectDN       = Get-LabAdNtdsDn -State $State -Dc $Dc
        OperatingSystem            = $Dc.operatingSystem
        OperatingSystemHotfix      = $null
        OperatingSystemServicePack = $null
        OperatingSystemVersion     = $Dc.operatingSystemVersion
        OperationMasterRoles       = $roles.ToArray()
        Partitions                 = @("DC=ForestDnsZones,$base", "DC=DomainDnsZones,$base", "CN=Schema,CN=Configuration,$base", "CN=Configuration,$base", $base)
        ServerObjectDN             = "CN=$($Dc.name),CN=Servers,CN=$($Dc.site),CN=Sites,CN=Configuration,$base"
        ServerObjectGuid           = Get-LabAdStableGuid ('server:' + $Dc.name)
        Site                       = $Dc.site
        SslPort                    = 636
    }
    # With -Discover the real cmdlet returns HostName as a collection ({DC01.contoso.com}).
    if ($Discover) { $notes['HostName'] = @($hostName) }
    $null = Add-LabAdEntityProperties $out $notes
    return $out
}

function Find-LabAdDcRecord {
    param([hashtable]$State, [string]$Id)
    foreach ($dc in $State.domainControllers) {
        $ntds = Get-LabAdNtdsDn -State $State -Dc $dc
        if ($dc.name -eq $Id -or $dc.hostName -eq $Id -or $dc.ipv4Address -eq $Id -or $ntds -eq $Id -or
            (Test-LabAdDnEqual "CN=$($dc.name),OU=Domain Controllers,$($State.domain.distinguishedName)" $Id) -or
            (Test-LabAdDnEqual "CN=$($dc.name),CN=Servers,CN=$($dc.site),CN=Sites,CN=Configuration,$($State.domain.distinguishedName)" $Id)) { return $dc }
    }
    return $null
}

function Get-LabAdReplicationTargets {
    <# -Target/-Scope of the replication cmdlets -> DC records (unreachable targets fail like the real module). #>
    param([hashtable]$State, $Bound, [string]$CmdletName)
    $scope = 'Server'
    if ($Bound.ContainsKey('Scope')) { $scope = [string]$Bound['Scope'] }
    $targets = @()
    if ($Bound.ContainsKey('Target')) { $targets = @($Bound['Target'] | ForEach-Object { [string]$_ }) }
    $result = New-Object System.Collections.ArrayList
    switch ($scope) {
        'Server' {
            foreach ($t in $targets) { [void]$result.Add((Get-LabDomainController -State $State -Server $t -Cmdlet $CmdletName)) }
        }
        'Site' {
            # A -Target site is resolved as the site object under CN=Sites,CN=Configuration (as Get-ADReplicationSite
            # does): an unknown site is ADIdentityNotFoundException "Cannot find an object with identity: '<site>'
            # under: 'CN=Sites,CN=Configuration,<domain>'.", the message the module writes for site identities.
            $sites = @($State.domainControllers | ForEach-Object { [string]$_.site })
            foreach ($t in $targets) {
                if ($sites -notcontains $t) {
                    throw (New-LabAdNotFoundError -CmdletName $CmdletName -Identity $t -Under "CN=Sites,CN=Configuration,$($State.domain.distinguishedName)")
                }
            }
            foreach ($dc in $State.domainControllers) {
                if (($targets.Count -eq 0 -or $targets -contains $dc.site) -and $dc.reachable) { [void]$result.Add($dc) }
            }
        }
        default {
            # -Scope Domain/Forest: the target names a domain (DNS or NetBIOS name) or the forest. The module locates a
            # DC of that domain/forest first; when none answers for the name (no such domain here) that is the DC
            # locator's failure, ADServerDownException "Unable to contact the server..." (Get-LabDomainController).
            foreach ($t in $targets) {
                $known = @($State.domain.dnsRoot, $State.domain.netBIOSName, $State.domain.distinguishedName)
                if ($scope -eq 'Forest') { $known = @($State.forest.name) }
                $hit = $false
                foreach ($k in $known) { if ([string]::Equals($k, $t, [System.StringComparison]::OrdinalIgnoreCase)) { $hit = $true } }
                if (-not $hit) { $null = Get-LabDomainController -State $State -Server $t -Cmdlet $CmdletName }
            }
            foreach ($dc in $State.domainControllers) { if ($dc.reachable) { [void]$result.Add($dc) } }
        }
    }
    return , $result.ToArray()
}
