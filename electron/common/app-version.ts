// MSA Wizard's version, from package.json: the project's in a checkout, app.asar's in the packaged app. Found by
// walking up from this module, because compiled code sits one folder deeper (dist/electron/common) than its source
// (electron/common): a fixed '../../../package.json' names dist/package.json there, which doesn't exist, and the
// built main process failed at load.
import { existsSync, readFileSync } from 'node:fs';

function nearestPackageJson(): URL {
  for (let dir = new URL('./', import.meta.url); ;) {
    const file = new URL('package.json', dir);
    if (existsSync(file)) return file;
    const parent = new URL('../', dir);
    if (parent.href === dir.href) throw new Error(`no package.json above ${import.meta.url}`);
    dir = parent;
  }
}

export const APP_VERSION = (JSON.parse(readFileSync(nearestPackageJson(), 'utf8')) as { version: string }).version;
