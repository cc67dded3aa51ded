// The processes of a PowerShell session, killed as a whole. The .NET global tool `pwsh` is a launcher that runs the
// engine as its own child, and scripts may start native tools: killing only the process we spawned would leave the
// engine (and what it started) running, still changing the directory after the session reported the request failed.
// And when the launcher is gone, the engine is no longer below it: it is found by its own pid, checked against the
// start time seen when it said hello, so a pid the system has since given to another process is never killed.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { windowsSystemPath } from './executable.js';

interface ProcessRow {
  readonly pid: number;
  readonly ppid: number;
  /** Dead, waiting for its parent to reap it: it runs no more code. */
  readonly zombie: boolean;
  /** When it started, in the system's own units: with the pid, names one process for its whole life. */
  readonly started: string;
}

const HAS_PROC = existsSync('/proc/self/stat');

/** Every process, from /proc on Linux, else from one `ps` listing. */
function processTable(): ProcessRow[] {
  if (HAS_PROC) {
    const table: ProcessRow[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const row = procRow(Number(entry));
      if (row !== undefined) table.push(row);
    }
    return table;
  }
  try {
    // lstart ("Thu Dec  4 13:27:01 2025") holds spaces: it comes last and takes the rest of the line.
    return execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,lstart='], { encoding: 'utf8', timeout: 5000 })
      .split('\n')
      .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({
        pid: Number(m[1]),
        ppid: Number(m[2]),
        zombie: (m[3] ?? '').startsWith('Z'),
        started: m[4] ?? '',
      }));
  } catch {
    return [];
  }
}

/** /proc/PID/stat: "pid (comm) state ppid ... starttime(22nd) ..."; comm may hold spaces and ')', so cut at the last ')'. */
function procRow(pid: number): ProcessRow | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), zombie: fields[0] === 'Z', started: fields[19] ?? '' };
  } catch {
    return undefined; // exited while we looked
  }
}

/** When `pid` started (see ProcessRow.started), or undefined if no such process runs. */
export function startTimeOf(pid: number): string | undefined {
  const row = HAS_PROC ? procRow(pid) : processTable().find((r) => r.pid === pid);
  return row === undefined || row.zombie ? undefined : row.started;
}

/** The roots still in `table` and every process below them. */
function treeOf(table: readonly ProcessRow[], roots: readonly number[]): number[] {
  const children = new Map<number, number[]>();
  for (const row of table) children.set(row.ppid, [...(children.get(row.ppid) ?? []), row.pid]);
  const found = new Set(roots.filter((pid) => table.some((r) => r.pid === pid)));
  const walk = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      if (found.has(child)) continue;
      found.add(child);
      walk(child);
    }
  };
  for (const root of roots) walk(root);
  return [...found];
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/**
 * Kills `roots` and every process below them (POSIX). Each is frozen (SIGSTOP) as it is found and the table read
 * again until nothing new turns up, so no process can start another between the listing and the kill; then all get
 * SIGKILL (a stopped process dies of it too). Returns the pids it signalled.
 */
export function killTree(roots: readonly number[]): number[] {
  const frozen = new Set<number>();
  for (let round = 0; round < 20; round += 1) {
    const fresh = treeOf(processTable(), roots).filter((pid) => !frozen.has(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) {
      signal(pid, 'SIGSTOP');
      frozen.add(pid);
    }
  }
  for (const pid of frozen) signal(pid, 'SIGKILL');
  return [...frozen];
}

/** How long taskkill may take before the root alone is terminated instead (a hung taskkill must not hang a request). */
const TASKKILL_LIMIT_MS = 10_000;

/**
 * Windows: taskkill each root with its tree (/T), forcibly (/F), by its absolute path (the app runs elevated: a
 * taskkill.exe in the working folder must never run). Resolves when taskkill is done, or after TASKKILL_LIMIT_MS with
 * the root terminated directly.
 */
export function killTreeWindows(roots: readonly number[]): Promise<void> {
  const taskkillExe = windowsSystemPath(['taskkill.exe']);
  return Promise.all(
    roots.map(
      (pid) =>
        new Promise<void>((resolve) => {
          const taskkill = spawn(taskkillExe, ['/PID', String(pid), '/T', '/F'], {
            windowsHide: true,
            stdio: 'ignore',
          });
          const giveUp = setTimeout(() => {
            taskkill.kill();
            signal(pid, 'SIGKILL');
            resolve();
          }, TASKKILL_LIMIT_MS);
          const done = (): void => {
            clearTimeout(giveUp);
            resolve();
          };
          taskkill.on('error', () => {
            signal(pid, 'SIGKILL');
            done();
          });
          taskkill.on('exit', done);
        }),
    ),
  ).then(() => undefined);
}

/** Resolves once none of `pids` runs any more (gone, or a zombie), or after `deadlineMs` (it never rejects). */
export async function whenGone(pids: readonly number[], deadlineMs = 10_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  let left = [...pids];
  while (left.length > 0 && Date.now() < until) {
    const table = HAS_PROC ? undefined : processTable();
    left = left.filter((pid) => {
      const row = table === undefined ? procRow(pid) : table.find((r) => r.pid === pid);
      return row !== undefined && !row.zombie;
    });
    if (left.length > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
