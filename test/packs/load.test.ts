import { describe, expect, it } from 'vitest';
import { parsePack } from '../../src/packs/load.js';

const rule = (conditions: unknown, message = 'ok') => ({ conditions, event: { type: 'rate', params: { rating: 'C', message } } });
const item = (id: string, rules: unknown[]) => ({ id, step: 1, star: false, title: { zh: '项', en: 'Item' }, signals: [], docs: 'How it is rated.', rules });
const manifest = (extra: Record<string, unknown> = {}) => ({
  id: 'my-pack',
  version: '1.0.0',
  title: { zh: '我的', en: 'Mine' },
  docs: 'A test pack.',
  messages: { ok: { zh: '好', en: 'OK' } },
  ...extra,
});
const good = rule({ all: [{ fact: 'deal', path: '$.amount', operator: 'greaterThan', value: 0 }] });

function issues(source: Parameters<typeof parsePack>[0]) {
  const parsed = parsePack(source);
  if (parsed.ok) throw new Error('expected issues');
  return parsed.issues;
}

describe('parsePack', () => {
  it('accepts a valid single-file pack', () => expect(parsePack({ file: 'p.json', manifest: manifest({ items: [item('my.a', [good])] }) }).ok).toBe(true));

  const table: [string, unknown[], { path: string; message: RegExp }][] = [
    ['unknown operator', [rule({ all: [{ fact: 'deal', path: '$.amount', operator: 'regex', value: '(a+)+$' }] })], { path: '$.items[0].rules[0].conditions.all[0].operator', message: /json-rules-engine operator/ }],
    ['unknown decorator', [rule({ all: [{ fact: 'deal', operator: 'eval:equal', value: 1 }] })], { path: '$.items[0].rules[0].conditions.all[0].operator', message: /decorated/ }],
    ['JSONPath filter', [rule({ any: [{ fact: 'deal', path: '$.a[?(@.b)]', operator: 'equal', value: 1 }] })], { path: '$.items[0].rules[0].conditions.any[0].path', message: /plain member path/ }],
    ['recursive descent', [rule({ all: [{ fact: 'deal', path: '$..amount', operator: 'equal', value: 1 }] })], { path: '$.items[0].rules[0].conditions.all[0].path', message: /plain member path/ }],
    ['unknown fact', [rule({ all: [{ fact: 'process', operator: 'equal', value: 1 }] })], { path: '$.items[0].rules[0].conditions.all[0].fact', message: /deal, derived/ }],
    ['fact reference with a filter', [rule({ all: [{ fact: 'deal', operator: 'equal', value: { fact: 'deal', path: '$[*]' } }] })], { path: '$.items[0].rules[0].conditions.all[0].value.path', message: /plain member path/ }],
    ['condition with no operator', [rule({ all: [{ fact: 'deal', value: 1 }] })], { path: '$.items[0].rules[0].conditions.all[0].operator', message: /./ }],
    ['a bare fact condition at the root', [rule({ fact: 'deal', operator: 'equal', value: 1 })], { path: '$.items[0].rules[0].conditions', message: /./ }],
    ['unknown message id', [rule({ all: [] }, 'nope')], { path: '$.items[0].rules[0].event.params.message', message: /unknown message id "nope"/ }],
    ['unknown named condition', [rule({ all: [{ condition: 'missing' }] })], { path: '$.items[0].rules[0].conditions.all[0].condition', message: /unknown named condition "missing"/ }],
  ];
  it.each(table)('rejects %s with the JSON path', (_, rules, expected) => {
    const found = issues({ file: 'p.json', manifest: manifest({ items: [item('my.a', rules)] }) });
    expect(found[0]).toMatchObject({ file: 'p.json', path: expected.path });
    expect(found[0]!.message).toMatch(expected.message);
  });

  it('rejects duplicate item ids', () =>
    expect(issues({ file: 'p.json', manifest: manifest({ items: [item('my.a', [good]), item('my.a', [good])] }) })[0]).toMatchObject({ path: '$.items[1].id', message: /duplicate/ }));

  it('rejects cycles among named conditions', () => {
    const conditions = { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } };
    expect(issues({ file: 'p.json', manifest: manifest({ conditions, items: [item('my.a', [good])] }) })[0]).toMatchObject({ path: '$.conditions.a', message: /cycle: a → b/ });
  });

  it('names the item file and the path inside it', () => {
    const bad = rule({ all: [{ fact: 'deal', path: '$.x', operator: 'like', value: 1 }] });
    const found = issues({ file: 'pack.json', manifest: manifest({ itemFiles: ['one.json', 'two.json'] }), itemFiles: { 'one.json': [item('my.a', [good])], 'two.json': [item('my.b', [good, bad])] } });
    expect(found[0]).toMatchObject({ file: 'two.json', path: '$[0].rules[1].conditions.all[0].operator' });
  });

  it('says when an item file is missing', () =>
    expect(issues({ file: 'pack.json', manifest: manifest({ itemFiles: ['gone.json'] }) })[0]).toMatchObject({ path: '$.itemFiles', message: /gone.json/ }));

  it('rejects a pack that is not an object', () => expect(issues({ file: 'p.json', manifest: [] })[0]).toMatchObject({ path: '$' }));
});
