// `msa-wizard discover`: what runs as which account (scheduled tasks, services, IIS app pools) on this computer, the
// listed computers and an OU's computers, judged and ranked (../common/discover). Read-only. Prints the findings most
// urgent first, then one line per host that could not be read (its cause and fix); progress per host on stderr.
// Exit 0: nothing at risk; 1: a job fails now or will within 14 days, or its account's domain did not answer;
// 2: bad input (a name that is no computer name, an OU that is no DN or that AD cannot list).
import { rmSync } from 'node:fs';
import { discover } from '../common/discover/discover.js';
import { AT_RISK, type DiscoveryReport, type Finding, type Verdict } from '../common/discover/types.js';
import { PowerShellSession } from '../common/powershell/session.js';
import { labSessionOptions } from '../lab/lab.js';
import { option, parseArgs, takeRepeated, UsageError } from './args.js';
import type { CliIo } from './io.js';
import { chooseLab } from './lab-option.js';

export const DISCOVER_HELP = `msa-wizard discover — find what runs as user accounts, and what is about to fail

  msa-wizard discover [--computer NAME …] [--searchbase OU] [--lab-dir DIR | --scenario NAME] [--json]
      reads (read-only) the scheduled tasks, services and IIS application pools of each computer and the accounts
      they run as: this computer in-process, the others over PowerShell remoting (one Invoke-Command), the accounts
      from AD in one batched query per domain; then ranks each job: failing now, will fail (password expired,
      account disabled or locked out), expires within 14 days, never expires (a standing secret), fine.
      --computer: repeat it or separate names with commas; --searchbase: the enabled computers of that OU (a DN);
      neither: this computer only. --json: the report as JSON. Progress per host goes to stderr.
      Exit 0: nothing at risk; 1: findings at risk (or an account's domain did not answer); 2: bad input
      (including an OU that AD cannot list: the computers named with --computer are still read)`;

const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,253}$/;
const DN = /^(OU|CN|DC)=.+/i;

const LABEL: Readonly<Record<Verdict, string>> = {
  failing: 'FAILING  ',
  'will-fail': 'WILL FAIL',
  expiring: 'EXPIRING ',
  unknown: 'UNKNOWN  ',
  'standing-secret': 'NO EXPIRY',
  fine: '   ok    ',
};

const KIND: Readonly<Record<Finding['use']['kind'], string>> = {
  task: 'task',
  service: 'service',
  'app-pool': 'app pool',
};

const jobName = (f: Finding): string => (f.use.kind === 'task' ? `${f.use.taskPath}${f.use.taskName}` : f.use.name);

/** The readable report: findings most urgent first, then the hosts that could not be read, then the counts. */
export function formatDiscovery(report: DiscoveryReport): string {
  const lines: string[] = [];
  const listed = report.findings.filter((f) => f.accountKind !== 'builtin');
  if (listed.length === 0) lines.push('No task, service or app pool runs as a user account here.');
  // A failure's meaning once per code: a fleet repeats the same one on every host.
  const explained = new Set<string>();
  for (const f of listed) {
    lines.push(`[${LABEL[f.verdict]}] ${f.use.host}  ${KIND[f.use.kind]} ${jobName(f)}  as ${f.account}`);
    lines.push(`            ${f.words}`);
    if (f.failure !== null && !explained.has(f.failure.code)) {
      explained.add(f.failure.code);
      lines.push(`            ${f.failure.meaning}`);
    }
  }
  // Built-in identities have no password: one line for all of them.
  const builtin = report.findings.filter((f) => f.accountKind === 'builtin');
  if (builtin.length > 0) {
    const kinds = (['task', 'service', 'app-pool'] as const)
      .map((k) => [k, builtin.filter((f) => f.use.kind === k).length] as const)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${KIND[k]}${n === 1 ? '' : 's'}`);
    lines.push(`[${LABEL.fine}] ${kinds.join(', ')} under built-in identities (no password)`);
  }
  const shared = report.accounts.filter((a) => a.hosts.length > 1);
  if (shared.length > 0) {
    lines.push('');
    for (const a of shared) lines.push(`${a.account} runs on ${a.hosts.join(', ')}: moving it must cover them all`);
  }
  if (report.problems.length > 0) {
    lines.push('');
    for (const p of report.problems)
      lines.push(`${p.host}: ${p.cause}: ${p.fix}${p.command === '' ? '' : ` > ${p.command}`}`);
  }
  const notes = report.notes ?? [];
  if (notes.length > 0) {
    lines.push('');
    for (const n of notes) lines.push(`${n.host}: read in part: ${n.message}`);
  }
  if (report.searchBaseProblem !== undefined) {
    lines.push('');
    lines.push(`--searchbase ${report.searchBaseProblem.searchBase}: ${report.searchBaseProblem.message}`);
    lines.push(`            ${report.searchBaseProblem.fix}`);
  }
  const atRisk = report.findings.filter((f) => AT_RISK.includes(f.verdict)).length;
  const c = report.counts;
  lines.push('');
  lines.push(
    `${c.hosts} host${c.hosts === 1 ? '' : 's'} (${c.reached} read), ${report.findings.length} jobs, ${atRisk} at risk — ` +
      `${Math.round(report.ms)} ms: ${c.sessionScripts} PowerShell scripts, ${c.remotingCalls} Invoke-Command, ${c.adQueries} AD queries`,
  );
  return lines.join('\n');
}

export async function discoverCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values: computers, rest } = takeRepeated(argv, 'computer');
  const args = parseArgs(rest, ['searchbase', 'lab-dir', 'scenario'], ['json', 'help']);
  if (args.options.has('help')) {
    io.out(DISCOVER_HELP);
    return 0;
  }
  if (args.positional.length > 0) {
    throw new UsageError(`unexpected argument '${args.positional[0]}' (more computers: repeat --computer, or commas)`);
  }
  if (args.rest !== undefined) throw new UsageError('discover takes no PowerShell (-- …)');
  const bad = computers.find((c) => !HOST_NAME.test(c));
  if (bad !== undefined) throw new UsageError(`'${bad}' is not a computer name`);
  const searchBase = option(args, 'searchbase');
  if (searchBase !== undefined && !DN.test(searchBase)) {
    throw new UsageError(
      `--searchbase takes an OU's distinguished name (OU=Servers,DC=contoso,DC=com), not '${searchBase}'`,
    );
  }
  const { dir, temp } = chooseLab('discover', option(args, 'lab-dir'), option(args, 'scenario'));
  try {
    const session = new PowerShellSession(dir === undefined ? {} : labSessionOptions(dir));
    try {
      const report = await discover(
        { run: (script, options) => session.run(script, options) },
        { computers, ...(searchBase === undefined ? {} : { searchBase }) },
        {
          onProgress: (p) => {
            if (p.phase === 'hosts' && p.host !== null)
              io.err(`  ${p.host}: ${p.outcome ?? ''} (${p.done}/${p.total})`);
            if (p.phase === 'accounts') io.err(`  accounts: domain ${p.done}/${p.total} read`);
          },
        },
      );
      io.out(args.options.has('json') ? JSON.stringify(report, null, 2) : formatDiscovery(report));
      // An OU that cannot be listed is bad input: the admin must change --searchbase, whatever the other hosts said.
      if (report.searchBaseProblem !== undefined) {
        io.err(
          `msa-wizard: --searchbase '${report.searchBaseProblem.searchBase}' could not be listed: ${report.searchBaseProblem.message}`,
        );
        io.err(`  ${report.searchBaseProblem.fix}`);
        return 2;
      }
      return report.findings.some((f) => AT_RISK.includes(f.verdict)) ? 1 : 0;
    } finally {
      await session.dispose();
    }
  } finally {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
  }
}
