// The setup steps as the screens show them: a run's steps, or before a run exists the plan's previewed steps (all
// pending). Each step belongs to a stage, and each stage to a screen: the directory steps (Account), the host steps
// that make the account usable (Install & test: ticket, install, test) and the task's (Scheduled task: batch right,
// task, test run). Host and task steps run on the target computer; the others change the directory.
import type { RunInfo, RunStep, StepPreview } from '../api/contract';

// What a run's state means for the screens (here, not in the run store: only the setup screens ask, and they load
// after first paint).

/** A run that holds the form: open (steps left) or completed. An undone or closed run no longer does. */
export const isActive = (run: RunInfo | null): run is RunInfo =>
  run !== null && (run.state === 'open' || run.state === 'completed');

/** Undo has begun: the run's steps can no longer run (finish the undo, then start again). */
export const isUndoing = (run: RunInfo): boolean => run.undo.some((u) => u.status === 'done');

/** Short tab labels for the PowerShell panel. */
const LABELS: Readonly<Record<string, string>> = {
  group: 'Group',
  'group-members': 'Members',
  account: 'Account',
  'smsa-link': 'Link',
  'refresh-ticket': 'Ticket',
  install: 'Install',
  test: 'Test',
  'batch-right': 'Batch right',
  'scheduled-task': 'Task',
  'task-test-run': 'Test run',
};

export const stepLabel = (step: { id: string; title: string; label?: string }): string =>
  step.label ?? LABELS[step.id] ?? step.title;

/** Steps as the PowerShell panel's tabs: a short label, the title, the exact script. */
export const panelScripts = (steps: readonly { id: string; title: string; script: string }[]) =>
  steps.map((s) => ({ key: s.id, label: stepLabel(s), title: s.title, script: s.script }));

export function previewSteps(previews: readonly StepPreview[]): RunStep[] {
  return previews.map((p) => ({
    ...p,
    status: 'pending',
    message: null,
    errorKind: null,
    created: [],
    startedAt: null,
    finishedAt: null,
  }));
}

/** The steps to show: the run's when there is one, else the preview's. */
export function shownSteps(run: RunInfo | null, previews: readonly StepPreview[] | null): RunStep[] {
  if (run !== null) return run.steps;
  return previews === null ? [] : previewSteps(previews);
}

export const settled = (step: RunStep): boolean => step.status === 'done' || step.status === 'exists';

/**
 * A step that was cut off: PowerShell never answered it (it timed out, or the session was lost) or the wizard closed
 * while it ran, so it may have changed AD or the computer before it stopped. The journal says 'running'; a run the
 * core hands over never has a step running now (it runs one operation at a time and folds the journal after it), so
 * 'running' in a RunInfo always means cut off ("Interrupted"). Running it again finds what it made and credits the
 * run with it; undo waits until then.
 */
export const isCutOff = (step: RunStep): boolean => step.status === 'running';

/**
 * The step the run stopped at, if it stopped: the first one that conflicts, failed or was cut off. The one test of
 * "the run stopped" for every screen (the failure bars, "Change the plan", Undo).
 */
export function stoppedStep(steps: readonly RunStep[]): RunStep | null {
  return steps.find((s) => s.status === 'conflict' || s.status === 'failed' || isCutOff(s)) ?? null;
}

/** The step the admin can run next: the first one not done (a failed or conflicting one runs again). */
export function nextStep(steps: readonly RunStep[]): RunStep | null {
  return steps.find((s) => !settled(s)) ?? null;
}
