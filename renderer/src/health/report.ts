// "Copy report": the health check as Markdown for a change ticket — when and where it ran, a table per group
// (status, check, what was found; failures first), then the fixes for everything that did not pass.
import type { EnvironmentInfo, HealthReport } from '../api/contract';
import { countStatuses, groupChecks, STATUS_LABEL, summarize } from './order';
import { formatStamp } from './time';

export interface AppliedFix {
  readonly fix: string;
  /** What the core says it did. */
  readonly applied: string;
  readonly at: string;
}

export interface ReportInput {
  readonly report: HealthReport;
  /** When some checks were re-run on their own since the full run (their results are in `report`). */
  readonly updatedAt: string | null;
  readonly environment: EnvironmentInfo | null;
  readonly appliedFixes: readonly AppliedFix[];
}

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>').trim();
}

/** A fenced block whose fence is longer than any run of backticks inside it. */
function fenced(code: string, language = 'powershell'): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${code.replace(/\s+$/, '')}\n${fence}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function healthReportMarkdown({ report, updatedAt, environment, appliedFixes }: ReportInput): string {
  const lines: string[] = ['# MSA Wizard: prerequisite health check', ''];
  lines.push(`- Checked: ${formatStamp(new Date(report.ranAt))} (${seconds(report.ms)})`);
  if (updatedAt !== null) lines.push(`- Updated: ${formatStamp(new Date(updatedAt))} (some checks run again since)`);
  if (environment !== null) {
    lines.push(
      `- Computer: ${environment.computer}; user: ${environment.user}; domain: ${environment.domain ?? 'not in a domain'}`,
    );
    if (environment.lab !== null) {
      lines.push(`- Practice mode: simulated domain, lab scenario ${environment.lab.scenario} (not a real domain)`);
    }
  }
  lines.push(`- Result: ${summarize(countStatuses(report.results))}`, '');

  for (const { group, checks } of groupChecks(report.results)) {
    lines.push(`## ${group}`, '', '| Status | Check | Found |', '| --- | --- | --- |');
    for (const check of checks) {
      const ready = check.readyAt === null ? '' : ` (ready at ${formatStamp(new Date(check.readyAt))})`;
      lines.push(`| ${STATUS_LABEL[check.status]} | ${cell(check.title)} | ${cell(check.found + ready)} |`);
    }
    lines.push('');
  }

  const toFix = groupChecks(report.results)
    .flatMap((view) => view.checks)
    .filter((check) => check.status !== 'pass' && check.fix !== null);
  if (toFix.length > 0) {
    lines.push('## Fixes', '');
    for (const check of toFix) {
      if (check.fix === null) continue;
      lines.push(`### ${check.title} (${STATUS_LABEL[check.status]})`, '', check.fix.summary, '');
      if (check.fix.command.trim() !== '') lines.push(fenced(check.fix.command), '');
      for (const action of check.fix.actions) lines.push(`- ${action.label}: ${action.explanation}`);
      if (check.fix.actions.length > 0) lines.push('');
    }
  }

  if (appliedFixes.length > 0) {
    lines.push('## Fixes applied by the wizard', '');
    for (const fix of appliedFixes) lines.push(`- ${formatStamp(new Date(fix.at))}: ${fix.applied}`);
    lines.push('');
  }
  return lines.join('\n');
}
