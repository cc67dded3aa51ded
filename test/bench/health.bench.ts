// The prerequisite health check, measured side by side in one run on the lab (not a test: numbers, no assertions).
//   cold start    a new session bound to the lab, to its first answer (process + bootstrap + lab preamble)
//   warm check    the full health check, every probe in ONE script over the warm session (median of several)
//   naive         what most wrappers do: one new PowerShell process per check, each loading what it needs (the
//                 session helpers, the lab modules, the AD module on first use) and printing JSON
// Run: npx tsx test/bench/health.bench.ts [scenario]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ALL_CHECKS, evaluateAnswers, healthCheckScript, runHealthCheck } from '../../electron/common/checks/run.js';
import { BOOTSTRAP_TEXT } from '../../electron/common/powershell/envelope.js';
import { childEnvironment, resolvePowerShell } from '../../electron/common/powershell/executable.js';
import { ps } from '../../electron/common/powershell/script.js';
import { PowerShellSession } from '../../electron/common/powershell/session.js';
import { createLab, labSessionOptions } from '../../electron/lab/lab.js';

const scenario = process.argv[2] ?? 'healthy';
const work = mkdtempSync(path.join(tmpdir(), 'msa-health-bench-'));
const labDir = path.join(work, 'lab');
createLab(labDir, scenario);
const options = labSessionOptions(labDir);
const exe = resolvePowerShell();

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1
    ? (s[(s.length - 1) / 2] ?? NaN)
    : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};
const ms = (n: number): string => `${n.toFixed(0).padStart(7)} ms`;

// Cold start: a new session to its first answer, three times.
const cold: number[] = [];
for (let n = 0; n < 3; n++) {
  const t = performance.now();
  const s = new PowerShellSession(options);
  await s.run(ps`1`);
  cold.push(performance.now() - t);
  await s.dispose();
}

// Warm: one session; the first check loads the AD module (reported apart), then the median of several.
const session = new PowerShellSession(options);
await session.run(ps`1`);
const exec = (_op: string, script: Parameters<PowerShellSession['run']>[0], timeoutMs: number) =>
  session.run(script, { timeoutMs });
let t = performance.now();
const first = await runHealthCheck(exec);
const firstMs = performance.now() - t;
const warm: number[] = [];
for (let n = 0; n < 7; n++) {
  t = performance.now();
  await runHealthCheck(exec);
  warm.push(performance.now() - t);
}
await session.dispose();

// Naive: a new process per check, each with the helpers and the lab modules it needs, printing JSON.
const bootstrapFile = path.join(work, 'bootstrap.ps1');
writeFileSync(bootstrapFile, BOOTSTRAP_TEXT);
const env = childEnvironment(process.env, options.env);
const naiveStatus = new Map<string, string>();
t = performance.now();
for (const check of ALL_CHECKS) {
  const file = path.join(work, `${check.id}.ps1`);
  const body = healthCheckScript({ only: [check.id] }).text;
  writeFileSync(
    file,
    `. '${bootstrapFile.replace(/'/g, "''")}'\n${options.preamble?.text ?? ''}\n$ErrorActionPreference = 'Stop'\n` +
      `$msaOut = @(& {\n${body}\n})\nConvertTo-Json -InputObject (ConvertTo-MsaPlain $msaOut) -Depth 32 -Compress\n`,
  );
  const out = execFileSync(exe.path, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', file], {
    encoding: 'utf8',
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  const data = JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as unknown[];
  const report = evaluateAnswers([check], data, { ms: 0, ranAt: new Date().toISOString() });
  naiveStatus.set(check.id, report.results[0]?.status ?? '?');
}
const naiveMs = performance.now() - t;
rmSync(work, { recursive: true, force: true });

const warmMedian = median(warm);
const same = first.results.every((r) => naiveStatus.get(r.id) === r.status);
console.log(`PowerShell: ${exe.path}; lab scenario '${scenario}'; ${ALL_CHECKS.length} checks`);
console.log(
  `cold session start (mean of ${cold.length}):              ${ms(cold.reduce((a, b) => a + b) / cold.length)}`,
);
console.log(`first full check on a fresh session (loads AD module): ${ms(firstMs)}`);
console.log(
  `warm full health check (median of ${warm.length}, one round trip): ${ms(warmMedian)}   (min ${ms(Math.min(...warm)).trim()}, max ${ms(Math.max(...warm)).trim()})`,
);
console.log(
  `naive, one new process per check (${ALL_CHECKS.length} processes):  ${ms(naiveMs)}   (${ms(naiveMs / ALL_CHECKS.length).trim()} per check)`,
);
console.log(`naive / warm: ${(naiveMs / warmMedian).toFixed(1)}x   (same statuses both ways: ${same ? 'yes' : 'NO'})`);
