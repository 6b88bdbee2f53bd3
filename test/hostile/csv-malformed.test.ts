/**
 * Malformed CSV (issue 11): a stray or unclosed quote used to end the run silently (exit 13). A
 * record with a quote out of place is one input error naming the file and line (however many quotes
 * it holds); reading goes on at the next line, so the good rows are still audited, none is dropped
 * and none is reported for an earlier bad one; exit 2.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/node/inputs.js';
import { AS_OF, dealsOf, folder, run } from './io.js';

const STRAY = `id,asOf,s1.1\nA1,${AS_OF},C\nA"2,${AS_OF},C\nA3,${AS_OF},F\n`;
const UNCLOSED = `id,asOf,s1.1\nA1,${AS_OF},C\n"A2,${AS_OF},C\nA3,${AS_OF},F\n`;

describe('malformed CSV', () => {
  it('a stray quote in an unquoted field (file): the line is named, the rows around it are audited', async () => {
    const r = await run(['audit', 'bad.csv', '-f', 'jsonl'], folder({ 'bad.csv': STRAY }));
    expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['A1', 'A3']);
    expect(r.stderr).toMatch(/^error {2}bad\.csv:3: invalid CSV: Invalid Opening Quote/m);
    expect(r.code).toBe(2);
  });

  it('the same from stdin', async () => {
    const r = await run(['audit', '-', '-f', 'jsonl'], folder(), STRAY);
    expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['A1', 'A3']);
    expect(r.stderr).toMatch(/^error {2}<stdin>:3: invalid CSV/m);
    expect(r.code).toBe(2);
  });

  it('an unclosed quote: the rows before it are audited and the error names the file', async () => {
    for (const [args, stdin] of [[['audit', 'bad.csv', '-f', 'jsonl'], ''], [['audit', '-', '--stdin-format', 'csv', '-f', 'jsonl'], UNCLOSED]] as const) {
      const r = await run([...args], folder({ 'bad.csv': UNCLOSED }), stdin);
      expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['A1']);
      expect(r.stderr).toMatch(/(bad\.csv|<stdin>):\d+: invalid CSV: Quote Not Closed/);
      expect(r.code).toBe(2);
    }
  });

  it('explain and diff read CSV the same way (an input error, exit 2, no crash)', async () => {
    const dir = folder({ 'bad.csv': STRAY });
    const diff = await run(['diff', 'bad.csv', 'bad.csv'], dir);
    expect(diff.stderr).toMatch(/bad\.csv:3: invalid CSV/);
    expect(diff.code).toBe(2);
  });
});

/** The lines of the `invalid CSV` errors for `name` in a run's stderr. */
const errorLines = (stderr: string, name: string): number[] => [...stderr.matchAll(new RegExp(`^error {2}${name.replace('.', '\\.')}:(\\d+): invalid CSV`, 'gm'))].map((m) => Number(m[1]));

describe('malformed quotes: every record line is audited or reported, and only the bad ones are reported', () => {
  const HEADER = 'id,asOf,s1.1,customer.name';
  // Valid rows, among them quoted fields with the delimiter, "" and a line break (two lines).
  const VALID = [`V1,${AS_OF},C,Acme`, `"V2",${AS_OF},"C","Acme, ""East"""`, `V3,${AS_OF},C,"Acme\nBranch"`, `V4,${AS_OF},C,`, `V5,${AS_OF},"C",Acme`];
  // Malformed records that end on their line (the last one spans two lines, both unread).
  const SHAPES: Record<string, string> = {
    'a stray quote in the first field': `X"1,${AS_OF},C,Acme`,
    'stray quotes in a later field': `X2,${AS_OF},C,Ac"me "Inc"`,
    'junk after the closing quote of the first field': `"X3"junk,${AS_OF},C,Acme`,
    'a space after a closing quote': `X4,${AS_OF},"C" ,Acme`,
    'junk after a quoted field of two lines': `X5,${AS_OF},C,"Acme\nEast"x`,
  };
  /** A file of the valid rows with `bad` rows before the valid row of each index; its bad records' first lines. */
  const build = (bad: [number, string][]): { text: string; lines: number[] } => {
    const rows: string[] = [HEADER];
    const lines: number[] = [];
    let line = 2;
    VALID.forEach((valid, i) => {
      for (const [at, row] of bad)
        if (at === i) {
          lines.push(line);
          rows.push(row);
          line += row.split('\n').length;
        }
      rows.push(valid);
      line += valid.split('\n').length;
    });
    for (const [at, row] of bad)
      if (at >= VALID.length) {
        lines.push(line);
        rows.push(row);
        line += row.split('\n').length;
      }
    return { text: `${rows.join('\n')}\n`, lines };
  };
  const cases = Object.entries(SHAPES).flatMap(([name, row]) => [0, 2, VALID.length].map((at) => ({ name, at, bad: [[at, row]] as [number, string][] })));
  cases.push({ name: 'every shape at once', at: -1, bad: Object.values(SHAPES).map((row, i): [number, string] => [i, row]) });

  it.each(cases)('$name (before valid row $at)', async ({ bad }) => {
    const { text, lines } = build(bad);
    const r = await run(['audit', 'bad.csv', '-f', 'jsonl'], folder({ 'bad.csv': text }));
    expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['V1', 'V2', 'V3', 'V4', 'V5']);
    expect(errorLines(r.stderr, 'bad.csv')).toEqual(lines);
    expect(r.code).toBe(2);
  });

  it('a record of two lines with a fault names both lines', async () => {
    const r = await run(['audit', 'bad.csv', '-f', 'jsonl'], folder({ 'bad.csv': build([[1, SHAPES['junk after a quoted field of two lines']!]]).text }));
    expect(r.stderr).toMatch(/^error {2}bad\.csv:3: invalid CSV: Invalid Closing Quote: characters after the closing quote of field 4 \("customer\.name"\); expected the delimiter "," or the end of the line; lines 3-4 are not read$/m);
  });

  it('a quote never closed takes in the rest of the file: one error naming the line where it opened and the lines taken in', async () => {
    const text = `${HEADER}\nV1,${AS_OF},C,Acme\nV2,${AS_OF},C,"Acme\nV3,${AS_OF},C,Acme\nV4,${AS_OF},C,Acme\n`;
    const r = await run(['audit', 'bad.csv', '-f', 'jsonl'], folder({ 'bad.csv': text }));
    expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['V1']);
    expect(errorLines(r.stderr, 'bad.csv')).toEqual([3]);
    expect(r.stderr).toMatch(/bad\.csv:3: invalid CSV: Quote Not Closed: the quote opening field 4 \("customer\.name"\) on line 3 is never closed, so it takes in the rest of the input; lines 3-5 are not read/);
    // On the last line, the error is that line alone.
    const last = await run(['audit', 'bad.csv', '-f', 'jsonl'], folder({ 'bad.csv': `${HEADER}\nV1,${AS_OF},C,Acme\n"V2,${AS_OF},C,Acme\n` }));
    expect(dealsOf(last.stdout).map((d) => d.id)).toEqual(['V1']);
    expect(errorLines(last.stderr, 'bad.csv')).toEqual([3]);
  });

  it.each(['id,as"Of,s1.1', '"id"x,asOf,s1.1', 'id,"asOf,s1.1'])('a quote out of place in the header (%s): one error for line 1, no row read', async (header) => {
    const r = await run(['audit', 'bad.csv', '-f', 'jsonl'], folder({ 'bad.csv': `${header}\nV1,${AS_OF},C\nV2,${AS_OF},C\n` }));
    expect(r.stdout).toBe('');
    expect(errorLines(r.stderr, 'bad.csv')).toEqual([1]);
    expect(r.stderr).toMatch(/without the header row no row of the file is read/);
    expect(r.code).toBe(2);
  });

  it('a field full of stray quotes is one error for its line, and the rows after it are audited', async () => {
    const r = await run(['audit', 'bad.csv', '-f', 'jsonl'], folder({ 'bad.csv': `id,asOf,s1.1\nA${'"x'.repeat(5000)},${AS_OF},C\nB,${AS_OF},C\n` }));
    expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['B']);
    expect(errorLines(r.stderr, 'bad.csv')).toEqual([2]);
    // The message names the field, not the text read so far.
    expect(r.stderr.length).toBeLessThan(1000);
  });
});

describe('large CSV', () => {
  it('a file of many chunks is read without piling up listeners on the parser (no MaxListenersExceededWarning)', async () => {
    // 40,000 rows (1.5 MB) are some 24 chunks of the file stream, each one a wait for the parser to drain.
    const rows = Array.from({ length: 40_000 }, (_, i) => `D${i},${AS_OF},C,Customer ${i}\n`).join('');
    const dir = folder({ 'big.csv': `id,asOf,s1.1,customer.name\n${rows}` });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    let deals = 0;
    try {
      for await (const e of readInputs(['big.csv'], { cwd: dir, stdin: Readable.from([]) })) if (e.kind === 'deal') deals += 1;
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(deals).toBe(40_000);
    expect(warnings).toEqual([]);
  });
});

describe('line ends', () => {
  // The delimiter is read off the first line; with lone \r line ends the "first line" was the whole
  // file, and `,` (from the amounts' thousands separators) won over `;`.
  it.each([
    ['\\r', '\r'],
    ['\\r\\n', '\r\n'],
    ['\\n', '\n'],
  ])('%s line ends: the delimiter of the header line, every row audited, from a file and from stdin', async (_, end) => {
    // More commas in the rows (thousands separators) than semicolons in the whole file.
    const text = ['id;amount', 'A;1,200,000', 'B;2,400,000', 'C;3,000,000'].join(end) + end;
    const dir = folder({ 'cr.csv': text });
    for (const r of [await run(['audit', 'cr.csv', '-f', 'jsonl'], dir), await run(['audit', '-', '-f', 'jsonl'], dir, text)]) {
      expect(r.stderr).toBe('');
      expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['A', 'B', 'C']);
    }
  });
});

describe('an empty header cell', () => {
  // The CSV reader refused the whole file ("column 2 of the header row is empty") where xlsx and
  // Sheets read every row and report only the cells under the empty header (docs/sheets.md).
  it('the rows with nothing under it are audited; a row with a value under it is reported by its cell', async () => {
    const r = await run(['audit', 't.csv', '-f', 'jsonl'], folder({ 't.csv': `id,asOf,,s1.1\nA,${AS_OF},stray,C\nB,${AS_OF},,C\n` }));
    expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['B']);
    expect(r.stderr).toContain('t.csv:2 (deal A): cell C2 holds "stray" but its column has no header');
    expect(r.code).toBe(2);
  });
});
