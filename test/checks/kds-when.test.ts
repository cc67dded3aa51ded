// The KDS check's "when": when a key was created and on which DC, when it becomes usable on the DC in use, and the
// account step's "Key does not exist" sentence built from the same evaluation. No PowerShell: milliseconds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../electron/common/api/contract.js';
import { explainKdsKeyMissing, kdsRootKey } from '../../electron/common/checks/kds.js';
import { formatAbsolute } from '../../electron/common/when.js';

const ctx = { now: new Date('2025-03-01T12:00:00Z') };
const ID = '6a1c3e1e-0000-4000-8000-000000000001';
// A moment as the finding words it: in this machine's zone (CI runs this file in UTC and in Asia/Kolkata), full date.
const at = (iso: string): string => formatAbsolute(iso);

const dc = (name: string, keys: { created: string; effective: string | null }[]) => ({
  name,
  operatingSystemVersion: '10.0 (20348)',
  keyIds: keys.map(() => ID),
  rootKeys: keys.map((k) => ({ keyId: ID, ...k })),
  error: null,
});
const raw = {
  dcInUse: 'DC02',
  dcInUseHostName: 'DC02.contoso.com',
  now: '2025-03-01T12:00:00.000Z',
  timeSource: 'dc' as const,
  rootKeys: [],
  dcsError: null,
  readerIsAdmin: true,
};

const result = (evaluation: ReturnType<typeof kdsRootKey.evaluateRaw>, r: unknown): CheckResult => ({
  id: 'kds-root-key',
  group: 'KDS',
  title: 'KDS root key',
  status: evaluation.status,
  found: evaluation.found,
  why: '',
  command: '',
  fix: evaluation.fix ?? null,
  raw: r,
  ms: 1,
  readyAt: evaluation.readyAt ?? null,
});

describe('KDS root key: when', () => {
  it('not replicated, already effective: created at HH:MM on DC01, usable through DC02 once replicated', () => {
    const r = kdsRootKey.evaluateRaw(
      {
        ...raw,
        dcs: [
          dc('DC01', [{ created: '2025-03-01T11:54:00.000Z', effective: '2025-03-01T11:54:00.000Z' }]),
          dc('DC02', []),
        ],
      },
      ctx,
    );
    assert.equal(r.status, 'warn');
    assert.ok(
      r.found.startsWith(
        `A KDS root key created at ${at('2025-03-01T11:54:00.000Z')} exists on DC01 but has not replicated to DC02 (the DC in use) yet`,
      ),
      r.found,
    );
    assert.doesNotMatch(r.found, /UTC|\d{4}-\d\d-\d\d/, 'no ISO date, no UTC: the admin’s own time');
    assert.match(
      r.found,
      /It was created on DC01 and is already effective, so it is usable through DC02 as soon as it has replicated there\./,
    );
    assert.equal(r.readyAt ?? null, null, 'replication time is not known: no countdown invented');
  });

  it('not replicated, not yet effective: the effective time and the wait, by the DC clock', () => {
    const r = kdsRootKey.evaluateRaw(
      {
        ...raw,
        dcs: [
          dc('DC01', [{ created: '2025-03-01T11:00:00.000Z', effective: '2025-03-01T21:00:00.000Z' }]),
          dc('DC02', []),
        ],
      },
      ctx,
    );
    assert.ok(r.found.includes(`created at ${at('2025-03-01T11:00:00.000Z')} exists on DC01`), r.found);
    assert.ok(
      r.found.includes(`becomes effective at ${at('2025-03-01T21:00:00.000Z')} (in 9 h by DC02's clock)`),
      r.found,
    );
  });

  it('pending on the DC in use: says when it was created and where', () => {
    const key = {
      keyId: ID,
      effectiveTime: '2025-03-01T21:00:00.000Z',
      creationTime: '2025-03-01T11:00:00.000Z',
      valid: true,
      testError: null,
    };
    const r = kdsRootKey.evaluateRaw(
      {
        ...raw,
        dcInUse: 'DC01',
        rootKeys: [key],
        dcs: [dc('DC01', [{ created: '2025-03-01T11:00:00.000Z', effective: null }])],
      },
      ctx,
    );
    assert.equal(r.status, 'warn');
    assert.ok(r.found.includes(`(It was created at ${at('2025-03-01T11:00:00.000Z')} on DC01.)`), r.found);
    assert.ok(r.fix?.summary.startsWith(`Wait until ${at('2025-03-01T21:00:00.000Z')};`), r.fix?.summary);
  });

  it('answers without per-DC dates (older probes, other readers) still evaluate', () => {
    const r = kdsRootKey.evaluateRaw(
      {
        ...raw,
        dcInUseHostName: undefined,
        dcs: [{ ...dc('DC01', []), keyIds: [ID], rootKeys: undefined }, dc('DC02', [])],
      },
      ctx,
    );
    assert.match(r.found, /^A KDS root key exists on DC01 but has not replicated to DC02/);
  });

  it("the step sentence: the DC by DNS name, then the check's finding and fix; a check that now passes says retry", () => {
    const r = {
      ...raw,
      dcs: [
        dc('DC01', [{ created: '2025-03-01T11:54:00.000Z', effective: '2025-03-01T11:54:00.000Z' }]),
        dc('DC02', []),
      ],
    };
    const evaluation = kdsRootKey.evaluateRaw(r, ctx);
    const text = explainKdsKeyMissing(result(evaluation, r));
    assert.match(text, /^The KDS root key is not usable yet on DC02\.contoso\.com: /);
    assert.ok(text.includes(evaluation.found));
    assert.ok(text.includes(evaluation.fix?.summary ?? '-'));
    assert.match(
      explainKdsKeyMissing(result({ status: 'pass', found: 'usable now.' }, r)),
      /now finds: usable now\. Run this step again\.$/,
    );
    assert.match(explainKdsKeyMissing(undefined), /not usable yet on the domain controller in use/);
    assert.match(
      explainKdsKeyMissing(result({ status: 'unknown', found: 'no DC answered.' }, null)),
      /could not tell why: no DC answered\. Create a KDS root key/,
    );
  });
});
