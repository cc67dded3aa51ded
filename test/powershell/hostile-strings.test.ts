// Every hostile string goes through the script builder into a script; pwsh's own parser must see exactly the
// intended commands, and running the script must echo the value back unchanged. Zero failures allowed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { jsonPayload, ps, type PsScript } from '../../electron/common/powershell/script.js';
import type { PowerShellSession } from '../../electron/common/powershell/session.js';
import { hostileStrings } from './hostile-corpus.js';
import { b64, testSession, trusted } from '../helpers/pwsh.js';
import { LITERAL_SHAPE_TYPE } from '../helpers/ps-literal-shape.js';

interface ParsedShape {
  parseErrors: number;
  commands: string[];
  statements: number;
  /** Per statement: the argument's AST type, and its value when it is a data literal (ps-literal-shape.ts). */
  args: { ast: string; literal: string | null }[];
  expandable: number;
  variables: string[];
}

/** Parses many scripts in one request and describes each one's AST. */
async function parseAll(session: PowerShellSession, scripts: readonly PsScript[]): Promise<ParsedShape[]> {
  const list = scripts.map((s) => `'${b64(s.text)}'`).join(',');
  const checker = trusted(`${LITERAL_SHAPE_TYPE}
    $A = [System.Management.Automation.Language.Ast]
    foreach ($encoded in @(${list})) {
      $text = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($encoded))
      $tokens = $null; $errs = $null
      $ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$tokens, [ref]$errs)
      $commands = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true) |
        ForEach-Object { $_.GetCommandName() })
      $args = @($ast.EndBlock.Statements | ForEach-Object {
        $arg = $_.PipelineElements[0].CommandElements[1]
        [ordered]@{ ast = $arg.GetType().Name; literal = [MsaShape]::Literal($arg) }
      })
      [ordered]@{
        parseErrors = $errs.Count
        commands = $commands
        statements = $ast.EndBlock.Statements.Count
        args = $args
        expandable = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.ExpandableStringExpressionAst] -or $n -is [System.Management.Automation.Language.SubExpressionAst] }, $true)).Count
        variables = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.VariableExpressionAst] }, $true) | ForEach-Object { $_.VariablePath.UserPath })
      }
    }`);
  return (await session.run(checker)) as ParsedShape[];
}

const corpus = hostileStrings(1000);

describe('script builder against hostile strings (real pwsh)', () => {
  let session: PowerShellSession;
  before(() => {
    session = testSession();
  });
  after(() => session.dispose());

  it('has at least 1000 strings, each curly single quote among them', () => {
    assert.ok(corpus.length >= 1000);
    for (const q of ["'", '\u2018', '\u2019', '\u201A', '\u201B']) assert.ok(corpus.some((s) => s.includes(q)));
  });

  it('pwsh parses each literal pair as exactly two Write-Output commands with data literals', async () => {
    // Pair each value with its neighbour: one value's tail must not reach into the next.
    const scripts = corpus.map((v, n) => ps`Write-Output ${v}; Write-Output ${corpus[(n + 1) % corpus.length] ?? ''}`);
    const failures: string[] = [];
    for (let start = 0; start < scripts.length; start += 200) {
      const shapes = await parseAll(session, scripts.slice(start, start + 200));
      shapes.forEach((shape, k) => {
        const n = start + k;
        const expected = [corpus[n], corpus[(n + 1) % corpus.length]];
        const ok =
          shape.parseErrors === 0 &&
          shape.statements === 2 &&
          shape.commands.join('|') === 'Write-Output|Write-Output' &&
          shape.expandable === 0 &&
          shape.variables.length === 0 &&
          shape.args.every((a, j) => a.literal === expected[j]);
        if (!ok)
          failures.push(`#${n} ${JSON.stringify(corpus[n]?.slice(0, 60))}: ${JSON.stringify(shape).slice(0, 300)}`);
      });
    }
    assert.deepEqual(failures, []);
  });

  it('running each literal echoes the value back byte-identical', async () => {
    const failures: string[] = [];
    for (const [n, value] of corpus.entries()) {
      const envelope = await session.invoke(ps`Write-Output ${value}`);
      if (!envelope.ok || envelope.data.length !== 1 || envelope.data[0] !== value) {
        failures.push(`#${n} ${JSON.stringify(value.slice(0, 60))} -> ${JSON.stringify(envelope).slice(0, 300)}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('JSON payloads parse to the decode call only and echo back byte-identical', async () => {
    const scripts = corpus.map((v) => ps`Write-Output ${jsonPayload({ value: v, list: [v] })}`);
    const shapes = await parseAll(session, scripts.slice(0, 300));
    for (const shape of shapes) {
      assert.equal(shape.parseErrors, 0);
      assert.deepEqual(shape.commands, ['Write-Output', 'ConvertFrom-MsaJson']);
      assert.equal(shape.variables.length, 0);
    }
    const failures: string[] = [];
    for (const [n, value] of corpus.entries()) {
      const envelope = await session.invoke(scripts[n] as PsScript);
      const echoed = envelope.data[0] as { value?: unknown; list?: unknown } | undefined;
      if (!envelope.ok || echoed?.value !== value || JSON.stringify(echoed.list) !== JSON.stringify([value])) {
        failures.push(`#${n} ${JSON.stringify(value.slice(0, 60))} -> ${JSON.stringify(envelope).slice(0, 300)}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('arrays and hashtables of hostile strings arrive intact, one-element arrays included', async () => {
    const sample = corpus.slice(0, 120);
    const [array, single, table] = await session.run(
      ps`Write-Output -NoEnumerate ${sample}; Write-Output -NoEnumerate ${[sample[3] ?? '']}; ${{ a: sample[5] ?? '', 'b\u2019c': sample[6] ?? '' }}`,
    );
    assert.deepEqual(array, sample);
    assert.deepEqual(single, [sample[3]]);
    assert.deepEqual(table, { a: sample[5], 'b\u2019c': sample[6] });
  });
});
