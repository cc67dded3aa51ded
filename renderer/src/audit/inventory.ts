// The inventory table's cells in words (password age against its interval, last logon, encryption, who may retrieve
// the password with the group path, the linked host, where it is used) and its sorting by column. Dates are the
// admin's (format/when.ts); a cell the directory left empty says so in words, never a dash.
import { formatWhen, type AccountUse, type InventoryAccount, type Retriever } from '../api/contract';
import { compareText } from './findings';

const DAY_MS = 86_400_000;

/**
 * The table's columns, in order. `row`: the short facts make each account's first row; the long ones (DNS host name,
 * who may retrieve, linked host, used by) its second row, under them, so the table fits the screen's column at
 * 1280x720.
 */
export const INVENTORY_COLUMNS = [
  { id: 'name', title: 'Name', sortable: true, row: 1 },
  { id: 'type', title: 'Type', sortable: true, row: 1 },
  { id: 'enabled', title: 'Enabled', sortable: true, row: 1 },
  { id: 'password', title: 'Password last set', sortable: true, row: 1 },
  { id: 'lastLogon', title: 'Last logon', sortable: true, row: 1 },
  { id: 'encryption', title: 'Encryption', sortable: false, row: 1 },
  { id: 'dnsHostName', title: 'DNS host name', sortable: false, row: 2 },
  { id: 'retrievers', title: 'Who can retrieve the password', sortable: false, row: 2 },
  { id: 'linkedHosts', title: 'Linked host', sortable: false, row: 2 },
  { id: 'usedBy', title: 'Used by', sortable: false, row: 2 },
] as const;

type InventoryColumn = (typeof INVENTORY_COLUMNS)[number]['id'];
export type InventorySortKey = Extract<(typeof INVENTORY_COLUMNS)[number], { sortable: true }>['id'];

export interface InventorySort {
  readonly key: InventorySortKey;
  readonly ascending: boolean;
}

export const DEFAULT_INVENTORY_SORT: InventorySort = { key: 'name', ascending: true };

const daysSince = (iso: string, now: number): number => Math.floor((now - new Date(iso).getTime()) / DAY_MS);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "Mon 5 Oct 2026 10:00 AM, 61 days ago (every 30 days): not changed for 2 intervals" (or what is not known). */
export function passwordWords(account: InventoryAccount, now: number): string {
  if (account.passwordLastSet === null) return 'never set';
  const age = daysSince(account.passwordLastSet, now);
  const set = `${formatWhen(account.passwordLastSet, { now })}, ${plural(age, 'day')} ago`;
  const interval = account.passwordIntervalDays;
  if (interval === null || interval <= 0) return set;
  const missed = Math.floor(age / interval);
  const every = `${set} (every ${plural(interval, 'day')})`;
  return missed >= 2 ? `${every}: not changed for ${missed} intervals` : every;
}

/** "today 9:12 AM" / "Tue 1 Sep 2026 ...: unused for 95 days" / "never". */
export function lastLogonWords(account: InventoryAccount, now: number): string {
  if (account.lastLogon === null) return 'never';
  const days = daysSince(account.lastLogon, now);
  const when = formatWhen(account.lastLogon, { now });
  return days >= 90 ? `${when}: unused for ${plural(days, 'day')}` : when;
}

/** "AES128, AES256", "RC4 only", or the DC's default when the attribute is not set. */
export function encryptionWords(types: readonly string[]): string {
  if (types.length === 0) return "not set (the domain controller's default)";
  if (types.length === 1 && (types[0] === 'RC4' || types[0] === 'DES')) return `${types[0]} only`;
  return types.join(', ');
}

/** A retriever with the groups it is reached through: "CONTOSO\\WEB01$ (through Web Servers)". */
function retrieverWords(r: Retriever): string {
  const state = r.enabled === false ? ', disabled' : '';
  return r.via.length === 0 ? `${r.name}${state}` : `${r.name}${state} (through ${r.via.join(' > ')})`;
}

function retrieversWords(account: InventoryAccount): string {
  if (account.type === 'sMSA') return 'its linked host only';
  return account.retrievers.length === 0 ? 'no one' : account.retrievers.map(retrieverWords).join('; ');
}

const USE_WORDS: Record<AccountUse['kind'], string> = {
  task: 'scheduled task',
  service: 'service',
  'app-pool': 'application pool',
};

function usedByWords(uses: readonly AccountUse[]): string {
  return uses.length === 0 ? 'not known' : uses.map((u) => `${USE_WORDS[u.kind]} ${u.name} on ${u.host}`).join('; ');
}

/** One row of the table, each column in words. */
export function inventoryRow(account: InventoryAccount, now: number): Record<InventoryColumn, string> {
  return {
    type: account.type,
    name: account.sam,
    dnsHostName: account.dnsHostName ?? 'none',
    enabled: account.enabled ? 'Yes' : 'No',
    password: passwordWords(account, now),
    lastLogon: lastLogonWords(account, now),
    encryption: encryptionWords(account.encryptionTypes),
    retrievers: retrieversWords(account),
    linkedHosts: account.type === 'sMSA' ? account.linkedHosts.join(', ') || 'none' : 'not an sMSA',
    usedBy: usedByWords(account.usedBy),
  };
}

const time = (iso: string | null): number => (iso === null ? Number.NEGATIVE_INFINITY : new Date(iso).getTime());

const COMPARE: Record<InventorySortKey, (a: InventoryAccount, b: InventoryAccount) => number> = {
  type: (a, b) => compareText(a.type, b.type),
  name: (a, b) => compareText(a.sam, b.sam),
  enabled: (a, b) => Number(a.enabled) - Number(b.enabled),
  password: (a, b) => time(a.passwordLastSet) - time(b.passwordLastSet),
  lastLogon: (a, b) => time(a.lastLogon) - time(b.lastLogon),
};

/** Sorted by the column (ties by name, always A to Z); ascending: A to Z, oldest first, No before Yes. */
export function sortInventory(accounts: readonly InventoryAccount[], sort: InventorySort): InventoryAccount[] {
  const compare = COMPARE[sort.key];
  return [...accounts].sort((a, b) => {
    const c = compare(a, b);
    if (c !== 0 && !Number.isNaN(c)) return sort.ascending ? c : -c;
    return compareText(a.sam, b.sam);
  });
}

/** "sorted by Password last set, oldest first" */
export function inventorySortWords(sort: InventorySort): string {
  const title = INVENTORY_COLUMNS.find((c) => c.id === sort.key)?.title ?? sort.key;
  const order =
    sort.key === 'password' || sort.key === 'lastLogon'
      ? sort.ascending
        ? 'oldest first'
        : 'newest first'
      : sort.key === 'enabled'
        ? sort.ascending
          ? 'disabled first'
          : 'enabled first'
        : sort.ascending
          ? 'A to Z'
          : 'Z to A';
  return `sorted by ${title}, ${order}`;
}

/** Clicking a column: the same one flips the order; another sorts by it ascending. */
export function nextInventorySort(current: InventorySort, key: InventorySortKey): InventorySort {
  return current.key === key ? { key, ascending: !current.ascending } : { key, ascending: true };
}
