// sMSA only: link the account to its one computer (Add-ADComputerServiceAccount sets msDS-HostServiceAccount).
// Already linked to that computer: 'exists'; linked to another: 'conflict' (an sMSA serves one computer only).
import { z } from 'zod';
import { samOf, type Plan } from '../plan/plan-schema.js';
import { joinScripts, ps } from '../powershell/script.js';
import { defineStep, NOTHING, type StepOutcome } from './types.js';

const linkRaw = z.object({
  accountDn: z.string(),
  computerDn: z.string(),
  before: z.array(z.string()),
  after: z.array(z.string()),
});

function computerOf(plan: Plan): string {
  if (plan.smsa === undefined) throw new Error('not an sMSA plan');
  return plan.smsa.computer;
}

export const linkStep = defineStep({
  id: 'smsa-link',
  title: 'Link the sMSA to its computer',
  script(plan) {
    return ps`# Link ${samOf(plan)} to ${computerOf(plan)} unless it is linked already (an sMSA serves one computer).
$account = Get-ADServiceAccount -Identity ${samOf(plan)} -Properties HostComputers
$computer = Get-ADComputer -Identity ${computerOf(plan)}
$before = @($account.HostComputers | ForEach-Object { [string]$_ })
if ($before.Count -eq 0) {
    Add-ADComputerServiceAccount -Identity $computer.DistinguishedName -ServiceAccount $account.DistinguishedName
}
$after = @((Get-ADServiceAccount -Identity $account.DistinguishedName -Properties HostComputers).HostComputers | ForEach-Object { [string]$_ })
[ordered]@{ accountDn = [string]$account.DistinguishedName; computerDn = [string]$computer.DistinguishedName; before = $before; after = $after }`;
  },
  raw: linkRaw,
  judge: (
    plan,
  ) => ps`# Judge: linked to this computer (exists or done); linked to another one: stop (an sMSA serves one computer).
$sam = ${samOf(plan)}
$dn = ([string]$r.computerDn).ToLowerInvariant()
$before = @(@($r.before) | ForEach-Object { ([string]$_).ToLowerInvariant() })
$after = @(@($r.after) | ForEach-Object { ([string]$_).ToLowerInvariant() })
if ($before.Count -gt 0 -and $before -notcontains $dn) { Stop-MsaStep ($sam + ' is linked to ' + (@($r.before) -join '; ') + '; an sMSA can serve only one computer. It was left unchanged: unlink it there first (Remove-ADComputerServiceAccount), or use a gMSA.') }
if ($before.Count -gt 0) { Complete-MsaStep 'exists' ($sam + ' is already linked to ' + $r.computerDn + '.') }
elseif ($after -notcontains $dn) { Stop-MsaStep ('Add-ADComputerServiceAccount ran, but reading ' + $sam + ' back it is not linked to ' + $r.computerDn + '; check replication.') }
else { Complete-MsaStep 'done' ('Linked ' + $sam + ' to ' + $r.computerDn + ' (msDS-HostServiceAccount).') }`,
  evaluate(raw, plan): StepOutcome {
    const computer = computerOf(plan);
    const has = (list: readonly string[]) => list.some((d) => d.toLowerCase() === raw.computerDn.toLowerCase());
    if (raw.before.length > 0) {
      return has(raw.before)
        ? { status: 'exists', created: [], message: `${samOf(plan)} is already linked to ${computer}.` }
        : {
            status: 'conflict',
            created: [],
            message: `${samOf(plan)} is linked to ${raw.before.join('; ')}; an sMSA can serve only one computer. It was left unchanged: unlink it there first (Remove-ADComputerServiceAccount), or use a gMSA for several computers.`,
          };
    }
    if (!has(raw.after)) {
      return {
        status: 'failed',
        created: [],
        message: `Add-ADComputerServiceAccount ran, but reading ${samOf(plan)} back it is not linked to ${computer}; check replication.`,
      };
    }
    return {
      status: 'done',
      created: [{ kind: 'smsa-link', identity: raw.accountDn, parent: raw.computerDn }],
      message: `Linked ${samOf(plan)} to ${computer} (msDS-HostServiceAccount).`,
    };
  },
  undo(created) {
    const links = created.filter((c) => c.kind === 'smsa-link');
    if (links.length === 0) return NOTHING;
    return joinScripts(
      links.map(
        (c) => ps`# Unlink the sMSA from the computer this run linked it to.
if ($null -ne (Get-MsaOrNull { Get-ADServiceAccount -Identity ${c.identity} })) { Remove-ADComputerServiceAccount -Identity ${c.parent ?? ''} -ServiceAccount ${c.identity} -Confirm:$false }`,
      ),
    );
  },
});
