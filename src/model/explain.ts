/**
 * Explanations of a probability: the per-item log-odds contributions behind it (they sum exactly
 * to the result's logit with the model's intercept) and the what-if ranking of missing evidence.
 */
import type { ItemLevel, MissingItem, Result } from '../result.js';
import { SPAN, type Model } from './prior.js';

/** What one item adds to a deal's logit, with its rating. */
export interface Contribution {
  item: string;
  pack: string;
  rating: 'C' | 'F' | 'W';
  /** Log-odds the item adds to the logit. */
  contribution: number;
  /** A categorical feature: the field, the level read (null: none) and the value; `contribution` is that level's weight. */
  level?: ItemLevel;
}

/** A probability taken apart (`explainProbability`): intercept, items that add and items that subtract. */
export interface Explanation {
  /** The model's intercept: the log-odds of a deal with every item W. */
  intercept: number;
  /** Items that add log-odds, largest first. */
  positive: Contribution[];
  /** Items that take log-odds away, most negative first. */
  negative: Contribution[];
  logit: number;
  probability: number;
}

/** The intercept of the model a result was evaluated with: the given model's, or the built-in prior's. */
export const interceptOf = (model?: Pick<Model, 'intercept'>): number => model?.intercept ?? -SPAN / 2;

/**
 * Every item's contribution in the result's item order. `intercept + Σ contribution` (added in this
 * order) equals `result.logit` exactly: the evaluator sums them the same way.
 */
export function contributions(result: Result): Contribution[] {
  return Object.entries(result.items).map(([item, r]) =>
    r.level ? { item, pack: r.pack, rating: r.rating, contribution: r.contribution, level: r.level } : { item, pack: r.pack, rating: r.rating, contribution: r.contribution },
  );
}

/**
 * The top positive and negative contributions (ties by item order).
 * @example explainProbability(result, { limit: 5 }).positive[0].item // the item adding the most log-odds
 */
export function explainProbability(result: Result, options: { model?: Pick<Model, 'intercept'>; limit?: number } = {}): Explanation {
  const limit = options.limit ?? Infinity;
  const all = contributions(result).map((c, order) => ({ c, order }));
  const positive = all.filter(({ c }) => c.contribution > 0).sort((a, b) => b.c.contribution - a.c.contribution || a.order - b.order);
  const negative = all.filter(({ c }) => c.contribution < 0).sort((a, b) => a.c.contribution - b.c.contribution || a.order - b.order);
  return {
    intercept: options.model ? interceptOf(options.model) : result.intercept,
    positive: positive.slice(0, limit).map(({ c }) => c),
    negative: negative.slice(0, limit).map(({ c }) => c),
    logit: result.logit,
    probability: result.probability,
  };
}

/**
 * What-if: the missing items ranked by how much confirming each (rating it C) would raise the
 * probability — the next best evidence to collect. Ties keep the result's urgency order; items whose
 * confirmation would not raise the probability come last.
 * @example whatIf(result)[0] // { item: 's2.2', gain: 0.041, … }
 */
export function whatIf<M extends MissingItem>(result: { missing: readonly M[] }): M[] {
  return result.missing
    .map((m, order) => ({ m, order }))
    .sort((a, b) => b.m.gain - a.m.gain || a.order - b.order)
    .map(({ m }) => m);
}
