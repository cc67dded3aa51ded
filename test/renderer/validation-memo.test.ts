// validateForm and validateTaskForm remember their last answer (zod once per change of the form object, however many
// components ask): the memo must never hand out a stale or shared answer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_FORM, validateForm, type FormContext } from '../../renderer/src/store/planForm';
import { EMPTY_TASK_FORM, validateTaskForm } from '../../renderer/src/store/taskForm';

const HERE: FormContext = { computer: 'WEB01', domain: 'contoso.com' };

describe('the form validation memo', () => {
  it('answers each new form object afresh, and the same object the same way', () => {
    const blank = { ...EMPTY_FORM };
    const first = validateForm(blank, HERE);
    assert.match(first.name ?? '', /./, 'a blank name is a problem');
    const named = { ...blank, name: 'svc-web', computers: ['WEB01'], groupName: 'gMSA-Web-Hosts' };
    assert.deepEqual(validateForm(named, HERE), {});
    assert.deepEqual(validateForm(blank, HERE), first, 'back to the first form: its own answer, not the last one');
  });

  it('hands each caller its own copy (a caller adding a problem does not change the next answer)', () => {
    const form = { ...EMPTY_FORM, name: 'svc-web', computers: ['WEB01'], groupName: 'gMSA-Web-Hosts' };
    const mine = validateForm(form, HERE);
    mine.name = 'svc-web$ is already used by the user CN=svc-web';
    assert.deepEqual(validateForm(form, HERE), {});
    const task = { ...EMPTY_TASK_FORM };
    const taskErrors = validateTaskForm(task);
    taskErrors.path = 'changed by a caller';
    assert.notEqual(validateTaskForm(task).path, 'changed by a caller');
  });

  it('asks again when the context changes: no computer to default the target to is a problem', () => {
    const form = { ...EMPTY_FORM, name: 'svc-web', computers: ['WEB01'], groupName: 'gMSA-Web-Hosts' };
    assert.deepEqual(validateForm(form, HERE), {});
    assert.match(validateForm(form, { computer: null, domain: null }).targetComputer ?? '', /./);
  });
});
