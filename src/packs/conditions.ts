/**
 * The condition language of rule files: json-rules-engine 7 conditions, restricted to what is safe
 * with untrusted authors. Facts are the two documents the evaluator provides (`deal`, `derived`),
 * paths are plain member paths, operators are json-rules-engine's built-ins with their decorators.
 */
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { UNSAFE_KEYS } from '../json-guard.js';

export { ITEM_ID, FACTS, OPERATORS, DECORATORS, PATH_PATTERN, type FactName } from './words.js';
import { DECORATORS, FACTS, OPERATORS, PATH_PATTERN } from './words.js';

/** Whether an operator string names a json-rules-engine default operator, possibly decorated. */
export function isKnownOperator(operator: string): boolean {
  const parts = operator.split(':');
  const base = parts.pop() as string;
  return (OPERATORS as readonly string[]).includes(base) && parts.every((d) => (DECORATORS as readonly string[]).includes(d));
}

const factName = /* @__PURE__ */ lazySchema(() => z.enum(FACTS, { error: () => `a fact the evaluator provides: ${FACTS.join(', ')}` }));
/** Whether a plain member path names a step that reaches a prototype (`$.a.__proto__`, `$.constructor`). */
export const pathHasUnsafeStep = (path: string): boolean => /\.(?:__proto__|constructor|prototype)(?=[.[]|$)/.test(path);

const path = /* @__PURE__ */ lazySchema(() =>
  z
    .string()
    .regex(PATH_PATTERN, { error: 'a plain member path such as "$.funding.budgetInPlace" or "$.stakeholders[0].role"', abort: true })
    .refine((p) => !pathHasUnsafeStep(p), { error: () => `a path without the steps ${UNSAFE_KEYS.join(', ')} (they reach JavaScript prototypes)` }),
);
const operator = /* @__PURE__ */ lazySchema(() =>
  z.string().refine(isKnownOperator, {
    error: () => `a json-rules-engine operator (${OPERATORS.join(', ')}), optionally decorated (${DECORATORS.join(', ')}:…)`,
  }),
);

const factReference = /* @__PURE__ */ lazySchema(() => z.strictObject({ fact: factName, path: path.optional() }));
const primitive = /* @__PURE__ */ lazySchema(() => z.union([z.null(), z.boolean(), z.number(), z.string()]));

/** A literal value or `{ fact, path }`. Lists hold primitives only: an object or list inside one can never equal a fact value. */
export const conditionValueSchema = /* @__PURE__ */ lazySchema(() =>
  z.union([factReference, primitive, z.array(primitive)], {
    error: () => 'a value: null, a boolean, a number, a string, a list of those, or a fact reference { "fact": …, "path": … }',
  }),
);

type Abstract = { known: true; value: unknown } | { known: false };
const UNKNOWN: Abstract = { known: false };
const known = (value: unknown): Abstract => ({ known: true, value });

/**
 * Whether json-rules-engine can throw evaluating `chain` on a fact value `a` and a condition value `b`
 * (a literal, or unknown for a fact reference). Follows dist/engine-default-operators.js and
 * dist/engine-default-operator-decorators.js: `in`/`notIn` call `b.indexOf`, `someValue`/`everyValue`
 * call `b.some`/`b.every`, `swap` exchanges the two sides; every other operator is total on JSON data.
 */
function mayThrow(chain: readonly string[], a: Abstract, b: Abstract): boolean {
  const [head, ...rest] = chain;
  if (rest.length === 0) {
    if (head === 'in' || head === 'notIn') return !b.known || !(typeof b.value === 'string' || Array.isArray(b.value));
    return false;
  }
  switch (head) {
    case 'someFact':
    case 'everyFact': // validator Array.isArray(a): anything else is false without calling the inner operator
      if (a.known) return Array.isArray(a.value) && a.value.some((x) => mayThrow(rest, known(x), b));
      return mayThrow(rest, UNKNOWN, b);
    case 'someValue':
    case 'everyValue': // no validator: b.some / b.every on anything but a list throws
      if (!b.known || !Array.isArray(b.value)) return true;
      return b.value.some((y) => mayThrow(rest, a, known(y)));
    case 'swap':
      return mayThrow(rest, b, a);
    default: // not
      return mayThrow(rest, a, b);
  }
}

const isFactReference = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Why json-rules-engine would throw a TypeError for this operator and value (for some fact value),
 * or undefined when it cannot. Such conditions are rejected at load: a throw rejects the whole
 * engine run, and which conditions json-rules-engine reaches is not something a rule author controls.
 */
export function throwingOperatorReason(operator: string, value: unknown): string | undefined {
  if (!isKnownOperator(operator)) return undefined;
  const chain = operator.split(':');
  const b = isFactReference(value) ? UNKNOWN : known(value);
  if (!mayThrow(chain, UNKNOWN, b)) return undefined;
  const shown = isFactReference(value) ? 'a fact reference' : JSON.stringify(value);
  return (
    `"${operator}" with ${shown} as value can throw in json-rules-engine ("in"/"notIn" need a list or string ` +
    `to search, "someValue"/"everyValue" a list; "swap" exchanges the sides). Use a literal list or string, ` +
    `or turn the comparison around: the list fact with "contains" and the single value as value.`
  );
}

export const factConditionSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      fact: factName,
      path: path.optional(),
      operator,
      value: conditionValueSchema,
      name: z.string().optional(),
      priority: z.number().int().positive().optional(),
    })
    .superRefine((condition, ctx) => {
      const reason = throwingOperatorReason(condition.operator, condition.value);
      if (reason) ctx.addIssue({ code: 'custom', path: ['value'], message: reason });
    }),
);

export type FactCondition = z.infer<typeof factConditionSchema>;
export type Condition =
  | FactCondition
  | { all: Condition[]; name?: string; priority?: number }
  | { any: Condition[]; name?: string; priority?: number }
  | { not: Condition; name?: string; priority?: number }
  | { condition: string; name?: string; priority?: number };
export type TopLevelCondition = Exclude<Condition, FactCondition>;

/** A reference to a named condition; never a name every object has (`toString`, `__proto__`, …). */
const conditionName = /* @__PURE__ */ lazySchema(() =>
  z
    .string()
    .min(1)
    .refine((name) => !(name in Object.prototype), { error: () => 'a condition name that is not a built-in object property (toString, constructor, __proto__, …)' }),
);

/** The optional `name` and `priority` every condition may carry (built with the schemas that use them). */
const meta = () => ({ name: z.string().optional(), priority: z.number().int().positive().optional() });

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema), ...meta() }),
    z.strictObject({ any: z.array(conditionSchema), ...meta() }),
    z.strictObject({ not: conditionSchema, ...meta() }),
    z.strictObject({ condition: conditionName, ...meta() }),
    factConditionSchema,
  ]),
);

/** The root of a rule's `conditions`: `all`, `any`, `not` or a named `condition`, as json-rules-engine requires. */
export const topLevelConditionSchema: z.ZodType<TopLevelCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema), ...meta() }),
    z.strictObject({ any: z.array(conditionSchema), ...meta() }),
    z.strictObject({ not: conditionSchema, ...meta() }),
    z.strictObject({ condition: conditionName, ...meta() }),
  ]),
);
