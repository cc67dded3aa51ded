// The IIS application pool workload against the lab (`iis-host`: WEB01 runs IIS, pool Reports under
// ApplicationPoolIdentity, site Reports in C:\inetpub\reports) through one real pwsh session as WEB01: after the gMSA
// svc-web is created with the existing steps, the pool is moved to CONTOSO\svc-web$ (which recycles it: IIS recycles a
// Started pool whose identity changes) and verified without another recycle, on the first run as on the second
// (lab-state.json byte-identical); a Stopped pool is started, one that does not rotate on a configuration change is
// recycled; without "Log on as a batch job" the step reads WAS's 5021 and says what to fix; undo puts ApplicationPoolIdentity back;
// a created pool is removed by undo; a user-account identity needs the acknowledgement; hostile names stay data.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parsePlan, type Plan } from '../../electron/common/plan/plan-schema.js';
import { joinScripts, ps } from '../../electron/common/powershell/script.js';
import { runPlan } from '../../electron/common/steps/plan-steps.js';
import { joinPrelude, type CreatedObject, type StepOutcome } from '../../electron/common/steps/types.js';
import { appPoolIdentityStep } from '../../electron/common/workloads/app-pool/identity.js';
import { appPoolRecycleStep } from '../../electron/common/workloads/app-pool/recycle.js';
import {
  appPoolSettingsSchema,
  type AppPoolSettings,
  type AppPoolSettingsInput,
} from '../../electron/common/workloads/app-pool/settings.js';
import { runWorkloadStep } from '../../electron/common/workloads/bind.js';
import { logonRightStep } from '../../electron/common/workloads/shared/logon-right.js';
import type { WorkloadContext, WorkloadStepSpec } from '../../electron/common/workloads/types.js';
import { appPoolSurvey } from '../../electron/common/workloads/app-pool/survey.js';
import { sharedLab } from '../checks/lab-session.js';
import { labState, labStateText } from '../helpers/lab.js';
import { hostileStrings } from '../powershell/hostile-corpus.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const plan: Plan = parsePlan({
  accountType: 'gmsa',
  name: 'svc-web',
  gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts', scope: 'Global' }, computers: ['WEB01'] },
  targetComputer: 'WEB01',
});

const ctxOf = (input: AppPoolSettingsInput): WorkloadContext<AppPoolSettings> => ({
  plan,
  workload: { id: 'app-pool', kind: 'app-pool', host: 'WEB01', settings: appPoolSettingsSchema.parse(input) },
});

const REPORTS: AppPoolSettingsInput = { mode: 'existing', name: 'Reports' };

/** A fresh iis-host lab with the gMSA svc-web created and retrievable by WEB01 (the existing steps). */
async function withGmsa(): Promise<string> {
  const dir = await lab.use('iis-host');
  const results = await runPlan(lab.session, plan);
  assert.equal(results.at(-1)?.outcome.status, 'done', JSON.stringify(results, null, 1));
  return dir;
}

async function grantBatchRight(): Promise<void> {
  const outcome = await logonRightStep('batch', 'WEB01').run(lab.session, plan);
  assert.equal(outcome.status, 'done', outcome.message);
}

const identity = (input: AppPoolSettingsInput): Promise<StepOutcome> =>
  runWorkloadStep(lab.session, appPoolIdentityStep, ctxOf(input));
const recycle = (input: AppPoolSettingsInput): Promise<StepOutcome> =>
  runWorkloadStep(lab.session, appPoolRecycleStep, ctxOf(input));

/** Runs the identity step's undo (the account it compares with is the plan's); answers its report lines. */
async function undo(created: readonly CreatedObject[]): Promise<unknown[]> {
  const script = appPoolIdentityStep.undo(created, ctxOf(REPORTS));
  return lab.session.run(joinPrelude(script, undefined, appPoolIdentityStep.needs));
}

const poolOf = (dir: string, name: string) => labState(dir).hosts.WEB01?.iis?.appPools.find((p) => p.name === name);
/** How many times the lab's WAS started a worker process for the pool (each start and recycle counts). */
const workerStarts = (dir: string, name: string): number =>
  (poolOf(dir, name) as { workerProcessStarts?: number } | undefined)?.workerProcessStarts ?? 0;

describe('an existing pool moved to the gMSA', () => {
  it('runs as CONTOSO\\svc-web$ after the identity step (whose change recycled it); the recycle step verifies without recycling, twice', async () => {
    const dir = await withGmsa();
    await grantBatchRight();
    const startsBefore = workerStarts(dir, 'Reports');
    const first = await identity(REPORTS);
    assert.equal(first.status, 'done', first.message);
    assert.deepEqual(first.created, [
      { kind: 'app-pool-identity', identity: 'Reports', parent: 'WEB01', previous: 'ApplicationPoolIdentity' },
    ]);
    assert.match(first.message, /holds "Log on as a batch job" on WEB01 directly/);
    const pool = poolOf(dir, 'Reports');
    assert.deepEqual(pool?.processModel, {
      identityType: 'SpecificUser',
      userName: 'CONTOSO\\svc-web$',
      password: '',
      loadUserProfile: true,
    });
    // The identity change itself recycled the Started pool (WAS logged the new identity on).
    assert.ok(workerStarts(dir, 'Reports') > startsBefore);
    const stateBefore = labStateText(dir);
    const recycled = await recycle(REPORTS);
    assert.equal(recycled.status, 'exists', recycled.message);
    assert.match(
      recycled.message,
      /^The application pool Reports on WEB01 is already Started, running as CONTOSO\\svc-web\$, and WAS logged no failure for it .*; not recycled/,
    );
    assert.equal(poolOf(dir, 'Reports')?.state, 'Started');
    assert.equal(labStateText(dir), stateBefore, 'the recycle step changed nothing: no recycle');
    const recycledAgain = await recycle(REPORTS);
    assert.equal(recycledAgain.status, 'exists', recycledAgain.message);
    assert.equal(labStateText(dir), stateBefore, 'a second run changed nothing either');
    const again = await identity(REPORTS);
    assert.equal(again.status, 'exists', again.message);
    assert.deepEqual(again.created, []);
  });

  it('undo puts ApplicationPoolIdentity back', async () => {
    const dir = await withGmsa();
    await grantBatchRight();
    const first = await identity(REPORTS);
    assert.equal(first.status, 'done', first.message);
    assert.deepEqual((await undo(first.created)).flat(), ['Reports: set back to ApplicationPoolIdentity.']);
    assert.deepEqual(poolOf(dir, 'Reports')?.processModel, {
      identityType: 'ApplicationPoolIdentity',
      userName: '',
      password: '',
      loadUserProfile: true,
    });
  });

  it('undo leaves a pool the admin has changed since as it is (another identity now)', async () => {
    const dir = await withGmsa();
    await grantBatchRight();
    const first = await identity(REPORTS);
    assert.equal(first.status, 'done', first.message);
    await lab.console(
      "Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter \"system.applicationHost/applicationPools/add[@name='Reports']/processModel\" -Name userName -Value 'CONTOSO\\svc-other$'",
    );
    assert.deepEqual((await undo(first.created)).flat(), ['Reports: left as is: now runs as CONTOSO\\svc-other$.']);
    assert.equal(poolOf(dir, 'Reports')?.processModel.userName, 'CONTOSO\\svc-other$');
    assert.equal(poolOf(dir, 'Reports')?.processModel.identityType, 'SpecificUser');
  });
});

describe('the content folder', () => {
  it("IIS setup's ACL on C:\\inetpub\\reports gives no warning; a folder at the root of C: (Authenticated Users: Modify) does", async () => {
    await withGmsa();
    await grantBatchRight();
    const quiet = await identity(REPORTS);
    assert.equal(quiet.status, 'done', quiet.message);
    assert.equal(quiet.warnings, undefined);
    await lab.console(
      "Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter \"system.applicationHost/sites/site[@name='Reports']/application[@path='/']/virtualDirectory[@path='/']\" -Name physicalPath -Value 'C:\\Scripts'",
    );
    const warned = await identity(REPORTS);
    assert.equal(warned.status, 'exists', warned.message);
    assert.equal(warned.warnings?.length, 1);
    assert.match(
      warned.warnings?.[0] ?? '',
      /C:\\Scripts \(site Reports\): NT AUTHORITY\\Authenticated Users \(Modify/,
    );
    assert.match(warned.warnings?.[0] ?? '', /runs it as CONTOSO\\svc-web\$/);
  });
});

describe('a pool under another managed account', () => {
  it('moves without an acknowledgement (no password to lose), and undo puts that account back', async () => {
    const dir = await withGmsa();
    await grantBatchRight();
    await lab.console(
      "Update-LabState -Script { param($s) $p = @($s.hosts['WEB01'].iis.appPools | Where-Object { $_.name -eq 'Reports' })[0]; $p.processModel.identityType = 'SpecificUser'; $p.processModel.userName = 'CONTOSO\\svc-old$' } | Out-Null",
    );
    const moved = await identity(REPORTS);
    assert.equal(moved.status, 'done', moved.message);
    assert.equal(moved.created[0]?.previous, 'SpecificUser:CONTOSO\\svc-old$');
    await undo(moved.created);
    assert.deepEqual(poolOf(dir, 'Reports')?.processModel, {
      identityType: 'SpecificUser',
      userName: 'CONTOSO\\svc-old$',
      password: '',
      loadUserProfile: true,
    });
  });
});

describe('a pool under a managed account in its UPN form', () => {
  it('name$@domain is no user account: moved without an acknowledgement, and undo puts it back', async () => {
    const dir = await withGmsa();
    await grantBatchRight();
    await lab.console(
      "Update-LabState -Script { param($s) $p = @($s.hosts['WEB01'].iis.appPools | Where-Object { $_.name -eq 'Reports' })[0]; $p.processModel.identityType = 'SpecificUser'; $p.processModel.userName = 'svc-old$@contoso.com' } | Out-Null",
    );
    const moved = await identity(REPORTS);
    assert.equal(moved.status, 'done', moved.message);
    assert.equal(moved.created[0]?.previous, 'SpecificUser:svc-old$@contoso.com');
    assert.deepEqual((await undo(moved.created)).flat(), ['Reports: set back to svc-old$@contoso.com.']);
    assert.equal(poolOf(dir, 'Reports')?.processModel.userName, 'svc-old$@contoso.com');
  });
});

describe('when the pool needs the step', () => {
  it('a Stopped pool running as the account is started and verified', async () => {
    const dir = await withGmsa();
    await grantBatchRight();
    assert.equal((await identity(REPORTS)).status, 'done');
    await lab.console('Stop-WebAppPool -Name Reports');
    const started = await recycle(REPORTS);
    assert.equal(started.status, 'done', started.message);
    assert.match(
      started.message,
      /^Started the application pool Reports on WEB01: Started, running as CONTOSO\\svc-web\$/,
    );
    assert.equal(poolOf(dir, 'Reports')?.state, 'Started');
    assert.equal((await recycle(REPORTS)).status, 'exists');
  });

  it('a pool with recycling.disallowRotationOnConfigChange is recycled: its identity change did not recycle it', async () => {
    const dir = await withGmsa();
    await grantBatchRight();
    await lab.console(
      "Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter \"system.applicationHost/applicationPools/add[@name='Reports']/recycling\" -Name disallowRotationOnConfigChange -Value $true",
    );
    const startsBefore = workerStarts(dir, 'Reports');
    assert.equal((await identity(REPORTS)).status, 'done');
    assert.equal(workerStarts(dir, 'Reports'), startsBefore, 'no rotation on the configuration change');
    const recycled = await recycle(REPORTS);
    assert.equal(recycled.status, 'done', recycled.message);
    assert.match(
      recycled.message,
      /^Recycled the application pool Reports on WEB01 \(its recycling\.disallowRotationOnConfigChange is true/,
    );
    assert.equal(workerStarts(dir, 'Reports'), startsBefore + 1);
  });

  it('a pool that does not run as the account is not recycled', async () => {
    const dir = await withGmsa();
    const startsBefore = workerStarts(dir, 'Reports');
    const outcome = await recycle(REPORTS);
    assert.equal(outcome.status, 'failed', outcome.message);
    assert.match(outcome.message, /runs as ApplicationPoolIdentity, not CONTOSO\\svc-web\$; it was not recycled/);
    assert.equal(workerStarts(dir, 'Reports'), startsBefore);
  });
});

describe('without "Log on as a batch job"', () => {
  it('the identity change stops the pool; the step starts it, reads WAS 5021/5057/5059 and says to grant the right', async () => {
    const dir = await withGmsa();
    const set = await identity(REPORTS);
    assert.equal(set.status, 'done', set.message);
    // IIS recycled the pool on the change: WAS could not log the account on.
    assert.equal(poolOf(dir, 'Reports')?.state, 'Stopped');
    assert.match(set.message, /does not hold "Log on as a batch job" on WEB01 directly or through its domain groups/);
    const recycled = await recycle(REPORTS);
    assert.equal(recycled.status, 'failed', recycled.message);
    assert.match(recycled.message, /^Started the application pool Reports on WEB01; it is Stopped/);
    assert.match(recycled.message, /WAS logged 5021 \(the identity of the application pool is invalid/);
    assert.match(recycled.message, /5057/);
    assert.match(recycled.message, /CONTOSO\\svc-web\$ does not hold "Log on as a batch job" on WEB01/);
    assert.doesNotMatch(recycled.message, /cannot retrieve the managed password/);
    assert.equal(poolOf(dir, 'Reports')?.state, 'Stopped');
    // Granting the right and recycling again starts it.
    await grantBatchRight();
    const fixed = await recycle(REPORTS);
    assert.equal(fixed.status, 'done', fixed.message);
    assert.match(fixed.message, /^Started the application pool Reports/);
  });
});

describe('a host that cannot retrieve the password', () => {
  it('the recycle reads 5021 and Test-ADServiceAccount: add the host to the group, purge its tickets', async () => {
    const dir = await withGmsa();
    await grantBatchRight();
    await lab.console("Set-ADServiceAccount -Identity 'svc-web$' -PrincipalsAllowedToRetrieveManagedPassword 'WEB02$'");
    assert.equal((await identity(REPORTS)).status, 'done');
    // The change recycled the pool, and WAS could not retrieve the password: Stopped.
    assert.equal(poolOf(dir, 'Reports')?.state, 'Stopped');
    const recycled = await recycle(REPORTS);
    assert.equal(recycled.status, 'failed', recycled.message);
    assert.match(recycled.message, /WAS logged 5021/);
    assert.match(recycled.message, /WEB01 cannot retrieve the managed password \(Test-ADServiceAccount: False\)/);
    assert.match(recycled.message, /klist -li 0x3e7 purge on WEB01/);
    assert.doesNotMatch(recycled.message, /does not hold "Log on as a batch job"/);
  });
});

describe('conflicts', () => {
  it('an existing-mode pool that is not there is a conflict, and nothing is created', async () => {
    const dir = await withGmsa();
    const outcome = await identity({ mode: 'existing', name: 'Nope' });
    assert.equal(outcome.status, 'conflict');
    assert.match(outcome.message, /There is no application pool Nope on WEB01/);
    assert.equal(poolOf(dir, 'Nope'), undefined);
  });

  it('a pool under a user account is left alone until the admin acknowledges that undo cannot restore it', async () => {
    const dir = await withGmsa();
    await grantBatchRight();
    await lab.console(
      "Update-LabState -Script { param($s) $p = @($s.hosts['WEB01'].iis.appPools | Where-Object { $_.name -eq 'Reports' })[0]; $p.processModel.identityType = 'SpecificUser'; $p.processModel.userName = 'CONTOSO\\bob'; $p.processModel.password = 'x' } | Out-Null",
    );
    const refused = await identity(REPORTS);
    assert.equal(refused.status, 'conflict', refused.message);
    assert.match(refused.message, /runs as the user account CONTOSO\\bob/);
    assert.equal(poolOf(dir, 'Reports')?.processModel.userName, 'CONTOSO\\bob');
    const acknowledged = await identity({ ...REPORTS, acknowledgeNoRestore: true });
    assert.equal(acknowledged.status, 'done', acknowledged.message);
    assert.equal(acknowledged.created[0]?.previous, 'SpecificUser:CONTOSO\\bob');
    assert.deepEqual(poolOf(dir, 'Reports')?.processModel.password, '');
    // Undo cannot put bob back (no password): it refuses, saying so, and leaves the pool as it is.
    await assert.rejects(
      undo(acknowledged.created),
      /it ran as the user account CONTOSO\\bob before, and undo cannot set that back/,
    );
    assert.equal(poolOf(dir, 'Reports')?.processModel.userName, 'CONTOSO\\svc-web$');
  });
});

describe('a created pool', () => {
  it('is made with the CLR version and pipeline asked for, runs as the gMSA, and undo removes it', async () => {
    const dir = await withGmsa();
    await grantBatchRight();
    const input: AppPoolSettingsInput = {
      mode: 'create',
      name: 'Billing',
      managedRuntimeVersion: '',
      pipelineMode: 'Classic',
    };
    const made = await identity(input);
    assert.equal(made.status, 'done', made.message);
    assert.deepEqual(made.created, [{ kind: 'app-pool', identity: 'Billing', parent: 'WEB01' }]);
    const pool = poolOf(dir, 'Billing');
    assert.equal(pool?.managedRuntimeVersion, '');
    assert.equal(pool?.managedPipelineMode, 'Classic');
    assert.equal(pool?.processModel.userName, 'CONTOSO\\svc-web$');
    assert.equal((await recycle(input)).status, 'exists');
    await undo(made.created);
    assert.equal(poolOf(dir, 'Billing'), undefined);
    assert.ok(poolOf(dir, 'Reports') !== undefined);
  });

  it('hostile names the schema accepts stay data: the pool has exactly that name, and undo removes it', async () => {
    const dir = await withGmsa();
    const names = hostileStrings(200)
      .filter((s) => appPoolSettingsSchema.safeParse({ mode: 'create', name: s }).success)
      .filter((s) => s.includes("'") || s.includes('$') || s.includes('`'))
      .slice(0, 3);
    assert.equal(names.length, 3);
    for (const raw of names) {
      const name = appPoolSettingsSchema.parse({ mode: 'create', name: raw }).name;
      const made = await identity({ mode: 'create', name: raw });
      assert.equal(made.status, 'done', `${JSON.stringify(name)}: ${made.message}`);
      assert.equal(poolOf(dir, name)?.processModel.identityType, 'SpecificUser', JSON.stringify(name));
      await undo(made.created);
      assert.equal(poolOf(dir, name), undefined, JSON.stringify(name));
    }
  });
});

/**
 * A step as the exported plan script runs it (plan-script.ts): & { $r = @(. { <script> })[-1]; <judge> }, with
 * Complete-MsaStep answering its status and Stop-MsaStep throwing, as there.
 */
async function exported(
  spec: WorkloadStepSpec<AppPoolSettings, unknown>,
  input: AppPoolSettingsInput,
): Promise<string> {
  const ctx = ctxOf(input);
  const envelope = await lab.session.invoke(
    joinPrelude(
      joinScripts([
        ps`function Complete-MsaStep { param([string]$Status, [string]$Message) $Status + ': ' + $Message }
function Stop-MsaStep { param([string]$Message) throw ('stopped: ' + $Message) }
& {
$r = @(. {
${spec.script(ctx)}
})[-1]
${spec.judge(ctx)}
}`,
      ]),
      undefined,
      spec.needs,
    ),
  );
  if (!envelope.ok) return envelope.errors[0]?.message ?? 'failed';
  return String(envelope.data.at(-1));
}

describe('the exported script and the survey', () => {
  it('judge like evaluate: done, then exists; a stopped pool stops the script; the survey finds the pool and its identity', async () => {
    await withGmsa();
    const survey = async (): Promise<unknown[]> =>
      lab.session.run(
        joinPrelude(ps`$found = New-Object System.Collections.ArrayList
${appPoolSurvey(ctxOf(REPORTS))}
,@($found | ForEach-Object { $_.kind + ' ' + $_.identity + ' ' + $_.parent })`),
      );
    assert.deepEqual(await survey(), [['app-pool Reports WEB01']]);
    assert.match(
      await exported(appPoolIdentityStep, REPORTS),
      /^done: The application pool Reports runs as CONTOSO\\svc-web\$/,
    );
    assert.match(await exported(appPoolIdentityStep, REPORTS), /^exists: /);
    assert.deepEqual(await survey(), [['app-pool Reports WEB01', 'app-pool-identity Reports WEB01']]);
    assert.match(
      await exported(appPoolRecycleStep, REPORTS),
      /^stopped: The application pool Reports on WEB01 is Stopped after the start\. WAS logged 5021, 5057, 5059/,
    );
    await grantBatchRight();
    assert.match(await exported(appPoolRecycleStep, REPORTS), /^done: Started the application pool Reports: Started/);
    assert.match(
      await exported(appPoolRecycleStep, REPORTS),
      /^exists: The application pool Reports is already Started, running as CONTOSO\\svc-web\$, with no WAS failure logged for it; not recycled\./,
    );
    assert.match(
      await exported(appPoolIdentityStep, { mode: 'existing', name: 'Nope' }),
      /^stopped: There is no application pool Nope on WEB01/,
    );
  });
});

describe('through the plan', () => {
  it('a plan with the app pool runs the batch right, the identity and the recycle on WEB01; a second run changes nothing', async () => {
    const dir = await lab.use('iis-host');
    const withPool = parsePlan({
      accountType: 'gmsa',
      name: 'svc-web',
      gmsa: { group: { mode: 'new', name: 'gMSA-Web-Hosts', scope: 'Global' }, computers: ['WEB01'] },
      targetComputer: 'WEB01',
      workloads: [{ kind: 'app-pool', settings: REPORTS }],
    });
    const first = await runPlan(lab.session, withPool);
    const tail = first.slice(-3).map((r) => `${r.id} ${r.outcome.status}`);
    assert.deepEqual(tail, [
      'batch-right@WEB01 done',
      'app-pool-identity@app-pool done',
      'app-pool-recycle@app-pool exists',
    ]);
    assert.match(first.at(-1)?.outcome.message ?? '', /already Started, running as CONTOSO\\svc-web\$/);
    assert.equal(poolOf(dir, 'Reports')?.processModel.userName, 'CONTOSO\\svc-web$');
    const stateBefore = labStateText(dir);
    const second = await runPlan(lab.session, withPool);
    assert.deepEqual(
      second.slice(-3).map((r) => `${r.id} ${r.outcome.status}`),
      ['batch-right@WEB01 exists', 'app-pool-identity@app-pool exists', 'app-pool-recycle@app-pool exists'],
    );
    assert.equal(labStateText(dir), stateBefore, 'the second run changed nothing (no recycle)');
  });
});
