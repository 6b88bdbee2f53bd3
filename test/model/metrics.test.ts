import { describe, expect, it } from 'vitest';
import { auc, reliability, scores } from '../../src/model/metrics.js';
import { seeded, shuffled } from '../../src/model/random.js';

describe('metrics', () => {
  it('AUC counts ties half and is null with one class', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(auc([0.2, 0.9], [1, 1])).toBeNull();
  });

  it('Brier, log loss and ECE by hand', () => {
    const s = scores([0.8, 0.3], [1, 0]);
    expect(s.brier).toBeCloseTo((0.04 + 0.09) / 2, 15);
    expect(s.logLoss).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 15);
    // Bins [0.8, 0.9): predicted 0.8, observed 1; [0.3, 0.4): predicted 0.3, observed 0.
    expect(s.ece).toBeCloseTo(0.5 * 0.2 + 0.5 * 0.3, 15);
    expect(s.bins.filter((b) => b.deals > 0).map((b) => [b.from, b.deals])).toEqual([
      [0.3, 1],
      [0.8, 1],
    ]);
  });

  it('probability 1 falls in the last bin; no deals give nulls, not NaN', () => {
    expect(reliability([1], [1]).at(-1)!.deals).toBe(1);
    expect(scores([], [])).toMatchObject({ auc: null, brier: null, logLoss: null, ece: null });
  });

  it('a well-calibrated forecaster has small ECE', () => {
    const random = seeded(5);
    const p = Array.from({ length: 20_000 }, () => random.next());
    const y = p.map((v) => (random.next() < v ? 1 : 0));
    expect(scores(p, y).ece!).toBeLessThan(0.02);
  });

  it('the seeded generator and shuffle are reproducible', () => {
    expect(shuffled([1, 2, 3, 4, 5], seeded(3))).toEqual(shuffled([1, 2, 3, 4, 5], seeded(3)));
    expect(seeded(1).next()).toBe(seeded(1).next());
  });
});
