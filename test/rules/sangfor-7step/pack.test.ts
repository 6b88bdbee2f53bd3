/**
 * The sangfor-7step pack as a whole: it loads, its items are the source's (ids, ★, kinds) plus the
 * marked extensions, every item documents its rules, and the built-in copy equals the files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinPack } from '../../../src/packs/builtin.js';
import { parsePack } from '../../../src/packs/load.js';

const dir = new URL('../../../rules/sangfor-7step/', import.meta.url);
const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));

const STEP_ITEMS: Record<number, string[]> = {
  1: ['s1.1', 's1.2', 's1.3', 's1.4', 's1.5', 's1.6', 's1.7'],
  2: ['s2.1', 's2.2', 's2.3', 's2.4'],
  3: ['s3.1', 's3.2', 's3.3', 's3.4', 's3.5', 's3.6', 's3.7', 's3.8', 's3.9'],
  4: ['s4.1', 's4.2', 's4.3', 's4.4', 's4.5'],
  5: ['s5.1', 's5.2', 's5.3', 's5.4', 's5.5', 's5.6', 's5.7', 's5.8'],
  6: ['s6.1', 's6.2'],
  7: ['s7.1', 's7.2'],
};
const STARS = ['s1.1', 's1.3', 's2.2', 's2.3', 's3.2', 's3.4', 's3.8', 's4.1', 's4.2', 's4.3', 's4.4', 's4.5', 's5.2', 's5.5'];
const EXTENSIONS = ['s6.1', 's6.2', 's7.2'];
const RISKS = ['s3.9', 's5.4'];
/** Items needing more than one evidence signal (the rest need 1); each item's docs say why. */
const MIN_SIGNALS: Record<string, number> = { 's1.2': 2, 's1.7': 2, 's3.1': 3, 's3.5': 2, 's3.8': 2, 's4.2': 2, 's4.3': 2, 's4.5': 2, 's5.1': 2, 's5.2': 2 };

describe('sangfor-7step pack', () => {
  const manifest = read('pack.json') as { itemFiles: string[] };
  const itemFiles = Object.fromEntries(manifest.itemFiles.map((f) => [f, read(f)]));
  const parsed = parsePack({ manifest, file: 'pack.json', itemFiles });

  it('validates', () => {
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  });

  it('equals the built-in copy', () => {
    if (!parsed.ok) throw new Error('invalid pack');
    expect(builtinPack('sangfor-7step')).toEqual(parsed.pack);
  });

  it('has the source items in order, 14 ★ of 34, and marks the extensions', () => {
    if (!parsed.ok) throw new Error('invalid pack');
    const items = parsed.pack.items;
    expect(items.map((i) => i.id)).toEqual(Object.values(STEP_ITEMS).flat());
    for (const item of items) {
      expect(STEP_ITEMS[item.step], item.id).toContain(item.id);
      expect(item.star, item.id).toBe(STARS.includes(item.id));
      expect(item.extension, item.id).toBe(EXTENSIONS.includes(item.id));
      expect(item.kind, item.id).toBe(RISKS.includes(item.id) ? 'risk' : 'positive');
      expect(item.minSignals, item.id).toBe(MIN_SIGNALS[item.id] ?? 1);
      expect(item.docs, item.id).toContain(`minSignals ${item.minSignals}`);
      expect(item.title.zh, item.id).not.toMatch(/\s/);
      for (const s of item.signals) expect(s.zh, `${item.id} signal ${s.n}`).not.toMatch(/\s/);
      expect(item.signals.map((s) => s.n), item.id).toEqual(item.signals.map((_, i) => i + 1));
    }
    const source = items.filter((i) => !i.extension);
    expect(source).toHaveLength(34);
    expect(source.filter((i) => i.star)).toHaveLength(14);
    expect(items.filter((i) => i.extension).every((i) => i.signals.length === 0 && !i.star)).toBe(true);
  });

  it('documents every rule of every item in its docs', () => {
    if (!parsed.ok) throw new Error('invalid pack');
    for (const item of parsed.pack.items) {
      expect(item.rules.length, item.id).toBeGreaterThan(0);
      item.rules.forEach((rule, index) => {
        const { rating, message } = rule.event.params;
        expect(item.docs, item.id).toContain(`${index + 1}. ${rating} \`${message}\``);
      });
    }
  });

  it('keeps W rules before C and C before F, except on risk items where F precedes C', () => {
    if (!parsed.ok) throw new Error('invalid pack');
    for (const item of parsed.pack.items) {
      const order = item.kind === 'risk' ? { W: 0, F: 1, C: 2 } : { W: 0, C: 1, F: 2 };
      const ranks = item.rules.map((r) => order[r.event.params.rating]);
      expect(ranks, item.id).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  it('uses every message it defines', () => {
    if (!parsed.ok) throw new Error('invalid pack');
    const used = new Set(parsed.pack.items.flatMap((i) => i.rules.map((r) => r.event.params.message)));
    expect(Object.keys(parsed.pack.messages).filter((m) => !used.has(m))).toEqual([]);
  });
});
