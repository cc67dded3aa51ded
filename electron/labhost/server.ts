// The loopback lab host: serves the built renderer and the API contract over HTTP on 127.0.0.1, for practice mode in
// a browser (and the e2e tests). It only ever serves a lab session: there is no way to ask it for real mode.
//
// Defences, because any web page the admin visits can try to talk to a local port:
//   - bound to 127.0.0.1, and a request from any other address is refused;
//   - the Host header must be 127.0.0.1:<port> or localhost:<port> (DNS rebinding);
//   - every API call carries a random per-launch token (X-MSA-Token header; the events stream, which EventSource
//     can't give headers, takes it as ?token=), compared in constant time; the page gets it in the URL fragment,
//     which browsers never send to servers;
//   - a POST with an Origin header must come from this origin; bodies are application/json (UTF-8), one JSON object,
//     1 MiB at most (413 when Content-Length says more, or as soon as the count passes it; nothing past the limit is
//     kept, and the answer waits until the client has sent the rest, so a reset cannot swallow it);
//   - a request with two Host headers is refused (Node keeps only the first, so the check above would see one);
//   - static files are served from the renderer folder only, with the same strict CSP as the app.
//
// With `console: true` (npm run lab) it also serves the lab console (`msa-wizard lab exec`, see console.ts) from a
// warm PowerShell process of its own, advertised in a per-user folder (not the lab folder: console.ts). POST /console/exec is for command-line clients
// only: a request with any Origin header is refused (browsers send one with every POST), it needs the per-run secret
// from the advertisement (X-MSA-Console-Secret, constant-time compare; not the page's token), a JSON body of 1 MiB
// at most, and it runs only against this host's own lab folder.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { apiEventSchema, type ApiEvent } from '../common/api/contract.js';
import { createApi } from '../common/api/handlers.js';
import { APP_CSP } from '../common/csp.js';
import { contentType, resolveStaticFile } from '../common/static-files.js';
import { PowerShellSession } from '../common/powershell/session.js';
import { LAB_MODULE_ROOT, LAB_RSAT_MODULE_ROOT, labSessionOptions } from '../lab/lab.js';
import { ps } from '../common/powershell/script.js';
import {
  CONSOLE_PATH,
  CONSOLE_SECRET_HEADER,
  consoleSessionOptions,
  consoleRequestSchema,
  newConsoleSecret,
  removeAdvert,
  runConsoleRequest,
  sameLab,
  writeAdvert,
} from './console.js';

export interface LabHostOptions {
  readonly labDir: string;
  /** The built renderer (vite build output). */
  readonly rendererDir: string;
  /** 0 = a random free port. */
  readonly port?: number;
  /** Run the lab as this computer (default: the scenario's). */
  readonly computer?: string;
  /** Serve the lab console from a warm PowerShell process, advertised in a per-user folder (console.ts). */
  readonly console?: boolean;
}

export interface LabHost {
  /** Open this: it carries the token in its fragment. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  /** How many console scripts this host has run (0 without `console`). */
  readonly consoleExecs: number;
  close(): Promise<void>;
}

export const CONTENT_SECURITY_POLICY = APP_CSP;

const MAX_BODY = 1024 * 1024;
const TOO_LARGE = `body over ${MAX_BODY / 1024 / 1024} MiB`;

/** Whether a peer address is this machine's loopback (127.0.0.0/8 or ::1, also IPv4-mapped). */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Every Host header the request carried: req.headers.host holds only the first of several. */
export function hostHeaders(rawHeaders: readonly string[]): string[] {
  return rawHeaders.filter((value, i) => i % 2 === 1 && rawHeaders[i - 1]?.toLowerCase() === 'host');
}

/** The HTTP status that refuses a request before anything else is read, or null when it may proceed. */
export function refusal(remoteAddress: string | undefined, hosts: readonly string[], port: number): number | null {
  if (!isLoopback(remoteAddress)) return 403;
  // Two Host headers: RFC 9112 says 400, and a proxy or browser might read the other one than Node does.
  if (hosts.length > 1) return 400;
  const host = hosts[0];
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return 421;
  return null;
}

/** Whether a Content-Type names JSON: application/json, with no parameter but an optional UTF-8 charset. */
export function isJsonContentType(header: string | undefined): boolean {
  const [type = '', ...params] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => /^charset="?utf-?8"?$/.test(param));
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  });
  res.end(body);
}

const REFUSALS: Partial<Record<number, string>> = {
  400: 'one Host header only',
  403: 'loopback only',
  421: 'wrong Host header',
};

/** 413, and the connection closes: the rest of an unread body must not be taken for the next request. */
function tooLarge(res: http.ServerResponse): void {
  res.setHeader('Connection', 'close');
  send(res, 413, TOO_LARGE);
}

/**
 * The rest of a request read and dropped. The 413 is sent only once the client has sent everything: closing the
 * socket while it still sends would reset the connection, and a reset can discard the 413 before the client reads it.
 */
function drain(req: http.IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.complete) return resolve();
    req.once('end', resolve);
    req.once('close', resolve);
    req.once('error', () => resolve());
    req.resume();
  });
}

/** The body as text, or null once it passes MAX_BODY (the rest drained first, see drain). */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_BODY) return void chunks.push(chunk);
      req.off('data', onData);
      req.off('end', onEnd);
      void drain(req).then(() => resolve(null));
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks).toString('utf8'));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}

/** The parsed body when it is one JSON object, else why not. */
function parseRequest(text: string): { method?: unknown; input?: unknown } | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'bad JSON body';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'body must be a JSON object';
  return value;
}

export async function startLabHost(options: LabHostOptions): Promise<LabHost> {
  const session = new PowerShellSession(
    labSessionOptions(options.labDir, options.computer === undefined ? {} : { computer: options.computer }),
  );
  session.warm();
  const token = randomBytes(32).toString('hex');
  const listeners = new Set<http.ServerResponse>();
  const emit = (event: ApiEvent): void => {
    const line = `data: ${JSON.stringify(apiEventSchema.parse(event))}\n\n`;
    for (const res of listeners) res.write(line);
  };
  const api = createApi({
    session,
    mode: 'practice',
    transport: 'lab-host',
    emit,
    journalDir: path.join(options.labDir, 'journal'),
  });
  const rendererRoot = path.resolve(options.rendererDir);
  let port = 0;
  // The console's own process: a script an admin runs at the console can't disturb the wizard's session, nor wait
  // behind it.
  const consoleSession =
    options.console === true ? new PowerShellSession(consoleSessionOptions(options.labDir)) : undefined;
  const consoleSecret = newConsoleSecret();
  let consoleExecs = 0;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const refused = refusal(req.socket.remoteAddress, hostHeaders(req.rawHeaders), port);
    if (refused !== null) return send(res, refused, REFUSALS[refused] ?? 'refused');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      const header = req.headers['x-msa-token'];
      if (!sameSecret(typeof header === 'string' ? header : undefined, token)) return send(res, 401, 'token required');
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
        return send(res, 403, 'foreign origin');
      }
      if (!isJsonContentType(req.headers['content-type'])) return send(res, 415, 'application/json only');
      if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
        await drain(req); // refused from the length: nothing is kept, but the client may finish sending
        return tooLarge(res);
      }
      const text = await readBody(req);
      if (text === null) return tooLarge(res);
      const request = parseRequest(text);
      if (typeof request === 'string') return send(res, 400, request);
      const result = await api.dispatch(request.method, request.input);
      return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
    }

    if (url.pathname === CONSOLE_PATH && consoleSession !== undefined) {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      if (req.headers.origin !== undefined) return send(res, 403, 'not for browsers');
      const secret = req.headers[CONSOLE_SECRET_HEADER];
      if (!sameSecret(typeof secret === 'string' ? secret : undefined, consoleSecret)) {
        return send(res, 401, 'secret required');
      }
      if (!isJsonContentType(req.headers['content-type'])) return send(res, 415, 'application/json only');
      if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
        await drain(req);
        return tooLarge(res);
      }
      const text = await readBody(req);
      if (text === null) return tooLarge(res);
      let parsed;
      try {
        parsed = consoleRequestSchema.safeParse(JSON.parse(text));
      } catch {
        return send(res, 400, 'bad JSON body');
      }
      if (!parsed.success) return send(res, 400, 'not a console request');
      if (!sameLab(parsed.data.labDir, options.labDir)) return send(res, 409, 'another lab');
      consoleExecs += 1;
      const reply = await runConsoleRequest(consoleSession, options.labDir, parsed.data);
      return send(res, 200, JSON.stringify(reply), 'application/json; charset=utf-8');
    }

    if (url.pathname === '/api/events') {
      if (!sameSecret(url.searchParams.get('token') ?? undefined, token)) return send(res, 401, 'token required');
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only');
    const file = resolveStaticFile(rendererRoot, url.pathname);
    if (file === null) return send(res, 404, 'not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, 'not found');
    }
    res.writeHead(200, {
      'Content-Type': contentType(file),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  if (consoleSession !== undefined) {
    // One script through the whole path, importing every lab module (in a runspace thrown away after), so the first
    // exec finds them parsed and compiled already.
    const labDir = options.labDir;
    const code = ps`foreach ($root in ${[LAB_MODULE_ROOT, LAB_RSAT_MODULE_ROOT]}) { Get-ChildItem -LiteralPath $root -Directory | ForEach-Object { Import-Module -Name $_.FullName } }`;
    void runConsoleRequest(consoleSession, labDir, { labDir, code: code.text, json: false, cwd: process.cwd() });
    try {
      writeAdvert(options.labDir, {
        v: 1,
        pid: process.pid,
        port,
        secret: consoleSecret,
        labDir: realpathSync(options.labDir),
      });
    } catch (err) {
      // Not advertised (e.g. the per-user folder is not private): lab exec runs cold, as without a host.
      process.emitWarning(`the lab console is not advertised: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    get consoleExecs() {
      return consoleExecs;
    },
    async close() {
      if (consoleSession !== undefined) removeAdvert(options.labDir, consoleSecret);
      for (const res of listeners) res.end();
      listeners.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([session.dispose(), consoleSession?.dispose()]);
    },
  };
}
