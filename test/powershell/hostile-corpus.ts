// Strings chosen to break PowerShell quoting: a hand-written corpus of known escapes plus a seeded generator that
// mixes the dangerous characters with text from every script direction. Deterministic, so a failure reproduces.
import { mulberry32 } from '../../electron/lab/seeded.js';

const HAND_WRITTEN: readonly string[] = [
  '',
  ' ',
  "'",
  "''",
  "'''",
  '"',
  '""',
  '\u2018',
  '\u2019',
  '\u201A',
  '\u201B',
  '\u2018\u2019\u201A\u201B',
  "it's",
  'it\u2019s',
  "'; Remove-Item C:\\ -Recurse -Force; '",
  '\u2019; Stop-Computer -Force; \u2019',
  '\u201A) ; Invoke-Expression evil ; (\u201B',
  '$(Stop-Computer)',
  '${env:PATH}',
  '${function:Invoke-Expression}',
  '$env:USERNAME',
  '$null',
  '$true',
  '@(1,2)',
  '`',
  '``',
  '`$(whoami)',
  '"`n"',
  '";whoami;"',
  '; whoami',
  '| Out-File x',
  '& calc.exe',
  '&& calc',
  '|| calc',
  '# comment',
  '<# block',
  '#>',
  "@'",
  "'@",
  "@'\n$(whoami)\n'@",
  '@"\n$(whoami)\n"@',
  'line1\nline2',
  'cr\ronly',
  'crlf\r\nline',
  '\n',
  '\r',
  '\r\n',
  'nul\u0000inside',
  '\u0000',
  'tab\tand\u000Bvt\u000Cff',
  '\u001b[31mred\u001b[0m',
  'back\\slash\\',
  '\\\\server\\share\\$x',
  "C:\\Program Files\\x'y\\",
  'CN=gmsa\\, test,OU=Managed Service Accounts,DC=contoso,DC=com',
  'svc-web$',
  'http/web01.contoso.com:443',
  'صباح الخير',
  'שלום עולם',
  '\u202Eevil\u202C',
  '\u200F\u200Eltr-rtl marks',
  '管理サービスアカウント',
  '서비스 계정',
  '服务帐户',
  'Ünïcödé façade',
  'e\u0301\u0302\u0303 combining',
  '😀',
  '👩‍💻🧑🏽‍🚀🏳️‍🌈',
  '\uFEFFbom',
  '\u2028line\u2029para',
  '\u00A0nbsp\u3000ideographic',
  '\u0085nel',
  '–—−',
  '\u201C\u201D\u201E smart doubles',
  // U+00D1 is C3 91 in UTF-8, and 0x91 is U+2018 (a closing quote to PowerShell) in Windows-1252.
  'PE\u00d1A',
  '\u00d1; X = $(New-Item -Path evil) })\n#\u00d1',
  '\uff07\uff02\uff04\uff1b\uff03\uff40 fullwidth',
  '\u02bc\u02b9\u02bb\u2032\u2035\u00b4 modifiers',
  '--%',
  "--% '; whoami",
  '«guillemets»',
  'x'.repeat(100_000),
  "'".repeat(5_000),
  '\u2019'.repeat(5_000),
  '$(x)\'`"\u2018\n'.repeat(2_000),
];

/** The dangerous characters, weighted into the generator's alphabet. */
const DANGEROUS = [
  "'",
  '"',
  '`',
  '$',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ';',
  '|',
  '&',
  '#',
  '<',
  '>',
  '@',
  ',',
  '=',
  '-',
  '\\',
  '\n',
  '\r',
  '\u0000',
  '\t',
  ' ',
  '\u2018',
  '\u2019',
  '\u201A',
  '\u201B',
  '\u201C',
  '\u201D',
  '\u201E',
];
const TEXT = [
  'a',
  'Z',
  '0',
  '9',
  'é',
  'ß',
  'ش',
  'ם',
  '\u202E',
  '\u200D',
  '漢',
  'カ',
  '한',
  '😀',
  '🚀',
  '\u0301',
  '\uFEFF',
  '\u2028',
  '\u00A0',
];
const TOKENS = ['$(', '${', '@(', '@{', "@'", "'@", '@"', '"@', '<#', '#>', '&&', '||', '`n', '``', '$env:', '$_'];

/** A seeded PRNG in [0, 1), enough for reproducible fuzzing. */
const prng = (seed: number): (() => number) => {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
};

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

export function generatedStrings(count: number, seed = 20261125): string[] {
  const rand = prng(seed);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const length = 1 + Math.floor(rand() * 40);
    let s = '';
    for (let k = 0; k < length; k++) {
      const r = rand();
      s += r < 0.5 ? pick(rand, DANGEROUS) : r < 0.8 ? pick(rand, TEXT) : pick(rand, TOKENS);
    }
    out.push(s);
  }
  return out;
}

/** What PowerShell's tokenizer reads as a quote, a dash or a space though it is not ASCII (its CharExtensions). */
const POWERSHELL_SPECIAL = new Set(['\u2018', '\u2019', '\u201A', '\u201B', '\u201C', '\u201D', '\u201E']);
for (const c of ['\u2013', '\u2014', '\u2015', '\u00A0', '\u0085']) POWERSHELL_SPECIAL.add(c);

/** The code pages Windows PowerShell 5.1 may read a BOM-less script in (en-US, Central European, Cyrillic). */
export const CODE_PAGES = ['windows-1252', 'windows-1250', 'windows-1251'] as const;

/**
 * Characters whose UTF-8 bytes, read in one of CODE_PAGES, include a character PowerShell treats as a quote, a dash
 * or a space (or as ' " $ ; # or a line break, which no byte past 0x7F decodes to in these code pages): every
 * two-byte letter with such a continuation byte, and the three-byte punctuation E2 80 xx.
 */
export function codePageTraps(): string[] {
  const special = new Set([...POWERSHELL_SPECIAL, "'", '"', '$', ';', '#', '\n', '\r']);
  const traps = new Set<string>();
  for (const codePage of CODE_PAGES) {
    const decoder = new TextDecoder(codePage);
    for (let byte = 0x80; byte <= 0xbf; byte++) {
      if (!special.has(decoder.decode(Uint8Array.of(byte)))) continue;
      for (let lead = 0xc2; lead <= 0xdf; lead++) traps.add(Buffer.from([lead, byte]).toString('utf8'));
      traps.add(Buffer.from([0xe2, 0x80, byte]).toString('utf8'));
    }
  }
  return [...traps];
}

/** Each code-page trap in a name and in the issue's attack: text that closes the literal, then code, then a comment. */
export function encodingAttacks(): string[] {
  return codePageTraps().flatMap((c) => [
    `PE${c}A`,
    `${c}; X = $(New-Item -Path evil) })\n#${c}`,
    `--% ${c}' ; whoami`,
  ]);
}

/** The whole corpus: hand-written first, then generated. */
export function hostileStrings(generated = 1000): string[] {
  return [...HAND_WRITTEN, ...generatedStrings(generated)];
}
