/** The renderer's Content-Security-Policy, served by both front doors (app:// in Electron, the lab host): scripts only
 *  from the app itself, no eval, no inline script. Fluent UI inserts <style> elements at run time, hence
 *  'unsafe-inline' for styles only. renderer/index.html carries the same policy in a meta tag. */
export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
