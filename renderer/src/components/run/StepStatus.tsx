// A setup step's status: an icon and the status in words (never colour alone), a spinner while it runs.
import { makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import {
  CheckmarkCircleFilled,
  CheckmarkCircleRegular,
  CircleRegular,
  DismissCircleFilled,
  WarningFilled,
  type FluentIcon,
} from '@fluentui/react-icons';
import type { RunStepStatus } from '../../api/contract';

const useStyles = makeStyles({
  status: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minWidth: '120px',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  icon: { fontSize: '20px', flexShrink: 0 },
  pending: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
  running: { color: tokens.colorNeutralForeground2 },
  done: { color: tokens.colorStatusSuccessForeground3 },
  exists: { color: tokens.colorStatusSuccessForeground3 },
  conflict: { color: tokens.colorStatusWarningForeground3 },
  failed: { color: tokens.colorStatusDangerForeground3 },
});

/** The status in words. A step the journal says is 'running' while nothing runs was cut off. */
export const STEP_STATUS_LABEL: Record<RunStepStatus, string> = {
  pending: 'Not run yet',
  running: 'Interrupted',
  done: 'Done',
  exists: 'Exists (reused)',
  conflict: 'Conflict',
  failed: 'Failed',
};

const ICONS: Record<RunStepStatus, FluentIcon> = {
  pending: CircleRegular,
  running: WarningFilled,
  done: CheckmarkCircleFilled,
  exists: CheckmarkCircleRegular,
  conflict: WarningFilled,
  failed: DismissCircleFilled,
};

export function StepStatus({ status, running, id }: { status: RunStepStatus; running: boolean; id?: string }) {
  const styles = useStyles();
  if (running) {
    return (
      <span id={id} className={mergeClasses(styles.status, styles.running)} data-status="running">
        <Spinner size="extra-tiny" aria-hidden="true" />
        Running…
      </span>
    );
  }
  const Icon = ICONS[status];
  return (
    <span id={id} className={mergeClasses(styles.status, styles[status])} data-status={status}>
      <Icon className={styles.icon} aria-hidden="true" />
      {STEP_STATUS_LABEL[status]}
    </span>
  );
}
