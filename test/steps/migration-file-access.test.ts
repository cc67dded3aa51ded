// file-access@WEB01 where the gMSA already holds a narrower rule with the same flags on C:\Scripts\Reports (an admin
// gave it ReadAndExecute): on Windows AddAccessRule would merge into that rule and undo's RemoveAccessRule would strip
// what it held before, so the step refuses with why and grants nothing (password-expired lab).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { RunInfo } from '../../electron/common/api/contract.js';
import type { PlanInput } from '../../electron/common/plan/plan-schema.js';
import { sharedLab } from '../checks/lab-session.js';
import { coreOn, journals, ok } from '../runs/run-api.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const FOLDER = 'C:\\Scripts\\Reports';
const GMSA = 'CONTOSO\\svc-report$';
const PLAN: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-report',
  gmsa: { group: { mode: 'new', name: 'gMSA-svc-report' }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
  migration: {
    from: 'svc-report-user',
    copyGroups: [],
    notCopied: [],
    moveSpns: [],
    fileAccess: [
      {
        host: 'WEB01',
        path: FOLDER,
        rights: ['Modify', 'Synchronize'],
        inheritance: ['ContainerInherit', 'ObjectInherit'],
      },
    ],
  },
};

const gmsaRules = async (): Promise<string[]> =>
  (
    await lab.console(
      `@((Get-Acl -LiteralPath '${FOLDER}').Access | Where-Object { -not $_.IsInherited -and [string]$_.IdentityReference -eq '${GMSA}' } | ForEach-Object { [string]$_.FileSystemRights + ' [' + [string]$_.InheritanceFlags + ']' })`,
    )
  ).flat() as string[];

describe('file access where the gMSA holds a narrower rule', () => {
  it('is a conflict that grants nothing (a merge undo could not take apart)', async () => {
    await lab.use('password-expired');
    const api = coreOn(journals(), lab.session);
    let run: RunInfo = await ok(api, 'runs.start', { plan: PLAN });
    run = await ok(api, 'runs.all', { runId: run.runId, stage: 'account' });
    run = await ok(api, 'runs.all', { runId: run.runId, stage: 'install' });
    // An admin gave the gMSA read access there already, with the same inheritance.
    await lab.console(`$acl = Get-Acl -LiteralPath '${FOLDER}'
$acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule('${GMSA}', 'ReadAndExecute, Synchronize', 'ContainerInherit, ObjectInherit', 'None', 'Allow')))
Set-Acl -LiteralPath '${FOLDER}' -AclObject $acl`);
    const held = await gmsaRules();
    assert.deepEqual(held, ['ReadAndExecute, Synchronize [ContainerInherit, ObjectInherit]']);

    run = await ok(api, 'runs.all', { runId: run.runId });
    const access = run.steps.find((s) => s.id === 'file-access@WEB01');
    assert.equal(access?.status, 'conflict', access?.message ?? '');
    assert.match(
      access.message ?? '',
      /^CONTOSO\\svc-report\$ already holds ReadAndExecute, Synchronize on C:\\Scripts\\Reports on WEB01, with the same inheritance: Windows would merge .* Nothing was granted/,
    );
    assert.deepEqual(access.created, []);
    assert.deepEqual(await gmsaRules(), held, 'the rule the gMSA held is left as it was');
    run = await ok(api, 'runs.undo', { runId: run.runId, all: true });
    assert.equal(run.state, 'undone');
    assert.deepEqual(await gmsaRules(), held);
  });
});
