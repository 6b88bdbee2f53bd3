/**
 * The default packs (sangfor-7step, man, bant), embedded so the core needs no file system (the
 * spreadsheet bundle has none). They go through the same validation as a user's pack, on first use;
 * a test checks they equal the files in rules/. The opt-in packs are not here: they live in
 * `dealqual/packs` (src/packs/optional.ts), so the main entry does not carry their JSON.
 */
import sevenStepManifest from '../../rules/sangfor-7step/pack.json';
import step1 from '../../rules/sangfor-7step/step-1.json';
import step2 from '../../rules/sangfor-7step/step-2.json';
import step3 from '../../rules/sangfor-7step/step-3.json';
import step4 from '../../rules/sangfor-7step/step-4.json';
import step5 from '../../rules/sangfor-7step/step-5.json';
import step6 from '../../rules/sangfor-7step/step-6.json';
import step7 from '../../rules/sangfor-7step/step-7.json';
import manPack from '../../rules/man/pack.json';
import bantPack from '../../rules/bant/pack.json';
import { embeddedJson } from './embedded.js';
import { parsePack, type PackSource } from './load.js';
import type { Pack } from './schema.js';

/** The default packs: evaluating with no pack option uses exactly these (the contract). */
export const BUILTIN_PACK_IDS = ['sangfor-7step', 'man', 'bant'] as const;
/**
 * Every built-in pack id, in evaluation order: the defaults, then the opt-in methods — 摧龙六式
 * (`clmls`), the four key buying roles (`roles`), the 立项 checklist (`lixiang`), MEDDPICC. The
 * opt-in packs themselves come from `dealqual/packs` (`builtinPack`, `allPacks` there).
 */
export const ALL_PACK_IDS = [...BUILTIN_PACK_IDS, 'clmls', 'roles', 'lixiang', 'meddpicc'] as const;
/** The id of a built-in pack (`ALL_PACK_IDS`). */
export type BuiltinPackId = (typeof ALL_PACK_IDS)[number];
/** The id of a default pack (`BUILTIN_PACK_IDS`): the ones the main entry carries. */
export type DefaultPackId = (typeof BUILTIN_PACK_IDS)[number];

const sources: Record<DefaultPackId, () => PackSource> = {
  'sangfor-7step': () => ({
    file: 'rules/sangfor-7step/pack.json',
    manifest: embeddedJson(sevenStepManifest),
    itemFiles: {
      'step-1.json': embeddedJson(step1),
      'step-2.json': embeddedJson(step2),
      'step-3.json': embeddedJson(step3),
      'step-4.json': embeddedJson(step4),
      'step-5.json': embeddedJson(step5),
      'step-6.json': embeddedJson(step6),
      'step-7.json': embeddedJson(step7),
    },
  }),
  man: () => ({ file: 'rules/man/pack.json', manifest: embeddedJson(manPack) }),
  bant: () => ({ file: 'rules/bant/pack.json', manifest: embeddedJson(bantPack) }),
};

const loaded = new Map<DefaultPackId, Pack>();

/** Whether a name is a built-in pack id (a default or an opt-in one). */
export const isBuiltinPack = (name: string): name is BuiltinPackId => (ALL_PACK_IDS as readonly string[]).includes(name);
/** Whether a name is a default pack id, one the main entry carries. */
export const isDefaultPack = (name: string): name is DefaultPackId => (BUILTIN_PACK_IDS as readonly string[]).includes(name);

/**
 * A default pack, validated once. The opt-in packs (clmls, roles, lixiang, meddpicc) come from
 * `dealqual/packs`, whose `builtinPack` takes every built-in id: this one names it in its error.
 * @example builtinPack('man').items.map((i) => i.id) // ['man.money', 'man.authority', 'man.need']
 */
export function builtinPack(id: DefaultPackId): Pack {
  if (isDefaultPack(id)) {
    let pack = loaded.get(id);
    if (!pack) {
      const parsed = parsePack(sources[id]());
      if (!parsed.ok) throw new Error(`built-in pack ${id} is invalid: ${parsed.issues.map((i) => `${i.file} ${i.path}: ${i.message}`).join('; ')}`);
      loaded.set(id, (pack = parsed.pack));
    }
    return pack;
  }
  if (isBuiltinPack(id))
    throw new TypeError(
      `"${id}" is an opt-in pack, not carried by this entry: take builtinPack('${id}') from 'dealqual/packs' (every built-in pack), or load rules/${id}/pack.json with parsePack (the spreadsheet bundle)`,
    );
  throw new TypeError(`unknown built-in pack "${String(id)}"; built-in packs: ${ALL_PACK_IDS.join(', ')} (load others with parsePack)`);
}
