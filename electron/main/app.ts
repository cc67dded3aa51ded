// The Electron main process, kept thin: lifecycle, one window, and the PowerShell session warming in the
// background. Electron is passed in (see main.ts) so tests can drive this with a fake; nothing here imports it.
// The full shell (typed API over IPC, app:// protocol, CSP, menu) arrives with the app-shell issue.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App, BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

/** The part of the session the main process needs. */
export interface WarmableSession {
  warm(): void;
  dispose(): Promise<void>;
}

export interface ElectronDeps {
  readonly app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'whenReady' | 'on'>;
  readonly BrowserWindow: new (
    options: BrowserWindowConstructorOptions,
  ) => Pick<BrowserWindow, 'loadFile' | 'once' | 'show' | 'isMinimized' | 'restore' | 'focus'>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Window options. Every renderer is sandboxed and isolated: it reaches the core only through the preload API. */
export function windowOptions(): BrowserWindowConstructorOptions {
  return {
    width: 1180,
    height: 780,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'MSA Wizard',
    webPreferences: {
      preload: path.join(here, '..', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Starts the app. Returns false when another instance already runs (that one is focused instead). */
export function startApp(electron: ElectronDeps, createSession: () => WarmableSession): boolean {
  const { app, BrowserWindow } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  // PowerShell takes about a second to start: begin now, in parallel with Electron's own start-up.
  const session = createSession();
  session.warm();

  let window: ReturnType<typeof createWindow> | undefined;
  function createWindow() {
    const win = new BrowserWindow(windowOptions());
    win.once('ready-to-show', () => win.show());
    void win.loadFile(path.join(here, '..', '..', 'renderer', 'index.html'));
    return win;
  }

  app.on('second-instance', () => {
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    void session.dispose().finally(() => app.quit());
  });
  void app.whenReady().then(() => {
    window = createWindow();
  });
  return true;
}
