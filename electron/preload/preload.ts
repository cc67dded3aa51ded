// Preload: runs sandboxed with contextIsolation, before the page. Bundled by esbuild into one CommonJS file
// (dist/electron/preload/preload.cjs): a sandboxed preload can neither be an ES module nor require local files.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('msaWizard', createBridge(ipcRenderer));
