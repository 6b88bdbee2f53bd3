/**
 * The compiled snapshot parser (src/snapshot/fast.ts) against zod, the reference.
 *
 * Whenever the fast path returns a value it must be zod's output exactly: `toStrictEqual`, the same
 * JSON, the same key order and prototypes at every level (`-0` and present-but-undefined keys
 * included), and the same references where zod passes values through, new objects where zod makes
 * new ones. Whenever zod rejects the input, the fast path must have given up.
 *
 * 1. Every fixture: valid deals are taken by the fast path and equal zod's; invalid files are given up on.
 * 2. Named edge cases, each with zod's outcome and the fast path's (same value or gave up).
 * 3. compileParser on small schemas: kinds it does not model go to zod; transforms that fail.
 * 4. A fast-check property: generated snapshots (bench/generate.mjs), valid and mutated at a random
 *    place (a wrong value, an extra key, a removed key).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createRandom, generateSnapshot } from '../../bench/generate.mjs';
import { compileParser, denseParseSnapshot, fastParseSnapshot, NOT_SURE } from '../../src/snapshot/fast.js';
import { parseSnapshot } from '../../src/snapshot/issues.js';
import { snapshotSchema } from '../../src/snapshot/schema.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures', import.meta.url));

/**
 * What `toStrictEqual` does not look at: key order at every level, prototypes, `-0`, and keys
 * present with `undefined` (leaves become strings, so `toEqual` compares them exactly).
 */
function layout(value: unknown): unknown {
  if (Array.isArray(value)) return { array: Array.from(value, layout), length: value.length };
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    return {
      proto: proto === Object.prototype ? 'Object' : proto === null ? 'null' : String(proto?.constructor?.name),
      keys: Reflect.ownKeys(value).map((k) => [String(k), layout((value as Record<PropertyKey, unknown>)[k])]),
    };
  }
  return `${typeof value}:${Object.is(value, -0) ? '-0' : String(value)}`;
}

/** Every object and array reachable from `value`. */
function objectsIn(value: unknown, seen = new Set<object>()): Set<object> {
  if (value !== null && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const k of Reflect.ownKeys(value)) objectsIn((value as Record<PropertyKey, unknown>)[k], seen);
  }
  return seen;
}

/** Where zod passes an input object through, the fast path passes the same one; elsewhere both make new ones. */
function expectSameReferences(fast: unknown, zod: unknown, inputObjects: Set<object>): void {
  if (zod === null || typeof zod !== 'object') return;
  expect(inputObjects.has(fast as object), 'an input object passed through by one parser only').toBe(inputObjects.has(zod));
  if (inputObjects.has(zod)) return void expect(fast).toBe(zod);
  for (const k of Reflect.ownKeys(zod)) expectSameReferences((fast as Record<PropertyKey, unknown>)[k], (zod as Record<PropertyKey, unknown>)[k], inputObjects);
}

/** Which objects of a value are the same object: each node's first-seen number, in walk order. */
function aliasing(value: unknown): number[] {
  const seen = new Map<object, number>();
  const out: number[] = [];
  const walk = (v: unknown) => {
    if (v === null || typeof v !== 'object') return;
    const known = seen.get(v);
    out.push(known ?? seen.size);
    if (known !== undefined) return;
    seen.set(v, seen.size);
    for (const k of Reflect.ownKeys(v)) walk((v as Record<PropertyKey, unknown>)[k]);
  };
  walk(value);
  return out;
}

/** Asserts the fast path's value is zod's output exactly. */
function expectIdentical(fast: unknown, zod: unknown, input: unknown): void {
  expect(fast).toStrictEqual(zod);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(zod));
  expect(layout(fast)).toEqual(layout(zod));
  expectSameReferences(fast, zod, objectsIn(input));
  expect(aliasing(fast)).toEqual(aliasing(zod));
}

/**
 * Every object a `z.object` shape parses has every key of the shape, in shape order (dense mode);
 * the keys an input has come in the same order as with the exact mode.
 */
function expectShapesDense(value: unknown, schema: z.core.$ZodType, path = '$'): void {
  const def = schema._zod.def as unknown as { type: string; shape?: Record<string, z.core.$ZodType>; innerType?: z.core.$ZodType; element?: z.core.$ZodType; out?: z.core.$ZodType; in?: z.core.$ZodType };
  if (value === undefined || value === null) return;
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'prefault') return expectShapesDense(value, def.innerType!, path);
  if (def.type === 'pipe') return expectShapesDense(value, def.out!._zod.def.type === 'transform' ? def.in! : def.out!, path);
  if (def.type === 'array' && Array.isArray(value)) return value.forEach((v, i) => expectShapesDense(v, def.element!, `${path}[${i}]`));
  if (def.type !== 'object' || typeof value !== 'object') return;
  expect(Object.keys(value), `${path}: every key of the shape, in shape order`).toEqual(Object.keys(def.shape!));
  for (const key of Object.keys(def.shape!)) expectShapesDense((value as Record<string, unknown>)[key], def.shape![key]!, `${path}.${key}`);
}

/** Dense mode's snapshot: the exact one's values (toEqual ignores `undefined` keys), same JSON, same passed-through objects, dense shapes. */
function expectDenseOf(dense: unknown, exact: unknown, input: unknown): void {
  expect(dense).toEqual(exact);
  expect(JSON.stringify(dense)).toBe(JSON.stringify(exact));
  expectSameReferences(dense, exact, objectsIn(input));
  expectShapesDense(dense, snapshotSchema);
}

type Outcome = 'same' | 'gave up';

/** Runs both parsers; fails if the fast path returns anything but zod's output. */
function compare(input: unknown): { zod: 'valid' | 'invalid'; fast: Outcome; data?: Record<string, unknown> } {
  const zod = snapshotSchema.safeParse(input);
  const fast = fastParseSnapshot(input);
  if (fast === undefined) return { zod: zod.success ? 'valid' : 'invalid', fast: 'gave up' };
  expect(zod.success, 'the fast path accepted what zod rejects').toBe(true);
  expectIdentical(fast, zod.data, input);
  return { zod: 'valid', fast: 'same', data: fast as Record<string, unknown> };
}

describe('the comparison notices what toStrictEqual does not', () => {
  it('key order, -0, a present undefined key, a prototype, a shared reference', () => {
    expect(layout({ a: 1, b: 2 })).not.toEqual(layout({ b: 2, a: 1 }));
    expect(layout({ a: -0 })).not.toEqual(layout({ a: 0 }));
    expect(layout({ a: undefined })).not.toEqual(layout({}));
    expect(layout(Object.create(null))).not.toEqual(layout({}));
    const inner = { x: 1 };
    expect(aliasing([inner, inner])).not.toEqual(aliasing([{ x: 1 }, { x: 1 }]));
    expect(() => expectSameReferences({ v: { x: 1 } }, { v: inner }, objectsIn({ v: inner }))).toThrow();
    expect(() => expectSameReferences({ v: inner }, { v: { x: 1 } }, objectsIn({ v: inner }))).toThrow();
  });
});

describe('fixtures', () => {
  const deals = readdirSync(join(FIXTURES, 'deals')).filter((f) => f.endsWith('.json')).sort();
  const invalid = readdirSync(join(FIXTURES, 'invalid')).sort();
  const read = (dir: string, file: string) => readFileSync(join(FIXTURES, dir, file), 'utf8');

  it('there are fixtures to compare', () => expect(Math.min(deals.length, invalid.length)).toBeGreaterThan(0));

  it.each(deals)('deals/%s: the fast path takes it and returns what zod returns', (file) => {
    expect(compare(JSON.parse(read('deals', file)))).toMatchObject({ zod: 'valid', fast: 'same' });
  });

  it.each(deals)('deals/%s: dense mode returns the same snapshot with every key of each shape set', (file) => {
    const input = JSON.parse(read('deals', file));
    expectDenseOf(denseParseSnapshot(input), snapshotSchema.parse(input), input);
  });

  it.each(invalid)('invalid/%s: the fast path gives up, zod reports', (file) => {
    let input: unknown;
    try {
      input = JSON.parse(read('invalid', file));
    } catch (error) {
      // not JSON at all: nothing reaches either parser
      expect(error).toBeInstanceOf(SyntaxError);
      return;
    }
    expect(compare(input)).toEqual({ zod: 'invalid', fast: 'gave up' });
    expect(parseSnapshot(input).ok).toBe(false);
  });
});

interface EdgeCase {
  name: string;
  input: () => unknown;
  zod: 'valid' | 'invalid';
  fast: Outcome;
  /** What the parsed snapshot must show. */
  then?: (data: Record<string, any>, input: any) => void;
}

const withHiddenAsOf = () => Object.defineProperty({ id: 'D-1' }, 'asOf', { value: '2026-01-01', enumerable: false });
const nullProto = <T extends object>(o: T): T => Object.assign(Object.create(null), o);

const EDGE_CASES: EdgeCase[] = [
  {
    name: 'strings are trimmed',
    input: () => ({ id: '  D-1 ', stakeholders: [{ name: '\tLi\n' }], productLines: [' AC '] }),
    zod: 'valid',
    fast: 'same',
    then: (d) => expect([d.id, d.stakeholders[0].name, d.productLines]).toEqual(['D-1', 'Li', ['AC']]),
  },
  { name: 'a whitespace-only id', input: () => ({ id: ' \t ' }), zod: 'invalid', fast: 'gave up' },
  { name: 'an empty id', input: () => ({ id: '' }), zod: 'invalid', fast: 'gave up' },
  { name: 'a one-character id', input: () => ({ id: 'x' }), zod: 'valid', fast: 'same' },
  { name: 'an id of one astral character', input: () => ({ id: '𝒳' }), zod: 'valid', fast: 'same' },
  { name: 'an id of a lone surrogate', input: () => ({ id: '\uD800' }), zod: 'valid', fast: 'same' },
  {
    name: 'Chinese enum spellings',
    input: () => ({ id: 'D-1', outcome: '赢单', customer: { segment: '国企' }, stakeholders: [{ name: '张总', role: '拍板者', stance: '导师' }] }),
    zod: 'valid',
    fast: 'same',
    then: (d) => expect([d.outcome, d.customer.segment, d.stakeholders[0].role, d.stakeholders[0].stance]).toEqual(['won', 'state-owned', 'final-say', 'mentor']),
  },
  {
    name: 'English enum spellings',
    input: () => ({ id: 'D-1', outcome: 'won', customer: { segment: 'state-owned' }, stakeholders: [{ name: 'Zhang', role: 'final-say', stance: 'mentor' }] }),
    zod: 'valid',
    fast: 'same',
    then: (d) => expect([d.outcome, d.customer.segment, d.stakeholders[0].role]).toEqual(['won', 'state-owned', 'final-say']),
  },
  { name: 'an unknown spelling', input: () => ({ id: 'D-1', outcome: 'maybe' }), zod: 'invalid', fast: 'gave up' },
  { name: 'a spelling in another case', input: () => ({ id: 'D-1', outcome: 'WON' }), zod: 'invalid', fast: 'gave up' },
  { name: '2024-02-29 (leap year)', input: () => ({ id: 'D-1', asOf: '2024-02-29' }), zod: 'valid', fast: 'same' },
  { name: '2026-02-29 (not a leap year)', input: () => ({ id: 'D-1', asOf: '2026-02-29' }), zod: 'invalid', fast: 'gave up' },
  { name: '2026-13-01', input: () => ({ id: 'D-1', asOf: '2026-13-01' }), zod: 'invalid', fast: 'gave up' },
  { name: 'a date with a time', input: () => ({ id: 'D-1', evidence: [{ item: 's1.1', date: '2026-01-01T00:00:00Z' }] }), zod: 'invalid', fast: 'gave up' },
  ...[Number.NaN, Infinity, -Infinity, -0, 0, 1.5, 8, '3'].map(
    (claimedStep): EdgeCase => ({ name: `claimedStep ${Object.is(claimedStep, -0) ? '-0' : JSON.stringify(claimedStep) ?? String(claimedStep)}`, input: () => ({ id: 'D-1', claimedStep }), zod: 'invalid', fast: 'gave up' }),
  ),
  ...[1, 7].map((claimedStep): EdgeCase => ({ name: `claimedStep ${claimedStep}`, input: () => ({ id: 'D-1', claimedStep }), zod: 'valid', fast: 'same' })),
  { name: 'a quantity of 1.5', input: () => ({ id: 'D-1', need: { products: [{ line: 'AC', quantity: 1.5 }] } }), zod: 'invalid', fast: 'gave up' },
  { name: 'a quantity beyond safe integers', input: () => ({ id: 'D-1', need: { products: [{ line: 'AC', quantity: 2 ** 53 }] } }), zod: 'invalid', fast: 'gave up' },
  { name: 'evidence signal 0 (must be positive)', input: () => ({ id: 'D-1', evidence: [{ item: 's1.1', date: '2026-01-01', signal: 0 }] }), zod: 'invalid', fast: 'gave up' },
  { name: 'an amount of -0 stays -0', input: () => ({ id: 'D-1', amount: -0 }), zod: 'valid', fast: 'same', then: (d) => expect(Object.is(d.amount, -0)).toBe(true) },
  { name: 'a negative amount', input: () => ({ id: 'D-1', amount: -1 }), zod: 'invalid', fast: 'gave up' },
  { name: 'an infinite amount', input: () => ({ id: 'D-1', amount: Infinity }), zod: 'invalid', fast: 'gave up' },
  { name: 'a currency in lower case', input: () => ({ id: 'D-1', currency: 'cny' }), zod: 'invalid', fast: 'gave up' },
  { name: 'an evidence item id in upper case', input: () => ({ id: 'D-1', evidence: [{ item: 'S1.1', date: '2026-01-01' }] }), zod: 'invalid', fast: 'gave up' },
  {
    name: 'an unknown nested key is stripped',
    input: () => ({ id: 'D-1', customer: { industry: 'x', name: 'C', foo: 1 }, stakeholders: [{ extra: true, name: 'A' }] }),
    zod: 'valid',
    fast: 'same',
    then: (d) => expect([Object.keys(d.customer), Object.keys(d.stakeholders[0])]).toEqual([['name', 'industry'], ['name']]),
  },
  { name: 'an unknown root key is rejected', input: () => ({ id: 'D-1', budget: 5 }), zod: 'invalid', fast: 'gave up' },
  {
    name: 'keys come out in schema order, not input order',
    input: () => ({ custom: {}, amount: 1, id: 'D-1', answers: { 's2.1': { at: '2026-01-01', rating: 'C' } } }),
    zod: 'valid',
    fast: 'same',
    then: (d) => expect([Object.keys(d), Object.keys(d.answers['s2.1'])]).toEqual([['id', 'answers', 'amount', 'custom'], ['rating', 'at']]),
  },
  {
    name: 'answers in short and long form',
    input: () => ({ id: 'D-1', answers: { 's1.1': 'C', 's2.2': { rating: 'F', note: 'n', at: '2026-10-20', extra: 1 }, 'man.need': { rating: 'W' } } }),
    zod: 'valid',
    fast: 'same',
    then: (d) => expect(d.answers).toEqual({ 's1.1': 'C', 's2.2': { rating: 'F', note: 'n', at: '2026-10-20' }, 'man.need': { rating: 'W' } }),
  },
  { name: 'an answer rating X', input: () => ({ id: 'D-1', answers: { 's1.1': 'X' } }), zod: 'invalid', fast: 'gave up' },
  { name: 'a long-form answer with a bad date', input: () => ({ id: 'D-1', answers: { 's1.1': { rating: 'C', at: 'yesterday' } } }), zod: 'invalid', fast: 'gave up' },
  { name: 'a long-form answer without a rating', input: () => ({ id: 'D-1', answers: { 's1.1': { note: 'n' } } }), zod: 'invalid', fast: 'gave up' },
  {
    name: 'one object twice in a list gives two objects, as in zod',
    input: () => {
      const person = { name: 'A', role: '拍板者' };
      return { id: 'D-1', stakeholders: [person, person], custom: { a: person, b: person } };
    },
    zod: 'valid',
    fast: 'same',
    then: (d) => {
      expect(d.stakeholders[0]).not.toBe(d.stakeholders[1]);
      expect(d.custom.a).toBe(d.custom.b);
    },
  },
  { name: 'record keys in integer order', input: () => ({ id: 'D-1', custom: { b: 1, 2: 'two', 1: 'one' } }), zod: 'valid', fast: 'same' },
  {
    name: 'custom values are passed through by reference',
    input: () => ({ id: 'D-1', custom: { obj: { a: 1 }, list: [1, { b: 2 }], date: new Date(0), nil: null, none: undefined } }),
    zod: 'valid',
    fast: 'same',
    then: (d, input) => {
      expect(d.custom).not.toBe(input.custom);
      expect([d.custom.obj, d.custom.list, d.custom.date]).toEqual([input.custom.obj, input.custom.list, input.custom.date]);
      expect(d.custom.obj).toBe(input.custom.obj);
      expect(d.custom.list).toBe(input.custom.list);
      expect('none' in d.custom).toBe(true);
    },
  },
  {
    name: 'optional keys present with undefined are kept',
    input: () => ({ id: 'D-1', asOf: undefined, customer: { name: undefined }, stakeholders: [{ name: 'A', role: undefined }], answers: { 's1.1': { rating: 'C', at: undefined } } }),
    zod: 'valid',
    fast: 'same',
    then: (d) => expect(['asOf' in d, 'name' in d.customer, 'role' in d.stakeholders[0], 'at' in d.answers['s1.1'], 'outcome' in d]).toEqual([true, true, true, true, false]),
  },
  { name: 'a required key present with undefined', input: () => ({ id: undefined }), zod: 'invalid', fast: 'gave up' },
  { name: 'an own __proto__ key at the root', input: () => JSON.parse('{"id":"D-1","__proto__":{"asOf":"2026-01-01"}}'), zod: 'invalid', fast: 'gave up' },
  { name: 'an own __proto__ key in a nested object', input: () => JSON.parse('{"id":"D-1","customer":{"__proto__":{"name":"x"}}}'), zod: 'valid', fast: 'gave up' },
  { name: 'an own __proto__ key in a record', input: () => JSON.parse('{"id":"D-1","custom":{"__proto__":1,"a":2}}'), zod: 'valid', fast: 'gave up' },
  { name: 'an own constructor key in a record', input: () => ({ id: 'D-1', custom: { constructor: 1 } }), zod: 'valid', fast: 'gave up' },
  {
    name: 'an inherited key (literal __proto__ sets the prototype)',
    input: () => ({ id: 'D-1', customer: { __proto__: { name: 'inherited' } } }),
    zod: 'valid',
    fast: 'gave up',
    then: (d) => expect(d.customer).toEqual({ name: 'inherited' }),
  },
  { name: 'a class instance as the snapshot', input: () => new (class Deal { id = 'D-1'; })(), zod: 'valid', fast: 'gave up' },
  { name: 'a class instance as a nested object', input: () => ({ id: 'D-1', customer: new (class Customer { name = 'C'; })() }), zod: 'valid', fast: 'gave up' },
  { name: 'a Map as a record', input: () => ({ id: 'D-1', custom: new Map([['a', 1]]) }), zod: 'invalid', fast: 'gave up' },
  { name: 'null-prototype objects', input: () => nullProto({ id: 'D-1', customer: nullProto({ name: 'C' }), custom: nullProto({ a: 1 }) }), zod: 'valid', fast: 'same' },
  { name: 'a non-enumerable own key', input: withHiddenAsOf, zod: 'valid', fast: 'gave up', then: (d) => expect(d.asOf).toBe('2026-01-01') },
  { name: 'a symbol key on the snapshot (ignored by zod)', input: () => ({ id: 'D-1', [Symbol('s')]: 1 }), zod: 'valid', fast: 'same' },
  { name: 'a symbol key in a record', input: () => ({ id: 'D-1', custom: { [Symbol('s')]: 1 } }), zod: 'invalid', fast: 'gave up' },
  { name: 'a getter', input: () => ({ get id() { return 'D-1'; } }), zod: 'valid', fast: 'same' },
  { name: 'an array as the snapshot', input: () => [{ id: 'D-1' }], zod: 'invalid', fast: 'gave up' },
  { name: 'an array where an object is expected', input: () => ({ id: 'D-1', customer: [] }), zod: 'invalid', fast: 'gave up' },
  { name: 'an array in a list of objects', input: () => ({ id: 'D-1', stakeholders: [[]] }), zod: 'invalid', fast: 'gave up' },
  { name: 'an array where a record is expected', input: () => ({ id: 'D-1', answers: ['C'] }), zod: 'invalid', fast: 'gave up' },
  { name: 'an object where an array is expected', input: () => ({ id: 'D-1', stakeholders: { 0: { name: 'A' } } }), zod: 'invalid', fast: 'gave up' },
  // eslint-disable-next-line no-sparse-arrays
  { name: 'a hole in a list', input: () => ({ id: 'D-1', productLines: ['AC', , 'SG'] }), zod: 'invalid', fast: 'gave up' },
  ...[null, undefined, 'D-1', 42].map((input): EdgeCase => ({ name: `the snapshot is ${String(input)}`, input: () => input, zod: 'invalid', fast: 'gave up' })),
];

describe('dense mode', () => {
  it('sets every key of an object shape, undefined where the input has none, in shape order', () => {
    const dense = denseParseSnapshot({ id: 'D-1', stakeholders: [{ name: 'A' }] }) as Record<string, unknown>;
    expect(Object.keys(dense)).toEqual(Object.keys(snapshotSchema.shape));
    expect('need' in dense && dense.need === undefined).toBe(true);
    const person = (dense.stakeholders as Record<string, unknown>[])[0]!;
    expect(person.name).toBe('A');
    expect(Object.values(person).filter((v) => v !== undefined)).toEqual(['A']);
    expect(fastParseSnapshot({ id: 'D-1' })).toStrictEqual({ id: 'D-1' });
  });
  it('an absent key whose schema parses undefined to a value gets that value, as zod gives it', () => {
    const schema = z.object({ opt: z.string().optional(), def: z.number().default(1), piped: z.string().optional().transform((v) => v ?? 'none') });
    const dense = compileParser(schema, { dense: true })({}) as Record<string, unknown>;
    expect(Object.keys(dense)).toEqual(['opt', 'def', 'piped']);
    expect(dense).toStrictEqual({ opt: undefined, def: 1, piped: 'none' });
    expect(compileParser(schema)({})).toStrictEqual({ def: 1, piped: 'none' });
  });
  it('the dense-shape check notices the exact mode’s missing keys (it is not vacuous)', () => {
    const input = { id: 'D-1', need: { problems: ['x'] }, stakeholders: [{ name: 'A' }] };
    expect(() => expectShapesDense(fastParseSnapshot(input), snapshotSchema)).toThrow(/every key of the shape/);
    expect(() => expectShapesDense({ ...(denseParseSnapshot(input) as object), need: { problems: ['x'] } }, snapshotSchema)).toThrow(/\$\.need: every key/);
    expect(() => expectShapesDense(denseParseSnapshot(input), snapshotSchema)).not.toThrow();
  });
  it('objects of one shape share their key list whichever keys the inputs had (one hidden class each)', () => {
    const a = denseParseSnapshot({ id: 'A', need: { problems: ['x'] } }) as unknown as Record<string, Record<string, unknown>>;
    const b = denseParseSnapshot({ id: 'B', need: { deadline: '2026-12-01', raisedBy: 'top' } }) as unknown as Record<string, Record<string, unknown>>;
    expect(Object.keys(a.need!)).toEqual(Object.keys(b.need!));
    expect(Object.keys(a)).toEqual(Object.keys(b));
  });
});

describe('edge cases', () => {
  it.each(EDGE_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const input = c.input();
    const result = compare(input);
    expect({ zod: result.zod, fast: result.fast }).toEqual({ zod: c.zod, fast: c.fast });
    // parseSnapshot: the fast path's value, or zod's (with zod's issues)
    const parsed = parseSnapshot(input);
    const zod = snapshotSchema.safeParse(input);
    expect(parsed.ok).toBe(zod.success);
    if (parsed.ok && zod.success) expect(layout(parsed.snapshot)).toEqual(layout(zod.data));
    if (c.then) c.then((result.data ?? zod.data) as Record<string, any>, input);
  });

  it('an enumerable key on Object.prototype makes the fast path give up', () => {
    const proto = Object.prototype as Record<string, unknown>;
    const input = { id: 'D-1' };
    expect(compare(input).fast).toBe('same');
    proto.polluted = 1;
    try {
      expect(fastParseSnapshot(input)).toBeUndefined();
      expect(parseSnapshot(input).ok).toBe(snapshotSchema.safeParse(input).success);
    } finally {
      delete proto.polluted;
    }
    expect(compare(input).fast).toBe('same');
  });

  it('an enumerable key on Object.prototype: records would see it, zod does not', () => {
    const proto = Object.prototype as Record<string, unknown>;
    const schema = z.record(z.string(), z.number());
    const record = compileParser(schema);
    expect(record({ a: 1 })).toEqual({ a: 1 });
    proto.polluted = 1;
    try {
      expect(Object.keys(schema.parse({ a: 1 }))).toEqual(['a']);
      expect(record({ a: 1 })).toBe(NOT_SURE);
    } finally {
      delete proto.polluted;
    }
  });

  it('invalid input gets zod’s issues, in both locales', () => {
    const input = { id: 'D-9', amount: 'lots', stakeholders: [{ name: 'A', stance: 'friendly' }] };
    expect(fastParseSnapshot(input)).toBeUndefined();
    expect(parseSnapshot(input)).toMatchObject({ ok: false, id: 'D-9', issues: [{ path: '$.amount' }, { path: '$.stakeholders[0].stance' }] });
    expect(parseSnapshot(input, 'zh-CN')).toMatchObject({ ok: false, issues: [{ message: expect.stringMatching(/期望/) }, {}] });
  });
});

describe('compileParser on other schemas', () => {
  /** Both parsers on one input: the fast path gives zod's output or gives up; it never accepts what zod rejects. */
  const check = (schema: z.ZodType, input: unknown): Outcome => {
    const fast = compileParser(schema)(input);
    const zod = schema.safeParse(input);
    if (fast === NOT_SURE) return 'gave up';
    expect(zod.success, 'the fast path accepted what zod rejects').toBe(true);
    expectIdentical(fast, zod.data, input);
    return 'same';
  };

  it('kinds and checks it does not model are parsed by zod, in place', () => {
    const schema = z.object({
      when: z.date(),
      maybe: z.string().nullable(),
      email: z.email().optional(),
      short: z.string().max(3).optional(),
      even: z.number().multipleOf(2).optional(),
      withDefault: z.string().default('dflt'),
      literal: z.literal('a').optional(),
      loose: z.looseObject({ a: z.string() }).optional(),
      tuple: z.tuple([z.string(), z.number()]).optional(),
    });
    const date = new Date(0);
    expect(check(schema, { when: date, maybe: null })).toBe('same');
    expect((compileParser(schema)({ when: date, maybe: null }) as { withDefault: string }).withDefault).toBe('dflt');
    expect(check(schema, { literal: 'a', when: date, maybe: 'm', email: 'a@b.co', short: 'abc', even: 4, withDefault: 'w', loose: { a: 'x', b: 1 }, tuple: ['t', 1] })).toBe('same');
    for (const bad of [{ when: 'today', maybe: null }, { when: date }, { when: date, maybe: null, email: 'no' }, { when: date, maybe: null, short: 'abcd' }, { when: date, maybe: null, even: 3 }]) {
      expect(check(schema, bad)).toBe('gave up');
    }
  });

  it('a transform that reports an issue, throws or returns a promise makes it give up', () => {
    const reports = z.string().transform((v, ctx) => {
      if (v === 'bad') ctx.addIssue({ code: 'custom', message: 'bad' });
      return v.length;
    });
    expect(check(reports, 'good')).toBe('same');
    expect(check(reports, 'bad')).toBe('gave up');
    const throws = z.string().transform(() => {
      throw new Error('boom');
    });
    expect(compileParser(throws)('x')).toBe(NOT_SURE);
    const promises = z.string().transform(async (v) => v);
    expect(compileParser(promises)('x')).toBe(NOT_SURE);
  });

  it('a union takes the first option that parses, like zod, and gives up when an option cannot be judged', () => {
    const union = z.union([z.object({ a: z.string().trim() }), z.object({ a: z.string(), b: z.number() }), z.string()]);
    expect(check(union, { a: ' x ', b: 1 })).toBe('same');
    expect(check(union, 'y')).toBe('same');
    expect(check(union, 5)).toBe('gave up');
    expect(compileParser(union)(new (class { a = 'x'; })())).toBe(NOT_SURE);
    // zod's first option takes the instance (a new object); skipping to `z.any()` would return the instance itself
    const anyLast = z.union([z.object({ a: z.string() }), z.any()]);
    const instance = new (class { a = 'x'; })();
    expect(anyLast.parse(instance)).not.toBe(instance);
    expect(check(anyLast, instance)).toBe('gave up');
  });

  it('a recursive schema is left to zod as a whole (zod shares one output per input object there)', () => {
    const node = z.object({
      name: z.string(),
      get children() {
        return z.array(node).optional();
      },
    });
    expect(compileParser(node)({ name: 'a', children: [{ name: 'b' }] })).toBe(NOT_SURE);
    type Tree = { name: string; next?: Tree };
    const lazy: z.ZodType<Tree> = z.lazy(() => z.object({ name: z.string(), next: lazy.optional() }));
    const shared = { name: 's' };
    expect(compileParser(z.object({ a: lazy, b: lazy }))({ a: shared, b: shared })).toBe(NOT_SURE);
  });

  it('required, optional and defaulted keys, present and absent', () => {
    const schema = z.object({ req: z.unknown(), opt: z.string().optional(), def: z.number().default(1), piped: z.string().optional().transform((v) => v ?? 'none') });
    expect(check(schema, { req: undefined })).toBe('same');
    expect(check(schema, {})).toBe('gave up');
    expect(check(schema, { req: 1, opt: undefined, def: undefined, piped: undefined })).toBe('same');
    expect(compileParser(schema)({ req: 1 })).toEqual({ req: 1, def: 1, piped: 'none' });
  });
});

describe('property: generated snapshots, valid and mutated', () => {
  type Container = Record<PropertyKey, unknown>;
  /** Every [container, key] inside a value, and every container. */
  function places(root: unknown): { slots: [Container, string][]; containers: Container[] } {
    const slots: [Container, string][] = [];
    const containers: Container[] = [];
    const walk = (v: unknown) => {
      if (v === null || typeof v !== 'object') return;
      containers.push(v as Container);
      for (const k of Object.keys(v)) {
        slots.push([v as Container, k]);
        walk((v as Container)[k]);
      }
    };
    walk(root);
    return { slots, containers };
  }

  const wrongValue = fc.oneof(
    fc.constantFrom<unknown>(null, undefined, Number.NaN, Infinity, -0, 0, 1.5, 8, 2 ** 53, '', '  ', 'x', ' C ', 'C', 'X', '赢单', 'won', '2026-02-29', '2024-02-29', 's1.1', 'CNY', true, [], {}, ['AC'], { rating: 'C' }, { name: 'A' }, new Date(0)),
    fc.jsonValue({ maxDepth: 2 }),
    fc.anything({ maxDepth: 2, withNullPrototype: true, withSparseArray: true, withBoxedValues: true, withDate: true, withMap: true }),
  );
  const extraKey = fc.oneof(fc.constantFrom('foo', 'id', 'name', 'rating', 'at', '__proto__', 'constructor', 'toString', '0', 's1.1', 'custom'), fc.string({ maxLength: 4 }));
  /** Near misses by the type of the value replaced: the boundaries of each check. */
  const NEAR: Record<string, unknown[]> = {
    number: [Number.NaN, Infinity, -Infinity, -0, 0, -1, 1.5, 7, 8, 2 ** 53, 1e308, '1'],
    string: ['', ' ', ' x ', 'X', 'c', 'C', '2026-02-29', '2024-02-29', '2026-13-01', 'cny', 'S1.1', 's1', '赢单', 'won', 'WON', '\uD800', 1],
    boolean: ['true', 0, 1, null, undefined],
    object: [[], {}, null, undefined, new (class Instance {})(), Object.create(null), new Date(0)],
  };
  const mutation = fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.record({ kind: fc.constant('tweak' as const), pick: fc.nat(), choice: fc.nat() }),
    fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: wrongValue }),
    fc.record({ kind: fc.constant('add' as const), pick: fc.nat(), key: extraKey, value: wrongValue }),
    fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  );
  type Mutation =
    | { kind: 'none' }
    | { kind: 'tweak'; pick: number; choice: number }
    | { kind: 'set'; pick: number; value: unknown }
    | { kind: 'add'; pick: number; key: string; value: unknown }
    | { kind: 'remove'; pick: number };

  function mutate(snapshot: unknown, m: Mutation): void {
    const { slots, containers } = places(snapshot);
    if (m.kind === 'tweak' && slots.length) {
      const [container, key] = slots[m.pick % slots.length]!;
      const near = NEAR[typeof container[key]] ?? NEAR.object!;
      container[key] = near[m.choice % near.length];
    } else if (m.kind === 'set' && slots.length) {
      const [container, key] = slots[m.pick % slots.length]!;
      container[key] = m.value;
    } else if (m.kind === 'add') {
      // defineProperty, so `__proto__` becomes an own key instead of setting the prototype
      Object.defineProperty(containers[m.pick % containers.length]!, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    } else if (m.kind === 'remove' && slots.length) {
      const [container, key] = slots[m.pick % slots.length]!;
      delete container[key];
    }
  }

  it('the fast path returns zod’s output exactly, or gives up; it gives up whenever zod fails', () => {
    const counts = { runs: 0, fastTookValid: 0, fastTookMutated: 0, zodRejected: 0, gaveUpOnValid: 0 };
    fc.assert(
      fc.property(fc.nat(), fc.boolean(), mutation, (seed, viaJson, m) => {
        let snapshot: unknown = generateSnapshot(createRandom(seed), seed % 100_000);
        if (viaJson) snapshot = JSON.parse(JSON.stringify(snapshot));
        mutate(snapshot, m as Mutation);
        const zod = snapshotSchema.safeParse(snapshot);
        const fast = fastParseSnapshot(snapshot);
        counts.runs++;
        if (!zod.success) {
          counts.zodRejected++;
          expect(fast).toBeUndefined();
          return;
        }
        if (m.kind === 'none') expect(fast, 'an unmutated generated snapshot is taken by the fast path').toBeDefined();
        const dense = denseParseSnapshot(snapshot);
        expect(dense === undefined, 'dense mode gives up exactly where the exact mode does').toBe(fast === undefined);
        if (fast === undefined) return void counts.gaveUpOnValid++;
        expectIdentical(fast, zod.data, snapshot);
        expectDenseOf(dense, zod.data, snapshot);
        if (m.kind === 'none') counts.fastTookValid++;
        else counts.fastTookMutated++;
      }),
      { numRuns: 3000, seed: 20_261_101 },
    );
    // the property was not vacuous: each side of it was exercised
    expect(counts.runs).toBeGreaterThanOrEqual(3000);
    expect(counts.fastTookValid).toBeGreaterThan(100);
    expect(counts.fastTookMutated).toBeGreaterThan(100);
    expect(counts.zodRejected).toBeGreaterThan(100);
  });
});
