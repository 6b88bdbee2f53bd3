/**
 * `evaluateSync`: the shared pipeline (pipeline.ts) with the rules compiled to closures. This
 * module never imports json-rules-engine, so the spreadsheet bundle can use it.
 */
import { compilePack, type FirstMatches, type Matcher } from './engine/compile.js';
import type { PreparedPack } from './packs/prepare.js';
import { begin, finish, internalError, type DescribedEvaluation, type EvaluateOptions, type Evaluation } from './pipeline.js';

export type { DescribedEvaluation, EvaluateOptions, Evaluation, InvalidSnapshot } from './pipeline.js';

const matchers = new WeakMap<PreparedPack, Matcher>();
function matcherOf(prepared: PreparedPack): Matcher {
  let matcher = matchers.get(prepared);
  if (!matcher) matchers.set(prepared, (matcher = compilePack(prepared)));
  return matcher;
}

/**
 * Evaluates a deal snapshot synchronously with the compiled rules; equal to `evaluate`'s result.
 * Compact by default; `detail: 'full'` adds the texts (as `describe` does). Never throws: invalid
 * input or options come back as `{ ok: false, issues }`.
 * @example const result = evaluateSync({ id: 'D-1', answers: { 's1.1': 'C' } }, { asOf: '2026-11-01' })
 */
export function evaluateSync(input: unknown, options: EvaluateOptions & { detail: 'full' }): DescribedEvaluation;
export function evaluateSync(input: unknown, options?: EvaluateOptions): Evaluation;
export function evaluateSync(input: unknown, options: EvaluateOptions = {}): Evaluation {
  try {
    const ready = begin(input, options);
    if ('ok' in ready) return ready;
    const packs = ready.plan.packs;
    const matches = new Array<FirstMatches>(packs.length);
    for (let p = 0; p < packs.length; p++) matches[p] = matcherOf(packs[p]!.prepared)(ready.facts);
    return finish(ready, matches, options);
  } catch (error) {
    return internalError(input, error, options);
  }
}
