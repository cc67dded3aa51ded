# Replication status: Get-ADReplicationPartnerMetadata and Get-ADReplicationFailure, derived from which DCs are
# reachable and the domain's replicationDelayMinutes.

function LabImpl-Get-ADReplicationPartnerMetadata {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADReplicationPartnerMetadata'
    $state = Get-LabState
    $now = Get-LabNow
    $delay = [double]$state.domain.replicationDelayMinutes
    $base = $state.domain.distinguishedName
    $partitions = @($base)
    if ($Bound.ContainsKey('Partition') -and $Bound['Partition']) {
        $partitions = @($Bound['Partition'])
        if ($partitions -contains '*') { $partitions = @($base, "CN=Configuration,$base", "CN=Schema,CN=Configuration,$base", "DC=DomainDnsZones,$base", "DC=ForestDnsZones,$base") }
        if ($partitions -contains 'Default') { $partitions = @($base) }
    }
    $types = @('Inbound')
    if ($Bound.ContainsKey('PartnerType')) {
        switch ([string]$Bound['PartnerType']) { 'Outbound' { $types = @('Outbound') } 'Both' { $types = @('Inbound', 'Outbound') } }
    }
    $tree = $null
    if ($Bound.ContainsKey('Filter') -and $Bound['Filter']) { $tree = ConvertFrom-LabAdFilter -Filter ([string]$Bound['Filter']) -CmdletName $cmd }
    foreach ($target in (Get-LabAdReplicationTargets -State $state -Bound $Bound -CmdletName $cmd)) {
        foreach ($partner in $state.domainControllers) {
            if ($partner.name -eq $target.name) { continue }
            foreach ($type in $types) {
                foreach ($nc in $partitions) {
                    $ok = [bool]$partner.reachable
                    $success = $now.AddMinutes(-$delay)
                    $attempt = $success
                    $result = 0
                    $failures = 0
                    if (-not $ok) {
                        $attempt = $now.AddMinutes(-[Math]::Min(60, [Math]::Max(1, $delay)))
                        $success = $now.AddDays(-1)
                        $result = 1722
                        $failures = 24
                    }
                    $out = [pscustomobject][ordered]@{
                        PSTypeName                     = 'Microsoft.ActiveDirectory.Management.ADReplicationPartnerMetadata'
                        CompressChanges                = ($partner.site -ne $target.site)
                        ConsecutiveReplicationFailures = $failures
                        DisableScheduledSync           = $false
                        IgnoreChangeNotifications      = ($partner.site -ne $target.site)
                        IntersiteTransportGuid         = $null
                        IntersiteTransportType         = $(if ($partner.site -ne $target.site) { 'IP' } else { $null })
                        LastChangeUsn                  = 100000 + $state.objects.Count
                        LastReplicationAttempt         = $attempt
                        LastReplicationResult          = $result
                        LastReplicationSuccess         = $success
                        Partition                      = $nc
                        PartitionGuid                  = Get-LabAdStableGuid ('nc:' + $nc)
                        Partner                        = Get-LabAdNtdsDn -State $state -Dc $partner
                        PartnerAddress                 = "$(Get-LabAdStableGuid ('server:' + $partner.name))._msdcs.$($state.forest.name)"
                        PartnerGuid                    = Get-LabAdStableGuid ('server:' + $partner.name)
                        PartnerInvocationId            = Get-LabAdStableGuid ('invocation:' + $partner.name)
                        PartnerType                    = [Microsoft.ActiveDirectory.Management.ADPartnerType]$type
                        ScheduledSync                  = $true
                        Server                         = $target.hostName
                        SyncOnStartup                  = $true
                        TwoWaySync                     = $false
                        UsnFilter                      = 100000
                        Writable                       = $true
                    }
                    if ($null -eq $tree -or (Test-LabAdFilter $tree (ConvertTo-LabAdPlainTable $out) $null)) { $out }
                }
            }
        }
    }
}

function LabImpl-Get-ADReplicationFailure {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADReplicationFailure'
    $state = Get-LabState
    $now = Get-LabNow
    if ($Bound.ContainsKey('EnumeratingServer') -and $Bound['EnumeratingServer']) {
        $null = Get-LabDomainController -State $state -Server ([string]$Bound['EnumeratingServer']) -Cmdlet $cmd
    }
    $tree = $null
    if ($Bound.ContainsKey('Filter') -and $Bound['Filter']) { $tree = ConvertFrom-LabAdFilter -Filter ([string]$Bound['Filter']) -CmdletName $cmd }
    foreach ($target in (Get-LabAdReplicationTargets -State $state -Bound $Bound -CmdletName $cmd)) {
        foreach ($partner in $state.domainControllers) {
            if ($partner.name -eq $target.name -or $partner.reachable) { continue }
            $out = [pscustomobject][ordered]@{
                PSTypeName       = 'Microsoft.ActiveDirectory.Management.ADReplicationFailure'
                FailureCount     = 24
                FailureType      = 'Link'
                FirstFailureTime = $now.AddDays(-1)
                LastError        = 1722
                Partner          = Get-LabAdNtdsDn -State $state -Dc $partner
                PartnerGuid      = Get-LabAdStableGuid ('server:' + $partner.name)
                Server           = $target.hostName
            }
            if ($null -eq $tree -or (Test-LabAdFilter $tree (ConvertTo-LabAdPlainTable $out) $null)) { $out }
        }
    }
}
