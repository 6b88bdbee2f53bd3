/**
 * The reference engine: json-rules-engine 7 runs the pack's rule JSON as written, with its default
 * operators and decorators. Three things are ours: `pathResolver` is the plain member-path reader
 * (json-rules-engine's default, jsonpath-plus, evaluates filter expressions); each default operator
 * is wrapped so that it is false where it would convert an object or a list to a primitive
 * (operands.ts: such a conversion can throw); and results are put back in definition order
 * (json-rules-engine lists them in the order rules finish).
 *
 * A json-rules-engine Engine must not run twice at the same time: `run` sets a shared `status`,
 * and the first run to finish marks the engine FINISHED, so a concurrent run skips its remaining
 * priority sets. `matchReference` therefore builds a new engine per run by default, and
 * `referenceMatcher` reuses one engine but queues its runs.
 */
import { Engine, Operator, Rule } from 'json-rules-engine';
import { OPERATORS } from '../packs/words.js';
import type { PreparedPack } from '../packs/prepare.js';
import type { RuleFacts } from './derive.js';
import { coercesObject } from './operands.js';
import { readPath } from './path.js';
import type { FirstMatches } from './compile.js';

/** What an Engine holds its operators in (json-rules-engine's OperatorMap; not in its typings). */
type OperatorMap = { get(name: string): { evaluate(a: unknown, b: unknown): boolean } };

/**
 * Replaces each of json-rules-engine's ten default operators by itself, made false where it would
 * convert a non-primitive operand (`coercesObject`). Decorated operators (`not:lessThan`, …) are
 * built from these on first use, so they get the guard too.
 */
function guardOperators(engine: Engine): void {
  const map = (engine as unknown as { operators: OperatorMap }).operators;
  for (const name of OPERATORS) {
    const original = map.get(name);
    engine.addOperator(new Operator(name, (a: unknown, b: unknown) => !coercesObject(name, a, b) && original.evaluate(a, b)));
  }
}

/** Builds a json-rules-engine engine holding every rule of a prepared pack. */
export function buildEngine(prepared: PreparedPack): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: readPath });
  guardOperators(engine);
  for (const [name, condition] of Object.entries(prepared.pack.conditions ?? {})) engine.setCondition(name, condition as never);
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
 * @param engine an engine from `buildEngine` that no other run is using; by default a new one for this run
 */
export async function matchReference(prepared: PreparedPack, facts: RuleFacts, engine = buildEngine(prepared)): Promise<FirstMatches> {
  const first = new Array<number>(prepared.items.length).fill(-1);
  const { results } = await engine.run({ deal: facts.deal, derived: facts.derived });
  for (const result of results) {
    const { item, index } = result.event!.params as { item: number; index: number };
    if (first[item] === -1 || index < first[item]!) first[item] = index;
  }
  return first;
}

/**
 * A matcher that builds the engine once and reuses it, running one fact set at a time (calls made
 * while a run is under way wait their turn). Rule results are cloned per run by json-rules-engine
 * (RuleResult clones the conditions it evaluates), so sequential reuse shares no state between runs.
 * Used by the benchmark ("one reused engine"); `evaluate` builds a new engine per run.
 */
export function referenceMatcher(prepared: PreparedPack): (facts: RuleFacts) => Promise<FirstMatches> {
  const engine = buildEngine(prepared);
  let queue: Promise<unknown> = Promise.resolve();
  return (facts) => {
    const run = queue.then(() => matchReference(prepared, facts, engine));
    queue = run.catch(() => undefined);
    return run;
  };
}
