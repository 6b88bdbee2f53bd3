/**
 * fast-check arbitraries for the differential tests: fact documents, plain member paths, condition
 * values, operators with decorator chains, condition trees with named conditions and priorities,
 * and whole rule packs — everything valid per src/packs/conditions.ts, so loading accepts it.
 */
import fc from 'fast-check';
import { DECORATORS, FACTS, OPERATORS, throwingOperatorReason, type Condition } from '../../src/packs/conditions.js';
import type { PackInput } from '../../src/packs/schema.js';

/** Keys of generated objects, and the names paths use: a small set, so paths usually hit something. */
const KEYS = ['a', 'b', 'c', '0', '1', 'length'] as const;

/** Primitives a rule may write: the tricky ones for JavaScript comparisons. */
const literalPrimitive = fc.constantFrom<null | boolean | number | string>(
  null, true, false, 0, 1, -1, 2.5, 10, 1e21, 'a', 'b', 'ab', '', '0', '1', '5', '10', '5abc', '12.5', ' 7 ', 'abc', 'undefined', 'null', 'true', 'Infinity', '1e3', 'NaN', '[object Object]',
);
/** Fact documents may also hold what JSON cannot but derived facts can: NaN, ±Infinity, -0. */
const factPrimitive = fc.oneof({ weight: 8, arbitrary: literalPrimitive }, { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, -0) });

/**
 * Keys of generated objects: KEYS, and the keys JSON can give an object that JavaScript calls when
 * it converts the object to a primitive (an own `toString: 1` makes that conversion throw).
 */
const OBJECT_KEYS = [...KEYS, 'toString', 'valueOf'] as const;

/**
 * A JSON-like value: primitives, lists, and objects over OBJECT_KEYS — including objects with an
 * own `toString` or `valueOf` (numbers, strings, objects), which no operator may convert
 * (src/engine/operands.ts).
 */
export const factValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: factPrimitive },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...OBJECT_KEYS), tie('value'), { maxKeys: 4, noNullPrototype: true }) },
    { weight: 1, arbitrary: fc.record({ toString: tie('value') }) },
  ),
})).value;

/** A fact document: usually an object, sometimes not (a path on a non-object reads the value itself), sometimes missing. */
const factDocument: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), factValue, { maxKeys: 5, noNullPrototype: true }) },
  { weight: 1, arbitrary: factValue },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

export const factDocuments = fc.record({ deal: factDocument, derived: factDocument });

/** `$`, `$.a`, `$.a[0].b`, `$.length`, `$.toString`, … up to three steps. */
export const plainPath = fc
  .array(fc.oneof(fc.constantFrom(...OBJECT_KEYS).map((k) => `.${k}`), fc.constantFrom('[0]', '[1]', '[2]')), { maxLength: 3 })
  .map((steps) => `$${steps.join('')}`);

const factName = fc.constantFrom(...FACTS);
const factReference = fc.record({ fact: factName, path: plainPath }, { requiredKeys: ['fact'] });

export const conditionValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: literalPrimitive },
  { weight: 2, arbitrary: fc.array(literalPrimitive, { maxLength: 4 }) },
  { weight: 2, arbitrary: factReference },
);

export const operatorName = fc
  .tuple(fc.array(fc.constantFrom(...DECORATORS), { maxLength: 3 }), fc.constantFrom(...OPERATORS))
  .map(([decorators, base]) => [...decorators, base].join(':'));

const priority = fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined });

const withPriority = <T extends object>(node: T, p: number | undefined): T => (p === undefined ? node : { ...node, priority: p });

/** A fact condition that loading accepts: operators that could throw in json-rules-engine are left out. */
export const factCondition: fc.Arbitrary<Condition> = fc
  .record({ fact: factName, path: fc.option(plainPath, { nil: undefined }), operator: operatorName, value: conditionValue, priority })
  .filter(({ operator, value }) => throwingOperatorReason(operator, value) === undefined)
  .map(({ path, priority: p, ...rest }) => withPriority(path === undefined ? rest : { ...rest, path }, p) as Condition);

/** Condition trees; `names` are the named conditions a tree may reference. */
export function conditionTree(names: readonly string[]): fc.Arbitrary<Condition> {
  const reference = names.length > 0 ? [{ weight: 1, arbitrary: fc.tuple(fc.constantFrom(...names), priority).map(([n, p]) => withPriority({ condition: n }, p) as Condition) }] : [];
  return fc.letrec<{ node: Condition }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: factCondition },
      { weight: 2, arbitrary: fc.tuple(fc.array(tie('node'), { maxLength: 3 }), priority).map(([all, p]) => withPriority({ all }, p) as Condition) },
      { weight: 2, arbitrary: fc.tuple(fc.array(tie('node'), { maxLength: 3 }), priority).map(([any, p]) => withPriority({ any }, p) as Condition) },
      { weight: 1, arbitrary: fc.tuple(tie('node'), priority).map(([not, p]) => withPriority({ not }, p) as Condition) },
      ...reference,
    ),
  })).node;
}

/** A rule's root: all, any, not or a named condition, as json-rules-engine requires. */
function rootCondition(names: readonly string[]): fc.Arbitrary<Condition> {
  const tree = conditionTree(names);
  return fc.oneof(
    { weight: 3, arbitrary: fc.array(tree, { maxLength: 4 }).map((all) => ({ all }) as Condition) },
    { weight: 3, arbitrary: fc.array(tree, { maxLength: 4 }).map((any) => ({ any }) as Condition) },
    { weight: 1, arbitrary: tree.map((not) => ({ not }) as Condition) },
    ...(names.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...names).map((condition) => ({ condition }) as Condition) }] : []),
  );
}

const RATINGS = ['C', 'F', 'W'] as const;
const bilingual = { zh: '测试', en: 'test' };

/**
 * A whole pack: 0–3 named conditions (each may use the ones before it, so no cycles), 1–3 items of
 * 1–4 rules with optional rule priorities.
 */
export const randomPack: fc.Arbitrary<PackInput> = fc.integer({ min: 0, max: 3 }).chain((count) => {
  const names = Array.from({ length: count }, (_, i) => `named${i}`);
  const named = fc.tuple(...names.map((_, i) => rootCondition(names.slice(0, i))));
  const rule = fc.record({ conditions: rootCondition(names), priority, rating: fc.constantFrom(...RATINGS) });
  const items = fc.array(fc.array(rule, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 });
  return fc.tuple(named, items).map(([conditions, itemRules]) => ({
    id: 'random',
    version: '1.0.0',
    title: bilingual,
    docs: 'generated',
    messages: { m: bilingual },
    conditions: Object.fromEntries(names.map((n, i) => [n, conditions[i]!])) as never,
    items: itemRules.map((rules, i) => ({
      id: `random.i${i}`,
      step: 1,
      star: false,
      title: bilingual,
      signals: [],
      docs: 'generated',
      rules: rules.map(({ conditions: c, priority: p, rating }) => ({
        ...(p === undefined ? {} : { priority: p }),
        conditions: c as never,
        event: { type: 'rate' as const, params: { rating, message: 'm' } },
      })),
    })),
  }));
});
