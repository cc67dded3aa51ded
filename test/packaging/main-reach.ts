// What the built Electron main process reaches from package.json's "main": every module it imports (esbuild follows
// the imports as Node resolves them and lists each in its metafile; nothing is written) and every run-time file those
// modules name as new URL('<relative path>', import.meta.url) — a folder counts with everything in it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export interface MainReach {
  /** Modules under the project (not node_modules), relative with forward slashes. */
  readonly modules: ReadonlySet<string>;
  /** Folders of the packages a module was loaded from (node_modules/a, node_modules/a/node_modules/b). */
  readonly packages: ReadonlySet<string>;
  /** Run-time files and folders named by URL, relative with forward slashes. */
  readonly runtimePaths: ReadonlySet<string>;
  /** Package names the project's own modules import (zod, node-powershell): what package.json must depend on. */
  readonly directPackages: ReadonlySet<string>;
}

const RUNTIME_URL = /new URL\(\s*(['"`])([^'"`$]+)\1\s*,\s*import\.meta\.url\s*\)/g;
const PACKAGE_DIR = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//;
const posix = (p: string): string => p.split(path.sep).join('/');

export async function mainReach(root: string): Promise<MainReach> {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: [pkg.main],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    external: ['electron'],
    logLevel: 'silent',
  });
  const modules = new Set<string>();
  const packages = new Set<string>();
  const runtimePaths = new Set<string>();
  const directPackages = new Set<string>();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    const owner = PACKAGE_DIR.exec(input)?.[1];
    if (owner !== undefined) {
      packages.add(owner);
      continue;
    }
    modules.add(input);
    for (const imported of imports) {
      const dir = PACKAGE_DIR.exec(imported.path)?.[1];
      if (dir !== undefined) directPackages.add(dir.slice(dir.lastIndexOf('node_modules/') + 'node_modules/'.length));
    }
    for (const [, , relative] of readFileSync(path.join(root, input), 'utf8').matchAll(RUNTIME_URL)) {
      const target = path.resolve(root, path.dirname(input), relative ?? '');
      // A module naming its own folder (or one above it) would make everything beside it "reached": refused, so the
      // packed-set test cannot be blinded by one new URL('./', import.meta.url).
      if (!path.relative(target, path.resolve(root, input)).startsWith('..')) {
        throw new Error(`${input} names its own folder or one above it as a run-time file: ${relative ?? ''}`);
      }
      if (existsSync(target)) runtimePaths.add(posix(path.relative(root, target)));
    }
  }
  return { modules, packages, runtimePaths, directPackages };
}

/** Whether a file is a reached module or lies in (or is) a reached run-time path. */
export function reaches(reach: MainReach, file: string): boolean {
  if (reach.modules.has(file)) return true;
  for (const runtime of reach.runtimePaths) {
    if (file === runtime || file.startsWith(`${runtime}/`)) return true;
  }
  return false;
}
