// The exported plan script of a move (msa-wizard plan) on the password-expired lab, run as WEB01 as an admin would:
// its copy-groups, move-spns and file-access@WEB01 parts and their PowerShell judges do what the steps do (the gMSA in
// Report Readers, the SPN moved, the folder right), and a second run of the same script finds everything ('exists')
// and changes nothing (lab-state.json byte-identical).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planScript } from '../../electron/common/export/plan-script.js';
import { parsePlan, type PlanInput } from '../../electron/common/plan/plan-schema.js';
import { runScript } from '../helpers/exported-script.js';
import { labStateText, newLab } from '../helpers/lab.js';

const PLAN: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-report',
  gmsa: { group: { mode: 'new', name: 'gMSA-svc-report' }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
  migration: {
    from: 'svc-report-user',
    copyGroups: ['Report Readers'],
    notCopied: [{ group: 'Domain Admins', why: 'privileged: never copied.' }],
    moveSpns: ['HTTP/reports.contoso.com'],
    fileAccess: [
      {
        host: 'WEB01',
        path: 'C:\\Scripts\\Reports',
        rights: ['Modify'],
        inheritance: ['ContainerInherit', 'ObjectInherit'],
      },
    ],
  },
};

describe('the exported script of a move', () => {
  it('does what the steps do, judged in PowerShell; run again it finds everything', async () => {
    const dir = newLab('password-expired');
    const text = planScript(parsePlan(PLAN), { version: 'test' });
    const first = await runScript(dir, text);
    assert.ok(first.ok, JSON.stringify(first.errors));
    const log = first.information.join('\n');
    assert.match(log, /Added .*svc-report.* to Report Readers/);
    assert.match(log, /Moved HTTP\/reports.contoso.com from svc-report-user to CN=svc-report,/);
    assert.match(log, /Granted CONTOSO\\svc-report\$ C:\\Scripts\\Reports \(Modify\)/);
    const after = labStateText(dir);
    const second = await runScript(dir, text);
    assert.ok(second.ok, JSON.stringify(second.errors));
    const again = second.information.join('\n');
    assert.match(again, /already in every group to copy/);
    assert.match(again, /The gMSA already holds HTTP\/reports.contoso.com/);
    assert.match(again, /already holds the rights on C:\\Scripts\\Reports/);
    assert.equal(labStateText(dir), after);
  });
});
