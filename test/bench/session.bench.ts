// npm run bench: how fast the session is, measured, printed. Not a test: numbers for the notes and for regressions.
//   cold start   new session to first answer (process start + bootstrap + hello)
//   warm request one small request on a warm session (median and p95 of many)
//   naive        a new PowerShell process per command, as most wrappers do
import { execFileSync } from 'node:child_process';
import { resolvePowerShell } from '../../electron/common/powershell/executable.js';
import { ps } from '../../electron/common/powershell/script.js';
import { PowerShellSession } from '../../electron/common/powershell/session.js';

const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (n: number): string => `${n.toFixed(1)} ms`;

const cold: number[] = [];
for (let n = 0; n < 3; n++) {
  const t = performance.now();
  const session = new PowerShellSession();
  await session.run(ps`1`);
  cold.push(performance.now() - t);
  await session.dispose();
}

const session = new PowerShellSession();
await session.run(ps`1`);
const warm: number[] = [];
for (let n = 0; n < 300; n++) {
  const t = performance.now();
  await session.run(ps`[ordered]@{ n = ${n}; when = [datetime]::UtcNow; name = ${'svc-web'} }`);
  warm.push(performance.now() - t);
}
await session.dispose();

const exe = resolvePowerShell();
const naive: number[] = [];
for (let n = 0; n < 5; n++) {
  const t = performance.now();
  execFileSync(
    exe.path,
    ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '[ordered]@{ n = 1 } | ConvertTo-Json'],
    {
      encoding: 'utf8',
    },
  );
  naive.push(performance.now() - t);
}

const warmMedian = percentile(warm, 50);
const naiveMedian = percentile(naive, 50);
console.log(`PowerShell: ${exe.path}`);
console.log(`cold start (mean of ${cold.length}):        ${ms(cold.reduce((a, b) => a + b) / cold.length)}`);
console.log(`warm request (median of ${warm.length}):    ${ms(warmMedian)}   p95 ${ms(percentile(warm, 95))}`);
console.log(`naive process per command (median of ${naive.length}): ${ms(naiveMedian)}`);
console.log(`naive / warm: ${(naiveMedian / warmMedian).toFixed(0)}x`);
