/**
 * `evaluate`: the shared pipeline (pipeline.ts) with json-rules-engine, the reference engine,
 * matching the rules; `evaluateSync` (evaluate-sync.ts) runs the same rules compiled to closures.
 * They differ only in how rule conditions are matched, and return equal results.
 *
 * json-rules-engine (and eventemitter2, which needs timers) is loaded on the first `evaluate`
 * call, never at import: `import { evaluateSync } from 'dealqual'` stays free of it, so the entry
 * loads in runtimes without Node built-ins or timers and bundles without the reference engine.
 */
import { begin, finish, internalError, type DescribedEvaluation, type EvaluateOptions, type Evaluation } from './pipeline.js';
import type { FirstMatches } from './engine/compile.js';

export { evaluateSync, type DescribedEvaluation, type EvaluateOptions, type Evaluation, type InvalidSnapshot } from './evaluate-sync.js';

/**
 * Evaluates a deal snapshot with json-rules-engine (the reference engine).
 * Invalid input or options resolve to `{ ok: false, issues }`, never a rejection. Compact by
 * default; `detail: 'full'` adds the texts (as `describe` does).
 * @example const result = await evaluate({ id: 'D-1', answers: { 's1.1': 'C' } }, { asOf: '2026-11-01' })
 */
export async function evaluate(input: unknown, options: EvaluateOptions & { detail: 'full' }): Promise<DescribedEvaluation>;
export async function evaluate(input: unknown, options?: EvaluateOptions): Promise<Evaluation>;
export async function evaluate(input: unknown, options: EvaluateOptions = {}): Promise<Evaluation> {
  try {
    const ready = begin(input, options);
    if ('ok' in ready) return ready;
    const { matchReference } = await import('./engine/reference.js');
    const matches: FirstMatches[] = [];
    for (const { prepared } of ready.plan.packs) matches.push(await matchReference(prepared, ready.facts));
    return finish(ready, matches, options);
  } catch (error) {
    return internalError(input, error, options);
  }
}
