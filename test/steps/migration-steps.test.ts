// The migration steps on the password-expired lab (real pwsh): copy-groups puts the gMSA in Report Readers and never
// in Domain Admins (the step says why), move-spns takes HTTP/reports.contoso.com off svc-report-user and onto the gMSA
// in one step, file-access@WEB01 grants the gMSA the old account's Modify on C:\Scripts\Reports; each run again is
// 'exists'; a third holder of the SPN is a conflict that moves nothing; a group nested (two levels down) in Domain
// Admins is refused by its ancestor's SID and nothing is added; undo of the whole run leaves lab-state.json
// byte-identical. Each generated script binds to Microsoft's documented parameter sets and is 5.1 syntax (the shared
// tests cover the example answers file).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { RunInfo } from '../../electron/common/api/contract.js';
import { parsePlan, type PlanInput } from '../../electron/common/plan/plan-schema.js';
import { PsScript } from '../../electron/common/powershell/script.js';
import { sameObject, survey } from '../../electron/common/runs/survey.js';
import { planSteps } from '../../electron/common/steps/plan-steps.js';
import { labSession, labStateText, newLab } from '../helpers/lab.js';
import { coreOn, journals, ok } from '../runs/run-api.js';

const PLAN: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-report',
  gmsa: { group: { mode: 'new', name: 'gMSA-svc-report' }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
  migration: {
    from: 'svc-report-user',
    copyGroups: ['Report Readers'],
    notCopied: [{ group: 'Domain Admins', why: 'Domain Admins is a privileged group: never copied.' }],
    moveSpns: ['HTTP/reports.contoso.com'],
    fileAccess: [
      {
        host: 'WEB01',
        path: 'C:\\Scripts\\Reports',
        rights: ['Modify', 'Synchronize'],
        inheritance: ['ContainerInherit', 'ObjectInherit'],
      },
    ],
    constrainedDelegation: ['MSSQLSvc/sql01.contoso.com:1433'],
  },
};

const dir = newLab('password-expired');
const session = labSession(dir, { computer: 'WEB01' });
after(() => session.dispose());
const api = coreOn(journals(), session);
const step = (run: RunInfo, id: string) => {
  const s = run.steps.find((x) => x.id === id);
  assert.ok(s !== undefined, id);
  return s;
};
const lab = async (code: string): Promise<unknown> => (await session.run(PsScript.fromTrustedSource(code)))[0];

describe('migration steps (password-expired lab)', () => {
  const before = labStateText(dir);
  let runId = '';
  let finished: RunInfo;

  it('copies the groups but Domain Admins, moves the SPN, grants the folder right; the order is right', async () => {
    assert.deepEqual(
      planSteps(parsePlan(PLAN)).map((s) => s.id),
      [
        'group',
        'group-members',
        'account',
        'copy-groups',
        'refresh-ticket',
        'install',
        'test',
        'file-access@WEB01',
        'move-spns',
      ],
    );
    let run = await ok(api, 'runs.start', { plan: PLAN });
    runId = run.runId;
    run = await ok(api, 'runs.all', { runId });
    finished = run;
    const copy = step(run, 'copy-groups');
    assert.equal(copy.status, 'done', copy.message ?? '');
    assert.match(copy.message ?? '', /Added svc-report\$ to Report Readers/);
    assert.match(JSON.stringify(copy.warnings), /Not copied: Domain Admins/);
    assert.match(
      JSON.stringify(copy.warnings),
      /Set-ADServiceAccount -Identity 'svc-report\$' -Add @\{ 'msDS-AllowedToDelegateTo'/,
    );
    assert.equal(step(run, 'move-spns').status, 'done', step(run, 'move-spns').message ?? '');
    const access = step(run, 'file-access@WEB01');
    assert.equal(access.status, 'done', access.message ?? '');
    assert.deepEqual(
      access.created.map((c) => c.kind),
      ['file-access-rule'],
    );
    const facts = (await lab(`[ordered]@{
      readers = @((Get-ADGroup -Identity 'Report Readers' -Properties Members).Members | ForEach-Object { [string]$_ })
      admins = @((Get-ADGroup -Identity 'Domain Admins' -Properties Members).Members | ForEach-Object { [string]$_ })
      old = @((Get-ADUser -Identity 'svc-report-user' -Properties ServicePrincipalName).ServicePrincipalName)
      new = @((Get-ADServiceAccount -Identity 'svc-report$' -Properties ServicePrincipalName).ServicePrincipalName)
      rules = @((Get-Acl -LiteralPath 'C:\\Scripts\\Reports').Access | Where-Object { -not $_.IsInherited } | ForEach-Object { [string]$_.IdentityReference + ' ' + [string]$_.FileSystemRights })
    }`)) as { readers: string[]; admins: string[]; old: string[]; new: string[]; rules: string[] };
    assert.ok(facts.readers.some((m) => /^CN=svc-report,/i.test(m)));
    assert.ok(!facts.admins.some((m) => /^CN=svc-report,/i.test(m)), 'never in Domain Admins');
    assert.deepEqual(facts.old, []);
    assert.deepEqual(facts.new, ['HTTP/reports.contoso.com']);
    assert.ok(facts.rules.includes('CONTOSO\\svc-report$ Modify, Synchronize'), facts.rules.join('; '));
    assert.ok(facts.rules.includes('CONTOSO\\svc-report-user Modify, Synchronize'), 'the old account keeps its rights');
  });

  it('the survey sees what they made, as they name it (a cut-off retry is credited with it)', async () => {
    const now = await survey(session, parsePlan(PLAN));
    const made = finished.steps
      .filter((s) => ['copy-groups', 'move-spns', 'file-access@WEB01'].includes(s.id))
      .flatMap((s) => s.created);
    assert.equal(made.length, 3);
    for (const c of made)
      assert.ok(
        now.some((o) => sameObject(o, c)),
        JSON.stringify(c),
      );
  });

  it('run again, each finds what it made (the account too, holding the moved SPN): exists', async () => {
    const plan = parsePlan(PLAN);
    for (const s of planSteps(plan).filter((x) =>
      ['account', 'copy-groups', 'move-spns', 'file-access@WEB01'].includes(x.id),
    )) {
      const outcome = await s.run(session, plan);
      assert.equal(outcome.status, 'exists', `${s.id}: ${outcome.message}`);
      assert.deepEqual(outcome.created, []);
    }
  });

  it('undo puts everything back: lab-state.json byte-identical', async () => {
    const run = await ok(api, 'runs.undo', { runId, all: true });
    assert.ok(
      run.undo.every((u) => u.status === 'done'),
      JSON.stringify(run.undo),
    );
    assert.equal(labStateText(dir), before);
  });
});

describe('move-spns: an SPN on a third account', () => {
  it('is a conflict that moves nothing', async () => {
    const third = newLab('password-expired');
    const s = labSession(third, { computer: 'WEB01' });
    try {
      const api3 = coreOn(journals(), s);
      const started = await ok(api3, 'runs.start', {
        plan: { ...PLAN, migration: { ...PLAN.migration, fileAccess: [] } },
      });
      const run = await ok(api3, 'runs.all', { runId: started.runId });
      assert.equal(step(run, 'move-spns').status, 'done');
      // The SPN moved; now another account holds it instead (a stale registration elsewhere).
      await s.run(
        PsScript.fromTrustedSource(`Set-ADServiceAccount -Identity 'svc-report$' -ServicePrincipalNames @{ Remove = 'HTTP/reports.contoso.com' }
Set-ADComputer -Identity 'APP01' -ServicePrincipalNames @{ Add = 'HTTP/reports.contoso.com' }`),
      );
      const plan = parsePlan(PLAN);
      const move = planSteps(plan).find((x) => x.id === 'move-spns');
      assert.ok(move !== undefined);
      const outcome = await move.run(s, plan);
      assert.equal(outcome.status, 'conflict', outcome.message);
      assert.match(outcome.message, /Another account holds HTTP\/reports.contoso.com \(CN=APP01,/);
      assert.deepEqual(outcome.created, []);
      // Undo cannot put it back on svc-report-user while APP01 holds it: it says so, never a silent skip.
      const undone = await api3.dispatch('runs.undo', { runId: started.runId, all: true });
      const text = JSON.stringify(undone);
      assert.match(
        text,
        /HTTP\/reports.contoso.com is held by CN=APP01,[^"]* now: not put back on CN=svc-report-user,/,
      );
    } finally {
      await s.dispose();
    }
  });
});

describe('copy-groups: a group nested in Domain Admins', () => {
  it('is a conflict that says why, and adds the gMSA to no group', async () => {
    const nested = newLab('password-expired');
    const s = labSession(nested, { computer: 'WEB01' });
    try {
      // Report Ops is in Ops Leads, which is in Domain Admins: its members are domain admins.
      await s.run(
        PsScript.fromTrustedSource(`New-ADGroup -Name 'Ops Leads' -GroupScope Global
New-ADGroup -Name 'Report Ops' -GroupScope Global
Add-ADGroupMember -Identity 'Domain Admins' -Members 'Ops Leads'
Add-ADGroupMember -Identity 'Ops Leads' -Members 'Report Ops'`),
      );
      const apiN = coreOn(journals(), s);
      const plan = {
        ...PLAN,
        migration: { ...PLAN.migration, copyGroups: ['Report Readers', 'Report Ops'], moveSpns: [], fileAccess: [] },
      } as PlanInput;
      const started = await ok(apiN, 'runs.start', { plan });
      const run = await ok(apiN, 'runs.all', { runId: started.runId, where: 'directory' });
      const copy = step(run, 'copy-groups');
      assert.equal(copy.status, 'conflict', copy.message ?? '');
      assert.match(
        copy.message ?? '',
        /^Report Ops is nested in Domain Admins: its members are members of Domain Admins too\. Domain Admins is a privileged group .* Nothing was added/,
      );
      assert.deepEqual(copy.created, []);
      const [members] = (await s.run(
        PsScript.fromTrustedSource(`@('Report Readers', 'Report Ops', 'Ops Leads', 'Domain Admins' | ForEach-Object {
    (Get-ADGroup -Identity $_ -Properties Members).Members | Where-Object { ([string]$_) -like 'CN=svc-report,*' }
}).Count`),
      )) as [number];
      assert.equal(members, 0, 'the gMSA is in no group');
    } finally {
      await s.dispose();
    }
  });
});
