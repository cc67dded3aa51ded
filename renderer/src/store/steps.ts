// The wizard's steps, in order, and the operations whose scripts the PowerShell panel shows on each (the first is
// shown first; with more than one, the panel offers a tab per script). The setup screens supply their own scripts
// (they follow from the plan): `supplied` marks them.
import type { ApiMethod } from '../api/contract';

export interface StepScript {
  readonly method: Extract<ApiMethod, `${string}.preview`>;
  /** The tab's label. */
  readonly label: string;
}

export const WIZARD_STEPS = [
  {
    id: 'prerequisites',
    title: 'Prerequisites',
    scripts: [
      { method: 'checks.preview', label: 'Health check' },
      { method: 'environment.preview', label: 'Environment' },
    ],
  },
  { id: 'account', title: 'Account', scripts: [], supplied: true },
  { id: 'install', title: 'Install & test', scripts: [], supplied: true },
  // 'task': the id of the screen since it held the scheduled task alone; it now holds every workload.
  { id: 'task', title: 'Use the account', scripts: [], supplied: true },
  { id: 'summary', title: 'Summary', scripts: [], supplied: true },
] as const satisfies readonly { id: string; title: string; scripts: readonly StepScript[]; supplied?: boolean }[];

/**
 * Screens outside the numbered sequence: where an admin starts from a broken job instead of a blank page ("my task
 * failed: the password expired"). The nav lists them apart, unnumbered; a finding moved to a managed account lands on
 * Account with its plan, and the steps go on from there.
 */
export const START_SCREENS = [
  { id: 'discover', title: 'Find what runs as users', scripts: [], supplied: true },
  // The domain's managed accounts and who can take their passwords (issue 17): read-only, its findings' user accounts
  // moved to a managed account the same way.
  { id: 'audit', title: 'Audit managed accounts', scripts: [{ method: 'audit.preview', label: 'Audit' }] },
] as const satisfies readonly { id: string; title: string; scripts: readonly StepScript[]; supplied?: boolean }[];

export type WizardStep = (typeof WIZARD_STEPS)[number] | (typeof START_SCREENS)[number];
export type StepId = WizardStep['id'];

const ALL_SCREENS: readonly WizardStep[] = [...WIZARD_STEPS, ...START_SCREENS];

export function stepById(id: StepId): WizardStep {
  return ALL_SCREENS.find((step) => step.id === id) ?? WIZARD_STEPS[0];
}

/** The step's place in the numbered sequence (1-based), or null for a start screen. */
export function stepPosition(id: StepId): number | null {
  const index = WIZARD_STEPS.findIndex((step) => step.id === id);
  return index < 0 ? null : index + 1;
}
