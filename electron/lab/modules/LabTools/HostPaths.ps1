# The lab computer's disks for the file-system stand-ins: which paths are the lab computer's, whether one exists,
# and its ACL. Dot-sourced by LabTools (Test-Path, HostFiles.ps1) and LabSecurity (Get-Acl, Set-Acl): helpers only.
# Windows PowerShell 5.1 syntax only.
#
# Which paths are the lab computer's: drive-letter (C:\...) and UNC (\\server\share\...) paths used by scripts sent
# to the session (the app's requests, the lab console). Everything else goes to the real cmdlet, unchanged: Linux
# paths, and every call made from code under electron/lab (LabCore reads the lab's own state file through
# Test-Path, and on Windows that is a C:\ path too).
#
# Files: hosts.<computer>.files (case-insensitive); a folder exists when a file is under it, a drive root always.
# ACLs: what Set-Acl wrote (hosts.<computer>.acls: a path's explicit entries, owner and protection); the rest
# inherits from its parent as Windows does (ObjectInherit entries reach files, ContainerInherit ones folders). Where
# nothing was set on the path or above it, Windows' defaults for where the path is:
#   - under C:\Windows, C:\Program Files (x86) or C:\inetpub: owner NT SERVICE\TrustedInstaller; TrustedInstaller,
#     SYSTEM and Administrators Full control, Users Read & execute. Only administrators can change the files.
#   - a drive root (C:\): Administrators and SYSTEM Full control, Users Read & execute, Authenticated Users
#     "Create folders" on the root itself and Modify (inherit only) on what is created under it.
#   - anything else, e.g. C:\Scripts\...: a folder made at the root inherits the root's entries, so Authenticated
#     Users can MODIFY it (Windows' real default, and why a task's script folder must be locked down). UNC paths
#     are treated the same way.

$script:LabRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)

function Test-LabToolsHostPath {
    <# Whether $Path, used by the caller whose file is $CallerFile, is on the lab computer's simulated disks. #>
    param([string]$Path, [string]$CallerFile)
    if ([string]::IsNullOrEmpty($Path)) { return $false }
    if ($CallerFile -and $CallerFile.StartsWith($script:LabRoot, [System.StringComparison]::OrdinalIgnoreCase)) { return $false }
    if (-not ($Path -match '^[A-Za-z]:\\' -or $Path -match '^\\\\[^\\]+\\[^\\]+')) { return $false }
    try { [void](Get-LabContext) } catch { return $false }
    return $true
}

function Get-LabToolsHostFiles {
    $state = Get-LabState
    $hostState = Get-LabHost -State $state -Name (Get-LabContext).Computer
    return @($hostState.files | ForEach-Object { [string]$_ })
}

function Get-LabToolsPathKind {
    <# 'Leaf', 'Container' or $null (missing) for a path on the lab computer. #>
    param([string]$Path, [string[]]$Files, [bool]$Wildcard)
    $p = $Path.TrimEnd('\')
    if ($p -match '^[A-Za-z]:$') { return 'Container' }
    foreach ($f in $Files) {
        if ($Wildcard) {
            if ($f -like $p) { return 'Leaf' }
            if ($f -like ($p + '\*')) { return 'Container' }
        } else {
            if ($f -eq $p) { return 'Leaf' }
            if ($f.StartsWith($p + '\', [System.StringComparison]::OrdinalIgnoreCase)) { return 'Container' }
        }
    }
    return $null
}

function New-LabToolsAccessRule {
    param([string]$Identity, [string]$Rights, [bool]$Inherited, [string]$Inheritance = 'None', [string]$Propagation = 'None', [string]$Type = 'Allow')
    $id = [pscustomobject]@{ Value = $Identity }
    $id.PSObject.TypeNames.Insert(0, 'System.Security.Principal.NTAccount')
    Add-Member -InputObject $id -MemberType ScriptMethod -Name 'ToString' -Value { return $this.Value } -Force
    $rule = [pscustomobject][ordered]@{
        FileSystemRights  = [System.Security.AccessControl.FileSystemRights]$Rights
        AccessControlType = [System.Security.AccessControl.AccessControlType]$Type
        IdentityReference = $id
        IsInherited       = $Inherited
        InheritanceFlags  = [System.Security.AccessControl.InheritanceFlags]$Inheritance
        PropagationFlags  = [System.Security.AccessControl.PropagationFlags]$Propagation
    }
    $rule.PSObject.TypeNames.Insert(0, 'System.Security.AccessControl.FileSystemAccessRule')
    return $rule
}

function Get-LabToolsDefaultAcl {
    <# The ACL Windows gives $Path where nothing set one (see the top of this file): @{ Owner; Rules }. #>
    param([string]$Path, [bool]$Folder)
    $p = $Path.TrimEnd('\')
    $inherit = 'None'
    if ($Folder) { $inherit = 'ContainerInherit, ObjectInherit' }
    $rules = New-Object System.Collections.ArrayList
    if ($p -match '^[A-Za-z]:\\(Windows|Program Files|Program Files \(x86\)|inetpub)(\\|$)') {
        $owner = 'NT SERVICE\TrustedInstaller'
        [void]$rules.Add((New-LabToolsAccessRule 'NT SERVICE\TrustedInstaller' 'FullControl' $true $inherit))
        [void]$rules.Add((New-LabToolsAccessRule 'NT AUTHORITY\SYSTEM' 'FullControl' $true $inherit))
        [void]$rules.Add((New-LabToolsAccessRule 'BUILTIN\Administrators' 'FullControl' $true $inherit))
        [void]$rules.Add((New-LabToolsAccessRule 'BUILTIN\Users' 'ReadAndExecute, Synchronize' $true $inherit))
    } elseif ($p -match '^[A-Za-z]:$') {
        $owner = 'NT SERVICE\TrustedInstaller'
        $all = 'ContainerInherit, ObjectInherit'
        [void]$rules.Add((New-LabToolsAccessRule 'BUILTIN\Administrators' 'FullControl' $false $all))
        [void]$rules.Add((New-LabToolsAccessRule 'NT AUTHORITY\SYSTEM' 'FullControl' $false $all))
        [void]$rules.Add((New-LabToolsAccessRule 'BUILTIN\Users' 'ReadAndExecute, Synchronize' $false $all))
        [void]$rules.Add((New-LabToolsAccessRule 'NT AUTHORITY\Authenticated Users' 'Modify, Synchronize' $false $all 'InheritOnly'))
        [void]$rules.Add((New-LabToolsAccessRule 'NT AUTHORITY\Authenticated Users' 'AppendData' $false))
        [void]$rules.Add((New-LabToolsAccessRule 'CREATOR OWNER' '268435456' $false $all 'InheritOnly'))
    } else {
        $owner = 'BUILTIN\Administrators'
        [void]$rules.Add((New-LabToolsAccessRule 'BUILTIN\Administrators' 'FullControl' $true $inherit))
        [void]$rules.Add((New-LabToolsAccessRule 'NT AUTHORITY\SYSTEM' 'FullControl' $true $inherit))
        [void]$rules.Add((New-LabToolsAccessRule 'BUILTIN\Users' 'ReadAndExecute, Synchronize' $true $inherit))
        [void]$rules.Add((New-LabToolsAccessRule 'NT AUTHORITY\Authenticated Users' 'Modify, Synchronize' $true $inherit))
    }
    return @{ Owner = $owner; Rules = $rules }
}

function Get-LabToolsParentPath {
    param([string]$Path)
    $p = $Path.TrimEnd('\')
    if ($p -match '^[A-Za-z]:$' -or $p -match '^\\\\[^\\]+\\[^\\]+$') { return $null }
    $i = $p.LastIndexOf('\')
    if ($i -lt 0) { return $null }
    $parent = $p.Substring(0, $i)
    return $parent
}

function Find-LabToolsStoredAcl {
    <# The ACL Set-Acl stored for exactly $Path (case-insensitive), or $null. #>
    param($Acls, [string]$Path)
    if ($null -eq $Acls) { return $null }
    $p = $Path.TrimEnd('\')
    foreach ($k in @($Acls.Keys)) { if ([string]$k -eq $p) { return $Acls[$k] } }
    return $null
}

function Test-LabToolsAclAtOrAbove {
    <# Whether Set-Acl stored an ACL for $Path or a folder above it. #>
    param($Acls, [string]$Path)
    $p = $Path
    while ($null -ne $p) {
        if ($null -ne (Find-LabToolsStoredAcl -Acls $Acls -Path $p)) { return $true }
        $p = Get-LabToolsParentPath -Path $p
    }
    return $false
}

function Get-LabToolsEffectiveAcl {
    <# @{ Owner; Rules } of $Path: its stored explicit entries, then what it inherits from its parent (unless
       protected); a path with nothing stored on it or above it has Windows' default (Get-LabToolsDefaultAcl). #>
    param($Acls, [string]$Path, [bool]$Folder)
    if (-not (Test-LabToolsAclAtOrAbove -Acls $Acls -Path $Path)) { return (Get-LabToolsDefaultAcl -Path $Path -Folder $Folder) }
    $stored = Find-LabToolsStoredAcl -Acls $Acls -Path $Path
    $rules = New-Object System.Collections.ArrayList
    $owner = 'BUILTIN\Administrators'
    $protected = $false
    if ($null -ne $stored) {
        $owner = [string]$stored.owner
        $protected = [bool]$stored.protected
        foreach ($r in $stored.access) {
            [void]$rules.Add((New-LabToolsAccessRule ([string]$r.identity) ([string]$r.rights) $false ([string]$r.inheritance) ([string]$r.propagation) ([string]$r.type)))
        }
    }
    $parent = Get-LabToolsParentPath -Path $Path
    if (-not $protected -and $null -ne $parent) {
        $up = Get-LabToolsEffectiveAcl -Acls $Acls -Path $parent -Folder $true
        if ($null -eq $stored) { $owner = $up.Owner }
        foreach ($r in $up.Rules) {
            $flags = [string]$r.InheritanceFlags
            $reaches = ($Folder -and $flags -match 'ContainerInherit') -or ((-not $Folder) -and $flags -match 'ObjectInherit')
            if (-not $reaches) { continue }
            $inheritance = 'None'
            $propagation = 'None'
            if ($Folder -and -not ([string]$r.PropagationFlags -match 'NoPropagateInherit')) { $inheritance = $flags }
            [void]$rules.Add((New-LabToolsAccessRule ([string]$r.IdentityReference) ([string]$r.FileSystemRights) $true $inheritance $propagation ([string]$r.AccessControlType)))
        }
    }
    return @{ Owner = $owner; Rules = $rules; Protected = $protected }
}

function ConvertTo-LabToolsRule {
    <# A real FileSystemAccessRule or the lab's look-alike, as the lab's look-alike (explicit). #>
    param($Rule)
    return (New-LabToolsAccessRule ([string]$Rule.IdentityReference) ([string]$Rule.FileSystemRights) $false ([string]$Rule.InheritanceFlags) ([string]$Rule.PropagationFlags) ([string]$Rule.AccessControlType))
}

function Test-LabToolsSameRule {
    param($A, $B)
    return ([string]$A.IdentityReference -eq [string]$B.IdentityReference -and [string]$A.AccessControlType -eq [string]$B.AccessControlType -and
        [string]$A.InheritanceFlags -eq [string]$B.InheritanceFlags -and [string]$A.PropagationFlags -eq [string]$B.PropagationFlags)
}

function Get-LabToolsAcl {
    <# The ACL of $Path on the lab computer, as a FileSecurity/DirectorySecurity look-alike: Owner, Access,
       AccessToString, AreAccessRulesProtected, and the methods scripts call before Set-Acl (AddAccessRule,
       SetAccessRule, RemoveAccessRule, RemoveAccessRuleAll, PurgeAccessRules, SetAccessRuleProtection, SetOwner). #>
    param([string]$Path, [bool]$Folder)
    $hostState = Get-LabHost -State (Get-LabState) -Name (Get-LabContext).Computer
    $acls = $null
    if ($hostState.ContainsKey('acls')) { $acls = $hostState.acls }
    $effective = Get-LabToolsEffectiveAcl -Acls $acls -Path $Path -Folder $Folder
    $type = 'System.Security.AccessControl.FileSecurity'
    if ($Folder) { $type = 'System.Security.AccessControl.DirectorySecurity' }
    $list = New-Object System.Collections.ArrayList
    foreach ($r in $effective.Rules) { [void]$list.Add($r) }
    $acl = [pscustomobject][ordered]@{
        Path                    = 'Microsoft.PowerShell.Core\FileSystem::' + $Path
        Owner                   = [string]$effective.Owner
        Group                   = 'NT AUTHORITY\SYSTEM'
        AreAccessRulesProtected = [bool]$effective.Protected
        Sddl                    = $null
        LabRules                = $list
    }
    Add-Member -InputObject $acl -MemberType ScriptProperty -Name Access -Value { [object[]]$this.LabRules.ToArray() }
    Add-Member -InputObject $acl -MemberType ScriptProperty -Name AccessToString -Value {
        (@($this.LabRules | ForEach-Object { [string]$_.IdentityReference + ' ' + [string]$_.AccessControlType + '  ' + [string]$_.FileSystemRights }) -join "`n")
    }
    Add-Member -InputObject $acl -MemberType ScriptMethod -Name AddAccessRule -Value { param($rule) [void]$this.LabRules.Add((ConvertTo-LabToolsRule $rule)) }
    Add-Member -InputObject $acl -MemberType ScriptMethod -Name SetAccessRule -Value {
        param($rule)
        $keep = @($this.LabRules | Where-Object { $_.IsInherited -or [string]$_.IdentityReference -ne [string]$rule.IdentityReference -or [string]$_.AccessControlType -ne [string]$rule.AccessControlType })
        $this.LabRules.Clear(); foreach ($k in $keep) { [void]$this.LabRules.Add($k) }
        [void]$this.LabRules.Add((ConvertTo-LabToolsRule $rule))
    }
    Add-Member -InputObject $acl -MemberType ScriptMethod -Name RemoveAccessRule -Value {
        param($rule)
        foreach ($r in @($this.LabRules)) {
            if (-not $r.IsInherited -and (Test-LabToolsSameRule $r $rule)) { $this.LabRules.Remove($r); return $true }
        }
        return $false
    }
    Add-Member -InputObject $acl -MemberType ScriptMethod -Name RemoveAccessRuleAll -Value {
        param($rule)
        $keep = @($this.LabRules | Where-Object { $_.IsInherited -or [string]$_.IdentityReference -ne [string]$rule.IdentityReference -or [string]$_.AccessControlType -ne [string]$rule.AccessControlType })
        $this.LabRules.Clear(); foreach ($k in $keep) { [void]$this.LabRules.Add($k) }
    }
    Add-Member -InputObject $acl -MemberType ScriptMethod -Name PurgeAccessRules -Value {
        param($identity)
        $keep = @($this.LabRules | Where-Object { $_.IsInherited -or [string]$_.IdentityReference -ne [string]$identity })
        $this.LabRules.Clear(); foreach ($k in $keep) { [void]$this.LabRules.Add($k) }
    }
    Add-Member -InputObject $acl -MemberType ScriptMethod -Name SetAccessRuleProtection -Value {
        param([bool]$isProtected, [bool]$preserveInheritance)
        $this.AreAccessRulesProtected = $isProtected
        if (-not $isProtected) { return }
        $next = New-Object System.Collections.ArrayList
        foreach ($r in $this.LabRules) {
            if (-not $r.IsInherited) { [void]$next.Add($r) }
            elseif ($preserveInheritance) { [void]$next.Add((ConvertTo-LabToolsRule $r)) }
        }
        $this.LabRules.Clear(); foreach ($r in $next) { [void]$this.LabRules.Add($r) }
    }
    Add-Member -InputObject $acl -MemberType ScriptMethod -Name SetOwner -Value { param($identity) $this.Owner = [string]$identity }
    $acl.PSObject.TypeNames.Insert(0, 'System.Security.AccessControl.FileSystemSecurity')
    $acl.PSObject.TypeNames.Insert(0, $type)
    return $acl
}
