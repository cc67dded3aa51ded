// What each scheduled-task step is for, and what it found, under the step's row: the batch right (and, when a domain
// GPO defines it, where to add the account instead — the console path and the name to paste), the task (the
// warnings about who can change its script), and the test run (its progress while it runs; then LastTaskResult in
// words, the last and next run, and the task's recent history).
import { formatDuration, formatWhen } from '../../format/when';
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  ENABLE_HISTORY_COMMAND,
  describeTaskProgress,
  taskProgressParts,
  type GpoInstruction,
  type RunStep,
  type StepDetails,
  type TestRunReport,
} from '../../api/contract';
import { useRun } from '../../store/runStore';
import { CopyButton } from '../CopyButton';
import { FactsTable } from '../FactsTable';

const useStyles = makeStyles({
  why: { margin: 0, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignSelf: 'stretch' },
  path: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, overflowWrap: 'anywhere' },
  account: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  history: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, fontSize: tokens.fontSizeBase200 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

/** A step's details as the core journaled them (plain JSON). */
export const detailsOf = (step: RunStep): StepDetails => (step.details ?? {}) as StepDetails;

/** A right's name as the GPO editor shows it (the core names the privilege constant). */
const RIGHT_WORDS: Readonly<Record<string, string>> = {
  SeBatchLogonRight: 'Log on as a batch job',
  SeServiceLogonRight: 'Log on as a service',
};

const rightWords = (right: string): string => {
  const words = RIGHT_WORDS[right];
  return words === undefined ? `“${right}”` : `“${words}” (${right})`;
};

function GpoPath({ gpo, target }: { gpo: GpoInstruction; target: string }) {
  const styles = useStyles();
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="gpo-instruction">
      <MessageBarBody className={styles.box}>
        <MessageBarTitle>{`${rightWords(gpo.right)} on ${target} is set by the domain GPO “${gpo.gpoName}”`}</MessageBarTitle>
        <span>
          A grant made on the computer would be overwritten at the next policy refresh, so the wizard grants nothing.
          Add the account in the GPO instead:
        </span>
        <ol className={styles.path} aria-label="Where to add the account">
          {gpo.path.map((part) => (
            <li key={part}>{part}</li>
          ))}
        </ol>
        <div className={styles.account}>
          <span>
            {'Account to add: '}
            <span className={styles.mono} data-testid="gpo-account">
              {gpo.account}
            </span>
          </span>
          <CopyButton text={gpo.account} what="Account name" label="Copy" accessibleName="Copy the account name" />
        </div>
        <span>{`Then refresh the policy on ${target} (gpupdate /force) and run this step again.`}</span>
      </MessageBarBody>
    </MessageBar>
  );
}

function TestRunProgress({ stepId }: { stepId: string }) {
  const styles = useStyles();
  const progress = useRun((s) => (s.progress?.stepId === stepId ? s.progress : null));
  if (progress === null) return null;
  const { state, seconds, limit } = taskProgressParts(progress);
  return (
    <div className={styles.box}>
      <span className={styles.why}>{describeTaskProgress(progress)}</span>
      <ProgressBar
        thickness="large"
        value={Math.min(1, progress.elapsedMs / progress.timeoutMs)}
        aria-label={`Test run: ${state}, ${seconds} s of at most ${limit} s`}
        data-testid="test-run-progress"
      />
    </div>
  );
}

/** A time the host reported, in the admin's words (format/when.ts); 'none' when there is none. */
const stamp = (text: string | null): string => (text === null ? 'none' : formatWhen(text) || text);

function TestRunFacts({ report }: { report: TestRunReport }) {
  const styles = useStyles();
  const r = report.result;
  return (
    <div className={styles.box} data-testid="test-run-report" data-result={r.hex}>
      <FactsTable
        testId="test-run-facts"
        facts={[
          ['LastTaskResult', `${r.hex} — ${r.meaning}`],
          ...(r.fix === '' ? [] : [['What to do', r.fix] as const]),
          ...(report.finished ? [] : [['Still running', `after ${formatDuration(report.elapsedMs)}`] as const]),
          ['Last run', stamp(report.lastRunTime)],
          ['Next run', stamp(report.nextRunTime)],
          ...(report.historyEnabled === false
            ? [
                [
                  'History',
                  `off (its log is disabled); to keep it, run as administrator: ${ENABLE_HISTORY_COMMAND}`,
                ] as const,
              ]
            : []),
        ]}
      />
      {report.history.length > 0 && (
        <>
          <h4 className={styles.heading}>Recent history (newest first)</h4>
          <ul className={styles.history} data-testid="test-run-history">
            {report.history.slice(0, 8).map((e, i) => (
              <li key={`${e.time}-${e.id}-${i}`}>{`${stamp(e.time)} · event ${e.id}: ${e.message}`}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * Whether the step's own message adds anything: the test run's report lays out the same findings (result, fix, next
 * run, history), so its message shows only when there is no report (it could not be read, or the task was missing);
 * a right the domain GPO defines is laid out by the GPO box (where to add the account, gpupdate), so the message,
 * which says the same in one line, is not written twice.
 */
export const showTaskMessage = (step: RunStep): boolean => {
  if (step.kind === 'batch-right' || step.kind === 'service-right') return detailsOf(step).gpo === undefined;
  return step.kind !== 'task-test-run' || detailsOf(step).testRun === undefined;
};

/** The words and findings under a task step or a user-right step (null for other steps). */
export function TaskStepDetails({ step, target, account }: { step: RunStep; target: string; account: string }) {
  const styles = useStyles();
  const details = detailsOf(step);
  // A right serves every workload of its host that needs it (a task's and an app pool's batch logon, a service's).
  const host = step.host ?? target;
  if (step.kind === 'batch-right' || step.kind === 'service-right') {
    return (
      <>
        <p className={styles.why}>
          {step.kind === 'batch-right'
            ? `A task that runs whether a user is logged on or not, and an application pool, log on as a batch job, so ${account} needs “Log on as a batch job” (SeBatchLogonRight) on ${host}. The step adds this one account to the right and leaves every other holder as it is.`
            : `A service logs on with “Log on as a service” (SeServiceLogonRight): without it the Service Control Manager refuses to start it (error 1069). The step adds ${account} to the right on ${host} and leaves every other holder as it is.`}
        </p>
        {details.gpo !== undefined && <GpoPath gpo={details.gpo} target={host} />}
      </>
    );
  }
  if (step.kind === 'scheduled-task') {
    // Its warnings (who can change the script) show under the step's message, as every step's do.
    return (
      <p className={styles.why}>
        {`Registers the task to run as ${account} with LogonType Password, then reads it back from ${target} to confirm what Task Scheduler holds.`}
      </p>
    );
  }
  if (step.kind === 'task-test-run') {
    return (
      <>
        <p className={styles.why}>
          Starts the task now, waits for it to finish (at most 5 minutes), then reads LastTaskResult, the next run and
          the task’s history.
        </p>
        <TestRunProgress stepId={step.id} />
        {details.testRun !== undefined && <TestRunFacts report={details.testRun} />}
      </>
    );
  }
  return null;
}
