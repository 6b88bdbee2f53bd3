/**
 * Keys that data names are looked up as own keys only, and no key or path step built from a pack
 * or a model file may be `__proto__`, `constructor` or `prototype`: a rule message id `toString`
 * was accepted because `"toString" in messages` reaches Object.prototype. The CLI's config and
 * mapping files accepted an own `__proto__` key in silence (zod drops it): every settings file the
 * CLI reads refuses such keys with their path (config and mapping files through settingsJson, model
 * and pack files through parseModel and parsePack).
 * `--fail-on __proto__` was accepted in silence: the severity map was a plain object, so the id set
 * its prototype instead of a key the unknown-id check could see; the map has no prototype now.
 */
import { describe, expect, it } from 'vitest';
import { readPath } from '../../src/engine/path.js';
import { evaluateSync } from '../../src/evaluate.js';
import { format } from '../../src/locale/messages.js';
import { parseModel } from '../../src/model/file.js';
import { parsePack } from '../../src/packs/load.js';
import { load, packOf } from '../engine/helpers.js';
import { AS_OF, folder, run } from './io.js';

const fact = (path: string) => ({ fact: 'deal', path, operator: 'equal', value: 1 });
const withRuleMessage = (message: string) => {
  const pack = packOf([{ all: [] }]);
  (pack.items[0]!.rules[0]!.event.params as { message: string }).message = message;
  return pack;
};
const issuesOf = (manifest: unknown, file = 'test.json') => {
  const parsed = parsePack({ manifest, file });
  return parsed.ok ? [] : parsed.issues;
};

describe('own keys in packs', () => {
  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'])('rejects the rule message id %s when messages do not define it', (id) =>
    expect(issuesOf(withRuleMessage(id))).toEqual([{ file: 'test.json', path: '$.items[0].rules[0].event.params.message', message: `unknown message id "${id}": add it to the pack's "messages"` }]));

  it.each([
    ['a message id', '{"m":{"zh":"x","en":"x"},"__proto__":{"zh":"x","en":"x"}}', 'messages', '$.messages.__proto__'],
    ['a named condition', '{"constructor":{"all":[]}}', 'conditions', '$.conditions.constructor'],
    ['a named condition', '{"prototype":{"all":[]}}', 'conditions', '$.conditions.prototype'],
  ])('rejects %s key that reaches a prototype, with its path', (_, json, key, path) => {
    const manifest = { ...packOf([{ all: [] }]), [key]: JSON.parse(json) };
    expect(issuesOf(manifest)).toEqual([{ file: 'test.json', path, message: expect.stringContaining('is not allowed anywhere in a pack') }]);
  });

  it.each(['$.__proto__', '$.custom.__proto__.outcome', '$.constructor', '$.a.prototype', '$.a[0].constructor'])('rejects the rule path %s', (path) =>
    expect(issuesOf(packOf([{ all: [fact(path)] }]))).toEqual([{ file: 'test.json', path: '$.items[0].rules[0].conditions.all[0].path', message: expect.stringContaining('without the steps __proto__, constructor, prototype') }]));

  it('rejects such a step in a fact reference and in a message placeholder; accepts look-alikes', () => {
    expect(issuesOf(packOf([{ all: [{ fact: 'deal', operator: 'equal', value: { fact: 'derived', path: '$.x.constructor' } }] }]))[0]!.path).toBe('$.items[0].rules[0].conditions.all[0].value.path');
    const placeholder = { ...packOf([{ all: [] }]), messages: { m: { zh: '{deal.custom.constructor}', en: 'x' } } };
    expect(issuesOf(placeholder)[0]).toMatchObject({ path: '$.messages.m.zh', message: expect.stringContaining('placeholder path') });
    expect(load(packOf([{ all: [fact('$.constructorName'), fact('$.my_prototype'), fact('$.toString')] }])).ok).toBe(true);
  });

  it('looks item files up by own name, and refuses a pack id that reaches a prototype', () => {
    const { items, ...rest } = packOf([{ all: [] }]);
    for (const name of ['toString', '__proto__'])
      expect(parsePack({ file: 'pack.json', manifest: { ...rest, itemFiles: [name] }, itemFiles: { 'real.json': items } })).toMatchObject({ ok: false, issues: [{ path: '$.itemFiles', message: `item file "${name}" not found beside the manifest` }] });
    expect(issuesOf({ ...packOf([{ all: [] }]), id: 'constructor' })[0]).toMatchObject({ path: '$.id' });
  });
});

describe('own keys elsewhere', () => {
  it('model files: no key reaches a prototype', () => {
    const model = (packs: string) => JSON.parse(`{"format":"dealqual-model","version":1,"name":"m","intercept":0,"packs":${packs}}`);
    expect(parseModel(model('{"constructor":{"items":{}}}'), 'm.json')).toMatchObject({ ok: false, issues: [{ path: '$.packs.constructor', message: expect.stringContaining('not allowed') }] });
    expect(parseModel(model('{"man":{"items":{"__proto__":{"C":1,"F":0}}}}'), 'm.json')).toMatchObject({ ok: false, issues: [{ path: '$.packs.man.items.__proto__' }] });
  });

  it('locale tables and paths read own keys only; Object.prototype stays untouched', () => {
    expect(format('toString' as never, 'reason.nothing-known', {})).toBe('Nothing known: no facts, evidence or answer.');
    expect(format('en', 'toString', {})).toBe('toString');
    expect(format('en', 'reason.stale', JSON.parse('{"__proto__":{"date":"x"},"days":3}'))).toContain('{date}');
    expect(readPath({ a: {} }, '$.a.constructor')).toBeUndefined();
    expect(evaluateSync({ id: 'K-1', custom: JSON.parse('{"__proto__":{"polluted":1}}') })).toMatchObject({ id: 'K-1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('own keys in the settings files the CLI reads', () => {
  const model = (items: string) => `{"format":"dealqual-model","version":1,"name":"m","intercept":0,"packs":{"man":{"items":${items}}}}`;
  const pack = JSON.stringify(packOf([{ all: [] }])).replace('"docs":', '"__proto__":{"x":1},"docs":');
  it.each([
    ['config rules', { 'dealqual.config.json': '{"rules":{"__proto__":"garbage"}}' }, [], 'invalid config:\n  dealqual.config.json $.rules.__proto__', 'config'],
    ['config rules', { 'dealqual.config.json': '{"rules":{"constructor":"off"}}' }, [], 'invalid config:\n  dealqual.config.json $.rules.constructor', 'config'],
    ['config mapping', { 'dealqual.config.json': '{"csv":{"mapping":{"columns":{"prototype":"s1.1"}}}}' }, [], 'invalid config:\n  dealqual.config.json $.csv.mapping.columns.prototype', 'config'],
    ['--mapping', { 'm.json': '{"__proto__":"s1.1","Stage":"s1.2"}' }, ['--mapping', 'm.json'], 'invalid mapping:\n  m.json $.__proto__', 'mapping'],
    ['--model', { 'mod.json': `\uFEFF${model('{"__proto__":{"C":1,"F":0,"redFlag":0}}')}` }, ['--model', 'mod.json'], 'invalid model file:\n  mod.json $.packs.man.items.__proto__', 'model file'],
    ['--pack', { 'p.json': pack }, ['--pack', 'p.json'], 'invalid rule pack:\n  p.json $.__proto__', 'pack'],
  ])('%s: a key that reaches a prototype exits 2 with its file and path', async (_, files, flags, where, what) => {
    const r = await run(['audit', 'd.json', ...flags], folder({ 'd.json': JSON.stringify({ id: 'D', asOf: AS_OF }), ...files }));
    expect(r.stderr).toMatch(new RegExp(`^dealqual: ${where.replace(/[.$\\[\]]/g, '\\$&')}: the key "\\w+" is not allowed anywhere in a ${what} \\(__proto__, constructor, prototype reach JavaScript prototypes\\)\\n$`));
    expect(r.code).toBe(2);
  });

  it.each([
    ['--fail-on', '__proto__', ['--fail-on', '__proto__']],
    ['--fail-on', '__proto__', ['--fail-on', 'missing, __proto__']],
    ['--fail-on', 'constructor', ['--fail-on', 'constructor']],
    ['--fail-on', 'toString', ['--fail-on', 'toString']],
    ['--fail-on', 'prototype', ['--fail-on', 'prototype']],
    ['--fail-on', 'hasOwnProperty', ['--fail-on', 'hasOwnProperty']],
  ])('%s %s: an id that names a prototype property is an unknown id, exit 2', async (flag, id, flags) => {
    const r = await run(['audit', 'd.json', ...flags], folder({ 'd.json': JSON.stringify({ id: 'D', asOf: AS_OF }) }));
    expect(r.stderr).toMatch(new RegExp(`^dealqual: unknown rule or item id "${id}" \\(in ${flag}\\); rules: `));
    expect(r.code).toBe(2);
    expect(({} as Record<string, unknown>).error).toBeUndefined();
  });

  it('a syntax error in a settings file names its line and column', async () => {
    const r = await run(['audit', 'd.json'], folder({ 'd.json': '{"id":"D"}', 'dealqual.config.json': '{\n "rules": {,}\n}' }));
    expect(r.stderr).toMatch(/^dealqual: dealqual\.config\.json:2:12: invalid JSON: /);
    expect(r.code).toBe(2);
  });
});
