/**
 * Items weighed per level (categorical features, `"weights": "per-level"`): which level a deal's
 * matching rule read, the value behind it, and what confirming the item would weigh. Kept apart
 * from assembly's loop: only items with `feature` reach it.
 */
import type { RuleFacts } from '../engine/derive.js';
import { readPath } from '../engine/path.js';
import type { ItemLevel } from '../result.js';
import { levelContribution } from '../model/prior.js';
import type { PlannedItem } from './plan.js';
import type { FirstMatches } from '../engine/compile.js';

/**
 * The level the item's first matching rule reads (`matches[packIndex][index]`), or undefined when
 * none matched (a blank, or a value its table does not list).
 */
export function levelRead(planned: PlannedItem, matches: readonly FirstMatches[]): string | undefined {
  const match = matches[planned.packIndex]![planned.index]!;
  return match >= 0 ? planned.pack.rules[planned.index]![match]!.level : undefined;
}

/** The result's `level` of a per-level item: the field, the level read (null: none) and the value found there. */
export function itemLevel(from: string, level: string | undefined, facts: RuleFacts): ItemLevel {
  const value = readPath(facts.deal, `$.${from}`);
  const plain = typeof value === 'string' || typeof value === 'number' ? value : typeof value === 'boolean' ? String(value) : undefined;
  return plain === undefined ? { from, level: level ?? null } : { from, level: level ?? null, value: plain };
}

/** What a per-level item would add if confirmed: the largest weight of a level its table rates C (0 with none). */
export function confirmedLevelWeight(planned: PlannedItem, levels: Readonly<Record<string, number>>): number {
  let best: number | undefined;
  for (const rule of planned.pack.rules[planned.index]!) if (rule.rating === 'C') best = Math.max(best ?? -Infinity, levelContribution(levels, rule.level));
  return best ?? 0;
}
