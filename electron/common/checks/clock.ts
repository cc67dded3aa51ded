// Clock skew between this computer and the DC in use. Kerberos refuses tickets when the clocks differ by more than
// 5 minutes (the default "Maximum tolerance for computer clock synchronization"), and every gMSA logon is Kerberos.
// Measured the way admins do: `w32tm /stripchart /computer:<DC> /samples:1 /dataonly`, one NTP sample of the offset.
// (Not Get-ADRootDSE's currentTime against Get-Date: second resolution plus the round trip, and in practice mode it
// would compare the lab's clock with the real one.)
import { z } from 'zod';
import { defineCheck, formatDuration, psConst, type Evaluation } from './types.js';

export const KERBEROS_SKEW_SECONDS = 300;
const WARN_SKEW_SECONDS = 60;

const clockRaw = z.object({
  server: z.string(),
  available: z.boolean(),
  exitCode: z.number().nullable(),
  output: z.array(z.string()),
  error: z.array(z.string()),
});

/**
 * The offset from w32tm's data line ("09:15:32, +00.0132471s"; a comma decimal separator in some locales), or an
 * error code ("09:15:32, error: 0x800705B4").
 */
export function parseStripchart(lines: readonly string[]): { offsetSeconds: number } | { error: string } | null {
  for (const line of [...lines].reverse()) {
    const error = /,\s*error:\s*(0x[0-9a-f]+)/i.exec(line);
    if (error?.[1] !== undefined) return { error: error[1] };
    const m = /^\s*\d{1,2}:\d{2}:\d{2}[^,]*,\s*([+-]?\d+(?:[.,]\d+)?)s\s*$/.exec(line);
    if (m?.[1] !== undefined) return { offsetSeconds: Number(m[1].replace(',', '.')) };
  }
  return null;
}

export const kerberosClockSkew = defineCheck({
  id: 'kerberos-clock-skew',
  group: 'Kerberos',
  title: 'Clock skew with the domain controller',
  why: 'Kerberos rejects requests from a computer whose clock is more than 5 minutes off the DC\'s; a gMSA cannot log on, and scheduled tasks under it fail with "time skew".',
  command: 'w32tm /stripchart /computer:$((Get-ADDomainController).HostName) /samples:1 /dataonly',
  probe: psConst`$server = $null
try { $server = (Get-MsaFact -Name 'adDc').hostName }
catch {
    if ($env:LOGONSERVER) { $server = $env:LOGONSERVER.TrimStart('\') } else { throw }
}
if (-not (Get-Command -Name 'w32tm' -ErrorAction SilentlyContinue)) {
    return [ordered]@{ server = $server; available = $false; exitCode = $null; output = @(); error = @() }
}
$r = Invoke-MsaNative -FilePath 'w32tm' -ArgumentList '/stripchart', ('/computer:' + $server), '/samples:1', '/dataonly'
[ordered]@{ server = $server; available = $true; exitCode = $r.ExitCode; output = @($r.Output); error = @($r.Error) }`,
  raw: clockRaw,
  evaluate(raw): Evaluation {
    if (!raw.available) {
      return {
        status: 'unknown',
        found: `w32tm is not available in this PowerShell, so the clock offset to ${raw.server} could not be measured.`,
      };
    }
    const parsed = parseStripchart(raw.output);
    if (parsed === null || 'error' in parsed) {
      const why =
        parsed === null
          ? [...raw.output, ...raw.error].join(' ').trim() || `exit code ${raw.exitCode}`
          : `error ${parsed.error}`;
      return {
        status: 'unknown',
        found: `w32tm could not sample ${raw.server}'s time service (NTP, UDP 123): ${why}.`,
      };
    }
    const skew = Math.abs(parsed.offsetSeconds);
    const amount = skew < 1 ? `${(skew * 1000).toFixed(0)} ms` : formatDuration(skew * 1000);
    const fix = {
      summary:
        'Resynchronize this computer with the domain time hierarchy (domain members follow their DC; the PDC emulator follows an external source).',
      command: 'w32tm /query /source; w32tm /resync /rediscover',
      actions: [],
    };
    if (skew > KERBEROS_SKEW_SECONDS) {
      return {
        status: 'fail',
        found: `This computer's clock is ${amount} off ${raw.server}'s: more than Kerberos' 5-minute tolerance.`,
        fix,
      };
    }
    if (skew > WARN_SKEW_SECONDS) {
      return {
        status: 'warn',
        found: `This computer's clock is ${amount} off ${raw.server}'s: within Kerberos' 5-minute tolerance, but drifting.`,
        fix,
      };
    }
    return { status: 'pass', found: `This computer's clock is within ${amount} of ${raw.server}'s.` };
  },
});

export const CLOCK_CHECKS = [kerberosClockSkew];
