// The verdict that leads Prerequisites (renderer/src/health/verdict.ts): ready, or what blocks which account type,
// naming the checks to go to. A fresh domain's missing KDS root key blocks gMSA only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult, HealthReport } from '../../renderer/src/api/contract';
import { healthVerdict } from '../../renderer/src/health/verdict';

const check = (id: string, title: string, status: CheckResult['status'], found = ''): CheckResult => ({
  id,
  group: 'Domain',
  title,
  status,
  found,
  why: '',
  command: '',
  fix: null,
  raw: null,
  ms: 1,
  readyAt: null,
});
const report = (...results: CheckResult[]): HealthReport =>
  ({ results, ranAt: '2026-12-05T01:00:00.000Z', ms: 900 }) as unknown as HealthReport;
const levels = (gmsa: boolean) =>
  check(
    'domain-levels',
    'Domain levels',
    gmsa ? 'pass' : 'fail',
    `Allows: sMSA yes; gMSA ${gmsa ? 'yes' : 'no (needs schema version 56)'}`,
  );

describe('the Prerequisites verdict', () => {
  it('says checking before the first report, ready when nothing fails', () => {
    assert.equal(healthVerdict(null).tone, 'checking');
    const ready = healthVerdict(report(levels(true), check('host-os', 'Operating system', 'pass')));
    assert.deepEqual(ready, { tone: 'ready', text: 'Ready for gMSA and sMSA', checks: [] });
    // gMSA password retrieval is 'unknown' until a gMSA is chosen: nothing to read yet, still ready.
    const noGmsaYet = {
      ...check('target-gmsa-password', 'gMSA password retrieval on this host', 'unknown'),
      raw: { gmsa: null },
    };
    assert.equal(healthVerdict(report(levels(true), noGmsaYet)).tone, 'ready');
    const probeFailed = check('target-gmsa-password', 'gMSA password retrieval on this host', 'unknown');
    assert.equal(
      healthVerdict(report(levels(true), probeFailed)).text,
      '1 check could not be read: gMSA password retrieval on this host',
    );
  });

  it('names warnings without calling them blockers', () => {
    const v = healthVerdict(report(levels(true), check('kerberos-encryption', 'Kerberos encryption', 'warn')));
    assert.equal(v.tone, 'warning');
    assert.equal(v.text, 'Ready for gMSA and sMSA, 1 warning to read: Kerberos encryption');
    assert.deepEqual(
      v.checks.map((c) => c.id),
      ['kerberos-encryption'],
    );
  });

  it('on a fresh domain: the missing KDS root key blocks gMSA only, and links to it', () => {
    const v = healthVerdict(report(levels(true), check('kds-root-key', 'KDS root key', 'fail')));
    assert.equal(v.tone, 'blocked');
    assert.equal(v.text, '1 problem blocks gMSA: KDS root key. sMSA is ready.');
    assert.deepEqual(
      v.checks.map((c) => c.id),
      ['kds-root-key'],
    );
  });

  it('counts problems that block both, and a level that refuses gMSA', () => {
    const both = healthVerdict(
      report(levels(true), check('rights-elevated', 'Elevated', 'fail'), check('tools-rsat', 'AD module', 'fail')),
    );
    assert.equal(both.text, '2 problems block gMSA and sMSA: Elevated, AD module');
    const mixed = healthVerdict(report(levels(false), check('tools-rsat', 'AD module', 'fail')));
    assert.equal(mixed.text, '2 problems block gMSA: Domain levels, AD module. 1 problem blocks sMSA: AD module.');
    assert.deepEqual(
      mixed.checks.map((c) => c.id),
      ['domain-levels', 'tools-rsat'],
    );
  });

  it('never says Ready while a check could not be read: names it with the warning tone and links to it', () => {
    const v = healthVerdict(report(levels(true), check('kds-root-key', 'KDS root key', 'unknown')));
    assert.equal(v.tone, 'warning');
    assert.equal(v.text, '1 check could not be read: KDS root key');
    assert.deepEqual(
      v.checks.map((c) => c.id),
      ['kds-root-key'],
    );
    const two = healthVerdict(
      report(
        levels(true),
        check('kds-root-key', 'KDS root key', 'unknown'),
        check('kerberos-encryption', 'Kerberos encryption', 'warn'),
        check('domain-controllers', 'Domain controllers', 'unknown'),
      ),
    );
    assert.equal(two.tone, 'warning');
    assert.equal(
      two.text,
      '2 checks could not be read: KDS root key, Domain controllers. 1 warning to read: Kerberos encryption',
    );
    assert.deepEqual(
      two.checks.map((c) => c.id),
      ['kds-root-key', 'domain-controllers', 'kerberos-encryption'],
    );
  });

  it('a blocker and a check not read: blocked, naming both', () => {
    const v = healthVerdict(
      report(levels(true), check('tools-rsat', 'AD module', 'fail'), check('kds-root-key', 'KDS root key', 'unknown')),
    );
    assert.equal(v.tone, 'blocked');
    assert.equal(v.text, '1 problem blocks gMSA and sMSA: AD module. 1 check could not be read: KDS root key.');
    assert.deepEqual(
      v.checks.map((c) => c.id),
      ['tools-rsat', 'kds-root-key'],
    );
    const gmsaOnly = healthVerdict(
      report(
        levels(true),
        check('kds-root-key', 'KDS root key', 'fail'),
        check('host-os', 'Operating system', 'unknown'),
      ),
    );
    assert.equal(gmsaOnly.text, '1 problem blocks gMSA: KDS root key. 1 check could not be read: Operating system.');
  });
});
