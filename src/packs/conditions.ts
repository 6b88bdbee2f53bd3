/**
 * The condition language of rule files: json-rules-engine 7 conditions, restricted to what is safe
 * with untrusted authors. Facts are the two documents the evaluator provides (`deal`, `derived`),
 * paths are plain member paths, operators are json-rules-engine's built-ins with their decorators.
 */
import { z } from 'zod';

/** The facts a rule may read. `deal` is the parsed snapshot, `derived` the facts computed from it. */
export const FACTS = ['deal', 'derived'] as const;
export type FactName = (typeof FACTS)[number];

/** json-rules-engine 7's default operators. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const;

/** json-rules-engine 7's default operator decorators, written `decorator:operator`. */
export const DECORATORS = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'] as const;

/**
 * A plain member path: `$`, then `.name` or `[index]` steps. No filters, wildcards, scripts,
 * unions or recursive descent. Names may hold any character but `.[]()'"$*?@` and white space.
 */
export const PATH_PATTERN = /^\$(?:\.[^.[\]()'"$*?@\s]+|\[\d+\])*$/;

/** Whether an operator string names a json-rules-engine default operator, possibly decorated. */
export function isKnownOperator(operator: string): boolean {
  const parts = operator.split(':');
  const base = parts.pop() as string;
  return (OPERATORS as readonly string[]).includes(base) && parts.every((d) => (DECORATORS as readonly string[]).includes(d));
}

const factName = z.enum(FACTS, { error: () => `a fact the evaluator provides: ${FACTS.join(', ')}` });
const path = z.string().regex(PATH_PATTERN, 'a plain member path such as "$.funding.budgetInPlace" or "$.stakeholders[0].role"');
const operator = z.string().refine(isKnownOperator, {
  error: () => `a json-rules-engine operator (${OPERATORS.join(', ')}), optionally decorated (${DECORATORS.join(', ')}:…)`,
});

const factReference = z.strictObject({ fact: factName, path: path.optional() });

export const factConditionSchema = z.strictObject({
  fact: factName,
  path: path.optional(),
  operator,
  value: z.union([factReference, z.null(), z.boolean(), z.number(), z.string(), z.array(z.unknown())]),
  name: z.string().optional(),
  priority: z.number().int().positive().optional(),
});

export type FactCondition = z.infer<typeof factConditionSchema>;
export type Condition =
  | FactCondition
  | { all: Condition[]; name?: string; priority?: number }
  | { any: Condition[]; name?: string; priority?: number }
  | { not: Condition; name?: string; priority?: number }
  | { condition: string; name?: string; priority?: number };
export type TopLevelCondition = Exclude<Condition, FactCondition>;

const meta = { name: z.string().optional(), priority: z.number().int().positive().optional() };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema), ...meta }),
    z.strictObject({ any: z.array(conditionSchema), ...meta }),
    z.strictObject({ not: conditionSchema, ...meta }),
    z.strictObject({ condition: z.string().min(1), ...meta }),
    factConditionSchema,
  ]),
);

/** The root of a rule's `conditions`: `all`, `any`, `not` or a named `condition`, as json-rules-engine requires. */
export const topLevelConditionSchema: z.ZodType<TopLevelCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema), ...meta }),
    z.strictObject({ any: z.array(conditionSchema), ...meta }),
    z.strictObject({ not: conditionSchema, ...meta }),
    z.strictObject({ condition: z.string().min(1), ...meta }),
  ]),
);
