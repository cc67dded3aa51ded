// The API over the loopback lab host (practice mode in a browser): POST /api/invoke with the token in a header,
// and one EventSource for the core's events (EventSource cannot send headers, so the token rides in the query).
import { apiEventSchema, apiResultSchema, type ApiEvent, type ApiResult } from './contract';
import { contractError, refusedError, transportError } from './errors';
import type { WizardApiClient } from './types';

/** How long the first call waits for the event stream, so the live output of that call is not missed. */
const EVENTS_WAIT_MS = 1500;

export function createLabHostTransport(token: string): WizardApiClient {
  const listeners = new Set<(event: ApiEvent) => void>();
  const events = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  const connected = new Promise<void>((resolve) => {
    events.addEventListener('open', () => resolve(), { once: true });
    events.addEventListener('error', () => resolve(), { once: true });
    setTimeout(resolve, EVENTS_WAIT_MS);
  });
  events.addEventListener('message', (message: MessageEvent<string>) => {
    let parsed: ReturnType<typeof apiEventSchema.safeParse>;
    try {
      parsed = apiEventSchema.safeParse(JSON.parse(message.data));
    } catch {
      return;
    }
    if (!parsed.success) return;
    for (const listener of listeners) listener(parsed.data);
  });

  return {
    transport: 'lab-host',
    eventsReady: () => connected,
    async invoke(method, input): Promise<ApiResult> {
      let response: Response;
      try {
        response = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-MSA-Token': token },
          body: JSON.stringify({ method, input }),
          cache: 'no-store',
        });
      } catch (err) {
        return { ok: false, error: transportError(err) };
      }
      const body = await response.text().catch(() => '');
      if (!response.ok) return { ok: false, error: refusedError(response.status, body.slice(0, 200)) };
      try {
        const parsed = apiResultSchema.safeParse(JSON.parse(body));
        return parsed.success ? parsed.data : { ok: false, error: contractError(method, parsed.error.message) };
      } catch (err) {
        return { ok: false, error: contractError(method, err) };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
