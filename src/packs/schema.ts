/**
 * The rule-pack file format. A pack is data: metadata (ESLint-style `meta`: ids, docs, messages)
 * plus json-rules-engine rule JSON per item. Loading one never runs code.
 */
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { isSafeKey, UNSAFE_KEYS } from '../json-guard.js';
import { ITEM_ID, PATH_PATTERN, pathHasUnsafeStep, topLevelConditionSchema } from './conditions.js';
import { categoricalItemSchema } from './categorical.js';

export { ITEM_ID };

const bilingual = /* @__PURE__ */ lazySchema(() => z.strictObject({ zh: z.string().min(1), en: z.string().min(1) }));

/** A message text: its `{deal.…}` / `{derived.…}` placeholders never step into a prototype. */
const messageText = /* @__PURE__ */ lazySchema(() =>
  z
    .string()
    .min(1)
    .refine((text) => ![...text.matchAll(/\{(?:deal|derived)([^{}]*)\}/g)].some((m) => pathHasUnsafeStep(`$${m[1]}`)), {
      error: () => `a placeholder path without the steps ${UNSAFE_KEYS.join(', ')} (they reach JavaScript prototypes)`,
    }),
);
const messageSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ zh: messageText, en: messageText }));

export const ruleSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    name: z.string().optional(),
    priority: z.number().int().positive().optional(),
    conditions: topLevelConditionSchema,
    event: z.strictObject({
      type: z.literal('rate'),
      params: z.strictObject({
        rating: z.enum(['C', 'F', 'W']),
        message: z.string().min(1).describe('A message id of the pack: why the facts give this rating.'),
        level: z
          .string()
          .min(1)
          .optional()
          .describe('The level this rule reads, on an item weighed per level (`feature`): the model adds that level\'s weight when the rule matches. Written by the categorical form ("weights": "per-level").'),
      }),
    }),
  }),
);

export const itemSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    id: z.string().regex(ITEM_ID, 'an item id such as "s1.1" or "man.money"'),
    step: z.number().int().min(1).max(7).describe('The seven-step step the item belongs to, or whose facts it reads.'),
    star: z.boolean().describe('★ 重要: the source marks the item important; ★ items gate the stage.'),
    kind: z.enum(['positive', 'risk']).default('positive').describe('risk: a red-flag item whose bad case is W.'),
    extension: z.boolean().default(false).describe('Added by this project, not in the source.'),
    title: bilingual.describe('zh: the source text; en: our translation.'),
    signals: z.array(z.strictObject({ n: z.number().int().positive(), zh: z.string().min(1), en: z.string().min(1) })),
    minSignals: z.number().int().positive().default(1).describe('Distinct fresh evidence signals that prove the item (C); fewer give F.'),
    sameFactAs: z.array(z.string().regex(ITEM_ID)).default([]).describe('Items of other packs that read the same fact.'),
    redFlag: z
      .boolean()
      .default(false)
      .describe('A W from facts or fresh evidence is a red flag: the customer has shown it is against us here, not merely that it is unknown (risk items always are).'),
    decisive: z
      .boolean()
      .default(false)
      .describe(
        'A W from facts or fresh evidence decides the deal against us (seed 002: 要完成一次销售,你必须得到每个人的同意): it holds the stage at the item\'s step like a ★ item, ranks first in missing, is a red flag, and takes the model\'s veto term.',
      ),
    docs: z.string().min(1).describe('How the item is rated, and each choice made where the source is ambiguous.'),
    rules: z.array(ruleSchema),
    feature: z
      .strictObject({
        from: z.string().refine((p) => PATH_PATTERN.test(`$.${p}`), 'a dotted snapshot path such as "custom.incumbent"').describe('The field the levels are read from.'),
      })
      .optional()
      .describe(
        'The item is a categorical feature of the probability model: it adds the weight of the level its matching rule reads (every rule names one: event.params.level), 0 when no rule matches. Its rating still drives the stage and missing evidence. Written by the categorical form ("weights": "per-level").',
      ),
  }),
);

/**
 * A step of a method with its own stage path (摧龙六式's six steps, the 立项 registration gate):
 * the step is passed when every gate item is C — its end marker (结束标志) reached.
 */
export const stageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    n: z.number().int().positive().describe('The step number, 1, 2, … in order.'),
    title: bilingual.describe("The step's name: zh the source's, en ours."),
    start: bilingual.optional().describe('The start marker (开始标志), where the source gives one.'),
    end: bilingual.describe('The end marker (结束标志): reached when every gate item is C.'),
    gate: z.array(z.string().regex(ITEM_ID)).min(1).describe("Ids of this pack's items that show the end marker."),
    sevenStep: z.array(z.number().int().min(1).max(7)).default([]).describe('Seven-step steps covering the same ground (the correspondence in the docs).'),
  }),
);

/** The zod schema of a rule-pack file (manifest with inline `items`, or with `itemFiles`). */
export const packSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    $schema: z.string().optional(),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case pack id such as "sangfor-7step"')
      .refine(isSafeKey, { error: () => `a pack id other than ${UNSAFE_KEYS.join(', ')} (pack ids key results and model files)` }),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a semantic version such as "1.0.0"'),
    title: bilingual,
    source: z.string().optional().describe('Where the method comes from.'),
    docs: z.string().min(1),
    messages: z.record(z.string(), messageSchema).describe('Message ids used by rules, in zh and en.'),
    conditions: z.record(z.string(), topLevelConditionSchema).default({}).describe('Named conditions shared by rules.'),
    items: z.array(itemSchema).min(1),
    stages: z.array(stageSchema).optional().describe("The method's own steps and their gates; the result reports the stage under `stages[packId]`."),
  }),
);

/** A rule pack as it is written in its file. */
export type PackInput = z.input<typeof packSchema>;
/** A validated rule pack, defaults filled in. */
export type Pack = z.output<typeof packSchema>;
/** One checklist item of a pack: metadata (ids, titles, signals, docs) and its rules. */
export type Item = Pack['items'][number];
export type PackRule = Item['rules'][number];
export type Bilingual = z.output<typeof bilingual>;
export type PackStageDef = z.output<typeof stageSchema>;

/** The JSON Schema of a rule-pack file: an item is written with rules, or in categorical form (`from` and `levels`). */
export function packJsonSchema(): Record<string, unknown> {
  const file = packSchema.extend({ items: z.array(z.union([itemSchema, categoricalItemSchema])).min(1) });
  return z.toJSONSchema(file, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
