/**
 * The evaluation result as a zod schema: the source of the published JSON Schema
 * (`dealqual/schemas/result.json`) for consumers in other languages, and a validator for results
 * stored or sent elsewhere. It describes the same shape as the `Result` type (src/result.ts); a
 * type-level test (test/package/result-schema.test.ts) fails when the two drift apart.
 */
import * as z from 'zod';
import { lazySchema } from './lazy-schema.js';

const rating = /* @__PURE__ */ lazySchema(() => z.enum(['C', 'F', 'W']));
const bilingual = /* @__PURE__ */ lazySchema(() => z.strictObject({ zh: z.string(), en: z.string() }));
const params = /* @__PURE__ */ lazySchema(() => z.record(z.string(), z.union([z.string(), z.number()])));

/** Why an item has its rating: a code and its parameters (words come from the locale table). */
export const reasonSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    code: z.enum(['facts', 'evidence', 'evidence-partial', 'evidence-against', 'answer', 'stale', 'unsupported', 'nothing-known', 'same-fact']),
    params,
  }),
);

const describedReasonSchema = /* @__PURE__ */ lazySchema(() => reasonSchema.extend({ message: z.string().describe('The reason in the requested locale.') }));

const itemResultSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    rating,
    pack: z.string(),
    step: z.number().int(),
    star: z.boolean(),
    reason: reasonSchema,
    contribution: z.number().describe("Log-odds this item adds to the probability's logit."),
    veto: z.number().max(0).optional().describe('Present when a decisive item is W from facts or evidence: the veto part of contribution.'),
    level: z
      .strictObject({
        from: z.string().describe('The snapshot field the item reads, e.g. custom.incumbent.'),
        level: z.string().nullable().describe('The level its matching rule reads ("otherwise" for a value not listed); null when none matched: the reference, weighing 0.'),
        value: z.union([z.string(), z.number()]).optional().describe('The value in the field (booleans as text).'),
      })
      .optional()
      .describe('Present on an item weighed per level (a categorical feature): what it read; contribution is the weight of that level.'),
  }),
);

const missingItemSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      item: z.string(),
      star: z.boolean(),
      gain: z.number().describe('How much the probability would rise if the item were confirmed (C).'),
    })
    .describe("A missing item: its rating, reason, pack and step are in the result's items."),
);

const findingSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    code: z.enum(['contradiction', 'cross-pack-contradiction', 'method-disagreement', 'unsupported', 'stale', 'red-flag']),
    items: z.array(z.string()),
    params,
  }),
);

const stepProgressSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    step: z.number().int(),
    applies: z.boolean(),
    C: z.number().int(),
    F: z.number().int(),
    W: z.number().int(),
    open: z.array(z.string()).describe('Items that gate the step (its ★ items, or all of them where it has none) and are not C, then decisive items W from facts or evidence.'),
  }),
);

const stageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    step: z.number().int().min(1).max(7),
    milestone: z.enum(['lead', 'opportunity', 'project', 'won', 'lost']),
    furthest: z.number().int().describe('The furthest step with any C item.'),
    claimed: z.number().int().optional().describe('The step the snapshot claims (claimedStep), where it claims one.'),
    steps: z.array(stepProgressSchema),
  }),
);

/** One deal's evaluation, compact (the default of `evaluateSync`, `evaluate`, `dealqual audit -f json`). */
export const resultSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ok: z.literal(true),
    id: z.string(),
    asOf: z.string(),
    stage: stageSchema,
    probability: z.number().min(0).max(1),
    logit: z.number().describe("The log-odds: intercept plus every item's contribution."),
    intercept: z.number().describe("The model's intercept: the log-odds of a deal with every item W."),
    items: z.record(z.string(), itemResultSchema),
    missing: z.array(missingItemSchema).describe('Items not rated C, most urgent first.'),
    findings: z.array(findingSchema),
    man: z.strictObject({ class: z.string(), action: bilingual }).optional(),
    stages: z
      .record(
        z.string(),
        z.strictObject({
          step: z.number().int().min(1),
          of: z.number().int().min(1).describe('How many steps the method has.'),
          passed: z.number().int().min(0).describe('How many steps, from the first, have their end marker reached (every gate item C).'),
          open: z.array(z.string()).describe('Gate items of the current step that are not C.'),
        }),
      )
      .optional()
      .describe("The stage on each evaluated method with a path of its own (a pack declaring stages), by pack id; the seven-step stage stays in stage."),
  }),
);

/** One deal's evaluation with its texts (`describe`, `detail: 'full'`, `dealqual audit --detail full`). */
export const describedResultSchema = /* @__PURE__ */ lazySchema(() =>
  resultSchema.extend({
    items: z.record(
      z.string(),
      itemResultSchema.extend({
        reason: describedReasonSchema,
        level: itemResultSchema.shape.level.unwrap().extend({ message: z.string().describe('custom.incumbent = Other → −0.41, in the requested locale.') }).optional(),
      }),
    ),
    missing: z
      .array(
        // The compact entry, with its item's pack, step, rating and described reason, title and signals.
        z.strictObject({
          ...missingItemSchema.shape,
          pack: itemResultSchema.shape.pack,
          step: itemResultSchema.shape.step,
          rating,
          title: bilingual.describe('The item title: the source text and our translation.'),
          reason: describedReasonSchema,
          signals: z.array(z.strictObject({ n: z.number().int(), zh: z.string(), en: z.string() })).describe("The source's signals: ways to prove the item."),
        }),
      )
      .describe('Items not rated C, most urgent first.'),
    findings: z.array(findingSchema.extend({ message: z.string() })),
  }),
);

/**
 * The JSON Schema (draft 2020-12) of a result: one schema accepting either form (`anyOf`), the
 * compact result or the described one, as `audit --detail` decides.
 */
export function resultJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(z.union([resultSchema, describedResultSchema]), { io: 'output', target: 'draft-2020-12' }) as Record<string, unknown>;
}
