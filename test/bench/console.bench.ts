// npm run bench: how long `msa-wizard lab exec` takes end to end, as an admin sees it — from spawning the built CLI
// (node dist/electron/cli/main.js, what the packaged msa-wizard runs; `npm run build` first) until it exits.
//   cold          no lab host: the CLI starts its own PowerShell, bound to the lab
//   cold, no type cache   the same with an empty LabTypes cache (the first run after install or a lab change)
//   warm          a lab host (npm run lab) serves the lab folder: the CLI hands the script to its warm console
//                 (back to back, as a script calling lab exec in a loop; and 1 s apart, as an admin types)
// Not a test: numbers for the notes and for regressions.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLab } from '../../electron/lab/lab.js';
import { startLabHost } from '../../electron/labhost/server.js';

const CLI = path.join('dist', 'electron', 'cli', 'main.js');
if (!existsSync(CLI)) {
  console.error(`console bench: ${CLI} is missing; run npm run build first`);
  process.exit(1);
}
const SCRIPT = 'Get-ADUser -Filter * | Select-Object -First 1 Name, SamAccountName';
const RUNS = Number(process.env.MSA_BENCH_RUNS ?? 5);

const temp = mkdtempSync(path.join(tmpdir(), 'msa-console-bench-'));
const labDir = path.join(temp, 'lab');
createLab(labDir, 'healthy');

/** Wall time of one CLI run, spawn to exit; fails loudly if the CLI did. */
function timeCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const began = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 300_000 }, (error, _out, err) => {
      if (error !== null) reject(new Error(`${args.join(' ')} failed: ${err}`));
      else resolve(performance.now() - began);
    });
  });
}

const exec = (env?: NodeJS.ProcessEnv): Promise<number> =>
  timeCli(['lab', 'exec', '--lab-dir', labDir, '--', SCRIPT], env);

async function series(label: string, n: number, run: () => Promise<number>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await run());
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `${label.padEnd(34)} median ${s(median)}  min ${s(sorted[0] ?? NaN)}  max ${s(sorted.at(-1) ?? NaN)}  (${times.map(s).join(', ')})`,
  );
}

try {
  console.log(`lab exec, end to end (${CLI}; script: ${SCRIPT})`);
  await series('node + CLI only (--version)', RUNS, () => timeCli(['--version']));
  await series('cold, no type cache', Math.min(RUNS, 3), () =>
    exec({ ...process.env, MSA_WIZARD_LAB_CACHE: mkdtempSync(path.join(temp, 'cache-')) }),
  );
  await exec(); // fills the default type cache, if it was empty
  await series('cold', RUNS, () => exec());

  const rendererDir = mkdtempSync(path.join(temp, 'renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>MSA Wizard</title>');
  const host = await startLabHost({ labDir, rendererDir, console: true });
  try {
    await exec(); // the first waits for the host's console process to start
    const before = host.consoleExecs;
    await series('warm, back to back', RUNS * 2, () => exec());
    // As an admin types: the host has made the next runspace ready by the time the next command comes.
    await series('warm, 1 s apart', RUNS * 2, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return exec();
    });
    if (host.consoleExecs - before !== RUNS * 4) throw new Error('the warm runs did not all reach the host');
  } finally {
    await host.close();
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
