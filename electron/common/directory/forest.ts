// The forest-wide lookup the name and SPN checks share. sAMAccountNames and SPNs must be unique in the whole forest,
// so the search goes to a global catalog (port 3268) from the forest root, as Microsoft documents it
// ("Searching the Global Catalog": Get-ADObject -Server <DC>:3268 -SearchBase <forest root DN>). When no global
// catalog answers, it falls back to this domain through the DC in use and says so (scope 'domain').
import { z } from 'zod';
import { psConst } from '../checks/types.js';

/** Defines Find-MsaForestObject -LdapFilter -Properties -> [ordered]@{ scope; server; objects }. Read-only. */
export const FOREST_LOOKUP = psConst`$env:ADPS_LoadDefaultDrive = '0'
function Find-MsaForestObject {
    param([Parameter(Mandatory = $true)][string]$LdapFilter, [string[]]$Properties)
    try {
        $gc = Get-ADDomainController -Discover -Service GlobalCatalog
        $server = [string]@($gc.HostName)[0] + ':3268'
        $root = [string](Get-ADRootDSE -Server $server).rootDomainNamingContext
        $objects = @(Get-ADObject -Server $server -SearchBase $root -LDAPFilter $LdapFilter -Properties $Properties)
        return [ordered]@{ scope = 'forest'; server = $server; objects = $objects }
    } catch {
        # No global catalog answered: this domain only (an error here is a real one and propagates).
        $objects = @(Get-ADObject -LDAPFilter $LdapFilter -Properties $Properties)
        return [ordered]@{ scope = 'domain'; server = $null; objects = $objects }
    }
}`;

export const scopeSchema = z.enum(['forest', 'domain']);
