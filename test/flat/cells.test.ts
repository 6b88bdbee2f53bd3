import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readAnswer, readBoolean, readDate, readNumber, serialToIso } from '../../src/flat/index.js';

const value = <T>(read: { ok: true; value: T } | { ok: false; message: string }) => (read.ok ? read.value : `ERR ${read.message}`);

describe('ratings', () => {
  test.each([
    ['C', 'C'], ['c', 'C'], ['✓', 'C'], ['✔', 'C'], ['是', 'C'], ['清楚', 'C'], ['yes', 'C'], [' Yes ', 'C'],
    ['F', 'F'], ['f', 'F'], ['?', 'F'], ['？', 'F'], ['模糊', 'F'],
    ['W', 'W'], ['w', 'W'], ['✗', 'W'], ['否', 'W'], ['未知', 'W'], ['no', 'W'],
  ])('%s is %s', (cell, rating) => expect(value(readAnswer(cell))).toBe(rating));

  test('a checkbox is C when ticked, W when not', () => {
    expect(value(readAnswer(true))).toBe('C');
    expect(value(readAnswer(false))).toBe('W');
  });

  test('a date and a note make the long form', () => {
    expect(value(readAnswer('C @2026-10-20'))).toEqual({ rating: 'C', at: '2026-10-20' });
    expect(value(readAnswer('✓ @2026/10/20: 财务处确认'))).toEqual({ rating: 'C', at: '2026-10-20', note: '财务处确认' });
    expect(value(readAnswer('F: budget said verbally'))).toEqual({ rating: 'F', note: 'budget said verbally' });
  });

  test('anything else names what is accepted', () => {
    expect(value(readAnswer('maybe'))).toMatch(/^ERR expected a rating: C\/F\/W, ✓\/\?\/✗, 是\/\?\/否, 清楚\/模糊\/未知 or yes\/no; got "maybe"$/);
    expect(value(readAnswer(3))).toMatch(/got 3$/);
    expect(value(readAnswer('C @soon'))).toMatch(/^ERR the date after "@": expected a date/);
  });
});

describe('booleans', () => {
  test.each([
    ['true', true], ['FALSE', false], ['yes', true], ['no', false], ['是', true], ['否', false],
    ['1', true], ['0', false], ['✓', true], ['✗', false], [1, true], [0, false], [true, true], [false, false],
  ] as const)('%s is %s', (cell, expected) => expect(value(readBoolean(cell))).toBe(expected));

  test('other values are refused', () => {
    expect(value(readBoolean('maybe'))).toMatch(/^ERR expected a yes\/no value/);
    expect(value(readBoolean(2))).toMatch(/^ERR/);
  });
});

describe('dates', () => {
  test('ISO text and common written forms', () => {
    expect(value(readDate('2026-12-31'))).toBe('2026-12-31');
    expect(value(readDate(' 2026-1-5 '))).toBe('2026-01-05');
    expect(value(readDate('2026/12/31'))).toBe('2026-12-31');
    expect(value(readDate('2026.12.31'))).toBe('2026-12-31');
    expect(value(readDate('2026年12月31日'))).toBe('2026-12-31');
    expect(value(readDate('2026-12-31T10:00:00Z'))).toBe('2026-12-31');
  });

  test('impossible days and other text are refused', () => {
    expect(value(readDate('2026-02-30'))).toMatch(/^ERR "2026-02-30" is not a day of the calendar/);
    expect(value(readDate('next month'))).toMatch(/^ERR expected a date: ISO yyyy-MM-dd/);
    expect(value(readDate('12/31/2026'))).toMatch(/^ERR/);
  });

  test('Date objects: UTC midnight (exceljs) and local midnight (Sheets) give the day shown', () => {
    expect(value(readDate(new Date(Date.UTC(2026, 11, 31))))).toBe('2026-12-31');
    expect(value(readDate(new Date(2026, 11, 31)))).toBe('2026-12-31');
    expect(value(readDate(new Date(2026, 11, 31, 15, 30)))).toBe('2026-12-31');
    expect(value(readDate(new Date(Number.NaN)))).toMatch(/^ERR expected a date; got an invalid date/);
  });

  test('serial numbers in the 1900 date system, with the Lotus leap-year bug', () => {
    expect(value(serialToIso(1))).toBe('1900-01-01');
    expect(value(serialToIso(59))).toBe('1900-02-28');
    expect(value(serialToIso(60))).toMatch(/^ERR serial 60 is 1900-02-29, a day that does not exist/);
    expect(value(serialToIso(61))).toBe('1900-03-01');
    expect(value(serialToIso(45000))).toBe('2023-03-15');
    expect(value(serialToIso(46387.75))).toBe('2026-12-31');
    expect(value(serialToIso(2958465))).toBe('9999-12-31');
    expect(value(serialToIso(0))).toMatch(/^ERR/);
    expect(value(serialToIso(2958466))).toMatch(/^ERR/);
    expect(value(readDate(46387))).toBe('2026-12-31');
    expect(value(readDate('46387'))).toBe('2026-12-31');
  });

  test('property: every day from 1900-03-01 on is its serial (days since 1899-12-30)', () => {
    const base = Date.UTC(1899, 11, 30);
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
        const iso = new Date(base + serial * 86_400_000).toISOString().slice(0, 10);
        expect(value(serialToIso(serial))).toBe(iso);
        expect(value(readDate(iso))).toBe(iso);
      }),
    );
  });
});

describe('numbers', () => {
  test.each([
    [1200000, 1200000], ['1200000', 1200000], ['1,200,000', 1200000], ['1，200，000', 1200000], ['1 200 000', 1200000],
    ['¥1,200,000', 1200000], ['$2,400,000.50', 2400000.5], ['120万', 1200000], ['1.5亿', 150000000], ['38万元', 380000], ['0.5', 0.5],
  ] as const)('%s is %s', (cell, expected) => expect(value(readNumber(cell))).toBe(expected));

  test('malformed grouping and words are refused', () => {
    expect(value(readNumber('1,20,000'))).toMatch(/^ERR expected a number such as 1200000, 1,200,000 or 120万; got "1,20,000"/);
    expect(value(readNumber('1.200.000'))).toMatch(/^ERR/);
    expect(value(readNumber('about 1M'))).toMatch(/^ERR/);
    expect(value(readNumber(Number.NaN))).toMatch(/^ERR/);
  });
});
