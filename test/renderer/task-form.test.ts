// The Scheduled task screen's form logic (renderer/src/store/taskForm.ts, pure): what the core gets from the form,
// the form again from a plan's task (a resumed run, an opened answers file) — round trip for every sample task —,
// each rule's problem on the field that shows it, and "same task" with defaults filled in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { taskSettingsSchema } from '../../electron/common/workloads/scheduled-task/task-schema';
import { SAMPLE_TASKS } from '../task/task-samples';
import {
  EMPTY_TASK_FORM,
  sameTask,
  taskFormFromInput,
  taskServerIssues,
  toTaskInput,
  validateTaskForm,
} from '../../renderer/src/store/taskForm';

describe('task form', () => {
  it('the empty form is daily at 12:05, a PowerShell script, highest privileges off, 3 days limit', () => {
    const input = toTaskInput(EMPTY_TASK_FORM);
    assert.deepEqual(input.trigger, { kind: 'daily', at: '12:05' });
    assert.equal(input.action.kind, 'powershell-script');
    assert.equal(input.highestPrivileges, false);
    assert.equal(input.stopAfterMinutes, 4320);
    assert.equal(input.repetition, undefined);
  });

  it('round-trips every sample task (all trigger kinds, repetition, both actions, every option)', () => {
    for (const task of SAMPLE_TASKS) {
      const again = toTaskInput(taskFormFromInput(task));
      assert.ok(sameTask(again, task), JSON.stringify({ task, again }));
      assert.deepEqual(validateTaskForm(taskFormFromInput(task)), {}, JSON.stringify(task));
    }
  });

  it("puts each rule's problem on its field; a startup trigger drops a hidden repetition instead of refusing", () => {
    const errors = validateTaskForm({
      ...EMPTY_TASK_FORM,
      path: 'Scripts/run.ps1',
      triggerKind: 'weekly',
      days: [],
      at: '25:00',
      repeat: true,
      intervalMinutes: 'often',
    });
    assert.equal(errors.name, 'Enter a name for the task.');
    assert.match(errors.path ?? '', /backslashes/);
    assert.equal(errors.days, 'Choose at least one day of the week.');
    assert.match(errors.at ?? '', /HH:MM/);
    assert.match(errors.intervalMinutes ?? '', /whole number of minutes/);
    const once = validateTaskForm({
      ...EMPTY_TASK_FORM,
      name: 'x',
      path: 'C:\\x.ps1',
      triggerKind: 'once',
      onceAt: '2031-02-30 10:00',
    });
    assert.deepEqual(Object.keys(once), ['onceAt']);
    const startup = { ...EMPTY_TASK_FORM, name: 'x', path: 'C:\\x.ps1', triggerKind: 'startup' as const, repeat: true };
    assert.deepEqual(validateTaskForm(startup), {});
    assert.equal(toTaskInput(startup).repetition, undefined);
  });

  it("maps the core's plan paths (task.*) to the task's fields; other problems are not the task's", () => {
    const { fields, other } = taskServerIssues(
      [
        { path: 'task.action.path', message: 'a' },
        { path: 'task.trigger.at', message: 'b' },
        { path: 'task', message: 'c' },
        { path: 'name', message: 'not the task' },
      ],
      'once',
    );
    assert.deepEqual(fields, { path: 'a', onceAt: 'b' });
    assert.deepEqual(other, ['c']);
  });

  it('sameTask compares settings with defaults filled in; an invalid task is never the same', () => {
    const short = { name: 'N', action: { kind: 'powershell-script', path: 'C:\\N.ps1' } };
    assert.ok(sameTask(short, taskSettingsSchema.parse(short)));
    assert.ok(!sameTask(short, { ...short, name: 'M' }));
    assert.ok(!sameTask({ name: '' }, { name: '' }));
  });
});
