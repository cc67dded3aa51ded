// The setup steps of one stage (the directory steps, the host steps, the task's steps): each with its status (icon and words), what it does, the core's
// message once it ran (and, for a step that was cut off, what that means), and the buttons: "Run" on the next step
// (or "Run again" on a failed, conflicting or cut-off one),
// "Show script" (the PowerShell panel's tab for it), and "Run all" for the rest. With mode 'copy' (the wizard is not
// on the computer the steps must run on) each step shows its script to copy instead, and nothing can be run.
import { Button, MessageBar, MessageBarBody, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CodeRegular, PlayRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { RunStep } from '../../api/contract';
import { runAll, runStep } from '../../setup/actions';
import { keepFocus } from '../../setup/focus';
import { isCutOff, nextStep } from '../../setup/steps';
import { usePowerShell } from '../../store/powershellStore';
import { useRun, type RunStage } from '../../store/runStore';
import type { StepId } from '../../store/steps';
import { useCardStyles, useStatusRowStyles } from '../cardStyles';
import { useScreenActionsSlot } from '../ScreenLayout';
import { CodeBlock } from '../health/CodeBlock';
import { StepStatus, stepLook, stepStatusLabel, stepTone } from './StepStatus';

const useStyles = makeStyles({
  // One width for every status keeps the titles in one column.
  statusCell: { minWidth: '120px', paddingTop: tokens.spacingVerticalXXS },
  main: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  message: { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  code: { alignSelf: 'stretch' },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  status: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export type StepListMode = 'run' | 'copy' | 'view';

/** Per stage: the buttons' id part, the Run all label, the list's name and the running note. */
const STAGE_WORDS: Record<RunStage, { id: string; all: string; list: string; running: string }> = {
  account: { id: 'directory', all: 'Run all directory steps', list: 'Directory steps', running: 'directory steps' },
  install: { id: 'host', all: 'Run all host steps', list: 'Steps on the computer', running: 'host steps' },
  workload: { id: 'task', all: 'Run all workload steps', list: 'Steps of the workloads', running: 'workload steps' },
};

interface StepListProps {
  readonly steps: readonly RunStep[];
  readonly stage: RunStage;
  readonly mode: StepListMode;
  /** The wizard step whose PowerShell panel shows these scripts. */
  readonly panelStep: StepId;
  /** Why nothing can run yet (the run buttons are disabled and say so). */
  readonly blocked?: string | null;
  /** More words on a step (why it is needed, whether it is optional). */
  readonly explain?: (step: RunStep) => ReactNode;
  /** The list's accessible name (default: by `stage`). */
  readonly label?: string;
  /** Where the keyboard goes when every step is done (the pressed button is gone): e.g. "Continue". */
  readonly doneFocusId?: string;
  /** Whether to show the core's message (default: yes); false where `explain` shows the same findings laid out. */
  readonly showMessage?: (step: RunStep) => boolean;
  /** "Run all" in the screen's sticky action bar (ScreenLayout), kept in view however long the screen: for the one
   *  step list of a screen whose primary action it is (Review, Install & test). */
  readonly runAllInScreenActions?: boolean;
}

const domId = (step: RunStep, part: string) => `run-step-${step.id}-${part}`;

/** A cut-off step, in words: it may have done its work; running it again finds that and credits the run with it. */
export const cutOffWords = (step: RunStep): string =>
  `PowerShell stopped answering before this step finished (or the wizard closed while it ran), so it may already have changed ${step.where === 'host' ? 'the computer' : 'Active Directory'}. Run it again: it reads what is there, does only what is missing, and counts what the first attempt made as this run’s, so undo can remove it. Undo waits until then.`;

/** "Group allowed to retrieve the password: Done." for the step that finished last (announced once). */
function lastOutcome(steps: readonly RunStep[]): string {
  const finished = steps.filter((s) => s.finishedAt !== null);
  const last = finished.reduce<RunStep | null>(
    (a, b) => (a === null || (b.finishedAt ?? '') >= (a.finishedAt ?? '') ? b : a),
    null,
  );
  return last === null ? '' : `${last.title}: ${stepStatusLabel(last)}.`;
}

export function StepList(props: StepListProps) {
  const { steps, stage, mode, panelStep, blocked = null, explain, label, doneFocusId, showMessage } = props;
  const slot = useScreenActionsSlot();
  const words = STAGE_WORDS[stage];
  const idPart = words.id;
  const card = useCardStyles();
  const styles = useStyles();
  const rows = useStatusRowStyles();
  const activity = useRun((s) => s.activity);
  const select = usePowerShell((s) => s.select);
  const setOpen = usePowerShell((s) => s.setOpen);
  const busy = activity.kind !== 'idle';
  const next = nextStep(steps);
  const runningAll = activity.kind === 'all' && activity.stage === stage;
  const isRunning = (step: RunStep) =>
    (activity.kind === 'step' && activity.stepId === step.id) || (runningAll && step.id === next?.id);
  const canRun = mode === 'run' && blocked === null;
  const afterRun = () =>
    keepFocus([`run-${idPart}-all`, `run-${idPart}-next`, ...(doneFocusId === undefined ? [] : [doneFocusId])]);

  const toolbar =
    mode === 'run' && next !== null ? (
      <div className={styles.toolbar}>
        <Button
          id={`run-${idPart}-all`}
          appearance="primary"
          icon={<PlayRegular />}
          disabledFocusable={busy || !canRun}
          aria-describedby={blocked === null ? undefined : `run-${idPart}-blocked`}
          onClick={() => void runAll(stage).then(afterRun)}
        >
          {runningAll ? 'Running…' : words.all}
        </Button>
        {blocked !== null && (
          <p id={`run-${idPart}-blocked`} className={styles.status}>
            {blocked}
          </p>
        )}
      </div>
    ) : null;

  return (
    <div className={card.list}>
      {toolbar !== null &&
        (props.runAllInScreenActions === true && slot !== null ? createPortal(toolbar, slot) : toolbar)}
      <ol className={card.list} aria-label={label ?? words.list}>
        {steps.map((step) => {
          const running = isRunning(step);
          const isNext = step.id === next?.id;
          return (
            <li
              key={step.id}
              className={mergeClasses(rows.row, !running && rows[stepTone(step)])}
              data-step-id={step.id}
              data-status={running ? 'running-now' : step.status}
              data-look={running ? 'running-now' : stepLook(step)}
            >
              <div className={styles.statusCell}>
                <StepStatus id={domId(step, 'status')} step={step} running={running} />
              </div>
              <div className={styles.main}>
                <h3 id={domId(step, 'title')} className={rows.title}>
                  {step.title}
                </h3>
                {explain?.(step)}
                {step.message !== null && (showMessage?.(step) ?? true) && (
                  <p className={styles.message} data-testid="step-message">
                    {step.message}
                  </p>
                )}
                {!running && isCutOff(step) && (
                  <p className={styles.message} data-testid="step-cut-off">
                    {cutOffWords(step)}
                  </p>
                )}
                {(step.warnings ?? []).map((w) => (
                  <MessageBar key={w} intent="warning" layout="multiline" data-testid="step-warning">
                    <MessageBarBody>{w}</MessageBarBody>
                  </MessageBar>
                ))}
                {mode === 'copy' && (
                  <div className={styles.code}>
                    <CodeBlock
                      id={domId(step, 'script')}
                      label="Script to run there"
                      code={step.script}
                      about={step.title}
                    />
                  </div>
                )}
                {mode !== 'copy' && (
                  <div className={styles.buttons}>
                    {mode === 'run' && isNext && (
                      <Button
                        id={`run-${idPart}-next`}
                        icon={<PlayRegular />}
                        disabledFocusable={busy || !canRun}
                        aria-label={`${step.status === 'pending' ? 'Run' : 'Run again'}: ${step.title}`}
                        onClick={() => void runStep(step.id, stage).then(afterRun)}
                      >
                        {step.status === 'pending' ? 'Run' : 'Run again'}
                      </Button>
                    )}
                    <Button
                      appearance="subtle"
                      icon={<CodeRegular />}
                      aria-label={`Show script: ${step.title}`}
                      onClick={() => {
                        setOpen(true);
                        select(panelStep, step.id);
                      }}
                    >
                      Show script
                    </Button>
                  </div>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <p role="status" className={styles.status}>
        {runningAll
          ? `Running the ${words.running}…`
          : activity.kind === 'step' && steps.some((s) => s.id === activity.stepId)
            ? 'Running the step…'
            : lastOutcome(steps)}
      </p>
    </div>
  );
}
