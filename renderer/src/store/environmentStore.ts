// What the core says about where the wizard runs: app.info (mode, version) and environment.probe (computer, user,
// domain, elevation, PowerShell, lab). Each call runs at most once at a time: a second request while one runs is
// ignored, so "Check again" cannot be double-fired.
import { create } from 'zustand';
import { call } from '../api/client';
import type { AppInfo, EnvironmentInfo } from '../api/contract';
import { api } from '../api/instance';
import { notLoaded, type LoadState } from './loadState';

interface EnvironmentState {
  readonly appInfo: LoadState<AppInfo>;
  readonly environment: LoadState<EnvironmentInfo>;
  loadAppInfo(): Promise<void>;
  probe(): Promise<void>;
}

export const useEnvironment = create<EnvironmentState>((set, get) => ({
  appInfo: notLoaded,
  environment: notLoaded,

  async loadAppInfo() {
    const { appInfo } = get();
    if (appInfo.loading || appInfo.value !== null) return;
    set({ appInfo: { ...appInfo, loading: true } });
    const result = await call(api, 'app.info', {});
    set({
      appInfo: result.ok
        ? { value: result.value, error: null, loading: false }
        : { value: null, error: result.error, loading: false },
    });
  },

  async probe() {
    const { environment } = get();
    if (environment.loading) return;
    set({ environment: { ...environment, loading: true } });
    await api.eventsReady();
    const result = await call(api, 'environment.probe', {});
    set({
      environment: result.ok
        ? { value: result.value, error: null, loading: false }
        : { value: get().environment.value, error: result.error, loading: false },
    });
  },
}));
