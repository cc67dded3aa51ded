// An answers file's bytes as text, the same way in the CLI (read from disk) and the renderer (the file the admin
// picked): larger than MAX_ANSWERS_BYTES, or not UTF-8, is refused with what to do. A "Peña" saved as ANSI
// (Windows-1252: 0xF1) would otherwise turn into U+FFFD silently and set up an account with another description.
// Only limits.ts is imported: the renderer bundles this file.
import { MAX_ANSWERS_BYTES } from './limits.js';

export type AnswersFileText =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** Refused before reading when the size says so; the message for a file too large to be an answers file. */
export function answersFileTooLarge(size: number): string | null {
  return size > MAX_ANSWERS_BYTES
    ? `The file has ${size} bytes; an answers file has at most ${MAX_ANSWERS_BYTES} (1 MiB): choose the .json file the wizard saved.`
    : null;
}

/**
 * What a lead byte starts in UTF-8 (RFC 3629): the sequence's length and the range its second byte must be in (no
 * overlong forms, no surrogates, nothing past U+10FFFF); null for a byte that cannot start one.
 */
function sequenceOf(lead: number): readonly [length: number, low: number, high: number] | null {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return null;
}

/** The offset of the first byte that does not belong to valid UTF-8, or -1 when all of it is UTF-8. */
export function firstNonUtf8Byte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const sequence = sequenceOf(lead);
    if (sequence === null) return i;
    const [length, low, high] = sequence;
    const second = bytes[i + 1] ?? -1;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k] ?? -1;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/** UTF-16 (what Windows PowerShell 5.1's Out-File and > write): a byte-order mark FF FE / FE FF, or NUL bytes. */
function looksUtf16(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  return bytes.subarray(0, 64).includes(0);
}

const SAVE_AS_UTF8 = 'Save it as UTF-8 (Notepad: Save As, Encoding: UTF-8) and open it again.';

/** The text of an answers file: UTF-8 (a byte-order mark is skipped), at most MAX_ANSWERS_BYTES. */
export function answersFileText(bytes: Uint8Array): AnswersFileText {
  const tooLarge = answersFileTooLarge(bytes.length);
  if (tooLarge !== null) return { ok: false, message: tooLarge };
  if (looksUtf16(bytes)) {
    return {
      ok: false,
      message: `The file is UTF-16 text (what Windows PowerShell's Out-File and > write), not UTF-8. ${SAVE_AS_UTF8} In PowerShell: Set-Content -Encoding UTF8.`,
    };
  }
  const bad = firstNonUtf8Byte(bytes);
  if (bad >= 0) {
    const lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1;
    const line = bytes.subarray(0, lineStart).filter((b) => b === 0x0a).length + 1;
    // The column in characters, as an editor counts them (the bytes before it are valid UTF-8; a BOM is no character).
    const column = [...new TextDecoder('utf-8').decode(bytes.subarray(lineStart, bad))].length + 1;
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      message:
        `The file is not UTF-8 text: byte 0x${byte} at line ${line}, column ${column} is not UTF-8 ` +
        `(it was probably saved as ANSI, e.g. Windows-1252). ${SAVE_AS_UTF8}`,
    };
  }
  // fatal: false is safe now (the bytes are valid); ignoreBOM: false drops a leading byte-order mark.
  return { ok: true, text: new TextDecoder('utf-8').decode(bytes) };
}
