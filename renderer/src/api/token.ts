// The lab host hands the page its access token in the URL fragment (#token=<hex>), which browsers never send to
// servers. Read it once at startup, take it out of the address bar, and keep it for this tab only so a reload works.
const FRAGMENT = /^#token=([0-9a-f]{32,128})$/i;
const STORAGE_KEY = 'msa-wizard.lab-token';

export function takeLabToken(win: Window): string | null {
  const match = FRAGMENT.exec(win.location.hash);
  if (match?.[1] !== undefined) {
    const token = match[1];
    win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
    try {
      win.sessionStorage.setItem(STORAGE_KEY, token);
    } catch {
      // Storage can be unavailable; the token then lasts until the page is reloaded.
    }
    return token;
  }
  try {
    return win.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
