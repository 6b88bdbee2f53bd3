/**
 * json-rules-engine 7's edge cases, one by one, each run through both engines (`holds` throws when
 * they disagree) and checked against the value json-rules-engine gives. docs/engine-semantics.md
 * explains each; the differential tests cover the combinations.
 */
import { describe, expect, it } from 'vitest';
import { isNumeric } from '../../src/engine/compile.js';
import type { Condition } from '../../src/packs/conditions.js';
import { check, holds } from './helpers.js';

describe('operators', () => {
  it.each([
    // [operator, fact value, condition value, json-rules-engine result, why]
    ['equal', 1, 1, true, 'same number'],
    ['equal', '1', 1, false, 'strict equality: no type coercion'],
    ['equal', null, null, true, 'null equals null'],
    ['equal', undefined, null, false, 'a missing value is undefined, not null'],
    ['notEqual', undefined, null, true, 'missing is not null'],
    ['equal', 0, false, false, 'strict: 0 is not false'],
    ['in', 'b', ['a', 'b'], true, 'member of a list'],
    ['in', 1, ['1'], false, 'list membership is strict'],
    ['in', 'VP', 'SSL VPN', true, '`in` on a string value is a substring test'],
    ['in', 'ssl', 'SSL VPN', false, 'substring test is case-sensitive'],
    ['in', '', 'abc', true, 'the empty string is in every string'],
    ['in', undefined, 'undefined behaviour', true, 'a missing fact is searched as the text "undefined"'],
    ['in', null, 'nullable', true, 'null is searched as the text "null"'],
    ['in', 5, 'a5', true, 'a number is searched as its text'],
    ['notIn', undefined, ['a'], true, 'a missing fact is in no list'],
    ['contains', ['a', 'b'], 'a', true, 'list fact holds the value'],
    ['contains', 'abc', 'a', false, '`contains` needs a list fact: a string fact is false'],
    ['doesNotContain', 'abc', 'z', false, '`doesNotContain` on a string fact is false too (validator)'],
    ['doesNotContain', undefined, 'z', false, 'and on a missing fact'],
    ['contains', [1, 2], '1', false, 'list search is strict'],
    ['greaterThan', 10, 9, true, 'numbers'],
    ['greaterThan', '10', 9, true, 'a numeric string fact compares as a number with a number value'],
    ['lessThan', '5', '10', false, 'two strings compare as text: "5" > "10"'],
    ['greaterThanInclusive', '12abc', 12, false, 'the validator accepts "12abc" (parseFloat), the comparison is NaN >= 12'],
    ['greaterThan', 'abc', 1, false, 'a non-numeric string fails the validator'],
    ['lessThan', null, 1, false, 'null fails the validator (parseFloat("null") is NaN)'],
    ['lessThan', true, 2, false, 'booleans fail the validator'],
    ['greaterThan', [5], 3, false, 'a list is never converted to a primitive (json-rules-engine: true, comparing "5"; operands.ts)'],
    ['lessThan', 1, [5], false, 'nor a list value'],
    ['greaterThan', { toString: 1 }, 3, false, 'an object with an own toString is false, where json-rules-engine throws'],
    ['in', { toString: 'a' }, 'abc', false, 'an object is never searched for in a string'],
    ['notIn', ['a'], 'abc', false, 'notIn too: the operator is false, not its negation'],
    ['not:greaterThan', { toString: 1 }, 3, true, 'not: negates the false operator, as with a failing validator'],
    ['lessThan', [], 1, false, 'an empty list fails the validator'],
    ['lessThan', undefined, 1, false, 'a missing fact fails the validator'],
    ['lessThan', 1, null, false, 'null as value compares as 0: 1 < 0'],
    ['greaterThan', 1, null, true, '1 > null'],
    ['lessThanInclusive', 'Infinity', 'Infinity', true, '"Infinity" passes the validator; equal strings'],
    ['greaterThan', 1, '0x10', false, 'a hexadecimal string value converts to 16'],
  ] as [string, unknown, unknown, boolean, string][])('%s: %j against %j is %s (%s)', async (operator, factValue, value, expected) => {
    expect(await check(operator, factValue, value)).toBe(expected);
  });

  it('numberValidator is parseFloat(x).toString() !== "NaN", without the string', () => {
    const reference = (x: unknown) => Number.parseFloat(x as string).toString() !== 'NaN';
    for (const x of [0, -0, 1, NaN, Infinity, -Infinity, 1e21, '1', ' 2 ', '3x', 'x3', '', null, undefined, true, [], [4], [5, 6], {}, '-Infinity', '.5', 'e5'])
      expect(isNumeric(x), String(x)).toBe(reference(x));
  });
});

describe('decorators', () => {
  it.each([
    ['someFact:equal', [1, 2], 2, true, 'some element of the fact list'],
    ['someFact:equal', 2, 2, false, 'someFact on a non-list fact is false (validator)'],
    ['everyFact:greaterThan', [3, 4], 2, true, 'every element'],
    ['everyFact:greaterThan', [], 2, true, 'every element of an empty list: true'],
    ['someValue:equal', 'b', ['a', 'b'], true, 'some element of the value list'],
    ['someValue:equal', 'b', [], false, 'no element of an empty value list'],
    ['everyValue:lessThan', 1, [2, 3], true, 'every element of the value list'],
    ['everyValue:lessThan', 1, [], true, 'every element of an empty value list: true'],
    ['swap:contains', 'a', ['a', 'b'], true, 'swap: the value list contains the fact'],
    ['swap:lessThan', 5, 3, true, 'swap:lessThan: value < fact; the numeric validator checks the value'],
    ['swap:lessThan', 5, 'abc', false, 'a non-numeric value fails the swapped validator'],
    ['not:equal', 1, 2, true, 'not negates the operator'],
    ['not:contains', 'abc', 'a', true, 'not of a failed validator is true: "not:contains" on a string fact holds'],
    ['not:greaterThan', undefined, 1, true, 'and on a missing fact'],
    ['someFact:someValue:equal', ['a', 'b'], ['b', 'c'], true, 'chains: some fact element equals some value element'],
    ['everyFact:not:in', ['a', 'b'], ['c'], true, 'chains: no fact element is in the list'],
    ['not:someFact:equal', 'x', 'x', true, 'not(someFact) on a non-list is true'],
    ['someFact:not:equal', 'x', 'x', false, 'someFact(not) on a non-list is false: validators apply per layer'],
    ['swap:someFact:equal', 'a', ['a'], true, 'swap then someFact: the value list has an element equal to the fact'],
  ] as [string, unknown, unknown, boolean, string][])('%s: %j against %j is %s (%s)', async (operator, factValue, value, expected) => {
    expect(await check(operator, factValue, value)).toBe(expected);
  });
});

describe('paths and facts', () => {
  const deal = { funding: { budget: 5, tags: ['x'] }, people: [{ role: 'final-say' }, { role: 'user' }], list: [1, 2, 3] };
  it.each([
    ['$.funding.budget', 'equal', 5, true, 'member path'],
    ['$.people[1].role', 'equal', 'user', true, 'index step'],
    ['$.people.1.role', 'equal', 'user', true, 'a digit name reads the same element'],
    ['$.people[5].role', 'equal', null, false, 'a missing element reads undefined, not null'],
    ['$.nothing.deeper', 'notEqual', null, true, 'a missing step reads undefined'],
    ['$.list.length', 'equal', 3, true, 'own properties of lists, such as length, are readable'],
    ['$.funding.budget.toFixed', 'equal', null, false, 'never a method: reading past a number gives undefined'],
    ['$', 'notEqual', null, true, '`$` is the fact itself'],
  ] as [string, string, unknown, boolean, string][])('%s %s %j is %s (%s)', async (path, operator, value, expected) => {
    expect(await check(operator, deal, value, path)).toBe(expected);
  });

  it('a path on a non-object fact value reads the value itself (Almanac.factValue)', async () => {
    expect(await check('equal', 7, 7, '$.a.b')).toBe(true);
    expect(await check('equal', 'text', 'text', '$.length')).toBe(true);
    expect(await check('equal', null, null, '$.a')).toBe(true);
  });

  it('a missing fact is undefined (allowUndefinedFacts), with or without a path', async () => {
    expect(await holds({ all: [{ fact: 'derived', path: '$.a', operator: 'notEqual', value: null }] }, { deal: {} })).toBe(true);
    expect(await holds({ all: [{ fact: 'derived', operator: 'in', value: 'undefined' }] }, { deal: {} })).toBe(true);
  });

  it('fact-to-fact comparisons read the value fact and path', async () => {
    const facts = { deal: { a: 3, list: ['x', 'y'], s: 'y' }, derived: { n: 2, pick: 'x' } };
    const c = (operator: string, path: string, value: unknown) => holds({ all: [{ fact: 'deal', path, operator, value } as Condition] }, facts);
    expect(await c('greaterThan', '$.a', { fact: 'derived', path: '$.n' })).toBe(true);
    expect(await c('contains', '$.list', { fact: 'derived', path: '$.pick' })).toBe(true);
    expect(await c('equal', '$.s', { fact: 'deal', path: '$.list[1]' })).toBe(true);
    expect(await c('equal', '$.missing', { fact: 'derived', path: '$.missing' })).toBe(true); // undefined === undefined
    expect(await c('equal', '$.a', { fact: 'derived' })).toBe(false); // the whole derived document
  });
});

describe('condition forms', () => {
  const facts = { deal: { x: 1 }, derived: {} };
  const yes = { fact: 'deal', path: '$.x', operator: 'equal', value: 1 } as Condition;
  const no = { fact: 'deal', path: '$.x', operator: 'equal', value: 2 } as Condition;

  it('empty all and empty any both hold (prioritizeAndRun resolves true for no conditions)', async () => {
    expect(await holds({ all: [] }, facts)).toBe(true);
    expect(await holds({ any: [] }, facts)).toBe(true);
    expect(await holds({ not: { any: [] } }, facts)).toBe(false);
    expect(await holds({ any: [no, { all: [] }] }, facts)).toBe(true);
  });

  it('all, any and not', async () => {
    expect(await holds({ all: [yes, no] }, facts)).toBe(false);
    expect(await holds({ any: [no, yes] }, facts)).toBe(true);
    expect(await holds({ not: no }, facts)).toBe(true);
    expect(await holds({ not: { not: yes } }, facts)).toBe(true);
  });

  it('named conditions, at the root, nested, negated and chained', async () => {
    const named = { isOne: { all: [yes] }, viaOther: { condition: 'isOne' }, never: { any: [no] } };
    expect(await holds({ condition: 'isOne' }, facts, named)).toBe(true);
    expect(await holds({ condition: 'viaOther' }, facts, named)).toBe(true);
    expect(await holds({ all: [{ condition: 'isOne' }, { not: { condition: 'never' } }] }, facts, named)).toBe(true);
    expect(await holds({ any: [{ condition: 'never', priority: 5 }] }, facts, named)).toBe(false);
  });

  it('condition priorities change the order of evaluation, never the result', async () => {
    expect(await holds({ all: [{ ...no, priority: 1 }, { ...yes, priority: 9 }] }, facts)).toBe(false);
    expect(await holds({ any: [{ ...no, priority: 9 }, { ...yes, priority: 1 }] }, facts)).toBe(true);
  });
});
