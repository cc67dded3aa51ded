// Summary: what the run did — the account, where, each workload (kind, computer, what, result), every step with its outcome (done, reused, conflict, failed) and
// message, the warnings, the journal — and "Undo this run" with each undo action's own script. The PowerShell panel
// shows the scripts the steps ran; each undo action shows its own script.
import { Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import { useMemo } from 'react';
import { describeTrigger, planTaskInput, taskSettingsSchema, type RunInfo } from '../api/contract';
import { useCardStyles } from '../components/cardStyles';
import { FactsTable, type Fact } from '../components/FactsTable';
import { StepList } from '../components/run/StepList';
import { SetAsideRuns } from '../components/run/SetAsideRuns';
import { UndoSection } from '../components/run/UndoSection';
import { warningCount, warningsOf } from '../components/workloads/WorkloadResult';
import { WorkloadsSummary } from '../components/workloads/WorkloadsSummary';
import { MigrationCard } from '../components/migration/MigrationCard';
import { OldAccountChecklist } from '../components/migration/OldAccountChecklist';
import { PlanFileActions } from '../components/PlanFileActions';
import { ScreenLayout } from '../components/ScreenLayout';
import { formatStamp } from '../health/time';
import { panelScripts } from '../setup/steps';
import { useNavigation } from '../store/navigationStore';
import type { ScreenScripts } from '../store/powershellStore';
import { useRun } from '../store/runStore';
import { useSupplyScripts } from '../store/useSupplyScripts';

const STATE_WORDS: Record<RunInfo['state'], string> = {
  open: 'Not finished: steps are left',
  completed: 'Completed: every step done or reused',
  undone: 'Undone: what the run created was removed',
  closed: 'Set aside',
};

/** The run's task in one line ('\\Nightly Report, daily at 12:05'), if its plan has one. */
function taskFact(run: RunInfo): Fact[] {
  const parsed = taskSettingsSchema.safeParse(planTaskInput(run.plan));
  if (!parsed.success) return [];
  return [['Scheduled task', `${parsed.data.folder}${parsed.data.name}, ${describeTrigger(parsed.data)}`]];
}

/** The run's state in words; a completed run with warnings says how many ("Completed with 1 warning"). */
function stateWords(run: RunInfo): string {
  const n = warningsOf(run.steps).length;
  return run.state === 'completed' && n > 0 ? `Completed with ${warningCount(n)}: see below` : STATE_WORDS[run.state];
}

function runFacts(run: RunInfo): Fact[] {
  return [
    ['Account', `${run.account} (${run.accountType === 'gmsa' ? 'gMSA' : 'sMSA'})`],
    ['Computer', run.targetComputer],
    ...taskFact(run),
    ['State', stateWords(run)],
    ['Started', formatStamp(new Date(run.createdAt))],
    ['Journal', run.journal],
  ];
}

export function SummaryScreen() {
  const card = useCardStyles();
  const run = useRun((s) => s.run);
  const goTo = useNavigation((s) => s.goTo);

  const scripts = useMemo<ScreenScripts>(
    () => ({
      scripts: panelScripts(run?.steps ?? []),
      loading: false,
      error: null,
      note: 'Nothing has been set up yet: no script to show.',
    }),
    [run],
  );
  useSupplyScripts('summary', scripts);

  return (
    <ScreenLayout
      title="Summary"
      intro="What the wizard did, step by step with every script it ran, and how to undo it."
    >
      {run === null ? (
        <>
          <section className={card.card} aria-labelledby="summary-empty-heading">
            <h2 id="summary-empty-heading" className={card.cardHeading}>
              Nothing set up yet
            </h2>
            <p className={card.note}>Plan and create an account first; its steps and their outcome show here.</p>
            <div>
              <Button icon={<ArrowLeftRegular />} onClick={() => goTo('account')}>
                Go to Account
              </Button>
            </div>
          </section>
          <SetAsideRuns />
        </>
      ) : (
        <>
          <section className={card.card} aria-labelledby="summary-run-heading" data-testid="run-summary">
            <h2 id="summary-run-heading" className={card.cardHeading}>
              This run
            </h2>
            <FactsTable facts={runFacts(run)} testId="run-facts" />
            {run.warnings.map((w) => (
              <MessageBar key={w} intent="warning" layout="multiline">
                <MessageBarBody>{w}</MessageBarBody>
              </MessageBar>
            ))}
            {run.steps
              .filter((s) => (s.warnings ?? []).length > 0)
              .flatMap((s) => (s.warnings ?? []).map((w) => [s, w] as const))
              .map(([s, w]) => (
                <MessageBar key={`${s.id}:${w}`} intent="warning" layout="multiline" data-testid="summary-step-warning">
                  <MessageBarBody>
                    <MessageBarTitle>{`${s.title}:`}</MessageBarTitle>
                    {w}
                  </MessageBarBody>
                </MessageBar>
              ))}
          </section>
          <WorkloadsSummary run={run} />
          <MigrationCard plan={run.plan} level={2} id="summary-migration" />
          <OldAccountChecklist run={run} />
          <section className={card.card} aria-labelledby="summary-steps-heading">
            <h2 id="summary-steps-heading" className={card.cardHeading}>
              Steps
            </h2>
            <StepList steps={run.steps} stage="account" mode="view" panelStep="summary" label="Steps of this run" />
          </section>
          <UndoSection run={run} />
          <SetAsideRuns />
          <PlanFileActions id="summary-plan-file" />
        </>
      )}
    </ScreenLayout>
  );
}
