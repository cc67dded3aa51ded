// The audit's judging: the script's facts (parse.ts) -> the inventory, the KDS keys and the findings. Pure: no
// PowerShell, `now` from the directory's clock, so tests feed it facts and read what it concludes.
import { isDmsaCapableDc } from '../checks/levels.js';
import { accountName } from '../discover/verdict.js';
import { formatAbsolute } from '../when.js';
import { GUIDS } from './guids.js';
import { makeFinding, type FindingContext, type FindingKind, type Trustee } from './findings.js';
import type { AccountRecord, AuditFacts, ContainerRecord, Rule, Security } from './parse.js';
import { Directory, isAdminOrPlaceholder, isBroad, isPrivilegedAccountSid, type Principal } from './principals.js';
import type { DiscoveredUse } from './input.js';
import type { AccountUse, AuditReport, Finding, InventoryAccount, KdsKey, Retriever } from './types.js';

/** The schemaIDGUID of each class whose objects the audit judges (an inherited rule may be limited to one). */
const CLASS_GUIDS: Readonly<Record<string, string>> = {
  'msds-groupmanagedserviceaccount': '7b8b558a-93a5-4af7-adca-c017e67f1057',
  'msds-managedserviceaccount': 'ce206244-5827-4a86-ba1c-1c0c386c1b64',
  'msds-delegatedmanagedserviceaccount': GUIDS.dmsaClass,
  organizationalunit: 'bf967aa5-0de6-11d0-a285-00aa003049e2',
  container: 'bf967a8b-0de6-11d0-a285-00aa003049e2',
  // The domain head: a dMSA can be created directly under it (BadSuccessor), so its ACL is judged with the OUs.
  domaindns: '19195a5b-6da0-11d0-afd3-00c04fd930c9',
  'mskds-provrootkey': 'aa02fd41-17e0-4f18-8687-b2239649736b',
};

/** ActiveDirectoryRights bits. */
const RIGHT = {
  createChild: 0x1,
  readProperty: 0x10,
  writeProperty: 0x20,
  extendedRight: 0x100,
  writeDacl: 0x40000,
  writeOwner: 0x80000,
} as const;

const DAY_MS = 86_400_000;
const GUID_NAMES: Readonly<Record<string, string>> = {
  [GUIDS.groupMsaMembership]: 'msDS-GroupMSAMembership',
  [GUIDS.kdsRootKeyData]: 'msKds-RootKeyData',
  [GUIDS.dmsaClass]: 'msDS-DelegatedManagedServiceAccount objects',
};

/** 'CONTOSO\\App Servers' -> 'App Servers', as the AD cmdlets take it. */
const identityOf = (name: string): string => name.replace(/^[^\\]*\\/, '');
const isEmptyGuid = (g: string): boolean => g === '' || g.toLowerCase() === GUIDS.empty;
const sameGuid = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Whether a rule applies to the object itself: not inherit-only (Akamai's script skips PropagationFlags InheritOnly:
 * ActiveDirectorySecurityInheritance Descendents and Children), and an inherited rule limited to a class
 * (InheritedObjectType) only on objects of that class.
 */
function appliesToObject(rule: Rule, objectClass: string): boolean {
  if (rule.inheritance === 'Descendents' || rule.inheritance === 'Children') return false;
  if (!rule.inherited || isEmptyGuid(rule.inheritedObjectType)) return true;
  const own = CLASS_GUIDS[objectClass.toLowerCase()];
  return own !== undefined && sameGuid(own, rule.inheritedObjectType);
}

/** 'CONTOSO\Helpdesk: Allow WriteProperty on msDS-GroupMSAMembership (explicit)'. */
function describeRule(rule: Rule, trustee: string): string {
  const on = isEmptyGuid(rule.objectType)
    ? (rule.bits & RIGHT.createChild) !== 0
      ? ' on objects of every class'
      : ''
    : ` on ${GUID_NAMES[rule.objectType.toLowerCase()] ?? rule.objectType}`;
  return `${trustee}: Allow ${rule.rights}${on} (${rule.inherited ? 'inherited' : 'explicit'})`;
}

interface Match {
  readonly trustee: Principal;
  readonly rule: Rule | null;
  readonly line: string;
}

/** The rules (and a non-admin owner) of a descriptor that `wanted` keeps, trustees named. */
function matches(
  dir: Directory,
  security: NonNullable<Security>,
  objectClass: string,
  wanted: (rule: Rule) => boolean,
  excluded: (p: Principal) => boolean,
): Match[] {
  const out: Match[] = [];
  for (const rule of security.access) {
    if (!appliesToObject(rule, objectClass) || !wanted(rule)) continue;
    const trustee = dir.bySecurityId(rule.sid);
    if (excluded(trustee)) continue;
    out.push({ trustee, rule, line: describeRule(rule, trustee.name) });
  }
  if (security.owner !== null) {
    const owner = dir.bySecurityId(security.owner);
    if (!excluded(owner))
      out.push({ trustee: owner, rule: null, line: `${owner.name}: owner (may change the ACL whatever it says)` });
  }
  return out;
}

const trusteesOf = (list: readonly Match[]): Trustee[] => {
  const seen = new Map<string, Trustee>();
  for (const m of list) {
    const sid = m.trustee.sid ?? m.trustee.name;
    if (m.rule === null) {
      seen.set(`owner:${sid}`, { name: m.trustee.name, sid, inherited: false, owner: true });
      continue;
    }
    const inherited = m.rule.inherited;
    const prior = seen.get(sid);
    if (prior === undefined || (prior.inherited && !inherited)) seen.set(sid, { name: m.trustee.name, sid, inherited });
  }
  return [...seen.values()].filter((t) => t.sid.startsWith('S-1-'));
};
const uniqueNames = (list: readonly Match[]): string[] => [...new Set(list.map((m) => m.trustee.name))];

/** msDS-SupportedEncryptionTypes bits as names. */
function encryptionNames(bits: number | null): string[] {
  if (bits === null) return [];
  const names: string[] = [];
  if ((bits & 0x3) !== 0) names.push('DES');
  if ((bits & 0x4) !== 0) names.push('RC4');
  if ((bits & 0x8) !== 0) names.push('AES128');
  if ((bits & 0x10) !== 0) names.push('AES256');
  return names;
}

const typeOf = (objectClass: string): InventoryAccount['type'] => {
  const c = objectClass.toLowerCase();
  if (c === 'msds-groupmanagedserviceaccount') return 'gMSA';
  if (c === 'msds-delegatedmanagedserviceaccount') return 'dMSA';
  return 'sMSA';
};

const daysBetween = (from: string, now: Date): number =>
  Math.floor((now.getTime() - new Date(from).getTime()) / DAY_MS);
const dated = (label: string, iso: string, now: Date): string =>
  `${label} ${formatAbsolute(iso)} (${daysBetween(iso, now)} days ago)`;

/** The sAMAccountName a job runs as, lower-case, as discovery reads it: DOMAIN\\name, .\\name or name@domain. */
const samOf = (runsAs: string, host: string, facts: AuditFacts): string =>
  (accountName(runsAs, host, facts.context.domain, facts.context.dnsRoot).sam ?? '').toLowerCase();

/** An account's uses (`byAccount`: this computer's first, then a discovery sweep's), the same host+kind+name once. */
function usesOf(sam: string, byAccount: ReadonlyMap<string, AccountUse[]>) {
  const seen = new Set<string>();
  return (byAccount.get(sam.toLowerCase()) ?? []).filter((u) => {
    const k = `${u.host}|${u.kind}|${u.name}`.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export interface Judgement {
  readonly accounts: InventoryAccount[];
  readonly findings: Finding[];
  readonly kdsKeys: KdsKey[];
  readonly dcs: AuditReport['dcs'];
}

/** Everything the audit concludes from the facts. `usedBy`: uses a discovery sweep found, by account. */
export function judge(facts: AuditFacts, usedBy: readonly DiscoveredUse[] = []): Judgement {
  const now = new Date(facts.context.now);
  const domain = facts.context.domain;
  const dir = new Directory(domain, facts);
  /** Who an object owned by a non-admin is given back to: Domain Admins, the owner of what admins create. */
  const newOwner = `${facts.context.domainSid}-512`;
  const findings: Finding[] = [];
  const add = (
    kind: FindingKind,
    context: FindingContext,
    evidence: readonly string[],
    options?: Parameters<typeof makeFinding>[3],
  ) => findings.push(makeFinding(kind, context, evidence, options));
  const problem = (section: string): string | undefined => {
    const p = facts.problems.find((x) => x.section === section);
    return p === undefined ? undefined : `${p.message} (${p.fqid})`;
  };
  /** ' (the error)' when a section failed: said after "could not be read". */
  const becauseOf = (section: string): string => {
    const p = problem(section);
    return p === undefined ? '' : ` (${p})`;
  };
  /** The subject of the findings about the domain as a whole. */
  const domainSubject = { kind: 'domain' as const, name: facts.context.dnsRoot, dn: facts.context.domainDn };

  const dcs = facts.dcs.map((d) => ({ name: d.name, operatingSystem: d.operatingSystem, version: d.version }));
  // The DCs dMSAs (and BadSuccessor) exist on: the health check's rule, by version (build 26100 or later).
  const dcs2025 = facts.dcs.filter((d) => isDmsaCapableDc(d.version));

  // Every use grouped by account once: this computer's read first, then what a discovery sweep found.
  const byAccount = new Map<string, AccountUse[]>();
  const addUse = (runsAs: string, use: AccountUse): void => {
    const sam = samOf(runsAs, use.host, facts);
    byAccount.set(sam, [...(byAccount.get(sam) ?? []), use]);
  };
  for (const u of facts.uses) addUse(u.runsAs, { host: u.host, kind: u.kind, name: u.name, source: 'this-computer' });
  for (const u of usedBy) addUse(u.account, { host: u.host, kind: u.kind, name: u.name, source: 'discovery' });

  const accountOperators = dir.bySecurityId('S-1-5-32-548');
  /**
   * Who a gMSA finding never names: the admins, and Account Operators while it is empty (the class default gives it
   * full control over every managed account: worth a finding only once it has members).
   */
  const accountExcluded = (p: Principal): boolean =>
    isAdminOrPlaceholder(p.sid) || (p.sid === 'S-1-5-32-548' && !dir.hasMembers(accountOperators));

  const accounts: InventoryAccount[] = facts.accounts.map((a) => {
    const type = typeOf(a.objectClass);
    // Each named retriever expanded once: the inventory lists them all, the fixes need to know which DN gave which.
    const expanded = a.retrievers.map((dn) => ({ dn, retrievers: dir.expand(dn) }));
    const retrievers = expanded.flatMap((e) => e.retrievers);
    const privilegedGroups = dir.privilegedGroupsOf(a.dn, a.memberOf);
    judgeAccount(a, type, expanded, retrievers, privilegedGroups);
    return {
      type,
      sam: a.sam,
      name: a.name,
      dn: a.dn,
      sid: a.sid,
      dnsHostName: a.dnsHostName,
      enabled: a.enabled,
      created: a.created,
      passwordLastSet: a.passwordLastSet,
      passwordIntervalDays: a.intervalDays ?? 30,
      lastLogon: a.lastLogon,
      encryptionTypes: encryptionNames(a.encryptionTypes),
      spns: a.spns,
      retrievers,
      linkedHosts: a.linkedHosts.map((dn) => dir.byDistinguishedName(dn).name),
      delegation: {
        unconstrained: a.unconstrained,
        protocolTransition: a.protocolTransition,
        allowedToDelegateTo: a.allowedToDelegateTo,
      },
      privilegedGroups,
      precededBy: a.precededBy,
      dmsaState: a.dmsaState,
      usedBy: usesOf(a.sam, byAccount),
    };
  });

  function judgeAccount(
    a: AccountRecord,
    type: InventoryAccount['type'],
    expanded: readonly { readonly dn: string; readonly retrievers: readonly Retriever[] }[],
    retrievers: Retriever[],
    privileged: string[],
  ) {
    const subject = { kind: 'account' as const, name: a.sam, dn: a.dn };
    /** The fix's parts: the named retrievers to keep (undefined: none to drop there) and the group memberships to end. */
    const fixOf = (drop: (r: Retriever) => boolean): Pick<FindingContext, 'keep' | 'nested'> => {
      const named = expanded.filter((e) => e.retrievers.some((r) => r.via.length === 0 && drop(r))).map((e) => e.dn);
      const nested = retrievers
        .filter((r) => r.via.length > 0 && drop(r))
        .map((r) => ({ group: identityOf(r.via[r.via.length - 1] ?? ''), member: r.dn ?? r.name }));
      return {
        ...(named.length === 0
          ? {}
          : {
              keep: a.retrievers.filter((dn) => !named.includes(dn)).map((dn) => dir.byDistinguishedName(dn).identity),
            }),
        ...(nested.length === 0 ? {} : { nested }),
      };
    };
    const path = (r: Retriever): string =>
      r.via.length === 0
        ? `${r.name}: named in PrincipalsAllowedToRetrieveManagedPassword`
        : `${[...r.via, r.name].join(' > ')}`;
    if (type !== 'sMSA') {
      const broad = retrievers.filter((r) => isBroad(r.sid));
      if (broad.length > 0)
        add(
          'gmsa-broad-retriever',
          { subject, principals: [...new Set(broad.map((r) => r.name))], ...fixOf((r) => isBroad(r.sid)) },
          broad.map(path),
        );
      const users = retrievers.filter((r) => r.kind === 'user');
      if (users.length > 0)
        add(
          'gmsa-retriever-user',
          { subject, principals: [...new Set(users.map((r) => r.name))], ...fixOf((r) => r.kind === 'user') },
          users.map(path),
        );
      const disabled = retrievers.filter((r) => r.kind === 'computer' && r.enabled === false);
      if (disabled.length > 0)
        add(
          'gmsa-retriever-disabled-computer',
          {
            subject,
            principals: [...new Set(disabled.map((r) => r.name))],
            ...fixOf((r) => r.kind === 'computer' && r.enabled === false),
          },
          disabled.map((r) => `${path(r)} (disabled)`),
        );
      if (a.security === null) {
        add('gmsa-membership-writable', { subject }, [], {
          unknown: `The security descriptor of ${a.sam} could not be read (${problem('accounts') ?? 'the account answered without nTSecurityDescriptor'}): run the audit as a Domain Admin.`,
        });
      } else {
        const writers = matches(
          dir,
          a.security,
          a.objectClass,
          (r) =>
            (r.bits & (RIGHT.writeDacl | RIGHT.writeOwner)) !== 0 ||
            ((r.bits & RIGHT.writeProperty) !== 0 &&
              (isEmptyGuid(r.objectType) || sameGuid(r.objectType, GUIDS.groupMsaMembership))),
          accountExcluded,
        );
        if (writers.length > 0)
          add(
            'gmsa-membership-writable',
            { subject, principals: uniqueNames(writers), trustees: trusteesOf(writers), newOwner },
            writers.map((m) => m.line),
          );
      }
    }
    const interval = a.intervalDays ?? 30;
    if (a.enabled && a.passwordLastSet !== null && daysBetween(a.passwordLastSet, now) > 2 * interval)
      add('password-not-rotated', { subject, intervalDays: interval }, [
        dated('Password last set', a.passwordLastSet, now),
        `Interval: ${interval} days; two intervals: ${2 * interval} days`,
      ]);
    const lastUse = a.lastLogon;
    const unused =
      lastUse !== null ? daysBetween(lastUse, now) > 90 : a.created !== null && daysBetween(a.created, now) > 90;
    if (a.enabled && unused)
      add('unused-90-days', { subject }, [
        lastUse === null ? 'Never logged on' : dated('Last logon', lastUse, now),
        ...(a.created === null ? [] : [dated('Created', a.created, now)]),
      ]);
    const enc = encryptionNames(a.encryptionTypes);
    const encLine = `msDS-SupportedEncryptionTypes: ${a.encryptionTypes ?? 'not set'} (${enc.join(', ') || 'none'})`;
    const aes = enc.includes('AES128') || enc.includes('AES256');
    if (enc.includes('RC4') && !aes) add('rc4-only', { subject }, [encLine]);
    if (enc.includes('DES')) add('des-enabled', { subject }, [encLine]);
    // No AES bit at all (unset, 0, DES only...), unless rc4-only above already says so.
    if (!aes && !enc.includes('RC4')) add('aes-missing', { subject }, [encLine]);
    if (privileged.length > 0) {
      const paths = dir.privilegedPaths(a.dn, a.memberOf);
      // Out of the privileged group itself, or out of the first group of the path that nests it there.
      const nested = [
        ...new Map(
          paths.map((p) => {
            const group = p.path.length === 0 ? p.group.identity : identityOf(p.path[0] ?? '');
            return [group.toLowerCase(), { group, member: a.sam }] as const;
          }),
        ).values(),
      ];
      add(
        'privileged-managed-account',
        { subject, principals: [...new Set(paths.map((p) => p.group.name))], nested },
        privileged.map((p) => `Member of ${p}`),
      );
    }
    if (a.unconstrained)
      add('unconstrained-delegation', { subject }, ['TrustedForDelegation: True (userAccountControl 0x80000)']);
    if (type === 'dMSA' && a.precededBy !== null) {
      const target = dir.byDistinguishedName(a.precededBy);
      const groups = dir.privilegedGroupsOf(a.precededBy);
      if (groups.length > 0 || isPrivilegedAccountSid(target.sid))
        add('dmsa-preceded-by-privileged', { subject, precededBy: target.name }, [
          `msDS-ManagedAccountPrecededByLink: ${a.precededBy}`,
          `msDS-DelegatedMSAState: ${a.dmsaState ?? 'not set'}${a.dmsaState === 2 ? ' (migration completed)' : a.dmsaState === 1 ? ' (migration in progress)' : ''}`,
          ...groups.map((g) => `${target.name} is in ${g}`),
          ...(isPrivilegedAccountSid(target.sid)
            ? [`${target.name} is a built-in privileged account (${target.sid ?? ''})`]
            : []),
        ]);
    }
  }

  // BadSuccessor: who may create a dMSA (CreateChild all or dMSA), or take the container over (GenericAll includes
  // CreateChild; WriteDACL, WriteOwner, the owner), other than the admins. Akamai's script reads OUs; containers too.
  const unreadable = facts.containers.filter((c) => c.security === null);
  for (const c of facts.containers) {
    if (c.security === null) continue;
    const found = matches(
      dir,
      c.security,
      c.objectClass,
      (r) =>
        (r.bits & (RIGHT.writeDacl | RIGHT.writeOwner)) !== 0 ||
        ((r.bits & RIGHT.createChild) !== 0 && (isEmptyGuid(r.objectType) || sameGuid(r.objectType, GUIDS.dmsaClass))),
      (p) => isAdminOrPlaceholder(p.sid),
    );
    if (found.length === 0) continue;
    add(
      'badsuccessor-ou',
      {
        subject: { kind: containerKind(c), name: c.name, dn: c.dn },
        principals: uniqueNames(found),
        trustees: trusteesOf(found),
        newOwner,
        dc2025: dcs2025.length > 0,
      },
      [
        ...found.map((m) => m.line),
        dcs2025.length > 0
          ? `Windows Server 2025 DC: ${dcs2025.map((d) => d.name).join(', ')}`
          : 'No Windows Server 2025 DC yet',
      ],
    );
  }
  if (unreadable.length > 0)
    add(
      'badsuccessor-ou',
      { subject: domainSubject, principals: [] },
      unreadable.map((c) => c.dn),
      {
        unknown: `The ACLs of ${unreadable.length} OUs and containers could not be read${becauseOf('containers')}: run the audit as a Domain Admin.`,
      },
    );
  if (dcs2025.length > 0)
    add(
      'dc-update-level',
      {
        subject: domainSubject,
        dcs: dcs2025.map((d) => d.hostName),
      },
      dcs2025.map(
        (d) => `${d.name}: ${d.operatingSystem}, version ${d.version} (the build, without its update revision)`,
      ),
      {
        unknown:
          "The directory records each DC's OS build (operatingSystemVersion) but not its update revision (UBR), which is where the August 2025 fix shows: check on each DC.",
      },
    );

  // KDS root keys: the times from Get-KdsRootKey, the ACL and SACL from the key objects.
  const kdsKeys: KdsKey[] = [];
  const ids = [
    ...new Set([...facts.kds.map((k) => k.keyId.toLowerCase()), ...facts.kdsObjects.map((k) => k.keyId.toLowerCase())]),
  ];
  for (const id of ids) {
    const times = facts.kds.find((k) => k.keyId.toLowerCase() === id);
    const object = facts.kdsObjects.find((k) => k.keyId.toLowerCase() === id);
    const security = object?.security ?? null;
    const subject = { kind: 'kds-key' as const, name: times?.keyId ?? object?.keyId ?? id, dn: object?.dn ?? null };
    const readers =
      security === null
        ? []
        : matches(
            dir,
            security,
            'msKds-ProvRootKey',
            (r) =>
              (r.bits & RIGHT.readProperty) !== 0 &&
              (isEmptyGuid(r.objectType) || sameGuid(r.objectType, GUIDS.kdsRootKeyData)),
            (p) => isAdminOrPlaceholder(p.sid),
          );
    // A non-admin owner is kept: it may grant itself ReadProperty and Control Access whatever the DACL says.
    const grantsRead = (m: Match): boolean => m.rule === null || (m.rule.bits & RIGHT.extendedRight) !== 0;
    const audited =
      security?.audit === null || security === null
        ? null
        : security.audit.some(
            (r) =>
              /Success/.test(r.flags) &&
              (r.bits & RIGHT.readProperty) !== 0 &&
              (isEmptyGuid(r.objectType) || sameGuid(r.objectType, GUIDS.kdsRootKeyData)),
          );
    const effective = times?.effective ?? null;
    kdsKeys.push({
      keyId: subject.name,
      created: times?.created ?? object?.created ?? null,
      effective,
      isEffective: effective !== null && new Date(effective).getTime() <= now.getTime(),
      readers: uniqueNames(readers),
      readsAudited: audited,
    });
    if (readers.length > 0)
      add(
        'kds-key-readable',
        {
          subject,
          principals: uniqueNames(readers),
          trustees: trusteesOf(readers),
          controlAccess: readers.some(grantsRead),
          newOwner,
        },
        [
          ...readers.map((m) =>
            grantsRead(m)
              ? m.line
              : `${m.line}; msKds-RootKeyData is confidential: reading it also needs Control Access, which this rule does not give`,
          ),
          ...(audited === false ? ['No audit rule logs reads of this key (event 4662)'] : []),
        ],
      );
    if (security === null)
      add('kds-key-readable', { subject }, [], {
        unknown: `The security descriptor of KDS root key ${subject.name} could not be read${becauseOf('kdsObjects')}: only Domain Admins and Enterprise Admins may read it.`,
      });
    if (audited === false)
      add('kds-reads-not-audited', { subject }, [
        'SACL: no Success audit rule logs reads of msKds-RootKeyData (event 4662)',
      ]);
    if (audited === null && security !== null)
      add('kds-reads-not-audited', { subject }, [], {
        unknown: 'The SACL could be read only with SeSecurityPrivilege: run the audit elevated, as a Domain Admin.',
      });
  }
  const kdsProblem = problem('kds');
  if (!kdsKeys.some((k) => k.isEffective)) {
    add(
      'kds-no-effective-key',
      { subject: domainSubject },
      kdsKeys.map((k) => `Key ${k.keyId}: effective ${k.effective === null ? 'unknown' : formatAbsolute(k.effective)}`),
      kdsProblem !== undefined
        ? {
            unknown: `Get-KdsRootKey failed (${kdsProblem}): only Domain Admins and Enterprise Admins may read KDS root keys.`,
          }
        : kdsKeys.length === 0 && !facts.context.domainAdmin
          ? {
              unknown:
                'Get-KdsRootKey returned no key, but only Domain Admins and Enterprise Admins may read KDS root keys: run the audit as one to know.',
            }
          : {},
    );
  }

  // Users that run services with a password people keep.
  for (const u of facts.users) {
    if (!u.enabled || u.spns.length === 0 || u.sam.toLowerCase() === 'krbtgt') continue;
    const privileged = dir.privilegedGroupsOf(u.dn, u.memberOf);
    const old = u.passwordLastSet !== null && daysBetween(u.passwordLastSet, now) > 365;
    if (!u.passwordNeverExpires && !old && privileged.length === 0) continue;
    add(
      'user-should-be-managed',
      { subject: { kind: 'user', name: u.sam, dn: u.dn }, privileged: privileged.length > 0 },
      [
        `SPNs: ${u.spns.join(', ')}`,
        ...(u.passwordNeverExpires ? ['Password never expires'] : []),
        ...(u.passwordLastSet === null ? ['Password never set'] : [dated('Password last set', u.passwordLastSet, now)]),
        ...(u.created === null ? [] : [dated('Created', u.created, now)]),
        ...privileged.map((g) => `Member of ${g}`),
      ],
      { moveAccount: u.sam },
    );
  }

  // A read that failed as a whole: said once each, with the cmdlet to run by hand (the SD-level gaps are said above).
  for (const p of facts.problems) {
    const read = READS[p.section];
    // Before Windows Server 2025 the schema has no dMSA attributes to ask for: nothing was missed.
    if (read === undefined || (p.section === 'dmsa' && dcs2025.length === 0)) continue;
    add(
      'read-incomplete',
      { subject: { kind: 'domain', name: read.what, dn: facts.context.domainDn }, command: p.command ?? read.command },
      [`${p.message} (${p.fqid})`],
      { unknown: `${read.what} could not be read: ${p.message}` },
    );
  }

  return { accounts, findings, kdsKeys, dcs };
}

/** The script's sections (parse.ts problem records): what each reads, and the cmdlet that reads it. */
const READS: Readonly<Record<string, { what: string; command: string }>> = {
  dcs: { what: 'the domain controllers', command: 'Get-ADDomainController -Filter *' },
  accounts: {
    what: 'the managed service accounts',
    command: 'Get-ADServiceAccount -Filter * -Properties nTSecurityDescriptor',
  },
  dmsa: {
    what: 'the delegated managed service accounts (dMSA)',
    command:
      "Get-ADObject -LDAPFilter '(objectClass=msDS-DelegatedManagedServiceAccount)' -Properties msDS-ManagedAccountPrecededByLink",
  },
  containers: {
    what: 'the OUs and containers',
    command:
      "Get-ADObject -LDAPFilter '(|(objectClass=organizationalUnit)(objectClass=container)(objectClass=domainDNS))' -Properties nTSecurityDescriptor",
  },
  users: { what: 'the user accounts with an SPN', command: "Get-ADUser -LDAPFilter '(servicePrincipalName=*)'" },
  groups: {
    what: 'the privileged groups and the groups that may retrieve passwords',
    command: "Get-ADGroup -LDAPFilter '(memberOf:1.2.840.113556.1.4.1941:=<group DN>)' -Properties member",
  },
  computers: { what: 'the computers', command: 'Get-ADComputer -Filter *' },
  // The script hands the exact query it made (problem.command); this runs as is when it did not.
  principals: {
    what: 'the principals named in the ACLs',
    command:
      "Get-ADObject -LDAPFilter '(|(objectClass=user)(objectClass=group)(objectClass=computer))' -Properties sAMAccountName, objectSid, userAccountControl",
  },
  'dmsa-retrievers': {
    what: 'who may retrieve the dMSA passwords',
    command:
      'Get-ADServiceAccount -Filter "ObjectClass -eq \'msDS-DelegatedManagedServiceAccount\'" -Properties PrincipalsAllowedToRetrieveManagedPassword | Select-Object Name, PrincipalsAllowedToRetrieveManagedPassword',
  },
  uses: {
    what: "this computer's tasks, services and pools",
    command: 'Get-ScheduledTask; Get-CimInstance -ClassName Win32_Service',
  },
};

const containerKind = (c: ContainerRecord): 'ou' | 'container' | 'domain' => {
  const cls = c.objectClass.toLowerCase();
  return cls === 'organizationalunit' ? 'ou' : cls === 'domaindns' ? 'domain' : 'container';
};
