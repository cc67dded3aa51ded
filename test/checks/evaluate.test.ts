// The evaluations on their own, fed what real Windows answers where the lab cannot say it (CIM on Windows, w32tm in
// other locales, root keys listed per DC). No PowerShell here: these run in milliseconds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStripchart } from '../../electron/common/checks/clock.js';
import { hostDomain, hostOs, hostPowerShell, judgeWindows } from '../../electron/common/checks/host.js';
import { kdsRootKey } from '../../electron/common/checks/kds.js';
import { levelName, levelRank, parseDcVersion, schemaName } from '../../electron/common/checks/levels.js';
import {
  ALL_CHECKS,
  CHECK_IDS,
  checksAffectedBy,
  healthCheckScript,
  selectChecks,
} from '../../electron/common/checks/run.js';
import { kerberosClockSkew } from '../../electron/common/checks/clock.js';
import { rightsCreateMsa } from '../../electron/common/checks/rights.js';
import { formatDuration } from '../../electron/common/checks/types.js';

const now = new Date('2025-03-01T12:00:00Z');
const ctx = { now };

describe('host evaluations with Windows answers', () => {
  it('judges Windows versions: Server 2016+ and Windows 10+', () => {
    assert.deepEqual(judgeWindows('Microsoft Windows Server 2022 Standard', '10.0.20348', 3), {
      supported: true,
      server: true,
    });
    assert.deepEqual(judgeWindows('Microsoft Windows Server 2012 R2 Datacenter', '6.3.9600', 3), {
      supported: false,
      server: true,
    });
    assert.deepEqual(judgeWindows('Microsoft Windows 11 Enterprise', '10.0.22631', 1), {
      supported: true,
      server: false,
    });
    assert.deepEqual(judgeWindows('Microsoft Windows 8.1 Pro', '6.3.9600', 1), { supported: false, server: false });
    assert.deepEqual(judgeWindows('Windows Server Datacenter', '10.0.17763', 3), { supported: true, server: true });
    assert.equal(judgeWindows('Something else', null, null).supported, null);
  });

  it('host-os from CIM (local) and from the AD account (directory)', () => {
    const base = { platform: 'Win32NT', productType: 3, architecture: '64-bit', error: null };
    const local = hostOs.evaluateRaw(
      { ...base, source: 'local', caption: 'Microsoft Windows Server 2016 Standard', version: '10.0.14393' },
      ctx,
    );
    assert.equal(local.status, 'pass');
    assert.match(local.found, /read from this computer: supported/);
    const old = hostOs.evaluateRaw(
      { ...base, source: 'local', caption: 'Microsoft Windows Server 2008 R2 Standard', version: '6.1.7601' },
      ctx,
    );
    assert.equal(old.status, 'fail');
    const x86 = hostOs.evaluateRaw(
      { ...base, source: 'local', caption: 'Microsoft Windows 10 Pro', version: '10.0.19045', architecture: '32-bit' },
      ctx,
    );
    assert.equal(x86.status, 'fail');
  });

  it('host-powershell: 32-bit and pre-5.1 fail', () => {
    const ok = { version: '5.1.20348.2652', edition: 'Desktop', is64BitProcess: true, is64BitOperatingSystem: true };
    assert.equal(hostPowerShell.evaluateRaw(ok, ctx).status, 'pass');
    assert.equal(hostPowerShell.evaluateRaw({ ...ok, is64BitProcess: false }, ctx).status, 'fail');
    assert.equal(hostPowerShell.evaluateRaw({ ...ok, version: '4.0' }, ctx).status, 'fail');
  });

  it('host-domain from CIM', () => {
    assert.equal(
      hostDomain.evaluateRaw({ source: 'local', computer: 'WEB01', partOfDomain: true, domain: 'contoso.com' }, ctx)
        .status,
      'pass',
    );
    const workgroup = hostDomain.evaluateRaw(
      { source: 'local', computer: 'WEB01', partOfDomain: false, domain: null },
      ctx,
    );
    assert.equal(workgroup.status, 'fail');
    assert.match(workgroup.fix?.command ?? '', /^Add-Computer/);
  });
});

describe('rights', () => {
  const admin = {
    name: 'CONTOSO\\Domain Admins',
    sid: 'S-1-5-21-1-2-3-512',
    attributes: 'Mandatory group, Enabled by default, Enabled group',
  };
  const base = {
    user: 'CONTOSO\\ann',
    container: 'CN=Managed Service Accounts,DC=contoso,DC=com',
    allowedChildClasses: [],
    delegationError: null,
  };
  it('a Domain Admin in a filtered (non-elevated) token is a warning, delegated rights too', () => {
    assert.equal(rightsCreateMsa.evaluateRaw({ ...base, elevated: true, adminGroups: [admin] }, ctx).status, 'pass');
    const filtered = rightsCreateMsa.evaluateRaw(
      { ...base, elevated: false, adminGroups: [{ ...admin, attributes: 'Group used for deny only' }] },
      ctx,
    );
    assert.equal(filtered.status, 'warn');
    assert.match(filtered.found, /deny-only/);
    const delegated = rightsCreateMsa.evaluateRaw(
      { ...base, elevated: true, adminGroups: [], allowedChildClasses: ['msDS-GroupManagedServiceAccount', 'contact'] },
      ctx,
    );
    assert.equal(delegated.status, 'warn');
    assert.match(delegated.found, /delegated/);
  });
});

describe('KDS root key evaluation', () => {
  const dc = (name: string, keyIds: string[] | null) => ({
    name,
    operatingSystemVersion: '10.0 (20348)',
    keyIds,
    error: null,
  });
  const key = (effective: string) => ({
    keyId: '6a1c3e1e-0000-4000-8000-000000000001',
    effectiveTime: effective,
    creationTime: '2025-03-01T11:54:00.000Z',
    valid: true,
    testError: null,
  });
  const raw = {
    dcInUse: 'DC02',
    now: '2025-03-01T12:00:00.000Z',
    timeSource: 'dc' as const,
    rootKeys: [],
    dcsError: null,
    readerIsAdmin: true,
  };

  it('multi-DC: the key is on DC01 only and DC02 is in use → warn naming DC02, no new key offered', () => {
    const r = kdsRootKey.evaluateRaw(
      { ...raw, dcs: [dc('DC01', ['6a1c3e1e-0000-4000-8000-000000000001']), dc('DC02', [])] },
      ctx,
    );
    assert.equal(r.status, 'warn');
    assert.match(r.found, /exists on DC01 but has not replicated to DC02 \(the DC in use\)/);
    assert.deepEqual(r.fix?.actions, []);
    assert.match(r.fix?.command ?? '', /repadmin \/syncall/);
  });

  it('usable on the DC in use but missing on another DC → warn naming that DC', () => {
    const r = kdsRootKey.evaluateRaw(
      {
        ...raw,
        dcInUse: 'DC01',
        rootKeys: [key('2025-03-01T11:54:00.000Z')],
        dcs: [dc('DC01', ['{6A1C3E1E-0000-4000-8000-000000000001}']), dc('DC02', [])],
      },
      ctx,
    );
    assert.equal(r.status, 'warn');
    assert.match(r.found, /has not replicated to DC02 yet \(it is on DC01\)/);
  });

  it('on every DC and effective → pass; pending → warn with readyAt on the wizard clock', () => {
    const everywhere = kdsRootKey.evaluateRaw(
      {
        ...raw,
        dcInUse: 'DC01',
        rootKeys: [key('2025-03-01T11:54:00.000Z')],
        dcs: [
          dc('DC01', ['6a1c3e1e-0000-4000-8000-000000000001']),
          dc('DC02', ['6a1c3e1e-0000-4000-8000-000000000001']),
        ],
      },
      ctx,
    );
    assert.equal(everywhere.status, 'pass');
    assert.match(everywhere.found, /on all 2 DCs/);
    // The DC's clock is 2 minutes ahead of the wizard's: the countdown must still end when the DC says so.
    const pending = kdsRootKey.evaluateRaw(
      { ...raw, now: '2025-03-01T12:02:00.000Z', rootKeys: [key('2025-03-01T22:02:00.000Z')], dcs: null },
      ctx,
    );
    assert.equal(pending.status, 'warn');
    assert.equal(pending.readyAt, '2025-03-01T22:00:00.000Z');
    assert.match(pending.found, /in 10 h by DC02's clock/);
  });

  it('no key visible to a reader who may not read keys → unknown, not "create one"', () => {
    const r = kdsRootKey.evaluateRaw({ ...raw, readerIsAdmin: false, dcs: null }, ctx);
    assert.equal(r.status, 'unknown');
    assert.match(r.found, /only Domain Admins and Enterprise Admins/);
  });

  it('a key Test-KdsRootKey rejects → fail with the create fix', () => {
    const r = kdsRootKey.evaluateRaw(
      { ...raw, rootKeys: [{ ...key('2025-03-01T10:00:00Z'), valid: false }], dcs: null },
      ctx,
    );
    assert.equal(r.status, 'fail');
    assert.equal(r.fix?.actions.length, 3);
  });
});

describe('clock skew from w32tm', () => {
  const out = (line: string) => ['Tracking DC01.contoso.com [10.0.0.10:123].', 'Collecting 1 samples.', line];
  it('reads the offset in any locale, and the error form', () => {
    assert.deepEqual(parseStripchart(out('09:15:32, +00.0132471s')), { offsetSeconds: 0.0132471 });
    assert.deepEqual(parseStripchart(out('09:15:32, -420,0000000s')), { offsetSeconds: -420 });
    assert.deepEqual(parseStripchart(out('9:15:32 PM, +01.5s')), { offsetSeconds: 1.5 });
    assert.deepEqual(parseStripchart(out('09:15:32, error: 0x800705B4')), { error: '0x800705B4' });
    assert.equal(parseStripchart(['garbage']), null);
  });

  it('pass within a minute, warn up to 5 minutes, fail beyond; unreachable NTP is unknown', () => {
    const at = (line: string) =>
      kerberosClockSkew.evaluateRaw({ server: 'DC01', available: true, exitCode: 0, output: out(line), error: [] }, ctx)
        .status;
    assert.equal(at('09:15:32, +00.0132471s'), 'pass');
    assert.equal(at('09:15:32, -120.0s'), 'warn');
    assert.equal(at('09:15:32, -420.0000000s'), 'fail');
    assert.equal(at('09:15:32, error: 0x800705B4'), 'unknown');
  });
});

describe('levels and the runner', () => {
  it('names levels and schema versions', () => {
    assert.equal(levelRank('Windows2008R2Domain'), 4);
    assert.equal(levelRank('Windows2025Forest'), 10);
    assert.equal(levelName('Windows2012R2Domain'), 'Windows Server 2012 R2');
    assert.equal(schemaName(88), 'Windows Server 2019/2022');
    assert.deepEqual(parseDcVersion('10.0 (26100)'), { major: 10, minor: 0, build: 26100 });
  });

  it('ids are unique; only/fix selections keep the canonical order; one probe per check in the script', () => {
    assert.equal(new Set(CHECK_IDS).size, CHECK_IDS.length);
    assert.deepEqual(
      selectChecks(ALL_CHECKS, ['kds-root-key', 'host-os']).map((c) => c.id),
      ['host-os', 'kds-root-key'],
    );
    assert.throws(() => selectChecks(ALL_CHECKS, ['nope']), /no check "nope"/);
    assert.deepEqual(checksAffectedBy('kds-create-default'), ['kds-root-key', 'target-gmsa-password']);
    assert.deepEqual(checksAffectedBy('install-rsat-feature'), CHECK_IDS);
    const script = healthCheckScript().text;
    assert.equal(script.match(/^Invoke-MsaProbe -Id /gm)?.length, CHECK_IDS.length);
    // The gMSA travels as a quoted literal, never as code.
    assert.match(
      healthCheckScript({ gmsa: "a'b" }).text,
      /\$msaOptions = \(\[ordered\]@\{ 'gmsa' = 'a''b'; 'workloads' = @\(\) \}\)/,
    );
  });

  it('formats durations', () => {
    assert.equal(formatDuration(9 * 3_600_000 + 59 * 60_000 + 30_000), '9 h 59 min');
    assert.equal(formatDuration(250_000), '4 min 10 s');
    assert.equal(formatDuration(-5), '0 s');
  });
});
