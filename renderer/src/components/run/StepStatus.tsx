// A setup step's status: its icon and words (the shared StatusBadge), or a spinner while it runs.
import {
  CheckmarkCircleFilled,
  CheckmarkCircleRegular,
  CircleRegular,
  DismissCircleFilled,
  WarningFilled,
} from '@fluentui/react-icons';
import type { RunStepStatus } from '../../api/contract';
import { StatusBadge, type StatusLook, type StatusTone } from '../StatusBadge';

/** The status in words. A step the journal says is 'running' while nothing runs was cut off. */
export const STEP_STATUS_LABEL: Record<RunStepStatus, string> = {
  pending: 'Not run yet',
  running: 'Interrupted',
  done: 'Done',
  exists: 'Exists (reused)',
  conflict: 'Conflict',
  failed: 'Failed',
};

const LOOKS: Record<RunStepStatus, StatusLook> = {
  pending: { icon: CircleRegular, tone: 'quiet' },
  running: { icon: WarningFilled, tone: 'unknown' },
  done: { icon: CheckmarkCircleFilled, tone: 'pass' },
  exists: { icon: CheckmarkCircleRegular, tone: 'pass' },
  conflict: { icon: WarningFilled, tone: 'warn' },
  failed: { icon: DismissCircleFilled, tone: 'fail' },
};

/** The status's tone (the badge's colour, and the row's border). */
export const STEP_STATUS_TONE: Record<RunStepStatus, StatusTone> = Object.fromEntries(
  Object.entries(LOOKS).map(([status, look]) => [status, look.tone]),
) as Record<RunStepStatus, StatusTone>;

export function StepStatus({ status, running, id }: { status: RunStepStatus; running: boolean; id?: string }) {
  return running ? (
    <StatusBadge id={id} status="running" label="Running…" icon="spinner" tone="unknown" />
  ) : (
    <StatusBadge id={id} status={status} label={STEP_STATUS_LABEL[status]} {...LOOKS[status]} />
  );
}
