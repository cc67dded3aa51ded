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

export const API = {
  'app.info': { input: empty, output: appInfoSchema },
  'environment.preview': { input: empty, output: scriptPreviewSchema },
  'environment.probe': { input: empty, output: environmentSchema },
  'lab.scenarios': { input: empty, output: z.array(scenarioSchema) },
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
