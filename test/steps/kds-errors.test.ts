// "Key does not exist" from New-ADServiceAccount, explained with the KDS check's own evaluation: on
// multi-dc-replication the account step names DC02 (without the key), DC01 (where it was created) and the time; on
// fresh-domain it names the missing key, and after the check's one-click fix the same plan runs to Test True without
// doing anything twice.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { applyFix } from '../../electron/common/checks/run.js';
import { PsErrorKind } from '../../electron/common/powershell/errors.js';
import { runPlan } from '../../electron/common/steps/plan-steps.js';
import { formatAbsolute } from '../../electron/common/when.js';
import { sharedLab } from '../checks/lab-session.js';
import { gmsaPlan, state, statuses } from './step-fixtures.js';

const lab = sharedLab();
after(() => lab.session.dispose());

describe('KDS root key errors in the account step', () => {
  it('multi-dc-replication: names DC02 (in use, no key), DC01 and when the key was created there', async () => {
    const dir = await lab.use('multi-dc-replication');
    const [key] = state(dir).kdsRootKeys;
    assert.ok(key);
    const results = await runPlan(lab.session, gmsaPlan());
    assert.deepEqual(statuses(results), { group: 'done', 'group-members': 'done', account: 'failed' });
    const account = results.at(-1)?.outcome;
    assert.equal(account?.errorKind, PsErrorKind.KdsRootKeyMissing);
    const message = account?.message ?? '';
    assert.match(message, /not usable yet on DC02\.contoso\.com/);
    // In this machine's zone, the full date: the key's creation time as the lab wrote it (UTC), worded for the admin.
    assert.ok(message.includes(`created at ${formatAbsolute(key.createdTime)} exists on DC01`), message);
    assert.match(message, /has not replicated to DC02 \(the DC in use\)/);
    assert.match(message, /It was created on DC01 and is already effective/);
    assert.match(message, /repadmin \/syncall/);
    assert.doesNotMatch(message, /Add-KdsRootKey/, 'another key must not be suggested');

    // The health check says the same thing.
    const kds = (await lab.run({ only: ['kds-root-key'] })).results[0];
    assert.ok(kds !== undefined && message.includes(kds.found), message);
  });

  it('fresh-domain: fails naming the missing key; after the kds-create-immediately fix the plan finishes, nothing twice', async () => {
    await lab.use('fresh-domain');
    const plan = gmsaPlan();
    const first = await runPlan(lab.session, plan);
    assert.deepEqual(statuses(first), { group: 'done', 'group-members': 'done', account: 'failed' });
    const failed = first.at(-1)?.outcome;
    assert.equal(failed?.errorKind, PsErrorKind.KdsRootKeyMissing);
    assert.match(failed?.message ?? '', /KDS root key is not usable yet on DC01\.contoso\.com/);
    assert.match(failed?.message ?? '', /No KDS root key: Get-KdsRootKey on DC01 returned none/);
    assert.match(failed?.message ?? '', /Create the KDS root key/);

    const { report } = await applyFix(lab.exec, 'kds-create-immediately', undefined);
    assert.equal(report.results.find((r) => r.id === 'kds-root-key')?.status, 'pass');

    const second = await runPlan(lab.session, plan);
    assert.deepEqual(
      statuses(second),
      {
        group: 'exists',
        'group-members': 'exists',
        account: 'done',
        'refresh-ticket': 'done',
        install: 'exists',
        test: 'done',
      },
      JSON.stringify(second, null, 1),
    );
    assert.match(second.at(-1)?.outcome.message ?? '', /: True\./);
    assert.ok(second.slice(0, 2).every((r) => r.outcome.created.length === 0));
  });
});
