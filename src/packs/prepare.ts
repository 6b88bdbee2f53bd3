/**
 * A validated pack made ready for evaluation: each item's rules in the order they are tried
 * (priority, highest first, then file order). Both engines use this one order.
 */
import { factsRated, type Rated } from '../engine/rate.js';
import type { Rating } from '../snapshot/schema.js';
import type { Item, Pack, PackRule } from './schema.js';

export interface PreparedRule {
  /** Index of the item in the pack. */
  item: number;
  rating: Rating;
  message: string;
  /** The level the rule reads, on an item weighed per level (`item.feature`). */
  level?: string;
  /** What the rule observes when it matches (shared by every deal, frozen). */
  observed: Rated;
  rule: PackRule;
}

export interface PreparedPack {
  pack: Pack;
  items: readonly Item[];
  /** Per item, its rules in trial order. */
  rules: readonly (readonly PreparedRule[])[];
}

const prepared = new WeakMap<Pack, PreparedPack>();

/** The prepared form of a pack, computed once per pack object. */
export function preparePack(pack: Pack): PreparedPack {
  let result = prepared.get(pack);
  if (!result) {
    const rules = pack.items.map((item, index) =>
      item.rules
        .map((rule, order) => ({ rule, order }))
        .sort((a, b) => (b.rule.priority ?? 1) - (a.rule.priority ?? 1) || a.order - b.order)
        .map(({ rule }) => {
          const { rating, message, level } = rule.event.params;
          const entry: PreparedRule = { item: index, rating, message, observed: factsRated(rating, message), rule };
          if (level !== undefined) entry.level = level;
          return entry;
        }),
    );
    result = { pack, items: pack.items, rules };
    prepared.set(pack, result);
  }
  return result;
}
