// The Prerequisites screen's first line: the health check's verdict, so a failing check further down (on a fresh
// domain, the KDS root key below the fold) is never missed behind a healthy-looking top. A failing check blocks both
// account types unless it is about the gMSA only (the KDS root key, the host's right to retrieve a gMSA password, DCs
// that cannot run the KDS); the domain levels block the type they do not allow (setup/support.ts reads it). A check
// that could not be read (status 'unknown') is never taken for a pass: the line names it with the warning tone, so
// "Ready" is not said while the KDS root key, say, is unknown.
import type { CheckResult, HealthReport } from '../api/contract';
import { accountTypeSupport } from '../setup/support';

/** Checks whose failure stops a gMSA but not an sMSA. */
const GMSA_ONLY = new Set(['kds-root-key', 'target-gmsa-password', 'domain-controllers']);

export interface Verdict {
  /** 'ready': nothing fails; 'warning': warnings or checks not read; 'blocked': something fails; 'checking': no report yet. */
  readonly tone: 'ready' | 'warning' | 'blocked' | 'checking';
  /** One line, e.g. "2 problems block gMSA: KDS root key, Domain levels" or "Ready for gMSA and sMSA". */
  readonly text: string;
  /** The checks the line names, in its order, each linked to its row. */
  readonly checks: readonly Pick<CheckResult, 'id' | 'title' | 'status'>[];
}

/** 'unknown' only because nothing is asked yet: gMSA password retrieval before a gMSA is chosen (raw.gmsa null). */
const notAskedYet = (c: CheckResult) =>
  c.id === 'target-gmsa-password' && (c.raw as { gmsa?: unknown } | null)?.gmsa === null;

const problems = (n: number) => (n === 1 ? '1 problem blocks' : `${n} problems block`);
const warnings = (n: number) => (n === 1 ? '1 warning to read' : `${n} warnings to read`);
const unread = (n: number) => (n === 1 ? '1 check could not be read' : `${n} checks could not be read`);

export function healthVerdict(report: HealthReport | null): Verdict {
  if (report === null)
    return { tone: 'checking', text: 'Checking whether this computer and domain are ready…', checks: [] };
  const support = accountTypeSupport(report);
  const blocks = (check: CheckResult, type: 'gmsa' | 'smsa') =>
    check.status === 'fail'
      ? check.id === 'domain-levels'
        ? support[type].allowed !== true
        : type === 'gmsa' || !GMSA_ONLY.has(check.id)
      : check.id === 'domain-levels' && support[type].allowed === false;
  const gmsa = report.results.filter((r) => blocks(r, 'gmsa'));
  const smsa = report.results.filter((r) => blocks(r, 'smsa'));
  const named = (checks: readonly CheckResult[]) => checks.map((c) => c.title).join(', ');
  // Not blocking, but not known to pass either.
  const unknown = report.results.filter(
    (r) => r.status === 'unknown' && !notAskedYet(r) && !gmsa.includes(r) && !smsa.includes(r),
  );
  const notRead = unknown.length === 0 ? '' : `${unread(unknown.length)}: ${named(unknown)}`;
  const isReady = (type: string) => (notRead === '' ? ` ${type} is ready.` : '');

  if (gmsa.length === 0 && smsa.length === 0) {
    const warned = report.results.filter((r) => r.status === 'warn');
    if (warned.length === 0 && unknown.length === 0)
      return { tone: 'ready', text: 'Ready for gMSA and sMSA', checks: [] };
    if (unknown.length === 0) {
      return {
        tone: 'warning',
        text: `Ready for gMSA and sMSA, ${warnings(warned.length)}: ${named(warned)}`,
        checks: warned,
      };
    }
    // Not "Ready": what could not be read first, then the warnings.
    const text = warned.length === 0 ? notRead : `${notRead}. ${warnings(warned.length)}: ${named(warned)}`;
    return { tone: 'warning', text, checks: [...unknown, ...warned] };
  }
  const same = gmsa.length === smsa.length && gmsa.every((c) => smsa.includes(c));
  let text: string;
  if (same) text = `${problems(gmsa.length)} gMSA and sMSA: ${named(gmsa)}`;
  // "The other type is ready" only when every check was read.
  else if (smsa.length === 0) text = `${problems(gmsa.length)} gMSA: ${named(gmsa)}.${isReady('sMSA')}`;
  else if (gmsa.length === 0) text = `${problems(smsa.length)} sMSA: ${named(smsa)}.${isReady('gMSA')}`;
  else text = `${problems(gmsa.length)} gMSA: ${named(gmsa)}. ${problems(smsa.length)} sMSA: ${named(smsa)}.`;
  if (notRead !== '') text = `${text.endsWith('.') ? text : `${text}.`} ${notRead}.`;
  // Every check named once: the blockers in the report's order, then those not read.
  const shown = report.results.filter((c) => gmsa.includes(c) || smsa.includes(c));
  return { tone: 'blocked', text, checks: [...shown, ...unknown] };
}
