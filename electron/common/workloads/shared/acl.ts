// "Writable by non-administrators": who can change what runs as the account (a task's script, a service's binary, an
// app pool's content folder). READ_ACL is the PowerShell helper a step's script includes (Read-MsaAcl <path>: owner
// and access entries, with SIDs where Windows can say them, one round trip with the rest of the step); the analysis
// below judges its answer in TypeScript. Shared by every workload kind.
import { z } from 'zod';
import { ps } from '../../powershell/script.js';

/** PowerShell: Read-MsaAcl — a file's or folder's owner and access entries, with SIDs where Windows can say them. */
/** 'CONTOSO\\svc-web$' / 'svc-web$' / 'svc-web$@contoso.com' → 'svc-web$'. */
const bareAccount = (name: string): string => name.replace(/^.*\\/, '').replace(/@.*$/, '').toLowerCase();

export const READ_ACL = ps`function ConvertTo-MsaSidOrNull {
    param($Identity)
    try { return [string]$Identity.Translate([System.Security.Principal.SecurityIdentifier]).Value } catch { return $null }
}
function Read-MsaAcl {
    param([string]$Path)
    $acl = Get-Acl -LiteralPath $Path
    $ownerSid = $null
    try { $ownerSid = ConvertTo-MsaSidOrNull (New-Object System.Security.Principal.NTAccount ([string]$acl.Owner)) } catch { $ownerSid = $null }
    $access = @(foreach ($ace in @($acl.Access)) {
        if ($null -eq $ace) { continue }
        [ordered]@{
            identity = [string]$ace.IdentityReference; sid = (ConvertTo-MsaSidOrNull $ace.IdentityReference)
            rights = [long][int]$ace.FileSystemRights; allow = ([string]$ace.AccessControlType -eq 'Allow')
            inherited = [bool]$ace.IsInherited; inheritOnly = (([int]$ace.PropagationFlags -band 2) -ne 0)
        }
    })
    [ordered]@{ path = $Path; owner = [string]$acl.Owner; ownerSid = $ownerSid; access = $access }
}`;

export const aclRaw = z.object({
  path: z.string(),
  owner: z.string(),
  ownerSid: z.string().nullable(),
  access: z.array(
    z.object({
      identity: z.string(),
      sid: z.string().nullable(),
      rights: z.number(),
      allow: z.boolean(),
      inherited: z.boolean(),
      inheritOnly: z.boolean(),
    }),
  ),
});
export type AclRaw = z.infer<typeof aclRaw>;

// Rights that let someone change what runs: on a file, write/append its data, delete it, change its permissions
// or owner; on a folder, create files in it or delete its files (replace the script), change its permissions or
// owner. Generic rights appear as such on inherit-only entries.
const GENERIC_ALL = 0x10000000;
const GENERIC_WRITE = 0x40000000;
const WRITE_DAC = 0x40000;
const WRITE_OWNER = 0x80000;
const DELETE = 0x10000;
const FILE_WRITE = 0x2 | 0x4 | DELETE | WRITE_DAC | WRITE_OWNER | GENERIC_WRITE | GENERIC_ALL;
const FOLDER_WRITE = 0x2 | 0x40 | WRITE_DAC | WRITE_OWNER | GENERIC_WRITE | GENERIC_ALL;
const FULL_CONTROL = 0x1f01ff;
const MODIFY = 0x301bf;

/** Identities that may change the script: administrators, the OS, and CREATOR OWNER (a placeholder). */
const TRUSTED_SIDS = new Set([
  'S-1-5-18', // SYSTEM
  'S-1-5-32-544', // BUILTIN\Administrators
  'S-1-3-0', // CREATOR OWNER
  'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464', // NT SERVICE\TrustedInstaller
]);
const TRUSTED_NAMES = new Set([
  'nt authority\\system',
  'system',
  'builtin\\administrators',
  'creator owner',
  'nt service\\trustedinstaller',
]);

function isTrusted(identity: string, sid: string | null, account: string): boolean {
  if (sid !== null && (TRUSTED_SIDS.has(sid) || /^S-1-5-21-\d+-\d+-\d+-(500|512|519)$/.test(sid))) return true;
  const name = identity.toLowerCase();
  if (TRUSTED_NAMES.has(name) || /\\(domain admins|enterprise admins)$/.test(name)) return true;
  // The account itself editing its own script gains nothing.
  return bareAccount(identity) === bareAccount(account) && identity.includes('\\');
}

function rightsWords(mask: number): string {
  const m = mask >>> 0;
  if ((m & GENERIC_ALL) !== 0 || (m & FULL_CONTROL) === FULL_CONTROL) return 'Full control';
  if ((m & MODIFY) === MODIFY) return 'Modify';
  if ((m & (WRITE_DAC | WRITE_OWNER)) !== 0) return 'Change permissions';
  return 'Write';
}

/** Who other than administrators can change the file (or the folder's files), in words; empty when nobody. */
export function writableByOthers(acl: AclRaw, folder: boolean, account: string): string[] {
  const mask = folder ? FOLDER_WRITE : FILE_WRITE;
  const found: string[] = [];
  for (const ace of acl.access) {
    if (!ace.allow || ace.inheritOnly || ((ace.rights >>> 0) & mask) === 0) continue;
    if (isTrusted(ace.identity, ace.sid, account)) continue;
    const entry = `${ace.identity} (${rightsWords(ace.rights)}${ace.inherited ? ', inherited' : ''})`;
    if (!found.includes(entry)) found.push(entry);
  }
  if (acl.owner !== '' && !isTrusted(acl.owner, acl.ownerSid, account)) {
    found.push(`${acl.owner} (the owner, who can change the permissions)`);
  }
  return found;
}

/**
 * The warnings about a file (a task's script, a service's binary) and its folder being writable by non-administrators;
 * `what` ends the sentence 'Anyone who can edit what <what> can run code as ...' ('the task runs', 'the service runs').
 */
export function aclWarnings(
  file: AclRaw | null,
  folder: AclRaw | null,
  account: string,
  what = 'the task runs',
): string[] {
  const warnings: string[] = [];
  const fileWriters = file === null ? [] : writableByOthers(file, false, account);
  const folderWriters = folder === null ? [] : writableByOthers(folder, true, account);
  if (fileWriters.length === 0 && folderWriters.length === 0) return warnings;
  const parts: string[] = [];
  if (fileWriters.length > 0 && file !== null) parts.push(`${file.path} can be changed by ${fileWriters.join(', ')}`);
  if (folderWriters.length > 0 && folder !== null) {
    parts.push(`in ${folder.path}, ${folderWriters.join(', ')} can create or replace files`);
  }
  const dir = folder?.path ?? file?.path ?? '';
  warnings.push(
    `${parts.join('; ')}. Anyone who can edit what ${what} can run code as ${account}. Limit the folder to administrators, SYSTEM and the account (read), e.g. as administrator: icacls "${dir}" /inheritance:r /grant:r "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F" "${account}:(OI)(CI)RX" — then check that the file has no entries of its own (icacls "${file?.path ?? dir}").`,
  );
  return warnings;
}
