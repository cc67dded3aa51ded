// Get-KdsRootKey's documented output is ONE System.Collections.Generic.List<KdsRootKey> object; the app's KDS check,
// its one-click fixes and the KDS step must be right whether the keys arrive as that list (the lab's default) or one
// by one ($env:MSA_LAB_LIST_OUTPUT = 'Items'). Every part runs under both shapes, on the same lab session.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { CheckResult, HealthReport } from '../../electron/common/api/contract.js';
import { applyFix } from '../../electron/common/checks/run.js';
import { kdsKeyStep } from '../../electron/common/steps/kds-key.js';
import { runPlan } from '../../electron/common/steps/plan-steps.js';
import { sharedLab } from '../checks/lab-session.js';
import { gmsaPlan, state, statuses } from '../steps/step-fixtures.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const kdsOf = (report: HealthReport): CheckResult => {
  const kds = report.results.find((r) => r.id === 'kds-root-key');
  assert.ok(kds);
  return kds;
};

const SHAPES = [
  { shape: 'List', setting: '$null', emptyCount: 1 },
  { shape: 'Items', setting: "'Items'", emptyCount: 0 },
] as const;

for (const { shape, setting, emptyCount } of SHAPES) {
  describe(`KDS check, fixes and step with Get-KdsRootKey writing ${shape === 'List' ? 'one List' : 'its keys one by one'}`, () => {
    /** A fresh lab from `scenario` whose Get-KdsRootKey writes this shape. */
    const use = async (scenario: string): Promise<string> => {
      const dir = await lab.use(scenario);
      await lab.console(`$env:MSA_LAB_LIST_OUTPUT = ${setting}`);
      return dir;
    };

    it('fresh-domain: no key; the default step adds one key and waits (never a second); the fix adds a usable one', async () => {
      const dir = await use('fresh-domain');
      // The session really has this shape: with no key, one empty list or nothing at all.
      assert.deepEqual(await lab.console('@(Get-KdsRootKey).Count'), [emptyCount]);

      const none = kdsOf(await lab.run({ only: ['kds-root-key'] }));
      assert.equal(none.status, 'fail', none.found);
      assert.match(none.found, /No KDS root key: Get-KdsRootKey on DC01 returned none/);

      const plan = gmsaPlan({ kdsRootKey: 'default' });
      const waiting = await kdsKeyStep.run(lab.session, plan);
      assert.equal(waiting.status, 'failed', waiting.message);
      assert.match(waiting.message, /^Created KDS root key [0-9a-f-]{36} \(default\)\. No KDS root key is usable yet/);
      assert.match(waiting.message, /wait until \w{3} \d{1,2} \w{3} \d{4} \d{1,2}:\d\d [AP]M \(in 10 h/);
      const again = await kdsKeyStep.run(lab.session, plan);
      assert.equal(again.status, 'failed', again.message);
      assert.doesNotMatch(again.message, /Created/);
      assert.equal(state(dir).kdsRootKeys.length, 1, 'a key already waiting is never doubled');

      const pending = kdsOf(await lab.run({ only: ['kds-root-key'] }));
      assert.equal(pending.status, 'warn', pending.found);
      assert.match(pending.found, new RegExp(`KDS root key ${state(dir).kdsRootKeys[0]?.keyId} exists on DC01`));

      const { applied, report } = await applyFix(lab.exec, 'kds-create-immediately', undefined);
      const added = state(dir).kdsRootKeys[1];
      assert.ok(added);
      // The fix read the new key back from Get-KdsRootKey (its EffectiveTime is in the sentence).
      assert.match(
        applied,
        new RegExp(
          `^Added KDS root key ${added.keyId}, effective \\w{3} \\d{1,2} \\w{3} \\d{4} \\d{1,2}:\\d\\d [AP]M\\.`,
        ),
      );
      const usable = kdsOf(report);
      assert.equal(usable.status, 'pass', usable.found);
      assert.match(usable.found, new RegExp(`KDS root key ${added.keyId}, effective since .* is usable now on DC01`));

      const exists = await kdsKeyStep.run(lab.session, plan);
      assert.equal(exists.status, 'exists', exists.message);
      assert.equal(exists.message, `A KDS root key is usable (${added.keyId}); none was created.`);
      assert.equal(state(dir).kdsRootKeys.length, 2);
    });

    it("fresh-domain: a gMSA plan with kdsRootKey 'immediately' creates one key and runs to Test True", async () => {
      const dir = await use('fresh-domain');
      const results = await runPlan(lab.session, gmsaPlan({ kdsRootKey: 'immediately' }));
      assert.deepEqual(
        statuses(results),
        {
          'kds-root-key': 'done',
          group: 'done',
          'group-members': 'done',
          account: 'done',
          'refresh-ticket': 'done',
          install: 'exists',
          test: 'done',
        },
        JSON.stringify(results, null, 1),
      );
      assert.equal(state(dir).kdsRootKeys.length, 1);
      const rerun = await kdsKeyStep.run(lab.session, gmsaPlan({ kdsRootKey: 'immediately' }));
      assert.equal(rerun.status, 'exists', rerun.message);
    });

    it('healthy plus a second key: the check judges each key, the step lists both as usable', async () => {
      const dir = await use('healthy');
      await lab.console('Add-KdsRootKey -EffectiveImmediately | Out-Null');
      const keys = state(dir).kdsRootKeys.map((k) => k.keyId);
      assert.equal(keys.length, 2);
      const kds = kdsOf(await lab.run({ only: ['kds-root-key'] }));
      assert.equal(kds.status, 'pass', kds.found);
      assert.match(kds.found, /\(Test-KdsRootKey: True\)/);
      assert.ok(
        keys.some((id) => kds.found.includes(id)),
        kds.found,
      );
      const exists = await kdsKeyStep.run(lab.session, gmsaPlan({ kdsRootKey: 'default' }));
      assert.equal(exists.status, 'exists', exists.message);
      assert.equal(exists.message, `A KDS root key is usable (${keys.join(', ')}); none was created.`);
    });
  });
}
