// npm run test:stress: `npm test` on a busy machine. One busy loop per core runs alongside, at the tests' own priority,
// so the tests get about half of the machine, as on a CI host with other work running; a suite that passes here has
// time limits with room and waits for what it asserts. Arguments go to the test runner (`-- e2e/setup-task`).
// The load is bounded: the loops are killed when the tests end, and each also stops on its own after MAX_LOAD_MS or
// as soon as this script is gone (killed, or its terminal closed), so no busy loop outlives a run.
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, constants } from 'node:os';

const MAX_LOAD_MS = 2 * 60 * 60 * 1000;

// The loop spins in slices of 100 ms and, between them, checks its deadline and whether its parent still lives (an
// orphan is re-parented, so its ppid changes): it needs no signal from a parent that may never send one.
const BUSY_LOOP = `
const parent = Number(process.argv[1]);
const end = Date.now() + Number(process.argv[2]);
const spin = () => {
  if (Date.now() > end || process.ppid !== parent) process.exit(0);
  const slice = Date.now() + 100;
  while (Date.now() < slice);
  setImmediate(spin);
};
spin();
`;

function startLoad(cores: number): ChildProcess[] {
  return Array.from({ length: cores }, () =>
    spawn(process.execPath, ['-e', BUSY_LOOP, String(process.pid), String(MAX_LOAD_MS)], { stdio: 'ignore' }),
  );
}

function stopLoad(load: ChildProcess[]): void {
  for (const child of load) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

const cores = availableParallelism();
const started = Date.now();
const load = startLoad(cores);
process.on('exit', () => stopLoad(load));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    stopLoad(load);
    process.exit(128 + constants.signals[signal]);
  });
}
console.log(`test:stress: ${cores} busy loop(s), one per core, for as long as the tests run (at most 2 h)`);

const args = process.argv.slice(2);
const tests = spawn('npm', ['test', ...(args.length > 0 ? ['--', ...args] : [])], { stdio: 'inherit' });
const status = await new Promise<number>((resolve) => {
  tests.once('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  tests.once('error', () => resolve(1));
});
stopLoad(load);
const seconds = Math.round((Date.now() - started) / 1000);
console.log(`test:stress: ${status === 0 ? 'passed' : `failed (exit ${status})`} in ${seconds} s under load`);
process.exit(status);
