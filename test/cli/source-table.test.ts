/**
 * `audit` keeps, per deal id, where it was first seen (for `duplicate-id`): the one per-deal memory of
 * a streaming audit, so a file-and-line source is kept as one number. It must give back the same place.
 */
import { describe, expect, it } from 'vitest';
import { SourceTable } from '../../src/cli/audit/run.js';
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
