// Is this process elevated, and how to start it again elevated. Real mode needs an elevated process: it changes AD
// and local security policy.
import { ps } from '../powershell/script.js';
import type { PowerShellSession } from '../powershell/session.js';

export const ELEVATION_CHECK = ps`([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)`;

export async function isElevated(session: Pick<PowerShellSession, 'run'>): Promise<boolean> {
  const [answer] = await session.run(ELEVATION_CHECK);
  return answer === true;
}

/** Starts an executable again through UAC; its path and arguments are passed as data, never as code. */
export function restartElevatedScript(executable: string, args: readonly string[]) {
  return args.length === 0
    ? ps`Start-Process -FilePath ${executable} -Verb RunAs`
    : ps`Start-Process -FilePath ${executable} -ArgumentList ${[...args]} -Verb RunAs`;
}
