// The loopback lab host: serves the built renderer and the API contract over HTTP on 127.0.0.1, for practice mode in
// a browser (and the e2e tests). It only ever serves a lab session: there is no way to ask it for real mode.
//
// Defences, because any web page the admin visits can try to talk to a local port:
//   - bound to 127.0.0.1, and a request from any other address is refused;
//   - the Host header must be 127.0.0.1:<port> or localhost:<port> (DNS rebinding);
//   - every API call carries a random per-launch token (X-MSA-Token header; the events stream, which EventSource
//     can't give headers, takes it as ?token=), compared in constant time; the page gets it in the URL fragment,
//     which browsers never send to servers;
//   - a POST with an Origin header must come from this origin; bodies are JSON, 1 MiB at most;
//   - static files are served from the renderer folder only, with the same strict CSP as the app.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { apiEventSchema, type ApiEvent } from '../common/api/contract.js';
import { createApi } from '../common/api/handlers.js';
import { APP_CSP } from '../common/csp.js';
import { contentType, resolveStaticFile } from '../common/static-files.js';
import { PowerShellSession } from '../common/powershell/session.js';
import { labSessionOptions } from '../lab/lab.js';

export interface LabHostOptions {
  readonly labDir: string;
  /** The built renderer (vite build output). */
  readonly rendererDir: string;
  /** 0 = a random free port. */
  readonly port?: number;
  /** Run the lab as this computer (default: the scenario's). */
  readonly computer?: string;
}

export interface LabHost {
  /** Open this: it carries the token in its fragment. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

export const CONTENT_SECURITY_POLICY = APP_CSP;

const MAX_BODY = 1024 * 1024;

/** Whether a peer address is this machine's loopback (127.0.0.0/8 or ::1, also IPv4-mapped). */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** The HTTP status that refuses a request before anything else is read, or null when it may proceed. */
export function refusal(
  remoteAddress: string | undefined,
  hostHeader: string | undefined,
  port: number,
): number | null {
  if (!isLoopback(remoteAddress)) return 403;
  if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) return 421;
  return null;
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

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
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

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const refused = refusal(req.socket.remoteAddress, req.headers.host, port);
    if (refused !== null) return send(res, refused, refused === 403 ? 'loopback only' : 'wrong Host header');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      const header = req.headers['x-msa-token'];
      if (!sameSecret(typeof header === 'string' ? header : undefined, token)) return send(res, 401, 'token required');
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
        return send(res, 403, 'foreign origin');
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'JSON only');
      let request: { method?: unknown; input?: unknown };
      try {
        request = JSON.parse(await readBody(req)) as { method?: unknown; input?: unknown };
      } catch {
        return send(res, 400, 'bad JSON body');
      }
      const result = await api.dispatch(request.method, request.input);
      return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
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
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    async close() {
      for (const res of listeners) res.end();
      listeners.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await session.dispose();
    },
  };
}
