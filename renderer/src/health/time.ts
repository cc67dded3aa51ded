// Times as the health check shows them: a countdown to readyAt ("9 h 59 min") and the local clock time it is due.

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

const sameDay = (a: Date, b: Date): boolean =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** The local clock time of `at` ("14:32"), with the day when it is not today ("Wed 14:32"). */
export function formatClock(at: Date, now: Date): string {
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (sameDay(at, now)) return time;
  return `${at.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })} ${time}`;
}

/** A timestamp for a change ticket: local date and time, and the UTC offset ("2025-11-25 14:32:05 UTC+01:00"). */
export function formatStamp(at: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const offset = -at.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  return `${date} ${time} UTC${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}
