// An AD object as the lab state holds it, every field at its "no value" default: scenarios name only what they set.
import { randomUUID } from 'node:crypto';
import type { AdObject } from '../state.js';

export function adObject(
  fields: Partial<AdObject> & Pick<AdObject, 'objectClass' | 'name' | 'distinguishedName'>,
): AdObject {
  return {
    samAccountName: null,
    objectGuid: randomUUID(),
    objectSid: null,
    description: null,
    enabled: null,
    created: '2024-01-15T09:00:00.000Z',
    groupScope: null,
    groupCategory: null,
    members: [],
    dnsHostName: null,
    operatingSystem: null,
    kerberosEncryptionType: [],
    servicePrincipalNames: [],
    hostServiceAccounts: [],
    principalsAllowedToRetrieveManagedPassword: [],
    managedPasswordIntervalInDays: null,
    hostComputers: [],
    onlyOn: [],
    attributes: {},
    ...fields,
  };
}
