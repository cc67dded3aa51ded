// The managed accounts audit: the report (audit.run: one read-only script, nothing changed), the findings' filter and
// order, the finding opened, the inventory's order, the tab shown, and the last export (audit.export, handed to the
// download as Save answers is). The move of a finding's user account goes through discover's store and actions
// (setup/discoverActions.ts), as Find what runs as users moves one.
import { create } from 'zustand';
import { call } from '../api/client';
import type { ApiError, AuditReport, ReportFormat, Severity } from '../api/contract';
import { api } from '../api/instance';
import { saveFile, type SavedFile } from '../setup/planFile';
import { toggleSeverity, type FindingSort } from '../audit/findings';
import { discoveredUses } from '../audit/usedBy';
import { useDiscover } from './discoverStore';
import {
  DEFAULT_INVENTORY_SORT,
  nextInventorySort,
  type InventorySortKey,
  type InventorySort,
} from '../audit/inventory';

export type AuditTab = 'findings' | 'inventory';

const MIME: Record<ReportFormat, string> = {
  md: 'text/markdown',
  html: 'text/html',
  csv: 'text/csv',
};

interface AuditState {
  readonly running: boolean;
  readonly report: AuditReport | null;
  /** When the report arrived (ms): "N days ago" and "today" are measured from it, not from each render. */
  readonly shownAt: number;
  readonly error: ApiError | null;
  readonly severities: readonly Severity[];
  readonly text: string;
  readonly sort: FindingSort;
  /** The findings opened, by id. */
  readonly open: readonly string[];
  readonly tab: AuditTab;
  readonly inventorySort: InventorySort;
  readonly exporting: ReportFormat | null;
  readonly exported: SavedFile | null;
  run(): Promise<void>;
  toggleSeverity(severity: Severity): void;
  clearSeverities(): void;
  setText(text: string): void;
  setSort(sort: FindingSort): void;
  toggleOpen(id: string): void;
  setTab(tab: AuditTab): void;
  sortInventory(key: InventorySortKey): void;
  exportReport(format: ReportFormat): Promise<void>;
}

export const useAudit = create<AuditState>((set, get) => ({
  running: false,
  report: null,
  shownAt: 0,
  error: null,
  severities: [],
  text: '',
  sort: 'severity',
  open: [],
  tab: 'findings',
  inventorySort: DEFAULT_INVENTORY_SORT,
  exporting: null,
  exported: null,

  async run() {
    if (get().running) return;
    set({ running: true, error: null, exported: null });
    // What a discovery sweep found this session (Find what runs as users): where the managed accounts are used.
    const usedBy = discoveredUses(useDiscover.getState().report);
    const result = await call(api, 'audit.run', { usedBy });
    set(
      result.ok
        ? {
            running: false,
            report: result.value,
            shownAt: Date.now(),
            // A finding still there stays open; gone ones are forgotten.
            open: get().open.filter((id) => result.value.findings.some((f) => f.id === id)),
          }
        : { running: false, error: result.error },
    );
  },

  toggleSeverity: (severity) => set({ severities: toggleSeverity(get().severities, severity) }),
  clearSeverities: () => set({ severities: [] }),
  setText: (text) => set({ text }),
  setSort: (sort) => set({ sort }),
  toggleOpen: (id) => set({ open: get().open.includes(id) ? get().open.filter((o) => o !== id) : [...get().open, id] }),
  setTab: (tab) => set({ tab }),
  sortInventory: (key) => set({ inventorySort: nextInventorySort(get().inventorySort, key) }),

  async exportReport(format) {
    const report = get().report;
    if (report === null || get().exporting !== null) return;
    set({ exporting: format, exported: null });
    const exported = await saveFile('audit.export', { format, report }, MIME[format], 'Report');
    set({ exporting: null, exported });
  },
}));
