// What the sweep could not read, as lines the admin acts on: the OU that could not be listed (what AD said, the fix,
// the command that shows whether AD knows it), each computer that could not be read (cause, fix, command), and each
// computer read in part (its tasks and services listed, its pools not: why). Pure: HostProblems and
// SearchBaseProblem render these lines with one component.
import type { DiscoveryReport } from '../api/contract';
import { PROBLEM_WORDS } from './words';

/** One line: a computer (or the OU) in bold, what happened, what to do, what Windows said, the fix's command. */
export interface ProblemLineView {
  /** The computer's name, or the OU's distinguished name. */
  readonly subject: string;
  /** 'problem': not read at all; 'part': read in part; 'ou': the OU could not be listed. */
  readonly kind: 'problem' | 'part' | 'ou';
  /** The cause in words and the fix: "PowerShell remoting is off. Run Enable-PSRemoting there." */
  readonly words: string;
  /** What Windows or AD said, verbatim ('' when the words already carry it). */
  readonly said: string;
  /** The command that fixes it or shows why ('' when none). */
  readonly command: string;
  /** A DOM id for the command block, unique on the screen. */
  readonly id: string;
}

const domId = (prefix: string, name: string): string =>
  `${prefix}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-command`;

/** A PowerShell single-quoted literal, for a command the admin copies (never run by the renderer). */
const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * The OU given could not be listed. The core's fix speaks to the command line (--searchbase); here the admin fixes
 * the OU field, so the words say that, and the command is the check the core's fix names.
 */
export function searchBaseLine(report: DiscoveryReport): ProblemLineView | null {
  const p = report.searchBaseProblem;
  if (p === undefined) return null;
  return {
    subject: p.searchBase,
    kind: 'ou',
    words:
      'The OU could not be listed, so none of its computers were read. Check its distinguished name (the command below shows whether AD knows it; Find an OU, under the OU field, lists them), then press Find what runs as users again.',
    said: p.message,
    command: `Get-ADOrganizationalUnit -Identity ${quote(p.searchBase)}`,
    id: 'searchbase-problem-command',
  };
}

/** The computers not read (cause, fix, command), then those read in part (what was not read and why). */
export function hostLines(report: DiscoveryReport): ProblemLineView[] {
  const problems: ProblemLineView[] = report.problems.map((p) => ({
    subject: p.host,
    kind: 'problem',
    words: `${PROBLEM_WORDS[p.cause]}. ${p.fix}`,
    said: p.message,
    command: p.command,
    id: domId('problem', p.host),
  }));
  const parts: ProblemLineView[] = (report.notes ?? []).map((n) => ({
    subject: n.host,
    kind: 'part',
    words: `Read in part. ${n.message}`,
    said: '',
    command: '',
    id: domId('part', n.host),
  }));
  return [...problems, ...parts];
}

/** The heading of the computers' lines: how many were not read, how many read in part. */
export function hostLinesHeading(report: DiscoveryReport): string {
  const notRead = report.problems.length;
  const part = report.notes?.length ?? 0;
  if (part === 0) return `Computers that could not be read (${notRead})`;
  if (notRead === 0) return `Computers read in part (${part})`;
  return `Computers not read (${notRead}) or read in part (${part})`;
}
