// The workload kinds of the Use the account screen, one line each (the scheduled task keeps its own screen part,
// components/task/, and its own store). Keyed by the core's kind names (electron/common/workloads/kinds.ts) minus the
// task: a kind the core knows and this list leaves out, or one listed under another kind's name, does not compile.
import { WORKLOAD_KIND_NAMES, type WorkloadKindName } from '../api/contract';
import { appPoolWorkload } from './app-pool';
import { existingTaskWorkload } from './existing-task';
import { serviceWorkload } from './service';
import type { FormValues, WorkloadFormKind } from './types';

/** The scheduled task: its form, store and results are its own (TaskSection, taskStore). */
export const TASK_KIND = 'scheduled-task' satisfies WorkloadKindName;

/** The kinds with a descriptor here: every kind but the task. */
export type FormKindName = Exclude<WorkloadKindName, typeof TASK_KIND>;

const BY_NAME: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own form type
  readonly [K in FormKindName]: WorkloadFormKind<K, any>;
} = {
  service: serviceWorkload,
  'app-pool': appPoolWorkload,
  'existing-task': existingTaskWorkload,
};

/** A kind's descriptor, its form seen as the store holds every kind's. */
export type AnyFormKind = WorkloadFormKind<FormKindName, FormValues>;

export const isFormKind = (kind: string): kind is FormKindName => Object.hasOwn(BY_NAME, kind);

/** The descriptor of a kind with one (undefined for the task, or a kind this version does not know). */
export function formKindOf(kind: string): AnyFormKind | undefined {
  return isFormKind(kind) ? (BY_NAME[kind] as AnyFormKind) : undefined;
}

/** The descriptor of a form kind. */
export const formKind = (kind: FormKindName): AnyFormKind => BY_NAME[kind] as AnyFormKind;

/** An object kind a form kind's steps create, in words (undefined for the others). */
export const createdWordsOf = (createdKind: string): string | undefined =>
  Object.values(BY_NAME)
    .map((k) => (k.createdWords as Readonly<Record<string, string | undefined>>)[createdKind])
    .find((w) => w !== undefined);

/** The kinds with a descriptor, in the core's order (the order the screen offers them). */
export const FORM_KIND_NAMES: readonly FormKindName[] = WORKLOAD_KIND_NAMES.filter(isFormKind);
