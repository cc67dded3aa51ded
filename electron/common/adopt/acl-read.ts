// The old account's rights on the workloads' files, read on their hosts in ONE session script: this computer
// in-process, every other host in ONE Invoke-Command (each picks its own paths from the map by its name), answers as
// JSON text so the rules survive remoting's serialization depth. Read-only; a host that cannot be reached gives no
// rules (discovery has already said why).
import { z } from 'zod';
import { ps, type PsScript } from '../powershell/script.js';
import type { PathAcl } from './build-answers.js';

export function aclReadScript(paths: ReadonlyMap<string, readonly string[]>): PsScript {
  const map: Record<string, string[]> = {};
  for (const [host, list] of paths) if (list.length > 0) map[host.toUpperCase()] = [...list];
  return ps`# Read-only: who holds which explicit rights on the workloads' files, on each host.
$map = ${JSON.stringify(map)}
$block = {
    param([string]$MapJson)
    $name = ([string]$env:COMPUTERNAME).ToUpperInvariant()
    $mine = @(($MapJson | ConvertFrom-Json).$name)
    $out = @(foreach ($path in $mine) {
        if (-not $path -or -not (Test-Path -LiteralPath $path)) { continue }
        $acl = Get-Acl -LiteralPath $path
        [ordered]@{ host = $name; path = [string]$path; rules = @(@($acl.Access) | ForEach-Object {
            [ordered]@{ identity = [string]$_.IdentityReference; rights = [string]$_.FileSystemRights; type = [string]$_.AccessControlType
                inherited = [bool]$_.IsInherited; inheritance = [string]$_.InheritanceFlags; propagation = [string]$_.PropagationFlags }
        }) }
    })
    ConvertTo-Json -InputObject @($out) -Depth 6 -Compress
}
$here = ([string]$env:COMPUTERNAME).ToUpperInvariant()
$hosts = @(($map | ConvertFrom-Json).PSObject.Properties | ForEach-Object { $_.Name })
if ($hosts -contains $here) { [string](& $block $map) }
$others = @($hosts | Where-Object { $_ -ne $here })
if ($others.Count -gt 0) {
    Invoke-Command -ComputerName $others -ScriptBlock $block -ArgumentList $map -ErrorAction SilentlyContinue | ForEach-Object { [string]$_ }
}`;
}

const answer = z.array(
  z.object({
    host: z.string(),
    path: z.string(),
    rules: z.array(
      z.object({
        identity: z.string(),
        rights: z.string(),
        type: z.string(),
        inherited: z.boolean(),
        inheritance: z.string(),
        propagation: z.string(),
      }),
    ),
  }),
);

/** The script's JSON texts (one per host) as path ACLs. */
export function decodeAcls(data: readonly unknown[]): PathAcl[] {
  return data.flatMap((text) => {
    if (typeof text !== 'string' || text.trim() === '') return [];
    const parsed = answer.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  });
}
