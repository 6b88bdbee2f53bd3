import { describe, expect, it } from 'vitest';
import { evaluateSync, type EvaluateOptions } from '../../src/evaluate.js';
import { listItems } from '../../src/packs/items.js';
import type { DefaultPackId } from '../../src/packs/builtin.js';
import type { Result } from '../../src/result.js';

const AS_OF = '2026-11-01';
const PACK_SETS: DefaultPackId[][] = [['sangfor-7step'], ['man'], ['bant'], ['man', 'bant'], ['sangfor-7step', 'man', 'bant']];

function run(answers: Record<string, 'C' | 'F' | 'W'>, options: EvaluateOptions = {}, deal: Record<string, unknown> = {}): Result {
  const result = evaluateSync({ id: 'P-1', asOf: AS_OF, answers, ...deal }, options);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}
const idsOf = (packs: DefaultPackId[]) => packs.flatMap((p) => listItems(p).map((i) => i.id));
const all = (ids: string[], rating: 'C' | 'F' | 'W') => Object.fromEntries(ids.map((id) => [id, rating]));

describe.each(PACK_SETS.map((packs) => [packs.join('+'), packs] as const))('probability with %s', (_, packs) => {
  const ids = idsOf(packs);
  for (const deal of [{}, { customer: { segment: 'government' } }]) {
    const label = 'customer' in deal ? 'tender buyer' : 'enterprise';
    it(`${label}: every item C except one F gives ≥ 0.60 (seed 003: 8C 1F 0W), for every choice of the F`, () => {
      for (const id of ids) expect(run({ ...all(ids, 'C'), [id]: 'F' }, { packs }, deal).probability, id).toBeGreaterThanOrEqual(0.6);
    });
    it(`${label}: every item W gives ≤ 0.15, and so does knowing nothing`, () => {
      expect(run(all(ids, 'W'), { packs }, deal).probability).toBeLessThanOrEqual(0.15);
      expect(run({}, { packs }, deal).probability).toBeLessThanOrEqual(0.15);
    });
  }
  it('turning any item from W to F to C never lowers the probability', () => {
    const bases = [all(ids, 'W'), all(ids, 'C'), Object.fromEntries(ids.map((id, i) => [id, (['C', 'F', 'W'] as const)[i % 3]!]))];
    for (const base of bases)
      for (const id of ids) {
        const [w, f, c] = (['W', 'F', 'C'] as const).map((r) => run({ ...base, [id]: r }, { packs }).probability);
        expect(f, `${id} F ≥ W`).toBeGreaterThanOrEqual(w!);
        expect(c, `${id} C ≥ F`).toBeGreaterThanOrEqual(f!);
      }
  });
  it('contributions sum to the logit and the probability is its logistic', () => {
    const result = run(Object.fromEntries(ids.map((id, i) => [id, (['C', 'F', 'W'] as const)[i % 3]!])), { packs });
    const sum = Object.values(result.items).reduce((total, item) => total + item.contribution, result.intercept);
    expect(sum).toBeCloseTo(result.logit, 12);
    expect(result.intercept).toBeLessThan(0);
    expect(result.probability).toBeCloseTo(1 / (1 + Math.exp(-result.logit)), 12);
  });
});

describe('probability: explanation', () => {
  it('★ items weigh more than other items', () => {
    const result = run(all(idsOf(['sangfor-7step']), 'C'), { packs: ['sangfor-7step'] });
    expect(result.items['s1.1']!.contribution).toBeGreaterThan(result.items['s1.2']!.contribution);
  });
  it('a red-flag item W from facts or evidence pulls the probability down; W because nothing is known, or a W answer, does not', () => {
    const ids = idsOf(['sangfor-7step']);
    const base = run({ ...all(ids, 'C'), 's1.2': 'W' }, { packs: ['sangfor-7step'] });
    const { 's3.9': _, ...without }: Record<string, 'C' | 'F' | 'W'> = { ...all(ids, 'C'), 's1.2': 'W' };
    const answeredW = run({ ...without, 's3.9': 'W' }, { packs: ['sangfor-7step'] });
    const unknown = run(without, { packs: ['sangfor-7step'] });
    const flagged = run(without, { packs: ['sangfor-7step'] }, { technical: { concerns: [{ text: 'HA failover', blocking: true }] } });
    expect(answeredW.items['s3.9']!.contribution).toBe(0);
    expect(unknown.items['s3.9']!.contribution).toBe(0);
    expect(flagged.items['s3.9']!.contribution).toBeLessThan(0);
    expect(flagged.probability).toBeLessThan(base.probability - 0.01);
    expect(answeredW.findings.some((f) => f.code === 'red-flag')).toBe(false);
    expect(flagged.findings.map((f) => `${f.code} ${f.items[0]}`)).toContain('red-flag s3.9');
  });
  it('MAN and BANT add nothing the seven-step pack already counts', () => {
    const ids = idsOf(['sangfor-7step', 'man', 'bant']);
    const seven = run(all(idsOf(['sangfor-7step']), 'C'), { packs: ['sangfor-7step'] });
    const everything = run(all(ids, 'C'));
    expect(everything.probability).toBeCloseTo(seven.probability, 12);
    expect(everything.items['man.money']!.contribution).toBe(0);
  });
  it('missing items carry the probability gained by confirming them', () => {
    const result = run({ 's1.1': 'C' }, { packs: ['sangfor-7step'] });
    const s13 = result.missing.find((m) => m.item === 's1.3')!;
    const confirmed = run({ 's1.1': 'C', 's1.3': 'C' }, { packs: ['sangfor-7step'] });
    expect(s13.gain).toBeCloseTo(confirmed.probability - result.probability, 12);
  });
});
