// `msa-wizard check`: the prerequisite health check from the command line — the same checks, one round trip, as
// the wizard's Prerequisites screen. Exit 0 when no check fails, 1 when any fails, 2 for bad input.
import { rmSync } from 'node:fs';
import { CHECK_GROUPS, type CheckResult, type CheckStatus, type HealthReport } from '../common/api/contract.js';
import { runHealthCheck } from '../common/checks/run.js';
import { formatDuration, formatUtc } from '../common/checks/types.js';
import { PowerShellSession } from '../common/powershell/session.js';
import { labSessionOptions } from '../lab/lab.js';
import { readAnswersFile } from './answers-file.js';
import { option, parseArgs, UsageError } from './args.js';
import type { CliIo } from './io.js';
import { chooseLab } from './lab-option.js';

export const CHECK_HELP = `msa-wizard check — the prerequisite health check

  msa-wizard check [--lab-dir DIR | --scenario NAME] [--answers FILE] [--json]
      runs every check in one PowerShell round trip and prints them grouped, failures first;
      --answers: also the checks of the plan's workloads (IIS for an app pool, each planned service);
      --lab-dir: against a practice lab (--scenario too: create it there first if DIR has none);
      --scenario alone: in a new temporary lab; neither: this machine's own PowerShell and domain;
      --json: the HealthReport as JSON. Exit 0: nothing failed; 1: a check failed; 2: bad input`;

const SEVERITY: Readonly<Record<CheckStatus, number>> = { fail: 0, warn: 1, unknown: 2, pass: 3 };
const LABEL: Readonly<Record<CheckStatus, string>> = { fail: 'FAIL', warn: 'WARN', unknown: '????', pass: ' ok ' };

/** Groups ordered by their worst status (failures first), checks within a group likewise; ties keep their order. */
export function orderForDisplay(results: readonly CheckResult[]): { group: string; results: CheckResult[] }[] {
  const groups = CHECK_GROUPS.map((group) => ({
    group,
    results: results
      .filter((r) => r.group === group)
      .map((r, i) => ({ r, i }))
      .sort((a, b) => SEVERITY[a.r.status] - SEVERITY[b.r.status] || a.i - b.i)
      .map(({ r }) => r),
  })).filter((g) => g.results.length > 0);
  const worst = (g: { results: CheckResult[] }) => Math.min(...g.results.map((r) => SEVERITY[r.status]));
  return groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => worst(a.g) - worst(b.g) || a.i - b.i)
    .map(({ g }) => g);
}

const indent = (text: string, prefix: string): string =>
  text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');

/** The readable table: one line per check, what was found under it, and the fix for anything not passing. */
export function formatReport(report: HealthReport, now = new Date()): string {
  const lines: string[] = [];
  const width = Math.max(...report.results.map((r) => r.title.length), 10);
  for (const { group, results } of orderForDisplay(report.results)) {
    lines.push(group);
    for (const r of results) {
      lines.push(`  [${LABEL[r.status]}] ${r.title.padEnd(width)}  ${r.id} (${Math.round(r.ms)} ms)`);
      lines.push(indent(r.found, '           '));
      if (r.readyAt !== null) {
        const wait = formatDuration(new Date(r.readyAt).getTime() - now.getTime());
        lines.push(`           ready at ${formatUtc(r.readyAt)} (in ${wait})`);
      }
      if (r.status !== 'pass' && r.fix !== null) {
        lines.push(indent(`fix: ${r.fix.summary}`, '           '));
        if (r.fix.command !== '') lines.push(indent(r.fix.command, '             > '));
        for (const a of r.fix.actions) {
          const ack = a.acknowledgement === null ? '' : ' (needs acknowledgement)';
          lines.push(`             one-click: ${a.id}${ack}: ${a.label}`);
        }
      }
    }
    lines.push('');
  }
  const count = (s: CheckStatus) => report.results.filter((r) => r.status === s).length;
  lines.push(
    `${report.results.length} checks: ${count('fail')} failed, ${count('warn')} warnings, ${count('unknown')} unknown, ` +
      `${count('pass')} passed — ${Math.round(report.ms)} ms, one PowerShell round trip (${report.ranAt})`,
  );
  return lines.join('\n');
}

export async function checkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['lab-dir', 'scenario', 'answers'], ['json', 'help']);
  if (args.options.has('help')) {
    io.out(CHECK_HELP);
    return 0;
  }
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  if (args.rest !== undefined) throw new UsageError('check takes no PowerShell (-- …)');
  // The plan's workloads, read (and refused when bad, exit 2) before any lab or session exists.
  const answersFile = option(args, 'answers');
  const workloads =
    answersFile === undefined
      ? undefined
      : readAnswersFile(answersFile).plan.workloads.map((w) => ({ kind: w.kind, host: w.host, settings: w.settings }));
  const dirOption = option(args, 'lab-dir');
  const scenario = option(args, 'scenario');
  const { dir, temp } = chooseLab('check', dirOption, scenario);
  try {
    const session = new PowerShellSession(dir === undefined ? {} : labSessionOptions(dir));
    try {
      const report = await runHealthCheck(
        (_operation, script, timeoutMs) => session.run(script, { timeoutMs }),
        workloads === undefined ? {} : { workloads },
      );
      io.out(args.options.has('json') ? JSON.stringify(report, null, 2) : formatReport(report));
      return report.results.some((r) => r.status === 'fail') ? 1 : 0;
    } finally {
      await session.dispose();
    }
  } finally {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
  }
}
