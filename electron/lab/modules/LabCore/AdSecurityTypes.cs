// Off Windows only (LabCore compiles it there): look-alikes of System.DirectoryServices.ActiveDirectorySecurity and its
// rules, whose .NET implementations are PlatformNotSupported stubs off Windows (as are SecurityIdentifier and NTAccount).
// They carry the members an audit script reads, with .NET's semantics: GetAccessRules / GetAuditRules(includeExplicit,
// includeInherited, targetType), GetOwner(targetType), Access, Audit, Owner, AreAccessRulesProtected, Sddl. The enum-
// typed members hold the REAL enums (ActiveDirectoryRights, AccessControlType, AuditFlags, InheritanceFlags, ...): only
// the classes that throw are imitated. ActiveDirectoryRights and ActiveDirectorySecurityInheritance live in
// System.DirectoryServices.dll, which the lab's one-compile type cache does not reference, so those two members are typed
// object and hold the real enum value (a script sees the same value, flags and ToString()).
// The lab builds these in modules-rsat/ActiveDirectory/Private/Security.ps1; on Windows it builds the real class there.
namespace LabAdSecurity
{
    using System;
    using System.Collections;
    using System.Collections.Generic;
    using System.Collections.ObjectModel;
    using System.Security.AccessControl;
    using System.Text;

    /// <summary>SecurityIdentifier / NTAccount look-alike: Value and ToString() give the SID text or the account name
    /// ('CONTOSO\Helpdesk', 'NT AUTHORITY\SYSTEM'); Translate() gives the other form.</summary>
    public sealed class IdentityReference
    {
        private readonly string sid;
        private readonly string account;
        private readonly bool isSid;

        public IdentityReference(string sid, string account, bool isSid)
        {
            this.sid = sid;
            this.account = account;
            this.isSid = isSid;
        }

        public string Value { get { return isSid || account == null ? sid : account; } }

        public IdentityReference Translate(Type targetType)
        {
            if (targetType == null) { throw new ArgumentNullException("targetType"); }
            if (AdSecurityNames.IsSidType(targetType)) { return new IdentityReference(sid, account, true); }
            if (AdSecurityNames.IsAccountType(targetType))
            {
                if (account == null) { throw new System.Security.Principal.IdentityNotMappedException("Some or all identity references could not be translated."); }
                return new IdentityReference(sid, account, false);
            }
            throw new ArgumentException("Type is not a valid IdentityReference type.", "targetType");
        }

        public bool IsValidTargetType(Type targetType) { return AdSecurityNames.IsSidType(targetType) || AdSecurityNames.IsAccountType(targetType); }

        public override string ToString() { return Value; }

        public override bool Equals(object obj)
        {
            IdentityReference other = obj as IdentityReference;
            return other != null && other.isSid == isSid && string.Equals(other.Value, Value, StringComparison.OrdinalIgnoreCase);
        }

        public override int GetHashCode() { return Value == null ? 0 : Value.ToUpperInvariant().GetHashCode(); }
    }

    internal static class AdSecurityNames
    {
        internal static bool IsSidType(Type t) { return t != null && t.FullName == "System.Security.Principal.SecurityIdentifier"; }
        internal static bool IsAccountType(Type t) { return t != null && t.FullName == "System.Security.Principal.NTAccount"; }

        internal static Type DirectoryServicesType(string name)
        {
            Type t = Type.GetType("System.DirectoryServices." + name + ", System.DirectoryServices", false);
            if (t == null) { throw new PlatformNotSupportedException("System.DirectoryServices." + name + " is not available."); }
            return t;
        }
    }

    /// <summary>One entry as the lab computed it: what Security.ps1 hands over (a row of the effective DACL or SACL).</summary>
    public sealed class AdAceEntry
    {
        public string Sid;
        public string Account;        // NTAccount text, or null when the SID maps to no name
        public int Rights;            // ActiveDirectoryRights flags
        public string Type;           // Allow | Deny | Success | Failure | 'Success, Failure'
        public Guid ObjectType;
        public Guid InheritedObjectType;
        public string Inheritance;    // ActiveDirectorySecurityInheritance name
        public bool IsInherited;
    }

    /// <summary>Builds the look-alike from Security.ps1's entry rows (hashtables: sid, rights, type, objectType,
    /// inheritedObjectType, inheritance, inherited) in one call: the per-entry work in C#, not in PowerShell loops (an
    /// audit reads hundreds of descriptors). The SDDL is written only when a script reads Sddl.</summary>
    public static class AdSecurityFactory
    {
        public static ActiveDirectorySecurity FromRows(string ownerSid, string groupSid, IEnumerable dacl, IEnumerable sacl, bool daclProtected, IDictionary names)
        {
            AdAceEntry[] saclEntries = sacl == null ? null : Entries(sacl, names);
            return new ActiveDirectorySecurity(Entry(ownerSid, names), Entry(groupSid, names), Entries(dacl, names), saclEntries, daclProtected, false, null);
        }

        private static AdAceEntry Entry(string sid, IDictionary names)
        {
            AdAceEntry e = new AdAceEntry();
            e.Sid = sid;
            e.Account = names != null && sid != null && names.Contains(sid) ? (string)names[sid] : null;
            e.Type = "Allow";
            e.Inheritance = "None";
            return e;
        }

        private static AdAceEntry[] Entries(IEnumerable rows, IDictionary names)
        {
            List<AdAceEntry> list = new List<AdAceEntry>();
            foreach (object o in rows)
            {
                IDictionary r = o as IDictionary;
                if (r == null) { continue; }
                AdAceEntry e = Entry(Convert.ToString(r["sid"]), names);
                e.Rights = Convert.ToInt32(r["rights"]);
                e.Type = Convert.ToString(r["type"]);
                string ot = Convert.ToString(r["objectType"]);
                string iot = Convert.ToString(r["inheritedObjectType"]);
                if (!string.IsNullOrEmpty(ot)) { e.ObjectType = new Guid(ot); }
                if (!string.IsNullOrEmpty(iot)) { e.InheritedObjectType = new Guid(iot); }
                e.Inheritance = Convert.ToString(r["inheritance"]);
                e.IsInherited = r["inherited"] is bool && (bool)r["inherited"];
                list.Add(e);
            }
            return list.ToArray();
        }

        /// <summary>SDDL of the descriptor with raw SIDs and rights in hex (the form Security.ps1 writes on Windows).</summary>
        internal static string Sddl(AdAceEntry owner, AdAceEntry group, IList<AdAceEntry> dacl, IList<AdAceEntry> sacl, bool sawSacl, bool daclProtected)
        {
            StringBuilder b = new StringBuilder();
            b.Append("O:").Append(owner.Sid).Append("G:").Append(group.Sid).Append("D:");
            if (daclProtected) { b.Append('P'); }
            b.Append("AI");
            foreach (AdAceEntry e in dacl) { Ace(b, e); }
            if (sawSacl) { b.Append("S:AI"); foreach (AdAceEntry e in sacl) { Ace(b, e); } }
            return b.ToString();
        }

        private static void Ace(StringBuilder b, AdAceEntry e)
        {
            string flags = "";
            switch (e.Inheritance) { case "All": flags = "CI"; break; case "Descendents": flags = "CIIO"; break; case "SelfAndChildren": flags = "CINP"; break; case "Children": flags = "CIIONP"; break; }
            if (e.IsInherited) { flags += "ID"; }
            bool isObject = e.ObjectType != Guid.Empty || e.InheritedObjectType != Guid.Empty;
            string t;
            if (e.Type == "Allow") { t = isObject ? "OA" : "A"; }
            else if (e.Type == "Deny") { t = isObject ? "OD" : "D"; }
            else
            {
                t = isObject ? "OU" : "AU";
                if (e.Type.Contains("Success")) { flags += "SA"; }
                if (e.Type.Contains("Failure")) { flags += "FA"; }
            }
            b.Append('(').Append(t).Append(';').Append(flags).Append(";0x").Append(e.Rights.ToString("x")).Append(';');
            if (e.ObjectType != Guid.Empty) { b.Append(e.ObjectType.ToString()); }
            b.Append(';');
            if (e.InheritedObjectType != Guid.Empty) { b.Append(e.InheritedObjectType.ToString()); }
            b.Append(';').Append(e.Sid).Append(')');
        }
    }

    /// <summary>What ActiveDirectoryAccessRule and ActiveDirectoryAuditRule share (ObjectAccessRule's members). The
    /// derived classes show them, in the order .NET's rules list them (Format-List shows properties in that order).</summary>
    public abstract class ActiveDirectoryRule
    {
        internal ActiveDirectoryRule(AdAceEntry e, bool sidForm)
        {
            Identity = new IdentityReference(e.Sid, e.Account, sidForm);
            Rights = Enum.ToObject(AdSecurityNames.DirectoryServicesType("ActiveDirectoryRights"), e.Rights);
            Inheritance = Enum.Parse(AdSecurityNames.DirectoryServicesType("ActiveDirectorySecurityInheritance"), e.Inheritance ?? "None");
            Object = e.ObjectType;
            InheritedObject = e.InheritedObjectType;
            Flags = ObjectAceFlags.None;
            if (e.ObjectType != Guid.Empty) { Flags |= ObjectAceFlags.ObjectAceTypePresent; }
            if (e.InheritedObjectType != Guid.Empty) { Flags |= ObjectAceFlags.InheritedObjectAceTypePresent; }
            Inherited = e.IsInherited;
            // ActiveDirectorySecurityInheritance as the inheritance and propagation flags .NET maps it to.
            switch (e.Inheritance ?? "None")
            {
                case "All": InheritFlags = InheritanceFlags.ContainerInherit; Propagation = PropagationFlags.None; break;
                case "Descendents": InheritFlags = InheritanceFlags.ContainerInherit; Propagation = PropagationFlags.InheritOnly; break;
                case "SelfAndChildren": InheritFlags = InheritanceFlags.ContainerInherit; Propagation = PropagationFlags.NoPropagateInherit; break;
                case "Children": InheritFlags = InheritanceFlags.ContainerInherit; Propagation = PropagationFlags.InheritOnly | PropagationFlags.NoPropagateInherit; break;
                default: InheritFlags = InheritanceFlags.None; Propagation = PropagationFlags.None; break;
            }
        }

        internal readonly IdentityReference Identity;
        internal readonly object Rights;
        internal readonly object Inheritance;
        internal readonly Guid Object;
        internal readonly Guid InheritedObject;
        internal readonly ObjectAceFlags Flags;
        internal readonly bool Inherited;
        internal readonly InheritanceFlags InheritFlags;
        internal readonly PropagationFlags Propagation;
    }

    public sealed class ActiveDirectoryAccessRule : ActiveDirectoryRule
    {
        internal ActiveDirectoryAccessRule(AdAceEntry e, bool sidForm) : base(e, sidForm)
        {
            AccessControlType = e.Type == "Deny" ? AccessControlType.Deny : AccessControlType.Allow;
        }

        /// <summary>System.DirectoryServices.ActiveDirectoryRights (the real enum, boxed).</summary>
        public object ActiveDirectoryRights { get { return Rights; } }
        /// <summary>System.DirectoryServices.ActiveDirectorySecurityInheritance (the real enum, boxed).</summary>
        public object InheritanceType { get { return Inheritance; } }
        public Guid ObjectType { get { return Object; } }
        public Guid InheritedObjectType { get { return InheritedObject; } }
        public ObjectAceFlags ObjectFlags { get { return Flags; } }
        public AccessControlType AccessControlType { get; private set; }
        public IdentityReference IdentityReference { get { return Identity; } }
        public bool IsInherited { get { return Inherited; } }
        public InheritanceFlags InheritanceFlags { get { return InheritFlags; } }
        public PropagationFlags PropagationFlags { get { return Propagation; } }

        public override string ToString() { return "System.DirectoryServices.ActiveDirectoryAccessRule"; }
    }

    public sealed class ActiveDirectoryAuditRule : ActiveDirectoryRule
    {
        internal ActiveDirectoryAuditRule(AdAceEntry e, bool sidForm) : base(e, sidForm)
        {
            AuditFlags = AuditFlags.None;
            if (e.Type != null && e.Type.Contains("Success")) { AuditFlags |= AuditFlags.Success; }
            if (e.Type != null && e.Type.Contains("Failure")) { AuditFlags |= AuditFlags.Failure; }
        }

        public object ActiveDirectoryRights { get { return Rights; } }
        public object InheritanceType { get { return Inheritance; } }
        public Guid ObjectType { get { return Object; } }
        public Guid InheritedObjectType { get { return InheritedObject; } }
        public ObjectAceFlags ObjectFlags { get { return Flags; } }
        public AuditFlags AuditFlags { get; private set; }
        public IdentityReference IdentityReference { get { return Identity; } }
        public bool IsInherited { get { return Inherited; } }
        public InheritanceFlags InheritanceFlags { get { return InheritFlags; } }
        public PropagationFlags PropagationFlags { get { return Propagation; } }

        public override string ToString() { return "System.DirectoryServices.ActiveDirectoryAuditRule"; }
    }

    /// <summary>System.DirectoryServices.ActiveDirectorySecurity look-alike, read-only (the lab's SD is computed from state).</summary>
    public sealed class ActiveDirectorySecurity
    {
        private readonly List<AdAceEntry> dacl;
        private readonly List<AdAceEntry> sacl;
        private readonly AdAceEntry owner;
        private readonly AdAceEntry group;
        private readonly bool sawSacl;
        private string sddl;

        /// <param name="sacl">null: the SACL was not read (no SeSecurityPrivilege), so no audit rules at all.</param>
        public ActiveDirectorySecurity(AdAceEntry owner, AdAceEntry group, AdAceEntry[] dacl, AdAceEntry[] sacl, bool daclProtected, bool saclProtected, string sddl)
        {
            this.owner = owner;
            this.group = group;
            this.dacl = new List<AdAceEntry>(dacl ?? new AdAceEntry[0]);
            this.sacl = new List<AdAceEntry>(sacl ?? new AdAceEntry[0]);
            sawSacl = sacl != null;
            AreAccessRulesProtected = daclProtected;
            AreAuditRulesProtected = saclProtected;
            this.sddl = sddl;
        }

        public bool AreAccessRulesProtected { get; private set; }
        public bool AreAuditRulesProtected { get; private set; }
        public bool AreAccessRulesCanonical { get { return true; } }
        public bool AreAuditRulesCanonical { get { return true; } }
        public Type AccessRightType { get { return AdSecurityNames.DirectoryServicesType("ActiveDirectoryRights"); } }
        public Type AccessRuleType { get { return typeof(ActiveDirectoryAccessRule); } }
        public Type AuditRuleType { get { return typeof(ActiveDirectoryAuditRule); } }

        public ReadOnlyCollection<ActiveDirectoryAccessRule> GetAccessRules(bool includeExplicit, bool includeInherited, Type targetType)
        {
            bool sidForm = SidForm(targetType);
            List<ActiveDirectoryAccessRule> rules = new List<ActiveDirectoryAccessRule>();
            foreach (AdAceEntry e in dacl)
            {
                if ((e.IsInherited && includeInherited) || (!e.IsInherited && includeExplicit)) { rules.Add(new ActiveDirectoryAccessRule(e, sidForm)); }
            }
            return rules.AsReadOnly();
        }

        public ReadOnlyCollection<ActiveDirectoryAuditRule> GetAuditRules(bool includeExplicit, bool includeInherited, Type targetType)
        {
            bool sidForm = SidForm(targetType);
            List<ActiveDirectoryAuditRule> rules = new List<ActiveDirectoryAuditRule>();
            foreach (AdAceEntry e in sacl)
            {
                if ((e.IsInherited && includeInherited) || (!e.IsInherited && includeExplicit)) { rules.Add(new ActiveDirectoryAuditRule(e, sidForm)); }
            }
            return rules.AsReadOnly();
        }

        /// <summary>Access and Audit: the rules with accounts as names where they map (unmapped SIDs stay SIDs), as .NET's are.</summary>
        public ReadOnlyCollection<ActiveDirectoryAccessRule> Access { get { return GetAccessRules(true, true, typeof(System.Security.Principal.NTAccount)); } }
        public ReadOnlyCollection<ActiveDirectoryAuditRule> Audit { get { return GetAuditRules(true, true, typeof(System.Security.Principal.NTAccount)); } }

        public IdentityReference GetOwner(Type targetType) { return owner == null ? null : new IdentityReference(owner.Sid, owner.Account, SidForm(targetType)); }
        public IdentityReference GetGroup(Type targetType) { return group == null ? null : new IdentityReference(group.Sid, group.Account, SidForm(targetType)); }
        public string Owner { get { return owner == null ? null : (owner.Account ?? owner.Sid); } }
        public string Group { get { return group == null ? null : (group.Account ?? group.Sid); } }
        public string Sddl { get { return sddl ?? (sddl = AdSecurityFactory.Sddl(owner, group, dacl, sacl, sawSacl, AreAccessRulesProtected)); } }

        public string GetSecurityDescriptorSddlForm(AccessControlSections includeSections) { return Sddl; }

        public override string ToString() { return "System.DirectoryServices.ActiveDirectorySecurity"; }

        private static bool SidForm(Type targetType)
        {
            if (AdSecurityNames.IsSidType(targetType)) { return true; }
            if (AdSecurityNames.IsAccountType(targetType)) { return false; }
            throw new ArgumentException("Type is not a valid IdentityReference type.", "targetType");
        }
    }
}
