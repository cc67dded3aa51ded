// Whether the pool's account holds "Log on as a batch job" EFFECTIVELY on the host: directly, or through a group it is
// a member of (its domain groups from Get-ADPrincipalGroupMembership, and the well-known groups every domain account's
// logon carries). WAS logs the pool's account on with a batch logon (processModel.logonType LogonBatch, the default),
// which LSA refuses without the right (WAS event 5021). The shared right step (workloads/shared) grants the right
// directly when the account does not hold it itself; this report says what the host grants today, and what it does not
// read: membership of the host's local groups (Get-LocalGroupMember is not on every 5.1 host), e.g. IIS_IUSRS.
// The SID and the domain groups come from the prelude's Get-MsaAccountSid / Get-MsaAccountGroups: read from AD here,
// or, on another host reached through remoting, from the facts the wizard read first (no second hop to AD).
import { z } from 'zod';
import { ps } from '../../powershell/script.js';

/**
 * PowerShell: Read-MsaBatchRight — who holds "Log on as a batch job" and its deny on this host, and the account's SID
 * and domain groups (needs Get-MsaUserRight: the lab's MsaUserRights module, or USER_RIGHTS_FALLBACK; and the prelude).
 */
export const READ_BATCH_RIGHT = ps`function Read-MsaBatchRight {
    param([string]$Sam)
    [ordered]@{
        holders = @((Get-MsaUserRight -Right 'SeBatchLogonRight').Accounts | ForEach-Object { [string]$_ })
        denied = @((Get-MsaUserRight -Right 'SeDenyBatchLogonRight').Accounts | ForEach-Object { [string]$_ })
        sid = [string](Get-MsaAccountSid $Sam)
        groups = @(Get-MsaAccountGroups $Sam)
    }
}`;

export const batchRightRaw = z.object({
  /** Get-MsaUserRight SeBatchLogonRight: 'DOMAIN\\name' entries, or '*S-1-...' for SIDs that do not resolve. */
  holders: z.array(z.string()),
  denied: z.array(z.string()),
  sid: z.string(),
  /** The account's domain groups: sAMAccountName and SID of each. */
  groups: z.array(z.string()),
});
export type BatchRightRaw = z.infer<typeof batchRightRaw>;

/** Well-known groups in every domain account's logon token: Everyone, Authenticated Users, BUILTIN\Users. */
const WELL_KNOWN: readonly (readonly [string, string])[] = [
  ['everyone', 's-1-1-0'],
  ['nt authority\\authenticated users', 's-1-5-11'],
  ['builtin\\users', 's-1-5-32-545'],
];

const norm = (entry: string): string => entry.trim().replace(/^\*/, '').toLowerCase();

export interface BatchRightReport {
  readonly direct: boolean;
  /** The holders that grant it through a group of the account. */
  readonly via: readonly string[];
  readonly denied: readonly string[];
  /** One sentence for the step's message. */
  readonly sentence: string;
  readonly warnings: readonly string[];
}

export function batchRightReport(raw: BatchRightRaw, account: string, host: string): BatchRightReport {
  const domain = account.includes('\\') ? account.slice(0, account.indexOf('\\')).toLowerCase() : '';
  const bare = account.slice(account.indexOf('\\') + 1).toLowerCase();
  const self = new Set([account.toLowerCase(), bare, raw.sid.toLowerCase()].filter((s) => s !== ''));
  const groups = new Set<string>();
  for (const g of raw.groups) {
    const n = g.toLowerCase();
    groups.add(n);
    if (!n.startsWith('s-1-') && domain !== '') groups.add(`${domain}\\${n}`);
  }
  for (const [name, sid] of WELL_KNOWN) {
    groups.add(name);
    groups.add(sid);
  }
  const direct = raw.holders.some((h) => self.has(norm(h)));
  const via = raw.holders.filter((h) => !self.has(norm(h)) && groups.has(norm(h)));
  const denied = raw.denied.filter((h) => self.has(norm(h)) || groups.has(norm(h)));
  const warnings: string[] = [];
  if (denied.length > 0) {
    warnings.push(
      `${account} is denied "Log on as a batch job" on ${host} through ${denied.join(', ')} ("Deny log on as a batch job"), which overrides any grant: the pool will not start (WAS event 5021). Remove that entry (secpol.msc, or the GPO that sets it).`,
    );
  }
  let sentence: string;
  if (direct) sentence = `${account} holds "Log on as a batch job" on ${host} directly.`;
  else if (via.length > 0) sentence = `${account} holds "Log on as a batch job" on ${host} through ${via.join(', ')}.`;
  else {
    // Local groups (BUILTIN\\..., IIS_IUSRS) other than Administrators: a service account is rarely one of those.
    const others = raw.holders.filter(
      (h) => /^(builtin\\|[^\\]*\\?iis_iusrs$)/i.test(h.trim()) && !/^builtin\\administrators$/i.test(h.trim()),
    );
    sentence = `${account} does not hold "Log on as a batch job" on ${host} directly or through its domain groups${others.length > 0 ? ` (membership of the local groups that hold it, ${others.join(', ')}, is not read here)` : ''}; without it the pool stops with WAS event 5021 — the "Log on as a batch job" step grants it directly.`;
  }
  return { direct, via, denied, sentence, warnings };
}
