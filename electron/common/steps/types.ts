// What one setup step is: an id and title, the exact script it runs (preview), how it runs and judges the answer,
// and the undo script for what it created. Each step's script first reads the current state and only then changes
// anything, in ONE round trip; the answer is raw data, zod-validated and judged here in TypeScript (and, for the
// exported plan script, by the step's own small PowerShell `judge`):
//   'done'     the step changed the directory or the host as planned (and read the result back);
//   'exists'   the wanted state was already there: reused, nothing changed;
//   'conflict' something with that name exists with other settings: reported, never overwritten;
//   'failed'   PowerShell failed (explained with classifyError) or the read-back did not match.
import type { z } from 'zod';
import type { Plan } from '../plan/plan-schema.js';
import type { StepDetails, StepProgress } from './details.js';
import type { PsErrorInfo } from '../powershell/envelope.js';
import type { PsErrorKind } from '../powershell/errors.js';
import { classifyError, ERROR_EXPLANATIONS } from '../powershell/errors.js';
import { PsScript } from '../powershell/script.js';
import { asciiEscaped } from '../unicode.js';
import { PsCommandError } from '../powershell/session-errors.js';
import { CORE_STEPS, type CoreStepKind } from './descriptors.js';

export type StepStatus = 'done' | 'exists' | 'conflict' | 'failed';

/**
 * What a step can create, as its descriptor's `creates` names it: the core's ('group', 'group-member',
 * 'service-account', 'smsa-link', 'installed-account', descriptors.ts) and each workload kind's and user right's
 * (workloads/). Checked at run time against the registry (KNOWN_CREATED_KINDS in ../workloads/all-steps.ts).
 */
export type CreatedKind = string;

/**
 * An object (or link) this run created; undo removes exactly these, newest first.
 *   group, group-member, service-account, smsa-link: identity = the DN;
 *   installed-account: identity = the sAMAccountName, parent = the computer;
 *   batch-right, service-right: identity = the account as granted ('CONTOSO\\svc-web$'), parent = the computer;
 *   scheduled-task: identity = the task's full name ('\\Nightly Report'), parent = the computer;
 *   other workload kinds: see their folder's README.
 */
export interface CreatedObject {
  readonly kind: CreatedKind;
  readonly identity: string;
  /** For links: the group (group-member) or the computer (smsa-link, installed-account, rights, workloads). */
  readonly parent?: string;
  /** What was there before a change the step made (e.g. a service's previous StartName), for undo. */
  readonly previous?: string;
}

export interface StepOutcome {
  readonly status: StepStatus;
  readonly created: readonly CreatedObject[];
  /** One or two sentences for the admin: what was found or done, and for 'conflict'/'failed' what to change. */
  readonly message: string;
  /** For 'failed': the classified error kind, when PowerShell failed. */
  readonly errorKind?: PsErrorKind;
  /** Things to fix that do not stop the step (e.g. the task's script is writable by non-administrators). */
  readonly warnings?: readonly string[];
  /** Data for the UI (JSON): the GPO to edit (batch right), the test run's report. */
  readonly details?: StepDetails;
}

export interface StepRunOptions {
  /** Called while a long step (the task's test run) waits. */
  readonly onProgress?: (progress: StepProgress) => void;
  /** How long the test run may take (default 5 minutes). */
  readonly timeoutMs?: number;
  /** Time between polls (default 1 s). */
  readonly pollMs?: number;
}

/** The session as the steps use it (PowerShellSession satisfies it). */
export interface StepSession {
  run(script: PsScript, options?: { timeoutMs?: number }): Promise<unknown[]>;
}

/** The part of the setup a step belongs to (a screen each): the directory, the install on hosts, the workloads. */
export type StepStage = 'account' | 'install' | 'workload';

/**
 * What a kind of step is, described once: its stage, where it runs, what it can create (survey and undo credit a
 * cut-off attempt with these kinds only) and its label. Every Step carries its descriptor's fields.
 */
export interface StepDescriptor {
  readonly stage: StepStage;
  readonly where: 'directory' | 'host';
  readonly creates: readonly CreatedKind[];
  /** A short label for lists ('Batch right', 'Install'). */
  readonly label: string;
  /**
   * The main command of the step, as an admin would type it ('New-ADServiceAccount'; for a native tool the program,
   * 'klist'): the preview shows it with its named parameters on one line near the top (test/steps/preview-leads-with-command).
   */
  readonly command: string;
}

export interface Step {
  /** Unique in the plan: the kind for the account's steps and the target computer's install steps,
   * '<kind>@<host>' for another host's and for user rights, '<kind>@<workload id>' for a workload's steps. */
  readonly id: string;
  /** The descriptor's id: 'group', 'install', 'batch-right', 'scheduled-task', ... */
  readonly kind: string;
  readonly title: string;
  readonly stage: StepStage;
  readonly where: 'directory' | 'host';
  /** The computer a host step runs on; null for directory steps. */
  readonly host: string | null;
  readonly creates: readonly CreatedKind[];
  readonly label: string;
  /** The descriptor's main command ('New-ADGroup', 'Register-ScheduledTask', 'klist'). */
  readonly command: string;
  /** The workload this step serves (its own steps), or null. */
  readonly workloadId: string | null;
  /** A workload step that reads or changes the workload's settings (a changed workload makes it due again). */
  readonly settingsDependent: boolean;
  /** What its scripts need besides the shared prelude (in its helper region; the exported script defines each once). */
  readonly needs?: readonly PsScript[];
  /** The step's own script, without the prelude (the exported plan script defines the prelude once). */
  script(plan: Plan): PsScript;
  /** The exact script `run` sends: the prelude, then `script`. */
  preview(plan: Plan): PsScript;
  run(session: StepSession, plan: Plan, options?: StepRunOptions): Promise<StepOutcome>;
  /**
   * For the exported plan script: PowerShell that judges `$r` (what `script` answered, as PowerShell objects) like
   * `evaluate` does, in short: `Stop-MsaStep '<why and what to do>'` on a conflict or failure (it throws), else
   * `Complete-MsaStep 'done'|'exists' '<what was found or done>'`. Both helpers come with the plan script.
   */
  judge(plan: Plan): PsScript;
  /** Removes what `run` reported as created (empty script when nothing was created). */
  undo(created: readonly CreatedObject[]): PsScript;
}

/** One of the account's own steps (descriptors.ts); workload steps are WorkloadStepSpecs (../workloads/bind.ts). */
export interface StepSpec<T> {
  readonly id: CoreStepKind;
  readonly title: string;
  readonly script: (plan: Plan) => PsScript;
  readonly raw: z.ZodType<T>;
  evaluate(raw: T, plan: Plan): StepOutcome;
  readonly judge: (plan: Plan) => PsScript;
  /**
   * What the step's scripts need besides the shared prelude (e.g. the user-rights commands), put in front of the
   * script it runs and of its undo. The exported plan script defines it once instead.
   */
  readonly needs?: Needs;
  /** A failure this step explains better than the generic table (e.g. which DC lacks the KDS key). */
  explainError?(kind: PsErrorKind, error: unknown, session: StepSession, plan: Plan): Promise<string | undefined>;
  undo(created: readonly CreatedObject[]): PsScript;
}

export const STEP_TIMEOUT_MS = 120_000;

/**
 * What a step needs besides the prelude: one script, or several shared pieces (helpers two steps share are one piece,
 * so the exported plan script, which defines each distinct piece once, does not define them twice).
 */
export type Needs = PsScript | readonly PsScript[];

/** The pieces of a step's needs, in order. */
export const needsList = (needs: Needs | undefined): readonly PsScript[] =>
  needs === undefined ? [] : needs instanceof PsScript ? [needs] : needs;

export function defineStep<T>(spec: StepSpec<T>): Step {
  if (!/^[a-z0-9-]{1,64}$/.test(spec.id)) throw new Error(`bad step id ${spec.id}`);
  const descriptor: StepDescriptor = CORE_STEPS[spec.id];
  const full = (script: PsScript, title = spec.title) => joinPrelude(script, title, spec.needs);
  return {
    id: spec.id,
    kind: spec.id,
    title: spec.title,
    stage: descriptor.stage,
    where: descriptor.where,
    host: null,
    creates: descriptor.creates,
    label: descriptor.label,
    command: descriptor.command,
    workloadId: null,
    settingsDependent: false,
    needs: needsList(spec.needs),
    script: spec.script,
    judge: spec.judge,
    preview: (plan) => full(spec.script(plan)),
    async run(session, plan) {
      let data: unknown[];
      try {
        data = await session.run(full(spec.script(plan)), { timeoutMs: STEP_TIMEOUT_MS });
      } catch (error) {
        const kind = classifyError(error);
        const special = await spec.explainError?.(kind, error, session, plan);
        return { status: 'failed', created: [], errorKind: kind, message: special ?? explainFailure(kind, error) };
      }
      return evaluateRaw(spec.raw, data, (raw) => spec.evaluate(raw, plan));
    },
    undo: (created) => {
      const undo = spec.undo(created);
      return undo === NOTHING ? joinPrelude(undo) : full(undo, `Undo: ${spec.title}`);
    },
  };
}

/** Validates a script's answer and judges it; an unexpected shape is a bug, reported as 'failed'. */
export function evaluateRaw<T>(
  schema: z.ZodType<T>,
  data: readonly unknown[],
  judge: (raw: T) => StepOutcome,
): StepOutcome {
  const parsed = schema.safeParse(data.length === 1 ? data[0] : data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      status: 'failed',
      created: [],
      message: `The step answered in an unexpected shape (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}); this is a bug in the wizard.`,
    };
  }
  return judge(parsed.data);
}

/** The generic explanation of a failed step: the error's title and action, and PowerShell's own message. */
export function explainFailure(kind: PsErrorKind, error: unknown): string {
  const { title, action } = ERROR_EXPLANATIONS[kind];
  const first: PsErrorInfo | undefined = error instanceof PsCommandError ? error.errors[0] : undefined;
  const detail = first?.message ?? (error instanceof Error ? error.message : String(error));
  return `${title} ${action} (PowerShell: ${detail})`;
}

/**
 * Helpers every step script can use: the AD not-found test without relying on the type being loaded, and the account's
 * directory facts a host script needs: Get-MsaTaskAccount (the account as Windows names it in user rights and task
 * principals, DOMAIN\\name$: the NetBIOS name of the domain the AD module talks to, where the account was created),
 * Get-MsaAccountSid and Get-MsaAccountGroups (its domain groups, sAMAccountName and SID of each).
 * On another host (../remote/on-host.ts) the script runs through PowerShell remoting, where the AD cmdlets would need
 * a second hop (refused without delegation): there `$msaFacts` holds these facts, read first on the wizard's computer,
 * and the three helpers answer from it. Without it (this computer, the exported script) they ask AD.
 */
export const PRELUDE = PsScript.fromTrustedSource(`$env:ADPS_LoadDefaultDrive = '0'
function Test-MsaNotFound {
    param($ErrorRecord)
    return ($ErrorRecord.Exception.GetType().FullName -eq 'Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException')
}
function Get-MsaOrNull {
    param([scriptblock]$Get)
    try { return (& $Get) } catch { if (Test-MsaNotFound $_) { return $null }; throw }
}
function Get-MsaTaskAccount {
    param([string]$Sam)
    if ($null -ne $msaFacts) { return ([string]$msaFacts.netbios + '\\' + $Sam) }
    return ([string](Get-ADDomain).NetBIOSName + '\\' + $Sam)
}
function Get-MsaAccountSid {
    param([string]$Sam)
    if ($null -ne $msaFacts) { return $msaFacts.sid }
    $sid = [string](Get-ADServiceAccount -Identity $Sam).SID
    if (-not $sid) { return $null }
    return $sid
}
function Get-MsaAccountGroups {
    param([string]$Sam)
    if ($null -ne $msaFacts) { return @($msaFacts.groups | ForEach-Object { [string]$_ }) }
    return @(foreach ($g in @(Get-ADPrincipalGroupMembership -Identity $Sam)) { [string]$g.SamAccountName; [string]$g.SID })
}`);

/** The first line of the block of shared helpers in front of a step's script (the panel folds it: Show helpers). */
export const HELPERS_REGION = '#region Helpers (defined once; the step follows)';

/** The line after the helpers that names what follows: `# ---- Create the group 'svc-report-hosts' ----`. */
export const stepTitleLine = (title: string): string => `# ---- ${asciiEscaped(title)} ----`;

/**
 * The script a step runs and previews: the shared helpers (PRELUDE, then what the step needs besides) in ONE
 * `#region Helpers` ... `#endregion` block, then a line naming the step, then the step's own script, which leads with
 * its main command. The title is printable ASCII (names from the answers escaped as \uXXXX): a comment no text can
 * end. Without a title (a script the wizard sends for itself, e.g. a test run's poll) no title line.
 */
export function joinPrelude(script: PsScript, title?: string, needs?: Needs): PsScript {
  const helpers = [PRELUDE, ...needsList(needs)].map((p) => p.text).join('\n');
  const head = title === undefined ? '' : `${stepTitleLine(title)}\n`;
  return PsScript.fromTrustedSource(`${HELPERS_REGION}\n${helpers}\n#endregion\n${head}${script.text}`);
}

/** A script made by joinPrelude, split back: the helpers' text (inside the region) and the rest (title and step). */
export function splitPrelude(script: PsScript): { helpers: string; step: string } | null {
  const text = script.text;
  if (!text.startsWith(`${HELPERS_REGION}\n`)) return null;
  const end = text.indexOf('\n#endregion\n', HELPERS_REGION.length);
  if (end === -1) return null;
  return { helpers: text.slice(HELPERS_REGION.length + 1, end), step: text.slice(end + '\n#endregion\n'.length) };
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
