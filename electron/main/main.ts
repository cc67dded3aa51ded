// Entry point of the Electron main process. The only file that imports 'electron' at run time; everything it
// does lives in app.ts (testable without Electron) and in electron/common (no Electron at all).
import { app, BrowserWindow } from 'electron';
import { PowerShellSession } from '../common/powershell/session.js';
import { startApp } from './app.js';

startApp({ app, BrowserWindow }, () => new PowerShellSession());
