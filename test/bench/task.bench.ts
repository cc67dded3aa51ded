// The scheduled task's part of a run, measured through the real API on a warm lab session (not a test: numbers, no
// assertions): the account set up first (one run), then runs.setWorkload (validation + one survey round trip), each task
// step (batch right, register + read back, test run: start, poll, result) and undo of the lot. Several rounds, each on
// a fresh lab; medians printed.
// Run: npx tsx test/bench/task.bench.ts [rounds]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiResultSchema, runSchema, type RunInfo } from '../../electron/common/api/contract.js';
import { createApi } from '../../electron/common/api/handlers.js';
import { sharedLab } from '../checks/lab-session.js';

const rounds = Number(process.argv[2] ?? 5);
const lab = sharedLab();
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1
    ? (s[(s.length - 1) / 2] ?? NaN)
    : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};
const ACCOUNT = {
  accountType: 'gmsa',
  name: 'svc-report',
  gmsa: { group: { mode: 'new', name: 'gMSA-Report-Hosts' }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
};
const TASK = { name: 'Nightly Report', action: { kind: 'powershell-script', path: 'C:\\Scripts\\Nightly-Report.ps1' } };

const times: Record<string, number[]> = {};
const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const value = await work();
  (times[name] ??= []).push(performance.now() - t);
  return value;
};

for (let round = 0; round < rounds; round++) {
  await lab.use('healthy');
  const api = createApi({
    session: lab.session,
    mode: 'practice',
    transport: 'lab-host',
    emit: () => undefined,
    journalDir: mkdtempSync(path.join(tmpdir(), 'msa-task-bench-')),
  });
  const call = async (method: string, input: object): Promise<RunInfo> => {
    const result = apiResultSchema.parse(await api.dispatch(method, input));
    if (!result.ok) throw new Error(`${method}: ${result.error.title} ${result.error.message}`);
    return runSchema.parse(result.value);
  };
  let run = await call('runs.start', { plan: ACCOUNT });
  run = await call('runs.all', { runId: run.runId });
  run = await timed('runs.setWorkload (validate + survey)', () =>
    call('runs.setWorkload', { runId: run.runId, workload: { id: 'task', kind: 'scheduled-task', settings: TASK } }),
  );
  for (const id of ['batch-right@WEB01', 'scheduled-task@task', 'task-test-run@task']) {
    run = await timed(`runs.step ${id}`, () => call('runs.step', { runId: run.runId, stepId: id }));
  }
  if (run.state !== 'completed') throw new Error(`round ${round}: ${run.state}`);
  await timed('runs.undo all (task, right, account, group)', () => call('runs.undo', { runId: run.runId, all: true }));
}
await lab.session.dispose();

console.log(`scheduled task steps through the API, warm lab session, median of ${rounds} rounds:`);
for (const [name, xs] of Object.entries(times))
  console.log(`  ${name.padEnd(46)} ${median(xs).toFixed(0).padStart(6)} ms`);
