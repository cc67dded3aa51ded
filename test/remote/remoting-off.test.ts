// WEB02 out of reach from WEB01 (iis-host lab, real pwsh, the lab's Invoke-Command with WinRM's own errors): a run
// does not start while it cannot read WEB02 (what is there before must be known), saying why and what to do; a step
// on WEB02 fails with the cause and the fix for each WinRM failure (stopped, unreachable, access denied), is a plain
// failure (nothing ran there, not a cut-off step), and runs again once remoting works; so does an undo there.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { RunInfo } from '../../electron/common/api/contract.js';
import type { PlanInput } from '../../electron/common/plan/plan-schema.js';
import { sharedLab } from '../checks/lab-session.js';
import { coreOn, journals, ok, refused } from '../runs/run-api.js';
import { comparableState, setWeb02Remoting } from './remote-run.js';

const lab = sharedLab();
after(() => lab.session.dispose());

/** A gMSA for WEB01 and WEB02, its one workload the pool Reports on WEB02. */
const PLAN: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-web',
  gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts' }, computers: ['WEB01', 'WEB02'] },
  targetComputer: 'WEB01',
  workloads: [{ kind: 'app-pool', host: 'WEB02', settings: { mode: 'existing', name: 'Reports' } }],
};

const stepOf = (run: RunInfo, id: string) => run.steps.find((s) => s.id === id);

describe('WEB02 out of reach', () => {
  it('a run does not start while WEB02 cannot be read, with the cause and the fix', async () => {
    await lab.use('iis-host');
    await setWeb02Remoting(lab, { winrm: 'Stopped' });
    const api = coreOn(journals(), lab.session);
    const no = await refused(api, 'runs.start', { plan: PLAN });
    assert.equal(no.kind, 'RunRequest');
    assert.match(no.title, /^WEB02 cannot be reached through PowerShell remoting\.$/);
    assert.match(no.message, /the WinRM service is not running or not listening/);
    assert.match(no.message, /nothing was done/);
    assert.match(no.action, /On WEB02, in an elevated PowerShell, run Enable-PSRemoting -Force/);
  });

  it("fails WEB02's step with each WinRM cause and its fix, then runs it once remoting works", async () => {
    const dir = await lab.use('iis-host');
    const before = comparableState(dir);
    const api = coreOn(journals(), lab.session);
    let run: RunInfo = await ok(api, 'runs.start', { plan: PLAN });

    const cases = [
      {
        remoting: { winrm: 'Stopped' as const },
        words: /WEB02 answered, but PowerShell remoting is not available there: the WinRM service is not running/,
        fix: /run Enable-PSRemoting -Force/,
      },
      {
        remoting: { winrm: 'Unreachable' as const },
        words: /WEB02 did not answer over PowerShell remoting/,
        fix: /Test-NetConnection WEB02 -Port 5985/,
      },
      {
        remoting: { winrm: 'Enabled' as const, allowed: ['CONTOSO\\Web Operators'] },
        words: /Access to PowerShell remoting on WEB02 is denied/,
        fix: /an administrator on WEB02/,
      },
    ];
    for (const c of cases) {
      await setWeb02Remoting(lab, c.remoting);
      run = await ok(api, 'runs.all', { runId: run.runId });
      const step = stepOf(run, 'refresh-ticket@WEB02');
      assert.equal(step?.status, 'failed', c.remoting.winrm);
      assert.equal(step.errorKind, 'RemotingFailed');
      assert.match(step.message ?? '', c.words);
      assert.match(step.message ?? '', /Nothing was changed on WEB02\./);
      assert.match(step.message ?? '', c.fix);
      assert.match(
        step.message ?? '',
        /Then run this step again\. \(WinRM: \[WEB02\] Connecting to remote server WEB02 failed/,
      );
      // WEB01's steps ran; WEB02's first stopped the run; a plain failure, not a cut-off one: undo stays possible.
      assert.equal(stepOf(run, 'test')?.status, 'done');
      assert.equal(run.interrupted, false);
      assert.equal(run.state, 'open');
    }

    await setWeb02Remoting(lab, null);
    run = await ok(api, 'runs.step', { runId: run.runId, stepId: 'refresh-ticket@WEB02' });
    assert.equal(stepOf(run, 'refresh-ticket@WEB02')?.status, 'done');
    run = await ok(api, 'runs.all', { runId: run.runId });
    assert.equal(run.state, 'completed', JSON.stringify(run.steps.map((s) => [s.id, s.status, s.message])));
    // Undo of WEB02's steps goes there too: with WinRM stopped it fails, saying so, and is tried again later.
    await setWeb02Remoting(lab, { winrm: 'Stopped' });
    run = await ok(api, 'runs.undo', { runId: run.runId, all: true });
    const stuck = run.undo.find((u) => u.status === 'failed');
    assert.equal(stuck?.stepId, 'app-pool-identity@app-pool');
    assert.match(
      stuck.message ?? '',
      /PowerShell remoting could not reach the other computer; nothing was changed there/,
    );
    await setWeb02Remoting(lab, null);
    run = await ok(api, 'runs.undo', { runId: run.runId, all: true });
    assert.equal(run.state, 'undone');
    assert.deepEqual(comparableState(dir), before);
  });
});
