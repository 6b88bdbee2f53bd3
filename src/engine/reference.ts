/**
 * The reference engine: json-rules-engine 7 runs the pack's rule JSON as written. A new engine per
 * run, so concurrent runs share no mutable state; paths go through the plain member-path reader.
 */
import { Engine, Rule } from 'json-rules-engine';
import type { PreparedPack } from '../packs/prepare.js';
import type { RuleFacts } from './derive.js';
import { readPath } from './path.js';

/** Builds a json-rules-engine engine holding every rule of a prepared pack. */
export function buildEngine(prepared: PreparedPack): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: readPath });
  for (const [name, condition] of Object.entries(prepared.pack.conditions)) engine.setCondition(name, condition as never);
  prepared.rules.forEach((rules, item) =>
    rules.forEach((entry, index) => {
      const { conditions, event, priority, name } = entry.rule;
      engine.addRule(
        new Rule({ conditions: conditions as never, priority: priority ?? 1, name, event: { type: event.type, params: { ...event.params, item, index } } }),
      );
    }),
  );
  return engine;
}

/**
 * Per item, the index (in trial order) of the first rule whose conditions hold, or -1.
 * @param engine an engine from `buildEngine`; by default a new one for this run
 */
export async function matchReference(prepared: PreparedPack, facts: RuleFacts, engine = buildEngine(prepared)): Promise<Int32Array> {
  const first = new Int32Array(prepared.items.length).fill(-1);
  const { results } = await engine.run({ deal: facts.deal, derived: facts.derived });
  for (const result of results) {
    const { item, index } = result.event!.params as { item: number; index: number };
    if (first[item] === -1 || index < first[item]!) first[item] = index;
  }
  return first;
}
