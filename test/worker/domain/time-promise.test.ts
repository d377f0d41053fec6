/**
 * The time promise: the community median with its thin-data default, business-hours arithmetic in
 * the site's zone (closing time, weekends, holidays, queue, daylight saving), and the wording in
 * English, Dutch and French in the shopper's zone.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BUSINESS_HOURS,
  communityEstimate,
  formatEstimate,
  formatPromise,
  isOpen,
  nextOpening,
  roundToHumanUnit,
  staffDeadline,
  type BusinessHours,
  type StaffDeadlineInput,
} from '../../../worker/src/domain/time-promise.ts';

const MIN = 60e3;
const HOUR = 60 * MIN;
const AMS = 'Europe/Amsterdam';

// Wall-clock times in Amsterdam during 2026, written as UTC so the tests do not use the code under test.
// Summer time (CEST, UTC+2) runs from Sunday 29 March 02:00 to Sunday 25 October 03:00.
const cest = (month: number, day: number, hour: number, minute = 0) => Date.UTC(2026, month - 1, day, hour - 2, minute);
const cet = (month: number, day: number, hour: number, minute = 0) => Date.UTC(2026, month - 1, day, hour - 1, minute);

const EVERY_DAY = (open: string, close: string): BusinessHours =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [[open, close]]]));

/** A shop in Amsterdam, Mon–Fri 09:00–17:30, a 4-business-hour SLA and an empty queue. */
function deadline(now: number, overrides: Partial<StaffDeadlineInput> = {}): number {
  return staffDeadline({ now, businessHours: DEFAULT_BUSINESS_HOURS, timeZone: AMS, holidays: [], slaMs: 4 * HOUR, ...overrides });
}

describe('communityEstimate', () => {
  it('takes the median of the delays, whatever their order', () => {
    expect(communityEstimate([50, 10, 40, 20, 30].map((m) => m * MIN), 2 * HOUR)).toEqual({
      ms: 30 * MIN,
      value: 30,
      unit: 'minute',
      source: 'median',
      samples: 5,
    });
    // Even count: the mean of the two middle values (30 and 40 minutes).
    expect(communityEstimate([10, 20, 30, 40, 50, 60].map((m) => m * MIN), 2 * HOUR)).toMatchObject({ value: 35, unit: 'minute' });
    // One slow outlier does not move a median.
    expect(communityEstimate([1, 2, 2, 3, 3, 300].map((h) => h * HOUR), HOUR)).toMatchObject({ value: 3, unit: 'hour', source: 'median' });
  });

  it('falls back to the default when there are fewer than five data points', () => {
    expect(communityEstimate([5 * MIN, 6 * MIN, 7 * MIN, 8 * MIN], 2 * HOUR)).toEqual({ ms: 2 * HOUR, value: 2, unit: 'hour', source: 'default', samples: 4 });
    expect(communityEstimate([], 3 * HOUR)).toMatchObject({ value: 3, unit: 'hour', source: 'default', samples: 0 });
    // The minimum can be set per call (e.g. a product page with its own, smaller history).
    expect(communityEstimate([20 * MIN, 40 * MIN], 3 * HOUR, 2)).toMatchObject({ value: 30, unit: 'minute', source: 'median' });
  });

  it('ignores delays that cannot be real', () => {
    const est = communityEstimate([Number.NaN, -5 * MIN, Number.POSITIVE_INFINITY, 10 * MIN, 10 * MIN, 20 * MIN, 20 * MIN, 20 * MIN], HOUR);
    expect(est).toMatchObject({ samples: 5, value: 20, unit: 'minute', source: 'median' });
  });

  it.each([
    [0, 5, 'minute'],
    [3 * MIN, 5, 'minute'],
    [52 * MIN, 50, 'minute'],
    [58 * MIN, 1, 'hour'],
    [90 * MIN, 2, 'hour'],
    [23.4 * HOUR, 23, 'hour'],
    [23.6 * HOUR, 1, 'day'],
    [36 * HOUR, 2, 'day'],
    [Number.NaN, 5, 'minute'],
  ] as const)('rounds %d ms to %d %s', (ms, value, unit) => {
    expect(roundToHumanUnit(ms)).toMatchObject({ value, unit });
  });

  it.each([
    [{ value: 15, unit: 'minute' }, ['15 minutes', '15 minuten', '15 minutes']],
    [{ value: 3, unit: 'hour' }, ['3 hours', '3 uur', '3 heures']],
    [{ value: 1, unit: 'day' }, ['1 day', '1 dag', '1 jour']],
  ] as const)('writes %o in English, Dutch and French', (estimate, [en, nl, fr]) => {
    // Intl keeps French number and unit together with a no-break space where its data says so
    // ("3\u00a0heures"); that is right for the widget, so only the spacing is relaxed here.
    const spaced = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect([formatEstimate(estimate, 'en'), formatEstimate(estimate, 'nl'), spaced(formatEstimate(estimate, 'fr'))]).toEqual([en, nl, fr]);
  });
});

describe('staffDeadline', () => {
  it('counts from now inside business hours', () => {
    expect(deadline(cest(6, 9, 10))).toBe(cest(6, 9, 14)); // Tuesday 10:00 → 14:00
    expect(deadline(cest(6, 9, 10), { slaMs: 0 })).toBe(cest(6, 9, 10));
  });

  it('carries what is left at closing time over to the next business morning', () => {
    expect(deadline(cest(6, 9, 16))).toBe(cest(6, 10, 11, 30)); // 1.5 h Tuesday, 2.5 h Wednesday
    expect(deadline(cest(6, 9, 18))).toBe(cest(6, 10, 13)); // after closing: from 09:00 Wednesday
    expect(deadline(cest(6, 9, 17, 30))).toBe(cest(6, 10, 13)); // closing time itself is closed
    expect(deadline(cest(6, 9, 7))).toBe(cest(6, 9, 13)); // before opening: from 09:00 today
    expect(deadline(cest(6, 9, 13), { slaMs: 4.5 * HOUR })).toBe(cest(6, 9, 17, 30)); // ends exactly at closing
  });

  it('skips the weekend: a Friday evening question is answered on Monday', () => {
    expect(deadline(cest(6, 12, 19))).toBe(cest(6, 15, 13));
    expect(deadline(cest(6, 12, 16))).toBe(cest(6, 15, 11, 30));
    expect(deadline(cest(6, 13, 11))).toBe(cest(6, 15, 13)); // Saturday
  });

  it('skips holidays', () => {
    // Ascension Day, Thursday 14 May: half an hour on Wednesday, then Friday.
    expect(deadline(cest(5, 13, 17), { holidays: ['2026-05-14'] })).toBe(cest(5, 15, 12, 30));
    expect(deadline(cest(5, 14, 10), { holidays: ['2026-05-14'] })).toBe(cest(5, 15, 13)); // asked on the holiday
    // Christmas falls on Friday and Saturday: from Thursday afternoon to Monday.
    expect(deadline(cet(12, 24, 16), { holidays: ['2026-12-25', '2026-12-26'] })).toBe(cet(12, 28, 11, 30));
    expect(deadline(cet(12, 24, 16))).toBe(cet(12, 25, 11, 30));
  });

  it('adds the time for the queue ahead', () => {
    expect(deadline(cest(6, 9, 10), { queueAhead: 6, perItemMs: 20 * MIN })).toBe(cest(6, 9, 16)); // 4 h + 2 h
    expect(deadline(cest(6, 9, 10), { queueAhead: 10, perItemMs: 30 * MIN })).toBe(cest(6, 10, 10, 30)); // 9 h: 7.5 today
    expect(deadline(cest(6, 9, 10), { queueAhead: -3, perItemMs: 30 * MIN })).toBe(cest(6, 9, 14));
  });

  it('honours several intervals a day (a lunch break)', () => {
    const hours: BusinessHours = { tue: [['09:00', '12:00'], ['13:00', '17:00']], wed: [['09:00', '12:00']] };
    expect(deadline(cest(6, 9, 11), { businessHours: hours, slaMs: 2 * HOUR })).toBe(cest(6, 9, 14));
    expect(deadline(cest(6, 9, 12, 30), { businessHours: hours, slaMs: HOUR })).toBe(cest(6, 9, 14));
    expect(deadline(cest(6, 9, 16), { businessHours: hours, slaMs: 2 * HOUR })).toBe(cest(6, 10, 10));
  });

  describe('across daylight saving time in Europe/Amsterdam', () => {
    it('spring: Friday afternoon before the last Sunday of March → Monday in summer time', () => {
      // 16:00 CET is 15:00 UTC; Monday 11:30 CEST is 09:30 UTC (an hour "early" if DST were ignored).
      expect(deadline(cet(3, 27, 16))).toBe(cest(3, 30, 11, 30));
      expect(cest(3, 30, 11, 30)).toBe(Date.UTC(2026, 2, 30, 9, 30));
    });

    it('autumn: Friday afternoon before the last Sunday of October → Monday in winter time', () => {
      expect(deadline(cest(10, 23, 16))).toBe(cet(10, 26, 11, 30));
      expect(cet(10, 26, 11, 30)).toBe(Date.UTC(2026, 9, 26, 10, 30));
    });

    it('opens at 09:00 local on the change-over Sunday itself', () => {
      const hours = EVERY_DAY('09:00', '17:30');
      expect(deadline(cet(3, 28, 16), { businessHours: hours })).toBe(cest(3, 29, 11, 30));
      expect(deadline(cest(10, 24, 16), { businessHours: hours })).toBe(cet(10, 25, 11, 30));
    });

    it('counts elapsed time, not wall-clock time, when open through the night of the change', () => {
      const always = EVERY_DAY('00:00', '24:00');
      // Saturday 23:00 + 4 h: the night is an hour shorter in spring and an hour longer in autumn.
      expect(deadline(cet(3, 28, 23), { businessHours: always })).toBe(Date.UTC(2026, 2, 28, 22) + 4 * HOUR); // 04:00 CEST
      expect(deadline(cest(10, 24, 23), { businessHours: always })).toBe(Date.UTC(2026, 9, 24, 21) + 4 * HOUR); // 02:00 CET
    });

    it('reads opening times in the skipped or repeated hour like Temporal’s "compatible"', () => {
      // 02:30 does not exist on 29 March: it moves an hour later, to 03:30 CEST (01:30 UTC).
      expect(nextOpening(cet(3, 28, 12), { sun: [['02:30', '06:00']] }, AMS)).toBe(Date.UTC(2026, 2, 29, 1, 30));
      // 02:30 happens twice on 25 October: the first, in CEST (00:30 UTC).
      expect(nextOpening(cest(10, 24, 12), { sun: [['02:30', '06:00']] }, AMS)).toBe(Date.UTC(2026, 9, 25, 0, 30));
    });
  });

  it('works in any zone, with its own daylight-saving dates', () => {
    // New York moves its clocks on 8 March 2026: Friday 16:00 EST (21:00 UTC) → Monday 11:30 EDT (15:30 UTC).
    expect(deadline(Date.UTC(2026, 2, 6, 21), { timeZone: 'America/New_York' })).toBe(Date.UTC(2026, 2, 9, 15, 30));
    // Tokyo has no daylight saving: Tuesday 16:00 JST (07:00 UTC) → Wednesday 11:30 JST (02:30 UTC).
    expect(deadline(Date.UTC(2026, 5, 9, 7), { timeZone: 'Asia/Tokyo' })).toBe(Date.UTC(2026, 5, 10, 2, 30));
  });

  it('rejects hours that are never open or malformed', () => {
    expect(() => deadline(cest(6, 9, 10), { businessHours: {} })).toThrow(RangeError);
    expect(() => deadline(cest(6, 9, 10), { businessHours: { mon: [['9:00', '17:00']] } })).toThrow(/HH:MM/);
    expect(() => deadline(cest(6, 9, 10), { businessHours: { mon: [['17:00', '09:00']] } })).toThrow(/open before/);
    expect(() => deadline(cest(6, 9, 10), { timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
  });
});

describe('isOpen and nextOpening', () => {
  it('tells whether staff are at work now', () => {
    expect(isOpen(cest(6, 9, 10), DEFAULT_BUSINESS_HOURS, AMS)).toBe(true);
    expect(isOpen(cest(6, 9, 9), DEFAULT_BUSINESS_HOURS, AMS)).toBe(true);
    expect(isOpen(cest(6, 9, 17, 29), DEFAULT_BUSINESS_HOURS, AMS)).toBe(true);
    expect(isOpen(cest(6, 9, 17, 30), DEFAULT_BUSINESS_HOURS, AMS)).toBe(false);
    expect(isOpen(cest(6, 9, 8, 59), DEFAULT_BUSINESS_HOURS, AMS)).toBe(false);
    expect(isOpen(cest(6, 13, 11), DEFAULT_BUSINESS_HOURS, AMS)).toBe(false); // Saturday
    expect(isOpen(cest(5, 14, 11), DEFAULT_BUSINESS_HOURS, AMS, ['2026-05-14'])).toBe(false);
    // The site's zone decides, not UTC: 08:30 UTC is 10:30 in Amsterdam but 04:30 in New York.
    expect(isOpen(Date.UTC(2026, 5, 9, 8, 30), DEFAULT_BUSINESS_HOURS, 'America/New_York')).toBe(false);
  });

  it('gives the next moment staff are at work', () => {
    expect(nextOpening(cest(6, 12, 19), DEFAULT_BUSINESS_HOURS, AMS)).toBe(cest(6, 15, 9));
    expect(nextOpening(cest(6, 9, 10), DEFAULT_BUSINESS_HOURS, AMS)).toBe(cest(6, 9, 10));
    expect(nextOpening(cet(12, 24, 18), DEFAULT_BUSINESS_HOURS, AMS, ['2026-12-25'])).toBe(cet(12, 28, 9));
  });
});

describe('formatPromise', () => {
  const now = cest(6, 9, 10); // Tuesday 9 June, 10:00 in Amsterdam

  it.each([
    ['today', cest(6, 9, 15, 30), ['today before 15:30', 'vandaag vóór 15:30', "aujourd'hui avant 15h30"]],
    ['tomorrow', cest(6, 10, 11), ['tomorrow before 11:00', 'morgen vóór 11:00', 'demain avant 11h00']],
    ['a weekday', cest(6, 15, 10), ['Monday before 10:00', 'maandag vóór 10:00', 'lundi avant 10h00']],
    ['a date beyond a week', cest(6, 22, 10), ['Monday 22 June before 10:00', 'maandag 22 juni vóór 10:00', 'lundi 22 juin avant 10h00']],
  ] as const)('names %s in English, Dutch and French', (_, at, [en, nl, fr]) => {
    expect(formatPromise(at, now, 'en', AMS).text).toBe(en);
    expect(formatPromise(at, now, 'nl', AMS).text).toBe(nl);
    expect(formatPromise(at, now, 'fr', AMS).text).toBe(fr);
  });

  it('returns the parts for a UI that composes its own sentence', () => {
    expect(formatPromise(cest(6, 10, 11), now, 'fr', AMS)).toEqual({ text: 'demain avant 11h00', day: 'tomorrow', time: '11h00' });
    expect(formatPromise(cest(6, 15, 10), now, 'en', AMS)).toMatchObject({ day: 'weekday', time: '10:00' });
  });

  it('rounds up to the quarter hour, so the promise is kept', () => {
    expect(formatPromise(cest(6, 9, 10, 47), now, 'en', AMS).text).toBe('today before 11:00');
    expect(formatPromise(cest(6, 9, 11), now, 'en', AMS).text).toBe('today before 11:00');
    expect(formatPromise(cest(6, 9, 11) + 1, now, 'en', AMS).text).toBe('today before 11:15');
    expect(formatPromise(cest(6, 9, 10, 47), now, 'en', AMS, 0).text).toBe('today before 10:47');
  });

  it('speaks in the shopper’s time zone, which can change the day', () => {
    const at = cest(6, 9, 15, 30);
    expect(formatPromise(at, now, 'en', 'Europe/London').text).toBe('today before 14:30');
    expect(formatPromise(at, now, 'en', 'America/New_York').text).toBe('today before 09:30');
    // In Tokyo it is already 17:00 on Tuesday; 17:30 in Amsterdam is 00:30 on Wednesday there.
    expect(formatPromise(cest(6, 9, 17, 30), now, 'en', 'Asia/Tokyo').text).toBe('tomorrow before 00:30');
  });

  it('writes a deadline across the spring change in summer time', () => {
    const friday = cet(3, 27, 16);
    const due = deadline(friday);
    expect(formatPromise(due, friday, 'nl', AMS).text).toBe('maandag vóór 11:30');
    expect(formatPromise(due, friday, 'en', 'Europe/London').text).toBe('Monday before 10:30');
  });

  it('writes a deadline already passed as today', () => {
    expect(formatPromise(now - HOUR, now, 'en', AMS).text).toBe('today before 09:00');
  });

  it('goes with isOpen for the "outside business hours" message', () => {
    const fridayEvening = cest(6, 12, 19);
    const due = deadline(fridayEvening);
    expect(isOpen(fridayEvening, DEFAULT_BUSINESS_HOURS, AMS)).toBe(false);
    expect(formatPromise(due, fridayEvening, 'fr', AMS).text).toBe('lundi avant 13h00');
  });
});
