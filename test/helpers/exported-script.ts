// Exported plan scripts run in a lab, for "the same end state as apply" tests: the script written as the CLI writes it
// (UTF-8 with BOM) into the lab folder and run there as one lab computer, and the lab state with what differs between
// two labs whatever was done (random GUIDs, times) masked.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Envelope } from '../../electron/common/powershell/envelope.js';
import { ps } from '../../electron/common/powershell/script.js';
import { labSession } from './lab.js';

/** Writes the script as the CLI does (UTF-8 with BOM) into the lab folder and runs it there as `computer`. */
export async function runScript(dir: string, text: string, computer = 'WEB01'): Promise<Envelope> {
  const file = path.join(dir, 'plan.ps1');
  writeFileSync(file, `\uFEFF${text}`);
  const session = labSession(dir, { computer });
  try {
    return await session.invoke(ps`& ${file}`, { timeoutMs: 300_000 });
  } finally {
    await session.dispose();
  }
}

/** Random GUIDs and timestamps differ between two labs whatever was done. */
export function normalise(value: unknown): unknown {
  if (typeof value === 'string') {
    return value
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<guid>')
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?/g, '<time>')
      .replace(/^1\d{17}$/, '<filetime>');
  }
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}
