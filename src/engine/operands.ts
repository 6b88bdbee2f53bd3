/**
 * Operands that are not primitives. json-rules-engine's numeric operators (`lessThan`, …) compare
 * with JavaScript `<`, and `in` / `notIn` searching a string call `String.prototype.indexOf`: both
 * convert an object or a list to a primitive first. That conversion runs the value's `toString` /
 * `valueOf`, so a fact value such as `{ "toString": 1 }` (possible under `custom`) throws a
 * TypeError, and a list like `[5]` compares as the text "5". We coerce nothing: where an operator
 * would convert an operand, an operand that is not a primitive makes the operator false. Both
 * engines apply this one rule (compile.ts in its operators, reference.ts by wrapping
 * json-rules-engine's), so they agree; docs/engine-semantics.md lists where it departs from
 * json-rules-engine.
 */

/** Whether a value is a primitive (JSON's null, booleans, numbers and strings; or undefined). */
export const isPrimitive = (value: unknown): boolean => value === null || (typeof value !== 'object' && typeof value !== 'function');

/** The operators that compare with `<`, `<=`, `>`, `>=`. */
export const NUMERIC_OPERATORS: readonly string[] = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];

/**
 * Whether json-rules-engine's base operator `operator` would convert a non-primitive operand to a
 * primitive for fact value `a` and condition value `b`: then the operator is false.
 * @example coercesObject('greaterThan', { toString: 1 }, 3) // true
 * @example coercesObject('in', ['a'], 'abc') // true: "a" would be sought in "abc"
 * @example coercesObject('in', { x: 1 }, [1, 2]) // false: a list is searched with ===
 * @example coercesObject('equal', {}, 3) // false: === converts nothing
 */
export function coercesObject(operator: string, a: unknown, b: unknown): boolean {
  if (NUMERIC_OPERATORS.includes(operator)) return !isPrimitive(a) || !isPrimitive(b);
  if (operator === 'in' || operator === 'notIn') return typeof b === 'string' && !isPrimitive(a);
  return false;
}
