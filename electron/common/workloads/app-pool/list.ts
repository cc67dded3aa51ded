// The application pool picker's list: the pools of the computer the wizard runs on, read in one round trip with the
// same WebAdministration reads the app-pool steps use (app-pool-read.ts explains why that module). Read-only.
// Without the module (IIS or its scripting tools not installed) the answer says so instead of failing: the form
// then offers only "create", and the health check names what is missing.
import { z } from 'zod';
import type { ApiOutput } from '../../api/contract.js';
import type { Exec } from '../../checks/run.js';
import { LOOKUP_TIMEOUT_MS, parseAnswer } from '../../directory/validate.js';
import { ps, type PsScript } from '../../powershell/script.js';
import { APPHOST, READ_POOL } from './app-pool-read.js';

/** The read-only script: the computer's name, whether IIS answers, and every pool's identity and state. */
export const APP_POOL_LIST_SCRIPT: PsScript = ps`${READ_POOL}
$iis = $true
$pools = @()
try {
    # One attribute per pool: a ConfigurationAttribute (with .Value) or the value itself.
    $names = @(Get-WebConfigurationProperty -PSPath ${APPHOST} -Filter 'system.applicationHost/applicationPools/add' -Name 'name' | ForEach-Object {
        if ($_ -is [string]) { $_ } else { [string]$_.Value }
    })
    $pools = @(foreach ($name in $names) {
        $pool = Read-MsaAppPool $name
        if ($null -ne $pool) {
            [ordered]@{ name = $pool.name; identityType = $pool.identityType; userName = $pool.userName; state = $pool.state }
        }
    })
} catch [System.Management.Automation.CommandNotFoundException] {
    # No WebAdministration module: IIS (or its scripting tools) is not installed here.
    $iis = $false
}
[ordered]@{ computer = [string]$env:COMPUTERNAME; iis = $iis; pools = $pools }`;

const answerSchema = z.object({
  computer: z.string(),
  iis: z.boolean(),
  pools: z.array(z.object({ name: z.string(), identityType: z.string(), userName: z.string(), state: z.string() })),
});

export type HostAppPools = ApiOutput<'host.appPools'>;

/** The identity step's own rule (identity.ts): SpecificUser whose name does not end with $ (a managed account's does). */
const userAccount = (identityType: string, userName: string): boolean =>
  identityType === 'SpecificUser' && !userName.endsWith('$');

/** The pools of the wizard's computer, sorted by name. */
export async function listHostAppPools(exec: Exec): Promise<HostAppPools> {
  const data = await exec('host.appPools', APP_POOL_LIST_SCRIPT, LOOKUP_TIMEOUT_MS);
  const answer = parseAnswer(answerSchema, data[0], 'application pool list');
  return {
    computer: answer.computer,
    iis: answer.iis,
    pools: answer.pools
      .map((p) => ({ ...p, needsPassword: userAccount(p.identityType, p.userName) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })),
  };
}
