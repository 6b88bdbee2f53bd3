/**
 * Rule files are untrusted data. Loading rejects what could run code, hang or throw, naming the
 * file and the JSON path; and neither engine evaluates a path expression even when validation is
 * bypassed. Payloads are the published jsonpath-plus ones (CVE-2024-21534, CVE-2025-1302), with a
 * harmless side effect (a global flag) that the tests check stays unset.
 */
import { JSONPath } from 'jsonpath-plus';
import { afterEach, describe, expect, it } from 'vitest';
import { compilePack } from '../../src/engine/compile.js';
import type { RuleFacts } from '../../src/engine/derive.js';
import { parsePath, readPath } from '../../src/engine/path.js';
import { matchReference } from '../../src/engine/reference.js';
import { parsePack } from '../../src/packs/load.js';
import { preparePack } from '../../src/packs/prepare.js';
import type { Pack } from '../../src/packs/schema.js';
import { load, loaded, packOf } from './helpers.js';

const FLAG = '__dealqualPwned';
const flag = () => (globalThis as Record<string, unknown>)[FLAG];
afterEach(() => {
  delete (globalThis as Record<string, unknown>)[FLAG];
});

/** CVE-2024-21534: code in a filter expression reached through constructor.constructor. */
const CVE_2024_21534 = `$[?(@.constructor.constructor('globalThis.${FLAG} = 1')())]`;
/** CVE-2025-1302: the bypass of the first fix, through ''[['constructor']][['constructor']]. */
const CVE_2025_1302 = `$..[?(p="globalThis.${FLAG} = 1";a=''[['constructor']][['constructor']](p);a())]`;
/** The follow-up shape: recursive descent plus a filter calling a catastrophic regular expression. */
const REDOS_FILTER = `$..[?(@.name.match(/^(a+)+$/))]`;

const condition = (extra: Record<string, unknown>) => ({ all: [{ fact: 'deal', operator: 'equal', value: true, ...extra }] });
const at = '$.items[0].rules[0].conditions.all[0]';

describe('loading rejects', () => {
  it.each([
    ['CVE-2024-21534 payload', CVE_2024_21534],
    ['CVE-2025-1302 payload', CVE_2025_1302],
    ['ReDoS filter', REDOS_FILTER],
    ['wildcard', '$.stakeholders[*].role'],
    ['member wildcard', '$.*'],
    ['recursive descent', '$..role'],
    ['union', "$['a','b']"],
    ['quoted member', "$['funding']"],
    ['script expression', '$[(@.length-1)]'],
    ['slice', '$.list[0:2]'],
    ['negative index', '$.list[-1]'],
    ['current-node root', '@.funding'],
    ['no root', 'funding.budget'],
    ['white space', '$.funding. budget'],
    ['empty', ''],
  ])('a %s in a path, at the path', (_name, path) => {
    const parsed = load(packOf([condition({ path })]), 'rules.json');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual([{ file: 'rules.json', path: `${at}.path`, message: expect.stringContaining('plain member path') }]);
    expect(flag()).toBeUndefined();
  });

  it('a filter in the path of a fact reference value', () => {
    const parsed = load(packOf([condition({ operator: 'equal', value: { fact: 'deal', path: CVE_2025_1302 } })]));
    expect(parsed.ok || parsed.issues.map((i) => i.path)).toEqual([`${at}.value.path`]);
  });

  it('a payload in a named condition names the manifest and the condition', () => {
    const parsed = load(packOf([{ condition: 'bad' }], { bad: condition({ path: CVE_2024_21534 }) }), 'pack.json');
    expect(parsed.ok || parsed.issues.map((i) => `${i.file} ${i.path}`)).toEqual(['pack.json $.conditions.bad.all[0].path']);
  });

  it('a payload in an item file names that file', () => {
    const { items, ...manifest } = packOf([condition({ path: CVE_2024_21534 })]);
    const parsed = parsePack({ manifest: { ...manifest, itemFiles: ['step-1.json'] }, file: 'pack.json', itemFiles: { 'step-1.json': items } });
    expect(parsed.ok || parsed.issues.map((i) => `${i.file} ${i.path}`)).toEqual(['step-1.json $[0].rules[0].conditions.all[0].path']);
  });

  it.each([
    ['an unknown operator with a ReDoS pattern', { operator: 'matches', value: '^(a+)+$' }, 'operator'],
    ['an unknown decorator', { operator: 'regex:equal' }, 'operator'],
    ['an empty decorator', { operator: ':equal' }, 'operator'],
    ['a code-looking operator', { operator: 'constructor' }, 'operator'],
    ['an unknown fact', { fact: 'process' }, 'fact'],
    ['a missing value', { value: undefined }, 'value'],
    ['an object value that is not a fact reference', { value: { $where: 'sleep(1000)' } }, 'value'],
    ['a list of objects', { value: [{ a: 1 }] }, 'value[0]'],
    ['fact reference parameters', { value: { fact: 'deal', params: { x: 1 } } }, 'value'],
    ['a zero priority', { priority: 0 }, 'priority'],
    ['a fractional priority', { priority: 1.5 }, 'priority'],
    ['`in` with a number: json-rules-engine calls (5).indexOf', { operator: 'in', value: 5 }, 'value'],
    ['`in` with null', { operator: 'notIn', value: null }, 'value'],
    ['`in` with a fact reference (may be a number)', { operator: 'in', value: { fact: 'derived', path: '$.n' } }, 'value'],
    ['`someValue` with a string: "x".some', { operator: 'someValue:equal', value: 'x' }, 'value'],
    ['`everyValue` with a fact reference', { operator: 'everyValue:equal', value: { fact: 'deal' } }, 'value'],
    ['`swap:in`: the fact is searched, and may be a number', { operator: 'swap:in', value: 'abc' }, 'value'],
    ['`someValue:in` over numbers', { operator: 'someValue:in', value: [1, 2] }, 'value'],
  ])('%s', (_name, extra, key) => {
    const entry = { fact: 'deal', operator: 'equal', value: true, ...extra };
    if (entry.value === undefined) delete (entry as Partial<typeof entry>).value;
    const parsed = load(packOf([{ all: [entry] }]));
    expect(parsed.ok || parsed.issues.map((i) => `${i.file} ${i.path}`)).toEqual([`test.json ${at}.${key}`]);
  });

  it.each([
    ['`all` that is not a list', { all: { fact: 'deal', operator: 'equal', value: 1 } }, '$.items[0].rules[0].conditions.all'],
    ['`not` given a list', { not: [] }, '$.items[0].rules[0].conditions.not'],
    ['a fact condition at the root', { fact: 'deal', operator: 'equal', value: 1 }, '$.items[0].rules[0].conditions'],
    ['an unknown key', { all: [], params: {} }, '$.items[0].rules[0].conditions'],
    ['a reference to an undefined condition', { condition: 'nope' }, '$.items[0].rules[0].conditions.condition'],
    ['a reference to a prototype property', { condition: 'toString' }, '$.items[0].rules[0].conditions.condition'],
    ['a reference to __proto__', { condition: '__proto__' }, '$.items[0].rules[0].conditions.condition'],
  ])('malformed: %s', (_name, root, path) => {
    const parsed = load(packOf([root]));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toContain(path);
  });

  it('a cycle of named conditions', () => {
    const parsed = load(packOf([{ condition: 'a' }], { a: { condition: 'b' }, b: { all: [{ condition: 'a' }] } }));
    expect(parsed.ok || parsed.issues.map((i) => i.message)).toEqual([expect.stringContaining('cycle'), expect.stringContaining('cycle')]);
  });

  it('adversarial long paths and operators are rejected in linear time (nothing hangs)', () => {
    const long = [
      '$' + '.a'.repeat(200_000) + '.(',
      '$' + '[1'.repeat(200_000),
      '$' + '.a['.repeat(100_000),
      '$.' + 'a'.repeat(400_000) + ' ',
    ];
    for (const path of long) expect(load(packOf([condition({ path })])).ok).toBe(false);
    expect(load(packOf([condition({ operator: 'not:'.repeat(100_000) + 'x' })])).ok).toBe(false);
  }, 5_000);
});

describe('the engines never evaluate a path, even when validation is bypassed', () => {
  /** A prepared pack built by hand, skipping `parsePack`, as a caller that bypasses validation would. */
  const crafted = (path: string): Pack => {
    const pack = loaded(packOf([condition({ path: '$.placeholder' })]));
    const rule = pack.items[0]!.rules[0]!;
    (rule.conditions as { all: { path: string }[] }).all[0]!.path = path;
    return pack;
  };
  const facts = { deal: { name: 'a'.repeat(40) + '!', placeholder: true }, derived: {} } as unknown as RuleFacts;

  it.each([CVE_2024_21534, CVE_2025_1302, REDOS_FILTER, '$..*'])('json-rules-engine with our resolver refuses %s', async (path) => {
    await expect(matchReference(preparePack(crafted(path)), facts)).rejects.toThrow('not a plain member path');
    expect(flag()).toBeUndefined();
  });

  it.each([CVE_2024_21534, CVE_2025_1302, REDOS_FILTER])('the compiler refuses %s before running anything', (path) => {
    expect(() => compilePack(preparePack(crafted(path)))).toThrow('not a plain member path');
    expect(flag()).toBeUndefined();
  });

  it('the path reader parses, never evaluates', () => {
    expect(() => parsePath('$[?(@.n > 1)]')).toThrow('not a plain member path');
    expect(() => readPath({ n: 2 }, '$[?(@.n > 1)]')).toThrow('not a plain member path');
    // Control: json-rules-engine's default resolver (jsonpath-plus) does evaluate filter expressions.
    expect(JSONPath({ path: '$[?(@.n > 1)]', json: [{ n: 1 }, { n: 2 }], wrap: false })).toEqual([{ n: 2 }]);
  });

  it('an unknown operator in a crafted pack is refused by both engines', async () => {
    const pack = loaded(packOf([condition({})]));
    (pack.items[0]!.rules[0]!.conditions as { all: { operator: string }[] }).all[0]!.operator = 'matches';
    expect(() => compilePack(preparePack(pack))).toThrow('Unknown operator: matches');
    await expect(matchReference(preparePack(pack), facts)).rejects.toThrow('Unknown operator: matches');
  });
});
