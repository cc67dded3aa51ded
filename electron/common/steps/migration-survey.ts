// The survey's part for a migration (plan.migration; ../runs/survey.ts calls it): which of the objects the migration
// steps create exist now — the gMSA in each group to copy ('copied-membership'), each SPN to move on the gMSA
// ('moved-spn', with the old account as where it came from), and the gMSA's rule on each path to grant on a host
// ('file-access-rule', fileAccessSurvey: in that host's part of the survey, here or through remoting).
// Read-only. Expects $found; finds the gMSA itself.
import type { Plan } from '../plan/plan-schema.js';
import { ps, type PsScript } from '../powershell/script.js';
import { samOf } from '../plan/plan-schema.js';

export function migrationSurvey(plan: Plan): PsScript {
  const m = plan.migration;
  if (m === undefined) return ps``;
  return ps`# The migration's directory objects: the gMSA in the groups to copy, the SPNs to move on it.
$msaMoved = Get-MsaOrNull { Get-ADServiceAccount -Identity ${samOf(plan)} -Properties ServicePrincipalName }
if ($null -ne $msaMoved) {
    $msaDn = [string]$msaMoved.DistinguishedName
    foreach ($name in ${m.copyGroups}) {
        $g = Get-MsaOrNull { Get-ADGroup -Identity $name -Properties Members }
        if ($null -ne $g -and (@($g.Members | ForEach-Object { ([string]$_).ToLowerInvariant() }) -contains $msaDn.ToLowerInvariant())) {
            [void]$found.Add([ordered]@{ kind = 'copied-membership'; identity = $msaDn; parent = [string]$g.DistinguishedName })
        }
    }
    $oldUser = Get-MsaOrNull { Get-ADUser -Identity ${m.from} }
    $held = @($msaMoved.ServicePrincipalName | ForEach-Object { ([string]$_).ToLowerInvariant() })
    foreach ($spn in ${m.moveSpns}) {
        if ($held -contains $spn.ToLowerInvariant()) {
            $o = [ordered]@{ kind = 'moved-spn'; identity = $spn; parent = $msaDn }
            if ($null -ne $oldUser) { $o.previous = [string]$oldUser.DistinguishedName }
            [void]$found.Add($o)
        }
    }
}`;
}

/**
 * The gMSA's rules on `host`'s paths to grant ('file-access-rule', named as file-access.ts names them), read where the
 * survey part of that host runs (here for the target computer, through remoting for another host). Expects $found.
 */
export function fileAccessSurvey(plan: Plan, host: string): PsScript {
  const rules = (plan.migration?.fileAccess ?? [])
    .filter((r) => r.host === host)
    .map((r) => ({
      path: r.path,
      rights: r.rights.join(', '),
      inheritance: r.inheritance.length === 0 ? 'None' : r.inheritance.join(', '),
      propagation: r.propagation.length === 0 ? 'None' : r.propagation.join(', '),
    }));
  if (rules.length === 0) return ps``;
  return ps`# The gMSA's rules on ${host} (read-only).
if ([string]$env:COMPUTERNAME -eq ${host}) {
    $msaName = Get-MsaTaskAccount -Sam ${samOf(plan)}
    foreach ($want in ${rules}) {
        if (-not (Test-Path -LiteralPath $want.path)) { continue }
        $mask = [int][System.Security.AccessControl.FileSystemRights]$want.rights
        $rule = @((Get-Acl -LiteralPath $want.path).Access | Where-Object {
            -not $_.IsInherited -and [string]$_.AccessControlType -eq 'Allow' -and [string]$_.IdentityReference -eq $msaName -and
            (([int][System.Security.AccessControl.FileSystemRights][string]$_.FileSystemRights) -band $mask) -eq $mask -and
            [int][System.Security.AccessControl.InheritanceFlags][string]$_.InheritanceFlags -eq [int][System.Security.AccessControl.InheritanceFlags]$want.inheritance -and
            [int][System.Security.AccessControl.PropagationFlags][string]$_.PropagationFlags -eq [int][System.Security.AccessControl.PropagationFlags]$want.propagation
        })
        if ($rule.Count -gt 0) {
            $identity = $want.path + ' > ' + $msaName + ' Allow ' + $want.rights + ' [' + $want.inheritance + ' / ' + $want.propagation + ']'
            [void]$found.Add([ordered]@{ kind = 'file-access-rule'; identity = $identity; parent = ${host} })
        }
    }
}`;
}
