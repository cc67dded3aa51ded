# The object classes the lab knows: the class lists the cmdlets search by, each class's kind (which default
# property set it gets), its objectClass chain and its objectCategory.

$script:SaClasses = @('msDS-GroupManagedServiceAccount', 'msDS-ManagedServiceAccount', 'msDS-DelegatedManagedServiceAccount')
$script:PrincipalClasses = @('user', 'computer', 'group', 'msDS-GroupManagedServiceAccount', 'msDS-ManagedServiceAccount', 'msDS-DelegatedManagedServiceAccount')
$script:ContainerClasses = @('container', 'organizationalUnit', 'domainDNS', 'configuration', 'dMD', 'builtinDomain')

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
        'builtinDomain' { return @('top', 'builtinDomain') }
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
        'builtinDomain' { return @('Builtin-Domain', 'builtinDomain') }
        'domainDNS' { return @('Domain-DNS', 'domainDNS') }
        'configuration' { return @('Configuration', 'configuration') }
        'dMD' { return @('DMD', 'dMD') }
        'msDS-GroupManagedServiceAccount' { return @('ms-DS-Group-Managed-Service-Account', 'msDS-GroupManagedServiceAccount') }
        'msDS-ManagedServiceAccount' { return @('ms-DS-Managed-Service-Account', 'msDS-ManagedServiceAccount') }
        'msDS-DelegatedManagedServiceAccount' { return @('ms-DS-Delegated-Managed-Service-Account', 'msDS-DelegatedManagedServiceAccount') }
    }
    return @('Top', 'top')
}
