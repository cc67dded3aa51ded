// The privileged groups an old account's memberships are never copied from: a gMSA that inherits Domain Admins is a
// domain-wide secret any host allowed to retrieve its password can use. Recognised by SID (a name can be renamed or
// localised; the RID cannot): the groups MS-ADTS 3.1.1.6.1.2 "Protected Objects" lists (AdminSDHolder protects their
// members), plus the later well-known groups with the same reach (Key Admins, Enterprise Key Admins, Group Policy
// Creator Owners, Cert Publishers) and DnsAdmins, which has no fixed RID and is matched by name.
// Pure: the discovery's verdicts and the adopt builder (C2: schema refuses them in copyGroups) both use it.

export interface PrivilegedGroup {
  /** The group's usual English name, for messages. */
  readonly name: string;
  /** Why it is not copied, in one sentence. */
  readonly why: string;
}

/** Builtin domain-local groups: S-1-5-32-<RID>, the same SID in every domain. */
const BUILTIN: Readonly<Record<number, PrivilegedGroup>> = {
  544: { name: 'Administrators', why: 'Administrators control every domain controller and the domain itself.' },
  548: {
    name: 'Account Operators',
    why: 'Account Operators can create and change most accounts and groups, and log on to domain controllers.',
  },
  549: {
    name: 'Server Operators',
    why: 'Server Operators can log on to domain controllers, change their services and back up and restore files.',
  },
  550: {
    name: 'Print Operators',
    why: 'Print Operators can log on to domain controllers and load drivers there.',
  },
  551: {
    name: 'Backup Operators',
    why: 'Backup Operators can read every file on a domain controller, the directory database included.',
  },
  552: { name: 'Replicator', why: 'Replicator is a protected group (AdminSDHolder): its membership is privileged.' },
};

/** Domain groups: <domain SID>-<RID>. */
const DOMAIN: Readonly<Record<number, PrivilegedGroup>> = {
  512: { name: 'Domain Admins', why: 'Domain Admins control every computer and account in the domain.' },
  516: { name: 'Domain Controllers', why: 'Domain Controllers can replicate every secret of the domain.' },
  517: {
    name: 'Cert Publishers',
    why: 'Cert Publishers can publish certificates to the directory, a path to impersonating other accounts.',
  },
  518: { name: 'Schema Admins', why: 'Schema Admins can change the schema of the whole forest.' },
  519: { name: 'Enterprise Admins', why: 'Enterprise Admins control every domain of the forest.' },
  520: {
    name: 'Group Policy Creator Owners',
    why: 'Group Policy Creator Owners can create Group Policy objects, which run code on the computers they apply to.',
  },
  521: {
    name: 'Read-only Domain Controllers',
    why: 'Read-only Domain Controllers is a protected group (AdminSDHolder): its membership is privileged.',
  },
  526: { name: 'Key Admins', why: 'Key Admins can change the key credentials of accounts (a path to taking them over).' },
  527: {
    name: 'Enterprise Key Admins',
    why: 'Enterprise Key Admins can change the key credentials of accounts in every domain of the forest.',
  },
};

/** Groups without a fixed RID, matched by their sAMAccountName. */
const BY_NAME: Readonly<Record<string, PrivilegedGroup>> = {
  dnsadmins: { name: 'DnsAdmins', why: 'DnsAdmins can make the DNS service on domain controllers load code.' },
};

const BUILTIN_SID = /^S-1-5-32-(\d+)$/i;
const DOMAIN_SID = /^S-1-5-21-\d+-\d+-\d+-(\d+)$/i;

/** The privileged group a SID (or, for groups without a fixed RID, a name) is, or undefined. */
export function privilegedGroup(sid: string | null | undefined, name?: string | null): PrivilegedGroup | undefined {
  if (typeof sid === 'string') {
    const builtin = BUILTIN_SID.exec(sid);
    if (builtin !== null) return BUILTIN[Number(builtin[1])];
    const domain = DOMAIN_SID.exec(sid);
    if (domain !== null) {
      const found = DOMAIN[Number(domain[1])];
      if (found !== undefined) return found;
    }
  }
  if (typeof name === 'string') return BY_NAME[name.toLowerCase()];
  return undefined;
}

/** Why a group is privileged ('Domain Admins control ...'), or null when it may be copied. */
export function privilegedReason(sid: string | null | undefined, name?: string | null): string | null {
  return privilegedGroup(sid, name)?.why ?? null;
}

/** Every privileged group by name, for lists and the README ('Domain Admins', 'Administrators', ...). */
export const PRIVILEGED_GROUP_NAMES: readonly string[] = [
  ...Object.values(DOMAIN).map((g) => g.name),
  ...Object.values(BUILTIN).map((g) => g.name),
  ...Object.values(BY_NAME).map((g) => g.name),
];
