// The API over Electron IPC: the preload exposes exactly { invoke(method, input), onEvent(listener) } as
// window.msaWizard. Answers and events are validated here as well: the renderer trusts no boundary blindly.
import { apiEventSchema, apiResultSchema, type ApiEvent, type ApiResult } from './contract';
import { contractError, transportError } from './errors';
import type { WizardApiClient } from './types';

export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}

export function findPreloadBridge(win: Window): PreloadBridge | null {
  const bridge = (win as Window & { msaWizard?: Partial<PreloadBridge> }).msaWizard;
  if (typeof bridge?.invoke !== 'function' || typeof bridge.onEvent !== 'function') return null;
  return bridge as PreloadBridge;
}

export function createElectronTransport(bridge: PreloadBridge): WizardApiClient {
  return {
    transport: 'electron-ipc',
    eventsReady: () => Promise.resolve(),
    async invoke(method, input): Promise<ApiResult> {
      let answer: unknown;
      try {
        answer = await bridge.invoke(method, input);
      } catch (err) {
        return { ok: false, error: transportError(err) };
      }
      const parsed = apiResultSchema.safeParse(answer);
      return parsed.success ? parsed.data : { ok: false, error: contractError(method, parsed.error.message) };
    },
    onEvent(listener: (event: ApiEvent) => void) {
      return bridge.onEvent((event) => {
        const parsed = apiEventSchema.safeParse(event);
        if (parsed.success) listener(parsed.data);
      });
    },
  };
}
