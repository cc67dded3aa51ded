// A script split into its own code and its `#region <title>` ... `#endregion` blocks, so the PowerShell panel can show
// the step's commands first and fold the shared helpers (issue 16: "the preview reads like PowerShell"), and tests can
// ask what an admin sees before unfolding anything. Pure text work: the script itself is never changed, and the
// parts put back together are the script, byte for byte (Copy and the exported script stay exactly what runs).

/** Code outside every region, as written. */
export interface CodePart {
  kind: 'code';
  text: string;
}

/** One outermost `#region` block, from its `#region` line through its `#endregion` line (nested regions stay inside). */
export interface RegionPart {
  kind: 'region';
  /** The words after `#region` ('' when there are none), e.g. 'Helpers'. */
  title: string;
  /** The block as written: the `#region` line, the body, the `#endregion` line. */
  text: string;
  /** Lines between the two marker lines: what "Show helpers (N lines)" counts. */
  lineCount: number;
}

export type ScriptPart = CodePart | RegionPart;

// PowerShell's own folding markers: `#region` / `#endregion` at the start of a line (after indentation), any case.
const REGION_START = /^[ \t]*#region\b[ \t]*(.*?)[ \t]*$/i;
const REGION_END = /^[ \t]*#endregion\b/i;

/** The script's lines, each with its own line ending (the last one may have none). */
function linesOf(script: string): string[] {
  return script.split(/(?<=\n)/).filter((line) => line !== '');
}

function withoutEnding(line: string): string {
  return line.replace(/\r?\n$/, '');
}

/** Splits a script into code and outermost regions. A `#region` with no matching `#endregion` is left as code (an
 *  editor would not fold it either), and so is a stray `#endregion`. Joining every part's text gives the script back. */
export function splitRegions(script: string): ScriptPart[] {
  const lines = linesOf(script);
  const parts: ScriptPart[] = [];
  let code = '';
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const start = REGION_START.exec(withoutEnding(line));
    const end = start === null ? -1 : matchingEnd(lines, i);
    if (start === null || end === -1) {
      code += line;
      i += 1;
      continue;
    }
    if (code !== '') parts.push({ kind: 'code', text: code });
    code = '';
    parts.push({
      kind: 'region',
      title: start[1] ?? '',
      text: lines.slice(i, end + 1).join(''),
      lineCount: end - i - 1,
    });
    i = end + 1;
  }
  if (code !== '') parts.push({ kind: 'code', text: code });
  return parts;
}

/** The index of the `#endregion` line that closes the region opened at `open`, counting nested regions; -1 if none. */
function matchingEnd(lines: readonly string[], open: number): number {
  let depth = 0;
  for (let i = open; i < lines.length; i += 1) {
    const line = withoutEnding(lines[i] as string);
    if (REGION_START.test(line)) depth += 1;
    else if (REGION_END.test(line)) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** The script as the panel first shows it: every region collapsed to its one `#region` line (the line ending the
 *  block had is kept, so a region at the very end without a final newline stays without one). */
export function visibleText(script: string): string {
  return splitRegions(script)
    .map((part) => (part.kind === 'code' ? part.text : collapsed(part)))
    .join('');
}

function collapsed(region: RegionPart): string {
  const lines = linesOf(region.text);
  const first = withoutEnding(lines[0] as string);
  const last = lines[lines.length - 1] as string;
  return first + last.slice(withoutEnding(last).length);
}
