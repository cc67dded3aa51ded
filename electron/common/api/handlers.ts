// The handlers behind the API contract, shared by every transport. `dispatch` is the boundary: it checks the method
// name and validates input and output with the contract's zod schemas, and turns every failure into an ApiError the
// UI can show as it is.
import { randomUUID } from 'node:crypto';
import { SCENARIOS } from '../../lab/scenarios.js';
import { APP_VERSION } from '../app-version.js';
import { applyFix, HEALTH_CHECK_TITLE, healthCheckScript, runHealthCheck, type Exec } from '../checks/run.js';
import { CheckInputError } from '../checks/types.js';
import { adopt } from '../adopt/adopt.js';
import { runAudit } from '../audit/audit.js';
import { renderReport } from '../audit/report.js';
import { AUDIT_TITLE, auditScript } from '../audit/script.js';
import { discover } from '../discover/discover.js';
import { checkAccountName } from '../directory/name.js';
import { searchDirectory } from '../directory/search.js';
import { testPath } from '../workloads/scheduled-task/test-path.js';
import { listHostItems, pickerOf } from '../workloads/picker.js';
import { checkSpns } from '../directory/spns.js';
import { answersText, AnswersError, parseAnswersText } from '../answers/answers-schema.js';
import { planScriptFile } from '../export/plan-script.js';
import { parsePlan, PlanInputError, planWarnings, type PlanInput } from '../plan/plan-schema.js';
import { classifyError, ERROR_EXPLANATIONS } from '../powershell/errors.js';
import { JournalError } from '../runs/journal.js';
import { planStepPreviews, RunRequestError, RunService } from '../runs/run-service.js';
import type { Envelope } from '../powershell/envelope.js';
import type { PsScript } from '../powershell/script.js';
import type { PowerShellSession } from '../powershell/session.js';
import { PsCommandError } from '../powershell/session-errors.js';
import { ENVIRONMENT_PROBE, parseEnvironment } from '../probes/environment.js';
import {
  API,
  isApiMethod,
  type ApiError,
  type ApiEvent,
  type ApiMethod,
  type ApiOutput,
  type ApiResult,
  type AppInfo,
} from './contract.js';

export interface CoreContext {
  readonly session: Pick<PowerShellSession, 'invoke'>;
  readonly mode: AppInfo['mode'];
  readonly transport: AppInfo['transport'];
  /** Pushes an event to the UI (live output, a waiting step's progress). */
  readonly emit: (event: ApiEvent) => void;
  /** Where run journals are kept (practice mode: inside the lab folder). */
  readonly journalDir: string;
}

type Handlers = { [M in ApiMethod]: (input: unknown) => Promise<ApiOutput<M>> };

const version = APP_VERSION;

function apiError(kind: string, message: string, title?: string, action?: string): ApiError {
  return {
    kind,
    message,
    title: title ?? 'The request was refused.',
    action: action ?? 'This is a bug in the wizard; please report it.',
  };
}

/** Runs one operation's script, streaming what it said to the UI as events, and returns its envelope's data. */
async function runOperation(
  ctx: CoreContext,
  operation: string,
  script: PsScript,
  timeoutMs?: number,
  onProgress?: (data: unknown) => void,
): Promise<unknown[]> {
  const runId = randomUUID();
  const started = Date.now();
  ctx.emit({ type: 'run-started', runId, operation, script: script.text });
  let envelope: Envelope | undefined;
  try {
    envelope = await ctx.session.invoke(script, {
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(onProgress === undefined ? {} : { onProgress }),
    });
    const say = (stream: 'output' | 'warning' | 'error' | 'information', text: string) =>
      ctx.emit({ type: 'output', runId, stream, text });
    for (const line of envelope.information) say('information', line);
    for (const line of envelope.warnings) say('warning', line);
    for (const e of envelope.errors) say('error', `${e.message} (${e.fqid})`);
    if (envelope.ok) say('output', JSON.stringify(envelope.data[envelope.data.length - 1] ?? null, null, 2));
    if (!envelope.ok) throw new PsCommandError(envelope);
    return envelope.data;
  } finally {
    ctx.emit({ type: 'run-finished', runId, ok: envelope?.ok ?? false, ms: Date.now() - started });
  }
}

function handlers(ctx: CoreContext): Handlers {
  const exec: Exec = (operation, script, timeoutMs) => runOperation(ctx, operation, script, timeoutMs);
  const runs = new RunService({
    journalDir: ctx.journalDir,
    session: (operation) => ({ run: (script, options) => runOperation(ctx, operation, script, options?.timeoutMs) }),
    computer: () => runOperation(ctx, 'environment.probe', ENVIRONMENT_PROBE).then((d) => parseEnvironment(d).computer),
    // The task's test run can wait minutes: say how long so far, on the same channel as the live output.
    onProgress: (runId, stepId, progress) =>
      ctx.emit({
        type: 'step-progress',
        runId,
        stepId,
        elapsedMs: progress.elapsedMs,
        timeoutMs: progress.timeoutMs,
        state: progress.state,
      }),
  });
  return {
    'app.info': async () => ({
      name: 'MSA Wizard',
      version,
      mode: ctx.mode,
      transport: ctx.transport,
      platform: process.platform,
    }),
    'environment.preview': async () => ({
      operation: 'environment.probe',
      title: 'Who and where the wizard runs',
      script: ENVIRONMENT_PROBE.text,
    }),
    'environment.probe': async () => parseEnvironment(await runOperation(ctx, 'environment.probe', ENVIRONMENT_PROBE)),
    'lab.scenarios': async () => SCENARIOS.map((s) => ({ name: s.name, summary: s.summary })),
    'checks.preview': async () => ({
      operation: 'checks.run',
      title: HEALTH_CHECK_TITLE,
      script: healthCheckScript().text,
    }),
    'checks.run': async (input) => {
      const { only, workloads } = API['checks.run'].input.parse(input);
      return runHealthCheck(exec, {
        ...(only === undefined ? {} : { only }),
        ...(workloads === undefined ? {} : { workloads }),
      });
    },
    'checks.fix': async (input) => {
      const { fix, acknowledged } = API['checks.fix'].input.parse(input);
      return applyFix(exec, fix, acknowledged);
    },
    'plan.steps': async (input) => {
      const { plan } = API['plan.steps'].input.parse(input);
      return { steps: planStepPreviews(plan), warnings: planWarnings(parsePlan(plan)) };
    },
    'directory.checkName': async (input) => checkAccountName(exec, API['directory.checkName'].input.parse(input).name),
    'directory.checkSpns': async (input) => {
      const { spns, account } = API['directory.checkSpns'].input.parse(input);
      return checkSpns(exec, spns, account);
    },
    'directory.search': async (input) => {
      const { kind, text, exact } = API['directory.search'].input.parse(input);
      return searchDirectory(exec, kind, text, exact);
    },
    'host.items': async (input) => {
      const { kind } = API['host.items'].input.parse(input);
      const picker = pickerOf(kind);
      if (picker === undefined) {
        throw new CheckInputError(
          `No workload kind ${JSON.stringify(kind)} with a list to pick from.`,
          'There is no such list.',
          'Ask for the list of a kind whose form has a picker.',
        );
      }
      return listHostItems(exec, picker);
    },
    'host.testPath': async (input) => {
      const { computer, path } = API['host.testPath'].input.parse(input);
      return testPath(exec, computer, path);
    },
    'plan.export': async (input) => {
      const raw = API['plan.export'].input.parse(input).plan;
      const plan = parsePlan(raw);
      return { text: planScriptFile(plan, { input: raw as PlanInput }), fileName: `msa-setup-${plan.name}.ps1` };
    },
    'answers.text': async (input) => {
      const raw = API['answers.text'].input.parse(input).plan;
      const plan = parsePlan(raw);
      return { text: answersText(raw as PlanInput), fileName: `msa-answers-${plan.name}.json` };
    },
    'answers.parse': async (input) => {
      try {
        return {
          plan: parseAnswersText(API['answers.parse'].input.parse(input).text).input as Record<string, unknown>,
        };
      } catch (error) {
        if (!(error instanceof AnswersError)) throw error;
        // The form's fields are the plan's paths (gmsa.computers.1), not the file's ($.plan.gmsa.computers[1]).
        throw new PlanInputError(
          error.issues.map((i) => ({
            path: i.planPath,
            message: i.line === undefined ? i.message : `${i.message} (line ${i.line}, column ${i.column ?? 1})`,
          })),
        );
      }
    },
    'runs.current': async () => runs.current(),
    'runs.start': async (input) => runs.start(API['runs.start'].input.parse(input).plan),
    'runs.step': async (input) => {
      const { runId, stepId } = API['runs.step'].input.parse(input);
      return runs.step(runId, stepId);
    },
    'runs.all': async (input) => {
      const { runId, where, stage } = API['runs.all'].input.parse(input);
      return runs.all(runId, where, stage);
    },
    'runs.setWorkload': async (input) => {
      const { runId, workload } = API['runs.setWorkload'].input.parse(input);
      return runs.setWorkload(runId, workload);
    },
    'runs.removeWorkload': async (input) => {
      const { runId, workloadId } = API['runs.removeWorkload'].input.parse(input);
      return runs.removeWorkload(runId, workloadId);
    },
    'runs.undo': async (input) => {
      const { runId, all } = API['runs.undo'].input.parse(input);
      return runs.undo(runId, all ?? false);
    },
    'runs.close': async (input) => runs.close(API['runs.close'].input.parse(input).runId),
    'runs.setAside': async () => ({ runs: await runs.setAside() }),
    'discover.run': async (input) =>
      discover(
        {
          run: (script, options) => runOperation(ctx, 'discover.run', script, options.timeoutMs, options.onProgress),
        },
        API['discover.run'].input.parse(input),
        { onProgress: (progress) => ctx.emit({ type: 'discover-progress', ...progress }) },
      ),
    'audit.preview': async () => ({ operation: 'audit.run', title: AUDIT_TITLE, script: auditScript().text }),
    'audit.run': async (input) =>
      runAudit(
        { run: (script, options) => runOperation(ctx, 'audit.run', script, options.timeoutMs) },
        API['audit.run'].input.parse(input),
      ),
    'audit.export': async (input) => {
      const { format, report } = API['audit.export'].input.parse(input);
      return renderReport(report, format);
    },
    'discover.adopt': async (input) => {
      const request = API['discover.adopt'].input.parse(input);
      const result = await adopt(
        {
          run: (script, options) => runOperation(ctx, 'discover.adopt', script, options.timeoutMs, options.onProgress),
        },
        request,
      );
      return {
        plan: result.plan as Record<string, unknown>,
        notes: [...result.notes],
        checklist: result.checklist.map((c) => ({ ...c })),
      };
    },
  };
}

export interface Api {
  dispatch(method: unknown, input: unknown): Promise<ApiResult>;
}

export function createApi(ctx: CoreContext): Api {
  const table = handlers(ctx);
  return {
    async dispatch(method, input) {
      if (!isApiMethod(method))
        return { ok: false, error: apiError('UnknownMethod', `no API method ${JSON.stringify(method)}`) };
      const spec = API[method];
      const parsedInput = spec.input.safeParse(input ?? {});
      if (!parsedInput.success) {
        return { ok: false, error: apiError('BadInput', parsedInput.error.issues.map((i) => i.message).join('; ')) };
      }
      try {
        const value: unknown = await table[method](parsedInput.data);
        const parsedOutput = spec.output.safeParse(value);
        if (!parsedOutput.success) {
          return {
            ok: false,
            error: apiError('BadOutput', `${method} answered in the wrong shape: ${parsedOutput.error.message}`),
          };
        }
        return { ok: true, value: parsedOutput.data };
      } catch (err) {
        if (err instanceof CheckInputError) {
          return { ok: false, error: apiError('BadInput', err.message, err.title, err.action) };
        }
        if (err instanceof PlanInputError) {
          return {
            ok: false,
            error: {
              ...apiError(
                'BadInput',
                err.message,
                'Some answers need changing.',
                'Change what each message points at.',
              ),
              issues: [...err.issues],
            },
          };
        }
        if (err instanceof RunRequestError) {
          return { ok: false, error: apiError('RunRequest', err.message, err.title, err.action) };
        }
        if (err instanceof JournalError) {
          return { ok: false, error: apiError('Journal', err.message, err.title, err.action) };
        }
        const kind = classifyError(err);
        const explained = ERROR_EXPLANATIONS[kind];
        return { ok: false, error: { kind, ...explained, message: err instanceof Error ? err.message : String(err) } };
      }
    },
  };
}
