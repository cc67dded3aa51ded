// Target host checks. For now the target is this computer: its AD computer account, its "Log on as a batch job" right,
// and (once a gMSA is chosen: $msaOptions.gmsa) whether it can retrieve that gMSA's password now.
import { z } from 'zod';
import { fixAction, FIXES } from './fixes.js';
import { defineCheck, listWords, psConst, type Evaluation } from './types.js';

const accountRaw = z.object({
  computer: z.string(),
  found: z.boolean(),
  distinguishedName: z.string().nullable(),
  dnsHostName: z.string().nullable(),
  enabled: z.boolean().nullable(),
});

export const targetComputerAccount = defineCheck({
  id: 'target-computer-account',
  group: 'Target',
  title: 'Computer account in AD',
  why: 'The host that runs the service must have an enabled computer account: a gMSA is granted to it (or to a group it is in), and an sMSA is linked to it.',
  command:
    'Get-ADComputer -Identity $env:COMPUTERNAME -Properties Enabled, DNSHostName | Select-Object Name, DistinguishedName, DNSHostName, Enabled',
  probe: psConst`try {
    $c = Get-MsaFact -Name 'computer'
    [ordered]@{ computer = [string]$env:COMPUTERNAME; found = $true; distinguishedName = $c.distinguishedName; dnsHostName = $c.dnsHostName; enabled = $c.enabled }
} catch {
    if ($_.Exception.GetType().FullName -ne 'Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException') { throw }
    [ordered]@{ computer = [string]$env:COMPUTERNAME; found = $false; distinguishedName = $null; dnsHostName = $null; enabled = $null }
}`,
  raw: accountRaw,
  evaluate(raw): Evaluation {
    if (!raw.found) {
      return {
        status: 'fail',
        found: `No computer account named ${raw.computer || '(no COMPUTERNAME)'} was found in the domain (on the DC in use).`,
        fix: {
          summary: `Join ${raw.computer} to the domain (or rejoin it if its account was deleted), then restart it.`,
          command: "Add-Computer -DomainName '<domain DNS name>' -Credential (Get-Credential) -Restart",
          actions: [],
        },
      };
    }
    const where = `${raw.distinguishedName ?? raw.computer}${raw.dnsHostName ? ` (${raw.dnsHostName})` : ''}`;
    if (raw.enabled === false) {
      return {
        status: 'fail',
        found: `${raw.computer}'s computer account ${where} is disabled.`,
        fix: {
          summary: 'Enable the computer account.',
          command: `Enable-ADAccount -Identity '${raw.computer}$'`,
          actions: [],
        },
      };
    }
    return { status: 'pass', found: `${raw.computer}'s computer account is ${where}, enabled.` };
  },
});

const passwordRaw = z.object({
  computer: z.string(),
  gmsa: z.string().nullable(),
  allowed: z.array(z.string()),
  canRetrieve: z.boolean().nullable(),
  warnings: z.array(z.string()),
});

export const targetGmsaPassword = defineCheck({
  id: 'target-gmsa-password',
  group: 'Target',
  title: 'gMSA password retrieval on this host',
  why: "A gMSA works on a host only if the host's computer account may retrieve its password (PrincipalsAllowedToRetrieveManagedPassword) — and Windows reads group membership from the computer's current Kerberos ticket, refreshed at restart or by klist purge -li 0x3e7.",
  command: 'Test-ADServiceAccount -Identity <gMSA name>',
  probe: psConst`$computer = [string]$env:COMPUTERNAME
$gmsa = $msaOptions.gmsa
if (-not $gmsa) {
    return [ordered]@{ computer = $computer; gmsa = $null; allowed = @(); canRetrieve = $null; warnings = @() }
}
$sa = Get-ADServiceAccount -Identity $gmsa -Properties 'PrincipalsAllowedToRetrieveManagedPassword'
$testWarnings = $null
$ok = Test-ADServiceAccount -Identity $gmsa -WarningAction SilentlyContinue -WarningVariable testWarnings
[ordered]@{
    computer = $computer; gmsa = [string]$sa.SamAccountName
    allowed = @($sa.PrincipalsAllowedToRetrieveManagedPassword | ForEach-Object { [string]$_ })
    canRetrieve = [bool]$ok; warnings = @($testWarnings | ForEach-Object { [string]$_ })
}`,
  raw: passwordRaw,
  evaluate(raw): Evaluation {
    const refresh = FIXES['refresh-computer-ticket'];
    const computer = raw.computer || 'this computer';
    if (raw.gmsa === null) {
      return {
        status: 'unknown',
        found: `No gMSA chosen yet. Once one is, this checks that ${computer} can retrieve its password now (Test-ADServiceAccount).`,
        fix: {
          summary: `If ${computer} was just added to a group allowed to retrieve a gMSA's password, refresh its Kerberos ticket (or restart it) before installing the gMSA.`,
          command: refresh.command,
          actions: [fixAction('refresh-computer-ticket')],
        },
      };
    }
    if (raw.canRetrieve === true) {
      return { status: 'pass', found: `${raw.computer} can retrieve the password of ${raw.gmsa} now.` };
    }
    const allowed = raw.allowed.length > 0 ? listWords(raw.allowed) : 'nobody';
    return {
      status: 'fail',
      found:
        `${raw.computer} cannot retrieve the password of ${raw.gmsa} (allowed: ${allowed}). ${raw.warnings.join(' ')}`.trim(),
      fix: {
        summary: `Allow ${raw.computer} (or a group it is in) to retrieve the password, then refresh its Kerberos ticket.`,
        command: `Set-ADServiceAccount -Identity ${raw.gmsa} -PrincipalsAllowedToRetrieveManagedPassword <${raw.computer}$ or group>\n${refresh.command}`,
        actions: [fixAction('refresh-computer-ticket')],
      },
    };
  },
});

/** 'CONTOSO\\gmsa-web$' → 'gmsa-web'. */
const bareAccount = (name: string): string => name.replace(/^.*\\/, '').replace(/\$$/, '').toLowerCase();

const batchRaw = z.object({
  computer: z.string(),
  accounts: z.array(z.string()),
  managedByGpo: z.boolean(),
  gpoName: z.string().nullable(),
  gmsa: z.string().nullable(),
});

export const targetBatchLogonRight = defineCheck({
  id: 'target-batch-logon-right',
  group: 'Target',
  title: '"Log on as a batch job" on this host',
  why: 'A scheduled task runs its account through a batch logon: the gMSA needs SeBatchLogonRight on the host. When a domain GPO defines that right, a local grant is overwritten at the next policy refresh, so the account must be added in the GPO.',
  command:
    "Get-MsaUserRight -Right SeBatchLogonRight   # the wizard's user-rights module (LSA); by hand: secpol.msc, or gpresult /h report.html",
  probe: psConst`$right = Get-MsaUserRight -Right 'SeBatchLogonRight'
$gmsa = $null
if ($msaOptions.gmsa) { $gmsa = [string]$msaOptions.gmsa }
[ordered]@{
    computer = [string]$right.ComputerName; accounts = @($right.Accounts | ForEach-Object { [string]$_ })
    managedByGpo = [bool]$right.ManagedByGpo; gpoName = $right.GpoName; gmsa = $gmsa
}`,
  raw: batchRaw,
  evaluate(raw): Evaluation {
    const holders = raw.accounts.length > 0 ? listWords(raw.accounts) : 'no account';
    const gmsa = raw.gmsa;
    const has = gmsa === null ? null : raw.accounts.some((a) => bareAccount(a) === bareAccount(gmsa));
    if (raw.managedByGpo) {
      return {
        status: 'warn',
        found: `SeBatchLogonRight on ${raw.computer} is defined by the Group Policy object '${raw.gpoName ?? 'unknown'}' (now: ${holders}). A local grant to the gMSA lasts only until the next policy refresh.`,
        fix: {
          summary: `Add the gMSA (or a group it is in) to "Log on as a batch job" in the GPO '${raw.gpoName ?? ''}' (Computer Configuration > Policies > Windows Settings > Security Settings > Local Policies > User Rights Assignment), then run gpupdate /force on ${raw.computer}.`,
          command: 'gpupdate /target:computer /force',
          actions: [],
        },
      };
    }
    if (has === false) {
      return {
        status: 'warn',
        found: `${raw.gmsa ?? ''} does not hold SeBatchLogonRight on ${raw.computer} yet (now: ${holders}); the wizard grants it when it registers the task.`,
      };
    }
    return {
      status: 'pass',
      found: `SeBatchLogonRight on ${raw.computer} is local policy (now: ${holders}): the wizard can grant it to the gMSA${has === true ? ', which already holds it' : ''}.`,
    };
  },
});

export const TARGET_CHECKS = [targetComputerAccount, targetBatchLogonRight, targetGmsaPassword];
