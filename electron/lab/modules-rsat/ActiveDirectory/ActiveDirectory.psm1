# The lab ActiveDirectory module: Microsoft's ActiveDirectory cmdlets (signatures generated in
# ActiveDirectory.Signatures.ps1) over the lab domain's state file. Objects come back as the real .NET types
# (ADServiceAccount, ADComputer, ...) with the real property names as NoteProperties and the real default property
# sets; errors carry the real exception types, FullyQualifiedErrorIds and categories (electron/common/powershell/errors.ts).
# Semantics the wizard depends on: KDS root keys per DC (no usable key => "Key does not exist"), replication delay
# (objects created on one DC are invisible on the others until replicationDelayMinutes passed), the 15-character
# sAMAccountName limit of service accounts, sMSA links, gMSA password access through the computer's CURRENT Kerberos
# ticket, matching encryption types, and Domain Admin rights for every write.
# Windows PowerShell 5.1 syntax only: practice mode runs on real Windows servers too.
Import-Module LabCore
. (Join-Path $PSScriptRoot 'ActiveDirectory.Signatures.ps1')

Set-StrictMode -Off

$script:SaClasses = @('msDS-GroupManagedServiceAccount', 'msDS-ManagedServiceAccount', 'msDS-DelegatedManagedServiceAccount')
$script:PrincipalClasses = @('user', 'computer', 'group', 'msDS-GroupManagedServiceAccount', 'msDS-ManagedServiceAccount', 'msDS-DelegatedManagedServiceAccount')
$script:ContainerClasses = @('container', 'organizationalUnit', 'domainDNS', 'configuration', 'dMD')
$script:Ns = 'Microsoft.ActiveDirectory.Management'
$script:ADException = 'Microsoft.ActiveDirectory.Management.ADException'
$script:RealSid = $true

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

# ============================================================================================== errors

function Get-LabAdIdText {
    param($Identity)
    if ($null -eq $Identity) { return '' }
    if ($Identity -is [Microsoft.ActiveDirectory.Management.ADEntity]) { return [string]$Identity.Identity }
    return [string]$Identity
}

function New-LabAdNotFoundError {
    <# ADIdentityNotFoundException, as every AD cmdlet writes it for an identity it cannot resolve. #>
    param([string]$CmdletName, $Identity, [string]$Under, [string]$Message)
    if (-not $Message) { $Message = "Cannot find an object with identity: '$(Get-LabAdIdText $Identity)' under: '$Under'." }
    return New-LabError -ExceptionType 'Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException' -Message $Message `
        -ErrorId ('ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException,' + (Get-LabCmdletClass $CmdletName)) `
        -Category 'ObjectNotFound' -Target $Identity
}

function New-LabAdServerError {
    <# An error the directory server returned: ADException with the Win32 code in the FQID and ErrorCode. #>
    param([string]$CmdletName, [string]$Message, [int]$Code, $Target, [string]$Category = 'NotSpecified', [string]$ExceptionType = 'Microsoft.ActiveDirectory.Management.ADException')
    return New-LabError -ExceptionType $ExceptionType -Message $Message -ErrorId ("ActiveDirectoryServer:$Code," + (Get-LabCmdletClass $CmdletName)) `
        -Category $Category -Target $Target -ErrorCode $Code
}

function New-LabAdCmdletError {
    <# An error the cmdlet raises itself (no server code): 'ActiveDirectoryCmdlet:<exception type>,<class>'. #>
    param([string]$CmdletName, [string]$Message, [string]$ExceptionType = 'Microsoft.ActiveDirectory.Management.ADException', $Target, [string]$Category = 'InvalidOperation')
    return New-LabError -ExceptionType $ExceptionType -Message $Message -ErrorId ("ActiveDirectoryCmdlet:$ExceptionType," + (Get-LabCmdletClass $CmdletName)) `
        -Category $Category -Target $Target
}

# ============================================================================================== small helpers

function Get-LabAdDc {
    param([hashtable]$State, $Bound, [string]$CmdletName)
    $server = ''
    if ($null -ne $Bound -and $Bound.ContainsKey('Server')) { $server = [string]$Bound['Server'] }
    return Get-LabDomainController -State $State -Server $server -Cmdlet $CmdletName
}

function Get-LabAdUnder {
    param([hashtable]$State, $Bound)
    if ($null -ne $Bound -and $Bound.ContainsKey('Partition') -and $Bound['Partition']) { return [string]$Bound['Partition'] }
    return $State.domain.distinguishedName
}

function Get-LabAdParentDn {
    param([string]$Dn)
    $m = [regex]::Match($Dn, '^((?:[^,\\]|\\.)*),(.*)$')
    if ($m.Success) { return $m.Groups[2].Value }
    return ''
}

function Get-LabAdRdnValues {
    <# 'CN=a\,b,OU=x,DC=c' -> @(@('CN','a,b'), @('OU','x'), @('DC','c')) #>
    param([string]$Dn)
    $parts = New-Object System.Collections.ArrayList
    foreach ($m in [regex]::Matches($Dn, '((?:[^,\\]|\\.)+)')) {
        $rdn = $m.Groups[1].Value
        $eq = $rdn.IndexOf('=')
        if ($eq -lt 0) { continue }
        $value = [regex]::Replace($rdn.Substring($eq + 1), '\\(.)', '$1')
        [void]$parts.Add(@($rdn.Substring(0, $eq).Trim(), $value))
    }
    return , $parts.ToArray()
}

function ConvertTo-LabAdRdnValue {
    param([string]$Value)
    return ($Value -replace '([,\\#+<>;"=])', '\$1')
}

function Test-LabAdDnEqual {
    param([string]$A, [string]$B)
    return [string]::Equals($A, $B, [System.StringComparison]::OrdinalIgnoreCase)
}

function Test-LabAdUnder {
    <# Is $Dn inside $Base for the search scope (Base, OneLevel, Subtree)? #>
    param([string]$Dn, [string]$Base, [string]$Scope = 'Subtree')
    switch ($Scope) {
        'Base' { return (Test-LabAdDnEqual $Dn $Base) }
        'OneLevel' { return (Test-LabAdDnEqual (Get-LabAdParentDn $Dn) $Base) }
        default { return ((Test-LabAdDnEqual $Dn $Base) -or $Dn.EndsWith(',' + $Base, [System.StringComparison]::OrdinalIgnoreCase)) }
    }
}

function ConvertTo-LabAdCanonicalName {
    param([string]$Dn, [string]$DnsRoot)
    $names = New-Object System.Collections.ArrayList
    foreach ($rdn in (Get-LabAdRdnValues $Dn)) {
        if ($rdn[0] -ne 'DC') { [void]$names.Insert(0, $rdn[1]) }
    }
    return $DnsRoot + '/' + ($names.ToArray() -join '/')
}

function Get-LabAdStableGuid {
    <# A GUID that stays the same for the same text (domain, NTDS settings objects, ...). #>
    param([string]$Text)
    $md5 = [System.Security.Cryptography.MD5]::Create()
    try { $bytes = $md5.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($Text.ToLowerInvariant())) } finally { $md5.Dispose() }
    return New-Object guid (, $bytes)
}

function ConvertTo-LabSid {
    <# System.Security.Principal.SecurityIdentifier where the platform has it (Windows). Elsewhere .NET has no SIDs,
       so the SID is its string with a Value property, which is what scripts read and what the envelope shows. #>
    param([string]$Value)
    if (-not $Value) { return $null }
    if ($script:RealSid) {
        try { return New-Object System.Security.Principal.SecurityIdentifier $Value } catch { $script:RealSid = $false }
    }
    $domainPart = $Value
    $m = [regex]::Match($Value, '^(S-1-5-21-\d+-\d+-\d+)-\d+$')
    if ($m.Success) { $domainPart = $m.Groups[1].Value }
    $sid = Add-Member -InputObject ([string]$Value) -NotePropertyName 'Value' -NotePropertyValue ([string]$Value) -PassThru
    return (Add-Member -InputObject $sid -NotePropertyName 'AccountDomainSid' -NotePropertyValue $domainPart -PassThru)
}

function ConvertTo-LabEncNames {
    <# ADKerberosEncryptionType flags (or msDS-SupportedEncryptionTypes) -> the names the state keeps. #>
    param($Value)
    $v = [int]$Value
    $names = New-Object System.Collections.ArrayList
    if (($v -band 3) -ne 0) { [void]$names.Add('DES') }
    if (($v -band 4) -ne 0) { [void]$names.Add('RC4') }
    if (($v -band 8) -ne 0) { [void]$names.Add('AES128') }
    if (($v -band 16) -ne 0) { [void]$names.Add('AES256') }
    # Unrolled on purpose: callers collect with @(), which would nest an array returned with the comma operator.
    return $names.ToArray()
}

function ConvertTo-LabEncValue {
    param($Names)
    $v = 0
    foreach ($n in @($Names)) {
        switch ([string]$n) { 'DES' { $v = $v -bor 3 } 'RC4' { $v = $v -bor 4 } 'AES128' { $v = $v -bor 8 } 'AES256' { $v = $v -bor 16 } }
    }
    return $v
}

function Get-LabAdKind {
    param([string]$ObjectClass)
    switch ($ObjectClass) {
        'user' { return 'User' }
        'computer' { return 'Computer' }
        'group' { return 'Group' }
        'organizationalUnit' { return 'OU' }
        'msDS-GroupManagedServiceAccount' { return 'ServiceAccount' }
        'msDS-ManagedServiceAccount' { return 'ServiceAccount' }
        'msDS-DelegatedManagedServiceAccount' { return 'ServiceAccount' }
    }
    return 'Object'
}

function Get-LabAdClassChain {
    <# objectClass values of an object (LDAP (objectClass=x) matches any of them). #>
    param([string]$ObjectClass)
    switch ($ObjectClass) {
        'user' { return @('top', 'person', 'organizationalPerson', 'user') }
        'computer' { return @('top', 'person', 'organizationalPerson', 'user', 'computer') }
        'group' { return @('top', 'group') }
        'organizationalUnit' { return @('top', 'organizationalUnit') }
        'container' { return @('top', 'container') }
        'domainDNS' { return @('top', 'domain', 'domainDNS') }
        'configuration' { return @('top', 'configuration') }
        'dMD' { return @('top', 'dMD') }
    }
    return @('top', 'person', 'organizationalPerson', 'user', 'computer', $ObjectClass)
}

function Get-LabAdCategory {
    <# objectCategory: schema class CN and its LDAP display name. #>
    param([string]$ObjectClass)
    switch ($ObjectClass) {
        'user' { return @('Person', 'person') }
        'computer' { return @('Computer', 'computer') }
        'group' { return @('Group', 'group') }
        'organizationalUnit' { return @('Organizational-Unit', 'organizationalUnit') }
        'container' { return @('Container', 'container') }
        'domainDNS' { return @('Domain-DNS', 'domainDNS') }
        'configuration' { return @('Configuration', 'configuration') }
        'dMD' { return @('DMD', 'dMD') }
        'msDS-GroupManagedServiceAccount' { return @('ms-DS-Group-Managed-Service-Account', 'msDS-GroupManagedServiceAccount') }
        'msDS-ManagedServiceAccount' { return @('ms-DS-Managed-Service-Account', 'msDS-ManagedServiceAccount') }
        'msDS-DelegatedManagedServiceAccount' { return @('ms-DS-Delegated-Managed-Service-Account', 'msDS-DelegatedManagedServiceAccount') }
    }
    return @('Top', 'top')
}

function New-LabAdRecord {
    <# A state object with every key of the schema (electron/lab/state.ts adObjectSchema). #>
    param([hashtable]$Fields)
    $record = @{
        objectClass = $null; name = $null; distinguishedName = $null; samAccountName = $null
        objectGuid = [guid]::NewGuid().ToString(); objectSid = $null; description = $null; enabled = $null
        created = $null; groupScope = $null; groupCategory = $null; members = @()
        dnsHostName = $null; operatingSystem = $null; kerberosEncryptionType = @(); servicePrincipalNames = @()
        hostServiceAccounts = @(); principalsAllowedToRetrieveManagedPassword = @(); managedPasswordIntervalInDays = $null
        hostComputers = @(); onlyOn = @()
    }
    foreach ($k in $Fields.Keys) { $record[$k] = $Fields[$k] }
    if ($null -eq $record.created) { $record.created = ConvertTo-LabDateText (Get-LabNow) }
    return $record
}

function Get-LabAdVirtualObjects {
    <# Objects outside state.objects that admins read: the domain head, the configuration and schema partitions
       (objectVersion = the schema version). #>
    param([hashtable]$State)
    $base = $State.domain.distinguishedName
    $created = '2024-01-15T09:00:00.000Z'
    $label = $State.domain.dnsRoot.Split('.')[0]
    $domain = New-LabAdRecord @{ objectClass = 'domainDNS'; name = $label; distinguishedName = $base; objectSid = $State.domain.domainSid; created = $created; objectGuid = (Get-LabAdStableGuid $base).ToString() }
    $config = New-LabAdRecord @{ objectClass = 'configuration'; name = 'Configuration'; distinguishedName = "CN=Configuration,$base"; created = $created; objectGuid = (Get-LabAdStableGuid "CN=Configuration,$base").ToString() }
    $schema = New-LabAdRecord @{ objectClass = 'dMD'; name = 'Schema'; distinguishedName = "CN=Schema,CN=Configuration,$base"; created = $created; objectGuid = (Get-LabAdStableGuid "CN=Schema,CN=Configuration,$base").ToString() }
    $schema['objectVersion'] = [int]$State.forest.schemaVersion
    return @($domain, $config, $schema)
}

function Find-LabAdContainer {
    <# The container/OU/domain head at $Dn, visible on $Dc, or $null. #>
    param([hashtable]$State, [string]$Dn, [string]$Dc)
    foreach ($v in (Get-LabAdVirtualObjects -State $State)) { if (Test-LabAdDnEqual $v.distinguishedName $Dn) { return $v } }
    $o = Find-LabAdObject -State $State -Identity $Dn -Class $script:ContainerClasses -Dc $Dc
    if ($null -ne $o -and (Test-LabAdDnEqual $o.distinguishedName $Dn)) { return $o }
    return $null
}

function Resolve-LabAdObject {
    <# Find-LabAdObject, plus the virtual partition heads when $IncludeVirtual (Get-ADObject). #>
    param([hashtable]$State, $Identity, [string[]]$Class, [string]$Dc, [switch]$IncludeVirtual)
    $o = Find-LabAdObject -State $State -Identity $Identity -Class $Class -Dc $Dc
    if ($null -ne $o) { return $o }
    if ($IncludeVirtual) {
        $id = Get-LabAdIdText $Identity
        foreach ($v in (Get-LabAdVirtualObjects -State $State)) {
            if ((Test-LabAdDnEqual $v.distinguishedName $id) -or $v.objectGuid -eq $id) { return $v }
        }
    }
    return $null
}

function Find-LabAdObjectByDn {
    param([hashtable]$State, [string]$Dn)
    foreach ($o in $State.objects) { if (Test-LabAdDnEqual $o.distinguishedName $Dn) { return $o } }
    return $null
}

function Get-LabAdNextSid {
    <# domain SID + (highest RID in use + 1). #>
    param([hashtable]$State)
    $prefix = $State.domain.domainSid + '-'
    $max = 1000
    foreach ($o in $State.objects) {
        if ($o.objectSid -and ([string]$o.objectSid).StartsWith($prefix)) {
            $rid = 0
            if ([int]::TryParse(([string]$o.objectSid).Substring($prefix.Length), [ref]$rid) -and $rid -gt $max) { $max = $rid }
        }
    }
    return $prefix + ($max + 1)
}

function Get-LabAdDirectGroups {
    param([hashtable]$State, [string]$Dn)
    $groups = New-Object System.Collections.ArrayList
    foreach ($o in $State.objects) {
        if ($o.objectClass -ne 'group') { continue }
        foreach ($m in $o.members) { if (Test-LabAdDnEqual $m $Dn) { [void]$groups.Add($o); break } }
    }
    return , $groups.ToArray()
}

function Get-LabAdPrimaryGroupRid {
    param([hashtable]$Object)
    switch ($Object.objectClass) {
        'user' { return 513 }
        'computer' {
            if ($Object.distinguishedName -like '*,OU=Domain Controllers,*') { return 516 }
            return 515
        }
    }
    return 515
}

function Test-LabAdNameValid {
    <# sAMAccountName rules: none of " / \ [ ] : ; | = , + * ? < > @, no leading/trailing space, no trailing dot. #>
    param([string]$Name)
    if ([string]::IsNullOrEmpty($Name)) { return $false }
    if ($Name -match '["/\\\[\]:;|=,+*?<>@]') { return $false }
    if ($Name -ne $Name.Trim()) { return $false }
    if ($Name.EndsWith('.')) { return $false }
    return $true
}

function Get-LabAdMigration {
    param([hashtable]$Object)
    if ($Object.ContainsKey('migration') -and $null -ne $Object['migration']) { return $Object['migration'] }
    return $null
}

# ============================================================================================== attribute table

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
        $uac = 512
        if ($kind -ne 'User') { $uac = 4096 }
        if ($primaryRid -eq 516) { $uac = 532480 }
        if (-not $enabled) { $uac = $uac -bor 2 }
        $primaryDn = "CN=Domain Computers,CN=Users,$base"
        if ($primaryRid -eq 513) { $primaryDn = "CN=Domain Users,CN=Users,$base" }
        if ($primaryRid -eq 516) { $primaryDn = "CN=Domain Controllers,CN=Users,$base" }
        foreach ($g in $State.objects) { if ($g.objectClass -eq 'group' -and $g.objectSid -eq $primarySid) { $primaryDn = $g.distinguishedName } }
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
    }
    switch ($kind) {
        'User' {
            $t['GivenName'] = $null
            $t['Surname'] = $null
            $t['EmailAddress'] = $null
            $t['Title'] = $null
            # dMSA migration seen from the superseded account.
            foreach ($d in $State.objects) {
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
        }
    }
    return $t
}

function ConvertTo-LabAdOutput {
    <# A state object as the real cmdlet returns it: the real .NET type, the default property set, plus the
       requested -Properties ('*' = all), sorted by name as the real module lists them. #>
    param([hashtable]$State, [hashtable]$Object, [string]$TypeName, [string]$DefaultSet, $Properties)
    $table = Get-LabAdAttributeTable -State $State -Object $Object
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
    $out = New-Object ("$script:Ns.$TypeName") ([string]$Object.distinguishedName)
    $notes = [ordered]@{}
    foreach ($key in $members.Keys) { $notes[$key] = $members[$key] }
    Add-Member -InputObject $out -NotePropertyMembers $notes
    return $out
}

# ============================================================================================== -Filter / -LDAPFilter

function Get-LabAdCallerVariable {
    <# A $variable in a -Filter string, read from the caller's scopes (the real module does the same). #>
    param([string]$Path)
    $parts = $Path.TrimStart('$').Split('.')
    $name = $parts[0]
    $found = $false
    $value = $null
    foreach ($frame in (Get-PSCallStack)) {
        $module = $null
        if ($null -ne $frame.InvocationInfo -and $null -ne $frame.InvocationInfo.MyCommand) { $module = $frame.InvocationInfo.MyCommand.Module }
        if ($null -ne $module -and ($module.Name -eq 'ActiveDirectory' -or $module.Name -eq 'LabCore')) { continue }
        try { $vars = $frame.GetFrameVariables() } catch { continue }
        if ($vars.ContainsKey($name)) { $value = $vars[$name].Value; $found = $true; break }
    }
    if (-not $found) {
        $v = Get-Variable -Name $name -Scope Global -ErrorAction SilentlyContinue
        if ($null -ne $v) { $value = $v.Value }
    }
    for ($i = 1; $i -lt $parts.Length; $i++) {
        if ($null -eq $value) { break }
        $value = $value.PSObject.Properties[$parts[$i]].Value
    }
    return $value
}

function New-LabAdFilterError {
    param([string]$CmdletName, [string]$Filter, [string]$Detail, [int]$Position)
    return New-LabError -ExceptionType 'System.ArgumentException' `
        -Message "Error parsing query: '$Filter' Error Message: '$Detail' at position: '$Position'." `
        -ErrorId ('ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADFilterParsingException,' + (Get-LabCmdletClass $CmdletName)) `
        -Category 'ParserError' -Target $Filter
}

function ConvertFrom-LabAdFilter {
    <# The PowerShell-syntax -Filter: <attr> -eq|-ne|-like|-notlike|-gt|-ge|-lt|-le <value>, -and, -or, -not,
       parentheses; values quoted ('x' or "x"), $true/$false/$null, numbers, bare words or $variables. #>
    param([string]$Filter, [string]$CmdletName)
    $text = $Filter.Trim()
    if ($text -eq '*') { return @{ t = 'all' } }
    $pattern = '\G\s*(?:(?<lp>\()|(?<rp>\))|(?<op>-(?:eq|ne|like|notlike|gt|ge|lt|le|approx|and|or|not|band|bor)(?![\w-]))|(?<sq>''(?:[^'']|'''')*'')|(?<dq>"(?:[^"`]|`.|"")*")|(?<var>\$[\w:]+(?:\.\w+)*)|(?<word>[^\s()]+))'
    $tokens = New-Object System.Collections.ArrayList
    $regex = New-Object System.Text.RegularExpressions.Regex ($pattern, [System.Text.RegularExpressions.RegexOptions]::IgnoreCase)
    $pos = 0
    while ($pos -lt $text.Length) {
        $m = $regex.Match($text, $pos)
        if (-not $m.Success -or $m.Length -eq 0) {
            if ($text.Substring($pos).Trim().Length -eq 0) { break }
            throw (New-LabAdFilterError -CmdletName $CmdletName -Filter $Filter -Detail 'syntax error' -Position ($pos + 1))
        }
        $kind = $null
        foreach ($g in @('lp', 'rp', 'op', 'sq', 'dq', 'var', 'word')) { if ($m.Groups[$g].Success) { $kind = $g; break } }
        $value = $m.Groups[$kind].Value
        switch ($kind) {
            'op' { $value = $value.ToLowerInvariant() }
            'sq' { $value = $value.Substring(1, $value.Length - 2).Replace("''", "'") }
            'dq' { $value = [regex]::Replace($value.Substring(1, $value.Length - 2).Replace('""', '"'), '`(.)', '$1') }
        }
        [void]$tokens.Add(@{ k = $kind; v = $value; p = $m.Groups[$kind].Index + 1 })
        $pos = $m.Index + $m.Length
    }
    $state = @{ i = 0 }
    $peek = { if ($state.i -lt $tokens.Count) { $tokens[$state.i] } else { $null } }
    $parseOr = $null; $parseAnd = $null; $parseUnary = $null
    $parseUnary = {
        $tok = & $peek
        if ($null -eq $tok) { throw (New-LabAdFilterError -CmdletName $CmdletName -Filter $Filter -Detail 'syntax error' -Position ($text.Length + 1)) }
        if ($tok.k -eq 'op' -and $tok.v -eq '-not') { $state.i++; return @{ t = 'not'; e = (& $parseUnary) } }
        if ($tok.k -eq 'lp') {
            $state.i++
            $inner = & $parseOr
            $close = & $peek
            if ($null -eq $close -or $close.k -ne 'rp') { throw (New-LabAdFilterError -CmdletName $CmdletName -Filter $Filter -Detail 'syntax error' -Position ($text.Length + 1)) }
            $state.i++
            return $inner
        }
        if ($tok.k -ne 'word') { throw (New-LabAdFilterError -CmdletName $CmdletName -Filter $Filter -Detail 'syntax error' -Position $tok.p) }
        $state.i++
        $op = & $peek
        if ($null -eq $op -or $op.k -ne 'op' -or @('-and', '-or', '-not') -contains $op.v) {
            $at = $text.Length + 1
            if ($null -ne $op) { $at = $op.p }
            throw (New-LabAdFilterError -CmdletName $CmdletName -Filter $Filter -Detail 'syntax error' -Position $at)
        }
        $state.i++
        $val = & $peek
        if ($null -eq $val -or @('sq', 'dq', 'var', 'word') -notcontains $val.k) {
            throw (New-LabAdFilterError -CmdletName $CmdletName -Filter $Filter -Detail 'syntax error' -Position ($text.Length + 1))
        }
        $state.i++
        $value = $val.v
        if ($val.k -eq 'var') {
            switch ($val.v.ToLowerInvariant()) {
                '$true' { $value = $true }
                '$false' { $value = $false }
                '$null' { $value = $null }
                default { $value = Get-LabAdCallerVariable -Path $val.v }
            }
        }
        elseif ($val.k -eq 'word') {
            $n = 0L
            if ([long]::TryParse($val.v, [ref]$n)) { $value = $n }
        }
        return @{ t = 'cmp'; attr = $tok.v; op = $op.v.Substring(1); value = $value }
    }
    $parseAnd = {
        $left = & $parseUnary
        while ($true) {
            $tok = & $peek
            if ($null -eq $tok -or $tok.k -ne 'op' -or $tok.v -ne '-and') { break }
            $state.i++
            $left = @{ t = 'and'; l = $left; r = (& $parseUnary) }
        }
        return $left
    }
    $parseOr = {
        $left = & $parseAnd
        while ($true) {
            $tok = & $peek
            if ($null -eq $tok -or $tok.k -ne 'op' -or $tok.v -ne '-or') { break }
            $state.i++
            $left = @{ t = 'or'; l = $left; r = (& $parseAnd) }
        }
        return $left
    }
    $tree = & $parseOr
    if ($state.i -lt $tokens.Count) { throw (New-LabAdFilterError -CmdletName $CmdletName -Filter $Filter -Detail 'syntax error' -Position $tokens[$state.i].p) }
    return $tree
}

function ConvertFrom-LabAdLdapFilter {
    <# RFC 4515 basics: (attr=value), (attr=*), wildcards, >=, <=, (&..), (|..), (!..), the bitwise matching rules
       1.2.840.113556.1.4.803 (AND) and .804 (OR). #>
    param([string]$Filter, [string]$CmdletName)
    $text = $Filter.Trim()
    if (-not $text.StartsWith('(')) { $text = "($text)" }
    $state = @{ i = 0 }
    $fail = {
        throw (New-LabError -ExceptionType 'System.ArgumentException' -Message 'The search filter cannot be recognized' `
                -ErrorId ('ActiveDirectoryServer:8254,' + (Get-LabCmdletClass $CmdletName)) -Category 'NotSpecified' -Target $Filter)
    }
    $parse = $null
    $parse = {
        if ($state.i -ge $text.Length -or $text[$state.i] -ne '(') { & $fail }
        $state.i++
        $c = $text[$state.i]
        if ($c -eq '&' -or $c -eq '|') {
            $state.i++
            $items = New-Object System.Collections.ArrayList
            while ($state.i -lt $text.Length -and $text[$state.i] -eq '(') { [void]$items.Add((& $parse)) }
            if ($state.i -ge $text.Length -or $text[$state.i] -ne ')') { & $fail }
            $state.i++
            $t = 'and'
            if ($c -eq '|') { $t = 'or' }
            return @{ t = "l$t"; items = $items.ToArray() }
        }
        if ($c -eq '!') {
            $state.i++
            $inner = & $parse
            if ($state.i -ge $text.Length -or $text[$state.i] -ne ')') { & $fail }
            $state.i++
            return @{ t = 'not'; e = $inner }
        }
        $end = $text.IndexOf(')', $state.i)
        if ($end -lt 0) { & $fail }
        $item = $text.Substring($state.i, $end - $state.i)
        $state.i = $end + 1
        $m = [regex]::Match($item, '^([\w\-;.:]+?)(>=|<=|~=|=)(.*)$')
        if (-not $m.Success) { & $fail }
        $attr = $m.Groups[1].Value
        $op = $m.Groups[2].Value
        $raw = $m.Groups[3].Value
        $rule = $null
        $rm = [regex]::Match($attr, '^(.+?):(1\.2\.840\.113556\.1\.4\.80[34]):$')
        if ($rm.Success) { $attr = $rm.Groups[1].Value; $rule = $rm.Groups[2].Value }
        $decode = { param($s) [regex]::Replace($s, '\\([0-9a-fA-F]{2})', { param($x) [string][char][Convert]::ToInt32($x.Groups[1].Value, 16) }) }
        if ($null -ne $rule) { return @{ t = 'cmp'; attr = $attr; op = $(if ($rule.EndsWith('3')) { 'band' } else { 'bor' }); value = [long](& $decode $raw) } }
        if ($op -eq '=' -and $raw -eq '*') { return @{ t = 'cmp'; attr = $attr; op = 'present'; value = $null } }
        if ($op -eq '>=') { return @{ t = 'cmp'; attr = $attr; op = 'ge'; value = (& $decode $raw) } }
        if ($op -eq '<=') { return @{ t = 'cmp'; attr = $attr; op = 'le'; value = (& $decode $raw) } }
        if ($raw.Contains('*')) {
            $segments = @($raw.Split('*') | ForEach-Object { [System.Management.Automation.WildcardPattern]::Escape((& $decode $_)) })
            return @{ t = 'cmp'; attr = $attr; op = 'like'; value = ($segments -join '*'); ldap = $true }
        }
        return @{ t = 'cmp'; attr = $attr; op = 'eq'; value = (& $decode $raw); ldap = $true }
    }
    $tree = & $parse
    if ($state.i -ne $text.Length) { & $fail }
    return $tree
}

function Get-LabAdFilterValues {
    <# The values of attribute $Attr in $Table (case-insensitive), as a list. objectClass gives the class chain,
       objectCategory also its short LDAP name. #>
    param($Table, [string]$Attr, [hashtable]$Object)
    if ($null -ne $Object -and $Attr -eq 'objectClass') { return , @(Get-LabAdClassChain ([string]$Object.objectClass)) }
    if ($null -ne $Object -and $Attr -eq 'objectCategory') {
        $cat = Get-LabAdCategory ([string]$Object.objectClass)
        return , @($Table['ObjectCategory'], $cat[1])
    }
    $key = $null
    foreach ($k in $Table.Keys) { if ([string]::Equals([string]$k, $Attr, [System.StringComparison]::OrdinalIgnoreCase)) { $key = $k; break } }
    if ($null -eq $key) { return , @() }
    $value = $Table[$key]
    if ($null -eq $value) { return , @() }
    if ($value -is [string]) { return , @($value) }
    if ($value -is [System.Collections.IEnumerable] -and $value -isnot [System.Collections.IDictionary]) { return , @($value) }
    return , @($value)
}

function Test-LabAdValueMatch {
    param($Actual, [string]$Op, $Expected)
    $a = $Actual
    if ($a -is [System.Management.Automation.PSObject]) { $a = $a.PSObject.BaseObject }
    switch ($Op) {
        'present' { return $true }
        'band' { return ((([long]$a) -band [long]$Expected) -eq [long]$Expected) }
        'bor' { return ((([long]$a) -band [long]$Expected) -ne 0) }
        'like' { return ([string]$a -like [string]$Expected) }
    }
    if ($Expected -is [bool] -or $a -is [bool]) {
        $ab = ([string]$a -eq 'True')
        $eb = ([string]$Expected -eq 'True')
        if ($Op -eq 'eq' -or $Op -eq 'approx') { return $ab -eq $eb }
        return $false
    }
    if ($a -is [System.Enum]) {
        $n = 0L
        if ([long]::TryParse([string]$Expected, [ref]$n)) { $a = [long]$a } else { $a = $a.ToString() }
    }
    if ($a -is [datetime]) {
        $e = $null
        try { $e = [datetime]$Expected } catch { $e = $null }
        if ($null -ne $e) {
            switch ($Op) { 'eq' { return $a -eq $e } 'gt' { return $a -gt $e } 'ge' { return $a -ge $e } 'lt' { return $a -lt $e } 'le' { return $a -le $e } }
        }
    }
    $na = 0.0; $ne = 0.0
    if (($a -is [int] -or $a -is [long] -or $a -is [double]) -and [double]::TryParse([string]$Expected, [ref]$ne)) {
        $na = [double]$a
        switch ($Op) { 'eq' { return $na -eq $ne } 'approx' { return $na -eq $ne } 'gt' { return $na -gt $ne } 'ge' { return $na -ge $ne } 'lt' { return $na -lt $ne } 'le' { return $na -le $ne } }
    }
    $sa = [string]$a
    $se = [string]$Expected
    switch ($Op) {
        'eq' { return [string]::Equals($sa, $se, [System.StringComparison]::OrdinalIgnoreCase) }
        'approx' { return [string]::Equals($sa, $se, [System.StringComparison]::OrdinalIgnoreCase) }
        'gt' { return [string]::Compare($sa, $se, $true) -gt 0 }
        'ge' { return [string]::Compare($sa, $se, $true) -ge 0 }
        'lt' { return [string]::Compare($sa, $se, $true) -lt 0 }
        'le' { return [string]::Compare($sa, $se, $true) -le 0 }
    }
    return $false
}

function Test-LabAdFilter {
    <# Evaluates a parsed filter against an attribute table. Negative operators (-ne, -notlike) follow LDAP:
       they hold for objects without the attribute. #>
    param($Tree, $Table, [hashtable]$Object)
    switch ($Tree.t) {
        'all' { return $true }
        'and' { return ((Test-LabAdFilter $Tree.l $Table $Object) -and (Test-LabAdFilter $Tree.r $Table $Object)) }
        'or' { return ((Test-LabAdFilter $Tree.l $Table $Object) -or (Test-LabAdFilter $Tree.r $Table $Object)) }
        'land' { foreach ($item in $Tree.items) { if (-not (Test-LabAdFilter $item $Table $Object)) { return $false } }; return $true }
        'lor' { foreach ($item in $Tree.items) { if (Test-LabAdFilter $item $Table $Object) { return $true } }; return $false }
        'not' { return (-not (Test-LabAdFilter $Tree.e $Table $Object)) }
    }
    $values = Get-LabAdFilterValues -Table $Table -Attr $Tree.attr -Object $Object
    $op = $Tree.op
    $negate = $false
    if ($op -eq 'ne') { $op = 'eq'; $negate = $true }
    if ($op -eq 'notlike') { $op = 'like'; $negate = $true }
    if ($null -eq $Tree.value -and $op -eq 'eq') { $hit = ($values.Count -eq 0); if ($negate) { return -not $hit }; return $hit }
    $any = $false
    foreach ($v in $values) {
        if ($null -eq $v) { continue }
        if (Test-LabAdValueMatch -Actual $v -Op $op -Expected $Tree.value) { $any = $true; break }
    }
    if ($negate) { return -not $any }
    return $any
}

function Get-LabAdFilterTree {
    param($Cmdlet, $Bound, [string]$CmdletName)
    if ($Bound.ContainsKey('LDAPFilter')) { return ConvertFrom-LabAdLdapFilter -Filter ([string]$Bound['LDAPFilter']) -CmdletName $CmdletName }
    if ($Bound.ContainsKey('Filter')) { return ConvertFrom-LabAdFilter -Filter ([string]$Bound['Filter']) -CmdletName $CmdletName }
    return @{ t = 'all' }
}

function ConvertTo-LabAdPlainTable {
    <# The note/adapted properties of an output object, for filtering non-directory results (DCs, replication). #>
    param($InputObject)
    $t = [ordered]@{}
    foreach ($p in $InputObject.PSObject.Properties) { $t[$p.Name] = $p.Value }
    return $t
}

# ============================================================================================== shared cmdlet bodies

function Invoke-LabAdGet {
    <# Get-ADServiceAccount/-ADComputer/-ADUser/-ADGroup/-ADObject/-ADOrganizationalUnit: -Identity, -Filter,
       -LDAPFilter, -SearchBase, -SearchScope, -ResultSetSize, -Properties, -Server (replication-aware). #>
    param($Cmdlet, $Bound, [string[]]$Class, [string]$TypeName, [string]$DefaultSet, [switch]$IncludeVirtual)
    $cmd = $Cmdlet.MyInvocation.MyCommand.Name
    $state = Get-LabState
    $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $props = $Bound['Properties']
    if ($Bound.ContainsKey('Identity')) {
        $o = Resolve-LabAdObject -State $state -Identity $Bound['Identity'] -Class $Class -Dc $dc.name -IncludeVirtual:$IncludeVirtual
        if ($null -eq $o) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under (Get-LabAdUnder $state $Bound)) }
        ConvertTo-LabAdOutput -State $state -Object $o -TypeName $TypeName -DefaultSet $DefaultSet -Properties $props
        return
    }
    $tree = Get-LabAdFilterTree -Cmdlet $Cmdlet -Bound $Bound -CmdletName $cmd
    $base = $state.domain.distinguishedName
    if ($Bound.ContainsKey('SearchBase') -and $Bound['SearchBase']) {
        $base = [string]$Bound['SearchBase']
        if ($null -eq (Find-LabAdContainer -State $state -Dn $base -Dc $dc.name) -and $null -eq (Find-LabAdObject -State $state -Identity $base -Dc $dc.name)) {
            throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $base -Message 'Directory object not found')
        }
    }
    $scope = 'Subtree'
    if ($Bound.ContainsKey('SearchScope')) { $scope = [string]$Bound['SearchScope'] }
    $limit = 0
    if ($Bound.ContainsKey('ResultSetSize') -and $null -ne $Bound['ResultSetSize']) { $limit = [int]$Bound['ResultSetSize'] }
    $candidates = New-Object System.Collections.ArrayList
    if ($IncludeVirtual) { foreach ($v in (Get-LabAdVirtualObjects -State $state)) { [void]$candidates.Add($v) } }
    foreach ($o in $state.objects) {
        if ($Class -and ($Class -notcontains $o.objectClass)) { continue }
        if (-not (Test-LabVisibleOn -State $state -On $o.onlyOn -Created $o.created -Dc $dc.name)) { continue }
        [void]$candidates.Add($o)
    }
    $count = 0
    foreach ($o in $candidates) {
        if (-not (Test-LabAdUnder -Dn $o.distinguishedName -Base $base -Scope $scope)) { continue }
        if ($tree.t -ne 'all') {
            $table = Get-LabAdAttributeTable -State $state -Object $o
            if (-not (Test-LabAdFilter $tree $table $o)) { continue }
        }
        ConvertTo-LabAdOutput -State $state -Object $o -TypeName $TypeName -DefaultSet $DefaultSet -Properties $props
        $count++
        if ($limit -gt 0 -and $count -ge $limit) { break }
    }
}

function Resolve-LabAdPrincipalDns {
    <# -PrincipalsAllowedToRetrieveManagedPassword / -Members: each ADPrincipal to the DN of a visible object. #>
    param([hashtable]$State, $Principals, [string]$Dc, [string]$CmdletName, $Bound)
    $dns = New-Object System.Collections.ArrayList
    foreach ($p in @($Principals)) {
        if ($null -eq $p) { continue }
        $o = Find-LabAdObject -State $State -Identity $p -Class $script:PrincipalClasses -Dc $Dc
        if ($null -eq $o) { throw (New-LabAdNotFoundError -CmdletName $CmdletName -Identity $p -Under (Get-LabAdUnder $State $Bound)) }
        if (-not $dns.Contains($o.distinguishedName)) { [void]$dns.Add($o.distinguishedName) }
    }
    return $dns.ToArray()
}

function Assert-LabAdSpnsUnique {
    <# Windows Server 2012 R2+ DCs refuse an SPN another account already has (forest-wide uniqueness). #>
    param([hashtable]$State, [string[]]$Spns, [string]$OwnDn, [string]$CmdletName)
    foreach ($spn in @($Spns)) {
        foreach ($o in $State.objects) {
            if (Test-LabAdDnEqual $o.distinguishedName $OwnDn) { continue }
            foreach ($existing in $o.servicePrincipalNames) {
                if ([string]::Equals([string]$existing, [string]$spn, [System.StringComparison]::OrdinalIgnoreCase)) {
                    throw (New-LabAdServerError -CmdletName $CmdletName -Code 8647 -Target $spn `
                            -Message 'The operation failed because SPN value provided for addition/modification is not unique forest-wide.')
                }
            }
        }
    }
}

function Update-LabAdSpns {
    <# -ServicePrincipalNames @{Add=..;Remove=..;Replace=..} (applied Remove, Add, Replace, as documented), or a
       plain list (replace). #>
    param([hashtable]$State, [hashtable]$Object, $Spec, [string]$CmdletName)
    $current = New-Object System.Collections.ArrayList
    foreach ($s in $Object.servicePrincipalNames) { [void]$current.Add([string]$s) }
    $contains = { param($list, $value) foreach ($x in $list) { if ([string]::Equals($x, $value, [System.StringComparison]::OrdinalIgnoreCase)) { return $true } }; return $false }
    if ($Spec -is [System.Collections.IDictionary]) {
        foreach ($key in @('Remove', 'Add', 'Replace')) {
            if (-not $Spec.Contains($key)) { continue }
            $values = @(@($Spec[$key]) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
            switch ($key) {
                'Remove' {
                    $keep = New-Object System.Collections.ArrayList
                    foreach ($x in $current) { if (-not (& $contains $values $x)) { [void]$keep.Add($x) } }
                    $current = $keep
                }
                'Add' { foreach ($v in $values) { if (-not (& $contains $current $v)) { [void]$current.Add($v) } } }
                'Replace' { $current = New-Object System.Collections.ArrayList; foreach ($v in $values) { [void]$current.Add($v) } }
            }
        }
    }
    else {
        $current = New-Object System.Collections.ArrayList
        foreach ($v in @($Spec)) { if ($null -ne $v) { [void]$current.Add([string]$v) } }
    }
    Assert-LabAdSpnsUnique -State $State -Spns $current.ToArray() -OwnDn $Object.distinguishedName -CmdletName $CmdletName
    $Object.servicePrincipalNames = @($current.ToArray())
}

function Set-LabAdAttribute {
    <# -Add/-Remove/-Replace/-Clear and -OtherAttributes for the LDAP attributes the lab keeps. #>
    param([hashtable]$State, [hashtable]$Object, [string]$Attribute, $Values, [string]$Mode, [string]$CmdletName, [switch]$Creating)
    $list = @()
    if ($Mode -ne 'Clear') { $list = @($Values | ForEach-Object { $_ }) }
    $isSa = $script:SaClasses -contains $Object.objectClass
    switch -Regex ($Attribute) {
        '^description$' {
            if ($Mode -eq 'Clear' -or $Mode -eq 'Remove') { $Object.description = $null } else { $Object.description = [string]$list[0] }
            return
        }
        '^dNSHostName$' {
            if ($Mode -eq 'Clear' -or $Mode -eq 'Remove') { $Object.dnsHostName = $null } else { $Object.dnsHostName = [string]$list[0] }
            return
        }
        '^operatingSystem$' {
            if ($Mode -eq 'Clear' -or $Mode -eq 'Remove') { $Object.operatingSystem = $null } else { $Object.operatingSystem = [string]$list[0] }
            return
        }
        '^servicePrincipalName$' {
            $spec = @{}
            if ($Mode -eq 'Clear') { $spec['Replace'] = @() } else { $spec[$Mode] = $list }
            Update-LabAdSpns -State $State -Object $Object -Spec $spec -CmdletName $CmdletName
            return
        }
        '^msDS-SupportedEncryptionTypes$' {
            if ($Mode -eq 'Clear' -or $Mode -eq 'Remove') { $Object.kerberosEncryptionType = @() } else { $Object.kerberosEncryptionType = @(ConvertTo-LabEncNames $list[0]) }
            return
        }
        '^msDS-ManagedPasswordInterval$' {
            if ($isSa -and $Creating -and $Mode -ne 'Clear') { $Object.managedPasswordIntervalInDays = [int]$list[0]; return }
            throw (New-LabAdServerError -CmdletName $CmdletName -Code 8369 -Target $Object.distinguishedName `
                    -Message 'The attribute cannot be modified because it is owned by the system.')
        }
        '^member$' {
            if ($Object.objectClass -ne 'group') { break }
            $dns = Resolve-LabAdPrincipalDns -State $State -Principals $list -Dc '' -CmdletName $CmdletName -Bound $null
            $current = New-Object System.Collections.ArrayList
            if ($Mode -ne 'Replace' -and $Mode -ne 'Clear') { foreach ($m in $Object.members) { [void]$current.Add([string]$m) } }
            foreach ($dn in $dns) {
                if ($Mode -eq 'Remove') { $current.Remove($dn) } elseif (-not $current.Contains($dn)) { [void]$current.Add($dn) }
            }
            $Object.members = @($current.ToArray())
            return
        }
    }
    throw (New-LabAdServerError -CmdletName $CmdletName -Code 8204 -Target $Attribute -Message 'The attribute type specified to the directory service is not defined.')
}

function Invoke-LabAdAttributeParameters {
    <# The generic -Remove, -Add, -Replace, -Clear parameters, in the documented order Remove, Add, Replace, Clear. #>
    param([hashtable]$State, [hashtable]$Object, $Bound, [string]$CmdletName)
    foreach ($mode in @('Remove', 'Add', 'Replace')) {
        if (-not $Bound.ContainsKey($mode) -or $null -eq $Bound[$mode]) { continue }
        $table = $Bound[$mode]
        foreach ($key in $table.Keys) { Set-LabAdAttribute -State $State -Object $Object -Attribute ([string]$key) -Values $table[$key] -Mode $mode -CmdletName $CmdletName }
    }
    if ($Bound.ContainsKey('Clear') -and $null -ne $Bound['Clear']) {
        foreach ($attr in @($Bound['Clear'])) { Set-LabAdAttribute -State $State -Object $Object -Attribute ([string]$attr) -Values $null -Mode 'Clear' -CmdletName $CmdletName }
    }
}

function Remove-LabAdReferences {
    <# Deleting an object removes it from linked attributes (member, msDS-HostServiceAccount) and from the
       lab's password-retrieval lists. #>
    param([hashtable]$State, [string]$Dn)
    foreach ($o in $State.objects) {
        foreach ($key in @('members', 'hostServiceAccounts', 'hostComputers', 'principalsAllowedToRetrieveManagedPassword')) {
            $keep = New-Object System.Collections.ArrayList
            $changed = $false
            foreach ($x in $o[$key]) { if (Test-LabAdDnEqual $x $Dn) { $changed = $true } else { [void]$keep.Add($x) } }
            if ($changed) { $o[$key] = @($keep.ToArray()) }
        }
    }
}

function Get-LabAdSamCheck {
    <# Validates a service account sAMAccountName: 15-character limit (ArgumentException, raised by the cmdlet
       before it contacts the server) and the account-name character rules (1315, from the server). #>
    param([string]$SamCore, [string]$Dn, [string]$CmdletName, [switch]$LengthOnly)
    if ($SamCore.Length -gt 15) {
        throw (New-LabError -ExceptionType 'System.ArgumentException' `
                -Message "The service account has a samAccountName attribute of '$SamCore' which is too long; the samAccountName attribute must not be longer than 15 characters" `
                -ErrorId ('ActiveDirectoryCmdlet:System.ArgumentException,' + (Get-LabCmdletClass $CmdletName)) -Category 'InvalidArgument' -Target $Dn)
    }
    if ($LengthOnly) { return }
    if (-not (Test-LabAdNameValid $SamCore)) {
        throw (New-LabAdServerError -CmdletName $CmdletName -Code 1315 -Target $Dn -Message 'The name provided is not a properly formed account name')
    }
}

function Assert-LabAdSamFree {
    param([hashtable]$State, [string]$Sam, [string]$OwnDn, [string]$CmdletName, $Target, [int]$Code = 1316, [string]$Message = 'The specified account already exists')
    foreach ($o in $State.objects) {
        if ($OwnDn -and (Test-LabAdDnEqual $o.distinguishedName $OwnDn)) { continue }
        if ($o.samAccountName -and [string]::Equals([string]$o.samAccountName, $Sam, [System.StringComparison]::OrdinalIgnoreCase)) {
            throw (New-LabAdServerError -CmdletName $CmdletName -Code $Code -Target $Target -Category 'ResourceExists' `
                    -ExceptionType 'Microsoft.ActiveDirectory.Management.ADIdentityAlreadyExistsException' -Message $Message)
        }
    }
}

function Assert-LabAdDnFree {
    param([hashtable]$State, [string]$Dn, [string]$CmdletName)
    if ($null -ne (Find-LabAdObjectByDn -State $State -Dn $Dn)) {
        throw (New-LabAdServerError -CmdletName $CmdletName -Code 8305 -Target $Dn -Message 'The object already exists')
    }
}

function Find-LabAdServiceAccountOrThrow {
    param([hashtable]$State, $Identity, [string]$Dc, [string]$CmdletName, $Bound)
    $o = Find-LabAdObject -State $State -Identity $Identity -Class $script:SaClasses -Dc $Dc
    if ($null -eq $o) { throw (New-LabAdNotFoundError -CmdletName $CmdletName -Identity $Identity -Under (Get-LabAdUnder $State $Bound)) }
    return $o
}

# ============================================================================================== domain, forest, DCs

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
    Add-Member -InputObject $out -NotePropertyMembers $notes
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
            foreach ($dc in $State.domainControllers) {
                if (($targets.Count -eq 0 -or $targets -contains $dc.site) -and $dc.reachable) { [void]$result.Add($dc) }
            }
        }
        default {
            foreach ($dc in $State.domainControllers) { if ($dc.reachable) { [void]$result.Add($dc) } }
        }
    }
    return , $result.ToArray()
}

# ============================================================================================== cmdlets: reads

function LabImpl-Get-ADServiceAccount {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class $script:SaClasses -TypeName 'ADServiceAccount' -DefaultSet 'ServiceAccount'
}

function LabImpl-Get-ADComputer {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class @('computer') -TypeName 'ADComputer' -DefaultSet 'Computer'
}

function LabImpl-Get-ADUser {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class @('user') -TypeName 'ADUser' -DefaultSet 'User'
}

function LabImpl-Get-ADGroup {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class @('group') -TypeName 'ADGroup' -DefaultSet 'Group'
}

function LabImpl-Get-ADOrganizationalUnit {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class @('organizationalUnit') -TypeName 'ADOrganizationalUnit' -DefaultSet 'OU'
}

function LabImpl-Get-ADObject {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class $null -TypeName 'ADObject' -DefaultSet 'Object' -IncludeVirtual
}

function LabImpl-Get-ADGroupMember {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADGroupMember'
    $state = Get-LabState
    $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $group = Find-LabAdObject -State $state -Identity $Bound['Identity'] -Class @('group') -Dc $dc.name
    if ($null -eq $group) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under (Get-LabAdUnder $state $Bound)) }
    $seenGroups = New-Object System.Collections.ArrayList
    $seen = New-Object System.Collections.ArrayList
    $queue = New-Object System.Collections.Queue
    $queue.Enqueue($group)
    [void]$seenGroups.Add($group.distinguishedName)
    while ($queue.Count -gt 0) {
        $g = $queue.Dequeue()
        foreach ($memberDn in $g.members) {
            $m = Find-LabAdObject -State $state -Identity $memberDn -Dc $dc.name
            if ($null -eq $m -or -not (Test-LabAdDnEqual $m.distinguishedName $memberDn)) { continue }
            if ($Bound['Recursive'] -and $m.objectClass -eq 'group') {
                if (-not $seenGroups.Contains($m.distinguishedName)) { [void]$seenGroups.Add($m.distinguishedName); $queue.Enqueue($m) }
                continue
            }
            if ($seen.Contains($m.distinguishedName)) { continue }
            [void]$seen.Add($m.distinguishedName)
            ConvertTo-LabAdOutput -State $state -Object $m -TypeName 'ADPrincipal' -DefaultSet 'Principal'
        }
    }
}

function LabImpl-Get-ADPrincipalGroupMembership {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADPrincipalGroupMembership'
    $state = Get-LabState
    $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $principal = Find-LabAdObject -State $state -Identity $Bound['Identity'] -Class $script:PrincipalClasses -Dc $dc.name
    if ($null -eq $principal) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under (Get-LabAdUnder $state $Bound)) }
    foreach ($g in (Get-LabAdDirectGroups -State $state -Dn $principal.distinguishedName)) {
        if (-not (Test-LabVisibleOn -State $state -On $g.onlyOn -Created $g.created -Dc $dc.name)) { continue }
        ConvertTo-LabAdOutput -State $state -Object $g -TypeName 'ADGroup' -DefaultSet 'Group'
    }
}

function LabImpl-Get-ADComputerServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADComputerServiceAccount'
    $state = Get-LabState
    $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $computer = Find-LabAdObject -State $state -Identity $Bound['Identity'] -Class @('computer') -Dc $dc.name
    if ($null -eq $computer) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under (Get-LabAdUnder $state $Bound)) }
    foreach ($dn in $computer.hostServiceAccounts) {
        $sa = Find-LabAdObject -State $state -Identity $dn -Class $script:SaClasses -Dc $dc.name
        if ($null -ne $sa) { ConvertTo-LabAdOutput -State $state -Object $sa -TypeName 'ADServiceAccount' -DefaultSet 'ServiceAccount' }
    }
}

function LabImpl-Get-ADDomain {
    param($Cmdlet, $Bound)
    $cmd = 'Get-ADDomain'
    $state = Get-LabState
    $null = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
    $d = $state.domain
    $base = $d.distinguishedName
    if ($Bound.ContainsKey('Identity')) {
        $id = Get-LabAdIdText $Bound['Identity']
        if (@($d.dnsRoot, $d.netBIOSName, $base, $d.domainSid, (Get-LabAdStableGuid $base).ToString()) -notcontains $id) {
            throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under $base)
        }
    }
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
    Add-Member -InputObject $out -NotePropertyMembers $notes
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
    Add-Member -InputObject $out -NotePropertyMembers $notes
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
    Add-Member -InputObject $out -NotePropertyMembers $notes
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

# ============================================================================================== cmdlets: service accounts

function LabImpl-New-ADServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'New-ADServiceAccount'
    $name = [string]$Bound['Name']
    $samCore = $name
    if ($Bound.ContainsKey('SamAccountName') -and $Bound['SamAccountName']) { $samCore = [string]$Bound['SamAccountName'] }
    if ($samCore.EndsWith('$')) { $samCore = $samCore.Substring(0, $samCore.Length - 1) }
    $sam = $samCore + '$'
    $isSmsa = ($Cmdlet.ParameterSetName -eq 'RestrictedToSingleComputer')
    $isDmsa = [bool]$Bound['CreateDelegatedServiceAccount']
    $objectClass = 'msDS-GroupManagedServiceAccount'
    if ($isSmsa) { $objectClass = 'msDS-ManagedServiceAccount' }
    if ($isDmsa) { $objectClass = 'msDS-DelegatedManagedServiceAccount' }
    $created = Update-LabState -Script {
        param($state)
        $path = "CN=Managed Service Accounts,$($state.domain.distinguishedName)"
        if ($Bound.ContainsKey('Path') -and $Bound['Path']) { $path = [string]$Bound['Path'] }
        $dn = 'CN=' + (ConvertTo-LabAdRdnValue $name) + ',' + $path
        # Checked by the cmdlet itself, before it talks to a DC.
        Get-LabAdSamCheck -SamCore $samCore -Dn $dn -CmdletName $cmd -LengthOnly
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        if ($null -eq (Find-LabAdContainer -State $state -Dn $path -Dc $dc.name)) {
            throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $path -Message 'Directory object not found')
        }
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $dn
        if ($isDmsa -and [string]$state.domain.domainMode -ne 'Windows2025Domain') {
            # dMSAs need the Windows Server 2025 domain functional level.
            throw (New-LabAdServerError -CmdletName $cmd -Code 50 -Target $dn -Message 'The request is not supported.')
        }
        if ($isSmsa) {
            if ([int]$state.forest.schemaVersion -lt 47) { throw (New-LabAdServerError -CmdletName $cmd -Code 8371 -Target $dn -Message 'The specified class is not defined.') }
        }
        else {
            # gMSA password derivation needs a KDS root key that is effective and present on THIS DC. Without one
            # there is nothing to derive from, whatever the schema: admins see "Key does not exist" first.
            $key = Get-LabUsableKdsRootKey -State $state -Dc $dc.name
            if ($null -eq $key) {
                throw (New-LabAdServerError -CmdletName $cmd -Code -2146893811 -Target $dn -Message 'Key does not exist')
            }
            if ([int]$state.forest.schemaVersion -lt 52) { throw (New-LabAdServerError -CmdletName $cmd -Code 8371 -Target $dn -Message 'The specified class is not defined.') }
        }
        Get-LabAdSamCheck -SamCore $samCore -Dn $dn -CmdletName $cmd
        Assert-LabAdSamFree -State $state -Sam $sam -CmdletName $cmd -Target $dn
        Assert-LabAdDnFree -State $state -Dn $dn -CmdletName $cmd
        $allowed = @()
        if ($Bound.ContainsKey('PrincipalsAllowedToRetrieveManagedPassword')) {
            $allowed = @(Resolve-LabAdPrincipalDns -State $state -Principals $Bound['PrincipalsAllowedToRetrieveManagedPassword'] -Dc $dc.name -CmdletName $cmd -Bound $Bound)
        }
        $delegate = @()
        if ($Bound.ContainsKey('PrincipalsAllowedToDelegateToAccount')) {
            $delegate = @(Resolve-LabAdPrincipalDns -State $state -Principals $Bound['PrincipalsAllowedToDelegateToAccount'] -Dc $dc.name -CmdletName $cmd -Bound $Bound)
        }
        $spns = @()
        if ($Bound.ContainsKey('ServicePrincipalNames')) { $spns = @($Bound['ServicePrincipalNames'] | Where-Object { $_ } | ForEach-Object { [string]$_ }) }
        Assert-LabAdSpnsUnique -State $state -Spns $spns -OwnDn $dn -CmdletName $cmd
        # New gMSAs get msDS-SupportedEncryptionTypes 0x1C (RC4, AES128, AES256) unless told otherwise.
        $enc = @('RC4', 'AES128', 'AES256')
        if ($Bound.ContainsKey('KerberosEncryptionType')) { $enc = @(ConvertTo-LabEncNames $Bound['KerberosEncryptionType']) }
        $interval = $null
        if (-not $isSmsa) {
            $interval = 30
            if ($Bound.ContainsKey('ManagedPasswordIntervalInDays')) { $interval = [int]$Bound['ManagedPasswordIntervalInDays'] }
        }
        $enabled = $true
        if ($Bound.ContainsKey('Enabled')) { $enabled = [bool]$Bound['Enabled'] }
        $dnsHostName = $null
        if ($Bound.ContainsKey('DNSHostName') -and $Bound['DNSHostName']) { $dnsHostName = [string]$Bound['DNSHostName'] }
        $description = $null
        if ($Bound.ContainsKey('Description') -and $Bound['Description']) { $description = [string]$Bound['Description'] }
        $record = New-LabAdRecord @{
            objectClass = $objectClass; name = $name; distinguishedName = $dn; samAccountName = $sam
            objectSid = (Get-LabAdNextSid -State $state); description = $description; enabled = $enabled; created = (ConvertTo-LabDateText (Get-LabNow))
            dnsHostName = $dnsHostName; kerberosEncryptionType = $enc; servicePrincipalNames = $spns
            principalsAllowedToRetrieveManagedPassword = @($allowed); managedPasswordIntervalInDays = $interval
            onlyOn = @([string]$dc.name)
        }
        if (@($delegate).Count -gt 0) { $record['principalsAllowedToDelegateToAccount'] = @($delegate) }
        if ($isDmsa) { $record['migration'] = $null }
        if ($Bound.ContainsKey('OtherAttributes') -and $null -ne $Bound['OtherAttributes']) {
            foreach ($key in $Bound['OtherAttributes'].Keys) {
                Set-LabAdAttribute -State $state -Object $record -Attribute ([string]$key) -Values $Bound['OtherAttributes'][$key] -Mode 'Replace' -CmdletName $cmd -Creating
            }
        }
        if (-not $Cmdlet.ShouldProcess($dn, 'New')) { return $null }
        [void]$state.objects.Add($record)
        return @{ State = $state; Record = $record }
    }
    if ($null -ne $created -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $created.State -Object $created.Record -TypeName 'ADServiceAccount' -DefaultSet 'ServiceAccount'
    }
}

function LabImpl-Set-ADServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Set-ADServiceAccount'
    $identity = $Bound['Identity']
    if ($Cmdlet.ParameterSetName -eq 'Instance') { $identity = $Bound['Instance'] }
    $changed = Update-LabState -Script {
        param($state)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $o = Find-LabAdServiceAccountOrThrow -State $state -Identity $identity -Dc $dc.name -CmdletName $cmd -Bound $Bound
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $o.distinguishedName
        if (-not $Cmdlet.ShouldProcess($o.distinguishedName, 'Set')) { return $null }
        $isGroupClass = ($o.objectClass -ne 'msDS-ManagedServiceAccount')
        $p = $Bound
        if ($Cmdlet.ParameterSetName -eq 'Instance') {
            # -Instance: the properties of the (modified) object the caller read with Get-ADServiceAccount.
            $p = @{}
            $inst = $Bound['Instance']
            $table = Get-LabAdAttributeTable -State $state -Object $o
            foreach ($name in @('Description', 'DNSHostName', 'Enabled', 'KerberosEncryptionType', 'ServicePrincipalNames', 'PrincipalsAllowedToRetrieveManagedPassword', 'ManagedPasswordIntervalInDays', 'SamAccountName')) {
                $prop = $inst.PSObject.Properties[$name]
                if ($null -eq $prop) { continue }
                $old = $table[$name]
                $new = $prop.Value
                if ((@($old) -join "`n") -ne (@($new) -join "`n")) { $p[$name] = $new }
            }
            if ($p.ContainsKey('ManagedPasswordIntervalInDays')) {
                throw (New-LabAdServerError -CmdletName $cmd -Code 8369 -Target $o.distinguishedName -Message 'The attribute cannot be modified because it is owned by the system.')
            }
        }
        if ($p.ContainsKey('SamAccountName')) {
            $core = [string]$p['SamAccountName']
            if ($core.EndsWith('$')) { $core = $core.Substring(0, $core.Length - 1) }
            Get-LabAdSamCheck -SamCore $core -Dn $o.distinguishedName -CmdletName $cmd
            Assert-LabAdSamFree -State $state -Sam ($core + '$') -OwnDn $o.distinguishedName -CmdletName $cmd -Target $o.distinguishedName
            $o.samAccountName = $core + '$'
        }
        if ($p.ContainsKey('Description')) {
            $o.description = $null
            if ($p['Description']) { $o.description = [string]$p['Description'] }
        }
        if ($p.ContainsKey('DNSHostName')) {
            $o.dnsHostName = $null
            if ($p['DNSHostName']) { $o.dnsHostName = [string]$p['DNSHostName'] }
        }
        if ($p.ContainsKey('Enabled')) { $o.enabled = [bool]$p['Enabled'] }
        if ($p.ContainsKey('KerberosEncryptionType')) { $o.kerberosEncryptionType = @(ConvertTo-LabEncNames $p['KerberosEncryptionType']) }
        if ($p.ContainsKey('PrincipalsAllowedToRetrieveManagedPassword')) {
            if (-not $isGroupClass) {
                # msDS-GroupMSAMembership does not exist on the sMSA class.
                throw (New-LabAdServerError -CmdletName $cmd -Code 8212 -Target $o.distinguishedName `
                        -Message 'The requested operation did not satisfy one or more constraints associated with the class of the object.')
            }
            $o.principalsAllowedToRetrieveManagedPassword = @(Resolve-LabAdPrincipalDns -State $state -Principals $p['PrincipalsAllowedToRetrieveManagedPassword'] -Dc $dc.name -CmdletName $cmd -Bound $Bound)
        }
        if ($p.ContainsKey('PrincipalsAllowedToDelegateToAccount')) {
            $o['principalsAllowedToDelegateToAccount'] = @(Resolve-LabAdPrincipalDns -State $state -Principals $p['PrincipalsAllowedToDelegateToAccount'] -Dc $dc.name -CmdletName $cmd -Bound $Bound)
        }
        if ($p.ContainsKey('ServicePrincipalNames')) { Update-LabAdSpns -State $state -Object $o -Spec $p['ServicePrincipalNames'] -CmdletName $cmd }
        if ($Cmdlet.ParameterSetName -ne 'Instance') { Invoke-LabAdAttributeParameters -State $state -Object $o -Bound $Bound -CmdletName $cmd }
        return @{ State = $state; Record = $o }
    }
    if ($null -ne $changed -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $changed.State -Object $changed.Record -TypeName 'ADServiceAccount' -DefaultSet 'ServiceAccount'
    }
}

function LabImpl-Remove-ADServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Remove-ADServiceAccount'
    $null = Update-LabState -Script {
        param($state)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $o = Find-LabAdServiceAccountOrThrow -State $state -Identity $Bound['Identity'] -Dc $dc.name -CmdletName $cmd -Bound $Bound
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $o.distinguishedName
        if (-not $Cmdlet.ShouldProcess($o.distinguishedName, 'Remove')) { return }
        $state.objects.Remove($o)
        Remove-LabAdReferences -State $state -Dn $o.distinguishedName
    }
}

function LabImpl-Add-ADComputerServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Add-ADComputerServiceAccount'
    $computer = Update-LabState -Script {
        param($state)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $c = Find-LabAdObject -State $state -Identity $Bound['Identity'] -Class @('computer') -Dc $dc.name
        if ($null -eq $c) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under (Get-LabAdUnder $state $Bound)) }
        $accounts = New-Object System.Collections.ArrayList
        foreach ($id in @($Bound['ServiceAccount'])) {
            [void]$accounts.Add((Find-LabAdServiceAccountOrThrow -State $state -Identity $id -Dc $dc.name -CmdletName $cmd -Bound $Bound))
        }
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $c.distinguishedName
        foreach ($sa in $accounts) {
            if ($sa.objectClass -ne 'msDS-ManagedServiceAccount') { continue }
            foreach ($other in $sa.hostComputers) {
                if (-not (Test-LabAdDnEqual $other $c.distinguishedName)) {
                    throw (New-LabAdCmdletError -CmdletName $cmd -Target $sa.distinguishedName `
                            -Message "The service account '$($sa.samAccountName)' is already linked to the computer '$other'. A standalone managed service account can be linked to only one computer.")
                }
            }
        }
        if (-not $Cmdlet.ShouldProcess($c.distinguishedName, 'Add')) { return $null }
        foreach ($sa in $accounts) {
            if (@($c.hostServiceAccounts) -notcontains $sa.distinguishedName) { $c.hostServiceAccounts = @($c.hostServiceAccounts) + $sa.distinguishedName }
            if (@($sa.hostComputers) -notcontains $c.distinguishedName) { $sa.hostComputers = @($sa.hostComputers) + $c.distinguishedName }
        }
        return @{ State = $state; Record = $c }
    }
    if ($null -ne $computer -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $computer.State -Object $computer.Record -TypeName 'ADComputer' -DefaultSet 'Computer'
    }
}

function LabImpl-Remove-ADComputerServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Remove-ADComputerServiceAccount'
    $computer = Update-LabState -Script {
        param($state)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $c = Find-LabAdObject -State $state -Identity $Bound['Identity'] -Class @('computer') -Dc $dc.name
        if ($null -eq $c) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under (Get-LabAdUnder $state $Bound)) }
        $accounts = New-Object System.Collections.ArrayList
        foreach ($id in @($Bound['ServiceAccount'])) {
            [void]$accounts.Add((Find-LabAdServiceAccountOrThrow -State $state -Identity $id -Dc $dc.name -CmdletName $cmd -Bound $Bound))
        }
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $c.distinguishedName
        if (-not $Cmdlet.ShouldProcess($c.distinguishedName, 'Remove')) { return $null }
        foreach ($sa in $accounts) {
            $c.hostServiceAccounts = @($c.hostServiceAccounts | Where-Object { -not (Test-LabAdDnEqual $_ $sa.distinguishedName) })
            $sa.hostComputers = @($sa.hostComputers | Where-Object { -not (Test-LabAdDnEqual $_ $c.distinguishedName) })
        }
        return @{ State = $state; Record = $c }
    }
    if ($null -ne $computer -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $computer.State -Object $computer.Record -TypeName 'ADComputer' -DefaultSet 'Computer'
    }
}

function New-LabAdInstallError {
    param([string]$Detail, $Target)
    return New-LabError -ExceptionType $script:ADException -Message "Cannot install service account. Error Message: '$Detail'." `
        -ErrorId 'InstallADServiceAccount:PerformOperation:InstallServiceAcccountFailure,Microsoft.ActiveDirectory.Management.Commands.InstallADServiceAccount' `
        -Category 'WriteError' -Target $Target
}

function LabImpl-Install-ADServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Install-ADServiceAccount'
    $ctx = Get-LabContext
    $null = Update-LabState -Script {
        param($state)
        $dc = Get-LabDomainController -State $state -Cmdlet $cmd
        $sa = Find-LabAdServiceAccountOrThrow -State $state -Identity $Bound['Identity'] -Dc $dc.name -CmdletName $cmd -Bound $null
        $target = Get-LabAdIdText $Bound['Identity']
        Assert-LabElevated -ErrorId 'InstallADServiceAccount:PerformOperation:InstallServiceAcccountFailure,Microsoft.ActiveDirectory.Management.Commands.InstallADServiceAccount' `
            -Message "Cannot install service account. Error Message: 'Unknown error (0xc0000022)'." -Target $target
        $access = Test-LabManagedPasswordAccess -State $state -Account $sa -Computer $ctx.Computer
        if ($sa.objectClass -eq 'msDS-ManagedServiceAccount') {
            if ($access.Reason -ne 'Linked') { throw (New-LabAdInstallError -Detail 'An unspecified error has occurred' -Target $target) }
        }
        else {
            if (-not $access.Allowed) {
                throw (New-LabAdInstallError -Detail "{Access Denied}`nA process has requested access to an object, but has not been granted those access rights." -Target $target)
            }
            if (-not (Test-LabEncryptionTypesMatch -State $state -Account $sa -Computer $ctx.Computer)) {
                throw (New-LabAdInstallError -Detail 'The provided context did not match the target.' -Target $target)
            }
        }
        if (-not $Cmdlet.ShouldProcess($sa.samAccountName, 'Install')) { return }
        $hostState = Get-LabHost -State $state -Name $ctx.Computer
        if (@($hostState.installedAccounts) -notcontains $sa.samAccountName) {
            $hostState.installedAccounts = @($hostState.installedAccounts) + [string]$sa.samAccountName
        }
    }
}

function LabImpl-Uninstall-ADServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Uninstall-ADServiceAccount'
    $ctx = Get-LabContext
    $null = Update-LabState -Script {
        param($state)
        $target = Get-LabAdIdText $Bound['Identity']
        $errorId = 'UninstallADServiceAccount:PerformOperation:UninstallServiceAccountFailure,Microsoft.ActiveDirectory.Management.Commands.UninstallADServiceAccount'
        Assert-LabElevated -ErrorId $errorId -Message "Cannot uninstall service account. Error Message: 'Unknown error (0xc0000022)'." -Target $target
        $hostState = Get-LabHost -State $state -Name $ctx.Computer
        $sam = $null
        $dcName = $null
        if (-not $Bound['ForceRemoveLocal']) { $dcName = (Get-LabDomainController -State $state -Cmdlet $cmd).name }
        $sa = Find-LabAdObject -State $state -Identity $Bound['Identity'] -Class $script:SaClasses -Dc $dcName
        if ($null -ne $sa) { $sam = [string]$sa.samAccountName }
        else {
            # -ForceRemoveLocal (or an account deleted from AD): match the local record by name.
            $want = $target.TrimEnd('$') + '$'
            foreach ($a in $hostState.installedAccounts) { if ([string]::Equals([string]$a, $want, [System.StringComparison]::OrdinalIgnoreCase)) { $sam = [string]$a } }
            if ($null -eq $sam) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under $state.domain.distinguishedName) }
        }
        if (-not $Cmdlet.ShouldProcess($sam, 'Uninstall')) { return }
        $hostState.installedAccounts = @($hostState.installedAccounts | Where-Object { -not [string]::Equals([string]$_, $sam, [System.StringComparison]::OrdinalIgnoreCase) })
    }
}

function LabImpl-Test-ADServiceAccount {
    param($Cmdlet, $Bound)
    $cmd = 'Test-ADServiceAccount'
    $ctx = Get-LabContext
    $state = Get-LabState
    $dc = Get-LabDomainController -State $state -Cmdlet $cmd
    $sa = Find-LabAdServiceAccountOrThrow -State $state -Identity $Bound['Identity'] -Dc $dc.name -CmdletName $cmd -Bound $null
    $access = Test-LabManagedPasswordAccess -State $state -Account $sa -Computer $ctx.Computer
    $ok = $false
    if ($sa.objectClass -eq 'msDS-ManagedServiceAccount') {
        $hostState = Get-LabHost -State $state -Name $ctx.Computer
        $installed = ($null -ne $hostState -and @($hostState.installedAccounts) -contains $sa.samAccountName)
        $ok = ($access.Reason -eq 'Linked' -and $installed)
        if (-not $ok -and $access.Reason -eq 'NotLinked') {
            $Cmdlet.WriteWarning("The Managed Service Account $($sa.name) is not linked with any computer object in the directory.")
            return $false
        }
    }
    else {
        $ok = ([bool]$access.Allowed -and [bool]$sa.enabled -and (Test-LabEncryptionTypesMatch -State $state -Account $sa -Computer $ctx.Computer))
    }
    if (-not $ok) {
        $Cmdlet.WriteWarning("Test failed for Managed Service Account $($sa.name). If standalone Managed Service Account, the account is linked to another computer object in the Active Directory. If group Managed Service Account, either this computer does not have permission to use the group MSA password or this computer does not support all the Kerberos encryption types required for the gMSA. See the MSA operational log for more information.")
    }
    return $ok
}

function LabImpl-Reset-ADServiceAccountPassword {
    param($Cmdlet, $Bound)
    $cmd = 'Reset-ADServiceAccountPassword'
    $ctx = Get-LabContext
    $errorId = 'ResetADServiceAccountPassword:PerformOperation:ResetServiceAccountPasswordFailure,Microsoft.ActiveDirectory.Management.Commands.ResetADServiceAccountPassword'
    $null = Update-LabState -Script {
        param($state)
        $dc = Get-LabDomainController -State $state -Cmdlet $cmd
        $sa = Find-LabAdServiceAccountOrThrow -State $state -Identity $Bound['Identity'] -Dc $dc.name -CmdletName $cmd -Bound $Bound
        $target = Get-LabAdIdText $Bound['Identity']
        Assert-LabElevated -ErrorId $errorId -Message "Cannot reset password of service account. Error Message: 'Unknown error (0xc0000022)'." -Target $target
        if ($sa.objectClass -ne 'msDS-ManagedServiceAccount') {
            # gMSA/dMSA passwords are derived by the KDS; only a standalone MSA has a password its host resets.
            throw (New-LabError -ExceptionType $script:ADException -ErrorId $errorId -Category 'InvalidOperation' -Target $target `
                    -Message "Cannot reset password of service account. Error Message: 'The requested operation is not supported for a group managed service account'.")
        }
        $access = Test-LabManagedPasswordAccess -State $state -Account $sa -Computer $ctx.Computer
        if ($access.Reason -ne 'Linked') {
            throw (New-LabError -ExceptionType $script:ADException -ErrorId $errorId -Category 'WriteError' -Target $target `
                    -Message "Cannot reset password of service account. Error Message: 'An unspecified error has occurred'.")
        }
        if (-not $Cmdlet.ShouldProcess($sa.distinguishedName, 'Reset password')) { return }
        $sa['passwordLastSet'] = ConvertTo-LabDateText (Get-LabNow)
    }
}

# ---------------------------------------------------------------------------------------------- dMSA migration

function Invoke-LabAdMigration {
    <# Start-/Complete-/Reset-/Undo-ADServiceAccountMigration. The dMSA keeps its migration in an extra key
       'migration' = @{ supersededAccount; state ('Started'|'Completed'); started; completed; supersededWasEnabled }. #>
    param($Cmdlet, $Bound, [string]$Action)
    $cmd = $Cmdlet.MyInvocation.MyCommand.Name
    $null = Update-LabState -Script {
        param($state)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $dmsa = Find-LabAdServiceAccountOrThrow -State $state -Identity $Bound['Identity'] -Dc $dc.name -CmdletName $cmd -Bound $Bound
        if ([string]$state.domain.domainMode -ne 'Windows2025Domain') {
            throw (New-LabAdServerError -CmdletName $cmd -Code 50 -Target $dmsa.distinguishedName -Message 'The request is not supported.')
        }
        if ($dmsa.objectClass -ne 'msDS-DelegatedManagedServiceAccount') {
            throw (New-LabAdCmdletError -CmdletName $cmd -Target $dmsa.distinguishedName -Category 'InvalidArgument' `
                    -Message "The account '$($dmsa.samAccountName)' is not a delegated managed service account.")
        }
        $supersededDn = [string]$Bound['SupersededAccount']
        $user = Find-LabAdObject -State $state -Identity $supersededDn -Class @('user', 'computer') -Dc $dc.name
        if ($null -eq $user -or -not (Test-LabAdDnEqual $user.distinguishedName $supersededDn)) {
            throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $supersededDn -Under $state.domain.distinguishedName)
        }
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $dmsa.distinguishedName
        $mig = Get-LabAdMigration $dmsa
        $wrongState = {
            param([string]$Need)
            throw (New-LabAdCmdletError -CmdletName $cmd -Target $dmsa.distinguishedName `
                    -Message "The migration of '$supersededDn' to the delegated managed service account '$($dmsa.samAccountName)' is not $Need.")
        }
        if ($null -ne $mig -and -not (Test-LabAdDnEqual $mig.supersededAccount $supersededDn)) {
            throw (New-LabAdCmdletError -CmdletName $cmd -Target $dmsa.distinguishedName `
                    -Message "The delegated managed service account '$($dmsa.samAccountName)' is linked to '$($mig.supersededAccount)', not to '$supersededDn'.")
        }
        switch ($Action) {
            'Start' { if ($null -ne $mig) { & $wrongState 'able to start: a migration is already in progress' } }
            'Complete' { if ($null -eq $mig -or $mig.state -ne 'Started') { & $wrongState 'started' } }
            'Undo' { if ($null -eq $mig) { & $wrongState 'started' } }
            'Reset' { if ($null -eq $mig) { & $wrongState 'started' } }
        }
        if (-not $Cmdlet.ShouldProcess($dmsa.distinguishedName, "$Action migration")) { return }
        $now = ConvertTo-LabDateText (Get-LabNow)
        switch ($Action) {
            'Start' {
                $dmsa['migration'] = @{ supersededAccount = $user.distinguishedName; state = 'Started'; started = $now; completed = $null; supersededWasEnabled = [bool]$user.enabled }
            }
            'Complete' {
                # Completing the migration disables the superseded account; the dMSA takes over its services.
                $mig.state = 'Completed'
                $mig.completed = $now
                $mig.supersededWasEnabled = [bool]$user.enabled
                $user.enabled = $false
                $dmsa['migration'] = $mig
            }
            'Undo' {
                if ($mig.state -eq 'Completed') {
                    $mig.state = 'Started'
                    $mig.completed = $null
                    $user.enabled = [bool]$mig.supersededWasEnabled
                    $dmsa['migration'] = $mig
                }
                else { $dmsa['migration'] = $null }
            }
            'Reset' {
                if ($mig.state -eq 'Completed') { $user.enabled = [bool]$mig.supersededWasEnabled }
                $dmsa['migration'] = $null
            }
        }
    }
}

function LabImpl-Start-ADServiceAccountMigration { param($Cmdlet, $Bound) Invoke-LabAdMigration -Cmdlet $Cmdlet -Bound $Bound -Action 'Start' }
function LabImpl-Complete-ADServiceAccountMigration { param($Cmdlet, $Bound) Invoke-LabAdMigration -Cmdlet $Cmdlet -Bound $Bound -Action 'Complete' }
function LabImpl-Undo-ADServiceAccountMigration { param($Cmdlet, $Bound) Invoke-LabAdMigration -Cmdlet $Cmdlet -Bound $Bound -Action 'Undo' }
function LabImpl-Reset-ADServiceAccountMigration { param($Cmdlet, $Bound) Invoke-LabAdMigration -Cmdlet $Cmdlet -Bound $Bound -Action 'Reset' }

# ============================================================================================== cmdlets: groups

function LabImpl-New-ADGroup {
    param($Cmdlet, $Bound)
    $cmd = 'New-ADGroup'
    $name = [string]$Bound['Name']
    $sam = $name
    if ($Bound.ContainsKey('SamAccountName') -and $Bound['SamAccountName']) { $sam = [string]$Bound['SamAccountName'] }
    $category = 'Security'
    if ($Bound.ContainsKey('GroupCategory')) { $category = [string]$Bound['GroupCategory'] }
    $scope = [string]$Bound['GroupScope']
    $created = Update-LabState -Script {
        param($state)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $path = "CN=Users,$($state.domain.distinguishedName)"
        if ($Bound.ContainsKey('Path') -and $Bound['Path']) { $path = [string]$Bound['Path'] }
        $dn = 'CN=' + (ConvertTo-LabAdRdnValue $name) + ',' + $path
        if ($null -eq (Find-LabAdContainer -State $state -Dn $path -Dc $dc.name)) {
            throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $path -Message 'Directory object not found')
        }
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $dn
        if (-not (Test-LabAdNameValid $sam) -or $sam.Length -gt 256) {
            throw (New-LabAdServerError -CmdletName $cmd -Code 1315 -Target $dn -Message 'The name provided is not a properly formed account name')
        }
        foreach ($o in $state.objects) {
            if ($o.samAccountName -and [string]::Equals([string]$o.samAccountName, $sam, [System.StringComparison]::OrdinalIgnoreCase)) {
                if ($o.objectClass -eq 'group') {
                    throw (New-LabAdServerError -CmdletName $cmd -Code 1318 -Target $dn -Category 'ResourceExists' `
                            -ExceptionType 'Microsoft.ActiveDirectory.Management.ADIdentityAlreadyExistsException' -Message 'The specified group already exists')
                }
                throw (New-LabAdServerError -CmdletName $cmd -Code 1316 -Target $dn -Category 'ResourceExists' `
                        -ExceptionType 'Microsoft.ActiveDirectory.Management.ADIdentityAlreadyExistsException' -Message 'The specified account already exists')
            }
        }
        Assert-LabAdDnFree -State $state -Dn $dn -CmdletName $cmd
        $description = $null
        if ($Bound.ContainsKey('Description') -and $Bound['Description']) { $description = [string]$Bound['Description'] }
        $record = New-LabAdRecord @{
            objectClass = 'group'; name = $name; distinguishedName = $dn; samAccountName = $sam
            objectSid = (Get-LabAdNextSid -State $state); description = $description; created = (ConvertTo-LabDateText (Get-LabNow))
            groupScope = $scope; groupCategory = $category; members = @(); onlyOn = @([string]$dc.name)
        }
        if ($Bound.ContainsKey('OtherAttributes') -and $null -ne $Bound['OtherAttributes']) {
            foreach ($key in $Bound['OtherAttributes'].Keys) {
                Set-LabAdAttribute -State $state -Object $record -Attribute ([string]$key) -Values $Bound['OtherAttributes'][$key] -Mode 'Replace' -CmdletName $cmd -Creating
            }
        }
        if (-not $Cmdlet.ShouldProcess($dn, 'New')) { return $null }
        [void]$state.objects.Add($record)
        return @{ State = $state; Record = $record }
    }
    if ($null -ne $created -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $created.State -Object $created.Record -TypeName 'ADGroup' -DefaultSet 'Group'
    }
}

function LabImpl-Remove-ADGroup {
    param($Cmdlet, $Bound)
    $cmd = 'Remove-ADGroup'
    $null = Update-LabState -Script {
        param($state)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $g = Find-LabAdObject -State $state -Identity $Bound['Identity'] -Class @('group') -Dc $dc.name
        if ($null -eq $g) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under (Get-LabAdUnder $state $Bound)) }
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $g.distinguishedName
        if (-not $Cmdlet.ShouldProcess($g.distinguishedName, 'Remove')) { return }
        $state.objects.Remove($g)
        Remove-LabAdReferences -State $state -Dn $g.distinguishedName
    }
}

function Invoke-LabAdGroupMembers {
    param($Cmdlet, $Bound, [switch]$Remove)
    $cmd = $Cmdlet.MyInvocation.MyCommand.Name
    $group = Update-LabState -Script {
        param($state)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $g = Find-LabAdObject -State $state -Identity $Bound['Identity'] -Class @('group') -Dc $dc.name
        if ($null -eq $g) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $Bound['Identity'] -Under (Get-LabAdUnder $state $Bound)) }
        $dns = Resolve-LabAdPrincipalDns -State $state -Principals $Bound['Members'] -Dc $dc.name -CmdletName $cmd -Bound $Bound
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $g.distinguishedName
        $strict = [bool]$Bound['DisablePermissiveModify']
        $current = New-Object System.Collections.ArrayList
        foreach ($m in $g.members) { [void]$current.Add([string]$m) }
        foreach ($dn in $dns) {
            $has = $false
            foreach ($m in $current) { if (Test-LabAdDnEqual $m $dn) { $has = $true } }
            if ($Remove -and -not $has -and $strict) {
                throw (New-LabAdServerError -CmdletName $cmd -Code 1377 -Target $dn -Message 'The specified account name is not a member of the group.')
            }
            if (-not $Remove -and $has -and $strict) {
                throw (New-LabAdServerError -CmdletName $cmd -Code 1378 -Target $dn -Message 'The specified account name is already a member of the group.')
            }
            if (-not $Remove -and (Test-LabAdDnEqual $dn $g.distinguishedName)) {
                throw (New-LabAdServerError -CmdletName $cmd -Code 1376 -Target $dn -Message 'The specified local group does not exist.')
            }
        }
        $action = 'Set'
        if (-not $Cmdlet.ShouldProcess($g.distinguishedName, $action)) { return $null }
        foreach ($dn in $dns) {
            if ($Remove) {
                $keep = New-Object System.Collections.ArrayList
                foreach ($m in $current) { if (-not (Test-LabAdDnEqual $m $dn)) { [void]$keep.Add($m) } }
                $current = $keep
            }
            else {
                $has = $false
                foreach ($m in $current) { if (Test-LabAdDnEqual $m $dn) { $has = $true } }
                if (-not $has) { [void]$current.Add($dn) }
            }
        }
        # Only the directory changes: members' Kerberos tickets keep their old groups until refreshed.
        $g.members = @($current.ToArray())
        return @{ State = $state; Record = $g }
    }
    if ($null -ne $group -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $group.State -Object $group.Record -TypeName 'ADGroup' -DefaultSet 'Group'
    }
}

function LabImpl-Add-ADGroupMember { param($Cmdlet, $Bound) Invoke-LabAdGroupMembers -Cmdlet $Cmdlet -Bound $Bound }
function LabImpl-Remove-ADGroupMember { param($Cmdlet, $Bound) Invoke-LabAdGroupMembers -Cmdlet $Cmdlet -Bound $Bound -Remove }

# ============================================================================================== cmdlets: computers

function LabImpl-Set-ADComputer {
    param($Cmdlet, $Bound)
    $cmd = 'Set-ADComputer'
    $identity = $Bound['Identity']
    if ($Cmdlet.ParameterSetName -eq 'Instance') { $identity = $Bound['Instance'] }
    $changed = Update-LabState -Script {
        param($state)
        $dc = Get-LabAdDc -State $state -Bound $Bound -CmdletName $cmd
        $c = Find-LabAdObject -State $state -Identity $identity -Class @('computer') -Dc $dc.name
        if ($null -eq $c) { throw (New-LabAdNotFoundError -CmdletName $cmd -Identity $identity -Under (Get-LabAdUnder $state $Bound)) }
        Assert-LabAdWriteAccess -State $state -Cmdlet $cmd -Target $c.distinguishedName
        if (-not $Cmdlet.ShouldProcess($c.distinguishedName, 'Set')) { return $null }
        $p = $Bound
        if ($Cmdlet.ParameterSetName -eq 'Instance') {
            $p = @{}
            $inst = $Bound['Instance']
            $table = Get-LabAdAttributeTable -State $state -Object $c
            foreach ($name in @('Description', 'DNSHostName', 'Enabled', 'KerberosEncryptionType', 'OperatingSystem', 'ServicePrincipalNames')) {
                $prop = $inst.PSObject.Properties[$name]
                if ($null -eq $prop) { continue }
                if ((@($table[$name]) -join "`n") -ne (@($prop.Value) -join "`n")) { $p[$name] = $prop.Value }
            }
        }
        if ($p.ContainsKey('Description')) { $c.description = $null; if ($p['Description']) { $c.description = [string]$p['Description'] } }
        if ($p.ContainsKey('DNSHostName')) { $c.dnsHostName = $null; if ($p['DNSHostName']) { $c.dnsHostName = [string]$p['DNSHostName'] } }
        if ($p.ContainsKey('OperatingSystem')) { $c.operatingSystem = $null; if ($p['OperatingSystem']) { $c.operatingSystem = [string]$p['OperatingSystem'] } }
        if ($p.ContainsKey('Enabled')) { $c.enabled = [bool]$p['Enabled'] }
        if ($p.ContainsKey('KerberosEncryptionType')) { $c.kerberosEncryptionType = @(ConvertTo-LabEncNames $p['KerberosEncryptionType']) }
        if ($p.ContainsKey('SAMAccountName')) {
            $core = ([string]$p['SAMAccountName']).TrimEnd('$')
            if (-not (Test-LabAdNameValid $core)) { throw (New-LabAdServerError -CmdletName $cmd -Code 1315 -Target $c.distinguishedName -Message 'The name provided is not a properly formed account name') }
            Assert-LabAdSamFree -State $state -Sam ($core + '$') -OwnDn $c.distinguishedName -CmdletName $cmd -Target $c.distinguishedName
            $c.samAccountName = $core + '$'
        }
        if ($p.ContainsKey('PrincipalsAllowedToDelegateToAccount')) {
            $c['principalsAllowedToDelegateToAccount'] = @(Resolve-LabAdPrincipalDns -State $state -Principals $p['PrincipalsAllowedToDelegateToAccount'] -Dc $dc.name -CmdletName $cmd -Bound $Bound)
        }
        if ($p.ContainsKey('ServicePrincipalNames')) { Update-LabAdSpns -State $state -Object $c -Spec $p['ServicePrincipalNames'] -CmdletName $cmd }
        if ($Cmdlet.ParameterSetName -ne 'Instance') { Invoke-LabAdAttributeParameters -State $state -Object $c -Bound $Bound -CmdletName $cmd }
        return @{ State = $state; Record = $c }
    }
    if ($null -ne $changed -and $Bound['PassThru']) {
        ConvertTo-LabAdOutput -State $changed.State -Object $changed.Record -TypeName 'ADComputer' -DefaultSet 'Computer'
    }
}

Export-ModuleMember -Function Add-ADComputerServiceAccount, Add-ADGroupMember, Complete-ADServiceAccountMigration, Get-ADComputer,
    Get-ADComputerServiceAccount, Get-ADDomain, Get-ADDomainController, Get-ADForest, Get-ADGroup, Get-ADGroupMember, Get-ADObject,
    Get-ADOrganizationalUnit, Get-ADPrincipalGroupMembership, Get-ADReplicationFailure, Get-ADReplicationPartnerMetadata, Get-ADRootDSE,
    Get-ADServiceAccount, Get-ADUser, Install-ADServiceAccount, New-ADGroup, New-ADServiceAccount, Remove-ADComputerServiceAccount,
    Remove-ADGroup, Remove-ADGroupMember, Remove-ADServiceAccount, Reset-ADServiceAccountMigration, Reset-ADServiceAccountPassword,
    Set-ADComputer, Set-ADServiceAccount, Start-ADServiceAccountMigration, Test-ADServiceAccount, Undo-ADServiceAccountMigration,
    Uninstall-ADServiceAccount
