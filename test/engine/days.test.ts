import { differenceInCalendarDays, parseISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, epochDay } from '../../src/engine/days.js';

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

describe('epochDay', () => {
  const table: [string, string, number][] = [
    ['the epoch', '1970-01-01', 0],
    ['the day after', '1970-01-02', 1],
    ['the day before', '1969-12-31', -1],
    ['a leap day', '2024-02-29', 19782],
    ['the day after a leap day', '2024-03-01', 19783],
    ['2000 is a leap year (divisible by 400)', '2000-03-01', 11017],
    ['year 0050 is not read as 1950', '0050-01-01', -701265],
  ];
  it.each(table)('%s: %s is day %i', (_name, date, day) => expect(epochDay(date)).toBe(day));
  it('1900 is not a leap year: Feb 28 to Mar 1 is one day', () => expect(daysBetween('1900-02-28', '1900-03-01')).toBe(1));
});

describe('daysBetween equals date-fns differenceInCalendarDays', () => {
  const date = fc.date({ min: new Date(Date.UTC(1, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }).map((d) =>
    iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()),
  );
  it('on random pairs of dates (years 0001–9999)', () =>
    fc.assert(
      fc.property(date, date, (a, b) => daysBetween(a, b) === differenceInCalendarDays(parseISO(b), parseISO(a))),
      { numRuns: 3000, seed: 7 },
    ));
});
