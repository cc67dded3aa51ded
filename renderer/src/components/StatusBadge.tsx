// A status as an icon and words (never colour alone), or a spinner while the work runs. One look for the checks'
// statuses (health), the setup steps' and the undo actions' (run); each keeps its own table of icons and words.
import { makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import type { FluentIcon } from '@fluentui/react-icons';
import type { CheckStatus } from '../api/contract';

const useStyles = makeStyles({
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  icon: { fontSize: '20px', flexShrink: 0 },
  fail: { color: tokens.colorStatusDangerForeground3 },
  warn: { color: tokens.colorStatusWarningForeground3 },
  unknown: { color: tokens.colorNeutralForeground2 },
  pass: { color: tokens.colorStatusSuccessForeground3 },
  // Nothing has happened yet (not run, being checked): the words only, not bold.
  quiet: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
});

/** The colour of icon and words: those of the checks' four outcomes (so a check needs no table), or quiet. */
export type StatusTone = CheckStatus | 'quiet';

/** How one status looks: its icon and colour. */
export interface StatusLook {
  readonly icon: FluentIcon;
  readonly tone: StatusTone;
}

interface StatusBadgeProps {
  readonly id?: string;
  /** Set as data-status (tests and screenshots read it). */
  readonly status: string;
  readonly label: string;
  /** A spinner while the work runs. */
  readonly icon: FluentIcon | 'spinner';
  readonly tone: StatusTone;
}

export function StatusBadge({ id, status, label, icon: Icon, tone }: StatusBadgeProps) {
  const styles = useStyles();
  return (
    <span id={id} className={mergeClasses(styles.badge, styles[tone])} data-status={status}>
      {Icon === 'spinner' ? (
        <Spinner size="extra-tiny" aria-hidden="true" />
      ) : (
        <Icon className={styles.icon} aria-hidden="true" />
      )}
      {label}
    </span>
  );
}
