// The lab console, cold: LabCore compiles the lab's .NET types (LabTypes.cs, ...) once into a per-user cache and loads
// the assembly from there in every later session, instead of running the C# compiler on every start; anything wrong
// with the cache falls back to compiling in memory.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { labSessionOptions } from '../../electron/lab/lab.js';
import { newLab } from '../helpers/lab.js';
import { testSession, trusted } from '../helpers/pwsh.js';

const PROBE = trusted(
  "[ordered]@{ location = [Microsoft.ActiveDirectory.Management.ADPrincipal].Assembly.Location; user = (Get-ADUser -Identity 'Administrator').SamAccountName }",
);

async function probe(
  labDir: string,
  cache: string,
  env: Record<string, string> = { MSA_WIZARD_LAB_CACHE: cache },
): Promise<{ location: string; user: string }> {
  const options = labSessionOptions(labDir);
  const session = testSession({ ...options, env: { ...options.env, ...env } });
  try {
    return (await session.run(PROBE))[0] as { location: string; user: string };
  } finally {
    await session.dispose();
  }
}

const dlls = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.dll'));

describe('lab types cache', () => {
  it('compiles the lab types once, then every session loads that assembly', async () => {
    const labDir = newLab('healthy');
    const cache = path.join(mkdtempSync(path.join(tmpdir(), 'msa-lab-cache-')), 'lab-types');

    const first = await probe(labDir, cache);
    assert.equal(first.user, 'Administrator');
    assert.deepEqual(dlls(cache), [path.basename(first.location)], 'one assembly, loaded from the cache');
    assert.equal(path.dirname(first.location), cache);
    assert.match(path.basename(first.location), /^LabTypes-[0-9a-f]{32}-(Core|Desktop)-[\d.]+.*\.dll$/);
    const written = statSync(first.location).mtimeMs;

    const second = await probe(labDir, cache);
    assert.equal(second.location, first.location, 'the next session loads the cached assembly');
    assert.equal(statSync(first.location).mtimeMs, written, 'and does not compile it again');
    assert.deepEqual(dlls(cache), [path.basename(first.location)]);
  });

  it('falls back to compiling in memory when the cached assembly is damaged, and caches it anew after', async () => {
    const labDir = newLab('healthy');
    const cache = path.join(mkdtempSync(path.join(tmpdir(), 'msa-lab-cache-')), 'lab-types');
    const { location } = await probe(labDir, cache);
    writeFileSync(location, 'not an assembly');
    const damaged = await probe(labDir, cache);
    assert.equal(damaged.user, 'Administrator', 'the lab works');
    assert.notEqual(damaged.location, location, 'its types were compiled again, not loaded from the damaged file');
    const repaired = await probe(labDir, cache);
    assert.equal(repaired.location, location, 'the damaged file was dropped, and the next session cached it anew');
  });

  it('keeps no default cache where the process may be elevated (under sudo here; Windows always)', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'msa-home-'));
    const env = { HOME: home, XDG_CACHE_HOME: path.join(home, '.cache'), SUDO_USER: 'someone' };
    const elevated = await probe(newLab('healthy'), '', env);
    assert.equal(elevated.user, 'Administrator');
    assert.equal(elevated.location, '', 'compiled in memory');
    assert.equal(existsSync(path.join(home, '.cache', 'msa-wizard')), false, "no cache in the invoking user's folders");
    if (process.platform !== 'win32') {
      const { SUDO_USER: _, ...unelevated } = env;
      const user = await probe(newLab('healthy'), '', unelevated);
      assert.equal(path.dirname(user.location), path.join(home, '.cache', 'msa-wizard', 'lab-types'));
    }
  });
});
