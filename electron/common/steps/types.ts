// What one setup step is: an id and title, the exact script it runs (preview), how it runs and judges the answer,
// and the undo script for what it created. Each step's script first reads the current state and only then changes
// anything, in ONE round trip; the answer is raw data, zod-validated and judged here in TypeScript:
//   'done'     the step changed the directory or the host as planned (and read the result back);
//   'exists'   the wanted state was already there: reused, nothing changed;
//   'conflict' something with that name exists with other settings: reported, never overwritten;
//   'failed'   PowerShell failed (explained with classifyError) or the read-back did not match.
import type { z } from 'zod';
import type { Plan } from '../plan/plan-schema.js';
import type { PsErrorInfo } from '../powershell/envelope.js';
import type { PsErrorKind } from '../powershell/errors.js';
import { classifyError, ERROR_EXPLANATIONS } from '../powershell/errors.js';
import { PsScript } from '../powershell/script.js';
import { PsCommandError } from '../powershell/session-errors.js';

export type StepStatus = 'done' | 'exists' | 'conflict' | 'failed';

export type CreatedKind = 'group' | 'group-member' | 'service-account' | 'smsa-link' | 'installed-account';

/** An object (or link) this run created; undo removes exactly these, newest first. */
export interface CreatedObject {
  readonly kind: CreatedKind;
  /** The object's distinguished name (or, for an installed account, its sAMAccountName). */
  readonly identity: string;
  /** For links: the group (group-member) or the computer (smsa-link, installed-account) it hangs on. */
  readonly parent?: string;
}

export interface StepOutcome {
  readonly status: StepStatus;
  readonly created: readonly CreatedObject[];
  /** One or two sentences for the admin: what was found or done, and for 'conflict'/'failed' what to change. */
  readonly message: string;
  /** For 'failed': the classified error kind, when PowerShell failed. */
  readonly errorKind?: PsErrorKind;
}

/** The session as the steps use it (PowerShellSession satisfies it). */
export interface StepSession {
  run(script: PsScript, options?: { timeoutMs?: number }): Promise<unknown[]>;
}

export interface Step {
  readonly id: string;
  readonly title: string;
  /** The exact script `run` sends. */
  preview(plan: Plan): PsScript;
  run(session: StepSession, plan: Plan): Promise<StepOutcome>;
  /** Removes what `run` reported as created (empty script when nothing was created). */
  undo(created: readonly CreatedObject[]): PsScript;
}

export interface StepSpec<T> {
  readonly id: string;
  readonly title: string;
  readonly script: (plan: Plan) => PsScript;
  readonly raw: z.ZodType<T>;
  evaluate(raw: T, plan: Plan): StepOutcome;
  /** A failure this step explains better than the generic table (e.g. which DC lacks the KDS key). */
  explainError?(kind: PsErrorKind, error: unknown, session: StepSession, plan: Plan): Promise<string | undefined>;
  undo(created: readonly CreatedObject[]): PsScript;
}

export const STEP_TIMEOUT_MS = 120_000;

export function defineStep<T>(spec: StepSpec<T>): Step {
  if (!/^[a-z0-9-]{1,64}$/.test(spec.id)) throw new Error(`bad step id ${spec.id}`);
  return {
    id: spec.id,
    title: spec.title,
    preview: (plan) => joinPrelude(spec.script(plan)),
    async run(session, plan) {
      let data: unknown[];
      try {
        data = await session.run(joinPrelude(spec.script(plan)), { timeoutMs: STEP_TIMEOUT_MS });
      } catch (error) {
        const kind = classifyError(error);
        const special = await spec.explainError?.(kind, error, session, plan);
        return { status: 'failed', created: [], errorKind: kind, message: special ?? explainFailure(kind, error) };
      }
      const parsed = spec.raw.safeParse(data.length === 1 ? data[0] : data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return {
          status: 'failed',
          created: [],
          message: `The step answered in an unexpected shape (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}); this is a bug in the wizard.`,
        };
      }
      return spec.evaluate(parsed.data, plan);
    },
    undo: (created) => joinPrelude(spec.undo(created)),
  };
}

/** The generic explanation of a failed step: the error's title and action, and PowerShell's own message. */
export function explainFailure(kind: PsErrorKind, error: unknown): string {
  const { title, action } = ERROR_EXPLANATIONS[kind];
  const first: PsErrorInfo | undefined = error instanceof PsCommandError ? error.errors[0] : undefined;
  const detail = first?.message ?? (error instanceof Error ? error.message : String(error));
  return `${title} ${action} (PowerShell: ${detail})`;
}

/** Helpers every step script can use: the AD not-found test without relying on the type being loaded. */
const PRELUDE = PsScript.fromTrustedSource(`$env:ADPS_LoadDefaultDrive = '0'
function Test-MsaNotFound {
    param($ErrorRecord)
    return ($ErrorRecord.Exception.GetType().FullName -eq 'Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException')
}
function Get-MsaOrNull {
    param([scriptblock]$Get)
    try { return (& $Get) } catch { if (Test-MsaNotFound $_) { return $null }; throw }
}`);

function joinPrelude(script: PsScript): PsScript {
  return PsScript.fromTrustedSource(`${PRELUDE.text}\n${script.text}`);
}

export const sameText = (a: string | null | undefined, b: string | null | undefined): boolean =>
  (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

export const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const x = new Set(a.map((s) => s.toLowerCase()));
  const y = new Set(b.map((s) => s.toLowerCase()));
  return x.size === y.size && [...x].every((s) => y.has(s));
};

/** The parent of a DN (everything after the first unescaped comma). */
export function parentDn(dn: string): string {
  const m = /^(?:\\.|[^,\\])*,(.*)$/.exec(dn);
  return m?.[1] ?? '';
}

/** An empty script, for undo of a step that created nothing. */
export const NOTHING = PsScript.fromTrustedSource('# Nothing to undo: this step created nothing.');
