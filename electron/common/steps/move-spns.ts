// Moving from a user account (plan.migration): its SPNs move to the gMSA in one step, never held twice (two holders of
// an SPN break Kerberos for it: KRB_AP_ERR_MODIFIED; 2012 R2+ DCs refuse the second). The script looks every SPN up
// forest-wide first (one query, ../directory/forest.ts); one held by a third account is a conflict and nothing moves.
// Then Set-ADUser removes them from the old account and Set-ADServiceAccount adds them to the gMSA; when the add fails,
// they are put back on the old account before the error is reported, so the step is all or nothing. Undo moves
// exactly the SPNs this run moved back to where they were.
import { z } from 'zod';
import { FOREST_LOOKUP } from '../directory/forest.js';
import { ldapEscape } from '../directory/ldap.js';
import { samOf, type Plan } from '../plan/plan-schema.js';
import { joinScripts, ps } from '../powershell/script.js';
import { defineStep, NOTHING, type CreatedObject, type StepOutcome } from './types.js';

const raw = z.object({
  oldDn: z.string().nullable(),
  newDn: z.string(),
  scope: z.string(),
  spns: z.array(z.object({ spn: z.string(), onOld: z.boolean(), onNew: z.boolean(), others: z.array(z.string()) })),
  moved: z.boolean(),
  oldAfter: z.array(z.string()),
  newAfter: z.array(z.string()),
});
type Raw = z.infer<typeof raw>;

const migrationOf = (plan: Plan): NonNullable<Plan['migration']> => {
  if (plan.migration === undefined) throw new Error('this plan moves no account');
  return plan.migration;
};

/** One LDAP filter for all the SPNs (the schema allows no LDAP special characters; escaped all the same). */
const spnFilter = (spns: readonly string[]): string =>
  `(|${spns.map((s) => `(servicePrincipalName=${ldapEscape(s)})`).join('')})`;

/**
 * Who holds each SPN (one forest-wide lookup, FOREST_LOOKUP) and what moving them means: { scope, spns (per SPN: on
 * the old account, on the gMSA, on others), ready (no third holder, none held twice), remove, add }.
 */
const READ_SPN_MOVE = joinScripts([
  FOREST_LOOKUP,
  ps`function Get-MsaDnOrNull {
    param([scriptblock]$Get)
    $object = Get-MsaOrNull $Get
    if ($null -eq $object) { return $null }
    return [string]$object.DistinguishedName
}
function Read-MsaSpnMove {
    param([string[]]$Spns, [string]$LdapFilter, $OldDn, [string]$NewDn)
    $lookup = Find-MsaForestObject -LdapFilter $LdapFilter -Properties @('servicePrincipalName')
    $rows = @(foreach ($spn in $Spns) {
        $holders = @($lookup.objects | Where-Object { @($_.servicePrincipalName | ForEach-Object { ([string]$_).ToLowerInvariant() }) -contains $spn.ToLowerInvariant() } | ForEach-Object { [string]$_.DistinguishedName })
        [ordered]@{
            spn = $spn
            onOld = ($null -ne $OldDn -and $holders -contains $OldDn)
            onNew = ($holders -contains $NewDn)
            others = @($holders | Where-Object { $_ -ne $OldDn -and $_ -ne $NewDn })
        }
    })
    $blocked = @($rows | Where-Object { $_.others.Count -gt 0 -or ($_.onOld -and $_.onNew) })
    return [pscustomobject]@{
        scope = $lookup.scope; spns = $rows; ready = ($blocked.Count -eq 0)
        remove = @($rows | Where-Object { $_.onOld } | ForEach-Object { $_.spn })
        add = @($rows | Where-Object { -not $_.onNew } | ForEach-Object { $_.spn })
    }
}`,
]);

export const moveSpnsStep = defineStep({
  id: 'move-spns',
  title: "Move the old account's SPNs",
  needs: READ_SPN_MOVE,
  script(plan) {
    const m = migrationOf(plan);
    return ps`# Move ${m.moveSpns.join(', ')} from ${m.from} to ${samOf(plan)}: read who holds each first (forest-wide); a third holder stops the move.
$oldDn = Get-MsaDnOrNull { Get-ADUser -Identity ${m.from} }
$newDn = [string](Get-ADServiceAccount -Identity ${samOf(plan)}).DistinguishedName
$move = Read-MsaSpnMove -Spns ${m.moveSpns} -LdapFilter ${spnFilter(m.moveSpns)} -OldDn $oldDn -NewDn $newDn
if ($move.ready) {
    if ($move.remove.Count -gt 0) { Set-ADUser -Identity $oldDn -ServicePrincipalNames @{ Remove = $move.remove } }
    try { if ($move.add.Count -gt 0) { Set-ADServiceAccount -Identity $newDn -ServicePrincipalNames @{ Add = $move.add } } }
    catch {
        # All or nothing: the SPNs go back to the old account before the error is reported.
        if ($move.remove.Count -gt 0) { Set-ADUser -Identity $oldDn -ServicePrincipalNames @{ Add = $move.remove } }
        throw
    }
}
$moved = ($move.ready -and ($move.add.Count -gt 0 -or $move.remove.Count -gt 0))
$oldAfter = @()
if ($null -ne $oldDn) { $oldAfter = @((Get-ADUser -Identity $oldDn -Properties ServicePrincipalName).ServicePrincipalName | ForEach-Object { [string]$_ }) }
$newAfter = @((Get-ADServiceAccount -Identity $newDn -Properties ServicePrincipalName).ServicePrincipalName | ForEach-Object { [string]$_ })
[ordered]@{ oldDn = $oldDn; newDn = $newDn; scope = $move.scope; spns = $move.spns; moved = $moved; oldAfter = $oldAfter; newAfter = $newAfter }`;
  },
  raw,
  judge(plan) {
    const m = migrationOf(plan);
    return ps`# Judge: no third holder, none held twice; read back, every SPN on the gMSA and none left on the old account.
$third = @(@($r.spns) | Where-Object { @($_.others).Count -gt 0 } | ForEach-Object { $_.spn + ' (held by ' + (@($_.others) -join ', ') + ')' })
if ($third.Count -gt 0) { Stop-MsaStep ('Another account holds ' + ($third -join '; ') + ': nothing was moved. Remove the SPN from it if it is stale (setspn -D), or leave it out of migration.moveSpns.') }
$twice = @(@($r.spns) | Where-Object { $_.onOld -and $_.onNew } | ForEach-Object { $_.spn })
if ($twice.Count -gt 0) { Stop-MsaStep (($twice -join ', ') + ' is held by both ' + ${m.from} + ' and the gMSA already: nothing was moved. Remove it from ' + ${m.from} + ' (Set-ADUser -ServicePrincipalNames @{Remove=...}).') }
$newAfter = @(@($r.newAfter) | ForEach-Object { ([string]$_).ToLowerInvariant() })
$oldAfter = @(@($r.oldAfter) | ForEach-Object { ([string]$_).ToLowerInvariant() })
$wrong = @(@($r.spns) | Where-Object { $newAfter -notcontains $_.spn.ToLowerInvariant() -or $oldAfter -contains $_.spn.ToLowerInvariant() } | ForEach-Object { $_.spn })
if ($wrong.Count -gt 0) { Stop-MsaStep ('Reading back, ' + ($wrong -join ', ') + ' did not move: check your rights on both accounts and replication.') }
if ($r.moved) { Complete-MsaStep 'done' ('Moved ' + (@(@($r.spns) | ForEach-Object { $_.spn }) -join ', ') + ' from ' + ${m.from} + ' to ' + $r.newDn + '.') }
else { Complete-MsaStep 'exists' ('The gMSA already holds ' + (@(@($r.spns) | ForEach-Object { $_.spn }) -join ', ') + ' and ' + ${m.from} + ' none of them.') }`;
  },
  evaluate(r, plan): StepOutcome {
    return evaluateMove(r, plan);
  },
  undo(created) {
    const moved = created.filter((c) => c.kind === 'moved-spn');
    if (moved.length === 0) return NOTHING;
    return joinScripts([
      FOREST_LOOKUP,
      ...moved.map(
        (
          c,
        ) => ps`# Move ${c.identity} back: off the gMSA, and onto ${c.previous ?? 'no account'} again (unless a third account holds it then).
$gmsa = Get-MsaOrNull { Get-ADServiceAccount -Identity ${c.parent ?? ''} -Properties ServicePrincipalName }
if ($null -ne $gmsa -and (@($gmsa.ServicePrincipalName | ForEach-Object { ([string]$_).ToLowerInvariant() }) -contains ${c.identity.toLowerCase()})) {
    Set-ADServiceAccount -Identity ${c.parent ?? ''} -ServicePrincipalNames @{ Remove = @(${c.identity}) }
}
$previous = ${c.previous ?? ''}
if ($previous -ne '') {
    # Who holds it now, the gMSA and the old account left out: a global catalog may still show it on the gMSA
    # (replication lag), which must not stop it from going back.
    $holders = @(@((Find-MsaForestObject -LdapFilter ${spnFilter([c.identity])} -Properties @('servicePrincipalName')).objects) |
        ForEach-Object { [string]$_.DistinguishedName } |
        Where-Object { $_ -ne ${c.parent ?? ''} -and $_ -ne $previous })
    if ($holders.Count -gt 0) { throw (${c.identity} + ' is held by ' + ($holders -join ', ') + ' now: not put back on ' + $previous + ' (two holders break Kerberos). Remove it there first, then undo again.') }
    $old = Get-ADUser -Identity $previous -Properties ServicePrincipalName
    if (-not (@($old.ServicePrincipalName | ForEach-Object { ([string]$_).ToLowerInvariant() }) -contains ${c.identity.toLowerCase()})) {
        Set-ADUser -Identity $previous -ServicePrincipalNames @{ Add = @(${c.identity}) }
        $old = Get-ADUser -Identity $previous -Properties ServicePrincipalName
    }
    if (-not (@($old.ServicePrincipalName | ForEach-Object { ([string]$_).ToLowerInvariant() }) -contains ${c.identity.toLowerCase()})) {
        throw ('Reading back, ' + $previous + ' does not hold ' + ${c.identity} + ': add it with Set-ADUser -Identity ''' + $previous + ''' -ServicePrincipalNames @{ Add = ''' + ${c.identity} + ''' }.')
    }
}`,
      ),
    ]);
  },
});

function evaluateMove(r: Raw, plan: Plan): StepOutcome {
  const m = migrationOf(plan);
  const sam = samOf(plan);
  const third = r.spns.filter((s) => s.others.length > 0);
  if (third.length > 0) {
    return {
      status: 'conflict',
      created: [],
      message: `Another account holds ${third.map((s) => `${s.spn} (${s.others.join(', ')})`).join('; ')}: nothing was moved (an SPN is never held twice). Remove it from that account if it is stale (setspn -D ${third[0]?.spn ?? ''} <account>), or leave it out of the SPNs to move.`,
    };
  }
  const twice = r.spns.filter((s) => s.onOld && s.onNew);
  if (twice.length > 0) {
    return {
      status: 'conflict',
      created: [],
      message: `${twice.map((s) => s.spn).join(', ')} is held by both ${m.from} and ${sam} already: nothing was moved. Remove it from ${m.from}: Set-ADUser -Identity '${m.from}' -ServicePrincipalNames @{ Remove = '${twice[0]?.spn ?? ''}' }`,
    };
  }
  const newAfter = new Set(r.newAfter.map((s) => s.toLowerCase()));
  const oldAfter = new Set(r.oldAfter.map((s) => s.toLowerCase()));
  const changed = r.spns.filter((s) => s.onOld || !s.onNew);
  const created: CreatedObject[] = changed
    .filter((s) => newAfter.has(s.spn.toLowerCase()))
    .map((s) => ({
      kind: 'moved-spn',
      identity: s.spn,
      parent: r.newDn,
      ...(s.onOld && r.oldDn !== null ? { previous: r.oldDn } : {}),
    }));
  const wrong = r.spns.filter((s) => !newAfter.has(s.spn.toLowerCase()) || oldAfter.has(s.spn.toLowerCase()));
  if (wrong.length > 0) {
    return {
      status: 'failed',
      created,
      message: `Reading back, ${wrong.map((s) => s.spn).join(', ')} did not move to ${sam}: check your rights on both accounts and replication.`,
    };
  }
  const scope = r.scope === 'forest' ? '' : ' (no global catalog answered: checked in this domain only)';
  if (!r.moved) {
    return {
      status: 'exists',
      created: [],
      message: `${sam} already holds ${r.spns.map((s) => s.spn).join(', ')} and ${m.from} none of them${scope}.`,
    };
  }
  const fromOld = changed.filter((s) => s.onOld).map((s) => s.spn);
  const fresh = changed.filter((s) => !s.onOld).map((s) => s.spn);
  return {
    status: 'done',
    created,
    message:
      `${fromOld.length > 0 ? `Moved ${fromOld.join(', ')} from ${m.from} to ${sam}.` : ''}${fresh.length > 0 ? ` Added ${fresh.join(', ')} to ${sam} (${m.from} no longer held ${fresh.length === 1 ? 'it' : 'them'}).` : ''}${scope}`.trim(),
  };
}
