// The healthy domain's second DC, DC02, for the scenarios that need two DCs (multi-dc-replication; risky-domain and
// large-domain with a 2025 DC). A module of its own: scenarios.ts imports the scenario modules, so they cannot import
// from it.
import type { AdObject, LabState } from '../state.js';
import { adObject } from './ad-object.js';
import { addMember } from './migration.js';

/** A computer account as the healthy domain makes them (DNS name under `dnsRoot`, RC4 and AES allowed). */
export function computerObject(name: string, objectSid: string, parent: string, os: string, dnsRoot: string): AdObject {
  return adObject({
    objectClass: 'computer',
    name,
    distinguishedName: `CN=${name},${parent}`,
    samAccountName: `${name}$`,
    objectSid,
    enabled: true,
    dnsHostName: `${name.toLowerCase()}.${dnsRoot}`,
    operatingSystem: os,
    kerberosEncryptionType: ['RC4', 'AES128', 'AES256'],
  });
}

export interface Dc02Options {
  readonly os?: string;
  readonly version?: string;
  readonly site?: string;
  readonly ip?: string;
}

/** Adds DC02 (RID 1001, a global catalog, reachable; by default Server 2022 in Branch-Site) as a domain controller,
 *  its computer account and its Domain Controllers membership. Returns the computer account. */
export function addDc02(
  state: LabState,
  {
    os = 'Windows Server 2022 Datacenter',
    version = '10.0 (20348)',
    site = 'Branch-Site',
    ip = '10.1.0.10',
  }: Dc02Options = {},
): AdObject {
  const { dnsRoot, distinguishedName: base, domainSid } = state.domain;
  state.domainControllers.push({
    name: 'DC02',
    hostName: `DC02.${dnsRoot}`,
    operatingSystem: os,
    operatingSystemVersion: version,
    site,
    ipv4Address: ip,
    isGlobalCatalog: true,
    reachable: true,
  });
  const account = computerObject('DC02', `${domainSid}-1001`, `OU=Domain Controllers,${base}`, os, dnsRoot);
  state.objects.push(account);
  addMember(state, 'Domain Controllers', account.distinguishedName);
  return account;
}
