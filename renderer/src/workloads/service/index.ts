// The Windows service on the Use the account screen: an existing service (picked from the computer's list when the
// wizard runs there, or typed) or a new one (name, display name, program with arguments, start type, description),
// restart after the change, and the acknowledgement when the service runs as a user account now. Settings and rules:
// electron/common/workloads/service/settings.ts.
import { SERVICE_NO_RESTORE_WHY, START_TYPES, serviceSettingsSchema, type StartType } from '../../api/contract';
import type { Mode, WorkloadFormKind } from '../types';

export type ServiceForm = {
  readonly mode: Mode;
  readonly name: string;
  readonly displayName: string;
  readonly binaryPath: string;
  readonly startType: StartType;
  readonly description: string;
  readonly restart: boolean;
  readonly acknowledgeNoRestore: boolean;
};

const optionalText = (text: string) => (text.trim() === '' ? undefined : text);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export const serviceWorkload: WorkloadFormKind<'service', ServiceForm> = {
  kind: 'service',
  addLabel: 'Add a Windows service',
  what: 'service',
  modeLabel: 'Service',
  existingLabel: 'An existing service',
  createLabel: 'Create a service',
  nameLabel: 'Service name',
  nameHint: 'The short name Get-Service shows (not the display name).',
  createFields: [
    { type: 'text', field: 'displayName', label: 'Display name (optional)' },
    {
      type: 'text',
      field: 'binaryPath',
      label: 'Program and arguments',
      hint: 'Quote the path when it has spaces: "C:\\Program Files\\App\\app.exe" --service',
      required: true,
    },
    {
      type: 'choice',
      field: 'startType',
      label: 'Start type',
      options: START_TYPES.map((t) => ({ value: t, label: t })),
    },
    { type: 'text', field: 'description', label: 'Description (optional)' },
  ],
  check: { field: 'restart', label: 'Restart the service and check it runs as the account' },
  noRestoreWhy: SERVICE_NO_RESTORE_WHY,
  createdWords: { service: 'service', 'service-logon': 'managed account as the Log on account of the service' },
  picker: { label: 'Pick an existing service', plural: 'services', whenUnavailable: 'create the service once it is.' },
  empty: {
    mode: 'existing',
    name: '',
    displayName: '',
    binaryPath: '',
    startType: 'Automatic',
    description: '',
    restart: true,
    acknowledgeNoRestore: false,
  },
  schema: serviceSettingsSchema,
  toSettings(f) {
    const common = { name: f.name, restart: f.restart, acknowledgeNoRestore: f.acknowledgeNoRestore };
    if (f.mode === 'existing') return { mode: 'existing', ...common };
    const displayName = optionalText(f.displayName);
    const description = optionalText(f.description);
    return {
      mode: 'create',
      ...common,
      ...(displayName === undefined ? {} : { displayName }),
      binaryPath: f.binaryPath,
      startType: f.startType,
      ...(description === undefined ? {} : { description }),
    };
  },
  fromSettings(s) {
    return {
      mode: s.mode === 'create' ? 'create' : 'existing',
      name: str(s.name),
      displayName: str(s.displayName),
      binaryPath: str(s.binaryPath),
      startType: START_TYPES.find((t) => t === s.startType) ?? 'Automatic',
      description: str(s.description),
      restart: s.restart !== false,
      acknowledgeNoRestore: s.acknowledgeNoRestore === true,
    };
  },
  stepWhy(stepKind, account) {
    switch (stepKind) {
      case 'service-account':
        return `Sets the service's logon account to ${account} with Win32_Service.Change (no password: the account's is managed by Windows), then reads it back. It reads the service first and changes nothing that is right already.`;
      case 'service-restart':
        return 'Restarts the service (or starts it) and checks it runs as the account; a start that fails is explained (1069 logon failure, 1053, 1067, 1079) with the System log’s 7000/7038/7041 entries and the fix.';
      default:
        return null;
    }
  },
};
