// npm run build: the main process and preload (tsc), the files they read at run time (PowerShell, the lab's C# types
// and reference data: copied beside the compiled code), and the renderer (vite).
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const bin = (name: string): string =>
  path.join('node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const run = (cmd: string, args: string[]): void => {
  execFileSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
};

function copyRuntimeFiles(from: string, to: string): number {
  let copied = 0;
  for (const entry of readdirSync(from)) {
    const src = path.join(from, entry);
    if (statSync(src).isDirectory()) copied += copyRuntimeFiles(src, path.join(to, entry));
    else if (/\.(ps1|psm1|psd1|cs|json)$/i.test(entry)) {
      cpSync(src, path.join(to, entry));
      copied += 1;
    }
  }
  return copied;
}

rmSync(path.join('dist', 'electron'), { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.build.json']);
const copied = copyRuntimeFiles('electron', path.join('dist', 'electron'));
run(bin('vite'), ['build', '--config', path.join('renderer', 'vite.config.ts'), '--logLevel', 'warn']);
console.log(`built dist/electron (+${copied} run-time files) and dist/renderer`);
