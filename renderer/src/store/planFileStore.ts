// What the last Save answers / Open answers / Export script did, shared by the three screens that offer them: Open
// goes to Account, so the words "Opened X: … nothing has run" must show there, not on the screen left behind.
import { create } from 'zustand';
import type { ApiError } from '../api/contract';

export type FileOutcome = { ok: true; message: string } | { ok: false; error: ApiError | null };

interface PlanFileState {
  readonly outcome: FileOutcome | null;
  setOutcome(outcome: FileOutcome | null): void;
}

export const usePlanFile = create<PlanFileState>((set) => ({
  outcome: null,
  setOutcome: (outcome) => set({ outcome }),
}));
