/**
 * Turns rule matches into the result: ratings, stage, missing evidence, findings, probability.
 * Pure and engine-agnostic: both engines hand it the same matches.
 */
import type { Finding, ItemResult, MissingItem, PackStage, Reason, Result } from '../result.js';
import type { Answer, Evidence, Rating, Snapshot } from '../snapshot/schema.js';
import { NOTHING_KNOWN, observedAgainst, rateItem, REASONS, sameFactRated, type RateContext, type Rated } from '../engine/rate.js';
import type { RuleFacts } from '../engine/derive.js';
import type { FirstMatches } from '../engine/compile.js';
import { contribution, levelContribution, sigmoid, type Model } from '../model/prior.js';
import { confirmedLevelWeight, itemLevel, levelRead } from './levels.js';
import { manClass } from './man.js';
import { quotedPaths, quotedValues } from './messages.js';
import { applies, plannedWeights, type Plan, type PlannedItem } from './plan.js';
import { packStageOf, stageOf } from './stage.js';

export { SEVEN_STEP } from './plan.js';

/** Ratings from lowest to highest. */
const RANK: Record<Rating, number> = { W: 0, F: 1, C: 2 };

export interface AssembleContext extends RateContext {
  tender: boolean;
  model?: Model;
  /** Items an input can feed: the method-based prior spreads its span over these only. */
  observable?: ReadonlySet<string>;
  /** The facts the rules read, for `{deal.…}` / `{derived.…}` placeholders in pack messages. */
  facts: RuleFacts;
}

/**
 * An item's reason, as data. A shared observation's reason is made once and shared, frozen, by
 * every result — unless its pack message quotes the deal's facts, whose values then join its
 * params per deal (the text itself is filled when the result is described).
 */
function reasonOf(rated: Rated, planned: PlannedItem, context: AssembleContext): Reason {
  const cache = rated[REASONS];
  const cached = cache?.reason;
  if (cached) return cached;
  let params = rated.params;
  let quotes = false;
  if (rated.code === 'facts') {
    let paths = cache?.quoted;
    if (!paths) {
      const text = planned.pack.pack.messages[rated.params.message as string];
      paths = text ? [...new Set([...quotedPaths(text.en), ...quotedPaths(text.zh)])] : [];
      if (cache) cache.quoted = paths;
    }
    quotes = paths.length > 0;
    if (quotes) params = { ...rated.params, ...quotedValues(paths, context.facts) };
  }
  const reason: Reason = { code: rated.code, params };
  if (cache && cached === undefined) cache.reason = quotes ? null : Object.freeze(reason);
  return reason;
}

function answerRating(answer: Answer | undefined): Rating | undefined {
  return answer === undefined ? undefined : typeof answer === 'string' ? answer : answer.rating;
}

/** Spreads per-item values (answers, evidence) over plan positions: `out[position]`. */
function spread<T>(plan: Plan, values: { readonly [id: string]: T } | ReadonlyMap<string, T>): (T | undefined)[] | undefined {
  let out: (T | undefined)[] | undefined;
  const place = (id: string, value: T) => {
    const positions = plan.positionsOf.get(id);
    if (!positions) return;
    out ??= new Array<T | undefined>(plan.items.length).fill(undefined);
    for (const p of positions) out[p] = value;
  };
  if (values instanceof Map) values.forEach((value, id) => place(id, value));
  else for (const id of Object.keys(values)) place(id, (values as { readonly [id: string]: T })[id]!);
  return out;
}

function evidenceByItem(evidence: readonly Evidence[]): Map<string, Evidence[]> {
  const byItem = new Map<string, Evidence[]>();
  for (const entry of evidence) {
    const list = byItem.get(entry.item);
    if (list) list.push(entry);
    else byItem.set(entry.item, [entry]);
  }
  return byItem;
}

const NO_EVIDENCE: readonly Evidence[] = Object.freeze([]);

/** Each item's observation, by plan position. */
function rateAll(snapshot: Snapshot, plan: Plan, matches: readonly FirstMatches[], answers: readonly (Answer | undefined)[] | undefined, context: AssembleContext): Rated[] {
  const evidence = snapshot.evidence?.length ? spread(plan, evidenceByItem(snapshot.evidence)) : undefined;
  const out = new Array<Rated>(plan.items.length);
  let position = 0; // plan.items lists the packs' items in pack order
  for (let p = 0; p < plan.packs.length; p++) {
    const { items, rules } = plan.packs[p]!.prepared;
    const found = matches[p]!;
    for (let i = 0; i < items.length; i++, position++) {
      const match = found[i]!;
      const observed = match >= 0 ? rules[i]![match]!.observed : undefined;
      out[position] = rateItem(items[i]!, observed, evidence?.[position] ?? NO_EVIDENCE, answers?.[position], context);
    }
  }
  // One fact, one answer: an item with nothing of its own takes the rating of the seven-step item it
  // names; of several, the lowest among those that know something (the first named on a tie).
  plan.inherits.forEach((named, position) => {
    if (out[position] !== NOTHING_KNOWN) return;
    let from: number | undefined;
    for (const n of named) if (out[n]!.code !== 'nothing-known' && (from === undefined || RANK[out[n]!.rating] < RANK[out[from]!.rating])) from = n;
    if (from !== undefined) out[position] = sameFactRated(plan.items[from]!.item.id, out[from]!.rating);
  });
  return out;
}

const opposite = (a: Rating, b: Rating) => (a === 'C' && b === 'W') || (a === 'W' && b === 'C');

function findingsOf(
  plan: Plan,
  rated: readonly Rated[],
  against: readonly boolean[],
  answers: readonly (Answer | undefined)[] | undefined,
  context: AssembleContext,
): Finding[] {
  const { staleDays, tender } = context;
  const findings: Finding[] = [];
  const add = (code: Finding['code'], items: string[], params: Record<string, string | number>) => findings.push({ code, items, params });
  for (const position of plan.reported) {
    const planned = plan.items[position]!;
    if (!applies(planned, tender)) continue;
    const { item } = planned;
    const r = rated[position]!;
    if (r.contradicts) add('contradiction', [item.id], { item: item.id, answer: r.contradicts, rating: r.rating });
    if (r.code === 'unsupported') add('unsupported', [item.id], { item: item.id });
    if (r.code === 'stale') add('stale', [item.id], { item: item.id, date: r.params.date!, days: staleDays });
    // A red flag is a W from facts or evidence (against us), never one from nothing known or a W answer.
    if (plan.redFlag[position] && against[position]) {
      if (plan.decisive[position]) add('red-flag', [item.id], { item: item.id, decisive: 'true', step: item.step });
      else add('red-flag', [item.id], { item: item.id });
    }
    const partners = plan.sameFact[position];
    if (!partners) continue;
    const mine = answerRating(answers?.[position]);
    for (const other of partners) {
      const otherId = plan.items[other]!.item.id;
      const theirs = answerRating(answers?.[other]);
      if (mine !== undefined && theirs !== undefined) {
        if (opposite(mine, theirs)) add('cross-pack-contradiction', [item.id, otherId], { first: item.id, firstRating: mine, second: otherId, secondRating: theirs });
        continue;
      }
      // Two methods (packs) reading one fact: one confirms it, the other finds it against us. An item
      // that knows nothing (W by default) does not disagree; answers on both sides are a contradiction
      // above; items of one pack that share a fact (a summary and its parts) are not two methods; and an
      // item that agrees with another item of that method on its fact (meddpicc's decision criteria read
      // s3.1 and s6.1) does not disagree with the method.
      const o = rated[other]!;
      const method = plan.items[other]!.pack;
      if (method === planned.pack || !opposite(r.rating, o.rating) || r.code === 'nothing-known' || o.code === 'nothing-known') continue;
      let agrees = false;
      for (const q of partners) if (plan.items[q]!.pack === method && rated[q]!.code !== 'nothing-known' && !opposite(r.rating, rated[q]!.rating)) agrees = true;
      if (!agrees) add('method-disagreement', [item.id, otherId], { first: item.id, firstRating: r.rating, second: otherId, secondRating: o.rating });
    }
  }
  return findings;
}

/**
 * Missing items, most urgent first, by what holds the deal: decisive items W from facts or evidence;
 * then the items gating the current step (its ★ items, or all items of a step without ★, as steps 6
 * and 7); then other red flags (W from facts or evidence on a red-flag item); then items of earlier
 * steps; then the rest — within each group by step, ★ first, then pack and file order (`plan.byStep`).
 */
function urgency(item: { star: boolean; step: number }, decisive: boolean, gating: boolean, redFlag: boolean, current: number): number {
  if (decisive) return 0;
  if (gating || (item.star && item.step === current)) return 1;
  if (redFlag) return 2;
  if (item.step < current) return 3;
  return 4;
}

/** Builds the result from each pack's rule matches (`matches[i]` for `plan.packs[i]`). */
export function assemble(snapshot: Snapshot, plan: Plan, matches: readonly FirstMatches[], context: AssembleContext): Result {
  const answers = snapshot.answers && spread(plan, snapshot.answers);
  const rated = rateAll(snapshot, plan, matches, answers, context);
  const count = rated.length;
  const ratings = new Array<Rating>(count);
  const against = new Array<boolean>(count);
  for (let i = 0; i < count; i++) {
    ratings[i] = rated[i]!.rating;
    against[i] = observedAgainst(rated[i]!);
  }
  const stage = stageOf(plan, ratings, context.tender, snapshot.outcome, snapshot.claimedStep, against);

  const { model, byPosition } = plannedWeights(plan, context.model, context.tender, context.observable);
  let logit = model.intercept;
  const items = { ...plan.itemsTemplate } as unknown as Record<string, ItemResult>;
  const open: (MissingItem | undefined)[] = new Array(count).fill(undefined);
  const added = new Array<number>(count).fill(0); // each reported item's contribution, by position
  for (const position of plan.reported) {
    const planned = plan.items[position]!;
    const r = rated[position]!;
    const weights = byPosition[position];
    const feature = planned.item.feature;
    const level = feature ? levelRead(planned, matches) : undefined;
    const contributed = weights?.levels ? levelContribution(weights.levels, level) : contribution(weights, r.rating, against[position]);
    added[position] = contributed;
    logit += contributed;
    const reason = reasonOf(r, planned, context);
    const { id, step, star } = planned.item;
    const pack = planned.pack.pack.id;
    const veto = against[position] && plan.decisive[position] ? weights?.veto : undefined;
    items[id] = veto ? { rating: r.rating, pack, step, star, reason, contribution: contributed, veto } : { rating: r.rating, pack, step, star, reason, contribution: contributed };
    if (feature) items[id].level = itemLevel(feature.from, level, context.facts);
    if (r.rating !== 'C' && applies(planned, context.tender)) open[position] = { item: id, star, gain: 0 };
  }
  const probability = sigmoid(logit);
  // Each open item joins its urgency group once, walking plan.byStep, so each group keeps that order.
  const groups: MissingItem[][] = [[], [], [], [], []];
  const gating = plan.gating[stage.step - 1];
  for (const position of plan.byStep) {
    const entry = open[position];
    if (entry === undefined) continue;
    const flagged = against[position]!;
    const weights = byPosition[position];
    const confirmed = weights?.levels ? confirmedLevelWeight(plan.items[position]!, weights.levels) : (weights?.C ?? 0);
    entry.gain = sigmoid(logit + (confirmed - added[position]!)) - probability;
    groups[urgency(plan.items[position]!.item, plan.decisive[position]! && flagged, gating?.[position] === true, plan.redFlag[position]! && flagged, stage.step)]!.push(entry);
  }
  const missing: MissingItem[] = [];
  for (const group of groups) for (let i = 0; i < group.length; i++) missing.push(group[i]!);
  const result: Result = {
    ok: true,
    id: snapshot.id,
    asOf: context.asOf,
    stage,
    probability,
    logit,
    intercept: model.intercept,
    items,
    missing,
    findings: findingsOf(plan, rated, against, answers, context),
  };
  if (plan.man) {
    const [money, authority, need] = plan.man;
    result.man = manClass(ratings[money]!, ratings[authority]!, ratings[need]!);
  }
  if (plan.packStages.length > 0) {
    const stages: Record<string, PackStage> = {};
    for (const { pack, gates } of plan.packStages) stages[pack] = packStageOf(gates, ratings, (i) => plan.items[i]!.item.id);
    result.stages = stages;
  }
  return result;
}
