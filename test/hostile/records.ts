/** Cheap audit records for formatter tests: one real evaluation, copied under other ids. */
import { evaluateSync } from '../../src/evaluate.js';
import type { AuditRecord, FormatContext } from '../../src/cli/formatters/types.js';
import { problemsOf } from '../../src/cli/policy.js';
import type { Result } from '../../src/result.js';
import { AS_OF } from './io.js';

export const CONTEXT: FormatContext = { locale: 'en', color: false };

const base = evaluateSync({ id: 'base', asOf: AS_OF, claimedStep: 5, answers: { 's1.1': 'C' } }) as Result;
if (!base.ok) throw new Error('the base deal must evaluate');
const problems = problemsOf(base, { severities: {}, locale: 'en' });

/** A record of the base deal under `id`, from `file`, with an optional amount. */
export function record(id: string, file = 'deals.jsonl', amount?: number): AuditRecord {
  return { source: { file, line: 1 }, result: { ...base, id }, problems, ...(amount === undefined ? {} : { amount, currency: 'CNY' }) };
}

/** The same, sharing one slim result shape (no per-item detail): for runs of 100,000s of records. */
export function slimRecord(id: string): AuditRecord {
  return { source: { file: 'deals.jsonl', line: 1 }, result: { ...base, id, items: {} }, problems: problems.slice(0, 1) };
}
