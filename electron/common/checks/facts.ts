// Facts several probes share, computed inside the health-check script at most once, on first use, by
// `Get-MsaFact -Name <fact>`. A fact that fails remembers its error and every probe that asks for it gets that same
// error (so "no RSAT" or "no DC answered" costs one attempt, not one per check). List facts come back unrolled:
// read them as @(Get-MsaFact -Name 'adDcs').
// Only what exists on real Windows AND in the lab: AD cmdlets, and whoami through Invoke-MsaNative.
import { PsScript } from '../powershell/script.js';

export const FACT_NAMES = ['adDc', 'adDcs', 'adDomain', 'adForest', 'adRootDse', 'computer', 'tokenGroups'] as const;
export type FactName = (typeof FACT_NAMES)[number];

/** Defines $msaFactScripts and Get-MsaFact. Constant text: no values reach it. */
export const FACTS_PRELUDE =
  PsScript.fromTrustedSource(`# Shared facts: computed once, on first use; a failed fact keeps its error for every probe that needs it.
$msaFactCache = @{}
$msaFactScripts = @{
    # The DC the AD cmdlets use in this session (the locator's choice).
    adDc = {
        $dc = Get-ADDomainController
        [ordered]@{
            name = [string]$dc.Name; hostName = [string]@($dc.HostName)[0]; site = [string]$dc.Site
            operatingSystem = [string]$dc.OperatingSystem; operatingSystemVersion = [string]$dc.OperatingSystemVersion
        }
    }
    # Every DC of the domain.
    adDcs = {
        foreach ($dc in @(Get-ADDomainController -Filter *)) {
            [ordered]@{
                name = [string]$dc.Name; hostName = [string]@($dc.HostName)[0]; site = [string]$dc.Site
                operatingSystem = [string]$dc.OperatingSystem; operatingSystemVersion = [string]$dc.OperatingSystemVersion
            }
        }
    }
    adDomain = {
        $d = Get-ADDomain
        [ordered]@{
            dnsRoot = [string]$d.DNSRoot; netBIOSName = [string]$d.NetBIOSName
            distinguishedName = [string]$d.DistinguishedName; domainMode = [string]$d.DomainMode
        }
    }
    adForest = {
        $f = Get-ADForest
        [ordered]@{ name = [string]$f.Name; forestMode = [string]$f.ForestMode }
    }
    adRootDse = {
        $r = Get-ADRootDSE
        [ordered]@{
            dnsHostName = [string]$r.dnsHostName
            configurationNamingContext = [string]$r.configurationNamingContext
            schemaNamingContext = [string]$r.schemaNamingContext
            currentTime = ConvertTo-MsaUtcText $r.currentTime
        }
    }
    # This computer's AD account (the target host, for now).
    computer = {
        $c = Get-ADComputer -Identity $env:COMPUTERNAME -Properties 'DNSHostName', 'Enabled', 'OperatingSystem', 'OperatingSystemVersion', 'msDS-SupportedEncryptionTypes'
        $enc = $null
        if ($null -ne $c.'msDS-SupportedEncryptionTypes') { $enc = [int]$c.'msDS-SupportedEncryptionTypes' }
        [ordered]@{
            name = [string]$c.Name; distinguishedName = [string]$c.DistinguishedName; dnsHostName = [string]$c.DNSHostName
            enabled = [bool]$c.Enabled; operatingSystem = [string]$c.OperatingSystem
            operatingSystemVersion = [string]$c.OperatingSystemVersion; supportedEncryptionTypes = $enc
        }
    }
    # The groups in this process's token (nested groups included, UAC filtering shown), as whoami prints them.
    tokenGroups = {
        $r = Invoke-MsaNative -FilePath 'whoami' -ArgumentList '/groups', '/fo', 'csv', '/nh'
        if ($r.ExitCode -ne 0) {
            throw ('whoami /groups failed (exit code {0}): {1}' -f $r.ExitCode, ((@($r.Output) + @($r.Error)) -join ' ').Trim())
        }
        $lines = @($r.Output | Where-Object { $_ -and $_.Trim() })
        foreach ($row in @($lines | ConvertFrom-Csv -Header 'name', 'type', 'sid', 'attributes')) {
            [ordered]@{ name = [string]$row.name; sid = [string]$row.sid; attributes = [string]$row.attributes }
        }
    }
}
function Get-MsaFact {
    param([Parameter(Mandatory = $true)][string]$Name)
    if (-not $msaFactCache.ContainsKey($Name)) {
        $compute = $msaFactScripts[$Name]
        if ($null -eq $compute) { throw "no fact named '$Name'" }
        try { $msaFactCache[$Name] = @{ ok = $true; value = @(& $compute) } }
        catch { $msaFactCache[$Name] = @{ ok = $false; error = $_ } }
    }
    $fact = $msaFactCache[$Name]
    if (-not $fact.ok) { throw $fact.error }
    if ($fact.value.Count -eq 1) { return $fact.value[0] }
    return $fact.value
}`);
