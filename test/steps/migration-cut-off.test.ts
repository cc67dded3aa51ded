// file-access@APP01 cut off after Set-Acl (the app died after journaling step-started, the rule already on APP01's
// folder): run again from WEB01 it finds the rule ('exists'), the survey, which reads APP01 through remoting, credits
// the run with it, and undo removes it there (password-expired lab, real pwsh).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { RunInfo } from '../../electron/common/api/contract.js';
import type { PlanInput } from '../../electron/common/plan/plan-schema.js';
import { appendRecord } from '../../electron/common/runs/journal.js';
import { sharedLab } from '../checks/lab-session.js';
import { labState } from '../helpers/lab.js';
import { coreOn, journals, ok, refused } from '../runs/run-api.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const FOLDER = 'C:\\Program Files\\Contoso\\ReportSync';
const GMSA = 'CONTOSO\\svc-report$';

const PLAN: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-report',
  gmsa: { group: { mode: 'new', name: 'gMSA-svc-report' }, computers: ['WEB01', 'APP01'] },
  targetComputer: 'WEB01',
  workloads: [
    { kind: 'service', host: 'APP01', settings: { mode: 'existing', name: 'ReportSync', acknowledgeNoRestore: true } },
  ],
  migration: {
    from: 'svc-report-user',
    copyGroups: [],
    notCopied: [],
    moveSpns: [],
    fileAccess: [
      {
        host: 'APP01',
        path: FOLDER,
        rights: ['ReadAndExecute', 'Synchronize'],
        inheritance: ['ContainerInherit', 'ObjectInherit'],
      },
    ],
  },
};

const gmsaRules = (dir: string): unknown[] =>
  (labState(dir).hosts.APP01?.acls?.[FOLDER]?.access ?? []).filter((a) => a.identity === GMSA);

describe('a cut-off file-access step on another host', () => {
  it('is credited through the remote survey with the rule it set, and undo removes it there', async () => {
    const dir = await lab.use('password-expired');
    const before = labState(dir).hosts.APP01?.acls?.[FOLDER];
    const api = coreOn(journals(), lab.session);
    let run: RunInfo = await ok(api, 'runs.start', { plan: PLAN });
    run = await ok(api, 'runs.all', { runId: run.runId, stage: 'account' });
    run = await ok(api, 'runs.all', { runId: run.runId, stage: 'install' });
    assert.equal(run.steps.find((s) => s.id === 'refresh-ticket@APP01')?.status, 'done');

    // The cut-off attempt: journaled as started, the rule set on APP01 (Get-Acl, AddAccessRule, Set-Acl), then the app died.
    const step = run.steps.find((s) => s.id === 'file-access@APP01');
    assert.ok(step !== undefined);
    appendRecord(run.journal, {
      type: 'step-started',
      at: new Date().toISOString(),
      stepId: 'file-access@APP01',
      script: step.script ?? '',
    });
    await lab.console(`Invoke-Command -ComputerName APP01 -ErrorAction Stop -ScriptBlock {
    $acl = Get-Acl -LiteralPath '${FOLDER}'
    $rule = New-Object System.Security.AccessControl.FileSystemAccessRule('${GMSA}', 'ReadAndExecute, Synchronize', 'ContainerInherit, ObjectInherit', 'None', 'Allow')
    $acl.AddAccessRule($rule)
    Set-Acl -LiteralPath '${FOLDER}' -AclObject $acl
}`);
    assert.equal(gmsaRules(dir).length, 1);
    const waits = await refused(api, 'runs.undo', { runId: run.runId });
    assert.match(waits.title, /cut off/);

    run = await ok(api, 'runs.step', { runId: run.runId, stepId: 'file-access@APP01' });
    const again = run.steps.find((s) => s.id === 'file-access@APP01');
    assert.equal(again?.status, 'exists', again?.message ?? '');
    assert.deepEqual(again.created, [
      {
        kind: 'file-access-rule',
        identity: `${FOLDER} > ${GMSA} Allow ReadAndExecute, Synchronize [ContainerInherit, ObjectInherit / None]`,
        parent: 'APP01',
      },
    ]);

    run = await ok(api, 'runs.undo', { runId: run.runId, all: true });
    assert.equal(run.state, 'undone');
    assert.deepEqual(gmsaRules(dir), [], 'the rule the cut-off attempt set on APP01 is gone');
    // The folder's rules as before (the lab now keeps the ACL it read, owner and all, where it had none written).
    assert.deepEqual(labState(dir).hosts.APP01?.acls?.[FOLDER]?.access ?? [], before?.access ?? []);
  });
});
