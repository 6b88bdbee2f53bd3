/**
 * Hostile packs: conditions nested thousands deep. The raw JSON's nesting is checked iteratively
 * before the (recursive) schema runs, so `parsePack` returns an issue with the path instead of
 * overflowing the stack — and it never throws, whatever it is given.
 */
import { describe, expect, it } from 'vitest';
import { parsePack } from '../../src/packs/load.js';
import { MAX_PACK_JSON_DEPTH } from '../../src/packs/limits.js';
import { load, packOf } from '../engine/helpers.js';

const fact = { fact: 'deal', path: '$.amount', operator: 'greaterThan', value: 0 };

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let condition: unknown = { all: [fact] };
  for (let i = 0; i < depth; i++) condition = wrap(condition);
  return condition;
}

describe('pack nesting depth', () => {
  it.each([
    ['all', (c: unknown) => ({ all: [c] })],
    ['not', (c: unknown) => ({ not: c })],
  ])('rejects %s nested 2,000 deep with the path where the limit is passed', (_, wrap) => {
    const parsed = load(packOf([nested(2_000, wrap)]));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toHaveLength(1);
    expect(parsed.issues[0]!.message).toContain(`at most ${MAX_PACK_JSON_DEPTH} levels`);
    expect(parsed.issues[0]!.path).toMatch(/^\$\.items\[0\]\.rules\[0\]\.conditions\.(all\[0\]|not)\./);
  });

  it('rejects deep nesting in a named condition and in an item file, naming that file', () => {
    expect(load(packOf([{ condition: 'deep' }], { deep: nested(5_000, (c) => ({ any: [c] })) }))).toMatchObject({ ok: false, issues: [{ path: expect.stringMatching(/^\$\.conditions\.deep\.any\[0\]/) }] });
    const { items, ...manifest } = packOf([nested(100_000, (c) => ({ not: c }))]);
    expect(parsePack({ file: 'pack.json', manifest: { ...manifest, itemFiles: ['deep.json'] }, itemFiles: { 'deep.json': items } })).toMatchObject({
      ok: false,
      issues: [{ file: 'deep.json', path: expect.stringMatching(/^\$\[0\]\.rules\[0\]\.conditions\.not\.not/) }],
    });
  });

  it('accepts nesting within the limit', () => expect(load(packOf([nested(20, (c) => ({ all: [c] }))])).ok).toBe(true));

  it('never throws: hostile sources come back as issues', () => {
    const cyclic: Record<string, unknown> = { id: 'x' };
    cyclic.self = cyclic;
    const getter = Object.defineProperty({ ...packOf([{ all: [] }]) }, 'items', { enumerable: true, get: () => { throw new Error('boom'); } });
    for (const manifest of [cyclic, getter, new Proxy({}, { ownKeys: () => { throw new Error('boom'); } })])
      expect(parsePack({ file: 'p.json', manifest }).ok).toBe(false);
    expect(parsePack(null as never).ok).toBe(false);
  });
});
