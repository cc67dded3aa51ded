# Get-Acl on the ActiveDirectory module's AD: drive: how admins read a directory object's security descriptor, and the
# documented way to read its SACL (Get-Acl -Audit):
#   Get-Acl -Path 'AD:CN=Master Root Keys,CN=Group Key Distribution Service,CN=Services,CN=Configuration,DC=...' -Audit
# The path forms blogs and Microsoft's posts use: AD:<dn>, AD:\<dn> (4sysops "Display access rights on Active Directory
# OUs with PowerShell"; poshchap "More on Get-Acl with Active Directory") and the provider-qualified
# Microsoft.ActiveDirectory.Management.dll\ActiveDirectory:://RootDSE/<dn>, which is also the PSPath (and so the Path)
# Get-Acl's output carries.
#
# What real Get-Acl does (PowerShell's AclCommands.cs, GetAclCommand.ProcessRecord, and the engine's
# SessionStateSecurityDescriptorInterface.cs):
#   - it asks the provider for Owner | Group | Access, plus Audit only with -Audit; the descriptor carries those sections;
#   - path resolution comes first: no AD: drive (the ActiveDirectory module not imported) or no ActiveDirectory
#     provider is the engine's DriveNotFound / ProviderNotFound, not caught by Get-Acl: the statement stops;
#   - a path that resolves to no item is caught per path: "Cannot find path '...' because it does not exist."
#     (GetAcl_PathNotFound_Exception, ItemNotFoundException), written as a non-terminating error, the next path goes on;
#   - any exception of the provider while reading the descriptor (reading a SACL without SeSecurityPrivilege:
#     PrivilegeNotHeldException) is not caught by Get-Acl either: it ends the call (the paths before it were written).
#     The error carries the exception's type in its FullyQualifiedErrorId, as a provider failure inside Get-Acl shows
#     on Windows (e.g. github.com/itm4n/PrivescCheck/issues/25: "System.UnauthorizedAccessException,
#     Microsoft.PowerShell.Commands.GetAclCommand", NotSpecified).
# The descriptor itself comes from the lab ActiveDirectory module (Private/Security.ps1, Get-LabAdSecurityDescriptor):
# the same object Get-ADObject -Properties nTSecurityDescriptor returns (the real ActiveDirectorySecurity on Windows,
# LabCore's look-alike elsewhere), called inside that module's scope (no export needed). Windows PowerShell 5.1 syntax.

$script:AdProviderPrefix = 'Microsoft.ActiveDirectory.Management.dll\ActiveDirectory::'

function Get-LabAdDrivePath {
    <# The directory object an AD-drive path names: @{ Dn; Drive } (Drive: through the AD: drive, else provider-
       qualified), or $null when the path is not about Active Directory. #>
    param([string]$Path)
    $m = [regex]::Match($Path, '^(?:(?:Microsoft\.ActiveDirectory\.Management(?:\.dll)?)\\)?ActiveDirectory::(?://RootDSE/)?(.*)$', 'IgnoreCase')
    if ($m.Success) { return @{ Dn = $m.Groups[1].Value; Drive = $false } }
    $m = [regex]::Match($Path, '^AD:[\\/]?(.*)$', 'IgnoreCase')
    if ($m.Success) { return @{ Dn = $m.Groups[1].Value; Drive = $true } }
    return $null
}

function New-LabAdPathResolutionError {
    <# The engine's error when the AD: drive or the ActiveDirectory provider does not exist (the module is not
       imported), as pwsh writes it: DriveNotFoundException 'AD' / ProviderNotFoundException. #>
    param([string]$Path, [bool]$Drive)
    if ($Drive) {
        return New-LabError -ExceptionType 'System.Management.Automation.DriveNotFoundException' `
            -Message "Cannot find drive. A drive with the name 'AD' does not exist." `
            -ErrorId 'DriveNotFound,Microsoft.PowerShell.Commands.GetAclCommand' -Category 'ObjectNotFound' -Target 'AD'
    }
    $provider = $Path.Substring(0, $Path.IndexOf('::'))
    return New-LabError -ExceptionType 'System.Management.Automation.ProviderNotFoundException' `
        -Message ("Cannot find a provider with the name '" + $provider + "'.") `
        -ErrorId 'ProviderNotFound,Microsoft.PowerShell.Commands.GetAclCommand' -Category 'ObjectNotFound' -Target $provider
}

function New-LabPrivilegeNotHeldError {
    <# System.Security.AccessControl.PrivilegeNotHeldException for SeSecurityPrivilege. Its constructor throws
       PlatformNotSupported off Windows, so there the object is made without it and given the real message
       (System.Security.AccessControl's PrivilegeNotHeld_Named) and UnauthorizedAccessException's HResult. #>
    param([string]$Target)
    $message = "The process does not possess the 'SeSecurityPrivilege' privilege which is required for this operation."
    $type = [System.Security.AccessControl.PrivilegeNotHeldException]
    if ($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) { $exception = New-Object $type 'SeSecurityPrivilege' }
    else {
        $exception = [System.Runtime.CompilerServices.RuntimeHelpers]::GetUninitializedObject($type)
        $flags = [System.Reflection.BindingFlags]'Instance,NonPublic'
        [Exception].GetField('_message', $flags).SetValue($exception, $message)
        [Exception].GetField('_HResult', $flags).SetValue($exception, -2147024891)
    }
    return New-Object System.Management.Automation.ErrorRecord $exception, 'System.Security.AccessControl.PrivilegeNotHeldException,Microsoft.PowerShell.Commands.GetAclCommand', 'NotSpecified', $Target
}

# Run inside the ActiveDirectory module. The view: the state and the session's DC, read once for all of one Get-Acl's
# paths. The reader: the object at $Dn as that DC sees it (state objects, and the virtual ones: partition heads, the
# Configuration containers, the KDS root keys), then its descriptor with the sections Get-Acl asked for. Returns
# @{ Found; PrivilegeHeld; Sd }.
$script:AdDriveView = {
    $state = Get-LabState
    return @{ State = $state; Dc = (Get-LabDomainController -State $state -Server '' -Cmdlet 'Get-Acl') }
}
$script:AdDriveReader = {
    param($View, [string]$Dn, [bool]$Audit)
    $object = Find-LabAdObjectAtDn -State $View.State -Dn $Dn -Dc $View.Dc.name
    if ($null -eq $object) { return @{ Found = $false } }
    if ($Audit -and -not (Test-LabAdCanReadSacl)) { return @{ Found = $true; PrivilegeHeld = $false } }
    # Get-Acl without -Audit does not ask for the SACL (sections Owner | Group | Access), so the descriptor has none
    # even for a caller who could read it; with -Audit the privilege was checked above.
    return @{ Found = $true; PrivilegeHeld = $true; Sd = (Get-LabAdSecurityDescriptor -State $View.State -Object $object -IncludeSacl ([bool]$Audit)) }
}

# ErrorRecord's field for an id that came over the wire: set, the record keeps its FullyQualifiedErrorId as given
# (the same trick and field as LabRemoting's Write-LabRemotingError; Windows PowerShell 5.1 and PowerShell 7).
$script:LabAdDriveSerializedErrorId = [System.Management.Automation.ErrorRecord].GetField('_serializedFullyQualifiedErrorId', [System.Reflection.BindingFlags]'NonPublic, Instance')

function Write-LabAdDriveError {
    <# A non-terminating error with Get-Acl's own FullyQualifiedErrorId: WriteError from a function would append
       ',Get-Acl' to it, where the compiled cmdlet's reads '<id>,Microsoft.PowerShell.Commands.GetAclCommand'. #>
    param($Cmdlet, [System.Management.Automation.ErrorRecord]$ErrorRecord)
    if ($null -ne $script:LabAdDriveSerializedErrorId) { $script:LabAdDriveSerializedErrorId.SetValue($ErrorRecord, $ErrorRecord.FullyQualifiedErrorId) }
    $Cmdlet.WriteError($ErrorRecord)
}

function Test-LabAdDriveCall {
    <# Whether Get-Acl or Set-Acl is about the AD: drive: every path is an AD path (-Path or -LiteralPath). #>
    param($Cmdlet, [string[]]$Paths)
    if ($Cmdlet.ParameterSetName -eq 'ByInputObject' -or $Paths.Count -eq 0) { return $false }
    foreach ($p in $Paths) { if ($null -eq (Get-LabAdDrivePath -Path ([string]$p))) { return $false } }
    return $true
}

function Get-LabAdDriveAcl {
    <# Get-Acl over AD paths: one descriptor per path, in order, with the path properties Get-Acl's output has. #>
    param($Cmdlet, [string[]]$Paths, [bool]$Audit)
    $module = Get-Module -Name ActiveDirectory
    $view = $null
    foreach ($p in $Paths) {
        $text = [string]$p
        $target = Get-LabAdDrivePath -Path $text
        if ($null -eq $module) { throw (New-LabAdPathResolutionError -Path $text -Drive $target.Drive) }
        # One state read for all the paths, made where the first path needs it.
        if ($null -eq $view) { $view = & $module $script:AdDriveView }
        $read = & $module $script:AdDriveReader $view $target.Dn $Audit
        if (-not $read.Found) {
            Write-LabAdDriveError -Cmdlet $Cmdlet -ErrorRecord (New-LabAclPathNotFoundError -Path $text -Command 'GetAcl')
            continue
        }
        if (-not $read.PrivilegeHeld) { throw (New-LabPrivilegeNotHeldError -Target $text) }
        $sd = $read.Sd
        # The provider writes each item with its PSPath; ObjectSecurity's Path (types.ps1xml, GetPath) reads it. The
        # look-alike has no type data, so it gets Path as a note property of the same value.
        $pspath = $script:AdProviderPrefix + '//RootDSE/' + $target.Dn
        $wrapped = [psobject]$sd
        $wrapped | Add-Member -NotePropertyName PSPath -NotePropertyValue $pspath -Force
        if ($null -eq $wrapped.psobject.Properties['Path']) { $wrapped | Add-Member -NotePropertyName Path -NotePropertyValue $pspath }
        $Cmdlet.WriteObject($wrapped)
    }
}

# Set-Acl on the AD: drive: what an admin runs after changing the descriptor Get-Acl returned, e.g. the audit's fixes
#   $acl = Get-Acl -Path $path; $acl.PurgeAccessRules([System.Security.Principal.SecurityIdentifier]$sid); Set-Acl -Path $path -AclObject $acl
# The provider writes the descriptor's sections back to the object (nTSecurityDescriptor); the DC recomputes the
# inherited entries, so only what is explicit counts: the explicit entries, the owner, the protection, and the SACL
# when it was read (Get-Acl -Audit). The lab keeps the explicit part in objects[].security / kdsRootKeys[].security,
# and for the containers it computes rather than keeps (the domain head, CN=Master Root Keys, ...) in
# containerSecurity by DN (state.ts adSecuritySchema), whose access[] is ADDED to the class default: the default
# entries are taken out before writing (an entry of the default the script removed cannot be kept as removed: the state has no way to say
# it; none of the audit's fixes removes one).

$script:AdDriveWriter = {
    param([string]$Dn, $Acl)
    # One state read: the object is looked up in the state the write then changes, under its lock. (A path that names
    # nothing saves that state unchanged.)
    return Update-LabState -Script {
        param($s)
        $dc = Get-LabDomainController -State $s -Server '' -Cmdlet 'Set-Acl'
        $object = Find-LabAdObjectAtDn -State $s -Dn $Dn -Dc $dc.name
        if ($null -eq $object) { return 'NotFound' }
        $class = [string]$object.objectClass
        $cache = Get-LabAdSdCache -State $s
        $rightsType = [System.DirectoryServices.ActiveDirectoryRights]
        $toAce = {
            param($e)
            $ace = [ordered]@{ sid = [string]$e.Sid; rights = [string][System.Enum]::ToObject($rightsType, [int]$e.Rights); type = [string]$e.Type; inheritance = [string]$e.Inheritance }
            if ($e.ObjectType -ne [guid]::Empty) { $ace.objectType = $e.ObjectType.ToString() }
            if ($e.InheritedObjectType -ne [guid]::Empty) { $ace.inheritedObjectType = $e.InheritedObjectType.ToString() }
            $ace
        }
        $keyOf = { param($sid, $rights, $type, $ot, $iot, $inh) ([string]$sid).ToUpperInvariant() + '|' + [int]$rights + '|' + $type + '|' + ([string]$ot).ToLowerInvariant() + '|' + ([string]$iot).ToLowerInvariant() + '|' + $inh }
        $defaultKeys = New-Object System.Collections.ArrayList
        foreach ($r in (Get-LabAdDefaultRows -Cache $cache -Class $class)) {
            $ot = $r.objectType; $iot = $r.inheritedObjectType
            [void]$defaultKeys.Add((& $keyOf $r.sid $r.rights $r.type $ot $iot $r.inheritance))
        }
        $access = New-Object System.Collections.ArrayList
        foreach ($e in $Acl.GetLabExplicitEntries($false)) {
            $ot = ''; if ($e.ObjectType -ne [guid]::Empty) { $ot = $e.ObjectType.ToString() }
            $iot = ''; if ($e.InheritedObjectType -ne [guid]::Empty) { $iot = $e.InheritedObjectType.ToString() }
            $k = & $keyOf $e.Sid $e.Rights $e.Type $ot $iot $e.Inheritance
            if ($defaultKeys.Contains($k)) { $defaultKeys.Remove($k); continue }
            [void]$access.Add((& $toAce $e))
        }
        $record = @{ owner = $Acl.GetLabOwnerSid(); access = $access.ToArray(); protected = [bool]$Acl.AreAccessRulesProtected }
        $saclRead = $Acl.GetLabSaclRead()
        if ($saclRead) { $record.audit = @(foreach ($e in $Acl.GetLabExplicitEntries($true)) { & $toAce $e }) }
        $isKey = ($class -eq 'msKds-ProvRootKey')
        $keyId = [string]$object.name
        $target = $null
        if ($isKey) { foreach ($k in $s.kdsRootKeys) { if ([string]$k.keyId -eq $keyId) { $target = $k } } }
        else { foreach ($o in $s.objects) { if (Test-LabAdDnEqual $o.distinguishedName $Dn) { $target = $o; break } } }
        if ($null -eq $target -and -not $isKey) {
            # A computed container (a partition head, CN=Master Root Keys, ...): its explicit part lives in
            # containerSecurity, under the DN as the directory spells it (one entry per container, whatever case the
            # path used).
            if (-not $s.ContainsKey('containerSecurity') -or $null -eq $s.containerSecurity) { $s.containerSecurity = @{} }
            $name = [string]$object.distinguishedName
            foreach ($k in @($s.containerSecurity.Keys)) { if (Test-LabAdDnEqual ([string]$k) $Dn) { $name = [string]$k } }
            $target = @{}
            if ($s.containerSecurity.ContainsKey($name)) { $target.security = $s.containerSecurity[$name] }
            $s.containerSecurity[$name] = $record
        }
        if ($null -eq $target) { return 'Written' }
        # Without -Audit the SACL was not read: the object keeps the one it has.
        if (-not $saclRead) {
            $record.audit = @()
            if ($target.ContainsKey('security') -and $null -ne $target.security.audit) { $record.audit = @($target.security.audit) }
        }
        $target.security = $record
        return 'Written'
    }
}

function Set-LabAdDriveAcl {
    <# Set-Acl over AD paths: each object's explicit security from the descriptor, -WhatIf honoured. #>
    param($Cmdlet, [string[]]$Paths, $AclObject)
    $module = Get-Module -Name ActiveDirectory
    $acl = $AclObject
    if ($acl -is [psobject]) { $acl = $acl.psobject.BaseObject }
    foreach ($p in $Paths) {
        $text = [string]$p
        $target = Get-LabAdDrivePath -Path $text
        if ($null -eq $module) { throw (New-LabAdPathResolutionError -Path $text -Drive $target.Drive) }
        if ($null -eq $acl -or $null -eq $acl.GetType().GetMethod('GetLabExplicitEntries')) {
            throw (New-LabError -ExceptionType 'System.ArgumentException' -Message 'The security descriptor is not valid for this object: get it with Get-Acl on the AD: drive.' `
                    -ErrorId 'System.ArgumentException,Microsoft.PowerShell.Commands.SetAclCommand' -Category 'InvalidArgument' -Target $text)
        }
        if (-not $Cmdlet.ShouldProcess($text, 'Set-Acl')) { continue }
        $written = & $module $script:AdDriveWriter $target.Dn $acl
        if ($written -eq 'NotFound') { Write-LabAdDriveError -Cmdlet $Cmdlet -ErrorRecord (New-LabAclPathNotFoundError -Path $text -Command 'SetAcl') }
    }
}

function Register-LabAdSecurityTypes {
    <# Off Windows: [System.Security.Principal.SecurityIdentifier]'S-1-...' through LabCore's converter (the real
       constructor throws PlatformNotSupported there), and New-Object System.DirectoryServices.ActiveDirectoryAccessRule /
       ActiveDirectoryAuditRule resolved to the look-alikes the lab's descriptor takes (the same type-name cache as
       AclTypes.ps1's Register-LabAclType). #>
    Update-TypeData -TypeName 'System.Security.Principal.SecurityIdentifier' -TypeConverter 'LabAdSecurity.SidConverter' -Force -ErrorAction SilentlyContinue
    Add-LabTypeNameAlias @{
        'System.DirectoryServices.ActiveDirectoryAccessRule' = [LabAdSecurity.ActiveDirectoryAccessRule]
        'System.DirectoryServices.ActiveDirectoryAuditRule'  = [LabAdSecurity.ActiveDirectoryAuditRule]
    }
}
if ($PSVersionTable.PSEdition -ne 'Desktop' -and -not $IsWindows) { Register-LabAdSecurityTypes }
