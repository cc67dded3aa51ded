// npm run build: the main process (tsc, ES modules), the preload (esbuild: ONE CommonJS file, as a sandboxed preload
// must be), the files they read at run time (PowerShell, the lab's C# types and reference data: copied beside the
// compiled code), and the renderer (vite). Prints the renderer's initial JavaScript size, gzipped, and what
// electron-builder would pack into app.asar (packed-app.ts: the `files` of electron-builder.yml and the production
// dependencies).
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describePackedApp, packedApp } from './packed-app.js';

const bin = (name: string): string =>
  path.join('node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const run = (cmd: string, args: string[]): void => {
  execFileSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
};

/** What the built code reads at run time beside itself: PowerShell (scripts, modules, manifests, format data), the
 *  lab's C# types and JSON data. test/packaging checks that every lab module file reaches dist. */
const RUNTIME_FILE = /\.(ps1|psm1|psd1|ps1xml|cs|json)$/i;

function copyRuntimeFiles(from: string, to: string): number {
  let copied = 0;
  for (const entry of readdirSync(from)) {
    const src = path.join(from, entry);
    if (statSync(src).isDirectory()) copied += copyRuntimeFiles(src, path.join(to, entry));
    else if (RUNTIME_FILE.test(entry)) {
      cpSync(src, path.join(to, entry));
      copied += 1;
    }
  }
  return copied;
}

/**
 * Removes what tsc emits for a types-only module (`export {};` and its source map): nothing loads it (type imports are
 * erased), so it must not be packed. Returns how many.
 */
/** Whether emitted JS is only `export {};` (comments and the source-map line aside). */
const typeOnly = (js: string): boolean =>
  js
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .trim() === 'export {};';

function dropTypeOnlyModules(dir: string): number {
  let dropped = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) dropped += dropTypeOnlyModules(file);
    else if (entry.name.endsWith('.js') && typeOnly(readFileSync(file, 'utf8'))) {
      rmSync(file);
      rmSync(`${file}.map`, { force: true });
      dropped += 1;
    }
  }
  return dropped;
}

rmSync(path.join('dist', 'electron'), { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.build.json']);
dropTypeOnlyModules(path.join('dist', 'electron'));
await build({
  entryPoints: [path.join('electron', 'preload', 'preload.ts')],
  outfile: path.join('dist', 'electron', 'preload', 'preload.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
});
const copied = copyRuntimeFiles('electron', path.join('dist', 'electron'));
run(bin('vite'), ['build', '--config', path.join('renderer', 'vite.config.ts'), '--logLevel', 'warn']);

// The JavaScript the page loads before first paint: the module script(s) index.html names.
const html = readFileSync(path.join('dist', 'renderer', 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]+src="\.?\/?([^"]+)"/g)].map((m) => m[1] ?? '');
const initial = scripts.reduce(
  (sum, src) => sum + gzipSync(readFileSync(path.join('dist', 'renderer', src))).length,
  0,
);
console.log(`built dist/electron (+${copied} run-time files, preload bundled) and dist/renderer`);
console.log(`renderer initial JS: ${(initial / 1024).toFixed(1)} KiB gzip (${scripts.join(', ')})`);
console.log(describePackedApp(await packedApp()));
