// app://msa-wizard/ serves the built renderer from its folder, with the CSP on every response. Registered as a
// standard, secure scheme so the page gets a real origin (what the IPC sender check compares against).
import { readFile } from 'node:fs/promises';
import { contentType, resolveStaticFile } from '../common/static-files.js';
import { APP_CSP, APP_HOST } from './security.js';

export const SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  stream: false,
  bypassCSP: false,
} as const;

/** The protocol handler: a Request in, a Response out (Electron's protocol.handle). */
export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStaticFile(rendererDir, url.pathname) : null;
    if (file === null) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': contentType(file),
          'Content-Security-Policy': APP_CSP,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
}
