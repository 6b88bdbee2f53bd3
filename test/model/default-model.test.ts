import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateSync } from '../../src/evaluate.js';
import { defaultModelFile } from '../../src/model/default.js';
import { parseModel } from '../../src/model/file.js';
import { builtinPack } from '../../src/packs/builtin.js';
import type { Result } from '../../src/result.js';

const PATH = new URL('../../models/default.json', import.meta.url);
const generated = defaultModelFile();
const text = JSON.stringify(generated, null, 2) + '\n';
if (process.env.UPDATE_DEFAULT_MODEL === '1') writeFileSync(PATH, text);
const onDisk = readFileSync(PATH, 'utf8');

const allItems = (['sangfor-7step', 'man', 'bant'] as const).flatMap((id) => builtinPack(id).items);

describe('models/default.json', () => {
  it('is valid and equals what the packs generate (regenerate with the command in its "generated.by")', () => {
    const parsed = parseModel(JSON.parse(onDisk), 'models/default.json');
    expect(parsed.ok).toBe(true);
    expect(onDisk).toBe(text);
  });

  it('weighs every item of the built-in packs, monotone: C ≥ F ≥ W = 0, red flags and vetoes ≤ 0 and only on red-flag and decisive items, ★ above the rest', () => {
    const parsed = parseModel(JSON.parse(onDisk), 'models/default.json');
    if (!parsed.ok) throw new Error('invalid');
    expect(Object.keys(parsed.model.weights).sort()).toEqual(allItems.map((i) => i.id).sort());
    for (const item of allItems) {
      const w = parsed.model.weights[item.id]!;
      expect(w.C).toBeGreaterThanOrEqual(w.F);
      expect(w.F).toBeGreaterThanOrEqual(0);
      expect(w.redFlag).toBeLessThanOrEqual(0);
      if (item.kind !== 'risk' && !item.redFlag) expect(w.redFlag).toBe(0);
      if (item.decisive) expect(w.veto).toBeLessThan(-3);
      else expect(w.veto).toBeUndefined();
      expect(parsed.file.packs[item.id.startsWith('s') ? 'sangfor-7step' : item.id.split('.')[0]!]!.items[item.id]!.note).toMatch(/\w/);
    }
    const s11 = parsed.model.weights['s1.1']!;
    const s12 = parsed.model.weights['s1.2']!;
    expect(s11.C).toBeCloseTo(2 * s12.C, 12);
  });

  it('gives a tender deal the same probability as the built-in prior, and holds the 8C/1F/0W anchor', () => {
    const parsed = parseModel(JSON.parse(onDisk), 'models/default.json');
    if (!parsed.ok) throw new Error('invalid');
    const answers = Object.fromEntries(builtinPack('sangfor-7step').items.map((i) => [i.id, i.star && i.id === 's2.2' ? 'F' : 'C']));
    const deal = { id: 'A-1', asOf: '2026-11-01', procurement: { tender: true }, answers };
    const withFile = evaluateSync(deal, { model: parsed.model }) as Result;
    const builtIn = evaluateSync(deal) as Result;
    expect(withFile.probability).toBeCloseTo(builtIn.probability, 12);
    expect(withFile.probability).toBeGreaterThanOrEqual(0.6);
    expect(withFile.probability).toBeCloseTo(0.9127, 3);
  });
});
