// The Windows service kind against the lab (scenario service-host: WEB01 runs a service under a user account and one
// under LocalSystem) through one real pwsh session: after the gMSA steps and "Log on as a service", a service is
// moved to CONTOSO\svc-app$ with Win32_Service.Change, restarted and verified; a user-account service needs the
// acknowledgement and its undo refuses; a LocalSystem service goes back to LocalSystem; a created service is deleted
// by undo; a start that fails with 1069 is explained (the right missing, or the host unable to retrieve the password).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parsePlan, type Plan } from '../../electron/common/plan/plan-schema.js';
import { ps } from '../../electron/common/powershell/script.js';
import { runPlan } from '../../electron/common/steps/plan-steps.js';
import { joinPrelude, type StepSession } from '../../electron/common/steps/types.js';
import { runWorkloadStep, workloadStepUndo } from '../../electron/common/workloads/bind.js';
import { serviceAccountStep } from '../../electron/common/workloads/service/account-step.js';
import { serviceRestartStep } from '../../electron/common/workloads/service/restart-step.js';
import {
  serviceSettingsSchema,
  type ServiceSettings,
  type ServiceSettingsInput,
} from '../../electron/common/workloads/service/settings.js';
import { serviceWorkload } from '../../electron/common/workloads/service/index.js';
import { logonRightStep } from '../../electron/common/workloads/shared/logon-right.js';
import type { WorkloadContext, WorkloadStepSpec } from '../../electron/common/workloads/types.js';
import type { ServiceState } from '../../electron/lab/state.js';
import { sharedLab } from '../checks/lab-session.js';
import { labState, labStateText } from '../helpers/lab.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const plan: Plan = parsePlan({
  accountType: 'gmsa',
  name: 'svc-app',
  description: 'App service',
  gmsa: {
    group: { mode: 'new', name: 'gMSA-App-Hosts', scope: 'Global', path: 'OU=Service Groups,DC=contoso,DC=com' },
    computers: ['WEB01'],
  },
  targetComputer: 'WEB01',
});
const ACCOUNT = 'CONTOSO\\svc-app$';

const ctxOf = (input: ServiceSettingsInput): WorkloadContext<ServiceSettings> => ({
  plan,
  workload: { id: 'service', kind: 'service', host: 'WEB01', settings: serviceSettingsSchema.parse(input) },
});

/** A workload step run as the app runs it (bind.ts): the prelude, its script, one round trip, the answer judged. */
const runStep = <T>(
  session: StepSession,
  spec: WorkloadStepSpec<ServiceSettings, T>,
  ctx: WorkloadContext<ServiceSettings>,
) => runWorkloadStep(session, spec, ctx);

const services = (dir: string): ServiceState[] => labState(dir).hosts.WEB01?.services ?? [];
const serviceNamed = (dir: string, name: string): ServiceState | undefined =>
  services(dir).find((s) => s.name.toLowerCase() === name.toLowerCase());

/** The scenario's service under a user account, and the one under LocalSystem (not Windows' own). */
function scenarioServices(dir: string): { user: ServiceState; system: ServiceState } {
  const mine = services(dir).filter((s) => !/^[A-Za-z]:\\Windows\\/i.test(s.binaryPath));
  const user = mine.find((s) => s.account.includes('\\') && !/^NT /i.test(s.account) && !s.account.endsWith('$'));
  const system = mine.find((s) => s.account === 'LocalSystem');
  assert.ok(user && system, `service-host runs a user-account and a LocalSystem service: ${JSON.stringify(mine)}`);
  return { user, system };
}

/** service-host with the gMSA svc-app created and usable on WEB01 and, unless told, "Log on as a service" granted. */
async function prepared(grantRight = true): Promise<string> {
  const dir = await lab.use('service-host');
  const results = await runPlan(lab.session, plan);
  assert.equal(results.at(-1)?.outcome.status, 'done', JSON.stringify(results, null, 1));
  if (grantRight) {
    const right = await logonRightStep('service', 'WEB01').run(lab.session, plan);
    assert.equal(right.status, 'done', right.message);
  }
  return dir;
}

describe('an existing service on service-host', () => {
  it('LocalSystem: moved to the gMSA, restarted, verified; a re-run changes nothing; undo puts LocalSystem back', async () => {
    const dir = await prepared();
    const { system } = scenarioServices(dir);
    const ctx = ctxOf({ mode: 'existing', name: system.name });
    const account = await runStep(lab.session, serviceAccountStep, ctx);
    assert.equal(account.status, 'done', account.message);
    assert.match(account.message, new RegExp(`Changed ${system.name} from LocalSystem to CONTOSO\\\\svc-app\\$`));
    assert.deepEqual(account.created, [
      { kind: 'service-logon', identity: system.name, parent: 'WEB01', previous: 'LocalSystem' },
    ]);
    assert.equal(serviceNamed(dir, system.name)?.account, ACCOUNT);
    // Its program is under C:\Program Files: only administrators can change it, so no warning.
    assert.equal(account.warnings, undefined);

    // The change applies from the next start: the running process still logged on as LocalSystem.
    const owner = ps`$svc = Get-CimInstance -ClassName Win32_Service -Filter ${`Name='${system.name}'`}
$o = Get-CimInstance -ClassName Win32_Process -Filter ('ProcessId = ' + $svc.ProcessId) | Invoke-CimMethod -MethodName GetOwner
[string]$o.ReturnValue + ' ' + $o.Domain + '\\' + $o.User`;
    assert.deepEqual(await lab.session.run(owner), ['0 NT AUTHORITY\\SYSTEM']);
    const restart = await runStep(lab.session, serviceRestartStep, ctx);
    assert.equal(restart.status, 'done', restart.message);
    assert.equal(restart.message, `Restarted ${system.name} on WEB01: Running as ${ACCOUNT}.`);
    assert.deepEqual(await lab.session.run(owner), [`0 ${ACCOUNT}`]);
    assert.equal(serviceNamed(dir, system.name)?.state, 'Running');

    // Again: both steps find it done (its process already logged on as the account: Win32_Process GetOwner); nothing
    // in the lab changes.
    const before = labStateText(dir);
    const again = await runStep(lab.session, serviceAccountStep, ctx);
    assert.equal(again.status, 'exists', again.message);
    assert.deepEqual(again.created, []);
    const notRestarted = await runStep(lab.session, serviceRestartStep, ctx);
    assert.equal(notRestarted.status, 'exists', notRestarted.message);
    assert.equal(
      notRestarted.message,
      `${system.name} on WEB01 already runs as ${ACCOUNT} (its process logged on as ${ACCOUNT}); it was not restarted.`,
    );
    assert.equal(labStateText(dir), before);

    await lab.session.run(workloadStepUndo(serviceAccountStep, account.created, ctx));
    const back = serviceNamed(dir, system.name);
    assert.equal(back?.account, 'LocalSystem');
    assert.equal(back?.state, 'Running');
  });

  it('a user account: refused without the acknowledgement (nothing changed); with it moved, and undo says it cannot restore the password', async () => {
    const dir = await prepared();
    const { user } = scenarioServices(dir);
    const before = labStateText(dir);
    const refused = await runStep(lab.session, serviceAccountStep, ctxOf({ mode: 'existing', name: user.name }));
    assert.equal(refused.status, 'conflict', refused.message);
    assert.match(refused.message, new RegExp(`runs as the user account ${user.account.replace(/\\/g, '\\\\')}`));
    assert.match(refused.message, /never asks for, handles or stores a password.*acknowledgeNoRestore: true/);
    assert.equal(labStateText(dir), before);

    const ctx = ctxOf({ mode: 'existing', name: user.name, acknowledgeNoRestore: true });
    const moved = await runStep(lab.session, serviceAccountStep, ctx);
    assert.equal(moved.status, 'done', moved.message);
    assert.match(moved.message, /Undo cannot put .* back \(its password\)/);
    assert.deepEqual(moved.created, [
      { kind: 'service-logon', identity: user.name, parent: 'WEB01', previous: user.account },
    ]);
    const restart = await runStep(lab.session, serviceRestartStep, ctx);
    assert.equal(restart.status, 'done', restart.message);
    assert.match(restart.message, /Running as CONTOSO\\svc-app\$/);
    // ReportCollector depends on ReportSvc: Restart-Service -Force stopped and started it too, and says so.
    const dependents = services(dir)
      .filter((d) => d.dependsOn.includes(user.name))
      .map((d) => d.name);
    assert.ok(dependents.length > 0, 'service-host has a service that depends on the user-account one');
    assert.deepEqual(restart.warnings, [
      `Restarting ${user.name} also stopped and started the services that depend on it: ${dependents.join(', ')}.`,
    ]);
    for (const d of dependents) assert.equal(serviceNamed(dir, d)?.state, 'Running');

    const undoScript = workloadStepUndo(serviceAccountStep, moved.created, ctx);
    const undone = await lab.session.invoke(undoScript);
    assert.equal(undone.ok, false);
    assert.match(
      JSON.stringify(undone.errors),
      /still runs as the managed account, and undo cannot set it back to the user account .*services\.msc.*then undo again/,
    );
    assert.equal(serviceNamed(dir, user.name)?.account, ACCOUNT, 'the failed undo changed nothing');
  });

  it('LocalSystem, changed by the admin to another account after the run: undo leaves it as is', async () => {
    const dir = await prepared();
    const { system } = scenarioServices(dir);
    const ctx = ctxOf({ mode: 'existing', name: system.name });
    const account = await runStep(lab.session, serviceAccountStep, ctx);
    assert.equal(account.status, 'done', account.message);
    await lab.console(
      `$svc = Get-CimInstance -ClassName Win32_Service -Filter "Name='${system.name}'"; Invoke-CimMethod -InputObject $svc -MethodName Change -Arguments @{ StartName = 'NT AUTHORITY\\NetworkService'; StartPassword = '' } | Out-Null`,
    );
    const before = labStateText(dir);
    const report = await lab.session.run(workloadStepUndo(serviceAccountStep, account.created, ctx));
    assert.deepEqual(report.flat(), [`${system.name}: left as is: now runs as NT AUTHORITY\\NetworkService.`]);
    assert.equal(labStateText(dir), before, 'nothing changed');
    assert.equal(serviceNamed(dir, system.name)?.account, 'NT AUTHORITY\\NetworkService');
  });

  it('a name that is not a service: conflict, nothing created', async () => {
    const dir = await prepared(false);
    const before = labStateText(dir);
    const outcome = await runStep(
      lab.session,
      serviceAccountStep,
      ctxOf({ mode: 'existing', name: "No'Such Service" }),
    );
    assert.equal(outcome.status, 'conflict', outcome.message);
    assert.equal(
      outcome.message.startsWith("There is no service named No'Such Service on WEB01."),
      true,
      outcome.message,
    );
    assert.equal(labStateText(dir), before);
  });
});

describe('restart settings', () => {
  it('restart: false reads and changes nothing; a stopped service is started, not restarted', async () => {
    const dir = await prepared();
    const { system } = scenarioServices(dir);
    await lab.session.run(ps`Stop-Service -Name ${system.name}`);
    const quiet = ctxOf({ mode: 'existing', name: system.name, restart: false });
    assert.equal((await runStep(lab.session, serviceAccountStep, quiet)).status, 'done');
    const before = labStateText(dir);
    const skipped = await runStep(lab.session, serviceRestartStep, quiet);
    assert.equal(skipped.status, 'exists', skipped.message);
    assert.equal(
      skipped.message,
      `Not restarted, as asked: ${system.name} on WEB01 is stopped, set to run as ${ACCOUNT}; it logs on as that account from its next start.`,
    );
    assert.equal(labStateText(dir), before);
    const started = await runStep(lab.session, serviceRestartStep, ctxOf({ mode: 'existing', name: system.name }));
    assert.equal(started.status, 'done', started.message);
    assert.equal(started.message, `Started ${system.name} on WEB01: Running as ${ACCOUNT}.`);
    assert.equal(started.warnings, undefined);
  });
});

describe('a service created by the wizard', () => {
  it('is created with New-Service, runs as the gMSA, and undo deletes it', async () => {
    const dir = await prepared();
    await lab.session.run(
      ps`Update-LabState -Script { param($s) $h = $s.hosts['WEB01']; $h.files = @($h.files) + @('C:\\Apps\\Ledger\\ledger.exe') } | Out-Null`,
    );
    const ctx = ctxOf({
      mode: 'create',
      name: 'LedgerSvc',
      displayName: 'Ledger',
      binaryPath: 'C:\\Apps\\Ledger\\ledger.exe --service',
      description: 'Posts the ledger',
    });
    const created = await runStep(lab.session, serviceAccountStep, ctx);
    assert.equal(created.status, 'done', created.message);
    assert.deepEqual(created.created, [{ kind: 'service', identity: 'LedgerSvc', parent: 'WEB01' }]);
    // C:\Apps was made at the root of C: and inherits "Authenticated Users: Modify": anyone can replace the program.
    assert.equal(created.warnings?.length, 1, JSON.stringify(created.warnings));
    assert.match(created.warnings?.[0] ?? '', /NT AUTHORITY\\Authenticated Users \(Modify, inherited\)/);
    assert.match(
      created.warnings?.[0] ?? '',
      /Anyone who can edit what the service runs can run code as CONTOSO\\svc-app\$/,
    );
    const svc = serviceNamed(dir, 'LedgerSvc');
    assert.equal(svc?.account, ACCOUNT);
    assert.equal(svc?.binaryPath, 'C:\\Apps\\Ledger\\ledger.exe --service');
    assert.equal(svc?.startType, 'Automatic');
    const start = await runStep(lab.session, serviceRestartStep, ctx);
    assert.equal(start.status, 'done', start.message);
    assert.equal(start.message, `Started LedgerSvc on WEB01: Running as ${ACCOUNT}.`);

    // The survey names it as the step did (so a cut-off attempt is credited with it).
    const found = await lab.session.run(
      joinPrelude(ps`$found = New-Object System.Collections.ArrayList
${serviceWorkload.survey(ctx)}
,@($found)`),
    );
    assert.deepEqual(found.flat(), [
      { kind: 'service', identity: 'LedgerSvc', parent: 'WEB01' },
      { kind: 'service-logon', identity: 'LedgerSvc', parent: 'WEB01' },
    ]);

    await lab.session.run(workloadStepUndo(serviceAccountStep, created.created, ctx));
    assert.equal(serviceNamed(dir, 'LedgerSvc'), undefined);
  });
});

describe('hostile service names', () => {
  it('are created, found through the WQL filter and deleted as the same text', async () => {
    const dir = await prepared();
    await lab.session.run(
      ps`Update-LabState -Script { param($s) $h = $s.hosts['WEB01']; $h.files = @($h.files) + @('C:\\Apps\\x.exe') } | Out-Null`,
    );
    const names = ["it's", 'a"b', "$(Stop-Computer) ' OR Name LIKE '%", 'Pe\u00f1a \u2019quoted\u2019', "x' OR '1'='1"];
    for (const name of names) {
      const ctx = ctxOf({ mode: 'create', name, binaryPath: 'C:\\Apps\\x.exe' });
      const created = await runStep(lab.session, serviceAccountStep, ctx);
      assert.equal(created.status, 'done', `${name}: ${created.message}`);
      assert.equal(serviceNamed(dir, name)?.name, name);
      assert.equal(serviceNamed(dir, name)?.account, ACCOUNT);
      // Found again by its exact name (an injected OR would match another service: 'exists' proves it is this one).
      const again = await runStep(lab.session, serviceAccountStep, ctx);
      assert.equal(again.status, 'exists', `${name}: ${again.message}`);
      await lab.session.run(workloadStepUndo(serviceAccountStep, created.created, ctx));
      assert.equal(serviceNamed(dir, name), undefined, name);
    }
    // A name with wildcards: the restart step starts that service only (-InputObject, not -Name 'Report*').
    const reportPid = serviceNamed(dir, 'ReportSvc')?.processId;
    const wild = ctxOf({ mode: 'create', name: 'Report*', binaryPath: 'C:\\Apps\\x.exe' });
    const made = await runStep(lab.session, serviceAccountStep, wild);
    assert.equal(made.status, 'done', made.message);
    const started = await runStep(lab.session, serviceRestartStep, wild);
    assert.equal(started.message, `Started Report* on WEB01: Running as ${ACCOUNT}.`);
    assert.equal(serviceNamed(dir, 'ReportSvc')?.processId, reportPid);
    await lab.session.run(workloadStepUndo(serviceAccountStep, made.created, wild));
    assert.equal(serviceNamed(dir, 'Report*'), undefined);
    // Windows' own services and the scenario's are untouched.
    assert.equal(serviceNamed(dir, 'ReportSvc')?.account, 'CONTOSO\\svc-report');
  });
});

describe('a start that fails with 1069', () => {
  it('without "Log on as a service": the right and its fix, with event 7041', async () => {
    const dir = await prepared(false);
    const { system } = scenarioServices(dir);
    const ctx = ctxOf({ mode: 'existing', name: system.name });
    const moved = await runStep(lab.session, serviceAccountStep, ctx);
    assert.equal(moved.status, 'done', moved.message);
    const restart = await runStep(lab.session, serviceRestartStep, ctx);
    assert.equal(restart.status, 'failed', restart.message);
    assert.match(restart.message, /did not start as CONTOSO\\svc-app\$\. Error 1069/);
    assert.match(restart.message, /does not hold "Log on as a service" on WEB01 \(event 7041\)/);
    assert.match(restart.message, /System log: .*event 7041: /);
  });

  it('reads only the events of this start: an older 7041 (before the right was granted) does not hide the password cause', async () => {
    const dir = await prepared(false);
    const { system } = scenarioServices(dir);
    const ctx = ctxOf({ mode: 'existing', name: system.name });
    assert.equal((await runStep(lab.session, serviceAccountStep, ctx)).status, 'done');
    const first = await runStep(lab.session, serviceRestartStep, ctx);
    assert.match(first.message, /event 7041/);
    const right = await logonRightStep('service', 'WEB01').run(lab.session, plan);
    assert.equal(right.status, 'done', right.message);
    await lab.session.run(
      ps`Set-ADServiceAccount -Identity 'svc-app' -PrincipalsAllowedToRetrieveManagedPassword 'Domain Admins'`,
    );
    const second = await runStep(lab.session, serviceRestartStep, ctx);
    assert.equal(second.status, 'failed', second.message);
    assert.match(second.message, /WEB01 cannot retrieve the managed password of CONTOSO\\svc-app\$/);
    assert.doesNotMatch(second.message, /7041/);
  });

  it('when WEB01 may no longer retrieve the password: the retrieval and its fix', async () => {
    const dir = await prepared();
    const { system } = scenarioServices(dir);
    const ctx = ctxOf({ mode: 'existing', name: system.name });
    const moved = await runStep(lab.session, serviceAccountStep, ctx);
    assert.equal(moved.status, 'done', moved.message);
    await lab.session.run(
      ps`Set-ADServiceAccount -Identity 'svc-app' -PrincipalsAllowedToRetrieveManagedPassword 'Domain Admins'`,
    );
    const restart = await runStep(lab.session, serviceRestartStep, ctx);
    assert.equal(restart.status, 'failed', restart.message);
    assert.match(restart.message, /Error 1069/);
    assert.match(restart.message, /WEB01 cannot retrieve the managed password of CONTOSO\\svc-app\$/);
    assert.match(restart.message, /event 7038/);
  });
});
