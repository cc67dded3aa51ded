// Who is who, from the audit script's reads: the groups it read (the privileged and retriever groups and every group
// nested in them, with their members), each computer, user, managed account and principal it named, indexed by DN and
// SID, with the groups each is in (resolved in memory, nesting and cycles included), the well-known SIDs by name, and
// which principals count as the domain's admins.
import { cnOf } from '../discover/accounts.js';
import { privilegedGroup } from '../discover/privileged.js';
import type { Retriever } from './types.js';
import type { AuditFacts } from './parse.js';

export interface Principal {
  /** DOMAIN\name, BUILTIN\name, NT AUTHORITY\name, or the SID when nothing names it. */
  readonly name: string;
  /** sAMAccountName (or CN) as the AD cmdlets take it as -Identity. */
  readonly identity: string;
  readonly dn: string | null;
  readonly sid: string | null;
  readonly kind: Retriever['kind'];
  readonly enabled: boolean | null;
  /** Groups only: member DNs. */
  readonly members: readonly string[];
}

/** Well-known SIDs outside the domain, as Windows names them. */
const WELL_KNOWN: Readonly<Record<string, string>> = {
  'S-1-1-0': 'Everyone',
  'S-1-5-7': 'NT AUTHORITY\\ANONYMOUS LOGON',
  'S-1-5-9': 'NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS',
  'S-1-5-10': 'NT AUTHORITY\\SELF',
  'S-1-5-11': 'NT AUTHORITY\\Authenticated Users',
  'S-1-5-18': 'NT AUTHORITY\\SYSTEM',
  'S-1-3-0': 'CREATOR OWNER',
};

const ridOf = (sid: string | null): number | null => {
  const m = /^S-1-5-21-\d+-\d+-\d+-(\d+)$/i.exec(sid ?? '');
  return m?.[1] === undefined ? null : Number(m[1]);
};

/** Groups whose members are (nearly) everyone: a gMSA readable by them is readable by anyone. */
export function isBroad(sid: string | null): boolean {
  if (sid === null) return false;
  if (['S-1-1-0', 'S-1-5-7', 'S-1-5-11', 'S-1-5-32-545', 'S-1-5-32-546'].includes(sid.toUpperCase())) return true;
  // Domain Users, Domain Guests, Domain Computers.
  const rid = ridOf(sid);
  return rid === 513 || rid === 514 || rid === 515;
}

/**
 * The admins no finding names: Domain Admins (-512), Enterprise Admins (-519), BUILTIN\Administrators, SYSTEM, the
 * domain controllers (Domain Controllers -516, Enterprise Domain Controllers S-1-5-9) - Akamai's BadSuccessor script
 * excludes the first four; the DCs hold every secret anyway. Not principals at all: CREATOR OWNER (a placeholder
 * replaced by the creator; the owner is read and judged itself) and SELF (the object itself).
 */
export function isAdminOrPlaceholder(sid: string | null): boolean {
  if (sid === null) return false;
  const s = sid.toUpperCase();
  if (['S-1-5-32-544', 'S-1-5-18', 'S-1-5-9', 'S-1-3-0', 'S-1-5-10'].includes(s)) return true;
  const rid = ridOf(s);
  return rid === 512 || rid === 519 || rid === 516;
}

const key = (dn: string): string => dn.toLowerCase();

export class Directory {
  private readonly byDn = new Map<string, Principal>();
  private readonly bySid = new Map<string, Principal>();
  /** member DN -> DNs of the groups it is directly in. */
  private readonly parents = new Map<string, string[]>();

  constructor(
    private readonly domain: string,
    facts: Pick<AuditFacts, 'groups' | 'principals' | 'accounts' | 'users'>,
  ) {
    const add = (p: Principal): void => {
      if (p.dn !== null && !this.byDn.has(key(p.dn))) this.byDn.set(key(p.dn), p);
      if (p.sid !== null && !this.bySid.has(p.sid.toUpperCase())) this.bySid.set(p.sid.toUpperCase(), p);
    };
    const prefix = (sid: string | null): string =>
      sid?.toUpperCase().startsWith('S-1-5-32-') === true ? 'BUILTIN' : domain;
    for (const a of facts.accounts)
      add({
        name: `${domain}\\${a.sam}`,
        identity: a.sam,
        dn: a.dn,
        sid: a.sid,
        kind: 'managed-account',
        enabled: a.enabled,
        members: [],
      });
    for (const u of facts.users)
      add({
        name: `${domain}\\${u.sam}`,
        identity: u.sam,
        dn: u.dn,
        sid: u.sid,
        kind: 'user',
        enabled: u.enabled,
        members: [],
      });
    for (const g of facts.groups) {
      const sam = g.sam ?? g.name;
      add({
        name: `${prefix(g.sid)}\\${sam}`,
        identity: sam,
        dn: g.dn,
        sid: g.sid,
        kind: 'group',
        enabled: null,
        members: g.members,
      });
      for (const m of g.members) {
        const list = this.parents.get(key(m)) ?? [];
        list.push(g.dn);
        this.parents.set(key(m), list);
      }
    }
    for (const p of facts.principals) {
      const cls = p.objectClass.toLowerCase();
      const kind: Retriever['kind'] =
        cls === 'computer'
          ? 'computer'
          : cls === 'user' || cls === 'inetorgperson'
            ? 'user'
            : cls === 'group'
              ? 'group'
              : cls.startsWith('msds-') && cls.endsWith('serviceaccount')
                ? 'managed-account'
                : 'unknown';
      const sam = p.sam ?? cnOf(p.dn);
      add({
        name: `${prefix(p.sid)}\\${sam}`,
        identity: sam,
        dn: p.dn,
        sid: p.sid,
        kind,
        enabled: p.enabled,
        members: [],
      });
    }
  }

  byDistinguishedName(dn: string): Principal {
    return (
      this.byDn.get(key(dn)) ?? {
        name: `${this.domain}\\${cnOf(dn)}`,
        identity: dn,
        dn,
        sid: null,
        kind: 'unknown',
        enabled: null,
        members: [],
      }
    );
  }

  /** A trustee by SID: the directory's name for it, a well-known name, or the SID itself. */
  bySecurityId(sid: string): Principal {
    const found = this.bySid.get(sid.toUpperCase());
    if (found !== undefined) return found;
    const wellKnown = WELL_KNOWN[sid.toUpperCase()];
    return {
      name: wellKnown ?? sid,
      identity: sid,
      dn: null,
      sid,
      kind: wellKnown === undefined ? 'unknown' : 'well-known',
      enabled: null,
      members: [],
    };
  }

  /** Whether a group has a direct member (its `member` attribute: a member group counts even when it is empty). */
  hasMembers(p: Principal): boolean {
    return p.members.length > 0;
  }

  /**
   * The groups a DN is in, at any depth, each with the path of group names that leads to it
   * ([] for a direct one). Cycles are cut.
   */
  groupsOf(dn: string, direct: readonly string[] = []): { group: Principal; path: string[] }[] {
    const out: { group: Principal; path: string[] }[] = [];
    const seen = new Set<string>([key(dn)]);
    let level: { dn: string; path: string[] }[] = [...new Set([...direct, ...(this.parents.get(key(dn)) ?? [])])].map(
      (d) => ({ dn: d, path: [] }),
    );
    while (level.length > 0) {
      const next: { dn: string; path: string[] }[] = [];
      for (const item of level) {
        if (seen.has(key(item.dn))) continue;
        seen.add(key(item.dn));
        const group = this.byDistinguishedName(item.dn);
        out.push({ group, path: item.path });
        for (const up of this.parents.get(key(item.dn)) ?? []) next.push({ dn: up, path: [...item.path, group.name] });
      }
      level = next;
    }
    return out;
  }

  /** The privileged groups a DN is in (nested too), each with the group path that leads there ([] = direct). */
  privilegedPaths(dn: string, direct: readonly string[] = []): { group: Principal; path: string[] }[] {
    return this.groupsOf(dn, direct).filter(
      (g) => privilegedGroup({ sid: g.group.sid, name: g.group.identity }) !== undefined,
    );
  }

  /** The privileged groups a DN is in (nested too): 'Domain Admins' or 'Domain Admins (via App Admins)'. */
  privilegedGroupsOf(dn: string, direct: readonly string[] = []): string[] {
    return this.privilegedPaths(dn, direct).map((g) =>
      g.path.length === 0 ? g.group.name : `${g.group.name} (via ${g.path.join(' > ')})`,
    );
  }

  /**
   * The accounts a principal named in PrincipalsAllowedToRetrieveManagedPassword stands for: itself, or for a group
   * its members resolved through nesting (via = the group path). Broad groups are not expanded (they are the
   * finding); a group without members is listed as itself.
   */
  expand(dn: string): Retriever[] {
    const out: Retriever[] = [];
    const seen = new Set<string>();
    const walk = (d: string, via: string[]): void => {
      if (seen.has(key(d))) return;
      seen.add(key(d));
      const p = this.byDistinguishedName(d);
      if (p.kind !== 'group' || isBroad(p.sid) || p.members.length === 0) {
        out.push({ name: p.name, dn: p.dn, sid: p.sid, kind: p.kind, enabled: p.enabled, via });
        return;
      }
      for (const m of p.members) walk(m, [...via, p.name]);
    };
    walk(dn, []);
    return out;
  }
}

/** RID 500 (the built-in Administrator) and 502 (krbtgt) are privileged whatever their groups. */
export function isPrivilegedAccountSid(sid: string | null): boolean {
  const rid = ridOf(sid);
  return rid === 500 || rid === 502;
}
