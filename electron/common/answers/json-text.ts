// A strict JSON reader for answers files: the same grammar as JSON.parse (RFC 8259), plus what an admin needs when a
// file is wrong: the line and column of a syntax error, duplicate keys refused (JSON.parse silently keeps the last
// one, so a file could say two things), a depth limit, and the line and column of every value by its path, so
// schema problems point into the file too. A byte-order mark (Notepad's UTF-8) is skipped.

import { printable } from '../unicode.js';

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export class JsonTextError extends Error {
  constructor(
    message: string,
    readonly position: TextPosition,
    /** The path of the value being read ([] at the top). */
    readonly path: readonly (string | number)[],
  ) {
    super(message);
    this.name = 'JsonTextError';
  }
}

export interface JsonText {
  readonly value: unknown;
  /** Where each value starts (an object member: where its key starts), by pathKey(path). */
  readonly positions: ReadonlyMap<string, TextPosition>;
}

export const pathKey = (path: readonly PropertyKey[]): string => JSON.stringify(path.map(String));

const MAX_DEPTH = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

export function parseJsonText(source: string): JsonText {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const positions = new Map<string, TextPosition>();
  let i = 0;
  const path: (string | number)[] = [];

  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) lineStarts.push(k + 1);
  const positionOf = (at: number): TextPosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - (lineStarts[lo] ?? 0) + 1 };
  };
  const fail = (message: string, at = i): never => {
    throw new JsonTextError(message, positionOf(at), [...path]);
  };
  const describe = (at: number): string =>
    at >= text.length ? 'the end of the file' : `'${printable(String.fromCodePoint(text.codePointAt(at) ?? 0))}'`;
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const expect = (what: string) => {
    if (text[i] !== what) fail(`Expected '${what}' but found ${describe(i)}.`);
    i++;
  };

  const readString = (): string => {
    expect('"');
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('This text is not closed: add the closing ".');
      if (c === '"') break;
      const code = text.charCodeAt(i);
      if (code < 0x20) fail('Write control characters (tabs, line breaks) in text as \\t, \\n.');
      if (c === '\\') {
        const e = text[i + 1] ?? '';
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Write \\u with four hexadecimal digits.');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
        const decoded = ESCAPES[e];
        if (decoded === undefined) fail(`\\${e} is not a JSON escape: write \\\\ for a backslash.`);
        out += decoded;
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
    i++;
    return out;
  };

  const readValue = (depth: number): unknown => {
    skipSpace();
    positions.set(pathKey(path), positionOf(i));
    if (depth > MAX_DEPTH) fail(`The document is nested deeper than ${MAX_DEPTH} levels.`);
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      const seen = new Map<string, TextPosition>();
      skipSpace();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        skipSpace();
        const keyAt = i;
        if (text[i] !== '"') fail(`Expected a field name in double quotes but found ${describe(i)}.`);
        const key = readString();
        const first = seen.get(key);
        if (first !== undefined) {
          fail(`The field ${key} appears twice (first on line ${first.line}): keep one.`, keyAt);
        }
        seen.set(key, positionOf(keyAt));
        skipSpace();
        expect(':');
        path.push(key);
        const value = readValue(depth + 1);
        positions.set(pathKey(path), positionOf(keyAt));
        path.pop();
        // Like JSON.parse: an own property, even for "__proto__".
        Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`Expected ',' or '}' after the value of ${key} but found ${describe(i)}.`);
      }
    }
    if (c === '[') {
      i++;
      const list: unknown[] = [];
      skipSpace();
      if (text[i] === ']') {
        i++;
        return list;
      }
      for (;;) {
        path.push(list.length);
        list.push(readValue(depth + 1));
        path.pop();
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return list;
        }
        fail(`Expected ',' or ']' in the list but found ${describe(i)}.`);
      }
    }
    if (c === '"') return readString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m !== null && m[0] !== '' && m[0] !== '-') {
      i += m[0].length;
      return Number(m[0]);
    }
    return fail(
      c === "'"
        ? 'Use double quotes for text in JSON.'
        : `Expected a value (text, number, true, false, null, {...} or [...]) but found ${describe(i)}.`,
    );
  };

  const value = readValue(0);
  skipSpace();
  if (i < text.length) fail(`Expected the end of the file but found ${describe(i)}: is a comma or a brace misplaced?`);
  return { value, positions };
}
