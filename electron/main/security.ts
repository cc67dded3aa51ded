// The main process's security decisions, as small pure functions the tests can call one by one.

/** The app's own origin: the renderer is served from app://msa-wizard/, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'msa-wizard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Only frames showing the app's own pages may call the API. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  if (frameUrl === undefined) return false;
  try {
    const url = new URL(frameUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Links the app may open in the browser: Microsoft's documentation, over https. Everything else is refused. */
const EXTERNAL_HOSTS = new Set(['learn.microsoft.com', 'docs.microsoft.com']);
export function isAllowedExternalUrl(target: string): boolean {
  try {
    const url = new URL(target);
    return url.protocol === 'https:' && EXTERNAL_HOSTS.has(url.hostname) && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export { APP_CSP } from '../common/csp.js';
