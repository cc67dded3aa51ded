// A setup step's status: its icon and words (the shared StatusBadge), or a spinner while it runs. The words are true for
// every step kind: they come from the status and the step's descriptor (what it can create, the warnings it reported),
// never from a table of step ids. A step that found its object already there reads "Already there"; one that creates
// nothing (a ticket refresh, a test) and found nothing to do reads "Nothing to change"; one done with warnings is
// shown as a warning, not a green "Done".
import {
  CheckmarkCircleFilled,
  CheckmarkCircleRegular,
  CircleRegular,
  DismissCircleFilled,
  WarningFilled,
} from '@fluentui/react-icons';
import type { RunStep, RunStepStatus } from '../../api/contract';
import { StatusBadge, type StatusLook, type StatusTone } from '../StatusBadge';

/** How a step looks: its status, refined by what the step is and what it reported. */
export type StepLook = RunStepStatus | 'warning' | 'unchanged';

const LOOKS: Record<StepLook, StatusLook> = {
  pending: { icon: CircleRegular, tone: 'quiet' },
  running: { icon: WarningFilled, tone: 'unknown' },
  done: { icon: CheckmarkCircleFilled, tone: 'pass' },
  warning: { icon: WarningFilled, tone: 'warn' },
  exists: { icon: CheckmarkCircleRegular, tone: 'pass' },
  unchanged: { icon: CheckmarkCircleRegular, tone: 'pass' },
  conflict: { icon: WarningFilled, tone: 'warn' },
  failed: { icon: DismissCircleFilled, tone: 'fail' },
};

type StepFacts = Pick<RunStep, 'status' | 'creates' | 'warnings'>;

/** The look of a step: a warning when it succeeded with warnings; "unchanged" when it found nothing to do and creates nothing. */
export function stepLook(step: StepFacts): StepLook {
  const succeeded = step.status === 'done' || step.status === 'exists';
  if (succeeded && (step.warnings ?? []).length > 0) return 'warning';
  if (step.status === 'exists' && (step.creates ?? []).length === 0) return 'unchanged';
  return step.status;
}

/** A step's status in words. A step the journal says is 'running' while nothing runs was cut off. */
export function stepStatusLabel(step: StepFacts): string {
  const look = stepLook(step);
  if (look === 'warning') {
    const n = (step.warnings ?? []).length;
    return n === 1 ? 'Done, 1 warning' : `Done, ${n} warnings`;
  }
  return LABELS[look];
}

const LABELS: Record<Exclude<StepLook, 'warning'>, string> = {
  pending: 'Not run yet',
  running: 'Interrupted',
  done: 'Done',
  exists: 'Already there',
  unchanged: 'Nothing to change',
  conflict: 'Conflict',
  failed: 'Failed',
};

/** The step's tone (the badge's colour, and the row's border). */
export const stepTone = (step: StepFacts): StatusTone => LOOKS[stepLook(step)].tone;

export function StepStatus({ step, running, id }: { step: StepFacts; running: boolean; id?: string }) {
  return running ? (
    <StatusBadge id={id} status="running" label="Running…" icon="spinner" tone="unknown" />
  ) : (
    <StatusBadge id={id} status={step.status} label={stepStatusLabel(step)} {...LOOKS[stepLook(step)]} />
  );
}
