// The last part: the plan in words, its warnings, and the directory steps with their exact scripts (the PowerShell
// panel) — nothing changes in AD until "Run" or "Run all". With a KDS root key that is not usable yet, the plan can be
// saved instead (runs.start: the journal only) and resumed after the key's effective time. After a failure, undo is
// right here.
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { ArrowRightRegular, EditRegular, SaveRegular } from '@fluentui/react-icons';
import { formatClock } from '../../health/time';
import { editPlanAgain, focusField, savePlan } from '../../setup/actions';
import { isActive, isCutOff, isUndoing, nextStep, settled, shownSteps, stoppedStep } from '../../setup/steps';
import { kdsCheck } from '../../setup/support';
import { useHealth } from '../../store/healthStore';
import { useNavigation } from '../../store/navigationStore';
import { FIELD_LABELS, FIELD_PART, type FieldKey } from '../../store/planForm';
import { usePlan } from '../../store/planStore';
import { useRun } from '../../store/runStore';
import type { RunInfo } from '../../api/contract';
import { createPortal } from 'react-dom';
import { ApiErrorBar } from '../ApiErrorBar';
import { useNow } from '../health/useNow';
import { useCardStyles } from '../cardStyles';
import { useScreenActionsSlot } from '../ScreenLayout';
import { StepList } from '../run/StepList';
import { UndoSection } from '../run/UndoSection';
import { usePartStyles } from './fields';
import { PlanSummary } from './PlanSummary';
import { useGroupFound } from './useGroupFound';
import { useCurrentPreview, useFormContext, usePlanErrors, usePlanInput } from './usePlanErrors';
import { MigrationCard } from '../migration/MigrationCard';

const useStyles = makeStyles({
  problems: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
});

function Problems() {
  const styles = useStyles();
  const errors = usePlanErrors();
  const goToPart = usePlan((s) => s.goToPart);
  const submitted = usePlan((s) => s.submitted.review === true);
  const serverIssues = usePlan((s) => s.serverIssues.length > 0);
  const keys = Object.keys(errors.all) as FieldKey[];
  if ((keys.length === 0 && errors.other.length === 0) || !(submitted || serverIssues)) return null;
  return (
    <MessageBar intent="error" layout="multiline" data-testid="plan-problems">
      <MessageBarBody>
        <MessageBarTitle>The plan cannot run yet</MessageBarTitle>
        <ul className={styles.problems}>
          {keys.map((key) => (
            <li key={key}>
              {`${FIELD_LABELS[key]}: ${errors.all[key] ?? ''} `}
              <Button
                appearance="transparent"
                size="small"
                aria-label={`Go to ${FIELD_LABELS[key]}`}
                onClick={() => {
                  goToPart(FIELD_PART[key]);
                  focusField(key);
                }}
              >
                Go to the field
              </Button>
            </li>
          ))}
          {errors.other.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * KDS root key not usable yet (gMSA): when the account step can run, and "save the plan and come back" (the journal
 * only; the wizard offers to resume it). Gone once the key is usable or the account exists.
 */
function SavePlan() {
  const styles = useStyles();
  const report = useHealth((s) => s.report);
  const active = useRun((s) => (isActive(s.run) ? s.run : null));
  const saved = useRun((s) => s.saved && isActive(s.run));
  const busy = useRun((s) => s.activity.kind !== 'idle');
  const now = useNow(30_000);
  const check = kdsCheck(report);
  if (check === null || check.status === 'pass' || check.readyAt === null) return null;
  const account = active?.steps.find((s) => s.id === 'account');
  if (account !== undefined && settled(account)) return null;
  const readyAt = new Date(check.readyAt);
  if (readyAt.getTime() <= now) return null;
  const at = formatClock(readyAt, new Date(now));
  if (saved) {
    return (
      <MessageBar intent="success" layout="multiline" data-testid="plan-saved">
        <MessageBarBody>{`Saved. Reopen the wizard after ${at}; it will offer to resume this plan.`}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="kds-pending">
      <MessageBarBody>
        <MessageBarTitle>{`The KDS root key is usable from ${at}`}</MessageBarTitle>
        {active !== null
          ? 'The account step can run then: come back after that time (the wizard offers to resume this run).'
          : 'The account step can run then. Save the plan now (nothing is created) and come back: the wizard offers to resume it.'}
        {active === null && (
          <div className={styles.actions}>
            <Button
              appearance="primary"
              icon={<SaveRegular />}
              disabledFocusable={busy}
              onClick={() => void savePlan()}
            >
              Save the plan and come back
            </Button>
          </div>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

/** What "Change the plan" does to this run, in words. */
function changeWords(run: RunInfo): string {
  const pending = run.undo.filter((u) => u.status !== 'done').length;
  if (run.steps.every((s) => s.status === 'pending')) return '"Change the plan" sets it aside: nothing has run yet.';
  if (stoppedStep(run.steps) === null) return '';
  const cut = run.steps.find(isCutOff);
  if (cut !== undefined) {
    return `"Change the plan" sets it aside as it is: "${cut.title}" was cut off and may have made something, which then stays (a new run reuses what matches). To have undo remove it, run that step again first, then undo.`;
  }
  return pending === 0
    ? '"Change the plan" sets it aside: it created nothing, so nothing is left behind.'
    : '"Change the plan" sets it aside and keeps what it created (a new run reuses what matches); undo it below first if you do not want it.';
}

export function ReviewPart() {
  const card = useCardStyles();
  const styles = useStyles();
  const part = usePartStyles();
  const ctx = useFormContext();
  const form = usePlan((s) => s.form);
  const preview = useCurrentPreview();
  const planInput = usePlanInput();
  const run = useRun((s) => s.run);
  const runError = useRun((s) => (s.error?.for === 'start' || s.error?.for === 'account' ? s.error.error : null));
  const busy = useRun((s) => s.activity.kind !== 'idle');
  const goTo = useNavigation((s) => s.goTo);
  const errors = usePlanErrors();
  const active = isActive(run) ? run : null;
  const steps = shownSteps(active, preview.value?.steps ?? null).filter((s) => s.stage === 'account');
  const complete = Object.keys(errors.all).length === 0;
  const warnings = active?.warnings ?? preview.value?.warnings ?? [];
  const directoryDone = active !== null && steps.length > 0 && nextStep(steps) === null;
  const failed = active !== null && stoppedStep(active.steps) !== null;
  const nothingRan = active !== null && active.steps.every((s) => s.status === 'pending');
  const undoing = run !== null && isUndoing(run);
  const showUndo = run !== null && run.undo.length > 0 && (failed || undoing);
  const slot = useScreenActionsSlot();
  const groupFound = useGroupFound(form.groupName, active, form.accountType === 'gmsa' && form.groupMode === 'new');

  // The way on stays in view: in the screen's sticky action bar (ScreenLayout), beside Back.
  const continueInstall = (
    <div className={styles.actions}>
      <Button id="continue-install" appearance="primary" icon={<ArrowRightRegular />} onClick={() => goTo('install')}>
        Continue to Install &amp; test
      </Button>
    </div>
  );

  return (
    <div className={part.part}>
      <section className={card.card} aria-labelledby="plan-summary-heading">
        <div className={card.cardHeader}>
          <h3 id="plan-summary-heading" className={card.cardHeading}>
            The plan
          </h3>
          {(nothingRan || failed || run?.state === 'undone') && (
            <Button
              icon={<EditRegular />}
              disabledFocusable={busy}
              aria-describedby={active === null ? undefined : 'plan-change-why'}
              onClick={() => void editPlanAgain()}
            >
              {run?.state === 'undone' ? 'Edit the plan' : 'Change the plan'}
            </Button>
          )}
        </div>
        <PlanSummary form={form} ctx={ctx} groupFound={groupFound} />
        {active !== null && (
          <p id="plan-change-why" className={card.note}>
            {`This plan is being carried out (journal: ${active.journal}), so it can no longer be changed here. ${changeWords(active)}`}
          </p>
        )}
      </section>
      <MigrationCard plan={active?.plan ?? planInput} level={3} id="review-migration" />
      <Problems />
      {warnings.map((w) => (
        <MessageBar key={w} intent="warning" layout="multiline" data-testid="plan-warning">
          <MessageBarBody>{w}</MessageBarBody>
        </MessageBar>
      ))}
      {form.accountType === 'gmsa' && <SavePlan />}
      <section className={card.card} aria-labelledby="directory-steps-heading" data-testid="directory-steps">
        <div className={card.cardHeader}>
          <h3 id="directory-steps-heading" className={card.cardHeading}>
            Steps in Active Directory
          </h3>
        </div>
        <p className={card.note}>
          Each step reads the directory first and changes only what is missing: an object already there as planned is
          reused (“Exists”), one with other settings is reported (“Conflict”) and left as it is. The PowerShell panel
          shows each step’s exact script; nothing changes until you press Run.
        </p>
        {preview.loading && steps.length === 0 && <Spinner size="tiny" label="Preparing the scripts…" />}
        {preview.error !== null && preview.error.issues === undefined && <ApiErrorBar error={preview.error} />}
        {steps.length > 0 && (
          <StepList
            runAllInScreenActions
            steps={steps}
            stage="account"
            mode={active !== null && undoing ? 'view' : 'run'}
            panelStep="account"
            doneFocusId="continue-install"
            blocked={active === null && !complete ? 'Complete the plan first: the problems are listed above.' : null}
          />
        )}
        {runError !== null && <ApiErrorBar error={runError} />}
        {directoryDone && (
          <MessageBar intent="success" layout="multiline" data-testid="directory-done">
            <MessageBarBody>
              <MessageBarTitle>{`${active.account} is in the directory`}</MessageBarTitle>
              {`Next: install and test it on ${active.targetComputer}.`}
              {slot === null ? continueInstall : createPortal(continueInstall, slot)}
            </MessageBarBody>
          </MessageBar>
        )}
      </section>
      {showUndo && <UndoSection run={run} />}
    </div>
  );
}
