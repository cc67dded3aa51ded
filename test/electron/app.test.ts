// The main process against a fake Electron (never the real module): single instance, early warm-up, secure window.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startApp, windowOptions, type ElectronDeps, type WarmableSession } from '../../electron/main/app.js';

function fakeElectron(lock = true) {
  const log: string[] = [];
  const handlers = new Map<string, () => void>();
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const windows: { options: unknown; loaded: string[] }[] = [];
  const electron = {
    app: {
      requestSingleInstanceLock: () => lock,
      quit: () => log.push('quit'),
      whenReady: () => whenReady,
      on: (event: string, fn: () => void) => handlers.set(event, fn),
    },
    BrowserWindow: class {
      loaded: string[] = [];
      constructor(readonly options: unknown) {
        windows.push(this);
        log.push('window');
      }
      loadFile(file: string) {
        this.loaded.push(file);
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
  } as unknown as ElectronDeps;
  return { electron, log, handlers, ready, windows };
}

function fakeSession(log: string[]): WarmableSession {
  return { warm: () => log.push('warm'), dispose: async () => void log.push('dispose') };
}

describe('main process', () => {
  it('warms PowerShell before Electron is ready, then opens one window', async () => {
    const f = fakeElectron();
    assert.equal(
      startApp(f.electron, () => fakeSession(f.log)),
      true,
    );
    assert.deepEqual(f.log, ['warm']);
    f.ready();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(f.log, ['warm', 'window']);
    assert.match(f.windows[0]?.loaded[0] ?? '', /renderer[\\/]index\.html$/);
    f.handlers.get('second-instance')?.();
    assert.equal(f.log.at(-1), 'focus');
  });

  it('quits without starting PowerShell when another instance holds the lock', () => {
    const f = fakeElectron(false);
    assert.equal(
      startApp(f.electron, () => fakeSession(f.log)),
      false,
    );
    assert.deepEqual(f.log, ['quit']);
  });

  it('closes the PowerShell session before quitting', async () => {
    const f = fakeElectron();
    startApp(f.electron, () => fakeSession(f.log));
    f.handlers.get('window-all-closed')?.();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(f.log.slice(-2), ['dispose', 'quit']);
  });

  it('sandboxes and isolates the renderer', () => {
    const prefs = windowOptions().webPreferences;
    assert.equal(prefs?.contextIsolation, true);
    assert.equal(prefs?.sandbox, true);
    assert.equal(prefs?.nodeIntegration, false);
    assert.equal(prefs?.webSecurity, true);
    assert.equal(prefs?.webviewTag, false);
    assert.match(prefs?.preload ?? '', /preload\.cjs$/);
  });
});
