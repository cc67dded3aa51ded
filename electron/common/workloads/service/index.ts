// The Windows service workload kind (issue 14): point an existing service at the account, or create one; grant
// "Log on as a service" (the shared right step, rights: ['service']); set the account; restart and verify.
import type { WorkloadKind } from '../types.js';
import { serviceAccountStep } from './account-step.js';
import { plannedServicesCheck } from './host-check.js';
import { servicePicker } from './list.js';
import { serviceRestartStep } from './restart-step.js';
import { serviceSettingsKind, type ServiceSettings } from './settings.js';
import { serviceSurvey } from './survey.js';

export const serviceWorkload: WorkloadKind<ServiceSettings> = {
  settings: serviceSettingsKind,
  steps: [serviceAccountStep, serviceRestartStep],
  survey: serviceSurvey,
  picker: servicePicker,
  hostChecks: [plannedServicesCheck],
};
