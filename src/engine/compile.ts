/**
 * The compiled engine: each rule's conditions become a synchronous closure, once per pack, with
 * json-rules-engine 7's semantics (see docs/engine-semantics.md for the edge cases it keeps).
 */
import type { Condition, FactName } from '../packs/conditions.js';
import type { PreparedPack } from '../packs/prepare.js';
import type { RuleFacts } from './derive.js';
import { readPath } from './path.js';

type Test = (facts: RuleFacts) => boolean;
type Getter = (facts: RuleFacts) => unknown;
type Op = (a: any, b: any) => boolean;

const isNumeric = (value: unknown) => Number.parseFloat(value as string).toString() !== 'NaN';
const anything = () => true;

/** json-rules-engine's default operators: [comparison, fact-value validator]. */
const BASE: Record<string, [Op, (v: unknown) => boolean]> = {
  equal: [(a, b) => a === b, anything],
  notEqual: [(a, b) => a !== b, anything],
  in: [(a, b) => b.indexOf(a) > -1, anything],
  notIn: [(a, b) => b.indexOf(a) === -1, anything],
  contains: [(a, b) => a.indexOf(b) > -1, Array.isArray],
  doesNotContain: [(a, b) => a.indexOf(b) === -1, Array.isArray],
  lessThan: [(a, b) => a < b, isNumeric],
  lessThanInclusive: [(a, b) => a <= b, isNumeric],
  greaterThan: [(a, b) => a > b, isNumeric],
  greaterThanInclusive: [(a, b) => a >= b, isNumeric],
};

/** json-rules-engine's default decorators: [wrapper of the inner operator, fact-value validator]. */
const DECORATE: Record<string, [(next: Op) => Op, (v: unknown) => boolean]> = {
  someFact: [(next) => (a, b) => a.some((x: unknown) => next(x, b)), Array.isArray],
  someValue: [(next) => (a, b) => b.some((y: unknown) => next(a, y)), anything],
  everyFact: [(next) => (a, b) => a.every((x: unknown) => next(x, b)), Array.isArray],
  everyValue: [(next) => (a, b) => b.every((y: unknown) => next(a, y)), anything],
  swap: [(next) => (a, b) => next(b, a), anything],
  not: [(next) => (a, b) => !next(a, b), anything],
};

/** The operator function for `decorator:…:operator`, validators applied as json-rules-engine does. */
export function compileOperator(name: string): Op {
  const parts = name.split(':');
  const [compare, validate] = BASE[parts.pop() as string]!;
  let op: Op = (a, b) => validate(a) && compare(a, b);
  while (parts.length > 0) {
    const [wrap, validateDecorated] = DECORATE[parts.pop() as string]!;
    const inner = wrap(op);
    op = (a, b) => validateDecorated(a) && inner(a, b);
  }
  return op;
}

function factGetter(fact: FactName, path: string | undefined): Getter {
  if (path === undefined) return (facts) => facts[fact];
  return (facts) => {
    const value = facts[fact];
    return value !== null && typeof value === 'object' ? readPath(value, path) : value;
  };
}

function valueGetter(value: unknown): Getter {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'fact' in value) {
    const ref = value as { fact: FactName; path?: string };
    return factGetter(ref.fact, ref.path);
  }
  return () => value;
}

/** Children in json-rules-engine's evaluation order: by `priority`, highest first, stable. */
function byPriority(conditions: readonly Condition[]): Condition[] {
  return conditions
    .map((condition, order) => ({ condition, order }))
    .sort((a, b) => (b.condition.priority ?? 1) - (a.condition.priority ?? 1) || a.order - b.order)
    .map(({ condition }) => condition);
}

function compileCondition(condition: Condition, named: Readonly<Record<string, Condition>>, seen: readonly string[]): Test {
  if ('all' in condition) {
    const children = byPriority(condition.all).map((c) => compileCondition(c, named, seen));
    return (facts) => children.every((test) => test(facts));
  }
  if ('any' in condition) {
    const children = byPriority(condition.any).map((c) => compileCondition(c, named, seen));
    // json-rules-engine: an empty `any` holds (it has no condition to fail).
    if (children.length === 0) return () => true;
    return (facts) => children.some((test) => test(facts));
  }
  if ('not' in condition) {
    const child = compileCondition(condition.not, named, seen);
    return (facts) => !child(facts);
  }
  if ('condition' in condition) {
    const target = named[condition.condition];
    if (!target) throw new Error(`No condition ${condition.condition} exists`);
    if (seen.includes(condition.condition)) throw new Error(`condition ${condition.condition} refers to itself`);
    return compileCondition(target, named, [...seen, condition.condition]);
  }
  const op = compileOperator(condition.operator);
  const left = factGetter(condition.fact, condition.path);
  const right = valueGetter(condition.value);
  return (facts) => op(left(facts), right(facts)) === true;
}

/** A pack's matcher: per item, the index (in trial order) of the first rule that holds, or -1. */
export type Matcher = (facts: RuleFacts) => Int32Array;

/** Compiles every rule of a prepared pack into one synchronous matcher. */
export function compilePack(prepared: PreparedPack): Matcher {
  const named = prepared.pack.conditions as Record<string, Condition>;
  const tests = prepared.rules.map((rules) => rules.map((entry) => compileCondition(entry.rule.conditions, named, [])));
  return (facts) => {
    const first = new Int32Array(tests.length);
    for (let item = 0; item < tests.length; item++) {
      const itemTests = tests[item]!;
      let found = -1;
      for (let index = 0; index < itemTests.length; index++) {
        if (itemTests[index]!(facts)) {
          found = index;
          break;
        }
      }
      first[item] = found;
    }
    return first;
  };
}
