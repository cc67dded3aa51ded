// .NET types the lab cmdlets take and return, under the real namespaces and names, so parameter types and
// `-is` checks in the app's scripts behave as on Windows. Compiled by Add-Type when LabCore loads.
// C# 5 only: Windows PowerShell 5.1 compiles this with the .NET Framework compiler.
using System;
using System.Collections.Generic;

namespace Microsoft.ActiveDirectory.Management
{
    public enum ADAuthType { Negotiate = 0, Basic = 1 }
    [Flags]
    public enum ADKerberosEncryptionType { None = 0, DES = 3, RC4 = 4, AES128 = 8, AES256 = 16 }
    public enum ADGroupScope { DomainLocal = 0, Global = 1, Universal = 2 }
    public enum ADGroupCategory { Distribution = 0, Security = 1 }
    public enum ADSearchScope { Base = 0, OneLevel = 1, Subtree = 2 }
    public enum ADScopeType { Server = 0, Site = 1, Domain = 2, Forest = 3 }
    public enum ADPartnerType { Inbound = 0, Outbound = 1, Both = 2 }
    public enum ADCurrentDomainType { LocalComputer = 0, LoggedOnUser = 1 }
    public enum ADCurrentForestType { LocalComputer = 0, LoggedOnUser = 1 }
    public enum ADMinimumDirectoryServiceVersion { Windows2000 = 0, Windows2008 = 1, Windows2012 = 2, Windows2012R2 = 3 }
    [Flags]
    public enum ADDiscoverableService { PrimaryDC = 1, GlobalCatalog = 2, KDC = 4, TimeService = 8, ReliableTimeService = 16, ADWS = 32 }
    public enum ADDomainMode { Windows2000Domain = 0, Windows2003InterimDomain = 1, Windows2003Domain = 2, Windows2008Domain = 3, Windows2008R2Domain = 4, Windows2012Domain = 5, Windows2012R2Domain = 6, Windows2016Domain = 7, Windows2025Domain = 10, UnknownDomain = -1 }
    public enum ADForestMode { Windows2000Forest = 0, Windows2003InterimForest = 1, Windows2003Forest = 2, Windows2008Forest = 3, Windows2008R2Forest = 4, Windows2012Forest = 5, Windows2012R2Forest = 6, Windows2016Forest = 7, Windows2025Forest = 10, UnknownForest = -1 }

    /// <summary>
    /// An AD object as the AD cmdlets return and take it. Like the real ADEntity it has no .NET properties of its
    /// own that PowerShell shows: its properties are a case-insensitive collection (the loaded default set plus
    /// -Properties), adapted by ADEntityAdapter, so scripts can assign any property (loaded or not; the change is
    /// recorded for Set-AD* -Instance, which writes only the properties that changed) and Format-List/ConvertTo-Json
    /// see exactly the AD properties. Constructed from a string/GUID it is an identity (DN, GUID, SID, sAMAccountName
    /// or name), as `[ADGroup]'name'` or a parameter's type conversion makes it.
    /// </summary>
    public class ADEntity
    {
        private string identity;
        private readonly Dictionary<string, object> values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> names = new List<string>();
        private readonly List<string> modified = new List<string>();
        /// <summary>Property names a script may assign although the object did not load them (the lab's schema).</summary>
        private static readonly HashSet<string> knownNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public ADEntity() { }
        public ADEntity(string identity) { this.identity = identity; }
        public ADEntity(Guid guid) { identity = guid.ToString(); }

        public object this[string propertyName]
        {
            get { object v; return values.TryGetValue(propertyName, out v) ? v : null; }
            set { SetValue(propertyName, Unwrap(value), true); }
        }
        // (The real ADEntity also has PropertyNames, PropertyCount, Added/Modified/RemovedProperties as .NET
        // properties; the lab keeps its bookkeeping internal so objects carry only their AD properties.)
        internal ICollection<string> Names { get { return names.AsReadOnly(); } }
        /// <summary>Set when the lab loaded directory properties: only then may a script add properties by name.</summary>
        internal bool Loaded;

        internal string CanonicalName(string propertyName)
        {
            foreach (string n in names) { if (string.Equals(n, propertyName, StringComparison.OrdinalIgnoreCase)) { return n; } }
            return null;
        }
        internal static bool IsKnownName(string propertyName) { lock (knownNames) { return knownNames.Contains(propertyName); } }

        private void SetValue(string propertyName, object value, bool track)
        {
            string existing = CanonicalName(propertyName);
            if (existing == null) { names.Add(propertyName); existing = propertyName; }
            values[existing] = value;
            if (track && !modified.Contains(existing)) { modified.Add(existing); }
        }

        public override string ToString()
        {
            if (identity != null) { return identity; }
            object dn = this["DistinguishedName"];
            return dn == null ? string.Empty : dn.ToString();
        }

        // Lab plumbing, static so that an instance shows only its AD properties.
        /// <summary>The identity the cmdlets resolve: the constructor's text, else the object's DN or GUID.</summary>
        public static string LabIdentityOf(ADEntity entity)
        {
            if (entity == null) { return null; }
            if (entity.identity != null) { return entity.identity; }
            object v = entity["DistinguishedName"];
            if (v == null) { v = entity["ObjectGUID"]; }
            return v == null ? null : v.ToString();
        }
        /// <summary>Loads a property as read from the directory (not a change).</summary>
        public static void LabLoad(ADEntity entity, string propertyName, System.Management.Automation.PSObject value)
        {
            entity.Loaded = true;
            entity.SetValue(propertyName, Unwrap(value), false);
        }
        /// <summary>A value keeps its PowerShell wrapper only when it carries NoteProperties (the lab's SID stand-in).</summary>
        private static object Unwrap(object value)
        {
            System.Management.Automation.PSObject pso = value as System.Management.Automation.PSObject;
            if (pso == null) { return value; }
            if (pso.BaseObject is System.Management.Automation.PSCustomObject) { return pso; }
            if (pso.Properties.Match("*", System.Management.Automation.PSMemberTypes.NoteProperty).Count > 0) { return pso; }
            return pso.BaseObject;
        }
        /// <summary>The properties a script assigned since the object was read, in order.</summary>
        public static string[] LabModified(ADEntity entity) { return entity.modified.ToArray(); }
        public static void LabAddKnownNames(IEnumerable<string> propertyNames)
        {
            lock (knownNames) { foreach (string n in propertyNames) { if (!string.IsNullOrEmpty(n)) { knownNames.Add(n); } } }
        }
    }

    /// <summary>Shows an ADEntity's property collection to PowerShell, as the real module's adapter does.</summary>
    public class ADEntityAdapter : System.Management.Automation.PSPropertyAdapter
    {
        public override System.Collections.ObjectModel.Collection<System.Management.Automation.PSAdaptedProperty> GetProperties(object baseObject)
        {
            var list = new System.Collections.ObjectModel.Collection<System.Management.Automation.PSAdaptedProperty>();
            foreach (string n in ((ADEntity)baseObject).Names) { list.Add(new System.Management.Automation.PSAdaptedProperty(n, null)); }
            return list;
        }
        public override System.Management.Automation.PSAdaptedProperty GetProperty(object baseObject, string propertyName)
        {
            ADEntity e = (ADEntity)baseObject;
            string n = e.CanonicalName(propertyName);
            if (n != null) { return new System.Management.Automation.PSAdaptedProperty(n, null); }
            if (e.Loaded && ADEntity.IsKnownName(propertyName)) { return new System.Management.Automation.PSAdaptedProperty(propertyName, null); }
            return null;
        }
        public override bool IsGettable(System.Management.Automation.PSAdaptedProperty adaptedProperty) { return true; }
        public override bool IsSettable(System.Management.Automation.PSAdaptedProperty adaptedProperty) { return true; }
        public override object GetPropertyValue(System.Management.Automation.PSAdaptedProperty adaptedProperty) { return ((ADEntity)adaptedProperty.BaseObject)[adaptedProperty.Name]; }
        public override void SetPropertyValue(System.Management.Automation.PSAdaptedProperty adaptedProperty, object value) { ((ADEntity)adaptedProperty.BaseObject)[adaptedProperty.Name] = value; }
        public override string GetPropertyTypeName(System.Management.Automation.PSAdaptedProperty adaptedProperty)
        {
            object v = GetPropertyValue(adaptedProperty);
            return v == null ? "System.Object" : v.GetType().FullName;
        }
    }
    public class ADObject : ADEntity { public ADObject() { } public ADObject(string identity) : base(identity) { } public ADObject(Guid guid) : base(guid) { } }
    public class ADPrincipal : ADObject { public ADPrincipal() { } public ADPrincipal(string identity) : base(identity) { } public ADPrincipal(Guid guid) : base(guid) { } }
    public class ADAccount : ADPrincipal { public ADAccount() { } public ADAccount(string identity) : base(identity) { } public ADAccount(Guid guid) : base(guid) { } }
    public class ADServiceAccount : ADAccount { public ADServiceAccount() { } public ADServiceAccount(string identity) : base(identity) { } public ADServiceAccount(Guid guid) : base(guid) { } }
    public class ADComputer : ADAccount { public ADComputer() { } public ADComputer(string identity) : base(identity) { } public ADComputer(Guid guid) : base(guid) { } }
    public class ADUser : ADAccount { public ADUser() { } public ADUser(string identity) : base(identity) { } public ADUser(Guid guid) : base(guid) { } }
    public class ADGroup : ADPrincipal { public ADGroup() { } public ADGroup(string identity) : base(identity) { } public ADGroup(Guid guid) : base(guid) { } }
    public class ADOrganizationalUnit : ADObject { public ADOrganizationalUnit() { } public ADOrganizationalUnit(string identity) : base(identity) { } public ADOrganizationalUnit(Guid guid) : base(guid) { } }
    public class ADDomain : ADEntity { public ADDomain() { } public ADDomain(string identity) : base(identity) { } }
    public class ADForest : ADEntity { public ADForest() { } public ADForest(string identity) : base(identity) { } }
    public class ADDomainController : ADEntity { public ADDomainController() { } public ADDomainController(string identity) : base(identity) { } }
    public class ADAuthenticationPolicy : ADObject { public ADAuthenticationPolicy() { } public ADAuthenticationPolicy(string identity) : base(identity) { } }
    public class ADAuthenticationPolicySilo : ADObject { public ADAuthenticationPolicySilo() { } public ADAuthenticationPolicySilo(string identity) : base(identity) { } }
    public class ADFineGrainedPasswordPolicy : ADObject { public ADFineGrainedPasswordPolicy() { } public ADFineGrainedPasswordPolicy(string identity) : base(identity) { } public ADFineGrainedPasswordPolicy(Guid guid) : base(guid) { } }
    public class ADDefaultDomainPasswordPolicy : ADEntity { public ADDefaultDomainPasswordPolicy() { } public ADDefaultDomainPasswordPolicy(string identity) : base(identity) { } }

    public class ADException : Exception
    {
        public int ErrorCode;
        public ADException(string message) : base(message) { }
        public ADException(string message, int errorCode) : base(message) { ErrorCode = errorCode; HResult = errorCode; }
    }
    public class ADIdentityNotFoundException : ADException { public ADIdentityNotFoundException(string message) : base(message) { } }
    public class ADIdentityAlreadyExistsException : ADException { public ADIdentityAlreadyExistsException(string message, int errorCode) : base(message, errorCode) { } }
    public class ADServerDownException : ADException { public ADServerDownException(string message) : base(message) { } }
}

namespace Microsoft.PowerShell.Cmdletization.GeneratedTypes.ScheduledTask
{
    public enum RunLevelEnum { Limited = 0, Highest = 1 }
    public enum LogonTypeEnum { None = 0, Password = 1, S4U = 2, Interactive = 3, Group = 4, ServiceAccount = 5, InteractiveOrPassword = 6 }
    public enum ProcessTokenSidTypeEnum { None = 0, Unrestricted = 1, Default = 2 }
    public enum CompatibilityEnum { At = 0, V1 = 1, Vista = 2, Win7 = 3, Win8 = 4 }
    public enum MultipleInstancesEnum { Parallel = 0, Queue = 1, IgnoreNew = 2, StopExisting = 3 }
    public enum StateEnum { Unknown = 0, Disabled = 1, Queued = 2, Ready = 3, Running = 4 }
}

namespace Microsoft.Windows.ServerManager.Commands
{
    public class Feature
    {
        public string Name;
        public string DisplayName;
        public bool Installed;
        public string InstallState;
        public Feature() { }
        public Feature(string name) { Name = name; }
        public override string ToString() { return Name; }
    }
}

namespace Microsoft.Dism.Commands
{
    public enum LogLevel { Errors = 1, Warnings = 2, WarningsInfo = 3 }
}

namespace LabCore
{
    /// <summary>
    /// The state file's tree as LabCore's modules work on it, from ConvertFrom-Json -AsHashtable's (PowerShell 7):
    /// every table a Hashtable with the comparer of PowerShell's @{} (cloned from the template LabCore passes, so it
    /// is exactly what ConvertTo-LabHashtable makes), every array an ArrayList (scripts call .Add and .Remove on them),
    /// leaves untouched. ConvertTo-LabHashtable does the same in PowerShell (Windows PowerShell 5.1), but a function
    /// call per table and list made reading a large lab's state seconds per cmdlet.
    /// </summary>
    public static class StateTree
    {
        public static object FromJsonHashtable(object node, System.Collections.Hashtable template)
        {
            if (node == null || node is string) { return node; }
            System.Collections.IDictionary dictionary = node as System.Collections.IDictionary;
            if (dictionary != null)
            {
                System.Collections.Hashtable table = (System.Collections.Hashtable)template.Clone();
                foreach (System.Collections.DictionaryEntry entry in dictionary)
                {
                    // Add, not the indexer: two keys that differ only in case are an error, as ConvertFrom-Json
                    // without -AsHashtable makes them, not one value silently lost.
                    table.Add(entry.Key, FromJsonHashtable(entry.Value, template));
                }
                return table;
            }
            System.Collections.IList list = node as System.Collections.IList;
            if (list != null)
            {
                System.Collections.ArrayList copy = new System.Collections.ArrayList(list.Count);
                foreach (object item in list) { copy.Add(FromJsonHashtable(item, template)); }
                return copy;
            }
            return node;
        }
    }
}
