// The service picker (the kind's `picker`, API 'host.items' { kind: 'service' }): the Windows services of the computer the wizard runs on, read in one round trip
// (Get-CimInstance Win32_Service: the same class the account step changes, so the picker shows StartName exactly as
// the step will read it). Read-only. Whether a service runs as a user account (its password could not be put back by
// undo) is judged here with the step's own rule, so the form can ask for the acknowledgement before anything runs.
import { z } from 'zod';
import { parseAnswer } from '../../directory/validate.js';
import { ps, type PsScript } from '../../powershell/script.js';
import type { WorkloadPicker } from '../types.js';
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

/** The services of the wizard's computer, sorted by display name (as services.msc lists them). */
export const servicePicker: WorkloadPicker = {
  script: SERVICE_LIST_SCRIPT,
  decode(data) {
    const answer = parseAnswer(answerSchema, data, 'service list');
    return {
      computer: answer.computer,
      available: true,
      items: answer.services
        .map((s) => ({
          name: s.name,
          detail: s.displayName,
          // Win32_Service reads an empty StartName for a service that runs as LocalSystem without saying so.
          runsAs: s.startName === '' ? 'LocalSystem' : s.startName,
          state: s.state,
          needsPassword: needsPassword(s.startName),
        }))
        .sort((a, b) => a.detail.localeCompare(b.detail, 'en', { sensitivity: 'base' })),
    };
  },
};
