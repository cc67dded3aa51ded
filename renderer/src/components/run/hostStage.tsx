// What the screens with steps on the target computer share (Install & test, Use the account): the stage's steps (the
// run's, or the preview's before a run exists) with their scripts in the PowerShell panel, which computer they must
// run on and whether the wizard runs there, and the bar that says so when it does not.
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { RunInfo, RunStep } from '../../api/contract';
import { isActive, isUndoing, shownSteps, panelScripts } from '../../setup/steps';
import { targetOf } from '../../store/planForm';
import { usePlan } from '../../store/planStore';
import type { ScreenScripts } from '../../store/powershellStore';
import { useRun, type RunStage } from '../../store/runStore';
import type { StepId } from '../../store/steps';
import { useSupplyScripts } from '../../store/useSupplyScripts';
import { useCurrentPreview, useFormContext } from '../plan/usePlanErrors';
import type { StepListMode } from './StepList';

export interface HostStage {
  /** The run that holds the plan (open or completed), if any. */
  readonly active: RunInfo | null;
  /** Every step of the plan (run or preview), and this stage's. */
  readonly all: readonly RunStep[];
  readonly steps: readonly RunStep[];
  /** The computer the steps run on, the one the wizard runs on, and whether they are the same. */
  readonly target: string;
  readonly here: string | null;
  readonly onTarget: boolean;
}

/** The stage's steps and where they run; supplies their scripts to the panel of `panel` (with `note` before any). */
export function useHostStage(stage: RunStage, panel: StepId, note: string): HostStage {
  const ctx = useFormContext();
  const run = useRun((s) => s.run);
  const form = usePlan((s) => s.form);
  const preview = useCurrentPreview();
  const active = isActive(run) ? run : null;
  const previewed = preview.value?.steps ?? null;
  const all = useMemo(() => shownSteps(active, previewed), [active, previewed]);
  const steps = useMemo(() => all.filter((s) => s.stage === stage), [all, stage]);
  const scripts = useMemo<ScreenScripts>(
    () => ({
      scripts: panelScripts(steps),
      loading: false,
      error: null,
      note,
    }),
    [steps, note],
  );
  useSupplyScripts(panel, scripts);
  const target = active?.targetComputer ?? targetOf(form, ctx);
  const here = ctx.computer;
  const onTarget = here !== null && target !== '' && here.toUpperCase() === target.toUpperCase();
  return { active, all, steps, target, here, onTarget };
}

/**
 * How the stage's step list works: scripts to copy when the wizard is not on the target, read-only once undo has
 * begun, else Run buttons.
 */
export function hostStepMode(stage: HostStage): StepListMode {
  if (!stage.onTarget) return 'copy';
  return stage.active !== null && isUndoing(stage.active) ? 'view' : 'run';
}

/** Says that the steps below must run on another computer, and how (`detail` ends the sentence "...elevated Windows PowerShell"). */
export function NotOnTargetBar({ stage, detail }: { stage: HostStage; detail: string }) {
  const { target, here } = stage;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="not-on-target">
      <MessageBarBody>
        <MessageBarTitle>{`These steps must run on ${target}`}</MessageBarTitle>
        {`The wizard runs on ${here ?? 'another computer'}, not on ${target}. Run each script below on ${target}, in an elevated Windows PowerShell${detail}`}
      </MessageBarBody>
    </MessageBar>
  );
}
