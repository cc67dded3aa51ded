// Use the account: what runs as the managed service account — scheduled tasks, Windows services and IIS application
// pools, each on its computer. The plan's workloads as a list (kind, computer, what, how far its steps got), a button
// per kind to add one, each with its form (added to the plan, and to the run that holds it: runs.setWorkload), then the
// steps per computer: the user rights each needs there (granted once per computer, or the GPO path when a domain GPO
// defines the right) and each workload's own steps, run one by one or all on this computer, offered as scripts to copy
// for another one. Each workload's outcome shows as a headline; undo is offered when a step stopped.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular, ArrowRightRegular } from '@fluentui/react-icons';
import { useMemo } from 'react';
import { WORKLOAD_KIND_NAMES, type RunInfo, type RunStep } from '../api/contract';
import { ApiErrorBar } from '../components/ApiErrorBar';
import { useCardStyles } from '../components/cardStyles';
import { PlanFileActions } from '../components/PlanFileActions';
import { MigrationCard } from '../components/migration/MigrationCard';
import { useFormContext, usePlanInput, usePreviewLoader } from '../components/plan/usePlanErrors';
import { hostStepMode, NotOnTargetBar, useHostStage } from '../components/run/hostStage';
import { StepList } from '../components/run/StepList';
import { UndoSection } from '../components/run/UndoSection';
import { ScreenLayout } from '../components/ScreenLayout';
import { principalOf, TaskResult, TaskSection, useTaskUnsaved } from '../components/task/TaskSection';
import { showTaskMessage, TaskStepDetails } from '../components/task/TaskStepDetails';
import { WorkloadCard } from '../components/workloads/WorkloadCard';
import { WorkloadResult, workloadStepWhy } from '../components/workloads/WorkloadResult';
import { WorkloadsOverview } from '../components/workloads/WorkloadsOverview';
import { STEPS_CALL } from '../setup/actions';
import { settled, stoppedStep } from '../setup/steps';
import { unsavedInRun } from '../setup/workloadActions';
import { useEnvironment } from '../store/environmentStore';
import { useNavigation } from '../store/navigationStore';
import { usePlan } from '../store/planStore';
import { planWorkloads, stepsOfWorkload } from '../store/planWorkloads';
import { toTaskInput } from '../store/taskForm';
import { useRun } from '../store/runStore';
import { useTask } from '../store/taskStore';
import { toSettings } from '../store/workloadForms';
import { useWorkloads } from '../store/workloadStore';
import { TASK_KIND } from '../workloads/registry';

const useStyles = makeStyles({
  hostHeading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

/** Why the workloads' steps cannot run yet, or null. */
function blockedWhy(run: RunInfo | null, hasWorkload: boolean, taskUnsaved: boolean, unsaved: boolean): string | null {
  if (run === null) return 'Create the account first (Account): the workloads’ steps run after Install & test.';
  if (!hasWorkload) return 'Add a workload first (above).';
  if (taskUnsaved) return 'The task above has changes the run does not have yet: press “Update the task” first.';
  if (unsaved) return 'A workload above has changes the run does not have yet: press “Update” first.';
  const left = run.steps.filter((s) => s.stage !== 'workload' && !settled(s));
  if (left.some((s) => s.stage === 'account')) return 'Finish the directory steps first (Account).';
  if (left.length > 0) return 'Finish Install & test first: Test-ADServiceAccount must be True on the computer.';
  return null;
}

/** The stage's steps by computer, in plan order. */
function byHost(steps: readonly RunStep[], target: string): { host: string; steps: RunStep[] }[] {
  const groups: { host: string; steps: RunStep[] }[] = [];
  for (const step of steps) {
    const host = step.host ?? target;
    const group = groups.find((g) => g.host.toUpperCase() === host.toUpperCase());
    if (group === undefined) groups.push({ host, steps: [step] });
    else group.steps.push(step);
  }
  return groups;
}

export function UseAccountScreen() {
  const card = useCardStyles();
  const styles = useStyles();
  const ctx = useFormContext();
  const user = useEnvironment((s) => s.environment.value?.user ?? null);
  const form = usePlan((s) => s.form);
  const drafts = useWorkloads((s) => s.drafts);
  const taskOpen = useWorkloads((s) => s.taskOpen);
  const taskPlanned = useTask((s) => s.planned);
  const goTo = useNavigation((s) => s.goTo);
  usePreviewLoader();
  const stage = useHostStage(
    'workload',
    'task',
    'The exact script of each step appears here once a workload is added (and the account is planned).',
  );
  const { active, steps, target, onTarget, here } = stage;
  const taskUnsaved = useTaskUnsaved();
  const stepsCall = useWorkloads((s) => s.lastCall === STEPS_CALL);
  const runError = useRun((s) => (s.error?.for === 'workload' ? s.error.error : null));
  const stepsError = stepsCall ? runError : null;
  const runPlan = active?.plan ?? null;
  const planInput = usePlanInput();
  const taskForm = useTask((s) => s.form);
  // The run's workloads, or before a run the ones added to the plan from the forms.
  const workloads = useMemo(() => {
    if (runPlan !== null) return planWorkloads(runPlan);
    return planWorkloads({
      targetComputer: target,
      ...(taskPlanned ? { task: toTaskInput(taskForm) } : {}),
      workloads: drafts
        .filter((d) => d.planned)
        .map((d) => ({ id: d.id, kind: d.kindForm.kind, host: d.host, settings: toSettings(d.kindForm) })),
    });
  }, [runPlan, target, taskPlanned, taskForm, drafts]);
  const unsaved = drafts.some((d) => unsavedInRun(active, d));
  const hasWorkload = active === null ? taskPlanned || drafts.some((d) => d.planned) : workloads.length > 0;
  const account = principalOf(active === null ? form.name : String(active.plan.name), user, ctx.domain);
  const blocked = blockedWhy(active, hasWorkload, taskUnsaved, unsaved);
  const failed = active !== null && stoppedStep(steps) !== null;
  const runnable = steps;
  const allDone = active !== null && runnable.length > 0 && runnable.every(settled);
  const showTask = taskPlanned || taskOpen || workloads.some((w) => w.id === 'task');
  const groups = byHost(steps, target);

  const explain = (step: RunStep) => {
    const words = workloadStepWhy(step, account);
    if (words !== null) return <p className={card.note}>{words}</p>;
    return <TaskStepDetails step={step} target={step.host ?? target} account={account} />;
  };

  return (
    <ScreenLayout
      title="Use the account"
      intro="Put the account to work: a scheduled task, a Windows service or an IIS application pool, on this computer or another. Each gets the user right it needs on its computer, is pointed at the account and checked. The PowerShell panel shows each step’s exact script."
      actions={
        allDone ? (
          <Button
            id="continue-summary-task"
            appearance="primary"
            icon={<ArrowRightRegular />}
            onClick={() => goTo('summary')}
          >
            Continue to Summary
          </Button>
        ) : undefined
      }
    >
      <WorkloadsOverview
        workloads={workloads}
        steps={steps}
        target={target}
        kinds={WORKLOAD_KIND_NAMES}
        showTask={showTask}
      />
      <MigrationCard plan={runPlan ?? planInput} level={2} id="use-migration" />
      {showTask && <TaskSection target={target} account={account} />}
      {drafts.map((d) => (
        <WorkloadCard key={d.id} draft={d} here={here} />
      ))}

      {steps.length > 0 ? (
        <section className={card.card} aria-labelledby="task-steps-heading" data-testid="task-steps">
          <div className={card.cardHeader}>
            <h2 id="task-steps-heading" className={card.cardHeading}>
              {groups.length === 1 ? `On ${groups[0]?.host ?? target}` : 'On each computer'}
            </h2>
          </div>
          {!onTarget && <NotOnTargetBar stage={stage} detail=", in this order." />}
          {groups.map((g) => {
            const remote = g.steps.every((s) => s.remote);
            return (
              <div key={g.host} className={card.list} data-host={g.host}>
                {groups.length > 1 && <h3 className={styles.hostHeading}>{`On ${g.host}`}</h3>}
                {remote && onTarget && (
                  <p className={card.note}>
                    {`These steps run on ${g.host} through PowerShell remoting (WinRM) from ${target}: each script is the Invoke-Command that runs it there.`}
                  </p>
                )}
                <StepList
                  steps={g.steps}
                  stage="workload"
                  mode={hostStepMode(stage)}
                  panelStep="task"
                  label={`Steps on ${g.host}`}
                  doneFocusId="continue-summary-task"
                  blocked={blocked}
                  explain={explain}
                  showMessage={showTaskMessage}
                />
              </div>
            );
          })}
          {stepsError !== null && <ApiErrorBar error={stepsError} />}
          {workloads.map((w) =>
            w.kind === TASK_KIND ? (
              <TaskResult key={w.id} steps={stepsOfWorkload(steps, w)} />
            ) : (
              <WorkloadResult key={w.id} workload={w} steps={stepsOfWorkload(steps, w)} />
            ),
          )}
        </section>
      ) : (
        active === null && (
          <section className={card.card} aria-labelledby="task-account-heading">
            <h2 id="task-account-heading" className={card.cardHeading}>
              The account comes first
            </h2>
            <p className={card.note}>
              {hasWorkload
                ? 'The workloads are part of the plan. Their steps (and their scripts) show here once the account’s plan is complete on Account; they run after Install & test.'
                : 'The workloads run as the managed service account: plan it on Account (you can fill in a workload now; it joins the plan when you add it).'}
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
