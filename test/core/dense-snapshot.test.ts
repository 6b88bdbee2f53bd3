/**
 * Evaluation parses snapshots in dense mode (src/snapshot/fast.ts: every key of each object shape
 * set, `undefined` where absent) for speed; input the fast path cannot vouch for is parsed by zod,
 * which leaves absent keys out. Nothing in evaluation may tell the two apart: the same deal gives
 * byte-identical results either way.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, generateSnapshot } from '../../bench/generate.mjs';
import { evaluate, evaluateSync, type EvaluateOptions } from '../../src/evaluate.js';
import { allPacks } from '../../src/packs/optional.js';
import { denseParseSnapshot, fastParseSnapshot } from '../../src/snapshot/fast.js';

/** The same deal with a non-enumerable key: zod ignores it, the fast path cannot vouch for it and gives up. */
function viaZod(deal: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(deal);
  Object.defineProperty(copy, 'hidden', { value: 1, enumerable: false });
  return copy;
}

const deals = Array.from({ length: 200 }, (_, i) => generateSnapshot(createRandom(7_000 + i), i) as Record<string, unknown>);
const OPTION_SETS: [string, EvaluateOptions][] = [
  ['default packs', { asOf: '2026-11-01' }],
  ['every built-in pack, full detail, requireEvidence', { asOf: '2026-11-01', packs: allPacks(), detail: 'full', requireEvidence: true }],
];

describe('dense snapshots in evaluation', () => {
  it('the zod path is really taken for the copies (the comparison is not vacuous)', () => {
    for (const deal of deals.slice(0, 20)) {
      expect(denseParseSnapshot(deal)).toBeDefined();
      expect(fastParseSnapshot(viaZod(deal))).toBeUndefined();
    }
  });
  it.each(OPTION_SETS)('%s: dense (fast path) and sparse (zod) snapshots give byte-identical results', (_, options) => {
    for (const deal of deals) {
      const dense = JSON.stringify(evaluateSync(deal, options));
      expect(dense).toContain('"ok":true');
      expect(JSON.stringify(evaluateSync(viaZod(deal), options)), String(deal.id)).toBe(dense);
    }
  });
  it('the reference engine agrees on a zod-parsed copy', async () => {
    for (const deal of deals.slice(0, 30)) expect(JSON.stringify(await evaluate(viaZod(deal), { asOf: '2026-11-01' }))).toBe(JSON.stringify(evaluateSync(deal, { asOf: '2026-11-01' })));
  });
});
