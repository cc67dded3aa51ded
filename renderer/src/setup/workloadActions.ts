// What the Use the account screen's workload buttons (every kind with a form) do across the stores: start a new one (its plan id
// and host), add it to the plan (and to the run that holds the plan: runs.setWorkload, nothing runs), take it away
// again, and put the core's problems with it onto its fields. The scheduled task has its own (taskActions.ts).
import { binaryExecutable, settingsKindOf, type RunInfo } from '../api/contract';
import { call } from '../api/client';
import { api } from '../api/instance';
import { useRun } from '../store/runStore';
import { useTask } from '../store/taskStore';
import {
  nextWorkloadId,
  sameSettings,
  toSettings,
  validateWorkload,
  workloadFieldDomId,
  workloadFieldOrder,
  workloadServerIssues,
  type FormKind,
  type WorkloadFieldErrors,
} from '../store/workloadForms';
import { draftsOfPlan, useWorkloads, type WorkloadDraft } from '../store/workloadStore';
import { useEnvironment } from '../store/environmentStore';
import { useNavigation } from '../store/navigationStore';
import { runsAsUser } from '../components/workloads/hostLists';
import { addOnce } from './addGuard';
import { lookUpComputer } from './computerLookup';
import { focusById } from './focus';
import { isActive } from './steps';

function focusFirst(id: string, kind: FormKind, errors: WorkloadFieldErrors): void {
  const first = workloadFieldOrder(kind).find((key) => errors[key] !== undefined);
  if (first !== undefined) focusById(workloadFieldDomId(id, first));
}

/** The ids the plan (run or forms) uses now: a new workload takes the next free one of its kind. */
function idsInUse(run: RunInfo | null): string[] {
  const ids = useWorkloads.getState().drafts.map((d) => d.id);
  if (useTask.getState().planned) ids.push('task');
  if (run !== null) {
    ids.push(...draftsOfPlan(run.plan).map((d) => d.id));
    if (Array.isArray(run.plan.workloads)) {
      for (const w of run.plan.workloads as { id?: unknown }[]) if (typeof w.id === 'string') ids.push(w.id);
    }
  }
  return ids;
}

/** Starts a new workload of `kind` on `host` (its form opens; nothing joins the plan yet); returns its id. */
export function startWorkload(kind: FormKind, host: string): string {
  const { run } = useRun.getState();
  const defaultId = settingsKindOf(kind)?.defaultId ?? kind;
  const id = nextWorkloadId(defaultId, idsInUse(isActive(run) ? run : null));
  useWorkloads.getState().add(kind, id, host);
  return id;
}

const draftOf = (id: string): WorkloadDraft | undefined => useWorkloads.getState().drafts.find((d) => d.id === id);

/** The run's entry for a workload id: its index in the plan's `workloads`, its settings. */
export function runWorkloadEntry(run: RunInfo, id: string): { index: number; settings: unknown } | null {
  const list: unknown[] = Array.isArray(run.plan.workloads) ? (run.plan.workloads as unknown[]) : [];
  const index = list.findIndex((w) => typeof w === 'object' && w !== null && (w as { id?: unknown }).id === id);
  if (index < 0) return null;
  return { index, settings: (list[index] as { settings?: unknown }).settings };
}

/** Whether the form holds changes the run does not have yet. */
export function unsavedInRun(run: RunInfo | null, draft: WorkloadDraft): boolean {
  if (run === null) return false;
  const entry = runWorkloadEntry(run, draft.id);
  if (entry === null) return false;
  const host = (run.plan.workloads as { host?: unknown }[])[entry.index]?.host;
  const runHost = typeof host === 'string' ? host : run.targetComputer;
  return (
    runHost.toUpperCase() !== draft.host.trim().toUpperCase() ||
    !sameSettings(draft.kindForm.kind, toSettings(draft.kindForm), entry.settings)
  );
}

/** The workload as the plan holds it. */
const planEntry = (d: WorkloadDraft) => ({
  id: d.id,
  kind: d.kindForm.kind,
  host: d.host.trim(),
  settings: toSettings(d.kindForm) as Record<string, unknown>,
});

/**
 * The workload's computer, looked up once per Add (not per keystroke) unless it is the one the wizard runs on: a
 * computer that does not exist is refused on its field, before the plan (or a run) takes it. When the directory cannot
 * be asked, the name is kept as typed.
 */
async function hostExists(id: string, host: string, run: RunInfo | null): Promise<boolean> {
  const here = useEnvironment.getState().environment.value?.computer.toUpperCase();
  if (host === here) return true;
  const found = await lookUpComputer(host);
  if (found.kind !== 'missing') return true;
  useWorkloads
    .getState()
    .setServerIssues(id, [{ path: `workloads.${planIndex(id, run)}.host`, message: found.message }]);
  focusById(workloadFieldDomId(id, 'host'));
  return false;
}

/** Where the workload's core issues go: its entry in the run's plan, or the next one when it is new. */
function planIndex(id: string, run: RunInfo | null): number {
  return (
    (isActive(run) ? runWorkloadEntry(run, id)?.index : undefined) ??
    (isActive(run) && Array.isArray(run.plan.workloads) ? run.plan.workloads.length : 0)
  );
}

/**
 * A new Windows service's program, checked on its computer on Add (host.testPath), as the scheduled task's script is,
 * not first when the step runs: missing, or a folder, refuses Add on the Program field. The path is the program
 * without its arguments: the quoted path, or the first word, ending in .exe (binaryExecutable, the service form's own
 * rule, which the form has passed already). A computer that cannot be asked keeps the path (the step checks it again).
 */
async function programExists(id: string, draft: WorkloadDraft, run: RunInfo | null): Promise<boolean> {
  const settings = toSettings(draft.kindForm);
  if (draft.kindForm.kind !== 'service' || settings.mode !== 'create' || typeof settings.binaryPath !== 'string') {
    return true;
  }
  const exe = binaryExecutable(settings.binaryPath);
  if (!('path' in exe)) return true;
  const result = await call(api, 'host.testPath', { computer: draft.host.trim(), path: exe.path });
  if (!result.ok || result.value.exists === null || result.value.kind === 'file') return true;
  const { computer } = result.value;
  const message =
    result.value.kind === 'folder'
      ? `${exe.path} is a folder on ${computer}, not a file: enter the full path of the program.`
      : `${exe.path} does not exist on ${computer} (Test-Path: False): install the program there or correct the path.`;
  useWorkloads
    .getState()
    .setServerIssues(id, [{ path: `workloads.${planIndex(id, run)}.settings.binaryPath`, message }]);
  focusById(workloadFieldDomId(id, 'binaryPath'));
  return false;
}

/**
 * Adds the workload's form to the plan: checks it with its kind's rules (every problem shows, focus goes to the
 * first), then gives it to the run that holds the plan, if one does (runs.setWorkload). True when added. Once at a
 * time per workload (addOnce): a second click while its computer is looked up sends nothing.
 */
export function addWorkload(id: string): Promise<boolean> {
  return addOnce(id, () => addWorkloadNow(id));
}

async function addWorkloadNow(id: string): Promise<boolean> {
  const draft = draftOf(id);
  if (draft === undefined) return false;
  const f = draft.kindForm;
  const errors = validateWorkload(f, draft.host, runsAsUser(f.kind, draft.host, f.form.mode, f.form.name) === true);
  if (Object.keys(errors).length > 0) {
    useWorkloads.getState().submit(id);
    focusFirst(id, f.kind, errors);
    return false;
  }
  const { run } = useRun.getState();
  if (!(await hostExists(id, draft.host.trim().toUpperCase(), run))) return false;
  if (!(await programExists(id, draft, run))) return false;
  if (isActive(run) && (runWorkloadEntry(run, id) === null || unsavedInRun(run, draft))) {
    useWorkloads.getState().setLastCall(id);
    const updated = await useRun.getState().setWorkload(planEntry(draft));
    if (updated === null) {
      const issues = useRun.getState().error?.error.issues ?? [];
      if (issues.length > 0) {
        // The core checked the whole plan: this workload is the one with its id (or the last, when it was new).
        const index =
          runWorkloadEntry(run, id)?.index ?? (Array.isArray(run.plan.workloads) ? run.plan.workloads.length : 0);
        useWorkloads.getState().setServerIssues(id, issues);
        focusFirst(id, f.kind, workloadServerIssues(f.kind, issues, index).fields);
      }
      return false;
    }
  }
  useWorkloads.getState().setPlanned(id, true);
  return true;
}

/** Takes the workload out of the plan (and out of the run, if its steps have not changed anything yet). */
export async function removeWorkload(id: string): Promise<boolean> {
  const { run } = useRun.getState();
  if (isActive(run) && runWorkloadEntry(run, id) !== null) {
    useWorkloads.getState().setLastCall(id);
    if ((await useRun.getState().removeWorkload(id)) === null) return false;
  }
  useWorkloads.getState().remove(id);
  focusById('workloads-heading', false);
  return true;
}

/** The workloads with a form that the plan holds: those added, while they pass their rules. */
export function plannedWorkloads(): ReturnType<typeof planEntry>[] {
  return useWorkloads
    .getState()
    .drafts.filter((d) => d.planned && Object.keys(validateWorkload(d.kindForm, d.host)).length === 0)
    .map(planEntry);
}

/**
 * A workload added to the plan that no longer passes its rules (edited since): shows its problems on the Use the
 * account screen, focus on the first, and says so (true): the plan must not go on without it.
 */
export function showWorkloadProblems(): boolean {
  for (const d of useWorkloads.getState().drafts) {
    if (!d.planned) continue;
    const errors = validateWorkload(d.kindForm, d.host);
    if (Object.keys(errors).length === 0) continue;
    useWorkloads.getState().submit(d.id);
    useNavigation.getState().goTo('task');
    focusFirst(d.id, d.kindForm.kind, errors);
    return true;
  }
  return false;
}
