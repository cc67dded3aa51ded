// Is the account name free? The sAMAccountName (name + `$`) looked up forest-wide (forest.ts). An object holding
// the bare name (a user or group "svc-web") counts too: the KDC retries a name it cannot find with a `$` added
// (the CVE-2021-42278 hardening is about exactly this), so "svc-web" and "svc-web$" would be one principal to it.
import { z } from 'zod';
import type { ApiOutput } from '../api/contract.js';
import type { Exec } from '../checks/run.js';
import { accountNameSchema } from '../plan/plan-schema.js';
import { ps, type PsScript } from '../powershell/script.js';
import { FOREST_LOOKUP, scopeSchema } from './forest.js';
import { ldapEscape } from './ldap.js';
import { LOOKUP_TIMEOUT_MS, parseAnswer, parseInput } from './validate.js';

const answerSchema = z.object({
  scope: scopeSchema,
  holders: z.array(z.object({ dn: z.string(), objectClass: z.string(), sam: z.string() })),
});

/** The read-only script: who holds `name$` or `name`. */
export function accountNameScript(name: string): PsScript {
  const filter = `(|(sAMAccountName=${ldapEscape(`${name}$`)})(sAMAccountName=${ldapEscape(name)}))`;
  return ps`${FOREST_LOOKUP}
$lookup = Find-MsaForestObject -LdapFilter ${filter} -Properties @('sAMAccountName')
$holders = @(foreach ($o in $lookup.objects) {
    [ordered]@{ dn = [string]$o.DistinguishedName; objectClass = [string]$o.ObjectClass; sam = [string]$o.sAMAccountName }
})
[ordered]@{ scope = $lookup.scope; holders = $holders }`;
}

export async function checkAccountName(exec: Exec, name: string): Promise<ApiOutput<'directory.checkName'>> {
  const bare = parseInput(accountNameSchema, name, 'name');
  const sam = `${bare}$`;
  const data = await exec('directory.checkName', accountNameScript(bare), LOOKUP_TIMEOUT_MS);
  const answer = parseAnswer(answerSchema, data[0], 'account name check');
  // The exact sAMAccountName first: that is the object New-ADServiceAccount would collide with.
  const exact = answer.holders.find((h) => h.sam.toLowerCase() === sam.toLowerCase());
  const holder = exact ?? answer.holders[0] ?? null;
  return {
    sam,
    available: holder === null,
    holder: holder === null ? null : { dn: holder.dn, objectClass: holder.objectClass },
    scope: answer.scope,
  };
}
