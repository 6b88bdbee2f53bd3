/**
 * RuleTester for pack items, in ESLint's style: per item, tables of snapshots that must rate C, F
 * and W. Every case runs through both engines (json-rules-engine and the compiled one).
 *
 * @example
 * ruleTester('s1.1', {
 *   C: [{ name: 'problems listed', deal: { need: { problems: ['VPN'] } }, reason: 'facts' }],
 *   W: [{ name: 'nothing known', deal: {}, reason: 'nothing-known' }],
 * });
 */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateSync, type EvaluateOptions } from '../../src/evaluate.js';
import type { DescribedResult, ReasonCode, Result } from '../../src/result.js';
import type { SnapshotInput } from '../../src/snapshot/schema.js';

export const AS_OF = '2026-11-01';

export interface RuleCase {
  name: string;
  /** The snapshot without `id` (and `asOf`, which defaults to AS_OF). */
  deal: Omit<SnapshotInput, 'id'> & { id?: string };
  /** Expected reason code; default: any. */
  reason?: ReasonCode;
  /** Expected pack message id when the reason is `facts`. */
  message?: string;
  options?: EvaluateOptions;
}

export type RuleCases = Partial<Record<'C' | 'F' | 'W', RuleCase[]>>;

/** Evaluates a case with both engines, checks they agree, and returns the result. */
export async function evaluateBoth(deal: RuleCase['deal'], options: EvaluateOptions = {}): Promise<Result> {
  const input = { id: 'T-1', asOf: AS_OF, ...deal };
  const sync = evaluateSync(input, options);
  const reference = await evaluate(input, options);
  expect(sync).toEqual(reference);
  if (!sync.ok) throw new Error(`invalid test snapshot: ${JSON.stringify(sync.issues)}`);
  return sync;
}

/** `evaluateBoth` with `detail: 'full'`: the result with its texts (messages, titles, signals). */
export async function describedBoth(deal: RuleCase['deal'], options: EvaluateOptions = {}): Promise<DescribedResult> {
  return (await evaluateBoth(deal, { ...options, detail: 'full' })) as DescribedResult;
}

/** Declares the C/F/W tables of one item as vitest cases. */
export function ruleTester(item: string, cases: RuleCases): void {
  describe(item, () => {
    for (const rating of ['C', 'F', 'W'] as const) {
      for (const c of cases[rating] ?? []) {
        it(`${rating}: ${c.name}`, async () => {
          const result = await evaluateBoth(c.deal, c.options);
          const got = result.items[item];
          expect(got, `item ${item} is evaluated`).toBeDefined();
          expect({ rating: got!.rating, reason: got!.reason.code }).toEqual({ rating, reason: c.reason ?? got!.reason.code });
          if (c.message !== undefined) expect(got!.reason.params.message).toBe(c.message);
        });
      }
    }
  });
}
