import { describe, expect, it } from 'vitest';
import { evaluateSync } from '../../src/evaluate.js';
import { contributions, explainProbability, interceptOf, whatIf } from '../../src/model/explain.js';
import { syntheticHistory } from '../../src/model/synthetic.js';
import type { Result } from '../../src/result.js';

const { history, truth } = syntheticHistory({ deals: 40, seed: 2, tenderShare: 0.5 });

describe('explanations', () => {
  it('contributions sum exactly to the logit, with the default prior and with a given model', () => {
    for (const deal of history) {
      for (const model of [undefined, truth]) {
        const result = evaluateSync(deal, model ? { model } : {}) as Result;
        let logit = interceptOf(model);
        for (const c of contributions(result)) logit += c.contribution;
        expect(logit).toBe(result.logit);
        expect(result.probability).toBe(1 / (1 + Math.exp(-logit)));
      }
    }
  });

  it('explain lists positive and negative contributions, largest first', () => {
    const result = evaluateSync({
      id: 'E-1',
      asOf: '2026-11-01',
      answers: { 's2.2': 'C', 's1.1': 'C', 's1.2': 'F', 's5.4': 'F' },
      evidence: [{ item: 's3.9', date: '2026-10-20', against: true, note: 'throughput below the requirement' }],
    }) as Result;
    const e = explainProbability(result, { limit: 3 });
    // Ties keep item order: s1.1 and s2.2 (★ C), then s1.2 before s5.4 (both F of a one-unit item).
    expect(e.positive.map((c) => c.item)).toEqual(['s1.1', 's2.2', 's1.2']);
    expect(e.negative.map((c) => c.item)).toEqual(['s3.9']);
    expect(e.intercept).toBeCloseTo(-2.4423, 4);
  });

  it('a decisive item against us shows as the largest negative contribution, carrying its veto', () => {
    const answers = Object.fromEntries(['s1.1', 's2.2', 's3.2', 's4.1', 's5.2'].map((id) => [id, 'C']));
    const result = evaluateSync({
      id: 'E-2',
      asOf: '2026-11-01',
      answers,
      evidence: [{ item: 's5.7', signal: 4, date: '2026-10-20', against: true, note: '董事长不帮助我们开展工作' }, { item: 's3.9', date: '2026-10-20', against: true }],
    }) as Result;
    const e = explainProbability(result, { limit: 3 });
    expect(e.negative[0]!.item).toBe('s5.7');
    expect(result.items['s5.7']!.veto).toBeLessThan(-3);
    expect(result.items['s5.7']!.contribution).toBe(result.items['s5.7']!.veto! + 0);
    expect(result.items['s3.9']!.veto).toBeUndefined();
  });

  it('what-if ranks missing items by the probability gained if confirmed', () => {
    const result = evaluateSync(history[0]!, { model: truth }) as Result;
    const ranked = whatIf(result);
    expect(ranked).toHaveLength(result.missing.length);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.gain).toBeGreaterThanOrEqual(ranked[i]!.gain);
    // The gain is what confirming the item really does.
    const top = ranked[0]!;
    const answers = { ...(history[0]!.answers as Record<string, string>), [top.item]: 'C' };
    const confirmed = evaluateSync({ ...history[0]!, answers }, { model: truth }) as Result;
    expect(confirmed.probability - result.probability).toBeCloseTo(top.gain, 12);
  });
});
