// "Find what runs as users": where to look (this computer, a list of computers, the computers of an OU), the sweep's
// progress per computer (discover-progress events), the report (discover.run), and the finding being moved to a
// managed account (discover.adopt, setup/discoverActions.ts).
import { create } from 'zustand';
import { call } from '../api/client';
import type { ApiError, ApiEvent, DiscoveryReport } from '../api/contract';
import { api } from '../api/instance';
import { discoverInput, type Scope } from '../discover/scope';

export type { Scope } from '../discover/scope';

/** Where one computer's sweep stands, as the progress list shows it. */
export interface HostProgress {
  readonly host: string;
  readonly state: 'reading' | 'read' | 'problem';
}

interface DiscoverState {
  readonly scope: Scope;
  /** As typed: one computer per line, or separated by commas or spaces. */
  readonly computers: string;
  readonly searchBase: string;
  /** The input's problem, shown once Find was pressed. */
  readonly inputProblem: string | null;
  readonly running: boolean;
  /** Accounts phase: the hosts have answered, AD is being read. */
  readonly readingAccounts: boolean;
  readonly progress: readonly HostProgress[];
  readonly done: number;
  readonly total: number | null;
  readonly report: DiscoveryReport | null;
  readonly error: ApiError | null;
  /** The account or finding being moved (its key) while discover.adopt runs. */
  readonly adopting: string | null;
  readonly adoptError: { readonly key: string; readonly error: ApiError } | null;
  setScope(scope: Scope): void;
  setComputers(text: string): void;
  setSearchBase(dn: string): void;
  run(): Promise<void>;
  receive(event: ApiEvent): void;
  setAdopting(key: string | null): void;
  setAdoptError(key: string, error: ApiError): void;
}

export const useDiscover = create<DiscoverState>((set, get) => ({
  scope: 'this',
  computers: '',
  searchBase: '',
  inputProblem: null,
  running: false,
  readingAccounts: false,
  progress: [],
  done: 0,
  total: null,
  report: null,
  error: null,
  adopting: null,
  adoptError: null,

  setScope: (scope) => set({ scope, inputProblem: null }),
  setComputers: (computers) => set({ computers, inputProblem: null }),
  setSearchBase: (searchBase) => set({ searchBase, inputProblem: null }),

  async run() {
    if (get().running) return;
    const input = discoverInput(get());
    if (typeof input === 'string') {
      set({ inputProblem: input });
      return;
    }
    const listed = input.computers ?? [];
    set({
      running: true,
      readingAccounts: false,
      inputProblem: null,
      progress: listed.map((host) => ({ host, state: 'reading' })),
      done: 0,
      total: listed.length === 0 ? null : listed.length,
      report: null,
      error: null,
      adoptError: null,
    });
    const result = await call(api, 'discover.run', input);
    set(
      result.ok
        ? { running: false, readingAccounts: false, report: result.value, progress: finalProgress(result.value) }
        : { running: false, readingAccounts: false, error: result.error },
    );
  },

  receive(event) {
    if (event.type !== 'discover-progress' || !get().running) return;
    const { host, outcome } = event;
    const total = event.total;
    if (host === null || outcome === null) {
      set({ readingAccounts: event.phase === 'accounts', done: event.done, total });
      return;
    }
    const key = host.toLowerCase();
    const known = get().progress.some((p) => p.host.toLowerCase() === key);
    const progress: HostProgress[] = known
      ? get().progress.map((p) => (p.host.toLowerCase() === key ? { host: p.host, state: outcome } : p))
      : [...get().progress, { host, state: outcome }];
    set({ progress, done: event.done, total });
  },

  setAdopting: (adopting) => set(adopting === null ? { adopting } : { adopting, adoptError: null }),
  setAdoptError: (key, error) => set({ adopting: null, adoptError: { key, error } }),
}));

/** After the sweep: every computer of the report with its outcome (in case an event was missed). */
function finalProgress(report: DiscoveryReport): HostProgress[] {
  const failed = new Set(report.problems.map((p) => p.host.toLowerCase()));
  return report.hosts.map((host) => ({ host, state: failed.has(host.toLowerCase()) ? 'problem' : 'read' }));
}
