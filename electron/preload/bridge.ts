// What the preload exposes as window.msaWizard: exactly the API contract (MsaWizardApi), nothing else. Method names
// are checked against the contract before anything crosses to the main process, and events are validated before
// they reach the page. ipcRenderer itself never leaves this file.
import { apiEventSchema, isApiMethod, type ApiEvent, type MsaWizardApi } from '../common/api/contract.js';

export const INVOKE_CHANNEL = 'msa:invoke';
export const EVENT_CHANNEL = 'msa:event';

/** The part of ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBridge(ipc: IpcRendererLike): MsaWizardApi {
  return Object.freeze({
    invoke(method, input) {
      if (!isApiMethod(method)) return Promise.reject(new Error(`not an API method: ${String(method)}`));
      return ipc.invoke(INVOKE_CHANNEL, method, input) as ReturnType<MsaWizardApi['invoke']>;
    },
    onEvent(listener: (event: ApiEvent) => void) {
      const handler = (_event: unknown, data: unknown): void => {
        const parsed = apiEventSchema.safeParse(data);
        if (parsed.success) listener(parsed.data);
      };
      ipc.on(EVENT_CHANNEL, handler);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, handler);
      };
    },
  } satisfies MsaWizardApi);
}
