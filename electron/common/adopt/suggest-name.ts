// The gMSA's name suggested from the old account's: what the admin recognises, within a gMSA name's rules (at most
// 15 letters, digits and hyphens: the sAMAccountName limit without its $). 'svc-report-user' becomes 'svc-report'
// (the user-ish suffix goes: the new account is not a user), 'Report.Sync_Svc' 'Report-Sync-Svc'. A name that would
// equal the old one (svc-report$ next to a user svc-report is legal but confusing) gets '-gmsa', shortened to fit.
import { accountNameSchema } from '../plan/plan-schema.js';

const MAX = 15;
const USER_SUFFIX = /[-_. ]?(user|usr|account|acct)$/i;

const tidy = (s: string): string =>
  s
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');

const fit = (s: string, max = MAX): string => s.slice(0, max).replace(/-+$/, '');

/** A valid gMSA name (without $) for moving the user account `oldSam`. */
export function suggestGmsaName(oldSam: string): string {
  const sam = oldSam.replace(/^.*\\/, '').replace(/@.*$/, '');
  const base = tidy(sam.replace(USER_SUFFIX, '')) || tidy(sam) || 'svc';
  let name = fit(base);
  if (name.toLowerCase() === sam.toLowerCase()) name = `${fit(base, MAX - 5)}-gmsa`;
  if (/^[0-9-]+$/.test(name)) name = fit(`svc-${name}`);
  const parsed = accountNameSchema.safeParse(name);
  return parsed.success ? parsed.data : 'svc-moved';
}
