// A host whose PowerShell runs in Constrained Language Mode (an enforced AppLocker or WDAC policy): the user-rights
// step there cannot compile its LSA code (Add-Type), so it stops before anything changes, with the error kind the UI
// explains and what to do (run the wizard from an allowed path, or the GPO path of the right with the account); the
// lab runs WEB02's remote block in that mode for real (hosts.WEB02.languageMode), and once the mode is back to
// FullLanguage (and the account exists) the same step grants the right. A run does not start while the host is so
// (its survey cannot run there either), with the same explanation.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parsePlan, type PlanInput } from '../../electron/common/plan/plan-schema.js';
import { PsErrorKind } from '../../electron/common/powershell/errors.js';
import { ps } from '../../electron/common/powershell/script.js';
import { planSteps } from '../../electron/common/steps/plan-steps.js';
import { sharedLab } from '../checks/lab-session.js';
import { labState } from '../helpers/lab.js';
import { coreOn, journals, refused } from '../runs/run-api.js';

const lab = sharedLab();
after(() => lab.session.dispose());

/** A gMSA for WEB01 and WEB02 (the wizard on WEB01), its one workload the pool Reports on WEB02. */
const PLAN: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-web',
  gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts' }, computers: ['WEB01', 'WEB02'] },
  targetComputer: 'WEB01',
  workloads: [{ kind: 'app-pool', host: 'WEB02', settings: { mode: 'existing', name: 'Reports' } }],
};

const setLanguageMode = (mode: 'ConstrainedLanguage' | null) =>
  lab.console(
    mode === null
      ? `Update-LabState -Script { param($s) $s.hosts['WEB02'].Remove('languageMode') } | Out-Null`
      : `Update-LabState -Script { param($s) $s.hosts['WEB02']['languageMode'] = '${mode}' } | Out-Null`,
  );

describe('user rights on a host in Constrained Language Mode', () => {
  it('a run does not start, saying why and what to do', async () => {
    await lab.use('iis-host');
    await setLanguageMode('ConstrainedLanguage');
    const no = await refused(coreOn(journals(), lab.session), 'runs.start', { plan: PLAN });
    assert.equal(no.kind, PsErrorKind.LanguageRestricted);
    assert.match(no.title, /runs in Constrained Language Mode, or an application control policy blocks/);
    assert.match(no.action, /Run the wizard elevated from a path the policy allows/);
  });

  it('the right step stops with what to do and grants nothing; in FullLanguage it grants', async () => {
    const dir = await lab.use('iis-host');
    await setLanguageMode('ConstrainedLanguage');
    // The lab's remote session is really constrained: the engine reports it, as a script's check reads it.
    const [mode] = await lab.session.run(
      ps`Invoke-Command -ComputerName WEB02 -ScriptBlock { [string]$ExecutionContext.SessionState.LanguageMode }`,
    );
    assert.equal(String(mode), 'ConstrainedLanguage');

    const plan = parsePlan(PLAN);
    const step = planSteps(plan).find((s) => s.id === 'batch-right@WEB02');
    assert.ok(step !== undefined);
    const before = labState(dir).hosts.WEB02?.userRights;
    const blocked = await step.run(lab.session, plan);
    assert.equal(blocked.status, 'failed', blocked.message);
    assert.equal(blocked.errorKind, PsErrorKind.LanguageRestricted);
    assert.deepEqual(blocked.created, []);
    assert.match(blocked.message, /^WEB02 does not let PowerShell compile the code that grants user rights/);
    assert.match(blocked.message, /run the wizard elevated from a path your application control policy allows/);
    assert.match(
      blocked.message,
      /Computer Configuration\\Policies\\Windows Settings\\Security Settings\\Local Policies\\User Rights Assignment\\Log on as a batch job → Add User or Group → svc-web\$/,
    );
    assert.deepEqual(labState(dir).hosts.WEB02?.userRights, before, 'nothing was granted');

    await setLanguageMode(null);
    for (const account of planSteps(plan).filter((s) => s.stage === 'account')) {
      const outcome = await account.run(lab.session, plan);
      assert.ok(['done', 'exists'].includes(outcome.status), outcome.message);
    }
    const granted = await step.run(lab.session, plan);
    assert.equal(granted.status, 'done', granted.message);
    assert.ok(labState(dir).hosts.WEB02?.userRights.SeBatchLogonRight?.includes('CONTOSO\\svc-web$'));
  });
});
