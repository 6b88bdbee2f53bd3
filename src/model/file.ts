/**
 * The model file: a probability model as versioned JSON, validated by zod. Weights are grouped per
 * pack and item; each may carry a note saying why it has its value. W is the reference rating (0) of
 * every item; a W from facts or fresh evidence (against us, not merely unknown) adds `redFlag` and,
 * on a decisive item, `veto` (both ≤ 0).
 *
 * ```jsonc
 * {
 *   "format": "dealqual-model", "version": 1, "name": "default",
 *   "intercept": -2.442, "interceptNote": "…",
 *   "packs": { "sangfor-7step": { "version": "1.0.0", "items": { "s1.1": { "C": 0.27, "F": 0.135, "note": "★ …" } } } }
 * }
 * ```
 * No I/O: callers hand in the parsed JSON (or the text) and a file name for messages.
 */
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { checkJson, jsonProblemMessage } from '../json-guard.js';
import { ITEM_ID, type Pack } from '../packs/schema.js';
import type { Model } from './prior.js';

export const MODEL_FORMAT = 'dealqual-model';
export const MODEL_VERSION = 1;

/**
 * The largest log-odds a weight or the intercept may have in size. 50 log-odds is odds of 5·10²¹
 * to one — far beyond any evidence a checklist item gives — and keeps every sum of weights, the
 * logit, finite (±1.7e308 weights made it Infinity − Infinity: `null` in JSON).
 */
export const MAX_WEIGHT = 50;
/** How deep a model file may nest objects and lists. */
export const MAX_MODEL_JSON_DEPTH = 16;

const weight = (what: string) =>
  z
    .number({ error: () => `a finite number: ${what}` })
    .min(-MAX_WEIGHT, { error: () => `at least -${MAX_WEIGHT} (log-odds): ${what}` })
    .max(MAX_WEIGHT, { error: () => `at most ${MAX_WEIGHT} (log-odds): ${what}` });

export const itemWeightsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    C: weight('the log-odds added when the item is rated C'),
    F: weight('the log-odds added when the item is rated F'),
    redFlag: weight('the log-odds added when the item is W from facts or fresh evidence (against us)')
      .max(0, { error: () => 'redFlag must be ≤ 0: a red flag can only pull the probability down' })
      .default(0),
    veto: weight('the log-odds a decisive item adds as well when it is W from facts or fresh evidence')
      .max(0, { error: () => 'veto must be ≤ 0: a veto can only pull the probability down' })
      .optional(),
    note: z.string().optional().describe('Why the weights have these values.'),
  }),
);

/**
 * The weights of an item weighed per level (a categorical feature, `"weights": "per-level"` in its
 * pack): the log-odds of each level read. No level read (a blank, or a value the item's table does
 * not list and no `otherwise`) is the reference and adds 0; a level the file does not list adds 0 too.
 */
export const levelWeightsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    levels: z
      .record(z.string().min(1, { error: () => 'a level name (the key of the item\'s level table, or "otherwise")' }), weight('the log-odds added when the item reads this level'))
      .describe('Level (as the pack\'s level table writes it; "otherwise" for values not listed) → log-odds added when the item reads it. No level read adds 0: the reference.'),
    note: z.string().optional().describe('Why the weights have these values.'),
  }),
);

export const packWeightsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    version: z.string().optional().describe('The pack version the weights were made for.'),
    items: z.record(
      z.string().regex(ITEM_ID, 'an item id such as "s1.1" or "man.money"'),
      z.union([itemWeightsSchema, levelWeightsSchema]).describe('Weights by rating (C, F, redFlag, veto), or per level for a categorical feature (levels).'),
    ),
  }),
);

export const calibrationSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    deals: z.number().int().nonnegative(),
    won: z.number().int().nonnegative(),
    lost: z.number().int().nonnegative(),
    priorSd: z.number().positive(),
    interceptSd: z.number().positive(),
    monotone: z.boolean(),
    iterations: z.number().int().nonnegative(),
    converged: z.boolean(),
    prior: z.string().describe('The model the prior was centred on.'),
  }),
);

/** The zod schema of a model file (`dealqual calibrate --out`, `models/default.json`). */
export const modelFileSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    $schema: z.string().optional(),
    format: z.literal(MODEL_FORMAT, { error: () => `"${MODEL_FORMAT}"` }),
    version: z.literal(MODEL_VERSION, { error: () => `model file format version ${MODEL_VERSION}` }),
    generated: z
      .strictObject({
        by: z.string().min(1).describe('The command that writes this file.'),
        from: z.string().min(1).describe('What it is generated from.'),
        warning: z.string().min(1),
      })
      .optional()
      .describe('Present when the file is generated: edit the source, not the file.'),
    name: z.string().min(1),
    description: z.string().optional(),
    intercept: weight('the log-odds of a deal with every item W'),
    interceptNote: z.string().optional(),
    packs: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case pack id such as "sangfor-7step"'), packWeightsSchema),
    calibration: calibrationSchema.optional().describe('How the weights were fitted, when calibrated.'),
  }),
);

/** A validated model file. */
export type ModelFile = z.output<typeof modelFileSchema>;
export type ModelFileInput = z.input<typeof modelFileSchema>;

/** A problem in a model file: the file, the JSON path within it and what is wrong. */
export interface ModelIssue {
  file: string;
  /** JSON path within the file, e.g. `$.packs["sangfor-7step"].items["s1.1"].C`. */
  path: string;
  message: string;
}

/** The outcome of `parseModel`: the model and its file, or every issue found. */
export type ModelParse = { ok: true; model: Model; file: ModelFile } | { ok: false; issues: ModelIssue[] };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** `['packs', 'sangfor-7step', 'items', 's1.1', 'C']` → `$.packs["sangfor-7step"].items["s1.1"].C` */
export function modelPath(path: readonly PropertyKey[]): string {
  return (
    '$' +
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : IDENTIFIER.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`))
      .join('')
  );
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let node = json;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/**
 * A failed union (an item's weights by rating or per level) as the issues of the form the author
 * meant: the form whose keys the value has (`levels` → per level), else by rating.
 */
function unionIssues(issue: z.core.$ZodIssueInvalidUnion, json: unknown): z.core.$ZodIssue[] {
  const value = valueAt(json, issue.path);
  const perLevel = value !== null && typeof value === 'object' && 'levels' in value;
  const branch = issue.errors[perLevel ? 1 : 0] ?? issue.errors[0] ?? [];
  return branch.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as z.core.$ZodIssue);
}

/** Flattens a model file's per-pack weights into the evaluator's `Model`. */
export function modelOf(file: ModelFile): Model {
  const weights: Model['weights'] = {};
  for (const pack of Object.values(file.packs))
    for (const [id, w] of Object.entries(pack.items))
      weights[id] = 'levels' in w ? { C: 0, F: 0, redFlag: 0, levels: { ...w.levels } } : w.veto === undefined ? { C: w.C, F: w.F, redFlag: w.redFlag } : { C: w.C, F: w.F, redFlag: w.redFlag, veto: w.veto };
  const versions = Object.entries(file.packs).flatMap(([id, pack]) => (pack.version === undefined ? [] : [[id, pack.version] as const]));
  return versions.length > 0 ? { intercept: file.intercept, weights, packs: Object.fromEntries(versions) } : { intercept: file.intercept, weights };
}

/**
 * Validates a parsed model file and returns the evaluator's model with it.
 * @example parseModel(JSON.parse(text), 'model.json') // { ok: true, model, file } or { ok: false, issues }
 */
export function parseModel(json: unknown, file: string): ModelParse {
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return { ok: false, issues: [{ file, path: '$', message: `a model file must be a JSON object with "format": "${MODEL_FORMAT}"` }] };
  const raw = checkJson(json, MAX_MODEL_JSON_DEPTH);
  if (raw) return { ok: false, issues: [{ file, path: modelPath(raw.path), message: jsonProblemMessage(raw, 'model file', MAX_MODEL_JSON_DEPTH) }] };
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.flatMap((one) => (one.code === 'invalid_union' ? unionIssues(one, json) : [one])).map((issue) => {
        if (issue.code === 'unrecognized_keys')
          return { file, path: modelPath([...issue.path, issue.keys[0]!]), message: `unknown key "${issue.keys.join('", "')}"` };
        if (issue.code === 'invalid_key')
          return { file, path: modelPath(issue.path), message: `${issue.issues[0]?.message ?? 'an invalid key'}, got ${JSON.stringify(String(issue.path.at(-1)))}` };
        if (issue.code === 'invalid_type') {
          const value = valueAt(json, issue.path);
          if (value === undefined) return { file, path: modelPath(issue.path), message: `required: ${issue.message}` };
          return { file, path: modelPath(issue.path), message: `${issue.message}, got ${JSON.stringify(value)}` };
        }
        return { file, path: modelPath(issue.path), message: issue.message };
      }),
    };
  const issues: ModelIssue[] = [];
  const owner = new Map<string, string>();
  for (const [packId, pack] of Object.entries(parsed.data.packs))
    for (const id of Object.keys(pack.items)) {
      const first = owner.get(id);
      if (first !== undefined) issues.push({ file, path: modelPath(['packs', packId, 'items', id]), message: `item "${id}" is already weighted under pack "${first}"` });
      else owner.set(id, packId);
    }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, model: modelOf(parsed.data), file: parsed.data };
}

/** A reason to doubt a model for the packs it is used with; the evaluation still runs. */
export interface ModelWarning {
  code: 'model-shares-no-item' | 'model-pack-version' | 'model-levels-not-read' | 'model-unknown-level';
  message: string;
}

/**
 * Warnings about using a model with packs:
 * - `model-shares-no-item`: the model weighs none of the packs' items, so every deal gets the same
 *   probability (the intercept's: about 8% for the default prior) whatever its ratings — almost
 *   always a model made for other packs;
 * - `model-pack-version`: the model was made for another version of an evaluated pack (its file
 *   says `packs.<id>.version`): the pack's rules may rate deals differently from the ones the
 *   weights were fitted on, so recalibrate (`dealqual calibrate`) or pin the pack version;
 * - `model-levels-not-read`: the model weighs an item per level but the pack rates that item (it is
 *   not `"weights": "per-level"`), so no level is ever read and the item adds 0;
 * - `model-unknown-level`: the model weighs a level the item's table does not have (a typo, or
 *   another version of the pack): that weight is never used.
 * @example modelWarnings(parseModel(json, 'm.json').model, [builtinPack('man')]) // [] when it weighs a MAN item
 */
export function modelWarnings(model: Model, packs: readonly Pack[]): ModelWarning[] {
  const items = packs.flatMap((p) => p.items);
  const own = (id: string) => Object.prototype.hasOwnProperty.call(model.weights, id);
  if (!items.some((item) => own(item.id))) {
    const p = 1 / (1 + Math.exp(-model.intercept));
    return [
      {
        code: 'model-shares-no-item',
        message: `the model weighs none of the items of ${packs.map((pk) => pk.id).join(', ')}: every deal gets its intercept's probability (${Math.round(p * 100)}%) whatever its ratings; use a model made for these packs`,
      },
    ];
  }
  const warnings: ModelWarning[] = [];
  for (const pack of packs) {
    const madeFor = model.packs && Object.prototype.hasOwnProperty.call(model.packs, pack.id) ? model.packs[pack.id] : undefined;
    if (madeFor !== undefined && madeFor !== pack.version)
      warnings.push({
        code: 'model-pack-version',
        message: `the model was made for ${pack.id} ${madeFor}, and the evaluated ${pack.id} is ${pack.version}: its rules may rate deals differently from those the weights were fitted on; recalibrate (dealqual calibrate) or use the pack version the model names`,
      });
  }
  for (const item of items) {
    const levels = own(item.id) ? model.weights[item.id]!.levels : undefined;
    if (!levels) continue;
    if (!item.feature) {
      warnings.push({ code: 'model-levels-not-read', message: `the model weighs ${item.id} per level, but the pack rates it ("weights": "per-level" is not set): no level is read and the item adds 0` });
      continue;
    }
    const known = new Set(item.rules.flatMap((r) => (r.event.params.level !== undefined ? [r.event.params.level] : [])));
    const unknown = Object.keys(levels).filter((level) => !known.has(level));
    if (unknown.length > 0)
      warnings.push({
        code: 'model-unknown-level',
        message: `the model weighs ${unknown.map((l) => JSON.stringify(l)).join(', ')} for ${item.id}, which its level table (${[...known].map((l) => JSON.stringify(l)).join(', ')}) does not have: ${unknown.length === 1 ? 'that weight is' : 'those weights are'} never used`,
      });
  }
  return warnings;
}

/**
 * Parses a model file's text: JSON syntax errors are issues too.
 * @example parseModelText(await readFile(path, 'utf8'), path)
 */
export function parseModelText(text: string, file: string): ModelParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ file, path: '$', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return parseModel(json, file);
}

/** The JSON Schema of a model file. */
export function modelJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(modelFileSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
