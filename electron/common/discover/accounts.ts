// The account facts, read on the wizard's host (never on the swept hosts: a remote session cannot reach AD without
// delegation). ONE script per domain; inside it, one query per batch of accounts and object class:
//   Get-ADUser -LDAPFilter '(|(sAMAccountName=a)(sAMAccountName=b)...)'            users
//   Get-ADServiceAccount -LDAPFilter '(|(sAMAccountName=x$)...)'                   names ending in $ (gMSA, sMSA)
//   Get-ADGroup -LDAPFilter '(|(distinguishedName=...)...)'                        their groups (SID: privileged?)
// so 8 accounts or 800 cost the same few round trips. Properties: enabled, locked out, PasswordLastSet, the computed
// expiry (msDS-UserPasswordExpiryTimeComputed: never / must change now / a FILETIME), PasswordExpired,
// PasswordNeverExpires, LastLogonDate, SPNs, MemberOf, delegation (TrustedForDelegation, TrustedToAuthForDelegation,
// msDS-AllowedToDelegateTo). The script also answers the clock the verdicts are judged against.
import { z } from 'zod';
import { AD_READ_HELPERS } from '../directory/ps-helpers.js';
import { ps, type PsScript } from '../powershell/script.js';
import { privilegedWhy } from './privileged.js';
import type { AccountFacts } from './types.js';

/** sAMAccountNames per LDAP filter: short enough for any DC's filter limits, large enough that a fleet is one batch. */
export const ACCOUNT_BATCH = 50;

/** RFC 4515: a value inside an LDAP filter. */
export function ldapEscape(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** '(|(sAMAccountName=a)(sAMAccountName=b))' per batch. */
export function samFilters(sams: readonly string[], batch = ACCOUNT_BATCH): string[] {
  const filters: string[] = [];
  for (let i = 0; i < sams.length; i += batch) {
    const part = sams.slice(i, i + batch).map((s) => `(sAMAccountName=${ldapEscape(s)})`);
    filters.push(part.length === 1 ? (part[0] ?? '') : `(|${part.join('')})`);
  }
  return filters;
}

export interface DomainQuery {
  /** The domain as the jobs name it ('CONTOSO', 'contoso.com'); `server` null: the admin's own domain. */
  readonly domain: string;
  readonly server: string | null;
  /** sAMAccountNames of users, and of names ending in $. */
  readonly users: readonly string[];
  readonly managed: readonly string[];
}

/** One domain's script. */
export function accountsScript(query: DomainQuery, batch = ACCOUNT_BATCH): PsScript {
  return ps`# Account facts for discovery, one query per batch of accounts (read-only).
$server = ${query.server}
$userFilters = @(${samFilters(query.users, batch)})
$managedFilters = @(${samFilters(query.managed, batch)})
$ad = @{}
if ($null -ne $server) { $ad['Server'] = $server }
$queries = 0
${AD_READ_HELPERS}
function ConvertFrom-MsaExpiry {
    param($FileTime)
    # msDS-UserPasswordExpiryTimeComputed: 0x7FFFFFFFFFFFFFFF never expires, 0 must change now.
    if ($null -eq $FileTime) { return $null }
    $ft = [long]$FileTime
    if ($ft -eq [long]::MaxValue) { return $null }
    if ($ft -le 0) { return (Get-Date).ToUniversalTime().ToString('o', [System.Globalization.CultureInfo]::InvariantCulture) }
    return [datetime]::FromFileTimeUtc($ft).ToString('o', [System.Globalization.CultureInfo]::InvariantCulture)
}
function ConvertTo-MsaAccountFacts {
    param($Account, [string]$Kind)
    [ordered]@{
        type = $Kind; sam = [string]$Account.SamAccountName; dn = [string]$Account.DistinguishedName; sid = [string]$Account.SID
        enabled = [bool]$Account.Enabled; lockedOut = [bool]$Account.LockedOut
        passwordLastSet = (ConvertTo-MsaIsoText $Account.PasswordLastSet)
        passwordExpires = (ConvertFrom-MsaExpiry $Account.'msDS-UserPasswordExpiryTimeComputed')
        passwordExpired = [bool]$Account.PasswordExpired; passwordNeverExpires = [bool]$Account.PasswordNeverExpires
        lastLogonDate = (ConvertTo-MsaIsoText $Account.LastLogonDate)
        spns = @($Account.ServicePrincipalName | Where-Object { $_ } | ForEach-Object { [string]$_ })
        memberOf = @($Account.MemberOf | Where-Object { $_ } | ForEach-Object { [string]$_ })
        unconstrained = [bool]$Account.TrustedForDelegation; protocolTransition = [bool]$Account.TrustedToAuthForDelegation
        allowedToDelegateTo = @($Account.'msDS-AllowedToDelegateTo' | Where-Object { $_ } | ForEach-Object { [string]$_ })
    }
}
$properties = @('Enabled', 'LockedOut', 'PasswordLastSet', 'PasswordExpired', 'PasswordNeverExpires',
    'msDS-UserPasswordExpiryTimeComputed', 'LastLogonDate', 'ServicePrincipalName', 'MemberOf',
    'TrustedForDelegation', 'TrustedToAuthForDelegation', 'msDS-AllowedToDelegateTo')
[ordered]@{ type = 'clock'; now = (ConvertTo-MsaIsoText (Get-Date)) }
$groupDns = @{}
foreach ($filter in $userFilters) {
    $queries++
    foreach ($user in @(Get-ADUser -LDAPFilter $filter -Properties $properties @ad)) {
        $facts = ConvertTo-MsaAccountFacts $user 'user'
        foreach ($dn in $facts.memberOf) { $groupDns[$dn] = $true }
        $facts
    }
}
foreach ($filter in $managedFilters) {
    $queries++
    foreach ($account in @(Get-ADServiceAccount -LDAPFilter $filter -Properties $properties @ad)) {
        $facts = ConvertTo-MsaAccountFacts $account 'managed'
        foreach ($dn in $facts.memberOf) { $groupDns[$dn] = $true }
        $facts
    }
}
# The groups, then the groups they are in, level by level (a group nested in Domain Admins is privileged too).
$seen = @{}
$pending = @($groupDns.Keys)
while ($pending.Count -gt 0) {
    foreach ($dn in $pending) { $seen[$dn] = $true }
    $next = @{}
    for ($i = 0; $i -lt $pending.Count; $i += ${batch}) {
        $last = [math]::Min($i + ${batch}, $pending.Count) - 1
        $parts = @($pending[$i..$last] | ForEach-Object {
            '(distinguishedName=' + (ConvertTo-MsaFilterValue $_) + ')'
        })
        $filter = '(|' + ($parts -join '') + ')'
        $queries++
        foreach ($group in @(Get-ADGroup -LDAPFilter $filter -Properties MemberOf @ad)) {
            $parents = @($group.MemberOf | Where-Object { $_ } | ForEach-Object { [string]$_ })
            [ordered]@{ type = 'group'; dn = [string]$group.DistinguishedName; name = [string]$group.Name; sid = [string]$group.SID; memberOf = $parents }
            foreach ($parent in $parents) { if (-not $seen.ContainsKey($parent)) { $next[$parent] = $true } }
        }
    }
    $pending = @($next.Keys)
}
[ordered]@{ type = 'count'; adQueries = $queries }`;
}

const accountRecord = z.object({
  type: z.enum(['user', 'managed']),
  sam: z.string(),
  dn: z.string(),
  sid: z.string(),
  enabled: z.boolean(),
  lockedOut: z.boolean(),
  passwordLastSet: z.string().nullable(),
  passwordExpires: z.string().nullable(),
  passwordExpired: z.boolean(),
  passwordNeverExpires: z.boolean(),
  lastLogonDate: z.string().nullable(),
  spns: z.array(z.string()),
  memberOf: z.array(z.string()),
  unconstrained: z.boolean(),
  protocolTransition: z.boolean(),
  allowedToDelegateTo: z.array(z.string()),
});
const record = z.discriminatedUnion('type', [
  z.object({ type: z.literal('clock'), now: z.string() }),
  accountRecord.extend({ type: z.literal('user') }),
  accountRecord.extend({ type: z.literal('managed') }),
  z.object({
    type: z.literal('group'),
    dn: z.string(),
    name: z.string(),
    sid: z.string(),
    memberOf: z.array(z.string()),
  }),
  z.object({ type: z.literal('count'), adQueries: z.number().int() }),
]);

export interface DomainFacts {
  /** By lower-case sAMAccountName. */
  readonly accounts: ReadonlyMap<string, Omit<AccountFacts, 'account'>>;
  readonly now: Date;
  readonly adQueries: number;
}

const sameDn = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

interface GroupRecord {
  readonly dn: string;
  readonly name: string;
  readonly sid: string | null;
  readonly memberOf: readonly string[];
}

/** The name a DN gives its object: 'CN=Report Readers,CN=Users,...' -> 'Report Readers'. */
export const cnOf = (dn: string): string => /^CN=((?:\\,|[^,])+)/i.exec(dn)?.[1]?.replace(/\\,/g, ',') ?? dn;

/**
 * Why a group must not be copied: it is privileged itself, or nested (at any depth) in a privileged group, which would
 * make the gMSA a member of that group too. Null when it may be copied.
 */
export function groupPrivilege(dn: string, groups: readonly GroupRecord[]): string | null {
  const find = (d: string): GroupRecord =>
    groups.find((g) => sameDn(g.dn, d)) ?? { dn: d, name: cnOf(d), sid: null, memberOf: [] };
  const self = find(dn);
  const own = privilegedWhy({ sid: self.sid, name: self.name });
  if (own !== undefined) return own;
  const seen = new Set([dn.toLowerCase()]);
  let level = [...self.memberOf];
  while (level.length > 0) {
    const next: string[] = [];
    for (const parentDn of level) {
      if (seen.has(parentDn.toLowerCase())) continue;
      seen.add(parentDn.toLowerCase());
      const parent = find(parentDn);
      const why = privilegedWhy({ sid: parent.sid, name: parent.name });
      if (why !== undefined)
        return `${self.name} is nested in ${parent.name}: copying it would put the gMSA there too. ${why}`;
      next.push(...parent.memberOf);
    }
    level = next;
  }
  return null;
}

/** One domain's answer as facts per account; an account the query did not return is 'missing' (domain.ts decides). */
export function decodeAccounts(domain: string, data: readonly unknown[]): DomainFacts {
  const records = data.map((d) => record.parse(d));
  const groups = records.flatMap((r) => (r.type === 'group' ? [r] : []));
  const accounts = new Map<string, Omit<AccountFacts, 'account'>>();
  let now = new Date();
  let adQueries = 0;
  for (const r of records) {
    if (r.type === 'clock') now = new Date(r.now);
    if (r.type === 'count') adQueries = r.adQueries;
    if (r.type !== 'user' && r.type !== 'managed') continue;
    accounts.set(r.sam.toLowerCase(), {
      kind: r.type,
      domain,
      sam: r.sam,
      dn: r.dn,
      sid: r.sid,
      enabled: r.enabled,
      lockedOut: r.lockedOut,
      passwordLastSet: r.passwordLastSet,
      passwordExpires: r.passwordExpires,
      passwordExpired: r.passwordExpired,
      passwordNeverExpires: r.passwordNeverExpires,
      lastLogonDate: r.lastLogonDate,
      spns: r.spns,
      groups: r.memberOf.map((dn) => {
        const g = groups.find((x) => sameDn(x.dn, dn));
        return { name: g?.name ?? cnOf(dn), dn, sid: g?.sid ?? null, privileged: groupPrivilege(dn, groups) };
      }),
      delegation: {
        unconstrained: r.unconstrained,
        protocolTransition: r.protocolTransition,
        allowedToDelegateTo: r.allowedToDelegateTo,
      },
    });
  }
  return { accounts, now, adQueries };
}

/** The facts of an account AD does not hold (deleted, renamed, or a typo in the job). */
export function missingAccount(account: string, domain: string, sam: string): AccountFacts {
  return {
    account,
    kind: 'missing',
    domain,
    sam,
    dn: null,
    sid: null,
    enabled: null,
    lockedOut: null,
    passwordLastSet: null,
    passwordExpires: null,
    passwordExpired: null,
    passwordNeverExpires: null,
    lastLogonDate: null,
    spns: [],
    groups: [],
    delegation: { unconstrained: false, protocolTransition: false, allowedToDelegateTo: [] },
  };
}
