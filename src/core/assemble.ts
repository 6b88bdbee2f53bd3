/**
 * Turns rule matches into the result: ratings, stage, missing evidence, findings, probability.
 * Pure and engine-agnostic: both engines hand it the same matches.
 */
import { format, pick, type Locale } from '../locale/messages.js';
import type { Item } from '../packs/schema.js';
import type { PreparedPack } from '../packs/prepare.js';
import type { Finding, ItemResult, MissingItem, Reason, Result } from '../result.js';
import type { Answer, Evidence, Rating, Snapshot } from '../snapshot/schema.js';
import { rateItem, type RateContext, type Rated } from '../engine/rate.js';
import type { RuleFacts } from '../engine/derive.js';
import { readPath } from '../engine/path.js';
import { contribution, priorModel, sigmoid, type Model } from '../model/prior.js';
import { manClass } from './man.js';
import { stageOf, stepApplies } from './stage.js';

export const SEVEN_STEP = 'sangfor-7step';

export interface AssembleContext extends RateContext {
  locale: Locale;
  tender: boolean;
  model?: Model;
  /** The facts the rules read, for `{deal.…}` / `{derived.…}` placeholders in pack messages. */
  facts: RuleFacts;
}

export interface PackMatches {
  prepared: PreparedPack;
  matches: Int32Array;
  /** False for the seven-step pack when it is evaluated only for the stage. */
  reported: boolean;
}

interface Rated1 {
  item: Item;
  pack: PreparedPack;
  rated: Rated;
  applies: boolean;
  reported: boolean;
}

/**
 * Fills a pack message's placeholders: `{asOf}`, and `{deal.path}` / `{derived.path}` with the
 * fact at that plain member path (left as written where the fact is absent).
 * @example fillMessage('Deadline {deal.need.deadline} has passed.', facts, '2026-11-01')
 */
export function fillMessage(text: string, facts: RuleFacts, asOf: string): string {
  if (!text.includes('{')) return text;
  return text.replace(/\{(asOf|(deal|derived)((?:\.[A-Za-z_][\w]*|\[\d+\])+))\}/g, (whole, _name, fact?: 'deal' | 'derived', path?: string) => {
    if (fact === undefined) return asOf;
    const value = readPath(facts[fact], `$${path}`);
    return value === undefined || value === null || typeof value === 'object' ? whole : String(value);
  });
}

function reasonOf(rated: Rated, pack: PreparedPack, context: AssembleContext): Reason {
  const { locale } = context;
  if (rated.code === 'facts') {
    const text = pack.pack.messages[rated.params.message as string];
    return { code: 'facts', params: rated.params, message: text ? fillMessage(pick(locale, text), context.facts, context.asOf) : String(rated.params.message) };
  }
  return { code: rated.code, params: rated.params, message: format(locale, `reason.${rated.code}`, rated.params) };
}

function answerRating(answer: Answer | undefined): Rating | undefined {
  return answer === undefined ? undefined : typeof answer === 'string' ? answer : answer.rating;
}

function rateAll(snapshot: Snapshot, packs: readonly PackMatches[], context: AssembleContext): Rated1[] {
  const evidence = new Map<string, Evidence[]>();
  for (const entry of snapshot.evidence ?? []) {
    const list = evidence.get(entry.item);
    if (list) list.push(entry);
    else evidence.set(entry.item, [entry]);
  }
  const answers = snapshot.answers ?? {};
  const out: Rated1[] = [];
  for (const { prepared, matches, reported } of packs) {
    prepared.items.forEach((item, index) => {
      const match = matches[index]!;
      const rule = match >= 0 ? prepared.rules[index]![match] : undefined;
      const rated = rateItem(item, rule && { rating: rule.rating, message: rule.message }, evidence.get(item.id) ?? [], answers[item.id], context);
      const applies = prepared.pack.id !== SEVEN_STEP || stepApplies(item.step, context.tender);
      out.push({ item, pack: prepared, rated, applies, reported });
    });
  }
  return out;
}

function findingsOf(rated: readonly Rated1[], snapshot: Snapshot, context: AssembleContext): Finding[] {
  const { locale, staleDays } = context;
  const findings: Finding[] = [];
  const answers = snapshot.answers ?? {};
  const byId = new Map(rated.map((r) => [r.item.id, r]));
  const add = (code: Finding['code'], items: string[], params: Record<string, string | number>) =>
    findings.push({ code, items, params, message: format(locale, `finding.${code}`, params) });
  for (const { item, rated: r, applies, pack } of rated) {
    if (!applies) continue;
    if (r.contradicts) add('contradiction', [item.id], { item: item.id, answer: r.contradicts, rating: r.rating });
    if (r.code === 'unsupported') add('unsupported', [item.id], { item: item.id });
    if (r.code === 'stale') add('stale', [item.id], { item: item.id, date: r.params.date!, days: staleDays });
    if (item.kind === 'risk' && r.rating === 'W' && r.code !== 'nothing-known')
      add('red-flag', [item.id], { item: item.id, reason: reasonOf(r, pack, context).message });
    const mine = answerRating(answers[item.id]);
    for (const other of item.sameFactAs) {
      const theirs = answerRating(answers[other]);
      if (!byId.has(other) || mine === undefined || theirs === undefined) continue;
      if ((mine === 'C' && theirs === 'W') || (mine === 'W' && theirs === 'C'))
        add('cross-pack-contradiction', [item.id, other], { first: item.id, firstRating: mine, second: other, secondRating: theirs });
    }
  }
  return findings;
}

/**
 * Missing items, most urgent first: ★ items of the current step, then items of earlier steps, then
 * the rest; within each group by step, ★ first, then pack and file order.
 */
function urgency(item: Item, current: number): number {
  if (item.star && item.step === current) return 0;
  if (item.step < current) return 1;
  return 2;
}

const priors = new Map<string, Model>();

/** The method-based prior for the reported items, computed once per pack set and tender case. */
function priorFor(reported: readonly Rated1[]): Model {
  const key = reported.map((r) => (r.applies ? r.item.id : `!${r.item.id}`)).join(' ');
  let model = priors.get(key);
  if (!model) {
    const notApplying = new Set(reported.filter((r) => !r.applies).map((r) => r.item));
    model = priorModel(reported.map((r) => r.item), (item) => !notApplying.has(item));
    // Bounded: pack sets are few; a process evaluating many user packs must not grow without end.
    if (priors.size > 64) priors.clear();
    priors.set(key, model);
  }
  return model;
}

/** Builds the result from each pack's rule matches. */
export function assemble(snapshot: Snapshot, packs: readonly PackMatches[], context: AssembleContext): Result {
  const rated = rateAll(snapshot, packs, context);
  const ratings = new Map(rated.map((r) => [r.item.id, r.rated.rating]));
  const sevenStep = packs.find((p) => p.prepared.pack.id === SEVEN_STEP)!;
  const stage = stageOf(sevenStep.prepared.items, ratings, context.tender, snapshot.outcome, snapshot.claimedStep);

  const reported = rated.filter((r) => r.reported);
  const model = context.model ?? priorFor(reported);
  let logit = model.intercept;
  const items: Record<string, ItemResult> = {};
  const missing: { entry: MissingItem; item: Item; order: number; ifConfirmed: number }[] = [];
  reported.forEach((r, order) => {
    const weights = r.applies ? model.weights[r.item.id] : undefined;
    const added = contribution(weights, r.rated.rating);
    logit += added;
    const reason = reasonOf(r.rated, r.pack, context);
    const { id, step, star, title, signals } = r.item;
    items[id] = { rating: r.rated.rating, pack: r.pack.pack.id, step, star, reason, contribution: added };
    if (r.rated.rating !== 'C' && r.applies) {
      const entry: MissingItem = { item: id, pack: r.pack.pack.id, star, step, rating: r.rated.rating, title, reason, signals, gain: 0 };
      missing.push({ entry, item: r.item, order, ifConfirmed: (weights?.C ?? 0) - added });
    }
  });
  const probability = sigmoid(logit);
  for (const m of missing) m.entry.gain = sigmoid(logit + m.ifConfirmed) - probability;
  missing.sort(
    (a, b) =>
      urgency(a.item, stage.step) - urgency(b.item, stage.step) || a.item.step - b.item.step || Number(b.item.star) - Number(a.item.star) || a.order - b.order,
  );
  const result: Result = {
    ok: true,
    id: snapshot.id,
    asOf: context.asOf,
    stage,
    probability,
    logit,
    intercept: model.intercept,
    items,
    missing: missing.map((m) => m.entry),
    findings: findingsOf(reported, snapshot, context),
  };
  const man = ['man.money', 'man.authority', 'man.need'].map((id) => items[id]?.rating);
  if (man.every((r) => r !== undefined)) result.man = manClass(man[0]!, man[1]!, man[2]!);
  return result;
}
