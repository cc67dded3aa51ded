// The wizard's UI state (zustand). Screens read and change it only through these actions.
import { create } from 'zustand';

export const WIZARD_STEPS = ['Prerequisites', 'Account', 'Install & test', 'Scheduled task', 'Summary'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

interface WizardState {
  readonly current: WizardStep;
  goTo(step: WizardStep): void;
}

export const useWizard = create<WizardState>((set) => ({
  current: 'Prerequisites',
  goTo: (step) => set({ current: step }),
}));
