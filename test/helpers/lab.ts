// Labs for tests: a fresh lab directory per test from a named scenario, and a real pwsh session bound to it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { PsErrorInfo } from '../../electron/common/powershell/envelope.js';
import { classifyError, classifyErrorInfo } from '../../electron/common/powershell/errors.js';
import { ps, PsScript } from '../../electron/common/powershell/script.js';
import { PsCommandError, type PowerShellSession } from '../../electron/common/powershell/session.js';
import {
  createLab,
  LAB_MODULE_ROOT,
  LAB_RSAT_MODULE_ROOT,
  labSessionOptions,
  type LabSessionContext,
} from '../../electron/lab/lab.js';
import { STATE_FILE, type LabState } from '../../electron/lab/state.js';
import { testSession, trusted } from './pwsh.js';

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

/** A scenario's lab that one shared session is bound to for the describe block that asked for it. */
export interface BoundLab {
  dir: string;
  session: PowerShellSession;
  run(code: string): Promise<unknown[]>;
  /** Runs a script that must fail; returns its first error after checking the app classifies it the same way. */
  fail(code: string): Promise<PsErrorInfo>;
}

/**
 * One PowerShell session for a whole test file (starting one costs seconds of CPU): call at the top level, then
 * `useLab(scenario)` in each describe block re-binds the session to a fresh lab of that scenario (Initialize-LabSession,
 * as the session preamble does) before its tests run.
 */
export function sharedLabSession(): (scenario: string) => BoundLab {
  const session = labSession(newLab('healthy'));
  after(() => session.dispose());
  return (scenario) => {
    const dir = newLab(scenario);
    before(async () => {
      await session.run(
        ps`Initialize-LabSession -LabDir ${dir} -ModuleRoot ${LAB_MODULE_ROOT} -RsatModuleRoot ${LAB_RSAT_MODULE_ROOT}`,
      );
    });
    return {
      dir,
      session,
      run: async (code) => session.run(trusted(code)),
      fail: async (code) => {
        const envelope = await session.invoke(trusted(code));
        assert.equal(envelope.ok, false, `expected a failure from: ${code}`);
        const first = envelope.errors[0];
        assert.ok(first !== undefined);
        assert.equal(classifyError(new PsCommandError(envelope)), classifyErrorInfo(first));
        return first;
      },
    };
  };
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
