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

/** The files the app saves, by extension, with the Save dialog's filter for each. */
const SAVED_FILES: readonly { readonly pattern: RegExp; readonly filter: { name: string; extensions: string[] } }[] = [
  { pattern: /\.json$/i, filter: { name: 'Answers file (JSON)', extensions: ['json'] } },
  { pattern: /\.ps1$/i, filter: { name: 'PowerShell script', extensions: ['ps1'] } },
];

/**
 * Whether a download may go ahead, and the Save dialog's filters if so: only files the renderer itself made (Save
 * answers, Export script) — blob: URLs of the app's own origin, named .json or .ps1. Anything else (a link, a
 * redirect, a file from the network, another kind of file) is refused: null.
 */
export function allowedDownload(url: string, fileName: string): { name: string; extensions: string[] }[] | null {
  if (!url.startsWith(`blob:${APP_ORIGIN}/`)) return null;
  const saved = SAVED_FILES.find((f) => f.pattern.test(fileName));
  return saved === undefined ? null : [saved.filter];
}

export { APP_CSP } from '../common/csp.js';
