/**
 * The opt-in built-in packs (clmls, roles, lixiang, meddpicc), embedded like the defaults. The
 * spreadsheet bundle replaces this module with `src/sheets/optional-packs.ts` (no opt-in packs:
 * they would push it past its size budget), so keep every import of them here.
 */
import clmlsPack from '../../rules/clmls/pack.json';
import rolesPack from '../../rules/roles/pack.json';
import lixiangPack from '../../rules/lixiang/pack.json';
import meddpiccPack from '../../rules/meddpicc/pack.json';
import type { PackSource } from './load.js';

export type OptionalPackId = 'clmls' | 'roles' | 'lixiang' | 'meddpicc';

export const OPTIONAL_SOURCES: Partial<Record<OptionalPackId, PackSource>> = {
  clmls: { file: 'rules/clmls/pack.json', manifest: clmlsPack },
  roles: { file: 'rules/roles/pack.json', manifest: rolesPack },
  lixiang: { file: 'rules/lixiang/pack.json', manifest: lixiangPack },
  meddpicc: { file: 'rules/meddpicc/pack.json', manifest: meddpiccPack },
};
