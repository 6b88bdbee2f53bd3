/**
 * The compiled engine: each rule's conditions become a synchronous closure, once per pack, with
 * json-rules-engine 7's semantics. Every operator is the same JavaScript expression as in
 * node_modules/json-rules-engine/dist/engine-default-operators.js (and the decorators as in
 * engine-default-operator-decorators.js), validators included, so edge cases (strict equality,
 * numeric strings, substring `in`, missing paths) come out the same. docs/engine-semantics.md lists
 * them; test/engine/differential.test.ts compares the two engines on random rules and facts.
 *
 * One departure, shared with the reference engine: where an operator would convert an object or a
 * list to a primitive, it is false instead (operands.ts).
 *
 * Evaluation order: children by condition priority (highest first, then file order), short-circuit.
 * Order cannot change a result because conditions are pure and, for the rules loading accepts,
 * cannot throw (see `throwingOperatorReason` in packs/conditions.ts).
 */
import type { Condition, FactName } from '../packs/conditions.js';
import type { PreparedPack } from '../packs/prepare.js';
import type { RuleFacts } from './derive.js';
import { isPrimitive, NUMERIC_OPERATORS } from './operands.js';
import { parsePath, readStep, type PathStep } from './path.js';

/** A compiled condition: tests the fact values read for its pack (`ConditionCompiler.reader`). */
export type Test = (values: FactValues) => boolean;
type Op = (a: any, b: any) => boolean;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * json-rules-engine's `numberValidator`: `Number.parseFloat(x).toString() !== 'NaN'`. The only
 * number whose string is 'NaN' is NaN, and parseFloat of a number is that number (or NaN for NaN),
 * so this is the same test without building a string.
 */
export const isNumeric = (value: unknown): boolean =>
  typeof value === 'number' ? value === value : !Number.isNaN(Number.parseFloat(value as string));
/** `isNumeric` for primitives only: an object or a list is never converted (operands.ts). */
const isNumericPrimitive = (value: unknown): boolean => (typeof value === 'number' ? value === value : isPrimitive(value) && isNumeric(value));
/** `in`/`notIn` may search: a list (with ===), or a string for a primitive (operands.ts). */
const searchable = (a: unknown, b: unknown): boolean => typeof b !== 'string' || isPrimitive(a);
const anything = () => true;
const TRUE: Test = () => true;
const FALSE: Test = () => false;

/**
 * json-rules-engine's default operators: [comparison, fact-value validator], with operands that
 * would be converted to a primitive making the comparison false (`searchable`, `isPrimitive(b)`,
 * `isNumericPrimitive`; operands.ts).
 */
const BASE: Record<string, [Op, (v: unknown) => boolean]> = {
  equal: [(a, b) => a === b, anything],
  notEqual: [(a, b) => a !== b, anything],
  in: [(a, b) => searchable(a, b) && b.indexOf(a) > -1, anything],
  notIn: [(a, b) => searchable(a, b) && b.indexOf(a) === -1, anything],
  contains: [(a, b) => a.indexOf(b) > -1, Array.isArray],
  doesNotContain: [(a, b) => a.indexOf(b) === -1, Array.isArray],
  lessThan: [(a, b) => isPrimitive(b) && a < b, isNumericPrimitive],
  lessThanInclusive: [(a, b) => isPrimitive(b) && a <= b, isNumericPrimitive],
  greaterThan: [(a, b) => isPrimitive(b) && a > b, isNumericPrimitive],
  greaterThanInclusive: [(a, b) => isPrimitive(b) && a >= b, isNumericPrimitive],
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
 * The fact paths a pack's conditions read, as a tree: each distinct `fact` + `path` gets a slot, and
 * one walk per evaluation fills every slot (`FactValues`), so a condition reads its value from an
 * array instead of walking the path again. Reading is pure, so reading every path once gives the
 * values json-rules-engine reads lazily.
 */
interface PathNode {
  slot: number;
  children: Map<PathStep, PathNode>;
}

type FactValues = unknown[];
type Fill = (value: unknown, out: FactValues) => void;

/** Fills the slots of a node and its descendants, step by step as `readStep` reads (slots start undefined). */
function filler(node: PathNode): Fill {
  const { slot } = node;
  const children = [...node.children].map(([key, child]) => ({ key, fill: filler(child) }));
  return (value, out) => {
    if (slot >= 0) out[slot] = value;
    if (value === null || typeof value !== 'object') return;
    for (let i = 0; i < children.length; i++) {
      const { key, fill } = children[i]!;
      const child = readStep(value, key);
      if (child !== undefined) fill(child, out);
    }
  };
}

function slotsUnder(node: PathNode, out: number[] = []): number[] {
  if (node.slot >= 0) out.push(node.slot);
  for (const child of node.children.values()) slotsUnder(child, out);
  return out;
}

/** Slots of fact paths, and the reader that fills them. */
class FactSlots {
  private readonly roots = new Map<string, PathNode>();
  size = 0;

  /** The slot of a fact at a path (a plain member path, or none for the whole fact). */
  slot(fact: string, path: string | undefined): number {
    let node: PathNode | undefined = this.roots.get(fact);
    if (!node) this.roots.set(fact, (node = { slot: -1, children: new Map() }));
    for (const key of path ? parsePath(path) : []) {
      let child: PathNode | undefined = node.children.get(key);
      if (!child) node.children.set(key, (child = { slot: -1, children: new Map() }));
      node = child;
    }
    if (node.slot < 0) node.slot = this.size++;
    return node.slot;
  }

  /**
   * The reader: the two facts by name (any other name is a fact json-rules-engine does not have:
   * undefined). As Almanac.factValue does, a path applies only to an object fact; on any other
   * fact value, every path reads the value itself.
   */
  reader(): (facts: RuleFacts) => FactValues {
    const size = this.size;
    const roots = [...this.roots].map(([fact, node]) => ({
      fact,
      fill: filler(node),
      own: node.slot,
      below: slotsUnder(node).filter((s) => s !== node.slot),
    }));
    return (facts) => {
      const out: FactValues = new Array(size).fill(undefined);
      for (const { fact, fill, own, below } of roots) {
        const value = fact === 'deal' ? facts.deal : fact === 'derived' ? facts.derived : undefined;
        if (value !== null && typeof value === 'object') fill(value, out);
        else {
          if (own >= 0) out[own] = value;
          for (const s of below) out[s] = value;
        }
      }
      return out;
    };
  }
}

/** Almanac.getValue: an object with an own `fact` is a fact reference, anything else a literal. */
const isFactReference = (value: unknown): value is { fact: FactName; path?: string } =>
  value !== null && typeof value === 'object' && hasOwn.call(value, 'fact');

/** A fact condition with a literal value, for the common undecorated operators: the same expression, inlined. */
function literalTest(operator: string, at: number, v: any): Test | undefined {
  switch (operator) {
    case 'equal':
      return (f) => f[at] === v;
    case 'notEqual':
      return (f) => f[at] !== v;
    case 'in':
      return typeof v === 'string' ? (f) => isPrimitive(f[at]) && v.indexOf(f[at] as string) > -1 : (f) => v.indexOf(f[at]) > -1;
    case 'notIn':
      return typeof v === 'string' ? (f) => isPrimitive(f[at]) && v.indexOf(f[at] as string) === -1 : (f) => v.indexOf(f[at]) === -1;
    case 'contains':
      return (f) => {
        const a = f[at];
        return Array.isArray(a) && a.indexOf(v) > -1;
      };
    case 'doesNotContain':
      return (f) => {
        const a = f[at];
        return Array.isArray(a) && a.indexOf(v) === -1;
      };
  }
  if (!isPrimitive(v) && NUMERIC_OPERATORS.includes(operator)) return FALSE; // a list value is never converted
  switch (operator) {
    case 'lessThan':
      return (f) => {
        const a = f[at] as any;
        return isNumericPrimitive(a) && a < v;
      };
    case 'lessThanInclusive':
      return (f) => {
        const a = f[at] as any;
        return isNumericPrimitive(a) && a <= v;
      };
    case 'greaterThan':
      return (f) => {
        const a = f[at] as any;
        return isNumericPrimitive(a) && a > v;
      };
    case 'greaterThanInclusive':
      return (f) => {
        const a = f[at] as any;
        return isNumericPrimitive(a) && a >= v;
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
  private readonly slots = new FactSlots();

  constructor(private readonly named: Readonly<Record<string, Condition>>) {}

  /** Reads the values of every fact path the conditions compiled so far use; compile first. */
  reader(): (facts: RuleFacts) => FactValues {
    return this.slots.reader();
  }

  compile(condition: Condition): Test {
    if (hasOwn.call(condition, 'all')) return allOf(byPriority((condition as { all: Condition[] }).all).map((c) => this.compile(c)));
    if (hasOwn.call(condition, 'any')) return anyOf(byPriority((condition as { any: Condition[] }).any).map((c) => this.compile(c)));
    if (hasOwn.call(condition, 'not')) {
      const child = this.compile((condition as { not: Condition }).not);
      return (f) => !child(f);
    }
    if (hasOwn.call(condition, 'condition')) return this.reference((condition as { condition: string }).condition);
    const { fact, path, operator, value } = condition as { fact: FactName; path?: string; operator: string; value: unknown };
    const left = this.slots.slot(fact, path);
    if (!isFactReference(value)) {
      const inlined = literalTest(operator, left, value);
      if (inlined) return inlined;
    }
    const op = compileOperator(operator);
    if (isFactReference(value)) {
      const right = this.slots.slot(value.fact, value.path);
      return (f) => op(f[left], f[right]) === true;
    }
    return (f) => op(f[left], value) === true;
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

/**
 * Per item of a pack, the index (in trial order) of the first rule that holds, or -1. The compiled
 * matcher returns a plain array: V8 allocates a small one far faster than a typed array (which
 * needs a backing store).
 */
export type FirstMatches = readonly number[];
/** A pack's matcher: the first matching rule of each of its items. */
export type Matcher = (facts: RuleFacts) => FirstMatches;

/** Compiles every rule of a prepared pack into one synchronous matcher. */
export function compilePack(prepared: PreparedPack): Matcher {
  const compiler = new ConditionCompiler((prepared.pack.conditions ?? {}) as Record<string, Condition>);
  const tests = prepared.rules.map((rules) => rules.map((entry) => compiler.compile(entry.rule.conditions)));
  const read = compiler.reader();
  const items = tests.length;
  return (facts) => {
    const values = read(facts);
    const first = new Array<number>(items);
    for (let item = 0; item < items; item++) {
      const itemTests = tests[item]!;
      let found = -1;
      for (let index = 0; index < itemTests.length; index++) {
        if (itemTests[index]!(values)) {
          found = index;
          break;
        }
      }
      first[item] = found;
    }
    return first;
  };
}
