// Each workload kind's steps through the real API on a warm lab session (not a test: numbers, no assertions): the
// account set up first, then every workload step of the plan timed one by one (runs.step), with the PowerShell round
// trips each took (every script the session ran), then undo of the lot. A Windows service on `service-host`
// (ReportCollector, under LocalSystem, moved to a gMSA: undo can put it back), an IIS application pool on `iis-host`
// (Reports on WEB01), an existing task on `password-expired` (moved side by side: the gMSA copy, the original
// disabled). Several rounds, each on a fresh lab; medians printed.
// Run: npx tsx test/bench/workloads.bench.ts [rounds]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiResultSchema, runSchema, type RunInfo } from '../../electron/common/api/contract.js';
import { createApi } from '../../electron/common/api/handlers.js';
import type { PowerShellSession } from '../../electron/common/powershell/session.js';
import { sharedLab } from '../checks/lab-session.js';

const rounds = Number(process.argv[2] ?? 3);
const lab = sharedLab();
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1
    ? (s[(s.length - 1) / 2] ?? NaN)
    : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};

const account = (name: string) => ({
  accountType: 'gmsa',
  name,
  gmsa: { group: { mode: 'new', name: `gMSA-${name}-Hosts` }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
});
const CASES = [
  {
    scenario: 'service-host',
    plan: {
      ...account('svc-app'),
      workloads: [{ kind: 'service', settings: { mode: 'existing', name: 'ReportCollector' } }],
    },
  },
  {
    scenario: 'iis-host',
    plan: { ...account('svc-web'), workloads: [{ kind: 'app-pool', settings: { mode: 'existing', name: 'Reports' } }] },
  },
  {
    scenario: 'password-expired',
    plan: {
      ...account('svc-report'),
      workloads: [{ kind: 'existing-task', settings: { taskPath: '\\Reports\\', taskName: 'Export inactive users' } }],
    },
  },
] as const;

const times: Record<string, number[]> = {};
const trips: Record<string, number[]> = {};
let scripts = 0;
// The session as the API sees it, counting every script it runs: one per step is the rule.
const counted = new Proxy(lab.session, {
  get(target, key, receiver) {
    if (key === 'invoke') {
      return (...args: Parameters<PowerShellSession['invoke']>) => {
        scripts++;
        return target.invoke(...args);
      };
    }
    const value: unknown = Reflect.get(target, key, receiver);
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  },
});
const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const before = scripts;
  const value = await work();
  (times[name] ??= []).push(performance.now() - t);
  (trips[name] ??= []).push(scripts - before);
  return value;
};

for (let round = 0; round < rounds; round++) {
  for (const c of CASES) {
    await lab.use(c.scenario);
    const api = createApi({
      session: counted,
      mode: 'practice',
      transport: 'lab-host',
      emit: () => undefined,
      journalDir: mkdtempSync(path.join(tmpdir(), 'msa-workload-bench-')),
    });
    const call = async (method: string, input: object): Promise<RunInfo> => {
      const result = apiResultSchema.parse(await api.dispatch(method, input));
      if (!result.ok) throw new Error(`${method}: ${result.error.title} ${result.error.message}`);
      return runSchema.parse(result.value);
    };
    let run = await call('runs.start', { plan: c.plan });
    for (const step of run.steps.filter((s) => s.stage !== 'workload')) {
      run = await call('runs.step', { runId: run.runId, stepId: step.id });
    }
    for (const step of run.steps.filter((s) => s.stage === 'workload')) {
      run = await timed(`${c.scenario}: runs.step ${step.id}`, () =>
        call('runs.step', { runId: run.runId, stepId: step.id }),
      );
      const done = run.steps.find((s) => s.id === step.id);
      if (done?.status !== 'done' && done?.status !== 'exists') {
        throw new Error(`round ${round}, ${step.id}: ${done?.status} ${done?.message}`);
      }
    }
    const undone = await timed(`${c.scenario}: runs.undo all`, () =>
      call('runs.undo', { runId: run.runId, all: true }),
    );
    if (undone.state !== 'undone') {
      throw new Error(`round ${round}, undo: ${undone.state} ${JSON.stringify(undone.undo, null, 1).slice(0, 3000)}`);
    }
  }
}
await lab.session.dispose();

console.log(
  `workload steps through the API, warm lab session, median of ${rounds} rounds (ms, PowerShell round trips):`,
);
for (const [name, xs] of Object.entries(times)) {
  console.log(
    `  ${name.padEnd(66)} ${median(xs).toFixed(0).padStart(6)} ms  ${median(trips[name] ?? []).toFixed(0)} trip(s)`,
  );
}
