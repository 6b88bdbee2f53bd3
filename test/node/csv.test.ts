/**
 * The CSV record reader (src/node/csv.ts): on valid CSV it gives the records csv-parse gives (the
 * reader it replaced), whatever the pieces the text comes in; a malformed record is one error, and
 * reading goes on at the next line.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvItem, CsvReader, csvFaultMessage } from '../../src/node/csv.js';

/** The items of `text` read `size` characters at a time. */
function read(text: string, delimiter: string, size: number, maxField?: number): CsvItem[] {
  const reader = new CsvReader(delimiter, maxField);
  const out: CsvItem[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...reader.read(text.slice(i, i + size)));
  return [...out, ...reader.end()];
}

/** A small seeded generator (the cases are the same on every run). */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

describe('CsvReader', () => {
  it('valid CSV: the records and lines csv-parse gives, in pieces of any size', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const r = random(seed);
      const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
      const delimiter = pick([',', ';', '\t']);
      const newline = pick(['\n', '\r\n']);
      const rows: string[] = [];
      for (let i = 0; i < 1 + r() * 5; i++) {
        const cells: string[] = [];
        for (let j = 0; j < 1 + r() * 4; j++) {
          const raw = Array.from({ length: Math.floor(r() * 5) }, () => pick(['a', ' ', delimiter, '"', '\n', 'é'])).join('');
          cells.push(/["\n]/.test(raw) || raw.includes(delimiter) || r() < 0.3 ? `"${raw.replaceAll('"', '""')}"` : raw);
        }
        rows.push(cells.join(delimiter));
      }
      const text = rows.join(newline) + (r() < 0.5 ? newline : '');
      const expected = (parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[]).map(({ record, info }) => ({ kind: 'record', values: record, line: info.lines }));
      for (const size of [1, 2, 7, text.length]) expect(read(text, delimiter, size), JSON.stringify(text)).toEqual(expected);
    }
  });

  it('a CRLF inside a quoted field is one line (csv-parse counted two)', () => {
    expect(read('id,a\r\n"x\r\ny",b\r\nB,c\r\n', ',', 1).map((i) => i.line)).toEqual([1, 3, 4]);
  });

  it.each([
    ['a stray quote', 'A"x"x"x"x,b\nB,c\n', { fault: 'opening-quote', line: 1, lastLine: 1, field: 0 }],
    ['junk after a closing quote', 'a,"B"j"u"n"k\nB,c\n', { fault: 'closing-quote', line: 1, lastLine: 1, field: 1 }],
    ['junk after a quoted field of two lines', '"A\nA"x,b\nB,c\n', { fault: 'closing-quote', line: 1, lastLine: 2, field: 0 }],
    ['an unclosed quote on the last line', 'a,"b\n', { fault: 'unclosed-quote', line: 1, lastLine: 1, field: 1, quoteLine: 1 }],
  ])('%s: one error, in pieces of any size', (_, text, error) => {
    for (const size of [1, 3, text.length]) {
      const items = read(text, ',', size);
      expect(items[0]).toEqual({ kind: 'error', ...error });
      expect(items.slice(1).filter((i) => i.kind === 'error')).toEqual([]);
    }
  });

  it('a record full of stray quotes is one error, and the next line is read', () => {
    expect(read(`A${'"x'.repeat(100_000)},b\nB,c\n`, ',', 65_536)).toEqual([
      { kind: 'error', fault: 'opening-quote', line: 1, lastLine: 1, field: 0 },
      { kind: 'record', values: ['B', 'c'], line: 2 },
    ]);
  });

  it('an unclosed quote takes in the lines after it: one error naming where it opened', () => {
    expect(read('a,b\nc,"d\ne,f\ng,h\n', ',', 2)).toEqual([
      { kind: 'record', values: ['a', 'b'], line: 1 },
      { kind: 'error', fault: 'unclosed-quote', line: 2, lastLine: 4, field: 1, quoteLine: 2 },
    ]);
  });

  it('every record line is read or reported, and only the bad ones are reported (any mix of valid and malformed rows)', () => {
    // Valid rows (one of two lines) and rows with a quote out of place that end on their line.
    const valid = fc.constantFrom('a,b', '"a,b",c', '"a ""b""",c', '"a\nb",c', 'a,', ',b');
    const bad = fc.constantFrom('a"b,c', 'a,b"c"', '"a"b,c', 'a,"b" ', '"a\nb"c,d', '"a"""b"x,c');
    const rows = fc.array(fc.oneof(valid.map((text) => ({ text, ok: true })), bad.map((text) => ({ text, ok: false }))), { maxLength: 12 });
    fc.assert(
      fc.property(rows, fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 9 }), (list, newline, size) => {
        const text = list.map((r) => r.text.replaceAll('\n', newline)).join(newline) + newline;
        const want: { ok: boolean; line: number }[] = [];
        let line = 1;
        for (const r of list) {
          want.push({ ok: r.ok, line: r.ok ? line + r.text.split('\n').length - 1 : line });
          line += r.text.split('\n').length;
        }
        expect(read(text, ',', size).map((i) => ({ ok: i.kind === 'record', line: i.line }))).toEqual(want);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  // A field is kept up to a bound (16 Mi characters; 10 here), so memory stays bounded whatever
  // the input: an unclosed quote near the top of a large file held the rest of the file.
  it.each([
    ['an unquoted field', 'a,0123456789X,c\nB,c\n', [{ kind: 'error', fault: 'too-long', line: 1, lastLine: 1, field: 1 }, { kind: 'record', values: ['B', 'c'], line: 2 }]],
    ['a quoted field over lines, read to its closing quote', '"0123\n456789X\nY",c\nB,c\n', [{ kind: 'error', fault: 'too-long', line: 1, lastLine: 3, field: 0 }, { kind: 'record', values: ['B', 'c'], line: 4 }]],
    ['a field of doubled quotes', `a,"${'""'.repeat(12)}"\nB,c\n`, [{ kind: 'error', fault: 'too-long', line: 1, lastLine: 1, field: 1 }, { kind: 'record', values: ['B', 'c'], line: 2 }]],
    ['an unclosed quote: the open quote is the fault', 'a,b\nc,"0123456789X\ne,f\n', [{ kind: 'record', values: ['a', 'b'], line: 1 }, { kind: 'error', fault: 'unclosed-quote', line: 2, lastLine: 3, field: 1, quoteLine: 2 }]],
    ['a field at the bound', 'a,0123456789\n', [{ kind: 'record', values: ['a', '0123456789'], line: 1 }]],
  ])('a field over the bound, %s: not kept, one error, the next line read', (_, text, items) => {
    for (const size of [1, 4, text.length]) expect(read(text, ',', size, 10)).toEqual(items);
  });

  it('an unclosed quote in 64 MiB of text keeps at most the bound', () => {
    const reader = new CsvReader(',', 1000);
    const piece = 'x'.repeat(1 << 20) + '\n';
    reader.read('a,"open');
    for (let i = 0; i < 64; i++) expect(reader.read(piece)).toEqual([]);
    expect(reader.end()).toEqual([{ kind: 'error', fault: 'unclosed-quote', line: 1, lastLine: 64, field: 1, quoteLine: 1 }]);
    expect((reader as unknown as { field: string }).field.length).toBeLessThanOrEqual(1000);
  });

  it('the too-long message names the field and both bounds', () => {
    expect(csvFaultMessage({ kind: 'error', fault: 'too-long', line: 3, lastLine: 5, field: 1 }, ',', 'notes')).toBe(
      'Field Too Long: field 2 ("notes") holds more than 16,777,216 characters, more than the reader keeps (a cell holds at most 32,767, Excel\'s limit); lines 3-5 are not read',
    );
  });
});
