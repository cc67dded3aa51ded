# The objects the cmdlets return: every attribute the real module can show for a state object (friendly and LDAP
# names), and the output object itself (real .NET type, default property set plus -Properties).

$script:Ns = 'Microsoft.ActiveDirectory.Management'

# Every ADEntity type shows its property collection through ADEntityAdapter, as the real module's
# ActiveDirectory.Types.ps1xml arranges (PowerShell looks a type adapter up by the exact type, so each type is named).
foreach ($adType in [Microsoft.ActiveDirectory.Management.ADEntity].Assembly.GetTypes()) {
    if ($adType.IsPublic -and [Microsoft.ActiveDirectory.Management.ADEntity].IsAssignableFrom($adType)) {
        Update-TypeData -TypeName $adType.FullName -TypeAdapter ([Microsoft.ActiveDirectory.Management.ADEntityAdapter]) -Force
    }
}

$script:DefaultProperties = @{
    ServiceAccount = @('DistinguishedName', 'Enabled', 'Name', 'ObjectClass', 'ObjectGUID', 'SamAccountName', 'SID', 'UserPrincipalName')
    Computer       = @('DistinguishedName', 'DNSHostName', 'Enabled', 'Name', 'ObjectClass', 'ObjectGUID', 'SamAccountName', 'SID', 'UserPrincipalName')
    User           = @('DistinguishedName', 'Enabled', 'GivenName', 'Name', 'ObjectClass', 'ObjectGUID', 'SamAccountName', 'SID', 'Surname', 'UserPrincipalName')
    Group          = @('DistinguishedName', 'GroupCategory', 'GroupScope', 'Name', 'ObjectClass', 'ObjectGUID', 'SamAccountName', 'SID')
    OU             = @('City', 'Country', 'DistinguishedName', 'LinkedGroupPolicyObjects', 'ManagedBy', 'Name', 'ObjectClass', 'ObjectGUID', 'PostalCode', 'State', 'StreetAddress')
    Object         = @('DistinguishedName', 'Name', 'ObjectClass', 'ObjectGUID')
    # Get-ADGroupMember writes these names with a lower-case first letter, as the real cmdlet does.
    Principal      = @('distinguishedName', 'name', 'objectClass', 'objectGUID', 'SamAccountName', 'SID')
}

function Get-LabAdAttributeTable {
    <# Every property the real module can return for this object, under its real name (friendly and LDAP). #>
    param([hashtable]$State, [hashtable]$Object)
    $o = $Object
    $base = $State.domain.distinguishedName
    $schemaNc = "CN=Schema,CN=Configuration,$base"
    $class = [string]$o.objectClass
    $kind = Get-LabAdKind $class
    $created = ConvertFrom-LabDateText ([string]$o.created)
    $category = Get-LabAdCategory $class
    $t = [ordered]@{}
    $t['CanonicalName'] = ConvertTo-LabAdCanonicalName -Dn $o.distinguishedName -DnsRoot $State.domain.dnsRoot
    $t['CN'] = $o.name
    $t['Created'] = $created
    $t['createTimeStamp'] = $created
    $t['Deleted'] = $null
    $t['Description'] = $o.description
    $t['DisplayName'] = $null
    $t['DistinguishedName'] = $o.distinguishedName
    $t['instanceType'] = 4
    $t['isDeleted'] = $null
    $t['LastKnownParent'] = $null
    $t['Modified'] = $created
    $t['modifyTimeStamp'] = $created
    $t['Name'] = $o.name
    $t['nTSecurityDescriptor'] = $null
    $t['ObjectCategory'] = "CN=$($category[0]),$schemaNc"
    $t['ObjectClass'] = $class
    $t['ObjectGUID'] = [guid]$o.objectGuid
    $t['ProtectedFromAccidentalDeletion'] = ($class -eq 'organizationalUnit')
    $t['sDRightsEffective'] = 15
    $t['whenChanged'] = $created
    $t['whenCreated'] = $created

    $isAccount = ($kind -eq 'User' -or $kind -eq 'Computer' -or $kind -eq 'ServiceAccount')
    if ($isAccount -or $kind -eq 'Group') {
        $directGroups = Get-LabAdDirectGroups -State $State -Dn $o.distinguishedName
        $primaryRid = Get-LabAdPrimaryGroupRid $o
        $primarySid = $State.domain.domainSid + '-' + $primaryRid
        $memberOf = New-Object System.Collections.ArrayList
        foreach ($g in $directGroups) {
            if ($isAccount -and $g.objectSid -eq $primarySid) { continue }
            [void]$memberOf.Add($g.distinguishedName)
        }
        $t['MemberOf'] = $memberOf.ToArray()
        $t['SamAccountName'] = $o.samAccountName
        $t['SID'] = ConvertTo-LabSid $o.objectSid
        $t['objectSid'] = ConvertTo-LabSid $o.objectSid
        $t['SIDHistory'] = @()
    }
    if ($isAccount) {
        $enabled = [bool]$o.enabled
        $pwdLastSet = $created
        if ($o.ContainsKey('passwordLastSet') -and $o['passwordLastSet']) { $pwdLastSet = ConvertFrom-LabDateText ([string]$o['passwordLastSet']) }
        # userAccountControl and the flags derived from it (TrustedForDelegation, ...): Add-LabAdBagToTable.
        $uac = Get-LabAdUac $o
        $primaryDn = "CN=Domain Computers,CN=Users,$base"
        if ($primaryRid -eq 513) { $primaryDn = "CN=Domain Users,CN=Users,$base" }
        if ($primaryRid -eq 516) { $primaryDn = "CN=Domain Controllers,CN=Users,$base" }
        $index = Get-LabAdSearchIndex $State
        if ($null -ne $index) {
            if ($index.BySid.ContainsKey($primarySid) -and $index.BySid[$primarySid].objectClass -eq 'group') { $primaryDn = $index.BySid[$primarySid].distinguishedName }
        }
        else { foreach ($g in $State.objects) { if ($g.objectClass -eq 'group' -and $g.objectSid -eq $primarySid) { $primaryDn = $g.distinguishedName } } }
        $encValue = ConvertTo-LabEncValue $o.kerberosEncryptionType
        $delegate = @()
        if ($o.ContainsKey('principalsAllowedToDelegateToAccount') -and $null -ne $o['principalsAllowedToDelegateToAccount']) { $delegate = @($o['principalsAllowedToDelegateToAccount']) }
        $t['AccountExpirationDate'] = $null
        $t['accountExpires'] = [long]9223372036854775807
        $t['AccountLockoutTime'] = $null
        $t['AccountNotDelegated'] = $false
        $t['AllowReversiblePasswordEncryption'] = $false
        $t['AuthenticationPolicy'] = @()
        $t['AuthenticationPolicySilo'] = @()
        $t['BadLogonCount'] = 0
        $t['badPwdCount'] = 0
        $t['CannotChangePassword'] = $false
        $t['Certificates'] = @()
        $t['CompoundIdentitySupported'] = @()
        $t['DoesNotRequirePreAuth'] = $false
        $t['Enabled'] = $enabled
        $t['HomedirRequired'] = $false
        $t['HomePage'] = $null
        $t['KerberosEncryptionType'] = [Microsoft.ActiveDirectory.Management.ADKerberosEncryptionType]$encValue
        $t['LastBadPasswordAttempt'] = $null
        $t['lastLogoff'] = 0
        $t['lastLogon'] = 0
        $t['LastLogonDate'] = $null
        $t['LockedOut'] = $false
        $t['logonCount'] = 0
        $t['MNSLogonAccount'] = $false
        $t['msDS-SupportedEncryptionTypes'] = $null
        if ($encValue -ne 0) { $t['msDS-SupportedEncryptionTypes'] = $encValue }
        $t['msDS-User-Account-Control-Computed'] = 0
        $t['PasswordExpired'] = $false
        $t['PasswordLastSet'] = $pwdLastSet
        $t['PasswordNeverExpires'] = $false
        $t['PasswordNotRequired'] = $false
        $t['PrimaryGroup'] = $primaryDn
        $t['primaryGroupID'] = $primaryRid
        $t['PrincipalsAllowedToDelegateToAccount'] = $delegate
        $t['ProtectedFromAccidentalDeletion'] = $false
        $t['pwdLastSet'] = $pwdLastSet.ToFileTimeUtc()
        $t['sAMAccountType'] = 805306369
        if ($kind -eq 'User') { $t['sAMAccountType'] = 805306368 }
        $t['ServicePrincipalNames'] = @($o.servicePrincipalNames)
        $t['servicePrincipalName'] = @($o.servicePrincipalNames)
        $t['TrustedForDelegation'] = ($primaryRid -eq 516)
        $t['TrustedToAuthForDelegation'] = $false
        $t['UseDESKeyOnly'] = $false
        $t['userAccountControl'] = $uac
        $t['UserPrincipalName'] = $null
        # Password and logon data, and what the DC computes from it and the resultant policy (PasswordPolicies.ps1).
        Add-LabAdPasswordProperties -State $State -Object $o -Table $t
    }
    switch ($kind) {
        'User' {
            $t['GivenName'] = $null
            $t['Surname'] = $null
            $t['EmailAddress'] = $null
            $t['Title'] = $null
            # dMSA migration seen from the superseded account.
            $index = Get-LabAdSearchIndex $State
            $candidates = $State.objects
            if ($null -ne $index) {
                $candidates = @()
                if ($index.SupersededBy.ContainsKey([string]$o.distinguishedName)) { $candidates = $index.SupersededBy[[string]$o.distinguishedName].ToArray() }
            }
            foreach ($d in $candidates) {
                $mig = Get-LabAdMigration $d
                if ($null -ne $mig -and (Test-LabAdDnEqual $mig.supersededAccount $o.distinguishedName)) {
                    $t['msDS-SupersededManagedAccountLink'] = $d.distinguishedName
                    $t['msDS-SupersededServiceAccountState'] = 1
                    if ($mig.state -eq 'Completed') { $t['msDS-SupersededServiceAccountState'] = 2 }
                }
            }
        }
        'Computer' {
            $dcInfo = $null
            foreach ($dc in $State.domainControllers) { if ($dc.name -eq $o.name) { $dcInfo = $dc } }
            $t['DNSHostName'] = $o.dnsHostName
            $t['IPv4Address'] = $null
            $t['IPv6Address'] = $null
            $t['IsCriticalSystemObject'] = ($null -ne $dcInfo)
            $t['Location'] = $null
            $t['ManagedBy'] = $null
            $t['msDS-HostServiceAccount'] = @($o.hostServiceAccounts)
            $t['OperatingSystem'] = $o.operatingSystem
            $t['OperatingSystemHotfix'] = $null
            $t['OperatingSystemServicePack'] = $null
            $t['OperatingSystemVersion'] = $null
            $t['ServiceAccount'] = @($o.hostServiceAccounts)
            if ($null -ne $dcInfo) {
                $t['IPv4Address'] = $dcInfo.ipv4Address
                $t['OperatingSystemVersion'] = $dcInfo.operatingSystemVersion
            }
        }
        'ServiceAccount' {
            $t['DNSHostName'] = $o.dnsHostName
            $t['HostComputers'] = @($o.hostComputers)
            $t['msDS-HostServiceAccountBL'] = @($o.hostComputers)
            $t['ManagedPasswordIntervalInDays'] = $o.managedPasswordIntervalInDays
            $t['msDS-ManagedPasswordInterval'] = $o.managedPasswordIntervalInDays
            $t['PrincipalsAllowedToRetrieveManagedPassword'] = @($o.principalsAllowedToRetrieveManagedPassword)
            if ($class -eq 'msDS-DelegatedManagedServiceAccount') {
                $mig = Get-LabAdMigration $o
                $t['msDS-DelegatedMSAState'] = 0
                $t['msDS-ManagedAccountPrecededByLink'] = @()
                if ($null -ne $mig) {
                    $t['msDS-ManagedAccountPrecededByLink'] = @($mig.supersededAccount)
                    $t['msDS-DelegatedMSAState'] = 1
                    if ($mig.state -eq 'Completed') { $t['msDS-DelegatedMSAState'] = 2 }
                }
            }
        }
        'Group' {
            $scopeBits = @{ DomainLocal = 4; Global = 2; Universal = 8 }
            $groupType = [int]$scopeBits[[string]$o.groupScope]
            # GROUP_TYPE_BUILTIN_LOCAL_GROUP (0x1): the groups of CN=Builtin (SIDs S-1-5-32-*), e.g. BUILTIN\Administrators
            # is 0x80000005 = -2147483643 (MS-ADTS 2.2.12 groupType; MS-SAMR 2.2.1.11).
            if ([string]$o.objectSid -like 'S-1-5-32-*') { $groupType = $groupType -bor 1 }
            if ($o.groupCategory -eq 'Security') { $groupType = [int]($groupType - 2147483648) }
            $t['GroupCategory'] = [Microsoft.ActiveDirectory.Management.ADGroupCategory][string]$o.groupCategory
            $t['GroupScope'] = [Microsoft.ActiveDirectory.Management.ADGroupScope][string]$o.groupScope
            $t['groupType'] = $groupType
            $t['HomePage'] = $null
            $t['ManagedBy'] = $null
            $t['member'] = @($o.members)
            $t['Members'] = @($o.members)
            $t['ProtectedFromAccidentalDeletion'] = $false
            $t['sAMAccountType'] = 268435456
            if ($o.groupScope -eq 'DomainLocal') { $t['sAMAccountType'] = 536870912 }
            if ($o.groupCategory -eq 'Distribution') { $t['sAMAccountType'] = $t['sAMAccountType'] + 1 }
        }
        'OU' {
            $t['City'] = $null
            $t['Country'] = $null
            $t['gPLink'] = $null
            $t['LinkedGroupPolicyObjects'] = @()
            $t['ManagedBy'] = $null
            $t['ou'] = $o.name
            $t['PostalCode'] = $null
            $t['State'] = $null
            $t['StreetAddress'] = $null
        }
        default {
            if ($class -eq 'domainDNS') {
                $t['dc'] = $o.name
                $t['objectSid'] = ConvertTo-LabSid $o.objectSid
                $t['msDS-Behavior-Version'] = [int][Microsoft.ActiveDirectory.Management.ADDomainMode][string]$State.domain.domainMode
            }
            if ($class -eq 'dMD') { $t['objectVersion'] = $o['objectVersion'] }
            # KDS root keys: creation and effective time as FILETIME integers, as AD stores them.
            if ($class -eq 'msKds-ProvRootKey') {
                foreach ($a in @('msKds-CreateTime', 'msKds-UseStartTime', 'msKds-Version')) { $t[$a] = $o[$a] }
            }
        }
    }
    Add-LabAdBagToTable -Table $t -Object $o -Kind $kind
    return $t
}

function ConvertTo-LabAdOutput {
    <# A state object as the real cmdlet returns it: the real .NET type, the default property set, plus the
       requested -Properties ('*' = all), sorted by name as the real module lists them. #>
    param([hashtable]$State, [hashtable]$Object, [string]$TypeName, [string]$DefaultSet, $Properties, $Table)
    # (-Table: the object's attribute table when the caller already built it, e.g. to evaluate a search filter.)
    $table = $Table
    if ($null -eq $table) { $table = Get-LabAdAttributeTable -State $State -Object $Object }
    $members = New-Object 'System.Collections.Generic.SortedDictionary[string,object]' ([System.StringComparer]::OrdinalIgnoreCase)
    foreach ($name in $script:DefaultProperties[$DefaultSet]) {
        if ($table.Contains($name)) { $members[$name] = $table[$name] }
    }
    foreach ($requested in @($Properties)) {
        if ($null -eq $requested) { continue }
        $req = [string]$requested
        if ($req -eq '*') {
            foreach ($key in $table.Keys) { if (-not $members.ContainsKey($key)) { $members[$key] = $table[$key] } }
            continue
        }
        foreach ($key in $table.Keys) {
            if ([string]::Equals($key, $req, [System.StringComparison]::OrdinalIgnoreCase) -and -not $members.ContainsKey($key)) {
                $members[$key] = $table[$key]
            }
        }
    }
    # nTSecurityDescriptor is computed only when asked for (Security.ps1): a listing of thousands of objects that
    # does not ask pays nothing.
    if ($members.ContainsKey('nTSecurityDescriptor')) { $members['nTSecurityDescriptor'] = Get-LabAdSecurityDescriptor -State $State -Object $Object }
    # The properties go into the object's property collection (LabTypes.cs ADEntity, shown by ADEntityAdapter), not
    # NoteProperties: as on Windows, a script may assign any of them, or one the object did not load, and
    # Set-AD* -Instance writes what it changed. The names the table can hold become assignable on every object.
    $out = New-Object ("$script:Ns.$TypeName")
    [Microsoft.ActiveDirectory.Management.ADEntity]::LabAddKnownNames([string[]]@($table.Keys))
    foreach ($key in $members.Keys) { [Microsoft.ActiveDirectory.Management.ADEntity]::LabLoad($out, $key, $members[$key]) }
    return (Set-LabAdDefaultDisplay $out)
}
