// The prerequisite health check: a summary line ("1 failing, 11 passing"), "Run checks again" and "Copy report",
// then the checks in groups, failures first. Every check runs in one round trip (checks.run), so progress is honest
// but indeterminate: each check (or, before the first answer, each group) shows a spinner until the report arrives.
import { Button, MessageBar, MessageBarBody, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { CHECK_GROUPS, type HealthReport } from '../../api/contract';
import { countStatuses, groupChecks, summarize, type GroupView } from '../../health/order';
import { healthReportMarkdown } from '../../health/report';
import { formatClock } from '../../health/time';
import { useEnvironment } from '../../store/environmentStore';
import { useHealth } from '../../store/healthStore';
import { ApiErrorBar } from '../ApiErrorBar';
import { useCardStyles } from '../cardStyles';
import { CopyButton } from '../CopyButton';
import { CheckItem } from './CheckItem';

const useStyles = makeStyles({
  summary: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  when: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  groupHeading: {
    display: 'flex',
    alignItems: 'baseline',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  groupCount: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
  pending: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  firstRun: { justifyContent: 'flex-start' },
  pendingGroup: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
  },
});

function GroupSection({ view }: { view: GroupView }) {
  const card = useCardStyles();
  const styles = useStyles();
  const headingId = `health-group-${view.group.toLowerCase()}`;
  return (
    <section className={styles.group} aria-labelledby={headingId} data-group={view.group}>
      <h3 id={headingId} className={styles.groupHeading}>
        {view.group}
        <span className={styles.groupCount}>{summarize(countStatuses(view.checks))}</span>
      </h3>
      <ul className={card.list}>
        {view.checks.map((check) => (
          <CheckItem key={check.id} check={check} />
        ))}
      </ul>
    </section>
  );
}

/** Before the first report: the groups being checked, each with a spinner (the titles are not known yet). */
function FirstRun() {
  const styles = useStyles();
  return (
    <>
      <Spinner
        className={styles.firstRun}
        size="tiny"
        labelPosition="after"
        label="Running the health check: every check in one round trip…"
      />
      <ul className={styles.pending} aria-label="Groups being checked">
        {CHECK_GROUPS.map((group) => (
          <li key={group} className={styles.pendingGroup}>
            <Spinner size="extra-tiny" aria-hidden="true" />
            {group}
          </li>
        ))}
      </ul>
    </>
  );
}

function statusLine(report: HealthReport | null, running: boolean, only: readonly string[] | null): string {
  if (running && report === null) return 'Running the checks…';
  if (running) {
    const n = only?.length ?? report?.results.length ?? 0;
    return `Running ${n} ${n === 1 ? 'check' : 'checks'}…`;
  }
  if (report === null) return '';
  return summarize(countStatuses(report.results));
}

export function HealthCheck() {
  const card = useCardStyles();
  const styles = useStyles();
  const report = useHealth((s) => s.report);
  const updatedAt = useHealth((s) => s.updatedAt);
  const error = useHealth((s) => s.error);
  const activity = useHealth((s) => s.activity);
  const appliedCount = useHealth((s) => s.applied.length);
  const notice = useHealth((s) => s.notice);
  const run = useHealth((s) => s.run);
  const runningChecks = activity.kind === 'checks';
  const busy = activity.kind !== 'idle';

  const markdown = () =>
    report === null
      ? ''
      : healthReportMarkdown({
          report,
          updatedAt,
          environment: useEnvironment.getState().environment.value,
          appliedFixes: useHealth.getState().applied,
        });

  return (
    <section className={card.card} aria-labelledby="health-heading" aria-busy={runningChecks} data-testid="health">
      <div className={card.cardHeader}>
        <h2 id="health-heading" className={card.cardHeading}>
          Health check
        </h2>
        <Button
          icon={runningChecks ? <Spinner size="extra-tiny" aria-hidden="true" /> : <ArrowClockwiseRegular />}
          disabledFocusable={busy}
          onClick={() => void run()}
        >
          Run checks again
        </Button>
        <CopyButton text={markdown} what="Report" label="Copy report" size="medium" disabled={report === null} />
      </div>
      <p role="status" className={styles.summary} data-testid="health-summary">
        {statusLine(report, runningChecks, activity.kind === 'checks' ? activity.only : null)}
        {report !== null && !runningChecks && (
          <span className={styles.when}>
            {` · checked ${formatClock(new Date(report.ranAt), new Date())} in ${(report.ms / 1000).toFixed(1)} s`}
            {updatedAt !== null && `, updated ${formatClock(new Date(updatedAt), new Date())}`}
          </span>
        )}
      </p>
      {error !== null && <ApiErrorBar error={error} />}
      {notice !== null && (
        // A new bar per fix: Fluent announces a message bar when it appears.
        <MessageBar
          key={appliedCount}
          intent="success"
          politeness="polite"
          layout="multiline"
          data-testid="fix-applied"
        >
          <MessageBarBody>{`Fix applied: ${notice.applied}`}</MessageBarBody>
        </MessageBar>
      )}
      {report === null && runningChecks && <FirstRun />}
      {report !== null && (
        <div className={styles.groups}>
          {groupChecks(report.results).map((view) => (
            <GroupSection key={view.group} view={view} />
          ))}
        </div>
      )}
    </section>
  );
}
