/**
 * `evaluate`: the shared pipeline (pipeline.ts) with json-rules-engine, the reference engine,
 * matching the rules; `evaluateSync` (evaluate-sync.ts) runs the same rules compiled to closures.
 * They differ only in how rule conditions are matched, and return equal results.
 */
import { matchReference } from './engine/reference.js';
import { begin, finish, type DescribedEvaluation, type EvaluateOptions, type Evaluation } from './pipeline.js';

export { evaluateSync, type DescribedEvaluation, type EvaluateOptions, type Evaluation, type InvalidSnapshot } from './evaluate-sync.js';

/**
 * Evaluates a deal snapshot with json-rules-engine (the reference engine).
 * Invalid input resolves to `{ ok: false, issues }`, never a rejection. Compact by default;
 * `detail: 'full'` adds the texts (as `describe` does).
 * @example const result = await evaluate({ id: 'D-1', answers: { 's1.1': 'C' } }, { asOf: '2026-11-01' })
 */
export async function evaluate(input: unknown, options: EvaluateOptions & { detail: 'full' }): Promise<DescribedEvaluation>;
export async function evaluate(input: unknown, options?: EvaluateOptions): Promise<Evaluation>;
export async function evaluate(input: unknown, options: EvaluateOptions = {}): Promise<Evaluation> {
  const ready = begin(input, options);
  if ('ok' in ready) return ready;
  const matches: Int32Array[] = [];
  for (const { prepared } of ready.plan.packs) matches.push(await matchReference(prepared, ready.facts));
  return finish(ready, matches, options);
}
