/**
 * Hostile packs: named conditions that reuse each other multiply when written out
 * (`c0 = all[c1, c1]`, `c1 = all[c2, c2]`, …: 2^26 conditions from 1.8 KB). Loading rejects such a
 * pack, naming the file and the JSON path, in time linear in its text; cycles are rejected too.
 * These tests assert rejection only; timings are in the closing note of issue 11.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CONDITION_DEPTH, MAX_EXPANDED_CONDITIONS } from '../../src/packs/limits.js';
import { load, loaded, packOf } from '../engine/helpers.js';

const fact = { fact: 'deal', path: '$.amount', operator: 'greaterThan', value: 0 };

/** `c0 = all[c1, c1]`, …, `c{n-1} = all[fact, fact]`: the root `c0` writes out to 2^(n+1) − 1 conditions. */
function doubling(levels: number): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) named[`c${i}`] = i === levels - 1 ? { all: [fact, fact] } : { all: [{ condition: `c${i + 1}` }, { condition: `c${i + 1}` }] };
  return named;
}

describe('pack expansion', () => {
  it('rejects 26 levels of doubling named conditions at the name where the limit is passed', () => {
    const parsed = load(packOf([{ condition: 'c0' }], doubling(26)));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    // c{25-m} writes out to 3·(2^(m+1) − 1) conditions: c14 to 12,285, c15 to 6,141
    expect(parsed.issues).toEqual([{ file: 'test.json', path: '$.conditions.c14', message: expect.stringContaining(`more than ${MAX_EXPANDED_CONDITIONS} conditions`) }]);
  });

  it('accepts doubling reuse while it stays within the limit, and both engines share the named conditions', () => {
    expect(loaded(packOf([{ condition: 'c0' }], doubling(10))).conditions).toHaveProperty('c9');
  });

  it('rejects a pack whose rules together pass the limit, at the rule that passes it', () => {
    const named = doubling(10); // c0 writes out to 3·(2^10 − 1) = 3,069 conditions; a rule using it holds 3,070
    const parsed = load(packOf([{ condition: 'c0' }, { condition: 'c0' }, { condition: 'c0' }, { not: { condition: 'c0' } }], named));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues).toEqual([{ file: 'test.json', path: '$.items[3].rules[0].conditions', message: expect.stringContaining('in all') }]);
  });

  it('rejects a chain of named conditions nesting deeper than the limit when written out', () => {
    const named: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) named[`d${i}`] = i === 199 ? { all: [fact] } : { not: { condition: `d${i + 1}` } };
    const parsed = load(packOf([{ condition: 'd0' }], named));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]!.message).toContain(`more than ${MAX_CONDITION_DEPTH} deep`);
  });

  it('rejects every named condition of a cycle once, with the loop, however many names use it', () => {
    const named: Record<string, unknown> = { a: { all: [{ condition: 'b' }, { condition: 'b' }] }, b: { any: [{ condition: 'c' }, { condition: 'c' }] }, c: { not: { condition: 'a' } } };
    for (let i = 0; i < 30; i++) named[`u${i}`] = { all: [{ condition: i === 29 ? 'a' : `u${i + 1}` }, { condition: i === 29 ? 'a' : `u${i + 1}` }] };
    const parsed = load(packOf([{ condition: 'u0' }], named));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.issues.map((i) => [i.path, i.message])).toEqual([
        ['$.conditions.a', 'named condition cycle: a → b → c → a'],
        ['$.conditions.b', 'named condition cycle: b → c → a → b'],
        ['$.conditions.c', 'named condition cycle: c → a → b → c'],
      ]);
  });
});
