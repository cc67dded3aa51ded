// One test of "the run stopped" for every screen (setup/steps.ts stoppedStep): a step that conflicts, failed, or was
// cut off (the journal says 'running': PowerShell never answered it, or the wizard closed while it ran). A cut-off
// step is a stop like a failure: "Change the plan" and the undo list show, the failure bars name it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunStep } from '../../renderer/src/api/contract';
import { isCutOff, nextStep, stoppedStep } from '../../renderer/src/setup/steps';

const step = (id: string, status: RunStep['status'], errorKind: string | null = null): RunStep => ({
  id,
  kind: id,
  title: id,
  label: id,
  script: '',
  where: 'directory',
  stage: 'account',
  host: null,
  workloadId: null,
  settingsDependent: false,
  remote: false,
  status,
  message: errorKind === null ? null : 'The command timed out.',
  errorKind,
  created: [],
  startedAt: null,
  finishedAt: null,
});

describe('the step a run stopped at', () => {
  it('is none while every step is done, found or not run yet', () => {
    assert.equal(stoppedStep([]), null);
    assert.equal(
      stoppedStep([step('group', 'done'), step('group-members', 'exists'), step('account', 'pending')]),
      null,
    );
  });

  it('is the step that conflicts or failed', () => {
    for (const status of ['conflict', 'failed'] as const) {
      const steps = [step('group', 'done'), step('group-members', status), step('account', 'pending')];
      assert.equal(stoppedStep(steps)?.id, 'group-members', status);
    }
  });

  it('is a cut-off step: a timed-out or lost one (folded to running) as much as one whose end never reached the journal', () => {
    for (const errorKind of ['Timeout', 'SessionLost', null]) {
      const steps = [step('group', 'done'), step('account', 'running', errorKind), step('smsa-link', 'pending')];
      const stopped = stoppedStep(steps);
      assert.equal(stopped?.id, 'account', String(errorKind));
      assert.ok(stopped !== null && isCutOff(stopped));
      assert.equal(nextStep(steps)?.id, 'account', 'it is the step to run again');
    }
    assert.equal(isCutOff(step('account', 'failed', 'Unknown')), false);
  });
});
