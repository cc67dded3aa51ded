// The workload kinds, one line each (their settings sides are listed, in the same order, in kinds.ts). Everything
// else is derived from here: the plan's steps, step ids, stages, survey kinds, labels, the export's host sections.
import { appPoolWorkload } from './app-pool/index.js';
import { WORKLOAD_SETTINGS, type WorkloadKindName } from './kinds.js';
import { scheduledTaskKind } from './scheduled-task/index.js';
import { serviceWorkload } from './service/index.js';
import type { WorkloadKind } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own settings type
export const WORKLOAD_KINDS: readonly WorkloadKind<any>[] = [scheduledTaskKind, serviceWorkload, appPoolWorkload];

// Both lists name the same kinds in the same order (a kind added to one only fails here, as the app starts and in
// every test).
if (WORKLOAD_KINDS.map((k) => k.settings.kind).join() !== WORKLOAD_SETTINGS.map((k) => k.kind).join()) {
  throw new Error('workloads/registry.ts and workloads/kinds.ts must list the same kinds in the same order');
}

/** A kind by name (its settings were validated by the plan schema, which knows the same kinds). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the settings type is the kind's own
export function workloadKind(kind: WorkloadKindName | string): WorkloadKind<any> {
  const found = WORKLOAD_KINDS.find((k) => k.settings.kind === kind);
  if (found === undefined) throw new Error(`unknown workload kind ${kind}`);
  return found;
}
