// When something pending becomes true (the KDS root key becomes usable): a live countdown to readyAt, with the local
// clock time; once it is due, a prompt to run the check again. The countdown itself is not a live region (a
// screen reader would be told every second); the "due" prompt is, once.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular, ClockRegular } from '@fluentui/react-icons';
import { formatClock, formatRemaining } from '../../health/time';
import { useNow } from './useNow';

const useStyles = makeStyles({
  pending: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    fontWeight: tokens.fontWeightSemibold,
  },
  icon: { fontSize: '16px', flexShrink: 0 },
  due: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, margin: 0 },
});

interface ReadyCountdownProps {
  readonly readyAt: string;
  readonly title: string;
  /** Runs this check again; null while that cannot start (something else runs). */
  readonly onRecheck: () => void;
  readonly busy: boolean;
}

export function ReadyCountdown({ readyAt, title, onRecheck, busy }: ReadyCountdownProps) {
  const styles = useStyles();
  const now = useNow(1000);
  const at = new Date(readyAt);
  const left = at.getTime() - now;
  if (Number.isNaN(left)) return null;
  const clock = formatClock(at, new Date(now));
  return (
    <>
      {left > 0 && (
        <p className={styles.pending} data-testid="ready-countdown">
          <ClockRegular className={styles.icon} aria-hidden="true" />
          {`Usable in ${formatRemaining(left)} (${clock})`}
        </p>
      )}
      <div role="status" className={left > 0 ? undefined : styles.due}>
        {left <= 0 && (
          <>
            <span>{`Due since ${clock}: run the check again to confirm.`}</span>
            <Button
              size="small"
              icon={<ArrowClockwiseRegular />}
              disabledFocusable={busy}
              aria-label={`Re-run this check: ${title}`}
              onClick={onRecheck}
            >
              Re-run this check
            </Button>
          </>
        )}
      </div>
    </>
  );
}
