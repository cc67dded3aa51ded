// The Windows Process Activation Service's events for a pool that cannot run as its identity (System log, provider
// Microsoft-Windows-WAS), decoded into words with the fix:
//   5021  the identity of the application pool is invalid: the logon failed — the account lacks "Log on as a batch
//         job", or (a managed account) this host cannot retrieve its password. If not corrected, WAS disables the pool
//         at its first request.
//   5057  the pool was disabled: WAS did not create a worker process because the identity is invalid.
//   5059  the pool was disabled: WAS failed to start a worker process for it.
import { z } from 'zod';

export const wasEventRaw = z.object({ id: z.number(), time: z.string(), message: z.string() });
export type WasEventRaw = z.infer<typeof wasEventRaw>;

export const WAS_EVENT_MEANINGS: Readonly<Record<number, string>> = {
  5021: 'the identity of the application pool is invalid: WAS could not log the account on',
  5057: 'WAS disabled the pool: it did not create a worker process because the identity is invalid',
  5059: 'WAS disabled the pool: it failed to start a worker process for it',
};

export interface WasContext {
  readonly account: string;
  readonly host: string;
  readonly pool: string;
  /** Whether the account holds "Log on as a batch job" effectively (null: not read). */
  readonly rightHeld: boolean | null;
  /** Test-ADServiceAccount on the host (null: not read or it failed). */
  readonly canRetrieve: boolean | null;
}

/** What went wrong and what to do, as the end of a sentence ("... but <this>"). */
export function explainWasEvents(events: readonly WasEventRaw[], c: WasContext): string {
  const ids = [...new Set(events.map((e) => e.id))].sort((a, b) => a - b);
  const seen =
    ids.length === 0
      ? 'WAS logged no 5021, 5057 or 5059 for it since the recycle'
      : `WAS logged ${ids.map((id) => `${id} (${WAS_EVENT_MEANINGS[id] ?? 'a WAS failure'})`).join(', ')}`;
  const fixes: string[] = [];
  if (c.rightHeld === false) {
    fixes.push(
      `${c.account} does not hold "Log on as a batch job" on ${c.host}, which the pool's batch logon needs: run the "Log on as a batch job" step (or grant it in secpol.msc / the GPO that defines it), then recycle ${c.pool} again`,
    );
  }
  if (c.canRetrieve === false) {
    fixes.push(
      `${c.host} cannot retrieve the managed password (Test-ADServiceAccount: False): add ${c.host}$ to the group allowed to retrieve it (PrincipalsAllowedToRetrieveManagedPassword), then run klist -li 0x3e7 purge on ${c.host} (or restart it) so its Kerberos ticket carries the new membership, and recycle ${c.pool} again`,
    );
  }
  if (fixes.length === 0) {
    fixes.push(
      `the account holds the right and the host can retrieve the password as far as this check sees: read the events' text in Event Viewer (System log, source WAS) and Test-ADServiceAccount on ${c.host}, then start ${c.pool} again (Start-WebAppPool -Name '${c.pool.replaceAll("'", "''")}')`,
    );
  }
  return `${seen}. ${fixes.map((f) => f.charAt(0).toUpperCase() + f.slice(1)).join('. ')}.`;
}
