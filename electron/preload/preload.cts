// Preload: runs sandboxed, before the renderer, with contextIsolation. It exposes a small, fixed API and never
// ipcRenderer itself. The typed API contract and its IPC transport arrive with the app-shell issue.
// CommonJS on purpose: a sandboxed preload cannot be an ES module.
import electron = require('electron');

electron.contextBridge.exposeInMainWorld('msaWizard', Object.freeze({ transport: 'electron-ipc' as const }));
