// Rights checks: is this process elevated, and may its user create managed service accounts?
// Both read the process token through `whoami /groups /fo csv /nh` (nested groups included, UAC filtering shown),
// keyed on SIDs, not the localized names. Delegated rights come from AD's constructed attribute
// allowedChildClassesEffective on the Managed Service Accounts container: the classes THIS user may create there.
import { z } from 'zod';
import { psErrorInfoSchema } from '../powershell/envelope.js';
import { defineCheck, probeErrorReason, psConst, type Evaluation } from './types.js';

/** Mandatory integrity labels: High (elevated) and System. */
export const ELEVATED_LABELS = ['S-1-16-12288', 'S-1-16-16384'];

const elevatedRaw = z.object({
  user: z.string(),
  labels: z.array(z.object({ name: z.string(), sid: z.string() })),
});

export const rightsElevated = defineCheck({
  id: 'rights-elevated',
  group: 'Rights',
  title: 'Running elevated',
  why: 'Installing a service account, granting "Log on as a batch job", installing RSAT and registering tasks change this computer: they need an elevated process (Run as administrator). Without it, UAC also filters Domain Admins out of the token.',
  command: 'whoami /groups /fo csv /nh | Select-String -SimpleMatch S-1-16-',
  probe: psConst`$labels = @(@(Get-MsaFact -Name 'tokenGroups') | Where-Object { $_.sid -like 'S-1-16-*' } | ForEach-Object { [ordered]@{ name = $_.name; sid = $_.sid } })
[ordered]@{ user = [string]($env:USERDOMAIN + '\' + $env:USERNAME); labels = $labels }`,
  raw: elevatedRaw,
  evaluate(raw): Evaluation {
    const label = raw.labels[0];
    const elevated = raw.labels.some((l) => ELEVATED_LABELS.includes(l.sid));
    if (elevated)
      return { status: 'pass', found: `${raw.user} runs elevated (${label?.name ?? 'High Mandatory Level'}).` };
    if (label === undefined) {
      return { status: 'unknown', found: `whoami /groups listed no integrity label for ${raw.user}.` };
    }
    return {
      status: 'fail',
      found: `${raw.user} runs without elevation (${label.name}).`,
      fix: {
        summary: 'Close the wizard and start it again with "Run as administrator".',
        command: 'Start-Process -FilePath <wizard> -Verb RunAs',
        actions: [],
      },
    };
  },
});

const createMsaRaw = z.object({
  user: z.string(),
  elevated: z.boolean(),
  adminGroups: z.array(z.object({ name: z.string(), sid: z.string(), attributes: z.string() })),
  container: z.string().nullable(),
  allowedChildClasses: z.array(z.string()).nullable(),
  delegationError: psErrorInfoSchema.nullable(),
});

const MSA_CLASSES = [
  'msDS-GroupManagedServiceAccount',
  'msDS-ManagedServiceAccount',
  'msDS-DelegatedManagedServiceAccount',
];

export const rightsCreateMsa = defineCheck({
  id: 'rights-create-msa',
  group: 'Rights',
  title: 'Rights to create managed service accounts',
  why: 'New-ADServiceAccount creates the account in CN=Managed Service Accounts: that needs Domain Admins or Enterprise Admins, or "Create msDS-GroupManagedServiceAccount objects" delegated on that container.',
  command: `whoami /groups /fo csv /nh | Select-String -Pattern '-512"|-519"'
(Get-ADObject -Identity "CN=Managed Service Accounts,$((Get-ADDomain).DistinguishedName)" -Properties allowedChildClassesEffective).allowedChildClassesEffective`,
  probe: psConst`$groups = @(Get-MsaFact -Name 'tokenGroups')
# Domain Admins (RID 512) and Enterprise Admins (RID 519) of any domain, by SID: names are localized.
$admin = @($groups | Where-Object { $_.sid -match '^S-1-5-21-\d+-\d+-\d+-(512|519)$' } | ForEach-Object { [ordered]@{ name = $_.name; sid = $_.sid; attributes = $_.attributes } })
$elevated = [bool](@($groups | Where-Object { $_.sid -eq 'S-1-16-12288' -or $_.sid -eq 'S-1-16-16384' }).Count)
$container = $null
$classes = $null
$delegationError = $null
try {
    $domain = Get-MsaFact -Name 'adDomain'
    $container = 'CN=Managed Service Accounts,' + $domain.distinguishedName
    $o = Get-ADObject -Identity $container -Properties 'allowedChildClassesEffective'
    $classes = @($o.allowedChildClassesEffective | Where-Object { $_ } | ForEach-Object { [string]$_ })
} catch { $delegationError = ConvertTo-MsaErrorInfo $_ }
[ordered]@{
    user = [string]($env:USERDOMAIN + '\' + $env:USERNAME); elevated = $elevated; adminGroups = $admin
    container = $container; allowedChildClasses = $classes; delegationError = $delegationError
}`,
  raw: createMsaRaw,
  evaluate(raw): Evaluation {
    const names = raw.adminGroups.map((g) => g.name.replace(/^.*\\/, ''));
    // UAC keeps admin groups in a non-elevated token as deny-only: present, but they grant nothing.
    const effective = raw.adminGroups.filter((g) => raw.elevated && !/deny only/i.test(g.attributes));
    if (effective.length > 0) {
      return { status: 'pass', found: `${raw.user} is a member of ${names.join(' and ')}.` };
    }
    if (raw.adminGroups.length > 0) {
      return {
        status: 'warn',
        found: `${raw.user} is a member of ${names.join(' and ')}, but this process is not elevated, so UAC leaves that membership out (deny-only) and AD writes would be refused.`,
        fix: {
          summary: 'Start the wizard again with "Run as administrator".',
          command: 'Start-Process -FilePath <wizard> -Verb RunAs',
          actions: [],
        },
      };
    }
    const delegated = (raw.allowedChildClasses ?? []).filter((c) => MSA_CLASSES.includes(c));
    if (delegated.length > 0) {
      return {
        status: 'warn',
        found: `${raw.user} is not a Domain Admin but may create ${delegated.join(', ')} objects in ${raw.container ?? 'the Managed Service Accounts container'} (delegated). Creating accounts works; linking sMSAs and editing other objects may still need a Domain Admin.`,
      };
    }
    const dsacls = `dsacls "${raw.container ?? 'CN=Managed Service Accounts,<domain DN>'}" /I:T /G "${raw.user}:CC;msDS-GroupManagedServiceAccount"`;
    if (raw.delegationError !== null) {
      return {
        status: 'unknown',
        found: `${raw.user} is not in Domain Admins or Enterprise Admins, and delegated rights could not be read: ${probeErrorReason(raw.delegationError)}`,
      };
    }
    return {
      status: 'fail',
      found: `${raw.user} is not in Domain Admins or Enterprise Admins and may not create service accounts in ${raw.container ?? 'CN=Managed Service Accounts'}.`,
      fix: {
        summary:
          'Run the wizard as a member of Domain Admins, or ask one to delegate "Create msDS-GroupManagedServiceAccount objects" on the Managed Service Accounts container to you.',
        command: dsacls,
        actions: [],
      },
    };
  },
});

export const RIGHTS_CHECKS = [rightsElevated, rightsCreateMsa];
