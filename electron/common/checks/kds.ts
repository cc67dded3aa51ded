// The KDS root key check. gMSA passwords are derived from a KDS root key; a DC uses a key only once it has the key
// (replication) and the key's EffectiveTime has passed on the DC's own clock. So the probe asks, from the DC in use:
//   Get-KdsRootKey (the keys that DC sees), Test-KdsRootKey per key, and the DC's current time (Get-ADRootDSE);
// and, per DC, which root-key objects it holds: msKds-ProvRootKey under CN=Master Root Keys in the configuration
// partition, read with Get-ADObject -Server <DC>, with when each was created (whenCreated) and becomes effective
// (msKds-UseStartTime), so a key that has not replicated yet is named with its time and DC. The key is green only
// when it is usable now on the DC in use. explainKdsKeyMissing turns the same evaluation into the account step's
// "Key does not exist" message.
import { z } from 'zod';
import type { CheckFix, CheckResult } from '../api/contract.js';
import { psErrorInfoSchema } from '../powershell/envelope.js';
import { fixAction, FIXES } from './fixes.js';
import { isGmsaCapableDc } from './levels.js';
import { formatAbsolute } from '../when.js';
import {
  defineCheck,
  formatDuration,
  listWords,
  probeErrorReason,
  psConst,
  type EvalContext,
  type Evaluation,
} from './types.js';

const keySchema = z.object({
  keyId: z.string(),
  effectiveTime: z.string(),
  creationTime: z.string().nullable(),
  valid: z.boolean().nullable(),
  testError: z.string().nullable(),
});

const kdsRaw = z.object({
  dcInUse: z.string().nullable(),
  now: z.string(),
  timeSource: z.enum(['dc', 'local']),
  /** (Not 'keys': ConvertTo-MsaPlain reads $dict.Keys, which a key named 'keys' would shadow.) */
  rootKeys: z.array(keySchema),
  /** The DC in use's DNS name (the step error names it as New-ADServiceAccount saw it). */
  dcInUseHostName: z.string().nullable().optional(),
  dcs: z
    .array(
      z.object({
        name: z.string(),
        operatingSystemVersion: z.string(),
        keyIds: z.array(z.string()).nullable(),
        /** When each of those keys was created (whenCreated) and becomes effective (msKds-UseStartTime). */
        rootKeys: z
          .array(z.object({ keyId: z.string(), created: z.string().nullable(), effective: z.string().nullable() }))
          .optional(),
        error: psErrorInfoSchema.nullable(),
      }),
    )
    .nullable(),
  dcsError: psErrorInfoSchema.nullable(),
  /** Whether this process reads AD as an (elevated) Domain or Enterprise Admin: only they may read root keys. */
  readerIsAdmin: z.boolean().nullable(),
});
type KdsRaw = z.infer<typeof kdsRaw>;

/** The fix offered when no key exists: the three ways to create one, explained. */
export function createKeyFix(summary: string): CheckFix {
  return {
    summary,
    command: [
      `${FIXES['kds-create-default'].command}   # production: usable in 10 hours, on every DC`,
      `${FIXES['kds-create-immediately'].command}   # usable now on this DC only`,
      `${FIXES['kds-create-backdated'].command}   # isolated test labs only`,
    ].join('\n'),
    actions: [fixAction('kds-create-default'), fixAction('kds-create-immediately'), fixAction('kds-create-backdated')],
  };
}

const replicateFix = (dcs: readonly string[]): CheckFix => ({
  summary: `Wait for replication to reach ${listWords(dcs)}, or force it now (repadmin /syncall as a Domain Admin). Do not create another key.`,
  command: 'repadmin /syncall /AdeP',
  actions: [],
});

const sameId = (a: string, b: string): boolean =>
  a.replace(/[{}]/g, '').toLowerCase() === b.replace(/[{}]/g, '').toLowerCase();

function evaluateKds(raw: KdsRaw, ctx: EvalContext): Evaluation {
  const now = new Date(raw.now).getTime();
  const dc = raw.dcInUse ?? 'the DC in use';
  const clock = raw.timeSource === 'dc' ? `${dc}'s clock` : "this computer's clock (the DC's could not be read)";
  const usable = raw.rootKeys.filter((k) => k.valid !== false && new Date(k.effectiveTime).getTime() <= now);
  const pending = raw.rootKeys.filter((k) => k.valid !== false && new Date(k.effectiveTime).getTime() > now);
  const invalid = raw.rootKeys.filter((k) => k.valid === false);

  // Which DCs hold which keys (null: could not be read).
  const perDc = raw.dcs?.every((d) => d.keyIds !== null) ? raw.dcs : null;
  const perDcNote = (() => {
    if (raw.dcs !== null && raw.dcs.length <= 1) return '';
    if (raw.dcs === null && raw.dcsError !== null) {
      return ` Which domain controllers hold a key could not be checked: ${probeErrorReason(raw.dcsError)}`;
    }
    const error = raw.dcs?.find((d) => d.error !== null)?.error ?? null;
    return perDc === null && error !== null
      ? ` The other DCs' root keys could not be read: ${probeErrorReason(error)}`
      : '';
  })();
  const holders = (keyId: string): string[] =>
    (perDc ?? []).filter((d) => (d.keyIds ?? []).some((id) => sameId(id, keyId))).map((d) => d.name);
  // When a key was created, and where (a key on one DC only was created there: keys replicate out from their DC).
  const dcKeys = (raw.dcs ?? []).flatMap((d) => d.rootKeys ?? []);
  const createdOf = (keyId: string): string | null =>
    raw.rootKeys.find((k) => sameId(k.keyId, keyId))?.creationTime ??
    dcKeys.find((k) => sameId(k.keyId, keyId) && k.created !== null)?.created ??
    null;
  const createdText = (keyId: string): string => {
    const created = createdOf(keyId);
    const have = holders(keyId);
    if (created === null) return have.length === 1 ? `created on ${have[0]}` : '';
    return `created at ${formatAbsolute(created)}${have.length === 1 ? ` on ${have[0]}` : ''}`;
  };
  const testText = (k: z.infer<typeof keySchema>) =>
    k.valid === null
      ? `Test-KdsRootKey failed: ${k.testError ?? 'no answer'}`
      : `Test-KdsRootKey: ${k.valid ? 'True' : 'False'}`;

  const [key] = usable;
  if (key !== undefined) {
    const byClock = raw.timeSource === 'dc' ? '' : ` (judged by ${clock})`;
    const base = `KDS root key ${key.keyId}, effective since ${formatAbsolute(key.effectiveTime)}, is usable now on ${dc}${byClock} (${testText(key)}).`;
    if (perDc !== null) {
      const have = holders(key.keyId);
      const missing = perDc.filter((d) => !usable.some((k) => holders(k.keyId).includes(d.name))).map((d) => d.name);
      if (missing.length > 0) {
        return {
          status: 'warn',
          found: `${base} It has not replicated to ${listWords(missing)} yet (it is on ${listWords(have)}): a gMSA host that asks ${missing.length === 1 ? 'that DC' : 'those DCs'} for its password fails until it does.`,
          fix: replicateFix(missing),
        };
      }
      return {
        status: 'pass',
        found: `${base} It is on ${perDc.length === 1 ? 'the only DC' : `all ${perDc.length} DCs`}.`,
      };
    }
    return { status: 'pass', found: `${base}${perDcNote}` };
  }

  if (pending.length > 0) {
    const next = pending.reduce((a, b) => (new Date(a.effectiveTime) <= new Date(b.effectiveTime) ? a : b));
    const wait = formatDuration(new Date(next.effectiveTime).getTime() - now);
    return {
      status: 'warn',
      found: `KDS root key ${next.keyId} exists on ${dc} (${testText(next)}) but is not usable yet: it becomes effective at ${formatAbsolute(next.effectiveTime)}, in ${wait} by ${clock}. gMSAs cannot be created until then.${createdText(next.keyId) === '' ? '' : ` (It was ${createdText(next.keyId)}.)`}`,
      // On the wizard's clock: the screen counts down with it, and the DC's (or the lab's) clock may differ from it.
      readyAt: new Date(ctx.now.getTime() + (new Date(next.effectiveTime).getTime() - now)).toISOString(),
      fix: {
        summary: `Wait until ${formatAbsolute(next.effectiveTime)}; nothing else is needed in production. In an isolated test lab you can add a key that is usable at once instead.`,
        command: `${FIXES['kds-create-immediately'].command}   # usable now on this DC only\n${FIXES['kds-create-backdated'].command}   # isolated test labs only`,
        actions: [fixAction('kds-create-immediately'), fixAction('kds-create-backdated')],
      },
    };
  }

  if (invalid.length > 0) {
    return {
      status: 'fail',
      found: `${dc} has ${invalid.length === 1 ? 'a KDS root key' : `${invalid.length} KDS root keys`} (${invalid.map((k) => k.keyId).join(', ')}), but Test-KdsRootKey says ${invalid.length === 1 ? 'it is' : 'they are'} not valid.`,
      fix: createKeyFix('Create a new KDS root key.'),
    };
  }

  if (raw.rootKeys.length === 0 && raw.readerIsAdmin === false) {
    return {
      status: 'unknown',
      found: `Get-KdsRootKey returned no key on ${dc}, but only Domain Admins and Enterprise Admins (elevated) may read KDS root keys, so one may exist. Run the wizard elevated as a Domain Admin to check.`,
    };
  }

  // No key on the DC in use. Is there one elsewhere (not replicated yet), or can no DC run the KDS at all?
  const elsewhere = (perDc ?? []).filter((d) => (d.keyIds ?? []).length > 0);
  if (elsewhere.length > 0) {
    const missing = (perDc ?? []).filter((d) => (d.keyIds ?? []).length === 0).map((d) => d.name);
    const inUse = raw.dcInUse !== null && missing.includes(raw.dcInUse) ? `${raw.dcInUse} (the DC in use)` : dc;
    const others = missing.filter((m) => m !== raw.dcInUse);
    const alsoMissing = others.length > 0 ? ` (nor to ${listWords(others)})` : '';
    const through = raw.dcInUse ?? 'that DC';
    // The newest key is the one just created (and waited for).
    const newest = dcKeys.reduce<(typeof dcKeys)[number] | null>(
      (a, b) => (a === null || (b.created ?? '') > (a.created ?? '') ? b : a),
      null,
    );
    const createdAt = newest?.created ?? null;
    const effective = newest?.effective ?? null;
    const origin = newest === null ? [] : holders(newest.keyId);
    const subject = origin.length === 1 ? ` It was created on ${origin[0]} and` : ' It';
    const when =
      effective === null
        ? origin.length === 1
          ? ` It was created on ${origin[0]}.`
          : ''
        : new Date(effective).getTime() > now
          ? `${subject} becomes effective at ${formatAbsolute(effective)} (in ${formatDuration(new Date(effective).getTime() - now)} by ${clock}): it is usable through ${through} once it has replicated there and that time has passed.`
          : `${subject} is already effective, so it is usable through ${through} as soon as it has replicated there.`;
    return {
      status: 'warn',
      found: `A KDS root key${createdAt === null ? '' : ` created at ${formatAbsolute(createdAt)}`} exists on ${listWords(elsewhere.map((d) => d.name))} but has not replicated to ${inUse} yet${alsoMissing}: gMSAs cannot be created or used through ${through} until it arrives.${when}`,
      fix: replicateFix(missing),
    };
  }
  if (raw.dcs !== null && raw.dcs.length > 0 && !raw.dcs.some((d) => isGmsaCapableDc(d.operatingSystemVersion))) {
    return {
      status: 'warn',
      found: `No KDS root key, and no domain controller runs Windows Server 2012 or later, so none can run the KDS: gMSA is unavailable (sMSA does not need a key).`,
    };
  }
  const recent =
    perDc === null && raw.dcs !== null && raw.dcs.length > 1
      ? ' If a key was created on another DC recently, wait for it to replicate instead of creating another.'
      : '';
  return {
    status: 'fail',
    found: `No KDS root key: Get-KdsRootKey on ${dc} returned none. gMSAs cannot be created without one.${perDcNote}${recent}`,
    fix: createKeyFix(
      'Create the KDS root key. In production use the default and wait 10 hours; -EffectiveImmediately makes it usable at once on this DC only; back-dating is for isolated test labs.',
    ),
  };
}

/**
 * New-ADServiceAccount's "Key does not exist", explained with this check's own evaluation (the account step runs
 * the check when it fails), so the step and the health check say the same thing: which DC lacks a usable key, when
 * the key was created and where, when it will be usable, and what to do.
 */
export function explainKdsKeyMissing(result: CheckResult | undefined): string {
  const parsed = kdsRaw.safeParse(result?.raw);
  const dc =
    (parsed.success ? (parsed.data.dcInUseHostName ?? parsed.data.dcInUse) : null) ?? 'the domain controller in use';
  const head = `The KDS root key is not usable yet on ${dc}: gMSA passwords are derived from it, so the gMSA cannot be created ("Key does not exist").`;
  if (result === undefined || result.status === 'unknown') {
    const reason = result === undefined ? '' : ` The KDS check could not tell why: ${result.found}`;
    return `${head}${reason} Create a KDS root key (Add-KdsRootKey; see the prerequisite check), or if one was just created, wait until its effective time has passed and it has replicated to ${dc}.`;
  }
  if (result.status === 'pass') return `${head} The KDS check now finds: ${result.found} Run this step again.`;
  return `${head} ${result.found}${result.fix ? ` ${result.fix.summary}` : ''}`;
}

export const kdsRootKey = defineCheck({
  id: 'kds-root-key',
  group: 'KDS',
  title: 'KDS root key',
  why: 'Domain controllers derive every gMSA password from a KDS root key: New-ADServiceAccount fails with "Key does not exist" until a key exists on the DC in use and its EffectiveTime has passed there.',
  command: `(Get-KdsRootKey) | Select-Object KeyId, EffectiveTime, CreationTime   # (...): the keys, not the List holding them
(Get-KdsRootKey) | ForEach-Object { Test-KdsRootKey -KeyId $_.KeyId }
(Get-ADRootDSE).currentTime   # the DC's clock`,
  probe: psConst`$dcInUse = $null
$dcInUseHostName = $null
try { $dcFact = Get-MsaFact -Name 'adDc'; $dcInUse = $dcFact.name; $dcInUseHostName = $dcFact.hostName } catch { $dcInUse = $null }
# "Usable now" is judged by the DC's clock, not this computer's.
$now = $null
$timeSource = 'local'
try { $now = (Get-MsaFact -Name 'adRootDse').currentTime; $timeSource = 'dc' } catch { $now = $null }
if (-not $now) { $now = ConvertTo-MsaUtcText ([datetime]::UtcNow); $timeSource = 'local' }
# Get-KdsRootKey writes one List<KdsRootKey> (documented): ForEach-Object { $_ } yields the keys whether they come
# as that list or one by one. (Not foreach ($k in Get-KdsRootKey): that runs once, on the list, when it is empty.)
$allKeys = @(Get-KdsRootKey | ForEach-Object { $_ })
$rootKeys = @(foreach ($k in $allKeys) {
    $valid = $null
    $testError = $null
    try { $valid = [bool](Test-KdsRootKey -KeyId $k.KeyId) } catch { $testError = $_.Exception.Message }
    [ordered]@{
        keyId = [string]$k.KeyId; effectiveTime = (ConvertTo-MsaUtcText $k.EffectiveTime)
        creationTime = (ConvertTo-MsaUtcText $k.CreationTime); valid = $valid; testError = $testError
    }
})
# Which DC holds which root key: the msKds-ProvRootKey objects each DC has in its configuration partition.
$dcs = $null
$dcsError = $null
try {
    $base = 'CN=Master Root Keys,CN=Group Key Distribution Service,CN=Services,' + (Get-MsaFact -Name 'adRootDse').configurationNamingContext
    $dcs = @(foreach ($dc in @(Get-MsaFact -Name 'adDcs')) {
        try {
            $found = @(Get-ADObject -Server $dc.hostName -SearchBase $base -SearchScope OneLevel -LDAPFilter '(objectClass=msKds-ProvRootKey)' -Properties 'whenCreated', 'msKds-UseStartTime')
            $ids = @($found | ForEach-Object { [string]$_.Name })
            $dcKeys = @(foreach ($o in $found) {
                $effective = $null
                if ($null -ne $o.'msKds-UseStartTime') { $effective = ConvertTo-MsaUtcText ([datetime]::FromFileTimeUtc([long]$o.'msKds-UseStartTime')) }
                [ordered]@{ keyId = [string]$o.Name; created = (ConvertTo-MsaUtcText $o.whenCreated); effective = $effective }
            })
            [ordered]@{ name = $dc.name; operatingSystemVersion = $dc.operatingSystemVersion; keyIds = $ids; rootKeys = $dcKeys; error = $null }
        } catch {
            [ordered]@{ name = $dc.name; operatingSystemVersion = $dc.operatingSystemVersion; keyIds = $null; error = (ConvertTo-MsaErrorInfo $_) }
        }
    })
} catch { $dcsError = ConvertTo-MsaErrorInfo $_ }
# Only (elevated) Domain and Enterprise Admins may read root keys: an empty answer means nothing for anyone else.
$readerIsAdmin = $null
try {
    $token = @(Get-MsaFact -Name 'tokenGroups')
    $elevated = [bool](@($token | Where-Object { $_.sid -eq 'S-1-16-12288' -or $_.sid -eq 'S-1-16-16384' }).Count)
    $member = [bool](@($token | Where-Object { $_.sid -match '^S-1-5-21-\d+-\d+-\d+-(512|519)$' }).Count)
    $readerIsAdmin = $elevated -and $member
} catch { $readerIsAdmin = $null }
[ordered]@{
    dcInUse = $dcInUse; dcInUseHostName = $dcInUseHostName; now = $now; timeSource = $timeSource; rootKeys = $rootKeys; dcs = $dcs; dcsError = $dcsError
    readerIsAdmin = $readerIsAdmin
}`,
  raw: kdsRaw,
  evaluate: evaluateKds,
});

export const KDS_CHECKS = [kdsRootKey];
