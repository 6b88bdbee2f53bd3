/**
 * The other methods' derived facts (`derived.people`, `derived.registration`) are derived only when
 * a pack of the evaluation reads them (Plan.methodFacts): in a rule, a named condition or a message
 * placeholder. Whichever way a pack reads them, both engines rate it as if they were always there.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateSync } from '../../src/evaluate.js';
import { deriveFacts } from '../../src/engine/derive.js';
import { snapshotSchema } from '../../src/snapshot/schema.js';
import type { Result } from '../../src/result.js';
import { loaded, packOf } from '../engine/helpers.js';
import { packsOf } from '../support/packs.js';

const deal = {
  id: 'M-1',
  asOf: '2026-11-01',
  customer: { name: 'ACME', segment: 'enterprise' },
  stakeholders: [{ name: 'Wang', role: 'final-say', contact: 'close', stance: 'supporter', helpsUs: true }],
};
const keyTop = { fact: 'derived', path: '$.people.keyTop', operator: 'greaterThanInclusive', value: 4 };

async function both(packs: unknown[]): Promise<Result> {
  const sync = evaluateSync(deal, { packs: packs as never });
  const reference = await evaluate(deal, { packs: packs as never });
  expect(JSON.stringify(sync)).toBe(JSON.stringify(reference));
  if (!sync.ok) throw new Error(JSON.stringify(sync.issues));
  return sync;
}

describe('method facts are derived where a pack reads them', () => {
  it('deriveFacts leaves them out only when asked (methods: false)', () => {
    const context = { asOf: '2026-11-01', horizonDays: 180 };
    const snapshot = snapshotSchema.parse(deal);
    expect(deriveFacts(snapshot, context).people?.keyTop).toBe(4);
    expect(deriveFacts(snapshot, { ...context, methods: false }).people).toBeUndefined();
    expect(deriveFacts(snapshot, { ...context, methods: false }).stakeholders.finalSay).toBe(1);
  });

  it.each([
    ['a rule path', packOf([{ all: [keyTop] }])],
    ['a named condition', packOf([{ all: [{ condition: 'allied' }] }], { allied: { all: [keyTop] } })],
    ['a fact-valued operand', packOf([{ all: [{ fact: 'deal', path: '$.amount', operator: 'notEqual', value: { fact: 'derived', path: '$.registration.metrics' } }] }])],
  ])('read in %s: the custom pack alone, and after the default packs', async (_, input) => {
    const pack = loaded(input);
    expect((await both([pack])).items['test.i0']!.rating).toBe('C');
    expect((await both(['sangfor-7step', 'man', 'bant', pack])).items['test.i0']!.rating).toBe('C');
  });

  it('read in a message placeholder: the value is quoted', async () => {
    const input = packOf([{ all: [keyTop] }]);
    input.messages = { m: { zh: '关系 {derived.people.keyTop}', en: 'rung {derived.people.keyTop}' } };
    const result = await both([loaded(input)]);
    expect(result.items['test.i0']!.reason.params).toMatchObject({ 'derived.people.keyTop': 4 });
  });

  it('the opt-in clmls pack still reads the ladder (derived.people.keyTop)', async () => {
    const result = await both(packsOf('clmls'));
    expect(result.items['clmls.2.acquaint']).toMatchObject({ rating: 'C', reason: { code: 'facts', params: { message: 'keyAcquainted' } } });
    expect(result.items['clmls.2.trust']).toMatchObject({ rating: 'C', reason: { code: 'facts', params: { message: 'keyTrusts' } } });
  });
});
