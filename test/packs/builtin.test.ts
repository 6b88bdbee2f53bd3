import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_PACK_IDS, allPacks, builtinPack, OPT_IN_PACK_IDS } from '../../src/packs/optional.js';
import { builtinPack as mainEntryPack, BUILTIN_PACK_IDS } from '../../src/packs/builtin.js';
import { evaluateSync } from '../../src/evaluate-sync.js';
import { listItems } from '../../src/packs/items.js';
import { parsePack } from '../../src/packs/load.js';
import { readSeed, seedsMissing } from '../support/seeds.js';

const root = join(import.meta.dirname, '../..');
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const seed = readSeed('004_9fc3feababb7930c.txt');
/** Only CJK characters, letters and digits: the seed's layout noise and punctuation fall away. */
const bare = (text: string) => text.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '');

/** Item ids, ★ and signal counts of seed 004, from shared/reference/seven-step-checklist.md. */
const SOURCE: Record<string, [star: boolean, signals: number]> = {
  's1.1': [true, 0], 's1.2': [false, 2], 's1.3': [true, 2], 's1.4': [false, 3], 's1.5': [false, 2], 's1.6': [false, 3], 's1.7': [false, 2],
  's2.1': [false, 3], 's2.2': [true, 1], 's2.3': [true, 1], 's2.4': [false, 2],
  's3.1': [false, 8], 's3.2': [true, 3], 's3.3': [false, 3], 's3.4': [true, 4], 's3.5': [false, 3], 's3.6': [false, 3], 's3.7': [false, 2], 's3.8': [true, 3], 's3.9': [false, 4],
  's4.1': [true, 1], 's4.2': [true, 8], 's4.3': [true, 2], 's4.4': [true, 0], 's4.5': [true, 2],
  's5.1': [false, 7], 's5.2': [true, 5], 's5.3': [false, 5], 's5.4': [false, 4], 's5.5': [true, 3], 's5.6': [false, 4], 's5.7': [false, 4], 's5.8': [false, 2],
  's7.1': [false, 2],
};

describe('sangfor-7step: the source items, exactly', () => {
  const items = listItems('sangfor-7step');
  const source = items.filter((i) => !i.extension);
  it('has the 34 items of seed 004 with their ids, 14 of them ★', () => {
    expect(source.map((i) => i.id)).toEqual(Object.keys(SOURCE));
    expect(source.filter((i) => i.star)).toHaveLength(14);
  });
  it.each(Object.entries(SOURCE))('%s: ★ and signals as the source', (id, [star, signals]) => {
    const item = items.find((i) => i.id === id)!;
    expect(item.star).toBe(star);
    expect(item.signals.map((s) => s.n)).toEqual(Array.from({ length: signals }, (_, k) => k + 1));
    expect(item.step).toBe(Number(id[1]));
  });
  it.skipIf(seedsMissing).each(source.map((i) => [i.id, i] as const))(`%s: the Chinese title is the source text${seedsMissing ? ` (${seedsMissing})` : ''}`, (_, item) => {
    expect(bare(seed)).toContain(bare(item.title.zh));
    expect(item.title.en.length).toBeGreaterThan(10);
  });
  it.skipIf(seedsMissing)(`signals keep the source text too${seedsMissing ? ` (${seedsMissing})` : ''}`, () => {
    for (const item of source) for (const signal of item.signals) expect(bare(seed), `${item.id} signal ${signal.n}`).toContain(bare(signal.zh).slice(0, 8));
  });
  it('adds items only to steps 6 and 7, marked as extensions, without ★', () => {
    const extensions = items.filter((i) => i.extension);
    expect(extensions.length).toBeGreaterThan(0);
    for (const item of extensions) {
      expect([6, 7]).toContain(item.step);
      expect(item.star).toBe(false);
    }
  });
  it('marks s3.9 and s5.4 as red-flag (risk) items, and only them', () =>
    expect(items.filter((i) => i.kind === 'risk').map((i) => i.id)).toEqual(['s3.9', 's5.4']));
});

describe('unknown pack names', () => {
  it('say which packs are built in', () => expect(() => builtinPack('nope' as never)).toThrow(/unknown built-in pack "nope"; built-in packs: sangfor-7step, man, bant/));
});

describe("the opt-in packs come from 'dealqual/packs', not from the main entry", () => {
  it("the main entry's builtinPack gives the defaults and, for an opt-in id, says where to get it", () => {
    for (const id of BUILTIN_PACK_IDS) expect(mainEntryPack(id)).toBe(builtinPack(id));
    for (const id of OPT_IN_PACK_IDS)
      // Its type takes the default ids only; an untyped caller gets this error.
      expect(() => mainEntryPack(id as never)).toThrow(new RegExp(`"${id}" is an opt-in pack, not carried by this entry: take builtinPack\\('${id}'\\) from 'dealqual/packs'`));
  });
  it('allPacks() is every built-in pack in evaluation order, validated once', () => {
    expect(allPacks().map((p) => p.id)).toEqual([...ALL_PACK_IDS]);
    expect(allPacks()[3]).toBe(builtinPack('clmls'));
  });
  it('an opt-in id as a string in `packs` is a bad option naming dealqual/packs; the pack itself evaluates', () => {
    const deal = { id: 'D-1', asOf: '2026-11-01', answers: { 's1.1': 'C' } };
    // The type refuses it (`EvaluateOptions.packs` takes default ids or packs); an untyped caller gets the issue.
    // @ts-expect-error 'clmls' is not a default pack id
    const bad = evaluateSync(deal, { packs: ['sangfor-7step', 'clmls'] });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues).toEqual([expect.objectContaining({ code: 'invalid_option', path: 'options.packs', expected: expect.stringContaining("builtinPack from 'dealqual/packs'") })]);
    const good = evaluateSync(deal, { packs: ['sangfor-7step', builtinPack('clmls')] });
    expect(good.ok && Object.keys(good.stages ?? {})).toEqual(['clmls']);
  });
});

describe('MAN and BANT item ids', () => {
  it('follow the contract', () => {
    expect(listItems('man').map((i) => i.id)).toEqual(['man.money', 'man.authority', 'man.need']);
    expect(listItems('bant').map((i) => i.id)).toEqual(['bant.budget', 'bant.authority', 'bant.need', 'bant.timeline']);
  });
});

describe('built-in packs are the files in rules/', () => {
  it.each(ALL_PACK_IDS)('%s: embedded pack equals the pack read from disk', (id) => {
    const dir = `rules/${id}`;
    const manifest = readJson(`${dir}/pack.json`);
    const itemFiles = Object.fromEntries(readdirSync(join(root, dir)).filter((f) => f !== 'pack.json').map((f) => [f, readJson(`${dir}/${f}`)]));
    const parsed = parsePack({ manifest, file: `${dir}/pack.json`, itemFiles });
    expect(parsed.ok && parsed.pack).toEqual(builtinPack(id));
  });
  it.each(ALL_PACK_IDS)('%s: every item documents how it is rated and has rules', (id) => {
    for (const item of builtinPack(id).items) {
      expect(item.docs.length, item.id).toBeGreaterThan(40);
      expect(item.rules.length, item.id).toBeGreaterThan(0);
    }
  });
});
