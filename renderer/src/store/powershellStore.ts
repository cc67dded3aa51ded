// The PowerShell panel: open or closed, the script previews it shows, and the live output of every run the core
// reports (run-started / output / run-finished events), newest last, kept to a bounded size. A step's scripts come
// from its `*.preview` operations (store/steps.ts) or, for screens whose scripts depend on what the admin entered
// (the setup steps of a plan, undo), from the screen itself: it supplies them here (useSupplyScripts).
import { create } from 'zustand';
import { call } from '../api/client';
import type { ApiError, ApiEvent, ApiMethod, ScriptPreview } from '../api/contract';
import { api } from '../api/instance';
import { DEFAULT_LAYOUT, PANEL_STORAGE_KEY, parseLayout, type PanelLayout } from '../components/panelSize';
import { notLoaded, type LoadState } from './loadState';
import type { StepId } from './steps';

const MAX_RUNS = 20;
const MAX_LINES_PER_RUN = 500;

export type OutputStream = Extract<ApiEvent, { type: 'output' }>['stream'];

export interface RunOutput {
  readonly runId: string;
  readonly operation: string;
  /** The script it ran (Live output shows its command line, as a transcript). */
  readonly script: string;
  readonly lines: readonly { readonly stream: OutputStream; readonly text: string }[];
  readonly status: 'running' | 'succeeded' | 'failed';
  readonly ms: number | null;
}

export type PreviewMethod = Extract<ApiMethod, `${string}.preview`>;

/** A script a screen supplies: its tab's key and label, the heading's title, and the exact text. */
export interface PanelScript {
  readonly key: string;
  readonly label: string;
  readonly title: string;
  readonly script: string;
}

/** What a screen shows in the panel: its scripts (one tab each), or while there are none, why (note) or an error. */
export interface ScreenScripts {
  readonly scripts: readonly PanelScript[];
  readonly loading: boolean;
  readonly error: ApiError | null;
  /** Said when there is no script (yet): e.g. "complete the plan first". */
  readonly note: string;
}

interface PowerShellState {
  /** The admin's choice (remembered): the panel shows open only while its step has a script. */
  readonly open: boolean;
  /** The panel's height when open, in CSS pixels (remembered). */
  readonly height: number;
  readonly previews: Partial<Record<PreviewMethod, LoadState<ScriptPreview>>>;
  /** Scripts supplied by the screen of a step (those without preview operations). */
  readonly supplied: Partial<Record<StepId, ScreenScripts>>;
  /** The selected tab of each step, by key (absent: the first). */
  readonly selected: Partial<Record<StepId, string>>;
  readonly runs: readonly RunOutput[];
  setOpen(open: boolean): void;
  setHeight(height: number): void;
  loadPreview(method: PreviewMethod): Promise<void>;
  supply(step: StepId, scripts: ScreenScripts | null): void;
  /** Selects a tab of the step's scripts (null: back to the first). */
  select(step: StepId, key: string | null): void;
  receive(event: ApiEvent): void;
}

function applyEvent(runs: readonly RunOutput[], event: ApiEvent): readonly RunOutput[] {
  if (event.type === 'run-started') {
    const run: RunOutput = {
      runId: event.runId,
      operation: event.operation,
      script: event.script,
      lines: [],
      status: 'running',
      ms: null,
    };
    return [...runs, run].slice(-MAX_RUNS);
  }
  // A step's progress is the run store's (Scheduled task shows it), the discovery's the discover store's; the panel
  // shows PowerShell's own output.
  if (event.type === 'step-progress' || event.type === 'discover-progress') return runs;
  return runs.map((run) => {
    if (run.runId !== event.runId) return run;
    if (event.type === 'output') {
      return { ...run, lines: [...run.lines, { stream: event.stream, text: event.text }].slice(-MAX_LINES_PER_RUN) };
    }
    return { ...run, status: event.ok ? 'succeeded' : 'failed', ms: event.ms };
  });
}

// The panel's layout survives a reload (issue 16: it re-opened at 45 % of the height each time). Storage can be absent
// (Node tests) or refuse (quota, privacy settings): then the default, collapsed.
function loadLayout(): PanelLayout {
  try {
    return parseLayout(globalThis.localStorage?.getItem(PANEL_STORAGE_KEY) ?? null);
  } catch {
    return DEFAULT_LAYOUT;
  }
}

function saveLayout(layout: PanelLayout): void {
  try {
    globalThis.localStorage?.setItem(PANEL_STORAGE_KEY, JSON.stringify(layout));
  } catch {
    // Not remembered this time; the panel still works.
  }
}

const initialLayout = loadLayout();

export const usePowerShell = create<PowerShellState>((set, get) => ({
  open: initialLayout.open,
  height: initialLayout.height,
  previews: {},
  supplied: {},
  selected: {},
  runs: [],

  setOpen(open) {
    set({ open });
    saveLayout({ open, height: get().height });
  },

  setHeight(height) {
    set({ height, open: true });
    saveLayout({ open: true, height });
  },

  async loadPreview(method) {
    const current = get().previews[method] ?? notLoaded;
    if (current.loading || current.value !== null) return;
    set({ previews: { ...get().previews, [method]: { ...current, loading: true } } });
    const result = await call(api, method, {});
    const next: LoadState<ScriptPreview> = result.ok
      ? { value: result.value, error: null, loading: false }
      : { value: null, error: result.error, loading: false };
    set({ previews: { ...get().previews, [method]: next } });
  },

  supply(step, scripts) {
    const supplied = { ...get().supplied };
    if (scripts === null) delete supplied[step];
    else supplied[step] = scripts;
    set({ supplied });
  },

  select(step, key) {
    const selected = { ...get().selected };
    if (key === null) delete selected[step];
    else selected[step] = key;
    set({ selected });
  },

  receive: (event) => set({ runs: applyEvent(get().runs, event) }),
}));
