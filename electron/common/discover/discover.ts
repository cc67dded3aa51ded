// Discovery, end to end: the sweep (ONE session script: this computer in-process, every other host in ONE
// Invoke-Command), then the account facts (ONE script per domain, a few batched queries each), then the verdicts.
// Progress: each host as it answers (the sweep's Write-MsaProgress records), each domain, done.
import { z } from 'zod';
import type { PsScript } from '../powershell/script.js';
import { PsCommandError } from '../powershell/session-errors.js';
import { accountsScript, decodeAccounts, missingAccount, type DomainFacts } from './accounts.js';
import { decodeSweep, sweepScript, DEFAULT_THROTTLE_LIMIT } from './sweep.js';
import {
  discoverProgressSchema,
  workloadUseSchema,
  type AccountFacts,
  type DiscoverProgress,
  type DiscoverScope,
  type DiscoveryReport,
  type Finding,
  type HostProblem,
  type WorkloadUse,
} from './types.js';
import { accountName, findingId, judge, rankFindings, summarizeAccounts, type AccountName } from './verdict.js';

/** What discovery needs of the session: a script in, its output out, its progress records as they come. */
export interface DiscoverSession {
  run(
    script: PsScript,
    options: { readonly timeoutMs?: number; readonly onProgress?: (data: unknown) => void },
  ): Promise<unknown[]>;
}

export interface DiscoverOptions {
  readonly onProgress?: (progress: DiscoverProgress) => void;
  readonly throttleLimit?: number;
  /** The sweep's timeout: a fleet behind slow links takes minutes (default 10). */
  readonly timeoutMs?: number;
  /** Accounts per LDAP filter (default ACCOUNT_BATCH). */
  readonly accountBatch?: number;
}

const SWEEP_TIMEOUT_MS = 10 * 60_000;
const ACCOUNTS_TIMEOUT_MS = 2 * 60_000;

/** A use as the host block answers it: the host is added from the answer's PSComputerName. */
const rawUses = z.array(z.record(z.string(), z.unknown()));

/** The sweep's uses of one host, validated; a host whose answer is not the block's shape is a problem. */
function hostUses(host: string, answer: unknown): WorkloadUse[] | HostProblem {
  const list = rawUses.safeParse(answer);
  const parsed = list.success
    ? z.array(workloadUseSchema).safeParse(list.data.map((u) => ({ ...u, host })))
    : { success: false as const };
  if (!parsed.success) {
    return {
      host,
      cause: 'script-failed',
      message: 'The discovery block answered in an unexpected shape.',
      fix: `Run the discovery block on ${host} by hand and compare its output with what the wizard expects.`,
      command: '',
      fqid: '',
    };
  }
  // LastTaskResult is a DWORD: 5.1 and the lab may hand it over signed (-2147023570 is 0x8007052E). An action's empty
  // field ([string]$null is '') is no value.
  const none = (v: string | null): string | null => (v === '' ? null : v);
  return parsed.data.map((u) =>
    u.kind === 'task'
      ? {
          ...u,
          lastResult: u.lastResult === null ? null : u.lastResult >>> 0,
          execute: none(u.execute),
          arguments: none(u.arguments),
          workingDirectory: none(u.workingDirectory),
        }
      : u,
  );
}

/** Domains and the names to look up in each, in the order first seen. */
function domainQueries(names: readonly AccountName[]): Map<string, { users: Set<string>; managed: Set<string> }> {
  const byDomain = new Map<string, { users: Set<string>; managed: Set<string> }>();
  for (const n of names) {
    if (n.domain === null || n.sam === null || (n.kind !== 'domain' && n.kind !== 'managed')) continue;
    const entry = byDomain.get(n.domain) ?? { users: new Set<string>(), managed: new Set<string>() };
    (n.kind === 'managed' ? entry.managed : entry.users).add(n.sam.toLowerCase());
    byDomain.set(n.domain, entry);
  }
  return byDomain;
}

/** Runs discovery over the scope (no computers and no OU: this computer only). */
export async function discover(
  session: DiscoverSession,
  scope: DiscoverScope,
  options: DiscoverOptions = {},
): Promise<DiscoveryReport> {
  const began = Date.now();
  const ranAt = new Date(began).toISOString();
  const tell = options.onProgress;
  const data = await session.run(
    sweepScript({
      computers: scope.computers ?? [],
      searchBase: scope.searchBase,
      throttleLimit: options.throttleLimit ?? DEFAULT_THROTTLE_LIMIT,
    }),
    {
      timeoutMs: options.timeoutMs ?? SWEEP_TIMEOUT_MS,
      ...(tell === undefined
        ? {}
        : {
            onProgress: (raw: unknown) => {
              const p = discoverProgressSchema.safeParse(raw);
              if (p.success) tell(p.data);
            },
          }),
    },
  );
  const sweep = decodeSweep(data);
  const problems: HostProblem[] = [...sweep.problems];
  const uses: WorkloadUse[] = [];
  for (const [host, answer] of sweep.answers) {
    const read = hostUses(host, answer);
    if (Array.isArray(read)) uses.push(...read);
    else problems.push(read);
  }

  const names = new Map<WorkloadUse, AccountName>(
    uses.map((u) => [u, accountName(u.runsAs, u.host, sweep.domain, sweep.dnsDomain)] as const),
  );
  const queries = domainQueries([...names.values()]);
  const own = (d: string): boolean =>
    d.toLowerCase() === sweep.domain.toLowerCase() || d.toLowerCase() === sweep.dnsDomain.toLowerCase();
  const facts = new Map<string, AccountFacts>();
  let now: Date | undefined;
  let adQueries = scope.searchBase === undefined ? 0 : 1;
  let sessionScripts = 1;
  let done = 0;
  for (const [domain, q] of queries) {
    sessionScripts += 1;
    let answer: DomainFacts | undefined;
    try {
      answer = decodeAccounts(
        domain,
        await session.run(
          accountsScript(
            { domain, server: own(domain) ? null : domain, users: [...q.users], managed: [...q.managed] },
            options.accountBatch,
          ),
          { timeoutMs: ACCOUNTS_TIMEOUT_MS },
        ),
      );
    } catch (err) {
      // The domain did not answer (no trust, no DC reachable): its accounts are judged without AD facts.
      if (!(err instanceof PsCommandError)) throw err;
    }
    done += 1;
    tell?.({ phase: 'accounts', host: null, outcome: null, done, total: queries.size });
    if (answer === undefined) continue;
    now ??= answer.now;
    adQueries += answer.adQueries;
    for (const sam of [...q.users, ...q.managed]) {
      const key = `${domain}\\${sam}`;
      const found = answer.accounts.get(sam);
      facts.set(key, found === undefined ? missingAccount(key, domain, sam) : { account: key, ...found });
    }
  }
  const clock = now ?? new Date();

  const findings: Finding[] = uses.map((use) => {
    const name = names.get(use) ?? accountName(use.runsAs, use.host, sweep.domain, sweep.dnsDomain);
    const known = facts.get(name.key) ?? null;
    return { id: findingId(use), use, account: name.key, ...judge(use, name, known, clock) };
  });
  const ranked = rankFindings(findings);
  tell?.({ phase: 'done', host: null, outcome: null, done: sweep.hosts.length, total: sweep.hosts.length });
  return {
    ranAt,
    ms: Date.now() - began,
    localComputer: sweep.local,
    hosts: [...sweep.hosts],
    findings: ranked,
    accounts: summarizeAccounts(ranked, facts),
    problems: problems.sort((a, b) => sweep.hosts.indexOf(a.host) - sweep.hosts.indexOf(b.host)),
    ...(sweep.notes.length === 0 ? {} : { notes: [...sweep.notes] }),
    ...(sweep.searchBaseProblem === null ? {} : { searchBaseProblem: sweep.searchBaseProblem }),
    counts: {
      hosts: sweep.hosts.length,
      reached: sweep.hosts.filter((h) => sweep.answers.has(h)).length,
      sessionScripts,
      remotingCalls: sweep.remotingCalls,
      adQueries,
      accounts: facts.size,
    },
  };
}
