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
  it('writes printable ASCII as a single-quoted literal, doubling the apostrophe', () => {
    assert.equal(psLiteral("it's"), "'it''s'");
    assert.equal(psLiteral('$(x) `n "y"'), '\'$(x) `n "y"\'');
    assert.equal(psLiteral(''), "''");
  });

  it('writes every other character as a [char] code, so the script is ASCII', () => {
    // The curly single quotes end a single-quoted string in PowerShell: they never stand inside one.
    assert.equal(
      psLiteral('\u2018\u2019\u201A\u201B'),
      '([string][char]0x2018 + [char]0x2019 + [char]0x201A + [char]0x201B)',
    );
    assert.equal(psLiteral('PE\u00d1A'), "('PE' + [char]0x00D1 + 'A')");
    assert.equal(psLiteral("a\r\nb'"), "('a' + [char]0x000D + [char]0x000A + 'b''')");
    assert.equal(psLiteral('\u00d1'), '([string][char]0x00D1)');
    assert.equal(psLiteral('😀'), '([string][char]0xD83D + [char]0xDE00)');
    assert.match(psLiteral('x\u0000\u001b\u007f\u00a0\u2028\ufeff'), /^[\x20-\x7e]+$/);
  });

  it('refuses text that cannot be written as UTF-8', () => {
    assert.throws(() => psLiteral('bad \uD800 surrogate'), UnsafeValueError);
    assert.throws(() => psLiteral('\uDC00'), UnsafeValueError);
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
  it('are refused when #> would end a block comment', () => {
    assert.throws(() => ps`<# about ${'x #> Stop-Computer <#'} #>`, UnsafeValueError);
  });

  it('cannot end a line comment: a line break in a value is a [char] code', () => {
    assert.equal(ps`# Create ${'svc-web'}`.text, "# Create 'svc-web'");
    assert.equal(ps`# Create ${'svc\nRemove-ADUser x'}`.text, "# Create ('svc' + [char]0x000A + 'Remove-ADUser x')");
    assert.equal(ps`<# ${'a\nb'} #>`.text, "<# ('a' + [char]0x000A + 'b') #>");
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
