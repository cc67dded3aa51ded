// Which lab `npm run lab` (and `npm start`) opens: the one already in the lab folder, or a fresh one. A lab folder
// keeps its state between runs on purpose (a plan half done, a KDS key waiting for its 10 hours), so with no
// --scenario it is reused — and says which scenario it is and how to start over. Asking for another scenario, or
// --reset, makes a fresh lab: the old folder is kept beside it (renamed, journals and all), never deleted, so
// nothing the admin practised is lost without a word. Used by scripts/lab.ts; nothing here starts a server. (Here,
// not in electron/lab: the packaged app carries electron/lab but never runs `npm run lab`.)
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { createLab, LabError, readLab, scenarioNames } from '../lab/lab.js';
import { findScenario } from '../lab/scenarios.js';
import { STATE_FILE, type LabState } from '../lab/state.js';
import { readAdvert } from './console.js';

export const DEFAULT_PRACTICE_SCENARIO = 'healthy';

export interface PracticeLabRequest {
  /** --scenario: the scenario wanted (undefined: whatever the folder holds, or the default for a new lab). */
  readonly scenario?: string | undefined;
  /** --reset: a fresh lab even when the folder holds one of the same scenario. */
  readonly reset?: boolean | undefined;
}

/** What to do with the lab folder. `previous` is the scenario the folder held (undefined: unreadable). */
export type PracticeLabDecision =
  | { readonly kind: 'create'; readonly scenario: string }
  | { readonly kind: 'reuse'; readonly scenario: string }
  | {
      readonly kind: 'replace';
      readonly scenario: string;
      readonly previous: string | undefined;
      readonly why: 'reset' | 'other-scenario';
    };

/** Decides from the folder's lab (if any) and the request; throws a one-line LabError on bad input. */
export function decidePracticeLab(labDir: string, request: PracticeLabRequest): PracticeLabDecision {
  const wanted = request.scenario;
  if (wanted !== undefined && findScenario(wanted) === undefined) {
    throw new LabError(`unknown scenario '${wanted}'; the scenarios are: ${scenarioNames().join(', ')}`);
  }
  if (!existsSync(path.join(labDir, STATE_FILE))) {
    return { kind: 'create', scenario: wanted ?? DEFAULT_PRACTICE_SCENARIO };
  }
  let previous: string | undefined;
  try {
    previous = readLab(labDir).scenario;
  } catch (error) {
    // A broken lab can still be set aside for a fresh one; reusing it is impossible.
    if (!(error instanceof LabError) || (wanted === undefined && request.reset !== true)) {
      throw error instanceof LabError
        ? new LabError(`${error.message}. For a fresh lab: npm run lab -- --reset (the old folder is kept aside)`)
        : error;
    }
  }
  if (request.reset === true) {
    return { kind: 'replace', scenario: wanted ?? previous ?? DEFAULT_PRACTICE_SCENARIO, previous, why: 'reset' };
  }
  if (wanted === undefined || wanted === previous) {
    return { kind: 'reuse', scenario: previous ?? DEFAULT_PRACTICE_SCENARIO };
  }
  return { kind: 'replace', scenario: wanted, previous, why: 'other-scenario' };
}

/** The opened lab, what to tell the admin about it, and where an old lab was kept (if one was replaced). */
export interface PracticeLab {
  readonly state: LabState;
  readonly message: string;
  readonly keptAside: string | undefined;
}

export interface PracticeLabOptions {
  readonly now?: Date;
  /**
   * The process id of a lab host serving this folder now (its files must not move under it), if any. Default: the
   * host that advertises its console for this folder (console.ts readAdvert).
   */
  readonly servedBy?: number | undefined;
}

/** Where an old lab is kept: beside the folder, named by its scenario and the time (`practice.healthy-2026-...`). */
function asideName(labDir: string, previous: string | undefined, now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  const base = `${path.resolve(labDir)}.${previous ?? 'unreadable'}-${stamp}`;
  let candidate = base;
  for (let n = 2; existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** Carries out decidePracticeLab: creates, keeps or replaces the lab in `labDir`. */
export function openPracticeLab(
  labDir: string,
  request: PracticeLabRequest,
  options: PracticeLabOptions = {},
): PracticeLab {
  const now = options.now ?? new Date();
  const decision = decidePracticeLab(labDir, request);
  const shown = path.relative(process.cwd(), path.resolve(labDir)) || '.';
  switch (decision.kind) {
    case 'create':
      return {
        state: createLab(labDir, decision.scenario, now),
        message: `Made a new '${decision.scenario}' lab in ${shown}.`,
        keptAside: undefined,
      };
    case 'reuse':
      return {
        state: readLab(labDir),
        message:
          `Reusing the '${decision.scenario}' lab in ${shown}, as it was left. For a fresh one: ` +
          `npm run lab -- --reset (same scenario) or --scenario NAME (npx msa-wizard lab scenarios lists them).`,
        keptAside: undefined,
      };
    case 'replace': {
      const servedBy = 'servedBy' in options ? options.servedBy : readAdvert(labDir)?.pid;
      if (servedBy !== undefined) {
        throw new LabError(
          `a lab host (process ${servedBy}) is serving ${shown}: stop it (Ctrl+C there) before making a fresh lab, ` +
            `or use another folder with --lab-dir`,
        );
      }
      const aside = asideName(labDir, decision.previous, now);
      renameSync(labDir, aside);
      const state = createLab(labDir, decision.scenario, now);
      const keptIn = path.relative(process.cwd(), aside);
      const was = decision.previous === undefined ? 'could not be read' : `was '${decision.previous}'`;
      const message =
        decision.why === 'reset'
          ? `Made a fresh '${decision.scenario}' lab in ${shown}; the old one (${decision.previous ?? 'unreadable'}) is kept in ${keptIn}.`
          : `The lab in ${shown} ${was}; made a fresh '${decision.scenario}' lab. The old one is kept in ${keptIn}.`;
      return { state, message, keptAside: aside };
    }
  }
}
