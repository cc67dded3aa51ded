// Text checks shared by every boundary that takes typed text: zod schemas (plan, task, search) and the PowerShell
// literal builder; what a message or a terminal may show of typed text. No imports: the renderer bundles it.

/**
 * A UTF-16 surrogate without its partner: a broken character (a paste cut in half). It cannot become valid UTF-8 for
 * PowerShell or the directory, so every boundary refuses it with "retype it".
 */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Characters that must not reach a terminal or a message as themselves: C0 controls (ESC starts terminal escape
 * sequences, CR rewrites the line), DEL, C1 controls, the Unicode line and paragraph separators, and the
 * bidirectional controls (they reorder what a reader sees).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNPRINTABLE_IN_LINES =
  // eslint-disable-next-line no-control-regex -- the same, less tab and line feed
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escapeUnit = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text from the input quoted in a message: every control character as \u001b (as in JSON), tab and line feed too. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeUnit);
}

/** Lines for a terminal: the same, but line feeds and tabs stay (messages span lines). */
export function terminalText(text: string): string {
  return text.replace(UNPRINTABLE_IN_LINES, escapeUnit);
}

/** Printable ASCII only: every other character as \uXXXX, e.g. a comment line no text can end or re-encode. */
export function asciiEscaped(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, escapeUnit);
}
