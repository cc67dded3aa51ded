# Windows' FileSystemAccessRule for scripts that build a rule as an admin does on Windows:
#   New-Object System.Security.AccessControl.FileSystemAccessRule('CONTOSO\svc$', 'Modify', 'ContainerInherit, ObjectInherit', 'None', 'Allow')
# Off Windows, .NET's ACL types are PlatformNotSupported stubs (every constructor throws), so LabCore compiles a
# look-alike (LabCore/AclTypes.cs, with the documented string-identity constructors and the properties Get-Acl's
# rules have; cached like the lab's other types) and this points PowerShell's type-name cache at it for that one full
# name (the engine resolves New-Object's type name and [type] literals through that cache first). The lab's
# FileSecurity look-alike (LabTools/HostPaths.ps1) takes it in AddAccessRule/RemoveAccessRule as it takes any rule.
# On Windows (practice mode on a real server) the real type works and nothing here runs.

function Add-LabTypeNameAlias {
    <# Resolves each full type name (the key) to the look-alike type (the value) in this session's default type
       resolution (the one the scripts sent to the session use): New-Object and [type] literals go through it first. #>
    param([System.Collections.IDictionary]$Aliases)
    $flags = [System.Reflection.BindingFlags]'Static,NonPublic,Public'
    $engine = [psobject].Assembly
    $context = [System.Management.Automation.EngineIntrinsics].GetField('_context', [System.Reflection.BindingFlags]'Instance,NonPublic').GetValue($ExecutionContext)
    $state = $engine.GetType('System.Management.Automation.Language.TypeResolutionState').GetMethod('GetDefaultUsingState', $flags).Invoke($null, [object[]]@($context))
    $position = New-Object System.Management.Automation.Language.ScriptPosition('', 0, 0, '')
    $extent = New-Object System.Management.Automation.Language.ScriptExtent($position, $position)
    $add = $engine.GetType('System.Management.Automation.Language.TypeCache').GetMethod('Add', $flags)
    foreach ($fullName in @($Aliases.Keys)) {
        $name = New-Object System.Management.Automation.Language.TypeName($extent, [string]$fullName)
        $add.Invoke($null, [object[]]@($name.psobject.BaseObject, $state, $Aliases[$fullName]))
    }
}

function Register-LabAclType {
    <# Resolves 'System.Security.AccessControl.FileSystemAccessRule' to the look-alike. #>
    Add-LabTypeNameAlias @{ 'System.Security.AccessControl.FileSystemAccessRule' = [LabSecurity.FileSystemAccessRule] }
}
if ($PSVersionTable.PSEdition -ne 'Desktop' -and -not $IsWindows) { Register-LabAclType }
