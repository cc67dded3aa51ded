// An application pool as Read-MsaAppPool (app-pool-read.ts) answers it, and the comparisons the steps make on it.
import { z } from 'zod';

export const poolRaw = z.object({
  name: z.string(),
  /** 'ApplicationPoolIdentity' | 'NetworkService' | 'LocalService' | 'LocalSystem' | 'SpecificUser'. */
  identityType: z.string(),
  userName: z.string(),
  /** 'v4.0', 'v2.0', '' (No Managed Code). */
  runtime: z.string(),
  /** 'Integrated' | 'Classic'. */
  pipeline: z.string(),
  /** Get-WebAppPoolState: 'Started', 'Stopped', 'Starting', 'Stopping', 'Unknown'. */
  state: z.string(),
});
export type PoolRaw = z.infer<typeof poolRaw>;

/** 'CONTOSO\\svc-web$' / 'svc-web$' / 'svc-web$@contoso.com' -> 'svc-web$'. */
export const bareAccount = (name: string): string => name.replace(/^.*\\/, '').replace(/@.*$/, '').toLowerCase();

/** Whether the pool runs as the account (SpecificUser with its name, in any of its spellings). */
export const sameAccount = (pool: PoolRaw, account: string): boolean =>
  pool.identityType === 'SpecificUser' && bareAccount(pool.userName) === bareAccount(account);

/**
 * The identity as created[].previous records it and as the messages say it: the built-in identity's name
 * ('ApplicationPoolIdentity'), or 'SpecificUser:CONTOSO\\bob'.
 */
export const describePrevious = (pool: PoolRaw): string =>
  pool.identityType === 'SpecificUser' ? `SpecificUser:${pool.userName}` : pool.identityType;

/** A managed account's name: name$, DOMAIN\name$ or the UPN form name$@domain (no password to keep). */
export const isManagedAccountName = (name: string): boolean => /\$$|\$@/.test(name);
