// Which of the SPNs some other object already holds. An SPN held twice in the forest breaks Kerberos for it (the
// KDC cannot tell which account's key to use: KRB_AP_ERR_MODIFIED), so they are looked up forest-wide (forest.ts),
// case-insensitively, as setspn -X -F does.
import { z } from 'zod';
import type { ApiOutput } from '../api/contract.js';
import type { Exec } from '../checks/run.js';
import { accountNameSchema, spnSchema } from '../plan/plan-schema.js';
import { ps, type PsScript } from '../powershell/script.js';
import { FOREST_LOOKUP, scopeSchema } from './forest.js';
import { ldapEscape } from './ldap.js';
import { LOOKUP_TIMEOUT_MS, parseAnswer, parseInput } from './validate.js';

const spnListSchema = z.array(spnSchema).max(50, 'Check at most 50 SPNs at a time.');

const answerSchema = z.object({
  scope: scopeSchema,
  holders: z.array(z.object({ dn: z.string(), sam: z.string().nullable(), spns: z.array(z.string()) })),
});

/** The read-only script: every object holding any of the SPNs, with all its SPNs. */
export function spnHoldersScript(spns: readonly string[]): PsScript {
  const filter = `(|${spns.map((s) => `(servicePrincipalName=${ldapEscape(s)})`).join('')})`;
  return ps`${FOREST_LOOKUP}
$lookup = Find-MsaForestObject -LdapFilter ${filter} -Properties @('servicePrincipalName', 'sAMAccountName')
$holders = @(foreach ($o in $lookup.objects) {
    $sam = $null
    if ($o.sAMAccountName) { $sam = [string]$o.sAMAccountName }
    [ordered]@{ dn = [string]$o.DistinguishedName; sam = $sam; spns = @($o.servicePrincipalName | ForEach-Object { [string]$_ }) }
})
[ordered]@{ scope = $lookup.scope; holders = $holders }`;
}

export async function checkSpns(
  exec: Exec,
  spns: readonly string[],
  account?: string,
): Promise<ApiOutput<'directory.checkSpns'>> {
  const wanted = parseInput(spnListSchema, spns, 'spns');
  const self = account === undefined ? null : `${parseInput(accountNameSchema, account, 'account')}$`.toLowerCase();
  if (wanted.length === 0) return [];
  const data = await exec('directory.checkSpns', spnHoldersScript(wanted), LOOKUP_TIMEOUT_MS);
  const others = parseAnswer(answerSchema, data[0], 'SPN check').holders.filter((h) => h.sam?.toLowerCase() !== self);
  return [...new Set(wanted)].flatMap((spn) =>
    others
      .filter((h) => h.spns.some((held) => held.toLowerCase() === spn.toLowerCase()))
      .map((h) => ({ spn, holder: h.dn }))
      .sort((a, b) => a.holder.localeCompare(b.holder)),
  );
}
