/**
 * Synthetic deal histories drawn from a known logistic model over item ratings, for tests, the
 * bench and demonstrations. Deterministic for a seed.
 *
 * Each deal has a hidden "progress" z ~ U(0, 1); each item has an ease e (a few items are rare: almost
 * never confirmed). An item is C with probability min(0.95, 0.05 + 0.85·z·e), else F with probability
 * 0.3, else W — so ratings are correlated, as in real pipelines. The seller's answers carry the
 * ratings; the outcome is won with the true model's probability for the ratings the evaluator reads.
 */
import { evaluateSync, type EvaluateOptions } from '../evaluate.js';
import type { SnapshotInput } from '../snapshot/schema.js';
import { countedItems, type Model } from './prior.js';
import { packsInUse } from './packs.js';
import { seeded } from './random.js';

/** Options of `syntheticHistory`: how many deals, the seed, the packs and the true model. */
export interface SyntheticOptions {
  deals: number;
  seed: number;
  packs?: EvaluateOptions['packs'];
  /** The true model; default: drawn from the seed (positive, monotone, ★ items stronger). */
  truth?: Model;
  /** Share of deals left open (they carry no outcome the calibration may use). Default 0. */
  openShare?: number;
  /** Share of deals whose buyer runs a tender (seven-step step 6 applies). Default 0.3. */
  tenderShare?: number;
  /** Evaluation date written into every snapshot. Default 2026-06-30. */
  asOf?: string;
  /** The won share the default truth's intercept aims at. Default 0.35. */
  winRate?: number;
}

/** A generated won/lost history with the true model behind it (for testing calibration). */
export interface SyntheticHistory {
  history: SnapshotInput[];
  truth: Model;
  /** The true model's probability for each snapshot. */
  probabilities: number[];
}

const RARE = 0.05;

/**
 * @example syntheticHistory({ deals: 500, seed: 7 }).history.length // 500
 */
export function syntheticHistory(options: SyntheticOptions): SyntheticHistory {
  const random = seeded(options.seed);
  const packs = packsInUse(options);
  const items = packs.flatMap((p) => p.items);
  const counted = countedItems(items);
  const asOf = options.asOf ?? '2026-06-30';
  const ease = new Map(items.map((item, i) => [item.id, i % 11 === 5 ? RARE : 0.5 + 0.7 * random.next()]));
  let truth = options.truth;
  if (!truth) {
    const weights: Model['weights'] = {};
    for (const item of items) {
      if (!counted.has(item.id)) {
        weights[item.id] = { C: 0, F: 0, redFlag: 0 };
        continue;
      }
      const c = (item.star ? 0.3 : 0.1) + 0.4 * random.next();
      const F = c * (0.2 + 0.5 * random.next());
      const against = item.kind === 'risk' ? -(0.4 + 0.6 * random.next()) : 0;
      // A decisive risk item's against term is its veto (calibration fits it as such).
      weights[item.id] = item.decisive ? { C: c, F, redFlag: 0, veto: against } : { C: c, F, redFlag: against };
    }
    truth = { intercept: 0, weights };
  }
  const snapshots: SnapshotInput[] = [];
  const logits: number[] = [];
  const width = String(options.deals).length;
  for (let d = 0; d < options.deals; d++) {
    const z = random.next();
    const answers: Record<string, 'C' | 'F' | 'W'> = {};
    for (const item of items) {
      const pc = Math.min(0.95, 0.05 + 0.85 * z * ease.get(item.id)!);
      const u = random.next();
      answers[item.id] = u < pc ? 'C' : u < pc + 0.3 * (1 - pc) ? 'F' : 'W';
    }
    // In every other deal a risk item answered W is a red flag shown by evidence against us; elsewhere the
    // W answer alone reads as unknown (weight 0), so both kinds of W occur and every term can be fitted.
    const against = d % 2 === 1 ? [] : items.filter((item) => item.kind === 'risk' && answers[item.id] === 'W').map((item) => ({ item: item.id, date: asOf, against: true }));
    const snapshot: SnapshotInput = {
      id: `S-${String(d + 1).padStart(width, '0')}`,
      asOf,
      procurement: { tender: random.next() < (options.tenderShare ?? 0.3) },
      answers,
      ...(against.length > 0 ? { evidence: against } : {}),
    };
    const result = evaluateSync(snapshot, { packs, model: truth });
    if (!result.ok) throw new Error(`synthetic snapshot ${snapshot.id} is invalid: ${JSON.stringify(result.issues)}`);
    snapshots.push(snapshot);
    logits.push(result.logit);
  }
  if (!options.truth) {
    // Aim the intercept at the requested win rate: the median deal sits at it.
    const sorted = [...logits].sort((a, b) => a - b);
    const median = sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)]! : 0;
    const rate = options.winRate ?? 0.35;
    const shift = Math.log(rate / (1 - rate)) - median;
    truth = { ...truth, intercept: truth.intercept + shift };
    for (let i = 0; i < logits.length; i++) logits[i] = logits[i]! + shift;
  }
  const probabilities = logits.map((l) => 1 / (1 + Math.exp(-l)));
  const openShare = options.openShare ?? 0;
  const history = snapshots.map((s, i) => ({
    ...s,
    outcome: random.next() < openShare ? ('open' as const) : random.next() < probabilities[i]! ? ('won' as const) : ('lost' as const),
  }));
  return { history, truth, probabilities };
}
