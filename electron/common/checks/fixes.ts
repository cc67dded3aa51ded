// The one-click fixes (contract FIX_IDS): each is a constant script, the exact command it stands for, what it does
// in words, and the checks to run again after it. Anything not here is shown to the admin as a command or steps.
// Every script is Windows PowerShell 5.1 syntax and returns one [ordered] hashtable that `describe` turns into the
// sentence the UI shows ('applied').
import { z } from 'zod';
import type { CheckFix, FixId } from '../api/contract.js';
import { PsScript } from '../powershell/script.js';
import { formatAbsolute } from '../when.js';
import { CheckInputError, psConst } from './types.js';

export const RSAT_CAPABILITY = 'Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0';

export interface FixDefinition {
  readonly id: FixId;
  readonly label: string;
  readonly explanation: string;
  /** When set, the admin must confirm this sentence (checks.fix with acknowledged: true). */
  readonly acknowledgement: string | null;
  /** When set, the wizard shows the command and this sentence and asks before running it (no undo reverses it). */
  readonly confirm?: string;
  /** The command as an admin would type it. */
  readonly command: string;
  readonly script: PsScript;
  /** Check ids to run again afterwards; 'all' when the fix changes what most checks can see (RSAT). */
  readonly affects: readonly string[] | 'all';
  /** How long the fix may take before the session gives up on it (installing RSAT downloads packages). */
  readonly timeoutMs: number;
  describe(output: unknown): string;
}

const keyOutput = z.object({ keyId: z.string(), effectiveTime: z.string().nullable() });

/** The KDS fixes' script: add the key, then read back its EffectiveTime from the DC in use. */
function kdsScript(add: PsScript): PsScript {
  return PsScript.fromTrustedSource(`$keyId = ${add.text}
# Get-KdsRootKey writes one List<KdsRootKey> (documented): ForEach-Object { $_ } yields its keys (or keys written one by one).
$key = @(Get-KdsRootKey | ForEach-Object { $_ } | Where-Object { [string]$_.KeyId -eq [string]$keyId }) | Select-Object -First 1
$effective = $null
if ($null -ne $key) { $effective = ([datetime]$key.EffectiveTime).ToUniversalTime().ToString('o', [System.Globalization.CultureInfo]::InvariantCulture) }
[ordered]@{ keyId = [string]$keyId; effectiveTime = $effective }`);
}

function describeKey(output: unknown, tail: string): string {
  const parsed = keyOutput.safeParse(output);
  if (!parsed.success) return `Added a KDS root key. ${tail}`;
  const when = parsed.data.effectiveTime === null ? '' : `, effective ${formatAbsolute(parsed.data.effectiveTime)}`;
  return `Added KDS root key ${parsed.data.keyId}${when}. ${tail}`;
}

const KDS_AFFECTS = ['kds-root-key', 'target-gmsa-password'];

export const FIXES: Readonly<Record<FixId, FixDefinition>> = {
  'install-rsat-feature': {
    id: 'install-rsat-feature',
    label: 'Install RSAT-AD-PowerShell',
    explanation:
      'Installs the Active Directory module for Windows PowerShell as a Windows Server feature (no restart needed).',
    acknowledgement: null,
    command: 'Install-WindowsFeature -Name RSAT-AD-PowerShell',
    script: psConst`$result = Install-WindowsFeature -Name 'RSAT-AD-PowerShell'
if (-not $result.Success) { throw ('Install-WindowsFeature RSAT-AD-PowerShell did not succeed: ' + [string]$result.ExitCode) }
[ordered]@{ success = [bool]$result.Success; restartNeeded = [string]$result.RestartNeeded; exitCode = [string]$result.ExitCode }`,
    affects: 'all',
    timeoutMs: 30 * 60_000,
    describe: (output) => {
      const r = z.object({ restartNeeded: z.string(), exitCode: z.string() }).safeParse(output);
      const restart = r.success && r.data.restartNeeded === 'Yes' ? ' Restart the computer to finish.' : '';
      const already = r.success && r.data.exitCode === 'NoChangeNeeded' ? ' (it was already installed)' : '';
      return `Installed the RSAT-AD-PowerShell feature${already}.${restart}`;
    },
  },
  'install-rsat-capability': {
    id: 'install-rsat-capability',
    label: 'Add the RSAT AD DS tools',
    explanation:
      'Adds the RSAT Active Directory tools Feature on Demand on Windows 10/11 (downloaded from Windows Update or your WSUS; may take a few minutes).',
    acknowledgement: null,
    command: `Add-WindowsCapability -Online -Name ${RSAT_CAPABILITY}`,
    script: psConst`$result = Add-WindowsCapability -Online -Name 'Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0'
[ordered]@{ restartNeeded = [bool]$result.RestartNeeded }`,
    affects: 'all',
    timeoutMs: 30 * 60_000,
    describe: (output) => {
      const r = z.object({ restartNeeded: z.boolean() }).safeParse(output);
      const restart = r.success && r.data.restartNeeded ? ' Restart the computer to finish.' : '';
      return `Added the RSAT AD DS tools capability.${restart}`;
    },
  },
  'kds-create-default': {
    id: 'kds-create-default',
    label: 'Create the KDS root key (production)',
    explanation:
      'Adds a KDS root key that becomes usable in 10 hours: the time Microsoft gives it to replicate to every domain controller. The right choice for a production domain; gMSAs can be created once it is usable.',
    acknowledgement: null,
    confirm:
      "This adds a KDS root key to the whole forest now. No undo removes it (not the wizard's Undo either): gMSAs depend on it once it exists.",
    command: 'Add-KdsRootKey',
    script: kdsScript(PsScript.fromTrustedSource('Add-KdsRootKey')),
    affects: KDS_AFFECTS,
    timeoutMs: 120_000,
    describe: (output) => describeKey(output, 'gMSAs can be created once it is usable (10 hours, to replicate).'),
  },
  'kds-create-immediately': {
    id: 'kds-create-immediately',
    label: 'Create it effective immediately (this DC only)',
    explanation:
      'Adds a KDS root key usable at once, but only on the domain controller that creates it: other DCs can use it only after it has replicated to them. Fine with one DC; with several, gMSA operations may fail on DCs it has not reached yet.',
    acknowledgement: null,
    confirm:
      "This adds a KDS root key to the whole forest now, usable at once on this DC only. No undo removes it (not the wizard's Undo either): gMSAs depend on it once it exists.",
    command: 'Add-KdsRootKey -EffectiveImmediately',
    script: kdsScript(PsScript.fromTrustedSource('Add-KdsRootKey -EffectiveImmediately')),
    affects: KDS_AFFECTS,
    timeoutMs: 120_000,
    describe: (output) => describeKey(output, 'It is usable now on the DC that created it.'),
  },
  'kds-create-backdated': {
    id: 'kds-create-backdated',
    label: 'Create it back-dated (isolated test labs only)',
    explanation:
      'Adds a KDS root key dated 10 hours in the past, so every DC treats it as usable at once without waiting for replication. Only for isolated test labs: in production it skips the safety window that protects DCs the key has not reached.',
    acknowledgement:
      'This is an isolated test lab: I accept that a back-dated KDS root key skips the replication safety window.',
    command: 'Add-KdsRootKey -EffectiveTime ((Get-Date).AddHours(-10))',
    script: kdsScript(PsScript.fromTrustedSource('Add-KdsRootKey -EffectiveTime ((Get-Date).AddHours(-10))')),
    affects: KDS_AFFECTS,
    timeoutMs: 120_000,
    describe: (output) => describeKey(output, 'It is treated as usable at once (test labs only).'),
  },
  'refresh-computer-ticket': {
    id: 'refresh-computer-ticket',
    label: "Refresh this computer's Kerberos ticket",
    explanation:
      "Purges the computer account's Kerberos tickets (klist purge -li 0x3e7), so its next ticket carries the groups it is in now, such as a group just allowed to retrieve a gMSA password. Saves a restart.",
    acknowledgement: null,
    command: 'klist purge -li 0x3e7',
    script: psConst`$result = Invoke-MsaNative -FilePath 'klist' -ArgumentList 'purge', '-li', '0x3e7'
if ($result.ExitCode -ne 0) { throw ('klist purge -li 0x3e7 failed (exit code ' + $result.ExitCode + '): ' + ((@($result.Output) + @($result.Error)) -join ' ').Trim()) }
[ordered]@{ exitCode = $result.ExitCode }`,
    affects: ['target-gmsa-password'],
    timeoutMs: 120_000,
    describe: () => "Purged this computer's Kerberos tickets: its next ticket carries its current groups.",
  },
};

/** The action a check offers for one fix. */
export function fixAction(id: FixId): CheckFix['actions'][number] {
  const fix = FIXES[id];
  return {
    id,
    label: fix.label,
    explanation: fix.explanation,
    acknowledgement: fix.acknowledgement,
    command: fix.command,
    confirm: fix.confirm ?? null,
  };
}

/** Refuses a fix that needs an acknowledgement the request did not give. */
export function assertFixAllowed(id: FixId, acknowledged: boolean | undefined): FixDefinition {
  const fix = FIXES[id];
  if (fix.acknowledgement !== null && acknowledged !== true) {
    throw new CheckInputError(
      `the fix '${id}' needs acknowledged: true: ${fix.acknowledgement}`,
      'This fix needs your explicit acknowledgement.',
      'Read the warning, confirm it, and apply the fix again; or choose the production default.',
    );
  }
  return fix;
}
