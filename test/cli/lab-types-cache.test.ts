// The lab console, cold: LabCore compiles the lab's .NET types (LabTypes.cs, ...) once into a per-user cache and loads
// the assembly from there in every later session, instead of running the C# compiler on every start; anything wrong
// with the cache falls back to compiling in memory. An elevated process on Windows uses none (MSA_WIZARD_LAB_CACHE
// included); off Windows a folder or assembly owned by another user or writable by group or others is never used, root
// included.
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LAB_MODULE_ROOT, labSessionOptions } from '../../electron/lab/lab.js';
import { ps } from '../../electron/common/powershell/script.js';
import { newLab } from '../helpers/lab.js';
import { testSession, trusted } from '../helpers/pwsh.js';

const PROBE = trusted(
  "[ordered]@{ location = [Microsoft.ActiveDirectory.Management.ADPrincipal].Assembly.Location; user = (Get-ADUser -Identity 'Administrator').SamAccountName }",
);

const CACHE_SCRIPT = path.join(LAB_MODULE_ROOT, 'LabCore', 'LabTypesCache.ps1');
const TYPE_FILES = ['LabTypes.cs', 'KdsTypes.cs'].map((f) => path.join(LAB_MODULE_ROOT, 'LabCore', f));

/** Import-LabTypes in a fresh process with no lab loaded, as an unelevated user (the caller's decision). */
async function load(cache: string): Promise<{ location: string }> {
  const session = testSession();
  try {
    const script = ps`. ${CACHE_SCRIPT}; Import-LabTypes -Files ${TYPE_FILES} -Cache ${cache} -OnWindows ${process.platform === 'win32'}; [ordered]@{ location = [Microsoft.ActiveDirectory.Management.ADPrincipal].Assembly.Location }`;
    return (await session.run(script))[0] as { location: string };
  } finally {
    await session.dispose();
  }
}

/** Get-LabTypesCacheFolder's decision for the given facts. */
async function decide(facts: {
  requested?: string;
  elevated: boolean;
  onWindows?: boolean;
  sudoUser?: string;
  home?: string;
}): Promise<string | null> {
  const session = testSession();
  try {
    const script = ps`. ${CACHE_SCRIPT}; ,(Get-LabTypesCacheFolder -Requested ${facts.requested ?? ''} -Elevated ${facts.elevated} -OnWindows ${facts.onWindows ?? false} -SudoUser ${facts.sudoUser ?? ''} -XdgCacheHome '' -HomeDir ${facts.home ?? ''})`;
    const out = await session.run(script);
    return (out[0] as string | null | undefined) ?? null;
  } finally {
    await session.dispose();
  }
}

const dlls = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.dll'));

const newCache = (): string => path.join(mkdtempSync(path.join(tmpdir(), 'msa-lab-cache-')), 'lab-types');

describe('lab types cache', () => {
  it('compiles the lab types once, then every session loads that assembly', async () => {
    const cache = newCache();
    const first = await load(cache);
    assert.deepEqual(dlls(cache), [path.basename(first.location)], 'one assembly, loaded from the cache');
    assert.equal(path.dirname(first.location), cache);
    assert.match(path.basename(first.location), /^LabTypes-[0-9a-f]{32}-(Core|Desktop)-[\d.]+.*\.dll$/);
    const written = statSync(first.location).mtimeMs;

    const second = await load(cache);
    assert.equal(second.location, first.location, 'the next session loads the cached assembly');
    assert.equal(statSync(first.location).mtimeMs, written, 'and does not compile it again');
    assert.deepEqual(dlls(cache), [path.basename(first.location)]);
  });

  it('falls back to compiling in memory when the cached assembly is damaged, and caches it anew after', async () => {
    const cache = newCache();
    const { location } = await load(cache);
    writeFileSync(location, 'not an assembly');
    const damaged = await load(cache);
    assert.notEqual(damaged.location, location, 'its types were compiled again, not loaded from the damaged file');
    const repaired = await load(cache);
    assert.equal(repaired.location, location, 'the damaged file was dropped, and the next session cached it anew');
  });

  it('does not use a cache folder or assembly that group or others can write (off Windows)', async (t) => {
    if (process.platform === 'win32') return t.diagnostic('Windows: the folder ACL is the per-user profile');
    const cache = newCache();
    mkdirSync(cache, { mode: 0o700 });
    chmodSync(cache, 0o775);
    const shared = await load(cache);
    assert.equal(shared.location, '', 'compiled in memory');
    assert.deepEqual(dlls(cache), [], 'nothing written to a group-writable folder');

    chmodSync(cache, 0o755);
    const { location } = await load(cache);
    assert.equal(path.dirname(location), cache, "the user's own folder is used");
    chmodSync(location, 0o666);
    const planted = await load(cache);
    assert.notEqual(planted.location, location, 'a world-writable assembly is not loaded');
  });

  it('uses no cache elevated on Windows, not even MSA_WIZARD_LAB_CACHE; by default none under sudo or on Windows', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'msa-home-'));
    const defaultCache = path.join(home, '.cache', 'msa-wizard', 'lab-types');
    assert.equal(
      await decide({ requested: '/tmp/planted', elevated: true, onWindows: true }),
      null,
      'elevated on Windows: the variable is ignored',
    );
    assert.equal(await decide({ elevated: true, onWindows: true, home }), null);
    // Off Windows, root's cache is guarded by the owner and mode checks (the test above and below), not refused.
    assert.equal(await decide({ requested: '/tmp/mine', elevated: true }), '/tmp/mine');
    assert.equal(await decide({ elevated: true, home }), defaultCache);
    assert.equal(await decide({ requested: '/tmp/mine', elevated: false }), '/tmp/mine');
    assert.equal(await decide({ elevated: false, home, sudoUser: 'someone' }), null, 'under sudo');
    assert.equal(await decide({ elevated: false, home, onWindows: true }), null, 'Windows: no default');
    assert.equal(await decide({ elevated: false, home }), defaultCache);
  });

  it('root off Windows uses a cache folder only root can write, and never one another user owns', async (t) => {
    if (process.platform === 'win32' || process.getuid?.() !== 0) return t.diagnostic('needs root off Windows');
    const foreign = newCache();
    mkdirSync(foreign, { mode: 0o700 });
    chownSync(foreign, 65534, 65534); // nobody: a folder an unprivileged user controls
    const planted = await load(foreign);
    assert.equal(planted.location, '', 'compiled in memory');
    assert.deepEqual(dlls(foreign), [], "nothing written to another user's folder");
  });

  it('a lab session loads the types from MSA_WIZARD_LAB_CACHE when the folder is safe', async () => {
    const cache = newCache();
    const options = labSessionOptions(newLab('healthy'));
    const session = testSession({ ...options, env: { ...options.env, MSA_WIZARD_LAB_CACHE: cache } });
    let result: { location: string; user: string };
    try {
      result = (await session.run(PROBE))[0] as { location: string; user: string };
    } finally {
      await session.dispose();
    }
    assert.equal(result.user, 'Administrator');
    if (process.platform !== 'win32') assert.equal(path.dirname(result.location), cache);
  });
});
