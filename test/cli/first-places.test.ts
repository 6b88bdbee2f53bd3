/**
 * `audit` keeps, per deal id, where it was first seen (for `duplicate-id`): the one per-deal memory of
 * a streaming audit, so it is kept compact (ids as code units in one array, an open-addressing hash
 * table, a file-and-line source as one number). It must answer exactly as a `Map` of ids would.
 */
import { describe, expect, it } from 'vitest';
import { FirstPlaces, hashOf, SourceTable } from '../../src/cli/audit/first-places.js';
import type { Source } from '../../src/cli/errors.js';

describe('SourceTable', () => {
  const valid: Source[] = [
    { file: 'a.jsonl', line: 1 },
    { file: 'a.jsonl', line: 2 ** 31 - 1 },
    { file: 'b/c.jsonl', line: 7 },
    { file: 'a.jsonl', line: 0 },
    { file: '<stdin>', line: 12 },
  ];
  const kept: Source[] = [{ file: 'd.json' }, { file: 'e.json', line: 4, at: '$[2]' }, { file: 'f.xlsx', at: 'row 3' }, { file: 'g.jsonl', line: 2 ** 31 }, { file: 'h.jsonl', line: 1.5 }];

  it('a file and a line come back as they went in, files told apart', () => {
    const table = new SourceTable();
    const keys = valid.map((s) => table.key(s));
    for (const k of keys) expect(typeof k).toBe('number');
    expect(new Set(keys).size).toBe(valid.length);
    expect(keys.map((k) => table.source(k))).toEqual(valid);
  });

  it('any other source is kept as it is', () => {
    const table = new SourceTable();
    for (const s of kept) {
      expect(table.key(s)).toBe(s);
      expect(table.source(table.key(s))).toEqual(s);
    }
  });
});

/** What a `Map` of ids answers: the place an id was first seen, or undefined the first time. */
function reference(): (id: string, source: Source) => Source | undefined {
  const map = new Map<string, Source>();
  return (id, source) => {
    const first = map.get(id);
    if (first === undefined) map.set(id, source);
    return first;
  };
}

/** Checks every id in order with a `FirstPlaces` and a `Map`: the same answers, id by id. */
function sameAsMap(ids: readonly string[], places: FirstPlaces, sourceOf = (i: number): Source => ({ file: 'a.jsonl', line: i + 1 })) {
  const map = reference();
  for (let i = 0; i < ids.length; i++) expect(places.check(ids[i]!, sourceOf(i)), `id ${JSON.stringify(ids[i]).slice(0, 40)} at ${i}`).toEqual(map(ids[i]!, sourceOf(i)));
  expect(places.size).toBe(new Set(ids).size);
}

describe('FirstPlaces', () => {
  it('a repeated id gives where it was first seen, a new one undefined', () => {
    const firsts = new FirstPlaces();
    expect(firsts.check('D1', { file: 'a.jsonl', line: 1 })).toBeUndefined();
    expect(firsts.check('D2', { file: 'a.jsonl', line: 2 })).toBeUndefined();
    expect(firsts.check('D1', { file: 'b.jsonl', line: 4 })).toEqual({ file: 'a.jsonl', line: 1 });
    // The first place stays the first: a third deal with the id is also sent to a.jsonl:1.
    expect(firsts.check('D1', { file: 'b.jsonl', line: 9 })).toEqual({ file: 'a.jsonl', line: 1 });
    expect(firsts.size).toBe(2);
  });

  it('ids whose 32-bit hashes collide are told apart', () => {
    expect(hashOf('D-29845')).toBe(hashOf('D-205580'));
    const firsts = new FirstPlaces();
    expect(firsts.check('D-29845', { file: 'a.jsonl', line: 1 })).toBeUndefined();
    expect(firsts.check('D-205580', { file: 'a.jsonl', line: 2 })).toBeUndefined();
    expect(firsts.check('D-205580', { file: 'a.jsonl', line: 3 })).toEqual({ file: 'a.jsonl', line: 2 });
    expect(firsts.check('D-29845', { file: 'a.jsonl', line: 4 })).toEqual({ file: 'a.jsonl', line: 1 });
  });

  it('ids that share a slot of a small table, prefixes and the empty id are told apart', () => {
    sameAsMap(['a', 'ab', 'abc', '', 'b', 'ba', 'a', '', 'abc', 'ab\u0000', 'ab', 'ab\u0000'], new FirstPlaces(2));
  });

  it('growth far past the first capacity (2 slots, 4 KiB of code units, 1,024 entries) keeps every answer', () => {
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) ids.push(`G-${(i * 7919) % 12_000}`);
    sameAsMap(ids, new FirstPlaces(2));
  });

  it('long ids (longer than the first code-unit array), differing only in their last unit', () => {
    const long = 'x'.repeat(100_000);
    sameAsMap([long + 'a', long + 'b', long + 'a', long, long + 'b', 'short', long], new FirstPlaces(4));
  });

  it('non-ASCII ids are kept exactly: Chinese, astral characters, lone surrogates and U+FFFD differ', () => {
    sameAsMap(['商机-001', '商机-002', '😀', '\ud83d', '\ude00', '\ufffd', '商机-001', '\ud83d\ude00', '\ud83d', '\ufffd', '\ude00', 'é', 'e\u0301', 'é'], new FirstPlaces(2));
  });

  it('an id kept a byte per unit is not taken for one kept two bytes per unit with the same bytes', () => {
    // 'ab' is kept as the bytes 61 62; '\u6261' (one unit beyond U+00FF) as 61 62 too, marked wide.
    sameAsMap(['ab', '\u6261', 'ab', '\u6261', 'ÿ\u0000', '\u00ff', 'ÿ\u0000', '\u00ff'], new FirstPlaces(2));
    sameAsMap(['\u6261', 'ab', '\u6261', 'ab'], new FirstPlaces(2));
  });

  it('a source without a line (a JSON array element, a spreadsheet row) comes back as it was, beside numbered ones', () => {
    const sources: Source[] = [{ file: 'd.json' }, { file: 'f.xlsx', at: 'row 3' }, { file: 'a.jsonl', line: 5 }, { file: 'g.jsonl', line: 2 ** 31 }, { file: 'e.json', line: 4, at: '$[2]' }];
    const firsts = new FirstPlaces(2);
    sources.forEach((s, i) => expect(firsts.check(`D${i}`, s)).toBeUndefined());
    sources.forEach((s, i) => expect(firsts.check(`D${i}`, { file: 'z.jsonl', line: 1 })).toEqual(s));
  });

  it('many files and lines: each first place as it went in', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `D${i % 1000}`);
    sameAsMap(ids, new FirstPlaces(2), (i) => ({ file: `part-${i % 7}.jsonl`, line: 1 + ((i * 31) % 2000) }));
  });

  it('a capacity that is not a power of two is refused', () => {
    expect(() => new FirstPlaces(3)).toThrow(/power of two/);
  });
});
