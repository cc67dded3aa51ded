# LabSecurity: Get-Acl and Set-Acl (Windows PowerShell 5.1's Microsoft.PowerShell.Security) with Microsoft's
# signatures (LabSecurity.Signatures.ps1, generated), on the lab computer's disks: the paths, default ACLs and
# inheritance of LabTools/HostPaths.ps1 (dot-sourced: one model of the host's files for Test-Path and the ACLs).
# Set-Acl keeps a path's explicit entries, owner and protection in hosts.<computer>.acls. Any other path (a Linux
# path, or a call from the lab's own code) goes to the engine's real cmdlet. Get-Acl on the AD: drive (AD:<dn>, once
# the ActiveDirectory module is imported) reads a directory object's security descriptor and Set-Acl there writes its
# explicit part back: AdDrive.ps1. A lab module of
# its own name: one named Microsoft.PowerShell.Security would hide that module's other cmdlets. Windows PowerShell 5.1
# syntax only.
Import-Module LabCore
. (Join-Path $PSScriptRoot 'LabSecurity.Signatures.ps1')
. (Join-Path $PSScriptRoot '../LabTools/HostPaths.ps1')
. (Join-Path $PSScriptRoot 'AclTypes.ps1')
. (Join-Path $PSScriptRoot 'AdDrive.ps1')

function Get-LabAclPaths {
    param($Cmdlet, $Bound)
    if ($Cmdlet.ParameterSetName -eq 'ByLiteralPath') { return @($Bound['LiteralPath']) }
    return @($Bound['Path'])
}

function Test-LabAclOnHost {
    <# Whether the call is about the lab computer's disks (see HostPaths.ps1); otherwise the real cmdlet answers. #>
    param($Cmdlet, $Bound, [string[]]$Paths)
    if ($Cmdlet.ParameterSetName -eq 'ByInputObject' -or $Paths.Count -eq 0) { return $false }
    foreach ($k in @('Filter', 'Include', 'Exclude')) { if ($Bound.ContainsKey($k)) { return $false } }
    $caller = $Cmdlet.MyInvocation.ScriptName
    foreach ($p in $Paths) { if (-not (Test-LabToolsHostPath -Path ([string]$p) -CallerFile $caller)) { return $false } }
    return $true
}

function New-LabAclPathNotFoundError {
    <# Get-Acl's / Set-Acl's error for a path that names no item ($Command: GetAcl or SetAcl), on the disks and on the
       AD: drive alike (ItemNotFoundException, <Command>_PathNotFound_Exception). #>
    param([string]$Path, [ValidateSet('GetAcl', 'SetAcl')][string]$Command)
    return New-LabError -ExceptionType 'System.Management.Automation.ItemNotFoundException' `
        -Message ("Cannot find path '" + $Path + "' because it does not exist.") `
        -ErrorId ($Command + '_PathNotFound_Exception,Microsoft.PowerShell.Commands.' + $Command + 'Command') -Category 'ObjectNotFound' -Target $Path
}

function Get-LabAclPathKind {
    param([string]$Path, [string]$Command)
    $kind = Get-LabToolsPathKind -Path $Path -Files (Get-LabToolsHostFiles) -Wildcard $false
    if ($null -eq $kind) { throw (New-LabAclPathNotFoundError -Path $Path -Command $Command) }
    return $kind
}

function LabImpl-Get-Acl {
    param($Cmdlet, $Bound)
    $paths = Get-LabAclPaths -Cmdlet $Cmdlet -Bound $Bound
    if (Test-LabAdDriveCall -Cmdlet $Cmdlet -Paths $paths) {
        Get-LabAdDriveAcl -Cmdlet $Cmdlet -Paths $paths -Audit ([bool]$Bound['Audit'])
        return
    }
    if (-not (Test-LabAclOnHost -Cmdlet $Cmdlet -Bound $Bound -Paths $paths)) {
        $forward = @{}
        foreach ($k in $Bound.Keys) { if ($k -ne 'UseTransaction') { $forward[$k] = $Bound[$k] } }
        Microsoft.PowerShell.Security\Get-Acl @forward
        return
    }
    foreach ($p in $paths) {
        $text = [string]$p
        $kind = Get-LabAclPathKind -Path $text -Command 'GetAcl'
        Get-LabToolsAcl -Path $text -Folder ($kind -eq 'Container')
    }
}

function LabImpl-Set-Acl {
    param($Cmdlet, $Bound)
    $paths = Get-LabAclPaths -Cmdlet $Cmdlet -Bound $Bound
    if (Test-LabAdDriveCall -Cmdlet $Cmdlet -Paths $paths) {
        Set-LabAdDriveAcl -Cmdlet $Cmdlet -Paths $paths -AclObject $Bound['AclObject']
        return
    }
    if (-not (Test-LabAclOnHost -Cmdlet $Cmdlet -Bound $Bound -Paths $paths)) {
        $forward = @{}
        foreach ($k in $Bound.Keys) { if ($k -ne 'UseTransaction') { $forward[$k] = $Bound[$k] } }
        Microsoft.PowerShell.Security\Set-Acl @forward
        return
    }
    $ctx = Get-LabContext
    $acl = $Bound['AclObject']
    foreach ($p in $paths) {
        $text = ([string]$p).TrimEnd('\')
        $kind = Get-LabAclPathKind -Path $text -Command 'SetAcl'
        if (-not $Cmdlet.ShouldProcess($text, 'Set-Acl')) { continue }
        if (-not $ctx.Elevated) {
            throw (New-LabError -ExceptionType 'System.UnauthorizedAccessException' -Message 'Attempted to perform an unauthorized operation.' `
                    -ErrorId 'System.UnauthorizedAccessException,Microsoft.PowerShell.Commands.SetAclCommand' -Category 'PermissionDenied' -Target $text)
        }
        # What the ACL object says is explicit: its entries that are not inherited, its owner and its protection.
        $explicit = @(@($acl.Access) | Where-Object { -not $_.IsInherited } | ForEach-Object {
                @{ identity = [string]$_.IdentityReference; rights = [string]$_.FileSystemRights; type = [string]$_.AccessControlType
                    inheritance = [string]$_.InheritanceFlags; propagation = [string]$_.PropagationFlags }
            })
        $record = @{ owner = [string]$acl.Owner; protected = [bool]$acl.AreAccessRulesProtected; access = $explicit }
        Update-LabState -Script {
            param($s)
            $h = Get-LabHost -State $s -Name $ctx.Computer
            if (-not $h.ContainsKey('acls')) { $h.acls = @{} }
            foreach ($k in @($h.acls.Keys)) { if ([string]$k -eq $text) { $h.acls.Remove($k) } }
            $h.acls[$text] = $record
        } | Out-Null
        if ($Bound['PassThru']) { Get-LabToolsAcl -Path $text -Folder ($kind -eq 'Container') }
    }
}

# The generated manifest lists the cmdlets (one list: scripts/gen-lab-signatures.ts); the LabImpl- functions stay private.
Export-ModuleMember -Function (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'LabSecurity.psd1')).FunctionsToExport
