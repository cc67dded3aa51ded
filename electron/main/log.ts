// The main process log: one line per event in <app data>/logs/main.log. Never scripts' data or output (they can hold
// directory data), only what happened and how long it took.
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

export function fileLogger(dir: string): (line: string) => void {
  const file = path.join(dir, 'main.log');
  let ready: Promise<unknown> = mkdir(dir, { recursive: true });
  return (line) => {
    ready = ready.then(() => appendFile(file, `${new Date().toISOString()} ${line}\n`)).catch(() => undefined);
  };
}
