/** Built-in packs by id for `packs` options, the opt-in ones included (as `dealqual/packs` gives them). */
import { builtinPack, type BuiltinPackId } from '../../src/packs/optional.js';

export const packsOf = (...ids: readonly BuiltinPackId[]) => ids.map(builtinPack);
