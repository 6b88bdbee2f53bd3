/**
 * A deal history made ready for calibration: every snapshot evaluated once with the packs in use,
 * closed deals (won/lost) kept as item ratings in id order, open ones counted and set aside, invalid ones kept
 * with their issues. The ratings are exactly what the evaluator's probability reads, so a model fitted
 * on them gives the same logit in `evaluate` as in the fit.
 */
import { SEVEN_STEP } from '../core/assemble.js';
import { evaluateSync, type EvaluateOptions } from '../evaluate.js';
import type { Item, Pack } from '../packs/schema.js';
import { HistoryError, type HistoryRead, type InputIssue, type InputSource, type InvalidInput } from './inputs.js';
import { packsInUse } from './packs.js';
import type { Result } from '../result.js';
import type { Rating } from '../snapshot/schema.js';
import { observedAgainst } from '../engine/rate.js';
import { countedItems, isRedFlagItem, priorModel, type Model } from './prior.js';

/** Options of `prepareHistory`: how the history's snapshots are evaluated, and the current model. */
export interface HistoryOptions extends Omit<EvaluateOptions, 'model'> {
  /** The current model: the prior's centre and the uncalibrated baseline. Default: the method-based prior. */
  model?: Model;
  /** How to name the current model in reports and notes. */
  modelName?: string;
  /**
   * What to do with inputs that cannot be used — a row whose cells cannot be read, a snapshot that
   * fails validation. false (default): refuse the history, throwing a `HistoryError` that lists every
   * one as data (the CLI's exit 2). true: leave them out, list them in `invalid` (source, deal id,
   * field path, column, expected) and go on with the rest (`dealqual calibrate --skip-invalid`).
   * Header and mapping problems (`HistoryRead.columns`) are refused either way.
   */
  skipInvalid?: boolean;
}

/** An item as the history sees it: its pack, version, star and prior weights. */
export interface HistoryItem {
  id: string;
  pack: string;
  packVersion: string;
  star: boolean;
  /** The item has a term for W from facts or evidence (risk, red-flag or decisive item): fitted as `redFlag`, or `veto` when decisive. */
  risk: boolean;
  decisive: boolean;
  /** False for an item that reads the same fact as an earlier evaluated item: it keeps the current weight. */
  fitted: boolean;
  /**
   * An item weighed per level (a categorical feature): its levels in table order, each with the
   * rating the table gives it (the prior's centre when the current model weighs the item by rating).
   */
  levels?: { level: string; rating: Rating }[];
}

/** Rating codes per item: NA (the item does not apply to the deal), W, F, C, and WA: W from facts or evidence (against us). */
export const NA = -1;
export const W = 0;
export const F = 1;
export const C = 2;
export const WA = 3;

/** A closed deal of the history: its outcome and its item ratings, packed. */
export interface HistoryDeal {
  id: string;
  won: 0 | 1;
  /** Per history item, NA / W / F / C / WA. */
  ratings: Int8Array;
  /** Per history item weighed per level, the index (in `HistoryItem.levels`) of the level read; -1: none read, or not such an item. */
  levels: Int16Array;
  /** The current model's probability for the deal, as `evaluate` gives it. */
  baseline: number;
  /** Position in the history (0-based). */
  index: number;
}

/** A history input that could not be used (`PreparedHistory.invalid`): its position, source, deal id and issues. */
export type InvalidDeal = InvalidInput;

/** A history evaluated once (`prepareHistory`), ready for `calibrate` and `crossValidate` to fit and score. */
export interface PreparedHistory {
  kind: 'prepared-history';
  items: HistoryItem[];
  deals: HistoryDeal[];
  /** Snapshots with outcome open (or none): not used. */
  open: number;
  /** Inputs left out (`skipInvalid`): rows that could not be read, snapshots that failed validation; in input order. */
  invalid: InvalidDeal[];
  /** The current model, covering every history item. */
  current: Model;
  currentName: string;
}


/** Whether an item counts for this deal: seven-step step 6 only where the buyer runs a tender. */
export function itemApplies(result: Result, item: Pick<HistoryItem, 'pack'> & { step: number }): boolean {
  if (item.pack !== SEVEN_STEP) return true;
  return result.stage.steps.find((s) => s.step === item.step)?.applies ?? true;
}

const CODE = { W, F, C } as const;

/**
 * Evaluates every snapshot of a history once. The history is an array of snapshots, or what
 * `readHistory` read from CRM tables (then the prior spreads over the items its columns feed).
 * @throws HistoryError when an input cannot be used and `skipInvalid` is not set, or a column cannot be read
 * @example prepareHistory(snapshots, { packs: ['sangfor-7step'], asOf: '2026-11-01' }).deals.length
 * @example prepareHistory(readHistory([{ table, file: 'export.csv' }], { packs, mapping }), { packs, skipInvalid: true }).invalid
 */
export function prepareHistory(input: readonly unknown[] | HistoryRead, options: HistoryOptions = {}): PreparedHistory {
  const read = isRead(input) ? input : undefined;
  const history = read ? read.snapshots : (input as readonly unknown[]);
  const sourceOf = (i: number): { index: number; source: InputSource } => read?.origins[i] ?? { index: i, source: { at: `[${i}]` } };
  if (read && read.columns.length > 0) throw new HistoryError(read.invalid, read.columns);
  const packs = packsInUse(options);
  const packItems: { item: Item; pack: Pack }[] = packs.flatMap((pack) => pack.items.map((item) => ({ item, pack })));
  const counted = countedItems(packItems.map((p) => p.item));
  const items: HistoryItem[] = packItems.map(({ item, pack }) => ({
    id: item.id,
    pack: pack.id,
    packVersion: pack.version,
    star: item.star,
    risk: isRedFlagItem(item),
    decisive: item.decisive,
    fitted: counted.has(item.id),
    ...(item.feature ? { levels: levelsOf(item) } : {}),
  }));
  const levelIndex = items.map((item) => (item.levels ? new Map(item.levels.map((l, k) => [l.level, k])) : undefined));
  const steps = packItems.map(({ item }) => item.step);
  const observable = options.observable ?? (options.model ? undefined : read?.observable);
  const base = options.model ?? priorModel(packItems.map((p) => p.item), observable ? (item) => observable.has(item.id) : undefined);
  const current: Model = { intercept: base.intercept, weights: {} };
  for (const item of items) current.weights[item.id] = base.weights[item.id] ?? { C: 0, F: 0, redFlag: 0 };
  const { model: _model, modelName, skipInvalid, ...evaluateOptions } = options;
  const deals: HistoryDeal[] = [];
  const invalid: InvalidDeal[] = [...(read?.invalid ?? [])];
  let open = 0;
  history.forEach((snapshot, index) => {
    const result = evaluateSync(snapshot, { ...evaluateOptions, packs, ...(options.model ? { model: options.model } : {}) });
    if (!result.ok) {
      invalid.push({ ...sourceOf(index), ...(result.id !== undefined ? { id: result.id } : {}), issues: result.issues.map(snapshotIssue) });
      return;
    }
    const milestone = result.stage.milestone;
    if (milestone !== 'won' && milestone !== 'lost') {
      open += 1;
      return;
    }
    const ratings = new Int8Array(items.length);
    const levels = new Int16Array(items.length).fill(-1);
    items.forEach((item, i) => {
      const rated = result.items[item.id];
      ratings[i] = !rated || !itemApplies(result, { pack: item.pack, step: steps[i]! }) ? NA : observedAgainst({ rating: rated.rating, code: rated.reason.code }) ? WA : CODE[rated.rating];
      const read = rated?.level?.level;
      if (ratings[i] !== NA && read != null) levels[i] = levelIndex[i]?.get(read) ?? -1;
    });
    deals.push({ id: result.id, won: milestone === 'won' ? 1 : 0, ratings, levels, baseline: result.probability, index });
  });
  invalid.sort((a, b) => a.index - b.index);
  if (invalid.length > 0 && !skipInvalid) throw new HistoryError(invalid, []);
  // Deals in id order (then input order): every sum over them, hence every report, is independent of the input order.
  deals.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.index - b.index));
  return {
    kind: 'prepared-history',
    items,
    deals,
    open,
    invalid,
    current,
    currentName: modelName ?? (options.model ? 'the given model' : 'the method-based prior (priorModel)'),
  };
}

/** A categorical feature's levels in table order, each once, with the rating its first rule gives. */
function levelsOf(item: Item): { level: string; rating: Rating }[] {
  const out: { level: string; rating: Rating }[] = [];
  for (const rule of item.rules) {
    const { level, rating } = rule.event.params;
    if (level !== undefined && !out.some((l) => l.level === level)) out.push({ level, rating });
  }
  return out;
}

const isRead = (history: unknown): history is HistoryRead => (history as { kind?: unknown }).kind === 'history-read';

const snapshotIssue = (i: { code: string; path: string; expected?: string; message: string }): InputIssue => ({
  path: i.path,
  code: i.code,
  ...(i.expected !== undefined ? { expected: i.expected } : {}),
  message: i.message,
});

/** A history as given (snapshots, or read from tables), or already prepared. */
export function asPrepared(history: readonly unknown[] | HistoryRead | PreparedHistory, options: HistoryOptions): PreparedHistory {
  return (history as { kind?: unknown }).kind === 'prepared-history' ? (history as PreparedHistory) : prepareHistory(history as readonly unknown[] | HistoryRead, options);
}
