// The IIS application pool on the Use the account screen: an existing pool (picked from the computer's list when the
// wizard runs there, or typed) or a new one (.NET CLR version or No Managed Code, pipeline mode), recycle after the
// change, and the acknowledgement when the pool runs as a user account now. Settings and rules:
// electron/common/workloads/app-pool/settings.ts.
import {
  APP_POOL_NO_RESTORE_WHY,
  PIPELINE_MODES,
  RUNTIME_VERSIONS,
  appPoolSettingsSchema,
  runtimeWords,
  type PipelineMode,
  type RuntimeVersion,
} from '../../api/contract';
import type { Mode, WorkloadFormKind } from '../types';

export type AppPoolForm = {
  readonly mode: Mode;
  readonly name: string;
  readonly managedRuntimeVersion: RuntimeVersion;
  readonly pipelineMode: PipelineMode;
  readonly recycle: boolean;
  readonly acknowledgeNoRestore: boolean;
};

export const appPoolWorkload: WorkloadFormKind<'app-pool', AppPoolForm> = {
  kind: 'app-pool',
  addLabel: 'Add an IIS application pool',
  what: 'application pool',
  modeLabel: 'Application pool',
  existingLabel: 'An existing pool',
  createLabel: 'Create a pool',
  nameLabel: 'Application pool name',
  nameHint: 'As IIS Manager lists it, e.g. Reports.',
  createFields: [
    {
      type: 'choice',
      field: 'managedRuntimeVersion',
      label: '.NET CLR version',
      options: RUNTIME_VERSIONS.map((v) => ({
        value: v,
        label: runtimeWords(v),
        idSuffix: v === '' ? 'none' : v.replace('.', ''),
      })),
    },
    {
      type: 'choice',
      field: 'pipelineMode',
      label: 'Managed pipeline mode',
      options: PIPELINE_MODES.map((m) => ({ value: m, label: m })),
    },
  ],
  check: { field: 'recycle', label: 'Recycle the pool and check it runs as the account' },
  noRestoreWhy: APP_POOL_NO_RESTORE_WHY,
  createdWords: {
    'app-pool': 'application pool',
    'app-pool-identity': 'managed account as the identity of the application pool',
  },
  picker: {
    label: 'Pick an existing application pool',
    plural: 'application pools',
    whenUnavailable: 'create the pool once it is.',
  },
  empty: {
    mode: 'existing',
    name: '',
    managedRuntimeVersion: 'v4.0',
    pipelineMode: 'Integrated',
    recycle: true,
    acknowledgeNoRestore: false,
  },
  schema: appPoolSettingsSchema,
  toSettings(f) {
    const common = { name: f.name, recycle: f.recycle, acknowledgeNoRestore: f.acknowledgeNoRestore };
    return f.mode === 'existing'
      ? { mode: 'existing', ...common }
      : { mode: 'create', ...common, managedRuntimeVersion: f.managedRuntimeVersion, pipelineMode: f.pipelineMode };
  },
  fromSettings(s) {
    return {
      mode: s.mode === 'create' ? 'create' : 'existing',
      name: typeof s.name === 'string' ? s.name : '',
      managedRuntimeVersion: RUNTIME_VERSIONS.find((v) => v === s.managedRuntimeVersion) ?? 'v4.0',
      pipelineMode: s.pipelineMode === 'Classic' ? 'Classic' : 'Integrated',
      recycle: s.recycle !== false,
      acknowledgeNoRestore: s.acknowledgeNoRestore === true,
    };
  },
  stepWhy(stepKind, account) {
    switch (stepKind) {
      case 'app-pool-identity':
        return `Sets the pool's identity to SpecificUser ${account} with an empty password (WebAdministration, applicationHost.config), then reads it back.`;
      case 'app-pool-recycle':
        return 'Recycles the pool (or starts it) and checks it is started as the account; when WAS stops it, the System log’s 5021/5057/5059 events are read and explained.';
      default:
        return null;
    }
  },
};
