/** Small builders shared by the engine tests. */
import { compilePack } from '../../src/engine/compile.js';
import type { RuleFacts } from '../../src/engine/derive.js';
import { matchReference } from '../../src/engine/reference.js';
import type { Condition } from '../../src/packs/conditions.js';
import { parsePack, type PackParse } from '../../src/packs/load.js';
import { preparePack } from '../../src/packs/prepare.js';
import type { Pack, PackInput } from '../../src/packs/schema.js';

const bilingual = { zh: '测试', en: 'test' };

/** A pack of one item per root condition (one rule each), plus named conditions. */
export function packOf(roots: readonly unknown[], named: Record<string, unknown> = {}): PackInput {
  return {
    id: 'test',
    version: '1.0.0',
    title: bilingual,
    docs: 'test pack',
    messages: { m: bilingual },
    conditions: named as never,
    items: roots.map((conditions, i) => ({
      id: `test.i${i}`,
      step: 1,
      star: false,
      title: bilingual,
      signals: [],
      docs: 'test item',
      rules: [{ conditions: conditions as never, event: { type: 'rate' as const, params: { rating: 'C' as const, message: 'm' } } }],
    })),
  };
}

export function load(input: unknown, file = 'test.json'): PackParse {
  return parsePack({ manifest: input, file });
}

export function loaded(input: unknown): Pack {
  const parsed = load(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.pack;
}

/**
 * Whether a root condition holds for the facts, in both engines; throws when they disagree.
 * The pack goes through loading first, so only conditions loading accepts are tried.
 */
export async function holds(root: Condition, facts: Partial<Record<'deal' | 'derived', unknown>>, named: Record<string, unknown> = {}): Promise<boolean> {
  const prepared = preparePack(loaded(packOf([root], named)));
  const ruleFacts = facts as unknown as RuleFacts;
  const reference = (await matchReference(prepared, ruleFacts))[0] === 0;
  const compiled = compilePack(prepared)(ruleFacts)[0] === 0;
  if (reference !== compiled) throw new Error(`engines disagree: json-rules-engine ${reference}, compiled ${compiled}`);
  return compiled;
}

/** `holds` for one fact condition on the `deal` fact. */
export const check = (operator: string, dealValue: unknown, value: unknown, path?: string) =>
  holds({ all: [{ fact: 'deal', operator, value, ...(path ? { path } : {}) } as Condition] }, { deal: dealValue, derived: {} });
