/**
 * The evaluation pipeline both engines share, in the one direction data flows:
 *   parse → derive (`begin`) → match (the caller's engine) → assemble → describe (`finish`).
 * `evaluateSync` matches with the compiled closures, `evaluate` with json-rules-engine; everything
 * else is this module's, so the two return equal results. Texts are resolved last, and only on
 * request (`detail: 'full'`): a result is data (ids, ratings, codes and params) by default.
 */
import { formatISO } from 'date-fns/formatISO';
import { assemble, type AssembleContext } from './core/assemble.js';
import type { FirstMatches } from './engine/compile.js';
import { planPacks, SEVEN_STEP, type Plan } from './core/plan.js';
import { describeWith, packIndex, type PackIndex } from './describe.js';
import { deriveFacts, type RuleFacts } from './engine/derive.js';
import type { Locale } from './locale/messages.js';
import type { Model } from './model/prior.js';
import { ALL_PACK_IDS, BUILTIN_PACK_IDS, builtinPack, type DefaultPackId } from './packs/builtin.js';
import { clashText, distinctPacks } from './packs/list.js';
import { preparePack } from './packs/prepare.js';
import type { Pack } from './packs/schema.js';
import type { DescribedResult, Result } from './result.js';
import type { Snapshot } from './snapshot/schema.js';
import { parseSnapshotForEvaluation, type SnapshotIssue } from './snapshot/issues.js';
import { optionIssues } from './options.js';
import { format } from './locale/messages.js';

export interface EvaluateOptions {
  /**
   * Default pack ids or packs (`parsePack`, `dealqual/packs`). Default: the three default packs
   * (`BUILTIN_PACK_IDS`: sangfor-7step, man, bant); the opt-in packs (clmls, roles, lixiang, meddpicc) are passed as packs: `allPacks()` or `builtinPack(id)` from `dealqual/packs`.
   */
  packs?: readonly (DefaultPackId | Pack)[];
  /** Evaluation date for snapshots without `asOf` (ISO). Default: today. */
  asOf?: string;
  /** Answers and evidence dated before `asOf` minus this many days are stale. Default 90. */
  staleDays?: number;
  /** A C answer with no supporting fact or evidence drops to F. Default false. */
  requireEvidence?: boolean;
  /** Days ahead within which a deadline is a near-term timeline (BANT). Default 180. */
  horizonDays?: number;
  /** Language of snapshot issues, and of the texts with `detail: 'full'`. Default 'en'. */
  locale?: Locale;
  /**
   * A probability model; default: the method-based prior for the evaluated packs. Treated as
   * immutable: its weights are laid out once per model object.
   */
  model?: Model;
  /**
   * The item ids an input can feed (a column, an answer, a fact it reads; see `observableItems`).
   * The method-based prior spreads its span over these only; the others weigh 0, so items no input
   * can feed (switched off, or unmapped in a table) do not drag the probability down. Default: every
   * item. Not used when `model` is given. Treated as immutable: priors are laid out once per set.
   */
  observable?: ReadonlySet<string>;
  /**
   * `'compact'` (default): the result as data — ids, ratings, reason and finding codes with params.
   * `'full'`: also every text (`describe`'s result): reason and finding messages in `locale`, each
   * missing item's title and signals.
   */
  detail?: 'compact' | 'full';
}

/** A snapshot that failed validation: the issues, as data. */
export interface InvalidSnapshot {
  ok: false;
  /** The deal id, where the input has a readable one. */
  id?: string;
  issues: SnapshotIssue[];
}

export type Evaluation = Result | InvalidSnapshot;
/** An evaluation with `detail: 'full'`. */
export type DescribedEvaluation = DescribedResult | InvalidSnapshot;

const PACK_ORDER: readonly string[] = ALL_PACK_IDS;

/** A plan, or why the `packs` option cannot be planned (two packs clash: src/packs/list.ts). */
type Planned = { ok: true; plan: Plan } | { ok: false; issue: SnapshotIssue };

function planOf(packs: readonly (DefaultPackId | Pack)[], locale: Locale): Planned {
  const requested = packs.map((p) => (typeof p === 'string' ? builtinPack(p) : p));
  const distinct = distinctPacks(requested);
  if (!distinct.ok) {
    const path = 'options.packs';
    const got = clashText(distinct.clash, (i) => `packs[${i}] ("${requested[i]!.id}")`);
    return { ok: false, issue: { code: 'invalid_option', path, expected: PACKS_APART, message: format(locale, 'issue.invalid_option', { path, expected: PACKS_APART, got }) } };
  }
  const unique = distinct.packs;
  // Built-in packs first, in fixed order, so results do not depend on how the option lists them.
  const rank = (p: Pack) => (PACK_ORDER.includes(p.id) ? PACK_ORDER.indexOf(p.id) : PACK_ORDER.length);
  unique.sort((a, b) => rank(a) - rank(b));
  const planned = unique.map((pack) => ({ prepared: preparePack(pack), reported: true }));
  if (!unique.some((p) => p.id === SEVEN_STEP)) planned.unshift({ prepared: preparePack(builtinPack(SEVEN_STEP)), reported: false });
  return { ok: true, plan: planPacks(planned) };
}

/** What the `packs` option must be beyond its type: no two packs with one id or one item id. */
const PACKS_APART = 'packs with distinct pack ids and distinct item ids (the same pack listed twice counts once)';

/**
 * Plans are made once per `packs` list: the default, and the last few lists seen (compared by
 * their elements, so a list built afresh per call still hits).
 */
let defaultPlan: Planned | undefined;
const recentPlans: { packs: readonly (DefaultPackId | Pack)[]; locale: Locale; planned: Planned }[] = [];

function cachedPlan(packs: readonly (DefaultPackId | Pack)[] | undefined, locale: Locale): Planned {
  if (packs === undefined) return (defaultPlan ??= planOf(BUILTIN_PACK_IDS, locale));
  const same = (other: readonly (DefaultPackId | Pack)[]) => other.length === packs.length && other.every((p, i) => p === packs[i]);
  const hit = recentPlans.find((entry) => same(entry.packs) && (entry.planned.ok || entry.locale === locale));
  if (hit) return hit.planned;
  const planned = planOf(packs, locale);
  recentPlans.unshift({ packs: [...packs], locale, planned });
  if (recentPlans.length > 8) recentPlans.pop();
  return planned;
}

/** A parsed snapshot with its derived facts and plan, ready for matching. */
export interface Prepared {
  snapshot: Snapshot;
  facts: RuleFacts;
  context: AssembleContext;
  plan: Plan;
}

/** Parse and derive: the snapshot parsed, its facts derived, the evaluation planned; invalid input comes back as data. */
export function begin(input: unknown, options: EvaluateOptions): Prepared | InvalidSnapshot {
  const bad = optionIssues(options);
  if (bad.length > 0) return { ok: false, ...idOf(input), issues: [...bad] };
  const planned = cachedPlan(options.packs, options.locale ?? 'en');
  if (!planned.ok) return { ok: false, ...idOf(input), issues: [planned.issue] };
  const parsed = parseSnapshotForEvaluation(input, options.locale ?? 'en');
  if (!parsed.ok) return parsed;
  const snapshot = parsed.snapshot;
  const asOf = snapshot.asOf ?? options.asOf ?? formatISO(new Date(), { representation: 'date' });
  const horizonDays = options.horizonDays ?? 180;
  const plan = planned.plan;
  const facts = { deal: snapshot, derived: deriveFacts(snapshot, { asOf, horizonDays, methods: plan.methodFacts }) };
  const context: AssembleContext = {
    asOf,
    staleDays: options.staleDays ?? 90,
    requireEvidence: options.requireEvidence ?? false,
    tender: facts.derived.tender,
    facts,
    ...(options.model ? { model: options.model } : {}),
    ...(options.observable ? { observable: options.observable } : {}),
  };
  return { snapshot, facts, context, plan };
}

const planIndexes = new WeakMap<Plan, PackIndex>();

/** Assemble and describe: the result from each pack's matches (`matches[i]` for `plan.packs[i]`), with texts if asked. */
export function finish(ready: Prepared, matches: readonly FirstMatches[], options: EvaluateOptions): Result | DescribedResult {
  const result = assemble(ready.snapshot, ready.plan, matches, ready.context);
  if (options.detail !== 'full') return result;
  let index = planIndexes.get(ready.plan);
  if (!index) planIndexes.set(ready.plan, (index = packIndex(ready.plan.packs.map((p) => p.prepared.pack))));
  return describeWith(result, index, options.locale ?? 'en');
}

/** The deal id of an input, where it has a readable one. */
function idOf(input: unknown): { id?: string } {
  try {
    const id = input !== null && typeof input === 'object' ? (input as { id?: unknown }).id : undefined;
    return typeof id === 'string' && id.trim() !== '' ? { id } : {};
  } catch {
    return {};
  }
}

/**
 * What an evaluation returns when something throws that should not (a bug, or a value no check
 * foresaw): an issue for that deal, code `internal_error`, instead of an exception — so one deal
 * can never stop the evaluation of others.
 */
export function internalError(input: unknown, error: unknown, options?: EvaluateOptions): InvalidSnapshot {
  const locale = options?.locale === 'zh-CN' ? 'zh-CN' : 'en';
  let text: string;
  try {
    text = error instanceof Error ? error.message : String(error);
  } catch {
    text = 'unknown error';
  }
  return { ok: false, ...idOf(input), issues: [{ code: 'internal_error', path: '$', message: format(locale, 'issue.internal_error', { error: text }) }] };
}
