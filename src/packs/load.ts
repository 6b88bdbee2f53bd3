/**
 * Validates rule packs as untrusted data: the zod schema, then what a schema cannot say (message
 * ids, named conditions, unique item ids). Every problem names its file and JSON path. No I/O here:
 * callers hand in parsed JSON; `node/read-pack.ts` reads files.
 */
import * as z from 'zod';
import type { Condition } from './conditions.js';
import { itemSchema, packSchema, type Pack } from './schema.js';

const itemSchemaList = z.array(itemSchema);

export interface PackIssue {
  file: string;
  /** JSON path within the file, e.g. `$.items[3].rules[0].conditions.all[1].operator`. */
  path: string;
  message: string;
}

export type PackParse = { ok: true; pack: Pack } | { ok: false; issues: PackIssue[] };

/**
 * A JSON path for messages; keys that are not plain names are quoted.
 * @example jsonPath(['items', 3, 'id']) // '$.items[3].id'
 * @example jsonPath(['answers', 's1.1']) // '$.answers["s1.1"]'
 */
export function jsonPath(path: readonly PropertyKey[]): string {
  return (
    '$' +
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`))
      .join('')
  );
}

function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return { found: false, value: undefined };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value };
}

/**
 * zod issues, with each failed union reduced to the branch the author meant: the one whose keys
 * fit the input (no unrecognized or missing keys), then the one that got furthest.
 */
export function flattenIssues(issues: readonly z.core.$ZodIssue[], input?: unknown, prefix: readonly PropertyKey[] = []): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const extra = (branch: readonly z.core.$ZodIssue[]) => branch.filter((i) => i.code === 'unrecognized_keys' && i.path.length === 0).length;
      const missing = (branch: readonly z.core.$ZodIssue[]) =>
        branch.filter((i) => i.path.length === 1 && input !== undefined && !valueAt(input, [...path, ...i.path]).found).length;
      const depth = (branch: readonly z.core.$ZodIssue[]) => Math.max(...branch.map((i) => i.path.length));
      const score = (branch: readonly z.core.$ZodIssue[]) => [extra(branch), missing(branch), -depth(branch)] as const;
      const better = (a: readonly number[], b: readonly number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
      const best = issue.errors.reduce((a, b) => (better(score(b), score(a)) < 0 ? b : a));
      // Every form has keys this value lacks or must not have: the value itself is wrong.
      if (extra(best) > 0) return [{ path, message: `${issue.message}: no allowed form has these keys` }];
      return flattenIssues(best, input, path);
    }
    return [{ path, message: issue.message }];
  });
}

function* conditionRefs(node: Condition, path: PropertyKey[]): Generator<{ name: string; path: PropertyKey[] }> {
  if ('all' in node) for (const [i, c] of node.all.entries()) yield* conditionRefs(c, [...path, 'all', i]);
  else if ('any' in node) for (const [i, c] of node.any.entries()) yield* conditionRefs(c, [...path, 'any', i]);
  else if ('not' in node) yield* conditionRefs(node.not, [...path, 'not']);
  else if ('condition' in node) yield { name: node.condition, path: [...path, 'condition'] };
}

function semanticIssues(pack: Pack, fileOf: (itemIndex: number) => { file: string; index: number }, manifest: string): PackIssue[] {
  const issues: PackIssue[] = [];
  const seen = new Map<string, number>();
  const named = pack.conditions as Record<string, Condition>;
  const checkRefs = (root: Condition, file: string, path: PropertyKey[]) => {
    for (const ref of conditionRefs(root, path))
      if (!(ref.name in named)) issues.push({ file, path: jsonPath(ref.path), message: `unknown named condition "${ref.name}"; the pack defines: ${Object.keys(named).join(', ') || 'none'}` });
  };
  for (const [name, condition] of Object.entries(named)) {
    checkRefs(condition, manifest, ['conditions', name]);
    const stack = [name];
    const visit = (current: string): boolean => {
      for (const ref of conditionRefs(named[current]!, [])) {
        if (stack.includes(ref.name)) return true;
        if (!(ref.name in named)) continue;
        stack.push(ref.name);
        if (visit(ref.name)) return true;
        stack.pop();
      }
      return false;
    };
    if (visit(name)) issues.push({ file: manifest, path: jsonPath(['conditions', name]), message: `named condition cycle: ${stack.join(' → ')}` });
  }
  pack.items.forEach((item, i) => {
    const { file, index } = fileOf(i);
    const at = (...rest: PropertyKey[]) => jsonPath([...(file === manifest ? ['items'] : []), index, ...rest]);
    if (seen.has(item.id)) issues.push({ file, path: at('id'), message: `duplicate item id "${item.id}"` });
    seen.set(item.id, i);
    item.rules.forEach((rule, r) => {
      const message = rule.event.params.message;
      if (!(message in pack.messages)) issues.push({ file, path: at('rules', r, 'event', 'params', 'message'), message: `unknown message id "${message}": add it to the pack's "messages"` });
      checkRefs(rule.conditions, file, [...(file === manifest ? ['items'] : []), index, 'rules', r, 'conditions']);
    });
  });
  const ids = new Set(pack.items.map((item) => item.id));
  pack.stages?.forEach((stage, s) => {
    if (stage.n !== s + 1) issues.push({ file: manifest, path: jsonPath(['stages', s, 'n']), message: `steps are numbered 1, 2, … in order: expected ${s + 1}` });
    stage.gate.forEach((id, g) => {
      if (!ids.has(id)) issues.push({ file: manifest, path: jsonPath(['stages', s, 'gate', g]), message: `unknown item "${id}": a gate names items of this pack` });
    });
  });
  return issues;
}

export interface PackSource {
  /** The manifest: a whole pack, or a pack whose `itemFiles` name files of items. */
  manifest: unknown;
  /** The manifest's file name, for messages. */
  file: string;
  /** Parsed item files by the names `itemFiles` uses. */
  itemFiles?: Readonly<Record<string, unknown>>;
}

/**
 * Parses and validates a pack. Item files (`itemFiles` in the manifest: arrays of items) are
 * inlined in the order listed.
 * @example parsePack({ manifest: json, file: 'my-pack.json' }) // { ok: true, pack } or { ok: false, issues }
 */
export function parsePack(source: PackSource): PackParse {
  const { file } = source;
  const manifest = source.manifest;
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest))
    return { ok: false, issues: [{ file, path: '$', message: 'a rule pack must be a JSON object' }] };
  const issues: PackIssue[] = [];
  const origin: { file: string; index: number }[] = [];
  let raw = manifest as Record<string, unknown>;
  if ('itemFiles' in raw) {
    const { itemFiles, ...rest } = raw;
    const items: unknown[] = [];
    if (!Array.isArray(itemFiles) || itemFiles.some((f) => typeof f !== 'string')) {
      issues.push({ file, path: '$.itemFiles', message: 'a list of item file names' });
    } else {
      for (const name of itemFiles as string[]) {
        const content = source.itemFiles?.[name];
        if (content === undefined) {
          issues.push({ file, path: '$.itemFiles', message: `item file "${name}" not found beside the manifest` });
          continue;
        }
        const parsed = itemSchemaList.safeParse(content);
        if (!parsed.success) {
          for (const i of flattenIssues(parsed.error.issues, content)) issues.push({ file: name, path: jsonPath(i.path), message: i.message });
          continue;
        }
        (content as unknown[]).forEach((item, index) => {
          items.push(item);
          origin.push({ file: name, index });
        });
      }
    }
    raw = { ...rest, items };
  } else if (Array.isArray(raw.items)) {
    raw.items.forEach((_, index) => origin.push({ file, index }));
  }
  if (issues.length > 0) return { ok: false, issues };
  const parsed = packSchema.safeParse(raw);
  if (!parsed.success) {
    for (const i of flattenIssues(parsed.error.issues, raw)) {
      const [head, index, ...rest] = i.path;
      const from = head === 'items' && typeof index === 'number' ? origin[index] : undefined;
      if (from && from.file !== file) issues.push({ file: from.file, path: jsonPath([from.index, ...rest]), message: i.message });
      else issues.push({ file, path: jsonPath(i.path), message: i.message });
    }
    return { ok: false, issues };
  }
  const semantic = semanticIssues(parsed.data, (i) => origin[i] ?? { file, index: i }, file);
  return semantic.length > 0 ? { ok: false, issues: semantic } : { ok: true, pack: parsed.data };
}
