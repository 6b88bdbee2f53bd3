/**
 * Sums that overflow (issue 11): an amount of 1.79e308 printed "total Infinity". Every digit of a
 * large sum is written out; a sum past the largest double says it overflowed, in the total and the
 * weighted pipeline alike.
 */
import { describe, expect, it } from 'vitest';
import { markdown } from '../../src/cli/formatters/markdown.js';
import { stylish } from '../../src/cli/formatters/stylish.js';
import { formatAll, money } from '../../src/cli/formatters/types.js';
import { CONTEXT, record } from './records.js';

describe('money sums', () => {
  it('money() writes large amounts out in full and says when a sum overflowed', async () => {
    expect(money(1234567.4)).toBe('1,234,567');
    expect(money(1e21)).toBe('1,000,000,000,000,000,000,000');
    expect(money(1.79e308).replace(/,/g, '')).toBe(BigInt(1.79e308).toString());
    expect(money(Infinity)).toBe('more than 1.8e308 (the sum overflowed)');
    expect(money(-Infinity)).toBe('less than -1.8e308 (the sum overflowed)');
  });

  it('one deal of 1.79e308: the total is finite and written out; two: the stylish and markdown summaries say they overflowed', async () => {
    const one = await formatAll(stylish, [record('A', 'a', 1.79e308)], CONTEXT);
    expect(one).not.toMatch(/Infinity|NaN/);
    expect(one).toMatch(/total 178,999,999/);
    for (const formatter of [stylish, markdown]) {
      const two = await formatAll(formatter, [record('A', 'a', 1.79e308), record('B', 'b', 1.79e308)], CONTEXT);
      expect(two).not.toMatch(/Infinity|NaN/);
      expect(two).toMatch(/total more than 1\.8e308 \(the sum overflowed\)/);
    }
  });

  it('the weighted pipeline overflows only when the weighted sum does, and says so', async () => {
    const many = Array.from({ length: 40 }, (_, i) => record(`D${i}`, 'a', 1.79e308));
    const text = await formatAll(stylish, many, CONTEXT);
    expect(text).toMatch(/weighted pipeline \(CNY\): more than 1\.8e308 \(the sum overflowed\)/);
  });
});
