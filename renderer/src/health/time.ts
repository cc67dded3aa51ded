// Times as the health check shows them: a countdown to readyAt ("9 h 59 min", compact: it ticks every second) and
// the local time it is due, through the shared formatter (format/when.ts).
import { formatWhen } from '../format/when';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** What is left of `ms`, coarse far away and finer close by: "9 h 59 min", "4 min 30 s", "12 s". */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / SECOND)) * SECOND;
  const hours = Math.floor(total / HOUR);
  const minutes = Math.floor((total % HOUR) / MINUTE);
  const seconds = Math.floor((total % MINUTE) / SECOND);
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${seconds} s`;
  return `${seconds} s`;
}

/** The local time of `at` in words, relative to `now` ("today 2:32 PM", "Wed 2 Dec 2026 2:32 PM"). */
export function formatClock(at: Date, now: Date): string {
  return formatWhen(at, { now });
}

/** A timestamp for a change ticket, read later: always the full local date and time ("Wed 25 Nov 2026 2:32 PM"). */
export function formatStamp(at: Date): string {
  return formatWhen(at, { absolute: true });
}
