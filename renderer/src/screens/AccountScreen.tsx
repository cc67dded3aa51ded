// Account: the setup plan, one part at a time (type; name and options; for a gMSA the KDS root key and who may
// retrieve the password; review and create). "Next" checks the part's answers with the plan's own rules and stays
// (focus on the first problem) until they pass. Once the plan is complete, the PowerShell panel shows the exact
// script of every directory step (plan.steps); once a run exists, the run's. A resumed run shows its plan read-only.
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  mergeClasses,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import { ArrowLeftRegular, ArrowRightRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, type ComponentType } from 'react';
import { AccessPart } from '../components/plan/AccessPart';
import { AccountTypePart } from '../components/plan/AccountTypePart';
import { KdsPart } from '../components/plan/KdsPart';
import { OptionsPart } from '../components/plan/OptionsPart';
import { ReviewPart } from '../components/plan/ReviewPart';
import { useCurrentPreview, useLocked, usePlanErrors, usePreviewLoader } from '../components/plan/usePlanErrors';
import { OpenedAnswersNote, PlanFileActions } from '../components/PlanFileActions';
import { ScreenLayout } from '../components/ScreenLayout';
import { focusField, showPart } from '../setup/actions';
import { isActive, shownSteps, panelScripts } from '../setup/steps';
import { accountTypeSupport } from '../setup/support';
import { useHealth } from '../store/healthStore';
import { FIELD_PART, PART_TITLES, partsFor, type FieldKey, type PartId } from '../store/planForm';
import { usePlan } from '../store/planStore';
import type { ScreenScripts } from '../store/powershellStore';
import { useRun } from '../store/runStore';
import { useSupplyScripts } from '../store/useSupplyScripts';
import { useMigration } from '../store/migrationStore';

const useStyles = makeStyles({
  progress: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    fontSize: tokens.fontSizeBase200,
  },
  progressItem: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusCircular,
    color: tokens.colorNeutralForeground2,
  },
  progressCurrent: {
    ...shorthands.borderColor(tokens.colorCompoundBrandStroke),
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  part: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  notes: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
});

const PARTS: Record<PartId, ComponentType> = {
  type: AccountTypePart,
  options: OptionsPart,
  kds: KdsPart,
  access: AccessPart,
  review: ReviewPart,
};

/** A type the domain cannot hold is not the one chosen: the other is, as soon as the health check says so. */
function useSupportedType(): void {
  const report = useHealth((s) => s.report);
  const type = usePlan((s) => s.form.accountType);
  const locked = useLocked();
  useEffect(() => {
    const support = accountTypeSupport(report);
    const other = type === 'gmsa' ? 'smsa' : 'gmsa';
    if (!locked && support[type].allowed === false && support[other].allowed !== false) {
      usePlan.getState().update({ accountType: other });
    }
  }, [report, type, locked]);
}

/** The directory steps' scripts for the PowerShell panel: the run's, else the preview's. */
function usePanelScripts(): void {
  const run = useRun((s) => (isActive(s.run) ? s.run : null));
  const preview = useCurrentPreview();
  const scripts = useMemo<ScreenScripts>(() => {
    const steps = shownSteps(run, preview.value?.steps ?? null).filter((s) => s.stage === 'account');
    return {
      scripts: panelScripts(steps),
      loading: run === null && preview.loading,
      error: run === null && preview.error !== null && preview.error.issues === undefined ? preview.error : null,
      note: 'The exact script of each step appears here once the plan is complete (every part filled in, without problems).',
    };
  }, [run, preview]);
  useSupplyScripts('account', scripts);
}

export function AccountScreen() {
  const styles = useStyles();
  const stored = usePlan((s) => s.part);
  const type = usePlan((s) => s.form.accountType);
  const submit = usePlan((s) => s.submit);
  const errors = usePlanErrors();
  const locked = useLocked();
  const parts = partsFor(type);
  const part = parts.includes(stored) ? stored : 'options';
  const index = parts.indexOf(part);
  const Part = PARTS[part];
  const movingFrom = useMigration((s) => s.migration?.from ?? null);
  const notes = useMigration((s) => s.notes);
  usePreviewLoader();
  usePanelScripts();
  useSupportedType();

  function next() {
    const target = parts[index + 1];
    if (target === undefined) return;
    if (!locked) {
      const problems = (Object.keys(errors.all) as FieldKey[]).filter((key) => FIELD_PART[key] === part);
      const first = problems[0];
      if (first !== undefined) {
        submit([part]);
        focusField(first);
        return;
      }
    }
    if (target === 'review') submit(['review']);
    showPart(target);
  }

  function back() {
    const target = parts[index - 1];
    if (target !== undefined) showPart(target);
  }

  return (
    <ScreenLayout
      title="Account"
      intro="Plan the managed service account, then create it: every step shows its exact PowerShell first, and nothing changes in Active Directory until you press Run."
      actions={
        index > 0 || index < parts.length - 1 ? (
          <>
            {index > 0 && (
              <Button icon={<ArrowLeftRegular />} onClick={back}>
                Back
              </Button>
            )}
            {index < parts.length - 1 && (
              <Button appearance="primary" icon={<ArrowRightRegular />} iconPosition="after" onClick={next}>
                Next
              </Button>
            )}
          </>
        ) : undefined
      }
    >
      {movingFrom !== null && (
        <MessageBar intent="info" layout="multiline" data-testid="account-migration">
          <MessageBarBody>
            {`This plan moves the jobs of the user account ${movingFrom} to the gMSA: its retrieval group holds every computer they run on. Review shows what the gMSA gets from ${movingFrom} (groups, SPNs, file rights) and what it does not, with why.`}
            {notes.length > 0 && (
              <ul className={styles.notes} data-testid="adopt-notes">
                {notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      <OpenedAnswersNote />
      <ol className={styles.progress} aria-label="Parts of this screen">
        {parts.map((p, i) => (
          <li
            key={p}
            className={mergeClasses(styles.progressItem, p === part && styles.progressCurrent)}
            aria-current={p === part ? 'step' : undefined}
          >
            {`${i + 1}. ${PART_TITLES[p]}`}
          </li>
        ))}
      </ol>
      <section className={styles.part} aria-labelledby="plan-part-heading" data-part={part}>
        <h2 id="plan-part-heading" className={styles.heading} tabIndex={-1}>
          {`Part ${index + 1} of ${parts.length}: ${PART_TITLES[part]}`}
        </h2>
        <Part />
      </section>
      <PlanFileActions id="account-plan-file" />
    </ScreenLayout>
  );
}
