// What a workload kind is: the one contract every kind (scheduled task, Windows service, IIS application pool, and
// any later one) fulfils. A kind lives in its own folder (workloads/<kind>/) and is listed once in
// workloads/registry.ts; everything else — the plan schema's union, step ids, stages, survey kinds, labels, samples,
// the export's per-host sections — is derived from the registry, so a kind that leaves something out does not compile.
//
// A workload is one thing on one host that runs as the account: { id, kind, host, settings }. Its steps are step
// specs bound to the workload (ids '<step>@<workload id>'); user rights are host steps shared by every workload on that
// host that needs them (ids '<right step>@<host>'), so a task and an app pool on WEB01 grant "Log on as a batch job"
// once.
import type { z } from 'zod';
import type { HostItems } from '../api/contract.js';
import type { Check } from '../checks/types.js';
import type { Plan } from '../plan/plan-schema.js';
import type { PsErrorKind } from '../powershell/errors.js';
import type { PsScript } from '../powershell/script.js';
import type { CreatedObject, Needs, StepOutcome, StepRunOptions, StepSession } from '../steps/types.js';

/** The user rights a workload's account may need on its host (shared host steps, see workloads/shared/). */
export type LogonRight = 'batch' | 'service';

/** One workload of a plan, as the steps see it. */
export interface BoundWorkload<S> {
  /** Stable within the plan: 'task', 'service', 'app-pool', 'app-pool-2', ... (defaulted by the plan schema). */
  readonly id: string;
  readonly kind: string;
  /** The computer it runs on (NetBIOS name). */
  readonly host: string;
  readonly settings: S;
}

/** What a workload step's functions get: the whole plan (account name, type) and the workload it serves. */
export interface WorkloadContext<S> {
  readonly plan: Plan;
  readonly workload: BoundWorkload<S>;
}

/**
 * One step of a workload kind (as StepSpec in ../steps/types.ts, with the workload in context). Runs on the
 * workload's host, in one round trip: read, change only what differs, read back.
 */
export interface WorkloadStepSpec<S, T> {
  /** The step's kind id, unique across the registry: 'service-account', 'app-pool-identity', ... */
  readonly id: string;
  readonly title: (ctx: WorkloadContext<S>) => string;
  /** A short label for lists and the step bar ('Task', 'Test run', 'Service account'). */
  readonly label: string;
  /** Its main command as an admin would type it ('Register-ScheduledTask', 'Restart-Service'; see StepDescriptor). */
  readonly command: string;
  /** What this step can create (survey and undo after a crash credit a cut-off attempt with these kinds only). */
  readonly creates: readonly string[];
  /**
   * Whether this step reads or changes the workload's own settings: a changed workload makes these steps due again
   * (a task's registration and test run; not a user right). Default true.
   */
  readonly settingsDependent?: boolean;
  /** Helpers its scripts call besides the prelude: one script or shared pieces (see Needs in ../steps/types.ts). */
  readonly needs?: Needs;
  script(ctx: WorkloadContext<S>): PsScript;
  /** The script's answer (unused by a `custom` step, which judges its own answers). */
  readonly raw: z.ZodType<T>;
  evaluate(raw: T, ctx: WorkloadContext<S>): StepOutcome;
  /** PowerShell that judges `$r` for the exported script (Stop-MsaStep / Complete-MsaStep), as StepSpec.judge. */
  judge(ctx: WorkloadContext<S>): PsScript;
  explainError?(
    kind: PsErrorKind,
    error: unknown,
    session: StepSession,
    ctx: WorkloadContext<S>,
  ): Promise<string | undefined>;
  /**
   * Puts back what `run` reported as created (empty script: NOTHING). The context names the account, so undo can leave
   * alone what no longer runs as it (an admin changed it since).
   */
  undo(created: readonly CreatedObject[], ctx: WorkloadContext<S>): PsScript;
  /**
   * Long steps (a test run) run themselves instead of one script + evaluate (several short requests, with progress);
   * they take options: progress, timeout, poll interval. `script` is still the one runnable script the preview and the
   * exported plan script show.
   */
  readonly custom?: (session: StepSession, ctx: WorkloadContext<S>, options?: StepRunOptions) => Promise<StepOutcome>;
}

/**
 * A workload kind's settings side: what the plan schema, the answers file and the renderer need (zod and words only,
 * no scripts), so the renderer can validate a form without pulling in PowerShell. Each kind exports one from a file
 * that imports no step code (its settings.ts); workloads/kinds.ts lists them, workloads/registry.ts the whole kinds.
 */
export interface WorkloadSettingsKind<K extends string, S> {
  /** 'scheduled-task' | 'service' | 'app-pool'. */
  readonly kind: K;
  /** As the screens and notes name it: 'Scheduled task', 'Windows service', 'IIS application pool'. */
  readonly label: string;
  /** The plan's default id for the first workload of this kind ('task', 'service', 'app-pool'); then '-2', '-3'. */
  readonly defaultId: string;
  /** The settings as the plan and the answers file hold them (zod, with .describe() for the JSON Schema). */
  readonly settingsSchema: z.ZodType<S, unknown>;
  /** One line for lists: 'Nightly Report (\\Ops\\) daily at 12:05', 'Service Spooler', 'App pool Reports'. */
  describe(settings: S): string;
  /** Whether a second workload of this kind on the same host names the same object (same task, service, pool). */
  sameObject(a: S, b: S): boolean;
  /** The user rights its account needs on its host, granted by the shared right steps before the kind's own steps. */
  readonly rights: readonly LogonRight[];
}

/** A workload kind: its settings, its steps in order, what it needs on the host, and how it is named. */
export interface WorkloadKind<S> {
  /** The settings side (its settings.ts export), listed in workloads/kinds.ts too. */
  readonly settings: WorkloadSettingsKind<string, S>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each step has its own raw answer type
  readonly steps: readonly WorkloadStepSpec<S, any>[];
  /**
   * The host part of the survey: PowerShell that adds what of this workload exists now to `$found` (an ArrayList of
   * { kind, identity, parent } with the kinds of `steps[].creates`). Runs only on the workload's host.
   */
  survey(ctx: WorkloadContext<S>): PsScript;
  /**
   * Its part of the prerequisite health check, run (in the check's one round trip) when the plan holds a workload of
   * this kind: each probe reads the planned workloads from $msaOptions.workloads ({ kind, host, settings }).
   */
  readonly hostChecks?: readonly Check[];
  /** Commands its steps need on the host (the exported script checks them before the host's steps); optional. */
  readonly commands?: readonly string[];
  /** Its form's picker: the objects of this kind on the computer the wizard runs on (API 'host.items'); optional. */
  readonly picker?: WorkloadPicker;
}

/**
 * A kind's picker list: one read-only script (one round trip on the computer the wizard runs on) and the decoding of
 * its answer into the shape every picker shares, sorted as the kind's own tool lists them.
 */
export interface WorkloadPicker {
  readonly script: PsScript;
  /** The answer of `script` (its first output object), checked and turned into the shared shape. */
  decode(answer: unknown): HostItems;
}
