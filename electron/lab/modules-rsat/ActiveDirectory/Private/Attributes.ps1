# LDAP attributes kept in an object's `attributes` bag (electron/lab/state.ts adObjectSchema.attributes): the slice
# of the AD schema the lab models (syntax, single/multi-valued, which object kinds may hold the attribute, the
# friendly property name the cmdlets show and take for it), userAccountControl and the flags derived from it, and
# reading/writing values. Attributes with a typed field in the state (description, dNSHostName, member, ...) are
# handled by Set-LabAdAttribute in Writes.ps1; everything else goes through here.

# Syntax: String | Integer | Large (Integer8, stored as a decimal string) | DN (stored as the DN) | Boolean.
# Kinds: the object kinds (ObjectClasses.ps1 Get-LabAdKind) whose class may hold it (mayContain, inherited:
# computer and the service-account classes derive from user). Friendly: the property name the cmdlets use.
# Sources: the Active Directory schema attribute pages (learn.microsoft.com/windows/win32/adschema/a-<name>) and
# the AD module's property maps (e.g. Set-ADComputer -Location = location, -ManagedBy = managedBy).
$script:AccountKinds = @('User', 'Computer', 'ServiceAccount')
$script:AttributeSchema = [ordered]@{}
foreach ($a in @(
        @{ Name = 'displayName'; Syntax = 'String'; Friendly = 'DisplayName'; Kinds = @('User', 'Computer', 'ServiceAccount', 'Group', 'OU', 'Object') }
        @{ Name = 'adminDescription'; Syntax = 'String'; Kinds = @('User', 'Computer', 'ServiceAccount', 'Group', 'OU', 'Object') }
        @{ Name = 'adminDisplayName'; Syntax = 'String'; Kinds = @('User', 'Computer', 'ServiceAccount', 'Group', 'OU', 'Object') }
        @{ Name = 'info'; Syntax = 'String'; Kinds = @('User', 'Computer', 'ServiceAccount', 'Group') }
        @{ Name = 'location'; Syntax = 'String'; Friendly = 'Location'; Kinds = @('Computer', 'ServiceAccount') }
        @{ Name = 'managedBy'; Syntax = 'DN'; Friendly = 'ManagedBy'; Kinds = @('Computer', 'ServiceAccount', 'Group', 'OU', 'Object') }
        @{ Name = 'wWWHomePage'; Syntax = 'String'; Friendly = 'HomePage'; Kinds = @('User', 'Computer', 'ServiceAccount', 'Group') }
        @{ Name = 'url'; Syntax = 'String'; Multi = $true; Kinds = @('User', 'Computer', 'ServiceAccount', 'Group') }
        @{ Name = 'mail'; Syntax = 'String'; Friendly = 'EmailAddress'; Kinds = @('User', 'Computer', 'ServiceAccount', 'Group') }
        @{ Name = 'userPrincipalName'; Syntax = 'String'; Friendly = 'UserPrincipalName'; Kinds = $script:AccountKinds }
        @{ Name = 'givenName'; Syntax = 'String'; Friendly = 'GivenName'; Kinds = @('User') }
        @{ Name = 'sn'; Syntax = 'String'; Friendly = 'Surname'; Kinds = @('User') }
        @{ Name = 'initials'; Syntax = 'String'; Friendly = 'Initials'; Kinds = @('User') }
        @{ Name = 'title'; Syntax = 'String'; Friendly = 'Title'; Kinds = @('User') }
        @{ Name = 'department'; Syntax = 'String'; Friendly = 'Department'; Kinds = @('User') }
        @{ Name = 'company'; Syntax = 'String'; Friendly = 'Company'; Kinds = @('User') }
        @{ Name = 'division'; Syntax = 'String'; Friendly = 'Division'; Kinds = @('User') }
        @{ Name = 'employeeID'; Syntax = 'String'; Friendly = 'EmployeeID'; Kinds = @('User') }
        @{ Name = 'employeeNumber'; Syntax = 'String'; Friendly = 'EmployeeNumber'; Kinds = @('User') }
        @{ Name = 'physicalDeliveryOfficeName'; Syntax = 'String'; Friendly = 'Office'; Kinds = @('User') }
        @{ Name = 'telephoneNumber'; Syntax = 'String'; Friendly = 'OfficePhone'; Kinds = @('User') }
        @{ Name = 'mobile'; Syntax = 'String'; Friendly = 'MobilePhone'; Kinds = @('User') }
        @{ Name = 'homePhone'; Syntax = 'String'; Friendly = 'HomePhone'; Kinds = @('User') }
        @{ Name = 'streetAddress'; Syntax = 'String'; Friendly = 'StreetAddress'; Kinds = @('User') }
        @{ Name = 'street'; Syntax = 'String'; Friendly = 'StreetAddress'; Kinds = @('OU') }
        @{ Name = 'l'; Syntax = 'String'; Friendly = 'City'; Kinds = @('User', 'OU') }
        @{ Name = 'st'; Syntax = 'String'; Friendly = 'State'; Kinds = @('User', 'OU') }
        @{ Name = 'postalCode'; Syntax = 'String'; Friendly = 'PostalCode'; Kinds = @('User', 'OU') }
        @{ Name = 'c'; Syntax = 'String'; Friendly = 'Country'; Kinds = @('User', 'OU') }
        @{ Name = 'otherTelephone'; Syntax = 'String'; Multi = $true; Kinds = @('User') }
        @{ Name = 'facsimileTelephoneNumber'; Syntax = 'String'; Friendly = 'Fax'; Kinds = @('User') }
        @{ Name = 'homeDirectory'; Syntax = 'String'; Friendly = 'HomeDirectory'; Kinds = @('User') }
        @{ Name = 'homeDrive'; Syntax = 'String'; Friendly = 'HomeDrive'; Kinds = @('User') }
        @{ Name = 'profilePath'; Syntax = 'String'; Friendly = 'ProfilePath'; Kinds = @('User') }
        @{ Name = 'scriptPath'; Syntax = 'String'; Friendly = 'ScriptPath'; Kinds = @('User') }
        @{ Name = 'userWorkstations'; Syntax = 'String'; Friendly = 'LogonWorkstations'; Kinds = @('User') }
        @{ Name = 'manager'; Syntax = 'DN'; Friendly = 'Manager'; Kinds = @('User') }
        @{ Name = 'o'; Syntax = 'String'; Multi = $true; Friendly = 'Organization'; Kinds = @('User') }
        @{ Name = 'middleName'; Syntax = 'String'; Friendly = 'OtherName'; Kinds = @('User') }
        @{ Name = 'postOfficeBox'; Syntax = 'String'; Multi = $true; Friendly = 'POBox'; Kinds = @('User') }
        @{ Name = 'operatingSystemVersion'; Syntax = 'String'; Friendly = 'OperatingSystemVersion'; Kinds = @('Computer') }
        @{ Name = 'operatingSystemServicePack'; Syntax = 'String'; Friendly = 'OperatingSystemServicePack'; Kinds = @('Computer') }
        @{ Name = 'operatingSystemHotfix'; Syntax = 'String'; Friendly = 'OperatingSystemHotfix'; Kinds = @('Computer') }
        @{ Name = 'msDS-AllowedToDelegateTo'; Syntax = 'String'; Multi = $true; Kinds = $script:AccountKinds }
        @{ Name = 'userAccountControl'; Syntax = 'Integer'; Kinds = $script:AccountKinds }
        @{ Name = 'pwdLastSet'; Syntax = 'Large'; Kinds = $script:AccountKinds }
        @{ Name = 'accountExpires'; Syntax = 'Large'; Kinds = $script:AccountKinds }
        @{ Name = 'lastLogonTimestamp'; Syntax = 'Large'; Kinds = $script:AccountKinds }
        # dMSA migration (Windows Server 2025 schema; MS-ADA2): on the dMSA, the account it supersedes (a DN link,
        # single-valued) and the migration state (0 none, 1 in progress, 2 completed); on the superseded account, the
        # link back and its state. Start-/Complete-ADServiceAccountMigration show them from the `migration` field; an
        # object whose bag holds them (written with -Replace, or planted by a scenario) shows these values.
        @{ Name = 'msDS-ManagedAccountPrecededByLink'; Syntax = 'DN'; Kinds = @('ServiceAccount') }
        @{ Name = 'msDS-DelegatedMSAState'; Syntax = 'Integer'; Kinds = @('ServiceAccount') }
        @{ Name = 'msDS-SupersededManagedAccountLink'; Syntax = 'DN'; Kinds = $script:AccountKinds }
        @{ Name = 'msDS-SupersededServiceAccountState'; Syntax = 'Integer'; Kinds = $script:AccountKinds }
    )) {
    if (-not $a.ContainsKey('Multi')) { $a['Multi'] = $false }
    $script:AttributeSchema[$a.Name.ToLowerInvariant() + '|' + ($a.Kinds -join ',')] = $a
}

# userAccountControl flags and the account properties derived from them (MS-ADTS 2.2.16; the AD module's
# Set-ADAccountControl parameters). ACCOUNTDISABLE (0x2) follows the state's `enabled` field.
$script:UacFlags = [ordered]@{
    HomedirRequired                   = 0x8
    PasswordNotRequired               = 0x20
    AllowReversiblePasswordEncryption = 0x80
    PasswordNeverExpires              = 0x10000
    MNSLogonAccount                   = 0x20000
    TrustedForDelegation              = 0x80000
    AccountNotDelegated               = 0x100000
    SmartcardLogonRequired            = 0x40000
    UseDESKeyOnly                     = 0x200000
    DoesNotRequirePreAuth             = 0x400000
    TrustedToAuthForDelegation        = 0x1000000
}

function Get-LabAdAttributeDef {
    <# The schema entry for an lDAPDisplayName on an object of $Kind, or $null (not in the lab's schema, or not
       allowed on that class). #>
    param([string]$Name, [string]$Kind)
    $lower = $Name.ToLowerInvariant()
    foreach ($key in $script:AttributeSchema.Keys) {
        $def = $script:AttributeSchema[$key]
        if ($def.Name.ToLowerInvariant() -eq $lower -and ($def.Kinds -contains $Kind)) { return $def }
    }
    return $null
}

function Test-LabAdAttributeKnown {
    <# Is $Name an attribute of the lab's schema at all (on any class)? #>
    param([string]$Name)
    $lower = $Name.ToLowerInvariant()
    foreach ($key in $script:AttributeSchema.Keys) { if ($script:AttributeSchema[$key].Name.ToLowerInvariant() -eq $lower) { return $true } }
    return $false
}

function Get-LabAdFriendlyAttribute {
    <# The attribute a friendly property name (Location, ManagedBy, DisplayName, ...) stands for on $Kind, or $null. #>
    param([string]$Friendly, [string]$Kind)
    foreach ($key in $script:AttributeSchema.Keys) {
        $def = $script:AttributeSchema[$key]
        if ($def.Friendly -and [string]::Equals($def.Friendly, $Friendly, [System.StringComparison]::OrdinalIgnoreCase) -and ($def.Kinds -contains $Kind)) { return $def }
    }
    return $null
}

function Get-LabAdBag {
    <# The object's attribute bag (created on first write; objects from older state files have none). #>
    param([hashtable]$Object, [switch]$Create)
    if ($Object.ContainsKey('attributes') -and $Object['attributes'] -is [System.Collections.IDictionary]) { return $Object['attributes'] }
    if (-not $Create) { return @{} }
    $Object['attributes'] = @{}
    return $Object['attributes']
}

function Get-LabAdAttributeValue {
    <# The stored value of an attribute (by lDAPDisplayName, any case), or $null when it has none. Large integers
       come back as [long], multi-valued attributes as arrays. #>
    param([hashtable]$Object, [string]$Name)
    $bag = Get-LabAdBag $Object
    foreach ($k in @($bag.Keys)) {
        if ([string]::Equals([string]$k, $Name, [System.StringComparison]::OrdinalIgnoreCase)) {
            $v = $bag[$k]
            $def = $null
            foreach ($key in $script:AttributeSchema.Keys) { if ($script:AttributeSchema[$key].Name -eq $k) { $def = $script:AttributeSchema[$key] } }
            if ($null -ne $def -and $def.Syntax -eq 'Large' -and $null -ne $v) { return [long]$v }
            if ($null -ne $def -and $def.Multi) { return , @($v) }
            return $v
        }
    }
    return $null
}

function Set-LabAdAttributeValue {
    <# Stores (or with $null / empty, removes) an attribute in the bag under its schema spelling. #>
    param([hashtable]$Object, [hashtable]$Def, $Value)
    $bag = Get-LabAdBag $Object -Create
    foreach ($k in @($bag.Keys)) { if ([string]::Equals([string]$k, $Def.Name, [System.StringComparison]::OrdinalIgnoreCase)) { $bag.Remove($k) } }
    if ($null -eq $Value) { return }
    if ($Def.Multi) {
        $values = @($Value | Where-Object { $null -ne $_ })
        if ($values.Count -eq 0) { return }
        $bag[$Def.Name] = $values
        return
    }
    $bag[$Def.Name] = $Value
}

function Get-LabAdUac {
    <# The account's userAccountControl: the stored flags (class default when none: NORMAL_ACCOUNT 0x200 for users,
       WORKSTATION_TRUST_ACCOUNT 0x1000 for computers and service accounts, SERVER_TRUST_ACCOUNT|TRUSTED_FOR_DELEGATION
       0x82000 for DCs), with ACCOUNTDISABLE from `enabled`. #>
    param([hashtable]$Object)
    $stored = Get-LabAdAttributeValue -Object $Object -Name 'userAccountControl'
    if ($null -ne $stored) { $uac = [int]$stored } else { $uac = Get-LabAdDefaultUac $Object }
    if ($Object.enabled -eq $false) { $uac = $uac -bor 2 } else { $uac = $uac -band (-bnot 2) }
    return $uac
}

function Get-LabAdDefaultUac {
    <# The flags an account of this class has when the state stores none. #>
    param([hashtable]$Object)
    if ($Object.objectClass -eq 'user') { return 0x200 }
    if ($Object.objectClass -eq 'computer' -and $Object.distinguishedName -like '*,OU=Domain Controllers,*') { return 0x82000 }
    return 0x1000
}

function Set-LabAdUac {
    <# Writes userAccountControl: the flags to the bag (none stored when they are the class default, so a change
       that is undone leaves the state file as it was), ACCOUNTDISABLE to `enabled`. #>
    param([hashtable]$Object, [int]$Value)
    $def = Get-LabAdAttributeDef -Name 'userAccountControl' -Kind (Get-LabAdKind $Object.objectClass)
    $flags = [int]($Value -band (-bnot 2))
    if ($flags -eq (Get-LabAdDefaultUac $Object)) { $flags = $null }
    Set-LabAdAttributeValue -Object $Object -Def $def -Value $flags
    $Object.enabled = (($Value -band 2) -eq 0)
}

function Set-LabAdUacFlag {
    <# Sets or clears one derived flag (TrustedForDelegation, PasswordNeverExpires, ...) on the account. #>
    param([hashtable]$Object, [string]$Flag, [bool]$On)
    $bit = [int]$script:UacFlags[$Flag]
    $uac = Get-LabAdUac $Object
    if ($On) { $uac = $uac -bor $bit } else { $uac = $uac -band (-bnot $bit) }
    Set-LabAdUac -Object $Object -Value $uac
}

$script:AttributeDefsByKind = @{}

function Add-LabAdBagToTable {
    <# The end of Get-LabAdAttributeTable: every schema attribute the object's class may hold appears under its
       friendly name (with $null when unset, as the module's extended properties do), and under its lDAPDisplayName
       when it has a value; userAccountControl and its flags come from Get-LabAdUac. #>
    param([System.Collections.IDictionary]$Table, [hashtable]$Object, [string]$Kind)
    # The same values Get-LabAdAttributeValue gives, without scanning the bag and the schema once per attribute
    # (a listing builds this table for every object): the kind's attributes are listed once, the bag's keys
    # looked up by name in any case.
    if (-not $script:AttributeDefsByKind.ContainsKey($Kind)) {
        $defs = New-Object System.Collections.ArrayList
        foreach ($key in $script:AttributeSchema.Keys) {
            $def = $script:AttributeSchema[$key]
            if ($def.Kinds -notcontains $Kind -or $def.Name -eq 'userAccountControl') { continue }
            [void]$defs.Add($def)
        }
        $script:AttributeDefsByKind[$Kind] = $defs.ToArray()
    }
    $bag = Get-LabAdBag $Object
    $bagKeys = @{}
    foreach ($k in @($bag.Keys)) { if (-not $bagKeys.ContainsKey([string]$k)) { $bagKeys[[string]$k] = $k } }
    foreach ($def in $script:AttributeDefsByKind[$Kind]) {
        $value = $null
        if ($bagKeys.ContainsKey($def.Name)) {
            $value = $bag[$bagKeys[$def.Name]]
            if ($def.Syntax -eq 'Large' -and $null -ne $value) { $value = [long]$value }
            elseif ($def.Multi) { $value = @($value) }
        }
        if ($def.Friendly -and ($null -ne $value -or -not $Table.Contains($def.Friendly))) {
            if ($def.Multi -and $null -eq $value) { $Table[$def.Friendly] = @() } else { $Table[$def.Friendly] = $value }
        }
        if ($null -ne $value) { $Table[$def.Name] = $value }
    }
    if ($script:AccountKinds -contains $Kind) {
        $uac = Get-LabAdUac $Object
        $Table['userAccountControl'] = $uac
        foreach ($flag in $script:UacFlags.Keys) {
            if ($flag -eq 'SmartcardLogonRequired' -and $Kind -ne 'User') { continue }
            $Table[$flag] = (($uac -band $script:UacFlags[$flag]) -ne 0)
        }
    }
}

# Every attribute and friendly name of the lab's schema is assignable on an output object even when not loaded.
$knownAttributeNames = New-Object System.Collections.ArrayList
foreach ($key in $script:AttributeSchema.Keys) {
    [void]$knownAttributeNames.Add($script:AttributeSchema[$key].Name)
    if ($script:AttributeSchema[$key].Friendly) { [void]$knownAttributeNames.Add($script:AttributeSchema[$key].Friendly) }
}
foreach ($flag in $script:UacFlags.Keys) { [void]$knownAttributeNames.Add($flag) }
[void]$knownAttributeNames.AddRange(@('description', 'dNSHostName', 'operatingSystem', 'operatingSystemVersion', 'operatingSystemServicePack', 'operatingSystemHotfix', 'servicePrincipalName', 'msDS-SupportedEncryptionTypes', 'member', 'sAMAccountName', 'Enabled', 'SmartcardLogonRequired', 'AccountExpirationDate', 'ChangePasswordAtLogon'))
[Microsoft.ActiveDirectory.Management.ADEntity]::LabAddKnownNames([string[]]$knownAttributeNames.ToArray())
Remove-Variable knownAttributeNames
