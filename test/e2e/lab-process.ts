// The wizard's core in a process of its own (`npm run lab` on a prebuilt renderer), so a test can kill it the way
// a crash would — SIGKILL to the whole process group: tsx, node and the pwsh engine — and start it again on the same
// lab and journal.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface CoreProcess {
  /** The page to open (carries the per-launch token). */
  readonly url: string;
  /** Kills the process group without warning, as a crash or Task Manager would; resolves when it is gone. */
  kill(): Promise<void>;
}

export function startCoreProcess(labDir: string, rendererDir: string): Promise<CoreProcess> {
  const tsx = path.join('node_modules', '.bin', 'tsx');
  const child: ChildProcess = spawn(
    tsx,
    [path.join('scripts', 'lab.ts'), '--lab-dir', labDir, '--renderer-dir', rendererDir],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`the core did not start in 60 s: ${out}${err}`)), 60_000);
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone already
      }
      reject(error);
    };
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Open: (http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(out)?.[1];
      if (url === undefined || settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        url,
        async kill() {
          if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            return; // the group is gone already
          }
          await exited;
        },
      });
    });
    child.once('exit', (code) => fail(new Error(`the core exited (${code}) before it started: ${out}${err}`)));
  });
}
