// Scheduled task: the job the admin wanted in the first place, running under the account. The task's settings
// (added to the plan, and to the run that holds it: runs.setTask), then three steps on the computer that runs it —
// "Log on as a batch job" (or, when a domain GPO defines that right, where to add the account instead), the task
// (registered and read back, with a warning when non-administrators can change its script), and a test run whose
// LastTaskResult is shown in words. Like Install & test, the steps offer their scripts to copy when the wizard is not
// on that computer; the plan can be saved, opened and exported as a script from here.
import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowLeftRegular, ArrowRightRegular, DeleteRegular } from '@fluentui/react-icons';
import { useEffect, useMemo } from 'react';
import { planTaskInput, type RunInfo, type RunStep } from '../api/contract';
import { ApiErrorBar } from '../components/ApiErrorBar';
import { useCardStyles } from '../components/cardStyles';
import { PlanFileActions } from '../components/PlanFileActions';
import { useFormContext, usePreviewLoader } from '../components/plan/usePlanErrors';
import { hostStepMode, NotOnTargetBar, useHostStage } from '../components/run/hostStage';
import { StepList } from '../components/run/StepList';
import { UndoSection } from '../components/run/UndoSection';
import { ScreenLayout } from '../components/ScreenLayout';
import { TaskForm } from '../components/task/TaskForm';
import { detailsOf, showTaskMessage, TaskStepDetails } from '../components/task/TaskStepDetails';
import { useTaskLock, type TaskLock } from '../components/task/useTaskErrors';
import { settled, stoppedStep } from '../setup/steps';
import { addTask, removeTask } from '../setup/taskActions';
import { useEnvironment } from '../store/environmentStore';
import { useNavigation } from '../store/navigationStore';
import { usePlan } from '../store/planStore';
import { useRun } from '../store/runStore';
import { sameTask, toTaskInput } from '../store/taskForm';
import { useTask } from '../store/taskStore';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
});

/** DOMAIN\name$ as the task's principal shows it (the NetBIOS domain from the logged-on user, else the DNS name's first label). */
function principalOf(name: string, user: string | null, domain: string | null): string {
  const netbios = user?.includes('\\') === true ? user.split('\\')[0] : domain?.split('.')[0];
  return `${(netbios ?? 'DOMAIN').toUpperCase()}\\${name.trim() === '' ? 'name' : name.trim()}$`;
}

/**
 * The outcome on the computer, as a headline: the test run's LastTaskResult in words, or why the steps stopped.
 * A GPO-defined right is a stop, never a success: the account has no right to log on as a batch job yet; nor is a
 * test run still going at its time limit a failure of the task.
 */
function TaskResult({ steps }: { steps: readonly RunStep[] }) {
  const testRun = steps.find((s) => s.kind === 'task-test-run');
  const report = testRun === undefined ? undefined : detailsOf(testRun).testRun;
  const stopped = stoppedStep(steps);
  const gpo = steps.find((s) => s.kind === 'batch-right' && detailsOf(s).gpo !== undefined && !settled(s));
  if (testRun !== undefined && settled(testRun) && report !== undefined) {
    return (
      <MessageBar intent="success" layout="multiline" data-testid="task-result" data-result={report.result.hex}>
        <MessageBarBody>
          <MessageBarTitle>{`Test run: LastTaskResult ${report.result.hex} — success`}</MessageBarTitle>
          {`${report.result.meaning} The task runs under the account; next run: ${report.nextRunTime?.replace('T', ' ') ?? 'none scheduled'}.`}
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
          <MessageBarTitle>{`The test run was still going after ${Math.round(stoppedReport.elapsedMs / 1000)} s`}</MessageBarTitle>
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

/** Why the task's steps cannot run yet, or null. */
function blockedWhy(run: RunInfo | null, hasTask: boolean, unsaved: boolean): string | null {
  if (run === null) return 'Create the account first (Account): the task’s steps run after Install & test.';
  if (!hasTask) return 'Add the task first (above).';
  if (unsaved) return 'The task above has changes the run does not have yet: press “Update the task” first.';
  const left = run.steps.filter((s) => s.stage !== 'workload' && !settled(s));
  if (left.some((s) => s.stage === 'account')) return 'Finish the directory steps first (Account).';
  if (left.length > 0) return 'Finish Install & test first: Test-ADServiceAccount must be True on the computer.';
  return null;
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

export function ScheduledTaskScreen() {
  const card = useCardStyles();
  const styles = useStyles();
  const ctx = useFormContext();
  const user = useEnvironment((s) => s.environment.value?.user ?? null);
  const busy = useRun((s) => s.activity.kind !== 'idle');
  const error = useRun((s) => (s.error?.for === 'workload' ? s.error.error : null));
  const form = usePlan((s) => s.form);
  const planned = useTask((s) => s.planned);
  const taskForm = useTask((s) => s.form);
  const lock = useTaskLock();
  const goTo = useNavigation((s) => s.goTo);
  usePreviewLoader();
  const stage = useHostStage(
    'workload',
    'task',
    'The exact script of each step appears here once the task is added (and the account is planned).',
  );
  const { active, steps, target, onTarget } = stage;
  const runTask = active === null ? undefined : planTaskInput(active.plan);
  const inRun = runTask !== undefined;
  const hasTask = active === null ? planned : inRun;
  // Form edits the run does not have yet (two zod parses: once per change of the form or the run's task).
  const unsaved = useMemo(
    () => runTask !== undefined && lock === null && !sameTask(toTaskInput(taskForm), runTask),
    [runTask, lock, taskForm],
  );
  const account = principalOf(active === null ? form.name : String(active.plan.name), user, ctx.domain);
  const blocked = blockedWhy(active, hasTask, unsaved);
  const failed = active !== null && stoppedStep(steps) !== null;
  const testRun = steps.find((s) => s.kind === 'task-test-run');
  const shownName =
    lock !== null && runTask !== undefined ? String((runTask as { name?: unknown }).name) : taskForm.name;

  // Once the run has registered the task, the form shows what the run holds (not edits that never reached it).
  useEffect(() => {
    if (lock !== null && runTask !== undefined && !sameTask(toTaskInput(useTask.getState().form), runTask)) {
      useTask.getState().load(runTask);
    }
  }, [lock, runTask]);

  return (
    <ScreenLayout
      title="Scheduled task"
      intro="Run the job under the account: the task’s settings, then on the computer the “Log on as a batch job” right, the task itself and a test run. The PowerShell panel shows each step’s exact script."
    >
      <section className={card.card} aria-labelledby="task-form-heading">
        <div className={card.cardHeader}>
          <h2 id="task-form-heading" className={card.cardHeading}>
            The task
          </h2>
        </div>
        <TaskForm runAs={account} target={target || 'the computer'} />
        {lock === null && (
          <div className={styles.actions}>
            <Button
              id="task-add"
              appearance="primary"
              icon={<AddRegular />}
              disabledFocusable={busy}
              onClick={() => void addTask()}
            >
              {hasTask ? 'Update the task' : active === null ? 'Add the task to the plan' : 'Add the task to the run'}
            </Button>
            {hasTask && (
              <Button
                id="task-remove"
                icon={<DeleteRegular />}
                disabledFocusable={busy}
                onClick={() => void removeTask()}
              >
                Remove the task
              </Button>
            )}
          </div>
        )}
        <p role="status" className={card.note} data-testid="task-status">
          {taskStatus(lock, shownName, target, hasTask, inRun, unsaved)}
        </p>
        {error !== null && error.issues === undefined && <ApiErrorBar error={error} />}
      </section>

      {steps.length > 0 ? (
        <section className={card.card} aria-labelledby="task-steps-heading" data-testid="task-steps">
          <div className={card.cardHeader}>
            <h2 id="task-steps-heading" className={card.cardHeading}>
              {`On ${target || 'the computer'}`}
            </h2>
          </div>
          {!onTarget && <NotOnTargetBar stage={stage} detail=", in this order." />}
          <StepList
            steps={steps}
            stage="workload"
            mode={hostStepMode(stage)}
            panelStep="task"
            doneFocusId="continue-summary-task"
            blocked={blocked}
            explain={(step) => <TaskStepDetails step={step} target={target} account={account} />}
            showMessage={showTaskMessage}
          />
          <TaskResult steps={steps} />
          {testRun !== undefined && settled(testRun) && (
            <div className={styles.actions}>
              <Button
                id="continue-summary-task"
                appearance="primary"
                icon={<ArrowRightRegular />}
                onClick={() => goTo('summary')}
              >
                Continue to Summary
              </Button>
            </div>
          )}
        </section>
      ) : (
        active === null && (
          <section className={card.card} aria-labelledby="task-account-heading">
            <h2 id="task-account-heading" className={card.cardHeading}>
              The account comes first
            </h2>
            <p className={card.note}>
              {planned
                ? 'The task is part of the plan. Its steps (and their scripts) show here once the account’s plan is complete on Account; they run after Install & test.'
                : 'The task runs as the managed service account: plan it on Account (you can fill in the task now; it joins the plan when you add it).'}
            </p>
            <div>
              <Button icon={<ArrowLeftRegular />} onClick={() => goTo('account')}>
                Go to Account
              </Button>
            </div>
          </section>
        )
      )}
      <PlanFileActions id="task-plan-file" />
      {failed && active !== null && active.undo.length > 0 && <UndoSection run={active} />}
    </ScreenLayout>
  );
}
