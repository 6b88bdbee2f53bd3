/** The public listing of a pack's items (the contract's fields, plus what else decides how an item weighs). */
import { isRedFlagItem } from '../model/prior.js';
import { builtinPack, type DefaultPackId } from './builtin.js';
import type { Bilingual, Pack } from './schema.js';

/** One item of a pack as `listItems` lists it (what `dealqual items` prints). */
export interface ItemListing {
  id: string;
  step: number;
  star: boolean;
  kind: 'positive' | 'risk';
  extension: boolean;
  /** A W from facts or fresh evidence is a red flag (risk items always are). */
  redFlag: boolean;
  /** A W from facts or fresh evidence decides the deal: it holds the stage at this step and vetoes the probability. */
  decisive: boolean;
  /** Distinct fresh evidence signals that prove the item (C). */
  minSignals: number;
  /** Items of other packs that read the same fact (counted once). */
  sameFactAs: string[];
  title: Bilingual;
  signals: { n: number; zh: string; en: string }[];
}

/**
 * The items of a pack, in pack order.
 * @example listItems('sangfor-7step').filter((i) => i.star).length // 14
 */
export function listItems(pack: DefaultPackId | Pack): ItemListing[] {
  const resolved = typeof pack === 'string' ? builtinPack(pack) : pack;
  return resolved.items.map(({ id, step, star, kind, extension, redFlag, decisive, minSignals, sameFactAs, title, signals }) => ({
    id,
    step,
    star,
    kind,
    extension,
    redFlag: isRedFlagItem({ kind, redFlag, decisive }),
    decisive,
    minSignals,
    sameFactAs,
    title,
    signals,
  }));
}
