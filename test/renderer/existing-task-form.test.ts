// The existing scheduled task's descriptor on the Use the account screen (renderer/src/workloads/existing-task/): side
// by side is the default and maps to the generic form's "a new one" (the gMSA copy), in place to "an existing one";
// the typed full name splits into TaskPath and TaskName; the form comes back from the settings unchanged; the core's
// zod rules accept what it sends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { existingTaskWorkload as existingTaskForm } from '../../renderer/src/workloads/existing-task';
import { formKindOf } from '../../renderer/src/workloads/registry';

describe('the existing-task form', () => {
  it('is listed in the registry', () => {
    assert.equal(formKindOf('existing-task'), existingTaskForm);
  });

  it('side by side is the default (a new copy), in place the existing task; the full name splits into folder and name', () => {
    assert.equal(existingTaskForm.empty.mode, 'create');
    const side = existingTaskForm.toSettings({ ...existingTaskForm.empty, name: '\\Reports\\Export inactive users' });
    assert.deepEqual(side, {
      taskPath: '\\Reports\\',
      taskName: 'Export inactive users',
      mode: 'side-by-side',
      testRun: true,
      acknowledgeNoRestore: false,
    });
    assert.ok(existingTaskForm.schema.safeParse(side).success);
    const inPlace = existingTaskForm.toSettings({
      mode: 'existing',
      name: 'Nightly',
      testRun: false,
      acknowledgeNoRestore: true,
    });
    assert.deepEqual(inPlace, {
      taskPath: '\\',
      taskName: 'Nightly',
      mode: 'in-place',
      testRun: false,
      acknowledgeNoRestore: true,
    });
    for (const settings of [side, inPlace]) {
      assert.deepEqual(existingTaskForm.toSettings(existingTaskForm.fromSettings(settings)), settings);
    }
    assert.deepEqual(existingTaskForm.fromSettings({ taskPath: '\\Reports', taskName: 'X', mode: 'in-place' }), {
      mode: 'existing',
      name: '\\Reports\\X',
      testRun: true,
      acknowledgeNoRestore: false,
    });
    assert.equal(existingTaskForm.stepWhy('existing-task-move', 'CONTOSO\\svc-report$')?.includes('(gMSA)'), true);
    assert.equal(existingTaskForm.stepWhy('batch-right', 'x'), null);
  });
});
