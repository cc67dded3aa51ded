// msa-wizard apply and plan on the web farm example (an app pool on WEB01 and WEB02, a task on WEB01), in an iis-host
// lab as WEB01: apply runs the directory's and WEB01's steps, and WEB02's there through PowerShell remoting, and exits
// 0; plan's script holds a part per host, WEB02's skipped when it runs elsewhere.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { newLab } from '../helpers/lab.js';

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/msa-wizard.js', ...args], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const FARM = 'assets/examples/gmsa-web-farm.json';

describe('msa-wizard on the web farm', () => {
  it("apply runs this computer's steps and WEB02's there through remoting; plan has a part per host", () => {
    const dir = newLab('iis-host');
    const r = cli('apply', '--answers', FARM, '--lab-dir', dir);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^\[7\/15\] Refresh the computer's group membership: WEB02 … done \(\d+ ms\)$/m);
    assert.match(r.out, /^\[\d+\/15\] Recycle Reports and verify … (done|exists) \(\d+ ms\)$/m);
    assert.match(r.out, /Granted "Log on as a batch job" \(SeBatchLogonRight\) to CONTOSO\\svc-web\$ on WEB02/);
    assert.match(r.out, /^Done: 15 steps \(\d+ done, \d+ already there; on WEB02 through PowerShell remoting\)\./m);
    const plan = cli('plan', '--answers', FARM);
    assert.equal(plan.code, 0, plan.err);
    assert.match(plan.out, /^if \(\[string\]\$env:COMPUTERNAME -eq 'WEB02'\) \{$/m);
    assert.match(plan.out, /Skipped: steps 12 to 15 run on WEB02; run this script there for them\./);
  });
});
