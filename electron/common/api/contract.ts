// The one API contract between the UI and the core: every method the renderer can call, with zod schemas for its
// input and output, and the events the core pushes (live PowerShell output). Both transports — Electron IPC
// (preload + main) and the loopback lab host (HTTP) — validate against these same schemas at the boundary.
// No method takes PowerShell: the renderer names an operation, never a script.
import { z } from 'zod';

const empty = z.object({}).strict();

export const appInfoSchema = z.object({
  name: z.literal('MSA Wizard'),
  version: z.string(),
  /** 'practice' runs against a lab domain; 'real' against the machine's own domain. */
  mode: z.enum(['practice', 'real']),
  transport: z.enum(['electron-ipc', 'lab-host']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const scriptPreviewSchema = z.object({
  /** Which operation this is, e.g. 'environment.probe'. */
  operation: z.string(),
  title: z.string(),
  /** The exact PowerShell that runs, as the PowerShell panel shows and copies it. */
  script: z.string(),
});
export type ScriptPreview = z.infer<typeof scriptPreviewSchema>;

export const environmentSchema = z.object({
  computer: z.string(),
  user: z.string(),
  domain: z.string().nullable(),
  elevated: z.boolean(),
  powershellVersion: z.string(),
  powershellEdition: z.string(),
  lab: z.object({ scenario: z.string(), domainController: z.string() }).nullable(),
});
export type EnvironmentInfo = z.infer<typeof environmentSchema>;

export const scenarioSchema = z.object({ name: z.string(), summary: z.string() });
export type ScenarioInfo = z.infer<typeof scenarioSchema>;

/** The prerequisite health check (electron/common/checks). */
export const checkStatusSchema = z.enum(['pass', 'warn', 'fail', 'unknown']);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

export const CHECK_GROUPS = ['Host', 'Rights', 'Tools', 'Domain', 'KDS', 'Kerberos', 'Target'] as const;

/** One-click fixes the wizard can apply itself; anything else is a command or steps shown to the admin. */
export const FIX_IDS = [
  'install-rsat-feature',
  'install-rsat-capability',
  'kds-create-default',
  'kds-create-immediately',
  'kds-create-backdated',
  'refresh-computer-ticket',
] as const;
export const fixIdSchema = z.enum(FIX_IDS);
export type FixId = z.infer<typeof fixIdSchema>;

export const checkFixSchema = z.object({
  /** What the admin is told to do (or what the button does), in one or two sentences. */
  summary: z.string(),
  /** The exact command(s) behind the fix. */
  command: z.string(),
  /** One-click fixes, each with its own explanation (the KDS key offers three). */
  actions: z.array(
    z.object({
      id: fixIdSchema,
      label: z.string(),
      explanation: z.string(),
      /** When set, the admin must confirm this sentence before the fix runs (back-dating the KDS key). */
      acknowledgement: z.string().nullable(),
    }),
  ),
});
export type CheckFix = z.infer<typeof checkFixSchema>;

export const checkResultSchema = z.object({
  id: z.string(),
  group: z.enum(CHECK_GROUPS),
  title: z.string(),
  status: checkStatusSchema,
  /** What was found, in plain words. */
  found: z.string(),
  /** Why it matters for managed service accounts. */
  why: z.string(),
  /** The exact PowerShell an admin would run to check this by hand. */
  command: z.string(),
  fix: checkFixSchema.nullable(),
  /** The probe's raw output (or its error), for the expandable details. */
  raw: z.unknown(),
  ms: z.number(),
  /** When something pending becomes true (the KDS key becomes usable), ISO 8601: the screen counts down to it. */
  readyAt: z.string().nullable(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const healthReportSchema = z.object({
  results: z.array(checkResultSchema),
  /** Wall time of the whole check, one round trip. */
  ms: z.number(),
  ranAt: z.string(),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

export const API = {
  'app.info': { input: empty, output: appInfoSchema },
  'environment.preview': { input: empty, output: scriptPreviewSchema },
  'environment.probe': { input: empty, output: environmentSchema },
  'lab.scenarios': { input: empty, output: z.array(scenarioSchema) },
  'checks.preview': { input: empty, output: scriptPreviewSchema },
  /** Runs every check (or only the listed ids) in one round trip. */
  'checks.run': {
    input: z.object({ only: z.array(z.string().max(64)).max(64).optional() }).strict(),
    output: healthReportSchema,
  },
  /** Applies a one-click fix, then re-runs the checks it affects. */
  'checks.fix': {
    input: z.object({ fix: fixIdSchema, acknowledged: z.boolean().optional() }).strict(),
    output: z.object({ applied: z.string(), report: healthReportSchema }),
  },
} as const;

export type ApiMethod = keyof typeof API;
export type ApiInput<M extends ApiMethod> = z.input<(typeof API)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<(typeof API)[M]['output']>;
export const API_METHODS = Object.keys(API) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API, name);
}

/** Why a call failed, in words the UI shows as they are. `kind` is a PsErrorKind or a transport-level reason. */
export const apiErrorSchema = z.object({
  kind: z.string(),
  title: z.string(),
  action: z.string(),
  message: z.string(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** What every call answers, on both transports. */
export const apiResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);
export type ApiResult = z.infer<typeof apiResultSchema>;

/** Pushed by the core while an operation runs: the PowerShell panel's live output. */
export const apiEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run-started'), runId: z.string(), operation: z.string(), script: z.string() }),
  z.object({
    type: z.literal('output'),
    runId: z.string(),
    stream: z.enum(['output', 'warning', 'error', 'information']),
    text: z.string(),
  }),
  z.object({ type: z.literal('run-finished'), runId: z.string(), ok: z.boolean(), ms: z.number() }),
]);
export type ApiEvent = z.infer<typeof apiEventSchema>;

/** The renderer's view of the API, identical over both transports (window.msaWizard in Electron). */
export interface MsaWizardApi {
  invoke<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult>;
  /** Subscribes to core events; returns the unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}
