/**
 * Differential property tests: json-rules-engine (the reference) against the compiled engine.
 *
 * 1. Random rule packs (every operator, decorator chains, all/any/not, named conditions, fact
 *    references, condition and rule priorities) on random fact documents: every rule's result and
 *    every item's first matching rule must be equal.
 * 2. Random realistic snapshots (bench/generate.mjs) with random options: `evaluate` and
 *    `evaluateSync` must return deep-equal results.
 * 3. Random categorical packs (level tables of words, numbers and ranges, with or without
 *    `otherwise`, weighed by rating or per level) on random field values, with the prior or a random
 *    per-level model: `evaluate` and `evaluateSync` must return deep-equal results.
 *
 * `npm test` runs a few thousand cases. DIFF_RUNS=n runs n cases of each property (DIFF_RESULT_RUNS
 * overrides the second), DIFF_SEED fixes the seed, DIFF_REPORT=file writes the counts there; see
 * scripts/differential-long.mjs.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createRandom, generateSnapshot } from '../../bench/generate.mjs';
import { ConditionCompiler, compilePack } from '../../src/engine/compile.js';
import type { RuleFacts } from '../../src/engine/derive.js';
import { buildEngine, matchReference } from '../../src/engine/reference.js';
import { evaluate, evaluateSync, type EvaluateOptions } from '../../src/evaluate.js';
import { BUILTIN_PACK_IDS } from '../../src/packs/builtin.js';
import type { Condition } from '../../src/packs/conditions.js';
import { parsePack } from '../../src/packs/load.js';
import type { Model } from '../../src/model/prior.js';
import { preparePack, type PreparedPack } from '../../src/packs/prepare.js';
import { factDocuments, randomPack } from './arbitraries.js';

const LONG = Number(process.env.DIFF_RUNS ?? 0);
const RULE_RUNS = LONG || 1000;
const RESULT_RUNS = Number(process.env.DIFF_RESULT_RUNS ?? 0) || LONG || 300;
const TIMEOUT = LONG ? 4 * 3_600_000 : 600_000;
const SEED = process.env.DIFF_SEED === undefined ? undefined : Number(process.env.DIFF_SEED);

const stats = { rulePacks: 0, factDocuments: 0, ruleComparisons: 0, ruleMatches: 0, itemComparisons: 0, resultComparisons: 0, differences: 0 };

/** Every rule's result from json-rules-engine: `matrix[item][index]` in trial order. */
async function referenceRuleResults(prepared: PreparedPack, facts: RuleFacts): Promise<boolean[][]> {
  const matrix = prepared.rules.map((rules) => rules.map(() => false));
  const { results } = await buildEngine(prepared).run({ deal: facts.deal, derived: facts.derived });
  for (const r of results) {
    const { item, index } = r.event!.params as { item: number; index: number };
    matrix[item]![index] = true;
  }
  return matrix;
}

function compiledRuleResults(prepared: PreparedPack, facts: RuleFacts): boolean[][] {
  const compiler = new ConditionCompiler(prepared.pack.conditions as Record<string, Condition>);
  const tests = prepared.rules.map((rules) => rules.map((entry) => compiler.compile(entry.rule.conditions)));
  const values = compiler.reader()(facts);
  return tests.map((rules) => rules.map((test) => test(values)));
}

function report() {
  if (process.env.DIFF_REPORT) writeFileSync(process.env.DIFF_REPORT, JSON.stringify(stats, null, 2));
}

describe('compiled engine = json-rules-engine', () => {
  afterAll(report);

  it(`on random rule packs and fact documents (${RULE_RUNS} packs)`, async () => {
    await fc.assert(
      fc.asyncProperty(randomPack, fc.array(factDocuments, { minLength: 1, maxLength: 3 }), async (input, documents) => {
        const parsed = parsePack({ manifest: input, file: 'random.json' });
        if (!parsed.ok) throw new Error(`the generator made a pack loading rejects: ${JSON.stringify(parsed.issues)}`);
        const prepared = preparePack(parsed.pack);
        const matcher = compilePack(prepared);
        stats.rulePacks++;
        for (const document of documents) {
          const facts = document as unknown as RuleFacts;
          const expected = await referenceRuleResults(prepared, facts);
          const actual = compiledRuleResults(prepared, facts);
          const first = await matchReference(prepared, facts);
          const compiledFirst = matcher(facts);
          stats.factDocuments++;
          stats.ruleComparisons += expected.flat().length;
          stats.ruleMatches += expected.flat().filter(Boolean).length;
          stats.itemComparisons += first.length;
          const same = JSON.stringify(actual) === JSON.stringify(expected) && [...first].join() === [...compiledFirst].join();
          if (!same) stats.differences++;
          expect(actual).toEqual(expected);
          expect([...compiledFirst]).toEqual([...first]);
        }
      }),
      { numRuns: RULE_RUNS, seed: SEED, endOnFailure: LONG > 0 },
    );
  }, TIMEOUT);

  it(`on random realistic snapshots: evaluate deep-equals evaluateSync (${RESULT_RUNS} snapshots)`, async () => {
    const options = fc.record(
      {
        packs: fc.subarray([...BUILTIN_PACK_IDS], { minLength: 1 }),
        staleDays: fc.integer({ min: 0, max: 400 }),
        requireEvidence: fc.boolean(),
        horizonDays: fc.integer({ min: 0, max: 400 }),
        locale: fc.constantFrom('en' as const, 'zh-CN' as const),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), options, async (seed, opts) => {
        const snapshot = generateSnapshot(createRandom(seed), seed);
        const sync = evaluateSync(snapshot, opts as EvaluateOptions);
        const reference = await evaluate(snapshot, opts as EvaluateOptions);
        stats.resultComparisons++;
        if (JSON.stringify(sync) !== JSON.stringify(reference)) stats.differences++;
        expect(sync.ok).toBe(true);
        expect(sync).toEqual(reference);
      }),
      { numRuns: RESULT_RUNS, seed: SEED, endOnFailure: LONG > 0 },
    );
  }, TIMEOUT);

  it(`on random categorical packs, per level or by rating: evaluate deep-equals evaluateSync (${Math.ceil(RESULT_RUNS / 3)} packs)`, async () => {
    const KEYS = ['Yes', 'No', 'Other', '0', '1', '2', '<0', '0..90', '>=91', '≤5', 'yes'];
    const VALUES = [fc.constantFrom('Yes', 'No', 'Other', 'yes', 'Partner', '0', '1', '2', ''), fc.integer({ min: -5, max: 200 }), fc.constant(true), fc.constant(null)];
    const item = fc.record({
      keys: fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 5 }),
      ratings: fc.array(fc.constantFrom('C', 'F', 'W'), { minLength: 5, maxLength: 5 }),
      otherwise: fc.option(fc.constantFrom('C', 'F', 'W'), { nil: undefined }),
      perLevel: fc.boolean(),
      risk: fc.boolean(),
      weights: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 6, maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 4 }), fc.array(fc.oneof(...VALUES), { minLength: 4, maxLength: 4 }), fc.boolean(), fc.boolean(), async (items, values, withModel, answered) => {
        const declared = items.map((d, i) => ({
          id: `crm.f${i}`,
          step: 1 + (i % 7),
          ...(d.risk ? { kind: 'risk' } : {}),
          from: `custom.f${i}`,
          levels: Object.fromEntries(d.keys.map((k, j) => [k, d.ratings[j]!])),
          ...(d.otherwise ? { otherwise: d.otherwise } : {}),
          ...(d.perLevel ? { weights: 'per-level' } : {}),
        }));
        const parsed = parsePack({ manifest: { id: 'crm-random', version: '1.0.0', title: { zh: 'x', en: 'x' }, docs: 'x', messages: {}, items: declared }, file: 'random.json' });
        if (!parsed.ok) throw new Error(`the generator made a pack loading rejects: ${JSON.stringify(parsed.issues)}`);
        const model: Model = { intercept: -0.5, weights: {} };
        items.forEach((d, i) => {
          const levels = Object.fromEntries([...d.keys, 'otherwise'].map((k, j) => [k, d.weights[j]!]));
          model.weights[`crm.f${i}`] = d.perLevel ? { C: 0, F: 0, redFlag: 0, levels } : { C: d.weights[0]!, F: d.weights[1]!, redFlag: -Math.abs(d.weights[2]!) };
        });
        const custom = Object.fromEntries(items.flatMap((_, i) => (values[i] === null || values[i] === '' ? [] : [[`f${i}`, values[i]]])));
        const snapshot = { id: 'R-1', custom, ...(answered ? { answers: { 'crm.f0': 'C' } } : {}) };
        const options: EvaluateOptions = { packs: [parsed.pack], asOf: '2026-11-01', detail: 'full', ...(withModel ? { model } : {}) };
        const sync = evaluateSync(snapshot, options);
        const reference = await evaluate(snapshot, options);
        stats.resultComparisons++;
        if (JSON.stringify(sync) !== JSON.stringify(reference)) stats.differences++;
        expect(sync.ok).toBe(true);
        expect(sync).toEqual(reference);
      }),
      { numRuns: Math.ceil(RESULT_RUNS / 3), seed: SEED, endOnFailure: LONG > 0 },
    );
  }, TIMEOUT);
});
