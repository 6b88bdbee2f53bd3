/**
 * Validates rule packs as untrusted data: the zod schema, then what a schema cannot say (message
 * ids, named conditions, unique item ids). Every problem names its file and JSON path. No I/O here:
 * callers hand in parsed JSON; `node/read-pack.ts` reads files.
 */
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import type { Condition } from './conditions.js';
import { itemSchema, packSchema, type Pack } from './schema.js';
import { checkJson, jsonProblemMessage, type JsonProblem } from '../json-guard.js';
import { conditionRefs, limitIssues, MAX_PACK_JSON_DEPTH, unknownConditionMessage } from './limits.js';

const hasOwn = Object.prototype.hasOwnProperty;
import { categoricalItemSchema, expandCategorical, isCategorical } from './categorical.js';

const itemSchemaList = /* @__PURE__ */ lazySchema(() => z.array(itemSchema));

/** A problem in a rule-pack file: the file, the JSON path within it and what is wrong. */
export interface PackIssue {
  file: string;
  /** JSON path within the file, e.g. `$.items[3].rules[0].conditions.all[1].operator`. */
  path: string;
  message: string;
}

/** The outcome of `parsePack`: the validated pack, or every issue found. */
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

function semanticIssues(pack: Pack, fileOf: (itemIndex: number) => { file: string; index: number }, manifest: string): PackIssue[] {
  const issues: PackIssue[] = [];
  const seen = new Map<string, number>();
  const named = pack.conditions as Record<string, Condition>;
  const ruleAt = (i: number, r: number, rest: PropertyKey[]) => {
    const { file, index } = fileOf(i);
    return { file, path: jsonPath([...(file === manifest ? ['items'] : []), index, 'rules', r, ...rest]) };
  };
  for (const issue of limitIssues(pack))
    issues.push({ ...(issue.rule ? ruleAt(issue.rule.item, issue.rule.rule, issue.path) : { file: manifest, path: jsonPath(issue.path) }), message: issue.message });
  pack.items.forEach((item, i) => {
    const { file, index } = fileOf(i);
    const at = (...rest: PropertyKey[]) => jsonPath([...(file === manifest ? ['items'] : []), index, ...rest]);
    if (seen.has(item.id)) issues.push({ file, path: at('id'), message: `duplicate item id "${item.id}"` });
    seen.set(item.id, i);
    // An item weighed per level names the level of each rule; only such an item does.
    item.rules.forEach((rule, r) => {
      const level = rule.event.params.level;
      if (item.feature && level === undefined) issues.push({ file, path: at('rules', r, 'event', 'params'), message: 'an item weighed per level ("feature") names the level of every rule: add "level"' });
      if (!item.feature && level !== undefined) issues.push({ file, path: at('rules', r, 'event', 'params', 'level'), message: 'a level is read only by an item weighed per level: add "feature": { "from": "<field>" } to the item, or remove "level"' });
    });
    item.rules.forEach((rule, r) => {
      const message = rule.event.params.message;
      if (!hasOwn.call(pack.messages, message)) issues.push({ file, path: at('rules', r, 'event', 'params', 'message'), message: `unknown message id "${message}": add it to the pack's "messages"` });
      for (const ref of conditionRefs(rule.conditions, ['conditions']))
        if (!hasOwn.call(named, ref.name))
          issues.push({ ...ruleAt(i, r, ref.path), message: unknownConditionMessage(ref.name, named) });
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

/**
 * Expands the categorical items of a list (docs: src/packs/categorical.ts) in place of their
 * declarations; the messages they need are collected. Problems name the file and JSON path.
 */
function expandList(list: unknown, file: string, prefix: PropertyKey[], messages: Record<string, unknown>, issues: PackIssue[]): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((entry, index) => {
    if (!isCategorical(entry)) return entry;
    const parsed = categoricalItemSchema.safeParse(entry);
    if (!parsed.success) {
      for (const i of flattenIssues(parsed.error.issues, entry)) issues.push({ file, path: jsonPath([...prefix, index, ...i.path]), message: i.message });
      return entry;
    }
    const { item, messages: own } = expandCategorical(parsed.data);
    for (const [id, text] of Object.entries(own)) {
      if (Object.prototype.hasOwnProperty.call(messages, id)) issues.push({ file, path: jsonPath([...prefix, index, 'levels']), message: `message id "${id}" of this categorical item is already used` });
      messages[id] = text;
    }
    return item;
  });
}

/** A pack as read from its files, before validation: the manifest and the item files it names. */
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
  const file = typeof source?.file === 'string' ? source.file : '(pack)';
  try {
    return parseSource(source, file);
  } catch (error) {
    // Nothing above should throw for any input; if it does, the pack is refused, never the caller.
    return { ok: false, issues: [{ file, path: '$', message: `internal error while validating the pack (please report it): ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/** A problem of a pack file's raw JSON (nesting, unsafe keys), found before the schema runs. */
function rawIssue(json: unknown, file: string): PackIssue | undefined {
  const problem: JsonProblem | undefined = checkJson(json, MAX_PACK_JSON_DEPTH);
  return problem && { file, path: jsonPath(problem.path), message: `${jsonProblemMessage(problem, 'pack', MAX_PACK_JSON_DEPTH)}${problem.kind === 'depth' ? ' (see docs/engine-semantics.md)' : ''}` };
}

function parseSource(source: PackSource, file: string): PackParse {
  const manifest = source.manifest;
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest))
    return { ok: false, issues: [{ file, path: '$', message: 'a rule pack must be a JSON object' }] };
  const rawProblem = rawIssue(manifest, file);
  if (rawProblem) return { ok: false, issues: [rawProblem] };
  const issues: PackIssue[] = [];
  const origin: { file: string; index: number }[] = [];
  let raw = manifest as Record<string, unknown>;
  const added: Record<string, unknown> = {};
  if (hasOwn.call(raw, 'itemFiles')) {
    const { itemFiles, ...rest } = raw;
    const items: unknown[] = [];
    if (!Array.isArray(itemFiles) || itemFiles.some((f) => typeof f !== 'string')) {
      issues.push({ file, path: '$.itemFiles', message: 'a list of item file names' });
    } else {
      for (const name of itemFiles as string[]) {
        const content = source.itemFiles && hasOwn.call(source.itemFiles, name) ? source.itemFiles[name] : undefined;
        if (content === undefined) {
          issues.push({ file, path: '$.itemFiles', message: `item file "${name}" not found beside the manifest` });
          continue;
        }
        const contentIssue = rawIssue(content, name);
        if (contentIssue) {
          issues.push(contentIssue);
          continue;
        }
        const expanded = expandList(content, name, [], added, issues);
        const parsed = itemSchemaList.safeParse(expanded);
        if (!parsed.success) {
          for (const i of flattenIssues(parsed.error.issues, content)) issues.push({ file: name, path: jsonPath(i.path), message: i.message });
          continue;
        }
        (expanded as unknown[]).forEach((item, index) => {
          items.push(item);
          origin.push({ file: name, index });
        });
      }
    }
    raw = { ...rest, items };
  } else if (Array.isArray(raw.items)) {
    raw.items.forEach((_, index) => origin.push({ file, index }));
    raw = { ...raw, items: expandList(raw.items, file, ['items'], added, issues) };
  }
  if (Object.keys(added).length > 0) {
    const own = raw.messages !== null && typeof raw.messages === 'object' && !Array.isArray(raw.messages) ? (raw.messages as Record<string, unknown>) : {};
    for (const id of Object.keys(added)) if (Object.prototype.hasOwnProperty.call(own, id)) issues.push({ file, path: jsonPath(['messages', id]), message: `message id "${id}" is the one a categorical item makes; rename it` });
    raw = { ...raw, messages: { ...own, ...added } };
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
