// Add checks first (the task's file on its computer, a workload's computer in the directory) and only then tells the
// run (runs.setTask, runs.setWorkload). A second click while that is under way must not send the same change twice:
// each form's Add runs once at a time, and its button reads `useAdding` to stay disabled and say "Checking…", as the
// Computers list's Add does while it looks a name up.
import { create } from 'zustand';

interface AddingState {
  /** The forms whose Add is under way: 'task' or a workload's id. */
  readonly adding: Readonly<Record<string, true>>;
}

export const useAdding = create<AddingState>(() => ({ adding: {} }));

/** Runs `add` for the form `id` unless its Add is under way already (then false: nothing is sent again). */
export async function addOnce(id: string, add: () => Promise<boolean>): Promise<boolean> {
  if (useAdding.getState().adding[id] === true) return false;
  useAdding.setState((s) => ({ adding: { ...s.adding, [id]: true } }));
  try {
    return await add();
  } finally {
    useAdding.setState((s) => {
      const { [id]: _done, ...rest } = s.adding;
      return { adding: rest };
    });
  }
}
