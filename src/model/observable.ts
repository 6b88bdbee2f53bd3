/**
 * Which items an input can feed. An item is observable when a column gives its answer, when dated
 * evidence can name it (an `evidence` column), or when its rules read a fact a column fills (a
 * `deal` path equal to, inside or around a filled path; a `derived` fact computed from a filled
 * root, such as `derived.stakeholders.count` from `stakeholders`). Items switched off are never
 * observable. The method-based prior spreads its span over the observable items only
 * (`EvaluateOptions.observable`), so an uncalibrated custom pack over a CRM export is not dragged
 * down by items no column feeds. See docs/probability.md.
 */
import type { Condition } from '../packs/conditions.js';
import type { Item, Pack } from '../packs/schema.js';

type Reference = { fact: string; path: string };

/** `$.a.b[0].c` → `a.b.c`. */
const dotted = (path: string | undefined): string => (path ?? '$').replace(/^\$\.?/, '').replace(/\[\d+\]/g, '');

function* references(node: Condition, named: Readonly<Record<string, Condition>>, seen: Set<string>): Generator<Reference> {
  if ('all' in node) for (const c of node.all) yield* references(c, named, seen);
  else if ('any' in node) for (const c of node.any) yield* references(c, named, seen);
  else if ('not' in node) yield* references(node.not, named, seen);
  else if ('condition' in node) {
    if (seen.has(node.condition) || !named[node.condition]) return;
    seen.add(node.condition);
    yield* references(named[node.condition]!, named, seen);
  } else {
    const leaf = node as unknown as { fact: string; path?: string; value?: unknown };
    yield { fact: leaf.fact, path: dotted(leaf.path) };
    const value = leaf.value as { fact?: unknown; path?: string } | null;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.fact === 'string') yield { fact: value.fact, path: dotted(value.path) };
  }
}

const overlaps = (a: string, b: string) => a === '' || b === '' || a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** Whether one item can be fed by the filled paths. */
function feeds(item: Item, pack: Pack, fed: readonly string[]): boolean {
  if (fed.includes(`answers.${item.id}`) || fed.includes('evidence')) return true;
  const roots = new Set(fed.map((p) => p.split('.')[0]!));
  const named = pack.conditions as Record<string, Condition>;
  for (const rule of item.rules)
    for (const ref of references(rule.conditions as Condition, named, new Set()))
      if (ref.fact === 'deal' ? fed.some((p) => overlaps(p, ref.path)) : roots.has(ref.path.split('.')[0]!)) return true;
  return false;
}

/**
 * The items of the packs an input can feed.
 * @param fed the snapshot paths the input fills (`fedPaths(headers, options)` for a table:
 *   `need.deadline`, `answers.s1.1`, `custom.region`); undefined: any (a JSON snapshot can hold every field)
 * @param off item ids switched off (config `rules: { "<item id>": "off" }`)
 * @example observableItems([crmPack], ['custom.budget_confirmed', 'outcome']) // Set { 'crm.budget' }
 */
export function observableItems(packs: readonly Pack[], fed: readonly string[] | undefined, off: Iterable<string> = []): Set<string> {
  const skip = new Set(off);
  const out = new Set<string>();
  for (const pack of packs) for (const item of pack.items) if (!skip.has(item.id) && (fed === undefined || feeds(item, pack, fed))) out.add(item.id);
  return out;
}
