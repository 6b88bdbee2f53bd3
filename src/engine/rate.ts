/**
 * How one item's rating is decided from the facts' rule match, dated evidence and the seller's
 * answer. The order of authority, and every choice, is documented in docs/rating.md:
 *   1. facts (a rule matched) and fresh evidence are observations; W from either wins, else the better;
 *   2. where nothing is observed, the seller's answer counts (stale or unsupported C drops to F);
 *   3. otherwise stale evidence gives F, and with nothing at all the item is W (nothing known).
 */
import { formatISO } from 'date-fns/formatISO';
import { parseISO } from 'date-fns/parseISO';
import { subDays } from 'date-fns/subDays';
import type { Item } from '../packs/schema.js';
import type { Reason, ReasonCode } from '../result.js';
import type { Answer, Evidence, Rating } from '../snapshot/schema.js';

export interface RateContext {
  asOf: string;
  staleDays: number;
  requireEvidence: boolean;
}

export interface Rated {
  rating: Rating;
  code: ReasonCode;
  params: Record<string, string | number>;
  /** The answer's rating where observed facts overrule a different answer. */
  contradicts?: Rating;
  /**
   * Shared observations only: their shared reason once made, `null` where its message quotes the
   * deal's facts; then `quoted` keeps the fact paths the message quotes.
   */
  readonly [REASONS]?: { reason?: Reason | null; quoted?: readonly string[] };
}

const RANK: Record<Rating, number> = { W: 0, F: 1, C: 2 };

/**
 * Observations that are the same for every deal — a rule's, nothing known, an undated answer —
 * are made once and frozen. Each carries, under this non-enumerable key, a mutable cache where
 * assembly keeps its reason (a copy made by spreading does not carry it).
 */
export const REASONS: unique symbol = Symbol('dealqual.reasons');

function shared(rating: Rating, code: ReasonCode, params: Record<string, string | number>): Rated {
  const rated: Rated = { rating, code, params: Object.freeze(params) };
  Object.defineProperty(rated, REASONS, { value: {} });
  return Object.freeze(rated);
}

/** Nothing known: one shared observation. */
export const NOTHING_KNOWN: Rated = shared('W', 'nothing-known', {});

/**
 * Whether a rating says "against us" rather than "unknown": W from facts (a rule) or from fresh
 * evidence against us. A W answer is not (the seller's W may mean unknown), nor is nothing known.
 * @example observedAgainst(factsRated('W', 'finalSayAgainst')) // true
 * @example observedAgainst(NOTHING_KNOWN) // false
 */
export const observedAgainst = (rated: Pick<Rated, 'rating' | 'code'>): boolean => rated.rating === 'W' && (rated.code === 'facts' || rated.code === 'evidence-against');

/** Shared "same fact as" observations, per item id and rating. */
const sameFacts = new Map<string, Rated>();

/**
 * One fact, one answer: an item with no fact, evidence or answer of its own takes the rating of the
 * item it names in `sameFactAs` (reason `same-fact`, naming that item).
 * @example sameFactRated('s2.2', 'C') // { rating: 'C', code: 'same-fact', params: { item: 's2.2', rating: 'C' } }
 */
export function sameFactRated(item: string, rating: Rating): Rated {
  const key = `${item} ${rating}`;
  let rated = sameFacts.get(key);
  if (!rated) sameFacts.set(key, (rated = shared(rating, 'same-fact', { item, rating })));
  return rated;
}

/** An undated answer, shared per rating. */
export const ANSWERED: Readonly<Record<Rating, Rated>> = Object.freeze({
  C: shared('C', 'answer', { rating: 'C' }),
  F: shared('F', 'answer', { rating: 'F' }),
  W: shared('W', 'answer', { rating: 'W' }),
});

/**
 * The observation a matching rule makes: rating and message id. Packs make one per rule, once
 * (`preparePack`), so every deal the rule matches shares it.
 * @example factsRated('C', 'problemsKnown') // { rating: 'C', code: 'facts', params: { message: 'problemsKnown' } }
 */
export const factsRated = (rating: Rating, message: string): Rated => shared(rating, 'facts', { message });

/**
 * The first date that is still fresh: dates before it are stale.
 * @example freshFrom({ asOf: '2026-11-01', staleDays: 90 }) // '2026-08-03'
 */
export function freshFrom(context: Pick<RateContext, 'asOf' | 'staleDays'>): string {
  // Called for every item of every deal with the same two inputs: remember the last answer
  // (date-fns parsing and formatting was 30% of evaluateSync's time).
  if (context.asOf !== lastFresh.asOf || context.staleDays !== lastFresh.staleDays)
    lastFresh = { asOf: context.asOf, staleDays: context.staleDays, from: formatISO(subDays(parseISO(context.asOf), context.staleDays), { representation: 'date' }) };
  return lastFresh.from;
}
let lastFresh = { asOf: '', staleDays: Number.NaN, from: '' };

const newest = (entries: readonly Evidence[]) => entries.reduce((max, e) => (e.date > max ? e.date : max), entries[0]!.date);

/** What dated evidence shows for an item; evidence dated after `asOf` is not yet known and is ignored. */
function rateEvidence(item: Item, evidence: readonly Evidence[], context: RateContext): Rated | undefined {
  const fresh = freshFrom(context);
  const known = evidence.filter((e) => e.date <= context.asOf);
  if (known.length === 0) return undefined;
  const current = known.filter((e) => e.date >= fresh);
  const against = current.filter((e) => e.against === true);
  if (against.length > 0) {
    const last = against.reduce((a, b) => (b.date > a.date ? b : a));
    return { rating: 'W', code: 'evidence-against', params: { date: last.date, note: last.note ?? '' } };
  }
  const supporting = current.filter((e) => e.against !== true);
  if (supporting.length > 0) {
    const signals = new Set(supporting.map((e, i) => e.signal ?? `#${i}`));
    const numbered = [...signals].filter((s) => typeof s === 'number').sort((a, b) => (a as number) - (b as number));
    const params = { signals: numbered.join(', ') || '—', count: signals.size, needed: item.minSignals, date: newest(supporting) };
    return signals.size >= item.minSignals ? { rating: 'C', code: 'evidence', params } : { rating: 'F', code: 'evidence-partial', params };
  }
  const old = known.filter((e) => e.against !== true);
  if (old.length === 0) return undefined;
  return { rating: 'F', code: 'stale', params: { date: newest(old), days: context.staleDays } };
}

function rateAnswer(answer: Answer, staleEvidence: Rated | undefined, context: RateContext): Rated {
  const rating = typeof answer === 'string' ? answer : answer.rating;
  const at = typeof answer === 'string' ? undefined : answer.at;
  if (rating === 'C' && at !== undefined && at < freshFrom(context)) return { rating: 'F', code: 'stale', params: { date: at, days: context.staleDays } };
  // requireEvidence: a C answer needs fresh support; stale evidence names its date, none is an unsupported claim.
  if (rating === 'C' && context.requireEvidence) return staleEvidence ?? { rating: 'F', code: 'unsupported', params: {} };
  return at === undefined ? ANSWERED[rating] : { rating, code: 'answer', params: { rating, date: at } };
}

/**
 * Rates one item.
 * @param fromFacts the observation of the first matching rule (`factsRated`), if any
 * @example rateItem(item, factsRated('C', 'problemsKnown'), [], 'W', ctx) // C from facts, contradicts W
 */
export function rateItem(
  item: Item,
  fromFacts: Rated | undefined,
  evidence: readonly Evidence[],
  answer: Answer | undefined,
  context: RateContext,
): Rated {
  const shown = evidence.length === 0 ? undefined : rateEvidence(item, evidence, context);
  const staleOnly = shown?.code === 'stale' ? shown : undefined;
  const observedEvidence = staleOnly ? undefined : shown;

  let observed: Rated | undefined;
  if (fromFacts?.rating === 'W') observed = fromFacts;
  else if (observedEvidence?.rating === 'W') observed = observedEvidence;
  else if (fromFacts && observedEvidence) observed = RANK[observedEvidence.rating] > RANK[fromFacts.rating] ? observedEvidence : fromFacts;
  else observed = fromFacts ?? observedEvidence;

  if (observed) {
    const said = answer === undefined ? undefined : typeof answer === 'string' ? answer : answer.rating;
    return said !== undefined && said !== observed.rating ? { ...observed, contradicts: said } : observed;
  }
  if (answer !== undefined) return rateAnswer(answer, staleOnly, context);
  return staleOnly ?? NOTHING_KNOWN;
}
