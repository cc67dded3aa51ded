// Off Windows only (LabCore compiles it there): a look-alike of System.Security.AccessControl.FileSystemAccessRule,
// whose .NET implementation is a PlatformNotSupported stub off Windows. LabSecurity/AclTypes.ps1 points the type name
// at it, so `New-Object System.Security.AccessControl.FileSystemAccessRule(...)` works in the lab as on Windows.
namespace LabSecurity
{
    using System.Security.AccessControl;

    public sealed class FileSystemAccessRule
    {
        public FileSystemAccessRule(string identity, FileSystemRights fileSystemRights, AccessControlType type)
            : this(identity, fileSystemRights, InheritanceFlags.None, PropagationFlags.None, type) { }

        public FileSystemAccessRule(string identity, FileSystemRights fileSystemRights, InheritanceFlags inheritanceFlags,
            PropagationFlags propagationFlags, AccessControlType type)
        {
            if (string.IsNullOrEmpty(identity)) { throw new System.ArgumentException("Value cannot be null or empty.", "identity"); }
            IdentityReference = identity;
            FileSystemRights = fileSystemRights;
            InheritanceFlags = inheritanceFlags;
            PropagationFlags = propagationFlags;
            AccessControlType = type;
        }

        public string IdentityReference { get; private set; }
        public FileSystemRights FileSystemRights { get; private set; }
        public AccessControlType AccessControlType { get; private set; }
        public InheritanceFlags InheritanceFlags { get; private set; }
        public PropagationFlags PropagationFlags { get; private set; }
        public bool IsInherited { get { return false; } }
    }
}
