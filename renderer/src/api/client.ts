// The renderer's API client, the same MsaWizardApi on every transport: the preload bridge in Electron, the loopback
// lab host in a browser (token from the URL fragment), or, with neither, a client whose every call says so.
import { API, type ApiError, type ApiInput, type ApiMethod, type ApiOutput } from './contract';
import { createElectronTransport, findPreloadBridge } from './electronTransport';
import { contractError, noTransportError } from './errors';
import { createLabHostTransport } from './labHostTransport';
import { takeLabToken } from './token';
import type { WizardApiClient } from './types';

export type { WizardApiClient } from './types';

export function createApiClient(win: Window): WizardApiClient {
  const bridge = findPreloadBridge(win);
  if (bridge !== null) return createElectronTransport(bridge);
  const token = takeLabToken(win);
  if (token !== null) return createLabHostTransport(token);
  return {
    transport: 'none',
    eventsReady: () => Promise.resolve(),
    invoke: () => Promise.resolve({ ok: false, error: noTransportError() }),
    onEvent: () => () => undefined,
  };
}

export type CallResult<M extends ApiMethod> = { ok: true; value: ApiOutput<M> } | { ok: false; error: ApiError };

/** Calls a method and checks its value against the contract's output schema: screens get typed, validated data. */
export async function call<M extends ApiMethod>(
  client: WizardApiClient,
  method: M,
  input: ApiInput<M>,
): Promise<CallResult<M>> {
  const result = await client.invoke(method, input);
  if (!result.ok) return result;
  const parsed = API[method].output.safeParse(result.value);
  if (!parsed.success) return { ok: false, error: contractError(method, parsed.error.message) };
  return { ok: true, value: parsed.data as ApiOutput<M> };
}
