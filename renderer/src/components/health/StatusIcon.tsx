// A check's status: its icon and words (the shared StatusBadge, in the status's own colour), or a spinner while it
// is being checked.
import {
  CheckmarkCircleFilled,
  DismissCircleFilled,
  QuestionCircleFilled,
  WarningFilled,
  type FluentIcon,
} from '@fluentui/react-icons';
import type { CheckStatus } from '../../api/contract';
import { STATUS_LABEL } from '../../health/order';
import { StatusBadge } from '../StatusBadge';

const ICONS: Record<CheckStatus, FluentIcon> = {
  fail: DismissCircleFilled,
  warn: WarningFilled,
  unknown: QuestionCircleFilled,
  pass: CheckmarkCircleFilled,
};

export function StatusIcon({ status, checking, id }: { status: CheckStatus; checking: boolean; id?: string }) {
  return checking ? (
    <StatusBadge id={id} status="checking" label="Checking…" icon="spinner" tone="quiet" />
  ) : (
    <StatusBadge id={id} status={status} label={STATUS_LABEL[status]} icon={ICONS[status]} tone={status} />
  );
}
