// The scheduled task on the Use the account screen: its form (added to the plan, and to the run that holds it:
// runs.setWorkload for the workload 'task'), its buttons and status, and the outcome of its steps as a headline (the
// test run's LastTaskResult in words, or why the steps stopped).
import { formatDuration, formatWhen } from '../../format/when';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular, SaveRegular } from '@fluentui/react-icons';
import { useEffect, useMemo } from 'react';
import { createPortal } from 'react-dom';
import { planTaskInput, type RunStep } from '../../api/contract';
import { ApiErrorBar } from '../ApiErrorBar';
import { useCardStyles } from '../cardStyles';
import { useScreenActionsSlot } from '../ScreenLayout';
import { TaskForm } from './TaskForm';
import { detailsOf } from './TaskStepDetails';
import { warningCount, warningsOf } from '../workloads/WorkloadResult';
import { useTaskLock, type TaskLock } from './useTaskErrors';
import { focusById } from '../../setup/focus';
import { isActive, settled, stoppedStep } from '../../setup/steps';
import { useAdding } from '../../setup/addGuard';
import { addTask, removeTask } from '../../setup/taskActions';
import { useRun } from '../../store/runStore';
import { sameTask, toTaskInput } from '../../store/taskForm';
import { useTask } from '../../store/taskStore';
import { useWorkloads } from '../../store/workloadStore';

/** The overview's button for the task (every other kind's is its descriptor's addLabel). */
export const ADD_TASK_LABEL = 'Add a scheduled task';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
});

/** DOMAIN\name$ as the task's principal shows it (the NetBIOS domain from the logged-on user, else the DNS name's first label). */
export function principalOf(name: string, user: string | null, domain: string | null): string {
  const netbios = user?.includes('\\') === true ? user.split('\\')[0] : domain?.split('.')[0];
  return `${(netbios ?? 'DOMAIN').toUpperCase()}\\${name.trim() === '' ? 'name' : name.trim()}$`;
}

/**
 * The outcome on the computer, as a headline: the test run's LastTaskResult in words, or why the steps stopped.
 * A GPO-defined right is a stop, never a success: the account has no right to log on as a batch job yet; nor is a
 * test run still going at its time limit a failure of the task.
 */
export function TaskResult({ steps }: { steps: readonly RunStep[] }) {
  const testRun = steps.find((s) => s.kind === 'task-test-run');
  const report = testRun === undefined ? undefined : detailsOf(testRun).testRun;
  const stopped = stoppedStep(steps);
  const gpo = steps.find((s) => s.kind === 'batch-right' && detailsOf(s).gpo !== undefined && !settled(s));
  // A warning (others can change the task's script) is a thing to fix, not a success to celebrate.
  const warnings = warningsOf(steps);
  if (testRun !== undefined && settled(testRun) && report !== undefined && warnings.length > 0) {
    return (
      <MessageBar
        intent="warning"
        layout="multiline"
        data-testid="task-result"
        data-result={report.result.hex}
        data-warnings={warnings.length}
      >
        <MessageBarBody>
          <MessageBarTitle>{`Test run: LastTaskResult ${report.result.hex} — success, but ${warningCount(warnings.length)} to fix`}</MessageBarTitle>
          {`${warnings.join(' ')} Until that is fixed, whoever can change what the task runs can act as the account.`}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (testRun !== undefined && settled(testRun) && report !== undefined) {
    return (
      <MessageBar intent="success" layout="multiline" data-testid="task-result" data-result={report.result.hex}>
        <MessageBarBody>
          <MessageBarTitle>{`Test run: LastTaskResult ${report.result.hex} — success`}</MessageBarTitle>
          {`${report.result.meaning} The task runs under the account; next run: ${report.nextRunTime === null ? 'none scheduled' : formatWhen(report.nextRunTime)}.`}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (gpo !== undefined) {
    return (
      <MessageBar intent="warning" layout="multiline" data-testid="task-result" data-result="gpo">
        <MessageBarBody>
          <MessageBarTitle>Not done: the batch right must be granted in the GPO</MessageBarTitle>
          The account cannot run the task until a domain administrator adds it to the GPO shown above and the policy is
          refreshed on the computer. Then run “Log on as a batch job” again.
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (stopped === null) return null;
  const stoppedReport = stopped.kind === 'task-test-run' ? detailsOf(stopped).testRun : undefined;
  if (stoppedReport !== undefined && !stoppedReport.finished) {
    return (
      <MessageBar intent="warning" layout="multiline" data-testid="task-result" data-result="still-running">
        <MessageBarBody>
          <MessageBarTitle>{`The test run was still going after ${formatDuration(stoppedReport.elapsedMs)}`}</MessageBarTitle>
          Its result is not known yet: check it later in Task Scheduler (or run the test again), or stop it with
          Stop-ScheduledTask if it never ends.
        </MessageBarBody>
      </MessageBar>
    );
  }
  const decoded = stoppedReport?.result;
  return (
    <MessageBar
      intent="error"
      layout="multiline"
      data-testid="task-result"
      data-result={decoded?.hex ?? 'failed'}
      data-step={stopped.id}
    >
      <MessageBarBody>
        <MessageBarTitle>
          {decoded === undefined
            ? `The task does not run yet: ${stopped.title} did not succeed`
            : `Test run failed: LastTaskResult ${decoded.hex}`}
        </MessageBarTitle>
        {decoded === undefined
          ? 'See the step above for what happened and what to do.'
          : `${decoded.meaning} ${decoded.fix}`}
      </MessageBarBody>
    </MessageBar>
  );
}

/** What the status line says about the task: read-only and why, part of the run or the plan, or unsaved edits. */
function taskStatus(lock: TaskLock, name: string, target: string, hasTask: boolean, inRun: boolean, unsaved: boolean) {
  if (lock === 'registered')
    return `${name} is registered on ${target}: its settings can no longer be changed in this run.`;
  if (lock === 'cut-off')
    return 'A step of the task was cut off: run it again below; until then the task cannot be changed.';
  if (lock === 'undoing') return 'This run is being undone: its task can no longer be changed.';
  if (unsaved) return 'The task has changes the run does not have yet: press “Update the task”.';
  if (!hasTask) return '';
  return inRun
    ? 'The task is part of this run: run its steps below.'
    : 'The task is part of the plan: its steps run after Install & test.';
}

/** The task's card: its form, "Add the task to the plan / run" (or "Update the task"), "Remove the task", its status. */
export function TaskSection({ target, account }: { target: string; account: string }) {
  const card = useCardStyles();
  const styles = useStyles();
  const busy = useRun((s) => s.activity.kind !== 'idle');
  // Add is under way (the task's file checked on its computer first): one click sends one runs.setTask.
  const checking = useAdding((s) => s.adding.task === true);
  const mine = useWorkloads((s) => s.lastCall === null || s.lastCall === 'task');
  const error = useRun((s) => (s.error?.for === 'workload' ? s.error.error : null));
  const run = useRun((s) => s.run);
  const active = isActive(run) ? run : null;
  const planned = useTask((s) => s.planned);
  const taskForm = useTask((s) => s.form);
  const lock = useTaskLock();
  const slot = useScreenActionsSlot();
  const runTask = active === null ? undefined : planTaskInput(active.plan);
  const inRun = runTask !== undefined;
  const hasTask = active === null ? planned : inRun;
  // Form edits the run does not have yet (two zod parses: once per change of the form or the run's task).
  const unsaved = useMemo(
    () => runTask !== undefined && lock === null && !sameTask(toTaskInput(taskForm), runTask),
    [runTask, lock, taskForm],
  );
  const shownName =
    lock !== null && runTask !== undefined ? String((runTask as { name?: unknown }).name) : taskForm.name;

  // Once the run has registered the task, the form shows what the run holds (not edits that never reached it).
  useEffect(() => {
    if (lock !== null && runTask !== undefined && !sameTask(toTaskInput(useTask.getState().form), runTask)) {
      useTask.getState().load(runTask);
    }
  }, [lock, runTask]);

  // Add and Remove stay in view below a long form: in the screen's sticky action bar (ScreenLayout).
  const actions =
    lock === null ? (
      <div className={styles.actions}>
        <Button
          id="task-add"
          appearance="primary"
          icon={hasTask ? <SaveRegular /> : <AddRegular />}
          disabledFocusable={busy || checking}
          onClick={() => void addTask()}
        >
          {checking
            ? 'Checking…'
            : hasTask
              ? 'Update the task'
              : active === null
                ? 'Add the task to the plan'
                : 'Add the task to the run'}
        </Button>
        <Button
          id="task-remove"
          icon={<DeleteRegular />}
          disabledFocusable={busy}
          onClick={() =>
            void removeTask().then((removed) => {
              if (!removed) return;
              useTask.getState().load(undefined);
              useWorkloads.getState().setTaskOpen(false);
              focusById('workloads-heading', false);
            })
          }
        >
          Remove the task
        </Button>
      </div>
    ) : null;

  return (
    <section className={card.card} aria-labelledby="task-form-heading" data-workload="task">
      <div className={card.cardHeader}>
        <h2 id="task-form-heading" className={card.cardHeading} tabIndex={-1}>
          Scheduled task
        </h2>
      </div>
      <TaskForm runAs={account} target={target || 'the computer'} />
      {actions !== null && (slot === null ? actions : createPortal(actions, slot))}
      <p role="status" className={card.note} data-testid="task-status">
        {taskStatus(lock, shownName, target, hasTask, inRun, unsaved)}
      </p>
      {error !== null && mine && error.issues === undefined && <ApiErrorBar error={error} />}
    </section>
  );
}

/** Whether the task's form holds changes the run does not have yet. */
export function useTaskUnsaved(): boolean {
  const run = useRun((s) => s.run);
  const taskForm = useTask((s) => s.form);
  const lock = useTaskLock();
  const runTask = isActive(run) ? planTaskInput(run.plan) : undefined;
  return useMemo(
    () => runTask !== undefined && lock === null && !sameTask(toTaskInput(taskForm), runTask),
    [runTask, lock, taskForm],
  );
}
