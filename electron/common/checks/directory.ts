// Directory checks an experienced admin runs before creating service accounts: does AD Web Services answer on every
// domain controller (the AD cmdlets speak nothing else), and does the Managed Service Accounts container exist.
import { z } from 'zod';
import { psErrorInfoSchema } from '../powershell/envelope.js';
import { defineCheck, listWords, probeErrorReason, psConst, type Evaluation } from './types.js';

const adwsRaw = z.object({
  dcs: z.array(
    z.object({
      name: z.string(),
      hostName: z.string(),
      ok: z.boolean(),
      ms: z.number(),
      error: psErrorInfoSchema.nullable(),
    }),
  ),
});

export const domainAdws = defineCheck({
  id: 'domain-adws',
  group: 'Domain',
  title: 'AD Web Services on every domain controller',
  why: 'The ActiveDirectory cmdlets talk to DCs only through AD Web Services (TCP 9389). A DC that does not answer cannot be used by the wizard, and a gMSA host that picks it fails.',
  command:
    'Get-ADDomainController -Filter * | ForEach-Object { Get-ADRootDSE -Server $_.HostName | Select-Object dnsHostName, currentTime }',
  probe: psConst`$results = @(foreach ($dc in @(Get-MsaFact -Name 'adDcs')) {
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        $null = Get-ADRootDSE -Server $dc.hostName
        [ordered]@{ name = $dc.name; hostName = $dc.hostName; ok = $true; ms = [int]$clock.ElapsedMilliseconds; error = $null }
    } catch {
        [ordered]@{ name = $dc.name; hostName = $dc.hostName; ok = $false; ms = [int]$clock.ElapsedMilliseconds; error = (ConvertTo-MsaErrorInfo $_) }
    }
})
[ordered]@{ dcs = $results }`,
  raw: adwsRaw,
  evaluate(raw): Evaluation {
    const up = raw.dcs.filter((dc) => dc.ok);
    const down = raw.dcs.filter((dc) => !dc.ok);
    const upText = up.map((dc) => `${dc.name} (${dc.ms} ms)`);
    if (raw.dcs.length === 0) return { status: 'fail', found: 'The domain lists no domain controllers.' };
    if (down.length === 0) return { status: 'pass', found: `AD Web Services answers on ${listWords(upText)}.` };
    const downText = down.map((dc) => `${dc.name}: ${dc.error === null ? 'no answer' : probeErrorReason(dc.error)}`);
    const fix = {
      summary: `Check that ${listWords(down.map((dc) => dc.name))} ${down.length === 1 ? 'is' : 'are'} up and reachable on TCP 9389, with the Active Directory Web Services service running.`,
      command: down.map((dc) => `Test-NetConnection -ComputerName ${dc.hostName} -Port 9389`).join('\n'),
      actions: [],
    };
    if (up.length === 0) {
      return {
        status: 'fail',
        found: `No domain controller answers over AD Web Services. ${downText.join('; ')}`,
        fix,
      };
    }
    return {
      status: 'warn',
      found: `AD Web Services answers on ${listWords(upText)}, but not on ${downText.join('; ')}`,
      fix,
    };
  },
});

const containerRaw = z.object({ dn: z.string(), exists: z.boolean() });

export const domainMsaContainer = defineCheck({
  id: 'domain-msa-container',
  group: 'Domain',
  title: 'Managed Service Accounts container',
  why: 'New-ADServiceAccount creates accounts in CN=Managed Service Accounts unless told otherwise; if the container was deleted or never created, account creation fails.',
  command: 'Get-ADObject -Identity "CN=Managed Service Accounts,$((Get-ADDomain).DistinguishedName)"',
  probe: psConst`$dn = 'CN=Managed Service Accounts,' + (Get-MsaFact -Name 'adDomain').distinguishedName
try {
    $null = Get-ADObject -Identity $dn
    [ordered]@{ dn = $dn; exists = $true }
} catch {
    if ($_.Exception.GetType().FullName -ne 'Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException') { throw }
    [ordered]@{ dn = $dn; exists = $false }
}`,
  raw: containerRaw,
  evaluate(raw): Evaluation {
    if (raw.exists) return { status: 'pass', found: `${raw.dn} exists.` };
    return {
      status: 'fail',
      found: `${raw.dn} does not exist.`,
      fix: {
        summary:
          'Restore the container from the AD Recycle Bin if it was deleted, or create the accounts in another OU with -Path.',
        command:
          'Get-ADObject -Filter "Name -like \'Managed Service Accounts*\'" -IncludeDeletedObjects | Restore-ADObject',
        actions: [],
      },
    };
  },
});

export const DIRECTORY_CHECKS = [domainAdws, domainMsaContainer];
