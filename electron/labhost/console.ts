// The lab console (`msa-wizard lab exec`), cold or warm.
//
// Cold: the CLI starts its own PowerShell session bound to the lab, runs the admin's script, prints, exits.
// Warm: while a lab host runs (npm run lab), it advertises itself (its pid, loopback port and a random per-run
// secret; removed when it closes) and the CLI sends the script to it instead. The advertisement is NOT in the lab
// folder, whose permissions may let other local users read it (on Windows a folder under C:\ inherits
// "Authenticated Users: Modify", and a file mode means nothing there): it is in a per-user folder (advertDir),
// named by the SHA-256 of the lab folder's real path, so only the user who runs the host can reach its console.
// The host runs each script in a NEW runspace of its own warm console process (not the wizard's session), set up
// exactly as a cold session is (bootstrap, then labSessionOptions' preamble for the computer asked for, then the same
// request), so each exec starts from a clean scope like a new process: variables, functions, modules and location
// of one exec are gone by the next, and environment variables and the working folder are put back after it. The
// envelope comes back unchanged and is printed by the same code, so the output and the exit code are the same.
//
// Differences from cold that remain: the environment is the host's (not the CLI's shell's). `exit` in the script
// ends the host's console process (cold: the CLI's), reported the same way; the next exec starts a new one.
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  statSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  BOOTSTRAP_TEXT,
  envelopeSchema,
  parseEnvelope,
  requestLine,
  type Envelope,
} from '../common/powershell/envelope.js';
import { ps, PsScript } from '../common/powershell/script.js';
import type { PowerShellSession, SessionOptions } from '../common/powershell/session.js';
import { PsCommandError, SessionError, type SessionErrorKind } from '../common/powershell/session-errors.js';
import { LabError, labSessionOptions } from '../lab/lab.js';

/** Names the folder of the advertisements instead of the per-user default (the tests point it at a temp folder). */
export const ADVERT_DIR_ENV = 'MSA_WIZARD_LAB_HOSTS_DIR';
/** How long one console script may run, warm or cold. */
export const CONSOLE_TIMEOUT_MS = 120_000;
export const CONSOLE_PATH = '/console/exec';
export const CONSOLE_SECRET_HEADER = 'x-msa-console-secret';

export const advertSchema = z
  .object({
    v: z.literal(1),
    pid: z.number().int().positive(),
    port: z.number().int().min(1).max(65535),
    secret: z.string().regex(/^[0-9a-f]{64}$/),
    labDir: z.string(),
  })
  .strict();
export type Advert = z.infer<typeof advertSchema>;

export const consoleRequestSchema = z
  .object({
    /** The lab the CLI means (its real path): the host refuses any other than its own. */
    labDir: z.string(),
    code: z.string(),
    json: z.boolean(),
    computer: z.string().optional(),
    /** The CLI's working folder: relative paths in the script mean the same as cold. */
    cwd: z.string(),
  })
  .strict();
export type ConsoleRequest = z.infer<typeof consoleRequestSchema>;

const SESSION_ERROR_KINDS = ['Timeout', 'ProcessExited', 'StartFailed', 'ProtocolError', 'Disposed'] as const;
// Every SessionErrorKind is listed (a kind added there and not here does not compile).
const everyKind: [Exclude<SessionErrorKind, (typeof SESSION_ERROR_KINDS)[number]>] extends [never] ? true : never =
  true;
void everyKind;

export const consoleReplySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('envelope'), envelope: envelopeSchema }),
  z.object({ kind: z.literal('lab-error'), message: z.string() }),
  z.object({ kind: z.literal('session-error'), errorKind: z.enum(SESSION_ERROR_KINDS), message: z.string() }),
]);
export type ConsoleReply = z.infer<typeof consoleReplySchema>;

/**
 * The lab console's script: the admin's own PowerShell (run as code by design: the console is bound to the lab and
 * never to a real domain), formatted as the console would show it, or as ConvertTo-Json -Depth 6 with --json.
 */
export function consoleScript(code: string, json: boolean): PsScript {
  const body = `& {\n${code}\n}`;
  return PsScript.fromTrustedSource(
    json
      ? `$msaLabResult = @(${body}); if ($msaLabResult.Count -eq 1) { ConvertTo-Json -InputObject $msaLabResult[0] -Depth 6 } else { ConvertTo-Json -InputObject $msaLabResult -Depth 6 }`
      : `${body} | Out-String -Width 160`,
  );
}

/** Prints what a console script answered, the same warm or cold; the exit code. */
export function printEnvelope(envelope: Envelope, io: { out(line: string): void; err(line: string): void }): number {
  const text = envelope.data.map(String).join('').replace(/\s+$/, '');
  if (text !== '') io.out(text);
  for (const w of envelope.warnings) io.err(`WARNING: ${w}`);
  for (const line of envelope.stderr) io.err(line);
  for (const e of envelope.errors) io.err(`error: ${e.message} (${e.fqid})`);
  const nativeFailed = envelope.exitCode !== null && envelope.exitCode !== 0;
  return envelope.ok && !nativeFailed ? 0 : 1;
}

/** A reply turned back into what the cold path would have: the envelope, or the error it would have thrown. */
export function envelopeOf(reply: ConsoleReply): Envelope {
  if (reply.kind === 'lab-error') throw new LabError(reply.message);
  if (reply.kind === 'session-error') throw new SessionError(reply.errorKind, reply.message);
  return reply.envelope;
}

const realDir = (dir: string): string => realpathSync(path.resolve(dir));

// ------------------------------------------------------------------------------------------------ host side

/** Defines Invoke-MsaConsole in the host's console process (see console-runspace.ps1). */
const CONSOLE_RUNSPACE_TEXT = readFileSync(new URL('./console-runspace.ps1', import.meta.url), 'utf8');

/** Options for the host's console process: bound to the lab like any lab session, Invoke-MsaConsole defined. */
export function consoleSessionOptions(labDir: string): SessionOptions {
  return { ...labSessionOptions(labDir), preamble: PsScript.fromTrustedSource(CONSOLE_RUNSPACE_TEXT) };
}

const consoleResultSchema = z.object({ preambleError: z.string().nullable(), console: z.string().nullable() });

/** Runs one console request in the host's console process (consoleSessionOptions). Never throws. */
export async function runConsoleRequest(
  session: PowerShellSession,
  labDir: string,
  request: ConsoleRequest,
): Promise<ConsoleReply> {
  try {
    // A working folder the host can't enter: fail as a cold session started there would, not run elsewhere.
    if (!path.isAbsolute(request.cwd) || !existsSync(request.cwd) || !statSync(request.cwd).isDirectory()) {
      return {
        kind: 'session-error',
        errorKind: 'StartFailed',
        message: `could not start PowerShell: the working folder ${request.cwd} does not exist`,
      };
    }
    const options = labSessionOptions(labDir, request.computer === undefined ? {} : { computer: request.computer });
    if (options.preamble === undefined) throw new Error('a lab session has a preamble');
    const line = requestLine('lab-console', consoleScript(request.code, request.json));
    const outer = await session.invoke(
      ps`Invoke-MsaConsole -Bootstrap ${BOOTSTRAP_TEXT} -Preamble ${options.preamble.text} -LabDir ${path.resolve(labDir)} -RequestLine ${line} -Cwd ${request.cwd}`,
      { timeoutMs: CONSOLE_TIMEOUT_MS },
    );
    if (!outer.ok) throw new PsCommandError(outer);
    const result = consoleResultSchema.parse(outer.data[0]);
    if (result.preambleError !== null) {
      // What a cold session reports when its preamble fails (session.ts).
      return {
        kind: 'session-error',
        errorKind: 'StartFailed',
        message: `the session preamble failed: ${result.preambleError}`,
      };
    }
    return { kind: 'envelope', envelope: parseEnvelope(result.console ?? '', 'lab-console').envelope };
  } catch (err) {
    if (err instanceof LabError) return { kind: 'lab-error', message: err.message };
    if (err instanceof SessionError) return { kind: 'session-error', errorKind: err.kind, message: err.message };
    const message = `the lab console failed: ${err instanceof Error ? err.message : String(err)}`;
    return { kind: 'session-error', errorKind: 'ProtocolError', message };
  }
}

/** Whether a console request names this host's lab. */
export function sameLab(requested: string, own: string): boolean {
  try {
    return realDir(requested) === realDir(own);
  } catch {
    return false;
  }
}

export function newConsoleSecret(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The per-user folder of the lab hosts' advertisements: Windows %LOCALAPPDATA%\msa-wizard\lab-hosts (the user's
 * profile, not readable by other users); elsewhere $XDG_RUNTIME_DIR/msa-wizard/lab-hosts or
 * ~/.cache/msa-wizard/lab-hosts. ADVERT_DIR_ENV overrides it.
 */
export function advertDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[ADVERT_DIR_ENV];
  if (override) return path.resolve(override);
  if (process.platform === 'win32') {
    return path.join(env.LOCALAPPDATA ?? path.join(homedir(), 'AppData', 'Local'), 'msa-wizard', 'lab-hosts');
  }
  if (env.XDG_RUNTIME_DIR) return path.join(env.XDG_RUNTIME_DIR, 'msa-wizard', 'lab-hosts');
  return path.join(homedir(), '.cache', 'msa-wizard', 'lab-hosts');
}

/** The advertisement file of the host serving a lab folder: named by the SHA-256 of the folder's real path. */
export function advertPath(labDir: string): string {
  const key = createHash('sha256').update(realDir(labDir), 'utf8').digest('hex');
  return path.join(advertDir(), `${key}.json`);
}

/** Off Windows: an advertisement folder or file is used only if it is ours and no one else can write it. */
function ownedPrivately(file: string, maxMode: number): boolean {
  if (process.platform === 'win32') return true;
  const st = lstatSync(file);
  if (st.isSymbolicLink()) return false;
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return false;
  return (st.mode & 0o777 & ~maxMode) === 0;
}

/** Creates the advertisement folder (owner-only); throws if it exists with the wrong owner or mode. */
function ensureAdvertDir(): string {
  const dir = advertDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!ownedPrivately(dir, 0o755)) {
    throw new Error(`${dir} is not a folder of this user's that only it can write: not advertising the lab console`);
  }
  return dir;
}

/** Writes the advertisement (owner-only: it holds the secret), atomically. */
export function writeAdvert(labDir: string, advert: Advert): void {
  ensureAdvertDir();
  const target = advertPath(labDir);
  const temp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, `${JSON.stringify(advert, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temp, target);
}

/** Removes the advertisement if it is still this host's (a newer host may have replaced it). */
export function removeAdvert(labDir: string, secret: string): void {
  try {
    const target = advertPath(labDir);
    const current = advertSchema.safeParse(JSON.parse(readFileSync(target, 'utf8')));
    if (current.success && current.data.secret === secret) rmSync(target, { force: true });
  } catch {
    // gone already, or not ours to judge
  }
}

// ------------------------------------------------------------------------------------------------ CLI side

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The advertisement of a live host serving this lab folder, or undefined (none, unreadable, stale, elsewhere, or in
 * a folder or file another user could have written).
 */
export function readAdvert(labDir: string): Advert | undefined {
  try {
    const file = advertPath(labDir);
    if (!ownedPrivately(path.dirname(file), 0o755) || !ownedPrivately(file, 0o600)) return undefined;
    const advert = advertSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    if (!alive(advert.pid)) return undefined;
    // An advertisement must name the lab it is filed under (a host for another lab must not get this one's scripts).
    if (advert.labDir !== realDir(labDir)) return undefined;
    return advert;
  } catch {
    return undefined;
  }
}

/** The host's answers that mean it refused the request before running anything (server.ts). */
const REFUSALS = new Set([400, 401, 403, 405, 409, 413, 415, 421]);

/**
 * Sends one console request to the host advertised in the lab folder. undefined = no host took it (none, stale,
 * refused before running anything): run it cold. Once the request has been sent and the host may have started it,
 * a failure is reported, never retried cold (the script would run twice).
 */
export async function warmExec(
  labDir: string,
  request: Omit<ConsoleRequest, 'labDir'>,
): Promise<ConsoleReply | undefined> {
  const advert = readAdvert(labDir);
  if (advert === undefined) return undefined;
  const body = JSON.stringify({ ...request, labDir: advert.labDir } satisfies ConsoleRequest);
  return new Promise((resolve, reject) => {
    let sent = false;
    const req = http.request(
      {
        host: '127.0.0.1',
        port: advert.port,
        path: CONSOLE_PATH,
        method: 'POST',
        headers: {
          Host: `127.0.0.1:${advert.port}`,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          [CONSOLE_SECRET_HEADER]: advert.secret,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (REFUSALS.has(status)) return resolve(undefined); // refused before running anything: run it cold
          if (status !== 200) {
            // Anything else (a 5xx) may have come after the script started: reported, never run again cold.
            return reject(
              new SessionError('ProtocolError', `the lab host failed while it ran the command (HTTP ${status})`),
            );
          }
          try {
            resolve(consoleReplySchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
          } catch {
            reject(new SessionError('ProtocolError', 'the lab host answered the console with something unreadable'));
          }
        });
        res.on('error', () =>
          reject(new SessionError('ProcessExited', 'the lab host stopped while it ran the command')),
        );
      },
    );
    req.on('socket', (socket) => socket.once('connect', () => (sent = true)));
    req.on('error', (err) => {
      if (!sent) return resolve(undefined); // nobody listening (ECONNREFUSED): a host that is gone
      reject(new SessionError('ProcessExited', `the lab host stopped while it ran the command (${err.message})`));
    });
    req.end(body);
  });
}
