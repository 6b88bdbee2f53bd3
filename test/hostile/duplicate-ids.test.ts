/**
 * Duplicate deal ids (issue 11): `diff` matched by id and silently kept one of two deals with the
 * same id, hiding a regression. In diff that is an input error naming both places (exit 2); in audit
 * a `duplicate-id` problem (warn by default, configurable like any rule).
 *
 * Duplicate pack and item ids: a user pack with the item id `s1.1`, or the pack id `man`, silently
 * replaced the built-in one in results (the last pack listed won). Two different packs with one id,
 * or one item id in two packs, are now refused (library: an invalid_option issue; CLI: exit 2 naming
 * both packs); the same pack listed twice counts once.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateSync } from '../../src/evaluate.js';
import { parsePack } from '../../src/packs/load.js';
import { builtinPack } from '../../src/packs/optional.js';
import { packOf } from '../engine/helpers.js';
import { AS_OF, folder, run } from './io.js';

const deal = (id: string, claimedStep?: number) => JSON.stringify({ id, asOf: AS_OF, outcome: 'won', ...(claimedStep ? { claimedStep } : {}) });

describe('duplicate ids', () => {
  it('diff: an id twice on one side is exit 2 naming both places', async () => {
    const dir = folder({ 'old.jsonl': `${deal('D1')}\n`, 'new.jsonl': `${deal('D1')}\n${deal('D2')}\n${deal('D1')}\n` });
    const r = await run(['diff', 'old.jsonl', 'new.jsonl'], dir);
    expect(r.stderr).toMatch(/^error {2}new\.jsonl:3 \(deal D1\): duplicate deal id: new\.jsonl:1 has the same id/m);
    expect(r.code).toBe(2);
  });

  it('audit: a warning problem duplicate-id naming both places; exit 0 when nothing else is wrong', async () => {
    const dir = folder({ 'a.jsonl': `${deal('D1')}\n`, 'b.jsonl': `${deal('D2')}\n${deal('D1')}\n` });
    const r = await run(['audit', 'a.jsonl', 'b.jsonl'], dir);
    expect(r.stderr).toBe('warn   b.jsonl:2 (deal D1): the id "D1" is also the id of the deal at a.jsonl:1  duplicate-id\n');
    expect(r.stdout).toMatch(/1 problem \(0 errors, 1 warning\) in 3 deals/);
    expect(r.code).toBe(0);
    expect((await run(['audit', 'a.jsonl', 'b.jsonl', '--max-warnings', '0'], dir)).code).toBe(1);
  });

  it('audit: its severity comes from the config (error → exit 1; off → not reported)', async () => {
    const files = { 'a.jsonl': `${deal('D1')}\n${deal('D1')}\n` };
    const error = await run(['audit', 'a.jsonl'], folder({ ...files, 'dealqual.config.json': '{"rules":{"duplicate-id":"error"}}' }));
    expect(error.stderr).toMatch(/^error  a\.jsonl:2 \(deal D1\): .* duplicate-id$/m);
    expect(error.code).toBe(1);
    const off = await run(['audit', 'a.jsonl'], folder({ ...files, 'dealqual.config.json': '{"rules":{"duplicate-id":"off"}}' }));
    expect(off.stderr).toBe('');
    expect(off.code).toBe(0);
  });

  it('audit: ids are compared exactly (Chinese ids, ids whose hashes collide), a JSON array element is named by its place', async () => {
    // D-29845 and D-205580 have the same 32-bit FNV-1a hash (test/cli/first-places.test.ts).
    const dir = folder({
      'a.jsonl': `${deal('商机-1')}\n${deal('D-29845')}\n${deal('D-205580')}\n`,
      'b.json': `[\n${deal('商机-1')},\n${deal('D-205580')},\n${deal('商机-2')}\n]\n`,
    });
    const r = await run(['audit', 'a.jsonl', 'b.json', '-f', 'jsonl'], dir);
    expect(r.stderr).toBe(
      'warn   b.json:2 $[0] (deal 商机-1): the id "商机-1" is also the id of the deal at a.jsonl:1  duplicate-id\n' +
        'warn   b.json:3 $[1] (deal D-205580): the id "D-205580" is also the id of the deal at a.jsonl:3  duplicate-id\n',
    );
    expect(r.code).toBe(0);
  });
});

/** A valid user pack with the given pack id and item id. */
const userPack = (id: string, item: string) => {
  const manifest = packOf([{ all: [] }]);
  return { ...manifest, id, items: [{ ...manifest.items[0]!, id: item }] };
};
const loadedPack = (manifest: unknown) => {
  const parsed = parsePack({ manifest, file: 'p.json' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.pack;
};

describe('duplicate pack and item ids across packs', () => {
  const snapshot = { id: 'D-1', asOf: AS_OF, answers: { 's1.1': 'C' } };
  const hp = loadedPack(userPack('hp', 's1.1'));
  const otherMan = loadedPack(userPack('man', 'x.1'));

  it.each([
    ['an item id of a built-in pack', ['sangfor-7step', hp], 'packs[0] ("sangfor-7step") and packs[1] ("hp") both have the item "s1.1"'],
    ['the id of a built-in pack', ['man', otherMan], 'packs[0] ("man") and packs[1] ("man") are different packs with the same id "man"'],
    ['an item id, listed first', [hp, 'bant', 'sangfor-7step'], 'packs[0] ("hp") and packs[2] ("sangfor-7step") both have the item "s1.1"'],
  ])('library: a pack reusing %s is an invalid_option issue naming both packs and the id, in both APIs', async (_, packs, got) => {
    const result = evaluateSync(snapshot, { packs: packs as never });
    expect(result).toEqual({
      ok: false,
      id: 'D-1',
      issues: [{ code: 'invalid_option', path: 'options.packs', expected: expect.stringContaining('distinct item ids'), message: expect.stringContaining(`got ${got}.`) }],
    });
    await expect(evaluate(snapshot, { packs: packs as never })).resolves.toEqual(result);
  });

  it('library: the same pack listed twice counts once (a built-in id twice, its object beside its id, a pack parsed twice)', () => {
    const once = evaluateSync(snapshot, { packs: ['sangfor-7step', 'man'] });
    expect(once.ok).not.toBe(false);
    expect(evaluateSync(snapshot, { packs: ['man', 'sangfor-7step', 'man'] })).toEqual(once);
    expect(evaluateSync(snapshot, { packs: ['sangfor-7step', 'man', builtinPack('man')] })).toEqual(once);
    const twice = evaluateSync(snapshot, { packs: [loadedPack(userPack('hp', 'hp.1')), loadedPack(userPack('hp', 'hp.1'))] });
    expect(twice.ok).not.toBe(false);
    expect(Object.keys((twice as { items: object }).items)).toEqual(['hp.1']);
  });

  it('CLI: a pack file reusing a built-in item id or pack id exits 2 naming both packs and the id', async () => {
    const dir = folder({ 'd.json': JSON.stringify(snapshot), 'hp.json': JSON.stringify(userPack('hp', 's1.1')), 'man.json': JSON.stringify(userPack('man', 'x.1')) });
    const item = await run(['audit', 'd.json', '--pack', 'sangfor-7step', '--pack', 'hp.json'], dir);
    expect(item.stderr).toBe(
      'dealqual: packs that cannot be evaluated together: the built-in pack sangfor-7step and hp.json (pack hp) both have the item "s1.1"; pack ids and item ids must be unique across the evaluated packs (the same pack named twice counts once)\n',
    );
    expect(item.code).toBe(2);
    const pack = await run(['audit', 'd.json', '--pack', 'all,man.json'], dir);
    expect(pack.stderr).toContain('the built-in pack man and man.json (pack man) are different packs with the same id "man"');
    expect(pack.code).toBe(2);
    const config = await run(['audit', 'd.json'], folder({ 'd.json': JSON.stringify(snapshot), 'hp.json': JSON.stringify(userPack('hp', 's1.1')), 'dealqual.config.json': '{"packs":["hp.json","sangfor-7step"]}' }));
    expect(config.stderr).toContain('hp.json (pack hp) and the built-in pack sangfor-7step both have the item "s1.1"');
    expect(config.code).toBe(2);
  });

  it('CLI: the same pack named twice counts once (--pack man --pack man, all with one of its ids, a file twice)', async () => {
    const dir = folder({ 'd.json': JSON.stringify(snapshot), 'hp.json': JSON.stringify(userPack('hp', 'hp.1')) });
    const items = async (...packs: string[]) => {
      const r = await run(['audit', 'd.json', '-f', 'json', ...packs.flatMap((p) => ['--pack', p])], dir);
      expect(r.stderr).toBe('');
      return Object.keys((JSON.parse(r.stdout) as { items: object }[])[0]!.items);
    };
    expect(await items('man', 'man')).toEqual(['man.money', 'man.authority', 'man.need']);
    expect(await items('all', 'clmls', 'man')).toEqual(await items('all'));
    expect(await items('hp.json', 'hp.json')).toEqual(['hp.1']);
  });
});
