/**
 * The public evaluation API. `evaluate` runs the pack rules with json-rules-engine (the reference
 * engine); `evaluateSync` (evaluate-sync.ts) runs the same rules compiled to closures. Both share
 * parsing, fact derivation and assembly, so they differ only in how rule conditions are matched —
 * and return equal results.
 *
 * json-rules-engine (and eventemitter2, which needs timers) is loaded on the first `evaluate`
 * call, never at import: `import { evaluateSync } from 'dealqual'` stays free of it, so the entry
 * loads in runtimes without Node built-ins or timers and bundles without the reference engine.
 */
import { assemble } from './core/assemble.js';
import { internalError, prepare, type EvaluateOptions, type Evaluation } from './evaluate-sync.js';

export { evaluateSync, type EvaluateOptions, type Evaluation, type InvalidSnapshot } from './evaluate-sync.js';

/**
 * Evaluates a deal snapshot with json-rules-engine (the reference engine).
 * Invalid input or options resolve to `{ ok: false, issues }`, never a rejection.
 * @example const result = await evaluate({ id: 'D-1', answers: { 's1.1': 'C' } }, { asOf: '2026-11-01' })
 */
export async function evaluate(input: unknown, options: EvaluateOptions = {}): Promise<Evaluation> {
  try {
    const ready = prepare(input, options);
    if ('ok' in ready) return ready;
    const matches: Int32Array[] = [];
    const { matchReference } = await import('./engine/reference.js');
    for (const { prepared } of ready.plan.packs) matches.push(await matchReference(prepared, ready.facts));
    return assemble(ready.snapshot, ready.plan, matches, ready.context);
  } catch (error) {
    return internalError(input, error, options);
  }
}

