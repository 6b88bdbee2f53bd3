/**
 * `dealqual/packs`: every built-in pack, the opt-in methods included — 摧龙六式 (`clmls`), the four
 * key buying roles (`roles`), the 立项 checklist (`lixiang`), MEDDPICC. Their rule files are here,
 * not in the main entry, so `import { evaluateSync } from 'dealqual'` does not carry them.
 *
 * ```ts
 * import { evaluateSync } from 'dealqual';
 * import { allPacks, builtinPack } from 'dealqual/packs';
 * evaluateSync(deal, { packs: allPacks() });                        // every built-in pack
 * evaluateSync(deal, { packs: ['sangfor-7step', builtinPack('clmls')] }); // the seven steps and 摧龙六式
 * ```
 *
 * This module imports the library through its public entry only (`../index.js`): the CommonJS
 * build requires `./index.cjs` for it, so the two share one copy of the core.
 * @module dealqual/packs
 */
import clmlsPack from '../../rules/clmls/pack.json';
import rolesPack from '../../rules/roles/pack.json';
import lixiangPack from '../../rules/lixiang/pack.json';
import meddpiccPack from '../../rules/meddpicc/pack.json';
import { ALL_PACK_IDS, builtinPack as defaultPack, parsePack, type BuiltinPackId, type Pack, type PackSource } from '../index.js';
import { embeddedJson } from './embedded.js';

export { ALL_PACK_IDS, BUILTIN_PACK_IDS, type BuiltinPackId, type Pack } from '../index.js';

/** The opt-in packs, in evaluation order (after the defaults). */
export const OPT_IN_PACK_IDS = ['clmls', 'roles', 'lixiang', 'meddpicc'] as const;
/** The id of an opt-in pack (`OPT_IN_PACK_IDS`). */
export type OptInPackId = (typeof OPT_IN_PACK_IDS)[number];

const sources: Record<OptInPackId, () => PackSource> = {
  clmls: () => ({ file: 'rules/clmls/pack.json', manifest: embeddedJson(clmlsPack) }),
  roles: () => ({ file: 'rules/roles/pack.json', manifest: embeddedJson(rolesPack) }),
  lixiang: () => ({ file: 'rules/lixiang/pack.json', manifest: embeddedJson(lixiangPack) }),
  meddpicc: () => ({ file: 'rules/meddpicc/pack.json', manifest: embeddedJson(meddpiccPack) }),
};

const loaded = new Map<OptInPackId, Pack>();

/** Whether a name is an opt-in pack id. */
export const isOptInPack = (name: string): name is OptInPackId => (OPT_IN_PACK_IDS as readonly string[]).includes(name);

/**
 * Any built-in pack, validated once: a default one (as the main entry's `builtinPack` gives it) or
 * an opt-in one. Pass it in the `packs` option, to `listItems`, `describe`, `observableItems`.
 * @example builtinPack('clmls').stages?.length // 6
 */
export function builtinPack(id: BuiltinPackId): Pack {
  if (!isOptInPack(id)) return defaultPack(id);
  let pack = loaded.get(id);
  if (!pack) {
    const parsed = parsePack(sources[id]());
    if (!parsed.ok) throw new Error(`built-in pack ${id} is invalid: ${parsed.issues.map((i) => `${i.file} ${i.path}: ${i.message}`).join('; ')}`);
    loaded.set(id, (pack = parsed.pack));
  }
  return pack;
}

/**
 * Every built-in pack, in evaluation order (`ALL_PACK_IDS`): the three defaults, then the opt-in ones.
 * @example evaluateSync(deal, { packs: allPacks() }).stages // { clmls: { step, of, passed, open }, lixiang: { … } }
 */
export function allPacks(): Pack[] {
  return ALL_PACK_IDS.map(builtinPack);
}
