// gMSA only, when the answers ask for it (plan.kdsRootKey): make sure a KDS root key is usable, creating one the way
// the health check's fixes do (../checks/fixes.ts). "Usable" is judged by the DC's clock (Get-ADRootDSE currentTime).
//   'default'      Add-KdsRootKey, only when no key exists at all: usable in 10 hours, so the run stops ('failed')
//                  saying until when to wait; run it again then. A key already waiting is never doubled.
//   'immediately'  Add-KdsRootKey -EffectiveImmediately when no key is usable: usable now on the DC that creates it.
//   'backdated'    Add-KdsRootKey -EffectiveTime ((Get-Date).AddHours(-10)): isolated test labs only.
// A KDS root key cannot be undone (there is no Remove-KdsRootKey, and gMSAs may already depend on it): the step
// reports nothing as created.
import { z } from 'zod';
import { FIXES } from '../checks/fixes.js';
import { formatDuration } from '../checks/types.js';
import type { KdsKeyMode, Plan } from '../plan/plan-schema.js';
import { ps, PsScript } from '../powershell/script.js';
import { defineStep, NOTHING, type StepOutcome } from './types.js';
import { formatAbsolute } from '../when.js';

const kdsRaw = z.object({
  mode: z.string(),
  now: z.string(),
  added: z.string().nullable(),
  usable: z.array(z.string()),
  /** The soonest EffectiveTime of a key not usable yet (ISO 8601, UTC), or null. */
  nextEffective: z.string().nullable(),
  waitMinutes: z.number().nullable(),
});

function modeOf(plan: Plan): KdsKeyMode {
  if (plan.kdsRootKey === undefined) throw new Error('this plan does not ask for a KDS root key');
  return plan.kdsRootKey;
}

/** The command each mode runs: the health check's fix commands. */
const ADD: Readonly<Record<KdsKeyMode, PsScript>> = {
  default: PsScript.fromTrustedSource(FIXES['kds-create-default'].command),
  immediately: PsScript.fromTrustedSource(FIXES['kds-create-immediately'].command),
  backdated: PsScript.fromTrustedSource(FIXES['kds-create-backdated'].command),
};

const waitWords = (raw: z.infer<typeof kdsRaw>): string =>
  raw.nextEffective === null
    ? ''
    : `${formatAbsolute(raw.nextEffective)}${raw.waitMinutes === null ? '' : ` (in ${formatDuration(raw.waitMinutes * 60_000)})`}`;

/**
 * The KDS root keys and the DC's time: { keys, now, usable }. Get-KdsRootKey writes one List<KdsRootKey> (documented),
 * so @(Get-KdsRootKey) would count the list, not the keys: ForEach-Object { $_ } yields the keys whether they come as
 * that list or one by one.
 */
const READ_KDS = ps`function Get-MsaDcNow {
    $now = [datetime]::UtcNow
    try { $dcNow = (Get-ADRootDSE).currentTime; if ($dcNow) { $now = ([datetime]$dcNow).ToUniversalTime() } } catch { $now = [datetime]::UtcNow }
    return $now
}
function Read-MsaKdsKeys {
    $keys = @(Get-KdsRootKey | ForEach-Object { $_ })
    $now = Get-MsaDcNow
    $usable = @($keys | Where-Object { ([datetime]$_.EffectiveTime).ToUniversalTime() -le $now })
    return [pscustomobject]@{ keys = $keys; now = $now; usable = $usable }
}`;

export const kdsKeyStep = defineStep({
  id: 'kds-root-key',
  title: 'Make sure a KDS root key is usable',
  needs: READ_KDS,
  script(plan) {
    const mode = modeOf(plan);
    return ps`# gMSA passwords are derived from a KDS root key: keep a usable one (its EffectiveTime passed on the domain
# controller's clock), or create one as asked (${mode}).
$mode = ${mode}
$before = Read-MsaKdsKeys
$added = $null
if ($before.usable.Count -eq 0 -and ($mode -ne 'default' -or $before.keys.Count -eq 0)) { $added = [string](${ADD[mode]}) }
# Read back (the key just added included).
$kds = Read-MsaKdsKeys
$now = $kds.now
$next = @($kds.keys | Where-Object { ([datetime]$_.EffectiveTime).ToUniversalTime() -gt $now } | Sort-Object -Property EffectiveTime | Select-Object -First 1)
$nextEffective = $null
$waitMinutes = $null
if ($next.Count -gt 0) {
    $effective = ([datetime]$next[0].EffectiveTime).ToUniversalTime()
    $nextEffective = $effective.ToString('o', [System.Globalization.CultureInfo]::InvariantCulture)
    $waitMinutes = [int][math]::Ceiling(($effective - $now).TotalMinutes)
}
[ordered]@{
    mode = $mode; now = $now.ToString('o', [System.Globalization.CultureInfo]::InvariantCulture); added = $added
    usable = @($kds.usable | ForEach-Object { [string]$_.KeyId }); nextEffective = $nextEffective; waitMinutes = $waitMinutes
}`;
  },
  raw: kdsRaw,
  evaluate(raw): StepOutcome {
    const added = raw.added === null ? '' : `Created KDS root key ${raw.added} (${raw.mode}). `;
    if (raw.usable.length === 0) {
      const when = waitWords(raw);
      return {
        status: 'failed',
        created: [],
        message:
          when === ''
            ? `${added}No KDS root key is usable yet, so no gMSA can be created. Check the KDS root key in the health check.`
            : `${added}No KDS root key is usable yet, so no gMSA can be created: wait until ${when} on the domain controller's clock (10 hours, so that the key reaches every DC), then run this again; nothing else is needed. (In an isolated test lab, answer kdsRootKey 'immediately' or 'backdated' instead.)`,
      };
    }
    if (raw.added !== null) {
      return {
        status: 'done',
        created: [],
        message: `${added}It is usable now (a KDS root key cannot be undone; gMSAs depend on it).`,
      };
    }
    return {
      status: 'exists',
      created: [],
      message: `A KDS root key is usable (${raw.usable.join(', ')}); none was created.`,
    };
  },
  judge: () => ps`# Judge: stop when no key is usable yet (saying until when to wait).
if (@($r.usable).Count -eq 0) {
    $when = ''
    if ($r.nextEffective) {
        # When, in this computer's time and words ('Sat 5 Dec 2026 10:05 PM'); how long, in hours and minutes.
        $at = ([datetime]$r.nextEffective).ToLocalTime().ToString('ddd d MMM yyyy h:mm tt', [Globalization.CultureInfo]::InvariantCulture)
        $hours = [math]::Floor([int]$r.waitMinutes / 60); $minutes = [int]$r.waitMinutes % 60
        $in = @(); if ($hours -gt 0) { $in += ([string]$hours + ' hour' + $(if ($hours -ne 1) { 's' })) }; if ($minutes -gt 0 -or $hours -eq 0) { $in += ([string]$minutes + ' minute' + $(if ($minutes -ne 1) { 's' })) }
        $when = ': wait until ' + $at + ' (in ' + ($in -join ' ') + "), when the key becomes usable on every domain controller, and run this script again. (In an isolated test lab, answer kdsRootKey 'immediately' or 'backdated' instead.)"
    }
    $made = ''
    if ($r.added) { $made = 'Created KDS root key ' + $r.added + '. ' }
    if (-not $when) { $when = '. Check the KDS root key (Get-KdsRootKey).' }
    Stop-MsaStep ($made + 'No KDS root key is usable yet, so no gMSA can be created' + $when)
}
if ($r.added) { Complete-MsaStep 'done' ('Created KDS root key ' + $r.added + ' (' + $r.mode + '); it is usable now.') }
else { Complete-MsaStep 'exists' ('A KDS root key is usable: ' + (@($r.usable) -join ', ') + '.') }`,
  undo: () => NOTHING,
});
