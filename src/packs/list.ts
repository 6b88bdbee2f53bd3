/**
 * The packs of one evaluation as a list: every pack id and every item id names one thing. A result
 * keys its items by id and each item by its pack's id, so two packs sharing an id (or an item id)
 * would make one replace the other in silence. The same pack listed twice (the same object, or
 * equal content, as when `--pack all --pack man` names man twice) counts once; two different packs
 * with one id, or one item id in two packs, are a clash. The library (pipeline.ts) and the CLI
 * (cli/packs.ts) both check their lists here.
 */
import type { Pack } from './schema.js';

/** Two packs of a list that cannot be evaluated together: positions in the list given, and the id they share. */
export interface PackClash {
  kind: 'pack' | 'item';
  /** The pack id (`kind: 'pack'`) or the item id (`kind: 'item'`) both use. */
  id: string;
  first: number;
  second: number;
}

export type DistinctPacks = { ok: true; packs: Pack[]; positions: number[] } | { ok: false; clash: PackClash };

/**
 * The packs of a list with repeats of the same pack dropped (the first kept), or the first clash.
 * @example distinctPacks([man, man]) // { ok: true, packs: [man], positions: [0] }
 */
export function distinctPacks(packs: readonly Pack[]): DistinctPacks {
  const kept: Pack[] = [];
  const positions: number[] = [];
  const byId = new Map<string, number>();
  const text = (pack: Pack) => JSON.stringify(pack);
  for (let i = 0; i < packs.length; i++) {
    const pack = packs[i]!;
    const seen = byId.get(pack.id);
    if (seen !== undefined) {
      const other = packs[seen]!;
      if (other === pack || text(other) === text(pack)) continue;
      return { ok: false, clash: { kind: 'pack', id: pack.id, first: seen, second: i } };
    }
    byId.set(pack.id, i);
    kept.push(pack);
    positions.push(i);
  }
  const owner = new Map<string, number>();
  for (let k = 0; k < kept.length; k++)
    for (const item of kept[k]!.items) {
      const first = owner.get(item.id);
      if (first !== undefined && first !== k) return { ok: false, clash: { kind: 'item', id: item.id, first: positions[first]!, second: positions[k]! } };
      owner.set(item.id, k);
    }
  return { ok: true, packs: kept, positions };
}

/**
 * A clash in words, each pack named by `name` (its position in the list and its id, a file name, …).
 * @example clashText({ kind: 'item', id: 's1.1', first: 0, second: 1 }, (i) => `packs[${i}]`)
 */
export function clashText(clash: PackClash, name: (position: number) => string): string {
  return clash.kind === 'pack'
    ? `${name(clash.first)} and ${name(clash.second)} are different packs with the same id "${clash.id}"`
    : `${name(clash.first)} and ${name(clash.second)} both have the item "${clash.id}"`;
}
