// THE catalog of audit findings: every kind once, with its severity, its title, why it matters (one sentence) and
// its fix (a summary and the exact command). `FINDING_KINDS` is checked with `satisfies Record<FindingKind, ...>`:
// a new kind does not compile until every field is written. Commands are built with the `ps` builder, so the names
// they carry (accounts, groups, DNs) are PowerShell data, never code.
//
// Sources (docs/audit/sources.md lists them with their addresses): Microsoft Learn "Group Managed Service Accounts overview",
// "Delegated Managed Service Accounts overview", adschema default security descriptors (msDS-GroupManagedServiceAccount,
// organizationalUnit, msKds-ProvRootKey); Akamai's BadSuccessor write-up and Get-BadSuccessorOUPermissions.ps1
// (CreateChild / GenericAll / WriteDACL / WriteOwner on an OU, object type all or msDS-DelegatedManagedServiceAccount);
// Semperis' Golden gMSA write-up and Microsoft Learn "Recover from a Golden gMSA attack".
import { createKeyFix } from '../checks/kds.js';
import { listWords } from '../checks/types.js';
import { ps } from '../powershell/script.js';
import { parentDn } from '../steps/types.js';
import type { Finding, Severity } from './types.js';

export type FindingKind =
  | 'gmsa-broad-retriever'
  | 'gmsa-retriever-user'
  | 'gmsa-retriever-disabled-computer'
  | 'gmsa-membership-writable'
  | 'password-not-rotated'
  | 'unused-90-days'
  | 'rc4-only'
  | 'des-enabled'
  | 'aes-missing'
  | 'privileged-managed-account'
  | 'unconstrained-delegation'
  | 'kds-key-readable'
  | 'kds-reads-not-audited'
  | 'kds-no-effective-key'
  | 'badsuccessor-ou'
  | 'dmsa-preceded-by-privileged'
  | 'dc-update-level'
  | 'user-should-be-managed'
  | 'read-incomplete';

/** A trustee of an access rule that a fix removes: its name for people, its SID for the command. */
export interface Trustee {
  readonly name: string;
  readonly sid: string;
  /** The rule is inherited from a parent: removing it on the object does nothing. */
  readonly inherited: boolean;
  /** Not a rule: the object's owner (who may change the ACL whatever it says); the fix gives ownership to `newOwner`. */
  readonly owner?: boolean;
}

/** What a finding is about, with what its title and fix need (each kind reads the fields it names). */
export interface FindingContext {
  readonly subject: { readonly kind: SubjectKind; readonly name: string; readonly dn: string | null };
  /** The principals at issue: broad groups, users, computers, writers of the ACL (their names, DOMAIN\name). */
  readonly principals?: readonly string[];
  /** The rules to remove (membership-writable, kds-key-readable, badsuccessor-ou). */
  readonly trustees?: readonly Trustee[];
  /** The SID an owner found among the trustees is replaced by: the domain's Domain Admins. */
  readonly newOwner?: string;
  /** gMSA retrievers to keep when the named ones are removed (as Set-ADServiceAccount takes them); absent: none named. */
  readonly keep?: readonly string[];
  /** Principals reached through a group: taken out of that group (identities as Remove-ADGroupMember takes them). */
  readonly nested?: readonly { readonly group: string; readonly member: string }[];
  /** The account's password interval (password-not-rotated). */
  readonly intervalDays?: number;
  /** badsuccessor-ou: a Windows Server 2025 DC exists (dMSA can be created and used now). */
  readonly dc2025?: boolean;
  /** dc-update-level: the DCs to check. */
  readonly dcs?: readonly string[];
  /** dmsa-preceded-by-privileged: the account the dMSA supersedes. */
  readonly precededBy?: string;
  /**
   * kds-key-readable: a reader also holds Control Access (ExtendedRight, or full control). msKds-RootKeyData is a
   * confidential attribute (searchFlags 0x80): ReadProperty alone does not return it.
   */
  readonly controlAccess?: boolean;
  /** read-incomplete: the read that failed (its cmdlet, as the admin would type it). */
  readonly command?: string;
  /** user-should-be-managed: in an admin group (raises the severity). */
  readonly privileged?: boolean;
}

export type SubjectKind = 'account' | 'user' | 'ou' | 'container' | 'kds-key' | 'domain';

export interface FindingSpec {
  /** The default severity, or one that depends on what was found. */
  readonly severity: Severity | ((c: FindingContext) => Severity);
  readonly title: (c: FindingContext) => string;
  /** Why it matters, one sentence. */
  readonly why: string | ((c: FindingContext) => string);
  readonly fix: (c: FindingContext) => { readonly summary: string; readonly command: string };
}

const list = (names: readonly string[] | undefined): string => listWords(names ?? []) || 'someone';
const dnOf = (c: FindingContext): string => c.subject.dn ?? c.subject.name;

const IMPORT_AD = 'Import-Module ActiveDirectory';
/** RC4-only, DES-enabled and AES-missing accounts are all fixed the same way: AES, and nothing else. */
const aesOnly = (c: FindingContext): string =>
  ps`Set-ADServiceAccount -Identity ${c.subject.name} -KerberosEncryptionType AES128,AES256`.text;

/**
 * Removes every explicit access rule of each trustee on the object (Get-Acl/Set-Acl on the AD: drive; PurgeAccessRules
 * removes explicit rules only). A rule inherited from above is removed where it is set: the parent is named.
 */
function purgeRules(dn: string, trustees: readonly Trustee[], newOwner?: string): string {
  const explicit = trustees.filter((t) => t.owner !== true && !t.inherited);
  const inherited = trustees.filter((t) => t.owner !== true && t.inherited);
  const owner = newOwner === undefined ? undefined : trustees.find((t) => t.owner === true);
  // The AD: drive exists once the ActiveDirectory module is loaded, and Get-Acl does not load it.
  const lines: string[] = explicit.length > 0 || owner !== undefined || inherited.length > 0 ? [IMPORT_AD] : [];
  if (explicit.length > 0 || owner !== undefined) {
    lines.push(
      ps`$path = 'AD:' + ${dn}
$acl = Get-Acl -Path $path`.text,
    );
    if (explicit.length > 0)
      lines.push(
        ps`foreach ($sid in ${explicit.map((t) => t.sid)}) { $acl.PurgeAccessRules([System.Security.Principal.SecurityIdentifier]$sid) }`
          .text,
      );
    if (owner !== undefined && newOwner !== undefined)
      lines.push(
        ps`# The owner (${owner.name}) may change the ACL whatever it says: give the object to Domain Admins.
$acl.SetOwner([System.Security.Principal.SecurityIdentifier]${newOwner})`.text,
      );
    lines.push('Set-Acl -Path $path -AclObject $acl');
  }
  for (const t of inherited) {
    lines.push(
      ps`# ${t.name}'s rule is inherited: find where it is set (the parent, or further up) and remove it there.
(Get-Acl -Path ('AD:' + ${parentDn(dn)})).Access | Where-Object { $_.IdentityReference -eq ${t.name} }`.text,
    );
  }
  return lines.join('\n');
}

function retrieversFix(c: FindingContext, what: string): { summary: string; command: string } {
  const lines: string[] = [];
  if (c.keep !== undefined) {
    const keep = c.keep.length === 0 ? null : [...c.keep];
    lines.push(
      ps`Set-ADServiceAccount -Identity ${c.subject.name} -PrincipalsAllowedToRetrieveManagedPassword ${keep}`.text,
    );
  }
  for (const n of c.nested ?? [])
    lines.push(ps`Remove-ADGroupMember -Identity ${n.group} -Members ${n.member} -Confirm:$false`.text);
  return {
    summary: `Let only the computers that run ${c.subject.name} retrieve its password: take ${what} out of the list${
      (c.nested ?? []).length > 0 ? ' (and out of the groups that lead there)' : ''
    }.`,
    command: lines.join('\n'),
  };
}

/**
 * Microsoft's recovery after a KDS root key may have been read (Golden gMSA), in its order ("How to recover from a
 * Golden gMSA attack", learn.microsoft.com/troubleshoot/windows-server/windows-security/recover-from-golden-gmsa-attack,
 * case "you don't know what was exposed or when"): replace the key and every gMSA derived from it.
 */
export const GOLDEN_GMSA_RECOVERY =
  'If it may have been read, every gMSA password derived from this key can be computed offline, for as long as those ' +
  "gMSAs exist. Microsoft's recovery, in order: (1) disable every gMSA and mark it for removal; (2) on one DC create a " +
  'new KDS root key (Add-KdsRootKey), restart the Microsoft Key Distribution Service (kdssvc), note each old ' +
  "gMSA's DNS host name and SPNs, remove them from it, and create a new gMSA with the same ones; (3) check the new " +
  'gMSAs use the new key (msDS-ManagedPasswordId); (4) move each service to its new gMSA; (5) delete the old gMSAs; ' +
  '(6) delete the old key object and check replication; (7) restart kdssvc on every DC.';

export const FINDING_KINDS = {
  'gmsa-broad-retriever': {
    severity: 'critical',
    title: (c) => `${list(c.principals)} can retrieve the password of ${c.subject.name}`,
    why: 'Every member of a broad group can read the managed password and act as the account, so it is not secret.',
    fix: (c) => retrieversFix(c, list(c.principals)),
  },
  'gmsa-retriever-user': {
    severity: 'high',
    title: (c) => `User ${list(c.principals)} can retrieve the password of ${c.subject.name}`,
    why: "A user who can read a gMSA's password can log on as it anywhere; only the computers that run it should.",
    fix: (c) => retrieversFix(c, list(c.principals)),
  },
  'gmsa-retriever-disabled-computer': {
    severity: 'low',
    title: (c) => `Disabled computer ${list(c.principals)} may still retrieve the password of ${c.subject.name}`,
    why: 'A retired computer left in the list keeps a right nobody needs; re-enabled or its account reused, it can read the password.',
    fix: (c) => retrieversFix(c, list(c.principals)),
  },
  'gmsa-membership-writable': {
    severity: 'high',
    title: (c) => `${list(c.principals)} can change who may retrieve the password of ${c.subject.name}`,
    why: 'Whoever can write msDS-GroupMSAMembership (or the whole account, its ACL or its owner) can add themselves and read the password.',
    fix: (c) => ({
      summary: `Remove the access rules of ${list(c.principals)} on ${c.subject.name}.`,
      command: purgeRules(dnOf(c), c.trustees ?? [], c.newOwner),
    }),
  },
  'password-not-rotated': {
    severity: 'medium',
    title: (c) =>
      `The password of ${c.subject.name} has not changed for two intervals (${c.intervalDays ?? 30} days each)`,
    why: 'A managed password that does not rotate means no host retrieves it any more, or rotation is broken.',
    fix: (c) => ({
      summary: `Check which hosts use ${c.subject.name}; if none, remove it, else test it on a host that does.`,
      command:
        ps`Get-ADServiceAccount -Identity ${c.subject.name} -Properties PasswordLastSet, LastLogonDate, PrincipalsAllowedToRetrieveManagedPassword
Test-ADServiceAccount -Identity ${c.subject.name}`.text,
    }),
  },
  'unused-90-days': {
    severity: 'low',
    title: (c) => `${c.subject.name} has not logged on for 90 days`,
    why: 'An unused account is a standing credential nobody watches; remove it or find who still needs it.',
    fix: (c) => ({
      summary: `Confirm nothing uses ${c.subject.name}, then remove it.`,
      command: ps`Get-ADServiceAccount -Identity ${c.subject.name} -Properties LastLogonDate, ServicePrincipalName
Remove-ADServiceAccount -Identity ${c.subject.name} -WhatIf`.text,
    }),
  },
  'rc4-only': {
    severity: 'medium',
    title: (c) => `${c.subject.name} allows only RC4 Kerberos encryption`,
    why: 'RC4 is weak and Windows is retiring it: the account will stop authenticating once DCs refuse RC4.',
    fix: (c) => ({
      summary: `Allow AES for ${c.subject.name}; then test it on its hosts (Test-ADServiceAccount) and watch their services' next logon.`,
      command: aesOnly(c),
    }),
  },
  'des-enabled': {
    severity: 'medium',
    title: (c) => `${c.subject.name} allows DES Kerberos encryption`,
    why: 'DES is broken and disabled by default since Windows Server 2008 R2; allowing it invites downgrade attacks.',
    fix: (c) => ({
      summary: `Allow only AES for ${c.subject.name}.`,
      command: aesOnly(c),
    }),
  },
  'aes-missing': {
    severity: 'low',
    title: (c) => `${c.subject.name} does not say it supports AES`,
    why: "Without AES in msDS-SupportedEncryptionTypes the DC's default decides, and that may be RC4.",
    fix: (c) => ({
      summary: `Set AES explicitly for ${c.subject.name}.`,
      command: aesOnly(c),
    }),
  },
  'privileged-managed-account': {
    severity: 'high',
    title: (c) => `${c.subject.name} is in ${list(c.principals)}`,
    why: 'Every computer allowed to retrieve the password of a privileged managed account can act as an administrator.',
    fix: (c) => ({
      summary: `Take ${c.subject.name} out of the groups that make it privileged (directly, or the group it is in that is nested there); grant only the rights its service needs.`,
      command: (c.nested ?? [])
        .map((n) => ps`Remove-ADGroupMember -Identity ${n.group} -Members ${n.member} -Confirm:$false`.text)
        .join('\n'),
    }),
  },
  'unconstrained-delegation': {
    severity: 'high',
    title: (c) => `${c.subject.name} is trusted for unconstrained delegation`,
    why: "Any user who authenticates to it leaves a forwardable ticket the account's hosts can use anywhere in the domain.",
    fix: (c) => ({
      summary: `Turn unconstrained delegation off for ${c.subject.name}; use constrained delegation to named services if needed.`,
      command: ps`Set-ADServiceAccount -Identity ${c.subject.name} -TrustedForDelegation $false`.text,
    }),
  },
  'kds-key-readable': {
    severity: (c) => (c.controlAccess === false ? 'medium' : 'critical'),
    title: (c) => `${list(c.principals)} can read KDS root key ${c.subject.name}`,
    why: (c) =>
      c.controlAccess === false
        ? 'msKds-RootKeyData is confidential, so read access alone does not return it, but one more grant (Control Access) lets them compute every gMSA password of the forest (Golden gMSA).'
        : 'Whoever reads msKds-RootKeyData can compute the password of every gMSA of the forest offline (Golden gMSA).',
    fix: (c) => ({
      summary: `Remove the access rules of ${list(c.principals)} on the key. ${GOLDEN_GMSA_RECOVERY}`,
      command: [
        purgeRules(dnOf(c), c.trustees ?? [], c.newOwner),
        // Nothing here creates a key: a new one is step 1 of the recovery, and only after a suspected exposure.
        '# After a suspected exposure, follow the recovery steps in the summary (a new key, kdssvc restarted on every DC,',
        '# a new gMSA for each old one). The gMSAs a new key would have to replace:',
        'Get-ADServiceAccount -Filter * -Properties DNSHostName, ServicePrincipalName, PrincipalsAllowedToRetrieveManagedPassword | Select-Object Name, DNSHostName, ServicePrincipalName, PrincipalsAllowedToRetrieveManagedPassword',
      ].join('\n'),
    }),
  },
  'kds-reads-not-audited': {
    severity: 'low',
    title: (c) => `Reads of KDS root key ${c.subject.name} are not audited`,
    why: 'Without a SACL that logs event 4662, nobody can tell whether the key (and so every gMSA password) was read.',
    fix: (c) => ({
      summary:
        "Audit reads of msKds-RootKeyData on CN=Master Root Keys, inherited by every key (today's and the next), so each read " +
        'logs event 4662 on the DC; "Audit Directory Service Access" (Success) must be on for the DCs, in the Default ' +
        'Domain Controllers Policy. ' +
        GOLDEN_GMSA_RECOVERY,
      command: ps`Import-Module ActiveDirectory
$path = 'AD:' + ${parentDn(dnOf(c))}
$acl = Get-Acl -Path $path -Audit
$everyone = [System.Security.Principal.SecurityIdentifier]'S-1-1-0'
$rootKeyData = [guid]'26627c27-08a2-0a40-a1b1-8dce85b42993'
$rootKeyClass = [guid]'aa02fd41-17e0-4f18-8687-b2239649736b'
$rule = New-Object System.DirectoryServices.ActiveDirectoryAuditRule($everyone, 'ReadProperty', 'Success', $rootKeyData, 'Descendents', $rootKeyClass)
$acl.AddAuditRule($rule)
Set-Acl -Path $path -AclObject $acl
# Then, for the DCs: Default Domain Controllers Policy > Advanced Audit Policy Configuration > DS Access >
# Audit Directory Service Access: Success.`.text,
    }),
  },
  'kds-no-effective-key': {
    severity: 'medium',
    title: () => 'No KDS root key is effective yet',
    why: 'Without an effective KDS root key, DCs cannot compute gMSA passwords: new gMSAs cannot be created or used.',
    fix: () => {
      // The health check's advice (../checks/kds.ts), its three ways in the same words; the production one first and
      // the others commented out, so a pasted command creates one key, not three.
      const keyFix = createKeyFix(
        'Create a KDS root key: the production way takes effect on every DC after replication (10 hours by default).',
      );
      const [first, ...others] = keyFix.command.split('\n');
      return { summary: keyFix.summary, command: [first, ...others.map((l) => `# ${l}`)].join('\n') };
    },
  },
  'badsuccessor-ou': {
    severity: (c) => (c.dc2025 === true ? 'critical' : 'medium'),
    title: (c) => `${list(c.principals)} can create a dMSA in ${c.subject.name} (BadSuccessor)`,
    why: (c) =>
      c.dc2025 === true
        ? 'With a Windows Server 2025 DC, whoever can create a dMSA can link it to any account (a Domain Admin) and get its rights and keys (CVE-2025-53779).'
        : 'No Windows Server 2025 DC yet, but the first one makes this right a path to any account in the domain (CVE-2025-53779).',
    fix: (c) => ({
      summary: `Remove the rules that let ${list(c.principals)} create objects (or change the ACL or owner) of ${c.subject.name}; delegate only the object classes needed.`,
      command: purgeRules(dnOf(c), c.trustees ?? [], c.newOwner),
    }),
  },
  'dmsa-preceded-by-privileged': {
    severity: 'critical',
    title: (c) => `dMSA ${c.subject.name} supersedes privileged account ${c.precededBy ?? ''}`,
    why: "A dMSA linked to a privileged account receives that account's groups and keys: whoever controls the dMSA is that account.",
    fix: (c) => ({
      summary: `Unless this migration was planned by the domain's admins, break the link and remove ${c.subject.name}; then check who created it.`,
      command:
        ps`Get-ADServiceAccount -Identity ${c.subject.name} -Properties msDS-ManagedAccountPrecededByLink, msDS-DelegatedMSAState, whenCreated, nTSecurityDescriptor
Set-ADServiceAccount -Identity ${c.subject.name} -Clear 'msDS-ManagedAccountPrecededByLink'
Remove-ADServiceAccount -Identity ${c.subject.name} -WhatIf`.text,
    }),
  },
  'dc-update-level': {
    severity: 'info',
    title: () => "The Windows Server 2025 DCs' update level against BadSuccessor could not be read",
    // Build 26100.4946 is the August 12 2025 cumulative update of the 26100 line (KB5063878 for Windows 11 24H2; the
    // Windows Server 2025 KB number is not confirmed by a source we hold: docs/audit/sources.md, section 3).
    why: "The fix for CVE-2025-53779 (the August 12 2025 cumulative update: OS build 26100.4946) shows only in a DC's update revision (UBR), which the directory does not record.",
    fix: (c) => ({
      summary:
        'Check each Windows Server 2025 DC runs build 26100 with update revision (UBR) 4946 or later (the August 12 2025 cumulative update or a later one).',
      command: (c.dcs ?? [])
        .map(
          (dc) =>
            ps`Invoke-Command -ComputerName ${dc} -ScriptBlock { Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' -Name CurrentBuild, UBR; Get-HotFix | Sort-Object InstalledOn -Descending | Select-Object -First 3 }`
              .text,
        )
        .join('\n'),
    }),
  },
  'user-should-be-managed': {
    severity: (c) => (c.privileged === true ? 'high' : 'medium'),
    title: (c) => `User ${c.subject.name} runs a service with a password that people keep`,
    why: 'A user account with an SPN has a password anyone can try to crack offline (Kerberoasting); a managed account changes its own.',
    fix: (c) => ({
      summary: `Move ${c.subject.name}'s services to a managed account (Move to a managed account), then disable it.`,
      command:
        ps`Get-ADUser -Identity ${c.subject.name} -Properties ServicePrincipalName, PasswordLastSet, PasswordNeverExpires, MemberOf`
          .text,
    }),
  },
  'read-incomplete': {
    severity: 'info',
    title: (c) => `Part of the directory could not be read: ${c.subject.name}`,
    why: 'The findings that depend on it are missing from this report, so its absence of findings proves nothing there.',
    fix: (c) => ({
      summary: 'Run the read by hand to see why (rights, a DC not answering), then audit again.',
      command: c.command ?? '',
    }),
  },
} satisfies Record<FindingKind, FindingSpec>;

export const KINDS = Object.keys(FINDING_KINDS) as FindingKind[];

/** Options a finding may add to what its kind says. */
export interface MakeOptions {
  /** Set when the finding could not be determined: why. Severity becomes 'info'. */
  readonly unknown?: string;
  readonly moveAccount?: string;
}

/** A finding of `kind` about the context, with its evidence lines. */
export function makeFinding(
  kind: FindingKind,
  context: FindingContext,
  evidence: readonly string[],
  options: MakeOptions = {},
): Finding {
  const spec: FindingSpec = FINDING_KINDS[kind];
  const severity = typeof spec.severity === 'function' ? spec.severity(context) : spec.severity;
  return {
    id: `${kind}:${context.subject.dn ?? context.subject.name}`,
    kind,
    severity: options.unknown === undefined ? severity : 'info',
    title: spec.title(context),
    why: typeof spec.why === 'function' ? spec.why(context) : spec.why,
    subject: { kind: context.subject.kind, name: context.subject.name, dn: context.subject.dn },
    evidence: [...evidence],
    fix: spec.fix(context),
    unknown: options.unknown ?? null,
    moveAccount: options.moveAccount ?? null,
  };
}
