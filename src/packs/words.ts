/**
 * The words of the condition language (src/packs/conditions.ts): plain data, in a module of its
 * own so the reference engine, loaded on demand, reaches them without the zod schemas (a bundler
 * then keeps the schemas tree-shakeable).
 */

/** An item id: dotted lower-case words (`s1.1`, `man.money`, `crm.budget`). */
export const ITEM_ID = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

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
