// --lab-dir DIR and --scenario NAME, read the same way by check, apply and lab exec: DIR holds a lab (created from
// NAME when it has none; a lab made from another scenario is refused, never overwritten), NAME alone is a new
// temporary lab, neither is this machine.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLab, LabError, readLab } from '../lab/lab.js';
import { STATE_FILE } from '../lab/state.js';

/** Makes sure `dir` holds a lab from `scenario`: created when `dir` has none (if `create`), refused when made from another. */
export function ensureLab(dir: string, scenario: string, create = true): void {
  if (!existsSync(path.join(dir, STATE_FILE))) {
    if (create) createLab(dir, scenario);
    return;
  }
  const made = readLab(dir).scenario;
  if (made !== scenario) {
    throw new LabError(
      `the lab in ${dir} was made from scenario '${made}', not '${scenario}'; drop --scenario or use another --lab-dir`,
    );
  }
}

/** Where a command runs. `temp`: a lab made for this command only, to remove (rmSync) when it is done. */
export interface LabChoice {
  readonly dir: string | undefined;
  readonly temp: string | undefined;
}

/**
 * The lab a command runs against (`dir` undefined: this machine). `create` false (a dry run) makes nothing: a
 * missing lab stays missing and no temporary lab is made.
 */
export function chooseLab(
  command: string,
  dirOption: string | undefined,
  scenario: string | undefined,
  create = true,
): LabChoice {
  if (scenario === undefined) {
    if (dirOption !== undefined) readLab(dirOption); // says "no lab folder …" / "no lab in …" before anything runs
    return { dir: dirOption, temp: undefined };
  }
  if (dirOption !== undefined) {
    ensureLab(dirOption, scenario, create);
    return { dir: dirOption, temp: undefined };
  }
  if (!create) return { dir: undefined, temp: undefined };
  const temp = mkdtempSync(path.join(tmpdir(), `msa-wizard-${command}-${scenario.replace(/[^\w-]/g, '_')}-`));
  try {
    createLab(temp, scenario);
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    throw err;
  }
  return { dir: temp, temp };
}
