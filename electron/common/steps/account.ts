// The managed service account itself: New-ADServiceAccount (gMSA, or sMSA with -RestrictToSingleComputer), then
// read back. The script first looks the sAMAccountName up in the whole domain: a service account with the wanted
// settings is reused ('exists'); one with other settings, or a user/computer/group holding the name, is a conflict.
import { z } from 'zod';
import { explainKdsKeyMissing, kdsRootKey } from '../checks/kds.js';
import { runHealthCheck, type Exec } from '../checks/run.js';
import { samOf, type Plan } from '../plan/plan-schema.js';
import { PsErrorKind } from '../powershell/errors.js';
import { joinScripts, ps, psParams, PsScript } from '../powershell/script.js';
import { PsCommandError } from '../powershell/session-errors.js';
import { defineStep, NOTHING, parentDn, sameSet, sameText, type StepOutcome } from './types.js';

const accountRaw = z.object({
  dn: z.string(),
  objectClass: z.string(),
  description: z.string().nullable(),
  dnsHostName: z.string().nullable(),
  encryptionTypes: z.array(z.string()),
  passwordIntervalDays: z.number().nullable(),
  spns: z.array(z.string()),
  allowed: z.array(z.string()),
  enabled: z.boolean().nullable(),
});
export type AccountRaw = z.infer<typeof accountRaw>;

const accountStepRaw = z.object({
  found: z.boolean(),
  /** The sAMAccountName is held by something that is not a service account. */
  otherHolder: z.object({ dn: z.string(), objectClass: z.string() }).nullable(),
  wantedDnsHostName: z.string().nullable(),
  groupDn: z.string().nullable(),
  account: accountRaw.nullable(),
});

const CLASS = { gmsa: 'msDS-GroupManagedServiceAccount', smsa: 'msDS-ManagedServiceAccount' } as const;

/** Reads a service account into plain data (shared with the install/test diagnosis). */
export const READ_ACCOUNT = ps`function Read-MsaAccount {
    param($Account)
    if ($null -eq $Account) { return $null }
    $enc = @()
    if ($null -ne $Account.KerberosEncryptionType) { $enc = @(([string]$Account.KerberosEncryptionType) -split ',\\s*' | Where-Object { $_ -and $_ -ne 'None' }) }
    $interval = $null
    if ($null -ne $Account.ManagedPasswordIntervalInDays) { $interval = [int]$Account.ManagedPasswordIntervalInDays }
    $enabled = $null
    if ($null -ne $Account.Enabled) { $enabled = [bool]$Account.Enabled }
    [ordered]@{
        dn = [string]$Account.DistinguishedName; objectClass = [string]$Account.ObjectClass
        description = $Account.Description; dnsHostName = $Account.DNSHostName; encryptionTypes = $enc
        passwordIntervalDays = $interval; spns = @($Account.ServicePrincipalNames | ForEach-Object { [string]$_ })
        allowed = @($Account.PrincipalsAllowedToRetrieveManagedPassword | ForEach-Object { [string]$_ })
        enabled = $enabled
    }
}
$msaAccountProperties = @('Description', 'DNSHostName', 'KerberosEncryptionType', 'ManagedPasswordIntervalInDays', 'ServicePrincipalNames', 'PrincipalsAllowedToRetrieveManagedPassword', 'Enabled', 'HostComputers')`;

/**
 * New-ADServiceAccount's parameters from the plan, in the order an admin reads them; a gMSA's DNS host name and
 * allowed group are the variables the script reads first ($wantedDns, $groupDn).
 */
function creationParams(plan: Plan): PsScript {
  const gmsa = plan.accountType === 'gmsa';
  return psParams({
    Name: plan.name,
    SamAccountName: samOf(plan),
    DNSHostName: gmsa ? ps`$wantedDns` : undefined,
    PrincipalsAllowedToRetrieveManagedPassword: gmsa ? ps`$groupDn` : undefined,
    RestrictToSingleComputer: gmsa ? undefined : true,
    ManagedPasswordIntervalInDays: gmsa ? plan.passwordIntervalDays : undefined,
    KerberosEncryptionType: plan.encryptionTypes.join(','),
    ServicePrincipalNames: plan.spns.length > 0 ? plan.spns : undefined,
    Path: plan.ouPath,
    Description: plan.description !== '' ? plan.description : undefined,
    Enabled: true,
  });
}

/** The object, if any, that holds the name when no service account does (a user, a computer, a group). */
const NAME_HOLDER = ps`function Get-MsaNameHolder {
    param($Account, [string]$Sam)
    if ($null -ne $Account) { return $null }
    $holder = @(Get-ADObject -LDAPFilter ('(sAMAccountName=' + $Sam + ')'))
    if ($holder.Count -eq 0) { return $null }
    return [ordered]@{ dn = [string]$holder[0].DistinguishedName; objectClass = [string]$holder[0].ObjectClass }
}`;

/** What differs between an existing account and the plan (empty: it is the wanted account). */
export function accountDifferences(
  account: AccountRaw,
  plan: Plan,
  wantedDns: string | null,
  groupDn: string | null,
): string[] {
  const d: string[] = [];
  if (account.objectClass !== CLASS[plan.accountType]) {
    d.push(
      `it is ${account.objectClass === CLASS.gmsa ? 'a gMSA' : 'an sMSA'}, not ${plan.accountType === 'gmsa' ? 'a gMSA' : 'an sMSA'}`,
    );
    return d;
  }
  if ((account.description ?? '') !== plan.description) d.push('its description differs');
  if (plan.accountType === 'gmsa' && !sameText(account.dnsHostName, wantedDns)) {
    d.push(`its DNS host name is ${account.dnsHostName ?? '(none)'}, not ${wantedDns ?? '(none)'}`);
  }
  if (!sameSet(account.encryptionTypes, plan.encryptionTypes)) {
    d.push(
      `its encryption types are ${account.encryptionTypes.join(', ') || '(none)'}, not ${plan.encryptionTypes.join(', ')}`,
    );
  }
  if (plan.accountType === 'gmsa' && account.passwordIntervalDays !== plan.passwordIntervalDays) {
    d.push(
      `its password interval is ${account.passwordIntervalDays ?? '?'} days, not ${plan.passwordIntervalDays} (it can only be set at creation)`,
    );
  }
  // A move's SPNs (plan.migration.moveSpns) come to the account in the move-spns step: held or not, they are planned.
  const moved = new Set((plan.migration?.moveSpns ?? []).map((s) => s.toLowerCase()));
  const held = account.spns.filter((s) => !moved.has(s.toLowerCase()));
  if (!sameSet(held, plan.spns)) d.push(`its SPNs are ${account.spns.join(', ') || '(none)'}`);
  if (plan.accountType === 'gmsa' && !sameSet(account.allowed, groupDn === null ? [] : [groupDn])) {
    d.push(
      `the principals allowed to retrieve its password are ${account.allowed.join('; ') || '(none)'}, not ${groupDn ?? 'the group'}`,
    );
  }
  if (plan.ouPath !== undefined && !sameText(parentDn(account.dn), plan.ouPath))
    d.push(`it is in ${parentDn(account.dn)}`);
  return d;
}

export const accountStep = defineStep({
  id: 'account',
  title: 'Create the managed service account',
  needs: joinScripts([READ_ACCOUNT, NAME_HOLDER]),
  script(plan) {
    const sam = samOf(plan);
    const group = plan.gmsa?.group.name;
    // gMSA only: the DNS host name (given, or <name>.<the domain's DNS name>) and the group allowed to retrieve the
    // password; an sMSA has neither.
    const wanted =
      group === undefined
        ? ps`$wantedDns = $null
$groupDn = $null`
        : ps`$wantedDns = ${!plan.dnsHostName ? ps`${plan.name} + '.' + [string](Get-ADDomain).DNSRoot` : plan.dnsHostName}
$groupDn = [string](Get-ADGroup -Identity ${group}).DistinguishedName`;
    return ps`# Create the ${PsScript.fromTrustedSource(group === undefined ? 'sMSA' : 'gMSA')} ${sam} unless the name is taken; read it back either way.
${wanted}
$account = Get-MsaOrNull { Get-ADServiceAccount -Identity ${sam} -Properties $msaAccountProperties }
$found = ($null -ne $account)
$other = Get-MsaNameHolder -Account $account -Sam ${sam}
if (-not $found -and $null -eq $other) {
    $created = New-ADServiceAccount ${creationParams(plan)} -PassThru
    $account = Get-ADServiceAccount -Identity $created.DistinguishedName -Properties $msaAccountProperties
}
[ordered]@{ found = $found; otherHolder = $other; wantedDnsHostName = $wantedDns; groupDn = $groupDn; account = (Read-MsaAccount $account) }`;
  },
  raw: accountStepRaw,
  judge(plan) {
    const want = {
      sam: samOf(plan),
      gmsa: plan.accountType === 'gmsa',
      objectClass: CLASS[plan.accountType],
      description: plan.description,
      encryptionTypes: plan.encryptionTypes,
      passwordIntervalDays: plan.passwordIntervalDays,
      spns: plan.spns,
      movedSpns: plan.migration?.moveSpns ?? [],
      ouPath: plan.ouPath ?? null,
    };
    return ps`# Judge: the name must not be held by another object, and the account must have the planned settings.
$want = ${want}
if ($null -ne $r.otherHolder) { Stop-MsaStep ('The name ' + $want.sam + ' is already used by the ' + $r.otherHolder.objectClass + ' ' + $r.otherHolder.dn + '. It was left unchanged: choose another account name.') }
$a = $r.account
if ($null -eq $a) { Stop-MsaStep ($want.sam + ' could not be read back after creation; check replication.') }
$diff = @()
if ($a.objectClass -ne $want.objectClass) { $diff += ('it is a ' + $a.objectClass + ', not a ' + $want.objectClass) }
else {
    if ([string]$a.description -cne $want.description) { $diff += 'its description differs' }
    if ($want.gmsa -and [string]$a.dnsHostName -ne [string]$r.wantedDnsHostName) { $diff += ('its DNS host name is ' + $a.dnsHostName + ', not ' + $r.wantedDnsHostName) }
    if (-not (Test-MsaSameSet $a.encryptionTypes $want.encryptionTypes)) { $diff += ('its encryption types are ' + (@($a.encryptionTypes) -join ', ')) }
    if ($want.gmsa -and $a.passwordIntervalDays -ne $want.passwordIntervalDays) { $diff += ('its password interval is ' + $a.passwordIntervalDays + ' days, not ' + $want.passwordIntervalDays + ' (it can only be set at creation)') }
    $held = @(@($a.spns) | Where-Object { @($want.movedSpns) -notcontains $_ })
    if (-not (Test-MsaSameSet $held $want.spns)) { $diff += ('its SPNs are ' + (@($a.spns) -join ', ')) }
    if ($want.gmsa -and -not (Test-MsaSameSet $a.allowed @($r.groupDn))) { $diff += ('the principals allowed to retrieve its password are ' + (@($a.allowed) -join '; ') + ', not ' + $r.groupDn) }
    if ($want.ouPath -and (Get-MsaParentDn $a.dn) -ne $want.ouPath) { $diff += ('it is in ' + (Get-MsaParentDn $a.dn)) }
}
if ($r.found -and $diff.Count -gt 0) { Stop-MsaStep ('A service account ' + $want.sam + ' already exists (' + $a.dn + ') but ' + ($diff -join '; ') + '. It was left unchanged: choose another name, or change the answers to match it.') }
if ($diff.Count -gt 0) { Stop-MsaStep ('Created ' + $a.dn + ', but reading it back ' + ($diff -join '; ') + '. Check it in Active Directory Users and Computers.') }
if ($r.found) { Complete-MsaStep 'exists' ('The service account ' + $a.dn + ' already exists with the planned settings.') }
else { Complete-MsaStep 'done' ('Created ' + $a.dn + ' and read it back.') }`;
  },
  evaluate(raw, plan): StepOutcome {
    const sam = samOf(plan);
    if (raw.otherHolder !== null) {
      return {
        status: 'conflict',
        created: [],
        message: `The name ${sam} is already used by the ${raw.otherHolder.objectClass} ${raw.otherHolder.dn}. It was left unchanged: choose another account name.`,
      };
    }
    if (raw.account === null) {
      return {
        status: 'failed',
        created: [],
        message: `${sam} could not be read back after creation; check replication.`,
      };
    }
    const differences = accountDifferences(raw.account, plan, raw.wantedDnsHostName, raw.groupDn);
    if (raw.found) {
      return differences.length > 0
        ? {
            status: 'conflict',
            created: [],
            message: `A service account ${sam} already exists (${raw.account.dn}) but ${differences.join('; ')}. It was left unchanged: choose another name, or change the plan to match it.`,
          }
        : {
            status: 'exists',
            created: [],
            message: `The service account ${sam} already exists with the wanted settings (${raw.account.dn}); it is used as it is.`,
          };
    }
    const created = [{ kind: 'service-account' as const, identity: raw.account.dn }];
    if (differences.length > 0) {
      return {
        status: 'failed',
        created,
        message: `Created ${raw.account.dn}, but reading it back ${differences.join('; ')}. Check it in Active Directory Users and Computers, or undo.`,
      };
    }
    return {
      status: 'done',
      created,
      message: `Created the ${plan.accountType === 'gmsa' ? 'gMSA' : 'sMSA'} ${raw.account.dn} and read it back: ${plan.encryptionTypes.join(' + ')}${plan.accountType === 'gmsa' ? `, password every ${plan.passwordIntervalDays} days, DNS host name ${raw.account.dnsHostName ?? ''}` : ''}.`,
    };
  },
  async explainError(kind, error, session) {
    if (kind === PsErrorKind.KdsRootKeyMissing) {
      // The KDS check's own evaluation, so the step and the health check say the same thing (DC, times, fix).
      const exec: Exec = (_operation, script, timeoutMs) => session.run(script, { timeoutMs });
      try {
        const report = await runHealthCheck(exec, { only: [kdsRootKey.id] });
        return explainKdsKeyMissing(report.results[0]);
      } catch {
        return explainKdsKeyMissing(undefined);
      }
    }
    if (kind === PsErrorKind.NotFound && error instanceof PsCommandError) {
      const target = error.errors[0]?.target ?? '';
      return `Not found: ${target || error.message}. Check that the OU path and the group exist (a new object may not have replicated to this DC yet).`;
    }
    return undefined;
  },
  undo(created) {
    const accounts = created.filter((c) => c.kind === 'service-account');
    if (accounts.length === 0) return NOTHING;
    return joinScripts([
      ps`# Remove the service account this run created (only if it is still there).`,
      ...accounts.map(
        (c) =>
          ps`if ($null -ne (Get-MsaOrNull { Get-ADServiceAccount -Identity ${c.identity} })) { Remove-ADServiceAccount -Identity ${c.identity} -Confirm:$false }`,
      ),
    ]);
  },
});
