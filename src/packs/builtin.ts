/**
 * The built-in packs, embedded so the core needs no file system (the spreadsheet bundle has none).
 * They go through the same validation as a user's pack; a test checks they equal the files in rules/.
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
import { parsePack, type PackSource } from './load.js';
import { OPTIONAL_SOURCES } from './optional.js';
import type { Pack } from './schema.js';

/** The default packs: evaluating with no pack option uses exactly these (the contract). */
export const BUILTIN_PACK_IDS = ['sangfor-7step', 'man', 'bant'] as const;
/**
 * Every built-in pack, in evaluation order: the defaults, then the opt-in methods — 摧龙六式
 * (`clmls`), the four key buying roles (`roles`), the 立项 checklist (`lixiang`), MEDDPICC.
 */
export const ALL_PACK_IDS = [...BUILTIN_PACK_IDS, 'clmls', 'roles', 'lixiang', 'meddpicc'] as const;
/** The id of a built-in pack (`ALL_PACK_IDS`). */
export type BuiltinPackId = (typeof ALL_PACK_IDS)[number];

const sources: Partial<Record<BuiltinPackId, PackSource>> = {
  'sangfor-7step': {
    file: 'rules/sangfor-7step/pack.json',
    manifest: sevenStepManifest,
    itemFiles: {
      'step-1.json': step1,
      'step-2.json': step2,
      'step-3.json': step3,
      'step-4.json': step4,
      'step-5.json': step5,
      'step-6.json': step6,
      'step-7.json': step7,
    },
  },
  man: { file: 'rules/man/pack.json', manifest: manPack },
  bant: { file: 'rules/bant/pack.json', manifest: bantPack },
  ...OPTIONAL_SOURCES,
};

/** The built-in packs this build carries: all of them, except in the spreadsheet bundle (the defaults only). */
export const AVAILABLE_PACK_IDS: readonly BuiltinPackId[] = ALL_PACK_IDS.filter((id) => sources[id] !== undefined);

const loaded = new Map<BuiltinPackId, Pack>();

/** Whether a name is a built-in pack. */
export const isBuiltinPack = (name: string): name is BuiltinPackId => (ALL_PACK_IDS as readonly string[]).includes(name);

/**
 * A built-in pack, validated once.
 * @example builtinPack('man').items.map((i) => i.id) // ['man.money', 'man.authority', 'man.need']
 */
export function builtinPack(id: BuiltinPackId): Pack {
  let pack = loaded.get(id);
  if (!pack) {
    if (!isBuiltinPack(id)) throw new TypeError(`unknown built-in pack "${String(id)}"; built-in packs: ${ALL_PACK_IDS.join(', ')} (load others with parsePack)`);
    const source = sources[id];
    if (!source)
      throw new TypeError(`built-in pack "${id}" is not in this build (it carries ${AVAILABLE_PACK_IDS.join(', ')}): load rules/${id}/pack.json with parsePack and pass the pack`);
    const parsed = parsePack(source);
    if (!parsed.ok) throw new Error(`built-in pack ${id} is invalid: ${parsed.issues.map((i) => `${i.file} ${i.path}: ${i.message}`).join('; ')}`);
    pack = parsed.pack;
    loaded.set(id, pack);
  }
  return pack;
}
