// The Electron main process and preload against a fake Electron (never the real module): single instance, early
// PowerShell warm-up, a sandboxed window, refused navigation and windows, the IPC sender check, app:// serving, and a
// preload that exposes exactly the API contract.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { API_METHODS, type ApiResult } from '../../electron/common/api/contract.js';
import type { Api } from '../../electron/common/api/handlers.js';
import {
  hardenWebContents,
  registerIpc,
  createMainWindow,
  startApp,
  type ElectronDeps,
  type WarmableSession,
} from '../../electron/main/app.js';
import { restartElevatedScript } from '../../electron/main/elevation.js';
import { menuTemplate } from '../../electron/main/menu.js';
import { decideMode } from '../../electron/main/mode.js';
import { appProtocolHandler } from '../../electron/main/protocol.js';
import { isAllowedExternalUrl, isTrustedSender } from '../../electron/main/security.js';
import { createBridge, EVENT_CHANNEL, INVOKE_CHANNEL } from '../../electron/preload/bridge.js';

type Handler = (...args: never[]) => unknown;

function fakeContents() {
  const handlers = new Map<string, Handler>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    handlers,
    open: (url: string) => openHandler?.({ url }),
    contents: {
      on: (event: string, fn: Handler) => handlers.set(event, fn),
      setWindowOpenHandler: (fn: typeof openHandler) => {
        openHandler = fn;
      },
      send: () => undefined,
      isDestroyed: () => false,
    },
  };
}

function fakeElectron(lock = true) {
  const log: string[] = [];
  const appHandlers = new Map<string, Handler>();
  const ipc = new Map<string, Handler>();
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const windows: { options: unknown; loaded: string[] }[] = [];
  const permission: { request?: Handler; check?: Handler; download?: Handler; other?: Handler } = {};
  const opened: string[] = [];
  const electron = {
    app: {
      requestSingleInstanceLock: () => lock,
      quit: () => log.push('quit'),
      whenReady: () => whenReady,
      on: (event: string, fn: Handler) => appHandlers.set(event, fn),
    },
    BrowserWindow: class {
      loaded: string[] = [];
      webContents = fakeContents().contents;
      constructor(readonly options: unknown) {
        windows.push(this);
        log.push('window');
      }
      loadURL(url: string) {
        this.loaded.push(url);
        return Promise.resolve();
      }
      once() {}
      show() {}
      isMinimized() {
        return false;
      }
      restore() {}
      focus() {
        log.push('focus');
      }
    },
    ipcMain: { handle: (channel: string, fn: Handler) => ipc.set(channel, fn) },
    protocol: {
      registerSchemesAsPrivileged: () => log.push('scheme'),
      handle: (scheme: string) => log.push(`protocol:${scheme}`),
    },
    shell: { openExternal: async (url: string) => void opened.push(url) },
    defaultSession: () => ({
      setPermissionRequestHandler: (fn: Handler) => (permission.request = fn),
      setPermissionCheckHandler: (fn: Handler) => (permission.check = fn),
      on: (event: string, fn: Handler) => (permission[event === 'will-download' ? 'download' : 'other'] = fn),
    }),
  } as unknown as ElectronDeps;
  return { electron, log, appHandlers, ipc, ready, windows, permission, opened };
}

const okApi: Api = { dispatch: async (method) => ({ ok: true, value: method }) };
const core = (log: string[]) => () => ({
  session: { warm: () => log.push('warm'), dispose: async () => void log.push('dispose') } satisfies WarmableSession,
  api: okApi,
});

describe('main process', () => {
  it('registers app:// before ready, then serves it and opens one window on it', async () => {
    const f = fakeElectron();
    assert.equal(
      startApp(f.electron, () => ({
        ...core(f.log)(),
        session: { warm: () => f.log.push('warm'), dispose: async () => undefined },
      })),
      true,
    );
    f.log.push('(core built)');
    f.ready();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(f.log, ['scheme', '(core built)', 'protocol:app', 'window']);
    assert.equal(f.windows[0]?.loaded[0], 'app://msa-wizard/index.html');
    f.appHandlers.get('second-instance')?.();
    assert.equal(f.log.at(-1), 'focus');
  });

  it('creates the core (and so starts warming PowerShell) synchronously at start', () => {
    const f = fakeElectron();
    let built = false;
    startApp(f.electron, () => {
      built = true;
      return core(f.log)();
    });
    assert.equal(built, true);
  });

  it('quits without starting PowerShell when another instance holds the lock', () => {
    const f = fakeElectron(false);
    let built = false;
    assert.equal(
      startApp(f.electron, () => {
        built = true;
        return core(f.log)();
      }),
      false,
    );
    assert.deepEqual(f.log, ['quit']);
    assert.equal(built, false);
  });

  it('denies every permission request and check', async () => {
    const f = fakeElectron();
    startApp(f.electron, core(f.log));
    f.ready();
    await new Promise((r) => setImmediate(r));
    let granted: boolean | undefined;
    (f.permission.request as unknown as (c: unknown, p: string, cb: (v: boolean) => void) => void)(
      undefined,
      'media',
      (v) => (granted = v),
    );
    assert.equal(granted, false);
    assert.equal((f.permission.check as unknown as () => boolean)(), false);
  });

  it('closes the PowerShell session before quitting', async () => {
    const f = fakeElectron();
    startApp(f.electron, core(f.log));
    f.appHandlers.get('window-all-closed')?.();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(f.log.slice(-2), ['dispose', 'quit']);
  });

  it('sandboxes and isolates the renderer: every webPreferences flag', () => {
    let options: { webPreferences?: Record<string, unknown> } = {};
    createMainWindow(
      class {
        constructor(o: typeof options) {
          options = o;
        }
      } as never,
    );
    assert.deepEqual(
      { ...options.webPreferences, preload: undefined },
      {
        preload: undefined,
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
        disableBlinkFeatures: 'Auxclick',
      },
    );
    assert.match(String(options.webPreferences?.preload), /preload[\\/]preload\.cjs$/);
  });

  it('refuses navigation away from app:// and every new window; Microsoft Learn links open in the browser', () => {
    const opened: string[] = [];
    const c = fakeContents();
    hardenWebContents(c.contents as never, { openExternal: async (url: string) => void opened.push(url) });
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other-host/']) {
      let prevented = false;
      (c.handlers.get('will-navigate') as unknown as (e: { preventDefault(): void }, u: string) => void)(
        { preventDefault: () => (prevented = true) },
        url,
      );
      assert.equal(prevented, true, url);
    }
    let allowed = true;
    (c.handlers.get('will-navigate') as unknown as (e: { preventDefault(): void }, u: string) => void)(
      { preventDefault: () => (allowed = false) },
      'app://msa-wizard/index.html',
    );
    assert.equal(allowed, true);
    assert.deepEqual(c.open('https://evil.example/'), { action: 'deny' });
    assert.deepEqual(c.open('https://learn.microsoft.com/windows-server/'), { action: 'deny' });
    assert.deepEqual(opened, ['https://learn.microsoft.com/windows-server/']);
  });

  it('answers IPC only from the app origin', async () => {
    const ipc = new Map<string, Handler>();
    registerIpc({ handle: (channel: string, fn: Handler) => void ipc.set(channel, fn) } as never, okApi);
    const call = ipc.get(INVOKE_CHANNEL) as unknown as (e: unknown, m: string, i: unknown) => Promise<ApiResult>;
    assert.deepEqual(await call({ senderFrame: { url: 'app://msa-wizard/index.html' } }, 'app.info', {}), {
      ok: true,
      value: 'app.info',
    });
    for (const url of ['https://evil.example/', 'file:///C:/app/index.html', 'app://evil/index.html', undefined]) {
      const refused = await call({ senderFrame: url === undefined ? null : { url } }, 'app.info', {});
      assert.equal(refused.ok, false, String(url));
    }
  });

  it('serves app:// from the renderer folder only, with the CSP', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'msa-app-'));
    writeFileSync(path.join(dir, 'index.html'), '<title>MSA Wizard</title>');
    const handler = appProtocolHandler(dir);
    const page = await handler(new Request('app://msa-wizard/index.html'));
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal((await handler(new Request('app://msa-wizard/%2e%2e/%2e%2e/etc/passwd'))).status, 404);
    assert.equal((await handler(new Request('app://other/index.html'))).status, 404);
  });

  it('downloads only the files the renderer made (blob: of app://), through the Save dialog', async () => {
    const f = fakeElectron();
    startApp(f.electron, core(f.log));
    f.ready();
    await new Promise((r) => setImmediate(r));
    const download = f.permission.download as unknown as (e: { preventDefault(): void }, item: unknown) => void;
    const attempt = (url: string, name: string) => {
      let prevented = false;
      let options: unknown = null;
      const item = { getURL: () => url, getFilename: () => name, setSaveDialogOptions: (o: unknown) => (options = o) };
      download({ preventDefault: () => (prevented = true) }, item);
      return { prevented, options };
    };
    assert.deepEqual(attempt('blob:app://msa-wizard/3f2a', 'msa-setup-svc-report.ps1'), {
      prevented: false,
      options: {
        title: 'Save',
        defaultPath: 'msa-setup-svc-report.ps1',
        filters: [{ name: 'PowerShell script', extensions: ['ps1'] }],
      },
    });
    assert.equal(attempt('blob:app://msa-wizard/9c', 'msa-answers-svc-report.json').prevented, false);
    for (const url of [
      'https://example.com/x.exe',
      'blob:https://evil.example/1',
      'blob:app://other/1',
      'file:///etc/passwd',
    ]) {
      assert.deepEqual(attempt(url, 'x.json'), { prevented: true, options: null }, url);
    }
    // Only the kinds of file the app saves, even from its own blobs.
    assert.deepEqual(attempt('blob:app://msa-wizard/1', 'run.bat'), { prevented: true, options: null });
  });

  it('security helpers: trusted senders and external links', () => {
    assert.ok(isTrustedSender('app://msa-wizard/index.html'));
    assert.ok(!isTrustedSender('http://127.0.0.1/'));
    assert.ok(isAllowedExternalUrl('https://learn.microsoft.com/x'));
    for (const url of [
      'http://learn.microsoft.com/x',
      'https://learn.microsoft.com.evil.example/',
      'https://user:pw@learn.microsoft.com/',
      'javascript:alert(1)',
    ]) {
      assert.ok(!isAllowedExternalUrl(url), url);
    }
    for (const item of menuTemplate({ openExternal: async () => undefined })) assert.ok(item.label);
  });

  it('picks real mode only on Windows with a domain logon', () => {
    assert.equal(decideMode('win32', { USERDNSDOMAIN: 'CONTOSO.COM' }), 'real');
    assert.equal(decideMode('win32', {}), 'practice');
    assert.equal(decideMode('linux', { USERDNSDOMAIN: 'CONTOSO.COM' }), 'practice');
    assert.equal(decideMode('win32', { USERDNSDOMAIN: 'CONTOSO.COM', MSA_WIZARD_PRACTICE: '1' }), 'practice');
  });

  it('restarts elevated with the executable path as data', () => {
    const script = restartElevatedScript("C:\\Program Files\\MSA Wizard\\it's.exe", []).text;
    assert.equal(script, "Start-Process -FilePath 'C:\\Program Files\\MSA Wizard\\it''s.exe' -Verb RunAs");
  });
});

describe('preload bridge', () => {
  function fakeIpc() {
    const calls: unknown[][] = [];
    const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
    return {
      calls,
      listeners,
      ipc: {
        invoke: async (...args: unknown[]) => {
          calls.push(args);
          return { ok: true, value: null };
        },
        on: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) => listeners.set(channel, fn),
        removeListener: (channel: string) => listeners.delete(channel),
      },
    };
  }

  it('exposes exactly invoke and onEvent, frozen', () => {
    const bridge = createBridge(fakeIpc().ipc);
    assert.deepEqual(Object.keys(bridge).sort(), ['invoke', 'onEvent']);
    assert.ok(Object.isFrozen(bridge));
  });

  it('forwards only contract methods, on one channel', async () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc);
    for (const method of API_METHODS) await bridge.invoke(method, {} as never);
    await assert.rejects(bridge.invoke('powershell.run' as never, {} as never));
    assert.deepEqual(
      f.calls.map((c) => c[0]),
      API_METHODS.map(() => INVOKE_CHANNEL),
    );
    assert.deepEqual(
      f.calls.map((c) => c[1]),
      API_METHODS,
    );
  });

  it('delivers valid events and drops malformed ones; unsubscribe works', () => {
    const f = fakeIpc();
    const seen: unknown[] = [];
    const off = createBridge(f.ipc).onEvent((e) => seen.push(e));
    const deliver = f.listeners.get(EVENT_CHANNEL);
    deliver?.({}, { type: 'run-finished', runId: 'r', ok: true, ms: 3 });
    deliver?.({}, { type: 'evil', payload: '<img onerror>' });
    assert.deepEqual(seen, [{ type: 'run-finished', runId: 'r', ok: true, ms: 3 }]);
    off();
    assert.equal(f.listeners.has(EVENT_CHANNEL), false);
  });
});
