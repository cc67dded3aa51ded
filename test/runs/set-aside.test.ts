// Runs set aside ("Change the plan", the resume banner's Set aside) are not lost: runs.setAside lists them with what
// they created; a new run that finds an object such a run made takes it over (its journal is the evidence), so its
// Undo all removes it too and the earlier run's journal records it as undone; undo goes in order (the newer run
// first). An object no run of this wizard made is never taken over. Real pwsh lab, real journals.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { apiResultSchema, API, type SetAsideRun } from '../../electron/common/api/contract.js';
import type { Api } from '../../electron/common/api/handlers.js';
import { parsePlan } from '../../electron/common/plan/plan-schema.js';
import { readJournal } from '../../electron/common/runs/journal.js';
import { groupStep } from '../../electron/common/steps/group.js';
import { sharedLab } from '../checks/lab-session.js';
import { labState } from '../helpers/lab.js';
import { coreOn, journals, ok, refused, WEB_GMSA } from './run-api.js';

const lab = sharedLab();
after(() => lab.session.dispose());

const groups = (dir: string) =>
  labState(dir).objects.filter((o) => o.objectClass === 'group' && o.name === 'gMSA-Web-Hosts').length;

async function setAsideRuns(api: Api): Promise<SetAsideRun[]> {
  const result = apiResultSchema.parse(await api.dispatch('runs.setAside', {}));
  assert.ok(result.ok, JSON.stringify(result));
  return API['runs.setAside'].output.parse(result.value).runs;
}

describe('runs set aside', () => {
  it('a set-aside run stays listed; the next run takes its group over and its Undo all removes it, in order', async () => {
    const dir = await lab.use('healthy');
    const journalDir = journals();
    let api = coreOn(journalDir, lab.session);
    // The first run makes the group, then is set aside ("Change the plan").
    let first = await ok(api, 'runs.start', { plan: WEB_GMSA });
    first = await ok(api, 'runs.step', { runId: first.runId, stepId: 'group' });
    first = await ok(api, 'runs.close', { runId: first.runId });
    assert.equal(first.state, 'closed');
    assert.ok(first.setAsideAt !== null);

    // The second run finds the group: 'exists', but credited to it as inherited from the first.
    let second = await ok(api, 'runs.start', { plan: WEB_GMSA });
    second = await ok(api, 'runs.all', { runId: second.runId, where: 'directory' });
    assert.equal(second.steps.find((s) => s.id === 'group')?.status, 'exists');
    const groupUndo = second.undo.find((u) => u.stepId === 'group');
    assert.ok(groupUndo !== undefined, 'the inherited group is in the new run’s undo');
    assert.deepEqual(
      groupUndo.inherited.map((i) => [i.object.kind, i.runId, i.setAsideAt]),
      [['group', first.runId, first.setAsideAt]],
    );

    // A fresh core (a reload): the set-aside run is listed, taken over by the second.
    api = coreOn(journalDir, lab.session);
    let listed = await setAsideRuns(api);
    assert.deepEqual(
      listed.map((r) => [r.run.runId, r.run.state, r.takenOverBy?.runId]),
      [[first.runId, 'closed', second.runId]],
    );
    assert.deepEqual(
      listed[0]?.run.undo.map((u) => [u.stepId, u.status]),
      [['group', 'pending']],
    );

    // In order: the first run's undo waits for the second's, which covers the group.
    assert.match((await refused(api, 'runs.undo', { runId: first.runId, all: true })).title, /newer run/);
    assert.equal(groups(dir), 1);
    second = await ok(api, 'runs.undo', { runId: second.runId, all: true });
    assert.equal(second.state, 'undone');
    assert.equal(groups(dir), 0, 'the group the first run made is gone');

    // The first run's journal records its group as undone by the later run.
    listed = await setAsideRuns(api);
    assert.equal(listed[0]?.run.state, 'undone');
    assert.match(listed[0]?.run.undo[0]?.message ?? '', /later run/);
    assert.ok(readJournal(first.journal).some((r) => r.type === 'undo-finished' && r.stepId === 'group'));
  });

  it('down a chain: each run set aside in turn; the last one’s undo settles every journal that listed the group', async () => {
    const dir = await lab.use('healthy');
    const api = coreOn(journals(), lab.session);
    const setAsideAfterGroup = async () => {
      let run = await ok(api, 'runs.start', { plan: WEB_GMSA });
      run = await ok(api, 'runs.step', { runId: run.runId, stepId: 'group' });
      return ok(api, 'runs.close', { runId: run.runId });
    };
    const first = await setAsideAfterGroup();
    const second = await setAsideAfterGroup();
    assert.equal(second.undo[0]?.inherited[0]?.runId, first.runId, 'the second took the group over from the first');
    let third = await ok(api, 'runs.start', { plan: WEB_GMSA });
    third = await ok(api, 'runs.step', { runId: third.runId, stepId: 'group' });
    assert.equal(third.undo[0]?.inherited[0]?.runId, second.runId, 'the newest run that credits it decides');
    // In order: neither earlier run can be undone while a newer one holds the group.
    for (const earlier of [first, second]) {
      assert.match((await refused(api, 'runs.undo', { runId: earlier.runId, all: true })).title, /newer run/);
    }
    await ok(api, 'runs.undo', { runId: third.runId, all: true });
    assert.equal(groups(dir), 0);
    assert.deepEqual(
      (await setAsideRuns(api)).map((r) => [r.run.runId, r.run.state]),
      [
        [second.runId, 'undone'],
        [first.runId, 'undone'],
      ],
    );
  });

  it('a set-aside run nobody took over is undone on its own; a group no run made is never taken over', async () => {
    const dir = await lab.use('healthy');
    const api = coreOn(journals(), lab.session);
    let first = await ok(api, 'runs.start', { plan: WEB_GMSA });
    first = await ok(api, 'runs.step', { runId: first.runId, stepId: 'group' });
    await ok(api, 'runs.close', { runId: first.runId });
    first = await ok(api, 'runs.undo', { runId: first.runId, all: true });
    assert.equal(first.state, 'undone');
    assert.equal(groups(dir), 0);
    assert.deepEqual(
      (await setAsideRuns(api)).map((r) => [r.run.state, r.takenOverBy]),
      [['undone', null]],
    );

    // The group made again outside the wizard: the run that finds it reuses it and never removes it.
    await lab.session.run(groupStep.preview(parsePlan(WEB_GMSA)));
    let next = await ok(api, 'runs.start', { plan: WEB_GMSA });
    next = await ok(api, 'runs.all', { runId: next.runId, where: 'directory' });
    assert.equal(
      next.undo.find((u) => u.stepId === 'group'),
      undefined,
    );
    await ok(api, 'runs.undo', { runId: next.runId, all: true });
    assert.equal(groups(dir), 1, 'what the journal does not list stays');
  });
});
