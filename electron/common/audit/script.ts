// The audit's ONE script: read-only, one round trip, the directory read in a fixed number of queries whatever the
// number of accounts (each counted in $queries and reported):
//   Get-ADDomain, Get-ADRootDSE (the DC that answers, its clock, the configuration partition)
//   Get-ADDomainController -Filter *                                   the DCs and their OS (a 2025 DC: dMSA exist)
//   Get-ADServiceAccount -Filter * -Properties ..., nTSecurityDescriptor every sMSA, gMSA (and dMSA, on 2025 RSAT)
//   Get-ADObject -LDAPFilter '(objectClass=msDS-DelegatedManagedServiceAccount)'  dMSAs and their predecessor links
//   Get-ADObject -LDAPFilter '(|(objectClass=organizationalUnit)(objectClass=container)(objectClass=domainDNS))'
//                                                                       with nTSecurityDescriptor (the domain head too)
//   Get-KdsRootKey, Get-ADObject under CN=Master Root Keys, Get-Acl -Audit  the KDS root keys, their DACL and SACL
//   Get-ADUser -LDAPFilter '(servicePrincipalName=*)'                    users that run services (Kerberoastable)
//   Get-ADGroup -LDAPFilter '(|(objectSid=<privileged>)...(sAMAccountName=DnsAdmins)...)'  the privileged groups' DNs
//   Get-ADGroup -LDAPFilter '(|(distinguishedName=G)(memberOf:1.2.840.113556.1.4.1941:=G)...)' -Properties member
//                                                                       the privileged and retriever groups and every
//                                                                       group nested in them (in-chain rule), once
//   Get-ADComputer -Filter *                                            computers (enabled?) a group path can end at
//   Get-ADObject -LDAPFilter '(|(objectSid=...)(distinguishedName=...))' ONE query for the trustees and members the
//                                                                       reads above did not name (none: no query)
// The last query grows with the number of distinct unknown principals, never with the number of accounts; it is one
// LDAP request (AD accepts filters up to its MaxReceiveBuffer, 10 MB by default). Then this computer's tasks, services
// and IIS pools (discovery's host block, guarded) for where each account is used.
//
// Security descriptors are read with the members Windows and the lab both offer (GetAccessRules with
// SecurityIdentifier, GetOwner): Allow rules only, and only those with a right that matters here (the mask below), so
// the answer stays small. The judging (who is an admin, which object type) is in judge.ts, not here.
// The KDS root keys' SACL is read the documented way, Get-Acl -Audit on the AD: drive (one per key: a forest has one or a
// few), only with SeSecurityPrivilege (an elevated admin): Get-ADObject's nTSecurityDescriptor is not known to carry it,
// and without the privilege its absence proves nothing: the answer then says `audit: null`. Windows PowerShell 5.1, ASCII.
import { ELEVATED_LABELS } from '../checks/rights.js';
import { AD_READ_HELPERS } from '../directory/ps-helpers.js';
import { HOST_BLOCK } from '../discover/host-script.js';
import { PRIVILEGED_GROUPS } from '../discover/privileged.js';
import { ps, type PsScript } from '../powershell/script.js';
import { GUIDS } from './guids.js';

/**
 * ActiveDirectoryRights bits kept: CreateChild 0x1, WriteProperty 0x20, WriteDacl 0x40000, WriteOwner 0x80000
 * (GenericAll and GenericWrite include them); on KDS root keys also ReadProperty 0x10 and ExtendedRight 0x100.
 */
const WRITE_MASK = 0x1 | 0x20 | 0x40000 | 0x80000;
const READ_MASK = WRITE_MASK | 0x10 | 0x100;

export const AUDIT_TITLE = 'Managed accounts: inventory and security audit';

export function auditScript(): PsScript {
  return ps`# Managed accounts: inventory and security audit (read-only: nothing is changed).
#region Helpers (defined once; the reads follow)
$queries = 0
${AD_READ_HELPERS}
function ConvertTo-MsaStrings {
    param($Values)
    return @($Values | Where-Object { $null -ne $_ -and [string]$_ -ne '' } | ForEach-Object { [string]$_ })
}
function ConvertTo-MsaSecurity {
    # The owner and the Allow rules with a right in $Mask that reach what is judged: the whole object, or the one
    # attribute or class in $ObjectType (WriteDacl and WriteOwner whatever they name). Rules on other attributes (a
    # gMSA's default SD has a dozen) are left out: the answer stays small. audit: null (read apart, with Get-Acl -Audit).
    param($Descriptor, [int]$Mask, [string]$ObjectType)
    if ($null -eq $Descriptor) { return $null }
    $sidType = [System.Security.Principal.SecurityIdentifier]
    $access = @(foreach ($rule in @($Descriptor.GetAccessRules($true, $true, $sidType))) {
        if ([string]$rule.AccessControlType -ne 'Allow') { continue }
        $bits = [int]$rule.ActiveDirectoryRights
        if (($bits -band $Mask) -eq 0) { continue }
        $on = [string]$rule.ObjectType
        if (($bits -band 0xC0000) -eq 0 -and $on -ne '00000000-0000-0000-0000-000000000000' -and $on -ne $ObjectType) { continue }
        [ordered]@{
            sid = [string]$rule.IdentityReference.Value; rights = [string]$rule.ActiveDirectoryRights; bits = $bits
            objectType = [string]$rule.ObjectType; inheritedObjectType = [string]$rule.InheritedObjectType
            inherited = [bool]$rule.IsInherited; inheritance = [string]$rule.InheritanceType
        }
    })
    return [ordered]@{
        owner = [string]$Descriptor.GetOwner($sidType).Value; protected = [bool]$Descriptor.AreAccessRulesProtected
        access = $access; audit = $null
    }
}
function Get-MsaAuditRules {
    # An object's SACL (explicit and inherited), the documented way: Get-Acl -Audit on the AD: drive. It needs
    # SeSecurityPrivilege; without it (or on any error) $null: unknown, never "not audited".
    param([string]$Dn)
    try {
        $acl = Get-Acl -Path ('AD:' + $Dn) -Audit -ErrorAction Stop
        return ,@(foreach ($rule in @($acl.GetAuditRules($true, $true, [System.Security.Principal.SecurityIdentifier]))) {
            [ordered]@{
                sid = [string]$rule.IdentityReference.Value; rights = [string]$rule.ActiveDirectoryRights
                bits = [int]$rule.ActiveDirectoryRights; flags = [string]$rule.AuditFlags; objectType = [string]$rule.ObjectType
            }
        })
    } catch { return $null }
}
function Write-MsaProblem {
    param([string]$Section, $ErrorRecord)
    [ordered]@{ type = 'problem'; section = $Section; fqid = [string]$ErrorRecord.FullyQualifiedErrorId; message = [string]$ErrorRecord.Exception.Message }
}
$mask = ${WRITE_MASK}
$readMask = ${READ_MASK}
# Schema GUIDs: msDS-GroupMSAMembership, the msDS-DelegatedManagedServiceAccount class, msKds-RootKeyData.
$membershipGuid = ${GUIDS.groupMsaMembership}
$dmsaGuid = ${GUIDS.dmsaClass}
$rootKeyDataGuid = ${GUIDS.kdsRootKeyData}
# The privileged groups (../discover/privileged.ts): domain RIDs, BUILTIN SIDs, and every one's name.
$privilegedRids = ${PRIVILEGED_GROUPS.flatMap((g) => (g.rid === undefined ? [] : [g.rid]))}
$privilegedSids = ${PRIVILEGED_GROUPS.flatMap((g) => (g.sid === undefined ? [] : [g.sid]))}
$privilegedNames = ${PRIVILEGED_GROUPS.map((g) => g.name)}
$knownDns = @{}
$knownSids = @{}
$wantedDns = @{}
$wantedSids = @{}
function Add-MsaWanted {
    # A trustee or member to name: looked up at the end, in one query, unless a read below already named it.
    param($Security, $Dns)
    if ($null -ne $Security) {
        foreach ($sid in @(@($Security.owner) + @($Security.access | ForEach-Object { $_.sid }))) {
            if ([string]$sid -match '^S-1-5-(21|32)-') { $wantedSids[[string]$sid] = $true }
        }
    }
    foreach ($dn in @($Dns)) { if ($dn) { $wantedDns[[string]$dn] = $true } }
}
#endregion
# The token, read as the health checks read it (../checks/facts.ts tokenGroups, ../checks/kds.ts): its CSV rows by SID.
# The SACL comes back only with SeSecurityPrivilege: held by an elevated process (High or System integrity label).
# Only Domain Admins and Enterprise Admins may read KDS root keys, and only elevated: UAC leaves a non-elevated
# admin's groups in the token as deny-only. Without that, no key seen proves nothing.
$readSacl = $false
$domainAdmin = $false
try {
    $token = @(@(whoami /groups /fo csv /nh) | Where-Object { $_ -and $_.Trim() } | ConvertFrom-Csv -Header 'name', 'type', 'sid', 'attributes')
    $elevatedLabels = ${ELEVATED_LABELS}
    $readSacl = [bool](@($token | Where-Object { $elevatedLabels -contains $_.sid }).Count)
    $domainAdmin = $readSacl -and [bool](@($token | Where-Object { $_.sid -match '^S-1-5-21-[0-9]+-[0-9]+-[0-9]+-(512|519)$' }).Count)
} catch { $readSacl = $false; $domainAdmin = $false }

$queries++
$domain = Get-ADDomain
$queries++
$rootDse = Get-ADRootDSE
$config = [string]$rootDse.configurationNamingContext
$now = Get-Date
if ($null -ne $rootDse.currentTime) { $now = [datetime]$rootDse.currentTime }
[ordered]@{
    type = 'context'; domain = [string]$domain.NetBIOSName; dnsRoot = [string]$domain.DNSRoot
    domainDn = [string]$domain.DistinguishedName; domainSid = [string]$domain.DomainSID
    domainController = [string]$rootDse.dnsHostName; now = (ConvertTo-MsaIsoText $now); readSacl = $readSacl; domainAdmin = $domainAdmin
    computer = ([string]$env:COMPUTERNAME).ToUpperInvariant()
}

$queries++
try {
    foreach ($dc in @(Get-ADDomainController -Filter *)) {
        [ordered]@{ type = 'dc'; name = [string]$dc.Name; hostName = [string]$dc.HostName; operatingSystem = [string]$dc.OperatingSystem; version = [string]$dc.OperatingSystemVersion }
    }
} catch { Write-MsaProblem 'dcs' $_ }

$accountProperties = @('Enabled', 'Created', 'DNSHostName', 'PasswordLastSet', 'msDS-ManagedPasswordInterval', 'LastLogonDate',
    'msDS-SupportedEncryptionTypes', 'ServicePrincipalName', 'PrincipalsAllowedToRetrieveManagedPassword', 'HostComputers',
    'TrustedForDelegation', 'TrustedToAuthForDelegation', 'msDS-AllowedToDelegateTo', 'MemberOf', 'nTSecurityDescriptor')
$accounts = [ordered]@{}
$queries++
try {
    foreach ($a in @(Get-ADServiceAccount -Filter * -Properties $accountProperties)) {
        $security = ConvertTo-MsaSecurity $a.nTSecurityDescriptor $mask $membershipGuid
        $record = [ordered]@{
            type = 'account'; objectClass = [string]$a.ObjectClass; sam = [string]$a.SamAccountName; name = [string]$a.Name
            dn = [string]$a.DistinguishedName; sid = [string]$a.SID; dnsHostName = [string]$a.DNSHostName; enabled = [bool]$a.Enabled
            created = (ConvertTo-MsaIsoText $a.Created); passwordLastSet = (ConvertTo-MsaIsoText $a.PasswordLastSet)
            intervalDays = $a.'msDS-ManagedPasswordInterval'; lastLogon = (ConvertTo-MsaIsoText $a.LastLogonDate)
            encryptionTypes = $a.'msDS-SupportedEncryptionTypes'; spns = @(ConvertTo-MsaStrings $a.ServicePrincipalName)
            retrievers = @(ConvertTo-MsaStrings $a.PrincipalsAllowedToRetrieveManagedPassword); linkedHosts = @(ConvertTo-MsaStrings $a.HostComputers)
            unconstrained = [bool]$a.TrustedForDelegation; protocolTransition = [bool]$a.TrustedToAuthForDelegation
            allowedToDelegateTo = @(ConvertTo-MsaStrings $a.'msDS-AllowedToDelegateTo'); memberOf = @(ConvertTo-MsaStrings $a.MemberOf)
            precededBy = $null; dmsaState = $null; security = $security
        }
        $accounts[$record.dn] = $record
        $knownDns[$record.dn] = $true
        $knownSids[$record.sid] = $true
        Add-MsaWanted $security (@($record.retrievers) + @($record.linkedHosts))
    }
} catch { Write-MsaProblem 'accounts' $_ }

# dMSAs (Windows Server 2025 schema): their predecessor link and migration state; one the query above did not return
# (older RSAT) is added from its LDAP attributes. A schema without dMSAs answers nothing, or an error that says so.
$queries++
try {
    $dmsaProperties = @('sAMAccountName', 'objectSid', 'whenCreated', 'userAccountControl', 'dNSHostName', 'pwdLastSet',
        'lastLogonTimestamp', 'msDS-SupportedEncryptionTypes', 'servicePrincipalName', 'memberOf',
        'msDS-ManagedAccountPrecededByLink', 'msDS-DelegatedMSAState', 'nTSecurityDescriptor')
    $retrieversUnread = New-Object System.Collections.ArrayList
    foreach ($o in @(Get-ADObject -LDAPFilter '(objectClass=msDS-DelegatedManagedServiceAccount)' -Properties $dmsaProperties)) {
        $dn = [string]$o.DistinguishedName
        $state = $null
        if ($null -ne $o.'msDS-DelegatedMSAState') { $state = [int]$o.'msDS-DelegatedMSAState' }
        if ($accounts.Contains($dn)) {
            $accounts[$dn].precededBy = [string]$o.'msDS-ManagedAccountPrecededByLink'
            $accounts[$dn].dmsaState = $state
            continue
        }
        $fileTime = { param($v) if ($null -eq $v -or [long]$v -le 0) { return $null } return [datetime]::FromFileTimeUtc([long]$v) }
        $security = ConvertTo-MsaSecurity $o.nTSecurityDescriptor $mask $membershipGuid
        $uac = 0
        if ($null -ne $o.userAccountControl) { $uac = [int]$o.userAccountControl }
        $record = [ordered]@{
            type = 'account'; objectClass = 'msDS-DelegatedManagedServiceAccount'; sam = [string]$o.sAMAccountName; name = [string]$o.Name
            dn = $dn; sid = [string]$o.objectSid; dnsHostName = [string]$o.dNSHostName; enabled = (($uac -band 2) -eq 0)
            created = (ConvertTo-MsaIsoText $o.whenCreated); passwordLastSet = (ConvertTo-MsaIsoText (& $fileTime $o.pwdLastSet))
            intervalDays = $null; lastLogon = (ConvertTo-MsaIsoText (& $fileTime $o.lastLogonTimestamp))
            encryptionTypes = $o.'msDS-SupportedEncryptionTypes'; spns = @(ConvertTo-MsaStrings $o.servicePrincipalName)
            retrievers = @(); linkedHosts = @(); unconstrained = (($uac -band 0x80000) -ne 0); protocolTransition = (($uac -band 0x1000000) -ne 0)
            allowedToDelegateTo = @(); memberOf = @(ConvertTo-MsaStrings $o.memberOf)
            precededBy = [string]$o.'msDS-ManagedAccountPrecededByLink'; dmsaState = $state; security = $security
        }
        $accounts[$dn] = $record
        $knownDns[$dn] = $true
        $knownSids[$record.sid] = $true
        Add-MsaWanted $security @($record.precededBy)
        # PrincipalsAllowedToRetrieveManagedPassword is the 2025 module's reading of msDS-GroupMSAMembership (a
        # security descriptor): without it, who may retrieve this password is unknown, not "nobody".
        [void]$retrieversUnread.Add($record.sam)
    }
    # The read to run by hand is the judge's (judge.ts READS['dmsa-retrievers']): no command here.
    if ($retrieversUnread.Count -gt 0) {
        [ordered]@{
            type = 'problem'; section = 'dmsa-retrievers'; fqid = 'PrincipalsAllowedToRetrieveManagedPassword'
            message = 'This ActiveDirectory module reads dMSAs without PrincipalsAllowedToRetrieveManagedPassword (it needs the Windows Server 2025 RSAT): not read for ' + ($retrieversUnread -join ', ')
        }
    }
} catch { Write-MsaProblem 'dmsa' $_ }
foreach ($record in $accounts.Values) { $record }

# Every OU and container of the domain, and the domain head itself, with its ACL (BadSuccessor: who may create a dMSA
# there; a dMSA can be created directly under the domain).
$queries++
try {
    $containers = @(Get-ADObject -SearchBase $domain.DistinguishedName -LDAPFilter '(|(objectClass=organizationalUnit)(objectClass=container)(objectClass=domainDNS))' -Properties nTSecurityDescriptor)
    foreach ($c in $containers) {
        $dn = [string]$c.DistinguishedName
        if ($config -and $dn.EndsWith(',' + $config, [System.StringComparison]::OrdinalIgnoreCase)) { continue }
        $security = ConvertTo-MsaSecurity $c.nTSecurityDescriptor $mask $dmsaGuid
        Add-MsaWanted $security @()
        [ordered]@{ type = 'container'; objectClass = [string]$c.ObjectClass; name = [string]$c.Name; dn = $dn; security = $security }
    }
} catch { Write-MsaProblem 'containers' $_ }

# The KDS root keys: when each takes effect (Get-KdsRootKey writes one List of keys), and each key object's DACL and SACL.
$queries++
try {
    foreach ($key in @(Get-KdsRootKey | ForEach-Object { $_ })) {
        [ordered]@{ type = 'kds'; keyId = [string]$key.KeyId; created = (ConvertTo-MsaIsoText $key.CreationTime); effective = (ConvertTo-MsaIsoText $key.EffectiveTime) }
    }
} catch { Write-MsaProblem 'kds' $_ }
$queries++
try {
    $keyBase = 'CN=Master Root Keys,CN=Group Key Distribution Service,CN=Services,' + $config
    foreach ($k in @(Get-ADObject -SearchBase $keyBase -LDAPFilter '(objectClass=msKds-ProvRootKey)' -Properties nTSecurityDescriptor, whenCreated)) {
        $security = ConvertTo-MsaSecurity $k.nTSecurityDescriptor $readMask $rootKeyDataGuid
        # The SACL: one Get-Acl per key (a forest has a key or a few), only when the token may read it.
        if ($null -ne $security -and $readSacl) {
            $queries++
            $security.audit = Get-MsaAuditRules ([string]$k.DistinguishedName)
        }
        Add-MsaWanted $security @()
        [ordered]@{ type = 'kdsObject'; keyId = [string]$k.Name; dn = [string]$k.DistinguishedName; created = (ConvertTo-MsaIsoText $k.whenCreated); security = $security }
    }
} catch { Write-MsaProblem 'kdsObjects' $_ }

# Users with an SPN: services that run with a password people keep.
$queries++
try {
    $userProperties = @('Enabled', 'Created', 'PasswordLastSet', 'PasswordNeverExpires', 'ServicePrincipalName', 'LastLogonDate', 'MemberOf')
    foreach ($u in @(Get-ADUser -LDAPFilter '(servicePrincipalName=*)' -Properties $userProperties)) {
        $knownDns[[string]$u.DistinguishedName] = $true
        $knownSids[[string]$u.SID] = $true
        [ordered]@{
            type = 'user'; sam = [string]$u.SamAccountName; name = [string]$u.Name; dn = [string]$u.DistinguishedName; sid = [string]$u.SID
            enabled = [bool]$u.Enabled; created = (ConvertTo-MsaIsoText $u.Created); passwordLastSet = (ConvertTo-MsaIsoText $u.PasswordLastSet)
            passwordNeverExpires = [bool]$u.PasswordNeverExpires; lastLogon = (ConvertTo-MsaIsoText $u.LastLogonDate)
            spns = @(ConvertTo-MsaStrings $u.ServicePrincipalName); memberOf = @(ConvertTo-MsaStrings $u.MemberOf)
        }
    }
} catch { Write-MsaProblem 'users' $_ }

# The groups nesting matters for, not every group of the domain (an enterprise domain has tens of thousands): the
# privileged groups, the groups named in PrincipalsAllowedToRetrieveManagedPassword, and every group nested in them at
# any depth, with their members (group paths, retrievers and privileged memberships are resolved from these in memory).
# First the privileged groups' DNs, by SID (a renamed Domain Admins is still RID 512) and by name (DnsAdmins' RID
# differs per domain): the in-chain rule takes a DN. Then ONE query: (memberOf:1.2.840.113556.1.4.1941:=G) matches
# every object nested in G, walked by the DC (LDAP_MATCHING_RULE_IN_CHAIN), so each group comes once, whatever the depth.
$groupRoots = [ordered]@{}
$queries++
try {
    $rootTerms = New-Object System.Collections.ArrayList
    foreach ($rid in $privilegedRids) { [void]$rootTerms.Add('(objectSid=' + [string]$domain.DomainSID + '-' + $rid + ')') }
    foreach ($sid in $privilegedSids) { [void]$rootTerms.Add('(objectSid=' + $sid + ')') }
    foreach ($name in $privilegedNames) { [void]$rootTerms.Add('(sAMAccountName=' + (ConvertTo-MsaFilterValue $name) + ')') }
    foreach ($g in @(Get-ADGroup -LDAPFilter ('(|' + ($rootTerms -join '') + ')'))) { $groupRoots[[string]$g.DistinguishedName] = $true }
} catch { Write-MsaProblem 'groups' $_ }
foreach ($record in $accounts.Values) { foreach ($dn in @($record.retrievers)) { if ($dn) { $groupRoots[[string]$dn] = $true } } }
# One OR term pair per root: the privileged groups (17 at most) and the distinct retriever groups (a few per service,
# not one per account), far below what one LDAP request carries (MaxReceiveBuffer, 10 MB by default).
try {
    $groupTerms = New-Object System.Collections.ArrayList
    foreach ($dn in $groupRoots.Keys) {
        $value = ConvertTo-MsaFilterValue $dn
        [void]$groupTerms.Add('(distinguishedName=' + $value + ')(memberOf:1.2.840.113556.1.4.1941:=' + $value + ')')
    }
    if ($groupTerms.Count -gt 0) {
        $queries++
        foreach ($g in @(Get-ADGroup -LDAPFilter ('(|' + ($groupTerms -join '') + ')') -Properties member)) {
            $knownDns[[string]$g.DistinguishedName] = $true
            $knownSids[[string]$g.SID] = $true
            [ordered]@{ type = 'group'; name = [string]$g.Name; sam = [string]$g.SamAccountName; dn = [string]$g.DistinguishedName; sid = [string]$g.SID; members = @(ConvertTo-MsaStrings $g.member) }
            foreach ($m in @($g.member)) { if ($m) { $wantedDns[[string]$m] = $true } }
        }
    }
} catch { Write-MsaProblem 'groups' $_ }

# Computers: where a group path ends, and whether the computer is enabled. One record of tab-separated rows (DN, SID,
# sAMAccountName, enabled): a domain has thousands, and one string crosses the session far faster than an object each.
$queries++
try {
    $rows = New-Object System.Text.StringBuilder
    foreach ($c in @(Get-ADComputer -Filter *)) {
        $dn = [string]$c.DistinguishedName
        if ($knownDns.ContainsKey($dn)) { continue }
        $knownDns[$dn] = $true
        $knownSids[[string]$c.SID] = $true
        [void]$rows.Append($dn).Append("\`t").Append([string]$c.SID).Append("\`t").Append([string]$c.SamAccountName).Append("\`t").Append([string][bool]$c.Enabled).Append("\`n")
    }
    [ordered]@{ type = 'computers'; rows = $rows.ToString() }
} catch { Write-MsaProblem 'computers' $_ }

# What is left: ONE query for the trustees and members no read above named.
$terms = New-Object System.Collections.ArrayList
foreach ($sid in $wantedSids.Keys) { if (-not $knownSids.ContainsKey($sid)) { [void]$terms.Add('(objectSid=' + $sid + ')') } }
foreach ($dn in $wantedDns.Keys) {
    if (-not $knownDns.ContainsKey($dn)) {
        [void]$terms.Add('(distinguishedName=' + (ConvertTo-MsaFilterValue $dn) + ')')
    }
}
if ($terms.Count -gt 0) {
    $queries++
    $principalFilter = '(|' + ($terms -join '') + ')'
    try {
        foreach ($o in @(Get-ADObject -LDAPFilter $principalFilter -Properties sAMAccountName, objectSid, userAccountControl)) {
            $enabled = $null
            if ($null -ne $o.userAccountControl) { $enabled = (([int]$o.userAccountControl -band 2) -eq 0) }
            [ordered]@{ type = 'principal'; objectClass = [string]$o.ObjectClass; sam = [string]$o.sAMAccountName; dn = [string]$o.DistinguishedName; sid = [string]$o.objectSid; enabled = $enabled }
        }
    } catch {
        # The exact query, values included, to run by hand.
        $problem = Write-MsaProblem 'principals' $_
        $problem.command = "Get-ADObject -LDAPFilter '" + $principalFilter.Replace("'", "''") + "' -Properties sAMAccountName, objectSid, userAccountControl"
        $problem
    }
}

# Where accounts are used on this computer: discovery's host block (tasks, services, IIS pools), read-only.
#region This computer's tasks, services and IIS pools (discovery's host block)
try {
    $here = & {
${HOST_BLOCK}
    }
    [ordered]@{ type = 'uses'; host = ([string]$env:COMPUTERNAME).ToUpperInvariant(); json = [string]$here.uses; note = [string]$here.note }
} catch { Write-MsaProblem 'uses' $_ }
#endregion
[ordered]@{ type = 'count'; queries = $queries }`;
}
