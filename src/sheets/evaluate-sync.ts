/**
 * The synchronous evaluator without the reference engine. `src/evaluate.ts` imports
 * json-rules-engine (and through it Node's `vm`) for `evaluate`, so a bundle that imports it cannot
 * be built for Apps Script. This module composes the same core pieces as `evaluateSync` there —
 * parse, derive, compile, assemble — and a test checks the two agree on every option.
 * Once `prepare`/`planOf` move to a module of their own, this becomes a re-export.
 */
import { formatISO } from 'date-fns';
import { assemble, SEVEN_STEP } from '../core/assemble.js';
import { compilePack, type Matcher } from '../engine/compile.js';
import { deriveFacts, runsTender } from '../engine/derive.js';
import type { EvaluateOptions, Evaluation } from '../evaluate.js';
import { BUILTIN_PACK_IDS, builtinPack } from '../packs/builtin.js';
import { preparePack, type PreparedPack } from '../packs/prepare.js';
import type { Pack } from '../packs/schema.js';
import { parseSnapshot } from '../snapshot/issues.js';

const PACK_ORDER: readonly string[] = BUILTIN_PACK_IDS;

function planOf(options: EvaluateOptions): { prepared: PreparedPack; reported: boolean }[] {
  const requested = (options.packs ?? BUILTIN_PACK_IDS).map((p) => (typeof p === 'string' ? builtinPack(p) : p));
  const unique = [...new Map(requested.map((p) => [p.id, p])).values()];
  const rank = (p: Pack) => (PACK_ORDER.includes(p.id) ? PACK_ORDER.indexOf(p.id) : PACK_ORDER.length);
  unique.sort((a, b) => rank(a) - rank(b));
  const packs = unique.map((pack) => ({ prepared: preparePack(pack), reported: true }));
  if (!unique.some((p) => p.id === SEVEN_STEP)) packs.unshift({ prepared: preparePack(builtinPack(SEVEN_STEP)), reported: false });
  return packs;
}

const matchers = new WeakMap<PreparedPack, Matcher>();
function matcherOf(prepared: PreparedPack): Matcher {
  let matcher = matchers.get(prepared);
  if (!matcher) matchers.set(prepared, (matcher = compilePack(prepared)));
  return matcher;
}

/** Same contract as the library's `evaluateSync`. */
export function evaluateSync(input: unknown, options: EvaluateOptions = {}): Evaluation {
  const locale = options.locale ?? 'en';
  const parsed = parseSnapshot(input, locale);
  if (!parsed.ok) return parsed;
  const snapshot = parsed.snapshot;
  const asOf = snapshot.asOf ?? options.asOf ?? formatISO(new Date(), { representation: 'date' });
  const facts = { deal: snapshot, derived: deriveFacts(snapshot, { asOf, horizonDays: options.horizonDays ?? 180 }) };
  const context = {
    asOf,
    staleDays: options.staleDays ?? 90,
    requireEvidence: options.requireEvidence ?? false,
    locale,
    tender: runsTender(snapshot),
    ...(options.model ? { model: options.model } : {}),
  };
  const packs = planOf(options).map(({ prepared, reported }) => ({ prepared, reported, matches: matcherOf(prepared)(facts) }));
  return assemble(snapshot, packs, context);
}
