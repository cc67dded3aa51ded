// Labs for tests: a fresh lab directory per test from a named scenario, and a real pwsh session bound to it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLab, labSessionOptions, type LabSessionContext } from '../../electron/lab/lab.js';
import { PsScript } from '../../electron/common/powershell/script.js';
import type { PowerShellSession } from '../../electron/common/powershell/session.js';
import { STATE_FILE, type LabState } from '../../electron/lab/state.js';
import { testSession } from './pwsh.js';

/** A new lab directory (under the OS temp folder) created from `scenario`. */
export function newLab(scenario = 'healthy'): string {
  const dir = mkdtempSync(path.join(tmpdir(), `msa-lab-${scenario}-`));
  createLab(dir, scenario);
  return dir;
}

/** lab-state.json as text, for "nothing changed" (byte-identical) checks. */
export const labStateText = (dir: string): string => readFileSync(path.join(dir, STATE_FILE), 'utf8');

/** The lab's state as its file holds it (readLab also merges the hosts' Kerberos tickets). */
export const labState = (dir: string): LabState => JSON.parse(labStateText(dir)) as LabState;

/** A PowerShell session in practice mode on the lab in `dir`. Dispose it when done. */
export function labSession(dir: string, context: LabSessionContext = {}): PowerShellSession {
  return testSession(labSessionOptions(dir, context));
}

/** Runs PowerShell in a lab's console, as another admin (or the host itself) would act on it meanwhile. */
export async function labConsole(labDir: string, script: string): Promise<void> {
  const session = labSession(labDir);
  try {
    await session.run(PsScript.fromTrustedSource(script));
  } finally {
    await session.dispose();
  }
}

/** For labConsole: WEB01's first task is still running, as a long report would be (LastTaskResult 0x41301). */
export const TASK_STILL_RUNNING =
  "Update-LabState -Script { param($s) $t = $s.hosts['WEB01'].tasks[0]; $t.state = 'Running'; $t.lastTaskResult = 267009 } | Out-Null";
/** For labConsole: that instance ends well, now. */
export const TASK_ENDS_WELL =
  "Update-LabState -Script { param($s) $t = $s.hosts['WEB01'].tasks[0]; $t.state = 'Ready'; $t.lastTaskResult = 0; $t.lastRunTime = (Get-Date).ToUniversalTime().ToString('o') } | Out-Null";
