/**
 * The method-based probability model: a log-odds sum that needs no history.
 *
 * - Every counted item adds log-odds by its rating; W is the reference (0).
 * - A ★ item weighs two units, any other item one; F earns half of C.
 * - The counted items' C weights sum to SPAN, so a deal with every item C sits at logit +SPAN/2
 *   (p ≈ 0.92) and one with every item W at -SPAN/2 (p ≈ 0.08), whichever packs are evaluated.
 * - Risk (red-flag) items rated W pull down by their own C weight.
 * - An item that reads the same fact as an item of an earlier evaluated pack (`sameFactAs`) counts
 *   once only: the later item gets weight 0, so MAN and BANT add nothing the seven-step pack counts.
 * Anchor (seed 003): eight C, one F, no W → ≥ 0.60. With every item C but one ★ item F, the logit is
 * SPAN/2 − C★/2, far above logit(0.60) ≈ 0.405 for every pack set (tested).
 */
import type { Item } from '../packs/schema.js';
import type { Rating } from '../snapshot/schema.js';

export const SPAN = 2 * Math.log(0.92 / 0.08);

export interface ItemWeights {
  C: number;
  F: number;
  /** Added when the item is rated W (risk items only; ≤ 0). */
  redFlag: number;
}

export interface Model {
  intercept: number;
  weights: Record<string, ItemWeights>;
}

/** Items in pack order that count, given the evaluated items: the first item of a shared fact counts. */
export function countedItems(items: readonly Item[]): Set<string> {
  const counted = new Set<string>();
  const seen = new Set<string>();
  for (const item of items) {
    if (!item.sameFactAs.some((id) => seen.has(id))) counted.add(item.id);
    seen.add(item.id);
  }
  return counted;
}

/**
 * The method-based prior for a set of evaluated items (in pack order), skipping those that do not apply.
 * @example priorModel(sevenStepItems).intercept // -2.44
 */
export function priorModel(items: readonly Item[], applies: (item: Item) => boolean = () => true): Model {
  const counted = countedItems(items);
  const active = items.filter((item) => counted.has(item.id) && applies(item));
  const units = active.reduce((sum, item) => sum + (item.star ? 2 : 1), 0);
  const weights: Record<string, ItemWeights> = {};
  for (const item of items) {
    const c = active.includes(item) && units > 0 ? (SPAN * (item.star ? 2 : 1)) / units : 0;
    weights[item.id] = { C: c, F: c / 2, redFlag: item.kind === 'risk' ? -c : 0 };
  }
  return { intercept: -SPAN / 2, weights };
}

/** An item's log-odds contribution for a rating. */
export function contribution(weights: ItemWeights | undefined, rating: Rating): number {
  if (!weights) return 0;
  return rating === 'C' ? weights.C : rating === 'F' ? weights.F : weights.redFlag;
}

/** The logistic function. */
export const sigmoid = (logit: number): number => 1 / (1 + Math.exp(-logit));
