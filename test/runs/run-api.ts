// Shared by the run tests: a core (the real API handlers) on a journal folder and a PowerShell session, and calls
// that must succeed (answering a RunInfo) or be refused (answering the ApiError).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiResultSchema, runSchema, type ApiError, type RunInfo } from '../../electron/common/api/contract.js';
import type { PlanInput } from '../../electron/common/plan/plan-schema.js';
import { createApi, type Api, type CoreContext } from '../../electron/common/api/handlers.js';

/** The run tests' gMSA: its own new group, WEB01 allowed and the target. */
export const WEB_GMSA: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-web',
  description: 'IIS app pool',
  gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts' }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
};

export const journals = (): string => mkdtempSync(path.join(tmpdir(), 'msa-runs-'));

export const coreOn = (
  journalDir: string,
  session: CoreContext['session'],
  emit: CoreContext['emit'] = () => undefined,
): Api => createApi({ session, mode: 'practice', transport: 'lab-host', emit, journalDir });

export async function ok(api: Api, method: string, input: object): Promise<RunInfo> {
  const result = apiResultSchema.parse(await api.dispatch(method, input));
  assert.ok(result.ok, JSON.stringify(result));
  return runSchema.parse(result.value);
}

export async function refused(api: Api, method: string, input: object): Promise<ApiError> {
  const result = apiResultSchema.parse(await api.dispatch(method, input));
  assert.ok(!result.ok, `expected ${method} to be refused`);
  return result.error;
}

/**
 * The Scheduled task screen's runs.setTask of before workloads, as it calls the API now: the run's workload 'task'
 * set (runs.setWorkload) or removed (null: runs.removeWorkload); other fields are passed on (to test strict input).
 */
export function setTask(input: { runId: string; task: unknown; [key: string]: unknown }): [string, object] {
  const { runId, task, ...rest } = input;
  return task === null
    ? ['runs.removeWorkload', { runId, workloadId: 'task', ...rest }]
    : ['runs.setWorkload', { runId, workload: { id: 'task', kind: 'scheduled-task', settings: task }, ...rest }];
}
