// The screen for each step.
import type { ComponentType } from 'react';
import type { StepId } from '../store/steps';
import { AccountScreen } from './AccountScreen';
import { InstallTestScreen } from './InstallTestScreen';
import { PrerequisitesScreen } from './PrerequisitesScreen';
import { ScheduledTaskScreen } from './ScheduledTaskScreen';
import { SummaryScreen } from './SummaryScreen';

const SCREENS: Record<StepId, ComponentType> = {
  prerequisites: PrerequisitesScreen,
  account: AccountScreen,
  install: InstallTestScreen,
  task: ScheduledTaskScreen,
  summary: SummaryScreen,
};

export function ScreenForStep({ step }: { step: StepId }) {
  const Screen = SCREENS[step];
  return <Screen />;
}
