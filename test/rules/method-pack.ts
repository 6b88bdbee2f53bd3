/**
 * Shared checks for the opt-in method packs (clmls, roles, lixiang, meddpicc): RuleTester tables
 * evaluated with the pack alone, and the pack-file checks every such pack must pass.
 */
import { describe, expect, it } from 'vitest';
import { ALL_PACK_IDS, builtinPack, type BuiltinPackId } from '../../src/packs/optional.js';
import type { Rating } from '../../src/snapshot/schema.js';
import { ruleTester, type RuleCases } from '../support/rule-tester.js';

/** ruleTester with every case evaluated with `packs: [pack]` (the seven-step pack runs unreported for the stage). */
export function packRuleTester(pack: BuiltinPackId, item: string, cases: RuleCases): void {
  const withPack: RuleCases = {};
  for (const rating of ['C', 'F', 'W'] as const)
    if (cases[rating]) withPack[rating] = cases[rating]!.map((c) => ({ ...c, options: { packs: [builtinPack(pack)], ...c.options } }));
  ruleTester(item, withPack);
}

/** The pack-file checks: ids, rule order, sameFactAs targets, a test table for every item. */
export function packFileChecks(pack: BuiltinPackId, ids: readonly string[], sameFact: Record<string, string[]>): void {
  describe(`${pack} pack file`, () => {
    const p = builtinPack(pack);
    it('holds these items, in this order', () => expect(p.items.map((i) => i.id)).toEqual(ids));
    it('lists contrary W rules before C rules, and C before F (risk items alike)', () => {
      const order: Record<Rating, number> = { W: 0, C: 1, F: 2 };
      for (const item of p.items) {
        const ranks = item.rules.map((r) => order[r.event.params.rating]);
        expect(ranks, item.id).toEqual([...ranks].sort((a, b) => a - b));
      }
    });
    it('names in sameFactAs exactly these items, each of a pack evaluated before it (or earlier in this pack)', () => {
      expect(Object.fromEntries(p.items.filter((i) => i.sameFactAs.length).map((i) => [i.id, i.sameFactAs]))).toEqual(sameFact);
      const before = ALL_PACK_IDS.slice(0, ALL_PACK_IDS.indexOf(pack)).flatMap((id) => builtinPack(id).items.map((i) => i.id));
      p.items.forEach((item, index) => {
        const earlier = [...before, ...p.items.slice(0, index).map((i) => i.id)];
        for (const other of item.sameFactAs) expect(earlier, `${item.id} → ${other}`).toContain(other);
      });
    });
    it('uses every message it defines, in zh and en', () => {
      const used = new Set(p.items.flatMap((i) => i.rules.map((r) => r.event.params.message)));
      expect([...used].sort()).toEqual(Object.keys(p.messages).sort());
    });
  });
}
