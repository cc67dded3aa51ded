// A check's status: an icon and the status in words (never colour alone), or a spinner while it is being checked.
import { makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import {
  CheckmarkCircleFilled,
  DismissCircleFilled,
  QuestionCircleFilled,
  WarningFilled,
  type FluentIcon,
} from '@fluentui/react-icons';
import type { CheckStatus } from '../../api/contract';
import { STATUS_LABEL } from '../../health/order';

const useStyles = makeStyles({
  status: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minWidth: '88px',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  icon: { fontSize: '20px', flexShrink: 0 },
  fail: { color: tokens.colorStatusDangerForeground3 },
  warn: { color: tokens.colorStatusWarningForeground3 },
  unknown: { color: tokens.colorNeutralForeground2 },
  pass: { color: tokens.colorStatusSuccessForeground3 },
  checking: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
});

const ICONS: Record<CheckStatus, FluentIcon> = {
  fail: DismissCircleFilled,
  warn: WarningFilled,
  unknown: QuestionCircleFilled,
  pass: CheckmarkCircleFilled,
};

export function StatusIcon({ status, checking, id }: { status: CheckStatus; checking: boolean; id?: string }) {
  const styles = useStyles();
  if (checking) {
    return (
      <span id={id} className={mergeClasses(styles.status, styles.checking)} data-status="checking">
        <Spinner size="extra-tiny" aria-hidden="true" />
        Checking…
      </span>
    );
  }
  const Icon = ICONS[status];
  return (
    <span id={id} className={mergeClasses(styles.status, styles[status])} data-status={status}>
      <Icon className={styles.icon} aria-hidden="true" />
      {STATUS_LABEL[status]}
    </span>
  );
}
