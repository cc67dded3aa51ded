// Live output as a transcript an admin reads: what ran (`PS> New-ADGroup -Name 'gMSA-Web-Hosts' ...`, the step's
// main command line found in the script it ran, or in words for the core's own reads) and then what it said, in
// words. Never the core's method names ('runs.step:group', 'checks.run') nor the envelope's JSON.
import type { RunInfo } from '../api/contract';

/** The core's own operations in words (a step's and an undo's are named by their step). */
const OPERATION_WORDS: Readonly<Record<string, string>> = {
  'checks.run': 'Health check: reading the domain, the KDS root key and this computer',
  'checks.fix': 'Applying a fix',
  'environment.probe': 'Reading this computer and its domain',
  'directory.search': 'Searching the directory',
  'directory.checkName': 'Checking the name in the directory',
  'directory.checkSpns': 'Checking the service principal names',
  'host.items': 'Reading the computer’s tasks, services and app pools',
  'host.testPath': 'Checking the path on the computer',
  'runs.start': 'Reading what of the plan exists already',
  'runs.setWorkload': 'Reading what the workload’s computer has already',
  'discover.run': 'Finding what runs as user accounts',
  'discover.adopt': 'Reading the old account’s rights on its jobs’ files',
};

const LONGEST = 240;
const CMDLET = /^(?:\$[\w:]+\s*=\s*)?[A-Z][A-Za-z]+-[A-Z][A-Za-z0-9]+(?:\s|$)/;

/** The script's lines outside its `#region Helpers` ... `#endregion` block, trimmed, without blanks or comments. */
function ownLines(script: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const raw of script.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^#region\b.*helpers/i.test(line)) depth += 1;
    else if (depth > 0 && /^#region\b/i.test(line)) depth += 1;
    else if (depth > 0 && /^#endregion\b/i.test(line)) depth -= 1;
    else if (depth === 0 && line !== '' && !line.startsWith('#')) out.push(line);
  }
  return out;
}

/**
 * The line of `script` an admin would have typed: the one that runs `command` (the step's main cmdlet) when given,
 * else the first cmdlet call outside the helpers; null when there is none. Long lines end in an ellipsis.
 */
export function commandLine(script: string, command = ''): string | null {
  const lines = ownLines(script);
  const runs = (l: string) => new RegExp(`(^|[^\\w-])${command.replace(/[^\w-]/g, '')}(\\s|'|$)`, 'i').test(l);
  const hit =
    (command === '' ? undefined : (lines.find((l) => l.startsWith(command)) ?? lines.find(runs))) ??
    lines.find((l) => CMDLET.test(l));
  if (hit === undefined) return null;
  // What an admin types: the command, not the variable the script keeps its answer in.
  const typed = hit.replace(/^\$[\w:]+\s*=\s*(?=[A-Z][A-Za-z]+-[A-Z])/, '');
  return typed.length > LONGEST ? `${typed.slice(0, LONGEST - 1)}…` : typed;
}

/** What a run was, in a transcript: a comment line in words and, when one is found, the `PS>` line. */
export function transcriptHeader(
  operation: string,
  script: string,
  run: RunInfo | null,
): { readonly what: string; readonly command: string | null } {
  const [method, stepId] = operation.split(':');
  const step = stepId === undefined ? undefined : run?.steps.find((s) => s.id === stepId);
  if (method === 'runs.step') {
    return { what: step?.title ?? 'A setup step', command: commandLine(script, step?.command ?? '') };
  }
  if (method === 'runs.undo') {
    return { what: `Undo: ${step?.title ?? 'a setup step'}`, command: commandLine(script) };
  }
  return { what: OPERATION_WORDS[method ?? ''] ?? 'PowerShell', command: null };
}

/**
 * An output line in words: the envelope's data is JSON (the core's answer); its `message`, when it has one, is what
 * the admin reads, and otherwise nothing (the ending line says how it went). Other lines are PowerShell's own words.
 */
export function outputWords(stream: string, text: string): string | null {
  if (stream !== 'output') return text;
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data === 'string') return data;
    if (typeof data === 'object' && data !== null) {
      const message = (data as { message?: unknown }).message;
      return typeof message === 'string' && message !== '' ? message : null;
    }
    return null;
  } catch {
    return text;
  }
}
