// Dates and durations in the admin's words, on every screen and in the core's own messages: a moment in the local
// time of the machine that words it, relative to today ("today 12:05 PM", "yesterday 9:14 AM", "tomorrow 3:05 PM",
// else "Mon 30 Nov 2026 8:00 AM"), never an ISO string or a "UTC+00:00" offset; a span in units ("3 days",
// "2 hours 30 minutes", never "4320 minutes"). `now` and the time zone can be passed in (tests pin both); by default
// the machine's clock and zone. Pure (Intl only): the renderer re-exports it through renderer/src/api/contract.ts, and
// the core words the dates it writes into findings and journal lines with formatAbsolute (the renderer and the core
// run on the admin's machine, so both speak its zone).

export interface WhenOptions {
  /** The moment "today" is measured from. */
  readonly now?: Date | number;
  /** An IANA zone ("Europe/Paris"); default the admin's own. */
  readonly timeZone?: string;
  /** Always the full date, never "today" (a change ticket read later). */
  readonly absolute?: boolean;
}

const parts = (at: Date, timeZone: string | undefined): Record<string, string> => {
  const fmt = new Intl.DateTimeFormat('en-US', {
    ...(timeZone === undefined ? {} : { timeZone }),
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  });
  return Object.fromEntries(fmt.formatToParts(at).map((p) => [p.type, p.value]));
};

/** The calendar day of `p` as a day number, to count days between two dates in the same zone. */
const dayNumber = (p: Record<string, string>): number =>
  Date.UTC(Number(p.year), MONTHS.indexOf(p.month ?? ''), Number(p.day)) / 86_400_000;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A moment as the admin reads it; '' for a date that is not one. */
export function formatWhen(at: Date | string | number, options: WhenOptions = {}): string {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  const p = parts(date, options.timeZone);
  const time = `${p.hour ?? ''}:${p.minute ?? ''} ${(p.dayPeriod ?? '').toUpperCase()}`;
  if (options.absolute !== true) {
    const now = options.now === undefined ? new Date() : new Date(options.now);
    const days = dayNumber(p) - dayNumber(parts(now, options.timeZone));
    if (days === 0) return `today ${time}`;
    if (days === -1) return `yesterday ${time}`;
    if (days === 1) return `tomorrow ${time}`;
  }
  return `${p.weekday ?? ''} ${p.day ?? ''} ${p.month ?? ''} ${p.year ?? ''} ${time}`;
}

/**
 * A moment written into a message that is kept and read later (a check's finding, a journal line): always the full
 * date ("Sat 5 Dec 2026 12:05 PM"), since "today" would go stale; the text unchanged if it is not a date.
 */
export function formatAbsolute(at: Date | string | number): string {
  return formatWhen(at, { absolute: true }) || String(at);
}

const UNITS = [
  { ms: 86_400_000, one: 'day', many: 'days' },
  { ms: 3_600_000, one: 'hour', many: 'hours' },
  { ms: 60_000, one: 'minute', many: 'minutes' },
  { ms: 1000, one: 'second', many: 'seconds' },
] as const;

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * A span in its two largest units ("3 days", "2 hours 30 minutes", "1 day 4 hours"); seconds only under a minute.
 * Rounded down to what is shown, except that anything above zero shows as at least "1 second".
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, ms);
  if (total < 60_000) return count(Math.max(total > 0 ? 1 : 0, Math.floor(total / 1000)), 'second', 'seconds');
  const shown: string[] = [];
  let rest = total;
  for (const unit of UNITS.slice(0, 3)) {
    const n = Math.floor(rest / unit.ms);
    rest -= n * unit.ms;
    if (n > 0 || shown.length > 0) shown.push(n === 0 ? '' : count(n, unit.one, unit.many));
    if (shown.length === 2) break;
  }
  return shown.filter((s) => s !== '').join(' ');
}

/** A span given in minutes, as Task Scheduler's fields take it: 4320 -> "3 days", 0 -> "0 minutes". */
export function formatMinutes(minutes: number): string {
  return minutes <= 0 ? '0 minutes' : formatDuration(minutes * 60_000);
}
