// The workload kinds' settings sides, one line each: what the plan schema, the answers file and the renderer need
// (zod and words, no scripts). registry.ts lists the whole kinds (steps, survey) in the same order; a kind missing
// from either list does not compile (registry.ts keys its kinds by these names).
import { appPoolSettingsKind } from './app-pool/settings.js';
import { existingTaskSettingsKind } from './existing-task/settings.js';
import { scheduledTaskSettings } from './scheduled-task/task-schema.js';
import { serviceSettingsKind } from './service/settings.js';

export const WORKLOAD_SETTINGS = [
  scheduledTaskSettings,
  serviceSettingsKind,
  appPoolSettingsKind,
  existingTaskSettingsKind,
] as const;

/** 'scheduled-task' | 'service' | 'app-pool' | ... */
export type WorkloadKindName = (typeof WORKLOAD_SETTINGS)[number]['kind'];

export const WORKLOAD_KIND_NAMES: readonly WorkloadKindName[] = WORKLOAD_SETTINGS.map((k) => k.kind);

/** A kind's settings side by name (undefined for a kind this version does not know). */
export const settingsKindOf = (kind: string): (typeof WORKLOAD_SETTINGS)[number] | undefined =>
  WORKLOAD_SETTINGS.find((k) => k.kind === kind);
