/** The public listing of a pack's items (the contract's fields, plus kind and extension). */
import { builtinPack, type BuiltinPackId } from './builtin.js';
import type { Bilingual, Pack } from './schema.js';

/** One item of a pack as `listItems` lists it (what `dealqual items` prints). */
export interface ItemListing {
  id: string;
  step: number;
  star: boolean;
  kind: 'positive' | 'risk';
  extension: boolean;
  title: Bilingual;
  signals: { n: number; zh: string; en: string }[];
}

/**
 * The items of a pack, in pack order.
 * @example listItems('sangfor-7step').filter((i) => i.star).length // 14
 */
export function listItems(pack: BuiltinPackId | Pack): ItemListing[] {
  const resolved = typeof pack === 'string' ? builtinPack(pack) : pack;
  return resolved.items.map(({ id, step, star, kind, extension, title, signals }) => ({ id, step, star, kind, extension, title, signals }));
}
