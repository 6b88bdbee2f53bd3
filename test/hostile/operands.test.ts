/**
 * Hostile fact values: objects and lists where a rule compares numbers or searches a string
 * (`custom.score = {"toString": 1}` made json-rules-engine and the compiled engine throw, and the
 * CLI exit 2 losing the good deal before it). No operand is converted: the condition is false, in
 * both engines; and no input makes `evaluate` reject or `evaluateSync` throw.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, evaluateSync } from '../../src/evaluate.js';
import { parsePack } from '../../src/packs/load.js';
import type { Pack } from '../../src/packs/schema.js';
import { cli, ensureBuilt } from '../cli/helpers.js';

const bilingual = { zh: '高分', en: 'high score' };
const packJson = {
  id: 'scored',
  version: '1.0.0',
  title: bilingual,
  docs: 'Reads custom facts.',
  messages: { high: bilingual, named: bilingual },
  items: [
    {
      id: 'scored.high',
      step: 1,
      star: false,
      title: bilingual,
      signals: [],
      docs: 'C when the custom score is above 50, or the custom code is in "ABC".',
      rules: [
        { conditions: { any: [{ fact: 'deal', path: '$.custom.score', operator: 'greaterThan', value: 50 }, { fact: 'deal', path: '$.custom.code', operator: 'in', value: 'ABC' }] }, event: { type: 'rate', params: { rating: 'C', message: 'high' } } },
        { conditions: { all: [{ fact: 'deal', path: '$.custom.score', operator: 'not:lessThanInclusive', value: { fact: 'deal', path: '$.custom.limit' } }] }, event: { type: 'rate', params: { rating: 'F', message: 'named' } } },
      ],
    },
  ],
};
const parsed = parsePack({ manifest: packJson, file: 'scored.json' });
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const pack: Pack = parsed.pack;
const options = { packs: [pack], asOf: '2026-11-01' };

const HOSTILE: unknown[] = [
  { toString: 1 },
  { valueOf: 1, toString: 1 },
  { toString: { toString: 1 } },
  [{ toString: 1 }],
  [60],
  { valueOf: 60 },
  ['A'],
];

describe('non-primitive operands', () => {
  it.each(HOSTILE.map((v) => [JSON.stringify(v), v]))('custom.score = %s: both engines rate the item, equally, with the comparison false', async (_, value) => {
    const deal = { id: 'H-1', custom: { score: value, code: value, limit: value } };
    const sync = evaluateSync(deal, options);
    const reference = await evaluate(deal, options);
    expect(sync.ok).not.toBe(false);
    expect(reference).toEqual(sync);
    if (sync.ok === false) return;
    // greaterThan / in are false (no conversion); not:lessThanInclusive negates a false comparison: F
    expect(sync.items['scored.high']!.rating).toBe('F');
  });

  it('primitive operands keep json-rules-engine semantics', async () => {
    for (const [custom, rating] of [[{ score: 60 }, 'C'], [{ score: '60' }, 'C'], [{ code: 'B' }, 'C'], [{ score: 10, limit: 5 }, 'F'], [{ score: 1, limit: 5 }, 'W']] as const) {
      const deal = { id: 'P-1', custom };
      const sync = evaluateSync(deal, options);
      expect(await evaluate(deal, options)).toEqual(sync);
      expect(sync.ok !== false && sync.items['scored.high']!.rating, JSON.stringify(custom)).toBe(rating);
    }
  });

  it('an unexpected exception becomes an internal_error issue for that deal: never a throw or a rejection', async () => {
    // A pack object that bypassed parsePack (its rule calls (5).indexOf, which throws) is refused up
    // front since options check pack objects; a model whose weights throw when read still gets past.
    const broken = structuredClone(pack);
    (broken.items[0]!.rules[0]!.conditions as { any: unknown[] }).any = [{ fact: 'deal', path: '$.amount', operator: 'in', value: 5 }];
    const deal = { id: 'X-1', amount: 5 };
    const refused = { ok: false, id: 'X-1', issues: [{ code: 'invalid_option', path: 'options.packs', expected: expect.any(String), message: expect.stringContaining('got packs[0], not a valid pack ($.items[0].rules[0].conditions.any[0].value:') }] };
    expect(evaluateSync(deal, { packs: [broken] })).toEqual(refused);
    await expect(evaluate(deal, { packs: [broken] })).resolves.toEqual(refused);
    const model = { intercept: 0, weights: Object.defineProperty({}, 's1.1', { enumerable: true, get: () => { throw new Error('boom'); } }) };
    const expected = { ok: false, id: 'X-1', issues: [{ code: 'internal_error', path: '$', message: expect.stringContaining('Internal error while evaluating this deal') }] };
    expect(evaluateSync(deal, { model })).toEqual(expected);
    await expect(evaluate(deal, { model })).resolves.toEqual(expected);
    const getter = Object.defineProperty({ id: 'G-1' }, 'answers', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(evaluateSync(getter, options)).toMatchObject({ ok: false });
    await expect(evaluate(getter, options)).resolves.toMatchObject({ ok: false });
  });
});

describe('the CLI with a hostile deal among good ones', () => {
  let tmp: string;
  beforeAll(() => {
    ensureBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'dealqual-operands-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('audits every deal, the hostile one included, and loses none', () => {
    writeFileSync(join(tmp, 'scored.json'), JSON.stringify(packJson));
    const lines = [{ id: 'GOOD-1', custom: { score: 70 } }, { id: 'BAD-1', custom: { score: { toString: 1 } } }, { id: 'GOOD-2', custom: { score: [{ toString: 1 }] } }];
    writeFileSync(join(tmp, 'deals.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const run = cli(['audit', join(tmp, 'deals.jsonl'), '--pack', join(tmp, 'scored.json'), '--as-of', '2026-11-01', '--format', 'json']);
    expect(run.stderr).not.toMatch(/internal error/);
    const results = JSON.parse(run.stdout) as { id: string; items: Record<string, { rating: string }> }[];
    expect(results.map((r) => [r.id, r.items['scored.high']!.rating])).toEqual([
      ['GOOD-1', 'C'],
      ['BAD-1', 'F'], // not:lessThanInclusive negates a comparison that is false
      ['GOOD-2', 'F'],
    ]);
  });
});
