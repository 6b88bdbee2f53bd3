/**
 * Determinism: rule results in definition order (priority, then file order) in both engines, and
 * concurrent runs that share nothing.
 */
import { describe, expect, it } from 'vitest';
import { generateSnapshots } from '../../bench/generate.mjs';
import { compilePack } from '../../src/engine/compile.js';
import type { RuleFacts } from '../../src/engine/derive.js';
import { buildEngine, matchReference, referenceMatcher } from '../../src/engine/reference.js';
import { evaluate, evaluateSync } from '../../src/evaluate.js';
import type { Condition } from '../../src/packs/conditions.js';
import { preparePack } from '../../src/packs/prepare.js';
import { loaded, packOf } from './helpers.js';

const yes = { fact: 'deal', path: '$.x', operator: 'equal', value: 1 } as Condition;
const facts = { deal: { x: 1 }, derived: {} } as unknown as RuleFacts;
/** A condition that takes json-rules-engine many promise turns to settle. */
const deep = (depth: number): Condition => (depth === 0 ? yes : { all: [{ any: [deep(depth - 1), { all: [yes, yes] }] }, yes] });

function itemWithRules(...rules: { conditions: Condition; priority?: number; rating: 'C' | 'F' | 'W' }[]) {
  const input = packOf([{ all: [] }]);
  input.items[0]!.rules = rules.map(({ conditions, priority, rating }) => ({
    conditions: conditions as never,
    ...(priority ? { priority } : {}),
    event: { type: 'rate' as const, params: { rating, message: 'm' } },
  }));
  return preparePack(loaded(input));
}

describe('definition order', () => {
  it('the first rule in file order wins, although json-rules-engine finishes the second first', async () => {
    const prepared = itemWithRules({ conditions: { all: [deep(6)] }, rating: 'C' }, { conditions: { all: [yes] }, rating: 'W' });
    const { results } = await buildEngine(prepared).run({ deal: facts.deal, derived: facts.derived });
    expect(results.map((r) => (r.event!.params as { index: number }).index)).toEqual([1, 0]); // completion order
    expect([...(await matchReference(prepared, facts))]).toEqual([0]);
    expect([...compilePack(prepared)(facts)]).toEqual([0]);
  });

  it('trial order is rule priority, highest first, then file order', async () => {
    const prepared = itemWithRules(
      { conditions: { all: [yes] }, rating: 'W' },
      { conditions: { all: [yes] }, priority: 5, rating: 'F' },
      { conditions: { all: [yes] }, priority: 5, rating: 'C' },
    );
    expect(prepared.rules[0]!.map((r) => r.rating)).toEqual(['F', 'C', 'W']);
    expect([...(await matchReference(prepared, facts))]).toEqual([0]);
    expect([...compilePack(prepared)(facts)]).toEqual([0]);
  });
});

describe('concurrency', () => {
  const deals = generateSnapshots(60, 7);

  it('concurrent evaluate calls equal sequential ones and evaluateSync', async () => {
    const concurrent = await Promise.all(deals.map((d) => evaluate(d)));
    const sequential = [];
    for (const d of deals) sequential.push(await evaluate(d));
    expect(concurrent).toEqual(sequential);
    expect(concurrent).toEqual(deals.map((d) => evaluateSync(d)));
  });

  it('one json-rules-engine Engine run concurrently skips rules; referenceMatcher queues its runs', async () => {
    const input = packOf([{ all: [yes] }, { all: [deep(8)] }]);
    input.items[1]!.rules[0]!.priority = 2; // two priority sets: the slow one first,
    input.items[0]!.rules[0]!.priority = 1; // then the quick one
    const prepared = preparePack(loaded(input));
    const shared = buildEngine(prepared);
    const first = matchReference(prepared, facts, shared);
    for (let i = 0; i < 40; i++) await Promise.resolve(); // the second run starts a few turns later
    const second = matchReference(prepared, facts, shared);
    // The hazard this module avoids: the first run to finish marks the shared engine FINISHED,
    // and the second run skips its remaining priority set (item 0's rule) without an error.
    expect([...(await first)]).toEqual([0, 0]);
    expect([...(await second)]).toEqual([-1, 0]);
    const matcher = referenceMatcher(prepared);
    const queued = await Promise.all([0, 1, 2].map(() => matcher(facts)));
    expect(queued.map((r) => [...r])).toEqual([0, 1, 2].map(() => [0, 0]));
  });
});
