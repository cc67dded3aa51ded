// Install & test: the steps that run on the computer that runs the service — refresh its Kerberos ticket (so it
// carries the new group), install the account (required for an sMSA, optional for a gMSA), and Test-ADServiceAccount,
// which must say True. When it says False, the step's message is the diagnosis and the fix. When the wizard is not
// on that computer, each step's script is offered to copy and run there instead (no Run buttons).
import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular, ArrowRightRegular } from '@fluentui/react-icons';
import type { RunStep } from '../api/contract';
import { ApiErrorBar } from '../components/ApiErrorBar';
import { useCardStyles } from '../components/cardStyles';
import { hostStepMode, NotOnTargetBar, useHostStage } from '../components/run/hostStage';
import { StepList } from '../components/run/StepList';
import { stepStatusLabel } from '../components/run/StepStatus';
import { SetAsideRuns } from '../components/run/SetAsideRuns';
import { UndoSection } from '../components/run/UndoSection';
import { ScreenLayout } from '../components/ScreenLayout';
import { settled, stoppedStep } from '../setup/steps';
import { useNavigation } from '../store/navigationStore';
import { usePlan } from '../store/planStore';
import { useRun } from '../store/runStore';

const useStyles = makeStyles({
  why: { margin: 0, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

function Why({ step, gmsa }: { step: RunStep; gmsa: boolean }) {
  const styles = useStyles();
  if (step.id === 'refresh-ticket') {
    return (
      <p className={styles.why}>
        Why: the computer’s Kerberos ticket lists the groups it was in when the ticket was issued, so the group it just
        joined counts only once the ticket is renewed. <span className={styles.code}>klist purge -li 0x3e7</span> purges
        the computer account’s tickets (logon session 0x3e7) so that no restart is needed. Skipped when the account
        already works there.
      </p>
    );
  }
  if (step.id === 'install') {
    return (
      <p className={styles.why}>
        {gmsa
          ? 'Optional for a gMSA: Windows retrieves the password when a service or task uses the account. The step installs it only if the test is not already True.'
          : 'Required for an sMSA: Install-ADServiceAccount ties the account to this computer.'}
      </p>
    );
  }
  if (step.id === 'test') {
    return <p className={styles.why}>Test-ADServiceAccount must return True: then the account is ready to use here.</p>;
  }
  return null;
}

/**
 * The outcome on the computer, as a headline: True, or the first step that failed. The step's own row above holds
 * its message (the diagnosis and the fix), so the bar names the step instead of repeating it.
 */
function TestResult({ steps }: { steps: readonly RunStep[] }) {
  const test = steps.find((s) => s.id === 'test');
  const failed = stoppedStep(steps);
  if (test?.status === 'done') {
    return (
      <MessageBar intent="success" layout="multiline" data-testid="test-result" data-result="true">
        <MessageBarBody>
          <MessageBarTitle>Test-ADServiceAccount: True</MessageBarTitle>
          The account is ready to use on this computer.
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (failed === null) return null;
  return (
    <MessageBar intent="error" layout="multiline" data-testid="test-result" data-result="false" data-step={failed.id}>
      <MessageBarBody>
        <MessageBarTitle>The account does not work on this computer yet</MessageBarTitle>
        {`${failed.title}: ${stepStatusLabel(failed)} — see the step above.`}
      </MessageBarBody>
    </MessageBar>
  );
}

export function InstallTestScreen() {
  const card = useCardStyles();
  const stage = useHostStage(
    'install',
    'install',
    'The exact script of each step appears here once the plan is complete (Account).',
  );
  const { active, all, steps, target, onTarget } = stage;
  const error = useRun((s) => (s.error?.for === 'install' ? s.error.error : null));
  const form = usePlan((s) => s.form);
  const goTo = useNavigation((s) => s.goTo);
  const directoryLeft = all.filter((s) => s.stage === 'account' && !settled(s)).length;
  const gmsa = (active?.accountType ?? form.accountType) === 'gmsa';
  const failed = active !== null && stoppedStep(steps) !== null;

  const blocked =
    active === null
      ? 'Create the account first (Account, Review and create).'
      : directoryLeft > 0
        ? `Finish the directory steps first (Account): ${directoryLeft} left.`
        : null;

  return (
    <ScreenLayout
      title="Install & test"
      intro="Make the account usable on the computer that runs the service, and test it there. The PowerShell panel shows each step’s exact script."
      actions={
        steps.find((s) => s.id === 'test')?.status === 'done' ? (
          <>
            <Button id="continue-task" appearance="primary" icon={<ArrowRightRegular />} onClick={() => goTo('task')}>
              Continue to Use the account
            </Button>
            <Button id="continue-summary" icon={<ArrowRightRegular />} onClick={() => goTo('summary')}>
              Skip the task: Summary
            </Button>
          </>
        ) : undefined
      }
    >
      {steps.length === 0 ? (
        <section className={card.card} aria-labelledby="install-empty-heading">
          <h2 id="install-empty-heading" className={card.cardHeading}>
            Nothing to install yet
          </h2>
          <p className={card.note}>Plan the account first: these steps follow from the plan.</p>
          <div>
            <Button icon={<ArrowLeftRegular />} onClick={() => goTo('account')}>
              Go to Account
            </Button>
          </div>
        </section>
      ) : (
        <section className={card.card} aria-labelledby="host-steps-heading" data-testid="host-steps">
          <div className={card.cardHeader}>
            <h2 id="host-steps-heading" className={card.cardHeading}>
              {`On ${target || 'the computer'}`}
            </h2>
          </div>
          {!onTarget && (
            <NotOnTargetBar
              stage={stage}
              detail=" with the ActiveDirectory module, in this order; Test-ADServiceAccount must return True."
            />
          )}
          <StepList
            runAllInScreenActions
            steps={steps}
            stage="install"
            mode={hostStepMode(stage)}
            panelStep="install"
            doneFocusId="continue-task"
            blocked={blocked}
            explain={(step) => <Why step={step} gmsa={gmsa} />}
          />
          {error !== null && <ApiErrorBar error={error} />}
          <TestResult steps={steps} />
        </section>
      )}
      {failed && active !== null && active.undo.length > 0 && <UndoSection run={active} />}
      <SetAsideRuns />
    </ScreenLayout>
  );
}
