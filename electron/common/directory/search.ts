// The pickers' search: computers, groups or OUs whose name contains the typed text (case-insensitive), at most 50,
// sorted by name. With `exact`, the one object named so (name, or sAMAccountName: a computer's is `NAME$`): the
// check on Add, which a containing search can miss when more than 50 names contain the text and sort before it.
// The text is data twice over: LDAP-escaped (a typed `*` is a star, `)(` cannot add clauses) and then a PowerShell
// literal.
import { z } from 'zod';
import type { ApiOutput } from '../api/contract.js';
import type { Exec } from '../checks/run.js';
import { psConst } from '../checks/types.js';
import { ps, type PsScript } from '../powershell/script.js';
import { ldapEscape } from './ldap.js';
import { LOOKUP_TIMEOUT_MS, parseAnswer, parseInput } from './validate.js';
import { LONE_SURROGATE } from '../unicode.js';

export type SearchKind = 'computer' | 'group' | 'ou';

export const SEARCH_LIMIT = 50;
/** How many matches the DC returns before sorting: type more to narrow a search that hits the cap. */
export const SEARCH_FETCH_CAP = 1000;

const searchTextSchema = z
  .string({ message: 'Type the text to search for.' })
  .max(64, 'Search with at most 64 characters.')
  .refine((s) => !LONE_SURROGATE.test(s), 'The search text contains a broken character (a lone surrogate); retype it.');

const exactTextSchema = searchTextSchema.refine((s) => s !== '', 'Type the name to look up.');

const kindSchema = z.enum(['computer', 'group', 'ou'], { message: 'Search computers, groups or OUs.' });

const CMDLET: Record<SearchKind, PsScript> = {
  computer: psConst`Get-ADComputer`,
  group: psConst`Get-ADGroup`,
  ou: psConst`Get-ADOrganizationalUnit`,
};

const answerSchema = z.array(z.object({ name: z.string(), dn: z.string() }));

/**
 * The LDAP filter: name contains the text or, exact, is the text (equality matching in AD is case-insensitive), or
 * the sAMAccountName is (a computer's ends in `$`; OUs have none).
 */
export function searchFilter(kind: SearchKind, text: string, exact = false): string {
  const value = ldapEscape(text);
  if (!exact) return `(name=*${value}*)`;
  if (kind === 'ou') return `(name=${value})`;
  return `(|(name=${value})(sAMAccountName=${value}${kind === 'computer' ? '$' : ''}))`;
}

/** The read-only script: the matches (up to SEARCH_FETCH_CAP) as {name, dn}. */
export function searchScript(kind: SearchKind, text: string, exact = false): PsScript {
  return ps`$env:ADPS_LoadDefaultDrive = '0'
@(${CMDLET[kind]} -LDAPFilter ${searchFilter(kind, text, exact)} -ResultSetSize ${SEARCH_FETCH_CAP} | ForEach-Object {
    [ordered]@{ name = [string]$_.Name; dn = [string]$_.DistinguishedName }
})`;
}

export async function searchDirectory(
  exec: Exec,
  kind: SearchKind,
  text: string,
  exact = false,
): Promise<ApiOutput<'directory.search'>> {
  const k = parseInput(kindSchema, kind, 'kind');
  const t = parseInput(exact ? exactTextSchema : searchTextSchema, text, 'text');
  const data = await exec('directory.search', searchScript(k, t, exact), LOOKUP_TIMEOUT_MS);
  const found = parseAnswer(answerSchema, data, 'directory search');
  return found
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.dn.localeCompare(b.dn))
    .slice(0, SEARCH_LIMIT);
}
