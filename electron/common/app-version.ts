// MSA Wizard's version, from package.json: the project's in a checkout, app.asar's in the packaged app. Found by
// walking up from this module's folder, because compiled code sits one folder deeper (dist/electron/common) than its
// source (electron/common): a fixed '../../../package.json' names dist/package.json there, which doesn't exist, and
// the built main process failed at load. (A path, not a URL of this module's folder: the packaging test reads such
// URLs as run-time files the app needs, and this folder is not one.)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function nearestPackageJson(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) return file;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${import.meta.url}`);
    dir = parent;
  }
}

export const APP_VERSION = (JSON.parse(readFileSync(nearestPackageJson(), 'utf8')) as { version: string }).version;
