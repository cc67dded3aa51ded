// The API op discover.adopt on the password-expired lab (real pwsh, the real handlers): the account with every job
// it runs on WEB01 and APP01 comes back as the plan the renderer opens like Open answers; a job that is not there
// is refused as BadInput with a title and what to do.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { apiResultSchema } from '../../electron/common/api/contract.js';
import { parsePlan } from '../../electron/common/plan/plan-schema.js';
import { labSession, newLab } from '../helpers/lab.js';
import { coreOn, journals } from '../runs/run-api.js';

describe('discover.adopt', () => {
  const session = labSession(newLab('password-expired'), { computer: 'WEB01' });
  after(() => session.dispose());
  const api = coreOn(journals(), session);

  it('plans the move of svc-report-user: both hosts, Report Readers, the SPN, the folder right', async () => {
    const result = apiResultSchema.parse(
      await api.dispatch('discover.adopt', { account: 'svc-report-user', computers: ['WEB01', 'APP01'] }),
    );
    assert.ok(result.ok, JSON.stringify(result));
    const { plan, notes, checklist } = result.value as {
      plan: unknown;
      notes: string[];
      checklist: { title: string; command: string }[];
    };
    assert.ok(checklist.some((c) => c.command === "Disable-ADAccount -Identity 'svc-report-user'"));
    assert.ok(checklist.some((c) => /^Unregister-ScheduledTask -TaskPath '\\Reports\\'/.test(c.command)));
    const parsed = parsePlan(plan);
    assert.deepEqual(parsed.gmsa?.computers, ['WEB01', 'APP01']);
    assert.deepEqual(parsed.migration?.copyGroups, ['Report Readers']);
    assert.deepEqual(
      parsed.migration?.notCopied.map((n) => n.group),
      ['Domain Admins'],
    );
    assert.deepEqual(parsed.migration?.moveSpns, ['HTTP/reports.contoso.com']);
    assert.deepEqual(
      parsed.migration?.fileAccess.map((r) => `${r.host} ${r.path}`),
      ['WEB01 C:\\Scripts\\Reports'],
    );
    // The admin confirms for ReportSync on Use the account (the wizard never does): false here, and a note says so.
    assert.deepEqual(
      parsed.workloads.map((w) => (w.settings as { acknowledgeNoRestore?: boolean }).acknowledgeNoRestore),
      [false, false],
    );
    assert.equal(notes.length, 1, notes.join('\n'));
    assert.match(notes[0] ?? '', /^the service ReportSync on APP01 will run as svc-report\$: undo cannot put/);
  });

  it('refuses a job that is not there, with what to do', async () => {
    const result = apiResultSchema.parse(
      await api.dispatch('discover.adopt', { service: 'Nope', computers: ['WEB01'] }),
    );
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'BadInput');
    assert.match(result.error.title, /The service Nope was not found on WEB01/);
    assert.match(result.error.action, /msa-wizard discover/);
  });
});
