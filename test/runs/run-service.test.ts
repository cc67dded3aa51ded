// Journaled runs through the API (dispatch → RunService → steps → a real pwsh lab session): a full gMSA run and its
// undo, resume after the core dies between "create group" and "create gMSA", a step cut off mid-way, pre-existing
// objects never undone, host steps refused off the target computer, and bad plans rejected with field paths.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { apiResultSchema, type RunInfo } from '../../electron/common/api/contract.js';
import type { Api } from '../../electron/common/api/handlers.js';
import { parsePlan } from '../../electron/common/plan/plan-schema.js';
import { appendRecord, listJournals } from '../../electron/common/runs/journal.js';
import { groupStep } from '../../electron/common/steps/group.js';
import { sharedLab } from '../checks/lab-session.js';
import { coreOn, journals, ok, refused, WEB_GMSA } from './run-api.js';
import { labSession, labStateText, labState } from '../helpers/lab.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const core = (journalDir: string, session = lab.session): Api => coreOn(journalDir, session);

const statuses = (run: RunInfo) => Object.fromEntries(run.steps.map((s) => [s.id, s.status]));
const count = (dir: string, cls: string, name: string) =>
  labState(dir).objects.filter((o) => o.objectClass === cls && o.name === name).length;

describe('journaled runs', () => {
  it('runs a gMSA plan to Test True, journals every step, and undo all restores the directory', async () => {
    const dir = await lab.use('healthy');
    const before = labStateText(dir);
    const api = core(journals());
    let run = await ok(api, 'runs.start', { plan: WEB_GMSA });
    assert.equal(run.state, 'open');
    assert.ok(run.steps.every((s) => s.status === 'pending'));
    assert.equal(labStateText(dir), before, 'starting a run changes nothing');

    run = await ok(api, 'runs.all', { runId: run.runId, where: 'directory' });
    assert.deepEqual(statuses(run), {
      group: 'done',
      'group-members': 'done',
      account: 'done',
      'refresh-ticket': 'pending',
      install: 'pending',
      test: 'pending',
    });
    run = await ok(api, 'runs.all', { runId: run.runId, where: 'host' });
    assert.equal(run.state, 'completed');
    assert.match(run.steps.at(-1)?.message ?? '', /: True\./);
    const journal = readFileSync(run.journal, 'utf8').trim().split('\n');
    assert.equal(journal.length, 1 + 2 * 6, 'run-started + started/finished per step');

    assert.deepEqual(
      run.undo.map((u) => u.stepId),
      ['account', 'group-members', 'group'],
    );
    run = await ok(api, 'runs.undo', { runId: run.runId, all: true });
    assert.equal(run.state, 'undone');
    assert.ok(run.undo.every((u) => u.status === 'done'));
    // Byte for byte: the lab writes one canonical text form; only the host's Kerberos ticket cache (its own file,
    // like LSA memory) keeps the purge.
    assert.equal(labStateText(dir), before, 'lab-state.json is byte-identical after undo');
    assert.match((await refused(api, 'runs.step', { runId: run.runId, stepId: 'group' })).title, /over/);
  });

  it('resumes after the core dies between "create group" and "create gMSA": one group, one gMSA, nothing twice', async () => {
    const dir = await lab.use('healthy');
    const journalDir = journals();
    const first = labSession(dir);
    let run: RunInfo;
    try {
      const api = core(journalDir, first);
      run = await ok(api, 'runs.start', { plan: WEB_GMSA });
      run = await ok(api, 'runs.step', { runId: run.runId, stepId: 'group' });
      run = await ok(api, 'runs.step', { runId: run.runId, stepId: 'group-members' });
    } finally {
      await first.dispose();
    }
    // A new core (new process, new API) on the same journal and lab.
    const api = core(journalDir);
    const current = await apiResultSchema.parseAsync(await api.dispatch('runs.current', {}));
    assert.ok(current.ok);
    const offered = (current.value as { run: RunInfo | null }).run;
    assert.equal(offered?.runId, run.runId);
    assert.deepEqual(Object.values(statuses(offered as RunInfo)).slice(0, 3), ['done', 'done', 'pending']);
    run = await ok(api, 'runs.all', { runId: run.runId });
    assert.equal(run.state, 'completed', JSON.stringify(run.steps.map((s) => [s.id, s.status, s.message])));
    assert.equal(count(dir, 'group', 'gMSA-Web-Hosts'), 1);
    assert.equal(count(dir, 'msDS-GroupManagedServiceAccount', 'svc-web'), 1);
    const emptyCurrent = apiResultSchema.parse(await api.dispatch('runs.current', {}));
    assert.deepEqual(emptyCurrent.ok && emptyCurrent.value, { run: null }, 'a completed run is not offered again');
  });

  it('a step cut off after it changed AD is credited with what it made: re-run says exists, undo still removes it', async () => {
    const dir = await lab.use('healthy');
    const journalDir = journals();
    const api = core(journalDir);
    let run = await ok(api, 'runs.start', { plan: WEB_GMSA });
    // What a crash inside the group step looks like: step-started journaled, the group made, no step-finished.
    const plan = parsePlan(WEB_GMSA);
    const [file] = listJournals(journalDir);
    assert.ok(file !== undefined);
    appendRecord(file, { type: 'step-started', at: new Date().toISOString(), stepId: 'group', script: 'x' });
    await lab.session.run(groupStep.preview(plan));
    const offered = apiResultSchema.parse(await api.dispatch('runs.current', {}));
    assert.ok(offered.ok && (offered.value as { run: RunInfo }).run.interrupted);
    assert.match((await refused(api, 'runs.undo', { runId: run.runId })).title, /cut off/);

    run = await ok(api, 'runs.step', { runId: run.runId, stepId: 'group' });
    assert.equal(run.steps[0]?.status, 'exists');
    assert.deepEqual(
      run.undo.map((u) => u.stepId),
      ['group'],
      'the cut-off attempt made the group: it is this run’s',
    );
    run = await ok(api, 'runs.undo', { runId: run.runId });
    assert.equal(count(dir, 'group', 'gMSA-Web-Hosts'), 0);
  });

  it('never undoes what existed before the run, even when the run reports it as its own', async () => {
    const dir = await lab.use('healthy');
    const api = core(journals());
    const plan = parsePlan(WEB_GMSA);
    await lab.session.run(groupStep.preview(plan)); // the group exists before the run
    let run = await ok(api, 'runs.start', { plan: WEB_GMSA });
    run = await ok(api, 'runs.all', { runId: run.runId });
    assert.equal(run.steps[0]?.status, 'exists');
    assert.deepEqual(
      run.undo.map((u) => u.stepId),
      ['account', 'group-members'],
    );
    await ok(api, 'runs.undo', { runId: run.runId, all: true });
    assert.equal(count(dir, 'group', 'gMSA-Web-Hosts'), 1, 'the pre-existing group stays');
    assert.equal(count(dir, 'msDS-GroupManagedServiceAccount', 'svc-web'), 0);
  });

  it('refuses host steps when the wizard does not run on the target, and steps out of order', async () => {
    await lab.use('healthy');
    const api = core(journals());
    const run = await ok(api, 'runs.start', {
      plan: { ...WEB_GMSA, targetComputer: 'APP01', gmsa: { ...WEB_GMSA.gmsa, computers: ['WEB01', 'APP01'] } },
    });
    const early = await refused(api, 'runs.step', { runId: run.runId, stepId: 'account' });
    assert.match(early.action, /Run "Group allowed to retrieve the password" first/);
    await ok(api, 'runs.all', { runId: run.runId, where: 'directory' });
    const elsewhere = await refused(api, 'runs.step', { runId: run.runId, stepId: 'refresh-ticket' });
    assert.match(elsewhere.message, /runs on WEB01.*must run on APP01/);
  });

  it('rejects a bad plan with every problem and its field, before anything runs', async () => {
    const journalDir = journals();
    const api = core(journalDir);
    const error = await refused(api, 'runs.start', {
      plan: { ...WEB_GMSA, name: "svc web'; Remove-ADUser x #", spns: ['not an spn'] },
    });
    assert.equal(error.kind, 'BadInput');
    assert.deepEqual([...new Set((error.issues ?? []).map((i) => i.path))].sort(), ['name', 'spns.0']);
    assert.deepEqual(listJournals(journalDir), []);
    const steps = apiResultSchema.parse(await api.dispatch('plan.steps', { plan: WEB_GMSA }));
    assert.ok(steps.ok);
    assert.deepEqual(
      (steps.value as { steps: { id: string }[] }).steps.map((s) => s.id),
      ['group', 'group-members', 'account', 'refresh-ticket', 'install', 'test'],
    );
  });
});
