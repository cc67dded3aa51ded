# nTSecurityDescriptor: the security descriptor a directory object has, computed when a script asks for it
# (-Properties nTSecurityDescriptor, or *): the owner, the class's default DACL (the schema's defaultSecurityDescriptor,
# applied as explicit entries at creation), the explicit entries the state adds (objects[].security,
# kdsRootKeys[].security, containerSecurity for the computed containers; state.ts adSecuritySchema), and the
# inheritable entries of each parent up to the head of the naming context, marked inherited, unless the object is
# protected. The SACL comes back only when the caller holds
# SeSecurityPrivilege on the DC (see Test-LabAdCanReadSacl).
#
# One code path builds the entry list (Get-LabAdSecurityRows); only the final object differs: on Windows (practice mode
# on a real server) the real System.DirectoryServices.ActiveDirectorySecurity, loaded from the SDDL; off Windows, where
# .NET's ACL and SID classes are PlatformNotSupported stubs, LabCore's look-alike (LabCore/AdSecurityTypes.cs) with the
# members audit scripts use. Computed lazily (only when asked) and memoised per state read, so a search that reads the
# SD of every object costs one pass over the parents (linear), not one walk per object.

# Each class's defaultSecurityDescriptor, verbatim (the research notes for issue 17 list them with their sources):
#   organizationalUnit  https://learn.microsoft.com/en-us/windows/win32/adschema/c-organizationalunit (the Windows
#                       Server 2003-2012 rows, identical; no later row is published)
#   container           https://learn.microsoft.com/en-us/windows/win32/adschema/c-container
#   domainDNS           https://learn.microsoft.com/en-us/windows/win32/adschema/c-domaindns (the domain head: its
#                       inheritable entries - BUILTIN\Administrators and Enterprise Admins on everything, Pre-Windows
#                       2000 Compatible Access reads on users and groups - and its SACL, Everyone's writes audited,
#                       reach every object of the domain partition)
#   msDS-GroupManagedServiceAccount  https://learn.microsoft.com/en-us/windows/win32/adschema/c-msds-groupmanagedserviceaccount
#   msDS-ManagedServiceAccount       https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-adsc/8a8a0e72-5f59-46b3-b181-bd0185813d36
#   msDS-DelegatedManagedServiceAccount  no Microsoft page publishes it: a Windows Server 2025 schema as read from a
#                       live DC, https://github.com/JimSycurity/dMSAs/blob/main/Experiments/Server2025dMSASchema.txt
#   msKds-ProvRootKey   https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-adsc/67cd9709-f545-4484-a01d-9461efb0f3b3
# Classes without an entry here (user, computer, group, ...) get the container default (Domain Admins and SYSTEM full
# control, Authenticated Users read): a lab simplification, said as such in electron/lab/README.md. Later adprep
# additions to the domain head (Key Admins on msDS-KeyCredentialLink, ...) are not modelled.
$script:AdDefaultSddl = @{
    'organizationalUnit'                  = 'D:(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;SY)(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;DA)(OA;;CCDC;bf967a86-0de6-11d0-a285-00aa003049e2;;AO)(OA;;CCDC;bf967aba-0de6-11d0-a285-00aa003049e2;;AO)(OA;;CCDC;bf967a9c-0de6-11d0-a285-00aa003049e2;;AO)(OA;;CCDC;bf967aa8-0de6-11d0-a285-00aa003049e2;;PO)(A;;RPLCLORC;;;AU)(A;;LCRPLORC;;;ED)(OA;;CCDC;4828CC14-1437-45bc-9B07-AD6F015E5F28;;AO)'
    'container'                           = 'D:(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;DA)(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;SY)(A;;RPLCLORC;;;AU)'
    'domainDNS'                           = 'D:(A;;RP;;;WD)(OA;;CR;1131f6aa-9c07-11d1-f79f-00c04fc2dcd2;;ED)(OA;;CR;1131f6ab-9c07-11d1-f79f-00c04fc2dcd2;;ED)(OA;;CR;1131f6ac-9c07-11d1-f79f-00c04fc2dcd2;;ED)(OA;;CR;1131f6aa-9c07-11d1-f79f-00c04fc2dcd2;;BA)(OA;;CR;1131f6ab-9c07-11d1-f79f-00c04fc2dcd2;;BA)(OA;;CR;1131f6ac-9c07-11d1-f79f-00c04fc2dcd2;;BA)(A;;RPLCLORC;;;AU)(A;;RPWPCRLCLOCCRCWDWOSW;;;DA)(A;CI;RPWPCRLCLOCCRCWDWOSDSW;;;BA)(A;;RPWPCRLCLOCCDCRCWDWOSDDTSW;;;SY)(A;CI;RPWPCRLCLOCCDCRCWDWOSDDTSW;;;EA)(A;CI;LC;;;RU)(OA;CIIO;RP;037088f8-0ae1-11d2-b422-00a0c968f939;bf967aba-0de6-11d0-a285-00aa003049e2;RU)(OA;CIIO;RP;59ba2f42-79a2-11d0-9020-00c04fc2d3cf;bf967aba-0de6-11d0-a285-00aa003049e2;RU)(OA;CIIO;RP;bc0ac240-79a9-11d0-9020-00c04fc2d4cf;bf967aba-0de6-11d0-a285-00aa003049e2;RU)(OA;CIIO;RP;4c164200-20c0-11d0-a768-00aa006e0529;bf967aba-0de6-11d0-a285-00aa003049e2;RU)(OA;CIIO;RP;5f202010-79a5-11d0-9020-00c04fc2d4cf;bf967aba-0de6-11d0-a285-00aa003049e2;RU)(OA;CIIO;RPLCLORC;;bf967a9c-0de6-11d0-a285-00aa003049e2;RU)(A;;RC;;;RU)(OA;CIIO;RPLCLORC;;bf967aba-0de6-11d0-a285-00aa003049e2;RU)S:(AU;CISAFA;WDWOSDDTWPCRCCDCSW;;;WD)'
    'msDS-GroupManagedServiceAccount'     = 'D:(OD;;CR;00299570-246d-11d0-a768-00aa006e0529;;WD)(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;DA)(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;AO)(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;SY)(A;;RPCRLCLORCSDDT;;;CO)(OA;;WP;4c164200-20c0-11d0-a768-00aa006e0529;;CO)(OA;;SW;72e39547-7b18-11d1-adef-00c04fd8d5cd;;CO)(OA;;SW;f3a64788-5306-11d1-a9c5-0000f80367c1;;CO)(OA;;WP;3e0abfd0-126a-11d0-a060-00aa006c33ed;bf967a86-0de6-11d0-a285-00aa003049e2;CO)(OA;;WP;5f202010-79a5-11d0-9020-00c04fc2d4cf;bf967a86-0de6-11d0-a285-00aa003049e2;CO)(OA;;WP;bf967950-0de6-11d0-a285-00aa003049e2;bf967a86-0de6-11d0-a285-00aa003049e2;CO)(OA;;WP;bf967953-0de6-11d0-a285-00aa003049e2;bf967a86-0de6-11d0-a285-00aa003049e2;CO)(OA;;SW;f3a64788-5306-11d1-a9c5-0000f80367c1;;PS)(OA;;RPWP;77B5B886-944A-11d1-AEBD-0000F80367C1;;PS)(OA;;SW;72e39547-7b18-11d1-adef-00c04fd8d5cd;;PS)(A;;RPLCLORC;;;AU)(OA;;RPWP;bf967a7f-0de6-11d0-a285-00aa003049e2;;CA)(OA;;RP;46a9b11d-60ae-405a-b7e8-ff8a58d456d2;;S-1-5-32-560)(OA;;RP;e362ed86-b728-0842-b27d-2dea7a9df218;;WD)'
    'msDS-ManagedServiceAccount'          = 'D:(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;DA)(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;AO)(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;SY)(A;;RPCRLCLORCSDDT;;;CO)(OA;;WP;4c164200-20c0-11d0-a768-00aa006e0529;;CO)(OA;;SW;72e39547-7b18-11d1-adef-00c04fd8d5cd;;CO)(OA;;SW;f3a64788-5306-11d1-a9c5-0000f80367c1;;CO)(OA;;WP;3e0abfd0-126a-11d0-a060-00aa006c33ed;bf967a86-0de6-11d0-a285-00aa003049e2;CO)(OA;;WP;5f202010-79a5-11d0-9020-00c04fc2d4cf;bf967a86-0de6-11d0-a285-00aa003049e2;CO)(OA;;WP;bf967950-0de6-11d0-a285-00aa003049e2;bf967a86-0de6-11d0-a285-00aa003049e2;CO)(OA;;WP;bf967953-0de6-11d0-a285-00aa003049e2;bf967a86-0de6-11d0-a285-00aa003049e2;CO)(OA;;SW;f3a64788-5306-11d1-a9c5-0000f80367c1;;PS)(OA;;RPWP;77B5B886-944A-11d1-AEBD-0000F80367C1;;PS)(OA;;SW;72e39547-7b18-11d1-adef-00c04fd8d5cd;;PS)(A;;RPLCLORC;;;AU)(OA;;CR;ab721a53-1e2f-11d0-9819-00aa0040529b;;WD)(OA;;RPWP;bf967a7f-0de6-11d0-a285-00aa003049e2;;CA)(OA;;RP;46a9b11d-60ae-405a-b7e8-ff8a58d456d2;;S-1-5-32-560)(OA;;RP;b7c69e6d-2cc7-11d2-854e-00a0c983f608;;ED)'
    'msDS-DelegatedManagedServiceAccount' = 'D:(OD;;CR;00299570-246d-11d0-a768-00aa006e0529;;WD)(OD;;RP;e362ed86-b728-0842-b27d-2dea7a9df218;;WD)(OA;;WP;5f202010-79a5-11d0-9020-00c04fc2d4cf;bf967a86-0de6-11d0-a285-00aa003049e2;CO)(OA;;WP;bf967950-0de6-11d0-a285-00aa003049e2;bf967a86-0de6-11d0-a285-00aa003049e2;CO)(OA;;WP;bf967953-0de6-11d0-a285-00aa003049e2;bf967a86-0de6-11d0-a285-00aa003049e2;CO)(OA;;WP;3e0abfd0-126a-11d0-a060-00aa006c33ed;bf967a86-0de6-11d0-a285-00aa003049e2;CO)(OA;;RP;46a9b11d-60ae-405a-b7e8-ff8a58d456d2;;S-1-5-32-560)(OA;;SW;72e39547-7b18-11d1-adef-00c04fd8d5cd;;CO)(OA;;SW;72e39547-7b18-11d1-adef-00c04fd8d5cd;;PS)(OA;;SW;f3a64788-5306-11d1-a9c5-0000f80367c1;;CO)(OA;;SW;f3a64788-5306-11d1-a9c5-0000f80367c1;;PS)(OA;;WP;4c164200-20c0-11d0-a768-00aa006e0529;;CO)(OA;;RPWP;77b5b886-944a-11d1-aebd-0000f80367c1;;PS)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;DA)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;AO)(A;;LCRPDTLOCRSDRC;;;CO)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;SY)'
    'msKds-ProvRootKey'                   = 'D:(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;EA)(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;SY)(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;DA)'
}

# schemaIDGUIDs of the classes the lab has (InheritedObjectType matching), from the schema reference.
$script:AdClassSchemaGuid = @{
    'user'                                = 'bf967aba-0de6-11d0-a285-00aa003049e2'
    'computer'                            = 'bf967a86-0de6-11d0-a285-00aa003049e2'
    'group'                               = 'bf967a9c-0de6-11d0-a285-00aa003049e2'
    'organizationalUnit'                  = 'bf967aa5-0de6-11d0-a285-00aa003049e2'
    'container'                           = 'bf967a8b-0de6-11d0-a285-00aa003049e2'
    'msDS-ManagedServiceAccount'          = 'ce206244-5827-4a86-ba1c-1c0c386c1b64'
    'msDS-GroupManagedServiceAccount'     = '7b8b558a-93a5-4af7-adca-c017e67f1057'
    'msDS-DelegatedManagedServiceAccount' = '0feb936f-47b3-49f2-9386-1dedc2c23765'
    'msKds-ProvRootKey'                   = 'aa02fd41-17e0-4f18-8687-b2239649736b'
}

# SDDL access-right letters -> ActiveDirectoryRights bits (MS-DTYP 2.5.1.1 "ace_rights"; the enum's values).
$script:AdSddlRights = [ordered]@{
    GA = 0x10000000; GR = 0x80000000; GW = 0x40000000; GX = 0x20000000
    SD = 0x10000; RC = 0x20000; WD = 0x40000; WO = 0x80000
    CC = 0x1; DC = 0x2; LC = 0x4; SW = 0x8; RP = 0x10; WP = 0x20; DT = 0x40; LO = 0x80; CR = 0x100
}

# SDDL SID aliases (MS-DTYP 2.5.1.1 "sid-token"); a leading '-' is relative to the domain SID.
$script:AdSddlSids = @{
    DA = '-512'; DU = '-513'; DC = '-515'; DD = '-516'; CA = '-517'; SA = '-518'; EA = '-519'; PA = '-520'; RO = '-498'
    AO = 'S-1-5-32-548'; PO = 'S-1-5-32-550'; SO = 'S-1-5-32-549'; BO = 'S-1-5-32-551'; BA = 'S-1-5-32-544'; BU = 'S-1-5-32-545'
    RU = 'S-1-5-32-554'; PS = 'S-1-5-10'; CO = 'S-1-3-0'; AU = 'S-1-5-11'; WD = 'S-1-1-0'; SY = 'S-1-5-18'; ED = 'S-1-5-9'
    NS = 'S-1-5-20'; LS = 'S-1-5-19'; AN = 'S-1-5-7'
}

# Account names of well-known SIDs, as NTAccount translation writes them.
$script:AdWellKnownNames = @{
    'S-1-1-0' = 'Everyone'; 'S-1-3-0' = 'CREATOR OWNER'; 'S-1-5-7' = 'NT AUTHORITY\ANONYMOUS LOGON'
    'S-1-5-9' = 'NT AUTHORITY\ENTERPRISE DOMAIN CONTROLLERS'; 'S-1-5-10' = 'NT AUTHORITY\SELF'
    'S-1-5-11' = 'NT AUTHORITY\Authenticated Users'; 'S-1-5-18' = 'NT AUTHORITY\SYSTEM'
    'S-1-5-19' = 'NT AUTHORITY\LOCAL SERVICE'; 'S-1-5-20' = 'NT AUTHORITY\NETWORK SERVICE'
    'S-1-5-32-544' = 'BUILTIN\Administrators'; 'S-1-5-32-545' = 'BUILTIN\Users'; 'S-1-5-32-548' = 'BUILTIN\Account Operators'
    'S-1-5-32-549' = 'BUILTIN\Server Operators'; 'S-1-5-32-550' = 'BUILTIN\Print Operators'; 'S-1-5-32-551' = 'BUILTIN\Backup Operators'
    'S-1-5-32-554' = 'BUILTIN\Pre-Windows 2000 Compatible Access'; 'S-1-5-32-560' = 'BUILTIN\Windows Authorization Access Group'
}

# The well-known groups of the domain by RID, when the state has no object for them.
$script:AdDomainRidNames = @{
    '498' = 'Enterprise Read-only Domain Controllers'; '512' = 'Domain Admins'; '513' = 'Domain Users'; '515' = 'Domain Computers'
    '516' = 'Domain Controllers'; '517' = 'Cert Publishers'; '518' = 'Schema Admins'; '519' = 'Enterprise Admins'
    '520' = 'Group Policy Creator Owners'; '526' = 'Key Admins'; '527' = 'Enterprise Key Admins'
}

$script:AdSdCache = $null
# Windows PowerShell does not load System.DirectoryServices (ActiveDirectoryRights, ActiveDirectorySecurity) by itself.
if ($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) { Add-Type -AssemblyName System.DirectoryServices }

function Get-LabAdSdCache {
    <# The memo for one state read: objects by DN, account names by SID, computed DACLs by DN. A new state read (each
       cmdlet reads the state afresh) starts a new one. #>
    param([hashtable]$State)
    if ($null -ne $script:AdSdCache -and [object]::ReferenceEquals($script:AdSdCache.State, $State)) { return $script:AdSdCache }
    $byDn = New-Object 'System.Collections.Generic.Dictionary[string,object]' ([System.StringComparer]::OrdinalIgnoreCase)
    $names = New-Object 'System.Collections.Generic.Dictionary[string,string]' ([System.StringComparer]::OrdinalIgnoreCase)
    foreach ($k in $script:AdWellKnownNames.Keys) { $names[$k] = $script:AdWellKnownNames[$k] }
    $netbios = [string]$State.domain.netBIOSName
    foreach ($rid in $script:AdDomainRidNames.Keys) { $names[$State.domain.domainSid + '-' + $rid] = $netbios + '\' + $script:AdDomainRidNames[$rid] }
    foreach ($o in $State.objects) {
        $byDn[[string]$o.distinguishedName] = $o
        if ($o.objectSid) {
            $sam = $o.samAccountName
            if (-not $sam) { $sam = $o.name }
            if ([string]$o.objectSid -like 'S-1-5-32-*') { $names[[string]$o.objectSid] = 'BUILTIN\' + $sam } else { $names[[string]$o.objectSid] = $netbios + '\' + $sam }
        }
    }
    foreach ($v in (Get-LabAdVirtualObjects -State $State -Dc '')) { if (-not $byDn.ContainsKey([string]$v.distinguishedName)) { $byDn[[string]$v.distinguishedName] = $v } }
    $keys = @{}
    foreach ($key in $State.kdsRootKeys) { $keys[([string]$key.keyId).ToLowerInvariant()] = $key }
    $script:AdSdCache = @{
        State = $State; ByDn = $byDn; Names = $names; Keys = $keys
        Dacl = New-Object 'System.Collections.Generic.Dictionary[string,object]' ([System.StringComparer]::OrdinalIgnoreCase)
        Sacl = New-Object 'System.Collections.Generic.Dictionary[string,object]' ([System.StringComparer]::OrdinalIgnoreCase)
        Defaults = @{}
    }
    return $script:AdSdCache
}

function ConvertFrom-LabAdSddlAces {
    <# The ACEs of an SDDL DACL/SACL string as entry rows (@{ sid; rights (int); type; objectType; inheritedObjectType;
       inheritance; inherited }). #>
    param([string]$Sddl, [string]$DomainSid)
    $rows = New-Object System.Collections.ArrayList
    foreach ($m in [regex]::Matches($Sddl, '\(([^)]*)\)')) {
        $f = $m.Groups[1].Value.Split(';')
        $rights = 0
        $letters = $f[2]
        if ($letters -match '^0x[0-9a-fA-F]+$') { $rights = [Convert]::ToInt32($letters.Substring(2), 16) }
        else { for ($i = 0; $i + 1 -lt $letters.Length; $i += 2) { $rights = $rights -bor [int]$script:AdSddlRights[$letters.Substring($i, 2)] } }
        $flags = @(for ($i = 0; $i + 1 -lt $f[1].Length; $i += 2) { $f[1].Substring($i, 2) })
        $ci = $flags -contains 'CI'; $io = $flags -contains 'IO'; $np = $flags -contains 'NP'
        $inheritance = 'None'
        if ($ci -and $io -and $np) { $inheritance = 'Children' } elseif ($ci -and $io) { $inheritance = 'Descendents' } elseif ($ci -and $np) { $inheritance = 'SelfAndChildren' } elseif ($ci) { $inheritance = 'All' }
        $type = 'Allow'
        switch ($f[0]) {
            { $_ -eq 'D' -or $_ -eq 'OD' } { $type = 'Deny' }
            { $_ -eq 'AU' -or $_ -eq 'OU' } {
                $type = @()
                if ($flags -contains 'SA') { $type += 'Success' }
                if ($flags -contains 'FA') { $type += 'Failure' }
                $type = $type -join ', '
            }
        }
        $sid = $f[5]
        if ($script:AdSddlSids.ContainsKey($sid)) { $sid = $script:AdSddlSids[$sid] }
        if ($sid.StartsWith('-')) { $sid = $DomainSid + $sid }
        [void]$rows.Add(@{ sid = $sid; rights = $rights; type = $type; objectType = $f[3].ToLowerInvariant(); inheritedObjectType = $f[4].ToLowerInvariant(); inheritance = $inheritance; inherited = ($flags -contains 'ID') })
    }
    return , $rows.ToArray()
}

function ConvertFrom-LabAdStateAce {
    <# An ACE of the state (state.ts adAceSchema) as an entry row. #>
    param($Ace)
    $inheritance = 'None'
    if ($Ace.inheritance) { $inheritance = [string]$Ace.inheritance }
    return @{
        sid = [string]$Ace.sid; rights = [int][System.DirectoryServices.ActiveDirectoryRights][string]$Ace.rights; type = [string]$Ace.type
        objectType = ([string]$Ace.objectType).ToLowerInvariant(); inheritedObjectType = ([string]$Ace.inheritedObjectType).ToLowerInvariant()
        inheritance = $inheritance; inherited = $false
    }
}

function Get-LabAdExplicitSecurity {
    <# The state's explicit part for a record: objects[].security, or for a KDS root key kdsRootKeys[].security. #>
    param($Cache, $Object)
    if ($Object.objectClass -eq 'msKds-ProvRootKey') {
        $key = $Cache.Keys[([string]$Object.name).ToLowerInvariant()]
        if ($null -ne $key -and $key.ContainsKey('security')) { return $key['security'] }
        return $null
    }
    if ($Object.ContainsKey('security')) { return $Object['security'] }
    # A computed container (the domain head, CN=Master Root Keys, ...) keeps its explicit part in the state's
    # containerSecurity, by DN (case-insensitive); its children inherit from it as from any parent, so an audit rule
    # set there (Descendents, msKds-ProvRootKey) reaches every KDS key, today's and the next, as on Windows.
    if (-not $Cache.State.ContainsKey('containerSecurity')) { return $null }
    return (Get-LabAdContainerSecurity -State $Cache.State -Dn ([string]$Object.distinguishedName))
}

function Get-LabAdContainerSecurity {
    <# containerSecurity[$Dn] of the state (state.ts), DN compared case-insensitively, or $null. #>
    param([hashtable]$State, [string]$Dn)
    if (-not $State.ContainsKey('containerSecurity') -or $null -eq $State.containerSecurity) { return $null }
    foreach ($k in @($State.containerSecurity.Keys)) { if (Test-LabAdDnEqual ([string]$k) $Dn) { return $State.containerSecurity[$k] } }
    return $null
}

function Get-LabAdInheritedCopies {
    <# What a child of class $Class inherits from its parent's entries $ParentRows: each inheritable entry whose
       InheritedObjectType (if any) is the child's class applies to the child; All / Descendents keep propagating to
       the grandchildren (Children / SelfAndChildren stop here); an entry for another class passes through as
       inherit-only (Descendents) when it propagates, else is dropped. (The inheritance rules of
       CreatePrivateObjectSecurityEx for object ACEs, MS-DTYP 2.5.3.4.) #>
    param($ParentRows, [string]$Class)
    $classGuid = [string]$script:AdClassSchemaGuid[$Class]
    $out = New-Object System.Collections.ArrayList
    foreach ($r in $ParentRows) {
        if ($r.inheritance -eq 'None') { continue }
        $applies = (-not $r.inheritedObjectType) -or ($r.inheritedObjectType -eq $classGuid)
        $propagates = ($r.inheritance -eq 'All' -or $r.inheritance -eq 'Descendents')
        $inheritance = $null
        if ($applies -and $propagates) { $inheritance = 'All' } elseif ($applies) { $inheritance = 'None' } elseif ($propagates) { $inheritance = 'Descendents' }
        if ($null -eq $inheritance) { continue }
        [void]$out.Add(@{ sid = $r.sid; rights = $r.rights; type = $r.type; objectType = $r.objectType; inheritedObjectType = $r.inheritedObjectType; inheritance = $inheritance; inherited = $true; fromAbove = [bool]$r.inherited })
    }
    return , $out.ToArray()
}

function Get-LabAdParentRecord {
    <# The parent of $Dn inside the same naming context: a state object or virtual record, a placeholder container for
       a parent the lab does not model (CN=System, ...), or $null at the head of a naming context (the domain,
       CN=Configuration, CN=Schema: inheritance stops there). #>
    param($Cache, [string]$Dn)
    $base = [string]$Cache.State.domain.distinguishedName
    if ((Test-LabAdDnEqual $Dn $base) -or (Test-LabAdDnEqual $Dn "CN=Configuration,$base") -or (Test-LabAdDnEqual $Dn "CN=Schema,CN=Configuration,$base")) { return $null }
    $parentDn = Get-LabAdParentDn $Dn
    if (-not $parentDn) { return $null }
    if ($Cache.ByDn.ContainsKey($parentDn)) { return $Cache.ByDn[$parentDn] }
    $placeholder = @{ objectClass = 'container'; distinguishedName = $parentDn; name = $parentDn }
    $Cache.ByDn[$parentDn] = $placeholder
    return $placeholder
}

function Get-LabAdDefaultRows {
    <# The class default's DACL (or with -Sacl, SACL) entries, for this domain's SIDs. #>
    param($Cache, [string]$Class, [switch]$Sacl)
    if (-not $Cache.Defaults.ContainsKey($Class)) {
        $sddl = $script:AdDefaultSddl[$Class]
        if (-not $sddl) { $sddl = $script:AdDefaultSddl['container'] }
        $parts = [regex]::Match($sddl, '^D:(.*?)(?:S:(.*))?$')
        $Cache.Defaults[$Class] = @{
            Dacl = (ConvertFrom-LabAdSddlAces -Sddl $parts.Groups[1].Value -DomainSid $Cache.State.domain.domainSid)
            Sacl = (ConvertFrom-LabAdSddlAces -Sddl $parts.Groups[2].Value -DomainSid $Cache.State.domain.domainSid)
        }
    }
    if ($Sacl) { return , $Cache.Defaults[$Class].Sacl }
    return , $Cache.Defaults[$Class].Dacl
}

function Get-LabAdDaclRows {
    <# The effective DACL of a record, in canonical order: explicit (state) and default entries, deny before allow,
       then the inherited ones (nearest parent first, deny before allow within each parent, as Windows orders them).
       What a parent passes to children of one class is the same for all of them: computed once per parent and class. #>
    param($Cache, $Object)
    $dn = [string]$Object.distinguishedName
    if ($Cache.Dacl.ContainsKey($dn)) { return $Cache.Dacl[$dn] }
    $class = [string]$Object.objectClass
    $security = Get-LabAdExplicitSecurity -Cache $Cache -Object $Object
    $explicit = New-Object System.Collections.ArrayList
    if ($null -ne $security) { foreach ($a in @($security.access)) { if ($null -ne $a) { [void]$explicit.Add((ConvertFrom-LabAdStateAce $a)) } } }
    $rows = New-Object System.Collections.ArrayList
    if ($explicit.Count -eq 0) { $rows.AddRange((Get-LabAdCanonicalRows -Cache $Cache -Key ('default|' + $class) -Rows (Get-LabAdDefaultRows -Cache $Cache -Class $class))) }
    else {
        $explicit.AddRange((Get-LabAdDefaultRows -Cache $Cache -Class $class))
        $rows.AddRange((Get-LabAdCanonicalRows -Rows $explicit.ToArray()))
    }
    $protected = ($null -ne $security -and [bool]$security.protected)
    $parent = Get-LabAdParentRecord -Cache $Cache -Dn $dn
    if (-not $protected -and $null -ne $parent) {
        $key = 'inherit|' + [string]$parent.distinguishedName + '|' + $class
        if (-not $Cache.Defaults.ContainsKey($key)) {
            $inherited = Get-LabAdInheritedCopies -ParentRows (Get-LabAdDaclRows -Cache $Cache -Object $parent) -Class $class
            # The parent's own explicit entries come first (nearest first), then what it inherited itself.
            $near = @(foreach ($r in $inherited) { if (-not $r.fromAbove) { $r } })
            $far = @(foreach ($r in $inherited) { if ($r.fromAbove) { $r } })
            $Cache.Defaults[$key] = @((Get-LabAdCanonicalRows -Rows $near) + (Get-LabAdCanonicalRows -Rows $far))
        }
        $rows.AddRange([object[]]$Cache.Defaults[$key])
    }
    $result = $rows.ToArray()
    $Cache.Dacl[$dn] = $result
    return , $result
}

function Get-LabAdCanonicalRows {
    <# Deny entries before allow entries, each in their order (remembered under -Key when given). #>
    param($Cache, [string]$Key, [object[]]$Rows)
    if ($Key -and $Cache.Defaults.ContainsKey($Key)) { return , $Cache.Defaults[$Key] }
    $sorted = [object[]]@(@(foreach ($r in $Rows) { if ($r.type -eq 'Deny') { $r } }) + @(foreach ($r in $Rows) { if ($r.type -ne 'Deny') { $r } }))
    if ($Key) { $Cache.Defaults[$Key] = $sorted }
    return , $sorted
}

function Get-LabAdSaclRows {
    <# The SACL: explicit audit entries, then the inheritable audit entries of the parents (same rules as the DACL). #>
    param($Cache, $Object)
    $dn = [string]$Object.distinguishedName
    if ($Cache.Sacl.ContainsKey($dn)) { return $Cache.Sacl[$dn] }
    $rows = New-Object System.Collections.ArrayList
    $security = Get-LabAdExplicitSecurity -Cache $Cache -Object $Object
    if ($null -ne $security) { foreach ($a in @($security.audit)) { if ($null -ne $a) { [void]$rows.Add((ConvertFrom-LabAdStateAce $a)) } } }
    foreach ($r in (Get-LabAdDefaultRows -Cache $Cache -Class ([string]$Object.objectClass) -Sacl)) { [void]$rows.Add($r) }
    $parent = Get-LabAdParentRecord -Cache $Cache -Dn $dn
    if ($null -ne $parent) {
        foreach ($r in (Get-LabAdInheritedCopies -ParentRows (Get-LabAdSaclRows -Cache $Cache -Object $parent) -Class ([string]$Object.objectClass))) { [void]$rows.Add($r) }
    }
    $result = $rows.ToArray()
    $Cache.Sacl[$dn] = $result
    return , $result
}

function Test-LabAdCanReadSacl {
    <# Whether the caller's token on the DC holds SeSecurityPrivilege ("Manage auditing and security log", granted to
       BUILTIN\Administrators on DCs by the Default Domain Controllers Policy). Without it the DC leaves the SACL out
       of nTSecurityDescriptor and the read still succeeds (the SD flags default to what the caller may read). The lab
       ties it to the session's elevated flag, as the wizard runs its audit elevated. #>
    $ctx = Get-LabContext
    return [bool]$ctx.Elevated
}

function ConvertTo-LabAdSddlAce {
    <# One entry row as SDDL (raw SIDs, rights as hex), for .Sddl and for loading the real class on Windows. #>
    param($Row)
    $flags = ''
    switch ($Row.inheritance) { 'All' { $flags = 'CI' } 'Descendents' { $flags = 'CIIO' } 'SelfAndChildren' { $flags = 'CINP' } 'Children' { $flags = 'CIIONP' } }
    if ($Row.inherited) { $flags += 'ID' }
    $isObject = [bool]($Row.objectType -or $Row.inheritedObjectType)
    switch ($Row.type) {
        'Allow' { $t = 'A' }
        'Deny' { $t = 'D' }
        default {
            $t = 'AU'
            if ($Row.type -like '*Success*') { $flags += 'SA' }
            if ($Row.type -like '*Failure*') { $flags += 'FA' }
        }
    }
    if ($isObject) { $t = @{ A = 'OA'; D = 'OD'; AU = 'OU' }[$t] }
    return '(' + $t + ';' + $flags + ';0x' + ([int]$Row.rights).ToString('x') + ';' + $Row.objectType + ';' + $Row.inheritedObjectType + ';' + $Row.sid + ')'
}

function Get-LabAdSecurityRows {
    <# The one code path: owner, group, DACL and (when readable) SACL entry rows of a record. #>
    # IncludeSacl: whether the reader asked for (and may read) the SACL; default: what SeSecurityPrivilege allows.
    param([hashtable]$State, $Object, $IncludeSacl = $null)
    if ($null -eq $IncludeSacl) { $IncludeSacl = Test-LabAdCanReadSacl }
    $cache = Get-LabAdSdCache -State $State
    $security = Get-LabAdExplicitSecurity -Cache $cache -Object $Object
    $owner = $State.domain.domainSid + '-512'
    if ($null -ne $security -and $security.owner) { $owner = [string]$security.owner }
    $sacl = $null
    if ($IncludeSacl) { $sacl = Get-LabAdSaclRows -Cache $cache -Object $Object }
    return @{
        Owner = $owner; Group = $State.domain.domainSid + '-512'; Dacl = (Get-LabAdDaclRows -Cache $cache -Object $Object); Sacl = $sacl
        Protected = ($null -ne $security -and [bool]$security.protected); Names = $cache.Names
    }
}

function ConvertTo-LabAdSddl {
    <# The rows as SDDL: O:owner G:group D:(P)AI(aces) and, when read, S:AI(aces). The look-alike writes the same
       text itself (AdSecurityTypes.cs), only when a script reads .Sddl. #>
    param($Rows)
    $text = 'O:' + $Rows.Owner + 'G:' + $Rows.Group + 'D:'
    if ($Rows.Protected) { $text += 'P' }
    $text += 'AI' + (@(foreach ($r in $Rows.Dacl) { ConvertTo-LabAdSddlAce $r }) -join '')
    if ($null -ne $Rows.Sacl) { $text += 'S:AI' + (@(foreach ($r in $Rows.Sacl) { ConvertTo-LabAdSddlAce $r }) -join '') }
    return $text
}

function Get-LabAdSecurityDescriptor {
    <# nTSecurityDescriptor as the real module returns it: System.DirectoryServices.ActiveDirectorySecurity on Windows,
       LabCore's look-alike elsewhere. IncludeSacl as Get-LabAdSecurityRows takes it (Get-Acl on AD: passes -Audit). #>
    param([hashtable]$State, $Object, $IncludeSacl = $null)
    $rows = Get-LabAdSecurityRows -State $State -Object $Object -IncludeSacl $IncludeSacl
    if ($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) {
        $sd = New-Object System.DirectoryServices.ActiveDirectorySecurity
        $sd.SetSecurityDescriptorSddlForm((ConvertTo-LabAdSddl $rows))
        return , $sd
    }
    return , [LabAdSecurity.AdSecurityFactory]::FromRows($rows.Owner, $rows.Group, $rows.Dacl, $rows.Sacl, $rows.Protected, $rows.Names)
}
