/** Resolves pack names: a built-in pack, or a user's pack file or folder validated as untrusted data. */
import { resolve } from 'node:path';
import { ALL_PACK_IDS, BUILTIN_PACK_IDS, isDefaultPack, type DefaultPackId } from '../packs/builtin.js';
import { builtinPack, isOptInPack, OPT_IN_PACK_IDS } from '../packs/optional.js';
import { clashText, distinctPacks } from '../packs/list.js';
import type { Pack } from '../packs/schema.js';
import { readPack } from '../node/read-pack.js';
import { UsageError } from './errors.js';

/** A built-in pack by id, or a pack; `resolvePacks` gives the opt-in packs as packs, so evaluating them needs no `dealqual/packs` lookup (the worker threads of `--jobs` included). */
export type PackRef = DefaultPackId | Pack;

/** Whether a pack name is a built-in pack (or `all`) rather than a path to read. */
export const isBuiltinPackName = (name: string): boolean => name === 'all' || isDefaultPack(name) || isOptInPack(name);

/** The pack files and folders that `resolvePacks(names, base, …)` reads, as absolute paths. */
export const packPaths = (names: readonly string[], base: string): string[] => names.filter((name) => !isBuiltinPackName(name)).map((name) => resolve(base, name));

/**
 * @param names built-in ids, `all` (every built-in pack: the three defaults and clmls, roles,
 *   lixiang, meddpicc), or paths (relative to `base`)
 * @returns the packs, each once (a pack named twice, as by `all` and its id, is kept at its first place)
 * @throws UsageError listing every problem with its file and JSON path, or naming two packs that
 *   share a pack id or an item id
 */
export async function resolvePacks(names: readonly string[], base: string, cwd: string): Promise<PackRef[]> {
  const out: PackRef[] = [];
  /** How messages name each entry of `out`. */
  const labels: string[] = [];
  const problems: string[] = [];
  for (const name of names) {
    if (name === 'all') {
      out.push(...BUILTIN_PACK_IDS, ...OPT_IN_PACK_IDS.map(builtinPack));
      labels.push(...ALL_PACK_IDS.map((id) => `the built-in pack ${id}`));
      continue;
    }
    if (isDefaultPack(name)) {
      out.push(name);
      labels.push(`the built-in pack ${name}`);
      continue;
    }
    if (isOptInPack(name)) {
      out.push(builtinPack(name));
      labels.push(`the built-in pack ${name}`);
      continue;
    }
    const looksLikePath = /[\\/.]/.test(name);
    const parsed = await readPack(resolve(base, name), cwd);
    if (parsed.ok) {
      out.push(parsed.pack);
      labels.push(`${name} (pack ${parsed.pack.id})`);
    } else if (!looksLikePath && parsed.issues[0]?.message.startsWith('no such pack'))
      problems.push(`  ${name}: neither a built-in pack (${ALL_PACK_IDS.join(', ')}, or all) nor a pack file or folder`);
    else for (const i of parsed.issues) problems.push(`  ${i.file} ${i.path}: ${i.message}`);
  }
  if (problems.length) throw new UsageError(`invalid rule pack:\n${problems.join('\n')}`);
  const distinct = distinctPacks(packObjects(out));
  if (!distinct.ok) throw new UsageError(`packs that cannot be evaluated together: ${clashText(distinct.clash, (i) => labels[i]!)}; pack ids and item ids must be unique across the evaluated packs (the same pack named twice counts once)`);
  return distinct.positions.map((i) => out[i]!);
}

/** The items of resolved packs, as evaluated (the seven-step pack is evaluated for the stage in any case). */
export function packObjects(refs: readonly PackRef[]): Pack[] {
  return refs.map((r) => (typeof r === 'string' ? builtinPack(r) : r));
}
