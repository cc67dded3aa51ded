// The health check's workload parts: each kind's own checks join the one round trip only when the plan holds that
// kind, read the planned workloads as data, and say what is missing with the command that fixes it. Against the lab's
// IIS (`iis-host`), its services (`service-host`), and a host without IIS (`healthy`); `msa-wizard check --answers`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { healthReportSchema, type CheckResult } from '../../electron/common/api/contract.js';
import { checksFor, healthCheckScript, type PlannedWorkloadRef } from '../../electron/common/checks/run.js';
import { hostileStrings } from '../powershell/hostile-corpus.js';
import { sharedLab, type SharedLab } from './lab-session.js';

const pool = (name: string, host = 'WEB01', mode = 'existing'): PlannedWorkloadRef => ({
  kind: 'app-pool',
  host,
  settings: { mode, name },
});
const service = (name: string, mode = 'existing'): PlannedWorkloadRef => ({
  kind: 'service',
  host: 'WEB01',
  settings: { mode, name, binaryPath: 'C:\\Apps\\app.exe' },
});

describe('workload checks', () => {
  let lab: SharedLab;
  before(() => {
    lab = sharedLab();
  });
  after(async () => {
    await lab.session.dispose();
  });
  const result = async (id: string, workloads: readonly PlannedWorkloadRef[]): Promise<CheckResult> => {
    const report = await lab.run({ workloads, only: [id] });
    const found = report.results.find((r) => r.id === id);
    assert.ok(found, `${id} is in the report`);
    return found;
  };

  it('joins the check only for the kinds the plan holds', () => {
    const ids = (w: readonly PlannedWorkloadRef[]) => checksFor(w).map((c) => c.id);
    assert.ok(!ids([]).includes('target-iis') && !ids([]).includes('target-services'));
    assert.ok(ids([pool('Reports')]).includes('target-iis') && !ids([pool('Reports')]).includes('target-services'));
    assert.ok(ids([service('ReportSvc')]).includes('target-services'));
    // The planned names travel as literals: the copied script runs as it is (no payload decoder needed).
    const script = healthCheckScript({ workloads: [pool("O'Brien")] }).text;
    assert.match(script, /'name' = 'O''Brien'/);
    assert.doesNotMatch(script, /ConvertFrom-MsaJson/);
  });

  it('a planned task: Task Scheduler on its computer; stopped, it fails with the fix; elsewhere, checked there', async () => {
    const task = (host: string): PlannedWorkloadRef => ({
      kind: 'scheduled-task',
      host,
      settings: { name: 'Nightly Report', folder: '\\' },
    });
    assert.ok(!checksFor([pool('Reports')]).some((c) => c.id === 'target-task-scheduler'));
    await lab.use('healthy');
    const ok = await result('target-task-scheduler', [task('WEB01')]);
    assert.equal(ok.status, 'pass', ok.found);
    const elsewhere = await result('target-task-scheduler', [task('WEB02')]);
    assert.equal(elsewhere.status, 'unknown', elsewhere.found);
    assert.match(elsewhere.found, /planned on WEB02: their Task Scheduler is checked when the wizard runs there/);
    await lab.console('Stop-Service -Name Schedule -Force -WarningAction SilentlyContinue');
    const stopped = await result('target-task-scheduler', [task('WEB01')]);
    assert.equal(stopped.status, 'fail', stopped.found);
    assert.match(stopped.fix?.command ?? '', /Start-Service -Name Schedule/);
  });

  it('iis-host: IIS, WAS and W3SVC, and the planned pool pass; a missing pool fails with the pools that exist', async () => {
    await lab.use('iis-host');
    const ok = await result('target-iis', [pool('Reports'), pool('Reports', 'WEB02')]);
    assert.equal(ok.status, 'pass', ok.found);
    assert.match(ok.found, /Reports is ready on WEB01/);
    assert.match(ok.found, /Reports on WEB02: checked when the wizard runs there/);
    const missing = await result('target-iis', [pool('Payroll')]);
    assert.equal(missing.status, 'fail', missing.found);
    assert.match(missing.found, /No application pool named Payroll on WEB01 \(pools: .*DefaultAppPool.*Reports/);
    const created = await result('target-iis', [pool('Payroll', 'WEB01', 'create')]);
    assert.equal(created.status, 'pass', created.found);
  });

  it('iis-host with WAS stopped: fails, and the fix starts WAS and W3SVC', async () => {
    await lab.use('iis-host');
    await lab.console('Stop-Service -Name W3SVC, WAS -Force -WarningAction SilentlyContinue');
    const stopped = await result('target-iis', [pool('Reports')]);
    assert.equal(stopped.status, 'fail', stopped.found);
    assert.match(stopped.found, /WAS is Stopped/);
    assert.match(stopped.fix?.command ?? '', /Start-Service -Name WAS, W3SVC/);
  });

  it('a host without IIS: Web-Server is not installed, with the Install-WindowsFeature fix', async () => {
    await lab.use('healthy');
    const none = await result('target-iis', [pool('Reports')]);
    assert.equal(none.status, 'fail', none.found);
    assert.match(none.found, /Web-Server and Web-Scripting-Tools are not installed on WEB01/);
    assert.match(none.fix?.command ?? '', /^Install-WindowsFeature -Name Web-Server, Web-Scripting-Tools/);
  });

  it('service-host: the planned service as the SCM has it; a wrong name fails; any name stays data', async () => {
    await lab.use('service-host');
    const ok = await result('target-services', [service('ReportSvc')]);
    assert.equal(ok.status, 'pass', ok.found);
    assert.match(ok.found, /ReportSvc is Running as CONTOSO\\svc-report/);
    const create = await result('target-services', [service('NewSvc', 'create')]);
    assert.equal(create.status, 'pass', create.found);
    assert.match(create.found, /does not exist yet: the step creates it/);
    // Quotes, dollars, backticks, semicolons and backslashes (the corpus' hand-written part, printable ASCII).
    const hostile = hostileStrings(0)
      .filter((s) => /['$`";\\]/.test(s) && /^[\x20-\x7e]{1,200}$/.test(s))
      .slice(0, 6);
    assert.equal(hostile.length, 6);
    const report = await lab.run({ workloads: hostile.map((s) => service(s)), only: ['target-services'] });
    const row = report.results[0];
    assert.equal(row?.status, 'fail', row?.found);
    for (const s of hostile) assert.ok(row?.found.includes(`No service named ${s} on WEB01`), `${s} reported as data`);
  });
});

describe('msa-wizard check --answers', () => {
  it("runs the checks of the answers file's workloads too", () => {
    const run = spawnSync(
      process.execPath,
      [
        'bin/msa-wizard.js',
        'check',
        '--scenario',
        'iis-host',
        '--answers',
        'assets/examples/gmsa-iis-app-pool.json',
        '--json',
      ],
      { encoding: 'utf8', timeout: 180_000 },
    );
    const report = healthReportSchema.parse(JSON.parse(run.stdout));
    const iis = report.results.find((r) => r.id === 'target-iis');
    assert.equal(iis?.status, 'pass', iis?.found);
    const bad = spawnSync(process.execPath, ['bin/msa-wizard.js', 'check', '--answers', 'no-such-file.json'], {
      encoding: 'utf8',
    });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /no answers file no-such-file\.json/);
  });
});
