import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { evaluateSync } from '../../src/evaluate.js';
import { fedPaths, tableToSnapshots } from '../../src/flat/index.js';
import { scores } from '../../src/model/metrics.js';
import { observableItems } from '../../src/model/observable.js';
import { builtinPack } from '../../src/packs/builtin.js';
import { parsePack } from '../../src/packs/load.js';
import type { Pack } from '../../src/packs/schema.js';
import type { Result } from '../../src/result.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const logitOf = (r: Result) => Object.values(r.items).reduce((s, i) => s + i.contribution, r.intercept);

/** A custom pack of 20 categorical items (5 ★), one per column of a wide CRM export. */
function widePack(): Pack {
  const items = Array.from({ length: 20 }, (_, i) => ({ id: `wide.c${i + 1}`, step: 1 + (i % 7), star: i % 4 === 0, from: `custom.c${i + 1}`, levels: { Yes: 'C', Partial: 'F', No: 'W' } }));
  const parsed = parsePack({ manifest: { id: 'wide', version: '1.0.0', title: { zh: '宽表', en: 'Wide' }, docs: 'Twenty columns.', messages: {}, items }, file: 'wide.json' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.pack;
}

describe('a prior that adapts to what is observable', () => {
  it('items no column feeds leave the span to those it does: 8 C, 1 F, 0 W of the fed items → ≥ 0.60, with exact contributions', () => {
    const pack = widePack();
    // The export has columns for items 1–9 only (c1, c5, c9 are ★).
    const headers = ['id', ...Array.from({ length: 9 }, (_, i) => `custom.c${i + 1}`)];
    const row = ['D-1', 'Partial', 'Yes', 'Yes', 'Yes', 'Yes', 'Yes', 'Yes', 'Yes', 'Yes'];
    const [read] = tableToSnapshots([headers, row]);
    if (!read?.ok) throw new Error('row');
    const observable = observableItems([pack], fedPaths(headers));
    expect([...observable]).toEqual(Array.from({ length: 9 }, (_, i) => `wide.c${i + 1}`));
    const adapted = evaluateSync(read.snapshot, { packs: [pack], asOf: '2026-11-01', observable }) as Result;
    const fixed = evaluateSync(read.snapshot, { packs: [pack], asOf: '2026-11-01' }) as Result;
    expect(adapted.probability).toBeGreaterThanOrEqual(0.6);
    // Without it, the eleven items nothing can feed count as W: the same deal looks hopeless.
    expect(fixed.probability).toBeLessThan(0.5);
    expect(logitOf(adapted)).toBe(adapted.logit);
    expect(adapted.items['wide.c10']!.contribution).toBe(0);
    // Ranking among the fed items keeps the prior's weights: ★ two units, others one, F half of C.
    expect(adapted.items['wide.c5']!.contribution).toBeCloseTo(2 * adapted.items['wide.c2']!.contribution, 12);
    expect(adapted.items['wide.c1']!.contribution).toBeCloseTo(adapted.items['wide.c5']!.contribution / 2, 12);
  });

  it('switched-off items are not observable; a table feeds built-in items through answers, facts and derived facts', () => {
    const pack = widePack();
    expect(observableItems([pack], undefined, ['wide.c3']).has('wide.c3')).toBe(false);
    expect(observableItems([pack], undefined).size).toBe(20);
    const seven = builtinPack('sangfor-7step');
    const byAnswers = observableItems([seven], ['answers.s1.1']);
    expect([...byAnswers]).toEqual(['s1.1']);
    const byStakeholders = observableItems([seven], fedPaths(['id', 'stakeholders']));
    expect(byStakeholders.has('s5.2')).toBe(true);
    expect(byStakeholders.has('s2.2')).toBe(false);
    expect(observableItems([seven], fedPaths(['id', 'evidence'])).size).toBe(seven.items.length);
  });

  it('an uncalibrated custom pack over an export that feeds half its items is better calibrated, and ranks nearly the same', () => {
    const parsed = parsePack({ manifest: JSON.parse(readFileSync(`${ROOT}fixtures/crm/pack.json`, 'utf8')), file: 'pack.json' });
    if (!parsed.ok) throw new Error('pack');
    const mapping = JSON.parse(readFileSync(`${ROOT}fixtures/crm/mapping.json`, 'utf8')) as Record<string, unknown>;
    // An export without five of the columns the pack reads.
    for (const header of ['Budget Confirmed', 'Need Documented', 'Champion', 'Demo Completed', 'Days Since Last Activity']) mapping[header] = '-';
    const table = parse(readFileSync(`${ROOT}fixtures/crm/history.csv`, 'utf8')) as string[][];
    const observable = observableItems([parsed.pack], fedPaths(table[0]!, { mapping: mapping as never }));
    expect(observable.size).toBe(5);
    const closed = tableToSnapshots(table, { mapping: mapping as never }).flatMap((r) => (r.ok && r.snapshot.outcome !== 'open' ? [r.snapshot] : []));
    const run = (extra: object) => {
      const results = closed.map((s) => evaluateSync(s, { packs: [parsed.pack], ...extra }) as Result);
      return scores(results.map((r) => r.probability), closed.map((s) => (s.outcome === 'won' ? 1 : 0)));
    };
    const adapted = run({ observable });
    const fixed = run({});
    // Nearly the same order: the C and F weights are rescaled, not reordered, but a red flag's W
    // (issue 12) weighs a fixed SPAN/6 per unit, so deals with one move a little against the others.
    expect(Math.abs(adapted.auc! - fixed.auc!)).toBeLessThan(0.01);
    expect(adapted.brier!).toBeLessThan(fixed.brier!);
    expect(adapted.ece!).toBeLessThan(fixed.ece!);
  });
});
