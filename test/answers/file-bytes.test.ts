// An answers file's bytes: UTF-8 or refused with the line of the first foreign byte (never U+FFFD in the plan), too
// large refused from the size alone; and what a message or a terminal shows of typed text (printable, terminalText).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answersFileText, answersFileTooLarge, firstNonUtf8Byte } from '../../electron/common/answers/file-bytes.js';
import { MAX_ANSWERS_BYTES } from '../../electron/common/answers/limits.js';
import { asciiEscaped, printable, terminalText } from '../../electron/common/unicode.js';
import { mulberry32 } from '../../electron/lab/seeded.js';

/** Seeded: the same bytes every run. */
function bytesOf(seed: number, length: number): Uint8Array {
  const next = mulberry32(seed);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const r = next();
    // Mostly ASCII and well-formed lead/continuation bytes, so that valid and invalid files both occur.
    out[i] = r % 4 === 0 ? 0x41 + (r % 26) : r % 256;
  }
  return out;
}

const isUtf8 = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe('answers file bytes', () => {
  it('finds the first byte that is not UTF-8 exactly where the platform decoder refuses', () => {
    let valid = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const bytes = bytesOf(seed, 1 + (seed % 12));
      const at = firstNonUtf8Byte(bytes);
      assert.equal(at === -1, isUtf8(bytes), `seed ${seed}: ${Buffer.from(bytes).toString('hex')}`);
      if (at === -1) valid++;
      else assert.ok(isUtf8(bytes.subarray(0, at)), `seed ${seed}: the bytes before ${at} are UTF-8`);
    }
    assert.ok(valid > 100, `${valid} valid samples`);
    // Overlong forms, surrogates, past U+10FFFF and a cut-off sequence.
    for (const hex of ['c0af', 'e080af', 'eda080', 'f4908080', 'f5', 'e282']) {
      assert.equal(firstNonUtf8Byte(Buffer.from(`41${hex}`, 'hex')), 1, hex);
    }
    assert.equal(firstNonUtf8Byte(Buffer.from('Pe\u00f1a \u2019 \u{1F600}', 'utf8')), -1);
  });

  it('refuses a "Peña" saved as ANSI with its line and column, and what to do', () => {
    const read = answersFileText(Buffer.from('{\n  "plan": {\n    "description": "Pe\u00f1a"', 'latin1'));
    assert.equal(read.ok, false);
    assert.match(
      read.ok ? '' : read.message,
      /^The file is not UTF-8 text: byte 0xF1 at line 3, column 23 is not UTF-8 .*Save it as UTF-8/,
    );
  });

  it('counts the column in characters, a byte-order mark and earlier letters included', () => {
    const read = answersFileText(Buffer.concat([Buffer.from('\uFEFF{"d": "\u00e9\u00e9 ', 'utf8'), Buffer.of(0xf1)]));
    assert.match(read.ok ? '' : read.message, /byte 0xF1 at line 1, column 11 is not UTF-8/);
  });

  it('names UTF-16 (what Out-File and > write in Windows PowerShell), with or without its byte-order mark', () => {
    for (const bytes of [
      Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from('{"version": 1}', 'utf16le')]),
      Buffer.from('{"version": 1}', 'utf16le'),
    ]) {
      const read = answersFileText(bytes);
      assert.match(read.ok ? '' : read.message, /^The file is UTF-16 text .*Save it as UTF-8/);
    }
  });

  it('reads UTF-8 with or without a byte-order mark', () => {
    const text = '{"description": "Pe\u00f1a"}';
    assert.deepEqual(answersFileText(Buffer.from(text, 'utf8')), { ok: true, text });
    assert.deepEqual(answersFileText(Buffer.from(`\uFEFF${text}`, 'utf8')), { ok: true, text });
  });

  it('refuses a file larger than an answers file from its size', () => {
    assert.equal(answersFileTooLarge(MAX_ANSWERS_BYTES), null);
    assert.match(answersFileTooLarge(MAX_ANSWERS_BYTES + 1) ?? '', /has 1048577 bytes; an answers file has at most/);
    const read = answersFileText(new Uint8Array(MAX_ANSWERS_BYTES + 1).fill(0x20));
    assert.equal(read.ok, false);
  });
});

describe('typed text in messages and on the terminal', () => {
  it('shows control characters escaped: ESC, CR, BEL, DEL, C1, line separators, bidirectional controls', () => {
    assert.equal(
      printable('a\u001b[2J\rb\u0007\u007f\u009b\u2028\u202e\tc\n'),
      'a\\u001b[2J\\u000db\\u0007\\u007f\\u009b\\u2028\\u202e\\u0009c\\u000a',
    );
    assert.equal(
      terminalText('line 1\n\tline 2\u001b]0;title\u0007\r'),
      'line 1\n\tline 2\\u001b]0;title\\u0007\\u000d',
    );
    assert.equal(printable('Pe\u00f1a \u2019 \u{1F600}'), 'Pe\u00f1a \u2019 \u{1F600}');
    assert.equal(asciiEscaped('Pe\u00f1a\n\u{1F600}'), 'Pe\\u00f1a\\u000a\\ud83d\\ude00');
  });
});
