// The one JSON envelope every request answers with (written by Invoke-MsaRequest in bootstrap.ps1), its schema,
// and the framing of request and answer lines on the session's stdin/stdout. See README.md beside this file.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PsScript } from './script.js';

/** bootstrap.ps1: loaded once into every new process; defines Invoke-MsaRequest and its helpers. */
export const BOOTSTRAP_TEXT = readFileSync(new URL('./bootstrap.ps1', import.meta.url), 'utf8');

/**
 * One of the bootstrap's functions as plain script text (without `global:`), for scripts that must run without the
 * session — the exported plan — so they carry the very same code, not a copy of it.
 */
export function bootstrapFunction(name: string): string {
  const start = BOOTSTRAP_TEXT.indexOf(`function global:${name} {`);
  const end = BOOTSTRAP_TEXT.indexOf('\n}', start);
  if (start < 0 || end < 0) throw new Error(`bootstrap.ps1 has no function ${name}`);
  return BOOTSTRAP_TEXT.slice(start, end + 2).replace(`function global:${name}`, `function ${name}`);
}

/** The first request of every process: proves the bootstrap loaded and names the engine. */
export const HELLO_SCRIPT = PsScript.fromTrustedSource(
  '[ordered]@{ pid = $PID; version = $PSVersionTable.PSVersion.ToString(); edition = [string]$PSVersionTable.PSEdition }',
);

/** One PowerShell ErrorRecord, as ConvertTo-MsaErrorInfo writes it. */
export const psErrorInfoSchema = z.object({
  type: z.string(),
  innerType: z.string(),
  fqid: z.string(),
  category: z.string(),
  target: z.string().nullable(),
  message: z.string(),
  detail: z.string().nullable(),
  command: z.string().nullable(),
  line: z.number().int().nullable(),
  hresult: z.number().int().nullable(),
});
export type PsErrorInfo = z.infer<typeof psErrorInfoSchema>;

export const envelopeSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  ok: z.boolean(),
  /** Everything the script wrote to the output stream, in order, converted to plain JSON values. */
  data: z.array(z.unknown()),
  errors: z.array(psErrorInfoSchema),
  warnings: z.array(z.string()),
  information: z.array(z.string()),
  /** Lines native tools wrote to stderr. */
  stderr: z.array(z.string()),
  /** $LASTEXITCODE after the script, or null when no native tool ran. */
  exitCode: z.number().int().nullable(),
  durationMs: z.number().int(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;
const ENVELOPE_LINE = /<<MSA-ENVELOPE ([A-Za-z0-9-]{1,64}) ([A-Za-z0-9+/=]*)>>/;

/**
 * The single ASCII line sent to PowerShell's stdin for one request. The script travels as base64 of its UTF-8
 * bytes, so newlines, quotes and non-ASCII text in it can't break the line framing of `-Command -`.
 */
export function requestLine(id: string, script: PsScript): string {
  if (!REQUEST_ID.test(id)) throw new Error(`invalid request id ${JSON.stringify(id)}`);
  const b64 = Buffer.from(script.text, 'utf8').toString('base64');
  return `Invoke-MsaRequest -Id '${id}' -Script '${b64}'`;
}

/** The line that loads bootstrap.ps1 into the session (dot-sourced: its functions are global). */
export function bootstrapLine(bootstrapText: string): string {
  const b64 = Buffer.from(bootstrapText, 'utf8').toString('base64');
  return `. ([scriptblock]::Create([System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${b64}'))))`;
}

export class EnvelopeError extends Error {
  constructor(
    message: string,
    readonly raw: string,
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

/** Finds and validates the envelope for request `id` in the raw stdout of one invocation. */
export function parseEnvelope(raw: string, id: string): { envelope: Envelope; strayOutput: string } {
  const match = ENVELOPE_LINE.exec(raw);
  if (match === null) throw new EnvelopeError('PowerShell returned no envelope', raw);
  if (match[1] !== id) throw new EnvelopeError(`envelope for request ${match[1]} arrived while waiting for ${id}`, raw);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(match[2] ?? '', 'base64').toString('utf8'));
  } catch {
    throw new EnvelopeError('the envelope is not valid JSON', raw);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) throw new EnvelopeError(`the envelope has the wrong shape: ${parsed.error.message}`, raw);
  const strayOutput = (raw.slice(0, match.index) + raw.slice(match.index + match[0].length)).trim();
  return { envelope: parsed.data, strayOutput };
}
