// The lab's call log, for tests that count round trips: every lab cmdlet call (LabCore's Write-LabCall, called first by
// each generated signature) appends one JSON line to lab-calls.jsonl in the lab folder while that file exists, from
// the session and from the remote processes of Invoke-Command alike. Start it, run, read it back.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const CALL_LOG_FILE = 'lab-calls.jsonl';

/** One logged call. Invoke-Command adds one `event: 'connect'` line per host it reaches or fails to reach. */
export interface LabCall {
  /** The cmdlet, as called. */
  readonly command: string;
  /** The lab computer it ran on. */
  readonly computer: string;
  /** Whether it ran in a remote session (inside Invoke-Command -ComputerName). */
  readonly remote: boolean;
  readonly process: number;
  readonly event?: 'connect';
  /** connect: the host (its lab name when reached; as the caller spelled it when not). */
  readonly target?: string;
  /** connect, reached: how many hosts ran at that moment, this one included. */
  readonly concurrent?: number;
  /** connect, not reached: why (the reason of WinRM's FQID: AccessDenied, CannotConnect, ...). */
  readonly error?: string;
}

/** Turns the call log on (emptied) for the lab in `labDir`. */
export function startLabCallLog(labDir: string): void {
  writeFileSync(path.join(labDir, CALL_LOG_FILE), '');
}

/** Turns the call log off (its file removed). */
export function stopLabCallLog(labDir: string): void {
  rmSync(path.join(labDir, CALL_LOG_FILE), { force: true });
}

/** The calls logged since startLabCallLog, in the order they were written. */
export function readLabCalls(labDir: string): LabCall[] {
  const file = path.join(labDir, CALL_LOG_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabCall);
}

/** Calls of `command` (connect events not counted), optionally only the remote or only the local ones. */
export function countCalls(calls: readonly LabCall[], command: string, where?: { remote: boolean }): number {
  return calls.filter(
    (c) => c.command === command && c.event === undefined && (where === undefined || c.remote === where.remote),
  ).length;
}

/** The hosts Invoke-Command reached, in the order it connected to them. */
export const reachedHosts = (calls: readonly LabCall[]): string[] =>
  calls.filter((c) => c.event === 'connect' && c.error === undefined).map((c) => c.target ?? '');

/** The most hosts that ran at once in any Invoke-Command of the log (0 when none ran). */
export const maxConcurrent = (calls: readonly LabCall[]): number => Math.max(0, ...calls.map((c) => c.concurrent ?? 0));
