/**
 * Regex backtracking in cell readers (issue 11): one 100 KB cell (`C` + 100k spaces + `x`) took over
 * 20 s. The readers are linear now (scans instead of nested quantifiers); a quadratic reader would
 * not finish these within the test timeout. Cells longer than MAX_CELL_CHARS are refused.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, readAnswer, readDate, readNumber, rowToSnapshot } from '../../src/flat/index.js';
import { keyValue, readEntries, readProducts, STAKEHOLDER, titleOf } from '../../src/flat/compact.js';
import { answerParts } from '../../src/flat/cells.js';
import { AS_OF, dealsOf, folder, run } from './io.js';

const SPACES = ' '.repeat(100_000);
const HOSTILE = [`C${SPACES}x`, `1${SPACES}元x`, `1${SPACES}万x`, `${SPACES}(x`, `a${SPACES}=${SPACES}`, `C @${SPACES}x${SPACES}`, `1${SPACES}台x`];

describe('cell readers take linear time on long runs of spaces', () => {
  it('answer, number and date readers reject the hostile cells', () => {
    for (const cell of HOSTILE) {
      expect(readAnswer(cell).ok).toBe(false);
      expect(readNumber(cell).ok).toBe(false);
      expect(readDate(cell).ok).toBe(false);
    }
  });

  it('compact readers (stakeholders, products) handle them', () => {
    for (const cell of HOSTILE) {
      expect(() => readEntries(STAKEHOLDER, `张总${SPACES}(主任${SPACES}|${cell}`)).not.toThrow();
      expect(readProducts(`AC|m|${cell}`).ok).toBe(false);
    }
  });

  it('the scans read what the regexes read', () => {
    expect(answerParts('✓ @2026-10-20: 财务处确认')).toEqual({ rating: '✓', at: '2026-10-20', note: '财务处确认' });
    expect(answerParts('F: budget said @ lunch')).toEqual({ rating: 'F', note: 'budget said @ lunch' });
    expect(answerParts('C @')).toBeUndefined();
    expect(answerParts('@x')).toBeUndefined();
    expect(readAnswer('C @ 2026-10-20').ok).toBe(true);
    expect(readNumber('120 万元')).toEqual({ ok: true, value: 1_200_000 });
    expect(readNumber('¥ 1,200,000 元')).toEqual({ ok: true, value: 1_200_000 });
    expect(titleOf('张总 (信息中心主任)')).toEqual({ name: '张总', title: '信息中心主任' });
    expect(titleOf('张总(a)(b)')).toEqual({ name: '张总(a)', title: 'b' });
    expect(titleOf('张总)')).toBeUndefined();
    expect(keyValue('channel = Shenzhen Tech')).toEqual({ key: 'channel', value: 'Shenzhen Tech' });
    expect(keyValue('=x')).toBeUndefined();
    expect(readProducts('AC|m|x 3 台')).toEqual({ ok: true, value: [{ line: 'AC', model: 'm', quantity: 3 }] });
  });
});

describe('the cell cap', () => {
  it(`a cell over ${MAX_CELL_CHARS} characters is an issue naming the cap; one at the cap is read`, () => {
    const long = rowToSnapshot(['id', 'need.deadlineReason'], ['D-1', 'x'.repeat(MAX_CELL_CHARS + 1)]);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.issues[0]!.message).toBe("the cell holds 32,768 characters; a cell holds at most 32,767 (Excel's limit)");
    expect(rowToSnapshot(['id', 'need.deadlineReason'], ['D-1', 'x'.repeat(MAX_CELL_CHARS)]).ok).toBe(true);
  });

  it('the CLI: a 100 KB cell in a CSV is an input error of its row; the next row is audited', async () => {
    const r = await run(['audit', 'c.csv', '-f', 'jsonl'], folder({ 'c.csv': `id,asOf,s1.1\nA1,${AS_OF},C${SPACES}x\nA2,${AS_OF},C\n` }));
    expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['A2']);
    expect(r.stderr).toMatch(/c\.csv:2 \(deal A1\): \$\.answers\["?s1\.1"?\]|c\.csv:2 \(deal A1\): .*s1\.1.*100,003 characters; a cell holds at most 32,767/);
    expect(r.code).toBe(2);
  });
});
