// From what discovery found to an answers file that moves a user account's workloads to a gMSA: pure, no PowerShell.
// Input: the discovery report (../discover/types.ts), what the admin picked (the account, or one task / service /
// pool), and the old account's explicit rules on the workloads' files (acl-read.ts). Output: answers version 2 that
// `plan` / `apply` and Open answers take, with `migration` (groups copied and not with why, SPNs moved, file rights,
// delegation shown) and one workload per use: a task side by side (existing-task), a service or a pool pointed at the
// gMSA (their acknowledgeNoRestore only when the admin gave it, --acknowledge-no-restore: undo cannot put the user
// account back, and only the admin may accept that). The gMSA's retrieval group holds every host where the old account
// runs the picked jobs.
import { CheckInputError } from '../checks/types.js';
import { privilegedWhy } from '../discover/privileged.js';
import type { AccountFacts, DiscoveryReport, Finding, WorkloadUse } from '../discover/types.js';
import {
  accountNameSchema,
  FILE_SYSTEM_RIGHTS,
  groupNameSchema,
  spnSchema,
  type PlanInput,
} from '../plan/plan-schema.js';
import { oldAccountChecklist, type ChecklistItem } from './old-account-checklist.js';
import { suggestGmsaName } from './suggest-name.js';

/** What the admin picked: an account with all its uses, or one use (on a computer). */
export interface AdoptSelection {
  /** The old account: 'svc-report-user' or 'CONTOSO\\svc-report-user'. */
  readonly account?: string;
  /** With task/service/appPool: the computer it is on (default: any host of the report). */
  readonly computer?: string;
  /** A task's full path: '\\Reports\\Export inactive users'. */
  readonly task?: string;
  readonly service?: string;
  readonly appPool?: string;
  /** The gMSA's name (default: suggested from the old account's). */
  readonly gmsa?: string;
  /**
   * The admin confirms that undo cannot put a service's or pool's user account back (no password is handled): written
   * as their acknowledgeNoRestore. Absent: false, and apply refuses those steps until the admin confirms.
   */
  readonly acknowledgeNoRestore?: boolean;
}

/** One access rule as Get-Acl's Access shows it. */
export interface AclRule {
  readonly identity: string;
  readonly rights: string;
  readonly type: string;
  readonly inherited: boolean;
  readonly inheritance: string;
  readonly propagation: string;
}

/** A path's ACL on a host (acl-read.ts), or its absence. */
export interface PathAcl {
  readonly host: string;
  readonly path: string;
  readonly rules: readonly AclRule[];
}

/** Why the selection cannot be moved: a title and what to do (the CLI exits 2, the API answers BadInput). */
export class AdoptError extends CheckInputError {
  constructor(title: string, action: string) {
    super(`${title} ${action}`, title, action);
    this.name = 'AdoptError';
  }
}

export interface AdoptResult {
  /** The answers file's content (version 2). */
  readonly answers: { version: 2; plan: PlanInput };
  /** The plan alone (what discover.adopt answers; the renderer opens it as Open answers does). */
  readonly plan: PlanInput;
  /** The old account's facts and the findings moved. */
  readonly facts: AccountFacts;
  readonly findings: readonly Finding[];
  /** Lines for the admin: what was left out and why (a bad SPN, a rule with rights that cannot be copied). */
  readonly notes: readonly string[];
  /** What to do with the old account later (never done by the wizard), with the commands. */
  readonly checklist: readonly ChecklistItem[];
}

const sameText = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const samOfName = (name: string): string => name.replace(/^.*\\/, '').replace(/@.*$/, '');
const taskFullPath = (u: { taskPath: string; taskName: string }): string => `${u.taskPath}${u.taskName}`;

/** The picked findings and their account's facts; AdoptError when nothing fits or the account is not a user's. */
export function selectFindings(
  report: DiscoveryReport,
  sel: AdoptSelection,
): { facts: AccountFacts; findings: Finding[] } {
  const onComputer = (f: Finding): boolean => sel.computer === undefined || sameText(f.use.host, sel.computer);
  const picked = report.findings.filter((f) => {
    if (!onComputer(f)) return false;
    const u = f.use;
    if (sel.task !== undefined) return u.kind === 'task' && sameText(taskFullPath(u), normaliseTask(sel.task));
    if (sel.service !== undefined) return u.kind === 'service' && sameText(u.name, sel.service);
    if (sel.appPool !== undefined) return u.kind === 'app-pool' && sameText(u.name, sel.appPool);
    return true;
  });
  const what =
    sel.task !== undefined
      ? `the task ${sel.task}`
      : sel.service !== undefined
        ? `the service ${sel.service}`
        : sel.appPool !== undefined
          ? `the application pool ${sel.appPool}`
          : undefined;
  const wanted = sel.account === undefined ? undefined : samOfName(sel.account);
  const ofAccount = picked.filter((f) => wanted === undefined || sameText(samOfName(f.account), wanted));
  if (ofAccount.length === 0) {
    const where = sel.computer === undefined ? report.hosts.join(', ') : sel.computer;
    const title =
      what === undefined
        ? `Nothing runs as ${sel.account ?? 'that account'} on ${where || 'this computer'} (as discovery reads it).`
        : `${what.charAt(0).toUpperCase()}${what.slice(1)} was not found${wanted === undefined ? '' : ` running as ${wanted}`} on ${where || 'this computer'}.`;
    throw new AdoptError(
      title,
      'Check the name (a task as \\Folder\\Name), and the computers: run msa-wizard discover on them to see what runs where.',
    );
  }
  const accounts = [...new Set(ofAccount.map((f) => f.account.toLowerCase()))];
  if (accounts.length > 1) {
    throw new AdoptError(
      `${what ?? 'The selection'} runs as several accounts (${accounts.join(', ')}).`,
      'Pick one with --account, or name the computer with --computer.',
    );
  }
  const first = ofAccount[0] as Finding;
  if (first.accountKind !== 'user') {
    throw new AdoptError(
      `${first.account} is not a domain user account (${first.accountKind}): there is nothing to move.`,
      first.accountKind === 'managed' || first.accountKind === 'builtin'
        ? 'It needs no stored password already.'
        : 'Only a domain user account can be moved to a gMSA (a local account is not in AD; a missing one must be fixed first).',
    );
  }
  const facts = report.accounts.find((a) => sameText(a.account, first.account))?.facts;
  if (facts === undefined || facts === null || facts.sam === null) {
    throw new AdoptError(
      `AD did not answer for ${first.account}: its groups and SPNs are unknown.`,
      'Run the discovery again where its domain answers (the accounts are read on this computer, one query per domain).',
    );
  }
  // An account with all its uses: every finding of it on the swept hosts (moving it must cover all of them).
  const findings = what === undefined ? report.findings.filter((f) => sameText(f.account, first.account)) : ofAccount;
  return { facts, findings };
}

/** '\\Reports\\Export inactive users' as the report writes it; a missing leading backslash is added. */
function normaliseTask(task: string): string {
  const t = task.trim().replace(/\//g, '\\');
  return t.startsWith('\\') ? t : `\\${t}`;
}

const folderOf = (path: string): string | undefined => {
  const i = path.lastIndexOf('\\');
  return i > 2 ? path.slice(0, i) : undefined;
};
const localPath = (p: string | null | undefined): p is string => typeof p === 'string' && /^[A-Za-z]:\\/.test(p);

/**
 * The program of a service's command line (ImagePath): a quoted path; unquoted, the text up to '.exe' (as the SCM
 * reads 'C:\\Program Files\\X\\x.exe -k'), else up to the first space.
 */
function programOf(commandLine: string): string {
  const s = commandLine.trim();
  if (s.startsWith('"')) return s.slice(1, Math.max(1, s.indexOf('"', 1)));
  const exe = /^(.*?\.exe)(\s|$)/i.exec(s);
  return exe?.[1] ?? s.split(' ')[0] ?? '';
}

/** A task action's Execute: the whole path (its arguments are separate), quotes taken off. */
const executeOf = (execute: string): string => execute.trim().replace(/^"(.*)"$/, '$1');

/** The script a PowerShell task runs: the -File argument (quoted or not). */
function scriptOf(args: string | null): string | undefined {
  if (args === null) return undefined;
  const m = /-File\s+(?:"([^"]+)"|'([^']+)'|(\S+))/i.exec(args);
  return m?.[1] ?? m?.[2] ?? m?.[3];
}

/**
 * Where the old account may hold explicit rights a use needs: a task's script or program and its folder, its
 * working folder; a service's program folder; a pool's content folders. Local paths only (a share is another host).
 */
export function candidatePaths(use: WorkloadUse): string[] {
  const paths: string[] = [];
  const add = (p: string | undefined | null) => {
    if (localPath(p) && !paths.some((x) => sameText(x, p))) paths.push(p.replace(/\\+$/, ''));
  };
  if (use.kind === 'task') {
    const program = use.execute === null ? undefined : executeOf(use.execute);
    const isShell = program !== undefined && /(^|\\)(powershell|pwsh|cmd)(\.exe)?$/i.test(program);
    const file = isShell ? scriptOf(use.arguments) : program;
    add(file);
    add(file === undefined ? undefined : folderOf(file));
    add(use.workingDirectory);
  } else if (use.kind === 'service') {
    add(folderOf(programOf(use.pathName)));
  } else {
    for (const f of use.contentFolders) add(f);
  }
  return paths;
}

/** The explicit Allow rules of `account` in the ACLs read, as plan.migration.fileAccess entries. */
function fileAccessOf(
  acls: readonly PathAcl[],
  account: string,
  notes: string[],
): NonNullable<PlanInput['migration']>['fileAccess'] {
  const out: NonNullable<NonNullable<PlanInput['migration']>['fileAccess']> = [];
  for (const acl of acls) {
    for (const rule of acl.rules) {
      if (rule.inherited || !sameText(rule.type, 'Allow') || !sameText(rule.identity, account)) continue;
      const rights = rule.rights.split(',').map((r) => r.trim());
      const known = rights.filter((r): r is (typeof FILE_SYSTEM_RIGHTS)[number] =>
        (FILE_SYSTEM_RIGHTS as readonly string[]).includes(r),
      );
      if (known.length !== rights.length || known.length === 0) {
        notes.push(
          `${account} holds ${rule.rights} on ${acl.path} (${acl.host}): not a right the wizard copies (generic or numeric rights); grant it yourself if needed.`,
        );
        continue;
      }
      const flags = (s: string, allowed: readonly string[]) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter((x) => allowed.includes(x));
      if (out.some((r) => r.host === acl.host && sameText(r.path, acl.path))) continue;
      out.push({
        host: acl.host,
        path: acl.path,
        rights: known,
        inheritance: flags(rule.inheritance, ['ContainerInherit', 'ObjectInherit']) as (
          'ContainerInherit' | 'ObjectInherit'
        )[],
        propagation: flags(rule.propagation, ['NoPropagateInherit', 'InheritOnly']) as (
          'NoPropagateInherit' | 'InheritOnly'
        )[],
      });
    }
  }
  return out;
}

/** A finding's workload entry: a task side by side, a service or a pool pointed at the gMSA (acknowledged only by the admin). */
function workloadOf(f: Finding, acknowledgeNoRestore: boolean): NonNullable<PlanInput['workloads']>[number] {
  const u = f.use;
  if (u.kind === 'task') {
    return {
      kind: 'existing-task',
      host: u.host,
      settings: { taskPath: u.taskPath, taskName: u.taskName, mode: 'side-by-side' },
    } as NonNullable<PlanInput['workloads']>[number];
  }
  if (u.kind === 'service') {
    return {
      kind: 'service',
      host: u.host,
      settings: { mode: 'existing', name: u.name, acknowledgeNoRestore },
    } as NonNullable<PlanInput['workloads']>[number];
  }
  return {
    kind: 'app-pool',
    host: u.host,
    settings: { mode: 'existing', name: u.name, acknowledgeNoRestore },
  } as NonNullable<PlanInput['workloads']>[number];
}

const useWords = (u: WorkloadUse): string =>
  u.kind === 'task'
    ? `the task ${taskFullPath(u)} on ${u.host}`
    : u.kind === 'service'
      ? `the service ${u.name} on ${u.host}`
      : `the application pool ${u.name} on ${u.host}`;

/** The answers that move the picked findings' account (see the file comment). */
export function buildAnswers(report: DiscoveryReport, sel: AdoptSelection, acls: readonly PathAcl[] = []): AdoptResult {
  const { facts, findings } = selectFindings(report, sel);
  const notes: string[] = [];
  const from = facts.sam as string;
  let name = suggestGmsaName(from);
  if (sel.gmsa !== undefined) {
    const given = accountNameSchema.safeParse(sel.gmsa);
    if (!given.success)
      throw new AdoptError(`The gMSA name ${sel.gmsa} cannot be used.`, given.error.issues[0]?.message ?? '');
    name = given.data;
  }
  const hosts = [...new Set(findings.map((f) => f.use.host.toUpperCase()))];
  // The run happens on the computer the wizard runs on when a job runs there; else on the first job's host.
  const local = report.localComputer.toUpperCase();
  const targetComputer = hosts.includes(local) ? local : (hosts[0] as string);

  const copyGroups: string[] = [];
  const notCopied: { group: string; why: string }[] = [];
  for (const g of facts.groups) {
    const why =
      privilegedWhy({ sid: g.sid, name: g.name }) ??
      (g.privileged === null ? undefined : `${g.name} is a privileged group (${g.privileged}): never copied.`);
    if (why !== undefined) notCopied.push({ group: g.name, why });
    else if (!groupNameSchema.safeParse(g.name).success)
      notCopied.push({
        group: g.name,
        why: `Its name has characters the wizard does not accept in group names: add ${name}$ to it yourself if it needs to be there.`,
      });
    else copyGroups.push(g.name);
  }
  const validSpns = (list: readonly string[], what: string): string[] =>
    list.filter((s) => {
      const ok = spnSchema.safeParse(s).success;
      if (!ok)
        notes.push(
          `${what} ${s} is not in the service/host[:port] form the wizard handles: move it yourself (setspn).`,
        );
      return ok;
    });
  // An SPN belongs to a service of the account, maybe on a host not swept or not reached, or a job not picked: moving
  // it while a job still runs as the old account breaks Kerberos for that job. So SPNs move only when the admin picked
  // the whole account (--account, the Move of an account) and every host in scope answered.
  const others = report.findings.filter(
    (f) => sameText(f.account, findings[0]?.account ?? '') && !findings.includes(f),
  );
  const wholeAccount = sel.task === undefined && sel.service === undefined && sel.appPool === undefined;
  const unreached = report.problems.map((p) => p.host);
  const spnsMove = wholeAccount && others.length === 0 && unreached.length === 0;
  const moveSpns = spnsMove ? validSpns(facts.spns, 'The SPN') : [];
  if (!spnsMove && facts.spns.length > 0) {
    const why = !wholeAccount
      ? `only ${findings.map((f) => useWords(f.use)).join('; ')} moves, and ${from} may run other jobs where this search did not look${others.length > 0 ? ` (it still runs ${others.map((f) => useWords(f.use)).join('; ')})` : ''}`
      : others.length > 0
        ? `${from} still runs ${others.map((f) => useWords(f.use)).join('; ')}`
        : `${unreached.join(', ')} could not be read, and ${from} may run jobs there`;
    const list = facts.spns.map((s) => `'${s}'`).join(', ');
    notes.push(
      `SPNs not moved (${facts.spns.join(', ')}): ${why}; an SPN moved away from a job that still runs as ${from} breaks its Kerberos. Once nothing runs as ${from} (msa-wizard discover on every host where it may run), move them with msa-wizard adopt --account ${from} on those hosts, or: Set-ADUser -Identity '${from}' -ServicePrincipalNames @{ Remove = ${list} }; Set-ADServiceAccount -Identity '${name}$' -ServicePrincipalNames @{ Add = ${list} }`,
    );
  }
  const constrainedDelegation = validSpns(facts.delegation.allowedToDelegateTo, 'The delegation target');
  const account = `${facts.domain ?? ''}\\${from}`;
  const fileAccess = fileAccessOf(acls, account, notes);

  const plan: PlanInput = {
    accountType: 'gmsa',
    name,
    description: `Moved from ${account} by MSA Wizard: ${findings.map((f) => useWords(f.use)).join('; ')}`.slice(
      0,
      1024,
    ),
    gmsa: { group: { mode: 'new', name: `gMSA-${name}`.slice(0, 64), scope: 'Global' }, computers: hosts },
    targetComputer,
    workloads: findings.map((f) => workloadOf(f, sel.acknowledgeNoRestore === true)),
    migration: {
      from,
      copyGroups,
      notCopied,
      moveSpns,
      fileAccess,
      constrainedDelegation,
      unconstrainedDelegation: facts.delegation.unconstrained,
    },
  };
  const needsAck = findings.filter((f) => f.use.kind !== 'task');
  if (needsAck.length > 0 && sel.acknowledgeNoRestore !== true) {
    notes.push(
      `${needsAck.map((f) => useWords(f.use)).join('; ')} will run as ${name}$: undo cannot put ${account} back (no password is ever handled; you would set it back with its password). apply refuses ${needsAck.length === 1 ? 'that step' : 'those steps'} until you confirm: run adopt again with --acknowledge-no-restore, set acknowledgeNoRestore to true in the answers, or tick the box on Use the account.`,
    );
  }
  if (facts.delegation.protocolTransition) {
    notes.push(
      `${account} may use protocol transition (any authentication): not copied; set it on the gMSA yourself only if the service needs it.`,
    );
  }
  const checklist = oldAccountChecklist({
    from,
    gmsa: `${name}$`,
    hosts: [...new Set([...hosts, ...others.map((f) => f.use.host.toUpperCase())])],
    otherJobs: others.map((f) => useWords(f.use)),
    keptTasks: findings.flatMap((f) =>
      f.use.kind === 'task' ? [{ host: f.use.host, taskPath: f.use.taskPath, taskName: f.use.taskName }] : [],
    ),
  });
  return { answers: { version: 2, plan }, plan, facts, findings, notes, checklist };
}
