// The installer packs what the main process loads, and nothing else: the packed set (electron-builder.yml's `files`
// plus the production dependencies, scripts/packed-app.ts) against what the built main reaches (main-reach.ts).
// electron-builder itself can't run here (it downloads Electron), so this is how a stray file or package is caught.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import { packedApp, type PackedApp } from '../../scripts/packed-app.js';
import { mainReach, reaches, type MainReach } from './main-reach.js';

const root = process.cwd();
const posix = (p: string): string => p.split(path.sep).join('/');

describe('the packed app', () => {
  let app: PackedApp;
  let reach: MainReach;
  let packed: Set<string>;
  before(async () => {
    assert.ok(existsSync(path.join('dist', 'electron', 'main', 'main.js')), 'npm test builds first');
    [app, reach] = await Promise.all([packedApp(root), mainReach(root)]);
    packed = new Set(app.appFiles.map((f) => f.path));
  });

  it('holds no file the main process never loads', () => {
    // package.json is read by Electron itself (name, version, "main").
    const stray = [...packed].filter((file) => file !== 'package.json' && !reaches(reach, file));
    assert.deepEqual(stray, [], 'packed but never loaded: narrow `files` in electron-builder.yml, or move it out');
  });

  it('holds every module and run-time file the main process loads', () => {
    const main = (JSON.parse(readFileSync('package.json', 'utf8')) as { main: string }).main;
    assert.ok(packed.has(posix(main)), `package.json's main (${main}) is packed`);
    const missing = [...reach.modules].filter((file) => !packed.has(file));
    assert.deepEqual(missing, [], 'loaded by main but not packed: add it to `files` in electron-builder.yml');
    for (const runtime of reach.runtimePaths) {
      assert.ok(
        [...packed].some((file) => file === runtime || file.startsWith(`${runtime}/`)),
        `${runtime} is named by main's code (new URL) but not packed`,
      );
    }
  });

  it('holds only production packages the main process loads, and main imports only production dependencies', () => {
    const unused = app.packages.filter((p) => !reach.packages.has(p.dir)).map((p) => p.name);
    assert.deepEqual(unused, [], 'production dependencies main never loads: make them devDependencies');
    const declared = Object.keys(
      (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies,
    );
    const direct = [...reach.directPackages].filter((name) => !declared.includes(name));
    assert.deepEqual(direct, [], 'main imports these, so they must be dependencies (a devDependency is not packed)');
    assert.ok(app.packages.length > 0 && app.packageFiles.length > 0);
  });

  it('unpacks exactly what PowerShell opens by path; everything Node reads stays in app.asar', async () => {
    const lab = (await import(pathToFileURL(path.resolve('dist', 'electron', 'lab', 'lab.js')).href)) as {
      PWSH_OPENS_BY_PATH: readonly string[];
    };
    const roots = lab.PWSH_OPENS_BY_PATH.map((dir) => posix(path.relative(root, dir)));
    const opened = [...packed].filter((file) => roots.some((dir) => file.startsWith(`${dir}/`)));
    assert.ok(opened.some((file) => file.endsWith('/LabCore/LabCore.psm1')) && opened.some((f) => f.endsWith('.cs')));
    assert.deepEqual([...app.unpacked].sort(), opened.sort(), 'asarUnpack in electron-builder.yml');
    assert.ok(packed.has('dist/electron/common/powershell/bootstrap.ps1'));
    assert.ok(!app.unpacked.includes('dist/electron/common/powershell/bootstrap.ps1'), 'Node reads it: keep it inside');
  });

  it('packs every file of the lab modules (format data, manifests, types): PowerShell loads them all by path', () => {
    const sources = ['modules', 'modules-rsat'].flatMap((dir) =>
      readdirSync(path.join('electron', 'lab', dir), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && !entry.name.endsWith('.md'))
        .map((entry) => posix(path.join('dist', path.relative(root, path.join(entry.parentPath, entry.name))))),
    );
    assert.ok(sources.some((file) => file.endsWith('.Format.ps1xml')));
    assert.deepEqual(
      sources.filter((file) => !packed.has(file)),
      [],
      'a lab module file is not built into dist (scripts/build.ts RUNTIME_FILE) or not packed',
    );
  });

  it('the built core finds package.json from dist (a fixed ../../../package.json named dist/package.json)', async () => {
    const built = (await import(pathToFileURL(path.resolve('dist', 'electron', 'common', 'app-version.js')).href)) as {
      APP_VERSION: string;
    };
    assert.equal(built.APP_VERSION, (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });

  it('carries no development code: generators, test catalogs, sources or source maps', () => {
    const dev = [...packed].filter((file) => /\.(ts|map)$|gen-|catalog|reference\//.test(file));
    assert.deepEqual(dev, []);
  });
});
