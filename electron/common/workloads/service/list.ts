// The service picker's list: the Windows services of the computer the wizard runs on, read in one round trip
// (Get-CimInstance Win32_Service: the same class the account step changes, so the picker shows StartName exactly as
// the step will read it). Read-only. Whether a service runs as a user account (its password could not be put back by
// undo) is judged here with the step's own rule, so the form can ask for the acknowledgement before anything runs.
import { z } from 'zod';
import type { ApiOutput } from '../../api/contract.js';
import type { Exec } from '../../checks/run.js';
import { LOOKUP_TIMEOUT_MS, parseAnswer } from '../../directory/validate.js';
import { ps, type PsScript } from '../../powershell/script.js';
import { needsPassword } from './service-read.js';

/** The read-only script: the computer's name and every service as { name, displayName, startName, state }. */
export const SERVICE_LIST_SCRIPT: PsScript = ps`[ordered]@{
    computer = [string]$env:COMPUTERNAME
    services = @(Get-CimInstance -ClassName Win32_Service | ForEach-Object {
        [ordered]@{ name = [string]$_.Name; displayName = [string]$_.DisplayName; startName = [string]$_.StartName; state = [string]$_.State }
    })
}`;

const answerSchema = z.object({
  computer: z.string(),
  services: z.array(z.object({ name: z.string(), displayName: z.string(), startName: z.string(), state: z.string() })),
});

export type HostServices = ApiOutput<'host.services'>;

/** The services of the wizard's computer, sorted by display name. */
export async function listHostServices(exec: Exec): Promise<HostServices> {
  const data = await exec('host.services', SERVICE_LIST_SCRIPT, LOOKUP_TIMEOUT_MS);
  const answer = parseAnswer(answerSchema, data[0], 'service list');
  return {
    computer: answer.computer,
    services: answer.services
      .map((s) => ({ ...s, needsPassword: needsPassword(s.startName) }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en', { sensitivity: 'base' })),
  };
}
