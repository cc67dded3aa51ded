// Open answers asks before it replaces typed answers (renderer/src/store/replacedAnswers.ts, pure): nothing to ask
// for blank forms or the very same answers; otherwise the words name the account and the task that would go.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { EMPTY_FORM, formFromPlan } from '../../renderer/src/store/planForm';
import { answersReplaced, type FormsNow } from '../../renderer/src/store/replacedAnswers';
import { EMPTY_TASK_FORM, taskFormFromInput } from '../../renderer/src/store/taskForm';

const planOf = (file: string) =>
  (JSON.parse(readFileSync(`assets/examples/${file}`, 'utf8')) as { plan: Record<string, unknown> }).plan;
const GMSA = planOf('gmsa-scheduled-task.json');
const SMSA = planOf('smsa.json');
const BLANK: FormsNow = { plan: EMPTY_FORM, task: EMPTY_TASK_FORM, taskPlanned: false, typed: true };
/** The forms as opening `plan` leaves them. */
const opened = (plan: Record<string, unknown>): FormsNow => ({
  plan: formFromPlan(plan),
  task: plan.task === undefined ? EMPTY_TASK_FORM : taskFormFromInput(plan.task),
  taskPlanned: plan.task !== undefined,
  typed: true,
});

describe('what opening an answers file would replace', () => {
  it('nothing on blank forms, or when the forms already hold that file (key order aside)', () => {
    assert.equal(answersReplaced(BLANK, GMSA), null);
    assert.equal(answersReplaced(opened(GMSA), GMSA), null);
    assert.equal(answersReplaced(opened(SMSA), SMSA), null);
    const reordered = Object.fromEntries(Object.entries(formFromPlan(GMSA)).reverse()) as FormsNow['plan'];
    assert.equal(answersReplaced({ ...opened(GMSA), plan: reordered }, GMSA), null);
  });

  it('names the account, and the task that goes with it', () => {
    assert.equal(answersReplaced(opened(SMSA), GMSA), 'svc-app (sMSA)');
    assert.equal(answersReplaced(opened(GMSA), SMSA), 'svc-report (gMSA), with the scheduled task Nightly Report');
    const edited = opened(GMSA);
    assert.equal(
      answersReplaced({ ...edited, plan: { ...edited.plan, description: 'changed' } }, GMSA),
      'svc-report (gMSA), with the scheduled task Nightly Report',
    );
    assert.equal(
      answersReplaced({ ...edited, task: { ...edited.task, at: '23:00' } }, GMSA),
      'svc-report (gMSA), with the scheduled task Nightly Report',
    );
  });

  it('nothing when no field was typed: what the wizard filled in, or what a file brought, is not lost', () => {
    const filledIn: FormsNow = { ...BLANK, plan: { ...EMPTY_FORM, accountType: 'smsa', computers: ['WEB01'] } };
    assert.equal(answersReplaced({ ...filledIn, typed: false }, GMSA), null);
    assert.equal(answersReplaced({ ...opened(SMSA), typed: false }, GMSA), null);
    assert.equal(answersReplaced(filledIn, GMSA), 'an sMSA with no name yet', 'the same forms, typed');
  });

  it('counts any typed field: a type chosen, a name, a task being typed but not added', () => {
    assert.equal(
      answersReplaced({ ...BLANK, plan: { ...EMPTY_FORM, accountType: 'smsa' } }, GMSA),
      'an sMSA with no name yet',
    );
    assert.equal(answersReplaced({ ...BLANK, plan: { ...EMPTY_FORM, name: ' svc-mine ' } }, GMSA), 'svc-mine (gMSA)');
    assert.equal(
      answersReplaced({ ...BLANK, task: { ...EMPTY_TASK_FORM, name: 'Backup' } }, SMSA),
      'a gMSA with no name yet, and a scheduled task being typed (Backup)',
    );
    assert.equal(
      answersReplaced({ ...BLANK, task: { ...EMPTY_TASK_FORM, path: 'C:\\x.ps1' } }, SMSA),
      'a gMSA with no name yet, and a scheduled task being typed',
    );
  });
});
