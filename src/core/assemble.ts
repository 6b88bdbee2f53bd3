/**
 * Turns rule matches into the result: ratings, stage, missing evidence, findings, probability.
 * Pure and engine-agnostic: both engines hand it the same matches.
 */
import { format, pick, type Locale } from '../locale/messages.js';
import type { Finding, ItemResult, MissingItem, PackStage, Reason, Result } from '../result.js';
import type { Answer, Evidence, Rating, Snapshot } from '../snapshot/schema.js';
import { rateItem, REASONS, type RateContext, type Rated } from '../engine/rate.js';
import type { RuleFacts } from '../engine/derive.js';
import { readPath } from '../engine/path.js';
import { contribution, sigmoid, type Model } from '../model/prior.js';
import { manClass } from './man.js';
import { applies, plannedWeights, type Plan, type PlannedItem } from './plan.js';
import { packStageOf, stageOf } from './stage.js';

export { SEVEN_STEP } from './plan.js';

export interface AssembleContext extends RateContext {
  locale: Locale;
  tender: boolean;
  model?: Model;
  /** The facts the rules read, for `{deal.…}` / `{derived.…}` placeholders in pack messages. */
  facts: RuleFacts;
}

const PLACEHOLDER = /\{(asOf|(deal|derived)((?:\.[A-Za-z_][\w]*|\[\d+\])+))\}/g;
const hasPlaceholder = (text: string) => text.search(PLACEHOLDER) >= 0;

/**
 * Fills a pack message's placeholders: `{asOf}`, and `{deal.path}` / `{derived.path}` with the
 * fact at that plain member path (left as written where the fact is absent).
 * @example fillMessage('Deadline {deal.need.deadline} has passed.', facts, '2026-11-01')
 */
export function fillMessage(text: string, facts: RuleFacts, asOf: string): string {
  if (!text.includes('{')) return text;
  return text.replace(PLACEHOLDER, (whole, _name, fact?: 'deal' | 'derived', path?: string) => {
    if (fact === undefined) return asOf;
    const value = readPath(facts[fact], `$${path}`);
    return value === undefined || value === null || typeof value === 'object' ? whole : String(value);
  });
}

function packMessage(rated: Rated, planned: PlannedItem, locale: Locale): string | undefined {
  const text = planned.pack.pack.messages[rated.params.message as string];
  return text && pick(locale, text);
}

/**
 * An item's reason. A shared observation's reason is made once per locale and shared, frozen, by
 * every result — unless its text quotes the deal's facts (`{deal.…}`), which is then filled per deal.
 */
function reasonOf(rated: Rated, planned: PlannedItem, context: AssembleContext): Reason {
  const { locale } = context;
  const cache = rated[REASONS];
  const cached = cache?.[locale];
  if (cached) return cached;
  let message: string;
  let quotesFacts = false;
  if (rated.code === 'facts') {
    const text = packMessage(rated, planned, locale);
    quotesFacts = text !== undefined && hasPlaceholder(text);
    message = text === undefined ? String(rated.params.message) : fillMessage(text, context.facts, context.asOf);
  } else message = format(locale, `reason.${rated.code}`, rated.params);
  const reason = { code: rated.code, params: rated.params, message };
  if (cache && cached === undefined) cache[locale] = quotesFacts ? null : Object.freeze(reason);
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
function rateAll(snapshot: Snapshot, plan: Plan, matches: readonly Int32Array[], answers: readonly (Answer | undefined)[] | undefined, context: AssembleContext): Rated[] {
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
  return out;
}

const opposite = (a: Rating, b: Rating) => (a === 'C' && b === 'W') || (a === 'W' && b === 'C');

function findingsOf(plan: Plan, rated: readonly Rated[], answers: readonly (Answer | undefined)[] | undefined, context: AssembleContext): Finding[] {
  const { locale, staleDays, tender } = context;
  const findings: Finding[] = [];
  const add = (code: Finding['code'], items: string[], params: Record<string, string | number>) =>
    findings.push({ code, items, params, message: format(locale, `finding.${code}`, params) });
  for (const position of plan.reported) {
    const planned = plan.items[position]!;
    if (!applies(planned, tender)) continue;
    const { item } = planned;
    const r = rated[position]!;
    if (r.contradicts) add('contradiction', [item.id], { item: item.id, answer: r.contradicts, rating: r.rating });
    if (r.code === 'unsupported') add('unsupported', [item.id], { item: item.id });
    if (r.code === 'stale') add('stale', [item.id], { item: item.id, date: r.params.date!, days: staleDays });
    if (item.kind === 'risk' && r.rating === 'W' && r.code !== 'nothing-known')
      add('red-flag', [item.id], { item: item.id, reason: reasonOf(r, planned, context).message });
    const partners = plan.sameFact.get(position);
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
      // above; items of one pack that share a fact (a summary and its parts) are not two methods.
      const o = rated[other]!;
      const otherMethod = plan.items[other]!.pack !== planned.pack;
      if (otherMethod && opposite(r.rating, o.rating) && r.code !== 'nothing-known' && o.code !== 'nothing-known')
        add('method-disagreement', [item.id, otherId], { first: item.id, firstRating: r.rating, second: otherId, secondRating: o.rating });
    }
  }
  return findings;
}

/**
 * Missing items, most urgent first: ★ items of the current step, then items of earlier steps, then
 * the rest; within each group by step, ★ first, then pack and file order (`plan.byStep`).
 */
function urgency(item: { star: boolean; step: number }, current: number): number {
  if (item.star && item.step === current) return 0;
  if (item.step < current) return 1;
  return 2;
}

/** Builds the result from each pack's rule matches (`matches[i]` for `plan.packs[i]`). */
export function assemble(snapshot: Snapshot, plan: Plan, matches: readonly Int32Array[], context: AssembleContext): Result {
  const answers = snapshot.answers && spread(plan, snapshot.answers);
  const rated = rateAll(snapshot, plan, matches, answers, context);
  const ratings = rated.map((r) => r.rating);
  const stage = stageOf(plan, ratings, context.tender, snapshot.outcome, snapshot.claimedStep);

  const { model, byPosition } = plannedWeights(plan, context.model, context.tender);
  let logit = model.intercept;
  const items = { ...plan.itemsTemplate } as unknown as Record<string, ItemResult>;
  const open: (MissingItem | undefined)[] = new Array(plan.items.length).fill(undefined);
  for (const position of plan.reported) {
    const planned = plan.items[position]!;
    const r = rated[position]!;
    const added = contribution(byPosition[position], r.rating);
    logit += added;
    const reason = reasonOf(r, planned, context);
    const { id, step, star, title, signals } = planned.item;
    const pack = planned.pack.pack.id;
    items[id] = { rating: r.rating, pack, step, star, reason, contribution: added };
    if (r.rating !== 'C' && applies(planned, context.tender)) open[position] = { item: id, pack, star, step, rating: r.rating, title, reason, signals, gain: 0 };
  }
  const probability = sigmoid(logit);
  const missing: MissingItem[] = [];
  for (let group = 0; group < 3; group++) {
    for (const position of plan.byStep) {
      const entry = open[position];
      if (entry === undefined || urgency(entry, stage.step) !== group) continue;
      const ifConfirmed = (byPosition[position]?.C ?? 0) - contribution(byPosition[position], entry.rating);
      entry.gain = sigmoid(logit + ifConfirmed) - probability;
      missing.push(entry);
    }
  }
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
    findings: findingsOf(plan, rated, answers, context),
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
