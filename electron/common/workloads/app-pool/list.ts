// The application pool picker (the kind's `picker`, API 'host.items' { kind: 'app-pool' }): the pools of the computer the wizard runs on, read in one round trip with the
// same WebAdministration reads the app-pool steps use (app-pool-read.ts explains why that module). Read-only.
// Without the module (IIS or its scripting tools not installed) the answer says so instead of failing: the form
// then offers only "create", and the health check names what is missing.
import { z } from 'zod';
import { parseAnswer } from '../../directory/validate.js';
import { ps, type PsScript } from '../../powershell/script.js';
import type { WorkloadPicker } from '../types.js';
import { APPHOST, READ_POOL } from './app-pool-read.js';
import { isManagedAccountName } from './pool-raw.js';

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

/** The identity step's own rule (identity.ts): SpecificUser whose name is no managed account's (name$, name$@domain). */
const userAccount = (identityType: string, userName: string): boolean =>
  identityType === 'SpecificUser' && !isManagedAccountName(userName);

/** The pools of the wizard's computer, sorted by name (as IIS Manager lists them). */
export const appPoolPicker: WorkloadPicker = {
  script: APP_POOL_LIST_SCRIPT,
  decode(data) {
    const answer = parseAnswer(answerSchema, data, 'application pool list');
    return {
      computer: answer.computer,
      available: answer.iis,
      ...(answer.iis ? {} : { unavailable: `IIS is not installed on ${answer.computer}` }),
      items: answer.pools
        .map((p) => ({
          name: p.name,
          detail: '',
          // SpecificUser's account, or the built-in identity's name.
          runsAs: p.identityType === 'SpecificUser' ? p.userName : p.identityType,
          state: p.state,
          needsPassword: userAccount(p.identityType, p.userName),
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })),
    };
  },
};
