// Verdicts: each job's account judged in words, most urgent first. Pure (no PowerShell): the facts come from the
// sweep (host-script.ts) and the accounts query (accounts.ts), `now` from the accounts query's clock.
//
// The order (types.ts VERDICTS): failing now (the last run or start failed to log on: LastTaskResult 0x8007052E
// "the user name or password is incorrect", 0x80070569 "logon type not granted", 0x80070532 "password expired",
// 0x80070533 "account disabled", 0x80070775 "account locked out"; a service's Win32 exit code 1069 "logon failure",
// 1330, 1331, 1909), then will-fail (password expired, account disabled, locked out or gone: the next logon fails),
// expiring (within 14 days), unknown (the account's domain did not answer), standing-secret (never expires: a
// password that is never changed), fine. A task that keeps no password (S4U, Interactive) is fine whatever its
// account's password does: noStoredPassword.
import type { AccountFacts, AccountKind, AccountSummary, Finding, UseKind, Verdict, WorkloadUse } from './types.js';
import { VERDICTS } from './types.js';

/** How far ahead an expiry counts as "about to fail". */
export const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

/** The account names a job can give, sorted into what discovery does with them. */
export interface AccountName {
  /** The key findings group by: 'CONTOSO\\svc-report-user' (domain upper case, name lower case), or the name as written. */
  readonly key: string;
  /** builtin / managed (name$) / local (HOST\\x or .\\x) / domain (a user, as far as the name tells). */
  readonly kind: 'builtin' | 'managed' | 'local' | 'domain';
  /** NetBIOS or DNS domain as written (upper case); null for built-in and local names. */
  readonly domain: string | null;
  readonly sam: string | null;
}

const BUILTIN_NAMES = new Set([
  '',
  'system',
  'localsystem',
  '.\\localsystem',
  'localservice',
  'networkservice',
  'local service',
  'network service',
  'applicationpoolidentity',
  // Task Scheduler may show a principal by SID: SYSTEM, LOCAL SERVICE, NETWORK SERVICE.
  's-1-5-18',
  's-1-5-19',
  's-1-5-20',
  'nt authority\\system',
  'nt authority\\localservice',
  'nt authority\\local service',
  'nt authority\\networkservice',
  'nt authority\\network service',
]);

/**
 * Sorts a job's account name (`host` is the job's computer, `domain` the admin's NetBIOS domain: a bare name belongs
 * to it; a UPN in `dnsDomain`, the admin's DNS domain, is keyed by the NetBIOS name, as DOMAIN\name is).
 */
export function accountName(runsAs: string, host: string, domain: string, dnsDomain = ''): AccountName {
  const raw = runsAs.trim();
  const lower = raw.toLowerCase();
  if (BUILTIN_NAMES.has(lower) || /^(nt authority|nt service|iis apppool)\\/i.test(raw)) {
    return { key: raw === '' ? 'LocalSystem' : raw, kind: 'builtin', domain: null, sam: null };
  }
  let dom: string;
  let sam: string;
  const upn = /^([^@\\]+)@(.+)$/.exec(raw);
  const slash = raw.indexOf('\\');
  if (upn !== null) {
    sam = upn[1] ?? '';
    dom = upn[2] ?? '';
  } else if (slash >= 0) {
    dom = raw.slice(0, slash);
    sam = raw.slice(slash + 1);
  } else {
    dom = domain;
    sam = raw;
  }
  const shortHost = host.split('.')[0]?.toUpperCase() ?? host.toUpperCase();
  if (dom === '.' || dom.toUpperCase() === shortHost) {
    return { key: `${shortHost}\\${sam.toLowerCase()}`, kind: 'local', domain: null, sam };
  }
  const d =
    dnsDomain !== '' && dom.toLowerCase() === dnsDomain.toLowerCase() ? domain.toUpperCase() : dom.toUpperCase();
  return {
    key: `${d}\\${sam.toLowerCase()}`,
    kind: sam.endsWith('$') ? 'managed' : 'domain',
    domain: d,
    sam,
  };
}

/** A failed logon, decoded: the code as the admin sees it, what it means for this account, the fix. */
export interface DecodedFailure {
  readonly code: string;
  readonly meaning: string;
  readonly fix: string;
  /** Short words for the verdict line: 'logon failure'. */
  readonly short: string;
}

const RESET_FIX =
  "Move the job to a managed account (the wizard's Move). Until then, reset the account's password and type it into the job again.";

/** LastTaskResult codes that mean the task could not log its account on (unsigned). */
const TASK_LOGON_FAILURES: Readonly<Record<number, Omit<DecodedFailure, 'code'>>> = {
  0x8007052e: {
    short: 'logon failure',
    meaning:
      'Logon failure: the user name or password is incorrect. The password stored in the task no longer works (it expired, or was changed without updating the task).',
    fix: RESET_FIX,
  },
  0x80070532: {
    short: 'password expired',
    meaning: "The account's password has expired, so the task could not log on.",
    fix: RESET_FIX,
  },
  0x80070533: {
    short: 'account disabled',
    meaning: 'The account is disabled, so the task could not log on.',
    fix: 'Find out why it was disabled before enabling it again (Enable-ADAccount); moving the job to a managed account removes the dependency.',
  },
  0x80070775: {
    short: 'account locked out',
    meaning: 'The account is locked out (too many bad passwords: often an old password still stored in another job).',
    fix: 'Find what keeps trying the old password (the same account on other hosts), then Unlock-ADAccount; moving every use to a managed account ends it.',
  },
  0x80070569: {
    short: 'logon type not granted',
    meaning:
      'The account lacks "Log on as a batch job" on this computer (or is denied it), so the task could not log on.',
    fix: 'Grant "Log on as a batch job" to the account on this computer (or in the GPO that defines it).',
  },
};

/** A service's Win32 exit codes that mean the SCM could not log its account on. */
const SERVICE_LOGON_FAILURES: Readonly<Record<number, Omit<DecodedFailure, 'code'>>> = {
  1069: {
    short: 'logon failure',
    meaning:
      'The service did not start due to a logon failure: the password stored for the service no longer works (expired or changed), or the account lacks "Log on as a service".',
    fix: RESET_FIX,
  },
  1330: {
    short: 'password expired',
    meaning: "The account's password has expired, so the service could not log on.",
    fix: RESET_FIX,
  },
  1331: {
    short: 'account disabled',
    meaning: 'The account is disabled, so the service could not log on.',
    fix: 'Find out why it was disabled before enabling it again (Enable-ADAccount).',
  },
  1909: {
    short: 'account locked out',
    meaning: 'The account is locked out, so the service could not log on.',
    fix: 'Find what keeps trying the old password, then Unlock-ADAccount.',
  },
};

/** 0x8007052E from a signed or unsigned 32-bit value. */
export const hex32 = (code: number): string => `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;

/** The job's last logon failure, decoded; null when its last result is no logon failure (or it has none). */
export function decodeLogonFailure(use: WorkloadUse): DecodedFailure | null {
  if (use.kind === 'task' && use.lastResult !== null) {
    const code = use.lastResult >>> 0;
    const known = TASK_LOGON_FAILURES[code];
    return known === undefined ? null : { code: hex32(code), ...known };
  }
  if (use.kind === 'service' && use.exitCode !== null) {
    const known = SERVICE_LOGON_FAILURES[use.exitCode];
    return known === undefined ? null : { code: String(use.exitCode), ...known };
  }
  return null;
}

/** '3 days ago', 'in 5 days', 'today'. */
export function relativeDays(iso: string, now: Date): string {
  const days = Math.round((new Date(iso).getTime() - now.getTime()) / DAY_MS);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

const failureWords = (use: WorkloadUse, failure: DecodedFailure): string =>
  use.kind === 'task'
    ? `last result ${failure.code}: ${failure.short}`
    : `last start failed with ${failure.code}: ${failure.short}`;

/** What is wrong with the account itself (null: nothing), most serious first. */
function accountTrouble(facts: AccountFacts, now: Date): string | null {
  if (facts.kind === 'missing') return `${facts.account} was not found in AD (deleted or renamed)`;
  if (facts.enabled === false) return 'account disabled';
  if (facts.lockedOut === true) return 'account locked out';
  if (facts.passwordExpired === true) {
    return facts.passwordExpires === null
      ? 'password expired'
      : `password expired ${relativeDays(facts.passwordExpires, now)}`;
  }
  return null;
}

const kindWords: Readonly<Record<UseKind, string>> = { task: 'run', service: 'start', 'app-pool': 'start' };

/**
 * Why a job keeps no password, in words; null when it does (every service and SpecificUser pool; a task whose
 * Principal.LogonType is Password, or InteractiveOrPassword: "the password must be specified when a task is
 * registered", Microsoft's TASK_LOGON_TYPE). An S4U task stores no password ("no password is stored by the system");
 * an Interactive one runs only in the user's own session. Neither fails when the password expires, and moving
 * them removes no stored secret. Numbers are TASK_LOGON_TYPE's values, should a host answer the number. A logon type
 * not known here is judged as a stored password: the safe side.
 */
export function noStoredPassword(use: WorkloadUse): string | null {
  if (use.kind !== 'task') return null;
  switch (use.logonType.trim().toLowerCase()) {
    case 's4u':
    case '2':
      return 'S4U logon: no stored password (Windows logs the account on without one)';
    case 'interactive':
    case 'interactivetoken':
    case 'none':
    case '3':
    case '0':
      return 'runs only when the user is logged on: no stored password';
    case 'group':
    case '4':
      return "runs in a group's logged-on sessions: no stored password";
    default:
      return null;
  }
}

/** One job's verdict in words. `facts` null: a local account, or AD did not answer for its domain. */
export function judge(
  use: WorkloadUse,
  name: AccountName,
  facts: AccountFacts | null,
  now: Date,
): Pick<Finding, 'verdict' | 'words' | 'failure' | 'accountKind'> {
  const failure = decodeLogonFailure(use);
  const failed = failure === null ? null : { code: failure.code, meaning: failure.meaning, fix: failure.fix };
  const kind: AccountKind =
    name.kind === 'builtin' ? 'builtin' : name.kind === 'local' ? 'local' : (facts?.kind ?? 'unknown');
  if (kind === 'builtin')
    return { verdict: 'fine', words: 'built-in account: no password to expire', failure: null, accountKind: kind };
  if (kind === 'managed') {
    return failure === null
      ? {
          verdict: 'fine',
          words: 'managed service account: Windows changes its password',
          failure: null,
          accountKind: kind,
        }
      : { verdict: 'failing', words: failureWords(use, failure), failure: failed, accountKind: kind };
  }
  // No password kept with the job: none can expire or go stale, and a move would remove no stored secret. A logon
  // failure in its last result is shown with it (the account itself may be disabled), not judged as a password's.
  const why = noStoredPassword(use);
  if (why !== null) {
    const words = failure === null ? why : `${why}; ${failureWords(use, failure)}`;
    return { verdict: 'fine', words, failure: failed, accountKind: kind };
  }
  const trouble = facts === null ? null : accountTrouble(facts, now);
  if (failure !== null) {
    const words = trouble === null ? failureWords(use, failure) : `${trouble}; ${failureWords(use, failure)}`;
    return { verdict: 'failing', words, failure: failed, accountKind: kind };
  }
  if (trouble !== null) {
    return {
      verdict: 'will-fail',
      words: `${trouble}: the next ${kindWords[use.kind]} will fail`,
      failure: null,
      accountKind: kind,
    };
  }
  if (kind === 'local') {
    return {
      verdict: 'standing-secret',
      words: `local account of ${use.host}: a password stored on the host, outside AD`,
      failure: null,
      accountKind: kind,
    };
  }
  if (facts === null || kind === 'unknown') {
    return {
      verdict: 'unknown',
      words: `${name.domain === null ? 'its domain' : `the domain ${name.domain}`} did not answer: the account's password could not be checked (discover again where that domain's controllers can be reached)`,
      failure: null,
      accountKind: kind,
    };
  }
  if (facts.passwordExpires !== null) {
    const left = new Date(facts.passwordExpires).getTime() - now.getTime();
    const when = relativeDays(facts.passwordExpires, now);
    if (left <= EXPIRY_WARNING_DAYS * DAY_MS) {
      return { verdict: 'expiring', words: `password expires ${when}`, failure: null, accountKind: kind };
    }
    return { verdict: 'fine', words: `password expires ${when}`, failure: null, accountKind: kind };
  }
  const set = facts.passwordLastSet === null ? '' : ` (set ${relativeDays(facts.passwordLastSet, now)})`;
  return {
    verdict: 'standing-secret',
    words: `password never expires: a standing secret${set}`,
    failure: null,
    accountKind: kind,
  };
}

const rankOf = (v: Verdict): number => VERDICTS.indexOf(v);

/** The name a finding is known by on its host: the task's full path, the service's or pool's name. */
export function useName(use: WorkloadUse): string {
  return use.kind === 'task' ? `${use.taskPath}${use.taskName}` : use.name;
}

/** '<host>/<kind>/<name>': stable across runs. */
export const findingId = (use: WorkloadUse): string => `${use.host}/${use.kind}/${useName(use)}`;

/** Most urgent first; then by account, host and name, so the same input always reads the same. */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      rankOf(a.verdict) - rankOf(b.verdict) ||
      a.account.localeCompare(b.account, 'en') ||
      a.use.host.localeCompare(b.use.host, 'en') ||
      useName(a.use).localeCompare(useName(b.use), 'en'),
  );
}

/** One line per account: its worst finding's words, where it runs, and what the move must know (privileged groups, SPNs). */
export function summarizeAccounts(
  ranked: readonly Finding[],
  facts: ReadonlyMap<string, AccountFacts>,
): AccountSummary[] {
  const byAccount = new Map<string, Finding[]>();
  for (const f of ranked) {
    if (f.accountKind === 'builtin') continue;
    const list = byAccount.get(f.account) ?? [];
    list.push(f);
    byAccount.set(f.account, list);
  }
  const summaries: AccountSummary[] = [];
  for (const [account, list] of byAccount) {
    const worst = list[0];
    if (worst === undefined) continue;
    const hosts = [...new Set(list.map((f) => f.use.host))];
    const known = facts.get(account) ?? null;
    const extra: string[] = [];
    if (list.length > 1 || hosts.length > 1) {
      extra.push(
        `${list.length} uses on ${hosts.length === 1 ? '1 host' : `${hosts.length} hosts`}: moving it covers them all`,
      );
    }
    // Privileged itself or nested in a privileged group (accounts.ts): never copied to the gMSA.
    const privileged = (known?.groups ?? []).filter((g) => g.privileged !== null).map((g) => g.name);
    if (privileged.length > 0) extra.push(`in ${privileged.join(', ')} (privileged)`);
    if ((known?.spns.length ?? 0) > 0) extra.push(`${known?.spns.length} SPN${known?.spns.length === 1 ? '' : 's'}`);
    summaries.push({
      account,
      kind: worst.accountKind,
      verdict: worst.verdict,
      words: [worst.words, ...extra].join('; '),
      hosts,
      findings: list.map((f) => f.id),
      facts: known,
    });
  }
  return summaries.sort((a, b) => rankOf(a.verdict) - rankOf(b.verdict) || a.account.localeCompare(b.account, 'en'));
}
