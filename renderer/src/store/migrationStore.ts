// The plan's `migration` (a move from a user account to the gMSA: the groups copied and not, the SPNs moved, the file
// rights, the delegation shown): made by discover.adopt, carried as it is by an opened answers file or a resumed run.
// The forms have no fields for it: it is reviewed, not typed, and goes back to the core with the rest of the plan.
import { create } from 'zustand';
import { migrationSchema, type Plan, type PlanInput } from '../api/contract';

export type Migration = NonNullable<Plan['migration']>;
export type MigrationInput = NonNullable<PlanInput['migration']>;

interface MigrationState {
  /** As the plan holds it (the core's input), or null: a plan that moves nothing. */
  readonly input: MigrationInput | null;
  /** The same with its defaults filled in, for the screens; null when none (or not readable). */
  readonly migration: Migration | null;
  /** What discover.adopt left out of the plan and why (a move just planned; empty otherwise). */
  readonly notes: readonly string[];
  /** Takes the plan's migration, or none (and forgets the notes of an earlier move). */
  load(plan: Readonly<Record<string, unknown>>): void;
  setNotes(notes: readonly string[]): void;
}

export const useMigration = create<MigrationState>((set) => ({
  input: null,
  migration: null,
  notes: [],
  load(plan) {
    const parsed = migrationSchema.safeParse(plan.migration);
    set(
      plan.migration === undefined || !parsed.success
        ? { input: null, migration: null, notes: [] }
        : { input: plan.migration as MigrationInput, migration: parsed.data, notes: [] },
    );
  },
  setNotes: (notes) => set({ notes: [...notes] }),
}));
