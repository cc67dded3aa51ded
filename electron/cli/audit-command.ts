// `msa-wizard audit`: the managed-accounts inventory and security audit (../common/audit), one read-only script, one
// round trip. Prints a plain-text summary (findings worst first, each with its evidence and fix command), or the
// report as JSON (--json) or as Markdown, HTML or CSV (--format), to stdout or to a file (--out). Changes nothing.
// Exit 0: nothing medium or worse; 1: a finding medium or worse, or the script failed; 2: bad input.
import { accessSync, constants, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAudit } from '../common/audit/audit.js';
import { renderReport } from '../common/audit/report.js';
import { ACTIONABLE, findingsWorstFirst, severityCounts, when } from '../common/audit/report-shared.js';
import {
  REPORT_FORMATS,
  SEVERITIES,
  type AuditReport,
  type ReportFormat,
  type Severity,
} from '../common/audit/types.js';
import { psLiteral } from '../common/powershell/script.js';
import { PowerShellSession } from '../common/powershell/session.js';
import { labSessionOptions } from '../lab/lab.js';
import { option, parseArgs, UsageError } from './args.js';
import type { CliIo } from './io.js';
import { chooseLab } from './lab-option.js';

export const AUDIT_HELP = `msa-wizard audit — the managed accounts inventory and security audit (read only)

  msa-wizard audit [--lab-dir DIR | --scenario NAME] [--json] [--format md|html|csv] [--out FILE]
      reads, in one PowerShell round trip, every sMSA, gMSA and dMSA of the domain, who can retrieve or take their
      passwords (through nested groups), the KDS root keys and who can read them, the OUs where a non-admin could
      create a dMSA (BadSuccessor) and the user accounts that should be managed accounts; changes nothing.
      Prints the findings worst first, each with its evidence and the command that fixes or investigates it.
      --json: the report as JSON; --format: the report as Markdown, HTML (self-contained, printable) or CSV (the
      findings, one row each) instead; --out FILE: write it to FILE (UTF-8; the format from --format, --json or the
      file's extension .md .html .csv .json) and print the summary. Printed CSV has LF line ends; --out writes the
      exact file (CRLF, a byte-order mark for Excel).
      Exit 0: nothing medium or worse; 1: a finding medium or worse, or the audit script failed; 2: bad input`;

const LABEL: Readonly<Record<Severity, string>> = {
  critical: 'CRITICAL',
  high: '  HIGH  ',
  medium: ' MEDIUM ',
  low: '  LOW   ',
  info: '  INFO  ',
};

const EXTENSIONS: Readonly<Record<string, ReportFormat | 'json'>> = {
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.csv': 'csv',
  '.json': 'json',
};

const FORMAT_NAME: Readonly<Record<ReportFormat | 'json', string>> = {
  md: 'Markdown',
  html: 'HTML',
  csv: 'CSV',
  json: 'JSON',
};

const indent = (text: string, prefix: string): string[] => text.split(/\r?\n/).map((l) => `${prefix}${l}`);

/** The readable summary: where and when, the findings worst first (evidence, fix), then the counts. */
export function formatAudit(report: AuditReport, ms?: number): string {
  const lines: string[] = [];
  const at = when(report.generatedAt, {}) || report.generatedAt;
  const types = (['gMSA', 'sMSA', 'dMSA'] as const)
    .map((t) => [t, report.accounts.filter((a) => a.type === t).length] as const)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${n} ${t}`);
  const effective = report.kdsKeys.filter((k) => k.isEffective).length;
  lines.push(`${report.domain}, read from ${report.domainController} on ${at} (read only: nothing was changed)`);
  lines.push(
    `${report.accounts.length} managed account${report.accounts.length === 1 ? '' : 's'}` +
      `${types.length === 0 ? '' : ` (${types.join(', ')})`}, ` +
      `${report.kdsKeys.length} KDS root key${report.kdsKeys.length === 1 ? '' : 's'} (${effective} effective)`,
  );
  lines.push('');
  const findings = findingsWorstFirst(report.findings);
  if (findings.length === 0) lines.push('No findings.');
  for (const f of findings) {
    lines.push(`[${f.unknown === null ? LABEL[f.severity] : 'UNKNOWN '}] ${f.title}`);
    lines.push(`           ${f.why}`);
    if (f.unknown !== null) lines.push(`           could not be determined: ${f.unknown}`);
    for (const e of f.evidence) lines.push(`           evidence: ${e}`);
    lines.push(`           fix: ${f.fix.summary}`);
    if (f.fix.command.trim() !== '') lines.push(...indent(f.fix.command, '             > '));
    if (f.moveAccount !== null) {
      // The "move to a managed account" flow from the command line: adopt writes its answers file. The name is quoted
      // as PowerShell quotes it (an admin types this in PowerShell; a plain name reads the same in any shell).
      lines.push(
        `           move it to a managed account: msa-wizard adopt --account ${psLiteral(f.moveAccount)} --computer COMPUTER --out move.json`,
      );
    }
  }
  const counts = severityCounts(report.findings);
  const unknown = report.findings.filter((f) => f.unknown !== null).length;
  lines.push('');
  lines.push(
    `${findings.length} finding${findings.length === 1 ? '' : 's'}: ` +
      SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ') +
      (unknown === 0 ? '' : ` (${unknown} could not be determined)`) +
      ` — ${report.queries} directory queries` +
      (ms === undefined ? '' : `, ${Math.round(ms)} ms`),
  );
  return lines.join('\n');
}

/** What --json / --format / --out ask for: null is the plain summary on stdout. */
function chooseOutput(
  json: boolean,
  format: string | undefined,
  out: string | undefined,
): { kind: ReportFormat | 'json' | null; out: string | undefined } {
  if (json && format !== undefined) throw new UsageError('--json and --format are alternatives: choose one');
  if (format !== undefined && !(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format takes ${REPORT_FORMATS.join(', ')}, not '${format}'`);
  }
  const chosen = json ? 'json' : (format as ReportFormat | undefined);
  if (out === undefined) return { kind: chosen ?? null, out };
  const kind = chosen ?? EXTENSIONS[path.extname(out).toLowerCase()];
  if (kind === undefined) {
    throw new UsageError(`say which format to write to ${out}: --format md, html or csv, or --json`);
  }
  // Refused before the audit runs: an admin should not wait for the directory to learn the path was wrong.
  let isDirectory = false;
  try {
    isDirectory = statSync(out).isDirectory();
  } catch {
    // Not there yet: the folder must be.
  }
  if (isDirectory) throw new UsageError(`--out ${out} is a folder: name the file to write`);
  try {
    accessSync(path.dirname(path.resolve(out)), constants.W_OK);
  } catch (err) {
    throw new UsageError(
      `cannot write ${out}: its folder ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not writable'}`,
    );
  }
  return { kind, out };
}

export async function auditCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['lab-dir', 'scenario', 'format', 'out'], ['json', 'help']);
  if (args.options.has('help')) {
    io.out(AUDIT_HELP);
    return 0;
  }
  if (args.positional.length > 0) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  if (args.rest !== undefined) throw new UsageError('audit takes no PowerShell (-- …)');
  const output = chooseOutput(args.options.has('json'), option(args, 'format'), option(args, 'out'));
  const { dir, temp } = chooseLab('audit', option(args, 'lab-dir'), option(args, 'scenario'));
  try {
    const session = new PowerShellSession(dir === undefined ? {} : labSessionOptions(dir));
    let report: AuditReport;
    const began = Date.now();
    try {
      report = await runAudit({ run: (script, options) => session.run(script, options) }, {});
    } finally {
      await session.dispose();
    }
    const ms = Date.now() - began;
    const text =
      output.kind === null
        ? null
        : output.kind === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : renderReport(report, output.kind).text;
    if (output.out !== undefined && text !== null && output.kind !== null) {
      try {
        writeFileSync(output.out, text, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot write ${output.out} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      io.out(formatAudit(report, ms));
      io.err(`wrote ${output.out} (${FORMAT_NAME[output.kind]}, UTF-8)`);
    } else if (text !== null) {
      // The terminal gets lines: the CSV's CRLF and byte-order mark are for the file (--out).
      io.out(
        text
          .replace(/^\uFEFF/, '')
          .replace(/\r\n/g, '\n')
          .replace(/\n$/, ''),
      );
    } else {
      io.out(formatAudit(report, ms));
    }
    return report.findings.some((f) => ACTIONABLE.includes(f.severity)) ? 1 : 0;
  } finally {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
  }
}
