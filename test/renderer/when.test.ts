// The shared formatter (electron/common/when.ts, which renderer/src/format/when.ts re-exports): moments relative to a
// fixed "now" in a fixed zone (never the machine's), the full date past tomorrow, no ISO and no "UTC" anywhere; spans
// in units; formatAbsolute, the core's, in the machine's zone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAbsolute, formatDuration, formatMinutes, formatWhen } from '../../renderer/src/format/when';

// Friday 4 December 2026, 14:00 in Paris (13:00 UTC).
const now = Date.parse('2026-12-04T13:00:00Z');
const paris = { now, timeZone: 'Europe/Paris' };

describe('formatWhen', () => {
  it('says today, yesterday and tomorrow in the admin’s zone', () => {
    assert.equal(formatWhen('2026-12-04T11:05:00Z', paris), 'today 12:05 PM');
    assert.equal(formatWhen('2026-12-04T12:05:00.0000000+00:00', paris), 'today 1:05 PM');
    assert.equal(formatWhen('2026-12-03T08:14:00Z', paris), 'yesterday 9:14 AM');
    assert.equal(formatWhen('2026-12-05T14:05:00Z', paris), 'tomorrow 3:05 PM');
  });

  it('gives the full date further away, or always when asked', () => {
    assert.equal(formatWhen('2026-11-30T07:00:00Z', paris), 'Mon 30 Nov 2026 8:00 AM');
    assert.equal(formatWhen('2026-12-04T11:05:00Z', { ...paris, absolute: true }), 'Fri 4 Dec 2026 12:05 PM');
  });

  it('counts days in the zone, not in UTC: 23:30 UTC is already tomorrow in Kolkata', () => {
    const kolkata = { now, timeZone: 'Asia/Kolkata' };
    assert.equal(formatWhen('2026-12-04T23:30:00Z', kolkata), 'tomorrow 5:00 AM');
    assert.equal(formatWhen('2026-12-04T23:30:00Z', { now, timeZone: 'America/New_York' }), 'today 6:30 PM');
  });

  it('never shows ISO or UTC, and nothing for a date that is not one', () => {
    const text = formatWhen(new Date(now), paris);
    assert.doesNotMatch(text, /UTC|T\d\d:|\+\d\d:\d\d/);
    assert.equal(formatWhen('not a date', paris), '');
  });

  it('formatAbsolute (the core’s messages): the full date in this machine’s zone, the text back if not a date', () => {
    const iso = '2026-12-05T12:05:00.000Z';
    assert.equal(formatAbsolute(iso), formatWhen(iso, { absolute: true }));
    assert.match(formatAbsolute(iso), /^(Sat|Sun) \d{1,2} Dec 2026 \d{1,2}:\d\d [AP]M$/);
    assert.equal(formatAbsolute('not a date'), 'not a date');
  });
});

describe('formatDuration', () => {
  it('uses units, the two largest', () => {
    assert.equal(formatMinutes(4320), '3 days');
    assert.equal(formatMinutes(150), '2 hours 30 minutes');
    assert.equal(formatMinutes(60), '1 hour');
    assert.equal(formatMinutes(1441), '1 day');
    assert.equal(formatMinutes(1500), '1 day 1 hour');
    assert.equal(formatMinutes(0), '0 minutes');
    assert.equal(formatDuration(45_500), '45 seconds');
    assert.equal(formatDuration(200), '1 second');
    assert.equal(formatDuration(10 * 3_600_000 - 1), '9 hours 59 minutes');
  });
});
