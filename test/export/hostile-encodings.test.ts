// The exported plan script under every code page an admin's editor or Windows PowerShell 5.1 may read it in. 5.1
// reads a .ps1 without a byte-order mark in the ANSI code page, where the UTF-8 bytes of an ordinary letter can be a
// quote (U+00D1 is C3 91; 0x91 is U+2018 in Windows-1252): text that was a literal would become code. So for over a
// thousand hostile strings (code-page traps, lookalikes, --%, the builder's corpus) in the free-text fields, the
// exported file must start with a BOM, its body must be ASCII, and its body decoded as UTF-8 and as Windows-1252,
// 1250 and 1251 must parse (pwsh's own parser) to the same code as a benign plan's: every difference inside a data
// literal, each hostile value intact in one.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseAnswersText } from '../../electron/common/answers/answers-schema.js';
import { planScriptFile } from '../../electron/common/export/plan-script.js';
import { parsePlan, type PlanInput } from '../../electron/common/plan/plan-schema.js';
import { argumentsSchema } from '../../electron/common/workloads/scheduled-task/task-schema.js';
import { descriptionSchema } from '../../electron/common/plan/plan-schema.js';
import { testSession, trusted } from '../helpers/pwsh.js';
import { LITERAL_SHAPE_TYPE } from '../helpers/ps-literal-shape.js';
import { CODE_PAGES, encodingAttacks, hostileStrings } from '../powershell/hostile-corpus.js';

const EXAMPLE = parseAnswersText(readFileSync('assets/examples/gmsa-scheduled-task.json', 'utf8')).input;

/** The example plan with its two free-text fields set: the account's description and the task's arguments. */
function planWith(description: string, args: string): PlanInput {
  const task = EXAMPLE.task as { action: Record<string, unknown> };
  return { ...EXAMPLE, description, task: { ...task, action: { ...task.action, arguments: args } } } as PlanInput;
}

/** Hostile strings each field accepts: the description takes anything up to 1024; the arguments no control chars. */
const ATTACKS = [...encodingAttacks(), ...hostileStrings(300)];
const DESCRIPTIONS = ATTACKS.filter((s) => s.trim() !== '' && descriptionSchema.safeParse(s).success);
const ARGUMENTS = ATTACKS.filter((s) => s.trim() !== '' && argumentsSchema.safeParse(s).success);

interface Exported {
  /** The file as handed out: BOM, then the body. */
  readonly bytes: Buffer;
  /** What the plan carries, as the script must: the description and the task action's arguments. */
  readonly expected: readonly string[];
}

function exported(description: string, args: string): Exported {
  const input = planWith(description, args);
  const plan = parsePlan(input);
  const action = (plan.workloads[0]?.settings as { action?: { arguments?: string } } | undefined)?.action;
  return {
    bytes: Buffer.from(planScriptFile(plan, { input }), 'utf8'),
    expected: [plan.description, action?.arguments ?? ''],
  };
}

const session = testSession();
after(() => session.dispose());

interface ShapeReport {
  file: string;
  errors: string[];
  same: boolean;
  firstDifference: string | null;
  missing: string[];
}

/**
 * Parses every file in `dir` (UTF-8 text) with pwsh and compares its shape with baseline.ps1's: the code tokens, each
 * data literal as one token. Also reports which of each file's expected values no data literal contains.
 */
async function shapes(dir: string, expected: Record<string, readonly string[]>): Promise<ShapeReport[]> {
  writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(expected));
  const script = trusted(`${LITERAL_SHAPE_TYPE}
$dir = '${dir}'
$base = [MsaShape]::Shape([IO.File]::ReadAllText((Join-Path $dir 'baseline.ps1')))
if ($base['errors'].Length -gt 0) { throw ('the baseline does not parse: ' + ($base['errors'] -join ', ')) }
$baseLines = $base['shape'] -split [char]10
$expected = [IO.File]::ReadAllText((Join-Path $dir 'expected.json')) | ConvertFrom-Json
foreach ($entry in $expected.PSObject.Properties) {
    $r = [MsaShape]::Shape([IO.File]::ReadAllText((Join-Path $dir $entry.Name)))
    $same = $r['shape'] -ceq $base['shape']
    $difference = $null
    if (-not $same) {
        $lines = $r['shape'] -split [char]10
        for ($i = 0; $i -lt [Math]::Max($lines.Length, $baseLines.Length); $i++) {
            if ($lines[$i] -cne $baseLines[$i]) { $difference = 'token ' + $i + ': ' + $lines[$i] + ' (baseline: ' + $baseLines[$i] + ')'; break }
        }
    }
    $values = $r['values']
    [ordered]@{
        file = $entry.Name
        errors = @($r['errors'])
        same = $same
        firstDifference = $difference
        missing = @(@($entry.Value) | Where-Object { $v = $_; -not @($values | Where-Object { $_.Contains($v) }).Count })
    }
}`);
  return (await session.run(script, { timeoutMs: 600_000 })) as ShapeReport[];
}

describe('the exported script read in any code page', () => {
  it('over a thousand hostile strings: a BOM, an ASCII body, and the same code as a benign plan in UTF-8, 1252, 1250 and 1251', async () => {
    const hostile = new Set([...DESCRIPTIONS, ...ARGUMENTS]);
    assert.ok(hostile.size >= 1000, `only ${hostile.size} hostile strings`);
    const dir = mkdtempSync(path.join(tmpdir(), 'msa-encodings-'));
    writeFileSync(path.join(dir, 'baseline.ps1'), exported('Runs the nightly report', '-Verbose').bytes.subarray(3));

    const problems: string[] = [];
    const expected: Record<string, readonly string[]> = {};
    const seen = new Map<string, string>(); // decoded text -> file: identical texts are parsed once
    let decodings = 0;
    const count = Math.max(DESCRIPTIONS.length, ARGUMENTS.length);
    for (let n = 0; n < count; n++) {
      const { bytes, expected: values } = exported(
        DESCRIPTIONS[n % DESCRIPTIONS.length] ?? '',
        ARGUMENTS[n % ARGUMENTS.length] ?? '',
      );
      if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) problems.push(`#${n}: no byte-order mark`);
      const body = bytes.subarray(3);
      const wide = body.findIndex((b) => b > 0x7f);
      if (wide >= 0)
        problems.push(
          `#${n}: a byte past ASCII at ${wide}: ${JSON.stringify(body.subarray(wide - 20, wide + 20).toString('latin1'))}`,
        );
      for (const encoding of ['utf-8', ...CODE_PAGES]) {
        const text = new TextDecoder(encoding).decode(body);
        decodings += 1;
        if (seen.has(text)) continue;
        const file = `${n}-${encoding}.ps1`;
        seen.set(text, file);
        writeFileSync(path.join(dir, file), text);
        expected[file] = values;
      }
    }
    assert.deepEqual(problems.slice(0, 10), []);

    const reports = await shapes(dir, expected);
    assert.equal(reports.length, seen.size);
    const failures = reports
      .filter((r) => r.errors.length > 0 || !r.same || r.missing.length > 0)
      .map(
        (r) =>
          `${r.file}: errors ${r.errors.join(',')}; ${r.firstDifference ?? 'same code'}; missing ${JSON.stringify(r.missing).slice(0, 120)}`,
      );
    assert.deepEqual(
      failures.slice(0, 10),
      [],
      `${failures.length} of ${reports.length} distinct texts (${decodings} decodings)`,
    );
  });
});
