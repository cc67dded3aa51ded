// What electron-builder would pack into app.asar: the app files its `files` globs select (read from
// electron-builder.yml by electron-builder's own config loader and matched by its own FileMatcher) plus every
// production dependency, which it adds by itself from `npm ls --omit=dev` whatever `files` says. Counted here because
// electron-builder can't run on this project's Linux machines (it downloads Electron): npm run build prints the size,
// and test/packaging holds the set to what the main process loads.
import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { excludedExts, excludedNames, FileMatcher, getFileMatchers } from 'app-builder-lib/out/fileMatcher.js';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { log } from 'builder-util/out/log.js';

export interface PackedFile {
  /** Relative to the project, with forward slashes (as in app.asar). */
  readonly path: string;
  readonly size: number;
}

export interface ProductionPackage {
  readonly name: string;
  /** Relative to the project, with forward slashes (node_modules/a/node_modules/b). */
  readonly dir: string;
}

export interface PackedApp {
  readonly config: Configuration;
  /** The app's own files (dist, package.json), then every production package's. */
  readonly appFiles: readonly PackedFile[];
  readonly packages: readonly ProductionPackage[];
  readonly packageFiles: readonly PackedFile[];
  /** The packed files asarUnpack puts beside app.asar (outside the integrity check). */
  readonly unpacked: readonly string[];
}

// electron-builder's own leave-outs: the names and extensions it drops everywhere, and what it drops at the top of a
// package (NodeModuleCopyHelper's topLevelExcludedFiles, which it doesn't export).
const EXCLUDED_NAMES = new Set(excludedNames.split(','));
const EXCLUDED_EXTS = excludedExts.split(',').map((ext) => `.${ext}`);
const PACKAGE_TOP_EXCLUDED = new Set(
  'karma.conf.js,.coveralls.yml,README.md,readme.markdown,README,readme.md,Readme.md,Readme,readme,test,tests,__tests__,powered-test,example,examples,.bin,CHANGELOG.md,ChangeLog,changelog.md,Changelog.md,Changelog'.split(
    ',',
  ),
);
const dropped = (name: string): boolean =>
  EXCLUDED_NAMES.has(name) || name.startsWith('._') || EXCLUDED_EXTS.some((ext) => name.endsWith(ext));

const posix = (p: string): string => p.split(path.sep).join('/');

function walk(root: string, dir: string, keep: (full: string, stat: Stats, name: string) => boolean): PackedFile[] {
  const found: PackedFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const stat = lstatSync(full);
    if (!keep(full, stat, name)) continue;
    if (stat.isDirectory()) found.push(...walk(root, full, keep));
    else found.push({ path: posix(path.relative(root, full)), size: stat.size });
  }
  return found;
}

/** Production packages, as electron-builder's npm collector lists them (npm list --omit dev --all). */
export function productionPackages(root: string): ProductionPackage[] {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  return out
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && path.resolve(line) !== path.resolve(root))
    .map((line) => {
      const dir = posix(path.relative(root, line));
      return { name: dir.slice(dir.lastIndexOf('node_modules/') + 'node_modules/'.length), dir };
    });
}

async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const info = log.info.bind(log);
  log.info = () => undefined;
  try {
    return await work();
  } finally {
    log.info = info;
  }
}

export async function packedApp(root = process.cwd()): Promise<PackedApp> {
  const config = await quietly(() => getConfig(root, null, null)); // it announces the file it loaded
  const matchers = (name: 'files' | 'asarUnpack'): FileMatcher[] | null =>
    getFileMatchers(config, name, root, {
      macroExpander: (pattern) => pattern,
      customBuildOptions: {},
      globalOutDir: path.join(root, config.directories?.output ?? 'dist'),
      defaultSrc: root,
    });
  const matcher = matchers('files')?.[0] ?? new FileMatcher(root, root, (pattern) => pattern, '**/*');
  if (!matcher.patterns.includes('package.json')) matcher.addPattern('package.json');
  const filter = matcher.createFilter();
  const appFiles = walk(
    root,
    root,
    (full, stat, name) => full !== path.join(root, 'node_modules') && !dropped(name) && filter(full, stat),
  );

  const packages = productionPackages(root);
  const packageFiles = packages.flatMap(({ dir }) => {
    const top = path.join(root, dir);
    return walk(root, top, (full, _stat, name) => {
      if (name === 'node_modules' || dropped(name)) return false; // nested packages are listed on their own
      return !(path.dirname(full) === top && PACKAGE_TOP_EXCLUDED.has(name));
    });
  });
  const unpackFilter = matchers('asarUnpack')?.[0]?.createFilter();
  const unpacked = [...appFiles, ...packageFiles]
    .map((f) => f.path)
    .filter((file) => unpackFilter?.(path.join(root, file), lstatSync(path.join(root, file))) === true);
  return { config, appFiles, packages, packageFiles, unpacked };
}

const megabytes = (files: readonly PackedFile[]): string =>
  (files.reduce((sum, f) => sum + f.size, 0) / 1e6).toFixed(1);

/** One line for npm run build: "packed app: N files, X MB (…)". */
export function describePackedApp(app: PackedApp): string {
  const all = [...app.appFiles, ...app.packageFiles];
  return (
    `packed app: ${all.length} files, ${megabytes(all)} MB (app ${app.appFiles.length} files, ${megabytes(app.appFiles)} MB;` +
    ` ${app.packages.length} production packages, ${app.packageFiles.length} files, ${megabytes(app.packageFiles)} MB;` +
    ` ${app.unpacked.length} unpacked for PowerShell)`
  );
}

if (process.argv[1] !== undefined && /packed-app\.(ts|js)$/.test(process.argv[1])) {
  console.log(describePackedApp(await packedApp()));
}
