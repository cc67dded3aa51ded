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
        internal string Sid { get { return sid; } }
        internal string Account { get { return account; } }

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

    /// <summary>Lets [System.Security.Principal.SecurityIdentifier]'S-1-...' work off Windows, where the constructor
    /// throws PlatformNotSupported: registered as the type's converter (Update-TypeData, LabSecurity/AclTypes.ps1), it
    /// returns a REAL SecurityIdentifier made without its constructor (a cast must yield the type). Off Windows that
    /// type is a stub with no fields whose members all throw, so the SID text is kept beside the instance (Texts): the
    /// look-alike's write members and rule constructors read it (SidOf). Its own Value still throws there; the audit's
    /// fixes only hand it to those members. New-Object does not use converters: the lab's ConvertTo-LabSid still sees
    /// the platform's answer.</summary>
    public sealed class SidConverter : System.Management.Automation.PSTypeConverter
    {
        internal static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, string> Texts = new System.Runtime.CompilerServices.ConditionalWeakTable<object, string>();

        private static bool IsSid(Type t) { return AdSecurityNames.IsSidType(t); }
        public override bool CanConvertFrom(object sourceValue, Type destinationType) { return IsSid(destinationType) && AdSecurityNames.Unwrap(sourceValue) is string; }
        public override bool CanConvertTo(object sourceValue, Type destinationType) { return IsSid(destinationType) && AdSecurityNames.Unwrap(sourceValue) is string; }
        public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) { return Make((string)AdSecurityNames.Unwrap(sourceValue)); }
        public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) { return Make((string)AdSecurityNames.Unwrap(sourceValue)); }

        public static object Make(string text)
        {
            string[] parts = text == null ? new string[0] : text.Trim().Split('-');
            if (parts.Length < 3 || !string.Equals(parts[0], "S", StringComparison.OrdinalIgnoreCase) || parts[1] != "1") { throw new ArgumentException("Value was invalid.", "sddlForm"); }
            // The constructor's check: numbers only (FormatException otherwise, as .NET's parse would throw).
            ulong.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            for (int i = 3; i < parts.Length; i++) { uint.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture); }
            Type t = typeof(System.Security.Principal.IdentityReference).Assembly.GetType("System.Security.Principal.SecurityIdentifier", true);
            object sid = System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(t);
            Texts.Add(sid, "S-1-" + string.Join("-", parts, 2, parts.Length - 2));
            return sid;
        }
    }

    internal static class AdSecurityNames
    {
        /// <summary>The SID text of an identity a script hands a write member: the look-alike IdentityReference, a
        /// SecurityIdentifier (SidConverter's), or an NTAccount-like value matched by account name against $names.</summary>
        internal static string SidOf(object identity, IList<AdAceEntry> known)
        {
            if (identity == null) { throw new ArgumentNullException("identity"); }
            System.Management.Automation.PSObject pso = identity as System.Management.Automation.PSObject;
            if (pso != null) { identity = pso.BaseObject; }
            IdentityReference lookAlike = identity as IdentityReference;
            if (lookAlike != null) { return lookAlike.Sid; }
            string made;
            if (SidConverter.Texts.TryGetValue(identity, out made)) { return made; }
            string text = identity.ToString();
            if (text.StartsWith("S-1-", StringComparison.OrdinalIgnoreCase)) { return text; }
            if (known != null) { foreach (AdAceEntry e in known) { if (e != null && e.Account != null && string.Equals(e.Account, text, StringComparison.OrdinalIgnoreCase)) { return e.Sid; } } }
            throw new System.Security.Principal.IdentityNotMappedException("Some or all identity references could not be translated.");
        }

        /// <summary>An entry from a rule constructor's arguments (rights and inheritance as the enum or its name).</summary>
        internal static AdAceEntry NewEntry(object identity, object adRights, string type, Guid objectType, object inheritanceType, Guid inheritedObjectType)
        {
            AdAceEntry e = new AdAceEntry();
            IdentityReference lookAlike = Unwrap(identity) as IdentityReference;
            e.Sid = SidOf(identity, null);
            e.Account = lookAlike == null ? null : lookAlike.Account;
            object rights = Unwrap(adRights);
            Type rightsType = DirectoryServicesType("ActiveDirectoryRights");
            e.Rights = Convert.ToInt32(rights is string ? Enum.Parse(rightsType, (string)rights, true) : rights);
            e.Type = type;
            e.ObjectType = objectType;
            e.InheritedObjectType = inheritedObjectType;
            object inheritance = Unwrap(inheritanceType);
            e.Inheritance = inheritance == null ? "None" : Enum.Parse(DirectoryServicesType("ActiveDirectorySecurityInheritance"), inheritance.ToString(), true).ToString();
            return e;
        }

        internal static object Unwrap(object o)
        {
            System.Management.Automation.PSObject pso = o as System.Management.Automation.PSObject;
            return pso == null ? o : pso.BaseObject;
        }

        internal static bool SameAce(AdAceEntry a, AdAceEntry b)
        {
            return string.Equals(a.Sid, b.Sid, StringComparison.OrdinalIgnoreCase) && a.Type == b.Type && a.ObjectType == b.ObjectType
                && a.InheritedObjectType == b.InheritedObjectType && (a.Inheritance ?? "None") == (b.Inheritance ?? "None");
        }

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
            return new ActiveDirectorySecurity(Entry(ownerSid, names), Entry(groupSid, names), Entries(dacl, names), saclEntries, daclProtected);
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
            Entry = e;
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

        /// <summary>The entry the rule stands for (what the write members of ActiveDirectorySecurity add or remove).</summary>
        internal readonly AdAceEntry Entry;
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

        // .NET's public constructors (identity, rights, type[, objectType][, inheritanceType][, inheritedObjectType]).
        public ActiveDirectoryAccessRule(object identity, object adRights, AccessControlType type)
            : this(AdSecurityNames.NewEntry(identity, adRights, type.ToString(), Guid.Empty, null, Guid.Empty), true) { }
        public ActiveDirectoryAccessRule(object identity, object adRights, AccessControlType type, Guid objectType)
            : this(AdSecurityNames.NewEntry(identity, adRights, type.ToString(), objectType, null, Guid.Empty), true) { }
        public ActiveDirectoryAccessRule(object identity, object adRights, AccessControlType type, object inheritanceType)
            : this(AdSecurityNames.NewEntry(identity, adRights, type.ToString(), Guid.Empty, inheritanceType, Guid.Empty), true) { }
        public ActiveDirectoryAccessRule(object identity, object adRights, AccessControlType type, Guid objectType, object inheritanceType)
            : this(AdSecurityNames.NewEntry(identity, adRights, type.ToString(), objectType, inheritanceType, Guid.Empty), true) { }
        public ActiveDirectoryAccessRule(object identity, object adRights, AccessControlType type, object inheritanceType, Guid inheritedObjectType)
            : this(AdSecurityNames.NewEntry(identity, adRights, type.ToString(), Guid.Empty, inheritanceType, inheritedObjectType), true) { }
        public ActiveDirectoryAccessRule(object identity, object adRights, AccessControlType type, Guid objectType, object inheritanceType, Guid inheritedObjectType)
            : this(AdSecurityNames.NewEntry(identity, adRights, type.ToString(), objectType, inheritanceType, inheritedObjectType), true) { }

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

        // .NET's public constructors (identity, rights, auditFlags[, objectType][, inheritanceType][, inheritedObjectType]).
        public ActiveDirectoryAuditRule(object identity, object adRights, AuditFlags auditFlags)
            : this(AdSecurityNames.NewEntry(identity, adRights, auditFlags.ToString(), Guid.Empty, null, Guid.Empty), true) { }
        public ActiveDirectoryAuditRule(object identity, object adRights, AuditFlags auditFlags, Guid objectType)
            : this(AdSecurityNames.NewEntry(identity, adRights, auditFlags.ToString(), objectType, null, Guid.Empty), true) { }
        public ActiveDirectoryAuditRule(object identity, object adRights, AuditFlags auditFlags, object inheritanceType)
            : this(AdSecurityNames.NewEntry(identity, adRights, auditFlags.ToString(), Guid.Empty, inheritanceType, Guid.Empty), true) { }
        public ActiveDirectoryAuditRule(object identity, object adRights, AuditFlags auditFlags, Guid objectType, object inheritanceType)
            : this(AdSecurityNames.NewEntry(identity, adRights, auditFlags.ToString(), objectType, inheritanceType, Guid.Empty), true) { }
        public ActiveDirectoryAuditRule(object identity, object adRights, AuditFlags auditFlags, Guid objectType, object inheritanceType, Guid inheritedObjectType)
            : this(AdSecurityNames.NewEntry(identity, adRights, auditFlags.ToString(), objectType, inheritanceType, inheritedObjectType), true) { }

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

    /// <summary>System.DirectoryServices.ActiveDirectorySecurity look-alike: computed from the state (Security.ps1), changed
    /// by the write members, written back by Set-Acl on the AD: drive.</summary>
    public sealed class ActiveDirectorySecurity
    {
        private readonly List<AdAceEntry> dacl;
        private readonly List<AdAceEntry> sacl;
        private AdAceEntry owner;
        private readonly AdAceEntry group;
        private readonly bool sawSacl;
        private string sddl;

        /// <param name="sacl">null: the SACL was not read (no SeSecurityPrivilege), so no audit rules at all.</param>
        public ActiveDirectorySecurity(AdAceEntry owner, AdAceEntry group, AdAceEntry[] dacl, AdAceEntry[] sacl, bool daclProtected)
        {
            this.owner = owner;
            this.group = group;
            this.dacl = new List<AdAceEntry>(dacl ?? new AdAceEntry[0]);
            this.sacl = new List<AdAceEntry>(sacl ?? new AdAceEntry[0]);
            sawSacl = sacl != null;
            AreAccessRulesProtected = daclProtected;
        }

        public bool AreAccessRulesProtected { get; private set; }
        // The lab keeps no SACL protection (state security.protected is the DACL's), and no member sets it.
        public bool AreAuditRulesProtected { get { return false; } }
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

        // The write members, with .NET's semantics (ObjectSecurity / CommonAcl): they change the explicit entries only;
        // Set-Acl on the AD: drive (LabSecurity/AdDrive.ps1) writes the result back to the lab's state.

        public void AddAccessRule(ActiveDirectoryAccessRule rule) { Add(dacl, Checked(rule).Entry); }
        public void SetAccessRule(ActiveDirectoryAccessRule rule)
        {
            AdAceEntry e = Checked(rule).Entry;
            dacl.RemoveAll(x => !x.IsInherited && x.Type == e.Type && string.Equals(x.Sid, e.Sid, StringComparison.OrdinalIgnoreCase));
            Add(dacl, e);
        }
        public bool RemoveAccessRule(ActiveDirectoryAccessRule rule) { return RemoveRights(dacl, Checked(rule).Entry); }
        public void RemoveAccessRuleSpecific(ActiveDirectoryAccessRule rule) { RemoveExact(dacl, Checked(rule).Entry); }
        public void RemoveAccess(object identity, AccessControlType type)
        {
            string sid = AdSecurityNames.SidOf(identity, dacl);
            dacl.RemoveAll(x => !x.IsInherited && x.Type == type.ToString() && string.Equals(x.Sid, sid, StringComparison.OrdinalIgnoreCase));
            sddl = null;
        }
        public void PurgeAccessRules(object identity)
        {
            string sid = AdSecurityNames.SidOf(identity, dacl);
            dacl.RemoveAll(x => !x.IsInherited && string.Equals(x.Sid, sid, StringComparison.OrdinalIgnoreCase));
            sddl = null;
        }
        public void AddAuditRule(ActiveDirectoryAuditRule rule) { Add(sacl, Checked(rule).Entry); }
        public bool RemoveAuditRule(ActiveDirectoryAuditRule rule) { return RemoveRights(sacl, Checked(rule).Entry); }
        public void RemoveAuditRuleSpecific(ActiveDirectoryAuditRule rule) { RemoveExact(sacl, Checked(rule).Entry); }
        public void PurgeAuditRules(object identity)
        {
            string sid = AdSecurityNames.SidOf(identity, sacl);
            sacl.RemoveAll(x => !x.IsInherited && string.Equals(x.Sid, sid, StringComparison.OrdinalIgnoreCase));
            sddl = null;
        }
        public void SetOwner(object identity)
        {
            AdAceEntry e = new AdAceEntry();
            e.Sid = AdSecurityNames.SidOf(identity, dacl);
            IdentityReference lookAlike = AdSecurityNames.Unwrap(identity) as IdentityReference;
            e.Account = lookAlike == null ? null : lookAlike.Account;
            e.Type = "Allow";
            e.Inheritance = "None";
            owner = e;
            sddl = null;
        }
        /// <summary>Protected: inheritance blocked; preserveInheritance keeps the inherited entries as explicit ones.</summary>
        public void SetAccessRuleProtection(bool isProtected, bool preserveInheritance)
        {
            if (isProtected && !AreAccessRulesProtected)
            {
                for (int i = dacl.Count - 1; i >= 0; i--)
                {
                    if (!dacl[i].IsInherited) { continue; }
                    if (preserveInheritance) { dacl[i] = Copy(dacl[i], dacl[i].Rights); dacl[i].IsInherited = false; } else { dacl.RemoveAt(i); }
                }
            }
            AreAccessRulesProtected = isProtected;
            sddl = null;
        }

        /// <summary>For the lab's Set-Acl: the explicit entries (DACL, or SACL with audit), the owner SID, whether the SACL was read.</summary>
        public AdAceEntry[] GetLabExplicitEntries(bool audit) { return (audit ? sacl : dacl).FindAll(x => !x.IsInherited).ToArray(); }
        public string GetLabOwnerSid() { return owner == null ? null : owner.Sid; }
        public bool GetLabSaclRead() { return sawSacl; }

        private static T Checked<T>(T rule) where T : class
        {
            if (rule == null) { throw new ArgumentNullException("rule"); }
            return rule;
        }

        private static AdAceEntry Copy(AdAceEntry e, int rights)
        {
            AdAceEntry c = new AdAceEntry();
            c.Sid = e.Sid; c.Account = e.Account; c.Rights = rights; c.Type = e.Type; c.ObjectType = e.ObjectType;
            c.InheritedObjectType = e.InheritedObjectType; c.Inheritance = e.Inheritance; c.IsInherited = false;
            return c;
        }

        /// <summary>AddAccessRule merges the rights into an explicit entry of the same trustee, type, object types and
        /// inheritance; otherwise the entry is added (deny entries first: the canonical order).</summary>
        private void Add(List<AdAceEntry> list, AdAceEntry e)
        {
            sddl = null;
            foreach (AdAceEntry x in list) { if (!x.IsInherited && AdSecurityNames.SameAce(x, e)) { x.Rights |= e.Rights; return; } }
            AdAceEntry c = Copy(e, e.Rights);
            if (c.Type == "Deny") { list.Insert(0, c); return; }
            int at = list.FindIndex(x => x.IsInherited);
            if (at < 0) { list.Add(c); } else { list.Insert(at, c); }
        }

        /// <summary>RemoveAccessRule: the rule's rights are taken off each matching explicit entry; an entry left with
        /// no rights goes. True as .NET returns it (the removal is not checked against what was there).</summary>
        private bool RemoveRights(List<AdAceEntry> list, AdAceEntry e)
        {
            sddl = null;
            for (int i = list.Count - 1; i >= 0; i--)
            {
                AdAceEntry x = list[i];
                if (x.IsInherited || !AdSecurityNames.SameAce(x, e)) { continue; }
                int left = x.Rights & ~e.Rights;
                if (left == 0) { list.RemoveAt(i); } else { list[i] = Copy(x, left); }
            }
            return true;
        }

        private void RemoveExact(List<AdAceEntry> list, AdAceEntry e)
        {
            sddl = null;
            list.RemoveAll(x => !x.IsInherited && AdSecurityNames.SameAce(x, e) && x.Rights == e.Rights);
        }

        public override string ToString() { return "System.DirectoryServices.ActiveDirectorySecurity"; }

        private static bool SidForm(Type targetType)
        {
            if (AdSecurityNames.IsSidType(targetType)) { return true; }
            if (AdSecurityNames.IsAccountType(targetType)) { return false; }
            throw new ArgumentException("Type is not a valid IdentityReference type.", "targetType");
        }
    }
}
