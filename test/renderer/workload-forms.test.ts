// The service and app-pool forms' logic (each kind's descriptor, renderer/src/workloads/<kind>/, through the generic
// renderer/src/store/workloadForms.ts; planWorkloads.ts, workloadStore.ts's draftsOfPlan; pure): what the core gets from each form, the kinds' own rules on the field that shows them (the
// acknowledgement required only when the picked one runs as a user account), the form again from a plan's workload,
// the core's issues by plan path, ids as the plan schema gives them, and the plan's workloads as the screens list them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePlan } from '../../electron/common/plan/plan-schema';
import { appPoolSettingsSchema } from '../../electron/common/workloads/app-pool/settings';
import { serviceSettingsSchema } from '../../electron/common/workloads/service/settings';
import { planWorkloads, stepsOfWorkload, workloadProgress } from '../../renderer/src/store/planWorkloads';
import {
  ACKNOWLEDGE_FIRST,
  formFromSettings,
  nextWorkloadId,
  sameSettings,
  toSettings,
  validateWorkload,
  workloadFieldOrder,
  workloadServerIssues,
  type KindForm,
} from '../../renderer/src/store/workloadForms';
import { appPoolWorkload, type AppPoolForm } from '../../renderer/src/workloads/app-pool';
import { FORM_KIND_NAMES, formKindOf, TASK_KIND } from '../../renderer/src/workloads/registry';
import { serviceWorkload, type ServiceForm } from '../../renderer/src/workloads/service';
import { WORKLOAD_KIND_NAMES } from '../../electron/common/workloads/kinds';
import { draftsOfPlan } from '../../renderer/src/store/workloadStore';
import type { RunStep } from '../../renderer/src/api/contract';

const service = (patch: Partial<ServiceForm>): KindForm => ({
  kind: 'service',
  form: { ...serviceWorkload.empty, ...patch },
});
const pool = (patch: Partial<AppPoolForm>): KindForm => ({
  kind: 'app-pool',
  form: { ...appPoolWorkload.empty, ...patch },
});

describe('service and app-pool forms', () => {
  it('an existing service: only its mode, name, restart and acknowledgement reach the core', () => {
    const settings = toSettings(service({ name: 'ReportSvc', binaryPath: 'typed before switching' }));
    assert.deepEqual(settings, { mode: 'existing', name: 'ReportSvc', restart: true, acknowledgeNoRestore: false });
    assert.equal(serviceSettingsSchema.safeParse(settings).success, true);
  });

  it('a new service: optional texts left out when empty; the kind rules its binary path', () => {
    const k = service({ mode: 'create', name: 'Web', binaryPath: 'C:\\Program Files\\App\\app.exe --x' });
    assert.deepEqual(toSettings(k), {
      mode: 'create',
      name: 'Web',
      restart: true,
      acknowledgeNoRestore: false,
      binaryPath: 'C:\\Program Files\\App\\app.exe --x',
      startType: 'Automatic',
    });
    const errors = validateWorkload(k, 'WEB01');
    assert.match(errors.binaryPath ?? '', /double quotes/);
    assert.deepEqual(
      validateWorkload(service({ ...k.form, binaryPath: '"C:\\Program Files\\App\\app.exe" --x' }), 'WEB01'),
      {},
    );
  });

  it('each problem on its field: the name, the host; the acknowledgement only when the service runs as a user', () => {
    const empty = validateWorkload(service({}), '');
    assert.match(empty.name ?? '', /Enter the service name/);
    assert.ok(empty.host !== undefined, 'an empty computer name is refused');
    assert.equal(empty.acknowledgeNoRestore, undefined);
    const user = validateWorkload(service({ name: 'ReportSvc' }), 'WEB01', true);
    assert.equal(user.acknowledgeNoRestore, ACKNOWLEDGE_FIRST);
    assert.deepEqual(validateWorkload(service({ name: 'ReportSvc', acknowledgeNoRestore: true }), 'WEB01', true), {});
    // A new service has no previous account to lose.
    const created = service({ mode: 'create', name: 'X', binaryPath: 'C:\\Apps\\x.exe' });
    assert.deepEqual(validateWorkload(created, 'WEB01', true), {});
  });

  it('an app pool: IIS refuses some characters in a name; a new pool takes its runtime and pipeline', () => {
    assert.match(validateWorkload(pool({ name: 'a/b' }), 'WEB01').name ?? '', /IIS does not allow/);
    const k = pool({ mode: 'create', name: 'Reports', managedRuntimeVersion: '', pipelineMode: 'Classic' });
    assert.deepEqual(toSettings(k), {
      mode: 'create',
      name: 'Reports',
      recycle: true,
      acknowledgeNoRestore: false,
      managedRuntimeVersion: '',
      pipelineMode: 'Classic',
    });
    assert.equal(appPoolSettingsSchema.safeParse(toSettings(k)).success, true);
  });

  it('the form again from a workload: round trip, defaults filled in; same settings with or without defaults', () => {
    for (const k of [
      service({ name: 'ReportSvc', restart: false, acknowledgeNoRestore: true }),
      service({ mode: 'create', name: 'X', binaryPath: 'C:\\Apps\\x.exe', displayName: 'X app', startType: 'Manual' }),
      pool({ name: 'Reports', recycle: false }),
      pool({ mode: 'create', name: 'New', managedRuntimeVersion: 'v2.0', pipelineMode: 'Classic' }),
    ]) {
      assert.deepEqual(formFromSettings(k.kind, toSettings(k)), k);
    }
    assert.equal(sameSettings('service', { mode: 'existing', name: 'A' }, toSettings(service({ name: 'A' }))), true);
    assert.equal(sameSettings('service', { mode: 'existing', name: 'A' }, { mode: 'existing', name: 'B' }), false);
  });

  it("the core's issues land on the workload's fields by its index in the plan", () => {
    const { fields, other } = workloadServerIssues(
      'service',
      [
        { path: 'workloads.1.settings.name', message: 'name problem' },
        { path: 'workloads.1.host', message: 'host problem' },
        { path: 'workloads.1.settings', message: 'already used' },
        { path: 'workloads.0.settings.name', message: 'not this one' },
      ],
      1,
    );
    assert.deepEqual(fields, { name: 'name problem', host: 'host problem' });
    assert.deepEqual(other, ['already used']);
  });

  it('ids: the next free one of a kind; a plan input read with the plan schema’s own ids and hosts', () => {
    assert.equal(nextWorkloadId('service', []), 'service');
    assert.equal(nextWorkloadId('service', ['service', 'service-2', 'task']), 'service-3');
    const input = {
      accountType: 'gmsa',
      name: 'svc-web',
      gmsa: { group: { mode: 'new', name: 'gMSA-Web' }, computers: ['WEB01', 'WEB02'] },
      targetComputer: 'WEB01',
      task: {
        name: 'Nightly',
        action: { kind: 'powershell-script', path: 'C:\\Scripts\\n.ps1' },
        trigger: { kind: 'daily', at: '01:00' },
      },
      workloads: [
        { kind: 'app-pool', settings: { mode: 'existing', name: 'Reports' } },
        { kind: 'app-pool', host: 'WEB02', settings: { mode: 'existing', name: 'Reports' } },
        { id: 'svc', kind: 'service', settings: { mode: 'existing', name: 'ReportSvc' } },
      ],
    };
    const resolved = parsePlan(input).workloads.map((w) => [w.id, w.kind, w.host]);
    const listed = planWorkloads(input);
    assert.deepEqual(
      listed.map((w) => [w.id, w.kind, w.host]),
      resolved,
    );
    assert.deepEqual(
      listed.slice(1).map((w) => w.description),
      ['App pool Reports', 'App pool Reports', 'Service ReportSvc'],
    );
    assert.match(listed[0]?.description ?? '', /Nightly/);
    assert.deepEqual(
      draftsOfPlan(input).map((d) => [d.id, d.kindForm.kind, d.host, d.planned]),
      [
        ['app-pool', 'app-pool', 'WEB01', true],
        ['app-pool-2', 'app-pool', 'WEB02', true],
        ['svc', 'service', 'WEB01', true],
      ],
    );
  });

  it("a workload's steps: the rights its kind needs on its host, then its own; their progress in words", () => {
    const step = (id: string, kind: string, host: string, workloadId: string | null, status: RunStep['status']) =>
      ({ id, kind, host, workloadId, status, stage: 'workload', remote: false, title: id }) as RunStep;
    const steps = [
      step('batch-right@WEB01', 'batch-right', 'WEB01', null, 'done'),
      step('service-right@WEB01', 'service-right', 'WEB01', null, 'done'),
      step('service-account@service', 'service-account', 'WEB01', 'service', 'done'),
      step('service-restart@service', 'service-restart', 'WEB01', 'service', 'failed'),
    ];
    const [svc] = planWorkloads({
      targetComputer: 'WEB01',
      workloads: [{ kind: 'service', settings: { mode: 'existing', name: 'ReportSvc' } }],
    });
    assert.ok(svc !== undefined);
    const own = stepsOfWorkload(steps, svc);
    assert.deepEqual(
      own.map((s) => s.id),
      ['service-right@WEB01', 'service-account@service', 'service-restart@service'],
    );
    assert.equal(workloadProgress(own), 'Stopped at: service-restart@service');
    assert.equal(workloadProgress(own.slice(0, 2)), 'Done');
    assert.equal(workloadProgress([]), 'No steps yet');
  });

  it("the registry: every kind of the core but the task has a descriptor, in the core's order; fields in form order", () => {
    assert.deepEqual(
      FORM_KIND_NAMES,
      WORKLOAD_KIND_NAMES.filter((k) => k !== TASK_KIND),
    );
    for (const kind of FORM_KIND_NAMES) assert.equal(formKindOf(kind)?.kind, kind);
    assert.equal(formKindOf(TASK_KIND), undefined);
    assert.deepEqual(workloadFieldOrder('service'), [
      'host',
      'mode',
      'name',
      'displayName',
      'binaryPath',
      'startType',
      'description',
      'restart',
      'acknowledgeNoRestore',
    ]);
    assert.deepEqual(workloadFieldOrder('app-pool'), [
      'host',
      'mode',
      'name',
      'managedRuntimeVersion',
      'pipelineMode',
      'recycle',
      'acknowledgeNoRestore',
    ]);
  });
});

describe('undo words of the form kinds', () => {
  it('every object a form kind’s steps can create has words in its descriptor', async () => {
    const { WORKLOAD_KINDS } = await import('../../electron/common/workloads/registry');
    const { createdWordsOf, isFormKind } = await import('../../renderer/src/workloads/registry');
    const created = WORKLOAD_KINDS.filter((k) => isFormKind(k.settings.kind)).flatMap((k) =>
      k.steps.flatMap((s) => s.creates),
    );
    assert.ok(created.includes('service-logon') && created.includes('app-pool'), created.join());
    for (const kind of created) assert.ok(createdWordsOf(kind), `words for ${kind}`);
    assert.equal(createdWordsOf('group'), undefined, 'the account’s own kinds are the undo list’s');
  });
});
