// The exported plan script of assets/examples/gmsa-service.json on service-host (WEB01 runs ReportSvc as a user
// account): it gives the same lab end state as `msa-wizard apply`, ReportSvc runs as CONTOSO\svc-app$, and a second
// run succeeds with every step found and leaves lab-state.json byte-identical (the restart step reads the process's
// owner and does not restart a service already running as the account).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { runCli } from '../../electron/cli/main.js';
import { parseAnswersText } from '../../electron/common/answers/answers-schema.js';
import { planScript } from '../../electron/common/export/plan-script.js';
import { normalise, runScript } from '../helpers/exported-script.js';
import { labState, labStateText, newLab } from '../helpers/lab.js';

const EXAMPLE = 'assets/examples/gmsa-service.json';
const silent = { out: () => undefined, err: () => undefined };

describe('gmsa-service.json exported, on service-host', () => {
  it('the same end state as apply; ReportSvc runs as the gMSA; a second run finds everything and changes nothing', async () => {
    const { plan, input } = parseAnswersText(readFileSync(EXAMPLE, 'utf8'));
    const text = planScript(plan, { input });
    const scripted = newLab('service-host');
    const first = await runScript(scripted, text);
    assert.ok(first.ok, JSON.stringify(first.errors));
    const info = first.information.join('\n');
    assert.match(info, /Run ReportSvc as svc-app\$\n\s+done: ReportSvc now runs as CONTOSO\\svc-app\$/);
    assert.match(info, /Restart ReportSvc and verify\n\s+done: ReportSvc: Running as CONTOSO\\svc-app\$\./);
    const afterFirst = labStateText(scripted);
    const report = labState(scripted).hosts.WEB01?.services?.find((s) => s.name === 'ReportSvc');
    assert.equal(report?.account, 'CONTOSO\\svc-app$');
    assert.equal(report?.state, 'Running');
    assert.ok(labState(scripted).hosts.WEB01?.userRights.SeServiceLogonRight?.includes('CONTOSO\\svc-app$'));

    const applied = newLab('service-host');
    assert.equal(await runCli(['apply', '--answers', EXAMPLE, '--lab-dir', applied], silent), 0);
    assert.deepEqual(normalise(labState(scripted)), normalise(labState(applied)), 'the same lab state as apply');

    const second = await runScript(scripted, text);
    assert.ok(second.ok, JSON.stringify(second.errors));
    const again = second.information.join('\n');
    assert.match(again, /Run ReportSvc as svc-app\$\n\s+exists: ReportSvc already runs as CONTOSO\\svc-app\$\./);
    assert.match(
      again,
      /Restart ReportSvc and verify\n\s+exists: ReportSvc already runs as CONTOSO\\svc-app\$; it was not restarted\./,
    );
    assert.equal(labStateText(scripted), afterFirst, 'lab-state.json is byte-identical after the second run');
  });

  it('without the acknowledgement it stops at the service, saying why, and changes nothing there', async () => {
    const { plan, input } = parseAnswersText(readFileSync(EXAMPLE, 'utf8'));
    const unacknowledged = {
      ...plan,
      workloads: plan.workloads.map((w) => ({
        ...w,
        settings: { ...(w.settings as object), acknowledgeNoRestore: false },
      })),
    };
    const dir = newLab('service-host');
    const result = await runScript(dir, planScript(unacknowledged, { input }));
    assert.equal(result.ok, false);
    assert.match(
      JSON.stringify(result.errors),
      /ReportSvc on WEB01 runs as the user account CONTOSO\\\\svc-report\. The wizard never asks for, handles or stores a password\..*acknowledgeNoRestore/,
    );
    const report = labState(dir).hosts.WEB01?.services?.find((s) => s.name === 'ReportSvc');
    assert.equal(report?.account, 'CONTOSO\\svc-report');
  });
});
