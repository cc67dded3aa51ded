// The workload kinds, one line each (their settings sides are listed, in the same order, in kinds.ts). Everything
// else is derived from here: the plan's steps, step ids, stages, survey kinds, labels, the export's host sections.
import { appPoolWorkload } from './app-pool/index.js';
import { existingTaskWorkload } from './existing-task/index.js';
import type { WORKLOAD_SETTINGS } from './kinds.js';
import { WORKLOAD_KIND_NAMES, type WorkloadKindName } from './kinds.js';
import { scheduledTaskKind } from './scheduled-task/index.js';
import { serviceWorkload } from './service/index.js';
import type { WorkloadKind, WorkloadSettingsKind } from './types.js';

/** A kind's settings type, from its settings side in kinds.ts. */
type SettingsOf<K extends WorkloadKindName> =
  Extract<(typeof WORKLOAD_SETTINGS)[number], { kind: K }> extends WorkloadSettingsKind<K, infer S> ? S : never;

// Keyed by the kinds.ts names: a kind listed there and not here, or here and not there, or here with another kind's
// settings type, does not compile.
const BY_NAME: { readonly [K in WorkloadKindName]: WorkloadKind<SettingsOf<K>> } = {
  'scheduled-task': scheduledTaskKind,
  service: serviceWorkload,
  'app-pool': appPoolWorkload,
  'existing-task': existingTaskWorkload,
};

/** Every kind, in kinds.ts order (the order the screens offer them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own settings type
export const WORKLOAD_KINDS: readonly WorkloadKind<any>[] = WORKLOAD_KIND_NAMES.map((name) => BY_NAME[name]);

/** A kind by name (its settings were validated by the plan schema, which knows the same kinds). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the settings type is the kind's own
export function workloadKind(kind: WorkloadKindName | string): WorkloadKind<any> {
  const found = WORKLOAD_KINDS.find((k) => k.settings.kind === kind);
  if (found === undefined) throw new Error(`unknown workload kind ${kind}`);
  return found;
}
