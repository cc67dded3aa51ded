// Errors the renderer itself reports (the transport failed, or an answer broke the contract), in the same shape
// as the core's ApiError, so the screens show every failure the same way.
import type { ApiError } from './contract';

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function noTransportError(): ApiError {
  return {
    kind: 'NoTransport',
    title: 'The wizard cannot reach its PowerShell core.',
    action:
      'Open the wizard from its app, or run npm run lab and open the link it prints (the link carries the access token).',
    message: 'This page was opened without the app bridge and without a lab host token.',
  };
}

export function transportError(err: unknown): ApiError {
  return {
    kind: 'Transport',
    title: 'The wizard lost contact with its PowerShell core.',
    action: 'Check that the wizard (or npm run lab) is still running, then try again.',
    message: describe(err),
  };
}

export function refusedError(status: number, body: string): ApiError {
  if (status === 401) {
    return {
      kind: 'TokenRefused',
      title: 'The lab host refused this page’s access token.',
      action: 'Open the link the lab host printed when it started: the token changes every time it starts.',
      message: `HTTP 401: ${body}`,
    };
  }
  return {
    kind: 'Transport',
    title: 'The lab host refused the request.',
    action: 'Restart npm run lab and open the link it prints.',
    message: `HTTP ${status}: ${body}`,
  };
}

export function contractError(what: string, err: unknown): ApiError {
  return {
    kind: 'BadOutput',
    title: 'The core answered in a shape the wizard does not understand.',
    action: 'The app and its core are out of step; reinstall or rebuild the wizard, and report it if it persists.',
    message: `${what}: ${describe(err)}`,
  };
}
