// A whole run's undo (API → RunService → real pwsh lab) after an acknowledged change from a user account, which undo
// cannot put back (the wizard never has the password): undo all stops at the workload's step while the service or
// pool still runs as the gMSA, saying to set it back by hand and undo again; once the lab's console has set the user
// account back (as an admin would: Win32_Service.Change / Set-WebConfigurationProperty with the user and its
// password), undo all leaves that workload as it is and goes on to the right, the account and the group.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { RunInfo } from '../../electron/common/api/contract.js';
import type { PlanInput } from '../../electron/common/plan/plan-schema.js';
import { sharedLab } from '../checks/lab-session.js';
import { labState } from '../helpers/lab.js';
import { coreOn, journals, ok } from '../runs/run-api.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const ACCOUNT = 'CONTOSO\\svc-app$';

const planWith = (workload: object): PlanInput =>
  ({
    accountType: 'gmsa',
    name: 'svc-app',
    gmsa: { group: { mode: 'new', name: 'gMSA-App-Hosts' }, computers: ['WEB01'] },
    targetComputer: 'WEB01',
    workloads: [workload],
  }) as PlanInput;

const accountExists = (dir: string): boolean =>
  labState(dir).objects.some((o) => o.objectClass === 'msDS-GroupManagedServiceAccount' && o.name === 'svc-app');

const undoOf = (run: RunInfo, stepId: string) => run.undo.find((u) => u.stepId === stepId);

/** Runs the plan to the end through the API, then undo all: refused at `stepId`, the steps before it undone. */
async function runThenRefusedUndo(
  plan: PlanInput,
  stepId: string,
): Promise<{ run: RunInfo; undo: () => Promise<RunInfo> }> {
  const api = coreOn(journals(), lab.session);
  let run = await ok(api, 'runs.start', { plan });
  run = await ok(api, 'runs.all', { runId: run.runId });
  assert.equal(run.state, 'completed', JSON.stringify(run.steps.map((s) => `${s.id} ${s.status} ${s.message}`)));
  const undo = () => ok(api, 'runs.undo', { runId: run.runId, all: true });
  run = await undo();
  const refused = undoOf(run, stepId);
  assert.equal(refused?.status, 'failed', JSON.stringify(run.undo));
  return { run, undo };
}

describe('undo after an acknowledged change from a user account', () => {
  it('a service: refused while it runs as the gMSA; once set back by hand, left as is and the rest undone', async () => {
    const dir = await lab.use('service-host');
    const service = (): { account: string } | undefined =>
      labState(dir).hosts.WEB01?.services?.find((s) => s.name === 'ReportSvc');
    const userAccount = service()?.account;
    assert.equal(userAccount, 'CONTOSO\\svc-report');
    const { run, undo } = await runThenRefusedUndo(
      planWith({ kind: 'service', settings: { mode: 'existing', name: 'ReportSvc', acknowledgeNoRestore: true } }),
      'service-account@service',
    );
    const message = run.undo.find((u) => u.stepId === 'service-account@service');
    assert.equal(message?.status, 'failed');
    assert.match(
      JSON.stringify(run),
      /ReportSvc still runs as the managed account, and undo cannot set it back to the user account CONTOSO\\\\svc-report.*Set its account back yourself in services\.msc.*then undo again\. Nothing was changed\./,
    );
    assert.equal(service()?.account, ACCOUNT, 'the refused undo changed nothing');
    assert.equal(undoOf(run, 'service-right@WEB01')?.status, 'pending');
    assert.ok(accountExists(dir));

    // The admin sets the user account back (services.msc does the same Change, with the password).
    await lab.console(
      "$svc = Get-CimInstance -ClassName Win32_Service -Filter \"Name='ReportSvc'\"; Invoke-CimMethod -InputObject $svc -MethodName Change -Arguments @{ StartName = 'CONTOSO\\svc-report'; StartPassword = 'Pa55word!' } | Out-Null",
    );
    const undone = await undo();
    assert.equal(undone.state, 'undone', JSON.stringify(undone.undo));
    assert.ok(undone.undo.every((u) => u.status === 'done'));
    // The undo says what it did, in its own words: it left the service as the admin set it.
    assert.match(
      undone.undo.find((u) => u.stepId === 'service-account@service')?.message ?? '',
      /^ReportSvc: left as is: now runs as .*svc-report/,
    );
    assert.equal(service()?.account, 'CONTOSO\\svc-report');
    assert.equal(accountExists(dir), false, 'the rest of the undo removed the gMSA');
  });

  it('an app pool: refused while it runs as the gMSA; once set back by hand, left as is and the rest undone', async () => {
    const dir = await lab.use('iis-host');
    const pool = () => labState(dir).hosts.WEB01?.iis?.appPools.find((p) => p.name === 'Reports')?.processModel;
    const filter = "system.applicationHost/applicationPools/add[@name='Reports']/processModel";
    const setUser = (name: string, value: string) =>
      lab.console(
        `Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter "${filter}" -Name ${name} -Value '${value}'`,
      );
    // Before the run, the pool runs as the user account CONTOSO\bob.
    await setUser('identityType', 'SpecificUser');
    await setUser('userName', 'CONTOSO\\bob');
    await setUser('password', 'Pa55word!');
    const { run, undo } = await runThenRefusedUndo(
      planWith({ kind: 'app-pool', settings: { mode: 'existing', name: 'Reports', acknowledgeNoRestore: true } }),
      'app-pool-identity@app-pool',
    );
    assert.match(
      JSON.stringify(run),
      /The application pool Reports still runs as the managed account, and it ran as the user account CONTOSO\\\\bob before.*Set its identity back yourself in IIS Manager.*then undo again\. Nothing was changed\./,
    );
    assert.equal(pool()?.userName, ACCOUNT, 'the refused undo changed nothing');
    assert.ok(accountExists(dir));

    await setUser('userName', 'CONTOSO\\bob');
    await setUser('password', 'Pa55word!');
    const undone = await undo();
    assert.equal(undone.state, 'undone', JSON.stringify(undone.undo));
    assert.match(
      undone.undo.find((u) => u.stepId.startsWith('app-pool-identity@'))?.message ?? '',
      /^Reports: left as is: now runs as .*bob/,
    );
    assert.deepEqual(
      { identityType: pool()?.identityType, userName: pool()?.userName },
      { identityType: 'SpecificUser', userName: 'CONTOSO\\bob' },
    );
    assert.equal(accountExists(dir), false, 'the rest of the undo removed the gMSA');
  });
});
