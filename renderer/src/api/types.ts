import type { MsaWizardApi } from './contract';

/** The contract's MsaWizardApi, plus what the renderer needs to know about the transport under it. */
export interface WizardApiClient extends MsaWizardApi {
  readonly transport: 'electron-ipc' | 'lab-host' | 'none';
  /** Resolves once core events can arrive (or after a short wait), so the first run's live output is not lost. */
  eventsReady(): Promise<void>;
}
