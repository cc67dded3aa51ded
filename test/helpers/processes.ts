// The processes of a PowerShell session, as the tests see them from outside (ps, /proc): who is a process's parent,
// what still runs below it, and a poll with a generous deadline for "until it is so" (never a fixed sleep).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

interface Row {
  readonly pid: number;
  readonly ppid: number;
  readonly zombie: boolean;
  readonly args: string;
}

function table(): Row[] {
  return execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s*(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), zombie: (m[3] ?? '').startsWith('Z'), args: m[4] ?? '' }));
}

/** Alive and not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The parent of a running process. */
export function parentOf(pid: number): number {
  const row = table().find((r) => r.pid === pid);
  if (row === undefined) throw new Error(`no process ${pid}`);
  return row.ppid;
}

/** `root` (if it runs) and every live process below it, with their command lines. */
export function liveTree(root: number): { pid: number; args: string }[] {
  const rows = table();
  const mine = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of rows) {
      if (!mine.has(r.pid) && mine.has(r.ppid)) {
        mine.add(r.pid);
        grew = true;
      }
    }
  }
  return rows.filter((r) => mine.has(r.pid) && !r.zombie).map((r) => ({ pid: r.pid, args: r.args }));
}

/** Polls `check` until it holds; fails only after `ms` (generous: the machine may be busy). */
export async function waitFor(check: () => boolean, ms = 30_000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    let held = false;
    try {
      held = check();
    } catch {
      held = false; // e.g. a file caught mid-rewrite: look again
    }
    if (held) return;
    if (Date.now() > until) throw new Error(`${what}: not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
