/**
 * The synchronous evaluation API and what both engines share: parsing, the pack plan, fact
 * derivation. `evaluateSync` matches rules with the compiled closures; `evaluate.ts` adds the
 * reference engine. This module never imports json-rules-engine, so the spreadsheet bundle can
 * use it.
 */
import { formatISO } from 'date-fns';
import { assemble, type AssembleContext } from './core/assemble.js';
import { planPacks, SEVEN_STEP, type Plan } from './core/plan.js';
import { deriveFacts, type RuleFacts } from './engine/derive.js';
import { compilePack, type Matcher } from './engine/compile.js';
import type { Locale } from './locale/messages.js';
import type { Model } from './model/prior.js';
import { ALL_PACK_IDS, BUILTIN_PACK_IDS, builtinPack, type BuiltinPackId } from './packs/builtin.js';
import { preparePack, type PreparedPack } from './packs/prepare.js';
import type { Pack } from './packs/schema.js';
import type { Result } from './result.js';
import type { Snapshot } from './snapshot/schema.js';
import { parseSnapshot, type SnapshotIssue } from './snapshot/issues.js';

export interface EvaluateOptions {
  /**
   * Built-in pack ids or loaded packs (`parsePack`). Default: the three default packs
   * (`BUILTIN_PACK_IDS`: sangfor-7step, man, bant); `ALL_PACK_IDS` adds clmls, roles, lixiang, meddpicc.
   */
  packs?: readonly (BuiltinPackId | Pack)[];
  /** Evaluation date for snapshots without `asOf` (ISO). Default: today. */
  asOf?: string;
  /** Answers and evidence dated before `asOf` minus this many days are stale. Default 90. */
  staleDays?: number;
  /** A C answer with no supporting fact or evidence drops to F. Default false. */
  requireEvidence?: boolean;
  /** Days ahead within which a deadline is a near-term timeline (BANT). Default 180. */
  horizonDays?: number;
  /** Language of reasons and findings. Default 'en'. */
  locale?: Locale;
  /**
   * A probability model; default: the method-based prior for the evaluated packs. Treated as
   * immutable: its weights are laid out once per model object.
   */
  model?: Model;
}

/** A snapshot that failed validation: the issues, as data. */
export interface InvalidSnapshot {
  ok: false;
  /** The deal id, where the input has a readable one. */
  id?: string;
  issues: SnapshotIssue[];
}

export type Evaluation = Result | InvalidSnapshot;

const PACK_ORDER: readonly string[] = ALL_PACK_IDS;

function planOf(packs: readonly (BuiltinPackId | Pack)[]): Plan {
  const requested = packs.map((p) => (typeof p === 'string' ? builtinPack(p) : p));
  const unique = [...new Map(requested.map((p) => [p.id, p])).values()];
  // Built-in packs first, in fixed order, so results do not depend on how the option lists them.
  const rank = (p: Pack) => (PACK_ORDER.includes(p.id) ? PACK_ORDER.indexOf(p.id) : PACK_ORDER.length);
  unique.sort((a, b) => rank(a) - rank(b));
  const planned = unique.map((pack) => ({ prepared: preparePack(pack), reported: true }));
  if (!unique.some((p) => p.id === SEVEN_STEP)) planned.unshift({ prepared: preparePack(builtinPack(SEVEN_STEP)), reported: false });
  return planPacks(planned);
}

/**
 * Plans are made once per `packs` list: the default, and the last few lists seen (compared by
 * their elements, so a list built afresh per call still hits).
 */
let defaultPlan: Plan | undefined;
const recentPlans: { packs: readonly (BuiltinPackId | Pack)[]; plan: Plan }[] = [];

function cachedPlan(packs: readonly (BuiltinPackId | Pack)[] | undefined): Plan {
  if (packs === undefined) return (defaultPlan ??= planOf(BUILTIN_PACK_IDS));
  const same = (other: readonly (BuiltinPackId | Pack)[]) => other.length === packs.length && other.every((p, i) => p === packs[i]);
  const hit = recentPlans.find((entry) => same(entry.packs));
  if (hit) return hit.plan;
  const plan = planOf(packs);
  recentPlans.unshift({ packs: [...packs], plan });
  if (recentPlans.length > 8) recentPlans.pop();
  return plan;
}

export interface Prepared {
  snapshot: Snapshot;
  facts: RuleFacts;
  context: AssembleContext;
  plan: Plan;
}

/** Parses the snapshot and plans the evaluation; invalid input comes back as data. */
export function prepare(input: unknown, options: EvaluateOptions): Prepared | InvalidSnapshot {
  const locale = options.locale ?? 'en';
  const parsed = parseSnapshot(input, locale);
  if (!parsed.ok) return parsed;
  const snapshot = parsed.snapshot;
  const asOf = snapshot.asOf ?? options.asOf ?? formatISO(new Date(), { representation: 'date' });
  const horizonDays = options.horizonDays ?? 180;
  const facts = { deal: snapshot, derived: deriveFacts(snapshot, { asOf, horizonDays }) };
  const context: AssembleContext = {
    asOf,
    staleDays: options.staleDays ?? 90,
    requireEvidence: options.requireEvidence ?? false,
    locale,
    tender: facts.derived.tender,
    facts,
    ...(options.model ? { model: options.model } : {}),
  };
  return { snapshot, facts, context, plan: cachedPlan(options.packs) };
}

const matchers = new WeakMap<PreparedPack, Matcher>();
function matcherOf(prepared: PreparedPack): Matcher {
  let matcher = matchers.get(prepared);
  if (!matcher) matchers.set(prepared, (matcher = compilePack(prepared)));
  return matcher;
}

/**
 * Evaluates a deal snapshot synchronously with the compiled rules; equal to `evaluate`'s result.
 * @example const result = evaluateSync({ id: 'D-1', answers: { 's1.1': 'C' } }, { asOf: '2026-11-01' })
 */
export function evaluateSync(input: unknown, options: EvaluateOptions = {}): Evaluation {
  const ready = prepare(input, options);
  if ('ok' in ready) return ready;
  const { plan, facts } = ready;
  const matches = plan.packs.map(({ prepared }) => matcherOf(prepared)(facts));
  return assemble(ready.snapshot, plan, matches, ready.context);
}
