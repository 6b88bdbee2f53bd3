/**
 * Size limits of rule packs, checked at load so that no pack — written by anyone — can make
 * loading, compiling or evaluating overflow the stack or take exponential time
 * (docs/engine-semantics.md, "Limits"):
 *
 * - `MAX_PACK_JSON_DEPTH`: no file of a pack nests objects and lists deeper than this. Checked on
 *   the raw JSON, iteratively, before the (recursive) schema sees it.
 * - Named conditions are a graph: a reference to a name that is not one of the pack's own keys,
 *   and a cycle, are rejected; nothing here follows a reference twice, so checking is linear in the
 *   pack's text even where reuse multiplies.
 * - `MAX_EXPANDED_CONDITIONS`: a pack's rules, with every named condition written out where it is
 *   used, hold at most this many conditions in all. json-rules-engine evaluates a named condition
 *   afresh at each use, and the compiled engine calls the shared closure at each use, so this is
 *   what a deal costs to evaluate. `c0 = all[c1, c1]`, `c1 = all[c2, c2]`, … doubles per level.
 * - `MAX_CONDITION_DEPTH`: written out the same way, no rule nests conditions deeper than this.
 */
import type { Condition } from './conditions.js';
import type { Pack } from './schema.js';

/** The deepest nesting of objects and lists a pack file may have. */
export const MAX_PACK_JSON_DEPTH = 64;
/** The most conditions a pack's rules may hold with named conditions written out where used. */
export const MAX_EXPANDED_CONDITIONS = 10_000;
/** The deepest a rule's conditions may nest with named conditions written out where used. */
export const MAX_CONDITION_DEPTH = 32;

const hasOwn = Object.prototype.hasOwnProperty;

/** The named conditions a condition refers to, with their paths below it. Depth is bounded by `MAX_PACK_JSON_DEPTH`. */
export function conditionRefs(node: Condition, path: PropertyKey[] = [], out: { name: string; path: PropertyKey[] }[] = []): { name: string; path: PropertyKey[] }[] {
  if ('all' in node) node.all.forEach((c, i) => conditionRefs(c, [...path, 'all', i], out));
  else if ('any' in node) node.any.forEach((c, i) => conditionRefs(c, [...path, 'any', i], out));
  else if ('not' in node) conditionRefs(node.not, [...path, 'not'], out);
  else if ('condition' in node) out.push({ name: node.condition, path: [...path, 'condition'] });
  return out;
}

/** The message for a reference to a named condition the pack does not define. */
export function unknownConditionMessage(name: string, named: object): string {
  const names = Object.keys(named);
  const listed = names.length > 20 ? `${names.slice(0, 20).join(', ')} and ${names.length - 20} more` : names.join(', ') || 'none';
  return `unknown named condition "${name}"; the pack defines: ${listed}`;
}

/** Size and depth of a condition written out, given those of the named conditions (capped just past the limits). */
interface Extent {
  size: number;
  depth: number;
}

function extentOf(node: Condition, named: ReadonlyMap<string, Extent>): Extent {
  let children: readonly Condition[] = [];
  if ('all' in node) children = node.all;
  else if ('any' in node) children = node.any;
  else if ('not' in node) children = [node.not];
  else if ('condition' in node) {
    const ref = named.get(node.condition) ?? { size: 0, depth: 0 };
    return { size: Math.min(1 + ref.size, MAX_EXPANDED_CONDITIONS + 1), depth: Math.min(1 + ref.depth, MAX_CONDITION_DEPTH + 1) };
  }
  let size = 1;
  let depth = 0;
  for (const child of children) {
    const extent = extentOf(child, named);
    size = Math.min(size + extent.size, MAX_EXPANDED_CONDITIONS + 1);
    depth = Math.max(depth, extent.depth);
  }
  return { size, depth: Math.min(depth + 1, MAX_CONDITION_DEPTH + 1) };
}

/** One problem with a pack's named conditions or its size, at a path of the manifest or of a rule. */
export interface LimitIssue {
  /** Where: `['conditions', name]` in the manifest, or a rule (`rule` set). */
  path: PropertyKey[];
  rule?: { item: number; rule: number };
  message: string;
}

/**
 * The named-condition graph and the size limits of a validated pack: unknown references, cycles,
 * expansion past `MAX_EXPANDED_CONDITIONS` or `MAX_CONDITION_DEPTH`. Linear in the pack's text.
 */
export function limitIssues(pack: Pack): LimitIssue[] {
  const issues: LimitIssue[] = [];
  const named = (pack.conditions ?? {}) as Record<string, Condition>;
  const names = Object.keys(named);
  const own = (name: string) => hasOwn.call(named, name);
  const unknown = (name: string) => unknownConditionMessage(name, named);
  const refs = new Map<string, { name: string; path: PropertyKey[] }[]>(names.map((name) => [name, conditionRefs(named[name]!)]));
  for (const name of names)
    for (const ref of refs.get(name)!) if (!own(ref.name)) issues.push({ path: ['conditions', name, ...ref.path], message: unknown(ref.name) });

  // Depth-first over the graph, iteratively: post-order gives each name after every name it uses.
  const state = new Map<string, 'open' | 'done'>();
  const order: string[] = [];
  const onCycle = new Set<string>();
  for (const root of names) {
    if (state.has(root)) continue;
    const stack: { name: string; next: number }[] = [{ name: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const out = refs.get(top.name)!;
      if (top.next < out.length) {
        const target = out[top.next++]!.name;
        if (!own(target)) continue;
        const seen = state.get(target);
        if (seen === undefined) {
          state.set(target, 'open');
          stack.push({ name: target, next: 0 });
        } else if (seen === 'open') {
          // A back edge: every name on the stack from `target` up is on a cycle.
          const from = stack.findIndex((f) => f.name === target);
          const cycle = stack.slice(from).map((f) => f.name);
          for (const [i, member] of cycle.entries())
            if (!onCycle.has(member)) {
              onCycle.add(member);
              const loop = [...cycle.slice(i), ...cycle.slice(0, i), member];
              issues.push({ path: ['conditions', member], message: `named condition cycle: ${loop.join(' → ')}` });
            }
        }
      } else {
        state.set(top.name, 'done');
        order.push(top.name);
        stack.pop();
      }
    }
  }
  if (onCycle.size > 0) return issues; // sizes are infinite; the cycle is the problem to report

  const extents = new Map<string, Extent>();
  const tooBig = (extent: Extent) =>
    extent.size > MAX_EXPANDED_CONDITIONS
      ? `written out, with each named condition in place of its every use, this holds more than ${MAX_EXPANDED_CONDITIONS} conditions (the limit of a pack; see docs/engine-semantics.md): named conditions that use each other several times multiply`
      : extent.depth > MAX_CONDITION_DEPTH
        ? `written out, with each named condition in place of its every use, this nests conditions more than ${MAX_CONDITION_DEPTH} deep (the limit; see docs/engine-semantics.md)`
        : undefined;
  for (const name of order) {
    const extent = extentOf(named[name]!, extents);
    extents.set(name, extent);
    const problem = tooBig(extent);
    // Report where the limit is first passed: a name whose references are all within it.
    if (problem && refs.get(name)!.every((r) => !tooBig(extents.get(r.name) ?? { size: 0, depth: 0 })))
      issues.push({ path: ['conditions', name], message: problem });
  }
  if (issues.length > 0) return issues;

  let total = 0;
  for (const [i, item] of pack.items.entries())
    for (const [r, rule] of item.rules.entries()) {
      const extent = extentOf(rule.conditions, extents);
      const problem = tooBig(extent);
      if (problem) return [{ path: ['conditions'], rule: { item: i, rule: r }, message: problem }];
      total += extent.size;
      if (total > MAX_EXPANDED_CONDITIONS)
        return [
          {
            path: ['conditions'],
            rule: { item: i, rule: r },
            message: `the pack's rules up to here hold more than ${MAX_EXPANDED_CONDITIONS} conditions in all, with each named condition in place of its every use (the limit of a pack; see docs/engine-semantics.md)`,
          },
        ];
    }
  return issues;
}
