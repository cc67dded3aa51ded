// The IIS application pool workload kind: run an existing or new pool as the managed account, then recycle it and
// verify. Steps (after the shared "Log on as a batch job" host step: rights ['batch']): app-pool-identity
// (identity.ts), app-pool-recycle (recycle.ts). Settings: settings.ts; survey: survey.ts; how pools are read and why
// the WebAdministration module: app-pool-read.ts.
import type { WorkloadKind } from '../types.js';
import { iisHostCheck } from './host-check.js';
import { appPoolIdentityStep } from './identity.js';
import { appPoolPicker } from './list.js';
import { appPoolRecycleStep } from './recycle.js';
import { appPoolSettingsKind, type AppPoolSettings } from './settings.js';
import { appPoolSurvey } from './survey.js';

export const appPoolWorkload: WorkloadKind<AppPoolSettings> = {
  settings: appPoolSettingsKind,
  steps: [appPoolIdentityStep, appPoolRecycleStep],
  survey: appPoolSurvey,
  picker: appPoolPicker,
  hostChecks: [iisHostCheck],
};
