// The wizard's steps, in order, and which operation's script the PowerShell panel shows on each.
import type { ApiMethod } from '../api/contract';

export const WIZARD_STEPS = [
  { id: 'prerequisites', title: 'Prerequisites', preview: 'environment.preview' },
  { id: 'account', title: 'Account', preview: null },
  { id: 'install', title: 'Install & test', preview: null },
  { id: 'task', title: 'Scheduled task', preview: null },
  { id: 'summary', title: 'Summary', preview: null },
] as const satisfies readonly { id: string; title: string; preview: ApiMethod | null }[];

export type WizardStep = (typeof WIZARD_STEPS)[number];
export type StepId = WizardStep['id'];

export function stepById(id: StepId): WizardStep {
  return WIZARD_STEPS.find((step) => step.id === id) ?? WIZARD_STEPS[0];
}
