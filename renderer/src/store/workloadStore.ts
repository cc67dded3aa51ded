// The Use the account screen's workloads of every kind with a form (renderer/src/workloads/registry.ts; the scheduled
// task keeps its own store, taskStore.ts):
// each with its plan id, its host, its form as typed, which fields were touched, whether the admin tried to add it,
// what the core said about it, and whether it is part of the plan. Also whether the task form was asked for.
import { create } from 'zustand';
import { settingsKindOf, type PlanIssue } from '../api/contract';
import { isFormKind } from '../workloads/registry';
import { emptyForm, formFromSettings, type FormKind, type KindForm, type WorkloadFieldKey } from './workloadForms';

export interface WorkloadDraft {
  /** Its id in the plan ('service', 'app-pool-2'): step ids end with it, field ids start with it. */
  readonly id: string;
  readonly kindForm: KindForm;
  /** The computer it runs on (NetBIOS name); the target computer by default. */
  readonly host: string;
  readonly touched: Partial<Record<WorkloadFieldKey, true>>;
  readonly submitted: boolean;
  readonly serverIssues: readonly PlanIssue[];
  /** Part of the plan: a run started from the forms includes it, saved answers carry it. */
  readonly planned: boolean;
}

interface WorkloadsState {
  readonly drafts: readonly WorkloadDraft[];
  /** "Add a scheduled task" was pressed (the task form shows even while other workloads are planned). */
  readonly taskOpen: boolean;
  /** The workload the last runs.setWorkload / removeWorkload call was for ('task' for the task): its card shows the error. */
  readonly lastCall: string | null;
  setLastCall(id: string): void;
  add(kind: FormKind, id: string, host: string): void;
  update(id: string, patch: Partial<KindForm['form']>, touched?: readonly WorkloadFieldKey[]): void;
  setHost(id: string, host: string): void;
  touch(id: string, key: WorkloadFieldKey): void;
  submit(id: string): void;
  setServerIssues(id: string, issues: readonly PlanIssue[]): void;
  setPlanned(id: string, planned: boolean): void;
  remove(id: string): void;
  setTaskOpen(open: boolean): void;
  /** The drafts from a plan input's workloads with a form here (a resumed run, an opened file). */
  load(plan: Readonly<Record<string, unknown>>): void;
}

/** The workloads of a plan input whose kinds have a form here, ids and hosts filled in as the plan schema fills them. */
export function draftsOfPlan(plan: Readonly<Record<string, unknown>>): WorkloadDraft[] {
  const list: unknown[] = Array.isArray(plan.workloads) ? (plan.workloads as unknown[]) : [];
  const target = typeof plan.targetComputer === 'string' ? plan.targetComputer : '';
  const entries = list.filter((w): w is Record<string, unknown> => typeof w === 'object' && w !== null);
  const taken = new Set(entries.flatMap((w) => (typeof w.id === 'string' ? [w.id] : [])));
  if (typeof plan.task === 'object' && plan.task !== null) taken.add('task');
  const drafts: WorkloadDraft[] = [];
  for (const w of entries) {
    const kind = typeof w.kind === 'string' && isFormKind(w.kind) ? w.kind : undefined;
    let id = typeof w.id === 'string' ? w.id : undefined;
    if (id === undefined) {
      // The plan schema's rule: the first of a kind gets its default id, then -2, -3 (every kind takes ids in order).
      const base = settingsKindOf(String(w.kind))?.defaultId ?? String(w.kind);
      id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
    }
    if (kind === undefined) continue;
    drafts.push({
      id,
      kindForm: formFromSettings(kind, w.settings),
      host: typeof w.host === 'string' ? w.host : target,
      touched: {},
      submitted: false,
      serverIssues: [],
      planned: true,
    });
  }
  return drafts;
}

export const useWorkloads = create<WorkloadsState>((set) => {
  const change = (id: string, f: (d: WorkloadDraft) => WorkloadDraft) =>
    set((s) => ({ drafts: s.drafts.map((d) => (d.id === id ? f(d) : d)) }));
  return {
    drafts: [],
    // The screen opens on the task form, as before services and pools existed.
    taskOpen: true,
    lastCall: null,
    setLastCall: (lastCall) => set({ lastCall }),
    add: (kind, id, host) =>
      set((s) => ({
        drafts: [
          ...s.drafts,
          { id, kindForm: emptyForm(kind), host, touched: {}, submitted: false, serverIssues: [], planned: false },
        ],
      })),
    update: (id, patch, touched = []) =>
      change(id, (d) => ({
        ...d,
        kindForm: { ...d.kindForm, form: { ...d.kindForm.form, ...patch } },
        touched: { ...d.touched, ...Object.fromEntries(touched.map((k) => [k, true])) },
        // An edit makes the core's word on the old answers stale.
        serverIssues: [],
      })),
    setHost: (id, host) => change(id, (d) => ({ ...d, host, touched: { ...d.touched, host: true }, serverIssues: [] })),
    touch: (id, key) => change(id, (d) => (d.touched[key] ? d : { ...d, touched: { ...d.touched, [key]: true } })),
    submit: (id) => change(id, (d) => ({ ...d, submitted: true })),
    setServerIssues: (id, serverIssues) => change(id, (d) => ({ ...d, serverIssues, submitted: true })),
    setPlanned: (id, planned) => change(id, (d) => ({ ...d, planned })),
    remove: (id) => set((s) => ({ drafts: s.drafts.filter((d) => d.id !== id) })),
    setTaskOpen: (taskOpen) => set({ taskOpen }),
    load: (plan) => {
      const drafts = draftsOfPlan(plan);
      // A plan with a task, or with nothing yet, opens on the task form.
      set({ drafts, taskOpen: (typeof plan.task === 'object' && plan.task !== null) || drafts.length === 0 });
    },
  };
});
