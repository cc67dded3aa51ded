// Moving from a user account (plan.migration.fileAccess): on one host, grant the gMSA the same explicit Allow rights
// the old account holds on a file or folder (the task's script folder, a service's program folder, a pool's content),
// with Get-Acl, a FileSystemAccessRule and Set-Acl, as an admin would. One step per host, 'file-access@WEB01', among
// that host's steps before its workloads (they need the rights when they start). Each path's ACL is read first: a rule
// of the gMSA that already grants those rights with the same inheritance is 'exists'. Undo removes exactly the rule
// this run added (RemoveAccessRule of the same rights and flags), nothing else of the ACL. Every path is read before
// anything is added: a missing one, or a narrower rule of the gMSA with the same flags (AddAccessRule would merge
// into it, and undo's RemoveAccessRule would strip what it held before), adds nothing and says why. The old account keeps its
// rights: it is never changed.
import { z } from 'zod';
import { samOf, type Plan } from '../plan/plan-schema.js';
import { joinScripts, ps } from '../powershell/script.js';
import { defineStep, NOTHING, type CreatedObject, type Step, type StepOutcome } from './types.js';

type FileAccessRule = NonNullable<Plan['migration']>['fileAccess'][number];

const raw = z.object({
  account: z.string(),
  old: z.string(),
  rules: z.array(
    z.object({
      path: z.string(),
      exists: z.boolean(),
      oldHolds: z.boolean(),
      had: z.boolean(),
      has: z.boolean(),
      rights: z.string(),
      inheritance: z.string(),
      propagation: z.string(),
      /** The rights of a narrower rule of the gMSA with the same flags (AddAccessRule would merge into it): a conflict. */
      previous: z.string().optional(),
    }),
  ),
});
type Raw = z.infer<typeof raw>;

const flags = (list: readonly string[]): string => (list.length === 0 ? 'None' : list.join(', '));

/** The rules of a host, as the script takes them: FileSystemRights and flag names as PowerShell parses them. */
const rulesOn = (
  plan: Plan,
  host: string,
): { path: string; rights: string; inheritance: string; propagation: string }[] =>
  (plan.migration?.fileAccess ?? [])
    .filter((r: FileAccessRule) => r.host === host)
    .map((r) => ({
      path: r.path,
      rights: r.rights.join(', '),
      inheritance: flags(r.inheritance),
      propagation: flags(r.propagation),
    }));

/**
 * A created rule's identity, readable in the undo list and parsed back by undo:
 * 'C:\\Scripts\\Reports > CONTOSO\\svc-report$ Allow Modify, Synchronize [ContainerInherit, ObjectInherit / None]'.
 */
export const ruleIdentity = (
  r: { path: string; rights: string; inheritance: string; propagation: string },
  account: string,
) => `${r.path} > ${account} Allow ${r.rights} [${r.inheritance} / ${r.propagation}]`;

const IDENTITY = /^(.+?) > (.+?) Allow (.+) \[(.+) \/ (.+)\]$/;

export function parseRuleIdentity(
  identity: string,
): { path: string; account: string; rights: string; inheritance: string; propagation: string } | undefined {
  const m = IDENTITY.exec(identity);
  if (m === null) return undefined;
  const [, path = '', account = '', rights = '', inheritance = '', propagation = ''] = m;
  return { path, account, rights, inheritance, propagation };
}

/**
 * One wanted rule on one path as the step judges it: the path exists, the old account holds the rights, the gMSA
 * holds them already (had), or holds a narrower rule with the same flags there (previous: AddAccessRule would merge
 * into it, and undo could not take back only what this run added).
 */
const READ_FILE_RULE = ps`function Test-MsaHasRule {
    param($Acl, [string]$Identity, $Want)
    $mask = [int][System.Security.AccessControl.FileSystemRights]$Want.rights
    $inheritance = [int][System.Security.AccessControl.InheritanceFlags]$Want.inheritance
    $propagation = [int][System.Security.AccessControl.PropagationFlags]$Want.propagation
    $same = @($Acl.Access | Where-Object {
        -not $_.IsInherited -and [string]$_.AccessControlType -eq 'Allow' -and ([string]$_.IdentityReference) -eq $Identity -and
        (([int][System.Security.AccessControl.FileSystemRights][string]$_.FileSystemRights) -band $mask) -eq $mask -and
        [int][System.Security.AccessControl.InheritanceFlags][string]$_.InheritanceFlags -eq $inheritance -and
        [int][System.Security.AccessControl.PropagationFlags][string]$_.PropagationFlags -eq $propagation
    })
    return ($same.Count -gt 0)
}
function Read-MsaFileRule {
    param($Want, [string]$Account, [string]$Old)
    $row = [ordered]@{ path = $Want.path; exists = $false; oldHolds = $false; had = $false; has = $false; rights = $Want.rights; inheritance = $Want.inheritance; propagation = $Want.propagation; previous = '' }
    if (Test-Path -LiteralPath $Want.path) {
        $row.exists = $true
        $acl = Get-Acl -LiteralPath $Want.path
        $row.oldHolds = (Test-MsaHasRule -Acl $acl -Identity $Old -Want $Want)
        $row.had = (Test-MsaHasRule -Acl $acl -Identity $Account -Want $Want)
        $row.has = $row.had
        if (-not $row.had) {
            $prior = 0
            foreach ($p in @($acl.Access | Where-Object { -not $_.IsInherited -and [string]$_.AccessControlType -eq 'Allow' -and ([string]$_.IdentityReference) -eq $Account -and
                    [int][System.Security.AccessControl.InheritanceFlags][string]$_.InheritanceFlags -eq [int][System.Security.AccessControl.InheritanceFlags]$Want.inheritance -and
                    [int][System.Security.AccessControl.PropagationFlags][string]$_.PropagationFlags -eq [int][System.Security.AccessControl.PropagationFlags]$Want.propagation })) {
                $prior = $prior -bor [int][System.Security.AccessControl.FileSystemRights][string]$p.FileSystemRights
            }
            if ($prior -ne 0) { $row.previous = [string][System.Security.AccessControl.FileSystemRights]$prior }
        }
    }
    return $row
}`;

const base = defineStep({
  id: 'file-access',
  title: 'Grant the same file access',
  needs: READ_FILE_RULE,
  // The host comes from plan.targetComputer: fileAccessStep(host) gives it the plan with that host as its target.
  script(plan) {
    const m = plan.migration;
    if (m === undefined) throw new Error('this plan moves no account');
    return ps`# On ${plan.targetComputer}: grant ${samOf(plan)} the rights ${m.from} holds: read each ACL first, add only a missing rule.
$account, $old = (Get-MsaTaskAccount -Sam ${samOf(plan)}), (Get-MsaTaskAccount -Sam ${m.from})
$rules = @(foreach ($want in ${rulesOn(plan, plan.targetComputer)}) { Read-MsaFileRule -Want $want -Account $account -Old $old })
if (@($rules | Where-Object { -not $_.exists -or $_.previous -ne '' }).Count -eq 0) {
    foreach ($row in @($rules | Where-Object { -not $_.had })) {
        $acl = Get-Acl -LiteralPath $row.path
        $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule($account, $row.rights, $row.inheritance, $row.propagation, 'Allow')))
        Set-Acl -LiteralPath $row.path -AclObject $acl
        $row.has = (Test-MsaHasRule -Acl (Get-Acl -LiteralPath $row.path) -Identity $account -Want $row)
    }
}
[ordered]@{ account = $account; old = $old; rules = $rules }`;
  },
  raw,
  judge: () => ps`# Judge: every path found, the gMSA's rule on each when read back.
$missing = @(@($r.rules) | Where-Object { -not $_.exists } | ForEach-Object { $_.path })
if ($missing.Count -gt 0) { Stop-MsaStep ('Not found on this computer: ' + ($missing -join ', ') + '. Nothing was granted; check the path, or leave it out of migration.fileAccess.') }
$merge = @(@($r.rules) | Where-Object { $_.previous -ne '' -and $null -ne $_.previous } | ForEach-Object { $_.path + ' (' + $_.previous + ')' })
if ($merge.Count -gt 0) { Stop-MsaStep ($r.account + ' already holds a narrower rule with the same inheritance on ' + ($merge -join '; ') + ': the new rights would merge into it and undo could not take back only them. Nothing was granted; grant the rights yourself, or remove that rule and run again.') }
$notSet = @(@($r.rules) | Where-Object { -not $_.has } | ForEach-Object { $_.path })
if ($notSet.Count -gt 0) { Stop-MsaStep ('Reading the ACL back, ' + $r.account + ' has no rule on ' + ($notSet -join ', ') + ': run elevated, as an owner of the folder or an administrator.') }
$added = @(@($r.rules) | Where-Object { -not $_.had } | ForEach-Object { $_.path + ' (' + $_.rights + ')' })
$as = ''
if (@(@($r.rules) | Where-Object { -not $_.oldHolds }).Count -eq 0) { $as = ', as ' + $r.old + ' holds' }
if ($added.Count -gt 0) { Complete-MsaStep 'done' ('Granted ' + $r.account + ' ' + ($added -join '; ') + $as + '.') }
else { Complete-MsaStep 'exists' ($r.account + ' already holds the rights on ' + (@(@($r.rules) | ForEach-Object { $_.path }) -join ', ') + '.') }`,
  evaluate: (r, plan) => evaluateAccess(r, plan),
  undo(created) {
    const rules = created.flatMap((c) => {
      const p = c.kind === 'file-access-rule' ? parseRuleIdentity(c.identity) : undefined;
      return p === undefined ? [] : [p];
    });
    if (rules.length === 0) return NOTHING;
    return joinScripts(
      rules.map(
        (r) => ps`# Remove the rule this run added on ${r.path} (only that rule: the rest of the ACL stays as it is).
if (Test-Path -LiteralPath ${r.path}) {
    $acl = Get-Acl -LiteralPath ${r.path}
    $rule = New-Object System.Security.AccessControl.FileSystemAccessRule(${r.account}, ${r.rights}, ${r.inheritance}, ${r.propagation}, 'Allow')
    if ($acl.RemoveAccessRule($rule)) { Set-Acl -LiteralPath ${r.path} -AclObject $acl }
}`,
      ),
    );
  },
});

function evaluateAccess(r: Raw, plan: Plan): StepOutcome {
  const host = plan.targetComputer;
  const missing = r.rules.filter((x) => !x.exists);
  if (missing.length > 0) {
    return {
      status: 'failed',
      created: [],
      message: `Not found on ${host}: ${missing.map((x) => x.path).join(', ')}. Nothing was granted there; check the path, or leave it out of the file access to copy.`,
    };
  }
  const merge = r.rules.filter((x) => x.previous !== undefined && x.previous !== '');
  if (merge.length > 0) {
    return {
      status: 'conflict',
      created: [],
      message: `${r.account} already holds ${merge.map((x) => `${x.previous} on ${x.path}`).join('; ')} on ${host}, with the same inheritance: Windows would merge the new rights into that rule, and undo could not take back only what this run added. Nothing was granted; grant the rights yourself, or remove that rule and run again.`,
    };
  }
  const created: CreatedObject[] = r.rules
    .filter((x) => !x.had && x.has)
    .map((x) => ({ kind: 'file-access-rule', identity: ruleIdentity(x, r.account), parent: host }));
  const notSet = r.rules.filter((x) => !x.has);
  if (notSet.length > 0) {
    return {
      status: 'failed',
      created,
      message: `Reading the ACL back, ${r.account} has no rule on ${notSet.map((x) => x.path).join(', ')}: run elevated, as an owner of the folder or an administrator.`,
    };
  }
  const gone = r.rules.filter((x) => !x.oldHolds).map((x) => x.path);
  const warnings =
    gone.length === 0
      ? undefined
      : [
          `${r.old} no longer holds these rights on ${gone.join(', ')}: granted to ${r.account} as planned all the same.`,
        ];
  if (created.length === 0) {
    return {
      status: 'exists',
      created: [],
      message: `${r.account} already holds the rights on ${r.rules.map((x) => x.path).join(', ')}.`,
      ...(warnings === undefined ? {} : { warnings }),
    };
  }
  return {
    status: 'done',
    created,
    message: `Granted ${r.account} ${r.rules
      .filter((x) => !x.had)
      .map((x) => `${x.rights} on ${x.path}`)
      .join('; ')} on ${host}${gone.length === 0 ? `, as ${r.old} holds` : ''}.`,
    ...(warnings === undefined ? {} : { warnings }),
  };
}

/** The file-access step of one host: 'file-access@WEB01', run there, reading only that host's rules. */
export function fileAccessStep(host: string): Step {
  const at = (plan: Plan): Plan => ({ ...plan, targetComputer: host });
  return {
    ...base,
    id: `file-access@${host}`,
    title: `${base.title}: ${host}`,
    host,
    script: (plan) => base.script(at(plan)),
    preview: (plan) => base.preview(at(plan)),
    judge: (plan) => base.judge(at(plan)),
    run: (session, plan, options) => base.run(session, at(plan), options),
  };
}

/** The hosts with file access to grant, in the plan's order. */
export const fileAccessHosts = (plan: Plan): string[] => [
  ...new Set((plan.migration?.fileAccess ?? []).map((r) => r.host)),
];
