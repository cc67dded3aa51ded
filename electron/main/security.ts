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

/**
 * Downloads the app allows: files the renderer itself made (Save answers, Export script) — blob: URLs of the app's
 * own origin. Anything else (a link, a redirect, a file from the network) is refused.
 */
export function isAllowedDownload(url: string): boolean {
  return url.startsWith(`blob:${APP_ORIGIN}/`);
}

/** The Save dialog's file-type filter for a download the app allows, from its file name. */
export function saveFilters(fileName: string): { name: string; extensions: string[] }[] {
  if (/\.json$/i.test(fileName)) return [{ name: 'Answers file (JSON)', extensions: ['json'] }];
  if (/\.ps1$/i.test(fileName)) return [{ name: 'PowerShell script', extensions: ['ps1'] }];
  return [];
}

export { APP_CSP } from '../common/csp.js';
