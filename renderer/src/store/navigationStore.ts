// Which step the wizard shows. Steps are not gated yet: each feature issue adds its own rules for moving on.
import { create } from 'zustand';
import type { StepId } from './steps';

interface NavigationState {
  readonly current: StepId;
  goTo(step: StepId): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  current: 'prerequisites',
  goTo: (step) => set({ current: step }),
}));
