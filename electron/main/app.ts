// The Electron main process, kept thin: lifecycle, one hardened window, the app:// protocol and the IPC transport of
// the API contract. Electron is passed in (see main.ts), so tests drive all of this with a fake; nothing here imports
// it at run time. The core (session, handlers) lives in electron/common.
import { fileURLToPath } from 'node:url';
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  IpcMain,
  IpcMainInvokeEvent,
  Protocol,
  Session,
  Shell,
  WebContents,
} from 'electron';
import type { ApiEvent, ApiResult } from '../common/api/contract.js';
import type { Api } from '../common/api/handlers.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../preload/bridge.js';
import { appProtocolHandler, SCHEME_PRIVILEGES } from './protocol.js';
import { APP_ORIGIN, APP_SCHEME, allowedDownload, isAllowedExternalUrl, isTrustedSender } from './security.js';

/** The part of the session the main process needs. */
export interface WarmableSession {
  warm(): void;
  dispose(): Promise<void>;
}

export type WindowLike = Pick<BrowserWindow, 'loadURL' | 'once' | 'show' | 'isMinimized' | 'restore' | 'focus'> & {
  readonly webContents: Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'send' | 'isDestroyed'>;
};

export interface ElectronDeps {
  readonly app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'whenReady' | 'on'>;
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => WindowLike;
  readonly ipcMain: Pick<IpcMain, 'handle'>;
  readonly protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  readonly shell: Pick<Shell, 'openExternal'>;
  /** session.defaultSession, once the app is ready. */
  readonly defaultSession: () => Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'on'>;
}

export interface CoreFactory {
  /** Creates the PowerShell session (started warming at once) and the API over it; `emit` pushes events to the UI. */
  (emit: (event: ApiEvent) => void): { session: WarmableSession; api: Api };
}

// Run-time files are named as URLs next to this module: how test/packaging finds what the packed app must hold.
const PRELOAD_FILE = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
const RENDERER_DIR = fileURLToPath(new URL('../../renderer', import.meta.url));

/**
 * The one window. Every renderer is sandboxed and isolated: it reaches the core only through the preload API.
 * The options are written out right here, in the constructor call, so static checkers (Electronegativity) see them.
 */
export function createMainWindow(BrowserWindow: ElectronDeps['BrowserWindow']): WindowLike {
  return new BrowserWindow({
    width: 1180,
    height: 780,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'MSA Wizard',
    webPreferences: {
      preload: PRELOAD_FILE,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would open links in new windows; the app has no use for it.
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** Navigation away from the app and new windows are refused; allow-listed documentation opens in the browser. */
export function hardenWebContents(contents: WindowLike['webContents'], shell: ElectronDeps['shell']): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** The IPC transport: one channel, the sender's frame checked against the app's origin before anything runs. */
export function registerIpc(ipcMain: ElectronDeps['ipcMain'], api: Api): void {
  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<ApiResult> => {
      if (!isTrustedSender(event.senderFrame?.url)) {
        return {
          ok: false,
          error: {
            kind: 'Forbidden',
            title: 'Refused.',
            action: 'Only the app itself may call the API.',
            message: 'foreign sender',
          },
        };
      }
      return api.dispatch(method, input);
    },
  );
}

/** Must run before the app is ready: makes app:// a standard, secure scheme. */
export function registerScheme(protocol: ElectronDeps['protocol']): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: SCHEME_PRIVILEGES }]);
}

/** Starts the app. Returns false when another instance already runs (that one is focused instead). */
export function startApp(electron: ElectronDeps, createCore: CoreFactory): boolean {
  const { app, BrowserWindow } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  registerScheme(electron.protocol);

  let window: WindowLike | undefined;
  const emit = (event: ApiEvent): void => {
    if (window !== undefined && !window.webContents.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
  };
  // PowerShell takes about a second to start: begin now, in parallel with Electron's own start-up.
  const { session, api } = createCore(emit);
  registerIpc(electron.ipcMain, api);

  app.on('second-instance', () => {
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, electron.shell));
  app.on('window-all-closed', () => {
    void session.dispose().finally(() => app.quit());
  });
  void app.whenReady().then(() => {
    const defaultSession = electron.defaultSession();
    defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    defaultSession.setPermissionCheckHandler(() => false);
    // Save answers / Export script hand a blob to the download: always through the Save dialog, nothing else.
    defaultSession.on('will-download', (event, item) => {
      const filters = allowedDownload(item.getURL(), item.getFilename());
      if (filters === null) {
        event.preventDefault();
        return;
      }
      item.setSaveDialogOptions({ title: 'Save', defaultPath: item.getFilename(), filters });
    });
    electron.protocol.handle(APP_SCHEME, appProtocolHandler(RENDERER_DIR));
    window = createMainWindow(BrowserWindow);
    const win = window;
    hardenWebContents(win.webContents, electron.shell);
    win.once('ready-to-show', () => win.show());
    void win.loadURL(`${APP_ORIGIN}/index.html`);
  });
  return true;
}
