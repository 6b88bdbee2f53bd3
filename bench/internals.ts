/**
 * What the bench needs from inside the package, beyond the public API of dist/: the evaluation
 * steps (pipeline.ts: begin, finish; assemble), the two engines and the pack loader. bench/internals.mjs bundles this
 * file from the same sources `npm run build` uses; nothing here ships.
 */
import type { RuleFacts } from '../src/engine/derive.js';
import { begin, finish, type EvaluateOptions, type Evaluation } from '../src/pipeline.js';
import type { PreparedPack } from '../src/packs/prepare.js';

export { assemble } from '../src/core/assemble.js';
export { compilePack } from '../src/engine/compile.js';
export { buildEngine, matchReference, referenceMatcher } from '../src/engine/reference.js';
export { begin as prepare } from '../src/pipeline.js';
export { evaluate, evaluateSync } from '../src/evaluate.js';
export { BUILTIN_PACK_IDS, builtinPack } from '../src/packs/builtin.js';
export { parsePack } from '../src/packs/load.js';
export { preparePack } from '../src/packs/prepare.js';

type SyncMatch = (prepared: PreparedPack) => (facts: RuleFacts) => readonly number[];
type AsyncMatch = (prepared: PreparedPack) => (facts: RuleFacts) => Promise<readonly number[]>;

/** `evaluateSync` with another matcher per pack: the same parsing, plan, derivation and assembly. */
export function evaluateWith(matcherFor: SyncMatch, input: unknown, options: EvaluateOptions = {}): Evaluation {
  const ready = begin(input, options);
  if ('ok' in ready) return ready;
  const matches = ready.plan.packs.map(({ prepared }) => matcherFor(prepared)(ready.facts));
  return finish(ready, matches, options);
}

/** `evaluate` with another asynchronous matcher per pack (the bench: one reused json-rules-engine Engine per pack). */
export async function evaluateWithAsync(matcherFor: AsyncMatch, input: unknown, options: EvaluateOptions = {}): Promise<Evaluation> {
  const ready = begin(input, options);
  if ('ok' in ready) return ready;
  const matches = [];
  for (const { prepared } of ready.plan.packs) matches.push(await matcherFor(prepared)(ready.facts));
  return finish(ready, matches, options);
}
export { deriveFacts } from '../src/engine/derive.js';
