// The plan as files: save the answers (the versioned JSON `msa-wizard apply --answers` reads), open an answers file
// into the forms, and export the whole plan as one PowerShell script (what `msa-wizard plan` prints). The core makes
// and reads the text (answers.text, answers.parse, plan.export); the renderer only hands it to the browser's download
// (Electron shows its Save dialog) or reads the file the admin picked.
import { call, type CallResult } from '../api/client';
import {
  answersFileText,
  answersFileTooLarge,
  planTaskInput,
  type ApiError,
  type ApiInput,
  type PlanInput,
} from '../api/contract';
import { api } from '../api/instance';
import type { FileOutcome } from '../store/planFileStore';
import { usePlan } from '../store/planStore';
import { useRun } from '../store/runStore';
import { useTask } from '../store/taskStore';
import { useWorkloads } from '../store/workloadStore';
import { useMigration } from '../store/migrationStore';
import { useNavigation } from '../store/navigationStore';
import { answersReplaced } from '../store/replacedAnswers';
import { showPart, validPlanOrShowProblems } from './actions';

import { isActive } from './steps';

/** The plan to save or export: the run's (it holds the plan, with its task), else the forms' if they pass the rules. */
function planForFile(): PlanInput | null {
  const { run } = useRun.getState();
  if (isActive(run)) return run.plan as PlanInput;
  return validPlanOrShowProblems();
}

/** Hands text to the browser as a file download (in Electron: the Save dialog). */
export function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file the core made was handed to the download, or the call failed (the error says why). */
export type SavedFile = { ok: true; message: string } | { ok: false; error: ApiError };

/**
 * Asks the core for a file (its text and name: answers.text, plan.export, audit.export), hands it to the download (in
 * Electron: the Save dialog) and says so, "<what> <file name> handed to the download (Save dialog)."
 */
export async function saveFile<M extends 'answers.text' | 'plan.export' | 'audit.export'>(
  method: M,
  input: ApiInput<M>,
  type: string,
  what: string,
): Promise<SavedFile> {
  const result: CallResult<'answers.text' | 'plan.export' | 'audit.export'> = await call(api, method, input);
  if (!result.ok) return { ok: false, error: result.error };
  download(result.value.text, result.value.fileName, type);
  return { ok: true, message: `${what} ${result.value.fileName} handed to the download (Save dialog).` };
}

/** The plan (the run's, else the forms' if they pass the rules; else no error: the forms show the problems) as a file. */
async function saveAs(method: 'answers.text' | 'plan.export', type: string, what: string): Promise<FileOutcome> {
  const plan = planForFile();
  if (plan === null) return { ok: false, error: null };
  return saveFile(method, { plan }, type, what);
}

export const saveAnswers = (): Promise<FileOutcome> => saveAs('answers.text', 'application/json', 'Answers file');
export const exportScript = (): Promise<FileOutcome> => saveAs('plan.export', 'text/plain', 'Script');

/** An answers file the core has read and checked: its plan, not yet in the forms. */
export interface ReadAnswers {
  readonly ok: true;
  readonly fileName: string;
  readonly plan: Record<string, unknown>;
}

/** Reads and checks an answers file (answers.parse). The forms are not touched: loadAnswers puts it in them. */
export async function readAnswers(file: {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}): Promise<ReadAnswers | { ok: false; error: ApiError }> {
  const notAnswers = (message: string): { ok: false; error: ApiError } => ({
    ok: false,
    error: {
      kind: 'BadInput',
      title: `${file.name} is not an answers file.`,
      action: 'Choose the .json file the wizard saved (or msa-wizard plan reads), saved as UTF-8.',
      message,
    },
  });
  // The size first: a file too large is refused before it is read.
  const tooLarge = answersFileTooLarge(file.size);
  if (tooLarge !== null) return notAnswers(tooLarge);
  const read = answersFileText(new Uint8Array(await file.arrayBuffer()));
  if (!read.ok) return notAnswers(read.message);
  const result = await call(api, 'answers.parse', { text: read.text });
  if (!result.ok) return { ok: false, error: result.error };
  return { ok: true, fileName: file.name, plan: result.value.plan };
}

/** What the forms hold that loading `read` would replace, in words; null when nothing would be lost. */
export function answersAtStake(read: ReadAnswers): string | null {
  const plan = usePlan.getState();
  const task = useTask.getState();
  const typed = Object.keys(plan.touched).length > 0 || Object.keys(task.touched).length > 0;
  return answersReplaced({ plan: plan.form, task: task.form, taskPlanned: task.planned, typed }, read.plan);
}

/**
 * Puts a plan in the forms (account, task, workloads, a move from a user account). Nothing runs: the admin reviews it
 * on Account, from its first part (focus on its heading).
 */
export function loadPlan(plan: Readonly<Record<string, unknown>>): void {
  usePlan.getState().loadFromRun(plan, 'type');
  useTask.getState().load(planTaskInput(plan));
  useWorkloads.getState().load(plan);
  useMigration.getState().load(plan);
  useNavigation.getState().goTo('account');
  showPart('type');
}

/** Puts a read answers file in the forms (account and task). Nothing runs: the admin reviews it on Account. */
export function loadAnswers({ fileName, plan }: ReadAnswers): FileOutcome {
  loadPlan(plan);
  const name = typeof plan.name === 'string' ? plan.name : '?';
  const task = (planTaskInput(plan) as { name?: unknown } | undefined)?.name;
  return {
    ok: true,
    message: `Opened ${fileName}: ${name}${typeof task === 'string' ? `, with the scheduled task ${task}` : ''}. Review it here, part by part; nothing has run.`,
  };
}
