// Labs for tests: a fresh lab directory per test from a named scenario, and a real pwsh session bound to it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLab, labSessionOptions, type LabSessionContext } from '../../electron/lab/lab.js';
import type { PowerShellSession } from '../../electron/common/powershell/session.js';
import { testSession } from './pwsh.js';

/** A new lab directory (under the OS temp folder) created from `scenario`. */
export function newLab(scenario = 'healthy'): string {
  const dir = mkdtempSync(path.join(tmpdir(), `msa-lab-${scenario}-`));
  createLab(dir, scenario);
  return dir;
}

/** A PowerShell session in practice mode on the lab in `dir`. Dispose it when done. */
export function labSession(dir: string, context: LabSessionContext = {}): PowerShellSession {
  return testSession(labSessionOptions(dir, context));
}
