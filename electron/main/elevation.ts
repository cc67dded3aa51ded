// Real mode changes AD and local security policy: it needs an elevated process. If the app was started without
// elevation (the installer asks for it, a shortcut may not), say why and offer to restart elevated.
import { ps } from '../common/powershell/script.js';
import type { PowerShellSession } from '../common/powershell/session.js';

export const ELEVATION_CHECK = ps`([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)`;

export async function isElevated(session: Pick<PowerShellSession, 'run'>): Promise<boolean> {
  const [answer] = await session.run(ELEVATION_CHECK);
  return answer === true;
}

/** Starts this executable again through UAC; the exe path is passed as data, never as code. */
export function restartElevatedScript(executable: string, args: readonly string[]) {
  return args.length === 0
    ? ps`Start-Process -FilePath ${executable} -Verb RunAs`
    : ps`Start-Process -FilePath ${executable} -ArgumentList ${[...args]} -Verb RunAs`;
}

export const ELEVATION_MESSAGE = {
  title: 'MSA Wizard needs administrator rights',
  detail:
    'Creating service accounts, installing them on this computer, granting "Log on as a batch job" and registering ' +
    'scheduled tasks all require an elevated process. Restart MSA Wizard as administrator to continue, or quit.',
  buttons: ['Restart as administrator', 'Quit'],
} as const;
