// The script builder: the only way the app makes PowerShell.
//
// The rule is simple: the template's static text is code the developers wrote; every interpolated value is data.
// `ps` turns each value into a PowerShell literal that the parser can only read as that value:
//   string  -> a single-quoted literal of printable ASCII ('' for an apostrophe). Every other character (control
//              characters, line breaks, anything past U+007E) is written as [char]0xHHHH, joined with +:
//              ('Pe' + [char]0x00F1 + 'a'). So a script is pure ASCII and means the same whatever code page reads it:
//              Windows PowerShell 5.1 reads a .ps1 without a byte-order mark as ANSI, where the UTF-8 bytes of a
//              letter such as U+00D1 (C3 91) include 0x91, the curly quote U+2018 that closes a single-quoted string.
//              (The tokenizer ends a single-quoted string at ' and at the curly quotes U+2018..U+201B; those are
//              non-ASCII, so they are always escaped, never inside a literal.)
//   number   -> a plain integer, or a culture-invariant [double] cast of JavaScript's round-trip text.
//   boolean  -> $true / $false;  null -> $null;  Date -> a round-trip ISO 8601 parse, invariant culture.
//   array    -> @(...);  plain object -> ([ordered]@{ 'key' = value }) (parenthesised: safe as an argument).
//   PsScript -> inserted as code: it was itself made by this builder.
//   jsonPayload(x) -> a base64 JSON document decoded by ConvertFrom-MsaJson (defined by the session bootstrap):
//              the right shape for large or deeply nested input.
// Anything else (undefined, NaN, functions, lone UTF-16 surrogates that cannot be written as UTF-8) is refused
// with UnsafeValueError instead of being guessed at, and so is a value written into a comment that it could leave
// (`#>` in a `<# #>` block).
//
// Never build a script by string concatenation, and never use node-powershell's template tags: they wrap values in
// double quotes, where `$(...)` runs.

import { LONE_SURROGATE } from '../unicode.js';

const SCRIPT_BRAND: unique symbol = Symbol('PsScript');

/** A PowerShell script made by this builder. Only these can be sent to the session. */
export class PsScript {
  readonly [SCRIPT_BRAND] = true;
  private constructor(readonly text: string) {}

  /** @internal Used by this module and by trusted, file-backed PowerShell (bootstrap, lab modules). */
  static fromTrustedSource(text: string): PsScript {
    return new PsScript(text);
  }

  toString(): string {
    return this.text;
  }
}

export type PsValue =
  | string
  | number
  | boolean
  | null
  | Date
  | PsScript
  | JsonPayload
  | readonly PsValue[]
  | { readonly [key: string]: PsValue };

export class UnsafeValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeValueError';
  }
}

/** What may stand inside a single-quoted literal as itself: printable ASCII. The apostrophe is doubled. */
const PRINTABLE_ASCII_RUN = /[\x20-\x7e]+/y;

/** One character outside printable ASCII as PowerShell 5.1 code: [char]0x00D1 (a UTF-16 code unit). */
function charCode(unit: number): string {
  return `[char]0x${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Quotes a string as PowerShell: 'text' when it is all printable ASCII, else the literal runs and [char] codes
 * joined with +, e.g. ('PE' + [char]0x00D1 + 'A'). The first operand is always a string, so + concatenates.
 */
export function psLiteral(value: string): string {
  if (typeof value !== 'string') throw new UnsafeValueError(`expected a string, got ${typeof value}`);
  if (LONE_SURROGATE.test(value)) {
    throw new UnsafeValueError('the text contains a broken character (a lone UTF-16 surrogate); retype it');
  }
  const parts: string[] = [];
  for (let i = 0; i < value.length;) {
    PRINTABLE_ASCII_RUN.lastIndex = i;
    const run = PRINTABLE_ASCII_RUN.exec(value);
    if (run !== null) {
      parts.push(`'${run[0].replaceAll("'", "''")}'`);
      i += run[0].length;
    } else {
      parts.push(charCode(value.charCodeAt(i)));
      i += 1;
    }
  }
  if (parts.length === 0) return "''";
  // '--%' is the stop-parsing token even when quoted: as a parameter's value ('-A '--%' -B 'x'') the parser swallows
  // the next parameter and passes the rest of the line as one verbatim string. In parentheses it is a plain value.
  if (value === '--%') return "('--%')";
  if (parts.length === 1 && parts[0]?.startsWith("'") === true) return parts[0];
  if (parts[0]?.startsWith('[char]') === true) parts[0] = `[string]${parts[0]}`;
  return `(${parts.join(' + ')})`;
}

/** Data that travels as base64 UTF-8 JSON and is decoded in PowerShell; see ConvertFrom-MsaJson in bootstrap.ps1. */
export class JsonPayload {
  constructor(readonly value: unknown) {}
}

/** Marks a value to be passed as a decoded JSON payload rather than as literals. */
export function jsonPayload(value: unknown): JsonPayload {
  return new JsonPayload(value);
}

function encodeJsonPayload(payload: JsonPayload): string {
  const json = JSON.stringify(payload.value);
  if (json === undefined) throw new UnsafeValueError('the JSON payload has no JSON form');
  if (LONE_SURROGATE.test(json)) throw new UnsafeValueError('the JSON payload contains a lone UTF-16 surrogate');
  // base64 is [A-Za-z0-9+/=] only: nothing in it can leave a single-quoted literal.
  return `(ConvertFrom-MsaJson '${Buffer.from(json, 'utf8').toString('base64')}')`;
}

function psNumber(value: number): string {
  if (!Number.isFinite(value)) throw new UnsafeValueError(`${value} is not a finite number`);
  if (Number.isSafeInteger(value) && value >= 0) return String(value);
  if (Number.isSafeInteger(value)) return `(${value})`;
  // Casts are culture-invariant in PowerShell; String(value) is JavaScript's shortest round-trip form.
  return `([double]'${String(value)}')`;
}

function psDate(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new UnsafeValueError('invalid date');
  return (
    `([datetime]::Parse('${value.toISOString()}', [Globalization.CultureInfo]::InvariantCulture, ` +
    `[Globalization.DateTimeStyles]::RoundtripKind))`
  );
}

function isPlainObject(value: object): value is Readonly<Record<string, PsValue>> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Converts one value to PowerShell expression text. */
export function psValue(value: PsValue): string {
  if (value === null) return '$null';
  switch (typeof value) {
    case 'string':
      return psLiteral(value);
    case 'number':
      return psNumber(value);
    case 'boolean':
      return value ? '$true' : '$false';
    case 'object':
      break;
    default:
      throw new UnsafeValueError(`a ${typeof value} cannot be passed to PowerShell`);
  }
  if (value instanceof PsScript) return value.text;
  if (value instanceof JsonPayload) return encodeJsonPayload(value);
  if (value instanceof Date) return psDate(value);
  if (Array.isArray(value)) {
    const items = (value as readonly PsValue[]).map(psValue);
    // @(@(1,2)) would flatten to (1,2); the unary comma keeps a one-element array (of anything) intact.
    return items.length === 1 ? `@(,${items[0]})` : `@(${items.join(', ')})`;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => `${psLiteral(k)} = ${psValue(v)}`);
    return `([ordered]@{ ${entries.join('; ')} })`;
  }
  throw new UnsafeValueError('only plain objects, arrays, dates and primitives can be passed to PowerShell');
}

/**
 * Tagged template: static text is code, `${values}` are data.
 *   ps`Get-ADServiceAccount -Identity ${name} -Properties ${['DNSHostName']}`
 */
export function ps(strings: TemplateStringsArray, ...values: readonly PsValue[]): PsScript {
  let text = strings[0] ?? '';
  // Only the static text can open a comment (values always render as closed literals or expressions).
  let staticText = text;
  values.forEach((value, i) => {
    const rendered = psValue(value);
    // A nested PsScript is code the developers wrote; only data can't be trusted to stay inside a comment.
    const hazard = value instanceof PsScript ? null : commentHazard(staticText, rendered);
    if (hazard !== null) throw new UnsafeValueError(hazard);
    const next = strings[i + 1] ?? '';
    text += rendered + next;
    staticText += next;
  });
  return PsScript.fromTrustedSource(text);
}

/**
 * A literal is data only where PowerShell reads code. Inside a `<# #>` comment it is just text, and a `#>` in it would
 * end the comment: what follows would run. Such values are refused. (A line comment is safe: literals never hold a
 * line break, it is written as [char]0x000A.)
 */
function commentHazard(staticText: string, rendered: string): string | null {
  if (staticText.lastIndexOf('<#') > staticText.lastIndexOf('#>') && rendered.includes('#>')) {
    return "'#>' in this text would end the comment it is written into; remove it";
  }
  return null;
}

/** Joins scripts into one, each on its own line(s). */
export function joinScripts(parts: readonly PsScript[], separator = '\n'): PsScript {
  return PsScript.fromTrustedSource(parts.map((p) => p.text).join(separator));
}

/** A parameter's name as a cmdlet declares it: letters and digits, starting with a letter. */
const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * Named parameters as an admin types them, from a record: `-Name 'svc-report' -Path 'OU=Svc,DC=contoso,DC=com'`.
 * Values are data, rendered like `ps` does: a string as a quoted literal, a number, $null; a boolean as a switch with
 * its value (`-Enabled:$true`, binds to a [switch] and to a [bool] alike); an array as a comma list (`'a','b'`; an
 * empty one as @()); a PsScript as code (a variable: `$account`). An undefined value leaves the parameter out, so
 * optional settings need no branches. The names are the developers' (checked: letters and digits only).
 *   ps`New-ADGroup ${psParams({ Name: g.name, Path: g.path, GroupScope: 'Global' })} -PassThru`
 */
export function psParams(params: Readonly<Record<string, PsValue | undefined>>): PsScript {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (!PARAMETER_NAME.test(name)) throw new UnsafeValueError(`'${name}' is not a parameter name`);
    if (value === undefined) continue;
    if (typeof value === 'boolean') parts.push(`-${name}:${psValue(value)}`);
    else if (Array.isArray(value)) {
      const items = (value as readonly PsValue[]).map(psValue);
      parts.push(`-${name} ${items.length === 0 ? '@()' : items.join(',')}`);
    } else parts.push(`-${name} ${psValue(value as PsValue)}`);
  }
  return PsScript.fromTrustedSource(parts.join(' '));
}
