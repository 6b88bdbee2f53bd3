/**
 * The spreadsheet bundle's evaluator (src/sheets/evaluate-sync.ts, without json-rules-engine)
 * must equal the library's evaluateSync for every deal and every option.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { evaluateSync as library, type EvaluateOptions } from '../../src/index.js';
import { evaluateSync as sheets } from '../../src/sheets/evaluate-sync.js';

const load = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      try {
        return [[f, JSON.parse(readFileSync(join(dir, f), 'utf8'))] as const];
      } catch {
        return [];
      }
    });

const deals = load('fixtures/deals');
const invalid = load('fixtures/invalid');

const OPTIONS: EvaluateOptions[] = [
  { asOf: '2026-11-01' },
  {},
  { asOf: '2026-11-01', packs: ['man'] },
  { asOf: '2026-11-01', packs: ['bant', 'man'] },
  { asOf: '2027-06-01', staleDays: 10, requireEvidence: true },
  { asOf: '2026-11-01', horizonDays: 30, locale: 'zh-CN' },
];

describe('the sync-only evaluator equals evaluateSync', () => {
  test('there are fixture deals to compare', () => expect(deals.length).toBeGreaterThan(10));
  test.each(OPTIONS.map((o) => [JSON.stringify(o), o] as const))('options %s', (_, options) => {
    for (const [file, deal] of [...deals, ...invalid]) expect(sheets(deal, options), file).toEqual(library(deal, options));
  });
});
