// A step on WEB02 cut off after it changed WEB02 (the app died after journaling step-started): run again from WEB01,
// it finds its work done ('exists'), and the survey, which reads WEB02 through remoting, credits the run with what
// the cut-off attempt made and the start's survey did not see, so undo takes it away there (iis-host lab, real pwsh).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { RunInfo } from '../../electron/common/api/contract.js';
import type { PlanInput } from '../../electron/common/plan/plan-schema.js';
import { appendRecord } from '../../electron/common/runs/journal.js';
import { sharedLab } from '../checks/lab-session.js';
import { labState } from '../helpers/lab.js';
import { coreOn, journals, ok, refused } from '../runs/run-api.js';
import { comparableState, GMSA } from './remote-run.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const PLAN: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-web',
  gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts' }, computers: ['WEB01', 'WEB02'] },
  targetComputer: 'WEB01',
  workloads: [{ kind: 'app-pool', host: 'WEB02', settings: { mode: 'existing', name: 'Reports' } }],
};

const holdsRight = (dir: string, host: string): boolean =>
  labState(dir).hosts[host]?.userRights.SeBatchLogonRight?.includes(GMSA) ?? false;

describe('a cut-off step on another host', () => {
  it('is credited, through the remote survey, with what it made there, and undone there', async () => {
    const dir = await lab.use('iis-host');
    const before = comparableState(dir);
    const api = coreOn(journals(), lab.session);
    let run: RunInfo = await ok(api, 'runs.start', { plan: PLAN });
    run = await ok(api, 'runs.all', { runId: run.runId, stage: 'account' });
    run = await ok(api, 'runs.all', { runId: run.runId, stage: 'install' });
    assert.equal(run.steps.find((s) => s.id === 'refresh-ticket@WEB02')?.status, 'done');

    // The cut-off attempt: journaled as started, the right granted on WEB02, then the app died.
    const step = run.steps.find((s) => s.id === 'batch-right@WEB02');
    appendRecord(run.journal, {
      type: 'step-started',
      at: new Date().toISOString(),
      stepId: 'batch-right@WEB02',
      script: step?.script ?? '',
    });
    await lab.console(
      `Invoke-Command -ComputerName WEB02 -ErrorAction Stop -ScriptBlock { Grant-MsaUserRight -Right SeBatchLogonRight -Account 'CONTOSO\\svc-web$' | Out-Null }`,
    );
    assert.ok(holdsRight(dir, 'WEB02') && !holdsRight(dir, 'WEB01'));
    // Until it has run again: the next step waits, and so does undo.
    const next = await refused(api, 'runs.step', { runId: run.runId, stepId: 'app-pool-identity@app-pool' });
    assert.match(next.title, /must wait/);
    const waits = await refused(api, 'runs.undo', { runId: run.runId });
    assert.match(waits.title, /cut off/);

    run = await ok(api, 'runs.step', { runId: run.runId, stepId: 'batch-right@WEB02' });
    const again = run.steps.find((s) => s.id === 'batch-right@WEB02');
    assert.equal(again?.status, 'exists');
    assert.deepEqual(again.created, [{ kind: 'batch-right', identity: GMSA, parent: 'WEB02' }]);

    run = await ok(api, 'runs.undo', { runId: run.runId, all: true });
    assert.equal(run.state, 'undone');
    assert.ok(!holdsRight(dir, 'WEB02'), 'the right the cut-off attempt granted on WEB02 is gone');
    assert.deepEqual(comparableState(dir), before);
  });
});
