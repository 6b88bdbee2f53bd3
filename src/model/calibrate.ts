/**
 * Calibration on a team's own closed deals: a logistic regression over item ratings whose Gaussian
 * prior is centred on the current model, fitted by maximum a posteriori (see fit.ts), and its
 * stratified k-fold cross-validation against the uncalibrated model and the base rate.
 *
 * Parameters. Per fitted item, the log-odds of C and of F (W is the reference, 0); a red-flag item
 * (risk, `redFlag` or decisive) also has the log-odds of a W from facts or evidence (≤ 0), fitted as
 * `redFlag`, or as `veto` on a decisive item (one term: the two would always switch on together).
 * The intercept is the log-odds of a deal with every item W.
 * An item that reads the same fact as an earlier evaluated item (`sameFactAs`) is not fitted: it keeps
 * its current weight, so a shared fact still counts once.
 *
 * Prior (documented strength). Each item weight ~ Normal(current weight, priorSd²), default
 * priorSd = 0.5 log-odds; the intercept ~ Normal(current intercept, interceptSd²), default 2. A deal
 * near p = 0.5 carries Fisher information 0.25 about each weight its rating switches on, so the prior
 * is worth about 16 such deals per weight (1 / (0.25 · 0.5²)): an item confirmed in 8 of 20 closed
 * deals moves about a third of the way from the prior to what the data alone say, in 800 of 2,000
 * deals about 98% of the way.
 *
 * Monotone (default on): C ≥ F ≥ W = 0 ≥ against for every fitted item, so confirming evidence never
 * lowers a probability. Enforced by reparametrising (F = u, C = u + v with u, v ≥ 0; against = r ≤ 0)
 * and solving the bound-constrained problem exactly.
 *
 * Categorical features (items weighed per level, `"weights": "per-level"`): one parameter per level
 * (`otherwise` included), switched on by the deals that read that level; no level read is the
 * reference (0). The same Gaussian prior applies — each level ~ Normal(current weight, priorSd²),
 * centred on the current model's level weights, or on the weight of the rating the level table gives
 * the level where the current model weighs the item by rating — so a level seen in few deals stays
 * near the table's reading. The monotone rule does not apply: levels are categories, not an ordered
 * scale, and finding which level wins is what the fit is for (the table's ratings still drive the
 * stage and missing evidence). sameFactAs applies as for any item.
 */
import { fitMap, type BinaryDesign, type PriorBlock } from './fit.js';
import { C, F, NA, W, WA, asPrepared, type HistoryItem, type HistoryOptions, type PreparedHistory } from './history.js';
import { scores, type Scores } from './metrics.js';
import { levelContribution, levelPrior, sigmoid, type ItemWeights, type Model } from './prior.js';
import { seeded, shuffled } from './random.js';
import { MODEL_FORMAT, MODEL_VERSION, type ModelFile } from './file.js';
import type { HistoryRead, InvalidInput } from './inputs.js';

/** Options of `calibrate`: the evaluation options of the history plus the fit's priors and limits. */
export interface CalibrateOptions extends HistoryOptions {
  /** Prior standard deviation of each item weight, in log-odds. Default 0.5. */
  priorSd?: number;
  /** Prior standard deviation of the intercept, in log-odds. Default 2. */
  interceptSd?: number;
  /** Keep C ≥ F ≥ W for every item. Default true. */
  monotone?: boolean;
  /** Name written into the model file. Default "calibrated". */
  name?: string;
}

/** How many closed deals rated an item C, F and W (and, for a categorical feature, read each level). */
export interface ItemCounts {
  C: number;
  F: number;
  W: number;
  /** A categorical feature only: deals per level read, and `none` read (the reference). */
  levels?: Record<string, number>;
  none?: number;
}

/** What `calibrate` returns: the fitted model, its file, and the counts it was fitted on. */
export interface Calibration {
  model: Model;
  /** The model as a model file, with a note per item (counts, prior and fitted weights). */
  file: ModelFile;
  deals: number;
  won: number;
  lost: number;
  open: number;
  iterations: number;
  converged: boolean;
  /** How often each item was rated C, F and W (where it applies) among the closed deals. */
  counts: Record<string, ItemCounts>;
  /** Inputs left out (`skipInvalid`): where each came from, its deal id and its issues. */
  invalid: InvalidInput[];
}

const DEFAULTS = { priorSd: 0.5, interceptSd: 2, monotone: true };
/** The range of `priorSd` and `interceptSd`: below it the prior's precision overflows, above it the prior says nothing. */
export const MIN_SD = 0.001;
export const MAX_SD = 1000;

/** Where an item's parameters sit in θ, and which θ columns each rating switches on. */
interface Block {
  item: HistoryItem;
  index: number;
  first: number;
  size: number;
  /** Rows C, F (and the against term for red-flag items) of β = T θ. */
  T: number[][];
  /** θ columns set by rating W, F, C, WA (absolute indices). */
  columns: [number[], number[], number[], number[]];
  lower: number[];
  upper: number[];
}

interface Layout {
  blocks: Block[];
  parameters: number;
  monotone: boolean;
}

function layoutOf(items: readonly HistoryItem[], monotone: boolean): Layout {
  const blocks: Block[] = [];
  let next = 1; // θ[0] is the intercept
  items.forEach((item, index) => {
    if (!item.fitted) return;
    const k = next;
    let block: Omit<Block, 'item' | 'index' | 'first'>;
    if (item.levels) {
      // One parameter per level, unbounded; the deal's level picks the column (designOf).
      const size = item.levels.length;
      const identity = Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => (r === c ? 1 : 0)));
      block = { size, T: identity, columns: [[], [], [], []], lower: new Array<number>(size).fill(-Infinity), upper: new Array<number>(size).fill(Infinity) };
    } else if (!item.risk && !monotone)
      block = { size: 2, T: [[1, 0], [0, 1]], columns: [[], [k + 1], [k], []], lower: [-Infinity, -Infinity], upper: [Infinity, Infinity] };
    else if (!item.risk)
      // θ = (u, v): F = u, C = u + v
      block = { size: 2, T: [[1, 1], [1, 0]], columns: [[], [k], [k, k + 1], []], lower: [0, 0], upper: [Infinity, Infinity] };
    else if (!monotone)
      // θ = (c, f, r): r the against term (W from facts or evidence)
      block = { size: 3, T: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], columns: [[], [k + 1], [k], [k + 2]], lower: [-Infinity, -Infinity, -Infinity], upper: [Infinity, Infinity, 0] };
    // θ = (u, v, r): F = u, C = u + v, against = r
    else block = { size: 3, T: [[1, 1, 0], [1, 0, 0], [0, 0, 1]], columns: [[], [k], [k, k + 1], [k + 2]], lower: [0, 0, -Infinity], upper: [Infinity, Infinity, 0] };
    blocks.push({ item, index, first: k, ...block });
    next += block.size;
  });
  return { blocks, parameters: next, monotone };
}

/** The log-odds of a W from facts or evidence: redFlag plus veto. */
const againstOf = (w: ItemWeights): number => w.redFlag + (w.veto ?? 0);

/** A block's natural weights: C, F[, against]; a categorical feature's level weights in level order. */
function naturalOf(w: ItemWeights, item: HistoryItem): number[] {
  if (item.levels) {
    const levels = w.levels ?? levelPrior(item.levels, w);
    return item.levels.map((l) => levelContribution(levels, l.level));
  }
  return item.risk ? [w.C, w.F, againstOf(w)] : [w.C, w.F];
}

/** θ for natural weights (C, F[, against]) of a block: the inverse of T. */
function thetaOf(block: Block, natural: number[], monotone: boolean): number[] {
  const [c, f, r] = natural as [number, number, number?];
  if (!monotone || block.item.levels) return natural;
  if (!block.item.risk) return [f, c - f];
  return [f, c - f, r!];
}

function naturalFromTheta(block: Block, theta: ArrayLike<number>): ItemWeights {
  const levels = block.item.levels;
  if (levels) return { C: 0, F: 0, redFlag: 0, levels: Object.fromEntries(levels.map((l, k) => [l.level, theta[block.first + k]!])) };
  const values = block.T.map((row) => row.reduce((s, a, c) => s + a * theta[block.first + c]!, 0));
  const against = block.item.risk ? Math.min(0, values[2]!) : 0;
  // A decisive item's against term is its veto; any other item's is its red flag.
  return block.item.decisive ? { C: values[0]!, F: values[1]!, redFlag: 0, veto: against } : { C: values[0]!, F: values[1]!, redFlag: against };
}

function contributionOf(w: ItemWeights, rating: number): number {
  return rating === C ? w.C : rating === F ? w.F : rating === WA ? againstOf(w) : 0;
}

/** What an item adds to a deal of the history: by its level where the model weighs it per level, else by its rating. */
function termOf(w: ItemWeights, item: HistoryItem, rating: number, level: number): number {
  if (w.levels) return levelContribution(w.levels, level >= 0 ? item.levels?.[level]?.level : undefined);
  return contributionOf(w, rating);
}

/** The design matrix of the given deals. */
function designOf(history: PreparedHistory, layout: Layout, deals: readonly number[]): BinaryDesign {
  const byIndex = new Map(layout.blocks.map((b) => [b.index, b]));
  const fixed = history.items.map((item) => history.current.weights[item.id]!);
  const offsets = new Int32Array(deals.length + 1);
  const columns: number[] = [];
  const offset = new Float64Array(deals.length);
  const y = new Uint8Array(deals.length);
  deals.forEach((d, row) => {
    const deal = history.deals[d]!;
    y[row] = deal.won;
    columns.push(0);
    let fixedSum = 0;
    for (let i = 0; i < history.items.length; i++) {
      const rating = deal.ratings[i]!;
      if (rating === NA) continue;
      const block = byIndex.get(i);
      if (block?.item.levels) {
        if (deal.levels[i]! >= 0) columns.push(block.first + deal.levels[i]!);
      } else if (block) for (const c of block.columns[rating as 0 | 1 | 2 | 3]) columns.push(c);
      else fixedSum += termOf(fixed[i]!, history.items[i]!, rating, deal.levels[i]!);
    }
    offset[row] = fixedSum;
    offsets[row + 1] = columns.length;
  });
  return { offsets, columns: Int32Array.from(columns), y, offset };
}

interface Fitted {
  model: Model;
  theta: Float64Array;
  iterations: number;
  converged: boolean;
}

function fitOn(history: PreparedHistory, layout: Layout, deals: readonly number[], settings: typeof DEFAULTS): Fitted {
  const { current } = history;
  const weightPrecision = 1 / settings.priorSd ** 2;
  const prior: PriorBlock[] = [{ params: [0], A: [[1]], mean: [current.intercept], precision: [1 / settings.interceptSd ** 2] }];
  const start = new Float64Array(layout.parameters);
  const lower = new Float64Array(layout.parameters).fill(-Infinity);
  const upper = new Float64Array(layout.parameters).fill(Infinity);
  start[0] = current.intercept;
  for (const block of layout.blocks) {
    const mean = naturalOf(current.weights[block.item.id]!, block.item);
    const params = Array.from({ length: block.size }, (_, c) => block.first + c);
    prior.push({ params, A: block.T, mean, precision: mean.map(() => weightPrecision) });
    thetaOf(block, mean, layout.monotone).forEach((v, c) => (start[block.first + c] = v));
    block.lower.forEach((v, c) => (lower[block.first + c] = v));
    block.upper.forEach((v, c) => (upper[block.first + c] = v));
  }
  const result = fitMap({ design: designOf(history, layout, deals), parameters: layout.parameters, prior, lower, upper, start });
  const weights: Model['weights'] = {};
  const byIndex = new Map(layout.blocks.map((b) => [b.index, b]));
  history.items.forEach((item, i) => {
    const block = byIndex.get(i);
    weights[item.id] = block ? naturalFromTheta(block, result.theta) : { ...current.weights[item.id]! };
  });
  return { model: { intercept: result.theta[0]!, weights }, theta: result.theta, iterations: result.iterations, converged: result.converged };
}

function settingsOf(options: CalibrateOptions): typeof DEFAULTS {
  const settings = {
    priorSd: options.priorSd ?? DEFAULTS.priorSd,
    interceptSd: options.interceptSd ?? DEFAULTS.interceptSd,
    monotone: options.monotone ?? DEFAULTS.monotone,
  };
  for (const key of ['priorSd', 'interceptSd'] as const)
    if (!(settings[key] >= MIN_SD && settings[key] <= MAX_SD)) throw new RangeError(`calibrate: ${key} must be a number from ${MIN_SD} to ${MAX_SD} (log-odds), got ${settings[key]}`);
  return settings;
}

/** The probability a model gives each deal of a prepared history (the same as `evaluate` with it). */
export function predict(history: PreparedHistory, model: Model, deals: readonly number[] = history.deals.map((_, i) => i)): number[] {
  return deals.map((d) => {
    const deal = history.deals[d]!;
    let logit = model.intercept;
    history.items.forEach((item, i) => {
      const rating = deal.ratings[i]!;
      if (rating !== NA) logit += termOf(model.weights[item.id] ?? { C: 0, F: 0, redFlag: 0 }, item, rating, deal.levels[i]!);
    });
    return sigmoid(logit);
  });
}

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

function countsOf(history: PreparedHistory): Record<string, ItemCounts> {
  const counts: Record<string, ItemCounts> = {};
  history.items.forEach((item, i) => {
    const c: ItemCounts = { C: 0, F: 0, W: 0 };
    if (item.levels) {
      c.levels = Object.fromEntries(item.levels.map((l) => [l.level, 0]));
      c.none = 0;
    }
    for (const deal of history.deals) {
      const r = deal.ratings[i]!;
      if (r === C) c.C++;
      else if (r === F) c.F++;
      else if (r === W || r === WA) c.W++;
      if (item.levels && r !== NA) {
        const k = deal.levels[i]!;
        if (k >= 0) c.levels![item.levels[k]!.level]! += 1;
        else c.none! += 1;
      }
    }
    counts[item.id] = c;
  });
  return counts;
}

/** Writes a model over the history's items as a model file, grouped per pack. */
export function modelFileOf(
  model: Model,
  items: readonly Pick<HistoryItem, 'id' | 'pack' | 'packVersion'>[],
  meta: Pick<ModelFile, 'name'> & Partial<Omit<ModelFile, 'packs' | 'intercept' | 'format' | 'version'>>,
  notes: Record<string, string> = {},
): ModelFile {
  const packs: ModelFile['packs'] = {};
  for (const item of items) {
    const pack = (packs[item.pack] ??= { version: item.packVersion, items: {} });
    const w = model.weights[item.id] ?? { C: 0, F: 0, redFlag: 0 };
    const note = notes[item.id] ? { note: notes[item.id]! } : {};
    pack.items[item.id] = w.levels
      ? { levels: { ...w.levels }, ...note }
      : { C: w.C, F: w.F, redFlag: w.redFlag, ...(w.veto !== undefined ? { veto: w.veto } : {}), ...note };
  }
  const { name, ...rest } = meta;
  return { format: MODEL_FORMAT, version: MODEL_VERSION, name, ...rest, intercept: model.intercept, packs } as ModelFile;
}

/**
 * Fits the model to the closed deals of a history (open ones ignored). With no closed deals the
 * result is the current model. The history is snapshots, what `readHistory` read from CRM tables, or
 * a `prepareHistory` result.
 * @throws HistoryError when an input cannot be used and `skipInvalid` is not set (see `HistoryOptions.skipInvalid`)
 * @example calibrate(snapshots, { packs: ['bant'], asOf: '2026-11-01' }).model
 * @example calibrate(readHistory([{ table, file: 'export.csv' }], { packs: [pack], mapping }), { packs: [pack], skipInvalid: true }).invalid
 */
export function calibrate(history: readonly unknown[] | HistoryRead | PreparedHistory, options: CalibrateOptions = {}): Calibration {
  const prepared = asPrepared(history, options);
  const settings = settingsOf(options);
  const layout = layoutOf(prepared.items, settings.monotone);
  const fitted = fitOn(prepared, layout, prepared.deals.map((_, i) => i), settings);
  const won = prepared.deals.reduce((s, d) => s + d.won, 0);
  const counts = countsOf(prepared);
  const notes: Record<string, string> = {};
  for (const item of prepared.items) {
    const c = counts[item.id]!;
    const before = prepared.current.weights[item.id]!;
    const after = fitted.model.weights[item.id]!;
    const fmt = (w: ItemWeights) =>
      item.levels
        ? item.levels.map((l) => `${l.level} ${round(levelContribution(w.levels ?? levelPrior(item.levels!, w), l.level), 3)}`).join(', ')
        : `C ${round(w.C, 3)}, F ${round(w.F, 3)}${item.risk ? `, redFlag ${round(w.redFlag, 3)}` : ''}${w.veto !== undefined ? `, veto ${round(w.veto, 3)}` : ''}`;
    const seen = c.levels
      ? `read ${Object.entries(c.levels).map(([level, n]) => `${level} ${n}`).join(', ')}, no level ${c.none} times (the reference, 0)`
      : `rated C ${c.C}, F ${c.F}, W ${c.W} times`;
    notes[item.id] = item.fitted
      ? `${seen} in ${prepared.deals.length} closed deals; prior ${fmt(before)} → fitted ${fmt(after)}`
      : `reads the same fact as an earlier item: not fitted, keeps ${fmt(before)} so the fact counts once`;
  }
  const file = modelFileOf(
    fitted.model,
    prepared.items,
    {
      name: options.name ?? 'calibrated',
      description: `Calibrated on ${prepared.deals.length} closed deals (${won} won, ${prepared.deals.length - won} lost) by MAP logistic regression, prior centred on ${prepared.currentName}.`,
      interceptNote: `log-odds of a deal with every item W; prior ${round(prepared.current.intercept, 3)} → fitted ${round(fitted.model.intercept, 3)}`,
      calibration: {
        deals: prepared.deals.length,
        won,
        lost: prepared.deals.length - won,
        ...settings,
        iterations: fitted.iterations,
        converged: fitted.converged,
        prior: prepared.currentName,
      },
    },
    notes,
  );
  return {
    model: fitted.model,
    file,
    deals: prepared.deals.length,
    won,
    lost: prepared.deals.length - won,
    open: prepared.open,
    iterations: fitted.iterations,
    converged: fitted.converged,
    counts,
    invalid: prepared.invalid,
  };
}

/** The scores of a model on a set of deals (AUC, Brier score, log loss, calibration error). */
export type ScoreSummary = Omit<Scores, 'deals' | 'won'>;

/** The scores of one cross-validation fold, with the uncalibrated model's as `baseline`. */
export interface FoldReport extends ScoreSummary {
  fold: number;
  deals: number;
  won: number;
  baseline: ScoreSummary;
  baseRate: ScoreSummary & { rate: number };
}

/** What `crossValidate` returns: held-out scores over all folds, the baseline's, and each fold's. */
export interface CrossValidationReport extends ScoreSummary {
  /** Closed deals used (won + lost). */
  deals: number;
  won: number;
  lost: number;
  /** Open snapshots in the history, ignored. */
  open: number;
  /** Share of closed deals won. */
  winRate: number | null;
  /** The uncalibrated current model, scored on the same held-out deals. */
  baseline: ScoreSummary;
  /** Every deal predicted at its training folds' win rate (smoothed: (won + ½) / (deals + 1)). */
  baseRate: ScoreSummary;
  folds: FoldReport[];
  settings: { folds: number; seed: number; priorSd: number; interceptSd: number; monotone: boolean };
  /** With `predictions: true`: per scored deal (in history order) the outcome and its held-out predictions. */
  predictions?: { won: number[]; calibrated: number[]; baseline: number[] };
}

/** Options of `crossValidate`: those of `calibrate` plus the number of folds and their seed. */
export interface CrossValidateOptions extends CalibrateOptions {
  /** Number of folds. Default 10; fewer when there are fewer closed deals. */
  folds?: number;
  /** Seed of the fold assignment. Default 1. */
  seed?: number;
  /** Also return each scored deal's held-out predictions (reliability diagrams, ROC curves). */
  predictions?: boolean;
}

const summary = ({ deals: _d, won: _w, ...rest }: Scores): ScoreSummary => rest;

/**
 * Stratified fold assignment: deals taken in id order (so input order does not matter), won and lost
 * shuffled separately with the seed, then dealt round-robin, lost deals continuing where won ones end.
 */
export function stratifiedFolds(deals: readonly { id: string; won: 0 | 1 }[], folds: number, seed: number): number[] {
  const random = seeded(seed);
  const order = [...deals.keys()].sort((a, b) => (deals[a]!.id < deals[b]!.id ? -1 : deals[a]!.id > deals[b]!.id ? 1 : a - b));
  const fold = new Array<number>(deals.length).fill(0);
  let position = 0;
  for (const outcome of [1, 0])
    for (const d of shuffled(
      order.filter((i) => deals[i]!.won === outcome),
      random,
    ))
      fold[d] = position++ % folds;
  return fold;
}

/**
 * Stratified k-fold cross-validation of calibration: each fold is predicted by a model calibrated
 * on the others, by the uncalibrated current model and by the base rate; scores per fold and pooled.
 * @example crossValidate(snapshots, { folds: 10, seed: 1 }).auc
 */
export function crossValidate(history: readonly unknown[] | HistoryRead | PreparedHistory, options: CrossValidateOptions = {}): CrossValidationReport {
  return crossValidation(asPrepared(history, options), options).report;
}

/** One deal's held-out prediction: the probability a model fitted without its fold gives it. */
export interface HeldOutPrediction {
  id: string;
  /** The repetition (1-based) and fold (1-based) the deal was held out in. */
  repeat: number;
  fold: number;
  outcome: 'won' | 'lost';
  /** The calibrated model's held-out probability. */
  probability: number;
  /** The uncalibrated (current) model's probability. */
  uncalibrated: number;
}

/** The four headline scores of a cross-validation: AUC, Brier, log loss, ECE. */
export type Headline = Pick<ScoreSummary, 'auc' | 'brier' | 'logLoss' | 'ece'>;
const HEADLINE = ['auc', 'brier', 'logLoss', 'ece'] as const;

/** Repeated cross-validation (`calibrate --repeat N`): each repetition's scores and their spread. */
export interface RepeatedCrossValidation {
  /** The first repetition's full report (seed `seed`). */
  report: CrossValidationReport;
  /** Each repetition's pooled held-out scores and seed. */
  repeats: (Headline & { seed: number })[];
  /** Mean, sample standard deviation, min and max of each score over the repetitions (null where a score is undefined). */
  mean: Headline;
  sd: Headline;
  min: Headline;
  max: Headline;
  /** Every deal's held-out prediction in every repetition (repetition, then deal id order). */
  predictions: HeldOutPrediction[];
}

/**
 * Repeated stratified k-fold cross-validation: `repeat` runs with seeds `seed`, `seed + 1`, …, each
 * a fresh fold assignment; the mean and spread of the held-out scores, and every held-out prediction
 * (for an analyst to recompute the scores).
 * @example repeatedCrossValidate(snapshots, { repeat: 5, folds: 10 }).mean.auc
 */
export function repeatedCrossValidate(history: readonly unknown[] | HistoryRead | PreparedHistory, options: CrossValidateOptions & { repeat?: number } = {}): RepeatedCrossValidation {
  const prepared = asPrepared(history, options);
  const repeat = options.repeat ?? 1;
  if (!Number.isInteger(repeat) || repeat < 1) throw new RangeError(`repeatedCrossValidate: repeat must be an integer ≥ 1, got ${repeat}`);
  const seed = options.seed ?? 1;
  const runs = Array.from({ length: repeat }, (_, r) => crossValidation(prepared, { ...options, seed: seed + r }, r + 1));
  const repeats = runs.map(({ report }) => ({ seed: report.settings.seed, auc: report.auc, brier: report.brier, logLoss: report.logLoss, ece: report.ece }));
  const stat = (f: (values: number[]) => number): Headline => {
    const out = {} as Headline;
    for (const key of HEADLINE) {
      const values = repeats.map((r) => r[key]);
      out[key] = values.some((v) => v === null) || values.length === 0 ? null : f(values as number[]);
    }
    return out;
  };
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const sd = (v: number[]) => (v.length < 2 ? 0 : Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1)));
  return {
    report: runs[0]!.report,
    repeats,
    mean: stat(mean),
    sd: stat(sd),
    min: stat((v) => Math.min(...v)),
    max: stat((v) => Math.max(...v)),
    predictions: runs.flatMap((r) => r.predictions),
  };
}

function crossValidation(prepared: PreparedHistory, options: CrossValidateOptions, repeat = 1): { report: CrossValidationReport; predictions: HeldOutPrediction[] } {
  const settings = settingsOf(options);
  const requested = options.folds ?? 10;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(requested) || requested < 2) throw new RangeError(`crossValidate: folds must be an integer ≥ 2, got ${requested}`);
  const n = prepared.deals.length;
  const k = Math.max(1, Math.min(requested, n));
  const layout = layoutOf(prepared.items, settings.monotone);
  const assignment = stratifiedFolds(prepared.deals, k, seed);
  const y = prepared.deals.map((d) => d.won as number);
  const pooled = { calibrated: new Array<number>(n), baseline: new Array<number>(n), baseRate: new Array<number>(n) };
  const folds: FoldReport[] = [];
  for (let f = 0; f < k && n >= 2; f++) {
    const test = assignment.flatMap((a, i) => (a === f ? [i] : []));
    const train = assignment.flatMap((a, i) => (a !== f ? [i] : []));
    if (test.length === 0) continue;
    const fitted = fitOn(prepared, layout, train, settings);
    const calibrated = predict(prepared, fitted.model, test);
    const trainWon = train.reduce((s, i) => s + y[i]!, 0);
    const rate = (trainWon + 0.5) / (train.length + 1);
    const testY = test.map((i) => y[i]!);
    const baseline = test.map((i) => prepared.deals[i]!.baseline);
    const baseRate = test.map(() => rate);
    test.forEach((i, j) => {
      pooled.calibrated[i] = calibrated[j]!;
      pooled.baseline[i] = baseline[j]!;
      pooled.baseRate[i] = rate;
    });
    const s = scores(calibrated, testY);
    folds.push({
      fold: f + 1,
      deals: s.deals,
      won: s.won,
      ...summary(s),
      baseline: summary(scores(baseline, testY)),
      baseRate: { rate, ...summary(scores(baseRate, testY)) },
    });
  }
  // With fewer than two closed deals there is nothing to hold out: nothing is scored.
  const scored = n >= 2 ? [...Array(n).keys()] : [];
  const pick = (p: number[]) => scored.map((i) => p[i]!);
  const yScored = pick(y);
  const won = y.reduce((s, v) => s + v, 0);
  const foldOf = new Map<number, number>();
  assignment.forEach((a, i) => foldOf.set(i, a + 1));
  const predictions: HeldOutPrediction[] = scored.map((i) => ({
    id: prepared.deals[i]!.id,
    repeat,
    fold: foldOf.get(i)!,
    outcome: y[i] === 1 ? 'won' : 'lost',
    probability: pooled.calibrated[i]!,
    uncalibrated: pooled.baseline[i]!,
  }));
  const report: CrossValidationReport = {
    ...summary(scores(pick(pooled.calibrated), yScored)),
    deals: n,
    won,
    lost: n - won,
    open: prepared.open,
    winRate: n > 0 ? won / n : null,
    baseline: summary(scores(pick(pooled.baseline), yScored)),
    baseRate: summary(scores(pick(pooled.baseRate), yScored)),
    folds,
    settings: { folds: k, seed, ...settings },
    ...(options.predictions ? { predictions: { won: yScored, calibrated: pick(pooled.calibrated), baseline: pick(pooled.baseline) } } : {}),
  };
  return { report, predictions };
}
