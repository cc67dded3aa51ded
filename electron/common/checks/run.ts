// The health-check runner: ALL selected checks run as ONE script in ONE round trip over the warm session.
//
// The script defines Invoke-MsaProbe, which runs each probe's script block in its own try/catch with its own
// Stopwatch and writes [ordered]@{ id; ok; data; error (ConvertTo-MsaErrorInfo: message, fqid, type ...); ms } —
// so a probe that fails or throws cannot stop the others — and the shared facts (facts.ts). Then TypeScript
// evaluates each answer with its check's `evaluate` and validates it with the contract's checkResultSchema.
import { z } from 'zod';
import {
  checkResultSchema,
  healthReportSchema,
  type CheckResult,
  type FixId,
  type HealthReport,
} from '../api/contract.js';
import { psErrorInfoSchema } from '../powershell/envelope.js';
import { joinScripts, ps, PsScript, type PsValue } from '../powershell/script.js';
import { WORKLOAD_KINDS } from '../workloads/registry.js';
import { CLOCK_CHECKS } from './clock.js';
import { DIRECTORY_CHECKS } from './directory.js';
import { FACTS_PRELUDE } from './facts.js';
import { assertFixAllowed, FIXES } from './fixes.js';
import { HOST_CHECKS } from './host.js';
import { KDS_CHECKS } from './kds.js';
import { KERBEROS_CHECKS } from './kerberos.js';
import { LEVEL_CHECKS } from './levels.js';
import { RIGHTS_CHECKS } from './rights.js';
import { TOOLS_CHECKS } from './rsat.js';
import { TARGET_CHECKS } from './target.js';
import { CheckInputError, type Check, type EvalContext, type Evaluation } from './types.js';

/** Every check, in the order the screen and the CLI list them. */
export const ALL_CHECKS: readonly Check[] = [
  ...HOST_CHECKS,
  ...RIGHTS_CHECKS,
  ...TOOLS_CHECKS,
  ...LEVEL_CHECKS,
  ...DIRECTORY_CHECKS,
  ...KDS_CHECKS,
  ...KERBEROS_CHECKS,
  ...CLOCK_CHECKS,
  ...TARGET_CHECKS,
];

/** A planned workload as the checks read it ($msaOptions.workloads): its kind, its host and its settings (data). */
export interface PlannedWorkloadRef {
  readonly kind: string;
  readonly host: string;
  readonly settings: unknown;
}

/** Each workload kind's own checks (its `hostChecks`), run only when the plan holds a workload of that kind. */
const KIND_CHECKS: readonly { kind: string; checks: readonly Check[] }[] = WORKLOAD_KINDS.map((k) => ({
  kind: k.settings.kind,
  checks: k.hostChecks ?? [],
}));

/**
 * A workload as the probes see it: kind, host and the settings' plain top-level values (name, mode, ...), as
 * literals, so the check's script stays one an admin can copy and run as it is.
 */
function probeView(w: PlannedWorkloadRef): PsValue {
  const settings = typeof w.settings === 'object' && w.settings !== null ? w.settings : {};
  const plain = Object.entries(settings).filter(
    (e): e is [string, string | number | boolean | null] =>
      e[1] === null || typeof e[1] === 'string' || typeof e[1] === 'number' || typeof e[1] === 'boolean',
  );
  return { kind: w.kind, host: w.host, settings: Object.fromEntries(plain) };
}

/** The checks for a plan: every general check, then those of the workload kinds it holds. */
export function checksFor(workloads: readonly PlannedWorkloadRef[] | undefined): readonly Check[] {
  const kinds = new Set((workloads ?? []).map((w) => w.kind));
  return [...ALL_CHECKS, ...KIND_CHECKS.filter((k) => kinds.has(k.kind)).flatMap((k) => k.checks)];
}

/** The general checks' ids (a plan's workload kinds add theirs: checksFor). */
export const CHECK_IDS: readonly string[] = ALL_CHECKS.map((c) => c.id);

export const HEALTH_CHECK_TITLE = 'Prerequisite health check';

/** Fix ids by the check ids they affect. */
export function checksAffectedBy(fix: FixId): readonly string[] {
  const affects = FIXES[fix].affects;
  return affects === 'all' ? CHECK_IDS : affects;
}

export interface HealthCheckOptions {
  /** Run only these check ids (in the canonical order). */
  readonly only?: readonly string[];
  /** The gMSA chosen for the target host, if any: its password retrieval is tested. Travels as data. */
  readonly gmsa?: string | null;
  /** The plan's workloads: their kinds' checks join in, and their probes read them (as data). */
  readonly workloads?: readonly PlannedWorkloadRef[];
  /** The checks to choose from (default: checksFor(workloads)): tests add their own. */
  readonly checks?: readonly Check[];
}

/** Runs a script as a named operation and returns its output data (the API streams it; the CLI just runs it). */
export type Exec = (operation: string, script: PsScript, timeoutMs: number) => Promise<readonly unknown[]>;

export const HEALTH_CHECK_TIMEOUT_MS = 120_000;

const RUNNER_PRELUDE = PsScript.fromTrustedSource(`# Helpers: the probe runner and UTC dates.
# AD module: do not mount the AD: drive on import (it would connect to a DC before the first probe asks).
$env:ADPS_LoadDefaultDrive = '0'
$msaHealthClock = [System.Diagnostics.Stopwatch]::StartNew()
$msaProbeFailures = New-Object System.Collections.ArrayList
function ConvertTo-MsaUtcText {
    param($Date)
    if ($null -eq $Date) { return $null }
    if ($Date -is [string]) { return $Date }
    return ([datetime]$Date).ToUniversalTime().ToString('o', [System.Globalization.CultureInfo]::InvariantCulture)
}
# Runs one probe isolated and timed: whatever it throws or writes as an error is recorded, never propagated.
function Invoke-MsaProbe {
    param([Parameter(Mandatory = $true)][string]$Id, [Parameter(Mandatory = $true)][scriptblock]$Probe)
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $data = $null
    $errorInfo = $null
    try {
        $items = @(& $Probe 2>&1)
        $errors = @($items | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $values = @($items | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        if ($errors.Count -gt 0) { $errorInfo = ConvertTo-MsaErrorInfo $errors[0] }
        if ($values.Count -eq 1) { $data = $values[0] } elseif ($values.Count -gt 1) { $data = $values }
    } catch {
        $errorInfo = ConvertTo-MsaErrorInfo $_
    }
    if ($null -ne $errorInfo) { [void]$msaProbeFailures.Add($Id) }
    [ordered]@{ id = $Id; ok = ($null -eq $errorInfo); data = $data; error = $errorInfo; ms = [math]::Round($clock.Elapsed.TotalMilliseconds, 1) }
}`);

const SUMMARY = PsScript.fromTrustedSource(
  `[ordered]@{ healthCheck = 'done'; probes = $msaProbeCount; failedProbes = $msaProbeFailures.ToArray(); ms = [math]::Round($msaHealthClock.Elapsed.TotalMilliseconds, 1) }`,
);

/** Picks the checks to run: `only` ids (validated), in canonical order. */
export function selectChecks(all: readonly Check[], only: readonly string[] | undefined): Check[] {
  if (only === undefined) return [...all];
  if (only.length === 0) throw new CheckInputError("'only' names no check; leave it out to run every check");
  const unknown = only.filter((id) => !all.some((c) => c.id === id));
  if (unknown.length > 0) {
    throw new CheckInputError(
      `no check ${unknown.map((id) => JSON.stringify(id)).join(', ')}; the checks are: ${all.map((c) => c.id).join(', ')}`,
    );
  }
  return all.filter((c) => only.includes(c.id));
}

/** The one script: options (as data), helpers, facts, then one Invoke-MsaProbe per check, then a summary. */
export function healthCheckScript(options: HealthCheckOptions = {}): PsScript {
  const checks = selectChecks(options.checks ?? checksFor(options.workloads), options.only);
  const header = ps`# MSA Wizard: prerequisite health check. ${checks.length} probes in one script; each runs in its own try/catch with its own Stopwatch.
$msaOptions = ${{ gmsa: options.gmsa ?? null, workloads: (options.workloads ?? []).map(probeView) }}
$msaProbeCount = ${checks.length}`;
  const probes = checks.map((check) =>
    PsScript.fromTrustedSource(`
# ${check.title.replace(/[\r\n]+/g, ' ')}
Invoke-MsaProbe -Id '${check.id}' -Probe {
${check.probe.text}
}`),
  );
  return joinScripts([header, RUNNER_PRELUDE, FACTS_PRELUDE, ...probes, SUMMARY]);
}

const probeAnswerSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  data: z.unknown(),
  error: psErrorInfoSchema.nullable(),
  ms: z.number(),
});
type ProbeAnswer = z.infer<typeof probeAnswerSchema>;

function evaluate(check: Check, answer: ProbeAnswer | undefined, ctx: EvalContext): CheckResult {
  let evaluation: Evaluation;
  try {
    if (answer === undefined) evaluation = { status: 'unknown', found: 'The probe did not answer.' };
    else if (answer.ok) evaluation = check.evaluateRaw(answer.data ?? null, ctx);
    else if (answer.error !== null) evaluation = check.evaluateError(answer.error, ctx);
    else evaluation = { status: 'unknown', found: 'The probe failed without an error record.' };
  } catch (err) {
    evaluation = {
      status: 'unknown',
      found: `The answer could not be evaluated (a bug in the wizard): ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  return checkResultSchema.parse({
    id: check.id,
    group: check.group,
    title: check.title,
    status: evaluation.status,
    found: evaluation.found,
    why: check.why,
    command: check.command,
    fix: evaluation.fix ?? null,
    raw: answer === undefined ? null : answer.ok ? (answer.data ?? null) : { error: answer.error },
    ms: answer?.ms ?? 0,
    readyAt: evaluation.readyAt ?? null,
  });
}

/** Evaluates the script's output data (the probe answers among it) into a report. */
export function evaluateAnswers(
  checks: readonly Check[],
  data: readonly unknown[],
  timing: { ms: number; ranAt: string },
  ctx: EvalContext = { now: new Date() },
): HealthReport {
  const answers = new Map<string, ProbeAnswer>();
  for (const item of data) {
    const parsed = probeAnswerSchema.safeParse(item);
    if (parsed.success) answers.set(parsed.data.id, parsed.data);
  }
  const results = checks.map((check) => evaluate(check, answers.get(check.id), ctx));
  return healthReportSchema.parse({ results, ms: timing.ms, ranAt: timing.ranAt });
}

/** Runs the selected checks in one round trip and evaluates them. */
export async function runHealthCheck(exec: Exec, options: HealthCheckOptions = {}): Promise<HealthReport> {
  const checks = selectChecks(options.checks ?? checksFor(options.workloads), options.only);
  const started = Date.now();
  const ranAt = new Date(started).toISOString();
  const data = await exec('checks.run', healthCheckScript({ ...options, checks }), HEALTH_CHECK_TIMEOUT_MS);
  return evaluateAnswers(checks, data, { ms: Date.now() - started, ranAt });
}

/** Applies a one-click fix (refusing one that needs an acknowledgement it did not get), then re-runs what it affects. */
export async function applyFix(
  exec: Exec,
  fix: FixId,
  acknowledged: boolean | undefined,
  options: Omit<HealthCheckOptions, 'only'> = {},
): Promise<{ applied: string; report: HealthReport }> {
  const definition = assertFixAllowed(fix, acknowledged);
  const output = await exec('checks.fix', definition.script, definition.timeoutMs);
  const applied = definition.describe(output[output.length - 1] ?? null);
  const known = new Set((options.checks ?? checksFor(options.workloads)).map((c) => c.id));
  const only = checksAffectedBy(fix).filter((id) => known.has(id));
  const report = await runHealthCheck(exec, { ...options, only });
  return { applied, report };
}
