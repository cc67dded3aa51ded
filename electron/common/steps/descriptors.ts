// The account's own steps, each described once: its stage, where it runs, what it can create, its label. The step
// files (account.ts, group.ts, ...) take their descriptor from here by id; the workloads' steps and the user rights
// are described in ../workloads/ (each kind's step specs, shared/logon-right.ts). Together they are the single source
// of stages, where a step runs, survey kinds and labels (../workloads/all-steps.ts).
import type { StepDescriptor } from './types.js';

export const CORE_STEPS = {
  'kds-root-key': {
    stage: 'account',
    where: 'directory',
    creates: [],
    label: 'KDS root key',
    command: 'Add-KdsRootKey',
  },
  group: { stage: 'account', where: 'directory', creates: ['group'], label: 'Group', command: 'New-ADGroup' },
  'group-members': {
    stage: 'account',
    where: 'directory',
    creates: ['group-member'],
    label: 'Members',
    command: 'Add-ADGroupMember',
  },
  account: {
    stage: 'account',
    where: 'directory',
    creates: ['service-account'],
    label: 'Account',
    command: 'New-ADServiceAccount',
  },
  'smsa-link': {
    stage: 'account',
    where: 'directory',
    creates: ['smsa-link'],
    label: 'sMSA link',
    command: 'Add-ADComputerServiceAccount',
  },
  'refresh-ticket': { stage: 'install', where: 'host', creates: [], label: 'Ticket', command: 'klist' },
  install: {
    stage: 'install',
    where: 'host',
    creates: ['installed-account'],
    label: 'Install',
    command: 'Install-ADServiceAccount',
  },
  test: { stage: 'install', where: 'host', creates: [], label: 'Test', command: 'Test-ADServiceAccount' },
  // Moving from a user account (plan.migration, ../adopt/): its groups, its SPNs, its file rights.
  'copy-groups': {
    stage: 'account',
    where: 'directory',
    creates: ['copied-membership'],
    label: 'Groups copied',
    command: 'Add-ADGroupMember',
  },
  'move-spns': {
    stage: 'workload',
    where: 'directory',
    creates: ['moved-spn'],
    label: 'SPNs moved',
    command: 'Set-ADServiceAccount',
  },
  'file-access': {
    stage: 'workload',
    where: 'host',
    creates: ['file-access-rule'],
    label: 'File access',
    command: 'Set-Acl',
  },
} as const satisfies Record<string, StepDescriptor>;

export type CoreStepKind = keyof typeof CORE_STEPS;
/** What the account's steps can create. */
export type CoreCreatedKind = (typeof CORE_STEPS)[CoreStepKind]['creates'][number];
