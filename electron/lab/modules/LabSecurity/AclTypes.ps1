# Windows' FileSystemAccessRule for scripts that build a rule as an admin does on Windows:
#   New-Object System.Security.AccessControl.FileSystemAccessRule('CONTOSO\svc$', 'Modify', 'ContainerInherit, ObjectInherit', 'None', 'Allow')
# Off Windows, .NET's ACL types are PlatformNotSupported stubs (every constructor throws), so the lab compiles a
# look-alike with the documented string-identity constructors and the properties Get-Acl's rules have, and points
# PowerShell's type-name cache at it for that one full name (the engine resolves New-Object's type name and
# [type] literals through that cache first). The lab's FileSecurity look-alike (LabTools/HostPaths.ps1) takes it in
# AddAccessRule/RemoveAccessRule as it takes any rule. Only in the lab, only that type; on Windows nothing of this runs.
if (-not ('LabSecurity.FileSystemAccessRule' -as [type])) {
    Add-Type -TypeDefinition @'
namespace LabSecurity {
    using System.Security.AccessControl;
    public sealed class FileSystemAccessRule {
        public FileSystemAccessRule(string identity, FileSystemRights fileSystemRights, AccessControlType type)
            : this(identity, fileSystemRights, InheritanceFlags.None, PropagationFlags.None, type) { }
        public FileSystemAccessRule(string identity, FileSystemRights fileSystemRights, InheritanceFlags inheritanceFlags,
            PropagationFlags propagationFlags, AccessControlType type) {
            if (string.IsNullOrEmpty(identity)) { throw new System.ArgumentException("Value cannot be null or empty.", "identity"); }
            IdentityReference = identity; FileSystemRights = fileSystemRights; InheritanceFlags = inheritanceFlags;
            PropagationFlags = propagationFlags; AccessControlType = type;
        }
        public string IdentityReference { get; private set; }
        public FileSystemRights FileSystemRights { get; private set; }
        public AccessControlType AccessControlType { get; private set; }
        public InheritanceFlags InheritanceFlags { get; private set; }
        public PropagationFlags PropagationFlags { get; private set; }
        public bool IsInherited { get { return false; } }
    }
}
'@
}

function Register-LabAclType {
    <# Resolves 'System.Security.AccessControl.FileSystemAccessRule' to the look-alike in this session's default type
       resolution (the one scripts sent to the session use). #>
    $flags = [System.Reflection.BindingFlags]'Static,NonPublic,Public'
    $engine = [psobject].Assembly
    $context = [System.Management.Automation.EngineIntrinsics].GetField('_context', [System.Reflection.BindingFlags]'Instance,NonPublic').GetValue($ExecutionContext)
    $state = $engine.GetType('System.Management.Automation.Language.TypeResolutionState').GetMethod('GetDefaultUsingState', $flags).Invoke($null, [object[]]@($context))
    $position = New-Object System.Management.Automation.Language.ScriptPosition('', 0, 0, '')
    $extent = New-Object System.Management.Automation.Language.ScriptExtent($position, $position)
    $name = New-Object System.Management.Automation.Language.TypeName($extent, 'System.Security.AccessControl.FileSystemAccessRule')
    $engine.GetType('System.Management.Automation.Language.TypeCache').GetMethod('Add', $flags).Invoke($null, [object[]]@($name.psobject.BaseObject, $state, [LabSecurity.FileSystemAccessRule]))
}
Register-LabAclType
