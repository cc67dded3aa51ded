// Shared by the remote-host tests: the web farm's answers (an app pool on WEB01 and WEB02, a task on WEB01; the
// wizard on WEB01), the journal's records, the lab state without what undo cannot put back, and the lab console's
// switch for WEB02's remoting.
import { readFileSync } from 'node:fs';
import { parseAnswersText } from '../../electron/common/answers/answers-schema.js';
import type { JournalRecord } from '../../electron/common/runs/journal.js';
import type { LabState } from '../../electron/lab/state.js';
import type { SharedLab } from '../checks/lab-session.js';
import { labState } from '../helpers/lab.js';

export const FARM_PLAN = parseAnswersText(readFileSync('assets/examples/gmsa-web-farm.json', 'utf8')).input;
export const GMSA = 'CONTOSO\\svc-web$';

/** A run's journal, record by record. */
export const journalRecords = (file: string): JournalRecord[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as JournalRecord);

/**
 * The lab state as "before the run" means it: undo's identity change recycles a pool (WAS starts a new worker
 * process), so its worker-process count is left out.
 */
export function comparableState(dir: string): LabState {
  const state = labState(dir);
  for (const host of Object.values(state.hosts)) {
    for (const pool of host.iis?.appPools ?? []) delete (pool as { workerProcessStarts?: number }).workerProcessStarts;
  }
  return state;
}

/** Sets WEB02's WinRM as the lab models it (Stopped, Unreachable, or Enabled for `allowed` only); null: as installed. */
export async function setWeb02Remoting(
  lab: SharedLab,
  remoting: { winrm: 'Enabled' | 'Stopped' | 'Unreachable'; allowed?: string[] } | null,
): Promise<void> {
  if (remoting === null) {
    await lab.console(`Update-LabState -Script { param($s) $s.hosts['WEB02'].Remove('remoting') } | Out-Null`);
    return;
  }
  const allowed =
    remoting.allowed === undefined ? '' : `; allowed = @(${remoting.allowed.map((a) => `'${a}'`).join(', ')})`;
  await lab.console(
    `Update-LabState -Script { param($s) $s.hosts['WEB02']['remoting'] = @{ winrm = '${remoting.winrm}'${allowed} } } | Out-Null`,
  );
}
