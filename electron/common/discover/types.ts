// What discovery finds: the jobs (scheduled tasks, services, IIS app pools) that run as an account, read on each host
// in one read-only script; the account facts read from AD on the wizard's host; each job's verdict; and the hosts that
// could not be read. Plain JSON (zod schemas, the API contract's output); the renderer and the adopt builder read
// these shapes too, so this file holds schemas and types only.
import { z } from 'zod';

/** Where a job runs and what it is, in each kind's own facts (as the host script reads them). */
const useBase = {
  /** The computer's name as the sweep reached it (the NetBIOS name, upper case: 'WEB01'). */
  host: z.string(),
  /** The account as the job names it: 'CONTOSO\\svc-report-user', 'svc-report@contoso.com', 'LocalSystem'. */
  runsAs: z.string(),
};

export const taskUseSchema = z.object({
  kind: z.literal('task'),
  ...useBase,
  /** The task's folder, '\\' or '\\Reports\\' (with the trailing backslash, as Get-ScheduledTask gives it). */
  taskPath: z.string(),
  taskName: z.string(),
  /** Password, S4U, Interactive, ServiceAccount, ... (Principal.LogonType). */
  logonType: z.string(),
  /** Ready, Disabled, Running, Queued. */
  state: z.string(),
  lastRunTime: z.string().nullable(),
  /** Get-ScheduledTaskInfo LastTaskResult as an unsigned 32-bit number (0x8007052E = 2147943726). */
  lastResult: z.number().int().nullable(),
  nextRunTime: z.string().nullable(),
  /** The first action's program, arguments and working folder (Exec actions; null for others). */
  execute: z.string().nullable(),
  arguments: z.string().nullable(),
  workingDirectory: z.string().nullable(),
});
export type TaskUse = z.infer<typeof taskUseSchema>;

export const serviceUseSchema = z.object({
  kind: z.literal('service'),
  ...useBase,
  name: z.string(),
  displayName: z.string(),
  /** Win32_Service State: Running, Stopped, ... */
  state: z.string(),
  /** Win32_Service StartMode: Auto, Manual, Disabled. */
  startMode: z.string(),
  /** Win32_Service ExitCode (1069: the last start failed to log on; 1077: never started). */
  exitCode: z.number().int().nullable(),
  /** Win32_Service PathName: the command line, quoted or not. */
  pathName: z.string(),
});
export type ServiceUse = z.infer<typeof serviceUseSchema>;

export const appPoolUseSchema = z.object({
  kind: z.literal('app-pool'),
  ...useBase,
  name: z.string(),
  /** Started, Stopped (Get-WebAppPoolState). */
  state: z.string(),
  /** The physical folders of the sites and applications that run in the pool. */
  contentFolders: z.array(z.string()),
});
export type AppPoolUse = z.infer<typeof appPoolUseSchema>;

export const workloadUseSchema = z.discriminatedUnion('kind', [taskUseSchema, serviceUseSchema, appPoolUseSchema]);
export type WorkloadUse = z.infer<typeof workloadUseSchema>;
export type UseKind = WorkloadUse['kind'];

/** What kind of account a job runs as, once the name (and, for domain accounts, AD) has been read. */
export const accountKindSchema = z.enum([
  /** A domain user account with a stored password: what discovery is for. */
  'user',
  /** A gMSA or sMSA (name ends in $ and AD says so): fine. */
  'managed',
  /** LocalSystem, LocalService, NetworkService, NT SERVICE\\x, ApplicationPoolIdentity, SYSTEM: fine. */
  'builtin',
  /** A local account of the host (HOST\\name): has a stored password, but AD knows nothing of it. */
  'local',
  /** Named as a domain account, not found in AD (deleted, or a typo): every logon fails. */
  'missing',
  /** Its domain did not answer: no facts. */
  'unknown',
]);
export type AccountKind = z.infer<typeof accountKindSchema>;

/** A group the account is a direct member of. */
export const accountGroupSchema = z.object({
  name: z.string(),
  dn: z.string(),
  sid: z.string().nullable(),
  /** Why the group is privileged (privileged.ts), or null: privileged groups are never copied to the gMSA. */
  privileged: z.string().nullable(),
});
export type AccountGroup = z.infer<typeof accountGroupSchema>;

/** Everything AD says about one account, read in one batched query per domain on the wizard's host. */
export const accountFactsSchema = z.object({
  /** The key discovery groups by: 'CONTOSO\\svc-report-user' (NetBIOS domain, sAMAccountName; upper-case domain). */
  account: z.string(),
  kind: accountKindSchema,
  domain: z.string().nullable(),
  sam: z.string().nullable(),
  dn: z.string().nullable(),
  sid: z.string().nullable(),
  enabled: z.boolean().nullable(),
  lockedOut: z.boolean().nullable(),
  passwordLastSet: z.string().nullable(),
  /** msDS-UserPasswordExpiryTimeComputed as ISO text; null when it never expires (or is unknown). */
  passwordExpires: z.string().nullable(),
  passwordExpired: z.boolean().nullable(),
  passwordNeverExpires: z.boolean().nullable(),
  lastLogonDate: z.string().nullable(),
  spns: z.array(z.string()),
  groups: z.array(accountGroupSchema),
  delegation: z.object({
    /** TrustedForDelegation: unconstrained (never copied). */
    unconstrained: z.boolean(),
    /** TrustedToAuthForDelegation: protocol transition (any authentication). */
    protocolTransition: z.boolean(),
    /** msDS-AllowedToDelegateTo: constrained delegation targets (shown with the command, not applied). */
    allowedToDelegateTo: z.array(z.string()),
  }),
});
export type AccountFacts = z.infer<typeof accountFactsSchema>;

/**
 * A finding's verdict, most urgent first. failing: the job's last run or start failed to log on. will-fail: nothing
 * failed yet, but the next logon will (password expired, account disabled, locked out or missing). expiring: the
 * password expires within 14 days. unknown: the account's domain did not answer, so nothing says whether its password
 * still works. standing-secret: a password that never expires. fine: a managed or built-in account, a task that stores
 * no password (S4U, run only when the user is logged on), or a user account with nothing wrong yet.
 */
export const VERDICTS = ['failing', 'will-fail', 'expiring', 'unknown', 'standing-secret', 'fine'] as const;
export const verdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof verdictSchema>;
/**
 * The verdicts that make `msa-wizard discover` exit 1: the job fails, or will within 14 days, or its account could
 * not be judged (its domain did not answer: exit 0 would claim nothing is at risk without knowing).
 */
export const AT_RISK: readonly Verdict[] = ['failing', 'will-fail', 'expiring', 'unknown'];

/** One job on one host, with its verdict in words. */
export const findingSchema = z.object({
  /** Stable id: '<host>/<kind>/<name or task path>'. */
  id: z.string(),
  use: workloadUseSchema,
  /** The normalised account (AccountFacts.account), or the built-in name as written. */
  account: z.string(),
  accountKind: accountKindSchema,
  verdict: verdictSchema,
  /** The verdict in words, the first thing the admin reads: 'password expired 3 days ago; last result 0x8007052E: logon failure'. */
  words: z.string(),
  /** The decoded last result / exit code when it is a failure: meaning and fix. */
  failure: z.object({ code: z.string(), meaning: z.string(), fix: z.string() }).nullable(),
});
export type Finding = z.infer<typeof findingSchema>;

/** One account with all its uses: moving it must cover every host in `hosts`. Ranked by its worst finding. */
export const accountSummarySchema = z.object({
  account: z.string(),
  kind: accountKindSchema,
  verdict: verdictSchema,
  /** The worst finding's words, then what the account is in general ('in Domain Admins', '2 SPNs'). */
  words: z.string(),
  hosts: z.array(z.string()),
  /** Finding ids, most urgent first. */
  findings: z.array(z.string()),
  facts: accountFactsSchema.nullable(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

/** Why a host could not be read: one line, with what Windows said, the cause and the fix. */
export const hostProblemCauseSchema = z.enum([
  /** Name not resolved, host off or no route (WinRM error 53 / no such host). */
  'unreachable',
  /** WinRM not running or not listening, or the firewall blocks 5985 (0x80338012 and friends). */
  'winrm-off',
  /** The admin's account may not use remoting there (error 5, access denied). */
  'access-denied',
  /** Reached, but the read-only script failed there (a module missing, a cmdlet error). */
  'script-failed',
  /** Remoting failed with an error none of the above explains: WinRM's own message says what happened. */
  'remoting-error',
]);
export type HostProblemCause = z.infer<typeof hostProblemCauseSchema>;

export const hostProblemSchema = z.object({
  host: z.string(),
  cause: hostProblemCauseSchema,
  /** What PowerShell said (the error message, as Windows wrote it). */
  message: z.string(),
  /** What to do, in words. */
  fix: z.string(),
  /** The command that fixes it, run where the words say ('' when none). */
  command: z.string(),
  /** The error's FullyQualifiedErrorId, for the details. */
  fqid: z.string(),
});
export type HostProblem = z.infer<typeof hostProblemSchema>;

/** What the admin asked to sweep. Neither computers nor searchBase: this computer only. */
export const discoverScopeSchema = z.object({
  computers: z.array(z.string().min(1).max(255)).max(1000).optional(),
  /** An OU's distinguished name: its enabled computer accounts (Get-ADComputer -SearchBase) join the list. */
  searchBase: z.string().min(1).max(1024).optional(),
});
export type DiscoverScope = z.infer<typeof discoverScopeSchema>;

/** How many round trips the discovery took: the sweep is one session script and one Invoke-Command, whatever N. */
export const discoverCountsSchema = z.object({
  hosts: z.number().int(),
  reached: z.number().int(),
  /** Scripts sent to the PowerShell session (the sweep, then one per domain for the accounts). */
  sessionScripts: z.number().int(),
  /** Invoke-Command calls the sweep script made, as it reports them (0 when only this computer was read). */
  remotingCalls: z.number().int(),
  /** AD queries for the accounts (one per batch of accounts per object class). */
  adQueries: z.number().int(),
  accounts: z.number().int(),
});
export type DiscoverCounts = z.infer<typeof discoverCountsSchema>;

export const discoveryReportSchema = z.object({
  ranAt: z.string(),
  ms: z.number(),
  /** The computer the wizard ran on (read in-process, without remoting). */
  localComputer: z.string(),
  /** Every host swept, reached or not, in the order asked. */
  hosts: z.array(z.string()),
  /** Every job found, most urgent first (fine ones last). */
  findings: z.array(findingSchema),
  /** Accounts with their uses, most urgent first. */
  accounts: z.array(accountSummarySchema),
  problems: z.array(hostProblemSchema),
  /**
   * Hosts that were read, but not whole: what could not be read there and why (IIS's configuration could not be
   * read: the host's tasks and services are listed, its pools are not). Absent when every host was read whole.
   */
  notes: z.array(z.object({ host: z.string(), message: z.string() })).optional(),
  /**
   * The OU (searchBase) could not be listed: what AD said and what to change. The listed computers were still
   * swept. Absent when there was no OU or it was listed.
   */
  searchBaseProblem: z.object({ searchBase: z.string(), message: z.string(), fix: z.string() }).optional(),
  counts: discoverCountsSchema,
});
export type DiscoveryReport = z.infer<typeof discoveryReportSchema>;

/** Progress while discovery runs: each host as its answer (or its error) arrives, then the accounts phase. */
export const discoverProgressSchema = z.object({
  phase: z.enum(['hosts', 'accounts', 'done']),
  /** The host that just answered (phase 'hosts'); null otherwise. */
  host: z.string().nullable(),
  /** 'read': its jobs came back; 'problem': it could not be read. */
  outcome: z.enum(['read', 'problem']).nullable(),
  done: z.number().int(),
  total: z.number().int(),
});
export type DiscoverProgress = z.infer<typeof discoverProgressSchema>;
