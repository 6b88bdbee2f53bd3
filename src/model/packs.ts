/** The packs a history is evaluated with, in the evaluator's order. */
import type { EvaluateOptions } from '../evaluate.js';
import { ALL_PACK_IDS, BUILTIN_PACK_IDS, builtinPack } from '../packs/builtin.js';
import type { Pack } from '../packs/schema.js';

/**
 * The packs in use, in the evaluator's order: built-in packs first in fixed order, then the others.
 * @example packsInUse({ packs: ['bant', 'man'] }).map((p) => p.id) // ['man', 'bant']
 */
export function packsInUse(options: Pick<EvaluateOptions, 'packs'>): Pack[] {
  const requested = (options.packs ?? BUILTIN_PACK_IDS).map((p) => (typeof p === 'string' ? builtinPack(p) : p));
  const unique = [...new Map(requested.map((p) => [p.id, p])).values()];
  const order: readonly string[] = ALL_PACK_IDS;
  const rank = (p: Pack) => (order.includes(p.id) ? order.indexOf(p.id) : order.length);
  return unique.sort((a, b) => rank(a) - rank(b));
}
