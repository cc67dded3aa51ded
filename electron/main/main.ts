// Entry point of the Electron main process: the only file that imports 'electron' at run time. It picks the mode,
// builds the core (PowerShell session + API) and hands everything to startApp (app.ts).
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session as electronSession, shell } from 'electron';
import { createApi } from '../common/api/handlers.js';
import { PowerShellSession } from '../common/powershell/session.js';
import { createLab, labSessionOptions } from '../lab/lab.js';
import { existsSync } from 'node:fs';
import { STATE_FILE } from '../lab/state.js';
import { startApp } from './app.js';
import { ELEVATION_MESSAGE, isElevated, restartElevatedScript } from './elevation.js';
import { fileLogger } from './log.js';
import { buildMenu } from './menu.js';
import { decideMode } from './mode.js';

const mode = decideMode(process.platform, process.env);
const log = fileLogger(app.getPath('logs'));
log(`start ${app.getVersion()} mode=${mode}`);

const labDir = path.join(app.getPath('userData'), 'lab');
// Practice runs are journaled with their lab; real runs next to the logs, per admin.
const journalDir = mode === 'real' ? path.join(app.getPath('userData'), 'journal') : path.join(labDir, 'journal');

function sessionForMode(): PowerShellSession {
  const onEvent = (e: { type: string }) => log(`powershell ${JSON.stringify(e)}`);
  if (mode === 'real') return new PowerShellSession({ onEvent });
  if (!existsSync(path.join(labDir, STATE_FILE))) createLab(labDir, 'healthy');
  return new PowerShellSession({ ...labSessionOptions(labDir), onEvent });
}

startApp(
  {
    app,
    BrowserWindow,
    ipcMain,
    protocol,
    shell,
    defaultSession: () => electronSession.defaultSession,
  },
  (emit) => {
    const session = sessionForMode();
    session.warm();
    const api = createApi({ session, mode, transport: 'electron-ipc', emit, journalDir });
    if (mode === 'real') {
      void app.whenReady().then(async () => {
        if (await isElevated(session).catch(() => true)) return;
        const choice = await dialog.showMessageBox({
          type: 'warning',
          message: ELEVATION_MESSAGE.title,
          detail: ELEVATION_MESSAGE.detail,
          buttons: [...ELEVATION_MESSAGE.buttons],
          defaultId: 0,
          cancelId: 1,
        });
        if (choice.response === 0)
          await session.run(restartElevatedScript(process.execPath, process.argv.slice(1))).catch(() => undefined);
        app.quit();
      });
    }
    return { session, api };
  },
);
void app.whenReady().then(() => Menu.setApplicationMenu(buildMenu(Menu, shell)));
