/**
 * Categorical items: an item declared from one snapshot field and a level table instead of rules —
 *
 *   { "id": "crm.budget", "step": 2, "star": true, "from": "custom.budget_confirmed",
 *     "levels": { "Yes": "C", "Partial": "F", "No": "W" } }
 *
 * — expanded at load into ordinary rule JSON (one rule per level, each with its own message
 * `<from> = <level>`; a range shows the value, `<from> = 48 (0..90)`), so both engines (json-rules-engine and the compiled matcher) rate it with no
 * code of its own. Level keys are matched exactly; a key that is a number (`"0"`) matches the number
 * and its text; a range key (`"<0"`, `"0..90"`, `">=2"`) matches numbers in it. Keys are tried in the
 * order written, so the first listed level that matches rates the item.
 *
 * `otherwise` rates a value the table does not list. The rule language has no test for "present"
 * (json-rules-engine reads a missing path as undefined, and `notIn` holds for it), so `otherwise`
 * rates a blank (absent) field too. Without `otherwise` (the default), an unlisted value and a blank
 * are not observed: the seller's answer counts, else the item is W (nothing known), as for any item
 * no rule matches (docs/rating.md). Titles, docs and messages are optional: they default to the
 * field and the level.
 *
 * `"weights": "per-level"` makes the item a categorical feature of the probability model: the
 * level table still rates it C/F/W (stage, missing evidence, findings), but the model weighs it by
 * the level read — one weight per level (`otherwise` is a level of its own), fitted by `calibrate`,
 * explained per deal as `<from> = <level> → <weight>` — instead of by its rating. No level read
 * (a blank, or an unlisted value without `otherwise`) is the reference: it adds 0, whatever the
 * seller's answer says (the answer still rates the item). Each expanded rule carries its level
 * (`event.params.level`), the item its field (`feature.from`). See docs/probability.md.
 */
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { ITEM_ID, PATH_PATTERN } from './conditions.js';

const rating = /* @__PURE__ */ lazySchema(() => z.enum(['C', 'F', 'W']));
/** The level name of the `otherwise` rule (its message id is `<item id>=otherwise`, its model weight `otherwise`). */
export const OTHERWISE = 'otherwise';
const bilingual = /* @__PURE__ */ lazySchema(() => z.strictObject({ zh: z.string().min(1), en: z.string().min(1) }));

/** The declaration of a categorical item (the fields an ordinary item has, rules replaced by `from` and `levels`). */
export const categoricalItemSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    id: z.string().regex(ITEM_ID, 'an item id such as "s1.1" or "man.money"'),
    step: z.number().int().min(1).max(7),
    star: z.boolean().default(false),
    kind: z.enum(['positive', 'risk']).default('positive'),
    extension: z.boolean().default(true),
    title: bilingual.optional(),
    signals: z.array(z.strictObject({ n: z.number().int().positive(), zh: z.string().min(1), en: z.string().min(1) })).default([]),
    minSignals: z.number().int().positive().default(1),
    sameFactAs: z.array(z.string().regex(ITEM_ID)).default([]),
    docs: z.string().min(1).optional(),
    from: z
      .string()
      .refine((p) => PATH_PATTERN.test(`$.${p}`), 'a dotted snapshot path such as "custom.budget_confirmed" or "funding.approval"')
      .describe('The snapshot field the item is rated from (a mapped CRM column is custom.<name>).'),
    levels: z.record(z.string().min(1), rating).refine((l) => Object.keys(l).length > 0, 'at least one level').describe('Field value → rating, tried in the order written.'),
    otherwise: rating.optional().describe('Rating of a value not listed (a blank field included). Default: not observed (the answer counts, else W).'),
    messages: z.record(z.string(), bilingual).optional().describe('Reason per level (key: the level, or "otherwise"). Default: "<from> = <level>".'),
    weights: z
      .enum(['rating', 'per-level'])
      .default('rating')
      .describe(
        'How the probability model weighs the item. "rating" (default): one weight for C and one for F, as any item. "per-level": a categorical feature, one weight per level read (otherwise included; fitted by calibrate); no level read (blank, or unlisted without otherwise) adds 0. The levels still rate the item C/F/W for the stage and missing evidence.',
      ),
  }).superRefine((item, ctx) => {
    // `otherwise` is a level of its own (message id and model weight `otherwise`): a listed level of that name would collide.
    if (item.otherwise !== undefined && Object.prototype.hasOwnProperty.call(item.levels, OTHERWISE))
      ctx.addIssue({ code: 'custom', path: ['levels', OTHERWISE], message: `a level named "${OTHERWISE}" cannot be listed beside "otherwise": rename the level, or rate it with "otherwise"` });
  }),
);

export type CategoricalItem = z.output<typeof categoricalItemSchema>;

const RANGE = /^(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)$/;
const BOUND = /^(<=|>=|<|>|≤|≥)\s*(-?\d+(?:\.\d+)?)$/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;
const OPERATOR: Record<string, string> = { '<': 'lessThan', '<=': 'lessThanInclusive', '≤': 'lessThanInclusive', '>': 'greaterThan', '>=': 'greaterThanInclusive', '≥': 'greaterThanInclusive' };

/** The conditions a level key stands for, on the fact path. */
function levelConditions(path: string, level: string): Record<string, unknown>[] {
  const fact = { fact: 'deal', path };
  const range = RANGE.exec(level.trim());
  if (range) return [{ ...fact, operator: 'greaterThanInclusive', value: Number(range[1]) }, { ...fact, operator: 'lessThanInclusive', value: Number(range[2]) }];
  const bound = BOUND.exec(level.trim());
  if (bound) return [{ ...fact, operator: OPERATOR[bound[1]!], value: Number(bound[2]) }];
  if (NUMBER.test(level.trim())) return [{ ...fact, operator: 'in', value: [Number(level.trim()), level] }];
  return [{ ...fact, operator: 'equal', value: level }];
}

/** The values a level key lists (for `otherwise`: everything not listed), or undefined for a range. */
const listed = (level: string): unknown[] | undefined =>
  RANGE.test(level.trim()) || BOUND.test(level.trim()) ? undefined : NUMBER.test(level.trim()) ? [Number(level.trim()), level] : [level];

/** Whether a pack item is written in the categorical form. */
export const isCategorical = (item: unknown): boolean => item !== null && typeof item === 'object' && !Array.isArray(item) && 'levels' in item;

/**
 * An item in categorical form → an ordinary item (rules) and the messages its rules use. Message
 * ids are `<item id>=<level>` (and `<item id>=otherwise`), so they cannot collide with a pack's own.
 * @example expandCategorical({ id: 'crm.demo', step: 3, from: 'custom.demo', levels: { Yes: 'C', No: 'W' } }).item.rules.length // 2
 */
export function expandCategorical(declared: CategoricalItem): { item: Record<string, unknown>; messages: Record<string, { zh: string; en: string }> } {
  const { from, levels, otherwise, messages: own = {}, title, docs, weights, ...rest } = declared;
  const perLevel = weights === 'per-level';
  const params = (rated: string, message: string, level: string) => (perLevel ? { rating: rated, message, level } : { rating: rated, message });
  const path = `$.${from}`;
  const messages: Record<string, { zh: string; en: string }> = {};
  const rules: Record<string, unknown>[] = [];
  const entries = Object.entries(levels);
  entries.forEach(([level, rated], order) => {
    const id = `${declared.id}=${level}`;
    const text = listed(level) === undefined ? `${from} = {deal.${from}} (${level})` : `${from} = ${level}`;
    messages[id] = own[level] ?? { zh: text, en: text };
    rules.push({ priority: entries.length + 1 - order, conditions: { all: levelConditions(path, level) }, event: { type: 'rate', params: params(rated, id, level) } });
  });
  if (otherwise !== undefined) {
    const id = `${declared.id}=${OTHERWISE}`;
    messages[id] = own.otherwise ?? { zh: `${from} = {deal.${from}}(未列出的取值)`, en: `${from} = {deal.${from}} (a value not listed)` };
    const values = entries.flatMap(([level]) => listed(level) ?? []);
    const ranges = entries.filter(([level]) => listed(level) === undefined).map(([level]) => ({ not: { all: levelConditions(path, level) } }));
    rules.push({ priority: 1, conditions: { all: [{ fact: 'deal', path, operator: 'notIn', value: values }, ...ranges] }, event: { type: 'rate', params: params(otherwise, id, OTHERWISE) } });
  }
  const table = entries.map(([level, rated]) => `${level} → ${rated}`).join(', ');
  const item = {
    ...rest,
    title: title ?? { zh: from, en: from },
    docs:
      docs ??
      `Categorical item rated from \`${from}\`: ${table}; ${otherwise ? `any other value (a blank included) → ${otherwise}` : 'any other value or a blank is not observed (the answer counts, else W)'}.${perLevel ? ' The probability model weighs it per level (one weight per level read; none read adds 0).' : ''}`,
    rules,
    ...(perLevel ? { feature: { from } } : {}),
  };
  return { item, messages };
}
