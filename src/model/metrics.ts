/**
 * Scores for probabilistic predictions of won (1) / lost (0): discrimination (AUC), accuracy
 * (Brier, log loss) and calibration (expected calibration error over reliability bins).
 * Undefined scores (no deals, or AUC with only one class) are `null`, never NaN.
 */

export interface ReliabilityBin {
  /** The bin's probability range [from, to) — the last bin includes 1. */
  from: number;
  to: number;
  deals: number;
  /** Mean predicted probability of the deals in the bin (null when empty). */
  predicted: number | null;
  /** Share of the bin's deals that were won (null when empty). */
  observed: number | null;
}

/** How well probabilities predicted outcomes (`scores`). */
export interface Scores {
  deals: number;
  won: number;
  /** Area under the ROC curve (ties count half); null unless both outcomes occur. */
  auc: number | null;
  /** Mean squared error of the probability. */
  brier: number | null;
  /** Mean negative log-likelihood (natural log), probabilities clipped to [1e-15, 1 − 1e-15]. */
  logLoss: number | null;
  /** Expected calibration error: Σ (bin deals / deals) · |predicted − observed| over the bins. */
  ece: number | null;
  bins: ReliabilityBin[];
}

export const DEFAULT_BINS = 10;
const EPS = 1e-15;

/**
 * Mann–Whitney AUC with average ranks for ties.
 * @example auc([0.1, 0.9], [0, 1]) // 1
 */
export function auc(p: readonly number[], y: readonly number[]): number | null {
  const n = p.length;
  const won = y.reduce((s, v) => s + v, 0);
  const lost = n - won;
  if (won === 0 || lost === 0) return null;
  const order = [...p.keys()].sort((a, b) => p[a]! - p[b]!);
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && p[order[j + 1]!] === p[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (y[order[k]!] === 1) rankSum += rank;
    i = j + 1;
  }
  return (rankSum - (won * (won + 1)) / 2) / (won * lost);
}

/** Equal-width reliability bins over [0, 1]. */
export function reliability(p: readonly number[], y: readonly number[], count = DEFAULT_BINS): ReliabilityBin[] {
  const sums = Array.from({ length: count }, () => ({ deals: 0, p: 0, won: 0 }));
  p.forEach((value, i) => {
    const bin = sums[Math.min(count - 1, Math.floor(value * count))]!;
    bin.deals += 1;
    bin.p += value;
    bin.won += y[i]!;
  });
  return sums.map((s, b) => ({
    from: b / count,
    to: (b + 1) / count,
    deals: s.deals,
    predicted: s.deals > 0 ? s.p / s.deals : null,
    observed: s.deals > 0 ? s.won / s.deals : null,
  }));
}

/**
 * Every score for one set of predictions.
 * @example scores([0.8, 0.3], [1, 0]).brier // 0.065
 */
export function scores(p: readonly number[], y: readonly number[], binCount = DEFAULT_BINS): Scores {
  const n = p.length;
  const bins = reliability(p, y, binCount);
  if (n === 0) return { deals: 0, won: 0, auc: null, brier: null, logLoss: null, ece: null, bins };
  let brier = 0;
  let logLoss = 0;
  p.forEach((value, i) => {
    const outcome = y[i]!;
    brier += (value - outcome) ** 2;
    const clipped = Math.min(1 - EPS, Math.max(EPS, value));
    logLoss -= outcome === 1 ? Math.log(clipped) : Math.log(1 - clipped);
  });
  const ece = bins.reduce((sum, b) => (b.deals > 0 ? sum + (b.deals / n) * Math.abs(b.predicted! - b.observed!) : sum), 0);
  return { deals: n, won: y.reduce((s, v) => s + v, 0), auc: auc(p, y), brier: brier / n, logLoss: logLoss / n, ece, bins };
}
