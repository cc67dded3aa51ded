// The PowerShell panel: open or closed, the script previews it shows, and the live output of every run the core
// reports (run-started / output / run-finished events), newest last, kept to a bounded size.
import { create } from 'zustand';
import { call } from '../api/client';
import type { ApiEvent, ApiMethod, ScriptPreview } from '../api/contract';
import { api } from '../api/instance';
import { notLoaded, type LoadState } from './loadState';

const MAX_RUNS = 20;
const MAX_LINES_PER_RUN = 500;

export type OutputStream = Extract<ApiEvent, { type: 'output' }>['stream'];

export interface RunOutput {
  readonly runId: string;
  readonly operation: string;
  readonly lines: readonly { readonly stream: OutputStream; readonly text: string }[];
  readonly status: 'running' | 'succeeded' | 'failed';
  readonly ms: number | null;
}

export type PreviewMethod = Extract<ApiMethod, `${string}.preview`>;

interface PowerShellState {
  readonly open: boolean;
  readonly previews: Partial<Record<PreviewMethod, LoadState<ScriptPreview>>>;
  readonly runs: readonly RunOutput[];
  setOpen(open: boolean): void;
  loadPreview(method: PreviewMethod): Promise<void>;
  receive(event: ApiEvent): void;
}

function applyEvent(runs: readonly RunOutput[], event: ApiEvent): readonly RunOutput[] {
  if (event.type === 'run-started') {
    const run: RunOutput = { runId: event.runId, operation: event.operation, lines: [], status: 'running', ms: null };
    return [...runs, run].slice(-MAX_RUNS);
  }
  return runs.map((run) => {
    if (run.runId !== event.runId) return run;
    if (event.type === 'output') {
      return { ...run, lines: [...run.lines, { stream: event.stream, text: event.text }].slice(-MAX_LINES_PER_RUN) };
    }
    return { ...run, status: event.ok ? 'succeeded' : 'failed', ms: event.ms };
  });
}

export const usePowerShell = create<PowerShellState>((set, get) => ({
  open: true,
  previews: {},
  runs: [],

  setOpen: (open) => set({ open }),

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

  receive: (event) => set({ runs: applyEvent(get().runs, event) }),
}));
