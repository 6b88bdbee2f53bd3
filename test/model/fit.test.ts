import { describe, expect, it } from 'vitest';
import { fitMap, solveSpd, type BinaryDesign, type PriorBlock } from '../../src/model/fit.js';
import { seeded } from '../../src/model/random.js';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Rows with an intercept column 0 and each of `features` columns on with its probability. */
function simulate(n: number, truth: number[], on: number[], seed: number): BinaryDesign {
  const random = seeded(seed);
  const offsets = new Int32Array(n + 1);
  const columns: number[] = [];
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let eta = truth[0]!;
    columns.push(0);
    on.forEach((share, j) => {
      if (random.next() < share) {
        columns.push(j + 1);
        eta += truth[j + 1]!;
      }
    });
    y[i] = random.next() < sigmoid(eta) ? 1 : 0;
    offsets[i + 1] = columns.length;
  }
  return { offsets, columns: Int32Array.from(columns), y };
}

const ridge = (p: number, precision: number, mean = 0): PriorBlock[] =>
  Array.from({ length: p }, (_, j) => ({ params: [j], A: [[1]], mean: [mean], precision: [precision] }));

const unbounded = (p: number) => ({ lower: new Float64Array(p).fill(-Infinity), upper: new Float64Array(p).fill(Infinity), start: new Float64Array(p) });

describe('fitMap', () => {
  it('recovers the true coefficients of a large sample under a weak prior', () => {
    const truth = [-1, 1.2, -0.8, 0.5, 0];
    const design = simulate(40_000, truth, [0.5, 0.3, 0.6, 0.4], 7);
    const fit = fitMap({ design, parameters: 5, prior: ridge(5, 1e-4), ...unbounded(5) });
    expect(fit.converged).toBe(true);
    fit.theta.forEach((v, j) => expect(Math.abs(v - truth[j]!)).toBeLessThan(0.08));
  });

  it('stays finite under complete separation (the prior bounds it)', () => {
    // Feature 1 on ⇔ won, 20 deals of each.
    const rows = [...Array.from({ length: 20 }, () => [0, 1]), ...Array.from({ length: 20 }, () => [0])];
    const offsets = Int32Array.from([0, ...rows.map((_, i) => rows.slice(0, i + 1).flat().length)]);
    const columns = Int32Array.from(rows.flat());
    const y = Uint8Array.from(rows.map((r) => (r.length === 2 ? 1 : 0)));
    const fit = fitMap({ design: { offsets, columns, y }, parameters: 2, prior: ridge(2, 1), ...unbounded(2) });
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.theta[1]!)).toBe(true);
    expect(fit.theta[1]!).toBeGreaterThan(2);
    expect(fit.theta[1]!).toBeLessThan(10);
  });

  it('returns the prior mean with no data', () => {
    const design: BinaryDesign = { offsets: Int32Array.from([0]), columns: new Int32Array(0), y: new Uint8Array(0) };
    const prior = ridge(3, 4, 0.7);
    const fit = fitMap({ design, parameters: 3, prior, ...unbounded(3) });
    fit.theta.forEach((v) => expect(v).toBeCloseTo(0.7, 12));
  });

  it('respects bounds: a negative effect held at 0 by a lower bound', () => {
    const truth = [0, -1.5];
    const design = simulate(5_000, truth, [0.5], 3);
    const lower = Float64Array.from([-Infinity, 0]);
    const upper = Float64Array.from([Infinity, Infinity]);
    const fit = fitMap({ design, parameters: 2, prior: ridge(2, 1e-3), lower, upper, start: new Float64Array(2) });
    expect(fit.converged).toBe(true);
    expect(fit.theta[1]).toBe(0);
    const free = fitMap({ design, parameters: 2, prior: ridge(2, 1e-3), ...unbounded(2) });
    expect(free.theta[1]!).toBeLessThan(-1.2);
  });

  it('is deterministic to the bit', () => {
    const design = simulate(2_000, [0.2, 0.7, -0.4], [0.5, 0.5], 11);
    const a = fitMap({ design, parameters: 3, prior: ridge(3, 1), ...unbounded(3) });
    const b = fitMap({ design, parameters: 3, prior: ridge(3, 1), ...unbounded(3) });
    expect([...a.theta]).toEqual([...b.theta]);
  });
});

describe('solveSpd', () => {
  it('solves a positive definite system', () => {
    const x = solveSpd(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2);
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0, 12);
  });
});
