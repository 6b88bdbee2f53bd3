/**
 * The compiled engine: each rule's conditions become a synchronous closure, once per pack, with
 * json-rules-engine 7's semantics. Every operator is the same JavaScript expression as in
 * node_modules/json-rules-engine/dist/engine-default-operators.js (and the decorators as in
 * engine-default-operator-decorators.js), validators included, so edge cases (strict equality,
 * numeric strings, substring `in`, missing paths) come out the same. docs/engine-semantics.md lists
 * them; test/engine/differential.test.ts compares the two engines on random rules and facts.
 *
 * Evaluation order: children by condition priority (highest first, then file order), short-circuit.
 * Order cannot change a result because conditions are pure and, for the rules loading accepts,
 * cannot throw (see `throwingOperatorReason` in packs/conditions.ts).
 */
import type { Condition, FactName } from '../packs/conditions.js';
import type { PreparedPack } from '../packs/prepare.js';
import type { RuleFacts } from './derive.js';
import { compilePath, parsePath, type PathStep } from './path.js';

export type Test = (facts: RuleFacts) => boolean;
type Getter = (facts: RuleFacts) => unknown;
type Op = (a: any, b: any) => boolean;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * json-rules-engine's `numberValidator`: `Number.parseFloat(x).toString() !== 'NaN'`. The only
 * number whose string is 'NaN' is NaN, and parseFloat of a number is that number (or NaN for NaN),
 * so this is the same test without building a string.
 */
export const isNumeric = (value: unknown): boolean =>
  typeof value === 'number' ? value === value : !Number.isNaN(Number.parseFloat(value as string));
const anything = () => true;
const TRUE: Test = () => true;

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

/**
 * The operator function for `decorator:…:operator`, built as json-rules-engine's OperatorMap.get
 * builds it: the innermost decorator wraps the operator first; each layer checks its own fact-value
 * validator before calling the next (`validator(a) && cb(a, b)`, Operator.evaluate).
 * @throws for an operator json-rules-engine does not define (loading rejects those first)
 */
export function compileOperator(name: string): Op {
  const parts = String(name).split(':');
  const baseName = parts.pop() as string;
  if (!hasOwn.call(BASE, baseName)) throw new Error(`Unknown operator: ${name}`);
  const [compare, validate] = BASE[baseName]!;
  let op: Op = (a, b) => validate(a) && compare(a, b);
  while (parts.length > 0) {
    const decorator = parts.pop() as string;
    if (!hasOwn.call(DECORATE, decorator)) throw new Error(`Unknown operator: ${name}`);
    const [wrap, validateDecorated] = DECORATE[decorator]!;
    const inner = wrap(op);
    op = (a, b) => validateDecorated(a) && inner(a, b);
  }
  return op;
}

/**
 * Reads a fact, then its path as json-rules-engine's Almanac.factValue does: only on an object;
 * otherwise the value itself. The path steps are those of `compilePath` (own properties only),
 * inlined for the short paths rules use, so a read is one closure call.
 */
function factGetter(fact: FactName, path: string | undefined): Getter {
  // Named loads of the two facts; any other name is a fact json-rules-engine does not have (undefined).
  const isDeal = fact === 'deal';
  const isDerived = fact === 'derived';
  const root = (facts: RuleFacts): unknown => (isDeal ? facts.deal : isDerived ? facts.derived : undefined);
  if (!path) return root;
  const keys = parsePath(path);
  const [k0, k1, k2] = keys as PathStep[];
  switch (keys.length) {
    case 0:
      return root;
    case 1:
      return (facts) => {
        const v = (isDeal ? facts.deal : isDerived ? facts.derived : undefined) as any;
        if (v === null || typeof v !== 'object') return v;
        return hasOwn.call(v, k0!) ? v[k0!] : undefined;
      };
    case 2:
      return (facts) => {
        const v = (isDeal ? facts.deal : isDerived ? facts.derived : undefined) as any;
        if (v === null || typeof v !== 'object') return v;
        if (!hasOwn.call(v, k0!)) return undefined;
        const a = v[k0!];
        return a !== null && typeof a === 'object' && hasOwn.call(a, k1!) ? a[k1!] : undefined;
      };
    case 3:
      return (facts) => {
        const v = (isDeal ? facts.deal : isDerived ? facts.derived : undefined) as any;
        if (v === null || typeof v !== 'object') return v;
        if (!hasOwn.call(v, k0!)) return undefined;
        const a = v[k0!];
        if (a === null || typeof a !== 'object' || !hasOwn.call(a, k1!)) return undefined;
        const b = a[k1!];
        return b !== null && typeof b === 'object' && hasOwn.call(b, k2!) ? b[k2!] : undefined;
      };
    default: {
      const read = compilePath(path);
      return (facts) => {
        const value = root(facts);
        return value !== null && typeof value === 'object' ? read(value) : value;
      };
    }
  }
}

/** Almanac.getValue: an object with an own `fact` is a fact reference, anything else a literal. */
const isFactReference = (value: unknown): value is { fact: FactName; path?: string } =>
  value !== null && typeof value === 'object' && hasOwn.call(value, 'fact');

/** A fact condition with a literal value, for the common undecorated operators: the same expression, inlined. */
function literalTest(operator: string, get: Getter, v: any): Test | undefined {
  switch (operator) {
    case 'equal':
      return (f) => get(f) === v;
    case 'notEqual':
      return (f) => get(f) !== v;
    case 'in':
      return (f) => v.indexOf(get(f)) > -1;
    case 'notIn':
      return (f) => v.indexOf(get(f)) === -1;
    case 'contains':
      return (f) => {
        const a = get(f);
        return Array.isArray(a) && a.indexOf(v) > -1;
      };
    case 'doesNotContain':
      return (f) => {
        const a = get(f);
        return Array.isArray(a) && a.indexOf(v) === -1;
      };
    case 'lessThan':
      return (f) => {
        const a = get(f) as any;
        return isNumeric(a) && a < v;
      };
    case 'lessThanInclusive':
      return (f) => {
        const a = get(f) as any;
        return isNumeric(a) && a <= v;
      };
    case 'greaterThan':
      return (f) => {
        const a = get(f) as any;
        return isNumeric(a) && a > v;
      };
    case 'greaterThanInclusive':
      return (f) => {
        const a = get(f) as any;
        return isNumeric(a) && a >= v;
      };
    default:
      return undefined;
  }
}

function allOf(tests: readonly Test[]): Test {
  const [t0, t1, t2] = tests;
  switch (tests.length) {
    case 0:
      return TRUE; // json-rules-engine: an empty list holds (prioritizeAndRun resolves true)
    case 1:
      return t0!;
    case 2:
      return (f) => t0!(f) && t1!(f);
    case 3:
      return (f) => t0!(f) && t1!(f) && t2!(f);
    default:
      return (f) => {
        for (let i = 0; i < tests.length; i++) if (!tests[i]!(f)) return false;
        return true;
      };
  }
}

function anyOf(tests: readonly Test[]): Test {
  const [t0, t1, t2] = tests;
  switch (tests.length) {
    case 0:
      return TRUE; // json-rules-engine: an empty `any` holds too (prioritizeAndRun resolves true before looking at the operator)
    case 1:
      return t0!;
    case 2:
      return (f) => t0!(f) || t1!(f);
    case 3:
      return (f) => t0!(f) || t1!(f) || t2!(f);
    default:
      return (f) => {
        for (let i = 0; i < tests.length; i++) if (tests[i]!(f)) return true;
        return false;
      };
  }
}

/** A condition's priority as json-rules-engine's prioritizeConditions reads it (facts here have priority 1). */
const priorityOf = (condition: Condition): number => condition.priority || 1;

/** Children in json-rules-engine's evaluation order: by `priority`, highest first, stable. */
function byPriority(conditions: readonly Condition[]): Condition[] {
  return conditions
    .map((condition, order) => ({ condition, order }))
    .sort((a, b) => priorityOf(b.condition) - priorityOf(a.condition) || a.order - b.order)
    .map(({ condition }) => condition);
}

/** Compiles conditions against a pack's named conditions; each named condition is compiled once. */
export class ConditionCompiler {
  private readonly compiled = new Map<string, Test>();
  private readonly compiling = new Set<string>();

  constructor(private readonly named: Readonly<Record<string, Condition>>) {}

  compile(condition: Condition): Test {
    if (hasOwn.call(condition, 'all')) return allOf(byPriority((condition as { all: Condition[] }).all).map((c) => this.compile(c)));
    if (hasOwn.call(condition, 'any')) return anyOf(byPriority((condition as { any: Condition[] }).any).map((c) => this.compile(c)));
    if (hasOwn.call(condition, 'not')) {
      const child = this.compile((condition as { not: Condition }).not);
      return (f) => !child(f);
    }
    if (hasOwn.call(condition, 'condition')) return this.reference((condition as { condition: string }).condition);
    const { fact, path, operator, value } = condition as { fact: FactName; path?: string; operator: string; value: unknown };
    const left = factGetter(fact, path);
    if (!isFactReference(value)) {
      const inlined = literalTest(operator, left, value);
      if (inlined) return inlined;
    }
    const op = compileOperator(operator);
    if (isFactReference(value)) {
      const right = factGetter(value.fact, value.path);
      return (f) => op(left(f), right(f)) === true;
    }
    return (f) => op(left(f), value) === true;
  }

  private reference(name: string): Test {
    const done = this.compiled.get(name);
    if (done) return done;
    if (!hasOwn.call(this.named, name)) throw new Error(`No condition ${name} exists`);
    if (this.compiling.has(name)) throw new Error(`named condition ${name} refers to itself`);
    this.compiling.add(name);
    const test = this.compile(this.named[name]!);
    this.compiling.delete(name);
    this.compiled.set(name, test);
    return test;
  }
}

/** A pack's matcher: per item, the index (in trial order) of the first rule that holds, or -1. */
export type Matcher = (facts: RuleFacts) => Int32Array;

/** Compiles every rule of a prepared pack into one synchronous matcher. */
export function compilePack(prepared: PreparedPack): Matcher {
  const compiler = new ConditionCompiler((prepared.pack.conditions ?? {}) as Record<string, Condition>);
  const tests = prepared.rules.map((rules) => rules.map((entry) => compiler.compile(entry.rule.conditions)));
  const items = tests.length;
  return (facts) => {
    const first = new Int32Array(items);
    for (let item = 0; item < items; item++) {
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
