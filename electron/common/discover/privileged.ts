// The privileged groups of a domain: membership in one of them makes an account an administrator of the domain, of
// its domain controllers or of every computer, so moving an account to a gMSA never copies it (a gMSA whose password
// dozens of hosts can read must not be a Domain Admin). Known by SID (a renamed Domain Admins is still RID 512), and by
// name when only the name is known (an answers file holds names): the well-known names of the same groups, and
// DnsAdmins, whose RID differs per domain. Each with why it is privileged, in words for the Review and the CLI.
// Sources: "Active Directory security groups" and "Appendix B: Privileged Accounts and Groups in Active Directory"
// (Microsoft Learn): the groups protected by AdminSDHolder, plus the key-admin groups of Windows Server 2016.

export interface PrivilegedGroup {
  /** The domain-relative RID (S-1-5-21-<domain>-RID), or the full SID of a BUILTIN group (S-1-5-32-...). */
  readonly rid?: number;
  readonly sid?: string;
  /** Its well-known name (the sAMAccountName in an English-installed domain). */
  readonly name: string;
  /** Why it is never copied, one sentence. */
  readonly why: string;
}

export const PRIVILEGED_GROUPS: readonly PrivilegedGroup[] = [
  { rid: 512, name: 'Domain Admins', why: 'administrators of the whole domain and of every computer in it' },
  { rid: 519, name: 'Enterprise Admins', why: 'administrators of every domain in the forest' },
  { rid: 518, name: 'Schema Admins', why: 'can change the schema of the whole forest' },
  {
    rid: 516,
    name: 'Domain Controllers',
    why: 'the domain controllers themselves: their members replicate every secret',
  },
  { rid: 521, name: 'Read-only Domain Controllers', why: 'read-only domain controllers: they can cache passwords' },
  { rid: 520, name: 'Group Policy Creator Owners', why: 'can create Group Policy objects that run on every computer' },
  { rid: 526, name: 'Key Admins', why: 'can write the key credentials of every account (shadow credentials)' },
  { rid: 527, name: 'Enterprise Key Admins', why: 'can write the key credentials of every account in the forest' },
  { rid: 517, name: 'Cert Publishers', why: 'can publish certificates into the directory for every user' },
  { sid: 'S-1-5-32-544', name: 'Administrators', why: 'administrators of the domain controllers and the domain' },
  {
    sid: 'S-1-5-32-548',
    name: 'Account Operators',
    why: 'can create and change most accounts and groups, and log on to domain controllers',
  },
  {
    sid: 'S-1-5-32-549',
    name: 'Server Operators',
    why: 'can log on to domain controllers, change their services and back up or restore their files',
  },
  { sid: 'S-1-5-32-550', name: 'Print Operators', why: 'can log on to domain controllers and load drivers there' },
  {
    sid: 'S-1-5-32-551',
    name: 'Backup Operators',
    why: 'can read every file on domain controllers, the directory database included',
  },
  { sid: 'S-1-5-32-552', name: 'Replicator', why: 'takes part in file replication on domain controllers' },
  {
    sid: 'S-1-5-32-569',
    name: 'Cryptographic Operators',
    why: 'can change cryptographic settings on domain controllers',
  },
  { name: 'DnsAdmins', why: 'can make the DNS service on domain controllers load any DLL (code run as SYSTEM there)' },
];

const DOMAIN_SID = /^S-1-5-21-\d+-\d+-\d+-(\d+)$/i;

/** The privileged group a group is (by SID first, then by name), or undefined. */
export function privilegedGroup(group: { sid?: string | null; name?: string | null }): PrivilegedGroup | undefined {
  const sid = (group.sid ?? '').trim();
  if (sid !== '') {
    const rid = DOMAIN_SID.exec(sid)?.[1];
    const bySid = PRIVILEGED_GROUPS.find(
      (p) =>
        (p.sid !== undefined && p.sid.toUpperCase() === sid.toUpperCase()) ||
        (rid !== undefined && p.rid === Number(rid)),
    );
    if (bySid !== undefined) return bySid;
  }
  const name = (group.name ?? '').trim().toLowerCase();
  return name === '' ? undefined : PRIVILEGED_GROUPS.find((p) => p.name.toLowerCase() === name);
}

/** Why a group is never copied to a gMSA: 'Domain Admins is privileged (administrators of ...): never copied.' */
export function privilegedWhy(group: { sid?: string | null; name?: string | null }): string | undefined {
  const p = privilegedGroup(group);
  if (p === undefined) return undefined;
  const name = (group.name ?? '').trim() || p.name;
  return `${name} is a privileged group (${p.why}): a managed account whose password several computers can retrieve must never be in it. Not copied.`;
}
