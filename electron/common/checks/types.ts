// What one prerequisite check is: its words (title, why, the manual command), its PowerShell probe that RETURNS raw
// data, and its evaluation in TypeScript. The runner (run.ts) puts every selected probe into one script, runs it in
// one round trip and evaluates each answer here; a probe that threw is explained, never fatal.
import type { z } from 'zod';
import type { CHECK_GROUPS, CheckFix, CheckStatus } from '../api/contract.js';
import type { PsErrorInfo } from '../powershell/envelope.js';
import { classifyErrorInfo, PsErrorKind } from '../powershell/errors.js';
import { PsScript } from '../powershell/script.js';

export type CheckGroup = (typeof CHECK_GROUPS)[number];

export interface EvalContext {
  /** The wizard's clock when the answer arrived (countdowns); probes carry the DC's own time where it matters. */
  readonly now: Date;
}

export interface Evaluation {
  readonly status: CheckStatus;
  readonly found: string;
  readonly fix?: CheckFix | null;
  readonly readyAt?: string | null;
}

/** A check as its family file declares it: `raw` is the zod shape of what its probe returns. */
export interface CheckSpec<T> {
  readonly id: string;
  readonly group: CheckGroup;
  readonly title: string;
  readonly why: string;
  /** The exact PowerShell an admin would run to check this by hand. */
  readonly command: string;
  /**
   * The probe: PowerShell that RETURNS one object (an [ordered] hashtable), Windows PowerShell 5.1 syntax. It runs
   * inside a try/catch with its own Stopwatch, may call Get-MsaFact (facts.ts) and read $msaOptions (run.ts).
   */
  readonly probe: PsScript;
  readonly raw: z.ZodType<T>;
  evaluate(raw: T, ctx: EvalContext): Evaluation;
  /** The probe threw: say what that means for this check (default: 'unknown' with the reason, see probeErrorReason). */
  onError?(error: PsErrorInfo, ctx: EvalContext): Evaluation | undefined;
}

/** A check with its raw type erased, as the runner holds them. */
export interface Check {
  readonly id: string;
  readonly group: CheckGroup;
  readonly title: string;
  readonly why: string;
  readonly command: string;
  readonly probe: PsScript;
  evaluateRaw(data: unknown, ctx: EvalContext): Evaluation;
  evaluateError(error: PsErrorInfo, ctx: EvalContext): Evaluation;
}

export function defineCheck<T>(spec: CheckSpec<T>): Check {
  if (!/^[a-z0-9-]{1,64}$/.test(spec.id)) throw new Error(`bad check id ${spec.id}`);
  return {
    id: spec.id,
    group: spec.group,
    title: spec.title,
    why: spec.why,
    command: spec.command,
    probe: spec.probe,
    evaluateRaw(data, ctx) {
      const parsed = spec.raw.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return {
          status: 'unknown',
          found: `The probe answered in an unexpected shape (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}); this is a bug in the wizard.`,
        };
      }
      return spec.evaluate(parsed.data, ctx);
    },
    evaluateError(error, ctx) {
      return spec.onError?.(error, ctx) ?? { status: 'unknown', found: `Could not check: ${probeErrorReason(error)}` };
    },
  };
}

/** Thrown for input the checks refuse (unknown check ids, a back-dated KDS key without acknowledgement). */
export class CheckInputError extends Error {
  constructor(
    message: string,
    readonly title = 'The request was refused.',
    readonly action = 'Change the request as the message says.',
  ) {
    super(message);
    this.name = 'CheckInputError';
  }
}

/** One line on why a probe (or a fact it needed) failed, in words for the admin. Keyed on FQID/type, not message. */
export function probeErrorReason(error: PsErrorInfo): string {
  const kind = classifyErrorInfo(error);
  const command = error.fqid.startsWith('CommandNotFoundException') ? (error.target ?? '') : (error.command ?? '');
  switch (kind) {
    case PsErrorKind.ModuleMissing:
      if (/^[A-Za-z]+-AD/.test(command)) {
        return `${command} is not available: the ActiveDirectory PowerShell module (RSAT) is not installed on this computer (see the RSAT check).`;
      }
      if (/-Kds/.test(command)) {
        return `${command} is not available: the Kds module (installed with the AD DS tools) is missing on this computer.`;
      }
      return `${command || 'a command'} is not available in this PowerShell.`;
    case PsErrorKind.ServerUnavailable:
      return `no domain controller answered over AD Web Services (TCP 9389): ${error.message}`;
    case PsErrorKind.AccessDenied:
      return `access was denied (${error.message}); run elevated, as a Domain Admin.`;
    default:
      return error.message;
  }
}

/** "9 h 59 min", "4 min 10 s", "12 s". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

/** A date as the admin reads it: ISO 8601 in UTC, to the minute. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "A, B and C". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Constant PowerShell text written in this repository, backslashes kept exactly as written (String.raw), so regexes
 * and paths in probes read as they do in a .ps1 file. Takes no values: data goes through ps``.
 */
export function psConst(strings: TemplateStringsArray): PsScript {
  return PsScript.fromTrustedSource(String.raw({ raw: strings.raw }));
}
