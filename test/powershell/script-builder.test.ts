// The builder's rules, and that every kind of value binds as intended in both argument and expression position.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  joinScripts,
  jsonPayload,
  ps,
  psLiteral,
  psValue,
  UnsafeValueError,
} from '../../electron/common/powershell/script.js';
import { testSession } from '../helpers/pwsh.js';

describe('psLiteral', () => {
  it('doubles the ASCII apostrophe and each of the four curly single quotes', () => {
    assert.equal(psLiteral("it's"), "'it''s'");
    assert.equal(psLiteral('\u2018\u2019\u201A\u201B'), "'\u2018\u2018\u2019\u2019\u201A\u201A\u201B\u201B'");
    assert.equal(psLiteral('$(x) `n "y"'), '\'$(x) `n "y"\'');
  });

  it('refuses text that cannot be written as UTF-8', () => {
    assert.throws(() => psLiteral('bad \uD800 surrogate'), UnsafeValueError);
    assert.throws(() => psLiteral('\uDC00'), UnsafeValueError);
    assert.equal(psLiteral('😀'), "'😀'");
  });
});

describe('psValue', () => {
  it('writes booleans, null, numbers and dates as PowerShell expects', () => {
    assert.equal(psValue(true), '$true');
    assert.equal(psValue(false), '$false');
    assert.equal(psValue(null), '$null');
    assert.equal(psValue(42), '42');
    assert.equal(psValue(-7), '(-7)');
    assert.equal(psValue(0.1), "([double]'0.1')");
    assert.match(psValue(new Date('2026-11-25T12:05:00Z')), /^\(\[datetime\]::Parse\('2026-11-25T12:05:00\.000Z', /);
  });

  it('keeps one-element arrays as arrays and quotes hashtable keys', () => {
    assert.equal(psValue(['a']), "@(,'a')");
    assert.equal(psValue([]), '@()');
    assert.equal(psValue({ "o'k": 1 }), "([ordered]@{ 'o''k' = 1 })");
  });

  it('refuses values it cannot represent faithfully', () => {
    for (const bad of [NaN, Infinity, new Date('nope'), undefined, () => 1, new Map(), Symbol('s')]) {
      assert.throws(() => psValue(bad as never), UnsafeValueError);
    }
    assert.throws(() => psValue(jsonPayload(undefined)), UnsafeValueError);
  });

  it('encodes JSON payloads as base64 only', () => {
    const text = psValue(jsonPayload({ evil: "'); Stop-Computer; ('" }));
    assert.match(text, /^\(ConvertFrom-MsaJson '[A-Za-z0-9+/=]+'\)$/);
  });
});

describe('values written into comments', () => {
  it('are refused when a line break would end a line comment, or #> a block comment', () => {
    assert.throws(() => ps`# Create ${'svc\nRemove-ADUser x'}`, UnsafeValueError);
    assert.throws(() => ps`Get-Date # note ${'a\rb'}`, UnsafeValueError);
    assert.throws(() => ps`<# about ${'x #> Stop-Computer <#'} #>`, UnsafeValueError);
  });

  it('are fine when they cannot leave the comment, and line breaks are fine in code', () => {
    assert.equal(ps`# Create ${'svc-web'}`.text, "# Create 'svc-web'");
    assert.equal(ps`<# ${'a\nb'} #>`.text, "<# 'a\nb' #>");
    assert.equal(ps`Write-Output ${'a\nb'} # done`.text, "Write-Output 'a\nb' # done");
  });
});

describe('script builder in real pwsh', () => {
  const session = testSession();
  after(() => session.dispose());

  const values = {
    text: "it's \u2019 $(x)",
    negative: -7,
    fraction: 0.1,
    big: 9007199254740991,
    yes: true,
    no: false,
    nothing: null,
    one: ['only'],
    many: ['a', 'b', 'c'],
    nested: [[1, 2], [3]],
    table: { name: 'n', list: ['x'], inner: { deep: 1 } },
  } as const;

  for (const [name, value] of Object.entries(values)) {
    it(`binds ${name} the same as an argument and as an expression`, async () => {
      const [asArgument, asExpression] = await session.run(
        // A parameter binds the argument exactly; `,$Value` writes it out without unrolling arrays.
        ps`function Out-Arg { param($Value) , $Value }; Out-Arg ${value}; Out-Arg -Value (${value})`,
      );
      assert.deepEqual(asArgument, value);
      assert.deepEqual(asExpression, value);
    });
  }

  it('passes dates as the same instant, with UTC kind', async () => {
    const when = new Date('2026-11-25T12:05:00.123Z');
    const [iso, kind] = await session.run(ps`$d = ${when}; $d; $d.Kind`);
    assert.equal(iso, '2026-11-25T12:05:00.1230000Z');
    assert.equal(kind, 'Utc');
  });

  it('passes hashtables that splat as parameters', async () => {
    const [out] = await session.run(
      ps`$p = ${{ Object: 'x', Separator: '-' }}; Write-Host @p -NoNewline 6>&1 | ForEach-Object { [string]$_ }`,
    );
    assert.equal(out, 'x');
  });

  it('joins scripts line by line', async () => {
    const joined = joinScripts([ps`${'a'}`, ps`${'b'}`]);
    assert.deepEqual(await session.run(joined), ['a', 'b']);
  });
});
