// The lab domain's state: one JSON file per lab directory (lab-state.json), read and written by the lab modules
// (LabCore.psm1: atomic temp-file + rename, under a lock file) and created from a scenario by the TypeScript side.
// This schema is the contract between the two; PowerShell never gets a state that does not pass it.
import { z } from 'zod';

export const STATE_FILE = 'lab-state.json';
/**
 * The hosts' Kerberos ticket caches (each computer's ticket: when issued, which groups it carries) live in a file of
 * their own: like a real host's LSA memory, they are not directory or host configuration, and nothing can undo a
 * ticket purge. Kept apart, an undone setup leaves lab-state.json byte-identical. The modules and readLab merge them
 * into `hosts.<name>.ticketGroups/ticketIssued` when reading and split them out when writing.
 */
export const TICKETS_FILE = 'lab-tickets.json';
export const LOCK_FILE = 'lab-state.lock';

const dn = z.string().min(1);
const isoDate = z.string().datetime({ offset: true });

/**
 * One access control entry of a directory object's security descriptor (nTSecurityDescriptor), as .NET's
 * ActiveDirectoryAccessRule / ActiveDirectoryAuditRule shape it. The lab modules (modules-rsat/ActiveDirectory) add the
 * class's documented default DACL and the entries inherited from the parents; `security` below holds only what a
 * scenario or a write set explicitly.
 */
export const adAceSchema = z.object({
  /** The trustee as a SID: 'S-1-5-21-…-1105', 'S-1-5-32-544' (BUILTIN\Administrators), 'S-1-5-18' (SYSTEM), 'S-1-1-0'. */
  sid: z.string().regex(/^S-1-\d+(-\d+)+$/),
  /** ActiveDirectoryRights flags as .NET prints them: 'GenericAll', 'CreateChild, DeleteChild', 'ReadProperty', 'WriteProperty', 'ExtendedRight'. */
  rights: z.string().min(1),
  /** Access rules: Allow or Deny. Audit rules: Success, Failure or 'Success, Failure' (AuditFlags). */
  type: z.enum(['Allow', 'Deny', 'Success', 'Failure', 'Success, Failure']),
  /** ObjectType: the schemaIDGUID of the attribute or class, or the rightsGuid of the extended right, the entry is
   *  limited to; absent: every one. */
  // z.guid(), not z.string().uuid(): zod 4's uuid() accepts only RFC 9562 versions, and schemaIDGUIDs are not
  // (msDS-GroupMSAMembership 888eedd6-ce04-df40-..., msKds-RootKeyData 26627c27-08a2-0a40-...).
  objectType: z.guid().optional(),
  /** InheritedObjectType: the class of the child objects the entry is inherited by; absent: every class. */
  inheritedObjectType: z.guid().optional(),
  /** ActiveDirectorySecurityInheritance. */
  inheritance: z.enum(['None', 'All', 'Descendents', 'SelfAndChildren', 'Children']).default('None'),
});
export type AdAce = z.infer<typeof adAceSchema>;

/** The explicitly set part of an object's security descriptor (absent: the class default and what it inherits). */
export const adSecuritySchema = z.object({
  /** Owner SID; absent: Domain Admins (S-1-5-21-…-512), as for objects an admin created. */
  owner: z.string().optional(),
  /** Explicit DACL entries, added to the class default. */
  access: z.array(adAceSchema).default([]),
  /** SACL entries (what is audited: event 4662 for directory-service access). */
  audit: z.array(adAceSchema).default([]),
  /** AreAccessRulesProtected: inheritance from the parent blocked. */
  protected: z.boolean().default(false),
});
export type AdSecurity = z.infer<typeof adSecuritySchema>;

export const adObjectSchema = z.object({
  objectClass: z.enum([
    'user',
    'computer',
    'group',
    'msDS-ManagedServiceAccount',
    'msDS-GroupManagedServiceAccount',
    'msDS-DelegatedManagedServiceAccount',
    'organizationalUnit',
    'container',
    /** CN=Builtin: the domain's builtin accounts (BUILTIN\Administrators, S-1-5-32-544, ...). */
    'builtinDomain',
    /** A fine-grained password policy (PSO) in CN=Password Settings Container,CN=System; its settings in `attributes`. */
    'msDS-PasswordSettings',
  ]),
  name: z.string(),
  distinguishedName: dn,
  samAccountName: z.string().nullable(),
  objectGuid: z.string().uuid(),
  objectSid: z.string().nullable(),
  description: z.string().nullable(),
  enabled: z.boolean().nullable(),
  created: isoDate,
  /** groups */
  groupScope: z.enum(['DomainLocal', 'Global', 'Universal']).nullable(),
  groupCategory: z.enum(['Security', 'Distribution']).nullable(),
  members: z.array(dn),
  /** computers and service accounts */
  dnsHostName: z.string().nullable(),
  operatingSystem: z.string().nullable(),
  /** msDS-SupportedEncryptionTypes (computers) / KerberosEncryptionType (service accounts), as names */
  kerberosEncryptionType: z.array(z.enum(['DES', 'RC4', 'AES128', 'AES256'])),
  servicePrincipalNames: z.array(z.string()),
  /** computers: msDS-HostServiceAccount (sMSAs linked to it) */
  hostServiceAccounts: z.array(dn),
  /** service accounts */
  principalsAllowedToRetrieveManagedPassword: z.array(dn),
  managedPasswordIntervalInDays: z.number().int().nullable(),
  /** sMSA: msDS-HostServiceAccountBL (the computers it is linked to) */
  hostComputers: z.array(dn),
  /** which DCs have this object (replication); empty = all */
  onlyOn: z.array(z.string()),
  /** nTSecurityDescriptor's explicit part (see adSecuritySchema); absent: class default + inherited only. */
  security: adSecuritySchema.optional(),
  /**
   * Every other LDAP attribute the object has, keyed by its lDAPDisplayName exactly as the schema spells it
   * (`displayName`, `info`, `location`, `managedBy`, `userAccountControl`, `pwdLastSet`, …): what -Add/-Replace/
   * -OtherAttributes and the cmdlets' named parameters (DisplayName, Location, ManagedBy, …) write and what
   * -Properties reads back. An absent key is an attribute with no value (as in AD, where "cleared" = absent).
   * Values: a string, a number (Integer syntax), a boolean, or an array of these for multi-valued attributes.
   * DN-syntax values (managedBy) are stored as the DN. Large-integer (Integer8) values — pwdLastSet,
   * accountExpires, lastLogonTimestamp, FILETIMEs beyond JSON's safe integer range — are stored as decimal
   * strings ("133485408000000000"). `userAccountControl` holds the account's real flags; the ACCOUNTDISABLE bit
   * (0x2) always follows `enabled` above (the lab's long-standing field), and when the key is absent the class
   * default applies (user 0x200, computer/service account 0x1000, DC 0x82000). Attributes with a typed field
   * above (description, dNSHostName, servicePrincipalName, member, …) live in that field, never in this bag.
   * The AD module's helpers are in modules-rsat/ActiveDirectory/Private/Attributes.ps1.
   */
  attributes: z
    .record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]),
    )
    .default({}),
});
export type AdObject = z.infer<typeof adObjectSchema>;

export const scheduledTaskSchema = z.object({
  taskName: z.string(),
  taskPath: z.string(),
  description: z.string().nullable(),
  state: z.enum(['Disabled', 'Ready', 'Running']),
  actions: z.array(
    z.object({ execute: z.string(), arguments: z.string().nullable(), workingDirectory: z.string().nullable() }),
  ),
  triggers: z.array(z.record(z.string(), z.unknown())),
  principal: z.object({
    userId: z.string().nullable(),
    logonType: z.string(),
    runLevel: z.enum(['Limited', 'Highest']),
    groupId: z.string().nullable(),
  }),
  settings: z.record(z.string(), z.unknown()),
  registered: isoDate,
  lastRunTime: isoDate.nullable(),
  lastTaskResult: z.number().int(),
  numberOfMissedRuns: z.number().int(),
  history: z.array(z.object({ time: isoDate, eventId: z.number().int(), message: z.string() })),
});
export type ScheduledTaskState = z.infer<typeof scheduledTaskSchema>;

/**
 * IIS on a host: the application pools and sites of applicationHost.config as WAS runs them (modules/LabIis); WAS's
 * events (5021, 5057, 5059) go to the host's System log, systemEvents. Absent: IIS was never set up on the host (a
 * Web-Server feature installed later starts from IIS's defaults).
 */
export const iisAppPoolSchema = z.object({
  name: z.string(),
  /** What WAS reports (Get-WebAppPoolState): a pool whose identity cannot log on is Stopped. */
  state: z.enum(['Started', 'Stopped']),
  autoStart: z.boolean(),
  /** 'v4.0', 'v2.0' or '' (No Managed Code). */
  managedRuntimeVersion: z.string(),
  managedPipelineMode: z.enum(['Integrated', 'Classic']),
  startMode: z.enum(['OnDemand', 'AlwaysRunning']),
  processModel: z.object({
    identityType: z.enum(['LocalSystem', 'LocalService', 'NetworkService', 'SpecificUser', 'ApplicationPoolIdentity']),
    userName: z.string(),
    /** What applicationHost.config holds (encrypted on Windows): '' for managed service accounts. */
    password: z.string(),
    loadUserProfile: z.boolean(),
  }),
  /** The recycling element, once read or set: disallowRotationOnConfigChange (default false: a change recycles). */
  recycling: z.object({ disallowRotationOnConfigChange: z.boolean() }).passthrough().optional(),
  /** How often WAS started or recycled its worker process: a run that recycles nothing leaves it unchanged. */
  workerProcessStarts: z.number().int().optional(),
});
export const iisSiteSchema = z.object({
  name: z.string(),
  id: z.number().int(),
  state: z.enum(['Started', 'Stopped']),
  serverAutoStart: z.boolean(),
  /** The root application's pool and its root virtual directory's folder. */
  applicationPool: z.string(),
  physicalPath: z.string(),
  bindings: z.array(z.object({ protocol: z.string(), bindingInformation: z.string() })),
});
export const iisSchema = z.object({
  appPools: z.array(iisAppPoolSchema),
  sites: z.array(iisSiteSchema),
});
export type IisState = z.infer<typeof iisSchema>;

/** A Windows service as the lab's SCM keeps it (modules/LabServices/Private/Scm.ps1). */
export const serviceSchema = z.object({
  name: z.string(),
  displayName: z.string(),
  /** The command line the SCM runs (Win32_Service PathName): the executable, quoted when it has spaces, and arguments. */
  binaryPath: z.string(),
  startType: z.enum(['Boot', 'System', 'Automatic', 'Manual', 'Disabled']),
  state: z.enum(['Running', 'Stopped']),
  /** StartName: LocalSystem, NT AUTHORITY\LocalService, NT SERVICE\<name>, DOMAIN\user, DOMAIN\gmsa$. */
  account: z.string(),
  description: z.string().nullable(),
  /** The services it depends on (its dependents are the services naming it here). */
  dependsOn: z.array(z.string()),
  /** Own process, or a process shared with the services of the same binary path (e.g. one svchost group). */
  serviceType: z.enum(['Win32OwnProcess', 'Win32ShareProcess']),
  /** 0 when stopped. */
  processId: z.number().int(),
  /** Win32ExitCode of the last start (1077: never started). */
  exitCode: z.number().int(),
  /**
   * The account the SCM's stored password belongs to (the lab holds no password, only whose it is): a user account
   * logs on only while this names it. Managed accounts and the built-in ones need none.
   */
  passwordFor: z.string().nullable(),
  /** Deleted while running: the SCM removes it once it stops. */
  deletePending: z.boolean(),
  /**
   * The account its running process logged on as, when Win32_Service.Change set another one since it started (the
   * change applies from the next start); absent otherwise. Win32_Process GetOwner answers it.
   */
  runningAs: z.string().optional(),
});
export type ServiceState = z.infer<typeof serviceSchema>;

/** A System log event (the Service Control Manager's: 7000, 7001, 7036, 7038, 7041), read by Get-WinEvent. */
export const systemEventSchema = z.object({
  time: isoDate,
  eventId: z.number().int(),
  providerName: z.string(),
  level: z.enum(['Error', 'Warning', 'Information']),
  message: z.string(),
});

/**
 * PowerShell remoting into a host (modules/LabRemoting: Invoke-Command -ComputerName). Absent: what a member server of
 * Windows Server 2012 or later has out of the box: WinRM running with its HTTP listener and firewall rule, and the
 * host's Administrators (Domain Admins among them) allowed to connect.
 */
export const remotingSchema = z.object({
  /**
   * Enabled: WinRM answers. Stopped: the WinRM service is stopped or has no listener (Disable-PSRemoting, or never
   * enabled): the client's CannotConnect error. Unreachable: nothing answers on port 5985 (a firewall drops it, or the
   * host is off): the client's WinRMOperationTimeout error.
   */
  winrm: z.enum(['Enabled', 'Stopped', 'Unreachable']),
  /**
   * Who may connect: the members of the host's Administrators and Remote Management Users groups, as DOMAIN\name of
   * users or groups (nested membership counts). Absent: DOMAIN\Domain Admins. Anyone else gets "Access is denied".
   */
  allowed: z.array(z.string()).optional(),
});

export const hostSchema = z.object({
  operatingSystem: z.string(),
  /** 'Server' offers Get-WindowsFeature; 'Client' offers Get-WindowsCapability. */
  productType: z.enum(['Server', 'Client', 'DomainController']),
  domainJoined: z.boolean(),
  features: z.record(z.string(), z.boolean()),
  capabilities: z.record(z.string(), z.boolean()),
  /** DNs of the groups in the computer account's current Kerberos ticket (refreshed by klist purge / restart). */
  ticketGroups: z.array(dn),
  ticketIssued: isoDate,
  /** sAMAccountNames of MSAs installed here (Install-ADServiceAccount). */
  installedAccounts: z.array(z.string()),
  /** Local user-rights assignments: right -> account names (DOMAIN\name or SIDs). */
  userRights: z.record(z.string(), z.array(z.string())),
  /** Rights defined by a domain GPO: right -> the GPO's name and the accounts it sets (overwrites local grants). */
  gpoRights: z.record(z.string(), z.object({ gpo: z.string(), accounts: z.array(z.string()) })),
  taskSchedulerRunning: z.boolean(),
  taskHistoryEnabled: z.boolean(),
  tasks: z.array(scheduledTaskSchema),
  /**
   * The host also lists the tasks Windows registers itself (\Microsoft\Windows\…; the catalogue is
   * modules/ScheduledTasks/BuiltinTasks.psd1) without `tasks` holding them: a built-in task appears in `tasks` only
   * once something changed it, and its URI here once it was unregistered.
   */
  removedTasks: z.array(z.string()).optional(),
  /**
   * Services beyond Windows' own (modules/LabServices/BuiltinServices.psd1, listed without being held here): the
   * ones created, and a built-in one once something changed it; removedServices names deleted built-in ones.
   */
  services: z.array(serviceSchema).optional(),
  removedServices: z.array(z.string()).optional(),
  /**
   * ACLs Set-Acl wrote, by path (case-insensitive): the path's explicit entries, owner and protection; the rest of
   * a path's ACL is inherited or Windows' default for its location (modules/LabTools/HostPaths.ps1).
   */
  acls: z
    .record(
      z.string(),
      z.object({
        owner: z.string(),
        protected: z.boolean(),
        access: z.array(
          z.object({
            identity: z.string(),
            /** FileSystemRights as text, e.g. 'ReadAndExecute, Synchronize'. */
            rights: z.string(),
            type: z.enum(['Allow', 'Deny']),
            inheritance: z.string(),
            propagation: z.string(),
          }),
        ),
      }),
    )
    .optional(),
  /** The System log (oldest first); absent until the SCM writes an event. */
  systemEvents: z.array(systemEventSchema).optional(),
  /** Files that exist on this host (scripts the tasks run), case-insensitive paths. */
  files: z.array(z.string()),
  /** This host's clock minus the DC's, in seconds (Kerberos tolerates 300). */
  clockSkewSeconds: z.number(),
  /** IIS's pools and sites (see iisSchema); absent when IIS was never set up here. */
  iis: iisSchema.optional(),
  /** PowerShell remoting (WinRM) into this host, for Invoke-Command -ComputerName (see remotingSchema). */
  remoting: remotingSchema.optional(),
  /**
   * The language mode of a PowerShell session on this host: ConstrainedLanguage is what an enforced AppLocker or
   * Windows Defender Application Control policy gives an interactive or remote session (Add-Type, New-Object of
   * non-core types and .NET methods refused). Modelled for remote sessions (modules/LabRemoting: the block runs in
   * that mode for real). Absent: FullLanguage.
   */
  languageMode: z.enum(['FullLanguage', 'ConstrainedLanguage']).optional(),
});
export type HostState = z.infer<typeof hostSchema>;

export const labStateSchema = z.object({
  version: z.literal(1),
  scenario: z.string(),
  /** Lab time = real UTC time + this offset (Set-LabClock moves it; nothing waits 10 hours for real). */
  clockOffsetSeconds: z.number(),
  context: z.object({
    computer: z.string(),
    /** sAMAccountName of the user the lab session runs as. */
    user: z.string(),
    elevated: z.boolean(),
    /** The DC the session uses by default (the "nearest" one). */
    domainController: z.string(),
  }),
  forest: z.object({
    name: z.string(),
    forestMode: z.string(),
    schemaVersion: z.number().int(),
    domainNamingMaster: z.string(),
    schemaMaster: z.string(),
  }),
  domain: z.object({
    dnsRoot: z.string(),
    netBIOSName: z.string(),
    distinguishedName: dn,
    domainMode: z.string(),
    domainSid: z.string(),
    pdcEmulator: z.string(),
    /** How long new objects and KDS keys take to reach the other DCs. */
    replicationDelayMinutes: z.number(),
  }),
  domainControllers: z.array(
    z.object({
      name: z.string(),
      hostName: z.string(),
      operatingSystem: z.string(),
      operatingSystemVersion: z.string(),
      site: z.string(),
      ipv4Address: z.string(),
      isGlobalCatalog: z.boolean(),
      reachable: z.boolean(),
    }),
  ),
  objects: z.array(adObjectSchema),
  kdsRootKeys: z.array(
    z.object({
      keyId: z.string().uuid(),
      createdTime: isoDate,
      effectiveTime: isoDate,
      createdOn: z.string(),
      replicatedTo: z.array(z.string()),
      /** The key object's (msKds-ProvRootKey) explicit security descriptor part; absent: the class default. */
      security: adSecuritySchema.optional(),
    }),
  ),
  hosts: z.record(z.string(), hostSchema),
  /**
   * The explicit security of the directory's computed containers (the domain head, CN=Configuration's containers such
   * as CN=Master Root Keys: records the lab derives rather than keeps in `objects`), by DN, matched case-insensitively.
   * Set-Acl on the AD: drive writes here; their children inherit its inheritable entries (KDS keys: the audit rule
   * of the kds-reads-not-audited fix). Absent: the class default only.
   */
  containerSecurity: z.record(z.string(), adSecuritySchema).optional(),
});
export type LabState = z.infer<typeof labStateSchema>;
