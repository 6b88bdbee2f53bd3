/**
 * Stands in for `src/packs/optional.ts` in the spreadsheet bundle (tsup.config.ts): the bundle
 * carries the default packs only. A sheet that wants an opt-in method passes the pack's JSON
 * through `DealQual.parsePack` and `DealQual.configure({ packs: [pack] })`.
 */
import type { PackSource } from '../packs/load.js';
import type { OptionalPackId } from '../packs/optional.js';

export const OPTIONAL_SOURCES: Partial<Record<OptionalPackId, PackSource>> = {};
